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
pub struct IngestArgs {
    /// GDELT files (.CSV or .zip), ICEWS .tab files, or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store's directory (created if missing).
    #[arg(long, value_name = "DIR")]
    store: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(clap::Args, Debug)]
pub struct AggregateArgs {
    /// GDELT files (.CSV or .zip) or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// day, week, month or year.
    #[arg(long, default_value = "month")]
    by: String,
    /// Output: source,target,period,quad,events,goldstein_tenths — CSV, or Parquet when the name
    /// ends in .parquet.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Print the throughput to stderr.
    #[arg(long)]
    timing: bool,
    /// Write every rejected row (file, line, reason) to this CSV file.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// A real GDELT 2.0 export to draw from.
    #[arg(long, value_name = "FILE")]
    from: PathBuf,
    /// Size of the file to write: 2G, 500M, 64K or bytes.
    #[arg(long)]
    size: String,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
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
    /// The dyad's most frequent CAMEO event codes over the whole query.
    top_codes: Vec<TopCode>,
}

#[derive(Serialize)]
struct TopCode {
    code: String,
    quad_class: u8,
    events: u64,
    goldstein_mean: f64,
}

/// The ten most frequent event codes between `s` and `t` (both directions unless `directed`).
fn top_codes(rows: &[Event], s: &str, t: &str, directed: bool) -> Vec<TopCode> {
    let mut by: std::collections::HashMap<&str, (u8, u64, i64)> = std::collections::HashMap::new();
    for e in rows {
        let forward = e.source_country == s && e.target_country == t;
        let back = !directed && e.source_country == t && e.target_country == s;
        if forward || back {
            let c = by.entry(e.code.as_str()).or_insert((e.quad, 0, 0));
            c.1 += 1;
            c.2 += i64::from(e.goldstein_tenths);
        }
    }
    let mut v: Vec<TopCode> = by
        .into_iter()
        .map(|(code, (quad, n, g))| TopCode {
            code: code.to_string(),
            quad_class: quad,
            events: n,
            goldstein_mean: g as f64 / 10.0 / n as f64,
        })
        .collect();
    v.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
    v.truncate(10);
    v
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

#[derive(Serialize)]
struct IngestReport {
    store: String,
    files_seen: usize,
    files_ingested: usize,
    files_already_in_store: usize,
    leftovers_removed: usize,
    rows_read: u64,
    rows_accepted: u64,
    rows_rejected: u64,
    months_in_store: usize,
    unmapped_country_names: Vec<String>,
}

fn ingest_cmd(cli: &Cli, a: &IngestArgs, format: Format) -> Result<(), Error> {
    use entente_events::store::{Ingested, Store};
    use rayon::prelude::*;
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let files = entente_events::read::expand(&a.paths, &[".export.csv", ".export.csv.zip", ".tab"])
        .map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no .csv, .zip or .tab event files in the paths given".into());
    }
    let (mut store, leftovers) = Store::open(&a.store)?;
    if leftovers > 0 {
        eprintln!(
            "note: removed {leftovers} file(s) an interrupted ingest left in {}",
            a.store.display()
        );
    }
    // Which files are new: by name and size against the manifest. Two files with one name would
    // overwrite each other's parts, so that is an error.
    let mut names = std::collections::BTreeMap::new();
    let mut todo = Vec::new();
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{}: not a file name", f.display()))?;
        if let Some(other) = names.insert(name.clone(), f.clone()) {
            return Err(format!(
                "{} and {} have the same name; the store names parts after their source file, \
                 so ingest them into different stores or rename one",
                other.display(),
                f.display()
            ));
        }
        let bytes = std::fs::metadata(f)
            .map_err(|e| format!("{}: {e}", f.display()))?
            .len();
        if !store.has(&name, bytes) {
            todo.push((f.clone(), name, bytes));
        }
    }
    let countries = if todo
        .iter()
        .any(|(f, _, _)| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("tab")))
    {
        Some(countries(cli)?)
    } else {
        None
    };
    let show = std::io::stderr().is_terminal();
    let done = AtomicUsize::new(0);
    let total = todo.len();
    let mut report = IngestReport {
        store: a.store.display().to_string(),
        files_seen: files.len(),
        files_ingested: 0,
        files_already_in_store: files.len() - todo.len(),
        leftovers_removed: leftovers,
        rows_read: 0,
        rows_accepted: 0,
        rows_rejected: 0,
        months_in_store: 0,
        unmapped_country_names: vec![],
    };
    let mut unmapped_all = std::collections::BTreeSet::new();
    let mut work = |store: &mut Store| -> Result<(), Error> {
        // Batches of files in parallel; the manifest is updated after each batch, so an
        // interrupted run keeps what it finished.
        let batch = rayon::current_num_threads().max(1) * 2;
        for chunk in todo.chunks(batch) {
            let results: Vec<Result<(Ingested, Unmapped), String>> = chunk
                .par_iter()
                .map(|(f, name, bytes)| {
                    let mut loaded: Loaded<Event> = Loaded::default();
                    let mut unmapped = Unmapped::default();
                    match &countries {
                        Some(c) if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("tab")) => {
                            entente_events::icews::read(f, c, &mut loaded, &mut unmapped)
                        }
                        _ => entente_events::gdelt::read(f, &mut loaded),
                    }
                    .map_err(|e| e.to_string())?;
                    if !loaded.check_balance() {
                        return Err(format!("{}: rows read do not balance (a bug)", f.display()));
                    }
                    store.write_parts(name, &loaded.rows)?;
                    store.write_rejects(name, &loaded.rejects)?;
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if show {
                        eprint!("\r  {n} of {total} files");
                    }
                    Ok((
                        Ingested {
                            file: name.clone(),
                            bytes: *bytes,
                            read: loaded.read,
                            accepted: loaded.rows.len() as u64,
                            rejected: loaded.rejects.len() as u64,
                        },
                        unmapped,
                    ))
                })
                .collect();
            for r in results {
                let (entry, unmapped) = r?;
                report.files_ingested += 1;
                report.rows_read += entry.read;
                report.rows_accepted += entry.accepted;
                report.rows_rejected += entry.rejected;
                unmapped_all.extend(unmapped.names.into_keys());
                store.record(entry)?;
            }
        }
        Ok(())
    };
    match a.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| e.to_string())?
            .install(|| work(&mut store))?,
        None => work(&mut store)?,
    }
    if show && total > 0 {
        eprintln!();
    }
    report.months_in_store = store.months()?.len();
    report.unmapped_country_names = unmapped_all.into_iter().collect();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        ),
        _ => {
            println!(
                "{}: {} file(s) ingested, {} already in the store; rows: {} read = {} accepted + {} rejected{}",
                report.store,
                report.files_ingested,
                report.files_already_in_store,
                report.rows_read,
                report.rows_accepted,
                report.rows_rejected,
                if report.rows_rejected > 0 {
                    " (see _rejects/ in the store)"
                } else {
                    ""
                }
            );
            println!(
                "{} month partition(s); read with e.g. DuckDB: SELECT * FROM read_parquet('{}/*/*.parquet', hive_partitioning = true)",
                report.months_in_store, report.store
            );
            if !report.unmapped_country_names.is_empty() {
                println!(
                    "note: ICEWS country names without a code (left out of dyads): {}",
                    report.unmapped_country_names.join(", ")
                );
            }
        }
    }
    Ok(())
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

fn generate_cmd(a: &GenerateArgs) -> Result<(), Error> {
    let bytes = entente_events::generate::parse_size(&a.size).ok_or_else(|| {
        format!(
            "--size {}: write 2G, 500M, 64K or a number of bytes",
            a.size
        )
    })?;
    let sample = std::fs::read(&a.from).map_err(|e| format!("{}: {e}", a.from.display()))?;
    let file = std::fs::File::create(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let rows = entente_events::generate::generate(&sample, bytes, a.seed, &mut w)?;
    std::io::Write::flush(&mut w).map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!("wrote {rows} rows to {}", a.out.display());
    Ok(())
}

/// Writes `events aggregate`'s groups as Parquet (source, target, period, quad, events,
/// goldstein_tenths).
fn write_groups_parquet(
    out: &std::path::Path,
    groups: &[(&entente_events::fast::Group, &entente_events::fast::Sums)],
) -> Result<(), Error> {
    use arrow_array::{
        ArrayRef, Int64Array, RecordBatch, StringArray, UInt8Array, UInt32Array, UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", out.display());
    let schema = Arc::new(Schema::new(vec![
        Field::new("source", DataType::Utf8, false),
        Field::new("target", DataType::Utf8, false),
        Field::new("period", DataType::UInt32, false),
        Field::new("quad", DataType::UInt8, false),
        Field::new("events", DataType::UInt64, false),
        Field::new("goldstein_tenths", DataType::Int64, false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            groups.iter().map(|(g, _)| g.source_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            groups.iter().map(|(g, _)| g.target_str()),
        )),
        Arc::new(UInt32Array::from_iter_values(
            groups.iter().map(|(g, _)| g.period),
        )),
        Arc::new(UInt8Array::from_iter_values(
            groups.iter().map(|(g, _)| g.quad),
        )),
        Arc::new(UInt64Array::from_iter_values(
            groups.iter().map(|(_, s)| s.events),
        )),
        Arc::new(Int64Array::from_iter_values(
            groups.iter().map(|(_, s)| s.goldstein_tenths),
        )),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| err(&e))?;
    let file = std::fs::File::create(out).map_err(|e| err(&e))?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut w =
        parquet::arrow::ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| err(&e))?;
    w.write(&batch).map_err(|e| err(&e))?;
    w.close().map_err(|e| err(&e))?;
    Ok(())
}

fn aggregate_cmd(a: &AggregateArgs) -> Result<(), Error> {
    use std::io::{IsTerminal, Write};
    let period = Period::parse(&a.by)
        .ok_or_else(|| format!("--by {}: use day, week, month or year", a.by))?;
    let files = entente_events::read::expand(&a.paths, &[".export.csv", ".export.csv.zip"])
        .map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no GDELT .export.CSV or .zip files in the paths given".into());
    }
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let total_bytes: u64 = sizes.iter().sum();
    let show = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let work =
        || -> Result<(entente_events::fast::Aggregate, Vec<entente_events::Reject>), Error> {
            let mut all = entente_events::fast::Aggregate::default();
            let mut rejects = Vec::new();
            let mut buffers = Vec::new();
            let mut done_before = 0u64;
            for (f, size) in files.iter().zip(&sizes) {
                let err = |e: &dyn std::fmt::Display| format!("{}: {e}", f.display());
                let file = std::fs::File::open(f).map_err(|e| err(&e))?;
                let before = done_before;
                let progress = move |n: u64| {
                    if show {
                        eprint!("\r  {:.0} MB read", (before + n) as f64 / 1e6);
                    }
                };
                let agg = if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
                    let mut z = zip::ZipArchive::new(file).map_err(|e| err(&e))?;
                    let entry = z.by_index(0).map_err(|e| err(&e))?;
                    entente_events::fast::aggregate_stream_with(
                        entry,
                        period,
                        16 << 20,
                        4,
                        &progress,
                        &mut buffers,
                    )
                } else {
                    entente_events::fast::aggregate_stream_with(
                        file,
                        period,
                        16 << 20,
                        4,
                        &progress,
                        &mut buffers,
                    )
                }
                .map_err(|e| err(&e))?;
                for (line, reason) in &agg.rejects {
                    if rejects.len() < 5 {
                        eprintln!("  {}:{line}: {reason}", f.display());
                    }
                    rejects.push(entente_events::Reject {
                        file: f.display().to_string(),
                        line: *line,
                        reason: reason.clone(),
                    });
                }
                done_before += size;
                all.merge(agg, 0);
            }
            Ok((all, rejects))
        };
    let (agg, rejects) = match a.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| e.to_string())?
            .install(work)?,
        None => work()?,
    };
    if show {
        eprintln!();
    }
    let secs = started.elapsed().as_secs_f64();
    let mut groups: Vec<_> = agg.groups.iter().collect();
    groups.sort_by(|x, y| x.0.cmp(y.0));
    let parquet = a
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    if parquet {
        write_groups_parquet(&a.out, &groups)?;
    } else {
        let file =
            std::fs::File::create(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
        let mut w = std::io::BufWriter::new(file);
        let io = |e: std::io::Error| format!("{}: {e}", a.out.display());
        writeln!(w, "source,target,period,quad,events,goldstein_tenths").map_err(io)?;
        for (g, s) in groups {
            writeln!(
                w,
                "{},{},{},{},{},{}",
                g.source_str(),
                g.target_str(),
                g.period,
                g.quad,
                s.events,
                s.goldstein_tenths
            )
            .map_err(io)?;
        }
        w.flush().map_err(io)?;
    }
    if let Some(path) = &a.rejects {
        entente_events::read::write_rejects(path, &rejects)?;
    }
    eprintln!(
        "{} rows: {} grouped, {} without both countries, {} rejected; {} groups",
        agg.rows,
        agg.rows - agg.rejected - agg.without_dyad,
        agg.without_dyad,
        agg.rejected,
        agg.groups.len()
    );
    if a.timing {
        eprintln!(
            "{:.0} MB in {secs:.3} s: {:.0} MB/s",
            total_bytes as f64 / 1e6,
            total_bytes as f64 / 1e6 / secs
        );
    }
    Ok(())
}

pub fn run(cli: &Cli, cmd: &EventsCommand, format: Format) -> Result<(), Error> {
    let a = match cmd {
        EventsCommand::Series(a) => a,
        EventsCommand::Aggregate(a) => return aggregate_cmd(a),
        EventsCommand::Generate(a) => return generate_cmd(a),
        EventsCommand::Ingest(a) => return ingest_cmd(cli, a, format),
    };
    let period = Period::parse(&a.by)
        .ok_or_else(|| format!("--by {}: use day, week, month or year", a.by))?;
    let from = a
        .from
        .as_deref()
        .map(|d| {
            date_bound(d, false)
                .ok_or_else(|| format!("--from {d}: write YYYY, YYYY-MM or YYYY-MM-DD"))
        })
        .transpose()?;
    let to =
        a.to.as_deref()
            .map(|d| {
                date_bound(d, true)
                    .ok_or_else(|| format!("--to {d}: write YYYY, YYYY-MM or YYYY-MM-DD"))
            })
            .transpose()?;
    if let Some(r) = a.root.iter().find(|r| !(1..=20).contains(*r)) {
        return Err(format!("--root {r}: CAMEO roots are 01–20"));
    }
    let mut events: Loaded<Event> = Loaded::default();
    let mut unmapped = Unmapped::default();
    let sources: Vec<String>;
    if let Some(dir) = &a.store {
        if !dir.join("_ingested.tsv").exists() {
            return Err(format!(
                "{}: not an event store (no _ingested.tsv); make one with `entente events ingest FILES --store {}`",
                dir.display(),
                dir.display()
            ));
        }
        let (store, _) = entente_events::store::Store::open(dir)?;
        events.rows = store.read_events(from.map(|d| d / 100), to.map(|d| d / 100))?;
        events.read = events.rows.len() as u64;
        sources = vec![dir.display().to_string()];
    } else {
        // In directories, the names GDELT and ICEWS distribute; files named on the command line are read as given.
        let files =
            entente_events::read::expand(&a.paths, &[".export.csv", ".export.csv.zip", ".tab"])
                .map_err(|e| e.to_string())?;
        if files.is_empty() {
            return Err("no .csv, .zip or .tab event files in the paths given".into());
        }
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
        sources = files.iter().map(|f| f.display().to_string()).collect();
    }
    let keep = |e: &Event| {
        from.is_none_or(|f| e.date >= f)
            && to.is_none_or(|t| e.date <= t)
            && (a.root.is_empty() || a.root.contains(&e.root))
            && (a.code.is_empty() || a.code.iter().any(|c| e.code.starts_with(c.as_str())))
            && (a.actor.is_empty()
                || a.actor.iter().any(|c| {
                    (!e.source_actor.is_empty() && e.source_actor.starts_with(c.as_str()))
                        || (!e.target_actor.is_empty() && e.target_actor.starts_with(c.as_str()))
                }))
    };
    let filtered: Vec<Event>;
    let rows: &[Event] = if a.from.is_some()
        || a.to.is_some()
        || !a.root.is_empty()
        || !a.code.is_empty()
        || !a.actor.is_empty()
    {
        filtered = events.rows.iter().filter(|e| keep(e)).cloned().collect();
        &filtered
    } else {
        &events.rows
    };
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
        entente_events::read::write_rejects(path, &events.rejects)?;
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
    let cells = dyad_series(rows, &spec);
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
                top_codes: top_codes(rows, s, t, a.directed),
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
        files: sources,
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
