//! `entente.panel(...)`: peacesciencer-style state-year and dyad-year panels from the user's
//! datasets (Miller 2022), built by `entente_panel` exactly as `entente panel` builds them, handed
//! over as Arrow batches (one per year) without a copy.

use crate::arrow::Table;
use crate::err;
use entente_datasets::dir::DataDir;
use entente_panel::{Addon, Panel, PanelData, Portfolio, Unit};
use pyo3::prelude::*;
use std::path::PathBuf;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(panel, m)?)
}

/// A panel: `unit` is `"state-year"` or `"dyad-year"` (`directed=True` holds both (A, B) and
/// (B, A)), over `years` (first, last), with the datasets and measures in `with_` (`"atop"`,
/// `"cow"`, `"nmc"`, `"mid"`, `"contiguity"`, `"similarity"`, `"majors"`), read from `data_dir`
/// (the folder of COW, ATOP, NMC, MID and contiguity files; entente bundles none).
///
/// Returns `(table, notes, rejects)`: the panel as an Arrow table, what the loaders noted, and every
/// row a dataset could not read as `(file, line, reason)`; when `rejects_path` is given they are
/// also written there as CSV. Missing values are null, never zero.
#[pyfunction]
#[pyo3(signature = (data_dir, unit="dyad-year", directed=true, years=(1816, 2016), with_=vec!["atop".to_string()], portfolio="owes", atop_member_only=false, rejects_path=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn panel(
    py: Python<'_>,
    data_dir: PathBuf,
    unit: &str,
    directed: bool,
    years: (i32, i32),
    with_: Vec<String>,
    portfolio: &str,
    atop_member_only: bool,
    rejects_path: Option<PathBuf>,
) -> PyResult<(Table, Vec<String>, Vec<(String, u64, String)>)> {
    let (from, to) = years;
    if from > to {
        return Err(err(format!(
            "years=({from}, {to}): the first is after the last"
        )));
    }
    let mut addons = Vec::new();
    for w in &with_ {
        addons.push(
            Addon::parse(w)
                .ok_or_else(|| err(format!("with_ {w}: use any of {}", Addon::NAMES)))?,
        );
    }
    let unit = match unit {
        "state-year" => {
            if addons.contains(&Addon::Similarity) {
                return Err(err(
                    "similarity is a dyad-year measure: use unit=\"dyad-year\" with similarity",
                ));
            }
            Unit::StateYear
        }
        "dyad-year" => Unit::DyadYear { directed },
        other => {
            return Err(err(format!(
                "unit {other}: use \"state-year\" or \"dyad-year\""
            )));
        }
    };
    let portfolio = match portfolio {
        "owes" => Portfolio::Owes,
        "owed" => Portfolio::Owed,
        other => return Err(err(format!("portfolio {other}: use \"owes\" or \"owed\""))),
    };
    if !data_dir.is_dir() {
        return Err(err(format!(
            "{}: not a folder; give the folder holding the COW and ATOP files",
            data_dir.display()
        )));
    }
    py.detach(move || {
        let data = PanelData::load(&DataDir::new(&data_dir), &addons, atop_member_only)
            .map_err(|e| e.to_string())?;
        if let Some(path) = &rejects_path
            && !data.rejects.is_empty()
        {
            entente_table::write_rejects(path, &data.rejects).map_err(|e| e.to_string())?;
        }
        let inputs = data.inputs();
        let panel = Panel::new(&inputs, unit, &addons, portfolio, from, to);
        let mut notes: Vec<String> = data.notes.iter().map(|n| n.to_string()).collect();
        if panel.atop_outside_system > 0 {
            notes.push(format!(
                "the panel keeps COW's state system: {} ATOP directed dyad-years in these years have a member outside it (ATOP cowsys = 0) and are not rows",
                panel.atop_outside_system
            ));
        }
        let years = panel.years();
        let (schema, batches) = entente_panel::load::record_batches(&panel, &years)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("the panel has no rows in {from}–{to}"))?;
        let rejects = data
            .rejects
            .iter()
            .map(|r| (r.file.clone(), r.line, r.reason.clone()))
            .collect();
        Ok((Table::new(schema, batches), notes, rejects))
    })
    .map_err(|e: String| err(e))
}
