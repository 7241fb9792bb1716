#!/usr/bin/env python3
"""Can a rule driven by the ATOP member file reproduce ATOP's hand-coded partner obligations?

docs/datasets.md ("ATOP directed dyad-years") claims no: this script is the evidence. It re-derives the
directed dyad-years 1815-1944 from atop5_1m.csv as entente does (checked: 12,131 of 12,476 rows equal
ATOP's table), then tries, for each of defence, offence, neutrality and non-aggression, one of
  -  no rule (the obligation runs to every other member),
  P  "protege": owed only to members that lack it themselves (the codebook's Sweden example),
  R  "reciprocal": owed only to members that share it,
applied to members flagged `obvary` or to members flagged `asymm` (3^4 x 2 = 162 combinations), and
prints the best. Usage: python3 scripts/atop_partner_rules.py [../shared/data/atop]
"""
import csv
import itertools
import sys
from collections import defaultdict

DIR = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/atop"
OBS = ["defense", "offense", "neutral", "nonagg", "consul"]
members = list(csv.DictReader(open(f"{DIR}/atop5_1m.csv")))
atop = {}
for r in csv.DictReader(open(f"{DIR}/atop5_1_ddyr_1815-1944.csv")):
    atop[(int(r["ccode1"]), int(r["ccode2"]), int(r["year"]))] = tuple(
        int(r["atop_" + o]) for o in OBS
    )


def bound(r, which):
    """(y, m, d), a missing month or day at its start for entry and its end for exit."""
    num = lambda x: int(x) if x.strip() not in ("", "-9", "0") else None
    y, m, d = (num(r[p + which]) for p in ("yr", "mo", "day"))
    if y is None:
        return (2018, 12, 31)
    return (y, m or 1, d or 1) if which == "ent" else (y, m or 12, d or 31)


def has(r, o):
    return r[o].strip() == "1"


def derive(rule=None):
    phases = defaultdict(list)
    for r in members:
        if int(r["member"]) < 1000:
            phases[(r["atopid"], int(r["phase"]))].append(r)
    per = {}
    for (aid, ph), rows in phases.items():
        for a in rows:
            for b in rows:
                if a["member"] == b["member"]:
                    continue
                lo = max(bound(a, "ent"), bound(b, "ent"))
                hi = min(bound(a, "exit"), bound(b, "exit"))
                if lo > hi:
                    continue
                ob = [int(has(a, o)) for o in OBS]
                if rule:
                    ob = rule(a, b, rows, ob)
                for y in range(max(lo[0], 1815), min(hi[0], 1944) + 1):
                    k = (int(a["member"]), int(b["member"]), y, aid)
                    s = per.get(k)
                    if s is None or ph > s[0]:
                        per[k] = (ph, ob)
                    elif ph == s[0]:
                        per[k] = (ph, [x | z for x, z in zip(s[1], ob)])
    out = {}
    for (a, b, y, _), (_, ob) in per.items():
        o = out.get((a, b, y), [0] * 5)
        out[(a, b, y)] = [x | z for x, z in zip(o, ob)]
    return {k: tuple(v) for k, v in out.items()}


def equal(out):
    keys = set(out) | set(atop)
    return sum(1 for k in keys if out.get(k) == atop.get(k)), len(keys)


def rule(choice, gate):
    def f(a, b, rows, ob):
        if a[gate].strip() != "1":
            return ob
        ob = list(ob)
        for i, o in enumerate(OBS[:4]):
            if not ob[i]:
                continue
            others_lack = any(not has(r, o) for r in rows if r["member"] != a["member"])
            if choice[i] == "P" and has(b, o) and others_lack:
                ob[i] = 0
            if choice[i] == "R" and not has(b, o):
                ob[i] = 0
        return ob

    return f


same, rows = equal(derive())
print(f"member file alone: {same} of {rows} rows ({100 * same / rows:.2f}%)")
results = []
for gate in ("obvary", "asymm"):
    for choice in itertools.product("-PR", repeat=4):
        s, n = equal(derive(rule(choice, gate)))
        results.append((s, n, gate, "".join(choice)))
results.sort(reverse=True)
print(f"{len(results)} rule combinations (defence, offence, neutrality, non-aggression); the best:")
for s, n, gate, choice in results[:5]:
    print(f"  {choice} on {gate} members: {s} of {n} rows ({100 * s / n:.2f}%)")
