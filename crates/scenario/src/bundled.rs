//! The bundled scenario, embedded in the binary so that `entente` works with no flags and no files.
//!
//! The files live in `scenarios/indo-pacific-2025/` at the repository root, where they are reviewed
//! like code; a test checks that this list and that directory agree.

use crate::load::ScenarioFile;

/// The id of the bundled scenario.
pub const BUNDLED_ID: &str = "indo-pacific-2025";

macro_rules! bundle {
    ($($name:literal),* $(,)?) => {
        &[$((
            concat!("scenarios/indo-pacific-2025/", $name),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/indo-pacific-2025/", $name)),
        )),*]
    };
}

// In path order, as `load_dir` reads a directory, so both give the same scenario.
const FILES: &[(&str, &str)] = bundle!(
    "agreements.toml",
    "assessments.toml",
    "capabilities-nmc.toml",
    "capabilities.toml",
    "disagreements.toml",
    "events.toml",
    "flashpoints.toml",
    "issues.toml",
    "organisations.toml",
    "overlays.toml",
    "regions.toml",
    "scenario.toml",
    "sources.toml",
    "states.toml",
    "wars.toml",
);

/// The bundled scenario's files, with their paths in the repository.
pub fn bundled_files() -> Vec<ScenarioFile> {
    FILES
        .iter()
        .map(|(path, text)| ScenarioFile {
            path: path.to_string(),
            text: text.to_string(),
        })
        .collect()
}
