//! Judgements a source makes that are not dated events: a risk it sees ("a regional arms race"), an
//! interpretation ("Russia's nuclear umbrella now covers North Korea"), a state's stance ("China's
//! reserved response"), a trend, or a policy option it proposes. Analyses do not treat these as facts
//! about the world; they are kept so that every statement of a source is represented and citable.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentKind {
    Risk,
    Interpretation,
    Stance,
    Trend,
    Option,
}

impl fmt::Display for AssessmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AssessmentKind::Risk => "risk",
            AssessmentKind::Interpretation => "interpretation",
            AssessmentKind::Stance => "stance",
            AssessmentKind::Trend => "trend",
            AssessmentKind::Option => "option",
        })
    }
}

/// A source's judgement about actors or places.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: String,
    pub kind: AssessmentKind,
    pub statement: String,
    /// The actors it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Flashpoints or territories it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}
