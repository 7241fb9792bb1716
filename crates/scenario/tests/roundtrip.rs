//! Every construct of the format survives load → write → load unchanged.

use entente_model::{Amount, Condition, Precision, Qualifier, Scenario, Severity};
use entente_scenario::{ScenarioFile, load_bundled, load_dir, load_files, to_toml};
use std::path::Path;

fn fixture() -> Scenario {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/every-construct");
    let loaded = load_dir(&dir).unwrap();
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    loaded.scenario.unwrap()
}

fn round_trip(s: &Scenario) {
    let text = to_toml(s).unwrap();
    let again = load_files(&[ScenarioFile {
        path: "exported.toml".into(),
        text: text.clone(),
    }]);
    let errors: Vec<String> = again
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}\n---\n{text}", errors.join("\n"));
    let a = serde_json::to_value(s).unwrap();
    let b = serde_json::to_value(again.scenario.as_ref().unwrap()).unwrap();
    assert!(a == b, "the exported scenario loads differently:\n{text}");
}

#[test]
fn every_construct_round_trips() {
    round_trip(&fixture());
}

#[test]
fn the_bundled_scenario_round_trips() {
    round_trip(load_bundled().valid().unwrap());
}

#[test]
fn every_construct_is_read_as_written() {
    let s = fixture();
    let a = s.agreement("anglo-japanese").unwrap();
    let p = &a.provisions[0];
    assert_eq!(p.kind.name(), "defence", "`defense` is accepted");
    assert_eq!(p.conditions.len(), 9);
    assert!(
        p.conditions
            .contains(&Condition::MinAdversaries { count: 2 })
    );
    assert!(
        p.conditions.contains(&Condition::Place {
            places: vec!["port-arthur".into()]
        }),
        "alias kept canonical"
    );
    assert_eq!(
        a.provisions
            .iter()
            .map(|p| p.kind.name())
            .collect::<Vec<_>>(),
        [
            "defence",
            "neutrality",
            "offence",
            "non-aggression",
            "consultation",
            "cooperation"
        ]
    );
    let cap = &s.facts.capabilities[0];
    assert_eq!(cap.actor, "UKG", "alias Britain canonicalised");
    assert_eq!(
        cap.milper.as_ref().unwrap().amount,
        Amount::Approximately(400.0)
    );
    assert_eq!(cap.irst.as_ref().unwrap().amount, Amount::UpTo(5000.0));
    assert_eq!(cap.pec.as_ref().unwrap().amount, Amount::AtLeast(100.0));
    assert_eq!(
        cap.tpop.as_ref().unwrap().amount,
        Amount::Range {
            min: 41000.0,
            max: 42000.0
        }
    );
    let league = s.actor("LEAGUE").unwrap();
    assert_eq!(
        league.members.len(),
        3,
        "the standalone membership joined its organisation"
    );
    let fr = league.members.iter().find(|m| m.actor == "FRN").unwrap();
    assert_eq!(fr.from.unwrap().qualifier, Some(Qualifier::About));
    assert_eq!(
        league.members[0].from.unwrap().qualifier,
        Some(Qualifier::Early)
    );
    let talks = s.facts.events.iter().find(|e| e.id == "talks").unwrap();
    assert_eq!(talks.date.qualifier, Some(Qualifier::By));
    assert_eq!(talks.date.precision(), Precision::Month);
    assert_eq!(talks.place.as_deref(), Some("JPN"));
    let forces = &s.facts.forces[0];
    assert_eq!(forces.expected.unwrap().to_string(), "1904/1905");
    assert_eq!(
        s.facts.disagreements[0].about[1].id, "LEAGUE/UKG",
        "membership references canonicalised"
    );
    assert_eq!(s.facts.disagreements[0].about[3].id, "JPN");
    // The overlay: remove, replace, add.
    let o = s.with_overlay("change-everything").unwrap();
    assert!(o.facts.events.iter().all(|e| e.id != "talks"));
    assert!(o.facts.events.iter().any(|e| e.id == "peace"));
    assert_eq!(o.facts.forces[0].count.amount, Amount::Exactly(50.0));
    let league = o.actor("LEAGUE").unwrap();
    assert!(league.members.iter().any(|m| m.actor == "RUS"));
    assert!(league.members.iter().all(|m| m.actor != "FRN"));
}
