//! ATOP directed dyad-years built from the member file, against ATOP's own directed dyad-year table
//! for 1815–1944 (`../shared/data/atop/atop5_1_ddyr_1815-1944.csv`, via peacesciencer).

use entente_analysis::atop_dyads::{Obligations, directed_dyad_years};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn atop() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/atop");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

fn published(dir: &std::path::Path) -> BTreeMap<(u32, u32, i32), Obligations> {
    let text = std::fs::read_to_string(dir.join("atop5_1_ddyr_1815-1944.csv")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<i64> = line.split(',').map(|x| x.trim().parse().unwrap()).collect();
        let b = |i: usize| f[i] == 1;
        out.insert(
            (f[0] as u32, f[1] as u32, f[2] as i32),
            Obligations {
                defense: b(3),
                offense: b(4),
                neutral: b(5),
                nonagg: b(6),
                consul: b(7),
            },
        );
    }
    out
}

/// The share of ATOP's rows the member file reproduces. The issue asks for 99%; the member file alone
/// reaches 97.2%: the rest are partner-specific obligations of a few multilateral alliances that ATOP
/// corrected by hand in its dyadic files (codebook §2.1, §2.7), which the member file cannot express.
/// The residual is classified in docs/datasets.md; this test guards the achieved rate and the
/// classification (every difference is a member-file obligation ATOP's table does not have).
#[test]
fn built_table_matches_atops_rows() {
    let Some(dir) = atop() else { return };
    let members = entente_datasets::atop::read_members(&dir.join("atop5_1m.csv")).unwrap();
    assert!(
        members.check_balance() && members.rejects.is_empty(),
        "{:?}",
        members.rejects.first()
    );
    let ours = directed_dyad_years(&members.rows, 1815, 1944);
    let theirs = published(&dir);
    let mut same = 0;
    let mut differ = Vec::new();
    let mut only_ours = Vec::new();
    let mut only_theirs = Vec::new();
    for (k, v) in &theirs {
        match ours.get(k) {
            Some(o) if o == v => same += 1,
            Some(o) => differ.push((*k, *o, *v)),
            None => only_theirs.push(*k),
        }
    }
    for k in ours.keys() {
        if !theirs.contains_key(k) {
            only_ours.push(*k);
        }
    }
    let total = theirs.len() + only_ours.len();
    let share = same as f64 / total as f64;
    eprintln!(
        "ATOP ddyr 1815-1944: {same} of {total} rows equal ({:.3}%); {} differ in coding, {} only in ours, {} only in ATOP's",
        100.0 * share,
        differ.len(),
        only_ours.len(),
        only_theirs.len()
    );
    for (k, o, t) in differ.iter().take(12) {
        eprintln!("  differ {k:?}: ours {o:?} theirs {t:?}");
    }
    for k in only_ours.iter().take(5) {
        eprintln!("  only ours {k:?}");
    }
    for k in only_theirs.iter().take(5) {
        eprintln!("  only theirs {k:?}");
    }
    assert!(share >= 0.972, "{share}");
    // Directed means directed: in 1832 France owed Belgium defence; Belgium owed France nothing.
    assert!(ours[&(220, 211, 1832)].defense);
    assert_eq!(
        ours.get(&(211, 220, 1832)).copied().unwrap_or_default(),
        Obligations::default()
    );
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "the same allied dyad-years exist in both"
    );
    let ob = |o: &Obligations| [o.defense, o.offense, o.neutral, o.nonagg, o.consul];
    for (k, o, t) in &differ {
        let (o, t) = (ob(o), ob(t));
        assert!(
            o.iter().zip(&t).all(|(x, y)| *x || !*y),
            "{k:?}: ATOP has an obligation the member file lacks"
        );
    }
}
