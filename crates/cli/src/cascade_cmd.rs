//! `entente cascade` and `entente compare`: resolve the crisis the user describes, run the analyses,
//! render tables, JSON, DOT and SVG.

use crate::cascade_tables::{amount, base_label_col, cascade_tables, mc_tables, measure_name, pct};
use crate::common::{Error, actor, date, emit, json};
use crate::output::{Format, Table};
use entente_analysis::cascade::{
    self, Cascade, Correlation, Crisis, HonourRates, McConfig, McResult, Prior, Rules, Side, Strike,
};
use entente_model::quantity::group_thousands;
use entente_model::{Place, Resolver, Scenario};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct CascadeArgs {
    /// The state that attacks (any name or code).
    #[arg(long)]
    attacker: String,
    /// The state attacked.
    #[arg(long)]
    target: String,
    /// Where: a flashpoint (id, alias or name) or a state's own territory. Default: the target's territory.
    #[arg(long, value_name = "PLACE")]
    at: Option<String>,
    /// The war's date (default: the scenario's date). Agreements count if in force then.
    #[arg(long)]
    date: Option<String>,
    /// X joins Y's side by its own choice (a defensive entry: it makes no victims). Repeatable.
    #[arg(long, value_name = "X:Y")]
    join: Vec<String>,
    /// X attacks Y (Y becomes a victim; its partners may be bound), at Y's territory or @PLACE. Repeatable.
    #[arg(long, value_name = "X:Y[@PLACE]")]
    strike: Vec<String>,
    /// Count any state fought by the other side as attacked (strict chain-ganging); non-provocation
    /// conditions still keep a provoking ally's partners out.
    #[arg(long)]
    counter_attack_triggers: bool,
    /// Count agreements from signature instead of entry into force.
    #[arg(long)]
    by_signature: bool,
    /// Monte Carlo trials (0: the deterministic cascade only).
    #[arg(long, default_value_t = 100_000)]
    trials: u64,
    /// Seed: the same seed gives the same answer on any number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Honouring rates: by-type (Berkemeier & Fuhrmann 2018: defence 41%, offence 74%, neutrality
    /// 78%), flat (Leeds, Long & Mitchell 2000: 74.5%), era (Berkemeier & Fuhrmann 2018: 66% before
    /// 1945, 22% after).
    #[arg(long, default_value = "by-type")]
    prior: String,
    /// Override a rate: an agreement id or an actor, =P. Repeatable. `--honour rus-prk-2024=0.9`.
    #[arg(long, value_name = "ID=P")]
    honour: Vec<String>,
    /// Probability that a condition the data flags but does not specify holds.
    #[arg(long, default_value_t = 0.5)]
    unresolved_p: f64,
    /// Correlate honouring: independent, state (one shared draw per state) or coalition (per side).
    #[arg(long, default_value = "independent", value_parser = ["independent", "state", "coalition"])]
    correlation: String,
    /// Strength of the correlation, 0–1 (with --correlation state or coalition).
    #[arg(long, default_value_t = 0.5)]
    rho: f64,
    /// Worker threads for the Monte Carlo (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Also run the crisis with this overlay applied, and show what changes.
    #[arg(long, value_name = "NAME")]
    vs_overlay: Option<String>,
    /// Write the cascade as Graphviz DOT.
    #[arg(long, value_name = "FILE")]
    dot: Option<PathBuf>,
    /// Write the cascade as an SVG picture.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Print trials per second to stderr.
    #[arg(long)]
    timing: bool,
    /// Write the compiled crisis (obligations, conditions, rates) as JSON, for cross-checks.
    #[arg(long, value_name = "FILE", hide = true)]
    export_engine: Option<PathBuf>,
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

fn crisis(s: &Scenario, a: &CascadeArgs) -> Result<(Crisis, Rules, McConfig), Error> {
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

/// A terminal progress bar on stderr; silent when stderr is not a terminal.
fn progress_bar(total: u64) -> impl Fn(u64) + Sync {
    let show = std::io::stderr().is_terminal() && total >= 200_000;
    let last = std::sync::atomic::AtomicU64::new(0);
    move |done: u64| {
        if !show {
            return;
        }
        let pct = done * 100 / total.max(1);
        if last.swap(pct, std::sync::atomic::Ordering::Relaxed) != pct || done == total {
            let filled = (pct / 4) as usize;
            eprint!(
                "\r  [{}{}] {pct:>3}% {} trials",
                "#".repeat(filled),
                " ".repeat(25 - filled.min(25)),
                group_thousands(done as f64)
            );
            if done >= total {
                eprintln!();
            }
        }
    }
}

fn run_mc(
    s: &Scenario,
    c: &Crisis,
    rules: Rules,
    config: &McConfig,
    timing: bool,
) -> Result<Option<McResult>, Error> {
    if config.trials == 0 {
        return Ok(None);
    }
    let started = Instant::now();
    let r = cascade::monte_carlo_with_progress(s, c, rules, config, &progress_bar(config.trials))
        .map_err(|e| e.0)?;
    if timing {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "{} trials in {secs:.3} s: {} trials/s ({} threads)",
            group_thousands(config.trials as f64),
            group_thousands((config.trials as f64 / secs).round()),
            config.threads.unwrap_or_else(rayon_threads)
        );
    }
    Ok(Some(r))
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[derive(Serialize)]
struct Report<'a> {
    cascade: &'a Cascade,
    monte_carlo: Option<&'a McResult>,
}

#[derive(Serialize)]
struct CompareReport<'a> {
    base: Report<'a>,
    other: Report<'a>,
    comparison: &'a cascade::Comparison,
}

pub fn run(s: &Scenario, a: &CascadeArgs, compare: bool, format: Format) -> Result<(), Error> {
    if compare && a.vs_overlay.is_none() {
        return Err(format!(
            "compare needs --vs-overlay NAME (overlays of {}: {})",
            s.info.id,
            s.overlays
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let (c, rules, config) = crisis(s, a)?;
    if let Some(path) = &a.export_engine {
        let model = cascade::export_engine(s, &c, rules, &config.rates).map_err(|e| e.0)?;
        let text = serde_json::to_string(&model).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let det = cascade::cascade(s, &c, rules).map_err(|e| e.0)?;
    let mc = run_mc(s, &c, rules, &config, a.timing)?;
    if let Some(path) = &a.dot {
        std::fs::write(path, entente_render::cascade_dot(&det))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &a.svg {
        std::fs::write(path, entente_render::cascade_svg(&det))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let Some(name) = &a.vs_overlay else {
        if format == Format::Json {
            return json(&Report {
                cascade: &det,
                monte_carlo: mc.as_ref(),
            });
        }
        let mut tables = cascade_tables(s, &det);
        if let Some(m) = &mc {
            tables.extend(mc_tables(m));
        }
        emit(&tables, format);
        return Ok(());
    };
    let other_s = s.with_overlay(name).ok_or_else(|| {
        format!(
            "no overlay \"{name}\" in {}; overlays: {}",
            s.info.id,
            s.overlays
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let other = cascade::cascade(&other_s, &c, rules).map_err(|e| e.0)?;
    let other_mc = run_mc(&other_s, &c, rules, &config, a.timing)?;
    let base_label = if s.info.applied_overlays.is_empty() {
        s.info.id.clone()
    } else {
        format!("{} + {}", s.info.id, s.info.applied_overlays.join(" + "))
    };
    let other_label = format!("{base_label} + {name}");
    let cmp = cascade::compare(
        &base_label,
        &det,
        &other_label,
        &other,
        mc.as_ref(),
        other_mc.as_ref(),
    );
    if format == Format::Json {
        return json(&CompareReport {
            base: Report {
                cascade: &det,
                monte_carlo: mc.as_ref(),
            },
            other: Report {
                cascade: &other,
                monte_carlo: other_mc.as_ref(),
            },
            comparison: &cmp,
        });
    }
    let mut t = Table::new(
        format!("What changes with {name}: who is obliged to fight"),
        &["actor", base_label_col(), "with the overlay"],
    );
    for ch in &cmp.changed {
        let side = |x: Option<Side>| x.map_or("stays out".to_string(), |s| s.to_string());
        t.row(vec![ch.actor.clone(), side(ch.base), side(ch.other)]);
    }
    let mut tables = vec![t];
    if !cmp.odds.is_empty() {
        let mut o = Table::new(
            format!(
                "What changes with {name}: Monte Carlo odds ({} trials, seed {})",
                group_thousands(config.trials as f64),
                config.seed
            ),
            &[
                "actor",
                "P(aggressor side) before",
                "after",
                "P(defending side) before",
                "after",
            ],
        );
        for x in &cmp.odds {
            o.row(vec![
                x.actor.clone(),
                pct(x.base_aggressor),
                pct(x.other_aggressor),
                pct(x.base_defender),
                pct(x.other_defender),
            ]);
        }
        tables.push(o);
    }
    if let (Some([ag, de]), Some(measure)) = (
        cmp.capability_change,
        mc.as_ref()
            .and_then(|m| m.capability.first())
            .map(|c| c.measure),
    ) {
        let mut m = Table::new(
            format!(
                "Change in expected coalition capability ({})",
                measure_name(measure)
            ),
            &["side", "change"],
        );
        m.row(vec!["aggressor side".into(), amount(measure, ag, true)]);
        m.row(vec!["defending side".into(), amount(measure, de, true)]);
        tables.push(m);
    }
    let mut base_tables = cascade_tables(s, &det);
    base_tables
        .iter_mut()
        .for_each(|t| t.title = format!("[{base_label}] {}", t.title));
    let mut other_tables = cascade_tables(&other_s, &other);
    other_tables
        .iter_mut()
        .for_each(|t| t.title = format!("[{other_label}] {}", t.title));
    tables.extend(base_tables.into_iter().take(2));
    tables.extend(other_tables.into_iter().take(2));
    emit(&tables, format);
    Ok(())
}
