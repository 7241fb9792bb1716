//! Provenance: where every fact comes from and how sure it is.
//!
//! A [`Source`] is a document (the seed article, a treaty, a statement, a dataset). Facts cite sources
//! with a [`Citation`] (a line range of an article, or an article of a treaty) and carry a
//! [`Confidence`]. Where sources disagree, a [`Disagreement`] keeps every [`Claim`] side by side; the
//! model never picks a winner.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::quantity::Quantity;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// How sure a fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Treaty text, an official act or record.
    Confirmed,
    /// Consistent official or press reporting.
    Reported,
    /// A figure or judgement from estimates.
    Estimated,
    /// An analyst's judgement argued from cited facts — the seed author's risks, readings and
    /// recommendations, or a case assessment of how likely a state is to honour an obligation. Not
    /// something anyone reported as fact.
    Assessment,
    /// Sources disagree, or the fact is an interpretation others contest.
    Disputed,
    /// Not a fact: an assumption of a counterfactual or an option (overlays use it).
    Assumed,
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Reported => "reported",
            Confidence::Estimated => "estimated",
            Confidence::Assessment => "assessment",
            Confidence::Disputed => "disputed",
            Confidence::Assumed => "assumed",
        })
    }
}

/// What kind of document a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Article,
    Treaty,
    Statement,
    Law,
    Report,
    Dataset,
    Dictionary,
    Web,
    Press,
    Brief,
}

/// A document that facts rest on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How many lines the document has, when citations point at its lines; citations beyond it are
    /// errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u32>,
    /// The document's sections, when citations point at them with `at`: a citation's `at` must
    /// begin with one of them ("Agreements", "Agreements (US suspension 1986)").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// An inclusive range of lines of a source: written `"19"` or `"19-21"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

impl fmt::Display for LineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

impl std::str::FromStr for LineRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let hint = "write lines as \"19\" or \"19-21\"";
        let num = |p: &str| {
            p.trim()
                .parse::<u32>()
                .map_err(|_| format!("\"{s}\" is not a line range; {hint}"))
        };
        let (start, end) = match s.split_once('-') {
            Some((a, b)) => (num(a)?, num(b)?),
            None => (num(s)?, num(s)?),
        };
        if start == 0 {
            return Err(format!("lines are numbered from 1, not 0; {hint}"));
        }
        if end < start {
            return Err(format!("the line range \"{s}\" ends before it starts"));
        }
        Ok(LineRange { start, end })
    }
}

impl Serialize for LineRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LineRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u32),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(n) => n.to_string().parse().map_err(de::Error::custom),
            Raw::S(s) => s.parse().map_err(de::Error::custom),
        }
    }
}

/// A pointer from a fact to a source: which source, and where in it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: String,
    /// Lines of the source (for articles and other line-numbered texts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<LineRange>,
    /// A location in the source that is not a line: "Art. V", "§3", "p. 12".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The words relied on, where a short quotation helps a reviewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(l) = self.lines {
            write!(f, ":{l}")?;
        }
        if let Some(at) = &self.at {
            write!(f, " {at}")?;
        }
        Ok(())
    }
}

/// One source's version of a contested fact.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The claim in words, as the source makes it.
    pub says: String,
    /// The date the claim gives, when it is about a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The figure the claim gives, when it is about a quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// Two or more claims about the same thing that do not agree. All are kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    pub id: String,
    pub topic: String,
    /// The facts the disagreement is about: `"event:belousov-visit"`, `"force:jpn-aegis-destroyers"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<FactRef>,
    #[serde(rename = "claim")]
    pub claims: Vec<Claim>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The kinds of fact a scenario holds, as used in references like `"agreement:rus-prk-2024"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactKind {
    Source,
    Actor,
    Membership,
    Region,
    Agreement,
    Capability,
    Force,
    Event,
    Flashpoint,
    Disagreement,
    Assessment,
    War,
    /// A contested issue for the expected-utility model (`[[issue]]`).
    Issue,
}

impl FactKind {
    pub const ALL: [FactKind; 13] = [
        FactKind::Source,
        FactKind::Actor,
        FactKind::Membership,
        FactKind::Region,
        FactKind::Agreement,
        FactKind::Capability,
        FactKind::Force,
        FactKind::Event,
        FactKind::Flashpoint,
        FactKind::Disagreement,
        FactKind::Assessment,
        FactKind::War,
        FactKind::Issue,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FactKind::Source => "source",
            FactKind::Actor => "actor",
            FactKind::Membership => "membership",
            FactKind::Region => "region",
            FactKind::Agreement => "agreement",
            FactKind::Capability => "capability",
            FactKind::Force => "force",
            FactKind::Event => "event",
            FactKind::Flashpoint => "flashpoint",
            FactKind::Disagreement => "disagreement",
            FactKind::Assessment => "assessment",
            FactKind::War => "war",
            FactKind::Issue => "issue",
        }
    }

    pub fn from_name(name: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A reference to one fact: `kind:id`. Memberships are `membership:ORG/MEMBER`, capabilities
/// `capability:ACTOR/YEAR`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FactRef {
    pub kind: FactKind,
    pub id: String,
}

impl fmt::Display for FactRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.name(), self.id)
    }
}

impl std::str::FromStr for FactRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let kinds = FactKind::ALL.map(FactKind::name).join(", ");
        let Some((kind, id)) = s.split_once(':') else {
            return Err(format!(
                "\"{s}\" is not a fact reference; write KIND:ID, KIND one of {kinds}"
            ));
        };
        let Some(kind) = FactKind::from_name(kind.trim()) else {
            return Err(format!(
                "\"{kind}\" is not a kind of fact; use one of {kinds}"
            ));
        };
        if id.trim().is_empty() {
            return Err(format!("\"{s}\" names no id after the colon"));
        }
        Ok(FactRef {
            kind,
            id: id.trim().to_string(),
        })
    }
}

impl Serialize for FactRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FactRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges() {
        assert_eq!(
            "19".parse::<LineRange>().unwrap(),
            LineRange { start: 19, end: 19 }
        );
        assert_eq!("19-21".parse::<LineRange>().unwrap().to_string(), "19-21");
        assert!("21-19".parse::<LineRange>().is_err());
        assert!("0".parse::<LineRange>().is_err());
    }

    #[test]
    fn fact_refs() {
        let r: FactRef = "agreement:rus-prk-2024".parse().unwrap();
        assert_eq!(r.kind, FactKind::Agreement);
        assert_eq!(r.to_string(), "agreement:rus-prk-2024");
        assert!(
            "treaty:x"
                .parse::<FactRef>()
                .unwrap_err()
                .contains("not a kind")
        );
        assert!("agreement:".parse::<FactRef>().is_err());
    }
}
