//! Every reference a scenario makes, in one place.
//!
//! Validation (does each reference resolve?) and canonicalisation (rewrite aliases to ids) must agree
//! on where references live; both go through [`Facts::visit_refs`], so adding a field that refers to an
//! actor means changing this file only.

use crate::agreement::Condition;
use crate::origin::Origin;
use crate::scenario::{Facts, Overlay, Scenario};
use crate::source::{Citation, FactKind, LineRange};

/// What a reference must resolve to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefKind {
    Actor,
    Region,
    /// A flashpoint, or an actor (its own territory).
    Place,
    /// A citation's source; the cited line range and place (`at`) come along so they can be checked
    /// against the source (its line count, its sections).
    Source(Option<LineRange>, Option<String>),
    /// A `kind:id` fact reference; the id is given.
    Fact(FactKind),
}

/// A callback over one reference: what it must resolve to, where it was written, and the text.
pub type Visitor<'a> = dyn FnMut(RefKind, Origin, &mut String) + 'a;

fn cites(v: &mut Visitor<'_>, origin: &Origin, cite: &mut [Citation]) {
    for (i, c) in cite.iter_mut().enumerate() {
        v(
            RefKind::Source(c.lines, c.at.clone()),
            origin.item("cite", i).key("source"),
            &mut c.source,
        );
    }
}

fn list(v: &mut Visitor<'_>, kind: RefKind, origin: &Origin, key: &str, items: &mut [String]) {
    for (i, s) in items.iter_mut().enumerate() {
        v(kind.clone(), origin.item(key, i), s);
    }
}

impl Facts {
    /// Calls `v` on every reference in these facts.
    pub fn visit_refs(&mut self, v: &mut Visitor<'_>) {
        for a in &mut self.actors {
            let o = a.origin.clone();
            list(v, RefKind::Region, &o, "regions", &mut a.regions);
            for (i, m) in a.members.iter_mut().enumerate() {
                let mo = if m.origin.path.is_empty() {
                    o.item("members", i)
                } else {
                    m.origin.clone()
                };
                v(RefKind::Actor, mo.key("actor"), &mut m.actor);
                if let Some(org) = &mut m.organisation {
                    v(RefKind::Actor, mo.key("organisation"), org);
                }
                cites(v, &mo, &mut m.cite);
            }
            cites(v, &o, &mut a.cite);
        }
        for m in &mut self.memberships {
            let o = m.origin.clone();
            if let Some(org) = &mut m.organisation {
                v(RefKind::Actor, o.key("organisation"), org);
            }
            v(RefKind::Actor, o.key("actor"), &mut m.actor);
            cites(v, &o, &mut m.cite);
        }
        for r in &mut self.regions {
            let o = r.origin.clone();
            list(v, RefKind::Region, &o, "within", &mut r.within);
            cites(v, &o, &mut r.cite);
        }
        for a in &mut self.agreements {
            let o = a.origin.clone();
            list(v, RefKind::Actor, &o, "members", &mut a.members);
            if let Some(org) = &mut a.organisation {
                v(RefKind::Actor, o.key("organisation"), org);
            }
            for (i, r) in a.ratified.iter_mut().enumerate() {
                let ro = o.item("ratified", i);
                v(RefKind::Actor, ro.key("actor"), &mut r.actor);
                cites(v, &ro, &mut r.cite);
            }
            cites(v, &o, &mut a.cite);
            for (i, p) in a.provisions.iter_mut().enumerate() {
                let po = o.item("provision", i);
                list(v, RefKind::Actor, &po, "obligors", &mut p.obligors);
                list(
                    v,
                    RefKind::Actor,
                    &po,
                    "beneficiaries",
                    &mut p.beneficiaries,
                );
                for (k, c) in p.conditions.iter_mut().enumerate() {
                    let co = po.item("conditions", k);
                    match c {
                        Condition::AdministeredBy { actor } => {
                            v(RefKind::Actor, co.key("actor"), actor)
                        }
                        Condition::Region { regions } => {
                            list(v, RefKind::Region, &co, "regions", regions)
                        }
                        Condition::Place { places } => {
                            list(v, RefKind::Place, &co, "places", places)
                        }
                        Condition::Adversary { actors } | Condition::WarWith { actors } => {
                            list(v, RefKind::Actor, &co, "actors", actors)
                        }
                        Condition::Scope { clauses } => {
                            for (j, cl) in clauses.iter_mut().enumerate() {
                                let clo = co.item("clauses", j);
                                list(v, RefKind::Region, &clo, "regions", &mut cl.regions);
                            }
                        }
                        Condition::AttackedPartyTerritory
                        | Condition::MinAdversaries { .. }
                        | Condition::NonProvocation
                        | Condition::Unresolved { .. } => {}
                    }
                }
                if let Some(n) = &mut p.nuclear_umbrella {
                    let no = po.key("nuclear_umbrella");
                    v(RefKind::Actor, no.key("provider"), &mut n.provider);
                    cites(v, &no, &mut n.cite);
                }
                cites(v, &po, &mut p.cite);
            }
        }
        for c in &mut self.capabilities {
            let o = c.origin.clone();
            v(RefKind::Actor, o.key("actor"), &mut c.actor);
            cites(v, &o, &mut c.cite);
        }
        for f in &mut self.forces {
            let o = f.origin.clone();
            v(RefKind::Actor, o.key("actor"), &mut f.actor);
            cites(v, &o, &mut f.cite);
        }
        for e in &mut self.events {
            let o = e.origin.clone();
            list(v, RefKind::Actor, &o, "actor", &mut e.actor);
            list(v, RefKind::Actor, &o, "target", &mut e.target);
            if let Some(p) = &mut e.place {
                v(RefKind::Place, o.key("place"), p);
            }
            cites(v, &o, &mut e.cite);
        }
        for f in &mut self.flashpoints {
            let o = f.origin.clone();
            list(
                v,
                RefKind::Actor,
                &o,
                "administered_by",
                &mut f.administered_by,
            );
            list(v, RefKind::Actor, &o, "claimants", &mut f.claimants);
            list(v, RefKind::Region, &o, "regions", &mut f.regions);
            if let Some(x) = &mut f.forces_of {
                v(RefKind::Actor, o.key("forces_of"), x);
            }
            for (i, c) in f.crises.iter_mut().enumerate() {
                let co = o.item("crisis", i);
                v(RefKind::Actor, co.key("attacker"), &mut c.attacker);
                v(RefKind::Actor, co.key("target"), &mut c.target);
                cites(v, &co, &mut c.cite);
            }
            cites(v, &o, &mut f.cite);
        }
        for w in &mut self.wars {
            let o = w.origin.clone();
            list(v, RefKind::Actor, &o, "aggressors", &mut w.aggressors);
            list(v, RefKind::Actor, &o, "defenders", &mut w.defenders);
            for (i, m) in w.moves.iter_mut().enumerate() {
                let mo = o.item("move", i);
                v(RefKind::Actor, mo.key("attacker"), &mut m.attacker);
                v(RefKind::Actor, mo.key("target"), &mut m.target);
                if let Some(p) = &mut m.place {
                    v(RefKind::Place, mo.key("place"), p);
                }
                cites(v, &mo, &mut m.cite);
            }
            for (i, j) in w.joined.iter_mut().enumerate() {
                let jo = o.item("joined", i);
                v(RefKind::Actor, jo.key("actor"), &mut j.actor);
                v(RefKind::Actor, jo.key("side_of"), &mut j.side_of);
                if let Some(u) = &mut j.under {
                    v(RefKind::Fact(FactKind::Agreement), jo.key("under"), u);
                }
                cites(v, &jo, &mut j.cite);
            }
            cites(v, &o, &mut w.cite);
        }
        for c in &mut self.issues {
            let o = c.origin.clone();
            for (i, st) in c.stakeholders.iter_mut().enumerate() {
                let so = o.item("stakeholder", i);
                v(RefKind::Actor, so.key("actor"), &mut st.actor);
                cites(v, &so, &mut st.cite);
            }
            cites(v, &o, &mut c.cite);
        }
        for a in &mut self.assessments {
            let o = a.origin.clone();
            list(v, RefKind::Actor, &o, "actors", &mut a.actors);
            list(v, RefKind::Place, &o, "places", &mut a.places);
            cites(v, &o, &mut a.cite);
        }
        for d in &mut self.disagreements {
            let o = d.origin.clone();
            for (i, r) in d.about.iter_mut().enumerate() {
                v(RefKind::Fact(r.kind), o.item("about", i), &mut r.id);
            }
            for (i, c) in d.claims.iter_mut().enumerate() {
                cites(v, &o.item("claim", i), &mut c.cite);
            }
        }
    }
}

impl Overlay {
    /// Calls `v` on every reference the overlay makes, its facts included.
    pub fn visit_refs(&mut self, v: &mut Visitor<'_>) {
        let o = self.origin.clone();
        for (i, r) in self.remove.iter_mut().enumerate() {
            v(RefKind::Fact(r.kind), o.item("remove", i), &mut r.id);
        }
        cites(v, &o, &mut self.cite);
        self.replace.visit_refs(v);
        self.add.visit_refs(v);
    }
}

impl Scenario {
    /// Calls `v` on every reference in the scenario, overlays included.
    pub fn visit_refs(&mut self, v: &mut Visitor<'_>) {
        self.facts.visit_refs(v);
        for o in &mut self.overlays {
            o.visit_refs(v);
        }
    }
}
