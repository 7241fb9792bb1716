//! Doreian & Mrvar's (1996) signed blockmodel: nodes into k blocks so that negative ties fall
//! between blocks and positive ties within, minimising the criterion
//!
//! P(C) = α·N + (1 − α)·P,
//!
//! N the negative ties within blocks, P the positive ties between, each undirected tie counted in
//! both directions as the adjacency matrix has it (the convention of Doreian & Mrvar's matrices
//! and of signnet's `signed_blockmodel`; a tie counted once gives half). α weighs the two errors
//! (0.5: alike).
//!
//! **Search.** Doreian & Mrvar's relocation algorithm: from a random partition, move one node to
//! another block, or swap two nodes of different blocks, whenever that lowers P(C), until no move
//! or swap does; from many seeded random starts (run in parallel; the best, ties broken by the
//! lowest start, is the same on any thread count). It is a local search: the criterion is the best
//! found, not a proven optimum (for k = 2 and α = 0.5 the frustration index is the exact optimum
//! of the same criterion, halved).

use crate::Graph;
use crate::rng::SplitMix64;
use rayon::prelude::*;
use serde::Serialize;

/// A partition and its criterion.
#[derive(Clone, Debug, Serialize)]
pub struct Blockmodel {
    pub k: usize,
    pub alpha: f64,
    /// Each node's block, 0..k, numbered in order of first appearance (node 0 is in block 0).
    pub block: Vec<usize>,
    /// α·N + (1 − α)·P with each tie counted twice.
    pub criterion: f64,
    /// Negative ties within blocks and positive ties between, each counted once.
    pub negative_within: usize,
    pub positive_between: usize,
    /// Random starts run, and how many reached the best criterion.
    pub starts: usize,
    pub starts_at_best: usize,
}

/// The signed blockmodel of `g` into `k` blocks (k ≥ 1) with weight `alpha`, from `starts`
/// random partitions seeded from `seed`.
pub fn blockmodel(g: &Graph, k: usize, alpha: f64, starts: usize, seed: u64) -> Blockmodel {
    let k = k.max(1);
    let n = g.n();
    let adj = g.adjacency();
    let runs: Vec<(f64, Vec<usize>)> = (0..starts.max(1))
        .into_par_iter()
        .map(|i| {
            let mut r = SplitMix64::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            let mut block: Vec<usize> = (0..n).map(|_| r.below(k)).collect();
            relocate(&adj, &mut block, k, alpha);
            (criterion(g, &block, alpha), canonical(&block))
        })
        .collect();
    let best = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    let at_best = runs.iter().filter(|r| r.0 <= best + 1e-9).count();
    let block = runs
        .into_iter()
        .find(|r| r.0 <= best + 1e-9)
        .map(|r| r.1)
        .unwrap_or_default();
    let (nw, pb) = errors(g, &block);
    Blockmodel {
        k,
        alpha,
        criterion: criterion(g, &block, alpha),
        block,
        negative_within: nw,
        positive_between: pb,
        starts: starts.max(1),
        starts_at_best: at_best,
    }
}

/// Negative ties within blocks and positive ties between, each once.
pub fn errors(g: &Graph, block: &[usize]) -> (usize, usize) {
    let mut nw = 0;
    let mut pb = 0;
    for e in &g.edges {
        let same = block[e.a] == block[e.b];
        match (e.sign, same) {
            (crate::Sign::Negative, true) => nw += 1,
            (crate::Sign::Positive, false) => pb += 1,
            _ => {}
        }
    }
    (nw, pb)
}

/// α·N + (1 − α)·P, each tie counted in both directions.
pub fn criterion(g: &Graph, block: &[usize], alpha: f64) -> f64 {
    let (nw, pb) = errors(g, block);
    2.0 * (alpha * nw as f64 + (1.0 - alpha) * pb as f64)
}

/// Block labels renumbered by first appearance, so equal partitions compare equal.
pub fn canonical(block: &[usize]) -> Vec<usize> {
    let mut map = std::collections::HashMap::new();
    block
        .iter()
        .map(|b| {
            let next = map.len();
            *map.entry(*b).or_insert(next)
        })
        .collect()
}

/// The change in the criterion (ties counted once) if `v` moved from its block to `to`.
fn move_delta(
    adj: &[Vec<(usize, i8, usize)>],
    block: &[usize],
    v: usize,
    to: usize,
    alpha: f64,
) -> f64 {
    let from = block[v];
    let mut d = 0.0;
    for &(u, s, _) in &adj[v] {
        if u == v {
            continue;
        }
        let bu = block[u];
        let (was, now) = (bu == from, bu == to);
        if was == now {
            continue;
        }
        // Negative within costs α; positive between costs 1 − α.
        let cost = |within: bool| {
            if s < 0 && within {
                alpha
            } else if s > 0 && !within {
                1.0 - alpha
            } else {
                0.0
            }
        };
        d += cost(now) - cost(was);
    }
    d
}

/// Moves and swaps while they lower the criterion.
fn relocate(adj: &[Vec<(usize, i8, usize)>], block: &mut [usize], k: usize, alpha: f64) {
    let n = block.len();
    let eps = 1e-12;
    loop {
        let mut improved = false;
        for v in 0..n {
            let (mut best_to, mut best_d) = (block[v], -eps);
            for to in 0..k {
                if to != block[v] {
                    let d = move_delta(adj, block, v, to, alpha);
                    if d < best_d {
                        best_d = d;
                        best_to = to;
                    }
                }
            }
            if best_to != block[v] {
                block[v] = best_to;
                improved = true;
            }
        }
        if improved {
            continue;
        }
        // Swaps: v to u's block and u to v's.
        'swaps: for v in 0..n {
            for u in v + 1..n {
                let (bv, bu) = (block[v], block[u]);
                if bv == bu {
                    continue;
                }
                let d1 = move_delta(adj, block, v, bu, alpha);
                block[v] = bu;
                let d2 = move_delta(adj, block, u, bv, alpha);
                if d1 + d2 < -eps {
                    block[u] = bv;
                    improved = true;
                    break 'swaps;
                }
                block[v] = bv;
            }
        }
        if !improved {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sign;

    #[test]
    fn two_clean_camps_are_found_with_criterion_zero() {
        let mut ties = Vec::new();
        for a in 0..6 {
            for b in a + 1..6 {
                let s = if (a < 3) == (b < 3) {
                    Sign::Positive
                } else {
                    Sign::Negative
                };
                ties.push((a, b, s));
            }
        }
        let g = Graph::new((0..6).map(|i| i.to_string()).collect(), ties).unwrap();
        let m = blockmodel(&g, 2, 0.5, 20, 1);
        assert_eq!(m.criterion, 0.0);
        assert_eq!(m.block, vec![0, 0, 0, 1, 1, 1]);
        // Deterministic whatever the pool.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let again = one.install(|| blockmodel(&g, 2, 0.5, 20, 1));
        assert_eq!(again.block, m.block);
    }
}
