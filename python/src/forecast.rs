//! `entente.forecast`: Richardson's arms-race equations fitted to two series (Richardson 1960;
//! entente-forecast) and the expected-utility model of Bueno de Mesquita (1994) as entente runs it.

use crate::arrow::{Columns, Table};
use crate::{err, json};
use entente_forecast::{bdm, richardson};
use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(richardson_fit, m)?)?;
    m.add_function(wrap_pyfunction!(richardson_projection, m)?)?;
    m.add_function(wrap_pyfunction!(expected_utility, m)?)
}

fn race(years: &[i32], x: &[f64], y: &[f64]) -> PyResult<richardson::Race> {
    richardson::fit(years, x, y).map_err(err)
}

/// Fits dx/dt = k·y − a·x + g and dy/dt = l·x − b·y + h to two yearly series (`entente forecast
/// arms-race`): each side's coefficients with standard errors and R², the stability margin a·b −
/// k·l and the equilibrium, as a dict.
#[pyfunction]
fn richardson_fit<'py>(
    py: Python<'py>,
    years: Vec<i32>,
    x: Vec<f64>,
    y: Vec<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    json(py, &race(&years, &x, &y)?)
}

/// The fitted race run `ahead` years forward, with 5%, 50% and 95% bands from `replicates`
/// bootstrap replicates of the residuals (seeded: the same `seed`, the same bands).
#[pyfunction]
#[pyo3(signature = (years, x, y, ahead=10, replicates=1000, seed=1))]
fn richardson_projection(
    py: Python<'_>,
    years: Vec<i32>,
    x: Vec<f64>,
    y: Vec<f64>,
    ahead: usize,
    replicates: usize,
    seed: u64,
) -> PyResult<Table> {
    let r = race(&years, &x, &y)?;
    let p = py.detach(|| richardson::project(&r, ahead, replicates, seed));
    let band = |b: &[[f64; 3]], k: usize| b.iter().map(move |v| v[k]).collect::<Vec<_>>();
    Columns::default()
        .int("year", p.years.iter().map(|&y| i64::from(y)))
        .real("x", p.x.iter().copied())
        .real("x_p5", band(&p.x_band, 0))
        .real("x_p50", band(&p.x_band, 1))
        .real("x_p95", band(&p.x_band, 2))
        .real("y", p.y.iter().copied())
        .real("y_p5", band(&p.y_band, 0))
        .real("y_p50", band(&p.y_band, 1))
        .real("y_p95", band(&p.y_band, 2))
        .table()
}

/// The expected-utility model over `rounds` rounds for stakeholders given as `(name, capability,
/// position, salience)`; `rules` is `"paper"` (Bueno de Mesquita 1994) or `"replication"` (the
/// public Python replication's offer rules). Returns one row per round and actor: position and
/// risk, with the round's capability-and-salience-weighted median and mean.
#[pyfunction]
#[pyo3(signature = (actors, rounds=10, rules="paper"))]
fn expected_utility(
    py: Python<'_>,
    actors: Vec<(String, f64, f64, f64)>,
    rounds: usize,
    rules: &str,
) -> PyResult<Table> {
    let rules = match rules {
        "paper" => bdm::Rules::Paper,
        "replication" => bdm::Rules::Replication,
        other => {
            return Err(err(format!(
                "rules={other}: use \"paper\" or \"replication\""
            )));
        }
    };
    let actors: Vec<bdm::Actor> = actors
        .into_iter()
        .map(|(name, capability, position, salience)| bdm::Actor {
            name,
            capability,
            position,
            salience,
        })
        .collect();
    let f = py.detach(|| bdm::run(&actors, rounds, rules));
    let mut rows = Vec::new();
    for r in &f.rounds {
        for (i, a) in f.actors.iter().enumerate() {
            rows.push((
                r.round as i64,
                a.name.as_str(),
                r.positions[i],
                r.risk[i],
                r.median,
                r.mean,
            ));
        }
    }
    Columns::default()
        .int("round", rows.iter().map(|r| r.0))
        .text("actor", rows.iter().map(|r| r.1))
        .real("position", rows.iter().map(|r| r.2))
        .real("risk", rows.iter().map(|r| r.3))
        .real("median", rows.iter().map(|r| r.4))
        .real("mean", rows.iter().map(|r| r.5))
        .table()
}
