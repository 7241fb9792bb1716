//! `entente.events`: the every-dyad aggregate of GDELT files (the fast path of
//! `entente events aggregate`), and the Parquet event store (`entente events ingest`) with its
//! events, aggregates and dyad series — every result an Arrow table.

use crate::arrow::{Columns, Table, pyarrow_table, to_pandas, to_polars};
use crate::err;
use entente_events::aggregate::{Period, Spec};
use entente_events::fast::{self, Aggregate};
use entente_events::icews::Countries;
use entente_events::series::{Filter, dyad_report};
use entente_events::store::{Scan, Store as Inner};
use entente_events::{Event, Reject};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict};
use std::path::{Path, PathBuf};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(aggregate, m)?)?;
    m.add_function(wrap_pyfunction!(icews_countries, m)?)?;
    m.add_class::<AggregateResult>()?;
    m.add_class::<Store>()
}

fn period(by: &str) -> PyResult<Period> {
    Period::parse(by).ok_or_else(|| err(format!("by={by}: use day, week, month, quarter or year")))
}

/// Runs `work` on a pool of `threads` threads, or on rayon's global pool.
fn on_threads<T: Send>(
    threads: Option<usize>,
    work: impl FnOnce() -> T + Send,
) -> Result<T, String> {
    match threads {
        None => Ok(work()),
        Some(0) => Err("threads must be at least 1 (or None: one per core)".into()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|p| p.install(work))
            .map_err(|e| e.to_string()),
    }
}

/// The directed dyad × period × QuadClass aggregate: `source, target, period, quad, events,
/// goldstein_tenths` (Goldstein summed exactly, in tenths), with the accounting of every row:
/// `rows == grouped + without_dyad + rejected`.
#[pyclass(module = "entente.events", frozen)]
pub struct AggregateResult {
    table: Table,
    #[pyo3(get)]
    rows: u64,
    #[pyo3(get)]
    rejected: u64,
    #[pyo3(get)]
    without_dyad: u64,
    rejects: Vec<Reject>,
}

impl AggregateResult {
    fn new(agg: &Aggregate) -> PyResult<AggregateResult> {
        let groups = agg.sorted();
        let batch = fast::groups_batch(&groups).map_err(err)?;
        Ok(AggregateResult {
            table: Table::new(batch.schema(), vec![batch]),
            rows: agg.rows,
            rejected: agg.rejected,
            without_dyad: agg.without_dyad,
            rejects: agg.rejects.clone(),
        })
    }
}

#[pymethods]
impl AggregateResult {
    /// Rows that made a group.
    #[getter]
    fn grouped(&self) -> u64 {
        self.rows - self.rejected - self.without_dyad
    }

    /// Every rejected row as `(file, line, reason)`.
    #[getter]
    fn rejects(&self) -> Vec<(String, u64, String)> {
        self.rejects
            .iter()
            .map(|r| (r.file.clone(), r.line, r.reason.clone()))
            .collect()
    }

    /// The groups as an entente `Table` (Arrow).
    #[getter]
    fn table(&self) -> Table {
        Table::new(self.table.schema.clone(), self.table.batches.clone())
    }

    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        crate::arrow::stream_capsule(py, self.table.schema.clone(), self.table.batches.clone())
    }

    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        pyarrow_table(slf.py(), slf.as_any())
    }

    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_pandas(slf.py(), slf.as_any())
    }

    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_polars(slf.py(), slf.as_any())
    }

    fn __len__(&self) -> usize {
        self.table.rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "entente.events.AggregateResult({} groups; {} rows: {} grouped, {} without both countries, {} rejected)",
            self.table.rows(),
            self.rows,
            self.grouped(),
            self.without_dyad,
            self.rejected
        )
    }
}

/// Aggregates GDELT event files (plain or zipped; directories are searched for GDELT's names)
/// into every directed dyad × period × QuadClass, as `entente events aggregate` does, with the same
/// row validation. `by` is day, week, month, quarter or year; `rejects_path` writes the rejected
/// rows as CSV (`file,line,reason,raw`); `progress=True` draws a bar on `sys.stderr`.
///
/// >>> agg = entente.events.aggregate(["20180101000000.export.CSV"], by="month")  # doctest: +SKIP
/// >>> agg.rows == agg.grouped + agg.without_dyad + agg.rejected  # doctest: +SKIP
/// True
#[pyfunction]
#[pyo3(signature = (paths, by="month", rejects_path=None, threads=None, progress=false))]
fn aggregate(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    by: &str,
    rejects_path: Option<PathBuf>,
    threads: Option<usize>,
    progress: bool,
) -> PyResult<AggregateResult> {
    let period = period(by)?;
    let files = entente_events::read::expand(&paths, &fast::GDELT_SUFFIXES).map_err(err)?;
    if files.is_empty() {
        return Err(err("no GDELT .export.CSV or .zip files in the paths given"));
    }
    if let Some(f) = files
        .iter()
        .find(|f| entente_events::icews::looks_like_icews(f))
    {
        return Err(err(format!(
            "{} is an ICEWS file; aggregate reads GDELT's exports. Ingest ICEWS into a Store (with data_dir for the country names) and use Store.aggregate",
            f.display()
        )));
    }
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let watch = crate::Watch::new(total, "bytes", progress);
    let agg = py
        .detach(|| {
            on_threads(threads, || {
                fast::aggregate_files(&files, period, &|n| watch.tick(n))
            })
        })
        .map_err(err)?
        .map_err(err)?;
    if let Some(path) = &rejects_path {
        entente_table::write_rejects(path, &agg.rejects).map_err(err)?;
    }
    AggregateResult::new(&agg)
}

/// ICEWS names countries in words: the crosswalk in the data folder maps them to codes.
fn countries(data_dir: &Path) -> PyResult<Countries> {
    let path = entente_datasets::dir::DataDir::new(data_dir)
        .find("crosswalk")
        .map_err(err)?;
    let l = entente_datasets::crosswalk::read(&path).map_err(err)?;
    Ok(Countries::new(l.rows.iter().filter_map(|r| {
        Some((r.name.as_str(), r.iso3.as_deref()?))
    })))
}

/// The mapping the ICEWS reader applies to country names: lower-cased name → ISO alpha-3 code,
/// from the crosswalk in `data_dir` plus ICEWS's own spellings (`entente_events::icews`). The
/// Spark job maps ICEWS names with it, so both read the same countries.
#[pyfunction]
fn icews_countries(data_dir: PathBuf) -> PyResult<std::collections::HashMap<String, String>> {
    Ok(countries(&data_dir)?
        .names()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect())
}

fn yyyymmdd(text: &str, what: &str, last: bool) -> PyResult<u32> {
    let d: entente_model::PartialDate = text
        .parse()
        .map_err(|e: entente_model::date::DateError| err(format!("{what}={text}: {e}")))?;
    let day = if last { d.latest() } else { d.earliest() }
        .ok_or_else(|| err(format!("{what}={text}: give a date with both ends")))?;
    let (y, m, dd) = entente_model::date::civil_from_days(day);
    let y = u32::try_from(y)
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or_else(|| {
            err(format!(
                "{what}={text}: event dates run from year 0 to 9999"
            ))
        })?;
    Ok(y * 10000 + u32::from(m) * 100 + u32::from(dd))
}

fn events_table(rows: &[Event]) -> PyResult<Table> {
    let batch = entente_events::store::events_batch(rows.iter()).map_err(err)?;
    Ok(Table::new(batch.schema(), vec![batch]))
}

/// The Parquet event store (`source_file=NAME/month=YYYYMM/part.parquet`, which pandas, polars,
/// DuckDB and Spark also read as is). `ingest` adds only new files; readers always see whole
/// source files.
#[pyclass(module = "entente.events", frozen)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    fn open(&self) -> PyResult<Inner> {
        Inner::open_read(&self.dir).map_err(err)
    }

    fn read(&self, py: Python<'_>, scan: Scan) -> PyResult<Vec<Event>> {
        let store = self.open()?;
        py.detach(|| store.scan(&scan))
            .map(|(rows, _)| rows)
            .map_err(err)
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new(path: PathBuf) -> Store {
        Store { dir: path }
    }

    /// Takes GDELT (`.export.CSV`, `.zip`) and ICEWS (`.tab`) files into the store (created if
    /// needed); ICEWS needs `data_dir` with the country-code crosswalk. Files already there (by name
    /// and size) are skipped. Returns what it did, as `entente events ingest` reports it.
    #[pyo3(signature = (paths, data_dir=None, threads=None))]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        paths: Vec<PathBuf>,
        data_dir: Option<PathBuf>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let files = entente_events::read::expand(&paths, &entente_events::ingest::EVENT_SUFFIXES)
            .map_err(err)?;
        let countries = if entente_events::ingest::needs_countries(&files) {
            Some(countries(data_dir.as_deref().ok_or_else(|| {
                err("ICEWS files name countries in words: give data_dir= with the country-code crosswalk")
            })?)?)
        } else {
            None
        };
        let dir = self.dir.clone();
        let report = py
            .detach(|| {
                on_threads(threads, || {
                    entente_events::ingest::ingest(&dir, &files, countries.as_ref(), &|_, _| {})
                })
            })
            .map_err(err)?
            .map_err(err)?;
        let d = PyDict::new(py);
        d.set_item("files_seen", report.files_seen)?;
        d.set_item("files_ingested", report.files_ingested)?;
        d.set_item("files_already_in_store", report.files_already_in_store)?;
        d.set_item("rows_read", report.rows_read)?;
        d.set_item("rows_accepted", report.rows_accepted)?;
        d.set_item("rows_rejected", report.rows_rejected)?;
        d.set_item("months_in_store", report.months_in_store)?;
        d.set_item("unmapped_country_names", report.unmapped_country_names)?;
        Ok(d)
    }

    /// The store's events (between the dates `from_` and `to`, inclusive; of one dyad in either
    /// direction), with the store's columns. Months outside the dates are not opened, and row
    /// groups whose statistics exclude the dyad are not decoded.
    #[pyo3(signature = (from_=None, to=None, dyad=None))]
    fn events(
        &self,
        py: Python<'_>,
        from_: Option<&str>,
        to: Option<&str>,
        dyad: Option<(String, String)>,
    ) -> PyResult<Table> {
        let scan = Scan {
            from: from_.map(|d| yyyymmdd(d, "from_", false)).transpose()?,
            to: to.map(|d| yyyymmdd(d, "to", true)).transpose()?,
            dyad,
        };
        events_table(&self.read(py, scan)?)
    }

    /// Every directed dyad × period × QuadClass of the store's events, grouped as
    /// `events.aggregate` groups GDELT files (an ingested GDELT file gives the same groups).
    #[pyo3(signature = (by="month"))]
    fn aggregate(&self, py: Python<'_>, by: &str) -> PyResult<AggregateResult> {
        let period = period(by)?;
        let rows = self.read(py, Scan::default())?;
        let agg = py.detach(|| fast::aggregate_events(&rows, period));
        AggregateResult::new(&agg)
    }

    /// A dyad's series by period, as `entente events series --store` computes it: counts by
    /// QuadClass, the Goldstein sum (tenths) and mean, net cooperation, and each normalised by the
    /// period's volume of all events.
    #[pyo3(signature = (a, b, by="month", directed=false, from_=None, to=None))]
    #[allow(clippy::too_many_arguments)]
    fn series(
        &self,
        py: Python<'_>,
        a: String,
        b: String,
        by: &str,
        directed: bool,
        from_: Option<&str>,
        to: Option<&str>,
    ) -> PyResult<Table> {
        let filter = Filter {
            from: from_.map(|d| yyyymmdd(d, "from_", false)).transpose()?,
            to: to.map(|d| yyyymmdd(d, "to", true)).transpose()?,
            ..Filter::default()
        };
        let spec = Spec {
            period: period(by)?,
            directed,
            dedupe: false,
            dyad: Some((a.clone(), b.clone())),
            quad: vec![],
        };
        let store = self.open()?;
        let scan = Scan {
            from: filter.from,
            to: filter.to,
            dyad: Some((a, b)),
        };
        let series = py
            .detach(|| -> Result<_, entente_events::ReadError> {
                let (rows, mut stats) = store.scan(&scan)?;
                let volume = store.day_volumes(filter.from, filter.to, &mut stats)?;
                Ok(dyad_report(&rows, &filter, &spec, None, Some(&volume)))
            })
            .map_err(err)?;
        let cells: Vec<_> = series.iter().flat_map(|s| s.cells.iter()).collect();
        Columns::default()
            .text("source", cells.iter().map(|c| c.source.as_str()))
            .text("target", cells.iter().map(|c| c.target.as_str()))
            .text("period", cells.iter().map(|c| c.period.as_str()))
            .int(
                "verbal_cooperation",
                cells.iter().map(|c| c.quad_counts[0] as i64),
            )
            .int(
                "material_cooperation",
                cells.iter().map(|c| c.quad_counts[1] as i64),
            )
            .int(
                "verbal_conflict",
                cells.iter().map(|c| c.quad_counts[2] as i64),
            )
            .int(
                "material_conflict",
                cells.iter().map(|c| c.quad_counts[3] as i64),
            )
            .int("events", cells.iter().map(|c| c.events as i64))
            .int("goldstein_tenths", cells.iter().map(|c| c.goldstein_tenths))
            .real("goldstein_mean", cells.iter().map(|c| c.goldstein_mean))
            .int("net_cooperation", cells.iter().map(|c| c.net_cooperation))
            .int(
                "period_volume",
                cells.iter().map(|c| c.period_volume as i64),
            )
            .real(
                "net_cooperation_normalised",
                cells.iter().map(|c| c.net_cooperation_normalised),
            )
            .table()
    }

    #[getter]
    fn path(&self) -> PathBuf {
        self.dir.clone()
    }

    fn __repr__(&self) -> String {
        format!("entente.events.Store({})", self.dir.display())
    }
}
