//! Case assessments of how likely an obligation is to be honoured.
//!
//! The cascade's default is a published base rate (Berkemeier & Fuhrmann 2018; Leeds, Long &
//! Mitchell 2000). A base rate knows nothing of the case: that North Korea has already sent troops
//! under the 2024 treaty, that US forces in Korea would be hit in the first hours of a northern
//! attack, that Russia is fighting a war in Ukraine. An [`Honour`] states the case: a probability
//! (or a shift from the base rate), the range it could plausibly take, why, on what sources, and how
//! sure. Written as a bare number (`honour = 0.9`) it is a probability with no range or reasoning of
//! its own (the fact's citations stand for it).

use crate::source::{Citation, Confidence};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// A case assessment of an honouring probability.
#[derive(Clone, Debug, Serialize)]
pub struct Honour {
    /// The probability, if stated outright.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    /// Or a shift added to the base rate (clamped to [0, 1]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<f64>,
    /// The range the probability could take on the evidence; sensitivity analysis varies it over
    /// this range. Without one, the spread of the published base rates is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// On a provision: only this obligor's obligations. Empty: every obligor's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligor: Option<String>,
    /// The reasoning, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Repr {
    #[serde(default)]
    p: Option<f64>,
    #[serde(default)]
    shift: Option<f64>,
    #[serde(default)]
    range: Option<[f64; 2]>,
    #[serde(default)]
    obligor: Option<String>,
    #[serde(default)]
    why: String,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default)]
    cite: Vec<Citation>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrRepr {
    Number(f64),
    Repr(Repr),
}

impl<'de> Deserialize<'de> for Honour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match NumberOrRepr::deserialize(d).map_err(|e| {
            de::Error::custom(format!(
                "{e}: honour is a probability (0.9) or a table such as {{ p = 0.9, range = [0.7, 0.97], why = \"…\", confidence = \"assessment\", cite = [...] }}"
            ))
        })? {
            NumberOrRepr::Number(p) => Ok(Honour::probability(p)),
            NumberOrRepr::Repr(r) => Ok(Honour {
                p: r.p,
                shift: r.shift,
                range: r.range,
                obligor: r.obligor,
                why: r.why,
                confidence: r.confidence,
                cite: r.cite,
            }),
        }
    }
}

impl Honour {
    /// A bare probability.
    pub fn probability(p: f64) -> Honour {
        Honour {
            p: Some(p),
            shift: None,
            range: None,
            obligor: None,
            why: String::new(),
            confidence: None,
            cite: Vec::new(),
        }
    }

    /// The probability this assessment gives, from the base rate `prior`.
    pub fn apply(&self, prior: f64) -> f64 {
        match (self.p, self.shift) {
            (Some(p), _) => p,
            (None, Some(s)) => (prior + s).clamp(0.0, 1.0),
            (None, None) => prior,
        }
    }

    /// Whether it applies to `obligor`'s obligations.
    pub fn covers(&self, obligor: &str) -> bool {
        self.obligor.as_deref().is_none_or(|o| o == obligor)
    }

    /// What is wrong with it, if anything: a probability or range outside [0, 1], both `p` and
    /// `shift`, or neither.
    pub fn problem(&self) -> Option<String> {
        let bad = |x: f64| !(0.0..=1.0).contains(&x) || x.is_nan();
        match (self.p, self.shift) {
            (Some(_), Some(_)) => return Some("give `p` or `shift`, not both".into()),
            (None, None) => {
                return Some("give `p` (a probability) or `shift` (added to the base rate)".into());
            }
            (Some(p), None) if bad(p) => return Some(format!("p = {p} is not a probability")),
            (None, Some(s)) if !(-1.0..=1.0).contains(&s) || s.is_nan() => {
                return Some(format!("shift = {s} is not between -1 and 1"));
            }
            _ => {}
        }
        if let Some([lo, hi]) = self.range {
            if bad(lo) || bad(hi) || lo > hi {
                return Some(format!(
                    "range [{lo}, {hi}] is not [low, high] within [0, 1]"
                ));
            }
            if let Some(p) = self.p.filter(|p| *p < lo || *p > hi) {
                return Some(format!("p = {p} lies outside its range [{lo}, {hi}]"));
            }
        }
        None
    }
}
