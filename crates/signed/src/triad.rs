//! One named triangle — say Russia, China and North Korea — over time: the sign of each of its
//! three ties in each period, whether the triangle is balanced, and whether it is "closing": all
//! three ties positive and none weaker than in the period before.

use serde::Serialize;

/// One tie of the triad in one period: its net score (e.g. cooperation minus conflict over volume,
/// or a treaty weight), the sign given to it (`None`: too little evidence, or a score within the
/// neutral band), and what it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TiePeriod {
    pub a: String,
    pub b: String,
    pub score: Option<f64>,
    pub sign: Option<i8>,
    pub evidence: Vec<String>,
}

/// The triad in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TriadPeriod {
    pub period: String,
    pub ties: [TiePeriod; 3],
    /// `None` when a tie has no sign.
    pub balanced: Option<bool>,
    /// All three ties positive, and each at least as strong as in the previous period.
    pub closing: bool,
}

/// Balanced iff an even number of the three signs is negative (Heider 1946).
pub fn balanced(signs: [Option<i8>; 3]) -> Option<bool> {
    let s: Option<Vec<i8>> = signs.into_iter().collect();
    s.map(|s| s.iter().filter(|&&x| x < 0).count() % 2 == 0)
}

/// Fills `balanced` and `closing` along a series of periods (in time order).
pub fn annotate(periods: &mut [TriadPeriod]) {
    let mut prev: Option<[Option<f64>; 3]> = None;
    for p in periods.iter_mut() {
        let signs = [p.ties[0].sign, p.ties[1].sign, p.ties[2].sign];
        p.balanced = balanced(signs);
        let scores = [p.ties[0].score, p.ties[1].score, p.ties[2].score];
        let all_positive = signs.iter().all(|s| *s == Some(1));
        let strengthening = match prev {
            Some(before) => scores
                .iter()
                .zip(before)
                .all(|(now, was)| match (now, was) {
                    (Some(n), Some(w)) => *n >= w,
                    (Some(_), None) => true,
                    _ => false,
                }),
            None => false,
        };
        p.closing = all_positive && strengthening;
        prev = Some(scores);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(score: f64) -> TiePeriod {
        TiePeriod {
            a: "A".into(),
            b: "B".into(),
            score: Some(score),
            sign: Some(if score > 0.0 { 1 } else { -1 }),
            evidence: vec![],
        }
    }

    #[test]
    fn heider_and_closing() {
        assert_eq!(balanced([Some(1), Some(-1), Some(-1)]), Some(true));
        assert_eq!(balanced([Some(1), Some(1), Some(-1)]), Some(false));
        assert_eq!(balanced([Some(1), None, Some(1)]), None);
        let mut p = vec![
            TriadPeriod {
                period: "1".into(),
                ties: [tie(0.1), tie(0.2), tie(0.3)],
                balanced: None,
                closing: false,
            },
            TriadPeriod {
                period: "2".into(),
                ties: [tie(0.2), tie(0.2), tie(0.4)],
                balanced: None,
                closing: false,
            },
            TriadPeriod {
                period: "3".into(),
                ties: [tie(0.1), tie(0.3), tie(0.5)],
                balanced: None,
                closing: false,
            },
        ];
        annotate(&mut p);
        assert_eq!(
            p.iter().map(|x| x.closing).collect::<Vec<_>>(),
            vec![false, true, false]
        );
        assert!(p.iter().all(|x| x.balanced == Some(true)));
    }
}
