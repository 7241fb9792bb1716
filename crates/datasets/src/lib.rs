//! Importers for the datasets researchers trust: COW state system membership and major powers,
//! National Material Capabilities, COW Formal Alliances, ATOP, MID, direct contiguity, and the code
//! crosswalk. Each importer streams its CSV into plain rows.
//!
//! **The bad-row policy.** A row that cannot be read is never dropped silently and never stops the
//! load: it is kept as a [`Reject`] with its line number, the reason and the raw text, and
//! `rows read = rows accepted + rows rejected` always holds ([`Loaded::check_balance`]).
//! [`Loaded::write_rejects`] writes them to a file for a bulk load. A file that cannot be opened, or
//! lacks a required column, is a [`TableError`] naming the file and the fix.
//!
//! Missing values stay missing: NMC's `-9`, `NA` and empty cells are `None`, never `0`.
//!
//! Architecture invariant: the product bundles no dataset; users point at their own files
//! (`--data DIR`), tests read `../shared/data`.
//!
//! ```
//! // NMC's rows: a bad row is rejected with its line and reason, the rest kept, and
//! // read = accepted + rejected.
//! let dir = std::env::temp_dir().join(format!("entente-doc-nmc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("NMC.csv");
//! std::fs::write(&path, "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n\
//!     2,1816,3823,17,80,254,8659,101,0.0397\n2,x,1,1,1,1,1,1,0.1\n").unwrap();
//! let l = entente_datasets::nmc::read(&path).unwrap();
//! assert!(l.check_balance());
//! assert_eq!((l.rows.len(), l.rejects.len(), l.rejects[0].line), (1, 1, 3));
//! assert_eq!(l.rows[0].components[0], Some(3823.0));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

pub mod atop;
pub mod contiguity;
pub mod cow_alliance;
pub mod crosswalk;
pub mod dir;
pub mod load;
pub mod mid;
pub mod nmc;
pub mod signed_edges;
pub mod stakeholders;
pub mod states;
pub mod world;

pub use entente_table::{Loaded, Reject, TableError};

use std::path::PathBuf;

/// Why a dataset could not be used: the file or directory, and what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("no {dataset} data in {} (looked for {looked_for})", dir.display())]
    NotFound {
        dataset: String,
        dir: PathBuf,
        looked_for: String,
    },
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("{0}: rows read do not balance (a bug; please report it)")]
    Unbalanced(String),
    #[error("no state is in the COW system on {date} (the state list covers 1816–2016)")]
    NoStates { date: String },
    #[error("{}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    /// A file whose contents name a release entente does not know.
    #[error("{}: not a {dataset} release entente knows ({known})", path.display())]
    UnknownRelease {
        path: PathBuf,
        dataset: &'static str,
        known: &'static str,
    },
}
