//! `entente events series`: read GDELT and ICEWS files, aggregate a dyad by period, find turning
//! points, render a table, JSON or CSV, and an SVG chart.

use crate::Cli;
use crate::commands::{Error, emit, json};
use crate::output::{Format, Table};
use entente_analysis::changepoint;
use entente_events::aggregate::{Cell, Period, Spec, dyad_series};
use entente_events::icews::{Countries, Unmapped};
use entente_events::{Event, Loaded};
use entente_model::Resolver;
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum EventsCommand {
    /// A dyad's events by period: counts by QuadClass, Goldstein sum and mean, net cooperation
    /// (normalised by the period's volume), and turning points (PELT).
    Series(SeriesArgs),
}

#[derive(clap::Args, Debug)]
pub struct SeriesArgs {
    /// GDELT files (.CSV, .csv, .zip) or ICEWS files (.tab), or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The two actors: CAMEO country codes or any name the scenario knows (RUS PRK, Russia DPRK).
    #[arg(long, num_args = 2, value_names = ["A", "B"], required = true)]
    dyad: Vec<String>,
    /// day, week, month or year.
    #[arg(long, default_value = "month")]
    by: String,
    /// Keep the two directions apart (A→B and B→A as two series).
    #[arg(long)]
    directed: bool,
    /// One event per date, source, target and code.
    #[arg(long)]
    dedupe: bool,
    /// The changepoint penalty (default: the modified BIC, 3·σ²·ln n).
    #[arg(long)]
    penalty: Option<f64>,
    /// Write the series as an SVG chart.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Write rows that could not be read to this CSV file.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
}

#[derive(Serialize)]
struct Series<'a> {
    source: &'a str,
    target: &'a str,
    cells: Vec<&'a Cell>,
    turning_points: Vec<TurningPoint>,
}

#[derive(Serialize)]
struct TurningPoint {
    period: String,
    before: f64,
    after: f64,
    size: f64,
}

#[derive(Serialize)]
struct Report<'a> {
    files: Vec<String>,
    rows_read: u64,
    rows_rejected: usize,
    unmapped_countries: &'a std::collections::BTreeMap<String, u64>,
    series: Vec<Series<'a>>,
}

/// A CAMEO country code for a name: the scenario's actor (its CAMEO or ISO3 code), else the text.
fn code(cli: &Cli, name: &str) -> String {
    let scenario = crate::commands::load(cli, None)
        .ok()
        .and_then(|l| l.valid().cloned());
    let known = scenario.as_ref().and_then(|s| {
        let id = Resolver::new(&s.facts).actor(name)?.to_string();
        let a = s.actor(&id)?;
        a.cameo.clone().or(a.iso3.clone())
    });
    known.unwrap_or_else(|| name.trim().to_uppercase())
}

fn countries(cli: &Cli) -> Result<Countries, Error> {
    let dir = cli.data.as_ref().ok_or(
        "ICEWS files name countries in words: give --data DIR with the country-code crosswalk",
    )?;
    let path = entente_datasets::dir::DataDir::new(dir).find("crosswalk")?;
    let l = entente_datasets::crosswalk::read(&path).map_err(|e| e.to_string())?;
    Ok(Countries::new(l.rows.iter().filter_map(|r| {
        Some((r.name.as_str(), r.iso3.as_deref()?))
    })))
}

pub fn run(cli: &Cli, cmd: &EventsCommand, format: Format) -> Result<(), Error> {
    let EventsCommand::Series(a) = cmd;
    let period = Period::parse(&a.by)
        .ok_or_else(|| format!("--by {}: use day, week, month or year", a.by))?;
    // In directories, the names GDELT and ICEWS distribute; files named on the command line are read as given.
    let files = entente_events::read::expand(&a.paths, &[".export.csv", ".export.csv.zip", ".tab"])
        .map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no .csv, .zip or .tab event files in the paths given".into());
    }
    let mut events: Loaded<Event> = Loaded::default();
    let mut unmapped = Unmapped::default();
    let mut icews: Option<Countries> = None;
    for f in &files {
        let is_tab = f.extension().is_some_and(|e| e.eq_ignore_ascii_case("tab"));
        if is_tab {
            if icews.is_none() {
                icews = Some(countries(cli)?);
            }
            let c = icews.as_ref().ok_or("no crosswalk")?;
            entente_events::icews::read(f, c, &mut events, &mut unmapped)
                .map_err(|e| e.to_string())?;
        } else {
            entente_events::gdelt::read(f, &mut events).map_err(|e| e.to_string())?;
        }
    }
    if !events.check_balance() {
        return Err("rows read do not balance (a bug; please report it)".into());
    }
    if !events.rejects.is_empty() {
        eprintln!(
            "warning: {} of {} rows rejected",
            events.rejects.len(),
            events.read
        );
        for r in events.rejects.iter().take(5) {
            eprintln!("  {}:{}: {}", r.file, r.line, r.reason);
        }
    }
    if let Some(path) = &a.rejects {
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let text: String = std::iter::once("file,line,reason\n".to_string())
            .chain(
                events
                    .rejects
                    .iter()
                    .map(|r| format!("{},{},{}\n", q(&r.file), r.line, q(&r.reason))),
            )
            .collect();
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if !unmapped.names.is_empty() {
        eprintln!(
            "note: country names not mapped to codes (their events are left out of dyads): {}",
            unmapped
                .names
                .iter()
                .map(|(n, c)| format!("{n} ({c})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let (x, y) = (code(cli, &a.dyad[0]), code(cli, &a.dyad[1]));
    let spec = Spec {
        period,
        directed: a.directed,
        dedupe: a.dedupe,
        dyad: Some((x.clone(), y.clone())),
        quad: vec![],
    };
    let cells = dyad_series(&events.rows, &spec);
    // One series per direction (directed) or one (undirected).
    let mut keys: Vec<(String, String)> = cells
        .iter()
        .map(|c| (c.source.clone(), c.target.clone()))
        .collect();
    keys.dedup();
    let series: Vec<Series<'_>> = keys
        .iter()
        .map(|(s, t)| {
            let mine: Vec<&Cell> = cells
                .iter()
                .filter(|c| &c.source == s && &c.target == t)
                .collect();
            let values: Vec<f64> = mine.iter().map(|c| c.net_cooperation_normalised).collect();
            let turning_points = changepoint::changes(&values, a.penalty, 2)
                .into_iter()
                .map(|ch| TurningPoint {
                    period: mine[ch.index].period.clone(),
                    before: ch.before,
                    after: ch.after,
                    size: ch.size,
                })
                .collect();
            Series {
                source: s,
                target: t,
                cells: mine,
                turning_points,
            }
        })
        .collect();
    if let Some(path) = &a.svg {
        let first = series.first();
        let points: Vec<entente_render::series::Point<'_>> = first
            .map(|s| {
                s.cells
                    .iter()
                    .map(|c| entente_render::series::Point {
                        label: &c.period,
                        cooperation: c.quad_counts[0] + c.quad_counts[1],
                        conflict: c.quad_counts[2] + c.quad_counts[3],
                        net: c.net_cooperation_normalised,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let changes: Vec<(usize, f64)> = first
            .map(|s| {
                s.turning_points
                    .iter()
                    .filter_map(|t| {
                        s.cells
                            .iter()
                            .position(|c| c.period == t.period)
                            .map(|i| (i, t.size))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let title = match first {
            Some(s) => format!(
                "{} {} {} events by {}",
                s.source,
                if a.directed { "→" } else { "–" },
                s.target,
                a.by
            ),
            None => format!("{x}–{y}: no events"),
        };
        std::fs::write(path, entente_render::series_svg(&title, &points, &changes))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let report = Report {
        files: files.iter().map(|f| f.display().to_string()).collect(),
        rows_read: events.read,
        rows_rejected: events.rejects.len(),
        unmapped_countries: &unmapped.names,
        series,
    };
    if format == Format::Json {
        return json(&report);
    }
    let mut tables = Vec::new();
    for s in &report.series {
        let mut t = Table::new(
            format!(
                "{} {} {} by {} ({} rows read from {} files, {} rejected)",
                s.source,
                if a.directed { "→" } else { "–" },
                s.target,
                a.by,
                report.rows_read,
                report.files.len(),
                report.rows_rejected
            ),
            &[
                "period",
                "verbal coop",
                "material coop",
                "verbal conflict",
                "material conflict",
                "events",
                "Goldstein sum",
                "Goldstein mean",
                "net coop",
                "share of volume",
                "net / volume",
            ],
        );
        for c in &s.cells {
            t.row(vec![
                c.period.clone(),
                c.quad_counts[0].to_string(),
                c.quad_counts[1].to_string(),
                c.quad_counts[2].to_string(),
                c.quad_counts[3].to_string(),
                c.events.to_string(),
                format!("{:.1}", c.goldstein_tenths as f64 / 10.0),
                format!("{:.2}", c.goldstein_mean),
                c.net_cooperation.to_string(),
                format!("{:.4}", c.share_of_volume),
                format!("{:.4}", c.net_cooperation_normalised),
            ]);
        }
        tables.push(t);
        let mut tp = Table::new(
            "Turning points (PELT, Killick et al. 2012; modified BIC penalty)",
            &["from", "net / volume before", "after", "shift"],
        );
        for p in &s.turning_points {
            tp.row(vec![
                p.period.clone(),
                format!("{:.4}", p.before),
                format!("{:.4}", p.after),
                format!("{:+.4}", p.size),
            ]);
        }
        tables.push(tp);
    }
    if tables.is_empty() {
        tables.push(Table::new(
            format!("No events between {x} and {y} in {} rows", report.rows_read),
            &["period"],
        ));
    }
    emit(&tables, format);
    Ok(())
}
