//! `cascade --explain STATE`: why a state is where the cascade puts it — on a side and by what, tied
//! to a belligerent but not bound and why, or out with no tie at all, down to the agreements it has
//! that are not in force on the day or bind it to no one at war.

use super::{Cascade, Crisis, How, Rules, Side};
use entente_model::Scenario;
use serde::Serialize;

/// The explanation, line by line.
#[derive(Clone, Debug, Serialize)]
pub struct Why {
    pub actor: String,
    /// "aggressor side", "defending side" or "stays out".
    pub status: String,
    pub reasons: Vec<String>,
}

pub fn why(s: &Scenario, c: &Cascade, crisis: &Crisis, rules: Rules, actor: &str) -> Why {
    let name = |id: &str| s.actor(id).map_or(id.to_string(), |a| a.name.clone());
    let mut reasons = Vec::new();
    if let Some(e) = c
        .waves
        .iter()
        .flat_map(|w| &w.entries)
        .find(|e| e.actor == actor)
    {
        let how = match &e.how {
            How::Attacker => "it attacks: the war's first move".to_string(),
            How::Target => "it is attacked".to_string(),
            How::Strike {
                attacker,
                victim,
                place,
            } => {
                format!("{attacker} strikes {victim} at {place} (an assumption of the crisis)")
            }
            How::Join { side_of } => format!("it joins {side_of}'s side by its own choice"),
            How::Obligation(r) => format!(
                "{} {} ({}) owed to {}: {}",
                r.agreement_name, r.article, r.kind, r.owed_to, r.because
            ),
        };
        reasons.push(how);
        for a in &e.also {
            reasons.push(format!(
                "also: {} {} owed to {}",
                a.agreement_name, a.article, a.owed_to
            ));
        }
        return Why {
            actor: actor.into(),
            status: e.side.to_string(),
            reasons,
        };
    }
    for x in c.stays_out.iter().filter(|x| x.actor == actor) {
        reasons.push(format!(
            "{} {} (tie to {}): {}",
            x.agreement_name,
            x.article,
            x.tie_to,
            x.reasons.join("; ")
        ));
    }
    for u in c.unresolved.iter().filter(|u| u.obligor == actor) {
        reasons.push(format!(
            "{} {} owed to {}: conditional on what the data does not specify ({})",
            u.agreement,
            u.article,
            u.owed_to,
            u.conditions.join("; ")
        ));
    }
    if reasons.is_empty() {
        let at_war: Vec<&String> = c.aggressor_side.iter().chain(&c.defending_side).collect();
        let mut any = false;
        for a in &s.facts.agreements {
            let parties = s.all_parties(a);
            if !parties.iter().any(|p| p == actor) {
                continue;
            }
            any = true;
            let partners: Vec<&String> = parties
                .iter()
                .filter(|p| *p != actor && at_war.contains(p))
                .collect();
            let in_force = a.in_force_on(crisis.day, rules.by_signature);
            let with = partners
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let when = a
                .in_force
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into());
            if partners.is_empty() {
                reasons.push(format!("{}: no party of it is at war", a.label()));
            } else if !in_force {
                reasons.push(format!(
                    "{} (with {with}): not in force on {} (in force {when}{})",
                    a.label(),
                    c.date,
                    a.ends.map(|e| format!(", ended {e}")).unwrap_or_default()
                ));
            } else if !s.parties_on(a, crisis.day).iter().any(|p| p == actor) {
                reasons.push(format!(
                    "{} (with {with}): {} is not a full party on {} (a partner or observer, or not yet a member)",
                    a.label(),
                    name(actor),
                    c.date
                ));
            } else {
                reasons.push(format!(
                    "{} (with {with}): no provision of it obliges {} to anyone at war",
                    a.label(),
                    name(actor)
                ));
            }
        }
        for (org, m) in s
            .memberships_of(actor)
            .filter(|(_, m)| m.holds_on(crisis.day))
        {
            let with: Vec<&str> = org
                .members
                .iter()
                .filter(|x| x.holds_on(crisis.day) && at_war.contains(&&x.actor))
                .map(|x| x.actor.as_str())
                .collect();
            let charter = s
                .facts
                .agreements
                .iter()
                .any(|a| a.organisation.as_deref() == Some(org.id.as_str()));
            if !with.is_empty() && !charter {
                any = true;
                reasons.push(format!(
                    "{} {} of {} with {}: the scenario records no agreement of {} that obliges its members to anything in war",
                    name(actor),
                    m.role,
                    org.id,
                    with.join(", "),
                    org.id
                ));
            }
        }
        if !any {
            reasons.push(format!(
                "{} is party to no agreement in this world: nothing ties it to the belligerents",
                name(actor)
            ));
        }
    }
    let status = if c.aggressor_side.iter().any(|x| x == actor) {
        Side::Aggressor.to_string()
    } else if c.defending_side.iter().any(|x| x == actor) {
        Side::Defender.to_string()
    } else {
        "stays out".to_string()
    };
    Why {
        actor: actor.into(),
        status,
        reasons,
    }
}
