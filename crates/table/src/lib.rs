//! Tabular I/O for entente, in one place: the bad-row policy every loader follows, CSV rows read by
//! column name, and the one Parquet writer.
//!
//! **The bad-row policy.** A loader never stops at a bad row and never drops one silently: a row
//! that cannot be read becomes a [`Reject`] (file, line, reason, the raw text), the good rows are
//! kept, and [`Loaded::check_balance`] holds — rows read = accepted + rejected. [`write_rejects`] is
//! the one rejects file (`file,line,reason,raw`) for datasets and event streams alike, so a user
//! fixes the rows and re-runs with one format to learn.
//!
//! ```
//! use entente_table::{Loaded, Reject};
//!
//! let mut l = Loaded::new("nmc.csv");
//! l.read = 2;
//! l.rows.push(1816);
//! l.rejects.push(Reject::new("nmc.csv", 3, "`year` is \"x\", not a whole number", "2,x"));
//! assert!(l.check_balance());
//! assert_eq!(l.summary(), "nmc.csv: 2 rows read, 1 accepted, 1 rejected");
//! ```

pub mod csv;
pub mod parquet;

use std::path::{Path, PathBuf};

/// A file-level problem: nothing (or nothing more) could be read or written.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: no column `{column}` (found: {}); is this the right file and version?", file.display(), found.join(", "))]
    MissingColumn {
        file: PathBuf,
        column: &'static str,
        found: Vec<String>,
    },
    #[error("{}: cannot read the header row: {reason}", path.display())]
    Header { path: PathBuf, reason: String },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write Parquet: {reason}", path.display())]
    Parquet { path: PathBuf, reason: String },
}

impl TableError {
    pub fn open(path: &Path, source: std::io::Error) -> TableError {
        TableError::Open {
            path: path.to_path_buf(),
            source,
        }
    }
    pub fn write(path: &Path, source: std::io::Error) -> TableError {
        TableError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
    pub fn parquet(path: &Path, reason: impl std::fmt::Display) -> TableError {
        TableError::Parquet {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}

/// A row that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reject {
    /// The file the row is in, as the user named it.
    pub file: String,
    /// 1-based line in the file (a header, where there is one, is line 1).
    pub line: u64,
    pub reason: String,
    /// The row as read (cut to [`RAW_LIMIT`] bytes), so the rejects file shows what to fix.
    pub raw: String,
}

/// How much of a rejected row's text is kept: enough to see the fault, never a whole blob.
pub const RAW_LIMIT: usize = 512;

impl Reject {
    pub fn new(
        file: impl Into<String>,
        line: u64,
        reason: impl Into<String>,
        raw: impl AsRef<[u8]>,
    ) -> Reject {
        Reject {
            file: file.into(),
            line,
            reason: reason.into(),
            raw: raw_text(raw.as_ref()),
        }
    }
}

/// A rejected row's bytes as text: lossy UTF-8, cut at [`RAW_LIMIT`] on a character boundary.
pub fn raw_text(raw: &[u8]) -> String {
    let cut = &raw[..raw.len().min(RAW_LIMIT)];
    let s = String::from_utf8_lossy(cut);
    if raw.len() > RAW_LIMIT {
        format!("{s}…")
    } else {
        s.into_owned()
    }
}

/// The rows of one or more files, and the ones rejected.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    /// The file read (for several, the first, or empty).
    pub file: PathBuf,
    pub rows: Vec<T>,
    pub rejects: Vec<Reject>,
    /// Data rows read (a header not counted; blank lines of line-oriented files not counted).
    pub read: u64,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded::new("")
    }
}

impl<T> Loaded<T> {
    pub fn new(file: impl Into<PathBuf>) -> Loaded<T> {
        Loaded {
            file: file.into(),
            rows: Vec::new(),
            rejects: Vec::new(),
            read: 0,
        }
    }

    /// `read = accepted + rejected`; a violation is a bug in the loader.
    pub fn check_balance(&self) -> bool {
        self.read == self.rows.len() as u64 + self.rejects.len() as u64
    }

    /// Writes the rejects with [`write_rejects`].
    pub fn write_rejects(&self, path: &Path) -> Result<(), TableError> {
        write_rejects(path, &self.rejects)
    }

    /// A one-line account: "atop5_1m.csv: 2,510 rows read, 2,510 accepted, 0 rejected".
    pub fn summary(&self) -> String {
        format!(
            "{}: {} rows read, {} accepted, {} rejected",
            self.file.display(),
            self.read,
            self.rows.len(),
            self.rejects.len()
        )
    }
}

/// The rejects as CSV (`file,line,reason,raw`, RFC 4180 quoting), for the user to fix and re-run.
pub fn rejects_csv(rejects: &[Reject]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail but for a bug in csv; the header row first.
    let _ = w.write_record(["file", "line", "reason", "raw"]);
    for r in rejects {
        let _ = w.write_record([&r.file, &r.line.to_string(), &r.reason, &r.raw]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes [`rejects_csv`] to `path` through a `.tmp` file renamed into place, so a reader never
/// sees half a file.
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<(), TableError> {
    let tmp = tmp_path(path);
    std::fs::write(&tmp, rejects_csv(rejects)).map_err(|e| TableError::write(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| TableError::write(path, e))
}

/// `path` with `.tmp` appended: where a file is written before it is renamed into place.
pub fn tmp_path(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    PathBuf::from(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_file_quotes_and_cuts() {
        let long = vec![b'x'; RAW_LIMIT + 10];
        let r = [
            Reject::new("a,b.csv", 3, "says \"no\"", b"1,\"2"),
            Reject::new("g.CSV", 9, "bad", &long[..]),
        ];
        let text = rejects_csv(&r);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("file,line,reason,raw"));
        assert_eq!(
            lines.next(),
            Some("\"a,b.csv\",3,\"says \"\"no\"\"\",\"1,\"\"2\"")
        );
        assert!(r[1].raw.ends_with('…') && r[1].raw.chars().count() == RAW_LIMIT + 1);
        // Read back by a CSV reader, every field is what was written.
        let mut rd = ::csv::Reader::from_reader(text.as_bytes());
        let back: Vec<_> = rd.records().map(|x| x.unwrap()).collect();
        assert_eq!(&back[0][2], "says \"no\"");
        assert_eq!(&back[0][3], "1,\"2");
    }
}

/// For tests that read the shared datasets beside the checkout (`../shared/data`).
pub mod testdata {
    use std::path::Path;

    /// The variable that turns a missing shared-data folder from a skip into a failure. `.ci/run`
    /// sets it, so a CI run whose data went missing fails instead of passing on skipped tests.
    pub const REQUIRE: &str = "ENTENTE_REQUIRE_DATA";

    /// Says that a test is skipped because `path` is absent — or, when [`REQUIRE`] is set, fails
    /// the test with that message.
    pub fn skip(path: &Path) {
        let required = std::env::var_os(REQUIRE).is_some_and(|v| !v.is_empty() && v != "0");
        assert!(
            !required,
            "{} is absent and {REQUIRE} is set: put the shared data beside the checkout",
            path.display()
        );
        eprintln!("skipping: {} is absent", path.display());
    }
}
