//! Everything the scenario says about one actor: what it is, where it belongs, what it owes and is
//! owed under which article, what it has, what it did, where it is a party to a dispute.

use crate::obligations::{self, Obligation};
use entente_model::{
    Actor, ActorKind, Assessment, Capability, Citation, Confidence, Disagreement, Event, FactKind,
    ForceItem, MemberRole, PartialDate, Scenario,
};
use serde::Serialize;

/// An actor's membership of an organisation, or (for an organisation) one of its members.
#[derive(Clone, Debug, Serialize)]
pub struct MembershipRow {
    pub organisation: String,
    pub member: String,
    pub role: MemberRole,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// Whether the membership holds on the profile's date.
    pub current: bool,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// A flashpoint where the actor administers or claims territory.
#[derive(Clone, Debug, Serialize)]
pub struct FlashpointRole {
    pub flashpoint: String,
    pub name: String,
    pub administers: bool,
    pub claims: bool,
    pub administered_by: Vec<String>,
    pub claimants: Vec<String>,
}

/// The full profile.
#[derive(Clone, Debug, Serialize)]
pub struct Profile<'a> {
    pub actor: &'a Actor,
    /// The date memberships and agreements are judged at.
    pub date: PartialDate,
    pub memberships: Vec<MembershipRow>,
    /// Obligations the actor owes.
    pub owes: Vec<Obligation>,
    /// Obligations owed to the actor.
    pub owed: Vec<Obligation>,
    pub capabilities: Vec<&'a Capability>,
    pub forces: Vec<&'a ForceItem>,
    pub events: Vec<&'a Event>,
    pub flashpoints: Vec<FlashpointRole>,
    pub assessments: Vec<&'a Assessment>,
    pub disagreements: Vec<&'a Disagreement>,
}

/// The profile of actor `id` (a canonical id) as of `date`.
pub fn profile<'a>(scenario: &'a Scenario, id: &str, date: PartialDate) -> Option<Profile<'a>> {
    let actor = scenario.actor(id)?;
    let day = date.latest().or(date.earliest()).unwrap_or(0);
    let row = |org: &Actor, m: &entente_model::Membership| MembershipRow {
        organisation: org.id.clone(),
        member: m.actor.clone(),
        role: m.role,
        from: m.from,
        until: m.until,
        current: m.holds_on(day),
        confidence: m.confidence.unwrap_or(org.confidence),
        cite: if m.cite.is_empty() {
            org.cite.clone()
        } else {
            m.cite.clone()
        },
    };
    let memberships: Vec<MembershipRow> = match actor.kind {
        ActorKind::State => scenario
            .memberships_of(id)
            .map(|(org, m)| row(org, m))
            .collect(),
        ActorKind::Organisation => actor.members.iter().map(|m| row(actor, m)).collect(),
    };
    // Obligations: for organisations' agreements, judged at the date (membership then).
    let mut owes = Vec::new();
    let mut owed = Vec::new();
    for a in &scenario.facts.agreements {
        let is_party = scenario.all_parties(a).iter().any(|p| p == id)
            || a.organisation.as_deref() == Some(id);
        if !is_party {
            continue;
        }
        let on = a.organisation.as_ref().map(|_| day);
        for p in &a.provisions {
            for o in obligations::expand(scenario, a, p, on) {
                if o.obligor == id {
                    owes.push(o.clone());
                }
                if o.beneficiary == id {
                    owed.push(o);
                }
            }
        }
    }
    let mut events: Vec<&Event> = scenario
        .facts
        .events
        .iter()
        .filter(|e| e.actor.iter().chain(&e.target).any(|a| a == id))
        .collect();
    events.sort_by_key(|a| a.date);
    let flashpoints = scenario
        .facts
        .flashpoints
        .iter()
        .filter(|f| {
            f.administered_by
                .iter()
                .chain(&f.claimants)
                .any(|a| a == id)
        })
        .map(|f| FlashpointRole {
            flashpoint: f.id.clone(),
            name: f.name.clone(),
            administers: f.administered_by.iter().any(|a| a == id),
            claims: f.claimants.iter().any(|a| a == id),
            administered_by: f.administered_by.clone(),
            claimants: f.claimants.clone(),
        })
        .collect();
    let mut capabilities: Vec<&Capability> = scenario
        .facts
        .capabilities
        .iter()
        .filter(|c| c.actor == id)
        .collect();
    capabilities.sort_by_key(|c| c.year);
    let forces = scenario
        .facts
        .forces
        .iter()
        .filter(|f| f.actor == id)
        .collect();
    let assessments = scenario
        .facts
        .assessments
        .iter()
        .filter(|a| a.actors.iter().any(|x| x == id))
        .collect();
    // Disagreements about this actor's facts: its events, force items, agreements it is party to.
    let mine = |kind: FactKind, fid: &str| -> bool {
        match kind {
            FactKind::Event => events.iter().any(|e| e.id == fid),
            FactKind::Force => scenario
                .facts
                .forces
                .iter()
                .any(|f| f.id == fid && f.actor == id),
            FactKind::Agreement => owes.iter().chain(&owed).any(|o| o.agreement == fid),
            FactKind::Actor => fid == id,
            _ => false,
        }
    };
    let disagreements = scenario
        .facts
        .disagreements
        .iter()
        .filter(|d| d.about.iter().any(|r| mine(r.kind, &r.id)))
        .collect();
    Some(Profile {
        actor,
        date,
        memberships,
        owes,
        owed,
        capabilities,
        forces,
        events,
        flashpoints,
        assessments,
        disagreements,
    })
}
