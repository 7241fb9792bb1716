//! Loading what a command needs from a data directory, in one call: the files found by their
//! distributed names ([`DataDir`]), each read with the bad-row policy, and every warning a user
//! should see returned as a [`Note`] (this crate prints nothing; the front end does).

use crate::atop::coding::{self, PartnerCoding};
use crate::dir::DataDir;
use crate::world::{WorldData, world_at};
use crate::{DatasetError, Loaded};
use entente_model::Scenario;
use std::path::Path;

/// Something the user should be told about a load: rejected rows, a version mix, the coding applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note(pub String);

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Notes a dataset's rejects (the rows kept are still used): a summary and the first five.
pub fn note_rejects<T>(l: &Loaded<T>, notes: &mut Vec<Note>) {
    if !l.rejects.is_empty() {
        let mut text = format!("warning: {}", l.summary());
        for r in l.rejects.iter().take(5) {
            text.push_str(&format!("\n  line {}: {}", r.line, r.reason));
        }
        notes.push(Note(text));
    }
}

/// Reads a dataset found in `dir`, checks the balance and notes its rejects.
pub fn read<T>(
    dir: &DataDir,
    dataset: &str,
    read: impl Fn(&Path) -> Result<Loaded<T>, crate::TableError>,
    notes: &mut Vec<Note>,
) -> Result<Loaded<T>, DatasetError> {
    let path = dir.find(dataset)?;
    let l = read(&path)?;
    if !l.check_balance() {
        return Err(DatasetError::Unbalanced(l.summary()));
    }
    note_rejects(&l, notes);
    Ok(l)
}

/// [`read`] for a dataset that may be absent: `None` when `dir` has no file for it.
pub fn read_optional<T>(
    dir: &DataDir,
    dataset: &str,
    read_file: impl Fn(&Path) -> Result<Loaded<T>, crate::TableError>,
    notes: &mut Vec<Note>,
) -> Result<Option<Loaded<T>>, DatasetError> {
    match dir.find(dataset) {
        Ok(_) => read(dir, dataset, read_file, notes).map(Some),
        Err(_) => Ok(None),
    }
}

/// ATOP's partner-level coding learned from the dyadic file in `dir`, if there is one, noted; the
/// file's rejected rows are appended to `rejects` (a bulk job keeps them in its rejects file).
pub fn partner_coding(
    dir: &DataDir,
    members: &[crate::atop::AtopMember],
    notes: &mut Vec<Note>,
    rejects: &mut Vec<crate::Reject>,
) -> Result<Option<PartnerCoding>, DatasetError> {
    let Ok(path) = dir.find("atop-dyadic") else {
        return Ok(None);
    };
    let l = read(
        dir,
        "atop-dyadic",
        crate::atop::read_directed_dyad_years,
        notes,
    )?;
    rejects.extend(l.rejects.iter().cloned());
    let published = coding::published_table(&l.rows);
    let c = coding::learn_partner_coding(members, &published, |_| true);
    notes.push(Note(coding::coding_note(&c, members, &published, &path)));
    Ok(Some(c))
}

/// The world on a day, from the COW states, ATOP and (if present) NMC files in `dir`; with ATOP's
/// partner-level coding when `dir` has ATOP's dyadic file, unless `member_only`.
///
/// ```no_run
/// let mut notes = Vec::new();
/// let dir = std::path::Path::new("shared/data");
/// let world = entente_datasets::load::world(dir, (1914, 8, 4), false, &mut notes)?;
/// assert!(world.actor("GMY").is_some());
/// # Ok::<(), entente_datasets::DatasetError>(())
/// ```
pub fn world(
    dir: &Path,
    (y, m, d): (i32, u8, u8),
    member_only: bool,
    notes: &mut Vec<Note>,
) -> Result<Scenario, DatasetError> {
    let dd = DataDir::new(dir);
    let states = read(&dd, "states", crate::states::read_spells, notes)?;
    let atop = read(&dd, "atop", crate::atop::read_members, notes)?;
    // Each phase's dates and alliance-level provisions: the phase file, else the alliance file.
    let phases = match read_optional(&dd, "atop-phases", crate::atop::read_phases, notes)? {
        Some(p) => Some((p, true)),
        None => read_optional(&dd, "atop-alliances", crate::atop::read_alliances, notes)?
            .map(|a| (a, false)),
    };
    if let Some((p, is_phases)) = &phases {
        // Files from different ATOP versions disagree: say so rather than mix them silently.
        let problems = crate::atop::cross_check(&p.rows, &atop.rows, *is_phases);
        if !problems.is_empty() {
            let mut text = format!(
                "warning: {} and {} disagree in {} places (different ATOP versions?); obligations come from the member file, dates and alliance-level provisions from the other:",
                p.file.display(),
                atop.file.display(),
                problems.len()
            );
            for x in problems.iter().take(5) {
                text.push_str(&format!("\n  {x}"));
            }
            notes.push(Note(text));
        }
    }
    let nmc = read_optional(&dd, "nmc", crate::nmc::read, notes)?;
    let crosswalk = read_optional(&dd, "crosswalk", crate::crosswalk::read, notes)?;
    let coding = if member_only {
        None
    } else {
        // A data world is no bulk job: the rejects are noted, not written out.
        partner_coding(&dd, &atop.rows, notes, &mut Vec::new())?
    };
    let s = world_at(
        &WorldData {
            states: &states.rows,
            crosswalk: crosswalk.as_ref().map(|c| c.rows.as_slice()),
            atop: &atop.rows,
            partner_exceptions: coding.as_ref().map(|c| &c.exceptions),
            atop_phases: phases.as_ref().map(|(p, _)| p.rows.as_slice()),
            nmc: nmc.as_ref().map(|n| n.rows.as_slice()),
        },
        (y, m, d),
    );
    if s.facts.actors.is_empty() {
        return Err(DatasetError::NoStates {
            date: format!("{y:04}-{m:02}-{d:02}"),
        });
    }
    Ok(s)
}
