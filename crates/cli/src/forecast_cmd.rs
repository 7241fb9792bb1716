//! `entente forecast`: the expected-utility model on a stakeholder file — round by round, each
//! actor's path and the forecast median, as a table, JSON or CSV, and a chart.

use crate::common::{Error, json};
use crate::output::{Format, Table, render};
use entente_forecast::bdm::{self, Actor, Rules};
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum ForecastCommand {
    /// Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011) on one issue: who
    /// challenges whom, which offers are taken, the positions round by round, the median forecast.
    Eu {
        /// A stakeholder CSV: Actor (or Stakeholder), Capability (or Resources), Position, Salience.
        file: PathBuf,
        #[arg(long, default_value_t = 10)]
        rounds: usize,
        /// paper (the text's rules, the default) or replication (the public Python replication's:
        /// no capitulation ever, its compromise choice), for exact comparison with that program.
        #[arg(long, default_value = "paper", value_parser = ["paper", "replication"])]
        rules: String,
        /// Print every offer taken, round by round.
        #[arg(long)]
        moves: bool,
        /// How robust the forecast is: each actor's capability and salience ±20%, one at a time,
        /// and the last round's median under each.
        #[arg(long)]
        sensitivity: bool,
        /// Write the paths and the median as an SVG chart.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Richardson's arms-race equations fitted to two sides' NMC military expenditure (--data DIR):
    /// coefficients with intervals, stability, the equilibrium, a bootstrapped projection.
    ArmsRace(crate::forecast_race::ArmsRaceArgs),
}

pub fn run(
    cli: &crate::common::Globals,
    cmd: &ForecastCommand,
    format: Format,
) -> Result<(), Error> {
    let (file, rounds, rules, moves, sensitivity, svg) = match cmd {
        ForecastCommand::Eu {
            file,
            rounds,
            rules,
            moves,
            sensitivity,
            svg,
        } => (file, rounds, rules, moves, sensitivity, svg),
        ForecastCommand::ArmsRace(a) => {
            return crate::forecast_race::arms_race(
                cli.data.as_deref(),
                cli.atop_member_only,
                a,
                format,
            );
        }
    };
    if *rounds > 10_000 {
        return Err(format!("--rounds {rounds}: at most 10000"));
    }
    let (actors, label) = match file
        .to_str()
        .filter(|s| !file.exists() && !s.contains(['/', '.']))
    {
        Some(id) => issue_actors(cli, id)?,
        None => (read_stakeholders(file)?, file.display().to_string()),
    };
    if actors.len() < 2 {
        return Err(format!(
            "{label}: the model needs at least two stakeholders ({} read)",
            actors.len()
        ));
    }
    let rules = if rules == "replication" {
        Rules::Replication
    } else {
        Rules::Paper
    };
    let f = bdm::run(&actors, *rounds, rules);
    if let Some(path) = svg {
        let title = format!(
            "Expected-utility forecast: {} ({} rules)",
            label,
            if rules == Rules::Paper {
                "the paper's"
            } else {
                "the replication's"
            }
        );
        std::fs::write(path, entente_render::forecast_run_svg(&title, &f))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let sens = sensitivity.then(|| bdm::sensitivity(&actors, *rounds, rules, 0.2));
    if format == Format::Json {
        return match &sens {
            Some((base, rows)) => json(
                &serde_json::json!({"forecast": f, "sensitivity": {"base": base, "by": 0.2, "rows": rows}}),
            ),
            None => json(&f),
        };
    }
    // Table headers are &'static str; the round numbers are made once per run (≤ 10,001 short
    // strings) and live until the process ends.
    let headers: Vec<&'static str> = std::iter::once("actor")
        .chain((0..=*rounds).map(|r| &*Box::leak(format!("{r}").into_boxed_str())))
        .collect();
    let mut t = Table::new(
        format!(
            "Positions by round ({} stakeholders; 0 is the start); the forecast is the median voter position",
            actors.len()
        ),
        &headers,
    );
    for (a, actor) in actors.iter().enumerate() {
        let mut row = vec![actor.name.clone()];
        row.extend(f.rounds.iter().map(|r| format!("{:.3}", r.positions[a])));
        t.row(row);
    }
    let mut med = vec!["median (forecast)".to_string()];
    med.extend(f.rounds.iter().map(|r| format!("{:.3}", r.median)));
    t.row(med);
    let mut mean = vec!["weighted mean".to_string()];
    mean.extend(f.rounds.iter().map(|r| format!("{:.3}", r.mean)));
    t.row(mean);
    print!("{}", render(&[t], format));
    if let Some((base, rows)) = &sens {
        let mut st = Table::new(
            format!(
                "How robust the forecast ({base:.3} after {rounds} rounds) is: each input ±20%, alone, largest swing first"
            ),
            &["actor", "input", "−20%", "+20%"],
        );
        for r in rows {
            st.row(vec![
                r.actor.clone(),
                r.input.into(),
                format!("{:.3}", r.low),
                format!("{:.3}", r.high),
            ]);
        }
        print!("{}", render(&[st], format));
        let all = rows.iter().flat_map(|r| [r.low, r.high]);
        let (lo, hi) = all.fold((*base, *base), |(a, b), v| (a.min(v), b.max(v)));
        println!("the forecast stays within {lo:.3}–{hi:.3} under every single change");
    }
    if *moves {
        for r in f.rounds.iter().skip(1) {
            println!("\nRound {}:", r.round);
            for m in &r.moves {
                println!(
                    "  {} takes {}'s {} offer: {:.3} → {:.3} (EU of challenging {:+.4}, of being challenged {:+.4})",
                    m.actor,
                    m.from,
                    match m.kind {
                        bdm::OfferKind::Confrontation => "confrontation",
                        bdm::OfferKind::Compromise => "compromise",
                        bdm::OfferKind::Capitulation => "capitulation",
                    },
                    m.before,
                    m.after,
                    m.eu_own,
                    m.eu_other
                );
            }
        }
    }
    Ok(())
}

/// The stakeholders of a CSV file, its rejects reported.
fn read_stakeholders(file: &std::path::Path) -> Result<Vec<Actor>, Error> {
    let l = entente_datasets::stakeholders::read(file).map_err(|e| e.to_string())?;
    if !l.rejects.is_empty() {
        eprintln!("warning: {} of {} rows rejected", l.rejects.len(), l.read);
        for r in l.rejects.iter().take(5) {
            eprintln!("  {}:{}: {}", r.file, r.line, r.reason);
        }
    }
    Ok(l.rows
        .into_iter()
        .map(|s| Actor {
            name: s.name,
            capability: s.capability,
            position: s.position,
            salience: s.salience,
        })
        .collect())
}

/// The stakeholders of a scenario's `[[issue]]`: a stance's capability, or else the actor's CINC
/// in the scenario's capabilities (the latest year not after the scenario's date).
fn issue_actors(cli: &crate::common::Globals, id: &str) -> Result<(Vec<Actor>, String), Error> {
    let loaded = crate::common::load(cli, None)?;
    let s = loaded
        .valid()
        .ok_or("the scenario is invalid: run `entente check`")?;
    let issue = s.facts.issues.iter().find(|c| c.id == id).ok_or_else(|| {
        let known: Vec<&str> = s.facts.issues.iter().map(|c| c.id.as_str()).collect();
        format!(
            "{id}: neither a file nor an issue of {} (issues: {})",
            s.info.id,
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        )
    })?;
    let year = s
        .info
        .as_of
        .latest()
        .map_or(i32::MAX, |d| entente_model::date::civil_from_days(d).0);
    let out = issue
        .stakes(&s.facts.capabilities, year)?
        .into_iter()
        .map(|k| Actor {
            name: k.actor,
            capability: k.capability,
            position: k.position,
            salience: k.salience,
        })
        .collect();
    Ok((out, format!("{} — {}", issue.id, issue.question)))
}
