//! `entente.Coder`: text to CAMEO events with the PETRARCH/Phoenix dictionaries (entente-coder,
//! the shallow plain-text coder of `entente code`), events as an Arrow table.

use crate::arrow::{Columns, Table};
use crate::err;
use entente_coder::code::Dictionaries;
use pyo3::prelude::*;
use std::path::PathBuf;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()
}

/// The event coder with its dictionaries loaded once: `Coder(dictionaries_dir, cameo_dir=None)`
/// (`petrarch_dictionaries/` and, for code names and Goldstein scores, `cameo/`).
#[pyclass(module = "entente", frozen)]
pub struct Coder {
    dictionaries: Dictionaries,
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (dictionaries_dir, cameo_dir=None))]
    fn new(
        py: Python<'_>,
        dictionaries_dir: PathBuf,
        cameo_dir: Option<PathBuf>,
    ) -> PyResult<Coder> {
        let d = py
            .detach(|| entente_coder::load::load(&dictionaries_dir, cameo_dir.as_deref()))
            .map_err(err)?;
        Ok(Coder { dictionaries: d })
    }

    /// Codes plain text, sentence by sentence: one row per event with its sentence, date (from the
    /// sentence, else `date`, YYYY-MM-DD), source and target actor codes and countries, the CAMEO
    /// code, root, QuadClass and Goldstein score, the verb and the dictionary line of its pattern.
    #[pyo3(signature = (text, date=None))]
    fn code(&self, py: Python<'_>, text: &str, date: Option<&str>) -> PyResult<Table> {
        let date = date
            .map(|d| {
                entente_coder::conllu::parse_date(d)
                    .ok_or_else(|| err(format!("date {d:?}: write YYYY-MM-DD")))
            })
            .transpose()?;
        let d = &self.dictionaries;
        let events = py.detach(|| {
            let mut out = Vec::new();
            entente_coder::input::read(
                "text",
                entente_coder::input::Format::Text,
                text,
                date,
                |r| out.extend(entente_coder::code_record(d, &r, false).events),
            );
            out
        });
        let e = &events;
        Columns::default()
            .text("sentence", e.iter().map(|x| x.sentence.as_str()))
            .opt_text("date", e.iter().map(|x| x.date.as_deref()))
            .text("source", e.iter().map(|x| x.source.as_str()))
            .text(
                "source_country",
                e.iter().map(|x| x.source_country.as_str()),
            )
            .text("target", e.iter().map(|x| x.target.as_str()))
            .text(
                "target_country",
                e.iter().map(|x| x.target_country.as_str()),
            )
            .text("code", e.iter().map(|x| x.code.as_str()))
            .small("root", e.iter().map(|x| u32::from(x.root)))
            .small("quad_class", e.iter().map(|x| u32::from(x.quad_class)))
            .real(
                "goldstein",
                e.iter().map(|x| x.goldstein.unwrap_or(f64::NAN)),
            )
            .text("verb", e.iter().map(|x| x.verb.as_str()))
            .opt_int(
                "pattern_line",
                e.iter().map(|x| x.pattern_line.map(|l| l as i64)),
            )
            .table()
    }
}
