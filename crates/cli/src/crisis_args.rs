//! The crisis a user describes on the command line (`cascade`, `compare`, `sensitivity`): its
//! arguments and their resolution against a scenario into a `Crisis`, its rules and the Monte Carlo
//! configuration, with an error a user can act on for every bad value.

use crate::common::{Error, actor, date};
use entente_analysis::cascade::{Correlation, Crisis, HonourRates, McConfig, Prior, Rules, Strike};
use entente_model::{Place, Resolver, Scenario};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CascadeArgs {
    /// The state that attacks (any name or code).
    #[arg(long)]
    pub(crate) attacker: String,
    /// The state attacked.
    #[arg(long)]
    pub(crate) target: String,
    /// Where: a flashpoint (id, alias or name) or a state's own territory. Default: the target's territory.
    #[arg(long, value_name = "PLACE")]
    pub(crate) at: Option<String>,
    /// The war's date (default: the scenario's date). Agreements count if in force then.
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// X joins Y's side by its own choice (a defensive entry: it makes no victims). Repeatable.
    #[arg(long, value_name = "X:Y")]
    pub(crate) join: Vec<String>,
    /// X attacks Y (Y becomes a victim; its partners may be bound), at Y's territory or @PLACE. Repeatable.
    #[arg(long, value_name = "X:Y[@PLACE]")]
    pub(crate) strike: Vec<String>,
    /// Count any state fought by the other side as attacked (strict chain-ganging); non-provocation
    /// conditions still keep a provoking ally's partners out.
    #[arg(long)]
    pub(crate) counter_attack_triggers: bool,
    /// Count agreements from signature instead of entry into force.
    #[arg(long)]
    pub(crate) by_signature: bool,
    /// Monte Carlo trials (0: the deterministic cascade only).
    #[arg(long, default_value_t = 100_000)]
    pub(crate) trials: u64,
    /// Seed: the same seed gives the same answer on any number of threads.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Honouring rates: by-type (Berkemeier & Fuhrmann 2018: defence 41%, offence 74%, neutrality
    /// 78%), flat (Leeds, Long & Mitchell 2000: 74.5%), era (Berkemeier & Fuhrmann 2018: 66% before
    /// 1945, 22% after).
    #[arg(long, default_value = "by-type")]
    pub(crate) prior: String,
    /// Override a rate: an agreement id or an actor, =P. Repeatable. `--honour rus-prk-2024=0.9`.
    #[arg(long, value_name = "ID=P")]
    pub(crate) honour: Vec<String>,
    /// Probability that a condition the data flags but does not specify holds.
    #[arg(long, default_value_t = 0.5)]
    pub(crate) unresolved_p: f64,
    /// Correlate honouring: independent, state (one shared draw per state) or coalition (per side).
    #[arg(long, default_value = "independent", value_parser = ["independent", "state", "coalition"])]
    pub(crate) correlation: String,
    /// Strength of the correlation, 0–1 (with --correlation state or coalition).
    #[arg(long, default_value_t = 0.5)]
    pub(crate) rho: f64,
    /// Worker threads for the Monte Carlo (default: one per core).
    #[arg(long)]
    pub(crate) threads: Option<usize>,
    /// Also run the crisis with this overlay applied, and show what changes.
    #[arg(long, value_name = "NAME")]
    pub(crate) vs_overlay: Option<String>,
    /// Write the cascade as Graphviz DOT.
    #[arg(long, value_name = "FILE")]
    pub(crate) dot: Option<PathBuf>,
    /// Write the cascade as an SVG picture.
    #[arg(long, value_name = "FILE")]
    pub(crate) svg: Option<PathBuf>,
    /// Explain where this state ends up and why: its entry, the ties that do not bind it, or the
    /// agreements it has that reach no one at war. Repeatable.
    #[arg(long, value_name = "STATE")]
    pub(crate) explain: Vec<String>,
    /// Print trials per second to stderr.
    #[arg(long)]
    pub(crate) timing: bool,
    /// Write the compiled crisis (obligations, conditions, rates) as JSON, for cross-checks.
    #[arg(long, value_name = "FILE", hide = true)]
    pub(crate) export_engine: Option<PathBuf>,
}

impl CascadeArgs {
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
}

fn place(s: &Scenario, name: &str) -> Result<Place, Error> {
    let r = Resolver::new(&s.facts);
    r.place(name).ok_or_else(|| {
        let mut names: Vec<&str> = s.facts.flashpoints.iter().map(|f| f.id.as_str()).collect();
        names.extend(
            s.facts
                .flashpoints
                .iter()
                .flat_map(|f| f.aliases.iter().map(String::as_str)),
        );
        let hint = entente_model::origin::closest(name, names.iter().copied())
            .map(|x| format!("; did you mean \"{x}\"?"))
            .unwrap_or_default();
        format!(
            "unknown place \"{name}\"{hint} (a flashpoint — {} — or a state for its own territory)",
            s.facts
                .flashpoints
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn pair<'a>(text: &'a str, flag: &str) -> Result<(&'a str, &'a str), Error> {
    text.split_once(':')
        .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(|| format!("--{flag} {text}: write two states as X:Y (e.g. --{flag} RUS:SRB)"))
}

fn probability(text: &str, what: &str) -> Result<f64, Error> {
    let p: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{what}: \"{text}\" is not a number"))?;
    if !(0.0..=1.0).contains(&p) {
        return Err(format!("{what}: {p} is not a probability between 0 and 1"));
    }
    Ok(p)
}

pub fn crisis(s: &Scenario, a: &CascadeArgs) -> Result<(Crisis, Rules, McConfig), Error> {
    let attacker = actor(s, &a.attacker)?;
    let target = actor(s, &a.target)?;
    let at = match &a.at {
        Some(p) => place(s, p)?,
        None => Place::Territory(target.clone()),
    };
    let when = match &a.date {
        Some(d) => date(d, "date")?,
        None => s.info.as_of,
    };
    let day = when
        .latest()
        .ok_or_else(|| format!("--date {when}: give a date with an end (not \"after …\")"))?;
    let mut joins = Vec::new();
    for j in &a.join {
        let (x, y) = pair(j, "join")?;
        joins.push((actor(s, x)?, actor(s, y)?));
    }
    let mut strikes = Vec::new();
    for st in &a.strike {
        let (who, at) = match st.split_once('@') {
            Some((w, p)) => (w, Some(place(s, p.trim())?)),
            None => (st.as_str(), None),
        };
        let (x, y) = pair(who, "strike")?;
        strikes.push(Strike {
            attacker: actor(s, x)?,
            victim: actor(s, y)?,
            place: at,
            counter: false,
        });
    }
    let rules = Rules {
        counter_attack_triggers: a.counter_attack_triggers,
        by_signature: a.by_signature,
    };
    let prior = Prior::parse(&a.prior)
        .ok_or_else(|| format!("--prior {}: use one of {}", a.prior, Prior::NAMES))?;
    let mut rates = HonourRates {
        prior,
        unresolved: probability(&a.unresolved_p.to_string(), "--unresolved-p")?,
        ..HonourRates::default()
    };
    for h in &a.honour {
        let (id, p) = h.split_once('=').ok_or_else(|| {
            format!("--honour {h}: write ID=P, e.g. --honour rus-prk-2024=0.9 or --honour CHN=0.2")
        })?;
        let p = probability(p, &format!("--honour {h}"))?;
        if s.agreement(id.trim()).is_some() {
            rates.agreements.insert(id.trim().to_string(), p);
        } else {
            let who = actor(s, id.trim()).map_err(|_| {
                format!(
                    "--honour {h}: \"{}\" is neither an agreement nor an actor of {}",
                    id.trim(),
                    s.info.id
                )
            })?;
            rates.actors.insert(who, p);
        }
    }
    let rho = probability(&a.rho.to_string(), "--rho")?;
    let correlation = match a.correlation.as_str() {
        "state" => Correlation::State(rho),
        "coalition" => Correlation::Coalition(rho),
        _ => Correlation::Independent,
    };
    let config = McConfig {
        trials: a.trials,
        seed: a.seed,
        rates,
        correlation,
        threads: a.threads,
    };
    Ok((
        Crisis {
            attacker,
            target,
            place: at,
            day,
            joins,
            strikes,
        },
        rules,
        config,
    ))
}
