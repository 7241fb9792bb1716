//! The same crisis on two worlds (a scenario and an overlay of it): who changes side, whose odds move.

use super::{Cascade, McResult, Side};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Serialize)]
pub struct SideChange {
    pub actor: String,
    pub base: Option<Side>,
    pub other: Option<Side>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OddsChange {
    pub actor: String,
    pub base_aggressor: f64,
    pub other_aggressor: f64,
    pub base_defender: f64,
    pub other_defender: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub base: String,
    pub other: String,
    /// Actors on a different side (or in versus out) in the deterministic cascade.
    pub changed: Vec<SideChange>,
    /// Actors whose Monte Carlo probabilities differ.
    pub odds: Vec<OddsChange>,
    /// Change in expected coalition capability, [aggressor, defender], in the Monte Carlo's measure.
    pub capability_change: Option<[f64; 2]>,
}

fn side(c: &Cascade, a: &str) -> Option<Side> {
    if c.aggressor_side.iter().any(|x| x == a) {
        Some(Side::Aggressor)
    } else if c.defending_side.iter().any(|x| x == a) {
        Some(Side::Defender)
    } else {
        None
    }
}

/// The states on either side in either world.
fn at_war<'a>(base: &'a Cascade, other: &'a Cascade) -> BTreeSet<&'a String> {
    base.aggressor_side
        .iter()
        .chain(&base.defending_side)
        .chain(&other.aggressor_side)
        .chain(&other.defending_side)
        .collect()
}

pub fn compare(
    base_label: &str,
    base: &Cascade,
    other_label: &str,
    other: &Cascade,
    base_mc: Option<&McResult>,
    other_mc: Option<&McResult>,
) -> Comparison {
    let all = at_war(base, other);
    let changed = all
        .into_iter()
        .filter_map(|a| {
            let (b, o) = (side(base, a), side(other, a));
            (b != o).then(|| SideChange {
                actor: a.clone(),
                base: b,
                other: o,
            })
        })
        .collect();
    let mut odds = Vec::new();
    let mut capability_change = None;
    if let (Some(b), Some(o)) = (base_mc, other_mc) {
        let actors: BTreeSet<&String> = b
            .actors
            .iter()
            .map(|x| &x.actor)
            .chain(o.actors.iter().map(|x| &x.actor))
            .collect();
        let get = |r: &McResult, a: &str| {
            r.actors
                .iter()
                .find(|x| x.actor == a)
                .map_or((0.0, 0.0), |x| (x.p_aggressor, x.p_defender))
        };
        for a in actors {
            let (ba, bd) = get(b, a);
            let (oa, od) = get(o, a);
            if ba != oa || bd != od {
                odds.push(OddsChange {
                    actor: a.clone(),
                    base_aggressor: ba,
                    other_aggressor: oa,
                    base_defender: bd,
                    other_defender: od,
                });
            }
        }
        odds.sort_by(|x, y| {
            let dx = (x.other_aggressor - x.base_aggressor).abs()
                + (x.other_defender - x.base_defender).abs();
            let dy = (y.other_aggressor - y.base_aggressor).abs()
                + (y.other_defender - y.base_defender).abs();
            dy.total_cmp(&dx).then_with(|| x.actor.cmp(&y.actor))
        });
        capability_change = Some([
            o.capability[0].expected - b.capability[0].expected,
            o.capability[1].expected - b.capability[1].expected,
        ]);
    }
    Comparison {
        base: base_label.to_string(),
        other: other_label.to_string(),
        changed,
        odds,
        capability_change,
    }
}

/// A change between two worlds that the sides and odds do not show: a consultation tie the war
/// triggers, an organisation a belligerent belongs to, a force item it holds.
#[derive(Clone, Debug, Serialize)]
pub struct WorldChange {
    /// "consultation", "membership" or "force".
    pub what: &'static str,
    pub actor: String,
    pub base: String,
    pub other: String,
}

/// What else differs between the same crisis on two worlds, for the states in the war (either side,
/// in either world): consultation obligations triggered, memberships on the war's day, force items.
/// An option such as the Aegis build-up changes no alliance obligation; this is where it shows.
pub fn world_changes(
    base_s: &entente_model::Scenario,
    base: &Cascade,
    other_s: &entente_model::Scenario,
    other: &Cascade,
    day: i32,
) -> Vec<WorldChange> {
    let in_war = at_war(base, other);
    let mut out = Vec::new();
    let consults = |c: &Cascade| -> BTreeSet<(String, String)> {
        c.consultations
            .iter()
            .map(|x| {
                (
                    x.obligor.clone(),
                    format!("consults {} ({} {})", x.with, x.agreement, x.article),
                )
            })
            .collect()
    };
    let (cb, co) = (consults(base), consults(other));
    for (actor, what) in cb.difference(&co) {
        out.push(WorldChange {
            what: "consultation",
            actor: actor.clone(),
            base: what.clone(),
            other: "—".into(),
        });
    }
    for (actor, what) in co.difference(&cb) {
        out.push(WorldChange {
            what: "consultation",
            actor: actor.clone(),
            base: "—".into(),
            other: what.clone(),
        });
    }
    for actor in in_war {
        let members = |s: &entente_model::Scenario| -> BTreeSet<String> {
            s.memberships_of(actor)
                .filter(|(_, m)| m.holds_on(day))
                .map(|(org, m)| format!("{} {}", org.id, m.role))
                .collect()
        };
        let (mb, mo) = (members(base_s), members(other_s));
        if mb != mo {
            out.push(WorldChange {
                what: "membership",
                actor: actor.clone(),
                base: mb.into_iter().collect::<Vec<_>>().join(", "),
                other: mo.into_iter().collect::<Vec<_>>().join(", "),
            });
        }
        let forces = |s: &entente_model::Scenario| -> BTreeSet<String> {
            s.facts
                .forces
                .iter()
                .filter(|f| &f.actor == actor)
                .map(|f| {
                    let when = f.as_of.map(|d| format!(", {d}")).unwrap_or_default();
                    format!("{}: {} ({}{when})", f.item, f.count, f.status)
                })
                .collect()
        };
        let (fb, fo) = (forces(base_s), forces(other_s));
        let gone: Vec<&String> = fb.difference(&fo).collect();
        let new: Vec<&String> = fo.difference(&fb).collect();
        if !gone.is_empty() || !new.is_empty() {
            out.push(WorldChange {
                what: "force",
                actor: actor.clone(),
                base: gone
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                other: new
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
    }
    out
}
