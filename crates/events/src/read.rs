//! Opening event files: plain or zipped (the first entry streamed), line by line, with the bad-row
//! policy.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reject {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

/// Events read from files, and the rows that could not be.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    pub rows: Vec<T>,
    pub rejects: Vec<Reject>,
    /// Data rows read (header lines not counted).
    pub read: u64,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded {
            rows: Vec::new(),
            rejects: Vec::new(),
            read: 0,
        }
    }
}

impl<T> Loaded<T> {
    pub fn check_balance(&self) -> bool {
        self.read == self.rows.len() as u64 + self.rejects.len() as u64
    }
}

/// The rejects as CSV (`file,line,reason`, quoted), for the user to fix and re-run.
pub fn rejects_csv(rejects: &[Reject]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("file,line,reason\n");
    for r in rejects {
        out.push_str(&format!("{},{},{}\n", q(&r.file), r.line, q(&r.reason)));
    }
    out
}

/// Writes [`rejects_csv`] to `path` (through a `.tmp` file renamed into place, so a reader never
/// sees half a file).
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<(), String> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, rejects_csv(rejects)).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Debug)]
pub struct ReadError(pub PathBuf, pub String);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.display(), self.1)
    }
}

impl std::error::Error for ReadError {}

/// Calls `line` for every line of the file (a `.zip` is read through its first entry, streamed).
/// Lines are bytes: invalid UTF-8 is the caller's to reject, with the line number.
pub fn each_line(path: &Path, mut line: impl FnMut(u64, &[u8])) -> Result<(), ReadError> {
    let err = |e: &dyn fmt::Display| ReadError(path.to_path_buf(), e.to_string());
    let file = std::fs::File::open(path).map_err(|e| err(&e))?;
    let zipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut feed = |r: &mut dyn BufRead| -> Result<(), ReadError> {
        let mut buf = Vec::with_capacity(1024);
        let mut n = 0u64;
        loop {
            buf.clear();
            let got = r.read_until(b'\n', &mut buf).map_err(|e| err(&e))?;
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
                .map_err(|e| ReadError(p.clone(), e.to_string()))?
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
            return Err(ReadError(p.clone(), "no such file or directory".into()));
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
