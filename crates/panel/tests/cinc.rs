//! Recomputed CINC against NMC's published values (`../shared/data/nmc`).

use entente_analysis::cinc::{Components, cinc};
use std::path::PathBuf;

fn nmc(file: &str) -> Option<entente_datasets::Loaded<entente_datasets::nmc::NmcYear>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/nmc")
        .join(file);
    if !p.exists() {
        entente_table::testdata::skip(&p);
        return None;
    }
    Some(entente_datasets::nmc::read(&p).unwrap())
}

fn check(file: &str) -> (usize, Vec<String>) {
    let Some(l) = nmc(file) else {
        return (0, vec![]);
    };
    assert!(l.check_balance());
    assert!(
        l.rejects.is_empty(),
        "{:?}",
        &l.rejects[..l.rejects.len().min(3)]
    );
    let rows: Vec<Components> = l
        .rows
        .iter()
        .map(|r| Components {
            ccode: r.ccode,
            year: r.year,
            values: r.components,
        })
        .collect();
    let ours = cinc(&rows);
    let mut compared = 0;
    let mut off = Vec::new();
    for (r, c) in l.rows.iter().zip(&ours) {
        let Some(published) = r.cinc else { continue };
        compared += 1;
        let c = c.unwrap_or(f64::NAN);
        let ok = if published == 0.0 {
            c.abs() < 1e-12
        } else {
            ((c - published) / published).abs() <= 2e-7
        };
        if !ok {
            off.push(format!(
                "{} {}: ours {c:.9}, published {published:.9}",
                r.ccode, r.year
            ));
        }
    }
    (compared, off)
}

/// Every compared state-year within 2e-7 relative (the published column is single precision).
fn all_within(file: &str) {
    let (compared, off) = check(file);
    if compared == 0 {
        return;
    }
    assert!(compared > 15_000, "{compared}");
    assert!(
        off.is_empty(),
        "{} of {compared} differ, e.g. {:?}",
        off.len(),
        &off[..off.len().min(10)]
    );
}

#[test]
fn nmc_v6_every_state_year_within_2e_7_relative() {
    all_within("NMC-60-abridged.csv");
}

#[test]
fn nmc_v7_every_state_year_within_2e_7_relative() {
    all_within("NMC-70-abridged_via_peacesciencer.csv");
}
