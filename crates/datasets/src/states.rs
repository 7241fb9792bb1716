//! COW State System Membership (v2016): `states2016.csv` (spells of membership), `system2016.csv` (one
//! row per state-year), `majors2016.csv` (major-power spells). Correlates of War Project (2017),
//! "State System Membership List, v2016".

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

/// A state's membership of the system for one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemYear {
    pub ccode: u16,
    pub abbr: String,
    pub year: i32,
}

/// A spell of membership (states2016) or of major-power status (majors2016).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spell {
    pub ccode: u16,
    pub abbr: String,
    pub name: Option<String>,
    pub start: (i32, u8, u8),
    pub end: (i32, u8, u8),
}

fn code(v: i64) -> Result<u16, String> {
    u16::try_from(v).map_err(|_| format!("{v} is not a COW code"))
}

fn date(
    r: &csvio::Row<'_>,
    y: &'static str,
    m: &'static str,
    d: &'static str,
) -> Result<(i32, u8, u8), String> {
    let (y, m, d) = (r.int(y)?, r.int(m)?, r.int(d)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(format!("{y}-{m}-{d} is not a date"));
    }
    Ok((y as i32, m as u8, d as u8))
}

pub fn read_system(path: &Path) -> Result<Loaded<SystemYear>, TableError> {
    csvio::read(path, &["stateabb", "ccode", "year"], &[], |r| {
        Ok(SystemYear {
            ccode: code(r.int("ccode")?)?,
            abbr: r.text("stateabb"),
            year: r.int("year")? as i32,
        })
    })
}

pub fn read_spells(path: &Path) -> Result<Loaded<Spell>, TableError> {
    csvio::read(
        path,
        &[
            "stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday",
        ],
        &["statenme"],
        |r| {
            let name = r.text("statenme");
            Ok(Spell {
                ccode: code(r.int("ccode")?)?,
                abbr: r.text("stateabb"),
                name: (!name.is_empty()).then_some(name),
                start: date(r, "styear", "stmonth", "stday")?,
                end: date(r, "endyear", "endmonth", "endday")?,
            })
        },
    )
}
