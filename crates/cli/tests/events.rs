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

/// Reads the "N rows: G grouped, W without both countries, R rejected; K groups" line.
fn balance(err: &str) -> [u64; 4] {
    let line = err
        .lines()
        .find(|l| l.contains(" rows: "))
        .unwrap_or_else(|| panic!("no balance line in {err}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|t| t.parse().ok())
        .collect();
    [nums[0], nums[1], nums[2], nums[3]]
}

#[test]
fn generate_then_aggregate_on_any_thread_count() {
    let Some(d) = data() else { return };
    let dir = Dir::new("aggregate");
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let export = format!("{d}/gdelt/20180101000000.export.CSV");
    for (name, seed) in [
        ("a.export.CSV", "7"),
        ("b.export.CSV", "7"),
        ("c.export.CSV", "8"),
    ] {
        let o = entente(&[
            "events",
            "generate",
            "--from",
            &export,
            "--size",
            "3M",
            "--seed",
            seed,
            "--out",
            &p(name),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let a = std::fs::read(p("a.export.CSV")).unwrap();
    assert!(a.len() >= 3 << 20 && a.len() < (3 << 20) + 4096);
    assert_eq!(
        a,
        std::fs::read(p("b.export.CSV")).unwrap(),
        "same seed, same file"
    );
    assert_ne!(a, std::fs::read(p("c.export.CSV")).unwrap());
    std::fs::remove_file(p("b.export.CSV")).unwrap();
    std::fs::remove_file(p("c.export.CSV")).unwrap();
    // A broken row at the end, then the same aggregate on one and two threads.
    let rows = a.iter().filter(|&&b| b == b'\n').count() as u64;
    let mut broken = a.clone();
    broken.extend_from_slice(b"1\t20180101\tnot a row\n");
    std::fs::write(p("a.export.CSV"), &broken).unwrap();
    let mut outputs = vec![];
    for threads in ["1", "2"] {
        let out = p(&format!("agg{threads}.csv"));
        let rejects = p(&format!("rej{threads}.csv"));
        let o = entente(&[
            "events",
            "aggregate",
            &p("a.export.CSV"),
            "--by",
            "month",
            "--out",
            &out,
            "--threads",
            threads,
            "--rejects",
            &rejects,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let [n, grouped, without, rejected] = balance(&stderr(&o));
        assert_eq!((n, rejected), (rows + 1, 1));
        assert_eq!(
            n,
            grouped + without + rejected,
            "rows in = accepted + rejected"
        );
        let csv = std::fs::read_to_string(&out).unwrap();
        let events: u64 = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(4).unwrap().parse::<u64>().unwrap())
            .sum();
        assert_eq!(events, grouped);
        let rej = std::fs::read_to_string(&rejects).unwrap();
        assert!(
            rej.contains(&format!(",{},\"3 columns", rows + 1)),
            "the reject names its line: {rej}"
        );
        outputs.push(csv);
    }
    assert_eq!(outputs[0], outputs[1], "thread count changes nothing");
    assert!(outputs[0].starts_with("source,target,period,quad,events,goldstein_tenths\n"));
    assert!(outputs[0].contains(",201801,"), "periods are YYYYMM");
}

#[test]
fn generate_rejects_a_bad_size_and_an_empty_sample() {
    let dir = Dir::new("generate-bad");
    dir.write("empty.CSV", "just text\n");
    let sample = dir.path().join("empty.CSV");
    let out = dir.path().join("o.CSV");
    let o = entente(&[
        "events",
        "generate",
        "--from",
        sample.to_str().unwrap(),
        "--size",
        "2 gigs",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("write 2G, 500M, 64K"), "{}", stderr(&o));
    let o = entente(&[
        "events",
        "generate",
        "--from",
        sample.to_str().unwrap(),
        "--size",
        "1M",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no GDELT 2.0 rows"), "{}", stderr(&o));
}
