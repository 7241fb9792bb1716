//! The cascade on a world built from the data (COW, ATOP, NMC in `../shared/data`).

use entente_analysis::cascade::{self, Crisis, Rules};
use entente_datasets::dir::DataDir;
use entente_datasets::world::{WorldData, world_at};
use entente_model::date::days_from_civil;
use entente_model::{Place, Scenario, Severity};
use std::path::PathBuf;

fn world(ymd: (i32, u8, u8)) -> Option<Scenario> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !p.exists() {
        eprintln!("skipping: {} is absent", p.display());
        return None;
    }
    let d = DataDir::new(&p);
    let states = entente_datasets::states::read_spells(&d.find("states").unwrap()).unwrap();
    let atop = entente_datasets::atop::read_members(&d.find("atop").unwrap()).unwrap();
    let nmc = entente_datasets::nmc::read(&d.find("nmc").unwrap()).unwrap();
    let s = world_at(
        &WorldData {
            states: &states.rows,
            crosswalk: None,
            atop: &atop.rows,
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
        }],
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert!(
        r.aggressor_side.contains(&"GMY".to_string())
            && r.defending_side.contains(&"RUS".to_string())
    );
    // Russia is now a victim: France is bound (possibly conditionally, as ATOP codes the 1894 alliance).
    let france_bound = r.defending_side.contains(&"FRN".to_string())
        || r.unresolved
            .iter()
            .any(|u| u.obligor == "FRN" && u.owed_to == "RUS");
    assert!(france_bound, "{:#?}", r);
    // Italy: Austria-Hungary struck first, so the Triple Alliance does not bind it.
    let italy = r.stays_out.iter().find(|x| {
        x.actor == "ITA"
            && x.tie_to == "AUH"
            && x.kind == Some(entente_model::ProvisionKind::Defence)
    });
    if let Some(i) = italy {
        assert!(
            i.reasons.iter().any(|x| x.contains("AUH struck first")),
            "{:?}",
            i.reasons
        );
    }
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
    let r = cascade::monte_carlo(&bundled, &k, Rules::default(), &config).unwrap();
    assert_eq!(r.capability[1].measure, cascade::CapabilityMeasure::Milex);
}
