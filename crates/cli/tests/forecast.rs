//! `entente forecast`: the expected-utility model on the shared stakeholder files, and Richardson's
//! equations on NMC's military expenditure (the 1909–1913 case re-estimated beside Richardson's).

use crate::util::{Dir, data, entente, json, stderr, stdout};

#[test]
fn eu_on_the_ec_example_with_its_chart() {
    let Some(d) = data() else { return };
    let dir = Dir::new("forecast-eu");
    let svg = dir.path().join("eu.svg");
    let file = format!("{d}/oracles/bdm/ExampleActors.csv");
    let (v, out) = json(&[
        "forecast",
        "eu",
        &file,
        "--rounds",
        "3",
        "--rules",
        "replication",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rounds = v["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 4);
    assert!((rounds[3]["median"].as_f64().unwrap() - 9.962).abs() < 5e-4);
    assert_eq!(rounds[1]["moves"][0]["actor"], "Belgium");
    assert_eq!(rounds[1]["moves"][0]["kind"], "compromise");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("median voter position") && text.contains("Belgium"));
    // The table and the moves in words.
    let o = entente(&["forecast", "eu", &file, "--rounds", "1", "--moves"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("median (forecast)") && stdout(&o).contains("takes France's"));
}

#[test]
fn eu_bad_input_is_reported() {
    let dir = Dir::new("forecast-bad");
    dir.write(
        "a.csv",
        "Actor,Capability,Position,Salience\nA,0.5,1,0.5\nB,x,2,0.5\nC,0.5,3,-1\nD,0.2,4,0.9\n",
    );
    let o = entente(&[
        "forecast",
        "eu",
        dir.path().join("a.csv").to_str().unwrap(),
        "--rounds",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2 of 4 rows rejected")
            && err.contains("a.csv:3")
            && err.contains("capability is \"x\""),
        "{err}"
    );
    dir.write("b.csv", "Name,Power\nA,1\n");
    let o = entente(&["forecast", "eu", dir.path().join("b.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("needs Actor (or Stakeholder)"),
        "{}",
        stderr(&o)
    );
}

/// Richardson (1960) summarised 1909–1913 as Δ(x + y) = 0.73·(x + y − 194), £ million, for
/// France + Russia against Germany + Austria-Hungary. The same form re-estimated on NMC's figures
/// for the same states and years, computed here independently of entente from the NMC file itself
/// (sums, then the least-squares line of the changes on the levels), equals entente's.
#[test]
fn the_1909_1913_race_beside_richardsons() {
    let Some(d) = data() else { return };
    let (v, out) = json(&[
        "--data",
        &d,
        "forecast",
        "arms-race",
        "FRN,RUS",
        "GMY,AUH",
        "--from",
        "1909",
        "--to",
        "1913",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(v["unit"], "£ million");
    let o = entente(&[
        "--data",
        &d,
        "forecast",
        "arms-race",
        "FRN,RUS",
        "GMY,AUH",
        "--from",
        "1909",
        "--to",
        "1913",
    ]);
    assert!(stdout(&o).contains("Richardson (1960)") && stdout(&o).contains("0.73·(x + y − 194)"));
    // The NMC file entente reads (the first of the known names in the data folder).
    let nmc = [
        "nmc/NMC-60-abridged.csv",
        "nmc/NMC-70-abridged_via_peacesciencer.csv",
    ]
    .iter()
    .map(|f| format!("{d}/{f}"))
    .find(|p| std::path::Path::new(p).exists())
    .unwrap();
    let mut rd = csv::Reader::from_path(&nmc).unwrap();
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (cc, yc, mc) = (col("ccode"), col("year"), col("milex"));
    let mut s = [0.0f64; 5];
    for r in rd.records() {
        let r = r.unwrap();
        let (c, y): (u32, i32) = (r[cc].parse().unwrap(), r[yc].parse().unwrap());
        if [220, 365, 255, 300].contains(&c) && (1909..=1913).contains(&y) {
            s[(y - 1909) as usize] += r[mc].parse::<f64>().unwrap() / 1000.0;
        }
    }
    let lv: Vec<f64> = s[..4].to_vec();
    let dv: Vec<f64> = (1..5).map(|t| s[t] - s[t - 1]).collect();
    let (ml, md) = (lv.iter().sum::<f64>() / 4.0, dv.iter().sum::<f64>() / 4.0);
    let slope = lv
        .iter()
        .zip(&dv)
        .map(|(l, d)| (l - ml) * (d - md))
        .sum::<f64>()
        / lv.iter().map(|l| (l - ml) * (l - ml)).sum::<f64>();
    let s0 = ml - md / slope;
    let alpha = v["pooled"]["alpha"]["value"].as_f64().unwrap();
    assert!((alpha - slope).abs() < 1e-9, "{alpha} vs {slope}");
    assert!((v["pooled"]["s0"].as_f64().unwrap() - s0).abs() < 1e-6);
    // Printed beside Richardson's in the docs: NMC's figures give a steeper line (1913's jump).
    assert!(alpha > 0.73 && (150.0..230.0).contains(&s0), "{alpha} {s0}");
    // A fit across 1914 mixes pounds and dollars: refused.
    let o = entente(&[
        "--data",
        &d,
        "forecast",
        "arms-race",
        "FRN",
        "GMY",
        "--from",
        "1905",
        "--to",
        "1920",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("spans 1914"), "{}", stderr(&o));
}

#[test]
fn japan_against_china_with_their_allies() {
    let Some(d) = data() else { return };
    let dir = Dir::new("forecast-race");
    let svg = dir.path().join("race.svg");
    let (v, out) = json(&[
        "--data",
        &d,
        "forecast",
        "arms-race",
        "JPN",
        "CHN",
        "--with-allies",
        "--from",
        "1990",
        "--to",
        "2016",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // ATOP's defence pacts: the United States with Japan, North Korea with China.
    assert_eq!(v["sides"], serde_json::json!(["JPN+USA", "CHN+PRK"]));
    assert!(stderr(&out).contains("NMC has no military expenditure for PRK"));
    let p = &v["projection"];
    assert_eq!(p["replicates"], 1000);
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains("bootstrap band")
    );
}

#[test]
fn the_bundled_issue_on_japans_alignment() {
    let (v, out) = json(&[
        "forecast",
        "eu",
        "japan-alignment",
        "--rounds",
        "10",
        "--sensitivity",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let f = &v["forecast"];
    let names: Vec<&str> = f["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["JPN", "USA", "KOR", "AUS", "RUS", "CHN", "PRK"]);
    // Capabilities are the scenario's NMC CINC for 2022 (capabilities-nmc.toml: China 0.234).
    let chn = &f["actors"][5];
    assert!(
        (chn["capability"].as_f64().unwrap() - 0.23409663).abs() < 1e-9,
        "{chn}"
    );
    assert_eq!(f["rounds"].as_array().unwrap().len(), 11);
    // The robustness table: each of the 7 actors' capability and salience, ±20%.
    let rows = v["sensitivity"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 14);
    assert!(
        rows.iter()
            .all(|r| r["low"].is_number() && r["high"].is_number())
    );
    // An unknown issue names the ones there are.
    let o = entente(&["forecast", "eu", "japan-neutrality"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("issues: japan-alignment"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_issue_is_reported_at_its_line() {
    let dir = Dir::new("forecast-issue");
    dir.write("base.toml", crate::util::BASE).write(
        "issues.toml",
        r#"[[issue]]
id = "q"
question = "?"
scale = { low = 0, high = 10, low_means = "a", high_means = "b" }
confidence = "assessment"
cite = [{ source = "doc", lines = "1" }]

[[issue.stakeholder]]
actor = "AAA"
position = 12
salience = 1.5
why = "estimate"
confidence = "assessment"
cite = [{ source = "doc", lines = "2" }]

[[issue.stakeholder]]
actor = "AAA"
position = 3
salience = 0.5
why = "estimate"
confidence = "assessment"
cite = []
"#,
    );
    let out = entente(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let file = dir.path().join("issues.toml").display().to_string();
    assert!(
        err.contains(&format!("{file}:10:")) && err.contains("position 12 is off the scale 0–10"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:11:")) && err.contains("salience 1.5 is not in 0–1"),
        "{err}"
    );
    assert!(err.contains("AAA is a stakeholder twice"), "{err}");
    assert!(err.contains("stance has no source"), "{err}");
}
