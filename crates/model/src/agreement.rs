//! Agreements and their provisions, in the terms of the Alliance Treaty Obligations and Provisions
//! project (ATOP; Leeds, Ritter, Mitchell & Long 2002, "Alliance Treaty Obligations and Provisions,
//! 1815–1944", International Interactions 28: 237–260; codebook v5.1).
//!
//! A [`Provision`] is one obligation of one article: its kind (defence, offence, neutrality,
//! non-aggression, consultation — ATOP's five — or non-military cooperation), who owes it
//! (`obligors`) and to whom (`beneficiaries`), and the [`Condition`]s that limit it. Obligations may be
//! asymmetric: list the obligors and beneficiaries. Every obligor owes every beneficiary other than
//! itself. Where an agreement belongs to an organisation (the North Atlantic Treaty to NATO), its
//! parties are the organisation's members on the date in question.

use crate::date::PartialDate;
use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementKind {
    Treaty,
    /// A joint statement or declaration (the 2022 China–Russia "no limits" statement).
    Declaration,
    /// A domestic law that commits a state towards another (the Taiwan Relations Act).
    Law,
    /// A partnership or arrangement short of a treaty (Japan–EU Security and Defence Partnership).
    Partnership,
    /// An organisation's founding charter.
    Charter,
}

impl fmt::Display for AgreementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgreementKind::Treaty => "treaty",
            AgreementKind::Declaration => "declaration",
            AgreementKind::Law => "law",
            AgreementKind::Partnership => "partnership",
            AgreementKind::Charter => "charter",
        })
    }
}

/// What a provision obliges its obligors to do. ATOP's five obligation types, plus cooperation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProvisionKind {
    /// Help a partner that is attacked (ATOP `defense`).
    #[serde(alias = "defense")]
    Defence,
    /// Join a partner's attack (ATOP `offense`).
    #[serde(alias = "offense")]
    Offence,
    /// Stay out of a war against the partner (ATOP `neutral`).
    Neutrality,
    /// Do not attack the partner (ATOP `nonagg`).
    NonAggression,
    /// Consult in a crisis (ATOP `consul`): talks, not force.
    Consultation,
    /// Non-military or military-technical cooperation (trade, energy, training): no wartime duty.
    Cooperation,
}

impl ProvisionKind {
    pub const ALL: [ProvisionKind; 6] = [
        ProvisionKind::Defence,
        ProvisionKind::Offence,
        ProvisionKind::Neutrality,
        ProvisionKind::NonAggression,
        ProvisionKind::Consultation,
        ProvisionKind::Cooperation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProvisionKind::Defence => "defence",
            ProvisionKind::Offence => "offence",
            ProvisionKind::Neutrality => "neutrality",
            ProvisionKind::NonAggression => "non-aggression",
            ProvisionKind::Consultation => "consultation",
            ProvisionKind::Cooperation => "cooperation",
        }
    }

    /// Parses a kind as a user types it (`defense` and `defence` both work).
    pub fn parse(s: &str) -> Option<ProvisionKind> {
        match s.to_ascii_lowercase().as_str() {
            "defense" => Some(ProvisionKind::Defence),
            "offense" => Some(ProvisionKind::Offence),
            "nonaggression" | "non_aggression" => Some(ProvisionKind::NonAggression),
            other => ProvisionKind::ALL.into_iter().find(|k| k.name() == other),
        }
    }

    /// Whether the provision can oblige a state to fight or to stay out of a war.
    pub fn is_wartime(self) -> bool {
        matches!(
            self,
            ProvisionKind::Defence
                | ProvisionKind::Offence
                | ProvisionKind::Neutrality
                | ProvisionKind::NonAggression
        )
    }
}

impl fmt::Display for ProvisionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A limit on when a provision binds, in ATOP's terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Condition {
    /// Only for an attack in territory administered by the named state ("territories under the
    /// administration of Japan", US–Japan Art. V).
    AdministeredBy { actor: String },
    /// Only for an attack on a party in territory that party itself administers ("territories under
    /// their respective administrative control", US–ROK Art. III).
    AttackedPartyTerritory,
    /// Only for an attack in one of the regions (ATOP `defcoloc`, with the location spelled out).
    Region { regions: Vec<String> },
    /// Only for an attack on one of the named places.
    Place { places: Vec<String> },
    /// Only against the named adversaries (ATOP `specthrt`, `defcoadv`).
    Adversary { actors: Vec<String> },
    /// Only when at least `count` states attack (ATOP `defconum`: the Anglo-Japanese alliance of 1902
    /// bound Britain only if Japan fought two or more powers).
    MinAdversaries { count: u32 },
    /// Only if the partner did not provoke the attack (ATOP `defconpr`).
    NonProvocation,
    /// Only in a war with one of the named states (ATOP `defcocon` with the state named).
    WarWith { actors: Vec<String> },
    /// What "an armed attack on a party" is deemed to include, clause by clause: the provision binds
    /// if the attack on the beneficiary matches any clause. This is how ANZUS and the US–Philippines
    /// treaty (Art. V: metropolitan territory wherever it lies, island territories and forces in the
    /// Pacific) and the North Atlantic Treaty (Art. 6: territory in Europe and North America, forces
    /// in or over it) draw their area, which no single region can express.
    Scope { clauses: Vec<ScopeClause> },
    /// The source flags a condition without saying what it is (ATOP's location and adversary flags are
    /// yes/no). Reported as conditional and unresolved, never as binding or void.
    Unresolved { what: String },
}

/// What of the attacked party an attack hits, for a [`ScopeClause`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttackedObject {
    /// Anything of the party's: territory, forces, vessels, aircraft.
    Any,
    /// Territory the party administers (metropolitan or island, not forces stationed abroad).
    Territory,
    /// The party's metropolitan territory: its own homeland (`--at` the state itself) or a place
    /// recorded as `metropolitan` (Hokkaido, Okinawa).
    MetropolitanTerritory,
    /// The party's armed forces, public vessels or aircraft: a place recorded with `forces_of`.
    Forces,
}

impl AttackedObject {
    pub fn name(self) -> &'static str {
        match self {
            AttackedObject::Any => "the party, anything of it",
            AttackedObject::Territory => "its territory",
            AttackedObject::MetropolitanTerritory => "its metropolitan territory (anywhere)",
            AttackedObject::Forces => "its forces, vessels or aircraft",
        }
    }
}

/// One clause of a [`Condition::Scope`]: an attack on `on`, in one of `regions` (anywhere if empty),
/// and, with `in_party_territory`, only where a party of the agreement administers the place
/// (NATO Art. 6: forces "in or over these territories").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeClause {
    pub on: AttackedObject,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_party_territory: bool,
    /// The article the clause comes from ("Art. V").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

impl ScopeClause {
    pub fn describe(&self) -> String {
        let mut s = self.on.name().to_string();
        if !self.regions.is_empty() {
            s.push_str(&format!(" in {}", self.regions.join(" or ")));
        }
        if self.in_party_territory {
            s.push_str(", where a party administers the place");
        }
        if let Some(a) = &self.article {
            s.push_str(&format!(" ({a})"));
        }
        s
    }
}

impl Condition {
    /// The words an analyst would use for this condition.
    pub fn describe(&self) -> String {
        match self {
            Condition::AdministeredBy { actor } => {
                format!("only in territory administered by {actor}")
            }
            Condition::AttackedPartyTerritory => {
                "only in territory the attacked party administers".into()
            }
            Condition::Region { regions } => format!("only in {}", regions.join(" or ")),
            Condition::Place { places } => format!("only at {}", places.join(" or ")),
            Condition::Adversary { actors } => format!("only against {}", actors.join(" or ")),
            Condition::MinAdversaries { count } => {
                format!("only against {count} or more attackers")
            }
            Condition::NonProvocation => "only if the partner did not provoke the attack".into(),
            Condition::WarWith { actors } => format!("only in a war with {}", actors.join(" or ")),
            Condition::Scope { clauses } => format!(
                "only for an attack on {}",
                clauses
                    .iter()
                    .map(ScopeClause::describe)
                    .collect::<Vec<_>>()
                    .join("; or ")
            ),
            Condition::Unresolved { what } => format!("conditional, unresolved: {what}"),
        }
    }
}

/// Extended nuclear deterrence attached to a commitment, with its own provenance: it is often a
/// reading of a treaty rather than a term of it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NuclearUmbrella {
    /// The state whose nuclear forces are said to cover the beneficiaries.
    pub provider: String,
    pub note: String,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// One obligation of one article.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub kind: ProvisionKind,
    /// The article it comes from: "Art. 4", "Art. V".
    pub article: String,
    pub summary: String,
    /// Who owes the obligation. Empty means every party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub obligors: Vec<String>,
    /// To whom it is owed. Empty means every party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiaries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Fields of cooperation (trade, energy, military-technical) for `cooperation` provisions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuclear_umbrella: Option<NuclearUmbrella>,
    /// Case assessments of how likely this provision's obligations are to be honoured, each for one
    /// obligor or for all; they take precedence over the agreement's and the obligor's `honour`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub honour: Vec<crate::honour::Honour>,
    /// Falls back to the agreement's confidence when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Falls back to the agreement's citations when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A party's ratification.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratification {
    pub actor: String,
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite: Vec<Citation>,
}

/// A treaty, declaration, law or partnership between actors.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub kind: AgreementKind,
    /// The parties. Leave empty when `organisation` is set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The organisation whose members are the parties, membership by membership over time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratified: Vec<Ratification>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<PartialDate>,
    /// How long it runs and how it ends, as the text says ("indefinite; one year's notice (Art. 23)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The probability that a triggered obligation of this agreement is honoured, overriding the
    /// prior (and any actor's `honour`). A modelling judgement: cite its basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honour: Option<crate::honour::Honour>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(default, rename = "provision", skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<Provision>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Agreement {
    /// The name to show: the short name if there is one.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether the agreement is in force on `day` (a day number). By default it counts from entry
    /// into force; with `by_signature` from signature. An agreement with neither date never counts;
    /// one whose start is known only to a month counts from the end of that month (certainly begun).
    pub fn in_force_on(&self, day: i32, by_signature: bool) -> bool {
        let start = if by_signature {
            self.signed.or(self.in_force)
        } else {
            self.in_force
        };
        let begun = start.is_some_and(|s| s.certainly_on_or_before(day));
        let ended = self.ends.is_some_and(|e| e.certainly_on_or_before(day));
        begun && !ended
    }
}
