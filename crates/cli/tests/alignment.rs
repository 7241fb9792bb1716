//! `entente alignment` on the bundled scenario, the shared datasets, an event store built from the
//! shared GDELT and ICEWS files, and signed edge lists (the published Highland tribes values).

use crate::util::{Dir, data, entente, json, stderr};

fn oracles() -> Option<String> {
    data().map(|d| format!("{d}/oracles"))
}

#[test]
fn balance_and_blocs_of_the_highland_tribes_edge_list() {
    let Some(o) = oracles() else { return };
    let edges = format!("{o}/highland_tribes/tribes_edges.csv");
    let (v, out) = json(&["alignment", "balance", "--edges", &edges]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        v["settings"]["built_from"]
            .as_str()
            .unwrap()
            .contains("tribes_edges.csv")
    );
    let m = &v["periods"][0];
    assert_eq!(m["frustration_index"], 7);
    assert_eq!(m["optimal"], true);
    assert!((m["triangles"]["unweighted"].as_f64().unwrap() - 0.8676471).abs() < 5e-8);
    assert!((m["walk_index"].as_f64().unwrap() - 0.3575761).abs() < 5e-8);
    let mut small: Vec<String> = m["camps"][1]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_uppercase())
        .collect();
    small.sort();
    assert_eq!(small, ["GAMA", "GAVEV", "KOTUN", "NAGAD"]);
    let dir = Dir::new("alignment-blocs");
    let svg = dir.path().join("blocs.svg");
    let (v, out) = json(&[
        "alignment",
        "blocs",
        "--edges",
        &edges,
        "--k",
        "3",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["periods"][0]["blockmodel"]["criterion"], 2.0);
    assert_eq!(v["periods"][0]["blocs"].as_array().unwrap().len(), 3);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("Gavev"));
}

#[test]
fn the_axis_question_on_the_bundled_scenario() {
    let dir = Dir::new("alignment-triad");
    let svg = dir.path().join("triad.svg");
    let (v, out) = json(&[
        "alignment",
        "triad",
        "Russia",
        "China",
        "DPRK",
        "--from",
        "2020",
        "--to",
        "2026",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["actors"], serde_json::json!(["RUS", "CHN", "PRK"]));
    let periods = v["periods"].as_array().unwrap();
    let year = |y: &str| periods.iter().find(|p| p["period"] == y).unwrap();
    // RUS–PRK (the second tie): no treaty before the 2024 treaty, a positive tie with it.
    assert!(year("2023")["ties"][1]["sign"].is_null());
    let t2024 = &year("2024")["ties"][1];
    assert_eq!(t2024["sign"], 1);
    assert!(
        t2024["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("Russia–DPRK treaty"))
    );
    // All three positive from 2024: balanced, and closing that year.
    assert_eq!(year("2024")["balanced"], true);
    assert_eq!(year("2024")["closing"], true);
    assert!(
        v["turning_points"][1]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["period"] == "2024")
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("RUS–PRK") && text.contains("2024"));
    // The blocs on the map: the outline drawn, states without a tie grey and listed apart.
    let blocs = dir.path().join("blocs.svg");
    let (v, out) = json(&["alignment", "blocs", "--svg", blocs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&blocs).unwrap();
    assert!(text.contains("#eef0f2") && text.contains(">JPN<") && text.contains("no tie"));
    let untied = v["periods"][0]["untied"].as_array().unwrap();
    let in_blocs: usize = v["periods"][0]["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_array().unwrap().len())
        .sum();
    assert!(!untied.is_empty() && in_blocs > 0);
    // The table says the same in words.
    let o = entente(&[
        "alignment",
        "triad",
        "RUS",
        "CHN",
        "PRK",
        "--date",
        "2025-06",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Russia–DPRK treaty (2024)"));
}

#[test]
fn the_cow_era_from_atop_and_mid() {
    let Some(d) = data() else { return };
    let (v, out) = json(&[
        "--data",
        &d,
        "alignment",
        "balance",
        "--from",
        "1946",
        "--to",
        "1999",
        "--window",
        "4",
        "--source",
        "treaties,mid",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["settings"]["sources"]["mid"], true);
    assert_eq!(v["settings"]["weights"]["mid"], 1.0);
    let rows = v["periods"].as_array().unwrap();
    assert_eq!(rows.len(), 51);
    assert_eq!(rows[0]["period"], "1946–1949");
    assert_eq!(rows[50]["period"], "1996–1999");
    assert!(rows.iter().all(|r| r["optimal"] == true));
    // Every tie carries its evidence; MIDs make the negative ones.
    let first = &rows[0];
    assert!(first["negative"].as_u64().unwrap() > 0);
    let ties = first["ties"].as_array().unwrap();
    assert!(ties.iter().any(|t| t["evidence"][0]["source"] == "mid"));
    assert!(ties.iter().any(|t| t["evidence"][0]["source"] == "atop"));
}

#[test]
fn events_from_a_store_join_the_treaty_ties() {
    let Some(d) = data() else { return };
    let dir = Dir::new("alignment-store");
    let store = dir.path().join("store");
    let o = entente(&[
        "--data",
        &d,
        "events",
        "ingest",
        &format!("{d}/gdelt"),
        &format!("{d}/icews"),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (v, out) = json(&[
        "alignment",
        "triad",
        "RUS",
        "CHN",
        "PRK",
        "--store",
        store.to_str().unwrap(),
        "--from",
        "2018-01",
        "--to",
        "2018-06",
        "--by",
        "quarter",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["settings"]["event_rule"]["min_events"], 10);
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2, "2018-Q1 and 2018-Q2");
    // ICEWS's June days, counted here from the raw file (country names and CAMEO roots; roots 01–09
    // are cooperation): every Russia–North Korea event is cooperative — a positive tie from the event
    // record alone (no treaty then); Russia–China keeps its treaty tie (too few events).
    let (mut n, mut coop) = (0, 0);
    for e in std::fs::read_dir(format!("{d}/icews")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "tab") {
            continue;
        }
        for line in std::fs::read_to_string(&p).unwrap().lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let pair = (f[4], f[10]);
            if pair == ("Russian Federation", "North Korea")
                || pair == ("North Korea", "Russian Federation")
            {
                n += 1;
                coop += usize::from(f[6].get(..2).is_some_and(|r| r <= "09"));
            }
        }
    }
    assert!(n >= 10, "{n} events");
    let rus_prk = &periods[1]["ties"][1];
    assert_eq!(rus_prk["sign"], 1);
    let ev: Vec<&str> = rus_prk["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let want = format!(
        "events: {n} events ({coop} cooperative, {} conflictual)",
        n - coop
    );
    assert!(ev.iter().any(|e| e.starts_with(&want)), "{ev:?} vs {want}");
    assert!(
        periods[0]["ties"][1]["sign"].is_null(),
        "no RUS–PRK evidence in Q1"
    );
}

#[test]
fn bad_input_is_reported() {
    let dir = Dir::new("alignment-bad");
    dir.write("e.csv", "from,to,sign\nA,B,1\nB,C,-1\nC,A,maybe\nD,D,1\n");
    let o = entente(&[
        "alignment",
        "balance",
        "--edges",
        dir.path().join("e.csv").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("2 of 4 rows rejected"), "{err}");
    assert!(
        err.contains("e.csv:4") && err.contains("write 1 or -1"),
        "{err}"
    );
    let o = entente(&["alignment", "balance", "--source", "love"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sources are treaties, wars, mid and events"));
    let o = entente(&["alignment", "balance", "--from", "2020", "--to", "2019"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is after"), "{}", stderr(&o));
}
