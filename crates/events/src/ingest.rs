//! Reading event files of either kind, and ingesting them into the [`Store`]: which files are
//! new (by name and size against the manifests), batches of files read in parallel, each file
//! committed on its own ([`Store::commit`]) so an interrupted run keeps what it finished.

use crate::icews::{Countries, Unmapped};
use crate::store::{Ingested, Store};
use crate::{Event, Loaded, ReadError};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The suffixes of the event files entente reads from a directory: GDELT exports (plain or zipped)
/// and ICEWS `.tab` files.
pub const EVENT_SUFFIXES: [&str; 3] = [".export.csv", ".export.csv.zip", ".tab"];

fn is_icews(f: &Path) -> bool {
    f.extension().is_some_and(|e| e.eq_ignore_ascii_case("tab"))
}

/// Why files could not be ingested or read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("no .csv, .zip or .tab event files in the paths given")]
    NoFiles,
    #[error(
        "{} and {} have the same name; the store names parts after their source file, so ingest them into different stores or rename one",
        .0.display(), .1.display()
    )]
    SameName(PathBuf, PathBuf),
    #[error("ICEWS files name countries in words: give --data DIR with the country-code crosswalk")]
    NoCountries,
    #[error("{}: rows read do not balance (a bug; please report it)", .0.display())]
    Unbalanced(PathBuf),
}

/// Reads one event file of either kind into `into` (`countries` is needed for ICEWS files).
pub fn read_file(
    f: &Path,
    countries: Option<&Countries>,
    into: &mut Loaded<Event>,
    unmapped: &mut Unmapped,
) -> Result<(), IngestError> {
    if is_icews(f) {
        let c = countries.ok_or(IngestError::NoCountries)?;
        crate::icews::read(f, c, into, unmapped)?;
    } else {
        crate::gdelt::read(f, into)?;
    }
    Ok(())
}

/// Whether any of `files` needs the country-name crosswalk (ICEWS).
pub fn needs_countries(files: &[PathBuf]) -> bool {
    files.iter().any(|f| is_icews(f))
}

/// What an ingest did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IngestReport {
    pub store: String,
    pub files_seen: usize,
    pub files_ingested: usize,
    pub files_already_in_store: usize,
    pub leftovers_removed: usize,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    pub months_in_store: usize,
    pub unmapped_country_names: Vec<String>,
}

/// Ingests `files` into the store at `dir` on the current rayon pool; `countries` for ICEWS files,
/// `progress(done, total)` after each file.
pub fn ingest(
    dir: &Path,
    files: &[PathBuf],
    countries: Option<&Countries>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport, IngestError> {
    if files.is_empty() {
        return Err(IngestError::NoFiles);
    }
    let (mut store, leftovers) = Store::open(dir)?;
    // Which files are new: by name and size against the manifest. Two files with one name would
    // overwrite each other's parts, so that is an error.
    let mut names = std::collections::BTreeMap::new();
    let mut todo = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| ReadError::format(f, "not a file name"))?;
        if let Some(other) = names.insert(name.clone(), f.clone()) {
            return Err(IngestError::SameName(other, f.clone()));
        }
        let bytes = std::fs::metadata(f).map_err(|e| ReadError::io(f, e))?.len();
        if !store.has(&name, bytes) {
            todo.push((f.clone(), name, bytes));
        }
    }
    if countries.is_none() && todo.iter().any(|(f, _, _)| is_icews(f)) {
        return Err(IngestError::NoCountries);
    }
    let mut report = IngestReport {
        store: dir.display().to_string(),
        files_seen: files.len(),
        files_already_in_store: files.len() - todo.len(),
        leftovers_removed: leftovers,
        ..IngestReport::default()
    };
    let done = AtomicUsize::new(0);
    let total = todo.len();
    let mut unmapped_all = std::collections::BTreeSet::new();
    let batch = rayon::current_num_threads().max(1) * 2;
    for chunk in todo.chunks(batch) {
        // Each file commits itself (one rename makes all of it visible); a failure in one leaves
        // the others of the batch committed and is reported after them.
        let results: Vec<Result<(Ingested, Unmapped), IngestError>> = chunk
            .par_iter()
            .map(|(f, name, bytes)| {
                let mut loaded: Loaded<Event> = Loaded::new(f);
                let mut unmapped = Unmapped::default();
                read_file(f, countries, &mut loaded, &mut unmapped)?;
                if !loaded.check_balance() {
                    return Err(IngestError::Unbalanced(f.clone()));
                }
                let entry = store.commit(name, *bytes, &loaded)?;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                Ok((entry, unmapped))
            })
            .collect();
        let mut first_error = None;
        for r in results {
            match r {
                Ok((entry, unmapped)) => {
                    report.files_ingested += 1;
                    report.rows_read += entry.read;
                    report.rows_accepted += entry.accepted;
                    report.rows_rejected += entry.rejected;
                    unmapped_all.extend(unmapped.names.into_keys());
                    store.note(entry);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
    }
    store.tidy()?;
    report.months_in_store = store.months()?.len();
    report.unmapped_country_names = unmapped_all.into_iter().collect();
    Ok(report)
}
