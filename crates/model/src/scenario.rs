//! A scenario: a world (actors, agreements, capabilities, events, flashpoints, with their sources) at
//! a date, plus named overlays that change it for counterfactuals and options.

use crate::actor::{Actor, Membership};
use crate::agreement::Agreement;
use crate::assessment::Assessment;
use crate::capability::{Capability, ForceItem};
use crate::date::PartialDate;
use crate::event::Event;
use crate::origin::Origin;
use crate::place::{Flashpoint, Region};
use crate::source::{Citation, Confidence, Disagreement, FactKind, FactRef, Source};
use crate::war::War;
use serde::{Deserialize, Serialize};

/// What the scenario is: its id, title and the date it describes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInfo {
    pub id: String,
    pub title: String,
    /// The date the world is described at; analyses default to it.
    pub as_of: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Overlays applied to reach this state, in order (set by [`Scenario::with_overlay`]).
    #[serde(skip)]
    pub applied_overlays: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The facts of a world, each kind in its own list. Also the shape of an overlay's `add` and
/// `replace` sections.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default, rename = "source", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, rename = "actor", skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// Memberships written on their own (`[[membership]]` with `organisation`); merged into their
    /// organisations by [`Scenario::merge_memberships`].
    #[serde(default, rename = "membership", skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    #[serde(default, rename = "region", skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    #[serde(default, rename = "agreement", skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    #[serde(default, rename = "capability", skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<Capability>,
    #[serde(default, rename = "force", skip_serializing_if = "Vec::is_empty")]
    pub forces: Vec<ForceItem>,
    #[serde(default, rename = "event", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(default, rename = "flashpoint", skip_serializing_if = "Vec::is_empty")]
    pub flashpoints: Vec<Flashpoint>,
    #[serde(
        default,
        rename = "disagreement",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub disagreements: Vec<Disagreement>,
    #[serde(default, rename = "assessment", skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    #[serde(default, rename = "war", skip_serializing_if = "Vec::is_empty")]
    pub wars: Vec<War>,
    #[serde(default, rename = "issue", skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<crate::contest::Contest>,
}

/// A named change to a scenario: facts removed, replaced and added.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<FactRef>,
    /// Facts whose ids already exist, in their new form.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub replace: Facts,
    /// New facts; their ids must not exist yet.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub add: Facts,
    /// The date the overlay's world describes, when it moves the scenario's (an option completed in
    /// 2028). Without it the overlay applies at the scenario's date: give its facts dates on or
    /// before that date, or they will not yet hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// Why the overlay exists: the text that proposes the option or the counterfactual.
    pub cite: Vec<Citation>,
    #[serde(default = "assumed")]
    pub confidence: Confidence,
    #[serde(skip)]
    pub origin: Origin,
}

fn assumed() -> Confidence {
    Confidence::Assumed
}

/// A whole scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    #[serde(rename = "scenario")]
    pub info: ScenarioInfo,
    #[serde(flatten)]
    pub facts: Facts,
    #[serde(rename = "overlay", skip_serializing_if = "Vec::is_empty")]
    pub overlays: Vec<Overlay>,
}

impl Facts {
    pub fn is_empty(&self) -> bool {
        self.counts().iter().all(|(_, n)| *n == 0)
    }

    /// How many facts of each kind.
    pub fn counts(&self) -> Vec<(FactKind, usize)> {
        let memberships =
            self.memberships.len() + self.actors.iter().map(|a| a.members.len()).sum::<usize>();
        vec![
            (FactKind::Source, self.sources.len()),
            (FactKind::Actor, self.actors.len()),
            (FactKind::Membership, memberships),
            (FactKind::Region, self.regions.len()),
            (FactKind::Agreement, self.agreements.len()),
            (FactKind::Capability, self.capabilities.len()),
            (FactKind::Force, self.forces.len()),
            (FactKind::Event, self.events.len()),
            (FactKind::Flashpoint, self.flashpoints.len()),
            (FactKind::Disagreement, self.disagreements.len()),
            (FactKind::Assessment, self.assessments.len()),
            (FactKind::War, self.wars.len()),
            (FactKind::Issue, self.issues.len()),
        ]
    }

    /// Appends every fact of `other`.
    pub fn extend(&mut self, other: Facts) {
        self.sources.extend(other.sources);
        self.actors.extend(other.actors);
        self.memberships.extend(other.memberships);
        self.regions.extend(other.regions);
        self.agreements.extend(other.agreements);
        self.capabilities.extend(other.capabilities);
        self.forces.extend(other.forces);
        self.events.extend(other.events);
        self.flashpoints.extend(other.flashpoints);
        self.disagreements.extend(other.disagreements);
        self.assessments.extend(other.assessments);
        self.wars.extend(other.wars);
        self.issues.extend(other.issues);
    }

    /// The ids of the facts in these lists, as references. Memberships inside organisations count.
    pub fn refs(&self) -> Vec<FactRef> {
        let r = |kind, id: &str| FactRef {
            kind,
            id: id.to_string(),
        };
        let mut out = Vec::new();
        out.extend(self.sources.iter().map(|x| r(FactKind::Source, &x.id)));
        out.extend(self.actors.iter().map(|x| r(FactKind::Actor, &x.id)));
        for org in &self.actors {
            out.extend(
                org.members
                    .iter()
                    .map(|m| r(FactKind::Membership, &format!("{}/{}", org.id, m.actor))),
            );
        }
        for m in &self.memberships {
            let org = m.organisation.as_deref().unwrap_or_default();
            out.push(r(FactKind::Membership, &format!("{org}/{}", m.actor)));
        }
        out.extend(self.regions.iter().map(|x| r(FactKind::Region, &x.id)));
        out.extend(
            self.agreements
                .iter()
                .map(|x| r(FactKind::Agreement, &x.id)),
        );
        out.extend(
            self.capabilities
                .iter()
                .map(|x| r(FactKind::Capability, &x.key())),
        );
        out.extend(self.forces.iter().map(|x| r(FactKind::Force, &x.id)));
        out.extend(self.events.iter().map(|x| r(FactKind::Event, &x.id)));
        out.extend(
            self.flashpoints
                .iter()
                .map(|x| r(FactKind::Flashpoint, &x.id)),
        );
        out.extend(
            self.disagreements
                .iter()
                .map(|x| r(FactKind::Disagreement, &x.id)),
        );
        out.extend(
            self.assessments
                .iter()
                .map(|x| r(FactKind::Assessment, &x.id)),
        );
        out.extend(self.wars.iter().map(|x| r(FactKind::War, &x.id)));
        out.extend(self.issues.iter().map(|x| r(FactKind::Issue, &x.id)));
        out
    }

    /// Removes the fact `r` refers to (ids compared exactly: canonicalise first). Returns whether one
    /// was removed.
    pub fn remove(&mut self, r: &FactRef) -> bool {
        fn drop<T>(v: &mut Vec<T>, keep: impl Fn(&T) -> bool) -> bool {
            let before = v.len();
            v.retain(keep);
            v.len() != before
        }
        let id = r.id.as_str();
        match r.kind {
            FactKind::Source => drop(&mut self.sources, |x| x.id != id),
            FactKind::Actor => drop(&mut self.actors, |x| x.id != id),
            FactKind::Membership => {
                let Some((org, member)) = id.split_once('/') else {
                    return false;
                };
                let standalone = drop(&mut self.memberships, |m| {
                    !(m.organisation.as_deref() == Some(org) && m.actor == member)
                });
                let inline = self
                    .actors
                    .iter_mut()
                    .filter(|a| a.id == org)
                    .any(|a| drop(&mut a.members, |m| m.actor != member));
                standalone || inline
            }
            FactKind::Region => drop(&mut self.regions, |x| x.id != id),
            FactKind::Agreement => drop(&mut self.agreements, |x| x.id != id),
            FactKind::Capability => drop(&mut self.capabilities, |x| x.key() != id),
            FactKind::Force => drop(&mut self.forces, |x| x.id != id),
            FactKind::Event => drop(&mut self.events, |x| x.id != id),
            FactKind::Flashpoint => drop(&mut self.flashpoints, |x| x.id != id),
            FactKind::Disagreement => drop(&mut self.disagreements, |x| x.id != id),
            FactKind::Assessment => drop(&mut self.assessments, |x| x.id != id),
            FactKind::War => drop(&mut self.wars, |x| x.id != id),
            FactKind::Issue => drop(&mut self.issues, |x| x.id != id),
        }
    }

    /// Replaces facts with the same id by those in `new`, keeping their position.
    pub fn replace(&mut self, new: Facts) {
        fn put<T: Clone>(v: &mut [T], new: Vec<T>, key: impl Fn(&T) -> String) {
            for n in new {
                if let Some(slot) = v.iter_mut().find(|x| key(x) == key(&n)) {
                    *slot = n;
                }
            }
        }
        put(&mut self.sources, new.sources, |x| x.id.clone());
        put(&mut self.actors, new.actors, |x| x.id.clone());
        put(&mut self.regions, new.regions, |x| x.id.clone());
        put(&mut self.agreements, new.agreements, |x| x.id.clone());
        put(&mut self.capabilities, new.capabilities, |x| x.key());
        put(&mut self.forces, new.forces, |x| x.id.clone());
        put(&mut self.events, new.events, |x| x.id.clone());
        put(&mut self.flashpoints, new.flashpoints, |x| x.id.clone());
        put(&mut self.disagreements, new.disagreements, |x| x.id.clone());
        put(&mut self.assessments, new.assessments, |x| x.id.clone());
        put(&mut self.wars, new.wars, |x| x.id.clone());
        put(&mut self.issues, new.issues, |x| x.id.clone());
        for m in new.memberships {
            let org = m.organisation.clone().unwrap_or_default();
            self.remove(&FactRef {
                kind: FactKind::Membership,
                id: format!("{org}/{}", m.actor),
            });
            self.memberships.push(m);
        }
    }
}

impl Scenario {
    pub fn overlay(&self, id: &str) -> Option<&Overlay> {
        self.overlays.iter().find(|o| o.id == id)
    }

    /// This scenario with the overlay `id` applied: removals, then replacements, then additions.
    /// The result keeps the overlays (so several can be applied in turn) and records the applied one.
    pub fn with_overlay(&self, id: &str) -> Option<Scenario> {
        let overlay = self.overlay(id)?.clone();
        let mut next = self.clone();
        for r in &overlay.remove {
            next.facts.remove(r);
        }
        next.facts.replace(overlay.replace);
        next.facts.extend(overlay.add);
        next.merge_memberships();
        if let Some(d) = overlay.as_of {
            next.info.as_of = d;
        }
        next.info.applied_overlays.push(overlay.id);
        Some(next)
    }

    /// Moves memberships written on their own into their organisations' member lists. Memberships
    /// whose organisation is unknown stay where they are (validation reports them).
    pub fn merge_memberships(&mut self) {
        let pending = std::mem::take(&mut self.facts.memberships);
        for m in pending {
            let org = m.organisation.clone().unwrap_or_default();
            match self.facts.actors.iter_mut().find(|a| a.id == org) {
                Some(a) => {
                    let mut m = m;
                    m.organisation = None;
                    a.members.push(m);
                }
                None => self.facts.memberships.push(m),
            }
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.facts.actors.iter().find(|a| a.id == id)
    }

    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.facts.agreements.iter().find(|a| a.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.facts.sources.iter().find(|s| s.id == id)
    }

    pub fn flashpoint(&self, id: &str) -> Option<&Flashpoint> {
        self.facts.flashpoints.iter().find(|f| f.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.facts.regions.iter().find(|r| r.id == id)
    }

    /// The organisations `actor` belongs to, with each membership.
    pub fn memberships_of<'a>(
        &'a self,
        actor: &'a str,
    ) -> impl Iterator<Item = (&'a Actor, &'a Membership)> + 'a {
        self.facts.actors.iter().flat_map(move |org| {
            org.members
                .iter()
                .filter(move |m| m.actor == actor)
                .map(move |m| (org, m))
        })
    }

    /// The parties to an agreement on `day`: its members, or its organisation's full members then.
    pub fn parties_on(&self, agreement: &Agreement, day: i32) -> Vec<String> {
        match &agreement.organisation {
            Some(org) => self
                .actor(org)
                .map(|o| {
                    o.members_on(day, crate::actor::MemberRole::Member)
                        .map(|m| m.actor.clone())
                        .collect()
                })
                .unwrap_or_default(),
            None => agreement.members.clone(),
        }
    }

    /// Every party an agreement has ever had (its members, or everyone who was ever a full member of
    /// its organisation).
    pub fn all_parties(&self, agreement: &Agreement) -> Vec<String> {
        match &agreement.organisation {
            Some(org) => self
                .actor(org)
                .map(|o| {
                    o.members
                        .iter()
                        .filter(|m| m.role == crate::actor::MemberRole::Member)
                        .map(|m| m.actor.clone())
                        .collect()
                })
                .unwrap_or_default(),
            None => agreement.members.clone(),
        }
    }

    /// Whether `region` is `ancestor` or lies within it, following `within` transitively.
    pub fn region_within(&self, region: &str, ancestor: &str) -> bool {
        let mut stack = vec![region.to_string()];
        let mut seen = std::collections::HashSet::new();
        while let Some(r) = stack.pop() {
            if r == ancestor {
                return true;
            }
            if seen.insert(r.clone())
                && let Some(reg) = self.region(&r)
            {
                stack.extend(reg.within.iter().cloned());
            }
        }
        false
    }
}
