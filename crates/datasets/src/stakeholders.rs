//! Stakeholder files for the expected-utility model: one row per actor on one issue, with a name
//! (`Actor` or `Stakeholder`), a capability (`Capability` or `Resources`), a `Position` and a
//! `Salience` — the columns of the public replications' inputs (the shared `oracles/bdm/` files).
//! Numbers are read as written (no rescaling); a row with a missing or non-numeric field, or a
//! negative capability or salience, is a reject with its line and reason.

use entente_table::{Loaded, Reject, TableError};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Stakeholder {
    pub name: String,
    pub capability: f64,
    pub position: f64,
    pub salience: f64,
}

pub fn read(path: &Path) -> Result<Loaded<Stakeholder>, TableError> {
    let file = std::fs::File::open(path).map_err(|e| TableError::open(path, e))?;
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| TableError::Header {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let col = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let (Some(name), Some(cap), Some(pos), Some(sal)) = (
        col(&["Actor", "Stakeholder", "Name"]),
        col(&["Capability", "Resources", "Clout"]),
        col(&["Position"]),
        col(&["Salience"]),
    ) else {
        return Err(TableError::Header {
            path: path.to_path_buf(),
            reason: format!(
                "it is {}; a stakeholder file needs Actor (or Stakeholder), Capability (or Resources), Position and Salience",
                header.join(",")
            ),
        });
    };
    let file_name = path.display().to_string();
    let mut out = Loaded::new(path);
    for (i, rec) in rd.records().enumerate() {
        let line = i as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                out.read += 1;
                out.rejects
                    .push(Reject::new(&file_name, line, format!("not CSV: {e}"), b""));
                continue;
            }
        };
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.read += 1;
        let raw = rec.iter().collect::<Vec<_>>().join(",");
        let num = |k: usize, what: &str| -> Result<f64, String> {
            let v = rec.get(k).unwrap_or("").trim();
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("{what} is \"{v}\", not a number"))
        };
        let parsed = (|| -> Result<Stakeholder, String> {
            let n = rec.get(name).unwrap_or("").trim().to_string();
            if n.is_empty() {
                return Err("the actor has no name".into());
            }
            let (c, p, s) = (
                num(cap, "capability")?,
                num(pos, "position")?,
                num(sal, "salience")?,
            );
            if c < 0.0 || s < 0.0 {
                return Err("capability and salience cannot be negative".into());
            }
            Ok(Stakeholder {
                name: n,
                capability: c,
                position: p,
                salience: s,
            })
        })();
        match parsed {
            Ok(s) => out.rows.push(s),
            Err(reason) => out
                .rejects
                .push(Reject::new(&file_name, line, &reason, raw.as_bytes())),
        }
    }
    Ok(out)
}
