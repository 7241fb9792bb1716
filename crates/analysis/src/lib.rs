//! Analyses: pure functions over an immutable [`entente_model::Scenario`].
//!
//! Each module answers one question and returns plain, serialisable results that a front end renders
//! as a table, JSON, CSV or a picture. Nothing here reads files, the clock or the environment.
//!
//! - [`obligations`]: who owes what to whom under each provision, with its scope in words.
//! - [`profile`]: everything about one actor (`entente actor JPN`).
//! - [`agreements`]: agreements filtered by parties and provision kind.
//! - [`timeline`]: the chronology, partial dates sorted sensibly and shown as written.
//! - [`sources`]: each source and the facts resting on it, with disagreements.
//! - [`summary`]: a scenario at a glance.
//!
//! ```
//! use entente_analysis::cascade::{self, Crisis, Rules};
//! use entente_model::Place;
//!
//! let s = entente_scenario::load_bundled().valid().unwrap().clone();
//! // North Korea attacks South Korea on the peninsula, on the scenario's date.
//! let crisis = Crisis {
//!     attacker: "PRK".into(),
//!     target: "KOR".into(),
//!     place: Place::Flashpoint("korean-peninsula".into()),
//!     day: s.info.as_of.latest().unwrap(),
//!     joins: vec![],
//!     strikes: vec![],
//! };
//! let c = cascade::cascade(&s, &crisis, Rules::default()).unwrap();
//! assert!(c.defending_side.contains(&"USA".to_string()));
//! // Russia's 2024 treaty binds only if North Korea is attacked.
//! assert!(!c.aggressor_side.contains(&"RUS".to_string()));
//! ```

pub mod agreements;
pub mod cascade;
pub mod changepoint;
pub mod cinc;
pub mod obligations;
pub mod profile;
pub mod similarity;
pub mod sources;
pub mod summary;
pub mod timeline;

use entente_model::PartialDate;

/// A date range for filters, from partial dates: `from` matches anything that may end on or after its
/// start, `to` anything that may begin on or before its end.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl Window {
    /// Whether a date may fall in the window (open-ended dates match on their open side).
    pub fn admits(&self, d: &PartialDate) -> bool {
        let after_from = match (self.from.and_then(|f| f.earliest()), d.latest()) {
            (Some(f), Some(l)) => l >= f,
            _ => true,
        };
        let before_to = match (self.to.and_then(|t| t.latest()), d.earliest()) {
            (Some(t), Some(e)) => e <= t,
            _ => true,
        };
        after_from && before_to
    }
}
