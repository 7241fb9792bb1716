//! Opening event files: plain or zipped (the first entry streamed), line by line, with the bad-row
//! policy of [`entente_table`].

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Why event files could not be read or written: the path, and what went wrong there.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not what it should be (no such file, an empty zip, a missing column, a broken
    /// store manifest line).
    #[error("{}: {reason}", path.display())]
    Format { path: PathBuf, reason: String },
    #[error(transparent)]
    Table(#[from] entente_table::TableError),
}

impl ReadError {
    pub fn io(path: &Path, source: std::io::Error) -> ReadError {
        ReadError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
    pub fn format(path: &Path, reason: impl fmt::Display) -> ReadError {
        ReadError::Format {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}

/// Calls `line` for every line of the file (a `.zip` is read through its first entry, streamed).
/// Lines are bytes: invalid UTF-8 is the caller's to reject, with the line number.
pub fn each_line(path: &Path, mut line: impl FnMut(u64, &[u8])) -> Result<(), ReadError> {
    let err = |e: &dyn fmt::Display| ReadError::format(path, e);
    let file = std::fs::File::open(path).map_err(|e| ReadError::io(path, e))?;
    let zipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut feed = |r: &mut dyn BufRead| -> Result<(), ReadError> {
        let mut buf = Vec::with_capacity(1024);
        let mut n = 0u64;
        loop {
            buf.clear();
            let got = r
                .read_until(b'\n', &mut buf)
                .map_err(|e| ReadError::io(path, e))?;
            if got == 0 {
                break;
            }
            n += 1;
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            line(n, &buf);
        }
        Ok(())
    };
    if zipped {
        let mut archive = zip::ZipArchive::new(file).map_err(|e| err(&e))?;
        if archive.is_empty() {
            return Err(err(&"the zip archive is empty"));
        }
        let entry = archive.by_index(0).map_err(|e| err(&e))?;
        let mut r = BufReader::with_capacity(1 << 20, entry);
        feed(&mut r)
    } else {
        let mut r = BufReader::with_capacity(1 << 20, file);
        feed(&mut r)
    }
}

/// Every file under the paths given: files as they are, directories walked for `suffixes`.
pub fn expand(paths: &[PathBuf], suffixes: &[&str]) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| ReadError::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let name = f
                        .file_name()
                        .map(|n| n.to_string_lossy().to_lowercase())
                        .unwrap_or_default();
                    suffixes.iter().any(|s| name.ends_with(s))
                })
                .collect();
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(ReadError::format(p, "no such file or directory"));
        }
    }
    Ok(out)
}

/// Reads everything from a reader, for tests.
pub fn read_all(mut r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    r.read_to_end(&mut v)?;
    Ok(v)
}
