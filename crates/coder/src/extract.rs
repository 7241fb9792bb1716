//! Dates and quantities stated in a sentence.
//!
//! **Dates.** Absolute: "19 June 2024", "June 19, 2024", "June 2024", "in 2024" (a year after `in`,
//! `by`, `since`, `during`, `until` or `of`); "by February 2025" keeps its `by`. Relative to the
//! document's date (news convention): "today", "yesterday", "last week" (seven days before),
//! "last month", "last year", "this month", and a weekday ("on Monday": the latest such day before the
//! document's date). The first date expression in the sentence is the sentence's date; without one,
//! the document's date is the event's.
//!
//! **Quantities.** A number (digits with thousands separators, or with "thousand"/"million") and its
//! qualifier, in the model's terms ([`entente_model::Quantity`]): "approximately/about/around/some/
//! nearly/roughly/an estimated N" → about N; "up to / as many as N" → up to N; "more than / over / at
//! least N" → at least N; "between N and M", "N to M", "N–M" → a range; otherwise exactly N. The unit
//! is the noun the number counts: the last of the words that follow it before a word that ends a
//! noun phrase ("1,500 special operations forces to Russia" → forces). Years and numbers inside a
//! date are not quantities.

use crate::text::Token;
use entente_model::{Amount, Quantity};

/// A date found in a sentence, in the model's date syntax ("2024-10", "by 2025-02", "2024-06-19").
#[derive(Clone, Debug, PartialEq)]
pub struct FoundDate {
    pub text: String,
    /// The first day it covers, YYYYMMDD.
    pub ymd: u32,
    /// Token range of the expression.
    pub tokens: (usize, usize),
}

const MONTHS: [&str; 12] = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];
const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() == 3 && w != "MAY" && m.starts_with(w))
                || (w == "SEPT" && *m == "SEPTEMBER")
        })
        .map(|p| p as u32 + 1)
}

fn year(w: &str) -> Option<u32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

fn day(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(['S', 'T', 'N', 'D', 'R', 'H']);
    (d.len() <= 2 && !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| d.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Days since 1970-01-01 of a YYYYMMDD date (the model's `days_from_civil`).
pub fn days_from_civil(ymd: u32) -> i64 {
    i64::from(entente_model::date::days_from_civil(
        (ymd / 10000) as i32,
        ((ymd / 100) % 100) as u8,
        (ymd % 100) as u8,
    ))
}

/// The date `days` after 1970-01-01, as YYYYMMDD.
pub fn civil_from_days(days: i64) -> u32 {
    let (y, m, d) = entente_model::date::civil_from_days(days as i32);
    (y as u32) * 10000 + u32::from(m) * 100 + u32::from(d)
}

fn ymd_text(ymd: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        ymd / 10000,
        (ymd / 100) % 100,
        ymd % 100
    )
}

/// The first date expression in `tokens`, with `doc` (YYYYMMDD) for relative ones.
pub fn find_date(tokens: &[Token], doc: Option<u32>) -> Option<FoundDate> {
    let w = |i: usize| tokens.get(i).map(|t| t.up.as_str()).unwrap_or("");
    for i in 0..tokens.len() {
        let by = matches!(w(i.wrapping_sub(1)), "BY");
        let q = |s: String| if by { format!("by {s}") } else { s };
        let first = if by { i - 1 } else { i };
        // 19 June 2024
        if let (Some(d), Some(m), Some(y)) = (day(w(i)), month(w(i + 1)), year(w(i + 2))) {
            let ymd = y * 10000 + m * 100 + d;
            return Some(FoundDate {
                text: q(ymd_text(ymd)),
                ymd,
                tokens: (first, i + 3),
            });
        }
        if let Some(m) = month(w(i)) {
            // June 19, 2024
            if let Some(d) = day(w(i + 1)) {
                let k = if w(i + 2) == "," { i + 3 } else { i + 2 };
                if let Some(y) = year(w(k)) {
                    let ymd = y * 10000 + m * 100 + d;
                    return Some(FoundDate {
                        text: q(ymd_text(ymd)),
                        ymd,
                        tokens: (first, k + 1),
                    });
                }
            }
            // June 2024 ("May" alone is a verb far more often than a month: only with a year)
            if let Some(y) = year(w(i + 1)) {
                return Some(FoundDate {
                    text: q(format!("{y:04}-{m:02}")),
                    ymd: y * 10000 + m * 100 + 1,
                    tokens: (first, i + 2),
                });
            }
        }
        if let Some(y) = year(w(i))
            && matches!(
                w(i.wrapping_sub(1)),
                "IN" | "BY" | "SINCE" | "DURING" | "UNTIL" | "OF"
            )
        {
            return Some(FoundDate {
                text: q(format!("{y:04}")),
                ymd: y * 10000 + 101,
                tokens: (first, i + 1),
            });
        }
        let Some(doc) = doc else { continue };
        let rel = |days: i64, n: usize| {
            let ymd = civil_from_days(days_from_civil(doc) + days);
            Some(FoundDate {
                text: ymd_text(ymd),
                ymd,
                tokens: (i, i + n),
            })
        };
        match (w(i), w(i + 1)) {
            ("TODAY", _) => return rel(0, 1),
            ("YESTERDAY", _) => return rel(-1, 1),
            ("LAST", "WEEK") => {
                let ymd = civil_from_days(days_from_civil(doc) - 7);
                return Some(FoundDate {
                    text: format!("about {}", ymd_text(ymd)),
                    ymd,
                    tokens: (i, i + 2),
                });
            }
            ("LAST" | "THIS", "MONTH") => {
                let (y, m) = (doc / 10000, (doc / 100) % 100);
                let (y, m) = if w(i) == "THIS" {
                    (y, m)
                } else if m == 1 {
                    (y - 1, 12)
                } else {
                    (y, m - 1)
                };
                return Some(FoundDate {
                    text: format!("{y:04}-{m:02}"),
                    ymd: y * 10000 + m * 100 + 1,
                    tokens: (i, i + 2),
                });
            }
            ("LAST" | "THIS", "YEAR") => {
                let y = doc / 10000 - u32::from(w(i) == "LAST");
                return Some(FoundDate {
                    text: format!("{y:04}"),
                    ymd: y * 10000 + 101,
                    tokens: (i, i + 2),
                });
            }
            (d, _) if WEEKDAYS.contains(&d) && matches!(w(i.wrapping_sub(1)), "ON" | "LAST") => {
                let want = WEEKDAYS.iter().position(|x| *x == d).unwrap_or(0) as i64;
                let today = days_from_civil(doc);
                // 1970-01-01 was a Thursday (index 3).
                let dow = (today + 3).rem_euclid(7);
                // The latest such day up to the document's date: a story dated Friday that says
                // "on Friday" means that day.
                let back = (dow - want).rem_euclid(7);
                return rel(-back, 1);
            }
            _ => {}
        }
    }
    None
}

/// A quantity found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundQuantity {
    pub quantity: Quantity,
    pub tokens: (usize, usize),
}

fn number(w: &str) -> Option<f64> {
    if !w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let plain: String = w.chars().filter(|c| *c != ',').collect();
    plain.parse().ok()
}

/// Words that end the noun phrase after a number.
const STOP: &[&str] = &[
    "TO", "IN", "INTO", "OF", "FROM", "WERE", "WAS", "ARE", "IS", "HAD", "HAVE", "HAS", "AND",
    "OR", "WHO", "THAT", "WHICH", "ON", "AT", "FOR", "WITH", "BY", "NEAR", "ALONG", "ACROSS",
    "WILL", "WOULD", "HAVE", "BEEN", "AS",
];

/// Every quantity in `tokens` outside `skip` (the date's tokens).
pub fn find_quantities(tokens: &[Token], skip: Option<(usize, usize)>) -> Vec<FoundQuantity> {
    let w = |i: usize| tokens.get(i).map(|t| t.up.as_str()).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let in_date = skip.is_some_and(|(a, b)| (a..b).contains(&i));
        let Some(mut v) = number(w(i)).filter(|_| !in_date) else {
            i += 1;
            continue;
        };
        if year(w(i)).is_some() && month(w(i.wrapping_sub(1))).is_some() {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let scale = |s: &str| match s {
            "THOUSAND" => Some(1e3),
            "MILLION" => Some(1e6),
            "BILLION" => Some(1e9),
            _ => None,
        };
        if let Some(f) = scale(w(end)) {
            v *= f;
            end += 1;
        }
        // The qualifier before it.
        let (mut start, mut amount) = (i, Amount::Exactly(v));
        let b1 = w(i.wrapping_sub(1));
        let b2 = w(i.wrapping_sub(2));
        match (b2, b1) {
            ("UP", "TO") | ("AS", "MANY") => {
                amount = Amount::UpTo(v);
                start = i - 2;
            }
            ("AT", "LEAST") | ("MORE", "THAN") => {
                amount = Amount::AtLeast(v);
                start = i - 2;
            }
            ("AN", "ESTIMATED") => {
                amount = Amount::Approximately(v);
                start = i - 2;
            }
            (
                _,
                "APPROXIMATELY" | "ABOUT" | "AROUND" | "SOME" | "NEARLY" | "ROUGHLY" | "ALMOST",
            ) => {
                amount = Amount::Approximately(v);
                start = i - 1;
            }
            (_, "OVER") => {
                amount = Amount::AtLeast(v);
                start = i - 1;
            }
            (_, "BETWEEN") => {
                if w(end) == "AND"
                    && let Some(max) = number(w(end + 1))
                {
                    amount = Amount::Range { min: v, max };
                    start = i - 1;
                    end += 2;
                }
            }
            _ => {}
        }
        if matches!(amount, Amount::Exactly(_))
            && matches!(w(end), "TO" | "-" | "\u{2013}")
            && let Some(max) = number(w(end + 1)).filter(|m| *m > v)
        {
            amount = Amount::Range { min: v, max };
            end += 2;
        }
        // The unit: the last word of the noun phrase that follows.
        let mut unit = None;
        let mut k = end;
        while k < tokens.len() && k < end + 4 {
            let t = &tokens[k];
            if STOP.contains(&t.up.as_str())
                || !t.text.chars().all(|c| c.is_alphabetic() || c == '-')
            {
                break;
            }
            unit = Some(t.text.to_lowercase());
            k += 1;
        }
        out.push(FoundQuantity {
            quantity: Quantity { amount, unit },
            tokens: (start, k.max(end)),
        });
        i = k.max(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn date(s: &str, doc: Option<u32>) -> Option<String> {
        find_date(&tokenize(s), doc).map(|d| d.text)
    }

    #[test]
    fn dates_absolute_and_relative() {
        assert_eq!(
            date("In October 2024, reports emerged", None).as_deref(),
            Some("2024-10")
        );
        assert_eq!(
            date("By February 2025, the scale had grown", None).as_deref(),
            Some("by 2025-02")
        );
        assert_eq!(
            date("They met on 19 June 2024 in Pyongyang", None).as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            date("They met on June 19, 2024.", None).as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            date("The treaty signed in 2024 binds", None).as_deref(),
            Some("2024")
        );
        assert_eq!(date("It may rain; 2024 troops", None), None);
        // 2024-12-04 was a Wednesday; "on Monday" is 2 December, "last week" 27 November.
        assert_eq!(
            date("Talks were held on Monday", Some(20241204)).as_deref(),
            Some("2024-12-02")
        );
        assert_eq!(
            date("Troops moved last week", Some(20241204)).as_deref(),
            Some("about 2024-11-27")
        );
        assert_eq!(
            date("He said yesterday", Some(20240301)).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            date("as it did last month", Some(20250115)).as_deref(),
            Some("2024-12")
        );
        assert_eq!(date("Troops moved last week", None), None);
    }

    #[test]
    fn civil_days_round_trip() {
        for ymd in [19700101, 20000229, 20241204, 18160101, 21001231] {
            assert_eq!(civil_from_days(days_from_civil(ymd)), ymd);
        }
        assert_eq!(days_from_civil(19700102), 1);
    }

    fn q(s: &str) -> Vec<String> {
        let t = tokenize(s);
        let d = find_date(&t, None).map(|d| d.tokens);
        find_quantities(&t, d)
            .into_iter()
            .map(|f| f.quantity.to_string())
            .collect()
    }

    #[test]
    fn quantities_keep_qualifiers_ranges_and_units() {
        assert_eq!(
            q(
                "In October 2024, North Korea deployed approximately 1,500 special operations forces to Russia"
            ),
            ["about 1,500 forces"]
        );
        assert_eq!(
            q("up to 10,000 North Korean troops were operating"),
            ["up to 10,000 troops"]
        );
        assert_eq!(
            q("between 10,000 and 12,000 troops"),
            ["10,000–12,000 troops"]
        );
        assert_eq!(
            q("more than 3 thousand shells and 40 missiles"),
            ["at least 3,000 shells", "40 missiles"]
        );
        assert_eq!(q("from eight to ten destroyers"), Vec::<String>::new());
        assert_eq!(q("10,000-12,000 soldiers"), ["10,000–12,000 soldiers"]);
    }
}
