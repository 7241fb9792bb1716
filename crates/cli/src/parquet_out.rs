//! Writing panels as Parquet (one row group per chunk of years), so that pandas, polars, DuckDB and
//! Spark read the output as is. Integers are Int64, reals Float64, missing values null.

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use entente_analysis::panel::{Batch, Panel, Values};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

fn schema(b: &Batch) -> Arc<Schema> {
    Arc::new(Schema::new(
        b.columns
            .iter()
            .map(|c| {
                let t = match c.values {
                    Values::Int(_) => DataType::Int64,
                    Values::Real(_) => DataType::Float64,
                };
                Field::new(&c.name, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

fn record_batch(schema: &Arc<Schema>, b: Batch) -> Result<RecordBatch, String> {
    let arrays: Vec<ArrayRef> = b
        .columns
        .into_iter()
        .map(|c| -> ArrayRef {
            match c.values {
                Values::Int(v) => Arc::new(Int64Array::from(v)),
                Values::Real(v) => Arc::new(Float64Array::from(v)),
            }
        })
        .collect();
    RecordBatch::try_new(schema.clone(), arrays).map_err(|e| e.to_string())
}

pub fn write(
    panel: &Panel,
    years: &[i32],
    out: &Path,
    show: bool,
    total: usize,
) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", out.display());
    let file = std::fs::File::create(out).map_err(|e| err(&e))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer: Option<ArrowWriter<std::fs::File>> = None;
    let mut schema_of: Option<Arc<Schema>> = None;
    let mut file = Some(file);
    let mut done = 0usize;
    for chunk in years.chunks(8) {
        let batches: Vec<Batch> = chunk.par_iter().map(|y| panel.year(*y)).collect();
        for b in batches {
            if b.rows == 0 {
                continue;
            }
            let schema = schema_of.get_or_insert_with(|| schema(&b)).clone();
            if writer.is_none() {
                let f = file.take().ok_or_else(|| err(&"writer already open"))?;
                writer = Some(
                    ArrowWriter::try_new(f, schema.clone(), Some(props.clone()))
                        .map_err(|e| err(&e))?,
                );
            }
            done += b.rows;
            let rb = record_batch(&schema, b)?;
            if let Some(w) = writer.as_mut() {
                w.write(&rb).map_err(|e| err(&e))?;
            }
        }
        if show {
            eprint!("\r  {done} of {total} rows");
        }
    }
    if let Some(w) = writer {
        w.close().map_err(|e| err(&e))?;
    }
    if show {
        eprintln!();
    }
    eprintln!(
        "wrote {total} rows ({} years) to {}",
        years.len(),
        out.display()
    );
    Ok(())
}
