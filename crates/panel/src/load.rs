//! The datasets a panel's add-ons need, found in a data directory and read with the bad-row policy;
//! and the panel written out — CSV (missing as `NA`, R's and peacesciencer's convention) or Parquet
//! (through the one writer in [`entente_table::parquet`]).

use crate::{Addon, Batch, Inputs, Panel, Values};
use entente_datasets::atop::coding::PartnerCoding;
use entente_datasets::dir::DataDir;
use entente_datasets::load::{self, Note};
use entente_datasets::{DatasetError, Reject};
use rayon::prelude::*;
use std::path::Path;

/// The datasets a panel's add-ons need, loaded; rejects kept with their file.
#[derive(Debug, Default)]
pub struct PanelData {
    pub system: Vec<entente_datasets::states::SystemYear>,
    pub atop: Option<Vec<entente_datasets::atop::AtopMember>>,
    pub atop_partner: Option<PartnerCoding>,
    pub cow: Option<Vec<entente_datasets::cow_alliance::CowMember>>,
    pub cow_dyadic: Option<Vec<entente_datasets::cow_alliance::CowDyadYear>>,
    pub nmc: Option<Vec<entente_datasets::nmc::NmcYear>>,
    pub mid: Option<Vec<entente_datasets::mid::MidParticipant>>,
    pub mid_last_year: i32,
    pub majors: Option<Vec<entente_datasets::states::Spell>>,
    pub contiguity: Option<Vec<entente_datasets::contiguity::Contiguity>>,
    /// Every row any file rejected, with its file.
    pub rejects: Vec<Reject>,
    /// What the user should be told (rejects, the partner coding applied).
    pub notes: Vec<Note>,
}

impl PanelData {
    /// Loads what `addons` need from `dir`; ATOP's partner-level coding is learned from ATOP's
    /// dyadic file when it is there, unless `atop_member_only`.
    pub fn load(
        dir: &DataDir,
        addons: &[Addon],
        atop_member_only: bool,
    ) -> Result<PanelData, DatasetError> {
        let needs = |d: &str| addons.iter().any(|x| x.needs().contains(&d));
        let mut p = PanelData::default();
        let notes = &mut p.notes;
        let mut rejects = Vec::new();
        let rj = &mut rejects;
        p.system = take(
            rj,
            load::read(dir, "system", entente_datasets::states::read_system, notes)?,
        );
        if needs("atop") {
            let members = load::read(dir, "atop", entente_datasets::atop::read_members, notes)?;
            rj.extend(members.rejects.iter().cloned());
            if !atop_member_only {
                p.atop_partner = load::partner_coding(dir, &members.rows, notes, rj)?;
            }
            p.atop = Some(members.rows);
        }
        if needs("cow-alliances") {
            p.cow = Some(take(
                rj,
                load::read(
                    dir,
                    "cow-alliances",
                    entente_datasets::cow_alliance::read_members,
                    notes,
                )?,
            ));
            p.cow_dyadic = load::read_optional(
                dir,
                "cow-dyadic",
                entente_datasets::cow_alliance::read_directed_dyad_years,
                notes,
            )?
            .map(|l| take(rj, l));
            if let (Some(m), Some(d)) = (&p.cow, &p.cow_dyadic)
                && let Some(r) = crate::reconcile_cow(m, d)
            {
                notes.push(Note(format!(
                    "COW alliance columns {}–{} from COW's dyadic table ({} rows), the member file for other years; over {}–{} the member file's dyad-years agree with it on {}, differ in type on {}, are missing from it on {} and missing from the member file on {}",
                    r.first_year,
                    r.last_year,
                    r.dyadic_rows,
                    r.first_year,
                    r.last_year,
                    r.same,
                    r.differ,
                    r.only_member_file,
                    r.only_dyadic
                )));
            }
        }
        if needs("nmc") {
            p.nmc = Some(take(
                rj,
                load::read(dir, "nmc", entente_datasets::nmc::read, notes)?,
            ));
        }
        if needs("majors") {
            p.majors = Some(take(
                rj,
                load::read(dir, "majors", entente_datasets::states::read_spells, notes)?,
            ));
        }
        if needs("contiguity") {
            p.contiguity = Some(take(
                rj,
                load::read(dir, "contiguity", entente_datasets::contiguity::read, notes)?,
            ));
        }
        if needs("mid") {
            let l = load::read(dir, "mid", entente_datasets::mid::read_participants, notes)?;
            // The release is read from the rows' `version` column, never guessed from the name.
            p.mid_last_year = entente_datasets::mid::coverage_end(&l.rows).ok_or_else(|| {
                DatasetError::UnknownRelease {
                    path: l.file.clone(),
                    dataset: "MID",
                    known: "4.x or 5.0, by the `version` column",
                }
            })?;
            p.mid = Some(take(rj, l));
        }
        p.rejects = rejects;
        Ok(p)
    }

    /// The states in the COW system in `year`: (COW number, abbreviation).
    pub fn system_in(&self, year: i32) -> Vec<(u16, String)> {
        self.system
            .iter()
            .filter(|s| s.year == year)
            .map(|s| (s.ccode, s.abbr.clone()))
            .collect()
    }

    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            system: &self.system,
            atop: self.atop.as_deref(),
            atop_partner: self.atop_partner.as_ref(),
            cow: self.cow.as_deref(),
            cow_dyadic: self.cow_dyadic.as_deref(),
            nmc: self.nmc.as_deref(),
            mid: self.mid.as_deref(),
            mid_last_year: self.mid_last_year,
            contiguity: self.contiguity.as_deref(),
            majors: self.majors.as_deref(),
        }
    }
}

fn take<T>(rejects: &mut Vec<Reject>, l: entente_datasets::Loaded<T>) -> Vec<T> {
    rejects.extend(l.rejects);
    l.rows
}

/// Appends a batch's rows as CSV, missing values as `NA`.
fn write_csv_rows(out: &mut String, b: &Batch) {
    use std::fmt::Write as _;
    fn cell<T: std::fmt::Display>(out: &mut String, v: Option<T>) {
        match v {
            Some(x) => {
                let _ = write!(out, "{x}");
            }
            None => out.push_str("NA"),
        }
    }
    for r in 0..b.rows {
        for (k, c) in b.columns.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match &c.values {
                Values::Int(v) => cell(out, v[r]),
                Values::Real(v) => cell(out, v[r]),
            }
        }
        out.push('\n');
    }
}

/// The Arrow schema of a batch: its columns in order, Int64 or Float64, all nullable (missing is
/// null, never zero).
pub fn schema(b: &Batch) -> arrow_schema::SchemaRef {
    use arrow_schema::{DataType, Field, Schema};
    std::sync::Arc::new(Schema::new(
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

/// A batch as an Arrow record batch of `schema` ([`schema`]); the columns are moved, not copied.
pub fn record_batch(
    schema: &arrow_schema::SchemaRef,
    b: Batch,
) -> Result<arrow_array::RecordBatch, arrow_schema::ArrowError> {
    use arrow_array::{ArrayRef, Float64Array, Int64Array};
    use std::sync::Arc;
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
    arrow_array::RecordBatch::try_new(schema.clone(), arrays)
}

/// The panel's years as Arrow record batches, one per year with rows, in year order — built in
/// parallel on the current rayon pool, as [`write`] builds them, with the same columns and values a
/// Parquet file of the panel holds. `None` when no year has rows.
///
/// This is how the Python bindings hand a panel over: the batches are exported through the Arrow
/// C data interface, so pandas, polars or DuckDB read these buffers without a copy.
pub fn record_batches(
    panel: &Panel,
    years: &[i32],
) -> Result<
    Option<(arrow_schema::SchemaRef, Vec<arrow_array::RecordBatch>)>,
    arrow_schema::ArrowError,
> {
    let batches: Vec<Batch> = years
        .par_iter()
        .map(|y| panel.year(*y))
        .filter(|b| b.rows > 0)
        .collect();
    let Some(first) = batches.first() else {
        return Ok(None);
    };
    let schema = schema(first);
    let out = batches
        .into_iter()
        .map(|b| record_batch(&schema, b))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some((schema, out)))
}

/// Writes the panel's years to `out` — Parquet when it ends in `.parquet` (one row group per year),
/// CSV otherwise — building eight years at a time in parallel and writing them in order, through a
/// `.tmp` file renamed into place. `progress` is told the rows written so far. Returns the rows.
pub fn write(
    panel: &Panel,
    years: &[i32],
    out: &Path,
    progress: &dyn Fn(usize),
) -> Result<usize, DatasetError> {
    let werr = |e: &dyn std::fmt::Display| DatasetError::Write {
        path: out.to_path_buf(),
        reason: e.to_string(),
    };
    // Years are built eight at a time in parallel and handed over in order.
    let each_batch = |f: &mut dyn FnMut(Batch) -> Result<(), DatasetError>| {
        let mut done = 0usize;
        for chunk in years.chunks(8) {
            let batches: Vec<Batch> = chunk.par_iter().map(|y| panel.year(*y)).collect();
            for b in batches {
                done += b.rows;
                f(b)?;
            }
            progress(done);
        }
        Ok::<usize, DatasetError>(done)
    };
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    {
        let mut writer: Option<(entente_table::parquet::Writer, arrow_schema::SchemaRef)> = None;
        let done = each_batch(&mut |b| {
            if b.rows == 0 {
                return Ok(());
            }
            if writer.is_none() {
                let schema = schema(&b);
                writer = Some((
                    entente_table::parquet::Writer::create(out, schema.clone())?,
                    schema,
                ));
            }
            if let Some((w, schema)) = writer.as_mut() {
                w.write(&record_batch(schema, b).map_err(|e| werr(&e))?)?;
            }
            Ok(())
        })?;
        let (w, _) = writer.ok_or_else(|| werr(&"the panel has no rows in these years"))?;
        w.finish()?;
        return Ok(done);
    }
    use std::io::Write;
    let tmp = entente_table::tmp_path(out);
    let file = std::fs::File::create(&tmp).map_err(|e| werr(&e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut header_written = false;
    let mut text = String::new();
    let done = each_batch(&mut |b| {
        if !header_written {
            let names: Vec<&str> = b.columns.iter().map(|c| c.name.as_str()).collect();
            writeln!(w, "{}", names.join(",")).map_err(|e| werr(&e))?;
            header_written = true;
        }
        text.clear();
        write_csv_rows(&mut text, &b);
        w.write_all(text.as_bytes()).map_err(|e| werr(&e))
    })?;
    w.flush().map_err(|e| werr(&e))?;
    drop(w);
    std::fs::rename(&tmp, out).map_err(|e| werr(&e))?;
    Ok(done)
}
