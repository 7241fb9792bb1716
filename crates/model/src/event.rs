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

impl QuadClass {
    /// The QuadClass of a CAMEO root (01–20), as GDELT defines it; `None` outside 01–20. The one
    /// place this mapping is written: every reader, the fast path and the model use it.
    pub const fn of_root(root: u8) -> Option<QuadClass> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=9 => Some(QuadClass::MaterialCooperation),
            10..=14 => Some(QuadClass::VerbalConflict),
            15..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// From GDELT's `QuadClass` column (1–4).
    pub const fn from_number(n: u8) -> Option<QuadClass> {
        match n {
            1 => Some(QuadClass::VerbalCooperation),
            2 => Some(QuadClass::MaterialCooperation),
            3 => Some(QuadClass::VerbalConflict),
            4 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// GDELT's number, 1–4.
    pub const fn number(self) -> u8 {
        self as u8
    }

    /// Cooperation (verbal or material), as against conflict.
    pub const fn is_cooperation(self) -> bool {
        matches!(
            self,
            QuadClass::VerbalCooperation | QuadClass::MaterialCooperation
        )
    }
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
    pub fn new(code: &str) -> Result<CameoCode, InvalidCameo> {
        CameoCode::from_ascii(code.as_bytes()).map_err(|root| InvalidCameo {
            code: code.to_string(),
            root,
        })
    }

    /// From the bytes of a data file: 2–4 ASCII digits, root 01–20. The error is the root when the
    /// code has the right shape but a root outside 01–20, `None` when it is not 2–4 digits.
    pub fn from_ascii(code: &[u8]) -> Result<CameoCode, Option<u8>> {
        if !(2..=4).contains(&code.len()) || !code.iter().all(u8::is_ascii_digit) {
            return Err(None);
        }
        let root = (code[0] - b'0') * 10 + (code[1] - b'0');
        if QuadClass::of_root(root).is_none() {
            return Err(Some(root));
        }
        // All ASCII digits: valid UTF-8.
        Ok(CameoCode(String::from_utf8_lossy(code).into_owned()))
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
        // Validated in `new`: the root is 01–20.
        QuadClass::of_root(self.root()).unwrap_or(QuadClass::MaterialConflict)
    }
}

/// A string that is not a CAMEO code, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidCameo {
    pub code: String,
    /// The root, when the code has the right shape but a root outside 01–20.
    pub root: Option<u8>,
}

impl fmt::Display for InvalidCameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = "a CAMEO code is 2 to 4 digits starting with a root from 01 to 20, written as a \
                    string (\"042\", not 42)";
        match self.root {
            Some(r) => write!(
                f,
                "\"{}\" has root {r:02}, outside 01–20; {hint}",
                self.code
            ),
            None => write!(f, "\"{}\" is not a CAMEO code; {hint}", self.code),
        }
    }
}

impl std::error::Error for InvalidCameo {}

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
        assert_eq!(QuadClass::of_root(4), Some(QuadClass::VerbalCooperation));
        assert_eq!(QuadClass::of_root(19), Some(QuadClass::MaterialConflict));
        assert_eq!(QuadClass::of_root(0), None);
        assert_eq!(QuadClass::of_root(21), None);
        for n in 1..=4 {
            assert_eq!(QuadClass::from_number(n).map(QuadClass::number), Some(n));
        }
    }
}
