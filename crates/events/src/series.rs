//! A dyad's event series, as an analyst asks for it: the events filtered (dates, CAMEO roots and
//! codes, actor codes), aggregated by period ([`crate::aggregate::dyad_series`]), one series per
//! direction (directed) or one (undirected), each with its turning points (PELT, Killick, Fearnhead
//! & Eckley 2012, on the normalised net cooperation) and its most frequent CAMEO codes.

use crate::Event;
use crate::aggregate::{Cell, Spec, dyad_series_with_volume};
use entente_analysis::changepoint;
use entente_model::QuadClass;
use serde::Serialize;

/// Which events a series keeps. Empty lists keep everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// First and last day kept, YYYYMMDD.
    pub from: Option<u32>,
    pub to: Option<u32>,
    /// CAMEO roots, 1–20.
    pub roots: Vec<u8>,
    /// CAMEO code prefixes ("04" keeps 040–046).
    pub codes: Vec<String>,
    /// CAMEO actor-code prefixes, matched on either actor ("RUSMIL", "GOV").
    pub actors: Vec<String>,
}

impl Filter {
    /// Whether the filter looks at dates only: then a period's volume is a count of dates, and a
    /// store can give it without decoding the other columns.
    pub fn dates_only(&self) -> bool {
        self.roots.is_empty() && self.codes.is_empty() && self.actors.is_empty()
    }

    pub fn keeps(&self, e: &Event) -> bool {
        self.from.is_none_or(|f| e.date >= f)
            && self.to.is_none_or(|t| e.date <= t)
            && (self.roots.is_empty() || self.roots.contains(&e.root()))
            && (self.codes.is_empty()
                || self
                    .codes
                    .iter()
                    .any(|c| e.code.as_str().starts_with(c.as_str())))
            && (self.actors.is_empty()
                || self.actors.iter().any(|c| {
                    (!e.source_actor.is_empty() && e.source_actor.starts_with(c.as_str()))
                        || (!e.target_actor.is_empty() && e.target_actor.starts_with(c.as_str()))
                }))
    }
}

/// One direction of a dyad (or the dyad, undirected), period by period.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub source: String,
    pub target: String,
    pub cells: Vec<Cell>,
    pub turning_points: Vec<TurningPoint>,
    /// The dyad's most frequent CAMEO event codes over the whole query.
    pub top_codes: Vec<TopCode>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TopCode {
    pub code: String,
    /// GDELT's QuadClass number, 1–4.
    pub quad_class: u8,
    pub events: u64,
    pub goldstein_mean: f64,
}

/// A shift in the normalised net cooperation, from the period named on.
#[derive(Clone, Debug, Serialize)]
pub struct TurningPoint {
    pub period: String,
    pub before: f64,
    pub after: f64,
    pub size: f64,
}

/// The ten most frequent event codes between `s` and `t` (both directions unless `directed`).
fn top_codes(rows: &[&Event], s: &str, t: &str, directed: bool) -> Vec<TopCode> {
    let mut by: std::collections::HashMap<&str, (QuadClass, u64, i64)> =
        std::collections::HashMap::new();
    for e in rows {
        let forward = e.source_country == s && e.target_country == t;
        let back = !directed && e.source_country == t && e.target_country == s;
        if forward || back {
            let c = by.entry(e.code.as_str()).or_insert((e.quad, 0, 0));
            c.1 += 1;
            c.2 += i64::from(e.goldstein_tenths);
        }
    }
    let mut v: Vec<TopCode> = by
        .into_iter()
        .map(|(code, (quad, n, g))| TopCode {
            code: code.to_string(),
            quad_class: quad.number(),
            events: n,
            goldstein_mean: g as f64 / 10.0 / n as f64,
        })
        .collect();
    v.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
    v.truncate(10);
    v
}

/// The series of the dyad named in `spec` over the events `filter` keeps; `penalty` is PELT's
/// (`None`: the modified BIC). `day_volume`, when given, is each day's count of all events the
/// filter keeps (see [`dyad_series_with_volume`]), and `events` may then hold the dyad's rows only.
pub fn dyad_report(
    events: &[Event],
    filter: &Filter,
    spec: &Spec,
    penalty: Option<f64>,
    day_volume: Option<&std::collections::BTreeMap<u32, u64>>,
) -> Vec<Series> {
    let rows: Vec<&Event> = events.iter().filter(|e| filter.keeps(e)).collect();
    let cells = dyad_series_with_volume(rows.iter().copied(), spec, day_volume);
    let mut keys: Vec<(String, String)> = cells
        .iter()
        .map(|c| (c.source.clone(), c.target.clone()))
        .collect();
    keys.dedup();
    keys.into_iter()
        .map(|(s, t)| {
            let mine: Vec<Cell> = cells
                .iter()
                .filter(|c| c.source == s && c.target == t)
                .cloned()
                .collect();
            let values: Vec<f64> = mine.iter().map(|c| c.net_cooperation_normalised).collect();
            let turning_points = changepoint::changes(&values, penalty, 2)
                .into_iter()
                .map(|ch| TurningPoint {
                    period: mine[ch.index].period.clone(),
                    before: ch.before,
                    after: ch.after,
                    size: ch.size,
                })
                .collect();
            let top_codes = top_codes(&rows, &s, &t, spec.directed);
            Series {
                source: s,
                target: t,
                cells: mine,
                turning_points,
                top_codes,
            }
        })
        .collect()
}
