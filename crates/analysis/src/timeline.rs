//! The chronology: events and agreement milestones (signature, ratification, entry into force, end),
//! ordered by [`PartialDate::sort_key`] and shown as written. Quantities stay as the source put them
//! ("about 1,500 troops", "up to 10,000 troops"), and entries that a disagreement contests say so.

use crate::Window;
use entente_model::{Citation, Confidence, PartialDate, QuadClass, Scenario};
use serde::Serialize;

/// What a timeline entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Event,
    Signed,
    Ratified,
    InForce,
    Ends,
}

/// One dated entry.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub date: PartialDate,
    pub kind: EntryKind,
    /// The fact it comes from: `event:…` or `agreement:…`.
    pub fact: String,
    pub summary: String,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    /// The quantity as stated, with its unit.
    pub quantity: Option<String>,
    pub cameo: Option<String>,
    pub quad_class: Option<QuadClass>,
    pub location: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    /// Disagreements about this entry, with the other claims' dates or figures.
    pub disputed: Vec<String>,
}

/// A timeline filter. Actor ids must be canonical.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub actor: Option<String>,
    pub window: Window,
    /// Leave out agreement milestones.
    pub events_only: bool,
}

pub fn timeline(scenario: &Scenario, q: &Query) -> Vec<Entry> {
    let disputes = |fact: &str| -> Vec<String> {
        scenario
            .facts
            .disagreements
            .iter()
            .filter(|d| d.about.iter().any(|r| r.to_string() == fact))
            .map(|d| {
                let claims: Vec<String> = d
                    .claims
                    .iter()
                    .map(|c| {
                        let what = c
                            .date
                            .map(|x| x.to_string())
                            .or(c.quantity.as_ref().map(|q| q.to_string()));
                        let src = c.cite.first().map(|x| x.to_string()).unwrap_or_default();
                        match what {
                            Some(w) => format!("{w} ({src})"),
                            None => format!("\"{}\" ({src})", c.says),
                        }
                    })
                    .collect();
                format!("{}: {}", d.id, claims.join(" vs "))
            })
            .collect()
    };
    let mut out = Vec::new();
    for e in &scenario.facts.events {
        let fact = format!("event:{}", e.id);
        out.push(Entry {
            date: e.date,
            kind: EntryKind::Event,
            summary: e.summary.clone(),
            actors: e.actor.clone(),
            targets: e.target.clone(),
            quantity: e.quantity.as_ref().map(|q| q.to_string()),
            cameo: e.cameo.as_ref().map(|c| c.to_string()),
            quad_class: e.cameo.as_ref().map(|c| c.quad_class()),
            location: e.location.clone(),
            confidence: e.confidence,
            cite: e.cite.clone(),
            disputed: disputes(&fact),
            fact,
        });
    }
    if !q.events_only {
        for a in &scenario.facts.agreements {
            let fact = format!("agreement:{}", a.id);
            let mut push = |date: PartialDate,
                            kind: EntryKind,
                            what: String,
                            actors: Vec<String>,
                            cite: Vec<Citation>| {
                out.push(Entry {
                    date,
                    kind,
                    fact: fact.clone(),
                    summary: what,
                    actors,
                    targets: vec![],
                    quantity: None,
                    cameo: None,
                    quad_class: None,
                    location: None,
                    confidence: a.confidence,
                    cite: if cite.is_empty() {
                        a.cite.clone()
                    } else {
                        cite
                    },
                    disputed: disputes(&fact),
                });
            };
            let org_or = |fallback: &[String]| {
                a.organisation
                    .clone()
                    .map_or_else(|| fallback.to_vec(), |o| vec![o])
            };
            if let Some(d) = a.signed {
                push(
                    d,
                    EntryKind::Signed,
                    format!("{} signed", a.label()),
                    org_or(&a.members),
                    vec![],
                );
            }
            for r in &a.ratified {
                push(
                    r.date,
                    EntryKind::Ratified,
                    format!("{} ratified by {}", a.label(), r.actor),
                    vec![r.actor.clone()],
                    r.cite.clone(),
                );
            }
            if let Some(d) = a.in_force
                && Some(d) != a.signed
            {
                push(
                    d,
                    EntryKind::InForce,
                    format!("{} enters into force", a.label()),
                    org_or(&a.members),
                    vec![],
                );
            }
            if let Some(d) = a.ends {
                push(
                    d,
                    EntryKind::Ends,
                    format!("{} ends", a.label()),
                    org_or(&a.members),
                    vec![],
                );
            }
        }
    }
    out.retain(|e| q.window.admits(&e.date));
    if let Some(actor) = &q.actor {
        out.retain(|e| {
            e.actors.iter().chain(&e.targets).any(|a| a == actor)
                || (e.kind != EntryKind::Event
                    && scenario
                        .agreement(e.fact.trim_start_matches("agreement:"))
                        .is_some_and(|a| scenario.all_parties(a).contains(actor)))
        });
    }
    // Stable: equal dates keep scenario order (events before the agreement milestones of that day).
    out.sort_by_key(|a| a.date);
    out
}
