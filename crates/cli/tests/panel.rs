//! `entente panel` on the datasets in `../shared/data`.

use crate::util::{Dir, data, entente, stderr};
use std::path::PathBuf;

fn csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    (
        header,
        lines
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect(),
    )
}

#[test]
fn directed_and_non_directed_dyad_years() {
    let Some(d) = data() else { return };
    let dir = Dir::new("panel-dyads");
    let out = dir.path().join("dd.csv");
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "dyad-year",
        "--directed",
        "--from",
        "1902",
        "--to",
        "1903",
        "--with",
        "atop,cow,nmc,contiguity,mid",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = csv(&out);
    let col = |name: &str| {
        h.iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("no column {name} in {h:?}"))
    };
    // One row per ordered pair of system members per year: check the count against system2016.
    let sys = std::fs::read_to_string(PathBuf::from(&d).join("states/system2016.csv")).unwrap();
    let n = |y: &str| {
        sys.lines()
            .filter(|l| l.ends_with(&format!(",{y},2016")))
            .count()
    };
    assert_eq!(
        rows.len(),
        n("1902") * (n("1902") - 1) + n("1903") * (n("1903") - 1)
    );
    let get = |a: &str, b: &str, y: &str| {
        rows.iter()
            .find(|r| r[col("ccode1")] == a && r[col("ccode2")] == b && r[col("year")] == y)
            .unwrap()
            .clone()
    };
    // The Anglo-Japanese alliance, January 1902: both directions coded from ATOP.
    let uk_jp = get("200", "740", "1902");
    assert_eq!(uk_jp[col("atop_defense")], "1");
    assert_eq!(uk_jp[col("cow_defense")], "1");
    assert!(uk_jp[col("cinc1")] != "NA" && !uk_jp[col("cinc1")].is_empty());
    // Contiguity is 0 (not listed) for Britain–Japan, not missing.
    assert_eq!(uk_jp[col("conttype")], "0");
    // Non-directed: one row per pair, a tie if either owes it.
    let out2 = dir.path().join("nd.csv");
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "dyad-year",
        "--from",
        "1902",
        "--to",
        "1902",
        "--with",
        "atop",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let (_, nd) = csv(&out2);
    assert_eq!(nd.len(), n("1902") * (n("1902") - 1) / 2);
}

#[test]
fn missing_not_zero_outside_coverage() {
    let Some(d) = data() else { return };
    let dir = Dir::new("panel-coverage");
    let out = dir.path().join("sy.csv");
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "state-year",
        "--from",
        "2015",
        "--to",
        "2016",
        "--with",
        "cow,mid,nmc,majors",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = csv(&out);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    // COW alliances end in 2012, MID 5.0 in 2014: missing in 2015–16, not zero.
    assert!(
        rows.iter()
            .all(|r| r[col("cow_ndefense")] == "NA" && r[col("mid_nadversaries")] == "NA")
    );
    assert!(rows.iter().any(|r| r[col("cinc")] != "NA"));
    // Major powers in 2016: the United States (2) is one, Canada (20) is not.
    let usa = rows.iter().find(|r| r[0] == "2" && r[1] == "2016").unwrap();
    let can = rows
        .iter()
        .find(|r| r[0] == "20" && r[1] == "2016")
        .unwrap();
    assert_eq!(
        (usa[col("cowmaj")].as_str(), can[col("cowmaj")].as_str()),
        ("1", "0")
    );
}

#[test]
fn bad_panel_requests_are_exit_2() {
    let Some(d) = data() else { return };
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "state-year",
        "--with",
        "similarity",
        "--out",
        "/tmp/x.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("similarity is a dyad-year measure"));
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "dyad-year",
        "--with",
        "polity",
        "--out",
        "/tmp/x.csv",
    ]);
    assert!(stderr(&o).contains("use any of atop, cow, nmc, mid, contiguity, similarity"));
    let o = entente(&["panel", "dyad-year", "--out", "/tmp/x.csv"]);
    assert!(stderr(&o).contains("--data DIR"));
}

#[test]
fn parquet_reads_back_in_pyarrow() {
    let Some(d) = data() else { return };
    let have = std::process::Command::new("python3")
        .args(["-c", "import pyarrow"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_PYARROW").is_none(),
            "pyarrow is required here (.ci/run installs it)"
        );
        eprintln!("skipping: python3 with pyarrow is not installed (.ci/run installs it)");
        return;
    }
    let dir = Dir::new("panel-parquet");
    let out = dir.path().join("p.parquet");
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "dyad-year",
        "--directed",
        "--from",
        "1900",
        "--to",
        "1914",
        "--with",
        "atop,nmc,similarity",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = format!(
        "import pyarrow.parquet as pq, pyarrow.compute as pc\nt = pq.read_table({:?})\nm = pc.and_(pc.and_(pc.equal(t['ccode1'], 200), pc.equal(t['ccode2'], 740)), pc.equal(t['year'], 1905))\nr = t.filter(m)\nprint(t.num_rows, r['atop_defense'][0].as_py(), t.schema.field('cinc1').type, round(r['s_atop'][0].as_py(), 6))",
        out.to_str().unwrap()
    );
    let py = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let text = String::from_utf8_lossy(&py.stdout);
    let f: Vec<&str> = text.split_whitespace().collect();
    assert!(f[0].parse::<usize>().unwrap() > 20_000, "{text}");
    assert_eq!((f[1], f[2]), ("1", "double"), "{text}");
    assert!(f[3].parse::<f64>().unwrap() > 0.0);
}

/// `entente similarity` gives one dyad-year's measures: the same numbers as that row of the panel.
#[test]
fn similarity_of_one_dyad_year_is_the_panel_row() {
    let Some(d) = data() else { return };
    let dir = Dir::new("similarity-one");
    let out = dir.path().join("s.csv");
    let o = entente(&[
        "--data",
        &d,
        "panel",
        "dyad-year",
        "--directed",
        "--from",
        "1914",
        "--to",
        "1914",
        "--with",
        "similarity",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (h, rows) = csv(&out);
    let row = rows
        .iter()
        .find(|r| r[0] == "255" && r[1] == "365")
        .unwrap();
    let o = entente(&[
        "--data",
        &d,
        "--format",
        "json",
        "similarity",
        "GMY",
        "365",
        "--year",
        "1914",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ms = v["measures"].as_array().unwrap();
    assert_eq!(ms.len(), 7);
    for m in ms {
        let name = m["measure"].as_str().unwrap();
        for coding in ["atop", "cow"] {
            let col = match name {
                "s" => format!("s_{coding}"),
                n if n.starts_with("s_") => format!("s_{coding}_{}", &n[2..]),
                n => format!("{n}_{coding}"),
            };
            let i = h.iter().position(|x| *x == col).unwrap();
            let want: f64 = row[i].parse().unwrap();
            let got = m[coding].as_f64().unwrap();
            assert!(
                (want - got).abs() < 1e-12,
                "{col}: panel {want}, similarity {got}"
            );
        }
    }
    let o = entente(&["--data", &d, "similarity", "GMY", "XYZ", "--year", "1914"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("XYZ is not a state in the COW system in 1914"));
}
