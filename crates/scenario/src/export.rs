//! Writing a scenario back as one TOML file in the scenario format: after canonicalisation every
//! actor is named by its id. `load_files` of the result gives the same scenario (tested).

use entente_model::Scenario;

/// The scenario as TOML text.
pub fn to_toml(scenario: &Scenario) -> Result<String, String> {
    toml::to_string(scenario).map_err(|e| format!("could not write the scenario as TOML: {e}"))
}
