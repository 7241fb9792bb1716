//! `entente atop-dyads` and the panel's use of ATOP's partner-level coding.

use crate::util::{Dir, data, entente, stderr, stdout};

const MEMBERS: &str = "\
atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,ineffect,bilat,phase,defense,offense,neutral,nonagg,consul,conditio,asymm,obvary
1190,200,1855,11,21,1856,3,30,1,0,0,1,0,0,0,1,0,1,1
1190,220,1855,11,21,1856,3,30,1,0,0,1,0,0,0,1,0,1,1
1190,380,1855,11,21,1856,3,30,1,0,0,0,0,0,0,1,0,1,0
";

/// The codebook's example (§2.7) in ATOP's own layout: Britain and France defend Sweden, not each
/// other; all three consult.
const DYADIC: &str = "\
ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul
200380,200,380,1855,1,1,0,0,0,1
220380,220,380,1855,1,1,0,0,0,1
200220,200,220,1855,1,0,0,0,0,1
220200,220,200,1855,1,0,0,0,0,1
380200,380,200,1855,1,0,0,0,0,1
380220,380,220,1855,1,0,0,0,0,1
200380,200,380,1856,1,1,0,0,0,1
220380,220,380,1856,1,1,0,0,0,1
200220,200,220,1856,1,0,0,0,0,1
220200,220,200,1856,1,0,0,0,0,1
380200,380,200,1856,1,0,0,0,0,1
380220,380,220,1856,1,0,0,0,0,1
";

#[test]
fn the_codebook_example_is_learned_and_applied() {
    let dir = Dir::new("atop-sweden");
    dir.write("atop5_1m.csv", MEMBERS);
    let data = dir.path().to_str().unwrap().to_string();
    let out = dir.path().join("built.csv");
    // The member file alone: Britain owes France defence; nothing to check against.
    let o = entente(&[
        "--data",
        &data,
        "atop-dyads",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("member file alone"), "{}", stderr(&o));
    let built = std::fs::read_to_string(&out).unwrap();
    assert!(built.contains("\n200,220,1855,1,0,0,0,1\n"), "{built}");
    let o = entente(&["--data", &data, "atop-dyads", "--differences", "d.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--differences needs"), "{}", stderr(&o));
    // With ATOP's dyadic file: learned, checked, applied.
    dir.write("atop5_1ddyr.csv", DYADIC);
    let diffs = dir.path().join("diffs.csv");
    let o = entente(&[
        "--data",
        &data,
        "atop-dyads",
        "--out",
        out.to_str().unwrap(),
        "--differences",
        diffs.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 exceptions in 1 alliances"),
        "{}",
        stderr(&o)
    );
    let s = stdout(&o);
    assert!(s.contains("member file alone"), "{s}");
    assert!(
        s.contains("1190    1855        3        2               4     defense 4"),
        "{s}"
    );
    let built = std::fs::read_to_string(&out).unwrap();
    assert!(built.contains("\n200,220,1855,0,0,0,0,1\n"), "{built}");
    assert!(built.contains("\n200,380,1856,1,0,0,0,1\n"), "{built}");
    let d = std::fs::read_to_string(&diffs).unwrap();
    assert_eq!(d.lines().count(), 5, "{d}");
    assert!(
        d.contains("\n200,220,1855,1,0,0,0,1,0,0,0,0,1,1190\n"),
        "{d}"
    );
    // --atop-member-only leaves the coding out but still reports.
    let o = entente(&[
        "--data",
        &data,
        "atop-dyads",
        "--atop-member-only",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("exceptions in"));
    let built = std::fs::read_to_string(&out).unwrap();
    assert!(built.contains("\n200,220,1855,1,0,0,0,1\n"), "{built}");
}

#[test]
fn a_bad_dyadic_row_is_reported_and_the_rest_used() {
    let dir = Dir::new("atop-bad-row");
    dir.write("atop5_1m.csv", MEMBERS);
    dir.write(
        "atop5_1ddyr.csv",
        &DYADIC.replace("220200,220,200,1855,1,0,", "220200,220,200,1855,1,x,"),
    );
    let o = entente(&[
        "--data",
        dir.path().to_str().unwrap(),
        "atop-dyads",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("12 rows read, 11 accepted, 1 rejected"), "{e}");
    assert!(e.contains("line 5: `defense` is \"x\""), "{e}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The rejected row is missing from ATOP's side: counted as a disagreement, not dropped.
    assert_eq!(v["member_only"]["only_built"], 1);
    assert_eq!(v["coding"]["exceptions"].as_array().unwrap().len(), 2);
}

/// On the real ATOP files: the command's figures are the data test's, and the panel applies the
/// coding unless told not to.
#[test]
fn real_atop_files_reconcile_and_the_panel_uses_the_coding() {
    let Some(d) = data() else { return };
    let dir = Dir::new("atop-real");
    let diffs = dir.path().join("differences.csv");
    let o = entente(&[
        "--data",
        &d,
        "atop-dyads",
        "--format",
        "json",
        "--differences",
        diffs.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["years"], serde_json::json!([1815, 1944]));
    // The rows compared are ATOP's file's data lines (the same allied dyad-years on both sides),
    // and the rows the member file gets wrong are the lines of the differences file: the JSON
    // summary and the file written agree, and the fitted coding equals every row.
    let atop_rows =
        std::fs::read_to_string(std::path::Path::new(&d).join("atop/atop5_1_ddyr_1815-1944.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .count() as u64;
    let wrong = std::fs::read_to_string(&diffs)
        .unwrap()
        .lines()
        .skip(1)
        .count() as u64;
    let (rows, same) = (
        v["member_only"]["rows"].as_u64().unwrap(),
        v["member_only"]["same"].as_u64().unwrap(),
    );
    assert_eq!((rows, rows - same), (atop_rows, wrong));
    assert_eq!(v["coded"]["same"].as_u64(), Some(atop_rows));
    for h in v["held_out"].as_array().unwrap() {
        let share = h["coded"]["same"].as_f64().unwrap() / h["coded"]["rows"].as_f64().unwrap();
        assert!(share >= 0.99, "{h}");
    }
    assert_eq!(v["residual_by_alliance"].as_array().unwrap().len(), 9);
    assert_eq!(
        v["beyond_table"],
        serde_json::json!([3322, 3395, 3400, 3405, 4678])
    );
    let row = |member_only: bool| {
        let out = dir.path().join("p.csv");
        let mut args = vec![
            "--data",
            &d,
            "panel",
            "dyad-year",
            "--directed",
            "--from",
            "1926",
            "--to",
            "1926",
            "--out",
        ];
        let o = out.to_str().unwrap().to_string();
        args.push(&o);
        if member_only {
            args.push("--atop-member-only");
        }
        let r = entente(&args);
        assert!(r.status.success(), "{}", stderr(&r));
        let text = std::fs::read_to_string(&out).unwrap();
        // Germany towards Belgium under Locarno: ATOP codes non-aggression, not defence.
        text.lines()
            .find(|l| l.starts_with("255,211,1926,"))
            .unwrap()
            .to_string()
    };
    assert_eq!(row(false), "255,211,1926,0,0,0,1,0");
    assert_eq!(row(true), "255,211,1926,1,0,0,1,0");
}

/// `agreements` and `actor` on the world the data gives for a date: ATOP's phase file supplies each
/// phase's alliance-level provisions (NATO in 1990: one-way basing and a permanent bureaucracy) and
/// its partner-level coding reaches the obligations (Germany's offence obligation under the Triple
/// Alliance in 1914 is owed to Italy, not Austria-Hungary).
#[test]
fn agreements_and_actor_on_a_data_world() {
    let Some(d) = data() else { return };
    let o = entente(&[
        "--data",
        &d,
        "--format",
        "json",
        "agreements",
        "--date",
        "1990-01-01",
        "--between",
        "USA",
        "UKG",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let nato = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agreement"]["id"] == "atop-3180-2")
        .unwrap_or_else(|| panic!("{v}"));
    let coop = nato["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "cooperation")
        .unwrap();
    let summary = coop["summary"].as_str().unwrap();
    assert!(
        summary.contains("(base 3)") && summary.contains("permanent bureaucracy (organ1 3)"),
        "{summary}"
    );
    let o = entente(&["--data", &d, "actor", "GMY", "--date", "1914-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    let offence: Vec<&str> = s
        .lines()
        .filter(|l| l.trim_start().starts_with("offence"))
        .collect();
    assert!(
        offence.iter().any(|l| l.contains(" ITA ")) && !offence.iter().any(|l| l.contains(" AUH ")),
        "{offence:?}"
    );
    // The states of that world, in COW's codes: Serbia is YUG (COW's code 345 throughout); 45 in
    // COW's system, and two ATOP alliance members outside it (ATOP cowsys = 0): Montenegro and
    // Costa Rica.
    let o = entente(&["--data", &d, "actors", "--date", "1914-07-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Actors in data-1914-07-01 (47)"),
        "{}",
        stdout(&o)
    );
    let o = entente(&[
        "--data",
        &d,
        "cascade",
        "--attacker",
        "AUH",
        "--target",
        "Serbia",
        "--date",
        "1914-07-28",
    ]);
    // "Serbia" is COW 345 in 1914 (the crosswalk's Serbia row, for the years 345 is Serbia).
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("AUH attacks YUG"), "{}", stdout(&o));
    // A name the data does not know is still an error that says where to look.
    let o = entente(&[
        "--data",
        &d,
        "cascade",
        "--attacker",
        "AUH",
        "--target",
        "Ruritania",
        "--date",
        "1914-07-28",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`entente --data DIR actors --date D` lists them"),
        "{}",
        stderr(&o)
    );
    // Without --date a data world has no day to be built for.
    let o = entente(&["--data", &d, "agreements"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
}

/// A phase file from another ATOP version than the member file: the world is still built, and the
/// disagreement is named on stderr, not mixed in silently.
#[test]
fn mismatched_atop_files_are_named() {
    let dir = Dir::new("atop-mismatch");
    dir.write("atop5_1m.csv", MEMBERS);
    dir.write(
        "states2016.csv",
        "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n\
         UKG,200,United Kingdom,1816,1,1,2016,12,31,2016\n\
         FRN,220,France,1816,1,1,2016,12,31,2016\n\
         SWD,380,Sweden,1816,1,1,2016,12,31,2016\n",
    );
    dir.write(
        "atop5_1aph.csv",
        "atopid,atopidphase,phase,begyr,begmo,begday,endyr,endmo,endday,bilat,defense,offense,neutral,nonagg,consul,asymm,pubsecr,milcon,mem1,mem2,mem3,mem4\n\
         1190,1190,0,1855,11,21,1856,3,30,0,1,0,0,0,1,1,1,1,200,220,380,390\n",
    );
    let o = entente(&[
        "--data",
        dir.path().to_str().unwrap(),
        "agreements",
        "--date",
        "1856-01-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("disagree in 1 places"), "{e}");
    assert!(e.contains("only in the phase file: [390]"), "{e}");
    // The phase row still gives its alliance-level provisions and secrecy.
    let o = entente(&[
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "agreements",
        "--date",
        "1856-01-01",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let a = &v[0]["agreement"];
    assert!(a["note"].as_str().unwrap().contains("pubsecr 1"), "{a}");
    assert!(
        v[0]["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["summary"].as_str().unwrap().contains("(milcon 1)")),
        "{v}"
    );
}
