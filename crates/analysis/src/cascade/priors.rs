//! How likely a triggered obligation is to be honoured: published rates, and the overrides that
//! replace them.
//!
//! # References
//! - Leeds, B. A., Long, A. G. & Mitchell, S. M. (2000). "Reevaluating Alliance Reliability: Specific
//!   Threats, Specific Promises." *Journal of Conflict Resolution* 44(5): 686–699. Alliance commitments
//!   honoured in 74.5% of the opportunities, 1816–1944.
//! - Berkemeier, M. & Fuhrmann, M. (2018). "Reassessing the Fulfillment of Alliance Commitments in War."
//!   *Research & Politics* 5(2). About 50% overall; 66% before 1945, 22% after; by obligation type:
//!   defence 41%, offence 74%, neutrality 78%, non-aggression 37%. They publish type and era
//!   separately, not combined, so entente offers them as separate priors rather than inventing a
//!   type-by-era table.
//! - Leeds, B. A. (2003). "Alliance Reliability in Times of War: Explaining State Decisions to Violate
//!   Treaties." *International Organization* 57(4): 801–827 — violations follow changes in power or in
//!   policy-making since signature; use the per-agreement and per-actor overrides to express that.

use entente_model::ProvisionKind;
use serde::Serialize;
use std::collections::HashMap;

/// A named set of published honouring rates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Prior {
    /// Berkemeier & Fuhrmann (2018) by obligation type (the default).
    #[default]
    ByType,
    /// Leeds, Long & Mitchell (2000): 74.5% for every obligation.
    Flat,
    /// Berkemeier & Fuhrmann (2018) by era of the war: 66% before 1945, 22% from 1945.
    Era,
}

impl std::fmt::Display for Prior {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Prior::ByType => "by-type (Berkemeier & Fuhrmann 2018)",
            Prior::Flat => "flat 74.5% (Leeds, Long & Mitchell 2000)",
            Prior::Era => "era (Berkemeier & Fuhrmann 2018)",
        })
    }
}

impl Prior {
    pub fn parse(s: &str) -> Option<Prior> {
        match s {
            "by-type" | "bf2018" | "berkemeier-fuhrmann" => Some(Prior::ByType),
            "flat" | "leeds2000" | "lmm2000" => Some(Prior::Flat),
            "era" | "bf2018-era" => Some(Prior::Era),
            _ => None,
        }
    }

    pub const NAMES: &'static str = "by-type (Berkemeier & Fuhrmann 2018), flat (Leeds, Long & Mitchell 2000), era (Berkemeier & Fuhrmann 2018)";

    /// The rate for an obligation of `kind` in a war on `day` (a day number), with its citation.
    pub fn rate(self, kind: ProvisionKind, day: i32) -> (f64, &'static str) {
        match self {
            Prior::ByType => match kind {
                ProvisionKind::Defence => (0.41, "Berkemeier & Fuhrmann 2018, defence 41%"),
                ProvisionKind::Offence => (0.74, "Berkemeier & Fuhrmann 2018, offence 74%"),
                ProvisionKind::Neutrality => (0.78, "Berkemeier & Fuhrmann 2018, neutrality 78%"),
                ProvisionKind::NonAggression => {
                    (0.37, "Berkemeier & Fuhrmann 2018, non-aggression 37%")
                }
                // Talks and cooperation oblige no entry; the rate is never drawn.
                ProvisionKind::Consultation | ProvisionKind::Cooperation => {
                    (1.0, "no wartime duty")
                }
            },
            Prior::Flat => (0.745, "Leeds, Long & Mitchell 2000, 74.5%"),
            Prior::Era => {
                if day < entente_model::date::days_from_civil(1945, 1, 1) {
                    (0.66, "Berkemeier & Fuhrmann 2018, before 1945 66%")
                } else {
                    (0.22, "Berkemeier & Fuhrmann 2018, from 1945 22%")
                }
            }
        }
    }
}

/// The spread of the published base rates for an obligation of `kind` in a war on `day`: the lowest
/// and highest of the three priors (by type, flat, by era). Where a scenario states no range for an
/// assessment, this is the range sensitivity analysis varies a rate over: the literature's own
/// disagreement.
pub fn published_range(kind: ProvisionKind, day: i32) -> [f64; 2] {
    if !kind.is_wartime() {
        return [1.0, 1.0];
    }
    let r = [Prior::ByType, Prior::Flat, Prior::Era].map(|p| p.rate(kind, day).0);
    [
        r.iter().copied().fold(f64::INFINITY, f64::min),
        r.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    ]
}

/// The prior and every override, in order of precedence (highest first): a command-line rate for the
/// agreement, a command-line rate for the obligor, the provision's case assessment for the obligor,
/// the scenario's `honour` on the agreement, the scenario's `honour` on the obligor, then the prior.
/// `by_key` then replaces the rate of every obligation resting on one assumption (sensitivity
/// analysis varies one at a time).
#[derive(Clone, Debug, Serialize)]
pub struct HonourRates {
    pub prior: Prior,
    /// Agreement id → rate, from the command line.
    pub agreements: HashMap<String, f64>,
    /// Actor id → rate, from the command line.
    pub actors: HashMap<String, f64>,
    /// The probability that a condition the data flags but does not specify holds.
    pub unresolved: f64,
    /// Assumption key (an obligation's `p_key`) → rate, replacing whatever the assumption gives.
    pub by_key: HashMap<String, f64>,
}

impl Default for HonourRates {
    fn default() -> Self {
        HonourRates {
            prior: Prior::ByType,
            agreements: HashMap::new(),
            actors: HashMap::new(),
            unresolved: 0.5,
            by_key: HashMap::new(),
        }
    }
}
