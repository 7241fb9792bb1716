//! The expected-utility model on the shared inputs (`../shared/data/oracles/bdm/`), checked round by
//! round against an independent plain-Python implementation of the same rules
//! (`benches/bdm_reference.py`, written from the paper's formulas, run here).

use entente_forecast::bdm::{self, Actor, OfferKind, Rules};
use std::path::{Path, PathBuf};

fn oracles() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/oracles/bdm");
    if p.is_dir() {
        Some(p)
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}

fn actors(path: &Path) -> Vec<Actor> {
    entente_datasets::stakeholders::read(path)
        .unwrap()
        .rows
        .into_iter()
        .map(|s| Actor {
            name: s.name,
            capability: s.capability,
            position: s.position,
            salience: s.salience,
        })
        .collect()
}

/// The Python reference's rounds, or None (with a message) when python3 is missing.
fn reference(path: &Path, rounds: usize, rules: &str) -> Option<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/bdm_reference.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(path)
        .arg(rounds.to_string())
        .args(["--rules", rules])
        .output();
    match out {
        Ok(o) if o.status.success() => Some(serde_json::from_slice(&o.stdout).unwrap()),
        Ok(o) => panic!("{}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => {
            eprintln!("skipping the Python comparison: {e}");
            None
        }
    }
}

fn same_as_reference(path: &Path, rounds: usize, rules: Rules) {
    let name = if rules == Rules::Paper {
        "paper"
    } else {
        "replication"
    };
    let f = bdm::run(&actors(path), rounds, rules);
    let Some(py) = reference(path, rounds, name) else {
        return;
    };
    let py = py["rounds"].as_array().unwrap();
    assert_eq!(py.len(), f.rounds.len());
    for (r, (ours, theirs)) in f.rounds.iter().zip(py).enumerate() {
        let pos: Vec<f64> = theirs["positions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        for (a, (x, y)) in ours.positions.iter().zip(&pos).enumerate() {
            assert!(
                (x - y).abs() < 1e-9,
                "{} round {r} actor {a}: {x} vs {y}",
                path.display()
            );
        }
        assert!((ours.median - theirs["median"].as_f64().unwrap()).abs() < 1e-9);
        assert!((ours.mean - theirs["mean"].as_f64().unwrap()).abs() < 1e-9);
        let moves: Vec<(String, String)> = theirs["moves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m[0].as_str().unwrap().to_string(),
                    m[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let ours_moves: Vec<(String, String)> = ours
            .moves
            .iter()
            .map(|m| (m.actor.clone(), m.from.clone()))
            .collect();
        assert_eq!(ours_moves, moves, "{} round {r}", path.display());
    }
}

#[test]
fn every_shared_input_matches_the_python_reference_round_by_round() {
    let Some(dir) = oracles() else { return };
    for file in [
        "ExampleActors.csv",
        "Sultan.csv",
        "ExampleActors_salience_0-100.csv",
        "HondurasCrisisData.csv",
        "ChinaData.csv",
    ] {
        for rules in [Rules::Paper, Rules::Replication] {
            same_as_reference(&dir.join(file), 10, rules);
        }
    }
}

/// Three rounds of the EC example under the replication's rules, as the independent Python
/// reference gives them (not this crate's output): round 1, Belgium (7) takes France's compromise
/// offer and moves to 8.416, Luxembourg (4) loses a confrontation to Belgium and moves to 7, Ireland
/// (7) loses one to Luxembourg and moves to 4; round 2, Belgium to 9.611, Luxembourg to 8.416,
/// Ireland back to 7; round 3, Belgium to 9.962, Luxembourg to 9.611, Ireland to 8.416. The big
/// four hold (Germany and the Netherlands at 4; France, Italy and the UK at 10), and the median
/// voter position follows Belgium from 7 towards the 10 of the three largest states, while the
/// weighted mean creeps from 7.39 to 7.59.
#[test]
fn the_ec_example_three_rounds() {
    let Some(dir) = oracles() else { return };
    let f = bdm::run(
        &actors(&dir.join("ExampleActors.csv")),
        3,
        Rules::Replication,
    );
    let at = |r: usize, name: &str| {
        let i = f.actors.iter().position(|a| a.name == name).unwrap();
        f.rounds[r].positions[i]
    };
    let close = |a: f64, b: f64| (a - b).abs() < 5e-4;
    assert!(
        close(at(1, "Belgium"), 8.416)
            && close(at(2, "Belgium"), 9.611)
            && close(at(3, "Belgium"), 9.962)
    );
    assert!(
        close(at(1, "Luxembourg"), 7.0)
            && close(at(2, "Luxembourg"), 8.416)
            && close(at(3, "Luxembourg"), 9.611)
    );
    assert!(
        close(at(1, "Ireland"), 4.0)
            && close(at(2, "Ireland"), 7.0)
            && close(at(3, "Ireland"), 8.416)
    );
    let kinds: Vec<OfferKind> = f.rounds[1].moves.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            OfferKind::Compromise,
            OfferKind::Confrontation,
            OfferKind::Confrontation
        ]
    );
    assert_eq!(f.rounds[1].moves[0].from, "France");
    let medians: Vec<f64> = f.rounds.iter().map(|r| r.median).collect();
    assert!(close(medians[0], 7.0) && close(medians[1], 8.416) && close(medians[3], 9.962));
    assert!(close(f.rounds[0].mean, 7.390) && close(f.rounds[3].mean, 7.590));
    // Deterministic.
    assert_eq!(f, bdm::run(&f.actors, 3, Rules::Replication));
}

/// The replication's capitulation test can never pass; the paper's rule lets actors capitulate, and
/// that changes the Sultan run (both runs match the Python reference in the test above).
#[test]
fn capitulation_changes_the_sultan_run() {
    let Some(dir) = oracles() else { return };
    let a = actors(&dir.join("Sultan.csv"));
    let paper = bdm::run(&a, 10, Rules::Paper);
    let replication = bdm::run(&a, 10, Rules::Replication);
    let capitulations = |f: &bdm::Forecast| {
        f.rounds
            .iter()
            .flat_map(|r| &r.moves)
            .filter(|m| m.kind == OfferKind::Capitulation)
            .count()
    };
    assert_eq!(capitulations(&replication), 0);
    assert!(capitulations(&paper) > 0);
    // Under the replication's rules nobody moves in ten rounds; under the paper's, Russia capitulates
    // to Nazer's position (12.9) in round 1, to Iran's (14.2) in round 2, and so on: the median
    // alternates between 13.75 and 13.9. (These values are entente's; the test above checks every
    // round of both runs against the independent Python reference.)
    assert!(replication.rounds.iter().all(|r| r.moves.is_empty()));
    let russia = paper
        .actors
        .iter()
        .position(|a| a.name == "RUSSIA")
        .unwrap();
    assert_eq!(paper.rounds[1].positions[russia], 12.9);
    assert_eq!(paper.rounds[2].positions[russia], 14.2);
    assert_eq!(
        (paper.rounds[1].median, paper.rounds[2].median),
        (13.75, 13.9)
    );
}
