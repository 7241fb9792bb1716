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

/// One line of an event file, or a line too long to keep.
pub enum Line<'a> {
    Text(&'a [u8]),
    /// Longer than [`crate::fast::MAX_LINE`]: only its first 256 bytes were kept, the rest skipped.
    TooLong(&'a [u8]),
}

/// The reject reason for a [`Line::TooLong`].
pub fn too_long_reason() -> String {
    format!(
        "the line is longer than {} bytes; skipped",
        crate::fast::MAX_LINE
    )
}

/// Counts a [`Line::TooLong`] as a row read and rejected (line `n` of `file`, its first bytes kept).
pub fn reject_too_long(into: &mut crate::Loaded<crate::Event>, file: &str, n: u64, head: &[u8]) {
    into.read += 1;
    into.rejects
        .push(crate::Reject::new(file, n, too_long_reason(), head));
}

/// Calls `line` for every line of the file (a `.zip` is read through its first entry, streamed).
/// Lines are bytes: invalid UTF-8 is the caller's to reject, with the line number. A line longer
/// than [`crate::fast::MAX_LINE`] is not buffered: the caller gets [`Line::TooLong`] with its first
/// bytes, so memory is bounded whatever the file holds.
pub fn each_line(path: &Path, mut line: impl FnMut(u64, Line<'_>)) -> Result<(), ReadError> {
    let err = |e: &dyn fmt::Display| ReadError::format(path, e);
    let file = std::fs::File::open(path).map_err(|e| ReadError::io(path, e))?;
    let zipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut feed = |r: &mut dyn BufRead| -> Result<(), ReadError> {
        let max = crate::fast::MAX_LINE;
        let mut buf = Vec::with_capacity(1024);
        let mut n = 0u64;
        loop {
            buf.clear();
            let (mut any, mut too_long) = (false, false);
            loop {
                let avail = r.fill_buf().map_err(|e| ReadError::io(path, e))?;
                if avail.is_empty() {
                    break;
                }
                any = true;
                let (take, end) = match memchr::memchr(b'\n', avail) {
                    Some(p) => (p + 1, true),
                    None => (avail.len(), false),
                };
                if !too_long {
                    if buf.len() + take > max {
                        too_long = true;
                        let keep = 256usize.saturating_sub(buf.len()).min(take);
                        buf.extend_from_slice(&avail[..keep]);
                        buf.truncate(256);
                    } else {
                        buf.extend_from_slice(&avail[..take]);
                    }
                }
                r.consume(take);
                if end {
                    break;
                }
            }
            if !any {
                break;
            }
            n += 1;
            if too_long {
                line(n, Line::TooLong(&buf));
                continue;
            }
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            line(n, Line::Text(&buf));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A line over the limit comes back as `TooLong` with its first 256 bytes, numbered, and the
    /// lines after it are read as usual.
    #[test]
    fn an_over_long_line_is_cut_not_buffered() {
        let dir = std::env::temp_dir().join(format!("entente-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.tsv");
        let mut text = b"a\r\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 3 * crate::fast::MAX_LINE));
        text.extend(b"\nb\n");
        std::fs::write(&path, &text).unwrap();
        let mut seen = Vec::new();
        each_line(&path, |n, l| {
            seen.push(match l {
                Line::Text(t) => (n, String::from_utf8_lossy(t).into_owned()),
                Line::TooLong(head) => (n, format!("too long, {} kept", head.len())),
            })
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![
                (1, "a".to_string()),
                (2, "too long, 256 kept".to_string()),
                (3, "b".to_string())
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
