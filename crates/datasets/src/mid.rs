//! COW Militarized Interstate Disputes: the participant-level files (MID 4.3 `MIDB_4.3.csv`, MID 5.0
//! `MIDB_5.0.csv`; Palmer et al. 2015, 2022), one row per state per dispute (per spell), with the side
//! (`sidea`: 1 side A, the side that took the first militarised action), revisionism, highest action
//! and hostility level. 4.3 names the dispute `dispnum3`; 5.0 `dispnum`.

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct MidParticipant {
    pub dispute: u32,
    pub ccode: u16,
    pub start_year: i32,
    pub end_year: i32,
    /// On side A (the initiating side).
    pub side_a: bool,
    pub revisionist: bool,
    /// Highest hostility level, 1 (none) to 5 (war).
    pub hostility: Option<u8>,
    /// Originator (present at the start).
    pub originator: bool,
    /// The MID release the row comes from, as its major version: the `version` column's whole part
    /// (4.3 writes `4.3000002`, 5.0 writes `5`); without that column, 4 when the row names its
    /// dispute `dispnum3` (4.x), else 5.
    pub version: u8,
}

/// The last year a MID release covers, from its rows' `version` (never from the file's name):
/// MID 4.x ends in 2010, MID 5.0 in 2014 (Palmer et al. 2015, 2022). `None` for no rows or a
/// release this table does not know, which the caller reports.
pub fn coverage_end(rows: &[MidParticipant]) -> Option<i32> {
    match rows.iter().map(|r| r.version).max()? {
        4 => Some(2010),
        5 => Some(2014),
        _ => None,
    }
}

pub fn read_participants(path: &Path) -> Result<Loaded<MidParticipant>, TableError> {
    csvio::read(
        path,
        &["ccode", "styear", "endyear", "sidea", "revstate", "hostlev"],
        &["dispnum3", "dispnum", "orig", "version"],
        |r| {
            let (dispute, named_v4) = match r.opt_int("dispnum3")? {
                Some(d) => (d, true),
                None => (r.int("dispnum")?, false),
            };
            let version = match r.opt_num("version")? {
                Some(v) if (1.0..100.0).contains(&v) => v.trunc() as u8,
                Some(v) => return Err(format!("`version` is {v}, not a MID release")),
                None if named_v4 => 4,
                None => 5,
            };
            let start_year = r.int("styear")? as i32;
            let end_year = r.int("endyear")? as i32;
            if end_year < start_year {
                return Err(format!("ends ({end_year}) before it starts ({start_year})"));
            }
            Ok(MidParticipant {
                dispute: u32::try_from(dispute).map_err(|_| "dispute number is negative")?,
                ccode: u16::try_from(r.int("ccode")?).map_err(|_| "`ccode` is not a COW code")?,
                start_year,
                end_year,
                side_a: r.flag("sidea")?,
                revisionist: r.flag("revstate")?,
                hostility: r.opt_int("hostlev")?.map(|h| h as u8),
                originator: r.opt_int("orig")?.unwrap_or(0) == 1,
                version,
            })
        },
    )
}
