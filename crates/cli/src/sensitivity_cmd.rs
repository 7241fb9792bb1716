//! `entente sensitivity`: which honouring assumption moves the crisis most. Tables of each
//! assumption and of each outcome's swing, and the tornado chart (`--svg`).

use crate::cascade_tables::pct;
use crate::common::{Error, emit, json};
use crate::crisis_args::{CascadeArgs, crisis};
use crate::output::{Format, Table};
use entente_analysis::cascade;
use entente_model::Scenario;
use std::io::IsTerminal;

pub fn run(s: &Scenario, a: &CascadeArgs, format: Format) -> Result<(), Error> {
    let (mut c, rules, config) = crisis(s, a)?;
    if config.trials == 0 {
        return Err("sensitivity needs Monte Carlo trials: give --trials 1000 or more".into());
    }
    if let Some(w) = cascade::within_war(s, &c) {
        c = w.crisis;
    }
    let show = std::io::stderr().is_terminal();
    let progress = move |done: usize, total: usize| {
        if show {
            eprint!("\r  sensitivity: {done}/{total} runs");
            if done == total {
                eprintln!();
            }
        }
    };
    let r = cascade::sensitivity(s, &c, rules, &config, &progress).map_err(|e| e.0)?;
    if let Some(path) = &a.svg {
        let title = format!(
            "What moves the outcome: {} attacks {} ({})",
            a.attacker,
            a.target,
            a.at.as_deref().unwrap_or("its territory")
        );
        std::fs::write(path, entente_render::tornado_svg(&title, &r, 12))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if format == Format::Json {
        return json(&r);
    }
    let mut t = Table::new(
        format!(
            "Honouring assumptions the crisis triggers ({} trials per run, seed {}; each varied alone over its range)",
            r.trials, r.seed
        ),
        &["assumption", "rate", "range", "obligations", "basis"],
    );
    for x in &r.assumptions {
        t.row(vec![
            x.key.clone(),
            pct(x.base),
            format!("{} – {}", pct(x.range[0]), pct(x.range[1])),
            x.obligations.to_string(),
            x.basis.clone(),
        ]);
    }
    let mut tables = vec![t];
    for o in &r.outcomes {
        let probability = o.actor.is_some();
        let v = |x: f64| {
            if probability {
                pct(x)
            } else {
                format!("{x:.4}")
            }
        };
        let mut ot = Table::new(
            format!("{}: base {} — the widest swing first", o.name, v(o.base)),
            &["assumption", "at the low rate", "at the high rate", "swing"],
        );
        for b in &o.bars {
            ot.row(vec![
                b.assumption.clone(),
                format!("{} (rate {})", v(b.at_low), pct(b.low_rate)),
                format!("{} (rate {})", v(b.at_high), pct(b.high_rate)),
                v(b.width()),
            ]);
        }
        tables.push(ot);
    }
    let mut m = Table::new("Capability measure", &["measure"]);
    m.row(vec![r.capability_measure.to_string()]);
    tables.push(m);
    emit(&tables, format);
    Ok(())
}
