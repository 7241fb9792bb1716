#!/usr/bin/env python3
"""The exact frustration index of signed networks by integer programming, solved by HiGHS — the
independent check (and the benchmark's peer) for entente's combinatorial solver.

The model is the binary linear programme of Aref, Mason & Wilson (2020), "Computing the line index
of balance using integer programming optimisation" (their XOR model): a 0/1 camp x_i for each node
and a 0/1 f_ij for each tie, minimise sum f_ij subject to, for a positive tie,
f_ij >= x_i - x_j and f_ij >= x_j - x_i, and for a negative tie, f_ij >= x_i + x_j - 1 and
f_ij >= 1 - x_i - x_j; one node's camp is fixed (the camps are symmetric).

Input: CSV with columns period,from,to,sign (the shape of ../shared/data/oracles/cow_signed_networks/
cow_signed_edges.csv; a file without a period column is one network). Output: one JSON line per
network: period, nodes, edges, index, seconds (HiGHS's run alone, model building excluded), status.

    python3 scripts/frustration_milp.py EDGES.csv [--threads N]
"""

import argparse
import csv
import json
import sys
import time
from collections import OrderedDict

import highspy
import numpy as np


def networks(path):
    nets = OrderedDict()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            nets.setdefault(row.get("period", ""), []).append((row["from"], row["to"], int(row["sign"])))
    return nets


def solve(ties, threads):
    ids = {}
    for a, b, _ in ties:
        for v in (a, b):
            ids.setdefault(v, len(ids))
    n, m = len(ids), len(ties)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.0)
    inf = highspy.kHighsInf
    # Columns: x_0..x_{n-1}, then f_0..f_{m-1}; all binary; cost 1 on f.
    lower = np.zeros(n + m)
    upper = np.ones(n + m)
    upper[0] = 0.0  # one node's camp fixed
    cost = np.concatenate([np.zeros(n), np.ones(m)])
    h.addVars(n + m, lower, upper)
    h.changeColsCost(n + m, np.arange(n + m, dtype=np.int32), cost)
    h.changeColsIntegrality(n + m, np.arange(n + m, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * (n + m)))
    for k, (a, b, s) in enumerate(ties):
        i, j, f = ids[a], ids[b], n + k
        if s > 0:
            # f - x_i + x_j >= 0 ; f + x_i - x_j >= 0
            h.addRow(0.0, inf, 3, np.array([f, i, j], dtype=np.int32), np.array([1.0, -1.0, 1.0]))
            h.addRow(0.0, inf, 3, np.array([f, i, j], dtype=np.int32), np.array([1.0, 1.0, -1.0]))
        else:
            # f - x_i - x_j >= -1 ; f + x_i + x_j >= 1
            h.addRow(-1.0, inf, 3, np.array([f, i, j], dtype=np.int32), np.array([1.0, -1.0, -1.0]))
            h.addRow(1.0, inf, 3, np.array([f, i, j], dtype=np.int32), np.array([1.0, 1.0, 1.0]))
    t = time.perf_counter()
    h.run()
    secs = time.perf_counter() - t
    status = h.modelStatusToString(h.getModelStatus())
    return n, m, int(round(h.getInfo().objective_function_value)), secs, status


def main():
    p = argparse.ArgumentParser()
    p.add_argument("edges")
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    for period, ties in networks(a.edges).items():
        n, m, index, secs, status = solve(ties, a.threads)
        print(json.dumps({"period": period, "nodes": n, "edges": m, "index": index,
                          "seconds": round(secs, 4), "status": status}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
