//! `entente panel`: state-year and dyad-year panels from the user's datasets, written as CSV (or
//! Parquet). Years are built in parallel and written in order; a terminal shows progress.

use crate::commands::Error;
use entente_analysis::atop_dyads;
use entente_analysis::panel::{Addon, Batch, Inputs, Panel, Portfolio, Unit, Values};
use entente_datasets::dir::DataDir;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct PanelArgs {
    /// The unit of analysis.
    #[arg(value_parser = ["state-year", "dyad-year"])]
    unit: String,
    /// Dyad-years with both (A, B) and (B, A); ties read from A to B.
    #[arg(long)]
    directed: bool,
    /// First year.
    #[arg(long, default_value_t = 1816)]
    from: i32,
    /// Last year.
    #[arg(long, default_value_t = 2016)]
    to: i32,
    /// Datasets and measures to add, comma-separated: atop, cow, nmc, mid, contiguity, similarity, majors.
    #[arg(long, value_delimiter = ',', default_value = "atop")]
    with: Vec<String>,
    /// Whose ties make a state's portfolio for similarity: the ties it owes (default) or is owed.
    #[arg(long, default_value = "owes", value_parser = ["owes", "owed"])]
    portfolio: String,
    /// Output file: .csv or .parquet.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Where to write rows the datasets could not read (default: OUT.rejects.csv, only if any).
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
}

fn load<T>(
    what: &str,
    dir: &DataDir,
    f: impl Fn(&Path) -> Result<entente_datasets::Loaded<T>, entente_datasets::DataError>,
    rejects: &mut Rejects,
) -> Result<Vec<T>, Error> {
    let path = dir.find(what)?;
    let l = f(&path).map_err(|e| e.to_string())?;
    if !l.check_balance() {
        return Err(format!(
            "{}: rows read do not balance (a bug; please report it)",
            l.summary()
        ));
    }
    if !l.rejects.is_empty() {
        eprintln!("warning: {}", l.summary());
    }
    rejects.extend(
        l.rejects
            .iter()
            .map(|r| (path.display().to_string(), r.clone())),
    );
    Ok(l.rows)
}

/// Writes a batch's rows as CSV, missing values as `NA` (R's and peacesciencer's convention).
fn write_csv(w: &mut impl Write, b: &Batch) -> std::io::Result<()> {
    let mut line = String::new();
    for r in 0..b.rows {
        line.clear();
        for (k, c) in b.columns.iter().enumerate() {
            if k > 0 {
                line.push(',');
            }
            match &c.values {
                Values::Int(v) => match v[r] {
                    Some(x) => line.push_str(itoa(x).as_str()),
                    None => line.push_str("NA"),
                },
                Values::Real(v) => match v[r] {
                    Some(x) => {
                        use std::fmt::Write as _;
                        let _ = write!(line, "{x}");
                    }
                    None => line.push_str("NA"),
                },
            }
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn itoa(x: i64) -> String {
    x.to_string()
}

/// The datasets a panel's add-ons need, loaded (rejects collected with their file).
pub struct PanelData {
    system: Vec<entente_datasets::states::SystemYear>,
    atop: Option<Vec<entente_datasets::atop::AtopMember>>,
    atop_partner: Option<atop_dyads::PartnerCoding>,
    cow: Option<Vec<entente_datasets::cow_alliance::CowMember>>,
    nmc: Option<Vec<entente_datasets::nmc::NmcYear>>,
    mid: Option<Vec<entente_datasets::mid::MidParticipant>>,
    mid_last_year: i32,
    majors: Option<Vec<entente_datasets::states::Spell>>,
    contiguity: Option<Vec<entente_datasets::contiguity::Contiguity>>,
}

type Rejects = Vec<(String, entente_datasets::Reject)>;

impl PanelData {
    pub fn load(
        dir: &DataDir,
        addons: &[Addon],
        atop_member_only: bool,
        rejects: &mut Rejects,
    ) -> Result<PanelData, Error> {
        let needs = |d: &str| addons.iter().any(|x| x.needs().contains(&d));
        let system = load(
            "system",
            dir,
            entente_datasets::states::read_system,
            rejects,
        )?;
        let atop = if needs("atop") {
            Some(load(
                "atop",
                dir,
                entente_datasets::atop::read_members,
                rejects,
            )?)
        } else {
            None
        };
        let atop_partner = match (&atop, dir.find("atop-dyadic")) {
            (Some(members), Ok(path)) if !atop_member_only => {
                let rows = load(
                    "atop-dyadic",
                    dir,
                    entente_datasets::atop::read_directed_dyad_years,
                    rejects,
                )?;
                Some(crate::atop_cmd::learn_coding(members, &rows, &path))
            }
            _ => None,
        };
        let cow = if needs("cow-alliances") {
            Some(load(
                "cow-alliances",
                dir,
                entente_datasets::cow_alliance::read_members,
                rejects,
            )?)
        } else {
            None
        };
        let nmc = if needs("nmc") {
            Some(load("nmc", dir, entente_datasets::nmc::read, rejects)?)
        } else {
            None
        };
        let (mid, mid_last_year) = if needs("mid") {
            let path = dir.find("mid")?;
            let last = if path.to_string_lossy().contains("5.0") {
                2014
            } else {
                2010
            };
            (
                Some(load(
                    "mid",
                    dir,
                    entente_datasets::mid::read_participants,
                    rejects,
                )?),
                last,
            )
        } else {
            (None, 0)
        };
        let majors = if needs("majors") {
            Some(load(
                "majors",
                dir,
                entente_datasets::states::read_spells,
                rejects,
            )?)
        } else {
            None
        };
        let contiguity = if needs("contiguity") {
            Some(load(
                "contiguity",
                dir,
                entente_datasets::contiguity::read,
                rejects,
            )?)
        } else {
            None
        };
        Ok(PanelData {
            system,
            atop,
            atop_partner,
            cow,
            nmc,
            mid,
            mid_last_year,
            majors,
            contiguity,
        })
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
            nmc: self.nmc.as_deref(),
            mid: self.mid.as_deref(),
            mid_last_year: self.mid_last_year,
            contiguity: self.contiguity.as_deref(),
            majors: self.majors.as_deref(),
        }
    }
}

pub fn run(data: Option<&Path>, a: &PanelArgs, atop_member_only: bool) -> Result<(), Error> {
    let dir = DataDir::new(data.ok_or("panel needs the datasets: --data DIR")?);
    if a.from > a.to {
        return Err(format!("--from {} is after --to {}", a.from, a.to));
    }
    let mut addons = Vec::new();
    for w in &a.with {
        addons.push(
            Addon::parse(w).ok_or_else(|| format!("--with {w}: use any of {}", Addon::NAMES))?,
        );
    }
    let unit = match a.unit.as_str() {
        "state-year" => {
            if addons.contains(&Addon::Similarity) {
                return Err(
                    "similarity is a dyad-year measure: use `panel dyad-year --with similarity`"
                        .into(),
                );
            }
            Unit::StateYear
        }
        _ => Unit::DyadYear {
            directed: a.directed,
        },
    };
    let mut rejects = Vec::new();
    let data = PanelData::load(&dir, &addons, atop_member_only, &mut rejects)?;
    if !rejects.is_empty() {
        let path = a
            .rejects
            .clone()
            .unwrap_or_else(|| a.out.with_extension("rejects.csv"));
        let mut w = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let _ = writeln!(w, "file,line,reason,raw");
        for (f, r) in &rejects {
            let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            let _ = writeln!(w, "{},{},{},{}", q(f), r.line, q(&r.reason), q(&r.raw));
        }
        eprintln!(
            "{} rejected rows written to {}",
            rejects.len(),
            path.display()
        );
    }
    let inputs = data.inputs();
    let portfolio = if a.portfolio == "owed" {
        Portfolio::Owed
    } else {
        Portfolio::Owes
    };
    let panel = Panel::new(&inputs, unit, &addons, portfolio, a.from, a.to);
    let years = panel.years();
    let total: usize = years.iter().map(|y| panel.rows_in(*y)).sum();
    let show = std::io::stderr().is_terminal();
    let parquet = a.out.extension().is_some_and(|e| e == "parquet");
    if parquet {
        return crate::parquet_out::write(&panel, &years, &a.out, show, total);
    }
    let file = std::fs::File::create(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut done = 0usize;
    let mut header_written = false;
    for chunk in years.chunks(8) {
        let batches: Vec<Batch> = chunk.par_iter().map(|y| panel.year(*y)).collect();
        for b in &batches {
            if !header_written {
                let names: Vec<&str> = b.columns.iter().map(|c| c.name.as_str()).collect();
                writeln!(w, "{}", names.join(","))
                    .map_err(|e| format!("{}: {e}", a.out.display()))?;
                header_written = true;
            }
            write_csv(&mut w, b).map_err(|e| format!("{}: {e}", a.out.display()))?;
            done += b.rows;
        }
        if show {
            eprint!("\r  {done} of {total} rows");
        }
    }
    w.flush().map_err(|e| format!("{}: {e}", a.out.display()))?;
    if show {
        eprintln!();
    }
    eprintln!(
        "wrote {total} rows ({} years) to {}",
        years.len(),
        a.out.display()
    );
    Ok(())
}
