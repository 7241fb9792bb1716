//! Loading scenarios: a directory of TOML files (or the bundled default) into an
//! [`entente_model::Scenario`], with every problem reported as a [`Diagnostic`] at `file:line:column`.
//!
//! A scenario is a directory. Every `*.toml` file in it (and in its subdirectories, in path order) is
//! read; each may hold any of the sections `[scenario]` (exactly once in the whole directory),
//! `[[source]]`, `[[actor]]`, `[[membership]]`, `[[region]]`, `[[agreement]]`, `[[capability]]`,
//! `[[force]]`, `[[event]]`, `[[flashpoint]]`, `[[disagreement]]` and `[[overlay]]`. The format is
//! documented in `docs/scenario-format.md`.
//!
//! Architecture invariant: the loader never stops at the first error. Each entry of each section is
//! read on its own, so one malformed agreement does not hide a second; syntax errors are recovered
//! from; then the whole model is validated. The result is what could be loaded plus every diagnostic.
//!
//! ```
//! // The bundled scenario, validated, with every diagnostic (none are errors).
//! let loaded = entente_scenario::load_bundled();
//! assert_eq!(loaded.count(entente_model::Severity::Error), 0);
//! let s = loaded.valid().unwrap();
//! assert_eq!(s.info.id, "indo-pacific-2025");
//! // A malformed file is every error at file:line:column, never a panic.
//! let dir = std::env::temp_dir().join(format!("entente-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("scenario.toml"), "[scenario\nid = 1\n").unwrap();
//! let bad = entente_scenario::load_path(&dir).unwrap();
//! assert!(bad.valid().is_none() && !bad.diagnostics.is_empty());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod bundled;
mod diagnostic;
mod export;
mod load;

pub use bundled::{BUNDLED_ID, bundled_files};
pub use diagnostic::Diagnostic;
pub use export::{ExportError, to_toml};
pub use load::{
    LoadError, Loaded, MAX_ERRORS_PER_FILE, MAX_FILE_BYTES, ScenarioFile, load_bundled, load_dir,
    load_files, load_path,
};
