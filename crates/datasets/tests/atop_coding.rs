//! ATOP directed dyad-years built from the member file, against ATOP's own directed dyad-year table
//! for 1815–1944 (`../shared/data/atop/atop5_1_ddyr_1815-1944.csv`, via peacesciencer).

use entente_datasets::atop::AtopMember;
use entente_datasets::atop::coding::{
    DyadTable, Obligation, Obligations, PartnerCoding, agreement, differences, directed_dyad_years,
    directed_dyad_years_coded, learn_partner_coding, published_table, reconcile,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn atop() -> Option<(Vec<AtopMember>, DyadTable)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/atop");
    if !dir.exists() {
        entente_table::testdata::skip(&dir);
        return None;
    }
    let members = entente_datasets::atop::read_members(&dir.join("atop5_1m.csv")).unwrap();
    assert!(members.check_balance() && members.rejects.is_empty());
    let dyadic =
        entente_datasets::atop::read_directed_dyad_years(&dir.join("atop5_1_ddyr_1815-1944.csv"))
            .unwrap();
    assert!(dyadic.check_balance() && dyadic.rejects.is_empty());
    // Every data line of the file is a row (counted from the text, not by the reader).
    let text = std::fs::read_to_string(dir.join("atop5_1_ddyr_1815-1944.csv")).unwrap();
    assert_eq!(
        dyadic.rows.len(),
        text.lines().skip(1).filter(|l| !l.is_empty()).count()
    );
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
    assert_eq!(g.rows, theirs.len());
    // A snapshot (the code's own output, reviewed when it changes; `UPDATE_EXPECT=1` rewrites it):
    // no published figure gives the member file's agreement with ATOP's table. What is independent
    // is below: every difference is classified by the alliance behind it.
    expect_test::expect!["rows 12476, equal 12131 (97.235%)"].assert_eq(&format!(
        "rows {}, equal {} ({:.3}%)",
        g.rows,
        g.same,
        100.0 * g.share()
    ));
    assert_eq!(
        (g.only_built, g.only_published),
        (0, 0),
        "the same allied dyad-years"
    );
    // Directed means directed: in 1832 France owed Belgium defence; Belgium owed France nothing.
    assert!(ours[&entente_model::DyadYear::new(220, 211, 1832)].defense);
    assert_eq!(
        ours[&entente_model::DyadYear::new(211, 220, 1832)],
        Obligations::default()
    );
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
            if test(d.key.year) {
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
    assert_eq!(
        (g.rows, g.same),
        (theirs.len(), theirs.len()),
        "fitted: every row it learned from"
    );
    // ATOP's coding of Locarno: Britain and Italy guarantee France, not each other.
    assert!(
        built[&entente_model::DyadYear::new(200, 220, 1930)].defense
            && !built[&entente_model::DyadYear::new(200, 325, 1930)].defense
    );
}

/// The out-of-sample test: an alliance's rows, coded with what every *other* alliance's rows teach.
/// The exceptions are named by alliance, so the coding cannot fix an error that is the held-out
/// alliance's own (by construction); what the test can show, and does, is that corrections learned
/// from other alliances break none of its right rows. The fixes it finds are rows shared with another
/// alliance whose own error that alliance's rows taught.
#[test]
fn partner_coding_does_not_predict_an_alliance_it_never_saw() {
    let Some((members, theirs)) = atop() else {
        return;
    };
    let r = reconcile(&members, &theirs).unwrap();
    let l = &r.leave_one_alliance_out;
    eprintln!(
        "leave one alliance out: {} alliances, {} alliance–row pairs; member file alone wrong on {} \
         ({} the held-out alliance's own); with the coding learned without the alliance, {} of them \
         fixed ({} of its own), {} new errors",
        l.alliances, l.tested, l.member_only_wrong, l.own_wrong, l.fixed, l.own_fixed, l.new_errors
    );
    // Every wrong row of the member file alone (345, `member_file_alone_and_what_it_cannot_say`)
    // is in some alliance's fold.
    assert!(l.member_only_wrong >= r.member_only.rows - r.member_only.same);
    assert_eq!(l.own_fixed, 0, "{l:?}");
    assert_eq!(l.new_errors, 0, "{l:?}");
    assert!(l.fixed <= l.member_only_wrong - l.own_wrong, "{l:?}");
}
