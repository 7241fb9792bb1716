//! Places where a war can start: regions (nested), and flashpoints (disputed territories and theatres)
//! with their claimants and administering state.
//!
//! Regions carry treaty geography: the North Atlantic Treaty's Art. 6 area, the "Pacific area" of the
//! US–Japan, US–ROK, ANZUS and US–Philippines treaties. A region may lie within others; containment is
//! transitive, so a flashpoint tagged `east-china-sea` is in the `pacific-area` if the scenario says the
//! East China Sea lies within it.

use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};

/// A named region, possibly within larger ones.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Regions are vocabulary; cite the text that defines one where a treaty does (NATO Art. 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A disputed territory or theatre.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flashpoint {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Islands, strait, land border, maritime zone, island state…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The state or states administering the territory today. Several for a divided theatre (the
    /// Korean Peninsula), none for open sea.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub administered_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claimants: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Part of the administering state's metropolitan territory (Hokkaido, Okinawa), as treaty
    /// clauses on "metropolitan territory" (ANZUS Art. V) read it. A state's own territory
    /// (`--at JPN`) always is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub metropolitan: bool,
    /// The place is this state's armed forces, vessels or aircraft stationed there (US forces in
    /// Japan): an attack on it is an attack on that state, in territory the host administers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forces_of: Option<String>,
    /// The crises this place is likely to see, for reports: who would attack whom here.
    #[serde(default, rename = "crisis", skip_serializing_if = "Vec::is_empty")]
    pub crises: Vec<LikelyCrisis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A crisis a flashpoint is likely to see (attacker → target, here), with the reason.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LikelyCrisis {
    pub attacker: String,
    pub target: String,
    pub why: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
}
