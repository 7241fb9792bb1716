//! Dates at the precision they are known: a year, a month or a day, with an optional qualifier
//! ("by February 2025", "about October 2024") or as an interval ("2027/2028").
//!
//! Analysts write dates the way sources give them. Forcing "In October 2024" into a day would invent
//! precision; dropping it to a year would lose information. [`PartialDate`] keeps what was written
//! and still orders sensibly (see [`PartialDate::sort_key`]).
//!
//! Written form: `[QUALIFIER ]POINT[/POINT]`, POINT being `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, QUALIFIER
//! one of `about` (also `approximately`, `circa`), `by`, `before`, `after`, `early`, `mid`, `late`.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A calendar point known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePoint {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// What a qualifier says about the written point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// Approximately at the point ("approximately", "circa" are read as this).
    About,
    /// At or before the end of the point ("by February 2025").
    By,
    /// Strictly before the point begins.
    Before,
    /// Strictly after the point ends.
    After,
    /// The first third of the point (a year or a month).
    Early,
    /// The middle third.
    Mid,
    /// The last third.
    Late,
}

impl Qualifier {
    fn word(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::By => "by",
            Qualifier::Before => "before",
            Qualifier::After => "after",
            Qualifier::Early => "early",
            Qualifier::Mid => "mid",
            Qualifier::Late => "late",
        }
    }

    fn parse(word: &str) -> Option<Qualifier> {
        Some(match word.to_ascii_lowercase().as_str() {
            "about" | "approximately" | "approx." | "circa" | "c." | "ca." => Qualifier::About,
            "by" => Qualifier::By,
            "before" => Qualifier::Before,
            "after" => Qualifier::After,
            "early" => Qualifier::Early,
            "mid" => Qualifier::Mid,
            "late" => Qualifier::Late,
            _ => return None,
        })
    }
}

/// A date as a source gives it. See the module documentation for the written form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub qualifier: Option<Qualifier>,
    pub start: DatePoint,
    /// The end of an interval (`2027/2028`); `None` for a single point.
    pub end: Option<DatePoint>,
}

/// Why a date could not be read, with a hint a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub hint: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for DateError {}

const DATE_HINT: &str = "write a date as \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", optionally after one of \
     about, by, before, after, early, mid, late, or as an interval \"YYYY-MM/YYYY-MM\"";

fn date_error(message: String) -> DateError {
    DateError {
        message,
        hint: DATE_HINT,
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (1–12) of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i32::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number from [`days_from_civil`].
pub fn civil_from_days(z: i32) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl DatePoint {
    pub fn year(year: i32) -> Self {
        DatePoint {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Self {
        DatePoint {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(year: i32, month: u8, day: u8) -> Self {
        DatePoint {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day this point covers, as a day number.
    pub fn first_day(&self) -> i32 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this point covers, as a day number.
    pub fn last_day(&self) -> i32 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }

    fn parse(text: &str) -> Result<DatePoint, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, what: &str| -> Result<i64, DateError> {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(date_error(format!(
                    "\"{text}\" is not a date: the {what} \"{part}\" is not a number"
                )));
            }
            part.parse::<i64>().map_err(|_| {
                date_error(format!("\"{text}\" is not a date: the {what} is too large"))
            })
        };
        if parts.len() > 3 {
            return Err(date_error(format!(
                "\"{text}\" is not a date: too many parts"
            )));
        }
        if parts[0].len() != 4 {
            return Err(date_error(format!(
                "\"{text}\" is not a date: the year must have four digits"
            )));
        }
        let year = number(parts[0], "year")? as i32;
        let month = match parts.get(1) {
            None => None,
            Some(m) => {
                let m = number(m, "month")?;
                if !(1..=12).contains(&m) {
                    return Err(date_error(format!(
                        "\"{text}\" is not a date: month {m} is not between 1 and 12"
                    )));
                }
                Some(m as u8)
            }
        };
        let day = match (parts.get(2), month) {
            (None, _) => None,
            (Some(d), Some(month)) => {
                let d = number(d, "day")?;
                let last = days_in_month(year, month);
                if d < 1 || d > i64::from(last) {
                    return Err(date_error(format!(
                        "\"{text}\" is not a date: {year}-{month:02} has days 1 to {last}, not {d}"
                    )));
                }
                Some(d as u8)
            }
            (Some(_), None) => unreachable!("a day part implies a month part"),
        };
        Ok(DatePoint { year, month, day })
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialDate {
    /// A date known to the day.
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            qualifier: None,
            start: DatePoint::day(year, month, day),
            end: None,
        }
    }

    /// A date known to the month.
    pub fn month(year: i32, month: u8) -> Self {
        PartialDate {
            qualifier: None,
            start: DatePoint::month(year, month),
            end: None,
        }
    }

    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        PartialDate {
            qualifier: None,
            start: DatePoint::year(year),
            end: None,
        }
    }

    /// The precision of the written point (of the coarser end for an interval).
    pub fn precision(&self) -> Precision {
        match self.end {
            Some(end) => self.start.precision().min(end.precision()),
            None => self.start.precision(),
        }
    }

    fn thirds(&self) -> (i32, i32) {
        let (a, b) = (self.start.first_day(), self.start.last_day());
        let len = b - a + 1;
        match self.qualifier {
            Some(Qualifier::Early) => (a, a + len / 3 - 1),
            Some(Qualifier::Mid) => (a + len / 3, a + 2 * len / 3 - 1),
            Some(Qualifier::Late) => (a + 2 * len / 3, b),
            _ => (a, b),
        }
    }

    /// The earliest day the date can denote, or `None` if it is open at the start ("by", "before").
    pub fn earliest(&self) -> Option<i32> {
        match self.qualifier {
            Some(Qualifier::By) | Some(Qualifier::Before) => None,
            Some(Qualifier::After) => Some(self.start.last_day() + 1),
            _ => Some(self.thirds().0),
        }
    }

    /// The latest day the date can denote, or `None` if it is open at the end ("after").
    pub fn latest(&self) -> Option<i32> {
        match (self.qualifier, self.end) {
            (Some(Qualifier::After), _) => None,
            (Some(Qualifier::Before), _) => Some(self.start.first_day() - 1),
            (_, Some(end)) => Some(end.last_day()),
            _ => Some(self.thirds().1),
        }
    }

    /// The day a timeline places this date at: the start of what was written, or the day before it
    /// for "before X", the day after it for "after X". "By February 2025" sits at February 2025,
    /// where the source placed it.
    ///
    /// An interval ("2024-10/2025-02": sometime between) sits at its midpoint, the best single guess;
    /// a point keeps its start, as a chronology's heading would.
    pub fn anchor(&self) -> i32 {
        match (self.qualifier, self.end) {
            (Some(Qualifier::Before), _) => self.start.first_day() - 1,
            (Some(Qualifier::After), _) => self.start.last_day() + 1,
            (_, Some(end)) => {
                self.start.first_day() + (end.last_day() - self.start.first_day()) / 2
            }
            _ => self.thirds().0,
        }
    }

    /// A key that orders dates sensibly for a chronology.
    ///
    /// By anchor day first; on the same anchor, the coarser date first ("October 2024" heads the days
    /// of October, as a chronology's "In October 2024, …" does); then exact before qualified.
    pub fn sort_key(&self) -> (i32, std::cmp::Reverse<i32>, u8) {
        let span = match (self.earliest(), self.latest()) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        };
        let qual = match self.qualifier {
            None => 0,
            Some(Qualifier::About) => 1,
            Some(Qualifier::Early) | Some(Qualifier::Mid) | Some(Qualifier::Late) => 2,
            Some(Qualifier::After) => 3,
            Some(Qualifier::By) => 4,
            Some(Qualifier::Before) => 5,
        };
        (self.anchor(), std::cmp::Reverse(span), qual)
    }

    /// Whether the date certainly lies on or before `day` (every day it can denote does).
    pub fn certainly_on_or_before(&self, day: i32) -> bool {
        self.latest().is_some_and(|l| l <= day)
    }

    /// Whether the date certainly lies after `day`.
    pub fn certainly_after(&self, day: i32) -> bool {
        self.earliest().is_some_and(|e| e > day)
    }

    /// Whether every day of `self` lies strictly before every day of `other`. `false` when the two
    /// may overlap or either is open-ended in the way that matters.
    pub fn certainly_before(&self, other: &PartialDate) -> bool {
        match (self.latest(), other.earliest()) {
            (Some(a), Some(b)) => a < b,
            _ => false,
        }
    }

    /// Whether `self` certainly lies after `other` (used to check that dates are ordered).
    pub fn certainly_after_date(&self, other: &PartialDate) -> bool {
        other.certainly_before(self)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(date_error("the date is empty".to_string()));
        }
        let (qualifier, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((word, rest)) => match Qualifier::parse(word) {
                Some(q) => (Some(q), rest.trim()),
                None => {
                    return Err(date_error(format!(
                        "\"{trimmed}\" is not a date: unknown qualifier \"{word}\""
                    )));
                }
            },
            None => (None, trimmed),
        };
        let (start, end) = match rest.split_once('/') {
            Some((a, b)) => (
                DatePoint::parse(a.trim())?,
                Some(DatePoint::parse(b.trim())?),
            ),
            None => (DatePoint::parse(rest)?, None),
        };
        if let Some(end) = end {
            if qualifier.is_some() {
                return Err(date_error(format!(
                    "\"{trimmed}\" is not a date: an interval cannot also have a qualifier"
                )));
            }
            if end.last_day() < start.first_day() {
                return Err(date_error(format!(
                    "\"{trimmed}\" is not a date: the interval ends before it starts"
                )));
            }
        }
        if matches!(
            qualifier,
            Some(Qualifier::Early | Qualifier::Mid | Qualifier::Late)
        ) && start.precision() == Precision::Day
        {
            return Err(date_error(format!(
                "\"{trimmed}\" is not a date: early, mid and late apply to a year or a month, not a day"
            )));
        }
        Ok(PartialDate {
            qualifier,
            start,
            end,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(q) = self.qualifier {
            write!(f, "{} ", q.word())?;
        }
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a date such as \"2024\", \"2024-10\", \"2024-06-19\" or \"by 2025-02\"",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse()
                    .map_err(|e: DateError| E::custom(format!("{e}; {}", e.hint)))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                if (1000..=9999).contains(&v) {
                    Ok(PartialDate::year(v as i32))
                } else {
                    Err(E::custom(format!(
                        "{v} is not a four-digit year; {DATE_HINT}"
                    )))
                }
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }

            // A bare TOML date (`signed = 2024-06-19`) arrives as a one-entry map holding its text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PartialDate, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom(DATE_HINT));
                };
                if text.contains('T') || text.contains(':') {
                    return Err(de::Error::custom(format!(
                        "\"{text}\" has a time of day; entente dates stop at the day. {DATE_HINT}"
                    )));
                }
                self.visit_str(&text)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_and_displays_as_written() {
        for s in [
            "2024",
            "2024-10",
            "2024-06-19",
            "by 2025-02",
            "about 2024-10",
            "early 2025",
            "2027/2028",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("approximately 2024-10").to_string(), "about 2024-10");
    }

    #[test]
    fn rejects_impossible_dates_with_reasons() {
        let err = |s: &str| s.parse::<PartialDate>().unwrap_err().message;
        assert!(err("2023-02-29").contains("days 1 to 28"));
        assert!(err("2024-13").contains("month 13"));
        assert!(err("24-01").contains("four digits"));
        assert!(err("soon 2024").contains("unknown qualifier"));
        assert!(err("2025/2024").contains("ends before"));
        assert!(err("early 2024-10-01").contains("early, mid and late"));
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn chronology_order_is_sensible() {
        let mut v: Vec<PartialDate> = [
            "by 2025-02",
            "2024-12",
            "2024-10-18",
            "2024-10/2025-02",
            "2024-10",
            "2024-06-19",
            "2024",
            "before 2024-06-19",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        v.sort();
        let got: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            got,
            [
                "2024",
                "before 2024-06-19",
                "2024-06-19",
                "2024-10",
                "2024-10-18",
                "2024-12",
                "2024-10/2025-02",
                "by 2025-02"
            ]
        );
    }

    #[test]
    fn bounds_follow_qualifiers() {
        let oct = d("2024-10");
        assert_eq!(oct.earliest(), Some(days_from_civil(2024, 10, 1)));
        assert_eq!(oct.latest(), Some(days_from_civil(2024, 10, 31)));
        assert_eq!(d("by 2025-02").earliest(), None);
        assert_eq!(d("by 2025-02").latest(), Some(days_from_civil(2025, 2, 28)));
        assert_eq!(
            d("after 2024").earliest(),
            Some(days_from_civil(2025, 1, 1))
        );
        assert!(d("2024-06-19").certainly_before(&d("2024-12-04")));
        assert!(!d("2024-11").certainly_before(&d("2024-11-09")));
    }

    #[test]
    fn civil_days_round_trip() {
        for z in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, dd), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
