//! States and organisations.
//!
//! A state's identity is its Correlates of War number (`cow`); its COW abbreviation (`ROK`), ISO 3166
//! alpha-3 code (`KOR`) and CAMEO code are aliases that every command accepts (see
//! [`crate::alias::AliasIndex`]). Organisations, and historical states without an ISO code, are known by
//! their own `id`. An organisation's members are dated: membership counts only while it lasts.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    State,
    #[serde(alias = "organization")]
    Organisation,
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
        })
    }
}

/// A state or an organisation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The key other facts use (any alias works too). For states, by convention the ISO3 code.
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    /// COW state number: a state's identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cow: Option<u16>,
    /// COW state abbreviation (`ROK`, `TAW`, `AUL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cow_abbr: Option<String>,
    /// ISO 3166-1 alpha-3 code (`KOR`, `TWN`, `AUS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    /// CAMEO actor code (`KOR`; `IGOWSTNAT` for NATO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// Other names a user may type ("DPRK", "North Korea").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Regions the actor's own territory lies in (for "an attack on X" without a flashpoint).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Members of an organisation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Membership>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<PartialDate>,
    /// The probability that this actor honours a triggered obligation, overriding the prior (an
    /// agreement's own `honour` takes precedence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honour: Option<crate::honour::Honour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The standing a member has in an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberRole {
    /// A full member, bound by the organisation's obligations.
    #[default]
    Member,
    /// An observer state.
    Observer,
    /// A dialogue or partnership status (SCO dialogue partner, NATO partner).
    Partner,
}

impl fmt::Display for MemberRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MemberRole::Member => "member",
            MemberRole::Observer => "observer",
            MemberRole::Partner => "partner",
        })
    }
}

/// One actor's membership of an organisation, dated.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The organisation, when the membership is written on its own (`[[membership]]`) or in an
    /// overlay; inside an organisation's `members` list it is implied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub actor: String,
    #[serde(default)]
    pub role: MemberRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    /// Falls back to the organisation's confidence when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Falls back to the organisation's citations when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Membership {
    /// Whether the membership certainly holds on `day` (a day number): it began on or before and has
    /// not certainly ended.
    pub fn holds_on(&self, day: i32) -> bool {
        let started = self.from.is_none_or(|f| f.certainly_on_or_before(day));
        let ended = self.until.is_some_and(|u| u.certainly_on_or_before(day));
        started && !ended
    }
}

/// A membership seen from the organisation's side, with its provenance resolved.
#[derive(Clone, Debug, Serialize)]
pub struct MembershipView<'a> {
    pub organisation: &'a str,
    pub organisation_name: &'a str,
    pub role: MemberRole,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub confidence: Confidence,
    pub cite: &'a [Citation],
}

impl Actor {
    /// The label to show a person: `Japan (JPN)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.id)
    }

    pub fn is_state(&self) -> bool {
        self.kind == ActorKind::State
    }

    /// The members of this organisation whose membership holds on `day`, with the given role.
    pub fn members_on(&self, day: i32, role: MemberRole) -> impl Iterator<Item = &Membership> {
        self.members
            .iter()
            .filter(move |m| m.role == role && m.holds_on(day))
    }
}
