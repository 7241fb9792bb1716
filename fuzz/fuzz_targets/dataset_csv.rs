//! The dataset readers (COW states and system, NMC, COW alliances and their dyadic table, ATOP's
//! member and dyadic files, MID, contiguity, the crosswalk) on arbitrary CSV: every row accepted or
//! rejected with its line, never a panic. The first byte picks the reader.
#![no_main]
use entente_datasets as d;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("entente-fuzz-csv-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("f.csv");
    if std::fs::write(&path, body).is_err() {
        return;
    }
    macro_rules! check {
        ($read:expr) => {
            if let Ok(l) = $read(&path) {
                assert!(l.check_balance());
            }
        };
    }
    match which % 10 {
        0 => check!(d::states::read_spells),
        1 => check!(d::states::read_system),
        2 => check!(d::nmc::read),
        3 => check!(d::cow_alliance::read_members),
        4 => check!(d::cow_alliance::read_directed_dyad_years),
        5 => check!(d::atop::read_members),
        6 => check!(d::atop::read_directed_dyad_years),
        7 => check!(d::mid::read_participants),
        8 => check!(d::contiguity::read),
        _ => check!(d::crosswalk::read),
    }
});
