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

/// The world on a day, from the COW states, ATOP and (if present) NMC files in `dir`.
pub fn world(dir: &Path, (y, m, d): (i32, u8, u8)) -> Result<Scenario, String> {
    let dd = DataDir::new(dir);
    let states =
        entente_datasets::states::read_spells(&dd.find("states")?).map_err(|e| e.to_string())?;
    let atop =
        entente_datasets::atop::read_members(&dd.find("atop")?).map_err(|e| e.to_string())?;
    let nmc = match dd.find("nmc") {
        Ok(p) => Some(entente_datasets::nmc::read(&p).map_err(|e| e.to_string())?),
        Err(_) => None,
    };
    let crosswalk = match dd.find("crosswalk") {
        Ok(p) => Some(entente_datasets::crosswalk::read(&p).map_err(|e| e.to_string())?),
        Err(_) => None,
    };
    report(&states);
    report(&atop);
    if let Some(n) = &nmc {
        report(n);
    }
    let s = world_at(
        &WorldData {
            states: &states.rows,
            crosswalk: crosswalk.as_ref().map(|c| c.rows.as_slice()),
            atop: &atop.rows,
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
