//! GDELT event files: 1.0 (57 columns, or 58 with `SOURCEURL`) and 2.0 (61 columns), tab-separated,
//! no header. The version is told by the number of columns, row by row.
//!
//! Columns used (GDELT codebook): `SQLDATE` (1), `Actor1Code` (5), `Actor1CountryCode` (7),
//! `Actor2Code` (15), `Actor2CountryCode` (17), `EventCode` (26), `EventRootCode` (28), `QuadClass`
//! (29), `GoldsteinScale` (30), and `ActionGeo_CountryCode` (FIPS; 51 in 1.0, 53 in 2.0).
//!
//! **One validator.** [`validate`] alone decides whether a row is accepted, for the streaming
//! reader ([`parse`], [`read`]) and the whole-file fast path ([`crate::fast`]) alike, so the two can
//! never disagree on a row. It reads only fields 0–30 (located by [`scan_tabs`] in one pass), trims
//! ASCII white space from each, and checks: the column count, `SQLDATE` (YYYYMMDD, 1900–2100),
//! `EventCode` (a CAMEO code), `EventRootCode` (empty or equal to the code's root), `QuadClass`
//! (empty or 1–4), `GoldsteinScale` (one decimal, −10…10) and the two actor country codes (empty, or
//! three ASCII letters as CAMEO writes them). The other columns — URLs and place names among them —
//! decide nothing, so a stray byte in a URL never costs an event.

use crate::read::{ReadError, each_line};
use crate::{Event, Loaded, Reject};
use entente_model::{CameoCode, QuadClass};
use std::path::Path;

/// The number of tabs [`scan_tabs`] locates: fields 0–30 are the ones [`validate`] reads.
pub const USED_TABS: usize = 31;

/// Locates the first [`USED_TABS`] tabs of a line and counts all of them, 16 bytes at a time: each
/// block becomes a bit mask (a loop the compiler turns into a vector compare), whose set bits are
/// the tabs — one pass over the line, as simdjson and memchr find structural bytes, rather than a
/// search call per field. (Counting the rest of the line with memchr's AVX2 count instead was tried:
/// 572 M instructions against 563 M on 119 MB, the call overhead per line outweighing the wider
/// vectors; docs/BENCHMARKS.md.)
#[inline]
pub fn scan_tabs(line: &[u8], tabs: &mut [usize; USED_TABS]) -> usize {
    let mut n = 0usize;
    let mut base = 0usize;
    let mut blocks = line.chunks_exact(16);
    for block in &mut blocks {
        let mut m = 0u32;
        for (k, &b) in block.iter().enumerate() {
            m |= u32::from(b == b'\t') << k;
        }
        if n >= USED_TABS {
            n += m.count_ones() as usize;
        } else {
            while m != 0 {
                if n < USED_TABS {
                    tabs[n] = base + m.trailing_zeros() as usize;
                }
                n += 1;
                m &= m - 1;
            }
        }
        base += 16;
    }
    for (k, &b) in blocks.remainder().iter().enumerate() {
        if b == b'\t' {
            if n < USED_TABS {
                tabs[n] = base + k;
            }
            n += 1;
        }
    }
    n
}

/// The fields of an accepted GDELT row that decide its acceptance and its group, as slices of the
/// line (the actor codes, which decide nothing, are read with [`field`] by who needs them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// `SQLDATE`, YYYYMMDD.
    pub date: u32,
    /// `EventCode`: 2–4 ASCII digits, root 01–20.
    pub code: &'a [u8],
    pub root: u8,
    /// `QuadClass` as the row states it, or derived from the root when empty.
    pub quad: QuadClass,
    pub goldstein_tenths: i32,
    /// `Actor1CountryCode`: empty or three ASCII letters.
    pub source_country: &'a [u8],
    pub target_country: &'a [u8],
}

/// Why [`validate`] rejects a row. Small and `Copy`, so the accepting path carries no message;
/// [`Fault::message`] writes the reason, with the offending value, for the rejects file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Columns(usize),
    Date,
    Code,
    Root(u8),
    StatedRoot,
    Quad,
    Goldstein,
    /// The country column (7 or 17).
    Country(usize),
}

impl Fault {
    /// The reason a user reads, quoting the field from the line it was found on.
    pub fn message(self, line: &[u8], tabs: &[usize; USED_TABS], n_tabs: usize) -> String {
        let f = |i: usize| shown(field(line, tabs, n_tabs, i));
        match self {
            Fault::Columns(n) => format!("{n} columns; GDELT 1.0 has 57 or 58, GDELT 2.0 has 61"),
            Fault::Date => format!("SQLDATE \"{}\" is not a YYYYMMDD date", f(1)),
            Fault::Code => format!("EventCode \"{}\" is not a CAMEO code", f(26)),
            Fault::Root(r) => format!("EventCode \"{}\" has root {r:02}, outside 01–20", f(26)),
            Fault::StatedRoot => format!(
                "EventRootCode \"{}\" does not match EventCode {}",
                f(28),
                f(26)
            ),
            Fault::Quad => format!("QuadClass \"{}\" is not 1–4", f(29)),
            Fault::Goldstein => format!(
                "GoldsteinScale \"{}\" is not a one-decimal number in −10…10",
                f(30)
            ),
            Fault::Country(i) => format!(
                "{} \"{}\" is not a CAMEO country code (three letters)",
                if i == 7 {
                    "Actor1CountryCode"
                } else {
                    "Actor2CountryCode"
                },
                f(i)
            ),
        }
    }
}

#[inline]
fn parse_u32(f: &[u8]) -> Option<u32> {
    if f.is_empty() || f.len() > 9 {
        return None;
    }
    f.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

#[inline]
fn country(f: &[u8]) -> bool {
    f.is_empty() || (f.len() == 3 && f.iter().all(u8::is_ascii_alphabetic))
}

fn shown(f: &[u8]) -> String {
    String::from_utf8_lossy(f).into_owned()
}

/// Field `i` (0–30) of a line whose tabs [`scan_tabs`] located, trimmed of ASCII white space.
#[inline]
pub fn field<'a>(line: &'a [u8], tabs: &[usize; USED_TABS], n_tabs: usize, i: usize) -> &'a [u8] {
    let start = if i == 0 { 0 } else { tabs[i - 1] + 1 };
    let end = if i < n_tabs { tabs[i] } else { line.len() };
    line.get(start..end).unwrap_or_default().trim_ascii()
}

/// Decides whether a GDELT row is accepted, and reads its fields: the one validator of both paths.
/// `tabs` and `n_tabs` are what [`scan_tabs`] found on `line` (without its line ending).
#[inline]
pub fn validate<'a>(
    line: &'a [u8],
    tabs: &[usize; USED_TABS],
    n_tabs: usize,
) -> Result<Row<'a>, Fault> {
    let columns = n_tabs + 1;
    if !matches!(columns, 57 | 58 | 61) {
        return Err(Fault::Columns(columns));
    }
    let field = |i: usize| field(line, tabs, n_tabs, i);
    let date = parse_u32(field(1))
        .filter(|d| {
            let (y, m, dd) = (d / 10000, (d / 100) % 100, d % 100);
            (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&dd)
        })
        .ok_or(Fault::Date)?;
    let code = field(26);
    if !(2..=4).contains(&code.len()) || !code.iter().all(u8::is_ascii_digit) {
        return Err(Fault::Code);
    }
    let root = (code[0] - b'0') * 10 + (code[1] - b'0');
    let derived = QuadClass::of_root(root).ok_or(Fault::Root(root))?;
    let stated = field(28);
    if !stated.is_empty() && parse_u32(stated) != Some(u32::from(root)) {
        return Err(Fault::StatedRoot);
    }
    let quad = match field(29) {
        [] => derived,
        [q @ b'1'..=b'4'] => QuadClass::from_number(q - b'0').unwrap_or(derived),
        _ => return Err(Fault::Quad),
    };
    let goldstein_tenths = crate::tenths_ascii(field(30))
        .filter(|g| (-100..=100).contains(g))
        .ok_or(Fault::Goldstein)?;
    let (source_country, target_country) = (field(7), field(17));
    if !country(source_country) {
        return Err(Fault::Country(7));
    }
    if !country(target_country) {
        return Err(Fault::Country(17));
    }
    Ok(Row {
        date,
        code,
        root,
        quad,
        goldstein_tenths,
        source_country,
        target_country,
    })
}

/// The `i`th tab-separated field of a line (0-based, `i` ≥ [`USED_TABS`]), trimmed, found from
/// where [`scan_tabs`] stopped; empty past the end.
fn nth_field<'a>(line: &'a [u8], tabs: &[usize; USED_TABS], i: usize) -> &'a [u8] {
    let after = tabs[USED_TABS - 1] + 1;
    line.get(after..)
        .unwrap_or_default()
        .split(|&b| b == b'\t')
        .nth(i - USED_TABS)
        .unwrap_or_default()
        .trim_ascii()
}

/// Parses one GDELT row (without its line ending) into an [`Event`].
pub fn parse(line: &[u8]) -> Result<Event, String> {
    let mut tabs = [0usize; USED_TABS];
    let n = scan_tabs(line, &mut tabs);
    let row = validate(line, &tabs, n).map_err(|f| f.message(line, &tabs, n))?;
    let geo = if n + 1 == 61 { 53 } else { 51 };
    let text = |f: &[u8]| String::from_utf8_lossy(f).into_owned();
    Ok(Event {
        date: row.date,
        source_country: text(row.source_country),
        source_actor: text(field(line, &tabs, n, 5)),
        target_country: text(row.target_country),
        target_actor: text(field(line, &tabs, n, 15)),
        // validate checked the code's shape and root.
        code: CameoCode::from_ascii(row.code)
            .map_err(|_| format!("EventCode \"{}\" is not a CAMEO code", shown(row.code)))?,
        quad: row.quad,
        goldstein_tenths: row.goldstein_tenths,
        place_fips: text(nth_field(line, &tabs, geo)),
    })
}

/// Reads a GDELT file (plain or zipped), appending to `into`. Blank lines are not rows.
pub fn read(path: &Path, into: &mut Loaded<Event>) -> Result<(), ReadError> {
    let name = path.display().to_string();
    each_line(path, |n, line| {
        let line = match line {
            crate::read::Line::Text(t) => t,
            crate::read::Line::TooLong(head) => {
                return crate::read::reject_too_long(into, &name, n, head);
            }
        };
        if line.is_empty() {
            return;
        }
        into.read += 1;
        match parse(line) {
            Ok(e) => into.rows.push(e),
            Err(reason) => into
                .rejects
                .push(Reject::new(name.as_str(), n, reason, line)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[(usize, &str)], columns: usize) -> Vec<u8> {
        let mut f = vec![String::new(); columns];
        for (i, v) in fields {
            f[*i] = v.to_string();
        }
        f.join("\t").into_bytes()
    }

    #[test]
    fn scan_tabs_matches_a_plain_search() {
        // Lines of every length around the 16-byte blocks, tabs in every position pattern.
        let mut state = 12345u64;
        for len in 0..200 {
            for _ in 0..20 {
                let line: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                        if (state >> 33).is_multiple_of(4) {
                            b'\t'
                        } else {
                            b'x'
                        }
                    })
                    .collect();
                let want: Vec<usize> = (0..len).filter(|&i| line[i] == b'\t').collect();
                let mut tabs = [0usize; USED_TABS];
                let n = scan_tabs(&line, &mut tabs);
                assert_eq!(n, want.len());
                let k = n.min(USED_TABS);
                assert_eq!(&tabs[..k], &want[..k]);
            }
        }
    }

    #[test]
    fn one_rule_for_every_field() {
        let good = [
            (1, "20240619"),
            (5, "RUSGOV"),
            (7, "RUS"),
            (17, "PRK"),
            (26, "057"),
            (28, "05"),
            (29, "1"),
            (30, "8.0"),
            (53, "RS"),
        ];
        let e = parse(&row(&good, 61)).unwrap();
        assert_eq!(
            (e.date, e.code.as_str(), e.quad, e.goldstein_tenths),
            (20240619, "057", QuadClass::VerbalCooperation, 80)
        );
        assert_eq!(
            (e.source_actor.as_str(), e.place_fips.as_str()),
            ("RUSGOV", "RS")
        );
        // Padding is trimmed the same way on every field.
        let mut padded = good;
        padded[0] = (1, " 20240619 ");
        padded[2] = (7, "RUS ");
        assert_eq!(parse(&row(&padded, 61)).unwrap().source_country, "RUS");
        let bad = |i: usize, v: &'static str| {
            let mut f = good.to_vec();
            f.retain(|(k, _)| *k != i);
            f.push((i, v));
            parse(&row(&f, 61)).unwrap_err()
        };
        assert!(bad(1, "2024-06-19").contains("SQLDATE"));
        assert!(bad(26, "57a").contains("EventCode"));
        assert!(bad(26, "257").contains("outside 01–20"));
        assert!(bad(28, "04").contains("EventRootCode"));
        assert!(bad(29, "5").contains("QuadClass"));
        assert!(bad(30, "2.85").contains("GoldsteinScale"));
        assert!(bad(7, "RU").contains("Actor1CountryCode"));
        assert!(parse(&row(&good, 60)).unwrap_err().contains("60 columns"));
        // A non-UTF-8 byte in a column nobody reads decides nothing.
        let mut url = row(&good, 61);
        url.extend_from_slice(b"http://x/\xff");
        assert!(parse(&url).is_ok());
    }
}
