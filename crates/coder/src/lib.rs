//! From text to events (in progress): a CAMEO event coder in the TABARI/PETRARCH tradition
//! (Schrodt 2014; Norris, Schrodt & Beieler 2017 for PETRARCH2), built on the Phoenix dictionaries.
//!
//! So far: [`dict`], the dictionaries read in their own formats — actors with dated roles, agents
//! with substitution sets, discards — each malformed line reported at file:line while the rest loads.
//! The verb dictionary, the CoNLL-U and plain-text coders and the `entente code` command are not
//! built yet.

pub mod dict;
