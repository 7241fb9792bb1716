//! GDELT event files: 1.0 (57 columns, or 58 with `SOURCEURL`) and 2.0 (61 columns), tab-separated,
//! no header. The version is told by the number of columns, row by row.
//!
//! Columns used (GDELT codebook): `SQLDATE` (1), `Actor1Code` (5), `Actor1CountryCode` (7),
//! `Actor2Code` (15), `Actor2CountryCode` (17), `EventCode` (26), `EventRootCode` (28), `QuadClass`
//! (29), `GoldsteinScale` (30), and `ActionGeo_CountryCode` (FIPS; 51 in 1.0, 53 in 2.0).

use crate::read::{Loaded, ReadError, Reject, each_line};
use crate::{Event, quad_class, tenths};
use std::path::Path;

fn field<'a>(fields: &[&'a [u8]], i: usize) -> &'a str {
    fields
        .get(i)
        .and_then(|f| std::str::from_utf8(f).ok())
        .unwrap_or("")
        .trim()
}

fn valid_date(d: u32) -> bool {
    let (y, m, dd) = (d / 10000, (d / 100) % 100, d % 100);
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&dd)
}

/// Parses one GDELT row.
pub fn parse(line: &[u8]) -> Result<Event, String> {
    if std::str::from_utf8(line).is_err() {
        return Err("the row is not valid UTF-8".into());
    }
    let fields: Vec<&[u8]> = memchr::memchr_iter(b'\t', line)
        .chain(std::iter::once(line.len()))
        .scan(0usize, |start, end| {
            let f = &line[*start..end];
            *start = end + 1;
            Some(f)
        })
        .collect();
    let geo = match fields.len() {
        57 | 58 => 51,
        61 => 53,
        n => {
            return Err(format!(
                "{n} columns; GDELT 1.0 has 57 or 58, GDELT 2.0 has 61"
            ));
        }
    };
    let date: u32 = field(&fields, 1)
        .parse()
        .map_err(|_| format!("SQLDATE \"{}\" is not a date", field(&fields, 1)))?;
    if !valid_date(date) {
        return Err(format!("SQLDATE {date} is not a YYYYMMDD date"));
    }
    let code = field(&fields, 26);
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("EventCode \"{code}\" is not a CAMEO code"));
    }
    let root: u8 = code[..2]
        .parse()
        .map_err(|_| format!("EventCode \"{code}\" has no root"))?;
    let stated_root = field(&fields, 28);
    if !stated_root.is_empty() && stated_root.parse::<u8>().ok() != Some(root) {
        return Err(format!(
            "EventRootCode {stated_root} does not match EventCode {code}"
        ));
    }
    let derived = quad_class(root)
        .ok_or_else(|| format!("EventCode \"{code}\" has root {root}, outside 01–20"))?;
    let quad = match field(&fields, 29) {
        "" => derived,
        q => q
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(|| format!("QuadClass \"{q}\" is not 1–4"))?,
    };
    let g = field(&fields, 30);
    let goldstein_tenths =
        tenths(g).ok_or_else(|| format!("GoldsteinScale \"{g}\" is not a one-decimal number"))?;
    if !(-100..=100).contains(&goldstein_tenths) {
        return Err(format!("GoldsteinScale {g} is outside −10 to +10"));
    }
    Ok(Event {
        date,
        source_country: field(&fields, 7).to_string(),
        source_actor: field(&fields, 5).to_string(),
        target_country: field(&fields, 17).to_string(),
        target_actor: field(&fields, 15).to_string(),
        code: code.to_string(),
        root,
        quad,
        goldstein_tenths,
        place_fips: field(&fields, geo).to_string(),
    })
}

/// Reads GDELT files (plain or zipped), appending to `into`.
pub fn read(path: &Path, into: &mut Loaded<Event>) -> Result<(), ReadError> {
    let name = path.display().to_string();
    each_line(path, |n, line| {
        if line.is_empty() {
            return;
        }
        into.read += 1;
        match parse(line) {
            Ok(e) => into.rows.push(e),
            Err(reason) => into.rejects.push(Reject {
                file: name.clone(),
                line: n,
                reason,
            }),
        }
    })
}
