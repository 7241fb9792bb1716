//! Signed networks for alignment: who is with whom, who against whom, and how far the system is
//! from splitting cleanly into camps.
//!
//! A [`Graph`] is a plain undirected signed graph — nodes with labels, ties with a sign and a weight.
//! Over it, pure functions:
//!
//! - [`balance::triangle_index`]: the share of balanced triangles (Cartwright & Harary 1956), also
//!   weighted;
//! - [`balance::walk_index`]: walk-based balance, tr e^A / tr e^|A| (Estrada & Benzi 2014);
//! - [`frustration::frustration`]: the **exact** frustration index — the line index of balance, the
//!   fewest ties whose removal (equivalently, whose sign change) makes the graph balanced — with an
//!   optimal bipartition, by decomposition into biconnected blocks and a Russian-doll branch and
//!   bound in each (see the module);
//! - [`blockmodel::blockmodel`]: Doreian & Mrvar's (1996) signed blockmodel into k blocks;
//! - [`triad`]: the state of one named triangle.
//!
//! Building a graph from treaties, MIDs or events is the caller's business (the CLI's `alignment`
//! command does it from the scenario, the datasets and the event store): this crate does no I/O.
//!
//! ```
//! use entente_signed::{Graph, Sign};
//! // A triangle with one negative tie is unbalanced: one tie must go.
//! let g = Graph::new(
//!     vec!["A".into(), "B".into(), "C".into()],
//!     vec![(0, 1, Sign::Positive), (1, 2, Sign::Positive), (0, 2, Sign::Negative)],
//! )
//! .unwrap();
//! let f = entente_signed::frustration::frustration(&g, &Default::default());
//! assert_eq!((f.index, f.optimal), (1, true));
//! assert_eq!(entente_signed::balance::triangle_index(&g).unweighted, 0.0);
//! ```
//!
//! # References
//! - Heider, F. (1946). "Attitudes and Cognitive Organization." *Journal of Psychology* 21: 107–112.
//! - Cartwright, D. & Harary, F. (1956). "Structural Balance: a Generalization of Heider's Theory."
//!   *Psychological Review* 63(5): 277–293.
//! - Harary, F. (1959). "On the measurement of structural balance." *Behavioral Science* 4(4): 316–323.
//! - Doreian, P. & Mrvar, A. (1996). "A partitioning approach to structural balance." *Social
//!   Networks* 18(2): 149–168.
//! - Estrada, E. & Benzi, M. (2014). "Walk-based measure of balance in signed networks: Detecting
//!   lack of balance in social networks." *Physical Review E* 90: 042802.
//! - Aref, S. & Wilson, M. C. (2018). "Measuring partial balance in signed networks." *Journal of
//!   Complex Networks* 6(4): 566–595; Aref, S., Mason, A. J. & Wilson, M. C. (2020). "Computing the
//!   line index of balance using integer programming optimisation." In *Optimization Problems in
//!   Graph Theory*, Springer: 65–84.

pub mod balance;
pub mod blockmodel;
pub mod frustration;
mod rng;
pub mod triad;

use serde::Serialize;

/// A tie's sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Sign {
    Positive,
    Negative,
}

impl Sign {
    pub fn value(self) -> i8 {
        match self {
            Sign::Positive => 1,
            Sign::Negative => -1,
        }
    }

    pub fn of(v: i64) -> Option<Sign> {
        match v.signum() {
            1 => Some(Sign::Positive),
            -1 => Some(Sign::Negative),
            _ => None,
        }
    }
}

/// One undirected tie.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// The two ends, `a < b`.
    pub a: usize,
    pub b: usize,
    pub sign: Sign,
    /// A non-negative strength (1 when the source gives none); used by the weighted measures only.
    pub weight: f64,
}

/// An undirected signed graph: labelled nodes, at most one tie per pair, no loops.
#[derive(Clone, Debug, Serialize)]
pub struct Graph {
    pub nodes: Vec<String>,
    pub edges: Vec<Edge>,
}

/// Why a graph could not be built.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("tie {0}: node {1} does not exist (there are {2} nodes)")]
    NoNode(usize, usize, usize),
    #[error("tie {0}: a node tied to itself ({1})")]
    Loop(usize, String),
    #[error("tie {0}: {1}–{2} is tied twice; merge the ties first")]
    Duplicate(usize, String, String),
    #[error("tie {0}: weight {1} is not a non-negative number")]
    Weight(usize, String),
}

impl Graph {
    /// A graph of unit-weight ties.
    pub fn new(nodes: Vec<String>, ties: Vec<(usize, usize, Sign)>) -> Result<Graph, GraphError> {
        Graph::weighted(
            nodes,
            ties.into_iter().map(|(a, b, s)| (a, b, s, 1.0)).collect(),
        )
    }

    /// A graph of weighted ties.
    pub fn weighted(
        nodes: Vec<String>,
        ties: Vec<(usize, usize, Sign, f64)>,
    ) -> Result<Graph, GraphError> {
        let n = nodes.len();
        let mut seen = std::collections::HashSet::new();
        let mut edges = Vec::with_capacity(ties.len());
        for (i, (a, b, sign, weight)) in ties.into_iter().enumerate() {
            for v in [a, b] {
                if v >= n {
                    return Err(GraphError::NoNode(i, v, n));
                }
            }
            if a == b {
                return Err(GraphError::Loop(i, nodes[a].clone()));
            }
            if !(weight.is_finite() && weight >= 0.0) {
                return Err(GraphError::Weight(i, weight.to_string()));
            }
            let (a, b) = (a.min(b), a.max(b));
            if !seen.insert((a, b)) {
                return Err(GraphError::Duplicate(i, nodes[a].clone(), nodes[b].clone()));
            }
            edges.push(Edge { a, b, sign, weight });
        }
        Ok(Graph { nodes, edges })
    }

    pub fn n(&self) -> usize {
        self.nodes.len()
    }

    /// Each node's ties: (the other end, sign, edge index).
    pub fn adjacency(&self) -> Vec<Vec<(usize, i8, usize)>> {
        let mut adj = vec![Vec::new(); self.n()];
        for (i, e) in self.edges.iter().enumerate() {
            adj[e.a].push((e.b, e.sign.value(), i));
            adj[e.b].push((e.a, e.sign.value(), i));
        }
        adj
    }

    /// The index of the node with this label.
    pub fn node(&self, label: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n == label)
    }

    pub fn positive(&self) -> usize {
        self.edges
            .iter()
            .filter(|e| e.sign == Sign::Positive)
            .count()
    }
}
