//! The panel's directed ATOP columns, with ATOP's partner-level coding, against ATOP's own directed
//! dyad-year table for 1816–1944 (`../shared/data/atop/atop5_1_ddyr_1815-1944.csv`).

use entente_datasets::atop::AtopMember;
use entente_datasets::atop::coding::{
    DyadTable, Obligation, learn_partner_coding, published_table,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// ATOP's member file and its dyadic table, found as a user's data directory is searched (the
/// files' own checks — balance, no rejects, 12,476 rows — are `datasets/tests/atop_coding.rs`'s).
fn atop() -> Option<(Vec<AtopMember>, DyadTable)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !dir.exists() {
        entente_table::testdata::skip(&dir);
        return None;
    }
    let d = entente_datasets::dir::DataDir::new(&dir);
    let mut notes = Vec::new();
    let members =
        entente_datasets::load::read(&d, "atop", entente_datasets::atop::read_members, &mut notes)
            .unwrap();
    let dyadic = entente_datasets::load::read(
        &d,
        "atop-dyadic",
        entente_datasets::atop::read_directed_dyad_years,
        &mut notes,
    )
    .unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    Some((members.rows, published_table(&dyadic.rows)))
}

/// With the partner-level coding, the panel's directed ATOP columns are ATOP's own table: every row
/// of ATOP's 1816–1944 table whose states are both in the COW system that year is in the panel with
/// the same five values, and every other panel row has none: the values peacesciencer's
/// `add_atop_alliance()` gives.
#[test]
fn panel_atop_columns_equal_atops_table() {
    use entente_panel::{Addon, Inputs, Panel, Portfolio, Unit, Values};
    let Some((members, theirs)) = atop() else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/states");
    let system = entente_datasets::states::read_system(&dir.join("system2016.csv")).unwrap();
    let coding = learn_partner_coding(&members, &theirs, |_| true);
    let inputs = Inputs {
        system: &system.rows,
        atop: Some(&members),
        atop_partner: Some(&coding),
        ..Inputs::default()
    };
    let panel = Panel::new(
        &inputs,
        Unit::DyadYear { directed: true },
        &[Addon::Atop],
        Portfolio::Owes,
        1816,
        1944,
    );
    let names = [
        "atop_defense",
        "atop_offense",
        "atop_neutral",
        "atop_nonagg",
        "atop_consul",
    ];
    let (mut matched, mut empty) = (0, 0);
    let mut in_system = BTreeSet::new();
    for y in panel.years() {
        let b = panel.year(y);
        let col = |name: &str| match &b.columns.iter().find(|c| c.name == name).unwrap().values {
            Values::Int(v) => v.clone(),
            Values::Real(_) => panic!("{name} is not an integer column"),
        };
        let (c1, c2) = (col("ccode1"), col("ccode2"));
        let obs: Vec<Vec<Option<i64>>> = names.iter().map(|n| col(n)).collect();
        for r in 0..b.rows {
            let key = entente_model::DyadYear::new(c1[r].unwrap() as u16, c2[r].unwrap() as u16, y);
            in_system.insert(key);
            let row: Vec<bool> = obs.iter().map(|o| o[r] == Some(1)).collect();
            match theirs.get(&key) {
                Some(t) => {
                    let want: Vec<bool> = Obligation::ALL.iter().map(|k| t.get(*k)).collect();
                    assert_eq!(row, want, "{key:?}");
                    matched += 1;
                }
                None => {
                    assert!(
                        row.iter().all(|x| !x),
                        "{key:?} has ties ATOP's table lacks"
                    );
                    empty += 1;
                }
            }
        }
    }
    let outside = theirs
        .keys()
        .filter(|k| k.year >= 1816 && !in_system.contains(k))
        .count();
    eprintln!(
        "{matched} ATOP rows matched, {empty} unallied panel rows, {outside} ATOP rows outside the COW system"
    );
    // Every ATOP row is accounted for: in the panel with the same values, in 1815 (before the COW
    // system begins), or with a state the COW system does not list that year: German states before
    // COW admits them (Hanover to 1837, Mecklenburg to 1842), some Latin American states' early
    // years, and governments in exile 1940–44 (Norway, the Netherlands, Belgium, Poland, …).
    let before = theirs.keys().filter(|k| k.year < 1816).count();
    assert_eq!(matched + outside + before, theirs.len());
    // Independently of the panel: the ATOP rows from 1816 whose two states are both in the COW
    // system file that year.
    let in_cow: BTreeSet<(u16, i32)> = system.rows.iter().map(|r| (r.ccode, r.year)).collect();
    let both_in_system = theirs
        .keys()
        .filter(|k| {
            k.year >= 1816
                && in_cow.contains(&(k.dyad.from.0, k.year))
                && in_cow.contains(&(k.dyad.to.0, k.year))
        })
        .count();
    assert_eq!(matched, both_in_system);
    assert_eq!(
        outside,
        theirs.keys().filter(|k| k.year >= 1816).count() - both_in_system
    );
}
