//! Bueno de Mesquita's expected-utility ("group decision") model, as reconstructed by Scholz,
//! Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group decision model", *Journal of
//! Theoretical Politics* 23(4): 510–531.
//!
//! Actors hold a position on one issue scale, a capability and a salience. Each round:
//!
//! 1. **Risk.** With every risk exponent at 1, each actor's *danger* is the sum over the others of
//!    the expected utility, from its own point of view, of their challenging it; its risk acceptance
//!    is R = (2·danger − max − min) / (max − min) over all actors' dangers, and its risk exponent
//!    r = (1 − R/3) / (1 + R/3).
//! 2. **Votes and probabilities.** Actor k's vote for position a over b is
//!    c_k·s_k·(|x_k − b|^r_k − |x_k − a|^r_k) / range^r_k; the probability that a prevails over b is
//!    Σ_k max(0, vote_k(a, b)) divided by Σ of |vote_k(x_m, x_n)| over every k, m and n (Scholz et
//!    al.'s normaliser, as their code has it).
//! 3. **Expected utility of a challenge** of i against j, from the point of view of i with i's risk
//!    exponent r: EU = s_j·(P·U_s + (1 − P)·U_f) + (1 − s_j)·U_s − q·U_sq, with
//!    U_s = 2 − 4·(½ − ½·d)^r, U_f = 2 − 4·(½ + ½·d)^r, U_sq = 2 − 4·½^r, d = |x_i − x_j| / range.
//! 4. **Offers.** Each actor i, for every j at another position, compares EU_ij (i challenging j)
//!    and EU_ji (j challenging i), both from i's point of view: *confrontation* when EU_ji > EU_ij > 0
//!    (i expects to lose: it moves to x_j); *compromise* when EU_ji > 0 > EU_ij and EU_ji > |EU_ij|
//!    (i moves towards x_j by the fraction |EU_ij / EU_ji|); *capitulation* when EU_ji > 0 > EU_ij and
//!    EU_ji < |EU_ij| (i moves to x_j). It accepts a confrontation if it has one, else a compromise,
//!    else a capitulation — within a kind the one that moves it least — and all move at once.
//! 5. **The forecast** is the median voter position: the position that beats the others in pairwise
//!    votes with risk exponent 1 (candidates taken in ascending order, a later one replacing the
//!    current median when it wins the vote); the capability-and-salience-weighted mean is given beside
//!    it.
//!
//! **Where the reconstruction is ambiguous, and what is chosen here.** (a) The status-quo weight q:
//! 1, as the public replication uses. (b) The position range: the initial positions' max − min, kept
//! for every round. (c) Ties between offers: the first actor in input order. (d) The median's scan
//! order: ascending positions (the public replication takes Python's set order, which only matters
//! in ties). (e) The public replication (`bdm_scholz_model.py`, a Python port of Scholz et al.'s code)
//! has two departures from the paper's text: its capitulation test compares EU_ji with itself, so a
//! capitulation can never happen; and among compromises it does not take the one that moves the actor
//! least but the one with the least |EU|-weighted mean of the two positions. [`Rules::Replication`]
//! reproduces both, for exact comparison with that program; [`Rules::Paper`] (the default) follows
//! the text.

use serde::Serialize;

/// One stakeholder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    pub name: String,
    pub capability: f64,
    pub position: f64,
    pub salience: f64,
}

/// Which offer rules apply (see the module).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Rules {
    /// The paper's: capitulations happen, and every kind picks the offer that moves the actor least.
    #[default]
    Paper,
    /// The public Python replication's: no capitulation ever, and its compromise choice.
    Replication,
}

/// What kind of offer an actor accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferKind {
    Confrontation,
    Compromise,
    Capitulation,
}

/// The offer an actor accepted in a round.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Move {
    pub actor: String,
    /// Who made the offer.
    pub from: String,
    pub kind: OfferKind,
    pub eu_own: f64,
    pub eu_other: f64,
    pub before: f64,
    pub after: f64,
}

/// One round: the positions after it, the moves, the forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Round {
    pub round: usize,
    pub risk: Vec<f64>,
    pub positions: Vec<f64>,
    pub moves: Vec<Move>,
    pub median: f64,
    pub mean: f64,
}

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forecast {
    pub actors: Vec<Actor>,
    pub rules: Rules,
    /// Round 0 is the start: the initial positions, no moves.
    pub rounds: Vec<Round>,
}

struct State<'a> {
    actors: &'a [Actor],
    x: Vec<f64>,
    r: Vec<f64>,
    range: f64,
    q: f64,
}

impl State<'_> {
    /// Actor k's vote for position a over b (with k's current risk exponent, or `risk`).
    fn vote(&self, k: usize, a: f64, b: f64, risk: f64) -> f64 {
        let xk = self.x[k];
        let da = ((xk - a).abs() / self.range).powf(risk);
        let db = ((xk - b).abs() / self.range).powf(risk);
        self.actors[k].capability * self.actors[k].salience * (db - da)
    }

    /// The probability that position i prevails over position j, for every pair: Σ_k max(0,
    /// vote_k(x_i, x_j)) / `norm`. With each actor's distances raised to its risk exponent once
    /// (d_k(m) = (|x_k − x_m| / range)^r_k), a vote is c_k·s_k·(d_k(j) − d_k(i)): O(n³) additions
    /// a phase and n² powers, instead of two powers inside each of the n³ terms.
    fn probabilities(&self, norm: f64) -> Vec<f64> {
        let n = self.x.len();
        let w: Vec<f64> = self
            .actors
            .iter()
            .map(|a| a.capability * a.salience)
            .collect();
        // wd[m][k] = c_k·s_k·d_k(m): row m contiguous over k for the inner loop.
        let mut wd = vec![0.0; n * n];
        for k in 0..n {
            for m in 0..n {
                wd[m * n + k] = w[k] * ((self.x[k] - self.x[m]).abs() / self.range).powf(self.r[k]);
            }
        }
        let mut p = vec![0.0; n * n];
        if norm == 0.0 {
            return p;
        }
        for i in 0..n {
            for j in i + 1..n {
                if self.x[i] == self.x[j] {
                    continue;
                }
                // vote_k(x_i, x_j) = wd[j][k] − wd[i][k]; its negative is vote_k(x_j, x_i).
                let (ri, rj) = (&wd[i * n..(i + 1) * n], &wd[j * n..(j + 1) * n]);
                let (mut sij, mut sji) = (0.0, 0.0);
                for (a, b) in ri.iter().zip(rj) {
                    let v = b - a;
                    if v > 0.0 {
                        sij += v;
                    } else {
                        sji -= v;
                    }
                }
                p[i * n + j] = sij / norm;
                p[j * n + i] = sji / norm;
            }
        }
        p
    }

    /// EU of i challenging j, from `view`'s point of view (its risk exponent); `p` from
    /// [`State::probabilities`].
    fn eu_challenge(&self, view: usize, i: usize, j: usize, p: &[f64]) -> f64 {
        let n = self.x.len();
        let r = self.r[view];
        let p = p[i * n + j];
        let d = (self.x[i] - self.x[j]).abs() / self.range;
        let us = 2.0 - 4.0 * (0.5 - 0.5 * d).powf(r);
        let uf = 2.0 - 4.0 * (0.5 + 0.5 * d).powf(r);
        let usq = 2.0 - 4.0 * 0.5f64.powf(r);
        let sj = self.actors[j].salience;
        sj * (p * us + (1.0 - p) * uf) + (1.0 - sj) * us - self.q * usq
    }
}

/// Σ over k, m and n of |vote_k(x_m, x_n)|: the normaliser of every probability for the current
/// positions and risk exponents, once per phase. For each k the double sum over m and n of
/// |d_n − d_m| (d the distances raised to r_k) is 2·Σ_i d_(i)·(2i − n + 1) over the sorted d, so the
/// whole is O(n² log n), not the O(n³) of the sum as written (the public replication recomputes it
/// inside every probability: O(n⁵) a round).
fn weighted_normaliser(st: &State<'_>) -> f64 {
    let n = st.x.len();
    let mut sum = 0.0;
    for k in 0..n {
        let ck = st.actors[k].capability * st.actors[k].salience;
        if ck == 0.0 {
            continue;
        }
        let rk = st.r[k];
        let mut d: Vec<f64> =
            st.x.iter()
                .map(|&xm| ((st.x[k] - xm).abs() / st.range).powf(rk))
                .collect();
        // Σ_m Σ_n |d_n − d_m| over sorted values in O(n log n): each d_i contributes
        // d_i·(2i − n + 1) twice.
        d.sort_by(f64::total_cmp);
        let mut s = 0.0;
        for (i, &v) in d.iter().enumerate() {
            s += v * (2.0 * i as f64 - (n as f64 - 1.0));
        }
        sum += ck * 2.0 * s;
    }
    sum
}

/// Runs the model for `rounds` rounds.
pub fn run(actors: &[Actor], rounds: usize, rules: Rules) -> Forecast {
    let n = actors.len();
    let x0: Vec<f64> = actors.iter().map(|a| a.position).collect();
    let lo = x0.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = x0.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    let mut st = State {
        actors,
        x: x0.clone(),
        r: vec![1.0; n],
        range,
        q: 1.0,
    };
    let mut out = vec![Round {
        round: 0,
        risk: vec![1.0; n],
        positions: x0,
        moves: Vec::new(),
        median: median(&st),
        mean: mean(&st),
    }];
    for round in 1..=rounds {
        // 1. Risk exponents from the dangers at r = 1.
        st.r = vec![1.0; n];
        let p = st.probabilities(weighted_normaliser(&st));
        let danger: Vec<f64> = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| st.eu_challenge(i, j, i, &p))
                    .sum()
            })
            .collect();
        let dmax = danger.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let dmin = danger.iter().copied().fold(f64::INFINITY, f64::min);
        let risk: Vec<f64> = danger
            .iter()
            .map(|&d| {
                let ra = if dmax > dmin {
                    (2.0 * d - dmax - dmin) / (dmax - dmin)
                } else {
                    0.0
                };
                (1.0 - ra / 3.0) / (1.0 + ra / 3.0)
            })
            .collect();
        st.r = risk.clone();
        // 2–4. Offers, all from the current positions; everyone moves at once.
        let p = st.probabilities(weighted_normaliser(&st));
        let mut next = st.x.clone();
        let mut moves = Vec::new();
        for i in 0..n {
            // Per kind: (key, offerer, new position, EU_ij, EU_ji).
            type Best = Option<(f64, usize, f64, f64, f64)>;
            let mut best: [Best; 3] = [None, None, None];
            for j in 0..n {
                if st.x[i] == st.x[j] {
                    continue;
                }
                let eu_ij = st.eu_challenge(i, i, j, &p);
                let eu_ji = st.eu_challenge(i, j, i, &p);
                let (kind, pos) = if eu_ji > eu_ij && eu_ij > 0.0 {
                    (0, st.x[j])
                } else if eu_ji > 0.0 && 0.0 > eu_ij && eu_ji > eu_ij.abs() {
                    (1, st.x[i] + (st.x[j] - st.x[i]) * (eu_ij / eu_ji).abs())
                } else if rules == Rules::Paper && eu_ji > 0.0 && 0.0 > eu_ij && eu_ji < eu_ij.abs()
                {
                    (2, st.x[j])
                } else {
                    continue;
                };
                let key = if kind == 1 && rules == Rules::Replication {
                    (eu_ij.abs() * st.x[i] + eu_ji.abs() * st.x[j]) / (eu_ij.abs() + eu_ji.abs())
                } else {
                    (st.x[i] - pos).abs()
                };
                if best[kind].is_none_or(|b| key < b.0) {
                    best[kind] = Some((key, j, pos, eu_ij, eu_ji));
                }
            }
            if let Some((k, (_, j, pos, eu_ij, eu_ji))) =
                best.iter().enumerate().find_map(|(k, b)| b.map(|b| (k, b)))
            {
                next[i] = pos;
                moves.push(Move {
                    actor: actors[i].name.clone(),
                    from: actors[j].name.clone(),
                    kind: [
                        OfferKind::Confrontation,
                        OfferKind::Compromise,
                        OfferKind::Capitulation,
                    ][k],
                    eu_own: eu_ij,
                    eu_other: eu_ji,
                    before: st.x[i],
                    after: pos,
                });
            }
        }
        st.x = next;
        let m = median(&st);
        let w = mean(&st);
        out.push(Round {
            round,
            risk,
            positions: st.x.clone(),
            moves,
            median: m,
            mean: w,
        });
    }
    Forecast {
        actors: actors.to_vec(),
        rules,
        rounds: out,
    }
}

/// The median voter position (risk exponent 1), scanning candidates in ascending order.
fn median(st: &State<'_>) -> f64 {
    let mut cands = st.x.clone();
    cands.sort_by(f64::total_cmp);
    cands.dedup();
    let Some(&first) = cands.first() else {
        return f64::NAN;
    };
    let mut m = first;
    for &p in cands.iter().skip(1) {
        let votes: f64 = (0..st.x.len()).map(|k| st.vote(k, p, m, 1.0)).sum();
        if votes > 0.0 {
            m = p;
        }
    }
    m
}

/// The capability × salience weighted mean position.
fn mean(st: &State<'_>) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (k, a) in st.actors.iter().enumerate() {
        let w = a.capability * a.salience;
        num += w * st.x[k];
        den += w;
    }
    if den == 0.0 { f64::NAN } else { num / den }
}

/// One input varied: the forecast (the last round's median) with it 20% lower and 20% higher.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    pub actor: String,
    /// "capability" or "salience".
    pub input: &'static str,
    pub low: f64,
    pub high: f64,
}

/// The forecast's robustness: each actor's capability and salience set, one at a time, to
/// (1 − `by`) and (1 + `by`) times its value (salience capped at 1), the model rerun, and the last
/// round's median kept. Returns the base forecast and one row per input, largest swing first.
pub fn sensitivity(
    actors: &[Actor],
    rounds: usize,
    rules: Rules,
    by: f64,
) -> (f64, Vec<Sensitivity>) {
    let last = |a: &[Actor]| {
        run(a, rounds, rules)
            .rounds
            .last()
            .map_or(f64::NAN, |r| r.median)
    };
    let base = last(actors);
    let mut out = Vec::new();
    for i in 0..actors.len() {
        for input in ["capability", "salience"] {
            let at = |f: f64| {
                let mut a = actors.to_vec();
                if input == "capability" {
                    a[i].capability *= f;
                } else {
                    a[i].salience = (a[i].salience * f).min(1.0);
                }
                last(&a)
            };
            out.push(Sensitivity {
                actor: actors[i].name.clone(),
                input,
                low: at(1.0 - by),
                high: at(1.0 + by),
            });
        }
    }
    let swing = |s: &Sensitivity| (s.high - base).abs().max((s.low - base).abs());
    out.sort_by(|a, b| {
        swing(b)
            .total_cmp(&swing(a))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    (base, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_or_one_stakeholder_runs_without_panic() {
        let f = run(&[], 3, Rules::Paper);
        assert_eq!(f.rounds.len(), 4);
        assert!(f.rounds[0].median.is_nan());
        let one = [Actor {
            name: "A".into(),
            capability: 1.0,
            position: 5.0,
            salience: 0.5,
        }];
        let f = run(&one, 2, Rules::Paper);
        assert_eq!(f.rounds[2].positions, vec![5.0]);
        assert_eq!(f.rounds[2].median, 5.0);
    }
}
