//! One-at-a-time sensitivity of a crisis to its honouring assumptions: which assumption moves the
//! outcome most.
//!
//! Every obligation's honouring rate rests on one assumption (its `p_key`: a case assessment, an
//! agreement's or an actor's `honour`, or a published base rate shared by every obligation of a
//! kind). Each assumption that some trial triggers is set to the low end of its stated range, then
//! to the high end, with everything else held at its base value, and the Monte Carlo is rerun with
//! the same seed (common random numbers, so a difference between runs is the assumption's effect,
//! not sampling noise). The swing of each outcome — P(each state joins the war), each side's
//! expected capability — is a bar of a tornado chart (the one-way sensitivity analysis of decision
//! analysis: Howard, R. A. (1988), "Decision Analysis: Practice and Promise", *Management
//! Science* 34(6): 679–695; Eschenbach, T. G. (1992), "Spiderplots versus Tornado Diagrams for
//! Sensitivity Analysis", *Interfaces* 22(6): 40–46).

use super::Crisis;
use super::compile::World;
use super::{CrisisError, McConfig, McResult, Rules, montecarlo};
use entente_model::Scenario;
use serde::Serialize;
use std::collections::BTreeMap;

/// One assumption: the rate it gives, the range it is varied over, and what rests on it.
#[derive(Clone, Debug, Serialize)]
pub struct Assumption {
    pub key: String,
    /// The basis as the cascade states it (for one of its obligations).
    pub basis: String,
    pub base: f64,
    pub range: [f64; 2],
    /// Directed obligations resting on it.
    pub obligations: usize,
}

/// One bar: an outcome at the low and the high end of one assumption's range.
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    pub assumption: String,
    pub low_rate: f64,
    pub high_rate: f64,
    pub at_low: f64,
    pub at_high: f64,
}

impl Bar {
    pub fn width(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// An outcome and its bars, widest first.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// "P(USA joins)", "expected capability, defending side".
    pub name: String,
    /// The actor for a joining probability; `None` for a side's capability.
    pub actor: Option<String>,
    pub base: f64,
    pub bars: Vec<Bar>,
}

/// The whole analysis.
#[derive(Clone, Debug, Serialize)]
pub struct Sensitivity {
    pub trials: u64,
    pub seed: u64,
    pub assumptions: Vec<Assumption>,
    pub outcomes: Vec<Outcome>,
    /// What the capability outcomes measure.
    pub capability_measure: &'static str,
}

fn joins(r: &McResult, actor: &str) -> f64 {
    r.actors
        .iter()
        .find(|a| a.actor == actor)
        .map_or(0.0, |a| a.p_aggressor + a.p_defender)
}

/// Varies each triggered assumption over its range, one at a time, and measures every outcome.
/// `progress` is told how many of the runs are done.
pub fn sensitivity(
    s: &Scenario,
    crisis: &Crisis,
    rules: Rules,
    config: &McConfig,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Sensitivity, CrisisError> {
    let never = std::sync::atomic::AtomicBool::new(false);
    let run = |cfg: &McConfig| -> Result<McResult, CrisisError> {
        let w = World::build(s, crisis, rules, &cfg.rates)?;
        montecarlo::run(s, &w, cfg, &|_| {}, &never)
            .ok_or_else(|| CrisisError("the run was cancelled".into()))
    };
    let world = World::build(s, crisis, rules, &config.rates)?;
    let base = montecarlo::run(s, &world, config, &|_| {}, &never)
        .ok_or_else(|| CrisisError("the run was cancelled".into()))?;
    // The assumptions some trial triggers: an assumption no trial reaches cannot move anything.
    let mut assumptions: BTreeMap<String, Assumption> = BTreeMap::new();
    for (ob, odds) in world.obs.iter().zip(&base.triggered_by_ob) {
        if *odds == 0 || !ob.kind.is_wartime() {
            continue;
        }
        let a = assumptions
            .entry(ob.p_key.clone())
            .or_insert_with(|| Assumption {
                key: ob.p_key.clone(),
                basis: ob.p_basis.clone(),
                base: ob.p_honour,
                range: ob.p_range,
                obligations: 0,
            });
        a.obligations += 1;
    }
    let assumptions: Vec<Assumption> = assumptions
        .into_values()
        .filter(|a| a.range[0] < a.range[1])
        .collect();
    let total = assumptions.len() * 2;
    let mut runs = Vec::new();
    for (i, a) in assumptions.iter().enumerate() {
        let at = |p: f64| {
            let mut cfg = config.clone();
            cfg.rates.by_key.insert(a.key.clone(), p);
            run(&cfg)
        };
        let lo = at(a.range[0])?;
        progress(2 * i + 1, total);
        let hi = at(a.range[1])?;
        progress(2 * i + 2, total);
        runs.push((lo, hi));
    }
    // Outcomes: every state that joins in some run, other than the two the attack puts in, and each
    // side's expected capability.
    let fixed = [crisis.attacker.as_str(), crisis.target.as_str()];
    let mut actors: Vec<String> = Vec::new();
    for r in std::iter::once(&base).chain(runs.iter().flat_map(|(l, h)| [l, h])) {
        for a in &r.actors {
            if !fixed.contains(&a.actor.as_str()) && !actors.contains(&a.actor) {
                actors.push(a.actor.clone());
            }
        }
    }
    let mut outcomes = Vec::new();
    let bars = |f: &dyn Fn(&McResult) -> f64| -> Vec<Bar> {
        let mut b: Vec<Bar> = assumptions
            .iter()
            .zip(&runs)
            .map(|(a, (lo, hi))| Bar {
                assumption: a.key.clone(),
                low_rate: a.range[0],
                high_rate: a.range[1],
                at_low: f(lo),
                at_high: f(hi),
            })
            .collect();
        b.sort_by(|x, y| {
            y.width()
                .total_cmp(&x.width())
                .then_with(|| x.assumption.cmp(&y.assumption))
        });
        b
    };
    for actor in &actors {
        let f = |r: &McResult| joins(r, actor);
        outcomes.push(Outcome {
            name: format!("P({actor} joins)"),
            actor: Some(actor.clone()),
            base: f(&base),
            bars: bars(&f),
        });
    }
    for (k, side) in ["aggressor side", "defending side"].iter().enumerate() {
        let f = |r: &McResult| r.capability.get(k).map_or(0.0, |c| c.expected);
        outcomes.push(Outcome {
            name: format!("expected capability, {side}"),
            actor: None,
            base: f(&base),
            bars: bars(&f),
        });
    }
    Ok(Sensitivity {
        trials: config.trials,
        seed: config.seed,
        assumptions,
        outcomes,
        capability_measure: world.capability_measure.describe(),
    })
}
