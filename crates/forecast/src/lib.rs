//! Foresight: where spending and positions are heading.
//!
//! - [`bdm`]: Bueno de Mesquita's expected-utility model of group decisions on one issue, as
//!   reconstructed by Scholz, Calbert & Smith (2011), with the public replication's rules behind a
//!   flag for exact comparison.
//!
//! - [`richardson`]: Richardson's arms-race equations fitted to two sides' military expenditure,
//!   with standard errors, stability, the equilibrium and a bootstrapped projection.
//!
//! Pure functions over plain inputs; the CLI reads the files.

pub mod bdm;
pub mod richardson;
mod rng;
