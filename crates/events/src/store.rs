//! The local event store: events as Parquet in the Hive layout, one directory per source file and,
//! within it, one part per month of the events' dates, so pandas, polars, DuckDB and Spark read it
//! as is (`read_parquet('STORE/**/*.parquet', hive_partitioning = true)` gives the columns
//! `source_file` and `month` besides the events').
//!
//! ```text
//! STORE/
//!   _entente_store                     marks the folder as a store, with its layout version
//!   _lock                              held (flock) by the one ingest writing; the OS drops it on a kill
//!   source_file=NAME/                  everything one source file gave, made visible by one rename
//!     _source.tsv                      its manifest line: file, bytes, rows read, accepted, rejected
//!     _rejects.csv                     its rejected rows, when any
//!     month=YYYYMM/part.parquet        its events of that month, sorted by dyad and date
//! PARENT/.STORE.staging/               where a source's folder is built: outside every glob of STORE
//! ```
//!
//! **Readers can trust it at every instant.** A source's folder is built complete in the staging
//! folder beside the store — its parts, rejects and manifest line written and synced — and then
//! renamed into the store in one `rename(2)`, which is atomic: a reader's glob sees all of a source
//! or none of it, and the manifest lines it can read (`STORE/*/_source.tsv`) travel in the same
//! folder as the rows they count, so visible rows and committed rows are the same set by
//! construction, before, during and after an ingest and after a `kill -9` anywhere. There is no
//! store-wide manifest file to fall out of step. What a crash leaves between any two steps:
//!
//! 1. while the staging folder is written: nothing in the store changed; the next ingest deletes
//!    the staging folder;
//! 2. after a changed source's old folder is moved out to staging, before the new one is moved in:
//!    the source is absent — rows and manifest line together — so the next ingest reads it again;
//! 3. after the rename: the source is committed; the store folder is synced so it stays so.
//!
//! Ingest is incremental and idempotent: a source file already there (by name and size) is skipped,
//! so a re-run reads nothing and changes no byte; an interrupted run re-run gives the bytes an
//! uninterrupted one would (`tests/store_crash.rs` kills an ingest at each step and checks both with
//! DuckDB). Parts are sorted by (source country, target country, date) in row groups of
//! [`ROW_GROUP_ROWS`], so a query for one dyad skips most row groups by their statistics
//! ([`Store::scan`]).

use crate::{Event, Loaded, ReadError};
use arrow_array::{ArrayRef, Int32Array, RecordBatch, StringArray, UInt8Array};
use arrow_schema::{DataType, Field, Schema};
use entente_model::{CameoCode, QuadClass};
use parquet::file::statistics::Statistics;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MARKER: &str = "_entente_store";
const MARKER_TEXT: &str =
    "entente event store, layout 2: source_file=NAME/{_source.tsv, month=YYYYMM/part.parquet}\n";
const SOURCE_MANIFEST: &str = "_source.tsv";
const REJECTS: &str = "_rejects.csv";
const PART: &str = "part.parquet";
const LOCK: &str = "_lock";
const HEADER: &str = "file\tbytes\trows_read\trows_accepted\trows_rejected\n";
/// The Hive key of a source file's folder.
pub const SOURCE_KEY: &str = "source_file";
/// Rows in a part's row group: small enough that a dyad's rows fall in a few of them, large enough
/// that a scan of everything is not dominated by per-group overhead.
pub const ROW_GROUP_ROWS: usize = 8192;

/// One ingested source file, as its manifest line records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ingested {
    /// The source file's name (not its directory: GDELT and ICEWS names are unique).
    pub file: String,
    pub bytes: u64,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
}

impl Ingested {
    fn tsv(&self) -> String {
        format!(
            "{HEADER}{}\t{}\t{}\t{}\t{}\n",
            self.file, self.bytes, self.read, self.accepted, self.rejected
        )
    }

    fn parse(path: &Path, text: &str) -> Result<Ingested, ReadError> {
        let bad = || {
            ReadError::format(
                path,
                "not a store manifest (a header, then file, bytes, rows read, accepted, rejected); \
                 it was edited by hand — delete this source's folder and ingest the file again",
            )
        };
        let line = text.lines().nth(1).ok_or_else(bad)?;
        let f: Vec<&str> = line.split('\t').collect();
        let num = |k: usize| f.get(k).and_then(|v| v.parse::<u64>().ok());
        match (f.len(), num(1), num(2), num(3), num(4)) {
            (5, Some(bytes), Some(read), Some(accepted), Some(rejected)) => Ok(Ingested {
                file: f[0].to_string(),
                bytes,
                read,
                accepted,
                rejected,
            }),
            _ => Err(bad()),
        }
    }
}

/// An opened store: for writing ([`Store::open`], which holds the lock) or reading
/// ([`Store::open_read`], which neither locks nor changes anything).
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    staging: PathBuf,
    ingested: BTreeMap<String, Ingested>,
    /// The writer's lock (held while the store is open for writing); `None` for a reader.
    lock: Option<std::fs::File>,
    /// A reader's list of parts, made once (a series' scan and its day volumes both walk it).
    parts: std::sync::OnceLock<Vec<(PathBuf, u32)>>,
}

fn io(path: &Path, e: impl std::fmt::Display) -> ReadError {
    ReadError::format(path, e)
}

/// The folder name of a source file's rows: `source_file=NAME`, with `%` and `=` percent-encoded
/// as the Hive convention has it.
pub fn source_dir_name(source: &str) -> String {
    let enc = source.replace('%', "%25").replace('=', "%3D");
    format!("{SOURCE_KEY}={enc}")
}

/// Syncs a directory, so that the renames into it survive a power cut.
fn sync_dir(dir: &Path) -> Result<(), ReadError> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(dir, e))
}

/// A named step of the commit, where the crash test may stop the process: with
/// `ENTENTE_CRASH_AT=STEP` (or `STEP:N`, the Nth time any thread passes it) the process aborts
/// there, as a `kill -9` would, leaving the disk as it is. Unset, this is one atomic load.
#[doc(hidden)]
pub fn crash_point(step: &str) {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static AT: OnceLock<Option<(String, usize)>> = OnceLock::new();
    static HITS: AtomicUsize = AtomicUsize::new(0);
    let at = AT.get_or_init(|| {
        let v = std::env::var("ENTENTE_CRASH_AT").ok()?;
        let (name, n) = match v.split_once(':') {
            Some((name, n)) => (name.to_string(), n.parse().ok()?),
            None => (v, 1),
        };
        Some((name, n))
    });
    if let Some((name, n)) = at
        && name == step
        && HITS.fetch_add(1, Ordering::SeqCst) + 1 == *n
    {
        eprintln!("ENTENTE_CRASH_AT: stopping at {step}");
        std::process::abort();
    }
}

/// Which rows a [`Store::scan`] reads. Dates are YYYYMMDD, inclusive; `dyad` keeps the events
/// between the two countries in either direction.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub from: Option<u32>,
    pub to: Option<u32>,
    pub dyad: Option<(String, String)>,
}

impl Scan {
    fn keeps(&self, date: u32, source: &str, target: &str) -> bool {
        self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
            && self
                .dyad
                .as_ref()
                .is_none_or(|(a, b)| (source == a && target == b) || (source == b && target == a))
    }
}

/// What a scan read and what it skipped without reading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ScanStats {
    /// Parts (one source file's month) opened, and skipped by their month.
    pub parts_read: usize,
    pub parts_skipped: usize,
    /// Row groups decoded, and skipped by their statistics (date, source and target country).
    pub row_groups_read: usize,
    pub row_groups_skipped: usize,
    /// Rows decoded from the row groups read, and of them the rows the scan keeps.
    pub rows_decoded: u64,
    pub rows_kept: u64,
    /// Dates decoded (the `date` column alone) to count each day's volume, when asked.
    pub dates_decoded: u64,
}

impl Store {
    /// Opens (creating if needed) the store at `dir` for writing: takes its lock (one ingest at a
    /// time), and deletes what a killed ingest left in the staging folder. Returns the store and
    /// the number of leftover entries deleted.
    pub fn open(dir: &Path) -> Result<(Store, usize), ReadError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let dir = std::fs::canonicalize(dir).map_err(|e| io(dir, e))?;
        refuse_old_layout(&dir)?;
        let marker = dir.join(MARKER);
        if !marker.exists() {
            std::fs::write(&marker, MARKER_TEXT).map_err(|e| io(&marker, e))?;
        }
        let lock_path = dir.join(LOCK);
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io(&lock_path, e))?;
        lock.try_lock().map_err(|e| {
            io(
                &dir,
                format!(
                    "another `entente events ingest` is writing to this store ({e}); wait for it \
                     to finish, or ingest into another store"
                ),
            )
        })?;
        let staging = staging_dir(&dir)?;
        let mut removed = 0;
        if staging.exists() {
            removed = std::fs::read_dir(&staging)
                .map_err(|e| io(&staging, e))?
                .count();
            std::fs::remove_dir_all(&staging).map_err(|e| io(&staging, e))?;
        }
        let ingested = read_manifests(&dir)?;
        Ok((
            Store {
                dir,
                staging,
                ingested,
                lock: Some(lock),
                parts: std::sync::OnceLock::new(),
            },
            removed,
        ))
    }

    /// Opens the store at `dir` for reading: it takes no lock and changes nothing, and what it
    /// reads is what any reader sees, the committed sources.
    pub fn open_read(dir: &Path) -> Result<Store, ReadError> {
        if !Store::is_store(dir) {
            refuse_old_layout(dir)?;
            return Err(io(
                dir,
                format!(
                    "not an event store (no {MARKER}); make one with `entente events ingest FILES \
                     --store {}`",
                    dir.display()
                ),
            ));
        }
        let dir = std::fs::canonicalize(dir).map_err(|e| io(dir, e))?;
        Ok(Store {
            staging: staging_dir(&dir)?,
            ingested: read_manifests(&dir)?,
            parts: std::sync::OnceLock::new(),
            dir,
            lock: None,
        })
    }

    /// Whether `dir` holds a store of this layout.
    pub fn is_store(dir: &Path) -> bool {
        dir.join(MARKER).is_file()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this source file (by name and size) is already in the store.
    pub fn has(&self, file: &str, bytes: u64) -> bool {
        self.ingested.get(file).is_some_and(|i| i.bytes == bytes)
    }

    pub fn ingested(&self) -> impl Iterator<Item = &Ingested> {
        self.ingested.values()
    }

    /// Commits one source file: its events (one part per month), its rejects and its manifest line
    /// are built in the staging folder and renamed into the store in one step, replacing the
    /// folder of an earlier version of the file. Safe to call from several threads for different
    /// sources; [`Store::note`] records the result in this handle.
    pub fn commit(
        &self,
        source: &str,
        bytes: u64,
        loaded: &Loaded<Event>,
    ) -> Result<Ingested, ReadError> {
        if self.lock.is_none() {
            return Err(io(
                &self.dir,
                "opened for reading; open it with Store::open",
            ));
        }
        if source.contains(['\t', '\n', '\r', '/']) {
            return Err(io(
                Path::new(source),
                "a source file name with a tab, line break or slash cannot be stored; rename it",
            ));
        }
        let entry = Ingested {
            file: source.to_string(),
            bytes,
            read: loaded.read,
            accepted: loaded.rows.len() as u64,
            rejected: loaded.rejects.len() as u64,
        };
        let name = source_dir_name(source);
        std::fs::create_dir_all(&self.staging).map_err(|e| io(&self.staging, e))?;
        let staged = self.staging.join(&name);
        if staged.exists() {
            std::fs::remove_dir_all(&staged).map_err(|e| io(&staged, e))?;
        }
        std::fs::create_dir(&staged).map_err(|e| io(&staged, e))?;
        let mut by_month: BTreeMap<u32, Vec<&Event>> = BTreeMap::new();
        for e in &loaded.rows {
            by_month.entry(e.date / 100).or_default().push(e);
        }
        for (month, rows) in &mut by_month {
            // Stable: rows of one dyad and date keep the order of the source file.
            rows.sort_by(|a, b| {
                (a.source_country.as_str(), a.target_country.as_str(), a.date).cmp(&(
                    b.source_country.as_str(),
                    b.target_country.as_str(),
                    b.date,
                ))
            });
            let mdir = staged.join(format!("month={month}"));
            std::fs::create_dir(&mdir).map_err(|e| io(&mdir, e))?;
            write_parquet(&mdir.join(PART), rows)?;
            sync_dir(&mdir)?;
            crash_point("staged-part");
        }
        if !loaded.rejects.is_empty() {
            entente_table::write_rejects(&staged.join(REJECTS), &loaded.rejects)?;
            sync_file(&staged.join(REJECTS))?;
        }
        let manifest = staged.join(SOURCE_MANIFEST);
        std::fs::write(&manifest, entry.tsv()).map_err(|e| io(&manifest, e))?;
        sync_file(&manifest)?;
        sync_dir(&staged)?;
        crash_point("staged");
        let live = self.dir.join(&name);
        if live.exists() {
            // A changed file: its old folder leaves first (the source is then absent, rows and
            // manifest line together), then the new one comes in.
            let old = self.staging.join(format!("{name}.replaced"));
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
            }
            std::fs::rename(&live, &old).map_err(|e| io(&live, e))?;
            crash_point("moved-out");
            std::fs::rename(&staged, &live).map_err(|e| io(&live, e))?;
            sync_dir(&self.dir)?;
            std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
        } else {
            std::fs::rename(&staged, &live).map_err(|e| io(&live, e))?;
            sync_dir(&self.dir)?;
        }
        crash_point("committed");
        Ok(entry)
    }

    /// Records a committed source in this handle (after [`Store::commit`], on one thread).
    pub fn note(&mut self, entry: Ingested) {
        self.ingested.insert(entry.file.clone(), entry);
    }

    /// Deletes the (empty, after a successful ingest) staging folder.
    pub fn tidy(&self) -> Result<(), ReadError> {
        if self.staging.exists() {
            std::fs::remove_dir_all(&self.staging).map_err(|e| io(&self.staging, e))?;
        }
        Ok(())
    }

    /// The months present in any source's folder.
    pub fn months(&self) -> Result<Vec<u32>, ReadError> {
        let mut months = BTreeSet::new();
        for (_, part) in self.parts()? {
            months.insert(part);
        }
        Ok(months.into_iter().collect())
    }

    /// Every committed part: (its path, its month), sorted by source then month.
    fn parts(&self) -> Result<Vec<(PathBuf, u32)>, ReadError> {
        // A writer's parts change as it commits: list them afresh; a reader's do not.
        if self.lock.is_some() {
            return self.list_parts();
        }
        if let Some(p) = self.parts.get() {
            return Ok(p.clone());
        }
        let p = self.list_parts()?;
        Ok(self.parts.get_or_init(|| p).clone())
    }

    fn list_parts(&self) -> Result<Vec<(PathBuf, u32)>, ReadError> {
        let mut out = Vec::new();
        for source in self.ingested.keys() {
            let sdir = self.dir.join(source_dir_name(source));
            let rd = match std::fs::read_dir(&sdir) {
                Ok(rd) => rd,
                // Replaced by a concurrent ingest between our listing and now: not committed
                // at this instant.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(&sdir, e)),
            };
            let mut months: Vec<u32> = rd
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_prefix("month="))
                        .and_then(|m| m.parse().ok())
                })
                .collect();
            months.sort_unstable();
            out.extend(
                months
                    .into_iter()
                    .map(|m| (sdir.join(format!("month={m}")).join(PART), m)),
            );
        }
        Ok(out)
    }

    /// Reads all events (sorted by source file, month, dyad and date).
    pub fn read_events(&self) -> Result<Vec<Event>, ReadError> {
        Ok(self.scan(&Scan::default())?.0)
    }

    /// Reads the events `scan` keeps, pushing its filters down: a part whose month is outside the
    /// dates is not opened, and a row group whose statistics (min and max of date, source and
    /// target country) exclude the dates or the dyad is not decoded.
    pub fn scan(&self, scan: &Scan) -> Result<(Vec<Event>, ScanStats), ReadError> {
        let mut out = Vec::new();
        let mut stats = ScanStats::default();
        for (part, month) in self.parts()? {
            if scan.from.is_some_and(|f| month < f / 100)
                || scan.to.is_some_and(|t| month > t / 100)
            {
                stats.parts_skipped += 1;
                continue;
            }
            let file = match std::fs::File::open(&part) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(&part, e)),
            };
            stats.parts_read += 1;
            let builder =
                parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                    .map_err(|e| io(&part, e))?;
            let keep = row_groups(builder.metadata(), scan, &mut stats);
            let reader = builder
                .with_row_groups(keep)
                .build()
                .map_err(|e| io(&part, e))?;
            for batch in reader {
                let b = batch.map_err(|e| io(&part, e))?;
                stats.rows_decoded += b.num_rows() as u64;
                decode(&part, &b, scan, &mut out)?;
            }
        }
        stats.rows_kept = out.len() as u64;
        Ok((out, stats))
    }

    /// Each day's number of events between `from` and `to` (YYYYMMDD, inclusive), every dyad:
    /// the normaliser of a dyad's series, read from the `date` column alone (the other columns
    /// are not decoded) in the months and row groups the dates allow.
    pub fn day_volumes(
        &self,
        from: Option<u32>,
        to: Option<u32>,
        stats: &mut ScanStats,
    ) -> Result<BTreeMap<u32, u64>, ReadError> {
        let mut days = BTreeMap::new();
        let dates = Scan {
            from,
            to,
            dyad: None,
        };
        for (part, month) in self.parts()? {
            if from.is_some_and(|f| month < f / 100) || to.is_some_and(|t| month > t / 100) {
                continue;
            }
            let file = match std::fs::File::open(&part) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(&part, e)),
            };
            let builder =
                parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                    .map_err(|e| io(&part, e))?;
            let mut ignored = ScanStats::default();
            let keep = row_groups(builder.metadata(), &dates, &mut ignored);
            let descr = builder.metadata().file_metadata().schema_descr_ptr();
            let Some(date_col) =
                (0..descr.num_columns()).find(|&i| descr.column(i).name() == "date")
            else {
                return Err(io(&part, "no column date; not an entente store part"));
            };
            let mask = parquet::arrow::ProjectionMask::leaves(&descr, [date_col]);
            let reader = builder
                .with_row_groups(keep)
                .with_projection(mask)
                .build()
                .map_err(|e| io(&part, e))?;
            for batch in reader {
                let b = batch.map_err(|e| io(&part, e))?;
                stats.dates_decoded += b.num_rows() as u64;
                let col = b
                    .column(0)
                    .as_any()
                    .downcast_ref::<Int32Array>()
                    .ok_or_else(|| io(&part, "column date has the wrong type"))?;
                for &d in col.values() {
                    let d = d as u32;
                    if dates.keeps(d, "", "") {
                        *days.entry(d).or_insert(0) += 1;
                    }
                }
            }
        }
        Ok(days)
    }
}

fn sync_file(path: &Path) -> Result<(), ReadError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(path, e))
}

/// `PARENT/.NAME.staging`: beside the store, so on its file system (renames stay atomic) and
/// outside any glob of the store's own folder.
fn staging_dir(dir: &Path) -> Result<PathBuf, ReadError> {
    match (dir.parent(), dir.file_name()) {
        (Some(parent), Some(name)) => {
            Ok(parent.join(format!(".{}.staging", name.to_string_lossy())))
        }
        _ => Err(io(
            dir,
            "a store cannot be a file system's root: its staging folder goes beside it",
        )),
    }
}

/// An earlier entente wrote `month=YYYYMM/NAME.parquet` at the top with one `_ingested.tsv`; that
/// layout let a reader see a source's parts before the manifest listed them. It is refused, not
/// rewritten, so nothing in it is lost.
fn refuse_old_layout(dir: &Path) -> Result<(), ReadError> {
    if dir.join("_ingested.tsv").is_file() && !dir.join(MARKER).exists() {
        return Err(io(
            dir,
            "this store was written by an earlier entente (month=YYYYMM/ folders and \
             _ingested.tsv at the top), a layout readers could see half-ingested; ingest the \
             same files into a new store (--store NEW_DIR; _ingested.tsv lists them), then \
             delete this one",
        ));
    }
    Ok(())
}

/// The manifest lines of every committed source, from their folders.
fn read_manifests(dir: &Path) -> Result<BTreeMap<String, Ingested>, ReadError> {
    let mut out = BTreeMap::new();
    let prefix = format!("{SOURCE_KEY}=");
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let entry = entry.map_err(|e| io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) {
            continue;
        }
        let path = entry.path().join(SOURCE_MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Moved out by a concurrent ingest between the listing and now.
                if !entry.path().exists() {
                    continue;
                }
                return Err(io(
                    &path,
                    "missing: this source's folder was changed by hand — delete the folder and \
                     ingest the file again",
                ));
            }
            Err(e) => return Err(io(&path, e)),
        };
        let ing = Ingested::parse(&path, &text)?;
        if source_dir_name(&ing.file) != name {
            return Err(io(
                &path,
                format!(
                    "names {} but sits in {name}; the folder was renamed by hand",
                    ing.file
                ),
            ));
        }
        out.insert(ing.file.clone(), ing);
    }
    Ok(out)
}

/// The row groups of a part that `scan` may need, by their statistics.
fn row_groups(
    meta: &parquet::file::metadata::ParquetMetaData,
    scan: &Scan,
    stats: &mut ScanStats,
) -> Vec<usize> {
    let schema = meta.file_metadata().schema_descr();
    let index = |name: &str| (0..schema.num_columns()).find(|&i| schema.column(i).name() == name);
    let (date, source, target) = (
        index("date"),
        index("source_country"),
        index("target_country"),
    );
    let mut keep = Vec::new();
    for (i, rg) in meta.row_groups().iter().enumerate() {
        let stat = |c: Option<usize>| c.and_then(|c| rg.column(c).statistics());
        let dates_fit = match stat(date) {
            Some(Statistics::Int32(s)) => match (s.min_opt(), s.max_opt()) {
                (Some(&lo), Some(&hi)) => {
                    scan.from.is_none_or(|f| hi as i64 >= f as i64)
                        && scan.to.is_none_or(|t| lo as i64 <= t as i64)
                }
                _ => true,
            },
            _ => true,
        };
        let within = |s: Option<&Statistics>, v: &str| match s {
            Some(st) => match (st.min_bytes_opt(), st.max_bytes_opt()) {
                (Some(lo), Some(hi)) => lo <= v.as_bytes() && v.as_bytes() <= hi,
                // All null: no row of the dyad.
                (None, None) if st.null_count_opt() == Some(rg.num_rows() as u64) => false,
                _ => true,
            },
            None => true,
        };
        let dyad_fits = scan.dyad.as_ref().is_none_or(|(a, b)| {
            let (s, t) = (stat(source), stat(target));
            (within(s, a) && within(t, b)) || (within(s, b) && within(t, a))
        });
        if dates_fit && dyad_fits {
            keep.push(i);
            stats.row_groups_read += 1;
        } else {
            stats.row_groups_skipped += 1;
        }
    }
    keep
}

/// Appends the rows of `b` that `scan` keeps.
fn decode(
    part: &Path,
    b: &RecordBatch,
    scan: &Scan,
    out: &mut Vec<Event>,
) -> Result<(), ReadError> {
    use arrow_array::Array;
    let col = |name: &str| {
        b.column_by_name(name)
            .ok_or_else(|| io(part, format!("no column {name}; not an entente store part")))
    };
    let wrong = |name: &str| io(part, format!("column {name} has the wrong type"));
    let int = |name: &str| -> Result<Int32Array, ReadError> {
        col(name)?
            .as_any()
            .downcast_ref::<Int32Array>()
            .cloned()
            .ok_or_else(|| wrong(name))
    };
    let small = |name: &str| -> Result<UInt8Array, ReadError> {
        col(name)?
            .as_any()
            .downcast_ref::<UInt8Array>()
            .cloned()
            .ok_or_else(|| wrong(name))
    };
    let text = |name: &str| -> Result<StringArray, ReadError> {
        col(name)?
            .as_any()
            .downcast_ref::<StringArray>()
            .cloned()
            .ok_or_else(|| wrong(name))
    };
    let (date, code, quad, g) = (
        int("date")?,
        text("event_code")?,
        small("quad_class")?,
        int("goldstein_tenths")?,
    );
    let (sc, sa, tc, ta, place) = (
        text("source_country")?,
        text("source_actor")?,
        text("target_country")?,
        text("target_actor")?,
        text("place_fips")?,
    );
    fn get(a: &StringArray, i: usize) -> &str {
        if a.is_null(i) { "" } else { a.value(i) }
    }
    for i in 0..b.num_rows() {
        let d = date.value(i) as u32;
        if !scan.keeps(d, get(&sc, i), get(&tc, i)) {
            continue;
        }
        let bad = |what: &str| io(part, format!("row {i}: {what}"));
        out.push(Event {
            date: d,
            source_country: get(&sc, i).to_string(),
            source_actor: get(&sa, i).to_string(),
            target_country: get(&tc, i).to_string(),
            target_actor: get(&ta, i).to_string(),
            code: CameoCode::new(code.value(i)).map_err(|e| bad(&e.to_string()))?,
            quad: QuadClass::from_number(quad.value(i))
                .ok_or_else(|| bad("quad_class is not 1–4"))?,
            goldstein_tenths: g.value(i),
            place_fips: get(&place, i).to_string(),
        });
    }
    Ok(())
}

/// The store's columns. `date` is the event date as YYYYMMDD (GDELT's `SQLDATE`); CAMEO codes are
/// strings; Goldstein (or ICEWS intensity) is kept exact, in integer tenths. Empty codes are null.
pub fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("date", DataType::Int32, false),
        Field::new("source_country", DataType::Utf8, true),
        Field::new("source_actor", DataType::Utf8, true),
        Field::new("target_country", DataType::Utf8, true),
        Field::new("target_actor", DataType::Utf8, true),
        Field::new("event_code", DataType::Utf8, false),
        Field::new("event_root", DataType::UInt8, false),
        Field::new("quad_class", DataType::UInt8, false),
        Field::new("goldstein_tenths", DataType::Int32, false),
        Field::new("place_fips", DataType::Utf8, true),
    ]))
}

/// Events as one Arrow record batch of the store's [`schema`] (empty codes as nulls): what a part
/// holds, and what the Python bindings hand over from a scan.
pub fn events_batch<'a>(
    rows: impl ExactSizeIterator<Item = &'a Event> + Clone,
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let opt = |f: fn(&Event) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter(rows.clone().map(|e| {
            let s = f(e);
            (!s.is_empty()).then_some(s)
        })))
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from_iter_values(
            rows.clone().map(|e| e.date as i32),
        )),
        opt(|e| &e.source_country),
        opt(|e| &e.source_actor),
        opt(|e| &e.target_country),
        opt(|e| &e.target_actor),
        Arc::new(StringArray::from_iter_values(
            rows.clone().map(|e| e.code.as_str()),
        )),
        Arc::new(UInt8Array::from_iter_values(rows.clone().map(|e| e.root()))),
        Arc::new(UInt8Array::from_iter_values(
            rows.clone().map(|e| e.quad.number()),
        )),
        Arc::new(Int32Array::from_iter_values(
            rows.clone().map(|e| e.goldstein_tenths),
        )),
        opt(|e| &e.place_fips),
    ];
    RecordBatch::try_new(schema(), columns)
}

/// Writes a part (through `PATH.tmp`, synced, renamed) in row groups of [`ROW_GROUP_ROWS`].
fn write_parquet(path: &Path, rows: &[&Event]) -> Result<u64, ReadError> {
    let batch = events_batch(rows.iter().copied()).map_err(|e| io(path, e))?;
    let mut w = entente_table::parquet::Writer::create_with(path, schema(), Some(ROW_GROUP_ROWS))?;
    w.write(&batch)?;
    Ok(w.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: u32, s: &str, t: &str) -> Event {
        Event {
            date,
            source_country: s.into(),
            source_actor: format!("{s}GOV"),
            target_country: t.into(),
            target_actor: String::new(),
            code: CameoCode::new("040").unwrap(),
            quad: QuadClass::VerbalCooperation,
            goldstein_tenths: 34,
            place_fips: "RS".into(),
        }
    }

    fn loaded(rows: Vec<Event>) -> Loaded<Event> {
        let mut l = Loaded::new("x");
        l.read = rows.len() as u64;
        l.rows = rows;
        l
    }

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("entente-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn one_folder_per_source_committed_by_rename() {
        let dir = tmp("commit");
        let (mut store, removed) = Store::open(&dir).unwrap();
        assert_eq!(removed, 0);
        let rows = vec![
            ev(20240619, "RUS", "PRK"),
            ev(20240701, "RUS", "PRK"),
            ev(20240702, "CHN", "USA"),
        ];
        let entry = store.commit("a.CSV", 10, &loaded(rows.clone())).unwrap();
        store.note(entry);
        assert!(
            dir.join("source_file=a.CSV/month=202407/part.parquet")
                .exists()
        );
        assert!(dir.join("source_file=a.CSV/_source.tsv").exists());
        assert_eq!(store.months().unwrap(), vec![202406, 202407]);
        // A second writer is refused while the first holds the lock.
        let err = Store::open(&dir).unwrap_err();
        assert!(err.to_string().contains("another"), "{err}");
        // What a kill would leave: a half-built source in the staging folder beside the store.
        let staging = staging_dir(&std::fs::canonicalize(&dir).unwrap()).unwrap();
        std::fs::create_dir_all(staging.join("source_file=b.CSV/month=202407")).unwrap();
        drop(store);
        let (store, removed) = Store::open(&dir).unwrap();
        assert_eq!(removed, 1);
        assert!(!staging.exists());
        assert!(store.has("a.CSV", 10) && !store.has("a.CSV", 11) && !store.has("b.CSV", 6));
        // Within a month, parts are sorted by dyad, then date.
        let back = store.read_events().unwrap();
        assert_eq!(
            back,
            vec![rows[0].clone(), rows[2].clone(), rows[1].clone()]
        );
        // A reader sees the same, and takes no lock.
        let reader = Store::open_read(&dir).unwrap();
        assert_eq!(reader.read_events().unwrap(), back);
        assert!(reader.commit("c.CSV", 1, &loaded(vec![])).is_err());
        // A changed file replaces its folder whole: fewer months now.
        let entry = store
            .commit("a.CSV", 11, &loaded(vec![ev(20240801, "RUS", "PRK")]))
            .unwrap();
        assert_eq!(entry.accepted, 1);
        assert!(!dir.join("source_file=a.CSV/month=202407").exists());
        // A hand-broken manifest line is an error naming its file.
        std::fs::write(
            dir.join("source_file=a.CSV/_source.tsv"),
            format!("{HEADER}a.CSV\tten\n"),
        )
        .unwrap();
        let err = Store::open_read(&dir).unwrap_err();
        assert!(err.to_string().contains("_source.tsv"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn scans_skip_months_and_row_groups_the_query_excludes() {
        let dir = tmp("scan");
        let (store, _) = Store::open(&dir).unwrap();
        // Three dyads, 3 × ROW_GROUP_ROWS rows in one month: sorted, each dyad fills its own row
        // groups; and one row in another month.
        let mut rows = Vec::new();
        for i in 0..ROW_GROUP_ROWS * 3 {
            let (s, t) = [("CHN", "USA"), ("RUS", "PRK"), ("USA", "CHN")][i % 3];
            rows.push(ev(20240601 + (i % 28) as u32, s, t));
        }
        rows.push(ev(20240715, "RUS", "PRK"));
        let mut store = store;
        let e = store.commit("big.CSV", 1, &loaded(rows.clone())).unwrap();
        store.note(e);
        let all = store.scan(&Scan::default()).unwrap();
        assert_eq!(all.1.rows_kept, rows.len() as u64);
        assert_eq!((all.1.parts_read, all.1.row_groups_read), (2, 4));
        let dyad = Scan {
            dyad: Some(("PRK".into(), "RUS".into())),
            ..Scan::default()
        };
        let (got, st) = store.scan(&dyad).unwrap();
        let want = rows.iter().filter(|e| e.source_country == "RUS").count();
        assert_eq!(got.len(), want);
        assert!(got.iter().all(|e| e.target_country == "PRK"));
        assert!(st.row_groups_skipped >= 2, "{st:?}");
        assert!(st.rows_decoded < rows.len() as u64, "{st:?}");
        let june = Scan {
            from: Some(20240601),
            to: Some(20240630),
            ..dyad
        };
        let (got, st) = store.scan(&june).unwrap();
        assert_eq!((got.len(), st.parts_skipped), (want - 1, 1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
