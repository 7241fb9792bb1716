//! COW Formal Alliances v4.1, member level (Gibler 2009, *International Military Alliances,
//! 1648–2008*, CQ Press; data 1816–2012): one row per member per alliance, with the alliance type as
//! four flags (defence, neutrality, non-aggression, entente) that hold for every member alike.
//! Membership end missing means still in force at the data's end (2012).
//!
//! COW's maintainers ask that software not redistribute the data: users point entente at their copy.

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct CowMember {
    pub alliance: u32,
    pub ccode: u16,
    /// Membership start (year, month, day).
    pub start: (i32, u8, u8),
    /// Membership end; `None` if still in force at the end of the data (2012).
    pub end: Option<(i32, u8, u8)>,
    pub defense: bool,
    pub neutrality: bool,
    pub nonaggression: bool,
    pub entente: bool,
}

/// The last year COW Formal Alliances v4.1 covers.
pub const LAST_YEAR: i32 = 2012;

fn ymd(
    r: &csvio::Row<'_>,
    y: &'static str,
    m: &'static str,
    d: &'static str,
) -> Result<Option<(i32, u8, u8)>, String> {
    let Some(year) = r.opt_int(y)? else {
        return Ok(None);
    };
    let month = r.opt_int(m)?.unwrap_or(1).clamp(1, 12) as u8;
    let day = r.opt_int(d)?.unwrap_or(1).clamp(1, 31) as u8;
    Ok(Some((year as i32, month, day)))
}

pub fn read_members(path: &Path) -> Result<Loaded<CowMember>, TableError> {
    csvio::read(
        path,
        &[
            "version4id",
            "ccode",
            "mem_st_day",
            "mem_st_month",
            "mem_st_year",
            "mem_end_day",
            "mem_end_month",
            "mem_end_year",
            "defense",
            "neutrality",
            "nonaggression",
            "entente",
        ],
        &[],
        |r| {
            let start = ymd(r, "mem_st_year", "mem_st_month", "mem_st_day")?
                .ok_or("`mem_st_year` is missing")?;
            Ok(CowMember {
                alliance: u32::try_from(r.int("version4id")?)
                    .map_err(|_| "`version4id` is negative")?,
                ccode: u16::try_from(r.int("ccode")?).map_err(|_| "`ccode` is not a COW code")?,
                start,
                end: ymd(r, "mem_end_year", "mem_end_month", "mem_end_day")?,
                defense: r.flag("defense")?,
                neutrality: r.flag("neutrality")?,
                nonaggression: r.flag("nonaggression")?,
                entente: r.flag("entente")?,
            })
        },
    )
}

/// One row of COW's directed dyad-year alliance table: `ccode1` is allied with `ccode2` in `year`,
/// with the alliance types that hold for the pair (several alliances in one dyad-year collapse to
/// one row).
#[derive(Clone, Debug, PartialEq)]
pub struct CowDyadYear {
    pub ccode1: u16,
    pub ccode2: u16,
    pub year: i32,
    pub defense: bool,
    pub neutrality: bool,
    pub nonaggression: bool,
    pub entente: bool,
}

/// Reads COW's directed dyad-year alliance table, as COW distributes it
/// (`alliance_v4.1_by_directed_yearly.csv`: `defense`, `neutrality`, `nonaggression`, `entente`) or
/// as peacesciencer converts it (`cow_alliance`: `cow_defense`, `cow_neutral`, `cow_nonagg`,
/// `cow_entente`). A row with neither set of columns is rejected with its line.
pub fn read_directed_dyad_years(path: &Path) -> Result<Loaded<CowDyadYear>, TableError> {
    csvio::read(
        path,
        &["ccode1", "ccode2", "year"],
        &[
            "defense",
            "neutrality",
            "nonaggression",
            "entente",
            "cow_defense",
            "cow_neutral",
            "cow_nonagg",
            "cow_entente",
        ],
        |r| {
            let flag = |a: &'static str, b: &'static str| -> Result<bool, String> {
                match r.opt_int(a)? {
                    Some(v) => Ok(v > 0),
                    None => match r.opt_int(b)? {
                        Some(v) => Ok(v > 0),
                        None => Err(format!("neither `{a}` nor `{b}` has a value")),
                    },
                }
            };
            let code = |k: &'static str| -> Result<u16, String> {
                u16::try_from(r.int(k)?).map_err(|_| format!("`{k}` is not a COW code"))
            };
            Ok(CowDyadYear {
                ccode1: code("ccode1")?,
                ccode2: code("ccode2")?,
                year: i32::try_from(r.int("year")?).map_err(|_| "`year` is out of range")?,
                defense: flag("defense", "cow_defense")?,
                neutrality: flag("neutrality", "cow_neutral")?,
                nonaggression: flag("nonaggression", "cow_nonagg")?,
                entente: flag("entente", "cow_entente")?,
            })
        },
    )
}
