//! `Scenario.balance(...)`: the signed network of a scenario on a day (its treaties, wars and
//! events, weighted as `entente alignment balance` weighs them) and every structural-balance measure
//! of it: the triangle index, the walk index (Estrada & Benzi 2014) and the exact frustration index
//! with an optimal split into two camps (Aref, Mason & Wilson 2020).

use crate::arrow::{Columns, Table};
use crate::scenario::{Scenario, day};
use crate::{err, json};
use entente_alignment::build::EventRule;
use entente_alignment::periods::{Inputs, Sources, Window, ties_in};
use entente_alignment::{Tie, Weights};
use entente_signed::frustration::Budget;
use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Balance>()
}

/// The measures (`measures`: a dict) and the ties behind them (`ties()`: a table).
#[pyclass(module = "entente", frozen)]
pub struct Balance {
    measures: entente_alignment::Measures,
    ties: Vec<Tie>,
}

#[pymethods]
impl Balance {
    /// Nodes, ties (positive, negative), the triangle index, the walk index, the frustration index
    /// with its proven lower bound and whether it is optimal, the frustrated ties and the two camps.
    #[getter]
    fn measures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json(py, &self.measures)
    }

    /// Each signed tie: the pair, its score and sign, and its evidence in words.
    fn ties(&self) -> PyResult<Table> {
        let t = &self.ties;
        let sign = |x: &Tie| x.sign.map_or(0, |s| i64::from(s.value()));
        Columns::default()
            .text("a", t.iter().map(|x| x.a.as_str()))
            .text("b", t.iter().map(|x| x.b.as_str()))
            .real("score", t.iter().map(|x| x.score))
            .int("sign", t.iter().map(sign))
            .text(
                "evidence",
                t.iter().map(|x| {
                    x.evidence
                        .iter()
                        .map(|e| format!("{} {} ({:+})", e.source, e.what, e.weight))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            )
            .table()
    }
}

pub fn balance(
    py: Python<'_>,
    sc: &Scenario,
    date: Option<&str>,
    sources: Vec<String>,
    time_limit: Option<f64>,
) -> PyResult<Balance> {
    let s = sc.model.clone();
    let d = match date {
        Some(x) => day(x, "date")?,
        None => s
            .info
            .as_of
            .latest()
            .ok_or_else(|| err("the scenario's date has no end; give date="))?,
    };
    let sources = Sources::parse(&sources).map_err(err)?;
    let budget = Budget {
        time: time_limit.map(std::time::Duration::from_secs_f64),
        nodes: None,
    };
    py.detach(move || {
        let inputs = Inputs {
            scenario: Some(&s),
            atop: None,
            mids: None,
            states: None,
            events: None,
            cameo: &|_| None,
        };
        let ties = ties_in(
            &inputs,
            &sources,
            &Window::day(d),
            &Weights::default(),
            &EventRule::default(),
        );
        let (graph, ties) = ties.graph();
        Ok(Balance {
            measures: entente_alignment::measures(&graph, &budget),
            ties,
        })
    })
}
