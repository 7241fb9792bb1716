//! Resolving the names users type to actors.
//!
//! Every command and every scenario reference accepts an actor's id, ISO3 code, CAMEO code, COW
//! abbreviation, COW number, extra aliases or name, case-insensitively. Codes collide across systems:
//! `AUS` is Australia's ISO3 code and Austria's COW abbreviation. The rule is a fixed precedence —
//! id, then ISO3, then CAMEO, then COW abbreviation, then aliases, then name, then COW number — and
//! every shadowed name is reported as a note, so the choice is visible rather than silent. Two actors
//! claiming the same name at the same level is an error.

use crate::actor::Actor;
use crate::origin::{Issue, Origin};
use std::collections::HashMap;

/// Which naming system a name came from; lower wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    Id,
    Iso3,
    Cameo,
    CowAbbr,
    Alias,
    Name,
    CowNumber,
}

impl NameKind {
    fn describe(self) -> &'static str {
        match self {
            NameKind::Id => "id",
            NameKind::Iso3 => "ISO3 code",
            NameKind::Cameo => "CAMEO code",
            NameKind::CowAbbr => "COW abbreviation",
            NameKind::Alias => "alias",
            NameKind::Name => "name",
            NameKind::CowNumber => "COW number",
        }
    }
}

/// Maps every name of every actor to the actor's index in the scenario's actor list.
#[derive(Clone, Debug, Default)]
pub struct AliasIndex {
    map: HashMap<String, (NameKind, usize)>,
    /// Each actor's id, by index, for suggestions and canonicalisation.
    ids: Vec<String>,
}

impl AliasIndex {
    /// Builds the index, reporting names two actors claim at the same level (errors) and names
    /// shadowed by a higher-precedence one (notes).
    pub fn build(actors: &[Actor]) -> (AliasIndex, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut all: Vec<(String, NameKind, usize, Origin)> = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            let mut push = |name: &str, kind: NameKind, origin: Origin| {
                let key = name.trim().to_uppercase();
                if !key.is_empty() {
                    all.push((key, kind, i, origin));
                }
            };
            push(&a.id, NameKind::Id, a.origin.key("id"));
            if let Some(c) = &a.iso3 {
                push(c, NameKind::Iso3, a.origin.key("iso3"));
            }
            if let Some(c) = &a.cameo {
                push(c, NameKind::Cameo, a.origin.key("cameo"));
            }
            if let Some(c) = &a.cow_abbr {
                push(c, NameKind::CowAbbr, a.origin.key("cow_abbr"));
            }
            for (k, al) in a.aliases.iter().enumerate() {
                push(al, NameKind::Alias, a.origin.item("aliases", k));
            }
            push(&a.name, NameKind::Name, a.origin.key("name"));
            if let Some(n) = a.cow {
                push(&n.to_string(), NameKind::CowNumber, a.origin.key("cow"));
            }
        }
        // Strongest claim first, then file order, so the winner is stable.
        all.sort_by_key(|x| (x.1, x.2));
        let mut map: HashMap<String, (NameKind, usize)> = HashMap::new();
        for (key, kind, idx, origin) in all {
            match map.get(&key) {
                None => {
                    map.insert(key, (kind, idx));
                }
                Some(&(_, held)) if held == idx => {}
                Some(&(held_kind, held)) if held_kind == kind => {
                    if kind != NameKind::Name {
                        issues.push(
                            Issue::error(
                                origin,
                                format!(
                                    "{} \"{key}\" is claimed by both {} and {}",
                                    kind.describe(),
                                    actors[held].id,
                                    actors[idx].id
                                ),
                            )
                            .with_hint(format!(
                                "each {} must name one actor; correct or remove one",
                                kind.describe()
                            )),
                        );
                    }
                }
                Some(&(held_kind, held)) => {
                    if kind <= NameKind::CowAbbr || kind == NameKind::CowNumber {
                        issues.push(
                            Issue::note(
                                origin,
                                format!(
                                    "\"{key}\" is {}'s {} and {}'s {}; it means {} here",
                                    actors[held].id,
                                    held_kind.describe(),
                                    actors[idx].id,
                                    kind.describe(),
                                    actors[held].id
                                ),
                            )
                            .with_hint(format!(
                                "to name {} use \"{}\" (the {} wins because ids, then ISO3, CAMEO, COW \
                                 abbreviations take precedence in that order)",
                                actors[idx].name,
                                actors[idx].id,
                                held_kind.describe()
                            )),
                        );
                    }
                }
            }
        }
        let ids = actors.iter().map(|a| a.id.clone()).collect();
        (AliasIndex { map, ids }, issues)
    }

    /// The index of the actor `name` denotes.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        self.map.get(&name.trim().to_uppercase()).map(|&(_, i)| i)
    }

    /// The canonical id of the actor `name` denotes.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.resolve(name).map(|i| self.ids[i].as_str())
    }

    /// The closest known name, for "did you mean" hints.
    pub fn suggest(&self, name: &str) -> Option<String> {
        let mut names: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        names.extend(self.map.keys().map(String::as_str));
        crate::origin::closest(name, names).map(|n| self.canonical(n).unwrap_or(n).to_string())
    }

    /// All actor ids, in scenario order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::ActorKind;
    use crate::source::Confidence;

    fn state(id: &str, cow: u16, abbr: &str, name: &str) -> Actor {
        Actor {
            id: id.into(),
            kind: ActorKind::State,
            name: name.into(),
            cow: Some(cow),
            cow_abbr: Some(abbr.into()),
            iso3: Some(id.into()),
            cameo: Some(id.into()),
            aliases: vec![],
            regions: vec![],
            members: vec![],
            founded: None,
            honour: None,
            note: None,
            confidence: Confidence::Confirmed,
            cite: vec![],
            origin: Origin::default(),
        }
    }

    #[test]
    fn resolves_every_code_and_reports_shadowing() {
        let actors = vec![
            state("AUS", 900, "AUL", "Australia"),
            state("AUT", 305, "AUS", "Austria"),
            state("KOR", 732, "ROK", "South Korea"),
        ];
        let (idx, issues) = AliasIndex::build(&actors);
        assert_eq!(idx.canonical("aus"), Some("AUS"));
        assert_eq!(idx.canonical("AUL"), Some("AUS"));
        assert_eq!(idx.canonical("ROK"), Some("KOR"));
        assert_eq!(idx.canonical("732"), Some("KOR"));
        assert_eq!(idx.canonical("south korea"), Some("KOR"));
        assert_eq!(idx.canonical("AUT"), Some("AUT"));
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0]
                .message
                .contains("\"AUS\" is AUS's id and AUT's COW abbreviation"),
            "{:?}",
            issues[0]
        );
    }

    #[test]
    fn same_level_collisions_are_errors() {
        let actors = vec![
            state("JPN", 740, "JPN", "Japan"),
            state("JPX", 740, "JPX", "Japan again"),
        ];
        let (_, issues) = AliasIndex::build(&actors);
        assert!(
            issues
                .iter()
                .any(|i| i.severity == crate::origin::Severity::Error
                    && i.message.contains("COW number \"740\""))
        );
    }
}
