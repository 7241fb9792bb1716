//! `entente cascade` and `entente compare`: resolve the crisis the user describes, run the analyses,
//! render tables, JSON, DOT and SVG.

use crate::cascade_tables::{amount, base_label_col, cascade_tables, mc_tables, measure_name, pct};
use crate::common::{Error, emit, json};
pub use crate::crisis_args::CascadeArgs;
use crate::crisis_args::crisis;
use crate::output::{Format, Table};
use entente_analysis::cascade::{self, Cascade, Crisis, McConfig, McResult, Rules, Side};
use entente_model::Scenario;
use entente_model::quantity::group_thousands;
use serde::Serialize;
use std::io::IsTerminal;
use std::time::Instant;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    in_war: Option<&'a cascade::InWar>,
    cascade: &'a Cascade,
    monte_carlo: Option<&'a McResult>,
}

#[derive(Serialize)]
struct CompareReport<'a> {
    base: Report<'a>,
    other: Report<'a>,
    comparison: &'a cascade::Comparison,
    world_changes: &'a [cascade::WorldChange],
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
    let (mut c, rules, config) = crisis(s, a)?;
    // A crisis between the sides of a recorded war is a move in it: the cascade starts from the
    // war's opening attack.
    let in_war = cascade::within_war(s, &c);
    let war_tables = match &in_war {
        Some(w) => {
            c = w.crisis.clone();
            let joins = cascade::join_readings(s, w, rules).map_err(|e| e.0)?;
            crate::war_tables::war_tables(w, &joins)
        }
        None => Vec::new(),
    };
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
                in_war: in_war.as_ref(),
                cascade: &det,
                monte_carlo: mc.as_ref(),
            });
        }
        let mut tables = war_tables;
        tables.extend(cascade_tables(s, &det));
        for x in &a.explain {
            let id = crate::common::actor(s, x)?;
            let w = cascade::why(s, &det, &c, rules, &id);
            let mut t = Table::new(format!("Why {id}: {}", w.status), &["reason"]);
            for r in w.reasons {
                t.row(vec![r]);
            }
            tables.push(t);
        }
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
    // An overlay that moves the scenario's date moves the crisis with it, unless --date fixes it.
    let mut oc = c.clone();
    if a.date().is_none()
        && other_s.info.as_of != s.info.as_of
        && let Some(d) = other_s.info.as_of.latest()
    {
        oc.day = d;
    }
    let other = cascade::cascade(&other_s, &oc, rules).map_err(|e| e.0)?;
    let other_mc = run_mc(&other_s, &oc, rules, &config, a.timing)?;
    let world = cascade::world_changes(s, &det, &other_s, &other, oc.day);
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
                in_war: in_war.as_ref(),
                cascade: &det,
                monte_carlo: mc.as_ref(),
            },
            other: Report {
                in_war: None,
                cascade: &other,
                monte_carlo: other_mc.as_ref(),
            },
            comparison: &cmp,
            world_changes: &world,
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
    let mut wt = Table::new(
        format!(
            "What else changes with {name}: consultation ties, memberships and forces of the states at war"
        ),
        &["what", "actor", base_label_col(), "with the overlay"],
    );
    for ch in &world {
        wt.row(vec![
            ch.what.to_string(),
            ch.actor.clone(),
            ch.base.clone(),
            ch.other.clone(),
        ]);
    }
    tables.push(wt);
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
