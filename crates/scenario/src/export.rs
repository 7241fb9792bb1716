//! Writing a scenario back as one TOML file in the scenario format: after canonicalisation every
//! actor is named by its id. `load_files` of the result gives the same scenario (tested).

use entente_model::Scenario;

/// Why a scenario could not be written as TOML (a value TOML cannot hold).
#[derive(Debug)]
pub struct ExportError(pub toml::ser::Error);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not write the scenario as TOML: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

/// The scenario as TOML text.
pub fn to_toml(scenario: &Scenario) -> Result<String, ExportError> {
    toml::to_string(scenario).map_err(ExportError)
}
