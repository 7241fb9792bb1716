//! Importers for the datasets researchers trust: COW state system membership and major powers,
//! National Material Capabilities, COW Formal Alliances, ATOP, MID, direct contiguity, and the code
//! crosswalk. Each importer streams its CSV into plain rows.
//!
//! **The bad-row policy.** A row that cannot be read is never dropped silently and never stops the
//! load: it is kept as a [`Reject`] with its line number, the reason and the raw text, and
//! `rows read = rows accepted + rows rejected` always holds ([`Loaded::check_balance`]).
//! [`Loaded::write_rejects`] writes them to a file for a bulk load. A file that cannot be opened, or
//! lacks a required column, is a [`DataError`] naming the file and the fix.
//!
//! Missing values stay missing: NMC's `-9`, `NA` and empty cells are `None`, never `0`.
//!
//! Architecture invariant: the product bundles no dataset; users point at their own files
//! (`--data DIR`), tests read `../shared/data`.

pub mod atop;
pub mod contiguity;
pub mod cow_alliance;
pub mod crosswalk;
pub mod csvio;
pub mod dir;
pub mod mid;
pub mod nmc;
pub mod states;
pub mod world;

pub use csvio::{DataError, Loaded, Reject};
