//! Every importer on the real files in `../shared/data`: zero rejects, balanced counts.

use entente_datasets::dir::DataDir;
use std::path::PathBuf;

fn dir() -> Option<DataDir> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.exists() {
        Some(DataDir::new(&p))
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}

macro_rules! load {
    ($d:expr, $name:literal, $f:path, $min:expr) => {{
        let l = $f(&$d.find($name).unwrap()).unwrap();
        assert!(l.check_balance(), "{}", l.summary());
        assert!(
            l.rejects.is_empty(),
            "{}: {:?}",
            l.summary(),
            &l.rejects[..l.rejects.len().min(3)]
        );
        assert!(l.rows.len() >= $min, "{}", l.summary());
        l
    }};
}

#[test]
fn every_dataset_loads_with_no_rejects() {
    let Some(d) = dir() else { return };
    let sys = load!(d, "system", entente_datasets::states::read_system, 15_000);
    assert!(sys.rows.iter().any(|r| r.ccode == 740 && r.year == 1904));
    load!(d, "states", entente_datasets::states::read_spells, 240);
    load!(d, "majors", entente_datasets::states::read_spells, 13);
    load!(d, "nmc", entente_datasets::nmc::read, 15_000);
    let atop = load!(d, "atop", entente_datasets::atop::read_members, 2_500);
    // The Anglo-Japanese alliance of 1902: Britain's defence obligation is conditional on the number of
    // adversaries, which ATOP flags but does not specify.
    let aj: Vec<_> = atop
        .rows
        .iter()
        .filter(|m| m.entry.year == 1902 && (m.member == 200 || m.member == 740) && m.bilateral)
        .collect();
    assert!(
        aj.iter().any(|m| m.defense && m.defense_conditions.number),
        "{aj:#?}"
    );
    // The alliance and phase files agree with the member file: members, obligations, beginnings.
    let alliances = load!(
        d,
        "atop-alliances",
        entente_datasets::atop::read_alliances,
        780
    );
    let phases = load!(d, "atop-phases", entente_datasets::atop::read_phases, 840);
    assert_eq!((alliances.rows.len(), phases.rows.len()), (789, 849));
    let check = |rows, phases| entente_datasets::atop::cross_check(rows, &atop.rows, phases);
    assert_eq!(check(&alliances.rows, false), Vec::<String>::new());
    assert_eq!(check(&phases.rows, true), Vec::<String>::new());
    // NATO (ATOP 3180): a standing organisation and one-way basing; ATOP codes the 1949 text, which
    // provides no integrated command (that came later, outside the treaty).
    let nato = alliances.rows.iter().find(|a| a.atopid == 3180).unwrap();
    let i = nato.institutions;
    assert_eq!(
        (i.organisation, i.bases, i.integrated_command),
        (Some(3), Some(3), Some(false)),
        "{nato:?}"
    );
    let dy = load!(
        d,
        "atop-dyadic",
        entente_datasets::atop::read_directed_dyad_years,
        12_000
    );
    let lines = std::fs::read_to_string(d.find("atop-dyadic").unwrap())
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(dy.rows.len(), lines, "every data line is a row");
    load!(
        d,
        "cow-alliances",
        entente_datasets::cow_alliance::read_members,
        1_200
    );
    load!(d, "mid", entente_datasets::mid::read_participants, 5_000);
    load!(d, "contiguity", entente_datasets::contiguity::read, 80_000);
}

#[test]
fn missing_files_say_what_was_looked_for() {
    let d = DataDir::new(std::path::Path::new("/nonexistent"));
    let e = d.find("nmc").unwrap_err().to_string();
    assert!(
        e.contains("no nmc data in /nonexistent") && e.contains("NMC-60-abridged.csv"),
        "{e}"
    );
}
