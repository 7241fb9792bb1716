//! Wars already under way: who began them, when, and the later moves in them.
//!
//! A crisis that happens inside a recorded war is not a fresh war. Ukraine's incursion into Russia's
//! Kursk region (6 Aug 2024) is a counter-attack in the war Russia began on 24 Feb 2022, and whether
//! a defence treaty's "armed invasion" covers it is the reading that decides North Korea's duty under
//! the 2024 Russia–DPRK treaty. Recording the war lets the cascade start from it and say so.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};

/// A war in progress (or ended), with the side that began it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct War {
    pub id: String,
    pub name: String,
    /// The states that began the war (struck first).
    pub aggressors: Vec<String>,
    /// The states they attacked.
    pub defenders: Vec<String>,
    pub began: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<PartialDate>,
    /// Later moves: counter-attacks, new fronts.
    #[serde(default, rename = "move", skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<WarMove>,
    /// States that joined a side after the war began (North Korea's troops in Kursk).
    #[serde(default, rename = "joined", skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<WarJoin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A dated move in a war: `attacker` strikes `target` at `place`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarMove {
    pub attacker: String,
    pub target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub date: PartialDate,
    pub summary: String,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// A state that joined one side of a war, and on what footing.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarJoin {
    pub actor: String,
    pub side_of: String,
    pub from: PartialDate,
    pub summary: String,
    /// The agreement the joiner and its partner say the help is given under, if they say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

impl War {
    /// Whether the war is under way on `day` (begun for certain, not certainly ended).
    pub fn under_way_on(&self, day: i32) -> bool {
        self.began.certainly_on_or_before(day)
            && !self.ended.is_some_and(|e| e.certainly_on_or_before(day))
    }

    /// Which side `actor` is on: `Some(true)` for the side that began the war.
    pub fn side_of(&self, actor: &str) -> Option<bool> {
        if self.aggressors.iter().any(|a| a == actor) {
            Some(true)
        } else if self.defenders.iter().any(|a| a == actor) {
            Some(false)
        } else {
            None
        }
    }
}
