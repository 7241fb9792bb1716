//! The local event store: events as Parquet, partitioned by the month of the event's date in the
//! Hive layout (`STORE/month=YYYYMM/NAME.parquet`), so pandas, polars, DuckDB and Spark read it as is
//! (`read_parquet('STORE/*/*.parquet', hive_partitioning = true)`).
//!
//! Ingest is incremental and idempotent: `_ingested.tsv` (the manifest) names every source file
//! taken in, with its size, and a file already there is skipped. A source file's rows go to one part
//! per month it touches, named after the source file, so ingesting it again writes the same names.
//! Every write goes to a `.tmp` file renamed into place, and the manifest is rewritten (also by
//! rename) only after a file's parts are all in place. Opening the store removes what a killed
//! ingest may have left — `.tmp` files, and parts of a source the manifest does not name — so the
//! store is always exactly the files its manifest lists.

use crate::{Event, ReadError};
use arrow_array::{ArrayRef, Int32Array, RecordBatch, StringArray, UInt8Array};
use arrow_schema::{DataType, Field, Schema};
use entente_model::{CameoCode, QuadClass};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MANIFEST: &str = "_ingested.tsv";
const HEADER: &str = "file\tbytes\trows_read\trows_accepted\trows_rejected\n";

/// One ingested source file, as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingested {
    /// The source file's name (not its directory: GDELT and ICEWS names are unique).
    pub file: String,
    pub bytes: u64,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
}

/// An opened store.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    ingested: BTreeMap<String, Ingested>,
}

fn io(path: &Path, e: impl std::fmt::Display) -> ReadError {
    ReadError::format(path, e)
}

/// The name a source file's parts are stored under.
pub fn part_name(source: &str) -> String {
    format!("{source}.parquet")
}

impl Store {
    /// Opens (creating if needed) the store at `dir`, and removes anything a killed ingest left.
    /// Returns the store and the number of leftover files removed.
    pub fn open(dir: &Path) -> Result<(Store, usize), ReadError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let manifest = dir.join(MANIFEST);
        let mut ingested = BTreeMap::new();
        match std::fs::read_to_string(&manifest) {
            Ok(text) => {
                for (i, line) in text.lines().enumerate().skip(1) {
                    let f: Vec<&str> = line.split('\t').collect();
                    let num = |k: usize| f.get(k).and_then(|v| v.parse::<u64>().ok());
                    let (Some(bytes), Some(read), Some(accepted), Some(rejected)) =
                        (num(1), num(2), num(3), num(4))
                    else {
                        return Err(ReadError::format(
                            Path::new(&format!("{}:{}", manifest.display(), i + 1)),
                            "not a manifest line (file, bytes, rows read, accepted, rejected); \
                             the store's manifest was edited by hand — restore it or start a new \
                             store",
                        ));
                    };
                    ingested.insert(
                        f[0].to_string(),
                        Ingested {
                            file: f[0].to_string(),
                            bytes,
                            read,
                            accepted,
                            rejected,
                        },
                    );
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&manifest, e)),
        }
        let store = Store {
            dir: dir.to_path_buf(),
            ingested,
        };
        let removed = store.recover()?;
        Ok((store, removed))
    }

    /// Removes `.tmp` files and parts of sources not in the manifest.
    fn recover(&self) -> Result<usize, ReadError> {
        let known: BTreeSet<String> = self.ingested.keys().map(|k| part_name(k)).collect();
        let mut removed = 0;
        let rd = std::fs::read_dir(&self.dir).map_err(|e| io(&self.dir, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| io(&self.dir, e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
                removed += 1;
            } else if path.is_dir() && (name.starts_with("month=") || name == "_rejects") {
                for part in std::fs::read_dir(&path).map_err(|e| io(&path, e))? {
                    let part = part.map_err(|e| io(&path, e))?;
                    let pname = part.file_name().to_string_lossy().into_owned();
                    let stale = pname.ends_with(".tmp")
                        || (name.starts_with("month=") && !known.contains(&pname))
                        || (name == "_rejects"
                            && !self
                                .ingested
                                .contains_key(pname.trim_end_matches(".rejects.csv")));
                    if stale {
                        std::fs::remove_file(part.path()).map_err(|e| io(&part.path(), e))?;
                        removed += 1;
                    }
                }
            }
        }
        Ok(removed)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this source file (by name and size) is already in the store.
    pub fn has(&self, file: &str, bytes: u64) -> bool {
        self.ingested.get(file).is_some_and(|i| i.bytes == bytes)
    }

    pub fn ingested(&self) -> impl Iterator<Item = &Ingested> {
        self.ingested.values()
    }

    /// Writes one source file's events, one part per month, each by write-then-rename. Safe to call
    /// from several threads for different sources; [`Store::record`] must follow, on one thread.
    /// A source ingested again with a different size replaces its old parts.
    /// Returns the months written.
    pub fn write_parts(&self, source: &str, events: &[Event]) -> Result<Vec<u32>, ReadError> {
        let mut by_month: BTreeMap<u32, Vec<&Event>> = BTreeMap::new();
        for e in events {
            by_month.entry(e.date / 100).or_default().push(e);
        }
        let name = part_name(source);
        // A re-ingest (new size) may touch fewer months than before: clear the old parts first.
        if self.ingested.contains_key(source) {
            for month in self.months()? {
                let old = self.dir.join(format!("month={month}")).join(&name);
                if old.exists() {
                    std::fs::remove_file(&old).map_err(|e| io(&old, e))?;
                }
            }
        }
        let mut staged = Vec::new();
        for (month, rows) in &by_month {
            let dir = self.dir.join(format!("month={month}"));
            std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
            let fin = dir.join(&name);
            staged.push((write_parquet(&fin, rows)?, fin));
        }
        for (tmp, fin) in staged {
            std::fs::rename(&tmp, &fin).map_err(|e| io(&fin, e))?;
        }
        Ok(by_month.into_keys().collect())
    }

    /// Writes a source file's rejects next to the parts (`_rejects/NAME.rejects.csv`).
    pub fn write_rejects(&self, source: &str, rejects: &[crate::Reject]) -> Result<(), ReadError> {
        let dir = self.dir.join("_rejects");
        let path = dir.join(format!("{source}.rejects.csv"));
        if rejects.is_empty() {
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
            }
            return Ok(());
        }
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        Ok(entente_table::write_rejects(&path, rejects)?)
    }

    /// Records a source file as ingested: the manifest is rewritten and renamed into place.
    pub fn record(&mut self, entry: Ingested) -> Result<(), ReadError> {
        self.ingested.insert(entry.file.clone(), entry);
        let mut text = String::from(HEADER);
        for i in self.ingested.values() {
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                i.file, i.bytes, i.read, i.accepted, i.rejected
            ));
        }
        let path = self.dir.join(MANIFEST);
        let tmp = self.dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
    }

    /// Reads the events of the months `from..=to` (YYYYMM; `None` is open), reading only those
    /// partitions.
    pub fn read_events(&self, from: Option<u32>, to: Option<u32>) -> Result<Vec<Event>, ReadError> {
        use arrow_array::Array;
        let mut out = Vec::new();
        for month in self.months()? {
            if from.is_some_and(|f| month < f) || to.is_some_and(|t| month > t) {
                continue;
            }
            let dir = self.dir.join(format!("month={month}"));
            let mut parts: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|e| io(&dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
                .collect();
            parts.sort();
            for part in parts {
                let file = std::fs::File::open(&part).map_err(|e| io(&part, e))?;
                let reader =
                    parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                        .and_then(|b| b.build())
                        .map_err(|e| io(&part, e))?;
                for batch in reader {
                    let b = batch.map_err(|e| io(&part, e))?;
                    let col = |name: &str| {
                        b.column_by_name(name).ok_or_else(|| {
                            io(
                                &part,
                                format!("no column {name}; not an entente store part"),
                            )
                        })
                    };
                    let wrong = |name: &str| io(&part, format!("column {name} has the wrong type"));
                    let int = |name: &str| -> Result<Int32Array, ReadError> {
                        col(name)?
                            .as_any()
                            .downcast_ref::<Int32Array>()
                            .cloned()
                            .ok_or_else(|| wrong(name))
                    };
                    let small = |name: &str| -> Result<UInt8Array, ReadError> {
                        col(name)?
                            .as_any()
                            .downcast_ref::<UInt8Array>()
                            .cloned()
                            .ok_or_else(|| wrong(name))
                    };
                    let text = |name: &str| -> Result<StringArray, ReadError> {
                        col(name)?
                            .as_any()
                            .downcast_ref::<StringArray>()
                            .cloned()
                            .ok_or_else(|| wrong(name))
                    };
                    let (date, code, quad, g) = (
                        int("date")?,
                        text("event_code")?,
                        small("quad_class")?,
                        int("goldstein_tenths")?,
                    );
                    let (sc, sa, tc, ta, place) = (
                        text("source_country")?,
                        text("source_actor")?,
                        text("target_country")?,
                        text("target_actor")?,
                        text("place_fips")?,
                    );
                    let get = |a: &StringArray, i: usize| {
                        if a.is_null(i) {
                            String::new()
                        } else {
                            a.value(i).to_string()
                        }
                    };
                    for i in 0..b.num_rows() {
                        let bad = |what: &str| io(&part, format!("row {i}: {what}"));
                        out.push(Event {
                            date: date.value(i) as u32,
                            source_country: get(&sc, i),
                            source_actor: get(&sa, i),
                            target_country: get(&tc, i),
                            target_actor: get(&ta, i),
                            code: CameoCode::new(code.value(i)).map_err(|e| bad(&e.to_string()))?,
                            quad: QuadClass::from_number(quad.value(i))
                                .ok_or_else(|| bad("quad_class is not 1–4"))?,
                            goldstein_tenths: g.value(i),
                            place_fips: get(&place, i),
                        });
                    }
                }
            }
        }
        Ok(out)
    }

    /// The months present, from the partition directories.
    pub fn months(&self) -> Result<Vec<u32>, ReadError> {
        let mut months = Vec::new();
        for entry in std::fs::read_dir(&self.dir).map_err(|e| io(&self.dir, e))? {
            let entry = entry.map_err(|e| io(&self.dir, e))?;
            if let Some(m) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.strip_prefix("month="))
                .and_then(|m| m.parse().ok())
            {
                months.push(m);
            }
        }
        months.sort_unstable();
        Ok(months)
    }
}

/// The store's columns. `date` is the event date as YYYYMMDD (GDELT's `SQLDATE`); CAMEO codes are
/// strings; Goldstein (or ICEWS intensity) is kept exact, in integer tenths. Empty codes are null.
pub fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("date", DataType::Int32, false),
        Field::new("source_country", DataType::Utf8, true),
        Field::new("source_actor", DataType::Utf8, true),
        Field::new("target_country", DataType::Utf8, true),
        Field::new("target_actor", DataType::Utf8, true),
        Field::new("event_code", DataType::Utf8, false),
        Field::new("event_root", DataType::UInt8, false),
        Field::new("quad_class", DataType::UInt8, false),
        Field::new("goldstein_tenths", DataType::Int32, false),
        Field::new("place_fips", DataType::Utf8, true),
    ]))
}

/// Writes a part to `PATH.tmp`, synced; the caller renames it into place.
fn write_parquet(path: &Path, rows: &[&Event]) -> Result<PathBuf, ReadError> {
    let opt = |f: fn(&Event) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter(rows.iter().map(|e| {
            let s = f(e);
            (!s.is_empty()).then_some(s)
        })))
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from_iter_values(
            rows.iter().map(|e| e.date as i32),
        )),
        opt(|e| &e.source_country),
        opt(|e| &e.source_actor),
        opt(|e| &e.target_country),
        opt(|e| &e.target_actor),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|e| e.code.as_str()),
        )),
        Arc::new(UInt8Array::from_iter_values(rows.iter().map(|e| e.root()))),
        Arc::new(UInt8Array::from_iter_values(
            rows.iter().map(|e| e.quad.number()),
        )),
        Arc::new(Int32Array::from_iter_values(
            rows.iter().map(|e| e.goldstein_tenths),
        )),
        opt(|e| &e.place_fips),
    ];
    let batch = RecordBatch::try_new(schema(), columns).map_err(|e| io(path, e))?;
    let mut w = entente_table::parquet::Writer::create(path, schema())?;
    w.write(&batch)?;
    // Durable before the rename makes it visible; renamed with the month's other parts.
    Ok(w.finish_staged()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: u32, code: &str) -> Event {
        Event {
            date,
            source_country: "RUS".into(),
            source_actor: "RUSGOV".into(),
            target_country: "PRK".into(),
            target_actor: String::new(),
            code: CameoCode::new(code).unwrap(),
            quad: QuadClass::VerbalCooperation,
            goldstein_tenths: 34,
            place_fips: "RS".into(),
        }
    }

    #[test]
    fn parts_by_month_manifest_and_recovery() {
        let dir = std::env::temp_dir().join(format!("entente-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (mut store, removed) = Store::open(&dir).unwrap();
        assert_eq!(removed, 0);
        let rows = [
            ev(20240619, "057"),
            ev(20240701, "040"),
            ev(20240702, "040"),
        ];
        assert_eq!(
            store.write_parts("a.CSV", &rows).unwrap(),
            vec![202406, 202407]
        );
        store
            .record(Ingested {
                file: "a.CSV".into(),
                bytes: 10,
                read: 3,
                accepted: 3,
                rejected: 0,
            })
            .unwrap();
        assert!(dir.join("month=202407/a.CSV.parquet").exists());
        // What a kill would leave: a half-written part and a part of an unrecorded source.
        std::fs::write(dir.join("month=202407/b.CSV.parquet.tmp"), b"half").unwrap();
        std::fs::write(dir.join("month=202407/b.CSV.parquet"), b"orphan").unwrap();
        let (store, removed) = Store::open(&dir).unwrap();
        assert_eq!(removed, 2);
        assert!(store.has("a.CSV", 10) && !store.has("a.CSV", 11) && !store.has("b.CSV", 6));
        assert_eq!(store.months().unwrap(), vec![202406, 202407]);
        // What went in comes out; partitions outside the range are not read.
        assert_eq!(store.read_events(None, None).unwrap(), rows.to_vec());
        assert_eq!(
            store.read_events(Some(202407), None).unwrap(),
            rows[1..].to_vec()
        );
        // A hand-broken manifest is an error naming the line.
        std::fs::write(dir.join(MANIFEST), format!("{HEADER}a.CSV\tten\n")).unwrap();
        let err = Store::open(&dir).unwrap_err();
        assert!(err.to_string().contains("_ingested.tsv:2"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
