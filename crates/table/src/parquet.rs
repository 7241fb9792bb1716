//! The one Parquet writer: Snappy-compressed, written to `PATH.tmp`, synced, and renamed into place,
//! so that a reader (DuckDB, polars, Spark, entente's own store) never sees half a file, and a
//! killed write leaves only a `.tmp` file.

use crate::{TableError, tmp_path};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::{Path, PathBuf};

pub use arrow_array;
pub use arrow_schema;

/// A Parquet file being written. Batches go in with [`Writer::write`]; [`Writer::finish`] syncs
/// and renames the file into place. Dropped without `finish`, the `.tmp` file is removed.
pub struct Writer {
    path: PathBuf,
    tmp: PathBuf,
    inner: Option<ArrowWriter<std::fs::File>>,
    rows: u64,
}

impl Writer {
    pub fn create(path: &Path, schema: SchemaRef) -> Result<Writer, TableError> {
        Writer::create_with(path, schema, None)
    }

    /// As [`Writer::create`], with at most `row_group_rows` rows a row group (`None`: the
    /// parquet crate's default, about a million), so that a reader can skip row groups by their
    /// statistics — the event store sorts its parts by dyad for that.
    pub fn create_with(
        path: &Path,
        schema: SchemaRef,
        row_group_rows: Option<usize>,
    ) -> Result<Writer, TableError> {
        let tmp = tmp_path(path);
        let file = std::fs::File::create(&tmp).map_err(|e| TableError::write(&tmp, e))?;
        let mut props = WriterProperties::builder().set_compression(Compression::SNAPPY);
        if let Some(n) = row_group_rows.filter(|&n| n > 0) {
            props = props.set_max_row_group_row_count(Some(n));
        }
        let props = props.build();
        let inner = ArrowWriter::try_new(file, schema, Some(props))
            .map_err(|e| TableError::parquet(path, e))?;
        Ok(Writer {
            path: path.to_path_buf(),
            tmp,
            inner: Some(inner),
            rows: 0,
        })
    }

    /// Appends a batch (one or more row groups).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), TableError> {
        let w = self
            .inner
            .as_mut()
            .ok_or_else(|| TableError::parquet(&self.path, "already finished"))?;
        w.write(batch)
            .map_err(|e| TableError::parquet(&self.path, e))?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Closes the file, makes it durable and renames it into place.
    pub fn finish(self) -> Result<u64, TableError> {
        let rows = self.rows;
        let path = self.path.clone();
        let tmp = self.finish_staged()?;
        std::fs::rename(&tmp, &path).map_err(|e| TableError::write(&path, e))?;
        Ok(rows)
    }

    /// Closes the file and makes it durable, but leaves it at `PATH.tmp` for the caller to rename,
    /// for a writer that puts several files in place together (the event store's month parts).
    pub fn finish_staged(mut self) -> Result<PathBuf, TableError> {
        let w = self
            .inner
            .take()
            .ok_or_else(|| TableError::parquet(&self.path, "already finished"))?;
        let file = w
            .into_inner()
            .map_err(|e| TableError::parquet(&self.path, e))?;
        file.sync_all()
            .map_err(|e| TableError::write(&self.tmp, e))?;
        Ok(self.tmp.clone())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.inner.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes one batch as a whole file.
pub fn write_batch(path: &Path, batch: &RecordBatch) -> Result<u64, TableError> {
    let mut w = Writer::create(path, batch.schema())?;
    w.write(batch)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, Int32Array};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    #[test]
    fn written_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("entente-table-pq-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let schema = Arc::new(Schema::new(vec![Field::new("x", DataType::Int32, false)]));
        let col: ArrayRef = Arc::new(Int32Array::from(vec![1, 2, 3]));
        let batch = RecordBatch::try_new(schema.clone(), vec![col]).unwrap();
        let path = dir.join("a.parquet");
        assert_eq!(write_batch(&path, &batch).unwrap(), 3);
        assert!(path.exists() && !tmp_path(&path).exists());
        let b = dir.join("b.parquet");
        let mut w = Writer::create(&b, schema).unwrap();
        w.write(&batch).unwrap();
        assert!(tmp_path(&b).exists() && !b.exists());
        drop(w);
        assert!(!tmp_path(&b).exists() && !b.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
