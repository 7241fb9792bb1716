//! Alliance Treaty Obligations and Provisions, v5.1 (Leeds, Ritter, Mitchell & Long 2002; codebook
//! v5.1, 2020): the member-level file `atop5_1m.csv`, one row per member per alliance phase.
//!
//! Dates are signature dates (ATOP codes signature, not ratification). `yrexit = 0` means still in
//! effect on 31 December 2018; a missing day is `-9`. Members are COW codes, except a few states COW does
//! not recognise (Annam, 8152), which ATOP drops from its dyadic files; so does
//! [`crate::atop::is_cow_code`]. Each obligation type (defence, offence, neutrality, non-aggression,
//! consultation) has its own condition flags (`defcoadv`, `defcoloc`, `defcocon`, `defconum`,
//! `defcodem`, `defconpr`, …): yes/no flags that say a condition exists, not what it is.

use crate::csvio::{self, DataError, Loaded};
use std::path::Path;

/// A partial date from ATOP's year, month, day columns (month or day may be missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AtopDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// The condition flags of one obligation type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Conditions {
    /// A particular adversary or type of adversary (`..coadv`).
    pub adversary: bool,
    /// Conflict in a particular location (`..coloc`).
    pub location: bool,
    /// A particular ongoing conflict (`..cocon`).
    pub conflict: bool,
    /// The number of adversaries (`..conum`).
    pub number: bool,
    /// Demands being met (`..codem`).
    pub demands: bool,
    /// The ally not provoking the adversary (`..conpr`, defence and neutrality only).
    pub non_provocation: bool,
}

impl Conditions {
    pub fn any(&self) -> bool {
        self.adversary
            || self.location
            || self.conflict
            || self.number
            || self.demands
            || self.non_provocation
    }
}

/// One member's obligations in one phase of one alliance.
#[derive(Clone, Debug, PartialEq)]
pub struct AtopMember {
    pub atopid: u32,
    pub member: u32,
    pub phase: u16,
    pub entry: AtopDate,
    /// `None` while in effect (on 31 December 2018).
    pub exit: Option<AtopDate>,
    pub bilateral: bool,
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
    pub defense_conditions: Conditions,
    pub offense_conditions: Conditions,
    pub neutral_conditions: Conditions,
    pub consul_conditions: Conditions,
    /// The COW codes of specifically named threats (`statthr1`, `statthr2`), when given.
    pub threats: Vec<u32>,
    /// The alliance's obligations differ among its members (`asymm`).
    pub asymmetric: bool,
    /// This member has different obligations towards different members (`obvary`): which partner
    /// is owed what is coded only in ATOP's dyadic files.
    pub obvary: bool,
}

/// Whether an ATOP member code is a COW state code (three digits at most).
pub fn is_cow_code(code: u32) -> bool {
    code < 1000
}

fn date(
    r: &csvio::Row<'_>,
    y: &'static str,
    m: &'static str,
    d: &'static str,
) -> Result<AtopDate, String> {
    let year = r.int(y)? as i32;
    let month = r.opt_int(m)?.filter(|&m| m != 0);
    let day = r.opt_int(d)?.filter(|&d| d != 0);
    if month.is_some_and(|m| !(1..=12).contains(&m)) || day.is_some_and(|d| !(1..=31).contains(&d))
    {
        return Err(format!("{year}-{month:?}-{day:?} is not a date"));
    }
    Ok(AtopDate {
        year,
        month: month.map(|m| m as u8),
        day: day.map(|d| d as u8),
    })
}

const REQUIRED: [&str; 17] = [
    "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "ineffect",
    "bilat", "phase", "defense", "offense", "neutral", "nonagg", "consul", "conditio",
];

const OPTIONAL: [&str; 26] = [
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr", "offcoadv", "offcoloc",
    "offcocon", "offconum", "offcodem", "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem",
    "neuconpr", "concoadv", "concoloc", "concocon", "concoreq", "specthrt", "statthr1", "statthr2",
    "asymm", "obvary",
];

pub fn read_members(path: &Path) -> Result<Loaded<AtopMember>, DataError> {
    csvio::read(path, &REQUIRED, &OPTIONAL, |r| {
        let atopid =
            u32::try_from(r.int("atopid")?).map_err(|_| "`atopid` is negative".to_string())?;
        let member =
            u32::try_from(r.int("member")?).map_err(|_| "`member` is negative".to_string())?;
        let entry = date(r, "yrent", "moent", "dayent")?;
        let exit = if r.int("yrexit")? == 0 {
            None
        } else {
            Some(date(r, "yrexit", "moexit", "dayexit")?)
        };
        if exit.is_some_and(|x| {
            x < AtopDate {
                year: entry.year,
                month: None,
                day: None,
            }
        }) {
            return Err(format!("exit {exit:?} is before entry {entry:?}"));
        }
        let c = |adv, loc, con, num, dem, pr: Option<&'static str>| -> Result<Conditions, String> {
            Ok(Conditions {
                adversary: r.flag(adv)?,
                location: r.flag(loc)?,
                conflict: r.flag(con)?,
                number: r.flag(num)?,
                demands: r.flag(dem)?,
                non_provocation: match pr {
                    Some(p) => r.flag(p)?,
                    None => false,
                },
            })
        };
        let threats = ["statthr1", "statthr2"]
            .iter()
            .filter_map(|k| r.opt_int(k).ok().flatten())
            .filter(|&v| v > 0)
            .map(|v| v as u32)
            .collect();
        Ok(AtopMember {
            atopid,
            member,
            phase: r.int("phase")? as u16,
            entry,
            exit,
            bilateral: r.flag("bilat")?,
            defense: r.flag("defense")?,
            offense: r.flag("offense")?,
            neutral: r.flag("neutral")?,
            nonagg: r.flag("nonagg")?,
            consul: r.flag("consul")?,
            defense_conditions: c(
                "defcoadv",
                "defcoloc",
                "defcocon",
                "defconum",
                "defcodem",
                Some("defconpr"),
            )?,
            offense_conditions: c(
                "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem", None,
            )?,
            neutral_conditions: c(
                "neucoadv",
                "neucoloc",
                "neucocon",
                "neuconum",
                "neucodem",
                Some("neuconpr"),
            )?,
            consul_conditions: Conditions {
                adversary: r.flag("concoadv")?,
                location: r.flag("concoloc")?,
                conflict: r.flag("concocon")?,
                demands: r.flag("concoreq")?,
                ..Conditions::default()
            },
            threats,
            asymmetric: r.flag("asymm")?,
            obvary: r.flag("obvary")?,
        })
    })
}

/// One of ATOP's five obligation types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligation {
    Defense,
    Offense,
    Neutral,
    Nonagg,
    Consul,
}

impl Obligation {
    pub const ALL: [Obligation; 5] = [
        Obligation::Defense,
        Obligation::Offense,
        Obligation::Neutral,
        Obligation::Nonagg,
        Obligation::Consul,
    ];

    /// ATOP's column name.
    pub fn name(self) -> &'static str {
        match self {
            Obligation::Defense => "defense",
            Obligation::Offense => "offense",
            Obligation::Neutral => "neutral",
            Obligation::Nonagg => "nonagg",
            Obligation::Consul => "consul",
        }
    }
}

/// One partner-level correction: under alliance `atopid`, `obligor`'s obligation `kind` (which the
/// member file gives towards every other member) is not owed to `partner`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct PartnerException {
    pub atopid: u32,
    pub obligor: u32,
    pub partner: u32,
    pub kind: Obligation,
}

/// One row of ATOP's directed dyad-year file: the obligations state `a` has towards state `b` in
/// `year`, from every alliance they share, with ATOP's hand corrections of partner-specific
/// obligations (codebook §2.7) applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtopDyadYear {
    pub a: u32,
    pub b: u32,
    pub year: i32,
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
}

/// ATOP's own column names (`atop5_1ddyr.csv`) and peacesciencer's (`ccode1`, `atop_defense`, …).
const DYADIC_LAYOUTS: [[&str; 8]; 2] = [
    [
        "stateA", "stateB", "year", "defense", "offense", "neutral", "nonagg", "consul",
    ],
    [
        "ccode1",
        "ccode2",
        "year",
        "atop_defense",
        "atop_offense",
        "atop_neutral",
        "atop_nonagg",
        "atop_consul",
    ],
];

/// Reads ATOP's directed dyad-year file, in ATOP's own layout (`atop5_1ddyr.csv`: `stateA`,
/// `stateB`, `year`, `defense`, …) or peacesciencer's (`ccode1`, `ccode2`, `year`, `atop_defense`,
/// …). A row naming the same state twice, or a negative code, is rejected.
pub fn read_directed_dyad_years(path: &Path) -> Result<Loaded<AtopDyadYear>, DataError> {
    let header = csv::ReaderBuilder::new()
        .from_path(path)
        .map_err(|e| DataError::Open(path.to_path_buf(), std::io::Error::other(e.to_string())))?
        .headers()
        .map_err(|e| DataError::Header(path.to_path_buf(), e.to_string()))?
        .clone();
    let has = |c: &str| header.iter().any(|h| h.trim() == c);
    // The layout whose first column is present; otherwise ATOP's, so the error names its columns.
    let cols = DYADIC_LAYOUTS
        .iter()
        .find(|l| has(l[0]))
        .unwrap_or(&DYADIC_LAYOUTS[0]);
    csvio::read(path, cols, &[], |r| {
        let code = |k: &'static str| {
            u32::try_from(r.int(k)?).map_err(|_| format!("`{k}` is negative, not a COW code"))
        };
        let (a, b) = (code(cols[0])?, code(cols[1])?);
        if a == b {
            return Err(format!("`{}` and `{}` are both {a}", cols[0], cols[1]));
        }
        Ok(AtopDyadYear {
            a,
            b,
            year: r.int("year")? as i32,
            defense: r.flag(cols[3])?,
            offense: r.flag(cols[4])?,
            neutral: r.flag(cols[5])?,
            nonagg: r.flag(cols[6])?,
            consul: r.flag(cols[7])?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dyadic_layouts_read_and_bad_rows_are_kept() {
        let dir = std::env::temp_dir().join(format!("entente-atop-ddyr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let atop = dir.join("atop5_1ddyr.csv");
        std::fs::write(
            &atop,
            "ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul\n\
             200220,200,220,1855,1,1,0,0,0,1\n\
             200200,200,200,1855,1,1,0,0,0,1\n\
             200380,200,380,1855,1,2,0,0,0,1\n",
        )
        .unwrap();
        let l = read_directed_dyad_years(&atop).unwrap();
        assert_eq!(l.rows.len(), 1);
        assert!(l.rows[0].defense && l.rows[0].consul && !l.rows[0].offense);
        assert_eq!((l.rejects[0].line, l.rejects[1].line), (3, 4));
        assert!(
            l.rejects[0].reason.contains("both 200"),
            "{}",
            l.rejects[0].reason
        );
        assert!(l.rejects[1].reason.contains("`defense` is 2"));
        assert!(l.check_balance());
        let ps = dir.join("ps.csv");
        std::fs::write(
            &ps,
            "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n\
             380,200,1855,0,0,0,0,1\n",
        )
        .unwrap();
        let l = read_directed_dyad_years(&ps).unwrap();
        assert_eq!(
            (l.rows[0].a, l.rows[0].b, l.rows[0].consul),
            (380, 200, true)
        );
        let other = dir.join("other.csv");
        std::fs::write(&other, "x,y\n1,2\n").unwrap();
        let e = read_directed_dyad_years(&other).unwrap_err().to_string();
        assert!(e.contains("no column `stateA`"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
