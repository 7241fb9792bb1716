//! From text to events: a CAMEO event coder in the TABARI/PETRARCH tradition (Schrodt 2014;
//! Norris, Schrodt & Beieler 2017 for PETRARCH2), on the PETRARCH/Phoenix dictionaries read in their
//! own formats.
//!
//! - [`dict`], [`verbs`], [`cameo`], [`load`]: the dictionaries (actors with dated roles, agents,
//!   discards, the CAMEO.2.0 verb dictionary with synsets and patterns, the CAMEO table); every
//!   malformed line reported at file:line while the rest loads.
//! - [`input`], [`text`], [`conllu`]: documents (plain text, JSON lines, CoNLL-U, PETRARCH-2 XML) into
//!   sentences, tokenised or parsed.
//! - [`code`]: a sentence into events, on the dependency tree when there is one, else by TABARI's
//!   shallow patterns; [`extract`]: dates and quantities.
//! - [`output`]: JSON lines, CSV, scenario `[[event]]` proposals.
//!
//! Coding is a pure function of the dictionaries and the sentence: no I/O after the load.
//!
//! ```
//! use entente_coder::{code::Dictionaries, input, verbs::Verbs, dict::Actors};
//!
//! let mut d = Dictionaries::default();
//! let mut actors = Actors::default();
//! actors.read_text("a.txt", "RUSSIA_ [RUS]\nUKRAINE_ [UKR]\n");
//! d.actors = actors;
//! d.verbs = Verbs::read_text("v.txt", "---  ATTACK  [190]  ---\nATTACK\n").0;
//! let mut events = Vec::new();
//! input::read("doc", input::Format::Text, "Russia attacked Ukraine.", Some(20220224), |r| {
//!     events.extend(entente_coder::code_record(&d, &r, false).events);
//! });
//! assert_eq!((events[0].source.as_str(), events[0].target.as_str(), events[0].code.as_str()), ("RUS", "UKR", "190"));
//! assert_eq!(events[0].date.as_deref(), Some("2022-02-24"));
//! ```

pub mod cameo;
pub mod code;
pub mod conllu;
pub mod dict;
pub mod extract;
pub mod hash;
pub mod input;
pub mod issues;
pub mod load;
pub mod output;
pub mod text;
pub mod verbs;

/// Codes one input record.
pub fn code_record(d: &code::Dictionaries, r: &input::Record, explain: bool) -> code::Explanation {
    d.code(
        &code::Sentence {
            id: &r.id,
            text: &r.text,
            tokens: &r.tokens,
            parsed: r.parsed,
            date: r.date,
        },
        explain,
    )
}
