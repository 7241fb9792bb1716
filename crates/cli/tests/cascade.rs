//! `entente cascade` and `entente compare` on the bundled scenario.

use crate::util::{Dir, entente, json, stderr, stdout};
use serde_json::Value;

fn sides(v: &Value) -> (Vec<String>, Vec<String>) {
    let list = |k: &str| {
        v["cascade"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    (list("aggressor_side"), list("defending_side"))
}

#[test]
fn north_korean_attack_json() {
    let (v, out) = json(&[
        "cascade",
        "--attacker",
        "PRK",
        "--target",
        "ROK",
        "--at",
        "korean-peninsula",
        "--trials",
        "20000",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (agg, def) = sides(&v);
    assert_eq!(agg, ["PRK"]);
    assert_eq!(def, ["KOR", "USA"]);
    let us = &v["cascade"]["waves"][1]["entries"][0];
    assert_eq!(us["how"]["by"], "obligation");
    assert_eq!(us["how"]["agreement"], "us-rok-1953");
    assert_eq!(us["how"]["article"], "Art. III");
    let ru = v["cascade"]["stays_out"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["actor"] == "RUS" && x["kind"] == "defence")
        .unwrap();
    assert_eq!(ru["article"], "Art. 4");
    assert!(
        ru["reasons"][0]
            .as_str()
            .unwrap()
            .contains("PRK struck first")
    );
    let mc = &v["monte_carlo"];
    assert_eq!(mc["trials"], 20000);
    let usa = mc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["actor"] == "USA")
        .unwrap();
    // The scenario's case assessment for the US under Art. III (0.9, the tripwire), not the
    // by-type base rate, and the output says so.
    let p = usa["p_defender"].as_f64().unwrap();
    assert!((p - 0.9).abs() < 0.02, "{p}");
    let basis = mc["obligations"][0]["p_basis"].as_str().unwrap();
    assert!(basis.starts_with("case assessment"), "{basis}");
}

#[test]
fn table_output_says_why_russia_and_china_stay_out() {
    let out = entente(&[
        "cascade",
        "--attacker",
        "PRK",
        "--target",
        "KOR",
        "--at",
        "korea",
        "--trials",
        "1000",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("US–ROK Mutual Defense Treaty (1953) Art. III (defence) → KOR"),
        "{text}"
    );
    assert!(text.contains("Russia–DPRK treaty (2024)"));
    assert!(text.contains("PRK struck first: the obligation binds only if PRK is attacked"));
    assert!(
        text.contains(
            "Monte Carlo: 1,000 trials, seed 1, prior by-type (Berkemeier & Fuhrmann 2018)"
        )
    );
}

#[test]
fn same_seed_same_output_on_one_and_two_threads() {
    let args = |t: &'static str| {
        vec![
            "cascade",
            "--attacker",
            "USA",
            "--target",
            "PRK",
            "--at",
            "korean-peninsula",
            "--trials",
            "50000",
            "--seed",
            "9",
            "--threads",
            t,
        ]
    };
    let one = json(&args("1")).0;
    let two = json(&args("2")).0;
    assert_eq!(one["monte_carlo"], two["monte_carlo"]);
    let (_, def) = sides(&one);
    assert!(def.contains(&"RUS".to_string()) && def.contains(&"CHN".to_string()));
}

#[test]
fn honour_overrides_and_priors() {
    let (v, _) = json(&[
        "cascade",
        "--attacker",
        "PRK",
        "--target",
        "KOR",
        "--at",
        "korean-peninsula",
        "--trials",
        "5000",
        "--honour",
        "us-rok-1953=1",
    ]);
    let usa = v["monte_carlo"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["actor"] == "USA")
        .unwrap();
    assert_eq!(usa["p_defender"], 1.0);
    let (v, _) = json(&[
        "cascade",
        "--attacker",
        "PRK",
        "--target",
        "KOR",
        "--at",
        "korean-peninsula",
        "--trials",
        "5000",
        "--honour",
        "United States=0",
    ]);
    assert!(
        !v["monte_carlo"]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["actor"] == "USA")
    );
    let (v, _) = json(&[
        "cascade",
        "--attacker",
        "RUS",
        "--target",
        "EST",
        "--at",
        "EST",
        "--trials",
        "5000",
        "--prior",
        "flat",
    ]);
    // NATO's Art. 5 has no case assessment: the prior chosen applies.
    assert_eq!(v["monte_carlo"]["obligations"][0]["p_honour"], 0.745);
}

#[test]
fn compare_with_and_without_the_2024_treaty() {
    let (v, out) = json(&[
        "compare",
        "--attacker",
        "USA",
        "--target",
        "PRK",
        "--at",
        "korean-peninsula",
        "--vs-overlay",
        "without-2024-treaty",
        "--trials",
        "20000",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let changed = v["comparison"]["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(changed[0]["actor"], "RUS");
    assert_eq!(changed[0]["base"], "defender");
    assert_eq!(changed[0]["other"], Value::Null);
    let ru = v["comparison"]["odds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["actor"] == "RUS")
        .unwrap();
    assert!(ru["base_defender"].as_f64().unwrap() > 0.3);
    assert_eq!(ru["other_defender"], 0.0);
    // The same through --vs-overlay on cascade, in a table.
    let out = entente(&[
        "cascade",
        "--attacker",
        "USA",
        "--target",
        "PRK",
        "--at",
        "korean-peninsula",
        "--vs-overlay",
        "without-2024-treaty",
        "--trials",
        "2000",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("What changes with without-2024-treaty: who is obliged to fight"),
        "{text}"
    );
    assert!(text.contains("RUS"));
}

#[test]
fn writes_dot_and_svg() {
    let dir = Dir::new("cascade-pictures");
    let dot = dir.path().join("c.dot");
    let svg = dir.path().join("c.svg");
    let out = entente(&[
        "cascade",
        "--attacker",
        "CHN",
        "--target",
        "JPN",
        "--at",
        "senkaku",
        "--trials",
        "0",
        "--dot",
        dot.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let d = std::fs::read_to_string(&dot).unwrap();
    assert!(d.contains("\"USA\" -> \"JPN\""), "{d}");
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains("US–Japan Security Treaty (1960) Art. V"));
    assert!(
        s.contains("outside the treaty&#39;s area"),
        "NATO's reason is in the picture"
    );
}

#[test]
fn bad_crisis_input_is_exit_2_with_a_fix() {
    let cases: [(&[&str], &str); 6] = [
        (&["--at", "senkakku"], "did you mean \"senkaku\"?"),
        (&["--join", "JPN"], "write two states as X:Y"),
        (&["--honour", "us-rok-1953=1.5"], "not a probability"),
        (
            &["--honour", "nothing=0.5"],
            "neither an agreement nor an actor",
        ),
        (
            &["--prior", "optimistic"],
            "by-type (Berkemeier & Fuhrmann 2018)",
        ),
        (&["--join", "JPN:TWN"], "TWN is not in the war"),
    ];
    for (extra, message) in cases {
        let mut args = vec![
            "cascade",
            "--attacker",
            "PRK",
            "--target",
            "KOR",
            "--trials",
            "0",
        ];
        args.extend_from_slice(extra);
        let out = entente(&args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(
            stderr(&out).contains(message),
            "{extra:?}: {}",
            stderr(&out)
        );
    }
    let out = entente(&["compare", "--attacker", "PRK", "--target", "KOR"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("compare needs --vs-overlay"));
}

#[test]
fn cascade_on_a_world_built_from_the_data() {
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !data.exists() {
        entente_table::testdata::skip(&data);
        return;
    }
    let d = data.to_str().unwrap();
    let (v, out) = json(&[
        "--data",
        d,
        "cascade",
        "--attacker",
        "JPN",
        "--target",
        "RUS",
        "--date",
        "1904-02-08",
        "--trials",
        "1000",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let uk = v["cascade"]["stays_out"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["actor"] == "UKG" && x["kind"] == "defence")
        .unwrap();
    assert_eq!(uk["tie_to"], "JPN");
    let reasons = uk["reasons"].to_string();
    assert!(
        reasons.contains(
            "number of adversaries (ATOP defconum), which the data flags but does not specify"
        ),
        "{reasons}"
    );
    let out = entente(&[
        "--data",
        d,
        "cascade",
        "--attacker",
        "JPN",
        "--target",
        "RUS",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date YYYY-MM-DD"));
    let out = entente(&["--data", d, "actors"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_bundled_scenario_layered_on_the_data_from_the_command_line() {
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !data.exists() {
        entente_table::testdata::skip(&data);
        return;
    }
    let d = data.to_str().unwrap();
    let (v, out) = json(&[
        "--data",
        d,
        "--scenario",
        "bundled",
        "cascade",
        "--attacker",
        "USA",
        "--target",
        "DPRK",
        "--at",
        "korean-peninsula",
        "--date",
        "2025-02-28",
        "--trials",
        "0",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("layered: rus-prk-2024"),
        "{}",
        stderr(&out)
    );
    let (_, def) = sides(&v);
    assert!(def.contains(&"RUS".to_string()) && def.contains(&"CHN".to_string()));
    let out = entente(&[
        "--data",
        d,
        "--overlay",
        "without-2024-treaty",
        "cascade",
        "--attacker",
        "USA",
        "--target",
        "PRK",
        "--date",
        "2025-02-28",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--overlay belongs to a scenario"));
}

/// Ukraine's incursion into Kursk is a counter-attack in the war Russia began: strictly, Russia's
/// partners are not bound by it and North Korea's deployment is a choice; with
/// --counter-attack-triggers (Moscow's and Pyongyang's framing) Art. 4 binds North Korea.
#[test]
fn a_crisis_inside_the_recorded_war_is_read_as_a_counter_attack() {
    let kursk = [
        "cascade",
        "--attacker",
        "UKR",
        "--target",
        "RUS",
        "--at",
        "kursk",
        "--trials",
        "0",
    ];
    let o = entente(&kursk);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Inside a war already under way: Russia's full-scale invasion of Ukraine"),
        "{out}"
    );
    assert!(out.contains("not bound: its entry is a choice"), "{out}");
    assert!(
        out.contains("RUS struck first: the obligation binds only if RUS is attacked"),
        "{out}"
    );
    let sides = &out[out.find("\nSides").unwrap()..];
    assert!(
        sides.contains("aggressor side  RUS\n"),
        "PRK is not bound strictly: {sides}"
    );
    let o = entente(&[&kursk[..], &["--counter-attack-triggers"]].concat());
    let out = stdout(&o);
    let sides = &out[out.find("\nSides").unwrap()..];
    assert!(sides.contains("aggressor side  RUS, PRK"), "{sides}");
    assert!(
        out.contains("Russia–DPRK treaty (2024) Art. 4 (defence) → RUS"),
        "{out}"
    );
    // JSON says how the crisis was read.
    let (j, _) = json(&kursk);
    assert_eq!(j["in_war"]["war"], "russia-ukraine-2022");
    assert_eq!(j["in_war"]["counter_attack"], true);
    assert!(
        j["in_war"]["reading"]
            .as_str()
            .unwrap()
            .contains("read as a counter-attack in Russia's full-scale invasion of Ukraine")
    );
}

/// `entente sensitivity`: one bar checked by hand. In a North Korean attack on the South the only
/// obligation that can bring the US in is US–ROK Art. III, so P(USA joins) is that obligation's
/// honouring rate, and moving the rate alone from the low to the high end of its stated range
/// (0.75 to 0.98) moves P(USA joins) by 0.23, up to Monte Carlo error. The same swing comes out of
/// two plain cascade runs with the rate set on the command line (same seed, so exactly).
#[test]
fn sensitivity_bar_equals_the_swing_of_that_rate_alone() {
    let dir = Dir::new("sensitivity");
    let svg = dir.path().join("tornado.svg");
    let trials = "100000";
    let (j, o) = json(&[
        "sensitivity",
        "--attacker",
        "PRK",
        "--target",
        "KOR",
        "--at",
        "korean-peninsula",
        "--trials",
        trials,
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let usa = j["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "P(USA joins)")
        .expect("an outcome for the US");
    let bar = usa["bars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["assumption"] == "us-rok-1953 Art. III (USA)")
        .expect("a bar for the US–ROK assessment");
    assert_eq!(
        (bar["low_rate"].as_f64(), bar["high_rate"].as_f64()),
        (Some(0.75), Some(0.98))
    );
    let width = bar["at_high"].as_f64().unwrap() - bar["at_low"].as_f64().unwrap();
    let se = (0.23f64 * 0.77 / 100_000.0).sqrt();
    assert!((width - 0.23).abs() < 4.0 * se, "width {width}");
    // The same two worlds through `cascade --honour`.
    let p_usa = |rate: &str| {
        let (c, o) = json(&[
            "cascade",
            "--attacker",
            "PRK",
            "--target",
            "KOR",
            "--at",
            "korean-peninsula",
            "--trials",
            trials,
            "--honour",
            &format!("us-rok-1953={rate}"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        c["monte_carlo"]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["actor"] == "USA")
            .and_then(|a| a["p_defender"].as_f64())
            .unwrap()
    };
    assert_eq!(p_usa("0.98") - p_usa("0.75"), width);
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(
        picture.starts_with("<svg") && picture.contains("us-rok-1953 Art. III (USA) [0.75, 0.98]")
    );
    assert!(picture.contains("P(USA joins)"));
}

/// Every option the seed proposes for Japan, as an overlay, changes something `compare` prints
/// for a Russian attack on Hokkaido: a force item, a membership or a consultation tie.
#[test]
fn each_of_japans_options_changes_a_line_of_compare() {
    for (overlay, what) in [
        ("aegis-buildup", "force"),
        ("aegis-buildup-as-stated", "force"),
        ("eurasian-engagement", "membership"),
        ("dialogue-track", "consultation"),
        ("without-eu-partnership", "consultation"),
    ] {
        let args = [
            "compare",
            "--attacker",
            "RUS",
            "--target",
            "JPN",
            "--at",
            "hokkaido",
            "--vs-overlay",
            overlay,
            "--trials",
            "1000",
        ];
        let (v, o) = json(&args);
        assert!(o.status.success(), "{overlay}: {}", stderr(&o));
        let changes = v["world_changes"].as_array().unwrap();
        assert!(
            changes
                .iter()
                .any(|c| c["what"] == what && c["actor"] != ""),
            "{overlay}: {changes:#?}"
        );
        let table = stdout(&entente(&args));
        let section = &table[table.find("What else changes").unwrap()..];
        assert!(
            !section.lines().nth(1).unwrap().contains("(none)"),
            "{overlay}: {section}"
        );
    }
}

/// `cascade --explain STATE`: why a state that appears nowhere stays out, and why one that fights
/// does.
#[test]
fn explain_says_why_a_state_is_where_it_is() {
    let o = entente(&[
        "cascade",
        "--attacker",
        "CHN",
        "--target",
        "JPN",
        "--at",
        "senkaku",
        "--trials",
        "0",
        "--explain",
        "India",
        "--explain",
        "RUS",
        "--explain",
        "USA",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Why IND: stays out"), "{out}");
    assert!(flat.contains("India member of SCO with CHN"), "{flat}");
    assert!(flat.contains("Why RUS: stays out"), "{flat}");
    assert!(
        flat.contains("China–Russia treaty (2001) Art. 9 (tie to CHN): consultation only"),
        "{flat}"
    );
    assert!(flat.contains("Why USA: defending side"), "{flat}");
    assert!(
        flat.contains("US–Japan Security Treaty (1960) Art. V (defence) owed to JPN"),
        "{flat}"
    );
    let o = entente(&[
        "cascade",
        "--attacker",
        "CHN",
        "--target",
        "JPN",
        "--trials",
        "0",
        "--explain",
        "Atlantis",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
}
