//! ATOP directed dyad-years built from the member file, against ATOP's own directed dyad-year table
//! for 1815–1944 (`../shared/data/atop/atop5_1_ddyr_1815-1944.csv`, via peacesciencer).

use entente_analysis::atop_dyads::{
    DyadTable, Obligation, Obligations, PartnerCoding, agreement, differences, directed_dyad_years,
    directed_dyad_years_coded, learn_partner_coding, published_table,
};
use entente_datasets::atop::AtopMember;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn atop() -> Option<(Vec<AtopMember>, DyadTable)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/atop");
    if !dir.exists() {
        eprintln!("skipping: {} is absent", dir.display());
        return None;
    }
    let members = entente_datasets::atop::read_members(&dir.join("atop5_1m.csv")).unwrap();
    assert!(members.check_balance() && members.rejects.is_empty());
    let dyadic =
        entente_datasets::atop::read_directed_dyad_years(&dir.join("atop5_1_ddyr_1815-1944.csv"))
            .unwrap();
    assert!(dyadic.check_balance() && dyadic.rejects.is_empty());
    assert_eq!(dyadic.rows.len(), 12_476);
    Some((members.rows, published_table(&dyadic.rows)))
}

/// From the member file alone: 97.2% of ATOP's rows (the issue asked 99%). Every difference is an
/// obligation the member file gives and ATOP's table does not, and every alliance behind one has a
/// member whose obligations vary by partner (`obvary`) — the alliances ATOP corrects by hand in its
/// dyadic files (codebook §2.6–2.7). The member file says *that* obligations vary, not towards whom.
#[test]
fn member_file_alone_and_what_it_cannot_say() {
    let Some((members, theirs)) = atop() else {
        return;
    };
    let ours = directed_dyad_years(&members, 1815, 1944);
    let g = agreement(&ours, &theirs, |_| true);
    eprintln!("member file alone: {g:?}, {:.3}%", 100.0 * g.share());
    assert_eq!((g.rows, g.same), (12_476, 12_131));
    assert_eq!(
        (g.only_built, g.only_published),
        (0, 0),
        "the same allied dyad-years"
    );
    // Directed means directed: in 1832 France owed Belgium defence; Belgium owed France nothing.
    assert!(ours[&(220, 211, 1832)].defense);
    assert_eq!(ours[&(211, 220, 1832)], Obligations::default());
    let diffs = differences(&members, &PartnerCoding::default(), &ours, &theirs);
    assert_eq!(diffs.len(), 345);
    let mut behind = BTreeSet::new();
    for d in &diffs {
        let (b, p) = (d.built.unwrap(), d.published.unwrap());
        for k in Obligation::ALL {
            assert!(
                b.get(k) || !p.get(k),
                "{d:?}: ATOP has an obligation we lack"
            );
        }
        assert!(!d.extra.is_empty());
        for (_, ids) in &d.extra {
            behind.extend(ids.iter().copied());
        }
    }
    assert_eq!(
        behind.into_iter().collect::<Vec<_>>(),
        vec![1100, 1110, 1120, 1160, 1205, 1227, 1350, 1355, 2130]
    );
    for id in [1100, 1110, 1120, 1160, 1205, 1227, 1350, 1355, 2130] {
        assert!(
            members.iter().any(|m| m.atopid == id && m.obvary),
            "alliance {id} has no member flagged obvary"
        );
    }
}

/// ATOP's hand corrections are a small table of partner-level exceptions that hold for whole
/// alliances: learned from the even years they reproduce ATOP's odd years, and the other way round,
/// at 99.9% (5,814 of 5,820 and 6,647 of 6,656 rows; the member file alone: 97.2%); learned from
/// every year, 66 exceptions in nine alliances reproduce all 12,476 rows,
/// with none contradicted by another year and no ATOP obligation the member file does not give.
#[test]
fn partner_coding_learned_on_some_years_predicts_the_others() {
    let Some((members, theirs)) = atop() else {
        return;
    };
    let even = |y: i32| y % 2 == 0;
    let odd = |y: i32| y % 2 != 0;
    for (name, learn, test) in [
        (
            "even → odd",
            &even as &dyn Fn(i32) -> bool,
            &odd as &dyn Fn(i32) -> bool,
        ),
        ("odd → even", &odd, &even),
    ] {
        let coding = learn_partner_coding(&members, &theirs, learn);
        let built = directed_dyad_years_coded(&members, 1815, 1944, &coding);
        let held_out = agreement(&built, &theirs, test);
        let alone = agreement(&directed_dyad_years(&members, 1815, 1944), &theirs, test);
        eprintln!(
            "{name}: {} exceptions; held-out rows {} of {} ({:.2}%), member file alone {:.2}%",
            coding.exceptions.len(),
            held_out.same,
            held_out.rows,
            100.0 * held_out.share(),
            100.0 * alone.share()
        );
        assert!(held_out.share() >= 0.99, "{name}: {held_out:?}");
        assert!(held_out.same > alone.same);
        // What the held-out years miss belongs to the two alliances in force in a single year
        // (1110 in 1840, 1120 in 1847): the other half of the years cannot teach them.
        for d in differences(&members, &coding, &built, &theirs) {
            if test(d.year) {
                assert!(
                    d.extra
                        .iter()
                        .all(|(_, ids)| ids == &[1110] || ids == &[1120]),
                    "{name}: {d:?}"
                );
            }
        }
    }
    let coding = learn_partner_coding(&members, &theirs, |_| true);
    assert_eq!(coding.exceptions.len(), 66);
    assert_eq!(coding.alliances().len(), 9);
    assert!(coding.contradicted.is_empty() && coding.unexplained.is_empty());
    let built = directed_dyad_years_coded(&members, 1815, 1944, &coding);
    let g = agreement(&built, &theirs, |_| true);
    assert_eq!((g.rows, g.same), (12_476, 12_476));
    // ATOP's coding of Locarno: Britain and Italy guarantee France, not each other.
    assert!(built[&(200, 220, 1930)].defense && !built[&(200, 325, 1930)].defense);
}

/// With the partner-level coding, the panel's directed ATOP columns are ATOP's own table: every row
/// of ATOP's 1816–1944 table whose states are both in the COW system that year is in the panel with
/// the same five values, and every other panel row has none: the values peacesciencer's
/// `add_atop_alliance()` gives.
#[test]
fn panel_atop_columns_equal_atops_table() {
    use entente_analysis::panel::{Addon, Inputs, Panel, Portfolio, Unit, Values};
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
            let key = (c1[r].unwrap() as u32, c2[r].unwrap() as u32, y);
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
        .filter(|k| k.2 >= 1816 && !in_system.contains(k))
        .count();
    eprintln!(
        "{matched} ATOP rows matched, {empty} unallied panel rows, {outside} ATOP rows outside the COW system"
    );
    // Every ATOP row is accounted for: in the panel with the same values, in 1815 (before the COW
    // system begins), or with a state the COW system does not list that year: German states before
    // COW admits them (Hanover to 1837, Mecklenburg to 1842), some Latin American states' early
    // years, and governments in exile 1940–44 (Norway, the Netherlands, Belgium, Poland, …).
    let before = theirs.keys().filter(|k| k.2 < 1816).count();
    assert_eq!(matched + outside + before, theirs.len());
    assert_eq!((matched, outside), (10_054, 2_296));
}
