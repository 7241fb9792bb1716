//! `entente events series`: read GDELT and ICEWS files, aggregate a dyad by period, find turning
//! points, render a table, JSON or CSV, and an SVG chart.

use crate::common::Globals;
use crate::common::{Error, emit, json};
use crate::events_bulk_cmd::{
    AggregateArgs, GenerateArgs, IngestArgs, aggregate_cmd, countries, generate_cmd, ingest_cmd,
};
use crate::output::{Format, Table};
use entente_events::aggregate::{Period, Spec};
use entente_events::icews::Unmapped;
use entente_events::ingest::EVENT_SUFFIXES;
use entente_events::series::{Filter, Series, dyad_report};
use entente_events::{Event, Loaded};
use entente_model::Resolver;
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum EventsCommand {
    /// A dyad's events by period: counts by QuadClass, Goldstein sum and mean, net cooperation
    /// (normalised by the period's volume), and turning points (PELT).
    Series(SeriesArgs),
    /// Every directed dyad × period × QuadClass of GDELT files (plain or zipped): events and Goldstein
    /// sums, as CSV — the whole-file aggregation, streamed and parallel.
    Aggregate(AggregateArgs),
    /// Write a GDELT 2.0-shaped file of a given size, drawing its fields from a real export.
    Generate(GenerateArgs),
    /// Take GDELT and ICEWS files into a local event store: Parquet partitioned by month, which
    /// pandas, polars, DuckDB and Spark read as is. Only new files are read; a re-run changes nothing.
    Ingest(IngestArgs),
}

#[derive(clap::Args, Debug)]
pub struct SeriesArgs {
    /// GDELT files (.CSV, .csv, .zip) or ICEWS files (.tab), or directories of them.
    #[arg(required_unless_present = "store")]
    paths: Vec<PathBuf>,
    /// Read from an event store written by `events ingest` (only the months needed are read).
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    store: Option<PathBuf>,
    /// Only events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only these CAMEO roots, e.g. 04,05 (consult; diplomatic cooperation) or 19 (fight).
    #[arg(long, value_delimiter = ',', value_name = "ROOTS")]
    root: Vec<u8>,
    /// Only event codes starting with these, e.g. 057 (sign formal agreement).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    code: Vec<String>,
    /// Only events where either actor's CAMEO actor code starts with one of these, e.g. RUSGOV,PRKMIL
    /// (GDELT `Actor1Code`/`Actor2Code`; ICEWS rows have none and are left out by this filter).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    actor: Vec<String>,
    /// The two actors: CAMEO country codes or any name the scenario knows (RUS PRK, Russia DPRK).
    #[arg(long, num_args = 2, value_names = ["A", "B"], required = true)]
    dyad: Vec<String>,
    /// day, week, month, quarter or year.
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
struct Report<'a> {
    files: Vec<String>,
    /// Rows taken in: from files, every row; from a store, the rows of the dyad and dates.
    rows_read: u64,
    /// From a store: parts and row groups read and skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    store_scan: Option<entente_events::store::ScanStats>,
    rows_rejected: usize,
    unmapped_countries: &'a std::collections::BTreeMap<String, u64>,
    series: Vec<Series>,
}

/// A CAMEO country code for a name: the scenario's actor (its CAMEO or ISO3 code), else the text.
fn code(cli: &Globals, name: &str) -> String {
    let scenario = crate::common::load(cli, None)
        .ok()
        .and_then(|l| l.valid().cloned());
    let known = scenario.as_ref().and_then(|s| {
        let id = Resolver::new(&s.facts).actor(name)?.to_string();
        let a = s.actor(&id)?;
        a.cameo.clone().or(a.iso3.clone())
    });
    known.unwrap_or_else(|| name.trim().to_uppercase())
}

/// The first (or, with `end`, last) day of YYYY, YYYY-MM or YYYY-MM-DD, as YYYYMMDD: the
/// scenario's own date parser, so the same dates are accepted (and impossible ones refused).
fn date_bound(d: &str, end: bool) -> Option<u32> {
    let date: entente_model::PartialDate = d.parse().ok()?;
    let day = if end {
        date.latest()?
    } else {
        date.earliest()?
    };
    let (y, m, dd) = entente_model::date::civil_from_days(day);
    u32::try_from(y)
        .ok()
        .map(|y| y * 10000 + u32::from(m) * 100 + u32::from(dd))
}

struct Source {
    events: Loaded<Event>,
    unmapped: Unmapped,
    files: Vec<String>,
    store_scan: Option<entente_events::store::ScanStats>,
    /// Each day's volume, when the rows are the dyad's only.
    day_volume: Option<std::collections::BTreeMap<u32, u64>>,
}

/// The events a series reads: from a store, the committed rows of the dates and dyad asked for
/// (with what the scan skipped); from files, every row.
fn load_events(
    cli: &Globals,
    a: &SeriesArgs,
    filter: &Filter,
    dyad: &(String, String),
) -> Result<Source, Error> {
    let mut events: Loaded<Event> = Loaded::default();
    let mut unmapped = Unmapped::default();
    if let Some(dir) = &a.store {
        let store = entente_events::store::Store::open_read(dir).map_err(|e| e.to_string())?;
        // The dates go down to the store: months outside them are not opened. The dyad goes down
        // too (row groups whose statistics exclude it are not decoded) when the period's volume,
        // the series' normaliser, is a count of dates — no other filter, no de-duplication — read
        // then from the date column alone.
        let push_dyad = filter.dates_only() && !a.dedupe;
        let scan = entente_events::store::Scan {
            from: filter.from,
            to: filter.to,
            dyad: push_dyad.then(|| dyad.clone()),
        };
        let (rows, mut stats) = store.scan(&scan).map_err(|e| e.to_string())?;
        let volume = if push_dyad {
            Some(
                store
                    .day_volumes(filter.from, filter.to, &mut stats)
                    .map_err(|e| e.to_string())?,
            )
        } else {
            None
        };
        events.rows = rows;
        events.read = events.rows.len() as u64;
        return Ok(Source {
            events,
            unmapped,
            files: vec![dir.display().to_string()],
            store_scan: Some(stats),
            day_volume: volume,
        });
    }
    // In directories, the names GDELT and ICEWS distribute; files named on the command line are
    // read as given.
    let files =
        entente_events::read::expand(&a.paths, &EVENT_SUFFIXES).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no .csv, .zip or .tab event files in the paths given".into());
    }
    let countries = if entente_events::ingest::needs_countries(&files) {
        Some(countries(cli)?)
    } else {
        None
    };
    for f in &files {
        entente_events::ingest::read_file(f, countries.as_ref(), &mut events, &mut unmapped)
            .map_err(|e| e.to_string())?;
    }
    Ok(Source {
        events,
        unmapped,
        files: files.iter().map(|f| f.display().to_string()).collect(),
        store_scan: None,
        day_volume: None,
    })
}

pub fn run(cli: &Globals, cmd: &EventsCommand, format: Format) -> Result<(), Error> {
    let a = match cmd {
        EventsCommand::Series(a) => a,
        EventsCommand::Aggregate(a) => return aggregate_cmd(a),
        EventsCommand::Generate(a) => return generate_cmd(a),
        EventsCommand::Ingest(a) => return ingest_cmd(cli, a, format),
    };
    let period = Period::parse(&a.by)
        .ok_or_else(|| format!("--by {}: use day, week, month, quarter or year", a.by))?;
    let bound = |d: &Option<String>, flag: &str, end: bool| {
        d.as_deref()
            .map(|d| {
                date_bound(d, end)
                    .ok_or_else(|| format!("--{flag} {d}: write YYYY, YYYY-MM or YYYY-MM-DD"))
            })
            .transpose()
    };
    if let Some(r) = a.root.iter().find(|r| !(1..=20).contains(*r)) {
        return Err(format!("--root {r}: CAMEO roots are 01–20"));
    }
    let filter = Filter {
        from: bound(&a.from, "from", false)?,
        to: bound(&a.to, "to", true)?,
        roots: a.root.clone(),
        codes: a.code.clone(),
        actors: a.actor.clone(),
    };
    let (x, y) = (code(cli, &a.dyad[0]), code(cli, &a.dyad[1]));
    let Source {
        events,
        unmapped,
        files: sources,
        store_scan,
        day_volume,
    } = load_events(cli, a, &filter, &(x.clone(), y.clone()))?;
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
        entente_table::write_rejects(path, &events.rejects).map_err(|e| e.to_string())?;
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
    let spec = Spec {
        period,
        directed: a.directed,
        dedupe: a.dedupe,
        dyad: Some((x.clone(), y.clone())),
        quad: vec![],
    };
    let series = dyad_report(&events.rows, &filter, &spec, a.penalty, day_volume.as_ref());
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
        files: sources,
        rows_read: events.read,
        store_scan,
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
        let mut tc = Table::new(
            "Top event codes (CAMEO)",
            &["code", "QuadClass", "events", "Goldstein mean"],
        );
        for c in &s.top_codes {
            tc.row(vec![
                c.code.clone(),
                c.quad_class.to_string(),
                c.events.to_string(),
                format!("{:.2}", c.goldstein_mean),
            ]);
        }
        tables.push(tc);
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
