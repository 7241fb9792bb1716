//! `entente events ingest`, `aggregate` and `generate`: whole files at a time, in parallel — the
//! event store, the every-dyad aggregate, generated files for scale tests. The work is
//! `entente_events`'; this module parses the words and prints what was done.

use crate::common::{Error, Globals, json};
use crate::output::Format;
use entente_events::aggregate::Period;
use entente_events::icews::Countries;
use entente_events::ingest::EVENT_SUFFIXES;
use std::io::IsTerminal;
use std::path::PathBuf;

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
    /// day, week, month, quarter or year.
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

pub fn countries(cli: &Globals) -> Result<Countries, Error> {
    let dir = cli.data.as_ref().ok_or(
        "ICEWS files name countries in words: give --data DIR with the country-code crosswalk",
    )?;
    let path = entente_datasets::dir::DataDir::new(dir)
        .find("crosswalk")
        .map_err(|e| e.to_string())?;
    let l = entente_datasets::crosswalk::read(&path).map_err(|e| e.to_string())?;
    Ok(Countries::new(l.rows.iter().filter_map(|r| {
        Some((r.name.as_str(), r.iso3.as_deref()?))
    })))
}

/// Runs `work` on a pool of `threads` threads, or on the global pool.
fn on_threads<T>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, Error>
where
    T: Send,
{
    match threads {
        Some(n) => Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| e.to_string())?
            .install(work)),
        None => Ok(work()),
    }
}

pub fn ingest_cmd(cli: &Globals, a: &IngestArgs, format: Format) -> Result<(), Error> {
    let files =
        entente_events::read::expand(&a.paths, &EVENT_SUFFIXES).map_err(|e| e.to_string())?;
    let countries = if entente_events::ingest::needs_countries(&files) {
        Some(countries(cli)?)
    } else {
        None
    };
    let show = std::io::stderr().is_terminal();
    let progress = |n: usize, total: usize| {
        if show {
            eprint!("\r  {n} of {total} files");
        }
    };
    let report = on_threads(a.threads, || {
        entente_events::ingest::ingest(&a.store, &files, countries.as_ref(), &progress)
    })?
    .map_err(|e| e.to_string())?;
    if show && report.files_ingested > 0 {
        eprintln!();
    }
    if report.leftovers_removed > 0 {
        eprintln!(
            "note: removed {} file(s) an interrupted ingest left in {}",
            report.leftovers_removed,
            a.store.display()
        );
    }
    if report.rows_read > 0 && report.rows_accepted == 0 {
        return Err(format!(
            "every one of the {} rows read was rejected, so no event was added to {} (the rejects are in its source_file=NAME/_rejects.csv); are these GDELT or ICEWS event files?",
            report.rows_read, report.store
        ));
    }
    if format == Format::Json {
        return json(&report);
    }
    println!(
        "{}: {} file(s) ingested, {} already in the store; rows: {} read = {} accepted + {} rejected{}",
        report.store,
        report.files_ingested,
        report.files_already_in_store,
        report.rows_read,
        report.rows_accepted,
        report.rows_rejected,
        if report.rows_rejected > 0 {
            " (see source_file=NAME/_rejects.csv in the store)"
        } else {
            ""
        }
    );
    println!(
        "{} month(s); read with e.g. DuckDB: SELECT * FROM read_parquet('{}/**/*.parquet', hive_partitioning = true); the manifest: read_csv('{}/*/_source.tsv')",
        report.months_in_store, report.store, report.store
    );
    if !report.unmapped_country_names.is_empty() {
        println!(
            "note: ICEWS country names without a code (left out of dyads): {}",
            report.unmapped_country_names.join(", ")
        );
    }
    Ok(())
}

pub fn generate_cmd(a: &GenerateArgs) -> Result<(), Error> {
    let bytes = entente_events::generate::parse_size(&a.size).ok_or_else(|| {
        format!(
            "--size {}: write 2G, 500M, 64K or a number of bytes",
            a.size
        )
    })?;
    let sample = std::fs::read(&a.from).map_err(|e| format!("{}: {e}", a.from.display()))?;
    let file = std::fs::File::create(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let rows = entente_events::generate::generate(&sample, bytes, a.seed, &mut w)
        .map_err(|e| format!("{}: {e}", a.out.display()))?;
    std::io::Write::flush(&mut w).map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!("wrote {rows} rows to {}", a.out.display());
    Ok(())
}

pub fn aggregate_cmd(a: &AggregateArgs) -> Result<(), Error> {
    let period = Period::parse(&a.by)
        .ok_or_else(|| format!("--by {}: use day, week, month, quarter or year", a.by))?;
    let files = entente_events::read::expand(&a.paths, &entente_events::fast::GDELT_SUFFIXES)
        .map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no GDELT .export.CSV or .zip files in the paths given".into());
    }
    if let Some(f) = files
        .iter()
        .find(|f| entente_events::icews::looks_like_icews(f))
    {
        return Err(format!(
            "{} is an ICEWS file; `events aggregate` reads GDELT's 58- and 61-column exports. Read ICEWS with `entente --data DIR events series FILE …` or `entente --data DIR events ingest FILE --store DIR`",
            f.display()
        ));
    }
    let total_bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let show = std::io::stderr().is_terminal();
    let progress = |n: u64| {
        if show {
            eprint!("\r  {:.0} MB read", n as f64 / 1e6);
        }
    };
    let started = std::time::Instant::now();
    let agg = on_threads(a.threads, || {
        entente_events::fast::aggregate_files(&files, period, &progress)
    })?
    .map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    if show {
        eprintln!();
    }
    for r in agg.rejects.iter().take(5) {
        eprintln!("  {}:{}: {}", r.file, r.line, r.reason);
    }
    if let Some(path) = &a.rejects {
        entente_table::write_rejects(path, &agg.rejects).map_err(|e| e.to_string())?;
    }
    if agg.rows > 0 && agg.rejected == agg.rows {
        return Err(format!(
            "every one of the {} rows was rejected ({}), so nothing was aggregated and {} was not written; are these GDELT export files?",
            agg.rows,
            agg.rejects.first().map_or_else(String::new, |r| format!(
                "{}:{}: {}",
                r.file, r.line, r.reason
            )),
            a.out.display()
        ));
    }
    agg.write(&a.out).map_err(|e| e.to_string())?;
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
