//! `Scenario.cascade(...)`: who is obliged to fight if the attacker strikes the target there, in
//! waves with the article behind each entry, who stays out and why, and the Monte Carlo odds of
//! honouring (priors from Berkemeier & Fuhrmann 2018 or Leeds, Long & Mitchell 2000).
//!
//! The crisis is resolved as `entente cascade` resolves it, and a crisis between the sides of a
//! recorded war is run as a move in that war (from the war's opening attack), as the CLI does.

use crate::arrow::{Columns, Table, to_pandas, to_polars};
use crate::scenario::{Scenario, day};
use crate::{EntenteError, err};
use entente_analysis::cascade::{
    self, Cascade, Correlation, Crisis, HonourRates, How, InWar, McConfig, McResult, Prior, Rules,
    Strike,
};
use entente_model::{Place, Resolver};
use pyo3::prelude::*;
use std::collections::HashMap;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CascadeResult>()
}

fn place(s: &entente_model::Scenario, name: &str) -> PyResult<Place> {
    Resolver::new(&s.facts).place(name).ok_or_else(|| {
        err(format!(
            "unknown place \"{name}\" (a flashpoint — {} — or a state for its own territory)",
            s.facts
                .flashpoints
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

fn probability(p: f64, what: &str) -> PyResult<f64> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(err(format!(
            "{what}: {p} is not a probability between 0 and 1"
        )))
    }
}

/// The arguments of a cascade, as Python gives them.
pub struct Ask<'a> {
    pub attacker: &'a str,
    pub target: &'a str,
    pub at: Option<&'a str>,
    pub date: Option<&'a str>,
    pub joins: Vec<(String, String)>,
    pub strikes: Vec<(String, String, Option<String>)>,
    pub rules: Rules,
    pub trials: u64,
    pub seed: u64,
    pub prior: &'a str,
    pub honour: HashMap<String, f64>,
    pub unresolved_p: f64,
    pub correlation: &'a str,
    pub rho: f64,
    pub threads: Option<usize>,
    pub progress: bool,
}

fn resolve(sc: &Scenario, a: &Ask<'_>) -> PyResult<(Crisis, McConfig)> {
    let s = &sc.model;
    let target = sc.actor(a.target)?;
    let at = match a.at {
        Some(p) => place(s, p)?,
        None => Place::Territory(target.clone()),
    };
    let day = match a.date {
        Some(d) => day(d, "date")?,
        None => s
            .info
            .as_of
            .latest()
            .ok_or_else(|| err("the scenario's date has no end; give date="))?,
    };
    let mut joins = Vec::new();
    for (x, y) in &a.joins {
        joins.push((sc.actor(x)?, sc.actor(y)?));
    }
    let mut strikes = Vec::new();
    for (x, y, p) in &a.strikes {
        strikes.push(Strike {
            attacker: sc.actor(x)?,
            victim: sc.actor(y)?,
            place: p.as_deref().map(|p| place(s, p)).transpose()?,
            counter: false,
        });
    }
    let prior = Prior::parse(a.prior)
        .ok_or_else(|| err(format!("prior {}: use one of {}", a.prior, Prior::NAMES)))?;
    let mut rates = HonourRates {
        prior,
        unresolved: probability(a.unresolved_p, "unresolved_p")?,
        ..HonourRates::default()
    };
    for (id, p) in &a.honour {
        let p = probability(*p, &format!("honour[{id:?}]"))?;
        if s.agreement(id.trim()).is_some() {
            rates.agreements.insert(id.trim().to_string(), p);
        } else {
            let who = sc.actor(id.trim()).map_err(|_| {
                err(format!(
                    "honour: \"{id}\" is neither an agreement nor an actor of {}",
                    s.info.id
                ))
            })?;
            rates.actors.insert(who, p);
        }
    }
    let rho = probability(a.rho, "rho")?;
    let correlation = match a.correlation {
        "independent" => Correlation::Independent,
        "state" => Correlation::State(rho),
        "coalition" => Correlation::Coalition(rho),
        other => {
            return Err(err(format!(
                "correlation {other}: use independent, state or coalition"
            )));
        }
    };
    if a.threads == Some(0) {
        return Err(err("threads must be at least 1 (or None: one per core)"));
    }
    Ok((
        Crisis {
            attacker: sc.actor(a.attacker)?,
            target,
            place: at,
            day,
            joins,
            strikes,
        },
        McConfig {
            trials: a.trials,
            seed: a.seed,
            rates,
            correlation,
            threads: a.threads,
        },
    ))
}

/// Runs the deterministic cascade and, with `trials > 0`, the Monte Carlo; no GIL held.
pub fn run(py: Python<'_>, sc: &Scenario, a: &Ask<'_>) -> PyResult<CascadeResult> {
    let (mut crisis, config) = resolve(sc, a)?;
    let s = sc.model.clone();
    let rules = a.rules;
    let watch = crate::Watch::new(config.trials, "trials", a.progress);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let out = crate::interruptible(py, &cancel, || {
        let in_war = cascade::within_war(&s, &crisis);
        if let Some(w) = &in_war {
            crisis = w.crisis.clone();
        }
        let det = cascade::cascade(&s, &crisis, rules).map_err(|e| e.0)?;
        let mc = if config.trials == 0 {
            None
        } else {
            let tick = |n: u64| watch.tick(n);
            match cascade::monte_carlo_cancellable(&s, &crisis, rules, &config, &tick, &cancel)
                .map_err(|e| e.0)?
            {
                Some(m) => Some(m),
                None => return Ok(None),
            }
        };
        Ok::<_, String>(Some(CascadeResult {
            cascade: det,
            monte_carlo: mc,
            in_war,
        }))
    });
    match out?.map_err(EntenteError::new_err)? {
        Some(r) => Ok(r),
        None => Err(pyo3::exceptions::PyKeyboardInterrupt::new_err(
            "the Monte Carlo was interrupted",
        )),
    }
}

/// What a cascade found: `odds()` (the Monte Carlo, one row per actor that joins a side in some
/// trial), `waves()` (who is bound, in order, through which article), `stays_out()`,
/// `obligations()` (each triggered obligation's odds) and `to_json()` (everything). `to_arrow()`,
/// `to_pandas()` and `to_polars()` give the odds table.
#[pyclass(module = "entente", frozen)]
pub struct CascadeResult {
    cascade: Cascade,
    monte_carlo: Option<McResult>,
    in_war: Option<InWar>,
}

/// An entry's reason in words: why, what triggered it, and for a treaty obligation its agreement,
/// honouring rate and sources.
struct Why {
    why: String,
    because: String,
    agreement: String,
    p_honour: Option<f64>,
    sources: String,
}

fn how(h: &How) -> Why {
    let plain = |why: String| Why {
        why,
        because: String::new(),
        agreement: String::new(),
        p_honour: None,
        sources: String::new(),
    };
    match h {
        How::Attacker => plain("attacks (the war's first move)".into()),
        How::Target => plain("is attacked".into()),
        How::Strike {
            attacker,
            victim,
            place,
        } => plain(format!(
            "assumption: {attacker} strikes {victim} at {place}"
        )),
        How::Join { side_of } => plain(format!("assumption: joins {side_of}'s side by choice")),
        How::Obligation(r) => Why {
            why: format!(
                "{} {} ({}) → {}",
                r.agreement_name, r.article, r.kind, r.owed_to
            ),
            because: r.because.clone(),
            agreement: r.agreement.clone(),
            p_honour: Some(r.p_honour),
            sources: cites(&r.cite),
        },
    }
}

fn cites(c: &[entente_model::Citation]) -> String {
    c.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl CascadeResult {
    fn odds_table(&self) -> PyResult<Table> {
        let empty = Vec::new();
        let a = self.monte_carlo.as_ref().map_or(&empty, |m| &m.actors);
        Columns::default()
            .text("actor", a.iter().map(|x| x.actor.as_str()))
            .text("name", a.iter().map(|x| x.name.as_str()))
            .real("p_aggressor", a.iter().map(|x| x.p_aggressor))
            .real("p_defender", a.iter().map(|x| x.p_defender))
            .real("p_out", a.iter().map(|x| x.p_out))
            .real("se_aggressor", a.iter().map(|x| x.se_aggressor))
            .real("se_defender", a.iter().map(|x| x.se_defender))
            .table()
    }
}

#[pymethods]
impl CascadeResult {
    /// The Monte Carlo odds: per actor, P(aggressor side), P(defending side), P(stays out) and the
    /// standard errors of the first two. Empty when `trials=0`.
    fn odds(&self) -> PyResult<Table> {
        self.odds_table()
    }

    /// The deterministic cascade: one row per entry (and per further obligation pulling the same
    /// way, `side = "also"`), wave by wave, with the article, what triggered it and its sources.
    fn waves(&self) -> PyResult<Table> {
        let mut rows: Vec<(u32, &str, String, Why)> = Vec::new();
        for w in &self.cascade.waves {
            for e in &w.entries {
                rows.push((w.wave as u32, &e.actor, e.side.to_string(), how(&e.how)));
                for r in &e.also {
                    rows.push((
                        w.wave as u32,
                        &e.actor,
                        "also".into(),
                        how(&How::Obligation(r.clone())),
                    ));
                }
            }
        }
        Columns::default()
            .small("wave", rows.iter().map(|r| r.0))
            .text("actor", rows.iter().map(|r| r.1))
            .text("side", rows.iter().map(|r| r.2.as_str()))
            .text("why", rows.iter().map(|r| r.3.why.as_str()))
            .text("triggered_by", rows.iter().map(|r| r.3.because.as_str()))
            .text("agreement", rows.iter().map(|r| r.3.agreement.as_str()))
            .real(
                "p_honour",
                rows.iter().map(|r| r.3.p_honour.unwrap_or(f64::NAN)),
            )
            .text("sources", rows.iter().map(|r| r.3.sources.as_str()))
            .table()
    }

    /// States tied to a belligerent that stay out: the tie, the article, and why it does not bind.
    fn stays_out(&self) -> PyResult<Table> {
        let x = &self.cascade.stays_out;
        Columns::default()
            .text("actor", x.iter().map(|x| x.actor.as_str()))
            .text("tie_to", x.iter().map(|x| x.tie_to.as_str()))
            .text("agreement", x.iter().map(|x| x.agreement.as_str()))
            .text("article", x.iter().map(|x| x.article.as_str()))
            .text("reasons", x.iter().map(|x| x.reasons.join("; ")))
            .text("sources", x.iter().map(|x| cites(&x.cite)))
            .table()
    }

    /// Each compiled obligation's odds: its honouring rate and basis, the share of trials in which
    /// it was triggered, and the share of those in which it was honoured.
    fn obligations(&self) -> PyResult<Table> {
        let empty = Vec::new();
        let o = self.monte_carlo.as_ref().map_or(&empty, |m| &m.obligations);
        Columns::default()
            .text("obligor", o.iter().map(|x| x.obligor.as_str()))
            .text("owed_to", o.iter().map(|x| x.owed_to.as_str()))
            .text("agreement", o.iter().map(|x| x.agreement.as_str()))
            .text("article", o.iter().map(|x| x.article.as_str()))
            .real("p_honour", o.iter().map(|x| x.p_honour))
            .text("p_basis", o.iter().map(|x| x.p_basis.as_str()))
            .real("p_triggered", o.iter().map(|x| x.p_triggered))
            .real(
                "p_honoured_when_triggered",
                o.iter().map(|x| x.p_honoured_when_triggered),
            )
            .table()
    }

    /// The states on each side in the deterministic cascade.
    #[getter]
    fn aggressor_side(&self) -> Vec<String> {
        self.cascade.aggressor_side.clone()
    }

    #[getter]
    fn defending_side(&self) -> Vec<String> {
        self.cascade.defending_side.clone()
    }

    /// The recorded war this crisis is a move in, if any.
    #[getter]
    fn war(&self) -> Option<String> {
        self.in_war.as_ref().map(|w| w.war.clone())
    }

    /// Trials and seed of the Monte Carlo (0 and the seed when none ran).
    #[getter]
    fn trials(&self) -> u64 {
        self.monte_carlo.as_ref().map_or(0, |m| m.trials)
    }

    /// The whole result as the CLI's `--format json` gives it.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&serde_json::json!({
            "in_war": self.in_war,
            "cascade": self.cascade,
            "monte_carlo": self.monte_carlo,
        }))
        .map_err(err)
    }

    /// The odds table as a `pyarrow.Table`.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = Bound::new(py, self.odds_table()?)?;
        crate::arrow::pyarrow_table(py, t.as_any())
    }

    /// The odds table as a `pandas.DataFrame`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = Bound::new(py, self.odds_table()?)?;
        to_pandas(py, t.as_any())
    }

    /// The odds table as a `polars.DataFrame`.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = Bound::new(py, self.odds_table()?)?;
        to_polars(py, t.as_any())
    }

    fn __repr__(&self) -> String {
        format!(
            "entente.CascadeResult({} attacks {} at {} on {}: aggressor side {}; defending side {}; {} trials)",
            self.cascade.attacker,
            self.cascade.target,
            self.cascade.place,
            self.cascade.date,
            self.cascade.aggressor_side.join(", "),
            self.cascade.defending_side.join(", "),
            self.trials()
        )
    }
}
