//! `entente events series` on the shared GDELT export and ICEWS days.

use crate::util::{Dir, entente, json, stderr};
use std::path::PathBuf;

fn data() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.exists() {
        Some(p.to_string_lossy().into_owned())
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

#[test]
fn dyad_series_from_icews_and_gdelt() {
    let Some(d) = data() else { return };
    let dir = Dir::new("events");
    let svg = dir.path().join("s.svg");
    let (v, out) = json(&[
        "--data",
        &d,
        "events",
        "series",
        &format!("{d}/icews"),
        &format!("{d}/gdelt"),
        "--dyad",
        "United States",
        "China",
        "--by",
        "day",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        v["rows_rejected"], 0,
        "the column list is not read from a directory"
    );
    assert_eq!(v["rows_read"], 2414 + 3705);
    let cells = v["series"][0]["cells"].as_array().unwrap();
    assert_eq!(
        (
            v["series"][0]["source"].as_str(),
            v["series"][0]["target"].as_str()
        ),
        (Some("CHN"), Some("USA"))
    );
    let june1 = cells.iter().find(|c| c["period"] == "2018-06-01").unwrap();
    let q: Vec<u64> = june1["quad_counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect();
    assert_eq!(q.iter().sum::<u64>(), june1["events"].as_u64().unwrap());
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("CHN – USA events by day")
    );
    // Directed: two series.
    let (v, _) = json(&[
        "--data",
        &d,
        "events",
        "series",
        &format!("{d}/icews"),
        "--dyad",
        "RUS",
        "UKR",
        "--directed",
        "--by",
        "day",
    ]);
    assert_eq!(v["series"].as_array().unwrap().len(), 2);
}

#[test]
fn icews_without_a_crosswalk_and_bad_period_are_exit_2() {
    let Some(d) = data() else { return };
    let o = entente(&[
        "events",
        "series",
        &format!("{d}/icews"),
        "--dyad",
        "RUS",
        "UKR",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("give --data DIR with the country-code crosswalk"),
        "{}",
        stderr(&o)
    );
    let o = entente(&[
        "events",
        "series",
        &format!("{d}/gdelt"),
        "--dyad",
        "RUS",
        "UKR",
        "--by",
        "fortnight",
    ]);
    assert!(stderr(&o).contains("use day, week, month or year"));
}
