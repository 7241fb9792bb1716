//! Alignment from the evidence entente holds: signed networks whose every tie keeps what it rests
//! on, and what balance theory says about them over time.
//!
//! A [`Ties`] collects [`Evidence`] per pair of actors from any source — treaties in force in a
//! scenario or in ATOP, wars in a scenario, COW militarised disputes, and event data
//! (cooperation minus conflict over the dyad's volume) — and turns it into an
//! [`entente_signed::Graph`]: a tie's score is the sum of its evidence's signed weights, its sign
//! the score's (evidence that cancels out leaves no tie, and says so). [`measures`] gives a graph's
//! balance (triangle index, walk index, exact frustration index); [`triad`] follows one named
//! triangle period by period.
//!
//! The sign rule and the default [`Weights`] are entente's, not a published coding. The shared
//! CoW signed networks (Doreian & Mrvar 2015) come without their tie definitions (the oracle's README
//! says to read the paper for them), so `--source treaties,mid --window 4` copies only their
//! four-year windows, not their coding; the weights are there for a user to change, and every tie
//! shows its evidence so the reader can judge.

pub mod build;
pub mod periods;
pub mod triad;

use entente_signed::{Graph, Sign};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How much each kind of evidence weighs (positive kinds add, negative kinds subtract).
#[derive(Clone, Debug, Serialize)]
pub struct Weights {
    pub defence: f64,
    pub offence: f64,
    pub neutrality: f64,
    pub non_aggression: f64,
    pub consultation: f64,
    /// Non-military cooperation agreements (0: not a sign of alignment by default).
    pub cooperation: f64,
    /// Per militarised dispute between the two (opposite sides).
    pub mid: f64,
    /// Per war between the two (opposite sides), from a scenario's `[[war]]`.
    pub war: f64,
    /// Multiplies an event score (in −1..1).
    pub events: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            defence: 1.0,
            offence: 1.0,
            neutrality: 0.5,
            non_aggression: 0.5,
            consultation: 0.25,
            cooperation: 0.0,
            mid: 1.0,
            war: 2.0,
            events: 1.0,
        }
    }
}

impl Weights {
    /// Sets weights from `kind=value` pairs (`defence=1,mid=2`).
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("{part}: write kind=weight, e.g. defence=1"))?;
            let v: f64 = v
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| format!("{part}: the weight is a number ≥ 0"))?;
            let slot = match k.trim().to_ascii_lowercase().as_str() {
                "defence" | "defense" => &mut self.defence,
                "offence" | "offense" => &mut self.offence,
                "neutrality" => &mut self.neutrality,
                "non-aggression" | "nonagg" => &mut self.non_aggression,
                "consultation" => &mut self.consultation,
                "cooperation" => &mut self.cooperation,
                "mid" => &mut self.mid,
                "war" => &mut self.war,
                "events" => &mut self.events,
                other => {
                    return Err(format!(
                        "{other}: weights are defence, offence, neutrality, non-aggression, consultation, cooperation, mid, war, events"
                    ));
                }
            };
            *slot = v;
        }
        Ok(())
    }
}

/// One piece of evidence for a tie: where it comes from and its signed weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// "treaty", "atop", "war", "mid" or "events".
    pub source: &'static str,
    /// What it is, in words a reader can check: "ATOP 3180 phase 1 (defence, consultation)".
    pub what: String,
    pub weight: f64,
}

/// A tie with its evidence, as the graph has it.
#[derive(Clone, Debug, Serialize)]
pub struct Tie {
    pub a: String,
    pub b: String,
    pub score: f64,
    /// `None`: the evidence cancels out (no tie in the graph).
    pub sign: Option<Sign>,
    pub evidence: Vec<Evidence>,
}

/// Evidence by unordered pair of actors.
#[derive(Clone, Debug, Default)]
pub struct Ties {
    by_pair: BTreeMap<(String, String), Vec<Evidence>>,
    /// Actors to keep as nodes even without ties (the states of the system).
    nodes: BTreeSet<String>,
}

impl Ties {
    pub fn add(&mut self, a: &str, b: &str, e: Evidence) {
        if a == b || e.weight == 0.0 {
            return;
        }
        let key = if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        self.by_pair.entry(key).or_default().push(e);
    }

    pub fn add_node(&mut self, a: &str) {
        self.nodes.insert(a.to_string());
    }

    pub fn is_empty(&self) -> bool {
        self.by_pair.is_empty()
    }

    /// The ties, each with its score and sign.
    pub fn ties(&self) -> Vec<Tie> {
        self.by_pair
            .iter()
            .map(|((a, b), ev)| tie_of(a, b, ev))
            .collect()
    }

    /// The tie between `a` and `b`, if any evidence names them.
    pub fn tie(&self, a: &str, b: &str) -> Option<Tie> {
        let key = if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        let ev = self.by_pair.get(&key)?;
        Some(tie_of(&key.0, &key.1, ev))
    }

    /// The signed graph (ties whose evidence cancels out are left out), with the ties in the
    /// graph's edge order. Nodes: every actor with a tie, and the ones added with `add_node`,
    /// sorted.
    pub fn graph(&self) -> (Graph, Vec<Tie>) {
        let ties: Vec<Tie> = self
            .ties()
            .into_iter()
            .filter(|t| t.sign.is_some())
            .collect();
        let mut names: BTreeSet<String> = self.nodes.clone();
        for t in &ties {
            names.insert(t.a.clone());
            names.insert(t.b.clone());
        }
        let nodes: Vec<String> = names.into_iter().collect();
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let edges: Vec<(usize, usize, Sign, f64)> = ties
            .iter()
            .filter_map(|t| {
                Some((
                    index[t.a.as_str()],
                    index[t.b.as_str()],
                    t.sign?,
                    t.score.abs(),
                ))
            })
            .collect();
        // Pairs are unique and never loops, so this cannot fail.
        let g = Graph::weighted(nodes.clone(), edges).unwrap_or(Graph {
            nodes,
            edges: Vec::new(),
        });
        (g, ties)
    }
}

/// A pair's tie from its evidence: the summed weights (rounded to 1e-9, so evidence that cancels
/// gives exactly 0) and their sign.
fn tie_of(a: &str, b: &str, ev: &[Evidence]) -> Tie {
    let score: f64 = ev.iter().map(|e| e.weight).sum();
    let score = (score * 1e9).round() / 1e9;
    Tie {
        a: a.to_string(),
        b: b.to_string(),
        score,
        sign: if score > 0.0 {
            Some(Sign::Positive)
        } else if score < 0.0 {
            Some(Sign::Negative)
        } else {
            None
        },
        evidence: ev.to_vec(),
    }
}

/// A graph's balance, every measure at once.
#[derive(Clone, Debug, Serialize)]
pub struct Measures {
    pub nodes: usize,
    pub ties: usize,
    pub positive: usize,
    pub negative: usize,
    pub triangles: entente_signed::balance::Triangles,
    pub walk_index: f64,
    pub frustration_index: usize,
    /// The proven lower bound (equal to the index when `optimal`).
    pub frustration_lower_bound: usize,
    pub optimal: bool,
    /// 1 − L / (m / 2).
    pub frustration_balance: f64,
    /// The frustrated ties, as "A–B (+)" (a positive tie between the two camps) or "A–B (−)".
    pub frustrated: Vec<String>,
    /// The optimal split's two camps (the larger first), of the nodes with at least one tie.
    pub camps: [Vec<String>; 2],
    /// Nodes without a tie (in neither camp).
    pub untied: Vec<String>,
    /// Wall time of the exact search alone (not serialised).
    #[serde(skip)]
    pub frustration_seconds: f64,
}

/// Every balance measure of `g`.
pub fn measures(g: &Graph, budget: &entente_signed::frustration::Budget) -> Measures {
    let f = entente_signed::frustration::frustration(g, budget);
    let t = entente_signed::balance::triangle_index(g);
    let mut tied = vec![false; g.n()];
    for e in &g.edges {
        tied[e.a] = true;
        tied[e.b] = true;
    }
    let mut camps = [Vec::new(), Vec::new()];
    let mut untied = Vec::new();
    for (v, &c) in f.camp.iter().enumerate() {
        if tied[v] {
            camps[usize::from(c)].push(g.nodes[v].clone());
        } else {
            untied.push(g.nodes[v].clone());
        }
    }
    if camps[1].len() > camps[0].len() {
        camps.swap(0, 1);
    }
    Measures {
        nodes: g.n(),
        ties: g.edges.len(),
        positive: g.positive(),
        negative: g.edges.len() - g.positive(),
        triangles: t,
        walk_index: entente_signed::balance::walk_index(g),
        frustration_index: f.index,
        frustration_lower_bound: f.lower_bound,
        optimal: f.optimal,
        frustration_balance: f.balance_score(g.edges.len()),
        frustrated: f
            .frustrated
            .iter()
            .map(|&i| {
                let e = &g.edges[i];
                let s = if e.sign == Sign::Positive { "+" } else { "−" };
                format!("{}–{} ({s})", g.nodes[e.a], g.nodes[e.b])
            })
            .collect(),
        camps,
        untied,
        frustration_seconds: f.seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_sums_to_a_sign_and_cancelling_evidence_leaves_no_tie() {
        let mut t = Ties::default();
        let ev = |w: f64| Evidence {
            source: "test",
            what: format!("{w}"),
            weight: w,
        };
        t.add("GRC", "TUR", ev(1.0));
        t.add("TUR", "GRC", ev(-1.0));
        t.add("RUS", "PRK", ev(1.0));
        t.add("USA", "PRK", ev(-2.0));
        t.add_node("JPN");
        let (g, ties) = t.graph();
        assert_eq!(g.nodes, vec!["JPN", "PRK", "RUS", "USA"]);
        assert_eq!(ties.len(), 2);
        assert_eq!(t.tie("TUR", "GRC").unwrap().sign, None);
        let mut w = Weights::default();
        w.set("mid=2, defence=0.5").unwrap();
        assert_eq!((w.mid, w.defence), (2.0, 0.5));
        assert!(w.set("love=1").is_err());
        assert!(w.set("mid=-1").is_err());
    }
}
