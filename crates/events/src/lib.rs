//! Event data: readers for GDELT 1.0 (57 and 58 columns) and 2.0 (61 columns) event files and ICEWS
//! `.tab` files, plain or zipped (a zip entry is streamed, never unpacked to disk), and the field's
//! aggregation: directed or undirected dyad × period counts by QuadClass, Goldstein sums and means.
//!
//! Schema choices: CAMEO codes are strings ("040" stays "040"); CAMEO actor country codes (ISO alpha-3)
//! and FIPS place codes are kept apart; Goldstein scores (one decimal) are held as integer tenths so that
//! sums are exact; the period of an event is its event date (GDELT `SQLDATE`), not the date it was
//! added. The bad-row policy is [`entente_table`]'s: every row that cannot be read is a [`Reject`] with
//! its file, line, reason and text, and `read = accepted + rejected`. CAMEO codes and QuadClasses
//! are [`entente_model`]'s types; [`gdelt::validate`] is the one GDELT row validator.
//!
//! # References
//! - Leetaru, K. & Schrodt, P. A. (2013). "GDELT: Global Data on Events, Location and Tone, 1979–2012."
//!   ISA Annual Convention. (GDELT 2.0 Event table codebook, 2015.)
//! - Boschee, E. et al. (2015). "ICEWS Coded Event Data." Harvard Dataverse.
//! - Goldstein, J. S. (1992). "A Conflict-Cooperation Scale for WEIS Events Data." *Journal of Conflict
//!   Resolution* 36(2): 369–385.
//!
//! ```
//! use entente_model::QuadClass;
//!
//! // A GDELT 2.0 row (61 tab-separated columns): Russia consults North Korea.
//! let mut f = vec![""; 61];
//! f[1] = "20240619";
//! f[7] = "RUS";
//! f[17] = "PRK";
//! f[26] = "040";
//! f[30] = "1.0";
//! let e = entente_events::gdelt::parse(f.join("\t").as_bytes()).unwrap();
//! assert_eq!((e.code.as_str(), e.quad), ("040", QuadClass::VerbalCooperation));
//! // The same validator rejects what it cannot read, with the reason.
//! f[30] = "2.85";
//! let err = entente_events::gdelt::parse(f.join("\t").as_bytes()).unwrap_err();
//! assert!(err.contains("GoldsteinScale"));
//! ```

pub mod aggregate;
pub mod fast;
pub mod gdelt;
pub mod generate;
pub mod icews;
pub mod ingest;
pub mod read;
pub mod series;
pub mod store;

pub use entente_table::{Loaded, Reject};
pub use read::ReadError;

use entente_model::{CameoCode, QuadClass};

/// One event row, whatever file it came from. CAMEO codes and QuadClasses are the model's types,
/// so an event from a file and an event in a scenario are coded the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The event's date as YYYYMMDD.
    pub date: u32,
    /// CAMEO country code of the source actor (ISO alpha-3), empty when unknown.
    pub source_country: String,
    /// CAMEO actor code of the source actor (GDELT `Actor1Code`), empty for ICEWS.
    pub source_actor: String,
    pub target_country: String,
    pub target_actor: String,
    /// The CAMEO event code.
    pub code: CameoCode,
    /// The QuadClass: GDELT's column where it gives one, else the root's.
    pub quad: QuadClass,
    /// Goldstein score (GDELT) or intensity (ICEWS) in tenths: 2.8 → 28.
    pub goldstein_tenths: i32,
    /// FIPS country code of the action's place (GDELT `ActionGeo_CountryCode`), empty for ICEWS.
    pub place_fips: String,
}

impl Event {
    /// The CAMEO root, 1–20.
    pub fn root(&self) -> u8 {
        self.code.root()
    }
}

/// Parses a one-decimal score ("2.8", "-10", "-2.5", "3.40", ".5", "+3") exactly into tenths;
/// `None` if it has more precision than tenths or is not a number. Surrounding white space is
/// ignored.
pub fn tenths(s: &str) -> Option<i32> {
    tenths_ascii(s.trim().as_bytes())
}

/// [`tenths`] on bytes, as the fast path reads them: the one score parser of every reader.
#[inline]
pub fn tenths_ascii(s: &[u8]) -> Option<i32> {
    let (neg, body) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    let (int, frac) = match body.iter().position(|&b| b == b'.') {
        Some(p) => (&body[..p], &body[p + 1..]),
        None => (body, &[][..]),
    };
    if (int.is_empty() && frac.is_empty()) || int.len() > 9 {
        return None;
    }
    let mut frac = frac;
    while let [rest @ .., b'0'] = frac {
        frac = rest;
    }
    if frac.len() > 1 || !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    let whole = int
        .iter()
        .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
    let t = whole
        .checked_mul(10)?
        .checked_add(frac.first().map_or(0, |b| i32::from(b - b'0')))?;
    Some(if neg { -t } else { t })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_are_exact() {
        assert_eq!(tenths("2.8"), Some(28));
        assert_eq!(tenths("-10"), Some(-100));
        assert_eq!(tenths("-2.5"), Some(-25));
        assert_eq!(tenths("3.40"), Some(34));
        assert_eq!(tenths(".5"), Some(5));
        assert_eq!(tenths("2.85"), None);
        assert_eq!(tenths("x"), None);
        assert_eq!(tenths(""), None);
        assert_eq!(tenths("5."), Some(50));
        assert_eq!(tenths("+3"), Some(30));
        assert_eq!(tenths(" -0.5 "), Some(-5));
        assert_eq!(tenths("-"), None);
        assert_eq!(tenths("."), None);
        assert_eq!(tenths("1.2.3"), None);
        assert_eq!(tenths("+-3"), None);
        assert_eq!(tenths("99999999999"), None);
    }
}
