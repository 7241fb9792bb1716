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
