//! Alliance Treaty Obligations and Provisions, v5.1 (Leeds, Ritter, Mitchell & Long 2002; codebook
//! v5.1, 2020): the member-level file `atop5_1m.csv`, one row per member per alliance phase.
//!
//! Dates are signature dates (ATOP codes signature, not ratification). `yrexit = 0` means still in
//! effect on 31 December 2018; a missing day is `-9`. Members are COW codes, except a few states COW does
//! not recognise (Annam, 8152), which ATOP drops from its dyadic files; so does
//! [`crate::atop::is_cow_code`]. Each obligation type (defence, offence, neutrality, non-aggression,
//! consultation) has its own condition flags (`defcoadv`, `defcoloc`, `defcocon`, `defconum`,
//! `defcodem`, `defconpr`, …): yes/no flags that say a condition exists, not what it is.

pub mod coding;

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

/// A partial date from ATOP's year, month, day columns (month or day may be missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
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

impl AtopMember {
    /// The five obligations, in [`Obligation::ALL`] order.
    pub fn obligations(&self) -> [bool; 5] {
        [
            self.defense,
            self.offense,
            self.neutral,
            self.nonagg,
            self.consul,
        ]
    }
}

impl AtopAlliance {
    /// The five obligations (any member's), in [`Obligation::ALL`] order.
    pub fn obligations(&self) -> [bool; 5] {
        [
            self.defense,
            self.offense,
            self.neutral,
            self.nonagg,
            self.consul,
        ]
    }
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

pub fn read_members(path: &Path) -> Result<Loaded<AtopMember>, TableError> {
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

/// Alliance-level provisions on how the allies work together (ATOP's alliance and phase files,
/// codebook §1.5, Q32–Q37). `None` where ATOP has not located the text (`-9` or empty).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Institutions {
    /// `pubsecr`: 0 public, 1 some articles secret, 2 the whole treaty secret.
    pub secrecy: Option<u8>,
    /// `milcon`: contact among the armed services — 1 in war only, 2 in peacetime too, 3 a common
    /// defence policy.
    pub military_contact: Option<u8>,
    /// `milaid`: 1 general, 2 grants or loans, 3 training or technology, 4 both.
    pub military_aid: Option<u8>,
    /// `intcom`: an integrated command in peace and war.
    pub integrated_command: Option<bool>,
    /// `subord`: forces subordinated in war — 1 to a named state, 2 depending on circumstances.
    pub subordination: Option<u8>,
    /// `organ1`: 1 regular meetings of officials, 2 a named organisation, 3 a permanent bureaucracy.
    pub organisation: Option<u8>,
    /// `base`: 1 joint placements on neutral territory, 2 reciprocal basing, 3 one-way basing.
    pub bases: Option<u8>,
    /// `contrib`: the contributions of each ally are specified.
    pub contributions: Option<bool>,
}

impl Institutions {
    /// The provisions present: (short name, in words with the ATOP column and code), in one table so
    /// that the two never disagree.
    fn present(&self) -> Vec<(&'static str, &'static str)> {
        let (c, a, s, o, b) = (
            self.military_contact,
            self.military_aid,
            self.subordination,
            self.organisation,
            self.bases,
        );
        [
            (c == Some(1), "military contact", "contact among the armed services in war (milcon 1)"),
            (c == Some(2), "military contact", "contact among the armed services in peacetime (milcon 2)"),
            (c == Some(3), "military contact", "a common defence policy (milcon 3)"),
            (
                self.integrated_command == Some(true),
                "integrated command",
                "an integrated command in peace and war (intcom)",
            ),
            (s == Some(1), "subordination of forces", "forces subordinated to a named state in war (subord 1)"),
            (
                s == Some(2),
                "subordination of forces",
                "forces subordinated in war, command depending on circumstances (subord 2)",
            ),
            (a == Some(1), "military aid", "military aid, unspecified (milaid 1)"),
            (a == Some(2), "military aid", "military grants or loans (milaid 2)"),
            (a == Some(3), "military aid", "military training or technology (milaid 3)"),
            (
                a == Some(4),
                "military aid",
                "military grants or loans, and training or technology (milaid 4)",
            ),
            (b == Some(1), "bases", "joint troop placements on neutral territory (base 1)"),
            (b == Some(2), "bases", "reciprocal basing rights (base 2)"),
            (
                b == Some(3),
                "bases",
                "one-way basing: troops of one or more members stationed on another's territory (base 3)",
            ),
            (o == Some(1), "organisation", "regular meetings of officials (organ1 1)"),
            (o == Some(2), "organisation", "a named organisation with regular meetings (organ1 2)"),
            (
                o == Some(3),
                "organisation",
                "a standing organisation with a permanent bureaucracy (organ1 3)",
            ),
            (
                self.contributions == Some(true),
                "contributions",
                "specified contributions from each ally (contrib)",
            ),
        ]
        .into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, area, words)| (area, words))
        .collect()
    }

    /// Short names of the provisions present, for a cooperation provision's areas.
    pub fn areas(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (area, _) in self.present() {
            if !out.iter().any(|x| x == area) {
                out.push(area.to_string());
            }
        }
        out
    }

    /// The provisions present, in words, each with its ATOP column and code.
    pub fn described(&self) -> Vec<String> {
        self.present()
            .into_iter()
            .map(|(_, words)| words.to_string())
            .collect()
    }
}

/// One row of ATOP's alliance-level file (`atop5_1a.csv`, one row per alliance, `phase` 0) or
/// alliance-phase file (`atop5_1aph.csv`, one row per phase; single-phase alliances have phase 0).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AtopAlliance {
    pub atopid: u32,
    pub phase: u16,
    pub begin: AtopDate,
    /// `None` while in effect (on 31 December 2018).
    pub end: Option<AtopDate>,
    pub bilateral: bool,
    /// Any member at war when the alliance was formed (`wartime`).
    pub wartime: Option<bool>,
    /// Any member's obligations (alliance level).
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
    /// Obligations differ among the members (`asymm`).
    pub asymmetric: bool,
    /// The members' COW codes (`mem1` … `mem59`), as listed.
    pub members: Vec<u32>,
    pub institutions: Institutions,
}

const MEMBER_COLUMNS: [&str; 60] = [
    "mem1", "mem2", "mem3", "mem4", "mem5", "mem6", "mem7", "mem8", "mem9", "mem10", "mem11",
    "mem12", "mem13", "mem14", "mem15", "mem16", "mem17", "mem18", "mem19", "mem20", "mem21",
    "mem22", "mem23", "mem24", "mem25", "mem26", "mem27", "mem28", "mem29", "mem30", "mem31",
    "mem32", "mem33", "mem34", "mem35", "mem36", "mem37", "mem38", "mem39", "mem40", "mem41",
    "mem42", "mem43", "mem44", "mem45", "mem46", "mem47", "mem48", "mem49", "mem50", "mem51",
    "mem52", "mem53", "mem54", "mem55", "mem56", "mem57", "mem58", "mem59", "mem60",
];

const ALLIANCE_REQUIRED: [&str; 13] = [
    "atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "bilat", "defense",
    "offense", "neutral", "nonagg", "consul",
];

const ALLIANCE_OPTIONAL: [&str; 12] = [
    "phase", "wartime", "asymm", "pubsecr", "milcon", "milaid", "intcom", "subord", "organ1",
    "base", "contrib", "mem1",
];

/// Reads ATOP's alliance-level file (`atop5_1a.csv`).
pub fn read_alliances(path: &Path) -> Result<Loaded<AtopAlliance>, TableError> {
    read_alliance_rows(path, false)
}

/// Reads ATOP's alliance-phase file (`atop5_1aph.csv`); it has a `phase` column.
pub fn read_phases(path: &Path) -> Result<Loaded<AtopAlliance>, TableError> {
    read_alliance_rows(path, true)
}

fn read_alliance_rows(path: &Path, phases: bool) -> Result<Loaded<AtopAlliance>, TableError> {
    let mut required = ALLIANCE_REQUIRED.to_vec();
    if phases {
        required.push("phase");
    }
    let optional: Vec<&'static str> = ALLIANCE_OPTIONAL
        .iter()
        .chain(MEMBER_COLUMNS.iter())
        .copied()
        .collect();
    csvio::read(path, &required, &optional, |r| {
        let atopid =
            u32::try_from(r.int("atopid")?).map_err(|_| "`atopid` is negative".to_string())?;
        let begin = date(r, "begyr", "begmo", "begday")?;
        let end = if r.int("endyr")? == 0 {
            None
        } else {
            Some(date(r, "endyr", "endmo", "endday")?)
        };
        if end.is_some_and(|e| e.year < begin.year) {
            return Err(format!("end {end:?} is before begin {begin:?}"));
        }
        let code = |k: &'static str, max: i64| -> Result<Option<u8>, String> {
            match r.opt_int(k)? {
                None => Ok(None),
                Some(v) if (0..=max).contains(&v) => Ok(Some(v as u8)),
                Some(v) => Err(format!("`{k}` is {v}, not 0–{max}")),
            }
        };
        let yes =
            |k: &'static str| -> Result<Option<bool>, String> { Ok(code(k, 1)?.map(|v| v == 1)) };
        let mut members = Vec::new();
        for k in MEMBER_COLUMNS {
            match r.opt_int(k)? {
                None | Some(0) => {}
                Some(v) => members
                    .push(u32::try_from(v).map_err(|_| format!("`{k}` is {v}, not a state code"))?),
            }
        }
        if members.len() < 2 {
            return Err(format!(
                "{} member(s) listed; an alliance has two or more",
                members.len()
            ));
        }
        let phase = if phases {
            u16::try_from(r.int("phase")?).map_err(|_| "`phase` is not 0–65535".to_string())?
        } else {
            0
        };
        Ok(AtopAlliance {
            atopid,
            phase,
            begin,
            end,
            bilateral: r.flag("bilat")?,
            wartime: yes("wartime")?,
            defense: r.flag("defense")?,
            offense: r.flag("offense")?,
            neutral: r.flag("neutral")?,
            nonagg: r.flag("nonagg")?,
            consul: r.flag("consul")?,
            asymmetric: r.flag("asymm")?,
            members,
            institutions: Institutions {
                secrecy: code("pubsecr", 2)?,
                military_contact: code("milcon", 3)?,
                military_aid: code("milaid", 4)?,
                integrated_command: yes("intcom")?,
                subordination: code("subord", 2)?,
                organisation: code("organ1", 3)?,
                bases: code("base", 3)?,
                contributions: yes("contrib")?,
            },
        })
    })
}

/// Checks ATOP's alliance or phase rows against the member file: every alliance (phase) in one is in
/// the other, with the same members, the same obligations (an alliance has an obligation when any
/// member does) and, for alliance rows, the first member's entry as its beginning. Returns each
/// disagreement in words; on ATOP 5.1 as distributed there are none (tested).
pub fn cross_check(rows: &[AtopAlliance], members: &[AtopMember], phases: bool) -> Vec<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let key = |atopid: u32, phase: u16| if phases { (atopid, phase) } else { (atopid, 0) };
    // (atopid, phase) → (members, any member's obligations, the first entry)
    type FromMembers = (BTreeSet<u32>, [bool; 5], AtopDate);
    let mut from_members: BTreeMap<(u32, u16), FromMembers> = BTreeMap::new();
    for m in members {
        let e = from_members
            .entry(key(m.atopid, m.phase))
            .or_insert_with(|| (BTreeSet::new(), [false; 5], m.entry));
        e.0.insert(m.member);
        for (i, on) in m.obligations().into_iter().enumerate() {
            e.1[i] |= on;
        }
        e.2 = e.2.min(m.entry);
    }
    let what = if phases { "phase" } else { "alliance" };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for r in rows {
        let k = key(r.atopid, r.phase);
        seen.insert(k);
        let name = format!(
            "{what} {}{}",
            r.atopid,
            if phases && r.phase > 0 {
                format!(" phase {}", r.phase)
            } else {
                String::new()
            }
        );
        let Some((ms, obs, first)) = from_members.get(&k) else {
            out.push(format!("{name} has no rows in the member file"));
            continue;
        };
        let listed: BTreeSet<u32> = r.members.iter().copied().collect();
        if &listed != ms {
            let only = |a: &BTreeSet<u32>, b: &BTreeSet<u32>| {
                a.difference(b)
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            out.push(format!(
                "{name}: members differ (only in the {what} file: [{}]; only in the member file: [{}])",
                only(&listed, ms),
                only(ms, &listed)
            ));
        }
        let own = r.obligations();
        for (i, kind) in Obligation::ALL.iter().enumerate() {
            if own[i] != obs[i] {
                out.push(format!(
                    "{name}: `{}` is {} but {} member has it",
                    kind.name(),
                    u8::from(own[i]),
                    if obs[i] { "a" } else { "no" }
                ));
            }
        }
        if !phases && r.begin != *first {
            out.push(format!(
                "{name}: begins {:?} but its first member enters {:?}",
                r.begin, first
            ));
        }
    }
    for k in from_members.keys().filter(|k| !seen.contains(k)) {
        out.push(format!("{what} {} {} is in the member file only", k.0, k.1));
    }
    out
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

/// One row of ATOP's directed dyad-year file: the obligations state A (`key.dyad.from`) has towards
/// state B (`key.dyad.to`) in `key.year`, from every alliance they share, with ATOP's hand
/// corrections of partner-specific obligations (codebook §2.7) applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtopDyadYear {
    pub key: entente_model::DyadYear,
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
/// …). A row naming the same state twice, a negative code, or a directed dyad-year already read is
/// rejected.
pub fn read_directed_dyad_years(path: &Path) -> Result<Loaded<AtopDyadYear>, TableError> {
    let header = csv::ReaderBuilder::new()
        .from_path(path)
        .map_err(|e| TableError::open(path, std::io::Error::other(e.to_string())))?
        .headers()
        .map_err(|e| TableError::Header {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?
        .clone();
    let has = |c: &str| header.iter().any(|h| h.trim() == c);
    // The layout whose first column is present; otherwise ATOP's, so the error names its columns.
    let cols = DYADIC_LAYOUTS
        .iter()
        .find(|l| has(l[0]))
        .unwrap_or(&DYADIC_LAYOUTS[0]);
    let mut seen = std::collections::HashSet::new();
    csvio::read(path, cols, &[], |r| {
        let code = |k: &'static str| {
            u16::try_from(r.int(k)?).map_err(|_| format!("`{k}` is not a COW code (0–65535)"))
        };
        let (a, b) = (code(cols[0])?, code(cols[1])?);
        if a == b {
            return Err(format!("`{}` and `{}` are both {a}", cols[0], cols[1]));
        }
        let year = r.int("year")? as i32;
        if !seen.insert((a, b, year)) {
            return Err(format!("{a} → {b} in {year} appears twice"));
        }
        Ok(AtopDyadYear {
            key: entente_model::DyadYear::new(a, b, year),
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
             200380,200,380,1855,1,2,0,0,0,1\n\
             200220,200,220,1855,1,1,0,0,0,1\n",
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
        assert_eq!(l.rejects[2].reason, "200 → 220 in 1855 appears twice");
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
            (
                l.rows[0].key.dyad.from.0,
                l.rows[0].key.dyad.to.0,
                l.rows[0].consul
            ),
            (380, 200, true)
        );
        let other = dir.join("other.csv");
        std::fs::write(&other, "x,y\n1,2\n").unwrap();
        let e = read_directed_dyad_years(&other).unwrap_err().to_string();
        assert!(e.contains("no column `stateA`"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn alliance_rows_read_check_and_reject() {
        let dir = std::env::temp_dir().join(format!("entente-atop-a-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("atop5_1a.csv");
        std::fs::write(
            &a,
            "atopid,begyr,begmo,begday,endyr,endmo,endday,bilat,defense,offense,neutral,nonagg,consul,asymm,pubsecr,milcon,intcom,organ1,base,mem1,mem2,mem3\n\
             1190,1855,11,21,1856,3,30,0,1,0,0,0,1,1,0,2,-9,1,0,200,220,380\n\
             1191,1855,11,21,1856,3,30,0,1,0,0,0,1,1,0,7,0,0,0,200,220,\n\
             1192,1855,11,21,1856,3,30,1,1,0,0,0,1,0,0,0,0,0,0,200,,\n",
        )
        .unwrap();
        let l = read_alliances(&a).unwrap();
        assert!(l.check_balance());
        assert_eq!(l.rows.len(), 1);
        let r = &l.rows[0];
        assert_eq!(r.members, vec![200, 220, 380]);
        assert_eq!(r.institutions.military_contact, Some(2));
        assert_eq!(
            r.institutions.integrated_command, None,
            "-9 is missing, not no"
        );
        assert_eq!(
            r.institutions.described(),
            vec![
                "contact among the armed services in peacetime (milcon 2)",
                "regular meetings of officials (organ1 1)"
            ]
        );
        assert!(
            l.rejects[0].reason.contains("`milcon` is 7, not 0–3"),
            "{:?}",
            l.rejects
        );
        assert!(
            l.rejects[1].reason.contains("1 member(s) listed"),
            "{:?}",
            l.rejects
        );
        // Against a member file that lacks Sweden and gives no one consultation.
        let member = |code: u32| AtopMember {
            atopid: 1190,
            member: code,
            phase: 0,
            entry: AtopDate {
                year: 1855,
                month: Some(11),
                day: Some(21),
            },
            exit: None,
            bilateral: false,
            defense: true,
            offense: false,
            neutral: false,
            nonagg: false,
            consul: false,
            defense_conditions: Conditions::default(),
            offense_conditions: Conditions::default(),
            neutral_conditions: Conditions::default(),
            consul_conditions: Conditions::default(),
            threats: vec![],
            asymmetric: true,
            obvary: true,
        };
        let problems = cross_check(&l.rows, &[member(200), member(220)], false);
        assert_eq!(
            problems,
            vec![
                "alliance 1190: members differ (only in the alliance file: [380]; only in the member file: [])",
                "alliance 1190: `consul` is 1 but no member has it",
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
