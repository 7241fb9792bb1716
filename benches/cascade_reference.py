#!/usr/bin/env python3
"""Plain-Python reference of entente's cascade rules, for the side-by-side benchmark.

It reads the compiled crisis that `entente cascade ... --export-engine FILE` writes (obligations with
their place checks, dynamic conditions and honouring rates) and runs the same propagation:
waves of entry, defence binds when the beneficiary is attacked (place and dynamic conditions hold),
offence when it attacks, proposals grouped per obligor, conflicts and neutrality keep a state out,
counter-attacks when enabled. No third-party packages.

Usage:
  cascade_reference.py ENGINE.json --deterministic        # prints the two sides as JSON
  cascade_reference.py ENGINE.json --trials N --seed S    # prints per-actor probabilities as JSON
"""
import json
import random
import sys
import time

OTHER_SIDE = 65535


def load(path):
    with open(path) as f:
        return json.load(f)


class Sim:
    def __init__(self, w):
        self.w = w
        self.n = len(w["ids"])
        self.obs = w["obs"]
        self.owed_to = w["owed_to"]
        self.neutral = w["neutral"]
        self.counter = w["counter_attack_triggers"]

    def opposite(self, side, b):
        s = side[b]
        if s == 1:
            return self.members[1]
        if s == 2:
            return self.members[0]
        return []

    def dynamic_ok(self, o, a, side):
        b = o["beneficiary"]
        for d in o["dynamic"]:
            k = d["kind"]
            if k == "adversary":
                who = a[1] if o["kind"] == "offence" else a[0]
                if who == OTHER_SIDE:
                    if not any(x in d["arg"] for x in self.opposite(side, b)):
                        return False
                elif who not in d["arg"]:
                    return False
            elif k == "min-adversaries":
                if len(self.opposite(side, b)) < d["arg"]:
                    return False
            elif k == "non-provocation":
                if o["kind"] != "offence" and side[b] == 1:
                    return False
            elif k == "war-with":
                if not any(x in d["arg"] for x in self.opposite(side, b)):
                    return False
        return True

    def trigger(self, o, attacks, side):
        b = o["beneficiary"]
        best = None
        for i, a in enumerate(attacks):
            attacker, victim, place, kind = a
            if o["kind"] == "defence":
                relevant = victim == b
            elif o["kind"] == "offence":
                relevant = attacker == b and kind != "counter"
            else:
                relevant = False
            if not relevant:
                continue
            check = o["place"][place]["result"]
            if check == "no":
                continue
            if not self.dynamic_ok(o, a, side):
                continue
            if check == "yes":
                return (False, i)
            if best is None:
                best = (True, i)
        return best

    def run(self, decide, neutral):
        """decide(ob_index, ob, place_unknown) -> bool; neutral(ob_index, ob) -> bool."""
        side = [0] * self.n
        self.members = [[], []]
        attacks = []
        # bit 0: attacked; bit 1: attacking (as in entente: obligations owed to actors neither
        # attacked nor attacking are skipped without a scan)
        hit = [0] * self.n

        def attack(a):
            hit[a[1]] |= 1
            if a[0] != OTHER_SIDE and a[3] != "counter":
                hit[a[0]] |= 2
            attacks.append(a)
        decided = set()
        entered_now = []

        def enter(x, s):
            if side[x] != 0:
                return
            side[x] = s
            self.members[s - 1].append(x)
            entered_now.append(x)

        for m in self.w["moves"]:
            if "Attack" in m:
                a, t = m["Attack"]["attacker"], m["Attack"]["target"]
                enter(a, 1)
                enter(t, 2)
                attack((a, t, 0, "initial"))
            elif "Strike" in m:
                a, v, p = m["Strike"]["attacker"], m["Strike"]["victim"], m["Strike"]["place"]
                sa, sv = side[a], side[v]
                if sa == 0 and sv == 0:
                    ca, cv = 1, 2
                elif sa == 0:
                    ca, cv = 3 - sv, sv
                else:
                    ca, cv = sa, 3 - sa
                enter(a, ca)
                enter(v, cv)
                attack((a, v, p, "strike"))
            else:
                j, of = m["Join"]["joiner"], m["Join"]["side_of"]
                if side[of] != 0:
                    enter(j, side[of])

        def counters():
            if self.counter:
                for x in entered_now:
                    attack((OTHER_SIDE, x, 0, "counter"))
            entered_now.clear()

        counters()
        while True:
            proposals = []
            for s in range(2):
                for b in list(self.members[s]):
                    h = hit[b]
                    if h == 0:
                        continue
                    for obi in self.owed_to[b]:
                        o = self.obs[obi]
                        kind = o["kind"]
                        if kind == "defence":
                            if not h & 1:
                                continue
                        elif kind == "offence":
                            if not h & 2:
                                continue
                        else:
                            continue
                        if not o["in_force"] or obi in decided or side[o["obligor"]] != 0:
                            continue
                        t = self.trigger(o, attacks, side)
                        if t is None:
                            continue
                        decided.add(obi)
                        place_unknown, attack = t
                        if decide(obi, o, place_unknown):
                            proposals.append((o["obligor"], side[b], obi, attack))
            if not proposals:
                break
            done = []
            for actor, _, _, _ in proposals:
                if actor in done:
                    continue
                done.append(actor)
                mine = [p for p in proposals if p[0] == actor]
                s = mine[0][1]
                if any(p[1] != s for p in mine):
                    continue
                held = None
                for n in self.neutral[actor]:
                    no = self.obs[n]
                    if no["in_force"] and side[no["beneficiary"]] == 3 - s:
                        held = n
                        break
                if held is not None and neutral(held, self.obs[held]):
                    continue
                enter(actor, s)
                for (_, _, obi, attack) in mine:
                    if self.obs[obi]["kind"] == "offence":
                        a = attacks[attack]
                        attack((actor, a[1], a[2], "offence"))
            if not entered_now:
                break
            counters()
        return side


def main():
    args = sys.argv[1:]
    w = load(args[0])
    sim = Sim(w)
    if "--deterministic" in args:
        side = sim.run(lambda i, o, unknown: not unknown and not o["unresolved"], lambda i, o: True)
        print(json.dumps({"aggressor": sorted(w["ids"][i] for i in range(len(side)) if side[i] == 1),
                          "defender": sorted(w["ids"][i] for i in range(len(side)) if side[i] == 2)}))
        return
    trials = int(args[args.index("--trials") + 1])
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    unresolved = float(args[args.index("--unresolved-p") + 1]) if "--unresolved-p" in args else 0.5
    rng = random.Random(seed)

    def decide(i, o, place_unknown):
        p_cond = o["p_condition"] * (unresolved if place_unknown else 1.0)
        if p_cond < 1.0 and rng.random() >= p_cond:
            return False
        return rng.random() < o["p_honour"]

    def neutral(i, o):
        return rng.random() < o["p_honour"]

    counts = [[0, 0] for _ in w["ids"]]
    start = time.perf_counter()
    for _ in range(trials):
        side = sim.run(decide, neutral)
        for i, s in enumerate(side):
            if s:
                counts[i][s - 1] += 1
    secs = time.perf_counter() - start
    out = {w["ids"][i]: {"p_aggressor": c[0] / trials, "p_defender": c[1] / trials}
           for i, c in enumerate(counts) if c[0] or c[1]}
    print(json.dumps({"trials": trials, "seconds": secs, "trials_per_second": trials / secs, "actors": out}))


if __name__ == "__main__":
    main()
