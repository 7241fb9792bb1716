//! Crises inside a war already under way.
//!
//! A recorded [`War`] fixes who struck first. A crisis whose attacker is on the side that was
//! attacked — Ukraine's incursion into Kursk in the war Russia began — is a counter-attack, so the
//! cascade starts from the war's opening move and adds the crisis as a strike. Whether a defence
//! treaty then binds the original aggressor's partners is the reading the rules switch:
//! strictly (the default), an aggressor struck back is not "put in a state of war by an armed
//! invasion"; with `counter_attack_triggers` it is, which is how Moscow and Pyongyang frame North
//! Korea's deployment to Kursk (recorded as the war's `joined` entry, with its source).

use super::{Crisis, CrisisError, Rules, Side, Strike};
use entente_model::{Place, Scenario, War};
use serde::Serialize;

/// How a crisis sits inside a recorded war.
#[derive(Clone, Debug, Serialize)]
pub struct InWar {
    pub war: String,
    pub name: String,
    pub began: String,
    /// The crisis's attacker is on the side the war's aggressor attacked.
    pub counter_attack: bool,
    /// The crisis as the cascade runs it: the war's opening attack, then the crisis as a strike.
    pub crisis: Crisis,
    /// The reading in words, for the output.
    pub reading: String,
}

fn side(w: &War, actor: &str, day: i32) -> Option<bool> {
    w.side_of(actor).or_else(|| {
        w.joined
            .iter()
            .find(|j| j.actor == actor && j.from.certainly_on_or_before(day))
            .and_then(|j| w.side_of(&j.side_of))
    })
}

/// The recorded war under way on the crisis's day with attacker and target on opposite sides, and
/// the crisis rewritten to start from it. `None` when the crisis is a war of its own.
pub fn within_war(s: &Scenario, c: &Crisis) -> Option<InWar> {
    let w = s.facts.wars.iter().find(|w| {
        w.under_way_on(c.day)
            && matches!(
                (side(w, &c.attacker, c.day), side(w, &c.target, c.day)),
                (Some(a), Some(t)) if a != t
            )
    })?;
    let (opener, opened) = (w.aggressors.first()?, w.defenders.first()?);
    let counter_attack = side(w, &c.attacker, c.day) == Some(false);
    let place = match &c.place {
        Place::Flashpoint(id) => s.flashpoint(id).map_or(id.clone(), |f| f.name.clone()),
        Place::Territory(id) => format!("{id}'s territory"),
    };
    let reading = if counter_attack {
        format!(
            "{} striking {} at {place} is read as a counter-attack in {} ({opener} began it on {}): {opener}'s side struck first, so a defence obligation owed to {} binds only under --counter-attack-triggers",
            c.attacker, c.target, w.name, w.began, c.target
        )
    } else {
        format!(
            "{} striking {} at {place} is a move in {}, which {opener} began on {}",
            c.attacker, c.target, w.name, w.began
        )
    };
    let opening_is_the_crisis = &c.attacker == opener && &c.target == opened;
    let mut strikes = Vec::new();
    if !opening_is_the_crisis {
        strikes.push(Strike {
            attacker: c.attacker.clone(),
            victim: c.target.clone(),
            place: Some(c.place.clone()),
            counter: counter_attack,
        });
    }
    strikes.extend(c.strikes.iter().cloned());
    let crisis = Crisis {
        attacker: opener.clone(),
        target: opened.clone(),
        place: if opening_is_the_crisis {
            c.place.clone()
        } else {
            Place::Territory(opened.clone())
        },
        day: c.day,
        joins: c.joins.clone(),
        strikes,
    };
    Some(InWar {
        war: w.id.clone(),
        name: w.name.clone(),
        began: w.began.to_string(),
        counter_attack,
        crisis,
        reading,
    })
}

/// A state recorded as having joined the war, and what binds it under each reading.
#[derive(Clone, Debug, Serialize)]
pub struct JoinReading {
    pub actor: String,
    pub side_of: String,
    pub from: String,
    pub summary: String,
    /// The agreement the joiner and its partner say it acts under, if recorded.
    pub under: Option<String>,
    /// The obligation that brings it in under the strict reading (`None`: its entry is a choice).
    pub strict: Option<String>,
    /// The same with counter-attacks triggering defence obligations.
    pub counter_attack: Option<String>,
    pub cite: Vec<entente_model::Citation>,
}

/// Every recorded joiner of the war, with the obligation (agreement and article) that brings it in
/// under the strict reading and under `counter_attack_triggers`, from two runs of the cascade.
pub fn join_readings(
    s: &Scenario,
    in_war: &InWar,
    rules: Rules,
) -> Result<Vec<JoinReading>, CrisisError> {
    let Some(w) = s.facts.wars.iter().find(|w| w.id == in_war.war) else {
        return Ok(Vec::new());
    };
    let run = |counter: bool| {
        super::cascade(
            s,
            &in_war.crisis,
            Rules {
                counter_attack_triggers: counter,
                ..rules
            },
        )
    };
    let (strict, counter) = (run(false)?, run(true)?);
    let bound = |c: &super::Cascade, actor: &str, partner: &str| -> Option<String> {
        c.waves.iter().flat_map(|wv| &wv.entries).find_map(|e| {
            let side_ok =
                c.aggressor_side.iter().any(|x| x == partner) == (e.side == Side::Aggressor);
            match &e.how {
                super::How::Obligation(r) if e.actor == actor && side_ok => Some(format!(
                    "{} {} (owed to {})",
                    r.agreement_name, r.article, r.owed_to
                )),
                _ => None,
            }
        })
    };
    Ok(w.joined
        .iter()
        .filter(|j| j.from.certainly_on_or_before(in_war.crisis.day))
        .map(|j| JoinReading {
            actor: j.actor.clone(),
            side_of: j.side_of.clone(),
            from: j.from.to_string(),
            summary: j.summary.clone(),
            under: j.under.clone(),
            strict: bound(&strict, &j.actor, &j.side_of),
            counter_attack: bound(&counter, &j.actor, &j.side_of),
            cite: j.cite.clone(),
        })
        .collect())
}
