//! One named triangle over time — the seed's "possible Russia–China–North Korea axis": each of the
//! three ties' score, sign and evidence per period, balanced or not, closing or not, and the
//! turning points of each tie's score (PELT, as `events series` finds them).

use crate::Ties;
use entente_signed::triad::{TiePeriod, TriadPeriod, annotate};
use serde::Serialize;

/// The triad's series and each tie's turning points.
#[derive(Clone, Debug, Serialize)]
pub struct TriadSeries {
    pub actors: [String; 3],
    pub periods: Vec<TriadPeriod>,
    /// For each tie (a–b, a–c, b–c): the periods where its score shifts, with the shift.
    pub turning_points: [Vec<Turn>; 3],
}

#[derive(Clone, Debug, Serialize)]
pub struct Turn {
    pub period: String,
    pub before: f64,
    pub after: f64,
}

impl TriadSeries {
    /// Each tie's turning points as indices into `periods` (for a chart).
    pub fn turn_indices(&self) -> [Vec<usize>; 3] {
        [0, 1, 2].map(|k| {
            self.turning_points[k]
                .iter()
                .filter_map(|t| self.periods.iter().position(|p| p.period == t.period))
                .collect()
        })
    }
}

/// The triad of `actors` over `periods` (label, the period's ties), in time order.
pub fn series(actors: [&str; 3], periods: &[(String, Ties)], penalty: Option<f64>) -> TriadSeries {
    let pairs = [
        (actors[0], actors[1]),
        (actors[0], actors[2]),
        (actors[1], actors[2]),
    ];
    let mut out: Vec<TriadPeriod> = periods
        .iter()
        .map(|(label, ties)| {
            let tie = |(a, b): (&str, &str)| {
                let t = ties.tie(a, b);
                TiePeriod {
                    a: a.to_string(),
                    b: b.to_string(),
                    score: t.as_ref().map(|t| t.score),
                    sign: t.as_ref().and_then(|t| t.sign).map(|s| s.value()),
                    evidence: t
                        .map(|t| {
                            t.evidence
                                .iter()
                                .map(|e| format!("{}: {} ({:+})", e.source, e.what, e.weight))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            };
            TriadPeriod {
                period: label.clone(),
                ties: [tie(pairs[0]), tie(pairs[1]), tie(pairs[2])],
                balanced: None,
                closing: false,
            }
        })
        .collect();
    annotate(&mut out);
    let turning_points = [0, 1, 2].map(|k| {
        // A period with no evidence scores 0 (neither tie nor enmity) for the changepoint search.
        let y: Vec<f64> = out.iter().map(|p| p.ties[k].score.unwrap_or(0.0)).collect();
        entente_analysis::changepoint::changes(&y, penalty, 2)
            .into_iter()
            .map(|c| Turn {
                period: out[c.index].period.clone(),
                before: c.before,
                after: c.after,
            })
            .collect()
    });
    TriadSeries {
        actors: actors.map(str::to_string),
        periods: out,
        turning_points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Evidence;

    #[test]
    fn a_triangle_that_closes() {
        let ev = |w: f64| Evidence {
            source: "test",
            what: String::new(),
            weight: w,
        };
        let mut periods = Vec::new();
        for (i, w) in [(-0.2, 0.1, 0.1), (0.1, 0.2, 0.2), (0.3, 0.3, 0.4)]
            .into_iter()
            .enumerate()
        {
            let mut t = Ties::default();
            t.add("RUS", "CHN", ev(w.0));
            t.add("RUS", "PRK", ev(w.1));
            t.add("CHN", "PRK", ev(w.2));
            periods.push((format!("{}", 2022 + i), t));
        }
        let s = series(["RUS", "CHN", "PRK"], &periods, None);
        assert_eq!(s.periods[0].balanced, Some(false));
        assert_eq!(
            s.periods.iter().map(|p| p.closing).collect::<Vec<_>>(),
            vec![false, true, true]
        );
        assert_eq!(s.periods[2].ties[0].sign, Some(1));
    }
}
