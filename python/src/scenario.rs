//! `entente.Scenario`: the bundled scenario or the user's, validated; overlays; its actors and
//! agreements as tables.

use crate::arrow::{Columns, Table};
use crate::{ScenarioError, err};
use entente_analysis::agreements;
use entente_model::{ProvisionKind, Resolver, Scenario as Model, Severity};
use entente_scenario::Loaded;

use pyo3::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scenario>()
}

/// A validated scenario: the facts (actors, agreements and their provisions, capabilities, events,
/// flashpoints), each citing its source. Immutable; overlays give new scenarios.
///
/// >>> s = entente.Scenario.bundled()
/// >>> s.id
/// 'indo-pacific-2025'
#[pyclass(module = "entente", frozen)]
pub struct Scenario {
    pub model: Arc<Model>,
}

/// Every diagnostic as the CLI prints it (`file:line:column: error: …`, the line, a caret, a hint).
fn refuse(loaded: &Loaded, what: &str) -> PyErr {
    let errors = loaded.count(Severity::Error);
    let mut text = format!("{what} is invalid ({errors} errors):\n");
    for d in &loaded.diagnostics {
        text.push_str(&d.to_string());
    }
    let e = ScenarioError::new_err(text);
    Python::attach(|py| {
        let list: Vec<(String, usize, usize, String, String)> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.file.clone(),
                    d.line,
                    d.column,
                    match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Note => "note",
                    }
                    .to_string(),
                    d.message.clone(),
                )
            })
            .collect();
        let _ = e.value(py).setattr("diagnostics", list);
    });
    e
}

fn valid(loaded: Loaded, what: &str) -> PyResult<Scenario> {
    match loaded.valid() {
        Some(s) => Ok(Scenario {
            model: Arc::new(s.clone()),
        }),
        None => Err(refuse(&loaded, what)),
    }
}

impl Scenario {
    /// An actor's id from any name or code, or an error naming the closest one.
    pub fn actor(&self, name: &str) -> PyResult<String> {
        let s = &self.model;
        let r = Resolver::new(&s.facts);
        r.actor(name).map(str::to_string).ok_or_else(|| {
            let hint = r
                .aliases
                .suggest(name)
                .map(|x| format!("; did you mean \"{x}\"?"))
                .unwrap_or_default();
            err(format!(
                "unknown actor \"{name}\" in scenario {}{hint} (Scenario.actors() lists them)",
                s.info.id
            ))
        })
    }
}

/// A day number from a date ("2025", "2025-01", "2025-01-01"): the last day it can mean.
pub fn day(text: &str, what: &str) -> PyResult<i32> {
    let d: entente_model::PartialDate =
        text.parse().map_err(|e: entente_model::date::DateError| {
            err(format!("{what} {text}: {e}; {}", e.hint))
        })?;
    d.latest()
        .ok_or_else(|| err(format!("{what} {text}: give a date with an end")))
}

#[pymethods]
impl Scenario {
    /// The scenario bundled with entente: the Indo-Pacific alliance system around the 2024
    /// Russia–DPRK treaty.
    #[staticmethod]
    fn bundled(py: Python<'_>) -> PyResult<Scenario> {
        let loaded = py.detach(entente_scenario::load_bundled);
        valid(loaded, "the bundled scenario")
    }

    /// Loads a scenario directory or `.toml` file. Raises `ScenarioError` listing every error at
    /// `file:line:column` (its `diagnostics` attribute has them as tuples).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Scenario> {
        let loaded = py
            .detach(|| entente_scenario::load_path(&path))
            .map_err(err)?;
        valid(loaded, &path.display().to_string())
    }

    /// The same scenario with an overlay applied (a counterfactual: `without-2024-treaty`).
    fn with_overlay(&self, name: &str) -> PyResult<Scenario> {
        let s = &self.model;
        s.with_overlay(name)
            .map(|m| Scenario { model: Arc::new(m) })
            .ok_or_else(|| {
                err(format!(
                    "no overlay \"{name}\" in {}; overlays: {}",
                    s.info.id,
                    s.overlays
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    #[getter]
    fn id(&self) -> String {
        self.model.info.id.clone()
    }

    /// The scenario's date, as it is written ("2025-06" keeps its precision).
    #[getter]
    fn as_of(&self) -> String {
        self.model.info.as_of.to_string()
    }

    /// The overlays this scenario offers.
    #[getter]
    fn overlays(&self) -> Vec<String> {
        self.model.overlays.iter().map(|o| o.id.clone()).collect()
    }

    /// The overlays applied to make this scenario.
    #[getter]
    fn applied_overlays(&self) -> Vec<String> {
        self.model.info.applied_overlays.clone()
    }

    /// The flashpoints (places a crisis can be `at`).
    #[getter]
    fn flashpoints(&self) -> Vec<String> {
        self.model
            .facts
            .flashpoints
            .iter()
            .map(|f| f.id.clone())
            .collect()
    }

    /// The actors: id, kind, name, COW number and abbreviation, ISO3, CAMEO code, aliases.
    fn actors(&self) -> PyResult<Table> {
        let a = &self.model.facts.actors;
        Columns::default()
            .text("id", a.iter().map(|x| x.id.as_str()))
            .text("kind", a.iter().map(|x| x.kind.to_string()))
            .text("name", a.iter().map(|x| x.name.as_str()))
            .opt_int("cow", a.iter().map(|x| x.cow.map(i64::from)))
            .opt_text("cow_abbr", a.iter().map(|x| x.cow_abbr.as_deref()))
            .opt_text("iso3", a.iter().map(|x| x.iso3.as_deref()))
            .opt_text("cameo", a.iter().map(|x| x.cameo.as_deref()))
            .text("aliases", a.iter().map(|x| x.aliases.join("; ")))
            .table()
    }

    /// Agreements, one row per directed obligation of their provisions: `between` two actors
    /// (both parties), with a provision of a kind (`"defence"`, `"consultation"`, …), in force on a
    /// `date`. An agreement without a matching obligation has one row with empty obligation columns.
    #[pyo3(signature = (between=None, provision=None, date=None))]
    fn agreements(
        &self,
        between: Option<(String, String)>,
        provision: Option<&str>,
        date: Option<&str>,
    ) -> PyResult<Table> {
        let s = &self.model;
        let mut q = agreements::Query::default();
        if let Some((a, b)) = between {
            q.between = Some((self.actor(&a)?, self.actor(&b)?));
        }
        if let Some(p) = provision {
            q.provision = Some(ProvisionKind::parse(p).ok_or_else(|| {
                err(format!(
                    "provision {p}: not a provision kind; use one of {}",
                    ProvisionKind::ALL.map(|k| k.name()).join(", ")
                ))
            })?);
        }
        if let Some(d) = date {
            q.in_force_on = Some(day(d, "date")?);
        }
        let found = agreements::find(s, &q);
        let mut rows: Vec<[Option<String>; 9]> = Vec::new();
        for m in &found {
            let a = m.agreement;
            let head =
                |o: Option<&entente_analysis::obligations::Obligation>| -> [Option<String>; 9] {
                    [
                        Some(a.id.clone()),
                        Some(a.name.clone()),
                        Some(a.kind.to_string()),
                        a.signed.map(|d| d.to_string()),
                        a.in_force.map(|d| d.to_string()),
                        Some(m.parties.join(", ")),
                        o.map(|o| o.article.clone()),
                        o.map(|o| o.kind.name().to_string()),
                        o.map(|o| format!("{} → {}", o.obligor, o.beneficiary)),
                    ]
                };
            if m.obligations.is_empty() {
                rows.push(head(None));
            }
            for o in &m.obligations {
                rows.push(head(Some(o)));
            }
        }
        let col = |i: usize| rows.iter().map(move |r| r[i].clone());
        let text = |i: usize| rows.iter().map(move |r| r[i].clone().unwrap_or_default());
        Columns::default()
            .text("agreement", text(0))
            .text("name", text(1))
            .text("kind", text(2))
            .opt_text("signed", col(3))
            .opt_text("in_force", col(4))
            .text("parties", text(5))
            .opt_text("article", col(6))
            .opt_text("provision", col(7))
            .opt_text("obligation", col(8))
            .table()
    }

    /// Who is obliged to fight if `attacker` attacks `target` `at` a flashpoint (default: the
    /// target's territory) on `date` (default: the scenario's), and how likely each is to honour it
    /// over `trials` Monte Carlo trials (0: the deterministic cascade only). The same `seed` gives
    /// the same odds on any number of `threads`.
    ///
    /// `honour` overrides rates: `{"rus-prk-2024": 0.9, "CHN": 0.2}` (an agreement id or an actor).
    /// `prior` is `"by-type"` (Berkemeier & Fuhrmann 2018), `"flat"` (Leeds, Long & Mitchell 2000)
    /// or `"era"`; `correlation` is `"independent"`, `"state"` or `"coalition"` with strength `rho`.
    /// `joins` are `(X, Y)`: X joins Y's side by choice; `strikes` are `(X, Y)` or `(X, Y, place)`.
    /// `progress=True` draws a bar on `sys.stderr`; Ctrl-C stops the trials (KeyboardInterrupt).
    ///
    /// >>> r = entente.Scenario.bundled().cascade("PRK", "KOR", at="korean-peninsula", trials=10_000)
    /// >>> "USA" in r.defending_side
    /// True
    #[pyo3(signature = (attacker, target, at=None, date=None, trials=100_000, seed=1, prior="by-type", honour=None, unresolved_p=0.5, correlation="independent", rho=0.5, joins=None, strikes=None, counter_attack_triggers=false, by_signature=false, threads=None, progress=false))]
    #[allow(clippy::too_many_arguments)]
    fn cascade(
        &self,
        py: Python<'_>,
        attacker: &str,
        target: &str,
        at: Option<&str>,
        date: Option<&str>,
        trials: u64,
        seed: u64,
        prior: &str,
        honour: Option<HashMap<String, f64>>,
        unresolved_p: f64,
        correlation: &str,
        rho: f64,
        joins: Option<Vec<(String, String)>>,
        strikes: Option<Vec<Vec<String>>>,
        counter_attack_triggers: bool,
        by_signature: bool,
        threads: Option<usize>,
        progress: bool,
    ) -> PyResult<crate::cascade::CascadeResult> {
        let mut st = Vec::new();
        for s in strikes.unwrap_or_default() {
            match s.as_slice() {
                [x, y] => st.push((x.clone(), y.clone(), None)),
                [x, y, p] => st.push((x.clone(), y.clone(), Some(p.clone()))),
                _ => {
                    return Err(err(format!(
                        "strikes: write each as (attacker, victim) or (attacker, victim, place), not {s:?}"
                    )));
                }
            }
        }
        let ask = crate::cascade::Ask {
            attacker,
            target,
            at,
            date,
            joins: joins.unwrap_or_default(),
            strikes: st,
            rules: entente_analysis::cascade::Rules {
                counter_attack_triggers,
                by_signature,
            },
            trials,
            seed,
            prior,
            honour: honour.unwrap_or_default(),
            unresolved_p,
            correlation,
            rho,
            threads,
            progress,
        };
        crate::cascade::run(py, self, &ask)
    }

    /// The signed network of the scenario on `date` (default: its date) from `sources` (treaties in
    /// force, wars under way, and its events of the year before) and every balance measure of it,
    /// as `entente alignment balance` computes them. `time_limit` (seconds) bounds the exact
    /// frustration search (then a proven lower bound is given).
    #[pyo3(signature = (date=None, sources=vec!["treaties".to_string(), "wars".to_string(), "events".to_string()], time_limit=None))]
    fn balance(
        &self,
        py: Python<'_>,
        date: Option<&str>,
        sources: Vec<String>,
        time_limit: Option<f64>,
    ) -> PyResult<crate::alignment::Balance> {
        crate::alignment::balance(py, self, date, sources, time_limit)
    }

    fn __repr__(&self) -> String {
        let s = &self.model;
        format!(
            "entente.Scenario({}, as of {}, {} actors, {} agreements{})",
            s.info.id,
            s.info.as_of,
            s.facts.actors.len(),
            s.facts.agreements.len(),
            if s.info.applied_overlays.is_empty() {
                String::new()
            } else {
                format!(", overlays {}", s.info.applied_overlays.join(" + "))
            }
        )
    }
}
