//! The entente model: plain types for an international alliance system, and their validation.
//!
//! A [`Scenario`] holds [`Actor`]s (states and organisations with dated memberships), [`Agreement`]s
//! and their [`Provision`]s in ATOP's terms, [`Capability`] years and [`ForceItem`]s, dated
//! [`Event`]s, [`Region`]s and [`Flashpoint`]s, and the [`Source`]s every fact cites, with
//! [`Disagreement`]s where sources differ. [`Overlay`]s change a scenario for counterfactuals.
//!
//! The serde shape of these types *is* the scenario file format (see `docs/scenario-format.md`).
//!
//! Architecture invariant: this crate does no I/O and reads no clock, environment or random source.
//! It knows nothing about files: a fact's [`Origin`] is a file number and a path, which the loader
//! turns into `file:line:column`.
//!
//! ```
//! use entente_model::{CameoCode, PartialDate, QuadClass};
//!
//! // Dates keep the precision the source gives: a month stays a month.
//! let d: PartialDate = "by 2025-02".parse().unwrap();
//! assert_eq!(d.to_string(), "by 2025-02");
//! // CAMEO codes stay strings; the root gives the QuadClass.
//! let c = CameoCode::new("057").unwrap();
//! assert_eq!((c.root(), c.quad_class()), (5, QuadClass::VerbalCooperation));
//! assert!(CameoCode::new("05").is_ok() && CameoCode::new("57").is_err());
//! ```

pub mod actor;
pub mod agreement;
pub mod alias;
pub mod assessment;
pub mod capability;
pub mod contest;
pub mod date;
pub mod dyad;
pub mod event;
pub mod honour;
pub mod origin;
pub mod place;
pub mod quantity;
pub mod refs;
pub mod scenario;
pub mod source;
pub mod validate;
pub mod war;

pub use actor::{Actor, ActorKind, MemberRole, Membership};
pub use agreement::{
    Agreement, AgreementKind, Condition, NuclearUmbrella, Provision, ProvisionKind, Ratification,
};
pub use alias::AliasIndex;
pub use assessment::{Assessment, AssessmentKind};
pub use capability::{Capability, ForceItem, ForceStatus};
pub use contest::{Contest, Scale, Stake, Stance};
pub use date::{DatePoint, PartialDate, Precision, Qualifier};
pub use dyad::{CowCode, DirectedDyad, DyadYear};
pub use event::{CameoCode, Event, InvalidCameo, QuadClass};
pub use honour::Honour;
pub use origin::{Issue, Origin, Seg, Severity};
pub use place::{Flashpoint, LikelyCrisis, Region};
pub use quantity::{Amount, Quantity};
pub use scenario::{Facts, Overlay, Scenario, ScenarioInfo};
pub use source::{
    Citation, Claim, Confidence, Disagreement, FactKind, FactRef, LineRange, Source, SourceKind,
};
pub use validate::{Place, Resolver, canonicalize, validate};
pub use war::{War, WarJoin, WarMove};
