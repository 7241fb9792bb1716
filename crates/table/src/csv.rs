//! CSV reading with the bad-row policy: typed rows by column name, line-numbered rejects, and the
//! balance `read = accepted + rejected`.

use crate::{Loaded, Reject, TableError};
use std::collections::HashMap;
use std::path::Path;

/// One row with its columns by name.
pub struct Row<'a> {
    record: &'a ::csv::StringRecord,
    columns: &'a HashMap<&'static str, usize>,
}

/// Cells that mean "missing" in the COW and ATOP files.
const MISSING: [&str; 4] = ["", "-9", "NA", "."];

impl Row<'_> {
    fn cell(&self, name: &'static str) -> &str {
        self.columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
            .trim()
            .trim_matches('"')
    }

    /// A required integer.
    pub fn int(&self, name: &'static str) -> Result<i64, String> {
        let v = self.cell(name);
        parse_int(v).ok_or_else(|| format!("`{name}` is \"{v}\", not a whole number"))
    }

    /// An integer that may be missing (empty, -9, NA).
    pub fn opt_int(&self, name: &'static str) -> Result<Option<i64>, String> {
        let v = self.cell(name);
        if MISSING.contains(&v) {
            return Ok(None);
        }
        parse_int(v)
            .map(Some)
            .ok_or_else(|| format!("`{name}` is \"{v}\", not a whole number"))
    }

    /// A number that may be missing (empty, -9, NA).
    pub fn opt_num(&self, name: &'static str) -> Result<Option<f64>, String> {
        let v = self.cell(name);
        if MISSING.contains(&v) {
            return Ok(None);
        }
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(format!("`{name}` is \"{v}\", not a number")),
        }
    }

    /// A 0/1 flag (missing counts as 0, as ATOP documents).
    pub fn flag(&self, name: &'static str) -> Result<bool, String> {
        match self.opt_int(name)? {
            None | Some(0) => Ok(false),
            Some(1) => Ok(true),
            Some(v) => Err(format!("`{name}` is {v}, not 0 or 1")),
        }
    }

    pub fn text(&self, name: &'static str) -> String {
        self.cell(name).to_string()
    }
}

/// Accepts "12", "12.0" (R writes integral floats so).
fn parse_int(v: &str) -> Option<i64> {
    v.parse::<i64>().ok().or_else(|| {
        let f = v.parse::<f64>().ok()?;
        (f.fract() == 0.0 && f.abs() < 9e15).then_some(f as i64)
    })
}

/// Streams a CSV file into typed rows. `required` columns must be in the header; `parse` turns a
/// row into a value or a reason to reject it.
pub fn read<T>(
    path: &Path,
    required: &[&'static str],
    optional: &[&'static str],
    mut parse: impl FnMut(&Row<'_>) -> Result<T, String>,
) -> Result<Loaded<T>, TableError> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| TableError::open(path, std::io::Error::other(e.to_string())))?;
    let header = rdr
        .headers()
        .map_err(|e| TableError::Header {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?
        .clone();
    let found: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut columns = HashMap::new();
    for &name in required.iter().chain(optional) {
        match found.iter().position(|h| h == name) {
            Some(i) => {
                columns.insert(name, i);
            }
            None if required.contains(&name) => {
                return Err(TableError::MissingColumn {
                    file: path.to_path_buf(),
                    column: name,
                    found,
                });
            }
            None => {}
        }
    }
    let name = path.display().to_string();
    let mut loaded = Loaded::new(path);
    let mut record = ::csv::StringRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                loaded.read += 1;
                let line = record.position().map_or(line, |p| p.line());
                match parse(&Row {
                    record: &record,
                    columns: &columns,
                }) {
                    Ok(v) => loaded.rows.push(v),
                    Err(reason) => loaded.rejects.push(Reject::new(
                        name.as_str(),
                        line,
                        reason,
                        record.iter().collect::<Vec<_>>().join(","),
                    )),
                }
            }
            Err(e) => {
                // A malformed record (bad quoting, invalid UTF-8): reject it and go on.
                loaded.read += 1;
                let line = e.position().map_or(line, |p| p.line());
                loaded.rejects.push(Reject::new(
                    name.as_str(),
                    line,
                    format!("unreadable row: {e}"),
                    "",
                ));
                if matches!(e.kind(), ::csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_kept_with_line_and_reason() {
        let dir = std::env::temp_dir().join(format!("entente-table-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        std::fs::write(
            &path,
            "ccode,year,milex\n2,1816,3823\nx,1817,1\n2,1818,-9\n2,1819,abc\n",
        )
        .unwrap();
        let l = read(&path, &["ccode", "year"], &["milex"], |r| {
            Ok((r.int("ccode")?, r.int("year")?, r.opt_num("milex")?))
        })
        .unwrap();
        assert_eq!(l.read, 4);
        assert_eq!(l.rows, vec![(2, 1816, Some(3823.0)), (2, 1818, None)]);
        assert_eq!(l.rejects.len(), 2);
        assert_eq!(
            (l.rejects[0].line, l.rejects[0].reason.as_str()),
            (3, "`ccode` is \"x\", not a whole number")
        );
        assert_eq!(l.rejects[1].line, 5);
        assert!(l.check_balance());
        let rj = dir.join("rejects.csv");
        l.write_rejects(&rj).unwrap();
        assert!(
            std::fs::read_to_string(&rj)
                .unwrap()
                .starts_with("file,line,reason,raw\n")
        );
        let missing = read(&path, &["ccode", "cinc"], &[], |_| Ok(())).unwrap_err();
        assert!(missing.to_string().contains("no column `cinc`"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
