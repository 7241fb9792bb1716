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

use crate::atop::{
    AtopAlliance, AtopDate, AtopMember, Conditions, Obligation, PartnerException, is_cow_code,
};
use crate::nmc::NmcYear;
use crate::states::Spell;
use entente_model::date::days_from_civil;
use entente_model::refs::RefKind;
use entente_model::*;
use std::collections::{BTreeMap, BTreeSet};

/// The loaded datasets a world is built from.
pub struct WorldData<'a> {
    pub states: &'a [Spell],
    /// ISO3 (and so CAMEO) codes for the states, when the crosswalk is available.
    pub crosswalk: Option<&'a [crate::crosswalk::Codes]>,
    pub atop: &'a [AtopMember],
    /// ATOP's partner-level coding (learned from its dyadic file by
    /// [`crate::atop::coding::learn_partner_coding`]): obligations not owed to some members.
    pub partner_exceptions: Option<&'a BTreeSet<PartnerException>>,
    /// ATOP's alliance-phase (or alliance-level) rows: each phase's dates and its alliance-level
    /// provisions (military contact, command, aid, bases, organisation, secrecy).
    pub atop_phases: Option<&'a [AtopAlliance]>,
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
        sections: Vec::new(),
        note: None,
        origin: Origin::default(),
    }
}

/// A member's conditions on one obligation. Where ATOP flags an adversary condition and names the
/// threat (`statthr1`, `statthr2`, COW codes) and the named states exist on the day
/// (`resolved`), the condition is the adversary condition itself: it holds when one of them is
/// among the attackers and fails otherwise. Only where the data does not name the adversary (or
/// names none that exists then) does it stay unresolved.
fn conditions(
    c: &Conditions,
    threats: &[String],
    resolved: &[String],
    flag: &str,
) -> Vec<Condition> {
    let mut out = Vec::new();
    if c.non_provocation {
        out.push(Condition::NonProvocation);
    }
    if c.adversary && !resolved.is_empty() {
        out.push(Condition::Adversary {
            actors: resolved.to_vec(),
        });
    }
    let c = &Conditions {
        adversary: c.adversary && resolved.is_empty(),
        ..*c
    };
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
    if data.partner_exceptions.is_some() {
        facts.sources.push(source(
            "atop-5.1-dyadic",
            SourceKind::Dataset,
            "Leeds et al., Alliance Treaty Obligations and Provisions v5.1, directed dyad-year file (partner-level coding)",
        ));
    }
    // States in the system on the day; after the state list ends, as it stood on its last day.
    let last = data.states.iter().map(|s| ymd(s.end)).max().unwrap_or(day);
    let on = day.min(last);
    let iso3 = |c: u16| {
        data.crosswalk.and_then(|x| {
            x.iter()
                .find(|r| r.cow == Some(c))
                .and_then(|r| r.iso3.clone())
        })
    };
    // Names and ISO3 codes the crosswalk gives a COW code on this day: its own row's, and — because
    // COW keeps one code, 345, for Serbia, Yugoslavia and Serbia again, where Gleditsch & Ward
    // (1999, "A Revised List of Independent States since the Congress of Vienna", International
    // Interactions 25: 393–413) give Serbia 340 and Yugoslavia 345 — the crosswalk's Serbia row
    // (G&W 340, no COW code) for the years COW 345 is Serbia: before the Kingdom of Serbs, Croats
    // and Slovenes (1 Dec 1918) and after Montenegro's separation (5 Jun 2006).
    let serbia = day < days_from_civil(1918, 12, 1) || day >= days_from_civil(2006, 6, 5);
    let aliases_of = |c: u16| -> Vec<String> {
        let mut out = Vec::new();
        for r in data.crosswalk.into_iter().flatten() {
            let same =
                r.cow == Some(c) || (c == 345 && serbia && r.cow.is_none() && r.gw == Some(340));
            if same {
                for x in [Some(r.name.clone()), r.iso3.clone()].into_iter().flatten() {
                    if !x.is_empty() && !out.contains(&x) {
                        out.push(x);
                    }
                }
            }
        }
        out
    };
    let mut abbr: BTreeMap<u16, String> = BTreeMap::new();
    for s in data
        .states
        .iter()
        .filter(|s| ymd(s.start) <= on && on <= ymd(s.end))
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
            iso3: iso3(s.ccode),
            cameo: iso3(s.ccode),
            aliases: aliases_of(s.ccode)
                .into_iter()
                .filter(|x| x != &s.abbr && Some(x) != s.name.as_ref())
                .collect(),
            regions: vec![],
            members: vec![],
            founded: None,
            honour: None,
            note: (day > last).then(|| {
                "The COW state list ends on 2016-12-31: membership as it stood then.".to_string()
            }),
            confidence: Confidence::Confirmed,
            cite: cite("cow-states-2016", format!("ccode {}", s.ccode)),
            origin: Origin::default(),
        });
    }
    // ATOP alliance members in force on the day that are not in COW's state system then (ATOP's
    // `cowsys` = 0: Bulgaria before 1908, states under occupation in 1942): they are in the world,
    // flagged, so that their alliances bind as ATOP codes them. Named as COW names them in another
    // spell, else by their code.
    let in_force = |m: &&AtopMember| {
        let start = day_of(&m.entry, false);
        let end = m.exit.as_ref().map_or(i32::MAX, |x| day_of(x, true));
        is_cow_code(m.member) && start <= day && day <= end
    };
    let taken: BTreeSet<String> = abbr.values().cloned().collect();
    for m in data.atop.iter().filter(in_force) {
        let code = m.member as u16;
        if abbr.contains_key(&code) {
            continue;
        }
        let known = data.states.iter().find(|s| s.ccode == code);
        let id = known
            .map(|s| s.abbr.clone())
            .filter(|a| !taken.contains(a))
            .unwrap_or_else(|| format!("COW{code}"));
        abbr.insert(code, id.clone());
        facts.actors.push(Actor {
            id: id.clone(),
            kind: ActorKind::State,
            name: known
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| format!("COW {code}")),
            cow: Some(code),
            cow_abbr: known.map(|s| s.abbr.clone()),
            iso3: iso3(code),
            cameo: iso3(code),
            aliases: aliases_of(code),
            regions: vec![],
            members: vec![],
            founded: None,
            honour: None,
            note: Some(format!(
                "Not a member of COW's state system on this day (ATOP cowsys = 0): in the world because ATOP lists it in alliance {}.",
                m.atopid
            )),
            confidence: Confidence::Confirmed,
            cite: cite("atop-5.1", format!("atopid {}, member {code}", m.atopid)),
            origin: Origin::default(),
        });
    }
    // ATOP alliance phases in force on the day.
    let mut phases: BTreeMap<(u32, u16), Vec<&AtopMember>> = BTreeMap::new();
    for m in data.atop.iter().filter(in_force) {
        if abbr.contains_key(&(m.member as u16)) {
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
            let resolved: Vec<String> = m
                .threats
                .iter()
                .filter_map(|t| abbr.get(&(*t as u16)).cloned())
                .collect();
            for (ob, on, kind, conds, flag) in [
                (
                    Obligation::Defense,
                    m.defense,
                    ProvisionKind::Defence,
                    m.defense_conditions,
                    "def",
                ),
                (
                    Obligation::Offense,
                    m.offense,
                    ProvisionKind::Offence,
                    m.offense_conditions,
                    "off",
                ),
                (
                    Obligation::Neutral,
                    m.neutral,
                    ProvisionKind::Neutrality,
                    m.neutral_conditions,
                    "neu",
                ),
                (
                    Obligation::Nonagg,
                    m.nonagg,
                    ProvisionKind::NonAggression,
                    Conditions::default(),
                    "non",
                ),
                (
                    Obligation::Consul,
                    m.consul,
                    ProvisionKind::Consultation,
                    m.consul_conditions,
                    "con",
                ),
            ] {
                if !on {
                    continue;
                }
                let excepted = |partner: &&AtopMember| {
                    data.partner_exceptions.is_some_and(|x| {
                        x.contains(&PartnerException {
                            atopid,
                            obligor: m.member,
                            partner: partner.member,
                            kind: ob,
                        })
                    })
                };
                let mut beneficiaries = Vec::new();
                let mut not_owed = Vec::new();
                for p in rows.iter().filter(|p| p.member != m.member) {
                    let name = abbr[&(p.member as u16)].clone();
                    let list = if excepted(p) {
                        &mut not_owed
                    } else {
                        &mut beneficiaries
                    };
                    if !list.contains(&name) {
                        list.push(name);
                    }
                }
                if beneficiaries.is_empty() {
                    continue; // ATOP's dyadic coding: owed to no other member
                }
                let mut cite_as = cite("atop-5.1", at(&format!(", member {}", m.member)));
                let summary = if not_owed.is_empty() {
                    format!(
                        "{who} has a {kind} obligation towards the other members (ATOP member-level coding)."
                    )
                } else {
                    cite_as.extend(cite(
                        "atop-5.1-dyadic",
                        format!("{who} towards {}", not_owed.join(", ")),
                    ));
                    format!(
                        "{who} has a {kind} obligation towards {} (ATOP member-level coding); ATOP's dyadic coding has none towards {}.",
                        beneficiaries.join(", "),
                        not_owed.join(", ")
                    )
                };
                provisions.push(Provision {
                    honour: Vec::new(),
                    kind,
                    article: format!("{kind}, {who}"),
                    summary,
                    obligors: vec![who.clone()],
                    beneficiaries,
                    conditions: conditions(&conds, &threats, &resolved, flag),
                    areas: vec![],
                    nuclear_umbrella: None,
                    confidence: None,
                    cite: cite_as,
                    note: None,
                });
            }
        }
        let phase_row = data
            .atop_phases
            .and_then(|rows| rows.iter().find(|r| r.atopid == atopid && r.phase == phase));
        let mut note = "ATOP codes signature dates as the start of an alliance.".to_string();
        let (first, last) = match phase_row {
            Some(r) => {
                let described = r.institutions.described();
                if !described.is_empty() {
                    provisions.push(Provision {
                        honour: Vec::new(),
                        kind: ProvisionKind::Cooperation,
                        article: "alliance-level provisions".into(),
                        summary: format!(
                            "Alliance-level provisions (ATOP alliance-phase coding): {}.",
                            described.join("; ")
                        ),
                        obligors: vec![],
                        beneficiaries: vec![],
                        conditions: vec![],
                        areas: r.institutions.areas(),
                        nuclear_umbrella: None,
                        confidence: None,
                        cite: cite("atop-5.1", at(", alliance level")),
                        note: None,
                    });
                }
                match r.institutions.secrecy {
                    Some(1) => note
                        .push_str(" Some of its articles were to remain secret (ATOP pubsecr 1)."),
                    Some(2) => {
                        note.push_str(" The whole treaty was to remain secret (ATOP pubsecr 2).")
                    }
                    _ => {}
                }
                (r.begin, r.end)
            }
            None => (first, last),
        };
        let signed = partial(&first);
        facts.agreements.push(Agreement {
            id: if phase > 0 {
                format!("atop-{atopid}-{phase}")
            } else {
                format!("atop-{atopid}")
            },
            name: format!("ATOP alliance {atopid}"),
            short_name: Some(format!("ATOP {atopid} ({})", first.year)),
            kind: AgreementKind::Treaty,
            members: uniq,
            organisation: None,
            signed: Some(signed),
            ratified: vec![],
            in_force: Some(signed),
            ends: last.as_ref().map(partial),
            term: None,
            note: Some(note),
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

/// The last day ATOP 5.1 codes (alliances in effect on 31 December 2018 have no exit date).
pub fn data_end() -> i32 {
    days_from_civil(2018, 12, 31)
}

/// What merging a scenario onto a data world did, for the user to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerNote {
    /// `matched`, `added`, `layered`, `overlap`, `no-counterpart`, `invalid`.
    pub kind: &'static str,
    pub message: String,
}

/// Layers a scenario on a world built from the data, as of the data world's date.
///
/// - The scenario's states are matched to the data's by COW number: the data's actor stays (its id is
///   the COW abbreviation) and gains the scenario's id, codes, aliases and regions as aliases, so every
///   reference in the scenario resolves to it. Organisations and unmatched states are added.
/// - Every scenario fact is added. An agreement that starts after the data's end ([`data_end`]) is
///   *layered* on top. One that starts earlier and binds the same parties as an ATOP alliance in force
///   is kept beside it and reported as an *overlap*, not silently resolved: the two may code the same
///   treaty differently (ATOP's unresolved location flag against the scenario's "territories under the
///   administration of Japan"); the cascade then shows both. One with no ATOP counterpart is reported.
pub fn layer(data: Scenario, scenario: &Scenario) -> (Scenario, Vec<LayerNote>) {
    let mut out = data;
    let mut notes = Vec::new();
    let data_agreements: Vec<String> = out.facts.agreements.iter().map(|a| a.id.clone()).collect();
    // The scenario's ids, matched by COW number, become the data's ids before anything is merged:
    // resolving them as aliases afterwards would let a data id win over the scenario's meaning
    // (the scenario's "AUS" is Australia, the data's AUS is COW's Austria).
    let mut to_data: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for a in &scenario.facts.actors {
        let found = a
            .cow
            .and_then(|c| out.facts.actors.iter_mut().find(|d| d.cow == Some(c)));
        match found {
            Some(d) => {
                to_data.insert(a.id.clone(), d.id.clone());
                for name in std::iter::once(&a.id)
                    .chain(std::iter::once(&a.name))
                    .chain(&a.aliases)
                {
                    if name != &d.id && !d.aliases.contains(name) {
                        d.aliases.push(name.clone());
                    }
                }
                if d.iso3.is_none() {
                    d.iso3 = a.iso3.clone();
                }
                if d.cameo.is_none() {
                    d.cameo = a.cameo.clone();
                }
                if d.regions.is_empty() {
                    d.regions = a.regions.clone();
                }
                d.cite.extend(a.cite.iter().cloned());
                notes.push(LayerNote {
                    kind: "matched",
                    message: format!(
                        "{} is the data's {} (COW {})",
                        a.id,
                        d.id,
                        d.cow.unwrap_or(0)
                    ),
                });
            }
            None => {
                if out.facts.actors.iter().any(|d| d.id == a.id) {
                    notes.push(LayerNote {
                        kind: "invalid",
                        message: format!("{}: the id is taken by another state in the data", a.id),
                    });
                    continue;
                }
                out.facts.actors.push(a.clone());
                if a.is_state() {
                    notes.push(LayerNote {
                        kind: "added",
                        message: format!(
                            "{} is not in the data's system on this date; added from the scenario",
                            a.id
                        ),
                    });
                }
            }
        }
    }
    let mut rest = scenario.facts.clone();
    rest.actors.clear();
    let rewrite = |kind: RefKind, _: Origin, text: &mut String| {
        if matches!(kind, RefKind::Actor | RefKind::Place)
            && let Some(d) = to_data.get(text.as_str())
        {
            *text = d.clone();
        }
    };
    let mut overlays = scenario.overlays.clone();
    let mut rewrite = rewrite;
    rest.visit_refs(&mut rewrite);
    for o in &mut overlays {
        o.visit_refs(&mut rewrite);
    }
    let data_capabilities = out.facts.capabilities.len();
    out.facts.extend(rest);
    out.overlays = overlays;
    out.info.id = format!("{}+{}", out.info.id, scenario.info.id);
    out.info.title = format!("{}, with {} layered on", out.info.title, scenario.info.id);
    entente_model::canonicalize(&mut out);
    // Actor ids are the data's now. A scenario capability for a state-year the data already has
    // (the bundled scenario carries NMC v7 rows) gives way to the data, which the user chose.
    let have: std::collections::HashSet<String> = out.facts.capabilities[..data_capabilities]
        .iter()
        .map(|c| c.key())
        .collect();
    let mut i = 0;
    let before = out.facts.capabilities.len();
    out.facts.capabilities.retain(|c| {
        i += 1;
        i <= data_capabilities || !have.contains(&c.key())
    });
    if out.facts.capabilities.len() != before {
        notes.push(LayerNote {
            kind: "capabilities",
            message: format!(
                "{} of the scenario's capability rows are for state-years the data has; the data's rows are kept",
                before - out.facts.capabilities.len()
            ),
        });
    }
    for issue in entente_model::validate(&out)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
    {
        notes.push(LayerNote {
            kind: "invalid",
            message: format!("{}: {}", issue.origin, issue.message),
        });
    }
    // Agreements: layered, overlapping, or without counterpart.
    let day = out.info.as_of.latest().unwrap_or(0);
    let parties = |s: &Scenario, a: &Agreement| -> Vec<String> {
        let mut p = s.parties_on(a, day);
        p.sort();
        p.dedup();
        p
    };
    for a in out
        .facts
        .agreements
        .iter()
        .filter(|a| !data_agreements.contains(&a.id))
    {
        let start = a
            .signed
            .or(a.in_force)
            .and_then(|d| d.earliest().or(d.latest()));
        if start.is_none_or(|s| s > data_end()) {
            notes.push(LayerNote {
                kind: "layered",
                message: format!(
                    "{} ({}) begins after the data's end (2018): layered on",
                    a.id,
                    a.label()
                ),
            });
            continue;
        }
        // A counterpart shares at least half of the two agreements' parties (memberships change:
        // NATO has grown since ATOP's last coding); the differences are named.
        let mine = parties(&out, a);
        let mut twins = Vec::new();
        for d in out
            .facts
            .agreements
            .iter()
            .filter(|d| data_agreements.contains(&d.id))
        {
            let theirs = parties(&out, d);
            let shared = mine.iter().filter(|m| theirs.contains(m)).count();
            let union = mine.len() + theirs.len() - shared;
            if union > 0 && shared * 2 >= union {
                let only_mine: Vec<&str> = mine
                    .iter()
                    .filter(|m| !theirs.contains(m))
                    .map(String::as_str)
                    .collect();
                let only_theirs: Vec<&str> = theirs
                    .iter()
                    .filter(|m| !mine.contains(m))
                    .map(String::as_str)
                    .collect();
                let diff = match (only_mine.is_empty(), only_theirs.is_empty()) {
                    (true, true) => "the same parties".to_string(),
                    _ => format!(
                        "parties differing: only in the scenario {}; only in the data {}",
                        if only_mine.is_empty() {
                            "none".to_string()
                        } else {
                            only_mine.join(", ")
                        },
                        if only_theirs.is_empty() {
                            "none".to_string()
                        } else {
                            only_theirs.join(", ")
                        }
                    ),
                };
                twins.push(format!("{} ({diff})", d.id));
            }
        }
        if twins.is_empty() {
            notes.push(LayerNote { kind: "no-counterpart", message: format!("{} ({}) has no ATOP alliance in force with the same parties; kept from the scenario", a.id, a.label()) });
        } else {
            notes.push(LayerNote {
                kind: "overlap",
                message: format!(
                    "{} ({}) and {}: both are kept, compare their provisions",
                    a.id,
                    a.label(),
                    twins.join("; ")
                ),
            });
        }
    }
    (out, notes)
}
