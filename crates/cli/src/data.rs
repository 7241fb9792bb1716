//! The world at a date from the user's datasets: [`entente_datasets::load::world`], its notes
//! printed on stderr.

use entente_model::Scenario;
use std::path::Path;

/// Prints a load's notes on stderr.
pub fn print_notes(notes: &[entente_datasets::load::Note]) {
    for n in notes {
        eprintln!("{n}");
    }
}

/// The world on a day (see [`entente_datasets::load::world`]).
pub fn world(dir: &Path, ymd: (i32, u8, u8), member_only: bool) -> Result<Scenario, String> {
    let mut notes = Vec::new();
    let w = entente_datasets::load::world(dir, ymd, member_only, &mut notes);
    print_notes(&notes);
    w.map_err(|e| e.to_string())
}
