#!/usr/bin/env python3
"""A plain-Python reference of the expected-utility model as entente implements it (Scholz, Calbert
& Smith 2011; see crates/forecast/src/bdm.rs for the rules and the choices made), written from the
paper's formulas for two jobs: an independent check of entente's positions (the tests compare every
round), and the peer of the benchmark (benches/bdm.sh).

Plain Python, no numpy. The probability normaliser (a sum over every actor and pair of positions) is
computed once per phase, as entente does — not inside every probability as the public replication
does — so the peer does no redundant work.

    python3 benches/bdm_reference.py ACTORS.csv ROUNDS [--rules paper|replication]
    python3 benches/bdm_reference.py --random N ROUNDS [--seed S]     # N generated actors

Prints JSON: {"rounds": [{"positions": [...], "median": m, "mean": w, "moves": [[actor, from, kind]]}]}.
"""

import argparse
import csv
import json
import random
import sys
import time


def read(path):
    rows = list(csv.DictReader(open(path, newline="")))
    def pick(row, *names):
        for n in names:
            if n in row:
                return row[n]
        raise KeyError(names)
    return [(pick(r, "Actor", "Stakeholder"), float(pick(r, "Capability", "Resources")),
             float(pick(r, "Position")), float(pick(r, "Salience"))) for r in rows]


def run(actors, rounds, rules):
    n = len(actors)
    c = [a[1] for a in actors]
    s = [a[3] for a in actors]
    x = [a[2] for a in actors]
    rng = (max(x) - min(x)) or 1.0
    q = 1.0

    def vote(k, a, b, risk, x):
        return c[k] * s[k] * ((abs(x[k] - b) / rng) ** risk - (abs(x[k] - a) / rng) ** risk)

    def normaliser(x, r):
        total = 0.0
        for k in range(n):
            for m in range(n):
                for l in range(n):
                    total += abs(vote(k, x[m], x[l], r[k], x))
        return total

    def prob(a, b, x, r, norm):
        if a == b or norm == 0:
            return 0.0
        return sum(max(0.0, vote(k, a, b, r[k], x)) for k in range(n)) / norm

    def eu(view, i, j, x, r, norm):
        rr = r[view]
        p = prob(x[i], x[j], x, r, norm)
        d = abs(x[i] - x[j]) / rng
        us = 2 - 4 * (0.5 - 0.5 * d) ** rr
        uf = 2 - 4 * (0.5 + 0.5 * d) ** rr
        usq = 2 - 4 * 0.5 ** rr
        return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - q * usq

    def median(x):
        cands = sorted(set(x))
        m = cands[0]
        for p in cands[1:]:
            if sum(vote(k, p, m, 1.0, x) for k in range(n)) > 0:
                m = p
        return m

    def mean(x):
        return sum(c[k] * s[k] * x[k] for k in range(n)) / sum(c[k] * s[k] for k in range(n))

    out = [{"positions": list(x), "median": median(x), "mean": mean(x), "moves": []}]
    for _ in range(rounds):
        r = [1.0] * n
        norm = normaliser(x, r)
        danger = [sum(eu(i, j, i, x, r, norm) for j in range(n) if j != i) for i in range(n)]
        hi, lo = max(danger), min(danger)
        r = []
        for d in danger:
            ra = (2 * d - hi - lo) / (hi - lo) if hi > lo else 0.0
            r.append((1 - ra / 3) / (1 + ra / 3))
        norm = normaliser(x, r)
        new = list(x)
        moves = []
        for i in range(n):
            best = [None, None, None]
            for j in range(n):
                if x[i] == x[j]:
                    continue
                eij = eu(i, i, j, x, r, norm)
                eji = eu(i, j, i, x, r, norm)
                if eji > eij > 0:
                    kind, pos = 0, x[j]
                elif eji > 0 > eij and eji > abs(eij):
                    kind, pos = 1, x[i] + (x[j] - x[i]) * abs(eij / eji)
                elif rules == "paper" and eji > 0 > eij and eji < abs(eij):
                    kind, pos = 2, x[j]
                else:
                    continue
                if kind == 1 and rules == "replication":
                    key = (abs(eij) * x[i] + abs(eji) * x[j]) / (abs(eij) + abs(eji))
                else:
                    key = abs(x[i] - pos)
                if best[kind] is None or key < best[kind][0]:
                    best[kind] = (key, j, pos)
            for kind, b in enumerate(best):
                if b is not None:
                    new[i] = b[2]
                    moves.append([actors[i][0], actors[b[1]][0],
                                  ["confrontation", "compromise", "capitulation"][kind]])
                    break
        x = new
        out.append({"positions": list(x), "median": median(x), "mean": mean(x), "moves": moves})
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("csv", nargs="?")
    p.add_argument("rounds", type=int)
    p.add_argument("--rules", default="paper", choices=["paper", "replication"])
    p.add_argument("--random", type=int)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.random:
        g = random.Random(a.seed)
        actors = [(f"A{i}", g.random(), round(g.uniform(0, 100), 1), g.random()) for i in range(a.random)]
    else:
        actors = read(a.csv)
    t = time.perf_counter()
    rounds = run(actors, a.rounds, a.rules)
    secs = time.perf_counter() - t
    json.dump({"seconds": secs, "rounds": rounds}, sys.stdout)


if __name__ == "__main__":
    main()
