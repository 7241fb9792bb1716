//! The international system at a date, built from the data: the states in the COW system that day,
//! the ATOP alliances in force with each member's obligations and conditions, and NMC capabilities of
//! that year — as an [`entente_model::Scenario`], so every analysis (the cascade first) runs on it.
//!
//! Mapping (documented in docs/datasets.md):
//! - a state: id its COW abbreviation (`UKG`, `AUH`), `cow` its number, name from `states2016`;
//! - an ATOP alliance phase in force on the date: an [`Agreement`] `atop-<atopid>`, signed (and, as
//!   ATOP codes it, in force) at the earliest member's entry, ending at the last exit; one provision per
//!   member and obligation type, the member owing it to every other member;
//! - ATOP's condition flags: non-provocation (`defconpr`, `neuconpr`) becomes the model's
//!   non-provocation condition; adversary, location, ongoing conflict, number of adversaries and
//!   demands — yes/no flags that say a condition exists but not what it is — become *unresolved*
//!   conditions, which the cascade reports as conditional rather than binding or void;
//! - NMC: the six components and the published CINC of the date's year.

use crate::atop::{AtopDate, AtopMember, Conditions, is_cow_code};
use crate::nmc::NmcYear;
use crate::states::Spell;
use entente_model::date::days_from_civil;
use entente_model::*;
use std::collections::BTreeMap;

/// The loaded datasets a world is built from.
pub struct WorldData<'a> {
    pub states: &'a [Spell],
    pub atop: &'a [AtopMember],
    pub nmc: Option<&'a [NmcYear]>,
}

fn day_of(d: &AtopDate, end: bool) -> i32 {
    let m = d.month.unwrap_or(if end { 12 } else { 1 });
    let last = entente_model::date::days_in_month(d.year, m);
    let dd = d.day.unwrap_or(if end { last } else { 1 }).min(last);
    days_from_civil(d.year, m, dd)
}

fn partial(d: &AtopDate) -> PartialDate {
    PartialDate {
        qualifier: None,
        start: DatePoint {
            year: d.year,
            month: d.month,
            day: d.day.filter(|_| d.month.is_some()),
        },
        end: None,
    }
}

fn cite(source: &str, at: String) -> Vec<Citation> {
    vec![Citation {
        source: source.into(),
        lines: None,
        at: Some(at),
        quote: None,
    }]
}

fn source(id: &str, kind: SourceKind, title: &str) -> Source {
    Source {
        id: id.into(),
        kind,
        title: title.into(),
        author: None,
        publisher: None,
        date: None,
        url: None,
        lines: None,
        note: None,
        origin: Origin::default(),
    }
}

fn conditions(c: &Conditions, threats: &[String], flag: &str) -> Vec<Condition> {
    let mut out = Vec::new();
    if c.non_provocation {
        out.push(Condition::NonProvocation);
    }
    let named = if threats.is_empty() {
        String::new()
    } else {
        format!("; the treaty names {}", threats.join(", "))
    };
    for (on, what) in [
        (
            c.adversary,
            format!("a particular adversary (ATOP {flag}coadv){named}"),
        ),
        (
            c.location,
            format!("conflict in a particular location (ATOP {flag}coloc)"),
        ),
        (
            c.conflict,
            format!("a particular ongoing conflict (ATOP {flag}cocon)"),
        ),
        (
            c.number,
            format!("the number of adversaries (ATOP {flag}conum)"),
        ),
        (c.demands, format!("demands being met (ATOP {flag}codem)")),
    ] {
        if on {
            out.push(Condition::Unresolved { what });
        }
    }
    out
}

/// The world on `(year, month, day)`.
pub fn world_at(data: &WorldData<'_>, (y, m, d): (i32, u8, u8)) -> Scenario {
    let day = days_from_civil(y, m, d);
    let ymd = |t: (i32, u8, u8)| days_from_civil(t.0, t.1, t.2);
    let mut facts = Facts {
        sources: vec![
            source(
                "cow-states-2016",
                SourceKind::Dataset,
                "Correlates of War Project, State System Membership v2016",
            ),
            source(
                "atop-5.1",
                SourceKind::Dataset,
                "Leeds et al., Alliance Treaty Obligations and Provisions v5.1, member-level file",
            ),
            source(
                "nmc",
                SourceKind::Dataset,
                "Correlates of War Project, National Material Capabilities",
            ),
        ],
        ..Facts::default()
    };
    // States in the system on the day.
    let mut abbr: BTreeMap<u16, String> = BTreeMap::new();
    for s in data
        .states
        .iter()
        .filter(|s| ymd(s.start) <= day && day <= ymd(s.end))
    {
        if abbr.insert(s.ccode, s.abbr.clone()).is_some() {
            continue;
        }
        facts.actors.push(Actor {
            id: s.abbr.clone(),
            kind: ActorKind::State,
            name: s.name.clone().unwrap_or_else(|| s.abbr.clone()),
            cow: Some(s.ccode),
            cow_abbr: Some(s.abbr.clone()),
            iso3: None,
            cameo: None,
            aliases: vec![],
            regions: vec![],
            members: vec![],
            founded: None,
            honour: None,
            note: None,
            confidence: Confidence::Confirmed,
            cite: cite("cow-states-2016", format!("ccode {}", s.ccode)),
            origin: Origin::default(),
        });
    }
    // ATOP alliance phases in force on the day, among states in the system.
    let mut phases: BTreeMap<(u32, u16), Vec<&AtopMember>> = BTreeMap::new();
    for m in data.atop.iter().filter(|m| is_cow_code(m.member)) {
        let start = day_of(&m.entry, false);
        let end = m.exit.as_ref().map_or(i32::MAX, |x| day_of(x, true));
        if start <= day && day <= end && abbr.contains_key(&(m.member as u16)) {
            phases.entry((m.atopid, m.phase)).or_default().push(m);
        }
    }
    for ((atopid, phase), rows) in phases {
        let members: Vec<String> = rows
            .iter()
            .map(|m| abbr[&(m.member as u16)].clone())
            .collect();
        let mut uniq = members.clone();
        uniq.dedup();
        if uniq.len() < 2 {
            continue;
        }
        let first = rows.iter().map(|m| m.entry).min().unwrap_or(rows[0].entry);
        let last = rows
            .iter()
            .map(|m| m.exit)
            .max_by_key(|e| e.map_or(i32::MAX, |x| day_of(&x, true)))
            .flatten();
        let at = |what: &str| {
            format!(
                "atopid {atopid}{}{what}",
                if phase > 0 {
                    format!(" phase {phase}")
                } else {
                    String::new()
                }
            )
        };
        let mut provisions = Vec::new();
        for m in &rows {
            let who = abbr[&(m.member as u16)].clone();
            let threats: Vec<String> = m
                .threats
                .iter()
                .filter_map(|t| abbr.get(&(*t as u16)).cloned().or(Some(t.to_string())))
                .collect();
            for (on, kind, conds, flag) in [
                (
                    m.defense,
                    ProvisionKind::Defence,
                    m.defense_conditions,
                    "def",
                ),
                (
                    m.offense,
                    ProvisionKind::Offence,
                    m.offense_conditions,
                    "off",
                ),
                (
                    m.neutral,
                    ProvisionKind::Neutrality,
                    m.neutral_conditions,
                    "neu",
                ),
                (
                    m.nonagg,
                    ProvisionKind::NonAggression,
                    Conditions::default(),
                    "non",
                ),
                (
                    m.consul,
                    ProvisionKind::Consultation,
                    m.consul_conditions,
                    "con",
                ),
            ] {
                if !on {
                    continue;
                }
                let beneficiaries: Vec<String> =
                    uniq.iter().filter(|x| **x != who).cloned().collect();
                provisions.push(Provision {
                    kind,
                    article: format!("{kind}, {who}"),
                    summary: format!("{who} has a {kind} obligation towards the other members (ATOP member-level coding)."),
                    obligors: vec![who.clone()],
                    beneficiaries,
                    conditions: conditions(&conds, &threats, flag),
                    areas: vec![],
                    nuclear_umbrella: None,
                    confidence: None,
                    cite: cite("atop-5.1", at(&format!(", member {}", m.member))),
                    note: None,
                });
            }
        }
        let signed = partial(&first);
        facts.agreements.push(Agreement {
            id: format!("atop-{atopid}"),
            name: format!("ATOP alliance {atopid}"),
            short_name: Some(format!("ATOP {atopid} ({})", first.year)),
            kind: AgreementKind::Treaty,
            members: uniq,
            organisation: None,
            signed: Some(signed),
            ratified: vec![],
            in_force: Some(signed),
            ends: last.as_ref().map(partial),
            note: Some("ATOP codes signature dates as the start of an alliance.".into()),
            honour: None,
            confidence: Confidence::Confirmed,
            cite: cite("atop-5.1", at("")),
            provisions,
            origin: Origin::default(),
        });
    }
    if let Some(nmc) = data.nmc {
        for r in nmc.iter().filter(|r| r.year == y) {
            let Some(who) = abbr.get(&r.ccode) else {
                continue;
            };
            let q = |v: Option<f64>| v.map(Quantity::exactly);
            let c = r.components;
            if c.iter().all(Option::is_none) && r.cinc.is_none() {
                continue;
            }
            facts.capabilities.push(Capability {
                actor: who.clone(),
                year: r.year,
                milex: q(c[0]),
                milper: q(c[1]),
                irst: q(c[2]),
                pec: q(c[3]),
                tpop: q(c[4]),
                upop: q(c[5]),
                cinc: q(r.cinc),
                note: None,
                confidence: Confidence::Estimated,
                cite: cite("nmc", format!("ccode {} year {}", r.ccode, r.year)),
                origin: Origin::default(),
            });
        }
    }
    Scenario {
        info: ScenarioInfo {
            id: format!("data-{y:04}-{m:02}-{d:02}"),
            title: format!("The international system on {y:04}-{m:02}-{d:02} (COW, ATOP, NMC)"),
            as_of: PartialDate::day(y, m, d),
            description: None,
            applied_overlays: vec![],
            origin: Origin::default(),
        },
        facts,
        overlays: vec![],
    }
}
