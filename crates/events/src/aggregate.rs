//! Dyad × period aggregation, as the event-data literature does it: counts by QuadClass, the Goldstein
//! sum (exact, in tenths) and mean, cooperation minus conflict, and each normalised by the period's
//! total event volume. Periods follow the event's date. Optional one-a-day de-duplication keeps one event
//! per (date, source, target, code).

use crate::Event;
use entente_model::QuadClass;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Day,
    /// Weeks starting on Monday, keyed by the Monday's date.
    Week,
    Month,
    /// Calendar quarters, keyed YYYYQ (20243 is July–September 2024).
    Quarter,
    Year,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "quarter" => Period::Quarter,
            "year" => Period::Year,
            _ => return None,
        })
    }

    /// The period an event date (YYYYMMDD) falls in, as a sortable key: YYYYMMDD (day, week's
    /// Monday), YYYYMM (month), YYYY (year).
    pub fn key(self, date: u32) -> u32 {
        match self {
            Period::Day => date,
            Period::Month => date / 100,
            Period::Quarter => (date / 10000) * 10 + ((date / 100) % 100).saturating_sub(1) / 3 + 1,
            Period::Year => date / 10000,
            Period::Week => {
                let (y, m, d) = ((date / 10000) as i32, ((date / 100) % 100), (date % 100));
                let z = days(y, m, d);
                let monday = z - (z + 3).rem_euclid(7); // 1970-01-01 was a Thursday
                let (y, m, d) = civil(monday);
                (y as u32) * 10000 + m * 100 + d
            }
        }
    }

    /// The key written as a date: "2024-10", "2024-Q3", "2024", "2024-10-07".
    pub fn label(self, key: u32) -> String {
        match self {
            Period::Day | Period::Week => format!(
                "{:04}-{:02}-{:02}",
                key / 10000,
                (key / 100) % 100,
                key % 100
            ),
            Period::Month => format!("{:04}-{:02}", key / 100, key % 100),
            Period::Quarter => format!("{:04}-Q{}", key / 10, key % 10),
            Period::Year => format!("{key:04}"),
        }
    }
}

fn days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// What to aggregate.
#[derive(Clone, Debug)]
pub struct Spec {
    pub period: Period,
    /// Keep (A, B) and (B, A) apart; otherwise a dyad is unordered.
    pub directed: bool,
    /// One event per (date, source, target, code).
    pub dedupe: bool,
    /// Only these two countries (CAMEO codes), both directions; `None` keeps every dyad.
    pub dyad: Option<(String, String)>,
    /// Only these QuadClasses (empty: all).
    pub quad: Vec<QuadClass>,
}

/// One dyad in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub source: String,
    pub target: String,
    pub period: String,
    /// Events by QuadClass: verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad_counts: [u64; 4],
    pub events: u64,
    /// Sum of Goldstein scores in tenths (exact).
    pub goldstein_tenths: i64,
    pub goldstein_mean: f64,
    /// Cooperation minus conflict events.
    pub net_cooperation: i64,
    /// All events in the period, every dyad (the normaliser).
    pub period_volume: u64,
    /// `events / period_volume`.
    pub share_of_volume: f64,
    /// `net_cooperation / period_volume`.
    pub net_cooperation_normalised: f64,
}

/// Aggregates events into dyad × period cells, sorted by dyad then period. Events without both
/// countries are left out of dyads (they still count in the period's volume).
pub fn dyad_series<'a>(events: impl IntoIterator<Item = &'a Event>, spec: &Spec) -> Vec<Cell> {
    dyad_series_with_volume(events, spec, None)
}

/// As [`dyad_series`], but with each day's volume (all events of that date, every dyad) given,
/// for a caller that read only the dyad's rows and counted the days apart — the event store's
/// pushed-down scan. With a volume given, `spec` must neither dedupe nor filter QuadClasses (the
/// volume could not follow them); `None` counts the volume from `events`.
pub fn dyad_series_with_volume<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    spec: &Spec,
    day_volume: Option<&BTreeMap<u32, u64>>,
) -> Vec<Cell> {
    let mut seen: HashSet<(u32, &str, &str, &str)> = HashSet::new();
    let mut volume: HashMap<u32, u64> = HashMap::new();
    let mut cells: BTreeMap<(String, String, u32), ([u64; 4], i64)> = BTreeMap::new();
    let wanted = spec
        .dyad
        .as_ref()
        .map(|(a, b)| (a.to_uppercase(), b.to_uppercase()));
    for e in events {
        if spec.dedupe
            && !seen.insert((
                e.date,
                &e.source_country,
                &e.target_country,
                e.code.as_str(),
            ))
        {
            continue;
        }
        if !spec.quad.is_empty() && !spec.quad.contains(&e.quad) {
            continue;
        }
        let p = spec.period.key(e.date);
        if day_volume.is_none() {
            *volume.entry(p).or_default() += 1;
        }
        if e.source_country.is_empty() || e.target_country.is_empty() {
            continue;
        }
        let (mut a, mut b) = (e.source_country.as_str(), e.target_country.as_str());
        if !spec.directed && a > b {
            std::mem::swap(&mut a, &mut b);
        }
        if let Some((x, y)) = &wanted {
            // A directed query on a dyad keeps both directions, as two series.
            let hit = (a == x && b == y) || (a == y && b == x);
            if !hit {
                continue;
            }
        }
        let c = cells
            .entry((a.to_string(), b.to_string(), p))
            .or_insert(([0; 4], 0));
        c.0[usize::from(e.quad.number() - 1)] += 1;
        c.1 += i64::from(e.goldstein_tenths);
    }
    if let Some(days) = day_volume {
        for (&day, &n) in days {
            *volume.entry(spec.period.key(day)).or_default() += n;
        }
    }
    cells
        .into_iter()
        .map(|((source, target, p), (q, g))| {
            let events: u64 = q.iter().sum();
            let net = (q[0] + q[1]) as i64 - (q[2] + q[3]) as i64;
            let vol = volume.get(&p).copied().unwrap_or(events).max(1);
            Cell {
                source,
                target,
                period: spec.period.label(p),
                quad_counts: q,
                events,
                goldstein_tenths: g,
                goldstein_mean: g as f64 / 10.0 / events.max(1) as f64,
                net_cooperation: net,
                period_volume: vol,
                share_of_volume: events as f64 / vol as f64,
                net_cooperation_normalised: net as f64 / vol as f64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: u32, a: &str, b: &str, code: &str, g: i32) -> Event {
        let code = entente_model::CameoCode::new(code).unwrap();
        Event {
            date,
            source_country: a.into(),
            source_actor: String::new(),
            target_country: b.into(),
            target_actor: String::new(),
            quad: code.quad_class(),
            code,
            goldstein_tenths: g,
            place_fips: String::new(),
        }
    }

    #[test]
    fn counts_sums_and_normalisation() {
        let es = vec![
            ev(20241001, "RUS", "PRK", "040", 10),
            ev(20241003, "PRK", "RUS", "072", 74),
            ev(20241003, "PRK", "RUS", "072", 74),
            ev(20241020, "USA", "PRK", "190", -100),
            ev(20241105, "RUS", "PRK", "042", 19),
        ];
        let spec = Spec {
            period: Period::Month,
            directed: false,
            dedupe: false,
            dyad: Some(("RUS".into(), "PRK".into())),
            quad: vec![],
        };
        let c = dyad_series(&es, &spec);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (
                c[0].source.as_str(),
                c[0].target.as_str(),
                c[0].period.as_str()
            ),
            ("PRK", "RUS", "2024-10")
        );
        assert_eq!(c[0].quad_counts, [1, 2, 0, 0]);
        assert_eq!(c[0].goldstein_tenths, 158);
        assert_eq!(c[0].period_volume, 4);
        assert!((c[0].share_of_volume - 0.75).abs() < 1e-12);
        let dd = dyad_series(
            &es,
            &Spec {
                dedupe: true,
                ..spec.clone()
            },
        );
        assert_eq!(
            dd[0].quad_counts,
            [1, 1, 0, 0],
            "the repeated 072 of 3 October counts once"
        );
        let directed = dyad_series(
            &es,
            &Spec {
                directed: true,
                ..spec
            },
        );
        assert_eq!(directed.len(), 3);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(Period::Week.key(20241003), 20240930); // Thursday → Monday 30 September
        assert_eq!(Period::Week.key(20240930), 20240930);
        assert_eq!(Period::Week.key(20250101), 20241230);
        assert_eq!(Period::Month.label(202410), "2024-10");
    }
}
