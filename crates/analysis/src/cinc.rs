//! The Composite Index of National Capability (Singer, Bremer & Stuckey 1972, "Capability
//! Distribution, Uncertainty, and Major Power War, 1820–1965", in Russett (ed.), *Peace, War, and
//! Numbers*; Singer 1987, *International Interactions* 14: 115–132).
//!
//! For each year, each state's share of the system total of each of the six NMC components (military
//! expenditure, military personnel, iron and steel production, primary energy consumption, total and
//! urban population), averaged over the components that are not missing for that state — as NMC
//! computes it. A state missing all six has no CINC (`None`), not zero.
//!
//! Published check (tests/cinc.rs): every state-year of NMC v6.0 equals the published `cinc` within
//! 2e-7 relative (the published column is single precision).

/// One state-year's six components (NMC order); `None` where missing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Components {
    pub ccode: u16,
    pub year: i32,
    pub values: [Option<f64>; 6],
}

/// CINC for every row, in the input's order.
///
/// Complexity: O(rows) after sorting by year (the input may come in any order).
pub fn cinc(rows: &[Components]) -> Vec<Option<f64>> {
    use std::collections::HashMap;
    let mut totals: HashMap<i32, [f64; 6]> = HashMap::new();
    for r in rows {
        let t = totals.entry(r.year).or_insert([0.0; 6]);
        for (k, v) in r.values.iter().enumerate() {
            if let Some(v) = v {
                t[k] += v;
            }
        }
    }
    rows.iter()
        .map(|r| {
            let t = totals[&r.year];
            let shares: Vec<f64> = r
                .values
                .iter()
                .enumerate()
                .filter_map(|(k, v)| v.map(|v| if t[k] > 0.0 { v / t[k] } else { 0.0 }))
                .collect();
            (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_average_over_present_components() {
        let rows = [
            Components {
                ccode: 1,
                year: 1900,
                values: [Some(3.0), Some(1.0), None, None, None, None],
            },
            Components {
                ccode: 2,
                year: 1900,
                values: [Some(1.0), Some(3.0), Some(5.0), None, None, None],
            },
            Components {
                ccode: 3,
                year: 1900,
                values: [None; 6],
            },
        ];
        let c = cinc(&rows);
        assert!((c[0].unwrap() - (0.75 + 0.25) / 2.0).abs() < 1e-15);
        assert!((c[1].unwrap() - (0.25 + 0.75 + 1.0) / 3.0).abs() < 1e-15);
        assert_eq!(c[2], None);
    }
}
