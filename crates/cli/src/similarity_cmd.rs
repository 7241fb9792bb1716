//! `entente similarity A B --year Y`: the alliance-portfolio similarity of one dyad-year — the
//! panel's fourteen measures (S absolute, squared, CINC-weighted and binary; Kendall's tau-b; Cohen's
//! kappa; Scott's pi; ATOP and COW codings) for one pair, without writing a panel. The numbers are the
//! panel's: the same code computes them.

use crate::common::Error;
use crate::output::{Format, Table, render};
use entente_datasets::dir::DataDir;
use entente_panel::similarity;
use entente_panel::{Addon, PanelData, Portfolio};
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

pub fn run(
    data: Option<&Path>,
    a: &SimilarityArgs,
    atop_member_only: bool,
    format: Format,
) -> Result<(), Error> {
    let dir = DataDir::new(data.ok_or("similarity needs the datasets: --data DIR")?);
    let data =
        PanelData::load(&dir, &[Addon::Similarity], atop_member_only).map_err(|e| e.to_string())?;
    crate::common::print_notes(&data.notes);
    let [sa, sb] = a.states.as_slice() else {
        return Err("give two states: similarity A B --year Y".into());
    };
    let portfolio = if a.portfolio == "owed" {
        Portfolio::Owed
    } else {
        Portfolio::Owes
    };
    let answer =
        similarity::dyad_year(&data, sa, sb, a.year, portfolio).map_err(|e| e.to_string())?;
    let (x, y) = (answer.a, answer.b);
    let system = data.system_in(a.year);
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
    for m in &answer.measures {
        t.row(vec![
            m.measure.into(),
            cell(m.atop),
            cell(m.cow),
            m.what.into(),
        ]);
    }
    print!("{}", render(&[t], format));
    if !data.rejects.is_empty() {
        eprintln!(
            "warning: {} rows of the datasets could not be read",
            data.rejects.len()
        );
    }
    Ok(())
}
