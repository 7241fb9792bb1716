//! The cascade on a world built from the data (COW, ATOP, NMC in `../shared/data`).

use entente_analysis::cascade::{self, Crisis, Rules};
use entente_datasets::atop::coding as atop_dyads;
use entente_datasets::dir::DataDir;
use entente_datasets::world::{WorldData, world_at};
use entente_model::date::days_from_civil;
use entente_model::{Place, Scenario, Severity};
use std::path::PathBuf;

fn world(ymd: (i32, u8, u8)) -> Option<Scenario> {
    world_coded(ymd, false)
}

/// The world on a day; `coded`: with ATOP's partner-level coding learned from its dyadic file.
fn world_coded(ymd: (i32, u8, u8), coded: bool) -> Option<Scenario> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !p.exists() {
        entente_table::testdata::skip(&p);
        return None;
    }
    let d = DataDir::new(&p);
    let states = entente_datasets::states::read_spells(&d.find("states").unwrap()).unwrap();
    let atop = entente_datasets::atop::read_members(&d.find("atop").unwrap()).unwrap();
    let nmc = entente_datasets::nmc::read(&d.find("nmc").unwrap()).unwrap();
    let phases = entente_datasets::atop::read_phases(&d.find("atop-phases").unwrap()).unwrap();
    let coding = coded.then(|| {
        let dy = entente_datasets::atop::read_directed_dyad_years(&d.find("atop-dyadic").unwrap())
            .unwrap();
        let published = atop_dyads::published_table(&dy.rows);
        atop_dyads::learn_partner_coding(&atop.rows, &published, |_| true)
    });
    let s = world_at(
        &WorldData {
            states: &states.rows,
            crosswalk: None,
            atop: &atop.rows,
            partner_exceptions: coding.as_ref().map(|c| &c.exceptions),
            atop_phases: Some(&phases.rows),
            nmc: Some(&nmc.rows),
        },
        ymd,
    );
    let errors: Vec<String> = entente_model::validate(&s)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| format!("{}: {}", i.origin, i.message))
        .collect();
    assert!(errors.is_empty(), "the built world is valid: {errors:?}");
    Some(s)
}

#[test]
fn japan_attacks_russia_in_1904() {
    let Some(s) = world((1904, 2, 8)) else { return };
    assert!(s.actor("JPN").is_some() && s.actor("RUS").is_some() && s.actor("UKG").is_some());
    let c = Crisis {
        attacker: "JPN".into(),
        target: "RUS".into(),
        place: Place::Territory("RUS".into()),
        day: days_from_civil(1904, 2, 8),
        joins: vec![],
        strikes: vec![],
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    // Britain is tied to Japan by the Anglo-Japanese alliance of 1902; Japan struck first, and the
    // obligation depends on the number of adversaries, which ATOP flags but does not specify.
    let uk = r
        .stays_out
        .iter()
        .find(|x| {
            x.actor == "UKG"
                && x.tie_to == "JPN"
                && x.kind == Some(entente_model::ProvisionKind::Defence)
        })
        .unwrap_or_else(|| panic!("{:#?}", r.stays_out));
    assert!(
        uk.reasons.iter().any(|x| x.contains("JPN struck first")),
        "{:?}",
        uk.reasons
    );
    assert!(
        uk.reasons.iter().any(|x| x.contains(
            "the number of adversaries (ATOP defconum), which the data flags but does not specify"
        )),
        "{:?}",
        uk.reasons
    );
    assert_eq!(uk.cite[0].source, "atop-5.1");
    // France's alliance with Russia (1894) binds only against a particular adversary: unresolved.
    assert!(
        r.unresolved
            .iter()
            .any(|u| u.obligor == "FRN" && u.owed_to == "RUS"),
        "{:#?}",
        r.unresolved
    );
}

#[test]
fn july_1914_chain_with_assumptions() {
    let Some(s) = world((1914, 7, 28)) else {
        return;
    };
    // Austria-Hungary attacks Serbia; Russia joins Serbia by choice; Germany strikes Russia.
    let c = Crisis {
        attacker: "AUH".into(),
        target: "YUG".into(), // COW codes Serbia as 345, abbreviated YUG
        place: Place::Territory("YUG".into()),
        day: days_from_civil(1914, 7, 28),
        joins: vec![("RUS".into(), "YUG".into())],
        strikes: vec![cascade::Strike {
            attacker: "GMY".into(),
            victim: "RUS".into(),
            place: None,
            counter: false,
        }],
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert!(
        r.aggressor_side.contains(&"GMY".to_string())
            && r.defending_side.contains(&"RUS".to_string())
    );
    // Russia is now a victim. ATOP's member file codes France's defence obligation to Russia
    // (atopid 1385, member 220: defense = 1, defcoadv = 1) as conditional on a particular adversary,
    // a condition the data flags but does not name: so France is owed-but-unresolved, not bound.
    assert!(
        !r.defending_side.contains(&"FRN".to_string()),
        "{:#?}",
        r.defending_side
    );
    let france = r
        .unresolved
        .iter()
        .find(|u| u.obligor == "FRN" && u.owed_to == "RUS")
        .unwrap_or_else(|| {
            panic!(
                "France's obligation to Russia is missing: {:#?}",
                r.unresolved
            )
        });
    assert_eq!(france.agreement, "ATOP 1385 (1893)");
    assert!(
        france.conditions.iter().any(|c| c.contains("defcoadv")),
        "{:?}",
        france.conditions
    );
    // Italy: Austria-Hungary struck first, so the Triple Alliance's defence clause does not bind it.
    let italy = r
        .stays_out
        .iter()
        .find(|x| {
            x.actor == "ITA"
                && x.tie_to == "AUH"
                && x.kind == Some(entente_model::ProvisionKind::Defence)
        })
        .unwrap_or_else(|| {
            panic!(
                "Italy's tie to Austria-Hungary is not listed: {:#?}",
                r.stays_out
            )
        });
    assert!(
        italy.reasons.iter().any(|x| x.contains("AUH struck first")),
        "{:?}",
        italy.reasons
    );
    assert!(!r.aggressor_side.contains(&"ITA".to_string()));
}

#[test]
fn the_bundled_scenario_layered_on_the_data() {
    let Some(data) = world((2025, 2, 28)) else {
        return;
    };
    let scenario = entente_scenario::load_bundled().valid().unwrap().clone();
    let (s, notes) = entente_datasets::world::layer(data, &scenario);
    assert!(!notes.iter().any(|n| n.kind == "invalid"), "{notes:#?}");
    let note = |kind: &str, id: &str| {
        notes
            .iter()
            .any(|n| n.kind == kind && n.message.starts_with(id))
    };
    assert!(
        note("layered", "rus-prk-2024"),
        "the 2024 treaty is after ATOP's last year: {notes:#?}"
    );
    assert!(
        note("overlap", "us-rok-1953") && note("overlap", "chn-prk-1961"),
        "{notes:#?}"
    );
    assert!(
        note("overlap", "north-atlantic-treaty"),
        "NATO overlaps ATOP's despite its new members"
    );
    // The scenario's names resolve to the data's actors (KOR is COW's ROK).
    let c = Crisis {
        attacker: "PRK".into(),
        target: "ROK".into(),
        place: Place::Flashpoint("korean-peninsula".into()),
        day: days_from_civil(2025, 2, 28),
        joins: vec![],
        strikes: vec![],
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert!(
        r.defending_side.contains(&"USA".to_string()),
        "{:?}",
        r.defending_side
    );
    assert!(
        !r.defending_side
            .iter()
            .chain(&r.aggressor_side)
            .any(|x| x == "RUS" || x == "CHN")
    );
    let c = Crisis {
        attacker: "USA".into(),
        target: "PRK".into(),
        ..c
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    for who in ["RUS", "CHN"] {
        assert!(
            r.defending_side.contains(&who.to_string()),
            "{who}: {:?}",
            r.defending_side
        );
    }
}

#[test]
fn a_data_world_after_the_state_list_ends_is_valid() {
    // The state list ends in 2016; later dates use the system as it stood then (validated in world()).
    let Some(s) = world((2025, 1, 1)) else { return };
    assert!(s.facts.actors.len() > 190);
    assert!(s.facts.actors.iter().all(|a| {
        a.note
            .as_deref()
            .is_some_and(|n| n.contains("ends on 2016-12-31"))
    }));
}

#[test]
fn coalition_capability_is_cinc_on_data_worlds() {
    let Some(s) = world((1904, 2, 8)) else { return };
    let c = Crisis {
        attacker: "JPN".into(),
        target: "RUS".into(),
        place: Place::Territory("RUS".into()),
        day: days_from_civil(1904, 2, 8),
        joins: vec![],
        strikes: vec![],
    };
    // With unresolved conditions never holding, Britain's conditional offence obligation never
    // brings it in: Japan is alone on the aggressor side in every trial.
    let rates = cascade::HonourRates {
        unresolved: 0.0,
        ..cascade::HonourRates::default()
    };
    let config = cascade::McConfig {
        trials: 2000,
        rates,
        ..cascade::McConfig::default()
    };
    let r = cascade::monte_carlo(&s, &c, Rules::default(), &config).unwrap();
    assert_eq!(r.capability[0].measure, cascade::CapabilityMeasure::Cinc);
    // Japan's 1904 CINC, every trial.
    let japan = s
        .facts
        .capabilities
        .iter()
        .find(|x| x.actor == "JPN")
        .and_then(|x| x.cinc.as_ref())
        .unwrap()
        .central();
    assert!((r.capability[0].expected - japan).abs() < 1e-12);
    let bundled = entente_scenario::load_bundled().valid().unwrap().clone();
    let k = Crisis {
        attacker: "PRK".into(),
        target: "KOR".into(),
        place: Place::Flashpoint("korean-peninsula".into()),
        day: days_from_civil(2025, 2, 28),
        joins: vec![],
        strikes: vec![],
    };
    // The bundled scenario carries NMC v7's 2022 rows for every state, so it is measured in CINC
    // too, North Korea included (NMC has its CINC, not its military expenditure).
    let r = cascade::monte_carlo(&bundled, &k, Rules::default(), &config).unwrap();
    assert_eq!(r.capability[1].measure, cascade::CapabilityMeasure::Cinc);
}

/// Locarno (ATOP 2130) in 1926 with ATOP's partner-level coding: the guarantors owe defence to France,
/// Germany and Belgium but not to each other, and Germany's defence obligation is owed to no one — so a
/// German attack on Italy binds no Locarno party, while from the member file alone Britain, France and
/// Belgium each have a (conditional) defence tie to Italy.
#[test]
fn partner_coding_reaches_the_world_at_a_date() {
    let Some(plain) = world_coded((1926, 6, 1), false) else {
        return;
    };
    let Some(coded) = world_coded((1926, 6, 1), true) else {
        return;
    };
    let locarno = |s: &Scenario| s.agreement("atop-2130").cloned().unwrap();
    let defence_of = |s: &Scenario, who: &str| {
        locarno(s)
            .provisions
            .iter()
            .find(|p| {
                p.kind == entente_model::ProvisionKind::Defence
                    && p.obligors == vec![who.to_string()]
            })
            .map(|p| p.beneficiaries.clone())
    };
    assert_eq!(
        defence_of(&plain, "UKG").unwrap(),
        vec!["BEL", "FRN", "GMY", "ITA"]
    );
    assert_eq!(
        defence_of(&coded, "UKG").unwrap(),
        vec!["BEL", "FRN", "GMY"]
    );
    assert!(defence_of(&plain, "GMY").is_some());
    assert_eq!(defence_of(&coded, "GMY"), None, "owed to no one");
    let p = locarno(&coded)
        .provisions
        .into_iter()
        .find(|p| p.obligors == vec!["UKG".to_string()])
        .unwrap();
    assert!(p.summary.contains("none towards ITA"), "{}", p.summary);
    assert!(p.cite.iter().any(|c| c.source == "atop-5.1-dyadic"));
    let crisis = Crisis {
        attacker: "GMY".into(),
        target: "ITA".into(),
        place: Place::Territory("ITA".into()),
        day: days_from_civil(1926, 6, 1),
        joins: vec![],
        strikes: vec![],
    };
    // Who owes Italy defence under Locarno, as the cascade sees it. ATOP names the adversaries
    // (statthr1 = 255 Germany, statthr2 = 220 France), so the adversary condition is resolved:
    // a German attack meets it, and from the member file alone Britain, France and Belgium enter
    // for Italy; with the partner-level coding, none of them owes Italy anything.
    let owing_italy = |s: &Scenario| {
        let r = cascade::cascade(s, &crisis, Rules::default()).unwrap();
        let mut v: Vec<String> = r
            .waves
            .iter()
            .flat_map(|w| &w.entries)
            .flat_map(|e| match &e.how {
                cascade::How::Obligation(x) => std::iter::once(x)
                    .chain(&e.also)
                    .filter(|x| x.owed_to == "ITA" && x.agreement == "atop-2130")
                    .map(|_| e.actor.clone())
                    .collect::<Vec<_>>(),
                _ => vec![],
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(owing_italy(&plain), vec!["BEL", "FRN", "UKG"]);
    assert!(owing_italy(&coded).is_empty());
}

fn data_world(ymd: (i32, u8, u8)) -> Option<Scenario> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !p.exists() {
        entente_table::testdata::skip(&p);
        return None;
    }
    let mut notes = Vec::new();
    let mut s = entente_datasets::load::world(&p, ymd, false, &mut notes).unwrap();
    entente_model::canonicalize(&mut s);
    Some(s)
}

fn crisis_on(s: &Scenario, attacker: &str, target: &str, ymd: (i32, u8, u8)) -> Crisis {
    let r = entente_model::Resolver::new(&s.facts);
    Crisis {
        attacker: r.actor(attacker).unwrap().to_string(),
        target: r.actor(target).unwrap().to_string(),
        place: Place::Territory(r.actor(target).unwrap().to_string()),
        day: days_from_civil(ymd.0, ymd.1, ymd.2),
        joins: vec![],
        strikes: vec![],
    }
}

/// ATOP 1425 (Serbia–Bulgaria, 1904–1909): Bulgaria (COW 355) is not in COW's state system until
/// October 1908 (ATOP codes the membership `cowsys` = 0), yet the alliance bound it. The world has
/// it, flagged, and an Ottoman attack on Serbia brings it in by ATOP's unconditional defence pledge.
#[test]
fn an_atop_member_outside_the_cow_system_is_in_the_cascade() {
    let day = (1906, 1, 1);
    let Some(s) = data_world(day) else { return };
    let bul = s
        .facts
        .actors
        .iter()
        .find(|a| a.cow == Some(355))
        .expect("Bulgaria is in the world");
    assert!(
        bul.note.as_deref().unwrap().contains("cowsys = 0"),
        "{:?}",
        bul.note
    );
    let r = cascade::cascade(&s, &crisis_on(&s, "TUR", "YUG", day), Rules::default()).unwrap();
    assert!(r.defending_side.contains(&bul.id), "{:?}", r.defending_side);
}

/// COW 345 answers to Serbia / SRB in the years it is Serbia (the crosswalk's Serbia row, G&W 340),
/// not while it is Yugoslavia.
#[test]
fn serbia_resolves_in_a_data_world_in_its_years() {
    let Some(s) = data_world((1906, 1, 1)) else {
        return;
    };
    let r = entente_model::Resolver::new(&s.facts);
    assert_eq!(r.actor("Serbia"), Some("YUG"));
    assert_eq!(r.actor("SRB"), Some("YUG"));
    let Some(s) = data_world((1960, 1, 1)) else {
        return;
    };
    let r = entente_model::Resolver::new(&s.facts);
    assert_eq!(r.actor("Serbia"), None);
    assert_eq!(r.actor("Yugoslavia"), Some("YUG"));
}

/// ATOP 1035 (the Quadruple Alliance, 1815–1822) pledges defence against France only (`defcoadv`,
/// `statthr1` = 220). With France named, the adversary condition is resolved both ways: a French
/// attack on Austria binds Britain, Prussia and Russia; an Ottoman attack on Russia binds none of
/// them through this alliance.
#[test]
fn an_adversary_named_by_atop_resolves_the_condition_both_ways() {
    let day = (1818, 6, 1);
    let Some(s) = data_world(day) else { return };
    let quadruple = s
        .facts
        .agreements
        .iter()
        .find(|a| a.id.starts_with("atop-1035"))
        .expect("ATOP 1035 is in force in 1818");
    let adversary = quadruple
        .provisions
        .iter()
        .flat_map(|p| &p.conditions)
        .find_map(|c| match c {
            entente_model::Condition::Adversary { actors } => Some(actors.clone()),
            _ => None,
        })
        .expect("the adversary condition is resolved, not unresolved");
    assert_eq!(adversary, vec!["FRN".to_string()]);
    let id = quadruple.id.clone();
    let r = cascade::cascade(&s, &crisis_on(&s, "FRN", "AUH", day), Rules::default()).unwrap();
    for ally in ["UKG", "GMY", "RUS"] {
        assert!(
            r.defending_side.contains(&ally.to_string()),
            "{ally}: {:?}",
            r.defending_side
        );
    }
    let r = cascade::cascade(&s, &crisis_on(&s, "TUR", "RUS", day), Rules::default()).unwrap();
    let by_1035 = r
        .waves
        .iter()
        .flat_map(|w| &w.entries)
        .any(|e| matches!(&e.how, cascade::How::Obligation(x) if x.agreement == id));
    assert!(!by_1035, "{:#?}", r.waves);
    assert!(
        r.unresolved.iter().all(|u| u.agreement != id),
        "no longer unresolved: {:#?}",
        r.unresolved
    );
}
