//! Tables leave Rust through the Arrow C stream interface: an `ArrowArrayStream` in a PyCapsule
//! named `arrow_array_stream`, the protocol pyarrow, polars, DuckDB and pandas (through pyarrow)
//! read (<https://arrow.apache.org/docs/format/CDataInterface/PyCapsuleInterface.html>). The
//! consumer takes the buffers themselves: nothing is copied or serialised on the way.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{
    ArrayRef, Float64Array, Int64Array, RecordBatch, RecordBatchIterator, StringArray, UInt32Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::sync::Arc;

/// A table held in Arrow record batches. Any Arrow consumer reads it without a copy
/// (`pyarrow.table(t)`, `polars.from_arrow(t.to_arrow())`, `duckdb.sql("select * from t")`).
#[pyclass(module = "entente", name = "Table", frozen)]
pub struct Table {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
}

impl Table {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Table {
        Table { schema, batches }
    }

    pub fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

/// A pyarrow table from anything with `__arrow_c_stream__`.
pub fn pyarrow_table<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let pa = py.import("pyarrow").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "entente hands tables over as Arrow and needs pyarrow: pip install pyarrow ({e})"
        ))
    })?;
    pa.getattr("RecordBatchReader")?
        .call_method1("from_stream", (obj,))?
        .call_method0("read_all")
}

pub fn to_pandas<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    pyarrow_table(py, obj)?.call_method0("to_pandas")
}

pub fn to_polars<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let pl = py.import("polars").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "to_polars needs polars: pip install polars ({e})"
        ))
    })?;
    pl.call_method1("from_arrow", (pyarrow_table(py, obj)?,))
}

#[pymethods]
impl Table {
    /// The Arrow PyCapsule stream protocol. `requested_schema` is accepted and ignored (the
    /// protocol allows a producer to keep its own schema).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        stream_capsule(py, self.schema.clone(), self.batches.clone())
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "entente.Table({} rows: {})",
            self.rows(),
            self.column_names().join(", ")
        )
    }

    /// This table as a `pyarrow.Table` (zero-copy).
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        pyarrow_table(slf.py(), slf.as_any())
    }

    /// This table as a `pandas.DataFrame` (through pyarrow).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_pandas(slf.py(), slf.as_any())
    }

    /// This table as a `polars.DataFrame` (through pyarrow).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_polars(slf.py(), slf.as_any())
    }
}

/// Wraps batches in an `ArrowArrayStream` capsule. The capsule owns the stream until a consumer
/// moves it out (setting its `release` to null); if none does, dropping the capsule releases it.
pub fn stream_capsule(
    py: Python<'_>,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
) -> PyResult<Bound<'_, PyCapsule>> {
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
}

/// Builds a one-batch table column by column, for the small result tables (odds, waves, actors).
#[derive(Default)]
pub struct Columns {
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

impl Columns {
    pub fn text<S: AsRef<str>>(mut self, name: &str, v: impl IntoIterator<Item = S>) -> Self {
        let a = StringArray::from_iter_values(v);
        self.fields.push(Field::new(name, DataType::Utf8, false));
        self.arrays.push(Arc::new(a));
        self
    }

    pub fn opt_text<S: AsRef<str>>(
        mut self,
        name: &str,
        v: impl IntoIterator<Item = Option<S>>,
    ) -> Self {
        let a = StringArray::from_iter(v);
        self.fields.push(Field::new(name, DataType::Utf8, true));
        self.arrays.push(Arc::new(a));
        self
    }

    pub fn real(mut self, name: &str, v: impl IntoIterator<Item = f64>) -> Self {
        self.fields.push(Field::new(name, DataType::Float64, false));
        self.arrays
            .push(Arc::new(Float64Array::from_iter_values(v)));
        self
    }

    pub fn opt_int(mut self, name: &str, v: impl IntoIterator<Item = Option<i64>>) -> Self {
        self.fields.push(Field::new(name, DataType::Int64, true));
        self.arrays.push(Arc::new(Int64Array::from_iter(v)));
        self
    }

    pub fn int(mut self, name: &str, v: impl IntoIterator<Item = i64>) -> Self {
        self.fields.push(Field::new(name, DataType::Int64, false));
        self.arrays.push(Arc::new(Int64Array::from_iter_values(v)));
        self
    }

    pub fn small(mut self, name: &str, v: impl IntoIterator<Item = u32>) -> Self {
        self.fields.push(Field::new(name, DataType::UInt32, false));
        self.arrays.push(Arc::new(UInt32Array::from_iter_values(v)));
        self
    }

    pub fn table(self) -> PyResult<Table> {
        let schema = Arc::new(Schema::new(self.fields));
        let batch = RecordBatch::try_new(schema.clone(), self.arrays)
            .map_err(|e| crate::EntenteError::new_err(format!("building a table: {e}")))?;
        Ok(Table::new(schema, vec![batch]))
    }
}
