//! The bundled scenario loads cleanly, and the embedded file list matches the directory.

use entente_model::Severity;
use entente_scenario::{bundled_files, load_bundled, load_dir};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn bundled_scenario_has_no_errors_or_warnings() {
    let loaded = load_bundled();
    let shown: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(
        shown.is_empty(),
        "bundled scenario diagnostics:\n{}",
        shown.join("\n")
    );
    assert!(loaded.valid().is_some());
}

#[test]
fn embedded_files_match_the_directory() {
    let dir = repo().join("scenarios/indo-pacific-2025");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = bundled_files()
        .iter()
        .map(|f| f.path.rsplit('/').next().unwrap().to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "update crates/scenario/src/bundled.rs when adding or removing a file"
    );
    for f in bundled_files() {
        let text = std::fs::read_to_string(repo().join(&f.path)).unwrap();
        assert_eq!(text, f.text, "{} differs from the embedded copy", f.path);
    }
}

#[test]
fn loading_the_directory_equals_loading_the_bundle() {
    let from_dir = load_dir(&repo().join("scenarios/indo-pacific-2025")).unwrap();
    let a = serde_json::to_value(from_dir.valid().unwrap()).unwrap();
    let b = serde_json::to_value(load_bundled().valid().unwrap()).unwrap();
    assert!(
        a == b,
        "the directory and the embedded copy load differently"
    );
}

#[test]
fn the_format_docs_example_is_valid() {
    let doc = std::fs::read_to_string(repo().join("docs/scenario-format.md")).unwrap();
    let example = doc.split("## Example").nth(1).expect("an Example section");
    let block = example
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a toml block");
    let loaded = entente_scenario::load_files(&[entente_scenario::ScenarioFile {
        path: "example.toml".into(),
        text: block.into(),
    }]);
    let shown: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        loaded.valid().is_some() && shown.is_empty(),
        "{}",
        shown.join("\n")
    );
}

#[test]
fn the_second_region_loads_and_validates() {
    let loaded = load_dir(&repo().join("scenarios/nato-eastern-flank-2025")).unwrap();
    let shown: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
    let s = loaded.valid().unwrap();
    assert_eq!(s.info.id, "nato-eastern-flank-2025");
    // Its obligations are those its files state: the CSTO's Art. 4 binds Belarus to Russia.
    let csto = s.agreement("collective-security-treaty").unwrap();
    assert_eq!(csto.organisation.as_deref(), Some("CSTO"));
    let day = entente_model::date::days_from_civil(2025, 1, 1);
    assert!(s.parties_on(csto, day).contains(&"BLR".to_string()));
    // Sweden counts as a NATO party in 2025, not in 2023.
    let nat = s.agreement("north-atlantic-treaty").unwrap();
    assert!(s.parties_on(nat, day).contains(&"SWE".to_string()));
    assert!(
        !s.parties_on(nat, entente_model::date::days_from_civil(2023, 1, 1))
            .contains(&"SWE".to_string())
    );
}

/// A citation of a section the source does not have (the background facts have four) is an error
/// at the citation, naming the sections that exist.
#[test]
fn a_citation_of_a_missing_background_section_is_rejected() {
    let mut files = entente_scenario::bundled_files();
    let f = files
        .iter_mut()
        .find(|f| f.path.ends_with("agreements.toml"))
        .unwrap();
    let at = f
        .text
        .find(r#"{ source = "background", at = "Agreements" }"#)
        .unwrap();
    f.text.replace_range(
        at..at + r#"{ source = "background", at = "Agreements" }"#.len(),
        r#"{ source = "background", at = "seed facts: nuclear umbrella" }"#,
    );
    let loaded = entente_scenario::load_files(&files);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == entente_model::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert!(e.file.ends_with("agreements.toml"));
    assert!(
        e.message
            .contains("source \"background\" has no section \"seed facts: nuclear umbrella\""),
        "{}",
        e.message
    );
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("Agreements, Organisations, Flashpoints, Figures")
    );
    // The bundled scenario itself cites only sections that exist.
    assert!(entente_scenario::load_bundled().valid().is_some());
}
