//! Loading the user's datasets (I/O lives here, in the front end): the world at a date.

use entente_datasets::Loaded;
use entente_datasets::dir::DataDir;
use entente_datasets::world::{WorldData, world_at};
use entente_model::Scenario;
use std::path::Path;

/// Reports a dataset's rejects on stderr (the rows kept are still used).
pub fn report<T>(l: &Loaded<T>) {
    if !l.rejects.is_empty() {
        eprintln!("warning: {}", l.summary());
        for r in l.rejects.iter().take(5) {
            eprintln!("  line {}: {}", r.line, r.reason);
        }
    }
}

/// The world on a day, from the COW states, ATOP and (if present) NMC files in `dir`; with ATOP's
/// partner-level coding when `dir` has ATOP's dyadic file, unless `member_only`.
pub fn world(dir: &Path, (y, m, d): (i32, u8, u8), member_only: bool) -> Result<Scenario, String> {
    let dd = DataDir::new(dir);
    let states =
        entente_datasets::states::read_spells(&dd.find("states")?).map_err(|e| e.to_string())?;
    let atop =
        entente_datasets::atop::read_members(&dd.find("atop")?).map_err(|e| e.to_string())?;
    // Each phase's dates and alliance-level provisions: the phase file, else the alliance file.
    let phases = match dd.find("atop-phases") {
        Ok(p) => Some((
            entente_datasets::atop::read_phases(&p).map_err(|e| e.to_string())?,
            true,
        )),
        Err(_) => match dd.find("atop-alliances") {
            Ok(p) => Some((
                entente_datasets::atop::read_alliances(&p).map_err(|e| e.to_string())?,
                false,
            )),
            Err(_) => None,
        },
    };
    if let Some((p, is_phases)) = &phases {
        report(p);
        // Files from different ATOP versions disagree: say so rather than mix them silently.
        let problems = entente_datasets::atop::cross_check(&p.rows, &atop.rows, *is_phases);
        if !problems.is_empty() {
            eprintln!(
                "warning: {} and {} disagree in {} places (different ATOP versions?); obligations come from the member file, dates and alliance-level provisions from the other:",
                p.file.display(),
                atop.file.display(),
                problems.len()
            );
            for x in problems.iter().take(5) {
                eprintln!("  {x}");
            }
        }
    }
    let nmc = match dd.find("nmc") {
        Ok(p) => Some(entente_datasets::nmc::read(&p).map_err(|e| e.to_string())?),
        _ => None,
    };
    let crosswalk = match dd.find("crosswalk") {
        Ok(p) => Some(entente_datasets::crosswalk::read(&p).map_err(|e| e.to_string())?),
        _ => None,
    };
    report(&states);
    report(&atop);
    // ATOP's partner-level coding, when its dyadic file is there: who is owed what in the
    // alliances whose obligations vary by partner.
    let coding = match dd.find("atop-dyadic") {
        Ok(p) if !member_only => {
            let l =
                entente_datasets::atop::read_directed_dyad_years(&p).map_err(|e| e.to_string())?;
            report(&l);
            Some(crate::atop_cmd::learn_coding(&atop.rows, &l.rows, &p))
        }
        _ => None,
    };
    if let Some(n) = &nmc {
        report(n);
    }
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
        return Err(format!(
            "no state is in the COW system on {y:04}-{m:02}-{d:02} (the state list covers 1816–2016)"
        ));
    }
    Ok(s)
}
