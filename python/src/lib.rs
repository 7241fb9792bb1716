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

/// A progress bar on `sys.stderr` for long work, drawn only when the caller asked for one
/// (`progress=True`; silent otherwise, notebooks included). Reports come from worker threads,
/// each taking the GIL for a moment; the bar redraws only when its percentage moves.
pub struct Watch {
    total: u64,
    unit: &'static str,
    show: bool,
    last: std::sync::atomic::AtomicU64,
}

impl Watch {
    pub fn new(total: u64, unit: &'static str, show: bool) -> Watch {
        Watch {
            total: total.max(1),
            unit,
            show,
            last: std::sync::atomic::AtomicU64::new(u64::MAX),
        }
    }

    pub fn tick(&self, done: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        if !self.show {
            return;
        }
        let pct = done.min(self.total) * 100 / self.total;
        if self.last.swap(pct, Relaxed) == pct {
            return;
        }
        let filled = (pct / 4) as usize;
        let end = if done >= self.total { "\n" } else { "" };
        let line = format!(
            "\r  [{}{}] {pct:>3}% {done} {}{end}",
            "#".repeat(filled),
            " ".repeat(25 - filled.min(25)),
            self.unit
        );
        Python::attach(|py| {
            if let Ok(err) = py.import("sys").and_then(|s| s.getattr("stderr")) {
                let _ = err.call_method1("write", (line,));
                let _ = err.call_method0("flush");
            }
        });
    }
}

/// Runs `work` on a thread of its own, without the GIL, while this (the main) thread checks for
/// signals every few milliseconds: on Ctrl-C it sets `cancel` — which work that can stop early
/// watches — waits for the work to stop, and raises the KeyboardInterrupt. (Python runs signal
/// handlers on the main thread only, so a worker could not see the interrupt itself.)
pub fn interruptible<T: Send>(
    py: Python<'_>,
    cancel: &std::sync::atomic::AtomicBool,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    use std::time::{Duration, Instant};
    std::thread::scope(|scope| {
        let h = scope.spawn(work);
        loop {
            let done = py.detach(|| {
                let t0 = Instant::now();
                while !h.is_finished() && t0.elapsed() < Duration::from_millis(50) {
                    std::thread::sleep(Duration::from_millis(2));
                }
                h.is_finished()
            });
            if done {
                break;
            }
            if let Err(e) = py.check_signals() {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                let _ = py.detach(|| h.join());
                return Err(e);
            }
        }
        h.join().map_err(|_| {
            EntenteError::new_err("entente's worker stopped unexpectedly (a bug; please report it)")
        })
    })
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
/// >>> entente.derive_seed(1, 0, 0) == entente.derive_seed(1, 0, 0)
/// True
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
