//! One dyad-year's alliance-portfolio similarity, through the panel's own code, so that the answer
//! for one pair is the panel's row for that pair (tested equal in `crates/cli/tests/panel.rs`).

use crate::{Addon, Panel, PanelData, Portfolio, Unit, Values};

/// One measure for the dyad-year, under each coding (`None`: outside that dataset's years).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Measure {
    pub measure: &'static str,
    pub atop: Option<f64>,
    pub cow: Option<f64>,
    /// In words, with its paper.
    #[serde(skip)]
    pub what: &'static str,
}

/// The similarity of A and B in a year.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Answer {
    pub a: u16,
    pub b: u16,
    pub year: i32,
    pub portfolio: &'static str,
    pub measures: Vec<Measure>,
}

/// Why a dyad-year's similarity cannot be given.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimilarityError {
    #[error("no state is in the COW system in {0} (the system file covers 1816–2016)")]
    NoSystem(i32),
    #[error(
        "{name} is not a state in the COW system in {year}: give its COW number or abbreviation (GMY, 255)"
    )]
    NotInSystem { name: String, year: i32 },
    #[error("give two different states")]
    SameState,
    #[error("the pair is not in the panel (a bug; please report it)")]
    Missing,
}

/// (measure, ATOP column, COW column, in words).
pub const MEASURES: [(&str, &str, &str, &str); 7] = [
    (
        "s",
        "s_atop",
        "s_cow",
        "S, absolute distance (Signorino & Ritter 1999)",
    ),
    ("s_sq", "s_atop_sq", "s_cow_sq", "S, squared distance"),
    (
        "s_wt",
        "s_atop_wt",
        "s_cow_wt",
        "S, CINC-weighted (absolute distance)",
    ),
    (
        "s_bin",
        "s_atop_bin",
        "s_cow_bin",
        "S, binary (allied or not)",
    ),
    ("taub", "taub_atop", "taub_cow", "Kendall's tau-b"),
    (
        "kappa",
        "kappa_atop",
        "kappa_cow",
        "Cohen's kappa, quadratic weights",
    ),
    ("pi", "pi_atop", "pi_cow", "Scott's pi"),
];

/// A state's COW number from a number or an abbreviation, among the states in the system in `year`.
pub fn ccode(name: &str, system: &[(u16, String)], year: i32) -> Result<u16, SimilarityError> {
    let found = match name.parse::<u16>() {
        Ok(n) => system.iter().find(|(c, _)| *c == n),
        Err(_) => system.iter().find(|(_, a)| a.eq_ignore_ascii_case(name)),
    };
    found
        .map(|(c, _)| *c)
        .ok_or_else(|| SimilarityError::NotInSystem {
            name: name.to_string(),
            year,
        })
}

/// The 14 measures (7 under ATOP, 7 under COW) of the directed dyad-year (A, B, year).
pub fn dyad_year(
    data: &PanelData,
    a: &str,
    b: &str,
    year: i32,
    portfolio: Portfolio,
) -> Result<Answer, SimilarityError> {
    let system = data.system_in(year);
    if system.is_empty() {
        return Err(SimilarityError::NoSystem(year));
    }
    let (x, y) = (ccode(a, &system, year)?, ccode(b, &system, year)?);
    if x == y {
        return Err(SimilarityError::SameState);
    }
    let panel = Panel::new(
        &data.inputs(),
        Unit::DyadYear { directed: true },
        &[Addon::Similarity],
        portfolio,
        year,
        year,
    );
    let batch = panel.year(year);
    let int = |name: &str| match batch.columns.iter().find(|c| c.name == name) {
        Some(c) => match &c.values {
            Values::Int(v) => v.clone(),
            Values::Real(_) => Vec::new(),
        },
        None => Vec::new(),
    };
    let (c1, c2) = (int("ccode1"), int("ccode2"));
    let row = (0..batch.rows)
        .find(|&r| c1.get(r) == Some(&Some(i64::from(x))) && c2.get(r) == Some(&Some(i64::from(y))))
        .ok_or(SimilarityError::Missing)?;
    let real = |name: &str| {
        batch
            .columns
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| match &c.values {
                Values::Real(v) => v.get(row).copied().flatten(),
                Values::Int(v) => v.get(row).copied().flatten().map(|i| i as f64),
            })
    };
    Ok(Answer {
        a: x,
        b: y,
        year,
        portfolio: if portfolio == Portfolio::Owed {
            "owed"
        } else {
            "owes"
        },
        measures: MEASURES
            .iter()
            .map(|(m, atop, cow, what)| Measure {
                measure: m,
                atop: real(atop),
                cow: real(cow),
                what,
            })
            .collect(),
    })
}
