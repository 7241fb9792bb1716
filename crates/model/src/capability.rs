//! Military capabilities: the six components of the Correlates of War National Material Capabilities
//! data by year, and named force-structure items (Aegis destroyers, warheads, deployed troops).
//!
//! Components use NMC's units (Singer, Bremer & Stuckey 1972; NMC v6.0 codebook): military expenditure
//! in thousands of current US dollars, military personnel in thousands, iron and steel production in
//! thousands of tons, primary energy consumption in thousands of coal-ton equivalents, total and urban
//! population in thousands. Each is a [`Quantity`], so an estimate keeps its range. A missing component
//! is `None`, never zero.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::quantity::Quantity;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One actor's capability components for one year.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    pub actor: String,
    pub year: i32,
    /// Military expenditure, thousands of current US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milex: Option<Quantity>,
    /// Military personnel, thousands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milper: Option<Quantity>,
    /// Iron and steel production, thousands of tons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub irst: Option<Quantity>,
    /// Primary energy consumption, thousands of coal-ton equivalents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pec: Option<Quantity>,
    /// Total population, thousands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tpop: Option<Quantity>,
    /// Urban population, thousands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upop: Option<Quantity>,
    /// Composite Index of National Capability, a share in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cinc: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Capability {
    /// The components by name, in NMC's order, followed by CINC.
    pub fn components(&self) -> [(&'static str, Option<&Quantity>); 7] {
        [
            ("milex", self.milex.as_ref()),
            ("milper", self.milper.as_ref()),
            ("irst", self.irst.as_ref()),
            ("pec", self.pec.as_ref()),
            ("tpop", self.tpop.as_ref()),
            ("upop", self.upop.as_ref()),
            ("cinc", self.cinc.as_ref()),
        ]
    }

    /// The reference other facts use: `ACTOR/YEAR`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.actor, self.year)
    }
}

/// Whether a force item exists yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForceStatus {
    InService,
    /// Deployed abroad or to a theatre (troops sent to another state's war).
    Deployed,
    UnderConstruction,
    Planned,
    Retired,
}

impl fmt::Display for ForceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ForceStatus::InService => "in service",
            ForceStatus::Deployed => "deployed",
            ForceStatus::UnderConstruction => "under construction",
            ForceStatus::Planned => "planned",
            ForceStatus::Retired => "retired",
        })
    }
}

/// A named element of force structure with a count, status and dates.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceItem {
    pub id: String,
    pub actor: String,
    /// What it is: "Aegis destroyer", "nuclear warheads".
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub count: Quantity,
    pub status: ForceStatus,
    /// The date the count refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    /// When a planned item is expected in service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}
