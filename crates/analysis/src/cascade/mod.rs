//! The obligation cascade: if A attacks B at a place on a date, who is obliged to join, on which side,
//! through which article — and, by Monte Carlo, how likely they are to honour it.
//!
//! # Rules
//!
//! A war has two sides: the *aggressor side* (the attacker and whoever fights with it) and the
//! *defending side*. A state is a *victim* when a state of the other side attacks it. These rules
//! follow the Alliance Treaty Obligations and Provisions coding of obligations (Leeds, Ritter, Mitchell &
//! Long 2002) and the reasoning of July 1914 (Italy stayed out because Austria-Hungary struck first;
//! Germany's attack on Russia bound France):
//!
//! - A **defence** provision binds its obligor when the beneficiary is a victim and the attack meets
//!   the provision's conditions (place, region, administering state, adversary, number of adversaries,
//!   non-provocation, war with a named state).
//! - Entering a war to defend a victim is not an attack: it creates no new victims. So the aggressor's
//!   allies are not bound by the defenders' entry.
//! - An aggressor-side state that attacks a new state (a user's `strike`, an offence provision) makes
//!   it a victim, whose partners may then be bound.
//! - With **counter-attack triggers** on, any state fought by the other side counts as attacked at the
//!   war's place (the strict chain-ganging reading); a non-provocation condition still keeps the
//!   provoking side's partners out.
//! - An **offence** provision binds its obligor to join the beneficiary's attack (on the named
//!   adversary, if any). **Neutrality** binds the obligor to stay out of a war against the partner;
//!   a state pulled both ways is *caught between conflicting obligations* and stays out.
//!   **Non-aggression** forbids attacking the partner (an attacker breaking one is flagged).
//!   **Consultation** obliges talks, not force.
//! - An organisation's article binds the organisation's full members on the date, within its area.
//! - Agreements count from entry into force (or, with `by_signature`, from signature).
//! - A condition the data flags without specifying is *conditional, unresolved*: never silently
//!   binding or void; the deterministic cascade lists it apart, the Monte Carlo gives it a probability.
//!
//! The cascade repeats in waves until nothing changes.

mod compare;
mod compile;
mod engine;
mod explain;
pub mod montecarlo;
pub mod priors;
mod rng;
pub mod sensitivity;
mod war;
mod why;

pub use compare::{Comparison, OddsChange, SideChange, WorldChange, compare, world_changes};
pub use compile::CapabilityMeasure;
pub use explain::{
    Attack, AttackKind, Cascade, Conflict, Consultation, Entry, How, NonAggressionBreach, StaysOut,
    Unresolved, Wave,
};
pub use montecarlo::{
    ActorOdds, Correlation, McConfig, McResult, ObligationOdds, SideCapability, SizeShare,
};
pub use priors::{HonourRates, Prior};
pub use sensitivity::{Sensitivity, sensitivity};
pub use war::{InWar, JoinReading, join_readings, within_war};
pub use why::{Why, why};

use entente_model::{Place, Scenario};
use serde::Serialize;

/// Which side of the war.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Aggressor,
    Defender,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Aggressor => Side::Defender,
            Side::Defender => Side::Aggressor,
        }
    }
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::Aggressor => "aggressor side",
            Side::Defender => "defending side",
        })
    }
}

/// A user's assumption that a state attacks another (a new front): the victim's partners may be bound.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Strike {
    pub attacker: String,
    pub victim: String,
    /// Where; the victim's own territory if absent.
    pub place: Option<Place>,
    /// A counter-attack by the side that was attacked, on the side that struck first (Ukraine in
    /// Kursk): it makes its victim "attacked" only under `counter_attack_triggers`, like any other
    /// blow the aggressor's side takes in the war it began.
    #[serde(default)]
    pub counter: bool,
}

/// The crisis: who attacks whom, where and when, plus the user's assumptions. Actor ids canonical.
#[derive(Clone, Debug, Serialize)]
pub struct Crisis {
    pub attacker: String,
    pub target: String,
    pub place: Place,
    /// The war's date as a day number (see `entente_model::date::days_from_civil`).
    pub day: i32,
    /// States joining a side by their own choice: `(joiner, joins the side of)`. Defensive: no victims.
    pub joins: Vec<(String, String)>,
    pub strikes: Vec<Strike>,
}

/// Switches on the rules.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Rules {
    /// Any state fought by the other side counts as attacked (non-provocation conditions still hold).
    pub counter_attack_triggers: bool,
    /// Count agreements from signature rather than entry into force.
    pub by_signature: bool,
}

/// Why a crisis cannot be run on this scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrisisError(pub String);

impl std::fmt::Display for CrisisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CrisisError {}

/// The wars a scenario's flashpoints suggest, as (flashpoint id, name, attacker, target). A
/// flashpoint's own `crisis` entries come first and, where present, are its list; otherwise each
/// claimant that does not administer the place attacks each state that does. A claimant that already
/// administers part of a divided place (the Korean Peninsula) is not taken to attack the other side
/// unless the scenario says so, so no "South Korea attacks North Korea" appears by default.
pub fn flashpoint_wars(s: &Scenario) -> Vec<(String, String, String, String)> {
    let mut wars = Vec::new();
    for f in &s.facts.flashpoints {
        let mut push = |a: &String, t: &String| {
            wars.push((f.id.clone(), f.name.clone(), a.clone(), t.clone()))
        };
        if !f.crises.is_empty() {
            for c in &f.crises {
                push(&c.attacker, &c.target);
            }
            continue;
        }
        for attacker in f
            .claimants
            .iter()
            .filter(|c| !f.administered_by.contains(c))
        {
            for target in &f.administered_by {
                push(attacker, target);
            }
        }
    }
    wars
}

/// Runs the deterministic cascade: every triggered obligation honoured, unresolved ones listed apart.
pub fn cascade(scenario: &Scenario, crisis: &Crisis, rules: Rules) -> Result<Cascade, CrisisError> {
    let world = compile::World::build(scenario, crisis, rules, &priors::HonourRates::default())?;
    Ok(explain::explain(scenario, &world, crisis, rules))
}

/// Runs the Monte Carlo. Deterministic for a given seed on any number of threads.
pub fn monte_carlo(
    scenario: &Scenario,
    crisis: &Crisis,
    rules: Rules,
    config: &McConfig,
) -> Result<McResult, CrisisError> {
    monte_carlo_with_progress(scenario, crisis, rules, config, &|_| {})
}

/// [`monte_carlo`], telling `progress` how many trials are done as it goes.
pub fn monte_carlo_with_progress(
    scenario: &Scenario,
    crisis: &Crisis,
    rules: Rules,
    config: &McConfig,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<McResult, CrisisError> {
    let never = std::sync::atomic::AtomicBool::new(false);
    monte_carlo_cancellable(scenario, crisis, rules, config, progress, &never)
        .map(|r| r.expect("a run that is never cancelled finishes"))
}

/// [`monte_carlo_with_progress`] that stops early, giving `Ok(None)`, once `cancel` is set: for a
/// server, whose request may time out or lose its client while the trials run.
pub fn monte_carlo_cancellable(
    scenario: &Scenario,
    crisis: &Crisis,
    rules: Rules,
    config: &McConfig,
    progress: &(dyn Fn(u64) + Sync),
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<Option<McResult>, CrisisError> {
    let world = compile::World::build(scenario, crisis, rules, &config.rates)?;
    Ok(montecarlo::run(scenario, &world, config, progress, cancel))
}

/// The compiled crisis as plain data, for cross-checking with other implementations (the benchmark's
/// Python reference reads it).
pub fn export_engine(
    scenario: &Scenario,
    crisis: &Crisis,
    rules: Rules,
    rates: &HonourRates,
) -> Result<EngineModel, CrisisError> {
    compile::World::build(scenario, crisis, rules, rates)
}

pub use compile::World as EngineModel;
