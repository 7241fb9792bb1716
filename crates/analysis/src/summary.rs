//! A scenario at a glance: what it holds, and the wartime commitments in force on its date, one row per
//! provision (an organisation's article as one row, not one per pair of members).

use entente_model::{Condition, FactKind, PartialDate, ProvisionKind, Scenario};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Commitment {
    pub agreement: String,
    pub agreement_name: String,
    pub article: String,
    pub kind: ProvisionKind,
    /// Obligors, or "NATO members (32)" for an organisation's article.
    pub obligors: String,
    pub beneficiaries: String,
    pub scope: Vec<String>,
    pub nuclear_umbrella: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub as_of: PartialDate,
    pub applied_overlays: Vec<String>,
    pub counts: Vec<(String, usize)>,
    pub commitments: Vec<Commitment>,
    pub disagreements: usize,
    pub overlays: Vec<(String, String)>,
}

pub fn summary(s: &Scenario) -> Summary {
    let day = s.info.as_of.latest().unwrap_or(0);
    let mut commitments = Vec::new();
    for a in &s.facts.agreements {
        if !a.in_force_on(day, false) {
            continue;
        }
        let parties = s.parties_on(a, day);
        let group = |v: &Vec<String>| -> String {
            match (&a.organisation, v.is_empty()) {
                (Some(org), true) => format!("{org} members ({})", parties.len()),
                (_, true) => parties.join(", "),
                (_, false) => v.join(", "),
            }
        };
        for p in a
            .provisions
            .iter()
            .filter(|p| p.kind != ProvisionKind::Cooperation)
        {
            commitments.push(Commitment {
                agreement: a.id.clone(),
                agreement_name: a.label().to_string(),
                article: p.article.clone(),
                kind: p.kind,
                obligors: group(&p.obligors),
                beneficiaries: group(&p.beneficiaries),
                scope: p.conditions.iter().map(Condition::describe).collect(),
                nuclear_umbrella: p
                    .nuclear_umbrella
                    .as_ref()
                    .map(|n| format!("{} ({})", n.provider, n.confidence)),
            });
        }
    }
    commitments.sort_by_key(|c| c.kind);
    Summary {
        id: s.info.id.clone(),
        title: s.info.title.clone(),
        as_of: s.info.as_of,
        applied_overlays: s.info.applied_overlays.clone(),
        counts: s
            .facts
            .counts()
            .into_iter()
            .filter(|(k, _)| *k != FactKind::Disagreement)
            .map(|(k, n)| (k.name().to_string(), n))
            .collect(),
        commitments,
        disagreements: s.facts.disagreements.len(),
        overlays: s
            .overlays
            .iter()
            .map(|o| (o.id.clone(), o.title.clone()))
            .collect(),
    }
}
