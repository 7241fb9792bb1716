//! COW Direct Contiguity v3.2 (Stinnett, Tir, Schafer, Diehl & Gochman 2002), directed dyad-year file
//! `contdird.csv`, 1816–2016: `conttype` 1 land or river border, 2 separated by 12 miles of water or
//! less, 3 by 24 miles or less, 4 by 150 miles or less, 5 by 400 miles or less. Dyads not listed are
//! not contiguous (within 400 miles).

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contiguity {
    pub a: u16,
    pub b: u16,
    pub year: i32,
    pub conttype: u8,
}

pub const YEARS: (i32, i32) = (1816, 2016);

pub fn read(path: &Path) -> Result<Loaded<Contiguity>, TableError> {
    csvio::read(
        path,
        &["state1no", "state2no", "year", "conttype"],
        &[],
        |r| {
            let conttype = r.int("conttype")?;
            if !(1..=5).contains(&conttype) {
                return Err(format!("`conttype` {conttype} is not 1–5"));
            }
            Ok(Contiguity {
                a: u16::try_from(r.int("state1no")?).map_err(|_| "`state1no` is not a COW code")?,
                b: u16::try_from(r.int("state2no")?).map_err(|_| "`state2no` is not a COW code")?,
                year: r.int("year")? as i32,
                conttype: conttype as u8,
            })
        },
    )
}
