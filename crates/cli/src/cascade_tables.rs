//! The tables of a cascade and of its Monte Carlo: waves with the article behind each entry, who is
//! tied but not bound and why, the odds of each state joining each side, and the balance of forces.

use crate::common::{cites, opt};
use crate::output::Table;
use entente_analysis::cascade::{CapabilityMeasure, Cascade, Correlation, How, McResult};
use entente_model::Scenario;
use entente_model::quantity::group_thousands;
use std::collections::BTreeMap;

pub fn base_label_col() -> &'static str {
    "without the overlay"
}

pub fn pct(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

pub fn measure_name(m: CapabilityMeasure) -> &'static str {
    match m {
        CapabilityMeasure::Cinc => "CINC",
        CapabilityMeasure::Milex => "military expenditure",
    }
}

pub use entente_render::capability_amount as amount;

fn how(h: &How) -> (String, String, String) {
    match h {
        How::Attacker => (
            "attacks (the war's first move)".into(),
            String::new(),
            String::new(),
        ),
        How::Target => ("is attacked".into(), String::new(), String::new()),
        How::Strike {
            attacker,
            victim,
            place,
        } => (
            format!("assumption: {attacker} strikes {victim} at {place}"),
            String::new(),
            "--strike".into(),
        ),
        How::Join { side_of } => (
            format!("assumption: joins {side_of}'s side by choice"),
            String::new(),
            "--join".into(),
        ),
        How::Obligation(r) => (
            format!(
                "{} {} ({}) → {}",
                r.agreement_name, r.article, r.kind, r.owed_to
            ),
            r.because.clone(),
            cites(&r.cite),
        ),
    }
}

pub fn cascade_tables(s: &Scenario, c: &Cascade) -> Vec<Table> {
    let mode = if c.rules.counter_attack_triggers {
        "counter-attack triggers"
    } else {
        "strict: defensive entry creates no victims"
    };
    let from = if c.rules.by_signature {
        "signature"
    } else {
        "entry into force"
    };
    let mut waves = Table::new(
        format!(
            "{} attacks {} at {} on {} ({mode}; agreements from {from})",
            c.attacker, c.target, c.place, c.date
        ),
        &["wave", "actor", "side", "why", "triggered by", "sources"],
    );
    for w in &c.waves {
        for e in &w.entries {
            let (why, because, src) = how(&e.how);
            waves.row(vec![
                w.wave.to_string(),
                e.actor.clone(),
                e.side.to_string(),
                why,
                because,
                src,
            ]);
            for r in &e.also {
                waves.row(vec![
                    String::new(),
                    String::new(),
                    "also".into(),
                    format!(
                        "{} {} ({}) → {}",
                        r.agreement_name, r.article, r.kind, r.owed_to
                    ),
                    r.because.clone(),
                    cites(&r.cite),
                ]);
            }
        }
    }
    let mut sides = Table::new("Sides", &["side", "states"]);
    sides.row(vec!["aggressor side".into(), c.aggressor_side.join(", ")]);
    sides.row(vec!["defending side".into(), c.defending_side.join(", ")]);
    for a in &c.assumptions {
        sides.row(vec!["assumption".into(), a.clone()]);
    }
    // States tied to a belligerent that stay out, grouped when they share agreement and reasons.
    let mut groups: BTreeMap<(String, String, String, Vec<String>), Vec<String>> = BTreeMap::new();
    for x in &c.stays_out {
        let key = (
            x.tie_to.clone(),
            format!("{} {}", x.agreement_name, x.article),
            cites(&x.cite),
            x.reasons.clone(),
        );
        groups.entry(key).or_default().push(x.actor.clone());
    }
    let mut out = Table::new(
        "Tied to a belligerent but not bound",
        &["state", "tie to", "agreement", "why not bound", "sources"],
    );
    let mut rows: Vec<_> = groups.into_iter().collect();
    rows.sort_by_key(|(_, actors)| actors.len());
    for ((tie, agreement, src, reasons), actors) in rows {
        let who = if actors.len() > 4 {
            format!("{} states: {}", actors.len(), actors.join(", "))
        } else {
            actors.join(", ")
        };
        out.row(vec![who, tie, agreement, reasons.join("; "), src]);
    }
    let mut tables = vec![waves, sides, out];
    if !c.unresolved.is_empty() {
        let mut t = Table::new(
            "Conditional, unresolved (not counted as binding or void)",
            &["obligor", "owed to", "agreement", "condition", "sources"],
        );
        for u in &c.unresolved {
            t.row(vec![
                u.obligor.clone(),
                u.owed_to.clone(),
                format!("{} {}", u.agreement, u.article),
                u.conditions.join("; "),
                cites(&u.cite),
            ]);
        }
        tables.push(t);
    }
    if !c.conflicts.is_empty() {
        let mut t = Table::new(
            "Caught between conflicting obligations (stays out)",
            &["actor", "pulled by", "held by"],
        );
        for x in &c.conflicts {
            let pulls = x
                .pulls
                .iter()
                .map(|(side, r)| {
                    format!("{side}: {} {} → {}", r.agreement_name, r.article, r.owed_to)
                })
                .collect::<Vec<_>>()
                .join("\n");
            t.row(vec![x.actor.clone(), pulls, opt(&x.neutrality)]);
        }
        tables.push(t);
    }
    if !c.non_aggression_breaches.is_empty() {
        let mut t = Table::new(
            "Non-aggression pledges broken by an attack",
            &["attacker", "victim", "agreement", "sources"],
        );
        for b in &c.non_aggression_breaches {
            t.row(vec![
                b.attacker.clone(),
                b.victim.clone(),
                format!("{} {}", b.agreement, b.article),
                cites(&b.cite),
            ]);
        }
        tables.push(t);
    }
    if !c.consultations.is_empty() {
        let mut t = Table::new(
            "Consultations the war triggers (talks, not force)",
            &["must consult", "with", "agreement"],
        );
        let mut groups: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for x in c.consultations.iter().filter(|x| !x.in_war) {
            groups
                .entry((x.with.clone(), format!("{} {}", x.agreement, x.article)))
                .or_default()
                .push(x.obligor.clone());
        }
        for ((with, agreement), who) in groups {
            let who = if who.len() > 4 {
                format!("{} states: {}", who.len(), who.join(", "))
            } else {
                who.join(", ")
            };
            t.row(vec![who, with, agreement]);
        }
        if !t.rows.is_empty() {
            tables.push(t);
        }
    }
    let _ = s;
    tables
}

pub fn mc_tables(m: &McResult) -> Vec<Table> {
    let corr = match m.correlation {
        Correlation::Independent => "independent".to_string(),
        Correlation::State(r) => format!("per-state shared draw, ρ = {r}"),
        Correlation::Coalition(r) => format!("per-coalition shared draw, ρ = {r}"),
    };
    let mut odds = Table::new(
        format!(
            "Monte Carlo: {} trials, seed {}, prior {}, unresolved conditions hold with p = {}, {corr}",
            group_thousands(m.trials as f64),
            m.seed,
            m.prior,
            m.unresolved_p
        ),
        &[
            "actor",
            "P(aggressor side)",
            "P(defending side)",
            "P(stays out)",
            "± (1 se)",
        ],
    );
    for a in &m.actors {
        odds.row(vec![
            format!("{} ({})", a.actor, a.name),
            pct(a.p_aggressor),
            pct(a.p_defender),
            pct(a.p_out),
            format!("{:.2} pp", 100.0 * a.se_aggressor.max(a.se_defender)),
        ]);
    }
    let mut obs = Table::new(
        "Triggered obligations",
        &[
            "obligor",
            "owed to",
            "agreement",
            "P(honour)",
            "basis",
            "P(triggered)",
            "honoured when triggered",
        ],
    );
    for o in &m.obligations {
        obs.row(vec![
            o.obligor.clone(),
            o.owed_to.clone(),
            format!("{} {}", o.agreement, o.article),
            pct(o.p_honour),
            o.p_basis.clone(),
            pct(o.p_triggered),
            pct(o.p_honoured_when_triggered),
        ]);
    }
    let mut sizes = Table::new("Coalition sizes", &["side", "size", "share of trials"]);
    for (side, list) in [
        ("aggressor side", &m.aggressor_sizes),
        ("defending side", &m.defender_sizes),
    ] {
        for x in list {
            sizes.row(vec![side.into(), x.size.to_string(), pct(x.share)]);
        }
    }
    let mut cap = Table::new(
        format!(
            "Expected coalition capability: {}",
            m.capability.first().map_or("", |c| c.description)
        ),
        &[
            "side",
            "expected",
            "sd",
            "joining without data",
            "nuclear warheads (separate; scenario estimates)",
        ],
    );
    for c in &m.capability {
        cap.row(vec![
            c.side.to_string(),
            amount(c.measure, c.expected, false),
            amount(c.measure, c.sd, false),
            c.without_data.join(", "),
            format!("{:.0}", c.nuclear_warheads),
        ]);
    }
    vec![odds, obs, sizes, cap]
}
