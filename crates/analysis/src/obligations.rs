//! Obligations spelled out: each provision expanded into directed obligations (obligor → beneficiary),
//! with the conditions in words and, where a scope limits the obligation, what that means for this
//! pair. This is the table an analyst otherwise builds by reading the treaty.

use entente_model::{
    Agreement, Citation, Condition, Confidence, Provision, ProvisionKind, Scenario,
};
use serde::Serialize;

/// One directed obligation of one provision.
#[derive(Clone, Debug, Serialize)]
pub struct Obligation {
    pub agreement: String,
    pub agreement_name: String,
    pub article: String,
    pub kind: ProvisionKind,
    /// Who owes the obligation.
    pub obligor: String,
    /// To whom.
    pub beneficiary: String,
    /// The conditions in words; empty when unconditional.
    pub scope: Vec<String>,
    /// What the scope means for this pair, when it narrows it (US–Japan Art. V for Japan's duty to the US).
    pub reading: Option<String>,
    /// Whether some condition is flagged but unspecified (ATOP yes/no flags).
    pub unresolved: bool,
    pub summary: String,
    pub in_force: Option<String>,
    pub ends: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// The parties who owe and are owed a provision, defaults applied. For an organisation's agreement
/// without a date, everyone who was ever a full member.
pub fn parties(
    scenario: &Scenario,
    agreement: &Agreement,
    provision: &Provision,
    day: Option<i32>,
) -> (Vec<String>, Vec<String>) {
    let all = match day {
        Some(d) => scenario.parties_on(agreement, d),
        None => scenario.all_parties(agreement),
    };
    let pick = |v: &Vec<String>| if v.is_empty() { all.clone() } else { v.clone() };
    (pick(&provision.obligors), pick(&provision.beneficiaries))
}

/// What a provision's conditions mean for one obligor–beneficiary pair, when they narrow it.
fn reading(scenario: &Scenario, p: &Provision, obligor: &str, beneficiary: &str) -> Option<String> {
    let name = |id: &str| {
        scenario
            .actor(id)
            .map_or(id.to_string(), |a| a.name.clone())
    };
    let mut out = Vec::new();
    for c in &p.conditions {
        match c {
            Condition::AdministeredBy { actor } if actor != beneficiary => out.push(format!(
                "{} is bound only by an attack on {} in territory {} administers (e.g. on {} forces there), never for {} territory elsewhere",
                name(obligor),
                name(beneficiary),
                name(actor),
                name(beneficiary),
                name(beneficiary)
            )),
            Condition::AdministeredBy { actor } => out.push(format!(
                "{} is bound by an attack on {} in territory {} administers",
                name(obligor),
                name(beneficiary),
                name(actor)
            )),
            Condition::AttackedPartyTerritory => out.push(format!(
                "{} is bound only by an attack on {} in territory {} itself administers",
                name(obligor),
                name(beneficiary),
                name(beneficiary)
            )),
            _ => {}
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// Every directed obligation of a provision. On `day`, an organisation's agreement binds its members
/// then; without a day, everyone who was ever a member.
pub fn expand(
    scenario: &Scenario,
    agreement: &Agreement,
    provision: &Provision,
    day: Option<i32>,
) -> Vec<Obligation> {
    let (obligors, beneficiaries) = parties(scenario, agreement, provision, day);
    let mut out = Vec::new();
    for o in &obligors {
        for b in &beneficiaries {
            if o == b {
                continue;
            }
            out.push(Obligation {
                agreement: agreement.id.clone(),
                agreement_name: agreement.label().to_string(),
                article: provision.article.clone(),
                kind: provision.kind,
                obligor: o.clone(),
                beneficiary: b.clone(),
                scope: provision
                    .conditions
                    .iter()
                    .map(Condition::describe)
                    .collect(),
                reading: reading(scenario, provision, o, b),
                unresolved: provision
                    .conditions
                    .iter()
                    .any(|c| matches!(c, Condition::Unresolved { .. })),
                summary: provision.summary.clone(),
                in_force: agreement.in_force.map(|d| d.to_string()),
                ends: agreement.ends.map(|d| d.to_string()),
                confidence: provision.confidence.unwrap_or(agreement.confidence),
                cite: if provision.cite.is_empty() {
                    agreement.cite.clone()
                } else {
                    provision.cite.clone()
                },
            });
        }
    }
    out
}

/// Every obligation of every provision in the scenario, optionally only those in force on `day`.
pub fn all(scenario: &Scenario, day: Option<i32>) -> Vec<Obligation> {
    scenario
        .facts
        .agreements
        .iter()
        .filter(|a| day.is_none_or(|d| a.in_force_on(d, false)))
        .flat_map(|a| {
            a.provisions
                .iter()
                .flat_map(move |p| expand(scenario, a, p, day))
        })
        .collect()
}
