//! Dated interactions between actors, coded in CAMEO (Schrodt 2012, "CAMEO Conflict and Mediation Event
//! Observations Event and Actor Codebook", v1.1b3).
//!
//! A CAMEO code is a string of two to four digits whose first two are the root (01–20); it stays a
//! string ("040" is not 40). The root gives the QuadClass as GDELT defines it: verbal cooperation
//! (roots 01–05), material cooperation (06–09), verbal conflict (10–14), material conflict (15–20).

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::quantity::Quantity;
use crate::source::{Citation, Confidence};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A CAMEO event code, validated: 2–4 ASCII digits with a root between 01 and 20.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode(String);

/// GDELT's four-way classification of CAMEO roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        })
    }
}

/// The names of the twenty CAMEO root codes (CAMEO codebook v1.1b3, chapter 2).
pub const CAMEO_ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

impl CameoCode {
    pub fn new(code: &str) -> Result<CameoCode, String> {
        let hint = "a CAMEO code is 2 to 4 digits starting with a root from 01 to 20, written as a string \
                    (\"042\", not 42)";
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("\"{code}\" is not a CAMEO code; {hint}"));
        }
        let root: u8 = code[..2]
            .parse()
            .map_err(|_| format!("\"{code}\" is not a CAMEO code; {hint}"))?;
        if !(1..=20).contains(&root) {
            return Err(format!(
                "\"{code}\" has root {root:02}, outside 01–20; {hint}"
            ));
        }
        Ok(CameoCode(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The root code, 1–20.
    pub fn root(&self) -> u8 {
        // Validated in `new`: the first two bytes are digits forming 01–20.
        (self.0.as_bytes()[0] - b'0') * 10 + (self.0.as_bytes()[1] - b'0')
    }

    pub fn root_name(&self) -> &'static str {
        CAMEO_ROOTS[usize::from(self.root()) - 1]
    }

    pub fn quad_class(&self) -> QuadClass {
        match self.root() {
            1..=5 => QuadClass::VerbalCooperation,
            6..=9 => QuadClass::MaterialCooperation,
            10..=14 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            N(i64),
        }
        match Raw::deserialize(d)? {
            Raw::S(s) => CameoCode::new(&s).map_err(de::Error::custom),
            Raw::N(n) => Err(de::Error::custom(format!(
                "CAMEO codes are strings: write \"{n:03}\" (with quotes) so that leading zeros are kept"
            ))),
        }
    }
}

/// A dated interaction.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub summary: String,
    /// Who acted (CAMEO's source actor).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actor: Vec<String>,
    /// Who was acted upon (CAMEO's target actor).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<CameoCode>,
    /// Goldstein (1992) conflict–cooperation score, −10 to +10, when coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// A flashpoint or an actor's territory where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The location in words ("Kursk region, Russia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_stay_strings() {
        let c = CameoCode::new("042").unwrap();
        assert_eq!(c.root(), 4);
        assert_eq!(c.quad_class(), QuadClass::VerbalCooperation);
        assert_eq!(c.to_string(), "042");
        assert_eq!(
            CameoCode::new("190").unwrap().quad_class(),
            QuadClass::MaterialConflict
        );
        assert_eq!(
            CameoCode::new("06").unwrap().quad_class(),
            QuadClass::MaterialCooperation
        );
        assert!(CameoCode::new("210").is_err());
        assert!(CameoCode::new("4").is_err());
        assert!(CameoCode::new("00").is_err());
        assert!(CameoCode::new("04a").is_err());
    }
}
