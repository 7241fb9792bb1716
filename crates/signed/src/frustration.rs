//! The exact frustration index (line index of balance; Harary 1959): the fewest ties that are
//! negative within a camp or positive between camps, over every split of the nodes into two camps —
//! equivalently, the fewest ties whose removal leaves a balanced graph (Cartwright & Harary 1956:
//! balanced iff the nodes split so that every positive tie is within and every negative tie between).
//!
//! **Method.** Two reductions, then an exact search.
//!
//! 1. *Biconnected blocks.* Every cycle lies within one block (Tarjan 1972's biconnected
//!    components), and balance is a property of cycles, so the index is the sum of the blocks'
//!    indices and an optimal split is assembled block by block: each block's split gives every tie
//!    in it a relation (same camp or not), and since no cycle crosses blocks, a search over the
//!    whole graph following those relations never meets a contradiction. Bridges (a block of one
//!    tie, which includes every tie to a node of degree 1) are never frustrated.
//! 2. *Russian-doll search* (Verfaillie, Lemaître & Schiex 1996) in each block: with the nodes in
//!    an order v₁…vₙ (most-connected-to-the-ones-before first), solve the sub-blocks induced on
//!    {vₙ}, {vₙ₋₁, vₙ}, …, each by depth-first branch and bound on the nodes' camps in that order,
//!    and use each optimum as a bound in the next. At a search node with v₁…v_{d−1} placed, the
//!    lower bound is (ties already frustrated) + Σ over unplaced u of min(ties u would frustrate
//!    to the placed nodes on either side) + (the exact optimum of the sub-block on v_d…vₙ): the
//!    three count disjoint sets of ties, each at its least. The first node of each sub-block is fixed
//!    to one camp (the two camps are symmetric). The incumbent starts from the previous sub-block's
//!    optimum extended by the new node's better side.
//!
//! The search is exact; a [`Budget`] can stop it, and then the result is the best split found
//! ([`Frustration::index`]) with a proven lower bound ([`Frustration::lower_bound`]: the optima of
//! the solved sub-blocks, which cannot exceed their blocks' indices) and `optimal: false`.

use crate::Graph;
use rayon::prelude::*;
use serde::Serialize;
use std::time::{Duration, Instant};

/// When to stop searching. Unlimited by default.
#[derive(Clone, Copy, Debug, Default)]
pub struct Budget {
    /// Wall time for the whole graph (blocks are searched in parallel).
    pub time: Option<Duration>,
    /// Search nodes per block (deterministic, unlike time).
    pub nodes: Option<u64>,
}

/// The frustration index of a graph and a split that attains it.
#[derive(Clone, Debug, Serialize)]
pub struct Frustration {
    /// The number of frustrated ties in the best split found (the index, when `optimal`).
    pub index: usize,
    /// A proven lower bound; equal to `index` when `optimal`.
    pub lower_bound: usize,
    pub optimal: bool,
    /// Each node's camp (false / true); camps are defined up to swapping.
    pub camp: Vec<bool>,
    /// The frustrated ties (edge indices): negative within a camp or positive between.
    pub frustrated: Vec<usize>,
    /// Biconnected blocks with a cycle, and the largest one's nodes.
    pub blocks: usize,
    pub largest_block: usize,
    /// Branch-and-bound nodes visited, all blocks.
    pub search_nodes: u64,
    /// Wall time of the search (not serialised: outputs stay the same run to run).
    #[serde(skip)]
    pub seconds: f64,
}

impl Frustration {
    /// 1 − L / (m / 2): Aref & Wilson's (2018) normalised frustration balance (1 balanced; m/2 is the
    /// most a graph of m ties can need, as a random split frustrates half in expectation).
    pub fn balance_score(&self, ties: usize) -> f64 {
        if ties == 0 {
            1.0
        } else {
            1.0 - self.index as f64 / (ties as f64 / 2.0)
        }
    }
}

/// The exact frustration index of `g` (see the module for the method).
pub fn frustration(g: &Graph, budget: &Budget) -> Frustration {
    let n = g.n();
    let adj = g.adjacency();
    let blocks = biconnected_blocks(n, &adj, g.edges.len());
    let started = Instant::now();
    let deadline = budget.time.map(|t| started + t);
    // Blocks with a cycle get searched, largest first so the parallel pool ends together.
    let mut cyclic: Vec<&Vec<usize>> = blocks.iter().filter(|b| b.len() > 1).collect();
    cyclic.sort_by_key(|b| std::cmp::Reverse(b.len()));
    let solved: Vec<(Vec<usize>, BlockResult)> = cyclic
        .par_iter()
        .map(|edges| {
            let r = solve_block(g, edges, budget.nodes, deadline);
            ((*edges).clone(), r)
        })
        .collect();
    // The relation of every tie: same camp or not.
    let mut same: Vec<bool> = g
        .edges
        .iter()
        .map(|e| e.sign == crate::Sign::Positive)
        .collect();
    let (mut index, mut lower, mut optimal, mut visited, mut largest) = (0, 0, true, 0, 0);
    for (edges, r) in &solved {
        for (&e, &s) in edges.iter().zip(&r.same) {
            same[e] = s;
        }
        index += r.best;
        lower += r.lower;
        optimal &= r.optimal;
        visited += r.nodes;
        largest = largest.max(r.size);
    }
    // Camps by a search over the whole graph following the relations (consistent: see the module).
    let mut camp: Vec<Option<bool>> = vec![None; n];
    for start in 0..n {
        if camp[start].is_some() {
            continue;
        }
        camp[start] = Some(false);
        let mut stack = vec![start];
        while let Some(v) = stack.pop() {
            let cv = camp[v].unwrap_or(false);
            for &(u, _, e) in &adj[v] {
                if camp[u].is_none() {
                    camp[u] = Some(if same[e] { cv } else { !cv });
                    stack.push(u);
                }
            }
        }
    }
    let camp: Vec<bool> = camp.into_iter().map(|c| c.unwrap_or(false)).collect();
    let frustrated: Vec<usize> = g
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| (camp[e.a] == camp[e.b]) != (e.sign == crate::Sign::Positive))
        .map(|(i, _)| i)
        .collect();
    debug_assert_eq!(frustrated.len(), index);
    Frustration {
        index: frustrated.len(),
        lower_bound: lower.min(frustrated.len()),
        optimal,
        camp,
        frustrated,
        blocks: solved.len(),
        largest_block: largest,
        search_nodes: visited,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// Biconnected components as lists of edge indices (Tarjan 1972, iterative, with an edge stack).
pub fn biconnected_blocks(n: usize, adj: &[Vec<(usize, i8, usize)>], m: usize) -> Vec<Vec<usize>> {
    let mut disc = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut time = 0;
    let mut blocks = Vec::new();
    let mut estack: Vec<usize> = Vec::new();
    let mut on_stack = vec![false; m];
    for root in 0..n {
        if disc[root] != usize::MAX {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        // (vertex, the edge it was reached by, next neighbour position)
        let mut stack: Vec<(usize, usize, usize)> = vec![(root, usize::MAX, 0)];
        while let Some(&mut (v, via, ref mut next)) = stack.last_mut() {
            if *next < adj[v].len() {
                let (u, _, e) = adj[v][*next];
                *next += 1;
                if e == via {
                    continue;
                }
                if disc[u] == usize::MAX {
                    estack.push(e);
                    on_stack[e] = true;
                    disc[u] = time;
                    low[u] = time;
                    time += 1;
                    stack.push((u, e, 0));
                } else if disc[u] < disc[v] && !on_stack[e] {
                    // A back edge to an ancestor.
                    estack.push(e);
                    on_stack[e] = true;
                    low[v] = low[v].min(disc[u]);
                }
            } else {
                stack.pop();
                if let Some(&(p, _, _)) = stack.last() {
                    low[p] = low[p].min(low[v]);
                    if low[v] >= disc[p] {
                        // p separates v's subtree: the edges down to `via` are one block.
                        let mut block = Vec::new();
                        while let Some(e) = estack.pop() {
                            block.push(e);
                            if e == via {
                                break;
                            }
                        }
                        block.sort_unstable();
                        blocks.push(block);
                    }
                }
            }
        }
    }
    blocks
}

struct BlockResult {
    best: usize,
    lower: usize,
    optimal: bool,
    /// For each of the block's edges (in its order): same camp or not, in the best split.
    same: Vec<bool>,
    nodes: u64,
    size: usize,
}

/// The search in one block.
struct Search<'a> {
    /// Later neighbours of each position: (position, sign).
    later: &'a [Vec<(usize, i8)>],
    /// opt[k]: the exact optimum of the sub-block on positions k.. (filled from the end).
    opt: &'a [usize],
    sign: Vec<i8>,
    /// Frustrated ties to the placed nodes if this node goes to camp + / camp −.
    cp: Vec<usize>,
    cm: Vec<usize>,
    best: usize,
    best_sign: Vec<i8>,
    nodes: u64,
    limit: u64,
    deadline: Option<Instant>,
    stopped: bool,
}

impl Search<'_> {
    /// Places position `d` onward, with `cost` frustrated among the placed and `summin` the sum of
    /// min(cp, cm) over the unplaced positions of this sub-block.
    fn dfs(&mut self, d: usize, cost: usize, summin: usize) {
        if self.stopped {
            return;
        }
        self.nodes += 1;
        if self.nodes >= self.limit
            || (self.nodes & 0xFFF == 0 && self.deadline.is_some_and(|t| Instant::now() >= t))
        {
            self.stopped = true;
            return;
        }
        let n = self.sign.len();
        if d == n {
            if cost < self.best {
                self.best = cost;
                self.best_sign.clone_from(&self.sign);
            }
            return;
        }
        let (p, m) = (self.cp[d], self.cm[d]);
        let rest = summin - p.min(m);
        let first = if p <= m { 1 } else { -1 };
        for s in [first, -first] {
            let add = if s == 1 { p } else { m };
            if cost + add + rest + self.opt[d + 1] >= self.best {
                continue;
            }
            // Place d in camp s and update its later neighbours' costs.
            self.sign[d] = s;
            let mut summin2 = rest;
            for &(u, sigma) in &self.later[d] {
                let before = self.cp[u].min(self.cm[u]);
                if sigma * s == -1 {
                    self.cp[u] += 1;
                } else {
                    self.cm[u] += 1;
                }
                summin2 = summin2 + self.cp[u].min(self.cm[u]) - before;
            }
            self.dfs(d + 1, cost + add, summin2);
            for &(u, sigma) in &self.later[d] {
                if sigma * s == -1 {
                    self.cp[u] -= 1;
                } else {
                    self.cm[u] -= 1;
                }
            }
            self.sign[d] = 0;
            if self.stopped {
                return;
            }
        }
    }
}

fn solve_block(
    g: &Graph,
    edges: &[usize],
    node_limit: Option<u64>,
    deadline: Option<Instant>,
) -> BlockResult {
    // The block's nodes and local adjacency.
    let mut local: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for &e in edges {
        for v in [g.edges[e].a, g.edges[e].b] {
            let k = local.len();
            local.entry(v).or_insert(k);
        }
    }
    let n = local.len();
    let mut adj: Vec<Vec<(usize, i8)>> = vec![Vec::new(); n];
    for &e in edges {
        let (a, b) = (local[&g.edges[e].a], local[&g.edges[e].b]);
        let s = g.edges[e].sign.value();
        adj[a].push((b, s));
        adj[b].push((a, s));
    }
    // The order: the most-tied node first, then always the node with most ties to those before
    // (ties broken by degree, then by the lower node id, so the order is deterministic).
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    let mut links = vec![0usize; n];
    for _ in 0..n {
        let next = (0..n)
            .filter(|&v| !placed[v])
            .max_by_key(|&v| (links[v], adj[v].len(), std::cmp::Reverse(v)))
            .unwrap_or(0);
        placed[next] = true;
        order.push(next);
        for &(u, _) in &adj[next] {
            links[u] += 1;
        }
    }
    let mut pos = vec![0usize; n];
    for (i, &v) in order.iter().enumerate() {
        pos[v] = i;
    }
    let later: Vec<Vec<(usize, i8)>> = order
        .iter()
        .map(|&v| {
            let mut l: Vec<(usize, i8)> = adj[v]
                .iter()
                .filter(|&&(u, _)| pos[u] > pos[v])
                .map(|&(u, s)| (pos[u], s))
                .collect();
            l.sort_unstable();
            l
        })
        .collect();
    // Russian dolls: opt[k] for the sub-block on positions k..n, k = n−1 down to 0.
    let mut opt = vec![0usize; n + 1];
    let mut sol: Vec<i8> = vec![0; n]; // the best split of the last solved sub-block
    let mut nodes = 0u64;
    let mut solved_from = n;
    let mut stopped = false;
    let limit = node_limit.unwrap_or(u64::MAX);
    for k in (0..n).rev() {
        // Incumbent: the previous optimum (flipped if better) with k in camp +.
        let (mut same_side, mut other_side) = (0, 0);
        for &(u, s) in &later[k] {
            // k = +1; u has sol[u]; frustrated if s * sol[u] == -1.
            if s * sol[u] == -1 {
                same_side += 1;
            } else {
                other_side += 1;
            }
        }
        let flip = other_side < same_side;
        let mut start: Vec<i8> = vec![0; n];
        for u in k + 1..n {
            start[u] = if flip { -sol[u] } else { sol[u] };
        }
        start[k] = 1;
        let incumbent = opt[k + 1] + same_side.min(other_side);
        let mut s = Search {
            later: &later,
            opt: &opt,
            sign: vec![0; n],
            cp: vec![0; n],
            cm: vec![0; n],
            best: incumbent,
            best_sign: start,
            nodes: 0,
            limit: limit.saturating_sub(nodes),
            deadline,
            stopped: false,
        };
        // Only positions k.. take part; k is fixed to camp +.
        s.sign[k] = 1;
        let mut summin = 0;
        for &(u, sigma) in &later[k] {
            if sigma == -1 {
                s.cp[u] += 1;
            } else {
                s.cm[u] += 1;
            }
        }
        for u in k + 1..n {
            summin += s.cp[u].min(s.cm[u]);
        }
        // Positions before k are not in this sub-block: the search starts at k + 1.
        s.dfs(k + 1, 0, summin);
        nodes += s.nodes;
        let (best, was_stopped) = (s.best, s.stopped);
        sol = s.best_sign;
        if was_stopped {
            // The incumbent of this sub-block stays an upper bound; it is extended to the whole
            // block greedily below, and the last solved sub-block's optimum is the lower bound.
            stopped = true;
            solved_from = k + 1;
            break;
        }
        opt[k] = best;
        solved_from = k;
    }
    if stopped {
        // Extend the incumbent to positions solved_from−1 … 0 greedily (each to its cheaper camp
        // against the ones after it).
        for k in (0..solved_from.saturating_sub(1)).rev() {
            let (mut plus, mut minus) = (0, 0);
            for &(u, s) in &later[k] {
                if s * sol[u] == -1 {
                    plus += 1;
                } else {
                    minus += 1;
                }
            }
            sol[k] = if plus <= minus { 1 } else { -1 };
        }
        if sol[0] == 0 {
            sol[0] = 1;
        }
    }
    // Relations of the block's ties in the split found, and its cost.
    let camp_of = |v: usize| sol[pos[local[&v]]];
    let same: Vec<bool> = edges
        .iter()
        .map(|&e| camp_of(g.edges[e].a) == camp_of(g.edges[e].b))
        .collect();
    let cost = edges
        .iter()
        .zip(&same)
        .filter(|&(&e, &s)| s != (g.edges[e].sign == crate::Sign::Positive))
        .count();
    let lower = if stopped {
        opt[solved_from.min(n)]
    } else {
        cost
    };
    BlockResult {
        best: cost,
        lower: lower.min(cost),
        optimal: !stopped,
        same,
        nodes,
        size: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Graph, Sign};

    /// The least frustration over every split, by enumeration (for graphs of up to ~20 nodes).
    pub(crate) fn brute(g: &Graph) -> usize {
        let n = g.n();
        (0u32..1 << (n - 1))
            .map(|mask| {
                g.edges
                    .iter()
                    .filter(|e| {
                        let same = (mask >> e.a & 1) == (mask >> e.b & 1);
                        same != (e.sign == Sign::Positive)
                    })
                    .count()
            })
            .min()
            .unwrap_or(0)
    }

    fn random_graph(seed: u64, n: usize, p: f64, neg: f64) -> Graph {
        let mut r = crate::rng::SplitMix64::new(seed);
        let mut ties = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if (r.next_u64() as f64 / u64::MAX as f64) < p {
                    let s = if (r.next_u64() as f64 / u64::MAX as f64) < neg {
                        Sign::Negative
                    } else {
                        Sign::Positive
                    };
                    ties.push((a, b, s));
                }
            }
        }
        Graph::new((0..n).map(|i| i.to_string()).collect(), ties).unwrap()
    }

    #[test]
    fn equals_enumeration_on_random_graphs() {
        for seed in 0..60 {
            let n = 4 + (seed as usize % 13);
            let g = random_graph(seed, n, 0.2 + (seed % 5) as f64 * 0.15, 0.35);
            let f = frustration(&g, &Budget::default());
            assert!(f.optimal);
            assert_eq!(f.index, brute(&g), "seed {seed}, n {n}");
            assert_eq!(f.frustrated.len(), f.index);
        }
    }

    #[test]
    fn blocks_of_a_bowtie_and_a_tail() {
        // Two triangles sharing node 2, and a tail 4–5–6: blocks {01,02,12}, {23,24,34}, {45}, {56}.
        let adj_g = Graph::new(
            (0..7).map(|i| i.to_string()).collect(),
            vec![
                (0, 1, Sign::Positive),
                (0, 2, Sign::Negative),
                (1, 2, Sign::Positive),
                (2, 3, Sign::Negative),
                (2, 4, Sign::Negative),
                (3, 4, Sign::Negative),
                (4, 5, Sign::Negative),
                (5, 6, Sign::Positive),
            ],
        )
        .unwrap();
        let mut b = biconnected_blocks(7, &adj_g.adjacency(), 8);
        b.sort();
        assert_eq!(b, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6], vec![7]]);
        let f = frustration(&adj_g, &Budget::default());
        assert_eq!((f.index, f.blocks), (2, 2));
    }

    #[test]
    fn a_budget_gives_a_bound_and_a_split() {
        let g = random_graph(7, 40, 0.5, 0.5);
        let f = frustration(
            &g,
            &Budget {
                nodes: Some(2_000),
                ..Budget::default()
            },
        );
        assert!(!f.optimal);
        assert!(f.lower_bound <= f.index);
        assert_eq!(f.frustrated.len(), f.index);
        let full = frustration(&g, &Budget::default());
        assert!(full.optimal && f.lower_bound <= full.index && full.index <= f.index);
    }
}
