//! `entente panel`: state-year and dyad-year panels from the user's datasets, written as CSV (or
//! Parquet). Years are built in parallel and written in order; a terminal shows progress.

use crate::common::Error;
use entente_datasets::dir::DataDir;
use entente_panel::{Addon, Panel, PanelData, Portfolio, Unit};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct PanelArgs {
    /// The unit of analysis.
    #[arg(value_parser = ["state-year", "dyad-year"])]
    unit: String,
    /// Dyad-years with both (A, B) and (B, A); ties read from A to B.
    #[arg(long)]
    directed: bool,
    /// First year.
    #[arg(long, default_value_t = 1816)]
    from: i32,
    /// Last year.
    #[arg(long, default_value_t = 2016)]
    to: i32,
    /// Datasets and measures to add, comma-separated: atop, cow, nmc, mid, contiguity, similarity, majors.
    #[arg(long, value_delimiter = ',', default_value = "atop")]
    with: Vec<String>,
    /// Whose ties make a state's portfolio for similarity: the ties it owes (default) or is owed.
    #[arg(long, default_value = "owes", value_parser = ["owes", "owed"])]
    portfolio: String,
    /// Output file: .csv or .parquet.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Where to write rows the datasets could not read (default: OUT.rejects.csv, only if any).
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
}

pub fn run(data: Option<&Path>, a: &PanelArgs, atop_member_only: bool) -> Result<(), Error> {
    let dir = DataDir::new(data.ok_or("panel needs the datasets: --data DIR")?);
    if a.from > a.to {
        return Err(format!("--from {} is after --to {}", a.from, a.to));
    }
    let mut addons = Vec::new();
    for w in &a.with {
        addons.push(
            Addon::parse(w).ok_or_else(|| format!("--with {w}: use any of {}", Addon::NAMES))?,
        );
    }
    let unit = match a.unit.as_str() {
        "state-year" => {
            if addons.contains(&Addon::Similarity) {
                return Err(
                    "similarity is a dyad-year measure: use `panel dyad-year --with similarity`"
                        .into(),
                );
            }
            Unit::StateYear
        }
        _ => Unit::DyadYear {
            directed: a.directed,
        },
    };
    let data = PanelData::load(&dir, &addons, atop_member_only).map_err(|e| e.to_string())?;
    crate::common::print_notes(&data.notes);
    if !data.rejects.is_empty() {
        let path = a
            .rejects
            .clone()
            .unwrap_or_else(|| a.out.with_extension("rejects.csv"));
        entente_table::write_rejects(&path, &data.rejects).map_err(|e| e.to_string())?;
        eprintln!(
            "{} rejected rows written to {}",
            data.rejects.len(),
            path.display()
        );
    }
    let inputs = data.inputs();
    let portfolio = if a.portfolio == "owed" {
        Portfolio::Owed
    } else {
        Portfolio::Owes
    };
    let panel = Panel::new(&inputs, unit, &addons, portfolio, a.from, a.to);
    if panel.atop_outside_system > 0 {
        eprintln!(
            "note: the panel keeps COW's state system: {} ATOP directed dyad-years in these years have a member outside it (ATOP cowsys = 0) and are not rows",
            panel.atop_outside_system
        );
    }
    let years = panel.years();
    let total: usize = years.iter().map(|y| panel.rows_in(*y)).sum();
    let show = std::io::stderr().is_terminal();
    let progress = |done: usize| {
        if show {
            eprint!("\r  {done} of {total} rows");
        }
    };
    entente_panel::load::write(&panel, &years, &a.out, &progress).map_err(|e| e.to_string())?;
    if show {
        eprintln!();
    }
    eprintln!(
        "wrote {total} rows ({} years) to {}",
        years.len(),
        a.out.display()
    );
    Ok(())
}
