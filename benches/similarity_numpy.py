#!/usr/bin/env python3
"""Vectorised numpy implementation of entente's alliance-portfolio similarity panel, for the
side-by-side benchmark (benches/similarity.sh).

Input: a directed dyad-year Parquet panel with ATOP and COW ties and CINC (entente panel ... --with
atop,cow,nmc). For every year it builds the dense portfolio matrices (ATOP coding: defence or offence 3,
neutrality or consultation 2, non-aggression 1; COW: defence 3, neutrality or non-aggression 2, entente
1; a state's own entry 3; the ties a state owes), then computes all 14 measures for all pairs at once:
the 4x4 cross-tabulations of every pair come from one matrix product of one-hot encodings; S, squared S,
binary S, tau-b (its concordant and discordant counts from suffix sums, vectorised), quadratic kappa
and Scott's pi from the tables; capability-weighted S from a weighted product. Every measure is
symmetric in the pair, so each unordered pair is computed once. Only this computation is timed. The
result is checked against entente's similarity panel. The BLAS threads numpy uses are printed
(threadpoolctl); benches/similarity.sh runs it pinned to one thread and with its default.

Usage: similarity_numpy.py TIES.parquet SIM.parquet [RUNS]
"""
import sys
import time

import numpy as np
import pyarrow.parquet as pq

NAMES = ["s_atop", "s_atop_sq", "s_atop_wt", "s_atop_bin", "taub_atop", "kappa_atop", "pi_atop",
         "s_cow", "s_cow_sq", "s_cow_wt", "s_cow_bin", "taub_cow", "kappa_cow", "pi_cow"]


def prepare(ties):
    t = {c: ties[c].to_numpy(zero_copy_only=False) for c in ties.schema.names}
    years = []
    for y in np.unique(t["year"]):
        m = t["year"] == y
        a, b = t["ccode1"][m], t["ccode2"][m]
        states = np.unique(np.concatenate([a, b]))
        n = len(states)
        ia, ib = np.searchsorted(states, a), np.searchsorted(states, b)
        def code(parts):
            out = np.zeros(len(a), dtype=np.int8)
            for level, cols in parts:
                hit = np.zeros(len(a), dtype=bool)
                for c in cols:
                    v = t[c][m]
                    hit |= np.nan_to_num(v.astype(float), nan=0) == 1
                out = np.where((out == 0) & hit, level, out)
            return out
        atop_covered = not np.all(np.isnan(t["atop_defense"][m].astype(float)))
        cow_covered = not np.all(np.isnan(t["cow_defense"][m].astype(float)))
        pa = np.full((n, n), 3, dtype=np.int8)
        pc = np.full((n, n), 3, dtype=np.int8)
        pa[ia, ib] = code([(3, ["atop_defense", "atop_offense"]), (2, ["atop_neutral", "atop_consul"]), (1, ["atop_nonagg"])])
        pc[ia, ib] = code([(3, ["cow_defense"]), (2, ["cow_neutral", "cow_nonagg"]), (1, ["cow_entente"])])
        cinc = np.zeros(n)
        c1 = np.nan_to_num(t["cinc1"][m].astype(float), nan=0.0)
        cinc[ia] = c1
        years.append((int(y), states, pa, pc, atop_covered, cow_covered, cinc))
    return years


def suffix(c, axis):
    """Sums over the strictly later cells along `axis` (a' > a), for every cell: a reversed cumsum
    shifted by one."""
    r = np.flip(np.cumsum(np.flip(c, axis), axis), axis)
    out = np.zeros_like(c)
    src = [slice(None)] * c.ndim
    dst = [slice(None)] * c.ndim
    src[axis], dst[axis] = slice(1, None), slice(None, -1)
    out[tuple(dst)] = r[tuple(src)]
    return out


def prefix(c, axis):
    """Sums over the strictly earlier cells along `axis` (b' < b): a cumsum shifted by one."""
    r = np.cumsum(c, axis)
    out = np.zeros_like(c)
    src = [slice(None)] * c.ndim
    dst = [slice(None)] * c.ndim
    src[axis], dst[axis] = slice(None, -1), slice(1, None)
    out[tuple(dst)] = r[tuple(src)]
    return out


def measures(p, w):
    """The seven measures for every unordered pair i < j once (all are symmetric in i and j: the
    4x4 table of (j, i) is the transpose of (i, j)), returned as full symmetric n x n matrices."""
    n = p.shape[0]
    onehot = (p[:, :, None] == np.arange(4)).astype(np.float64)        # (i, k, a)
    a = onehot.transpose(0, 2, 1).reshape(n * 4, n)                     # rows (i, a), cols k
    iu, ju = np.triu_indices(n, 1)
    full = (a @ a.T).reshape(n, 4, n, 4)                                # (i, a, j, b)
    c = full[iu, :, ju, :]                                              # (pair, a, b)
    fullw = ((a * w[None, :]) @ a.T).reshape(n, 4, n, 4)
    cw = fullw[iu, :, ju, :]
    lv = np.arange(4)
    dist = np.abs(lv[:, None] - lv[None, :]) / 3.0
    s = 1 - 2 * np.einsum("pab,ab->p", c, dist) / n
    s_sq = 1 - 2 * np.einsum("pab,ab->p", c, dist ** 2) / n
    total = w.sum()
    s_wt = 1 - 2 * np.einsum("pab,ab->p", cw, dist) / total if total > 0 else np.full(len(iu), np.nan)
    binary = ((lv[:, None] > 0) != (lv[None, :] > 0)).astype(float)
    s_bin = 1 - 2 * np.einsum("pab,ab->p", c, binary) / n
    # tau-b: concordant pairs of cells (a' > a, b' > b) and discordant ones (a' > a, b' < b), from
    # suffix and prefix sums over the 4x4 tables.
    later_a = suffix(c, 1)
    above = suffix(later_a, 2)
    below = prefix(later_a, 2)
    conc = (c * above).sum(axis=(1, 2))
    disc = (c * below).sum(axis=(1, 2))
    rows = c.sum(axis=2)
    cols = c.sum(axis=1)
    n0 = n * (n - 1) / 2
    t1 = (rows * (rows - 1) / 2).sum(axis=1)
    t2 = (cols * (cols - 1) / 2).sum(axis=1)
    den = np.sqrt((n0 - t1) * (n0 - t2))
    with np.errstate(divide="ignore", invalid="ignore"):
        taub = np.where(den > 0, (conc - disc) / den, np.nan)
        pj = c / n
        px, py = pj.sum(axis=2), pj.sum(axis=1)
        wq = dist ** 2
        obs = np.einsum("pab,ab->p", pj, wq)
        exp = np.einsum("pa,pb,ab->p", px, py, wq)
        kappa = np.where(exp > 0, 1 - obs / exp, np.nan)
        po = np.einsum("paa->p", pj)
        pe = (((px + py) / 2) ** 2).sum(axis=1)
        pi = np.where(pe < 1, (po - pe) / (1 - pe), np.nan)
    out = []
    for v in (s, s_sq, s_wt, s_bin, taub, kappa, pi):
        m = np.full((n, n), np.nan)
        m[iu, ju] = v
        m[ju, iu] = v
        out.append(m)
    return out


def compute(years):
    out = []
    for (y, states, pa, pc, atop_cov, cow_cov, cinc) in years:
        n = len(states)
        cols = []
        for p, cov in ((pa, atop_cov), (pc, cow_cov)):
            ms = measures(p, cinc) if cov else [np.full((n, n), np.nan)] * 7
            cols.extend(ms)
        out.append((y, states, cols))
    return out


def main():
    ties = pq.read_table(sys.argv[1])
    sim = pq.read_table(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    years = prepare(ties)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        res = compute(years)
        times.append(time.perf_counter() - t)
    times.sort()
    # Same numbers: every directed dyad-year, every measure.
    s = {c: sim[c].to_numpy(zero_copy_only=False) for c in sim.schema.names}
    worst = 0.0
    checked = 0
    for (y, states, cols) in res:
        m = s["year"] == y
        ia = np.searchsorted(states, s["ccode1"][m])
        ib = np.searchsorted(states, s["ccode2"][m])
        for name, mat in zip(NAMES, cols):
            ours = mat[ia, ib]
            theirs = s[name][m].astype(float)
            both_nan = np.isnan(ours) & np.isnan(theirs)
            d = np.abs(ours - theirs)
            d[both_nan] = 0.0
            if np.isnan(d).any():
                raise SystemExit(f"{name} {y}: missing in one implementation only")
            worst = max(worst, float(d.max()) if len(d) else 0.0)
            checked += len(d)
    if worst > 1e-9:
        raise SystemExit(f"numpy and entente differ by up to {worst}")
    rows = sum(len(st) * (len(st) - 1) for (_, st, _) in res)
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i['num_threads']} thread(s)" for i in threadpool_info())
    except ImportError:
        blas = "threads unknown (no threadpoolctl)"
    print(f"numpy similarity: {rows} directed dyad-years, 14 measures, BLAS {blas}: median "
          f"{times[len(times) // 2]:.3f} s of {runs} runs "
          f"(same numbers: {checked} values, largest difference {worst:.1e})")


if __name__ == "__main__":
    main()
