//! `entente similarity A B --year Y`: the alliance-portfolio similarity of one dyad-year — the
//! panel's fourteen measures (S absolute, squared, CINC-weighted and binary; Kendall's tau-b; Cohen's
//! kappa; Scott's pi; ATOP and COW codings) for one pair, without writing a panel. The numbers are the
//! panel's: the same code computes them.

use crate::commands::Error;
use crate::output::{Format, Table, render};
use crate::panel_cmd::PanelData;
use entente_analysis::panel::{Addon, Panel, Portfolio, Unit, Values};
use entente_datasets::dir::DataDir;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct SimilarityArgs {
    /// The two states: COW numbers or abbreviations (GMY, RUS, 255, 365).
    #[arg(num_args = 2, value_names = ["A", "B"], required = true)]
    states: Vec<String>,
    /// The year (COW state system: 1816–2016).
    #[arg(long)]
    year: i32,
    /// Whose ties make a state's portfolio: the ties it owes (default) or is owed.
    #[arg(long, default_value = "owes", value_parser = ["owes", "owed"])]
    portfolio: String,
}

/// One measure for the dyad-year, under each coding (`None`: outside that dataset's years).
#[derive(serde::Serialize)]
struct Measure {
    measure: &'static str,
    atop: Option<f64>,
    cow: Option<f64>,
}

#[derive(serde::Serialize)]
struct Answer {
    a: u16,
    b: u16,
    year: i32,
    portfolio: &'static str,
    measures: Vec<Measure>,
}

/// (measure, ATOP column, COW column, in words).
const MEASURES: [(&str, &str, &str, &str); 7] = [
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
fn ccode(name: &str, system: &[(u16, String)], year: i32) -> Result<u16, Error> {
    let found = match name.parse::<u16>() {
        Ok(n) => system.iter().find(|(c, _)| *c == n),
        Err(_) => system.iter().find(|(_, a)| a.eq_ignore_ascii_case(name)),
    };
    found.map(|(c, _)| *c).ok_or_else(|| {
        format!(
            "{name} is not a state in the COW system in {year}: give its COW number or abbreviation (GMY, 255)"
        )
    })
}

pub fn run(
    data: Option<&Path>,
    a: &SimilarityArgs,
    atop_member_only: bool,
    format: Format,
) -> Result<(), Error> {
    let dir = DataDir::new(data.ok_or("similarity needs the datasets: --data DIR")?);
    let mut rejects = Vec::new();
    let data = PanelData::load(&dir, &[Addon::Similarity], atop_member_only, &mut rejects)?;
    let system = data.system_in(a.year);
    if system.is_empty() {
        return Err(format!(
            "no state is in the COW system in {} (the system file covers 1816–2016)",
            a.year
        ));
    }
    let [sa, sb] = a.states.as_slice() else {
        return Err("give two states: similarity A B --year Y".into());
    };
    let (x, y) = (ccode(sa, &system, a.year)?, ccode(sb, &system, a.year)?);
    if x == y {
        return Err("give two different states".into());
    }
    let portfolio = if a.portfolio == "owed" {
        Portfolio::Owed
    } else {
        Portfolio::Owes
    };
    let panel = Panel::new(
        &data.inputs(),
        Unit::DyadYear { directed: true },
        &[Addon::Similarity],
        portfolio,
        a.year,
        a.year,
    );
    let batch = panel.year(a.year);
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
        .ok_or("the pair is not in the panel (a bug; please report it)")?;
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
    let answer = Answer {
        a: x,
        b: y,
        year: a.year,
        portfolio: if portfolio == Portfolio::Owed {
            "owed"
        } else {
            "owes"
        },
        measures: MEASURES
            .iter()
            .map(|(m, atop, cow, _)| Measure {
                measure: m,
                atop: real(atop),
                cow: real(cow),
            })
            .collect(),
    };
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    let abbr = |c: u16| {
        system
            .iter()
            .find(|(x, _)| *x == c)
            .map_or_else(|| c.to_string(), |(_, a)| a.clone())
    };
    let mut t = Table::new(
        format!(
            "Alliance-portfolio similarity of {} and {} in {} (portfolios: the ties each {})",
            abbr(x),
            abbr(y),
            a.year,
            answer.portfolio
        ),
        &["measure", "ATOP", "COW", "what"],
    );
    let cell = |v: Option<f64>| v.map_or_else(|| "NA".to_string(), |v| format!("{v:.4}"));
    for (m, (_, _, _, what)) in answer.measures.iter().zip(MEASURES) {
        t.row(vec![
            m.measure.into(),
            cell(m.atop),
            cell(m.cow),
            what.into(),
        ]);
    }
    print!("{}", render(&[t], format));
    if !rejects.is_empty() {
        eprintln!(
            "warning: {} rows of the datasets could not be read",
            rejects.len()
        );
    }
    Ok(())
}
