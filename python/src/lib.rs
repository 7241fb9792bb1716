//! entente for Python: a small typed API over the library crates (not over the CLI). Scenarios,
//! the obligation cascade and its Monte Carlo, panels, event aggregates and the event store, and
//! the text coder; every table leaves as Arrow through the C stream interface ([`arrow`]).
//!
//! Errors are Python exceptions carrying the Rust message: [`EntenteError`] for everything, and
//! its subclass `ScenarioError` for a scenario that does not load, with every diagnostic at
//! `file:line:column`. The GIL is released while Rust works (`Python::detach`), so other Python
//! threads run meanwhile; nothing prints unless asked.

mod alignment;
mod arrow;
mod cascade;
mod coder;
mod events;
mod forecast;
mod panel;
mod scenario;

use pyo3::prelude::*;

pyo3::create_exception!(
    entente,
    EntenteError,
    pyo3::exceptions::PyException,
    "An error entente reports: the message says what was wrong and how to fix it."
);
pyo3::create_exception!(
    entente,
    ScenarioError,
    EntenteError,
    "A scenario that does not load: `diagnostics` lists every error at file:line:column."
);

/// A user-facing error from any `Display` error of the library crates.
pub fn err(e: impl std::fmt::Display) -> PyErr {
    EntenteError::new_err(e.to_string())
}

/// Any serialisable result as Python objects (dicts, lists, numbers), through its JSON form.
pub fn json<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(v).map_err(err)?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A per-task seed from a base seed and the task's keys (crisis index, assumption index, …): each
/// key is mixed in with SplitMix64's finaliser (Steele, Lea & Flood 2014, "Fast splittable
/// pseudorandom number generators", OOPSLA), so a task's seed depends on its keys alone — not on
/// the partition or the order it runs in — and nearby keys give unrelated seeds.
///
/// ```python
/// >>> entente.derive_seed(1, 0, 0) == entente.derive_seed(1, 0, 0)
/// True
/// ```
#[pyfunction]
#[pyo3(signature = (seed, *keys))]
fn derive_seed(seed: u64, keys: Vec<u64>) -> u64 {
    keys.iter().fold(mix(seed), |acc, k| mix(acc ^ mix(*k)))
}

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("EntenteError", py.get_type::<EntenteError>())?;
    m.add("ScenarioError", py.get_type::<ScenarioError>())?;
    m.add_class::<arrow::Table>()?;
    m.add_function(wrap_pyfunction!(derive_seed, m)?)?;
    scenario::register(m)?;
    cascade::register(m)?;
    panel::register(m)?;
    events::register(m)?;
    coder::register(m)?;
    alignment::register(m)?;
    forecast::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64's first output for seed 0 is 0xE220A8397B1DCDAF (the reference implementation,
    /// Vigna's splitmix64.c: `next()` adds the constant, then finalises).
    #[test]
    fn mix_is_splitmix64() {
        assert_eq!(mix(0), 0xE220_A839_7B1D_CDAF);
    }
}
