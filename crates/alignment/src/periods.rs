//! Which evidence falls in a window of time, from whichever sources the caller loaded.

use crate::build::{self, DyadEvents, EventRule};
use crate::{Ties, Weights};
use entente_datasets::atop::AtopMember;
use entente_datasets::mid::MidParticipant;
use entente_datasets::states::Spell;
use entente_model::Scenario;
use entente_model::date::{civil_from_days, days_from_civil};
use serde::Serialize;
use std::collections::BTreeMap;

/// The sources a network is built from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    /// Agreements in force (a scenario's, or ATOP's with data).
    pub treaties: bool,
    /// A scenario's wars under way.
    pub wars: bool,
    /// COW militarised disputes (data).
    pub mid: bool,
    /// Event data: an event store's, and a scenario's own `[[event]]`s.
    pub events: bool,
}

impl Sources {
    /// Parses `treaties,mid,events` (also `wars`).
    pub fn parse(list: &[String]) -> Result<Sources, String> {
        let mut s = Sources::default();
        for x in list {
            match x.trim().to_ascii_lowercase().as_str() {
                "treaties" | "treaty" | "atop" => s.treaties = true,
                "wars" | "war" => s.wars = true,
                "mid" | "mids" => s.mid = true,
                "events" | "event" => s.events = true,
                other => {
                    return Err(format!(
                        "--source {other}: sources are treaties, wars, mid and events"
                    ));
                }
            }
        }
        Ok(s)
    }
}

/// What the caller loaded. Labels: with a scenario, its actor ids; with data, COW abbreviations.
pub struct Inputs<'a> {
    pub scenario: Option<&'a Scenario>,
    pub atop: Option<&'a [AtopMember]>,
    pub mids: Option<&'a [MidParticipant]>,
    /// COW states (their spells): the data's nodes and the labels of COW codes.
    pub states: Option<&'a [Spell]>,
    pub events: Option<&'a [entente_events::Event]>,
    /// The actor a CAMEO country code names (`None`: left out).
    pub cameo: &'a dyn Fn(&str) -> Option<String>,
}

/// A stretch of time: a label and its first and last day (day numbers).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    pub label: String,
    pub from: i32,
    pub to: i32,
}

impl Window {
    /// One day.
    pub fn day(day: i32) -> Window {
        let (y, m, d) = civil_from_days(day);
        Window {
            label: format!("{y:04}-{m:02}-{d:02}"),
            from: day,
            to: day,
        }
    }

    /// Windows of `len` years within `from..=to`, one starting each year (CoW's signed networks:
    /// 4-year windows 1946–1949 … 1996–1999); labelled "1946" or "1946–1949".
    pub fn years(from: i32, to: i32, len: i32) -> Vec<Window> {
        let len = len.max(1);
        (from..=to - len + 1)
            .map(|y| Window {
                label: if len == 1 {
                    format!("{y}")
                } else {
                    format!("{y}–{}", y + len - 1)
                },
                from: days_from_civil(y, 1, 1),
                to: days_from_civil(y + len - 1, 12, 31),
            })
            .collect()
    }

    /// Consecutive periods (`day`…`year`, `quarter`) covering `from..=to` (day numbers).
    pub fn periods(from: i32, to: i32, period: entente_events::aggregate::Period) -> Vec<Window> {
        let ymd = |day: i32| {
            let (y, m, d) = civil_from_days(day);
            (y as u32) * 10000 + u32::from(m) * 100 + u32::from(d)
        };
        let mut out: Vec<Window> = Vec::new();
        let mut day = from;
        while day <= to {
            let key = period.key(ymd(day));
            match out.last_mut() {
                Some(w) if w.label == period.label(key) => w.to = day,
                _ => out.push(Window {
                    label: period.label(key),
                    from: day,
                    to: day,
                }),
            }
            day += 1;
        }
        out
    }

    fn ymd(&self) -> (u32, u32) {
        let f = |day: i32| {
            let (y, m, d) = civil_from_days(day);
            (y.max(0) as u32) * 10000 + u32::from(m) * 100 + u32::from(d)
        };
        (f(self.from), f(self.to))
    }
}

/// The ties of one window from the chosen sources: a scenario's treaties and wars on its last day
/// and its events within it (a one-day window: the year before), ATOP alliances and MIDs
/// overlapping it, an event store's events dated within it.
pub fn ties_in(
    inputs: &Inputs<'_>,
    sources: &Sources,
    w: &Window,
    weights: &Weights,
    rule: &EventRule,
) -> Ties {
    let mut ties = Ties::default();
    if let Some(s) = inputs.scenario {
        if sources.treaties {
            build::scenario_treaties(s, w.to, weights, &mut ties);
        }
        if sources.wars {
            build::scenario_wars(s, w.to, weights, &mut ties);
        }
        if sources.events {
            // A one-day window looks at the year of events before it.
            let from = if w.from == w.to { w.to - 365 } else { w.from };
            build::scenario_events(s, (from, w.to), weights, &mut ties);
        }
    }
    let abbr: std::collections::HashMap<u32, &str> = inputs
        .states
        .unwrap_or_default()
        .iter()
        .map(|s| (u32::from(s.ccode), s.abbr.as_str()))
        .collect();
    let label = |c: u32| -> Option<String> { abbr.get(&c).map(|s| s.to_string()) };
    if let Some(states) = inputs.states {
        // The nodes: every state in the system at some point of the window.
        for s in states {
            let (a, b) = (
                days_from_civil(s.start.0, s.start.1, s.start.2),
                days_from_civil(s.end.0, s.end.1, s.end.2),
            );
            if a <= w.to && b >= w.from {
                ties.add_node(&s.abbr);
            }
        }
    }
    if sources.treaties
        && let Some(atop) = inputs.atop
    {
        build::atop(atop, &label, (w.from, w.to), weights, &mut ties);
    }
    if sources.mid
        && let Some(mids) = inputs.mids
    {
        let (fy, ty) = (civil_from_days(w.from).0, civil_from_days(w.to).0);
        build::mids(mids, &label, (fy, ty), weights, &mut ties);
    }
    if sources.events
        && let Some(events) = inputs.events
    {
        let (a, b) = w.ymd();
        let mut counts: BTreeMap<(String, String), DyadEvents> = BTreeMap::new();
        for e in events.iter().filter(|e| e.date >= a && e.date <= b) {
            let (x, y) = (e.source_country.as_str(), e.target_country.as_str());
            if x.is_empty() || y.is_empty() || x == y {
                continue;
            }
            let key = if x < y { (x, y) } else { (y, x) };
            counts
                .entry((key.0.to_string(), key.1.to_string()))
                .or_default()
                .quad_counts[usize::from(e.quad.number() - 1)] += 1;
        }
        build::events(&counts, inputs.cameo, rule, weights, &mut ties);
    }
    ties
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let w = Window::years(1946, 1999, 4);
        assert_eq!(w.len(), 51);
        assert_eq!(w[50].label, "1996–1999");
        assert_eq!(w[0].label, "1946–1949");
        assert_eq!(civil_from_days(w[0].to), (1949, 12, 31));
        let q = Window::periods(
            days_from_civil(2024, 2, 10),
            days_from_civil(2024, 11, 3),
            entente_events::aggregate::Period::Quarter,
        );
        let labels: Vec<&str> = q.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
        assert_eq!(civil_from_days(q[1].from), (2024, 4, 1));
        assert_eq!(civil_from_days(q[3].to), (2024, 11, 3));
        assert!(
            Sources::parse(&["treaties".into(), "mid".into()])
                .unwrap()
                .mid
        );
        assert!(Sources::parse(&["love".into()]).is_err());
    }
}
