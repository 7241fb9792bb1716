//! Similarity of foreign-policy portfolios: the measures of the alliance-portfolio literature.
//!
//! A portfolio is a state's row of ties to every state in the system (itself included, at the top
//! value). Codings (BRIEF §5): COW valued — defence 3, neutrality or non-aggression 2, entente 1, none
//! 0; ATOP (Chiba et al. 2022) — defence or offence 3, neutrality or consultation 2, non-aggression only
//! 1, none 0; binary — any tie 1. Every function takes two portfolios over the same states, in the
//! same order.
//!
//! # References
//! - Signorino, C. S. & Ritter, J. M. (1999). "Tau-b or Not Tau-b: Measuring the Similarity of Foreign
//!   Policy Positions." *International Studies Quarterly* 43(1): 115–144. (S, weighted S.)
//! - Bueno de Mesquita, B. (1975). "Measuring Systemic Polarity." *Journal of Conflict Resolution*
//!   19(2): 187–216. (Kendall's tau-b of alliance portfolios.)
//! - Häge, F. M. (2011). "Choice or Circumstance? Adjusting Measures of Foreign Policy Similarity for
//!   Chance Agreement." *Political Analysis* 19(3): 287–305. (Cohen's kappa, Scott's pi.)
//!
//! Published checks (tests/similarity.rs, data in `shared/data/oracles/sr1914`): Germany vs Russia
//! 1914 — S = 0.40, capability-weighted S = −0.46 (printed −0.45 from unrounded shares), squared S
//! 0.444, tau-b 0.0303, quadratic-weighted kappa −0.0776, Scott's pi −0.0448; Table 5 cases.

/// How distances enter S.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Distance {
    /// |x − y| / d (Signorino & Ritter's S).
    Absolute,
    /// (|x − y| / d)² (fpsim's `distances = 'squared'`).
    Squared,
}

/// Signorino–Ritter S: `1 − 2·Σ w·δ(x, y) / Σ w`, δ the distance scaled by the coding's range `d`
/// (3 for valued codings, 1 for binary), absolute or squared.
///
/// `weights` — `None` for equal weights, or each state's capability share (the two states themselves
/// included). Returns a value in [−1, 1]; `None` when the portfolios differ in length, are empty, or the
/// weights sum to zero.
pub fn s_score(
    x: &[f64],
    y: &[f64],
    weights: Option<&[f64]>,
    d: f64,
    distance: Distance,
) -> Option<f64> {
    s_score_ranges(x, y, weights, &vec![d; x.len()], distance)
}

/// S with a per-element maximum distance (for portfolios mixing scales, e.g. alliances 0–3 and UN
/// votes 1–3, as in Signorino & Ritter's Table 8).
pub fn s_score_ranges(
    x: &[f64],
    y: &[f64],
    weights: Option<&[f64]>,
    d: &[f64],
    distance: Distance,
) -> Option<f64> {
    if x.len() != y.len()
        || x.is_empty()
        || d.len() != x.len()
        || weights.is_some_and(|w| w.len() != x.len())
    {
        return None;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for k in 0..x.len() {
        let w = weights.map_or(1.0, |w| w[k]);
        let delta = (x[k] - y[k]).abs() / d[k];
        num += w * match distance {
            Distance::Absolute => delta,
            Distance::Squared => delta * delta,
        };
        den += w;
    }
    (den > 0.0).then(|| 1.0 - 2.0 * num / den)
}

/// Kendall's tau-b of two portfolios: `(C − D) / √((n₀ − n₁)(n₀ − n₂))`, with ties corrected.
/// `None` when either portfolio is constant (the measure is undefined) or the lengths differ.
///
/// Complexity O(n²), which is what a portfolio of at most a few hundred states needs.
pub fn tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let n = x.len();
    let (mut c, mut dis, mut tx, mut ty) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            let a = (x[i] - x[j]).partial_cmp(&0.0)?;
            let b = (y[i] - y[j]).partial_cmp(&0.0)?;
            use std::cmp::Ordering::Equal;
            match (a, b) {
                (Equal, Equal) => {
                    tx += 1;
                    ty += 1;
                }
                (Equal, _) => tx += 1,
                (_, Equal) => ty += 1,
                _ if a == b => c += 1,
                _ => dis += 1,
            }
        }
    }
    let n0 = (n * (n - 1) / 2) as i64;
    let den = (((n0 - tx) * (n0 - ty)) as f64).sqrt();
    (den > 0.0).then(|| (c - dis) as f64 / den)
}

/// Weights for Cohen's kappa: how much a disagreement between levels i and j counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KappaWeights {
    /// (i − j)² / (L − 1)²: the default, as fpsim and Häge (2011) recommend for ordinal ties.
    Quadratic,
    /// |i − j| / (L − 1).
    Linear,
    /// 0 on the diagonal, 1 elsewhere (unweighted kappa).
    Nominal,
}

fn level_index(v: f64, levels: &[f64]) -> Option<usize> {
    levels.iter().position(|l| (l - v).abs() < 1e-9)
}

/// The joint distribution of two portfolios over levels, and its two marginals.
type Joint = (Vec<Vec<f64>>, Vec<f64>, Vec<f64>);

/// The joint and marginal distributions of two portfolios over `levels`.
fn table(x: &[f64], y: &[f64], levels: &[f64]) -> Option<Joint> {
    if x.len() != y.len() || x.is_empty() {
        return None;
    }
    let l = levels.len();
    let n = x.len() as f64;
    let mut p = vec![vec![0.0; l]; l];
    for (a, b) in x.iter().zip(y) {
        p[level_index(*a, levels)?][level_index(*b, levels)?] += 1.0 / n;
    }
    let px: Vec<f64> = (0..l).map(|i| p[i].iter().sum()).collect();
    let py: Vec<f64> = (0..l).map(|j| (0..l).map(|i| p[i][j]).sum()).collect();
    Some((p, px, py))
}

/// Cohen's weighted kappa: `1 − D_o / D_e`, observed over chance-expected weighted disagreement
/// (Häge 2011). `levels` are the coding's values (0, 1, 2, 3). `None` when a value is not a level, or
/// the expected disagreement is zero (both portfolios constant on the same level).
pub fn cohen_kappa(x: &[f64], y: &[f64], levels: &[f64], weights: KappaWeights) -> Option<f64> {
    let (p, px, py) = table(x, y, levels)?;
    let l = levels.len();
    let span = (l.max(2) - 1) as f64;
    let w = |i: usize, j: usize| -> f64 {
        let d = (i as f64 - j as f64).abs();
        match weights {
            KappaWeights::Quadratic => d * d / (span * span),
            KappaWeights::Linear => d / span,
            KappaWeights::Nominal => f64::from(u8::from(i != j)),
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..l {
        for j in 0..l {
            observed += w(i, j) * p[i][j];
            expected += w(i, j) * px[i] * py[j];
        }
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Scott's pi (nominal): `(P_o − P_e) / (1 − P_e)`, chance agreement from the pooled marginals
/// (Häge 2011). `None` when chance agreement is 1.
pub fn scott_pi(x: &[f64], y: &[f64], levels: &[f64]) -> Option<f64> {
    let (p, px, py) = table(x, y, levels)?;
    let observed: f64 = (0..levels.len()).map(|i| p[i][i]).sum();
    let chance: f64 = (0..levels.len())
        .map(|k| ((px[k] + py[k]) / 2.0).powi(2))
        .sum();
    (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[i32]) -> Vec<f64> {
        a.iter().map(|&x| f64::from(x)).collect()
    }

    #[test]
    fn properties() {
        let x = v(&[3, 0, 1, 2, 3, 0]);
        let y = v(&[0, 3, 1, 1, 2, 0]);
        let s = |a: &[f64], b: &[f64]| s_score(a, b, None, 3.0, Distance::Absolute).unwrap();
        assert_eq!(s(&x, &x), 1.0, "S(x, x) = 1");
        assert_eq!(s(&x, &y), s(&y, &x), "symmetric");
        assert!((-1.0..=1.0).contains(&s(&x, &y)));
        assert_eq!(tau_b(&x, &x).unwrap(), 1.0);
        assert!(
            cohen_kappa(&x, &y, &[0.0, 1.0, 2.0, 3.0], KappaWeights::Quadratic).unwrap() <= 1.0
        );
        assert_eq!(
            tau_b(&v(&[1, 1, 1]), &x[..3]),
            None,
            "undefined for a constant portfolio"
        );
        assert_eq!(s_score(&x, &y[..3], None, 3.0, Distance::Absolute), None);
        assert_eq!(
            cohen_kappa(
                &v(&[4]),
                &v(&[0]),
                &[0.0, 1.0, 2.0, 3.0],
                KappaWeights::Nominal
            ),
            None
        );
    }
}

/// A 4×4 joint distribution and its two marginals.
type Joint4 = ([[f64; 4]; 4], [f64; 4], [f64; 4]);

/// The cross-tabulation of two portfolios coded 0–3: `counts[a][b]` states where x is a and y is b.
/// Panels compute every measure from it in constant time after one pass over the states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CrossTab {
    pub counts: [[u32; 4]; 4],
}

impl std::hash::Hash for CrossTab {
    /// Four words, each packing a row's four counts in 16-bit lanes (counts above 65,535 fold in,
    /// which only costs collisions, never wrong answers: equality compares all counts).
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        for row in &self.counts {
            h.write_u64(row.iter().fold(0u64, |acc, &c| (acc << 16) ^ u64::from(c)));
        }
    }
}

impl CrossTab {
    pub fn new(x: &[u8], y: &[u8]) -> CrossTab {
        let mut t = CrossTab::default();
        for (a, b) in x.iter().zip(y) {
            t.counts[(*a).min(3) as usize][(*b).min(3) as usize] += 1;
        }
        t
    }

    fn n(&self) -> f64 {
        self.counts.iter().flatten().map(|&c| f64::from(c)).sum()
    }

    /// Unweighted S on the 0–3 scale (d = 3), absolute or squared distances.
    pub fn s(&self, distance: Distance) -> Option<f64> {
        let n = self.n();
        let mut sum = 0.0;
        for a in 0..4 {
            for b in 0..4 {
                let d = (a as f64 - b as f64).abs() / 3.0;
                sum += f64::from(self.counts[a][b])
                    * if distance == Distance::Squared {
                        d * d
                    } else {
                        d
                    };
            }
        }
        (n > 0.0).then(|| 1.0 - 2.0 * sum / n)
    }

    /// S on the binary coding (any tie = 1, d = 1).
    pub fn s_binary(&self) -> Option<f64> {
        let n = self.n();
        let mut differ = 0.0;
        for a in 0..4 {
            for b in 0..4 {
                if (a > 0) != (b > 0) {
                    differ += f64::from(self.counts[a][b]);
                }
            }
        }
        (n > 0.0).then(|| 1.0 - 2.0 * differ / n)
    }

    /// Kendall's tau-b from the table: concordant and discordant pairs of cells.
    pub fn tau_b(&self) -> Option<f64> {
        let c = &self.counts;
        let (mut conc, mut disc) = (0.0f64, 0.0f64);
        for a in 0..4 {
            for b in 0..4 {
                let here = f64::from(c[a][b]);
                if here == 0.0 {
                    continue;
                }
                for row in &c[a + 1..] {
                    for (b2, &cell) in row.iter().enumerate() {
                        let there = f64::from(cell);
                        if b2 > b {
                            conc += here * there;
                        } else if b2 < b {
                            disc += here * there;
                        }
                    }
                }
            }
        }
        let n = self.n();
        let n0 = n * (n - 1.0) / 2.0;
        let rows: f64 = (0..4)
            .map(|a| {
                let r: f64 = (0..4).map(|b| f64::from(c[a][b])).sum();
                r * (r - 1.0) / 2.0
            })
            .sum();
        let cols: f64 = (0..4)
            .map(|b| {
                let k: f64 = (0..4).map(|a| f64::from(c[a][b])).sum();
                k * (k - 1.0) / 2.0
            })
            .sum();
        let den = ((n0 - rows) * (n0 - cols)).sqrt();
        (den > 0.0).then(|| (conc - disc) / den)
    }

    fn joint(&self) -> Option<Joint4> {
        let n = self.n();
        if n == 0.0 {
            return None;
        }
        let mut p = [[0.0; 4]; 4];
        let (mut px, mut py) = ([0.0; 4], [0.0; 4]);
        for a in 0..4 {
            for b in 0..4 {
                p[a][b] = f64::from(self.counts[a][b]) / n;
                px[a] += p[a][b];
                py[b] += p[a][b];
            }
        }
        Some((p, px, py))
    }

    /// Cohen's kappa with quadratic weights on levels 0–3.
    pub fn kappa(&self) -> Option<f64> {
        let (p, px, py) = self.joint()?;
        let (mut o, mut e) = (0.0, 0.0);
        for a in 0..4 {
            for b in 0..4 {
                let w = ((a as f64 - b as f64) / 3.0).powi(2);
                o += w * p[a][b];
                e += w * px[a] * py[b];
            }
        }
        (e > 0.0).then(|| 1.0 - o / e)
    }

    /// Scott's pi (nominal) on levels 0–3.
    pub fn pi(&self) -> Option<f64> {
        let (p, px, py) = self.joint()?;
        let observed: f64 = (0..4).map(|k| p[k][k]).sum();
        let chance: f64 = (0..4).map(|k| ((px[k] + py[k]) / 2.0).powi(2)).sum();
        (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
    }
}

#[cfg(test)]
mod crosstab_tests {
    use super::*;

    /// The table form equals the slice form on random portfolios.
    #[test]
    fn crosstab_equals_direct_computation() {
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 4) as u8
        };
        for _ in 0..200 {
            let n = 3 + (next() as usize) * 7;
            let x: Vec<u8> = (0..n).map(|_| next()).collect();
            let y: Vec<u8> = (0..n).map(|_| next()).collect();
            let (xf, yf): (Vec<f64>, Vec<f64>) = (
                x.iter().map(|&v| f64::from(v)).collect(),
                y.iter().map(|&v| f64::from(v)).collect(),
            );
            let t = CrossTab::new(&x, &y);
            let eq = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-12,
                (None, None) => true,
                _ => false,
            };
            let levels = [0.0, 1.0, 2.0, 3.0];
            assert!(eq(
                t.s(Distance::Absolute),
                s_score(&xf, &yf, None, 3.0, Distance::Absolute)
            ));
            assert!(eq(
                t.s(Distance::Squared),
                s_score(&xf, &yf, None, 3.0, Distance::Squared)
            ));
            let (xb, yb): (Vec<f64>, Vec<f64>) = (
                xf.iter().map(|v| f64::from(u8::from(*v > 0.0))).collect(),
                yf.iter().map(|v| f64::from(u8::from(*v > 0.0))).collect(),
            );
            assert!(eq(
                t.s_binary(),
                s_score(&xb, &yb, None, 1.0, Distance::Absolute)
            ));
            assert!(eq(t.tau_b(), tau_b(&xf, &yf)), "{x:?} {y:?}");
            assert!(eq(
                t.kappa(),
                cohen_kappa(&xf, &yf, &levels, KappaWeights::Quadratic)
            ));
            assert!(eq(t.pi(), scott_pi(&xf, &yf, &levels)));
        }
    }
}

/// A portfolio stored sparsely: the states with a non-zero tie, sorted by index, with the tie (1–3).
/// Alliance portfolios are mostly zeros, so panels compare two states by merging these lists.
pub type SparsePortfolio = Vec<(u16, u8)>;

impl CrossTab {
    /// The cross-tabulation of two sparse portfolios over `n` states, and the weighted absolute
    /// distance `Σ w_k·|x_k − y_k|` (for capability-weighted S). Cost O(nonzeros of x + nonzeros of y).
    pub fn from_sparse(
        x: &[(u16, u8)],
        y: &[(u16, u8)],
        n: usize,
        weights: &[f64],
    ) -> (CrossTab, f64) {
        let mut t = CrossTab::default();
        let mut weighted = 0.0;
        let (mut i, mut j, mut union) = (0, 0, 0u32);
        let w = |k: u16| weights.get(k as usize).copied().unwrap_or(0.0);
        while i < x.len() || j < y.len() {
            let (k, a, b) = match (x.get(i), y.get(j)) {
                (Some(&(kx, a)), Some(&(ky, b))) if kx == ky => {
                    i += 1;
                    j += 1;
                    (kx, a, b)
                }
                (Some(&(kx, a)), Some(&(ky, _))) if kx < ky => {
                    i += 1;
                    (kx, a, 0)
                }
                (Some(&(kx, a)), None) => {
                    i += 1;
                    (kx, a, 0)
                }
                (_, Some(&(ky, b))) => {
                    j += 1;
                    (ky, 0, b)
                }
                (None, None) => break,
            };
            t.counts[a.min(3) as usize][b.min(3) as usize] += 1;
            weighted += w(k) * f64::from(a.abs_diff(b));
            union += 1;
        }
        t.counts[0][0] += (n as u32).saturating_sub(union);
        (t, weighted)
    }
}

#[cfg(test)]
mod sparse_tests {
    use super::*;

    #[test]
    fn sparse_equals_dense() {
        let x = [0u8, 3, 0, 2, 1, 0, 0, 3];
        let y = [3u8, 3, 0, 0, 1, 2, 0, 0];
        let w = [0.1, 0.2, 0.05, 0.05, 0.3, 0.1, 0.1, 0.1];
        let sp = |v: &[u8]| {
            v.iter()
                .enumerate()
                .filter(|(_, l)| **l > 0)
                .map(|(k, l)| (k as u16, *l))
                .collect::<Vec<_>>()
        };
        let (t, wd) = CrossTab::from_sparse(&sp(&x), &sp(&y), x.len(), &w);
        assert_eq!(t, CrossTab::new(&x, &y));
        let direct: f64 = x
            .iter()
            .zip(&y)
            .zip(&w)
            .map(|((a, b), w)| w * f64::from(a.abs_diff(*b)))
            .sum();
        assert!((wd - direct).abs() < 1e-15);
    }
}

/// A portfolio of at most 256 states as bitsets: `levels[l]` holds the states tied at level l+1,
/// `at_least[t]` those tied at level t+1 or more. Panels compare two states with a few AND, XOR and
/// popcount operations instead of a pass over the states.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BitPortfolio {
    pub levels: [[u64; 4]; 3],
    pub at_least: [[u64; 4]; 3],
    pub sizes: [u32; 3],
    /// The summed weights of the states in each `at_least` set (set by [`BitPortfolio::weigh`]).
    pub weight: [f64; 3],
}

/// The largest system a [`BitPortfolio`] holds.
pub const BIT_STATES: usize = 256;

impl BitPortfolio {
    /// From a dense portfolio (values 0–3) of at most [`BIT_STATES`] states.
    pub fn new(p: &[u8]) -> Option<BitPortfolio> {
        if p.len() > BIT_STATES {
            return None;
        }
        let mut b = BitPortfolio::default();
        for (k, &v) in p.iter().enumerate() {
            let v = v.min(3) as usize;
            if v == 0 {
                continue;
            }
            b.levels[v - 1][k / 64] |= 1 << (k % 64);
            b.sizes[v - 1] += 1;
            for t in 0..v {
                b.at_least[t][k / 64] |= 1 << (k % 64);
            }
        }
        Some(b)
    }

    /// Records the summed weights of each threshold set (needed by [`CrossTab::from_bits`]).
    pub fn weigh(mut self, weights: &[f64]) -> BitPortfolio {
        for t in 0..3 {
            let mut s = 0.0;
            for (w, mut d) in self.at_least[t].into_iter().enumerate() {
                while d != 0 {
                    s += weights
                        .get(w * 64 + d.trailing_zeros() as usize)
                        .copied()
                        .unwrap_or(0.0);
                    d &= d - 1;
                }
            }
            self.weight[t] = s;
        }
        self
    }
}

fn pop_and(a: &[u64; 4], b: &[u64; 4]) -> u32 {
    (a[0] & b[0]).count_ones()
        + (a[1] & b[1]).count_ones()
        + (a[2] & b[2]).count_ones()
        + (a[3] & b[3]).count_ones()
}

impl CrossTab {
    /// The cross-tabulation of two bit portfolios over `n` states, and `Σ w_k·|x_k − y_k|`, using
    /// |x − y| = Σ_t |[x ≥ t] − [y ≥ t]| so that only the states where the two differ are visited.
    pub fn from_bits(
        x: &BitPortfolio,
        y: &BitPortfolio,
        n: usize,
        weights: &[f64],
    ) -> (CrossTab, f64) {
        let mut t = CrossTab::default();
        let mut inner = 0u32;
        for a in 0..3 {
            for b in 0..3 {
                let c = pop_and(&x.levels[a], &y.levels[b]);
                t.counts[a + 1][b + 1] = c;
                inner += c;
            }
        }
        let mut row_total = 0;
        let mut col_total = 0;
        for l in 0..3 {
            let in_row: u32 = (1..4).map(|b| t.counts[l + 1][b]).sum();
            let in_col: u32 = (1..4).map(|a| t.counts[a][l + 1]).sum();
            t.counts[l + 1][0] = x.sizes[l] - in_row;
            t.counts[0][l + 1] = y.sizes[l] - in_col;
            row_total += x.sizes[l] - in_row;
            col_total += y.sizes[l] - in_col;
        }
        t.counts[0][0] = (n as u32).saturating_sub(inner + row_total + col_total);
        // W(x ⊕ y) = W(x) + W(y) − 2·W(x ∧ y) per threshold: sum the weights over whichever of the
        // two bitsets is smaller (two allies share many ties, two strangers differ in many).
        let sum_bits = |bits: [u64; 4]| -> f64 {
            let mut s = 0.0;
            for (w, mut d) in bits.into_iter().enumerate() {
                while d != 0 {
                    s += weights
                        .get(w * 64 + d.trailing_zeros() as usize)
                        .copied()
                        .unwrap_or(0.0);
                    d &= d - 1;
                }
            }
            s
        };
        let mut weighted = 0.0;
        for th in 0..3 {
            let (xa, ya) = (&x.at_least[th], &y.at_least[th]);
            let and = [xa[0] & ya[0], xa[1] & ya[1], xa[2] & ya[2], xa[3] & ya[3]];
            let xor = [xa[0] ^ ya[0], xa[1] ^ ya[1], xa[2] ^ ya[2], xa[3] ^ ya[3]];
            let count = |b: &[u64; 4]| b.iter().map(|w| w.count_ones()).sum::<u32>();
            weighted += if count(&and) < count(&xor) {
                x.weight[th] + y.weight[th] - 2.0 * sum_bits(and)
            } else {
                sum_bits(xor)
            };
        }
        (t, weighted)
    }
}

#[cfg(test)]
mod bit_tests {
    use super::*;

    #[test]
    fn bits_equal_dense() {
        let mut seed = 99u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for _ in 0..300 {
            let n = 1 + next(256) as usize;
            let x: Vec<u8> = (0..n)
                .map(|_| if next(4) == 0 { next(4) as u8 } else { 0 })
                .collect();
            let y: Vec<u8> = (0..n)
                .map(|_| if next(3) == 0 { next(4) as u8 } else { 0 })
                .collect();
            let w: Vec<f64> = (0..n).map(|_| next(1000) as f64 / 1000.0).collect();
            let (t, wd) = CrossTab::from_bits(
                &BitPortfolio::new(&x).unwrap().weigh(&w),
                &BitPortfolio::new(&y).unwrap().weigh(&w),
                n,
                &w,
            );
            assert_eq!(t, CrossTab::new(&x, &y));
            let direct: f64 = x
                .iter()
                .zip(&y)
                .zip(&w)
                .map(|((a, b), w)| w * f64::from(a.abs_diff(*b)))
                .sum();
            assert!((wd - direct).abs() < 1e-9, "{wd} {direct}");
        }
        assert!(BitPortfolio::new(&[0; 257]).is_none());
    }
}
