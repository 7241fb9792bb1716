//! `entente code`: the seed article into proposals a scenario accepts, coded events into an event
//! store that `events series` reads beside GDELT, unreadable records counted and kept, `--explain`.

use crate::util::{Dir, data, entente, json, stderr, stdout};

fn seed() -> String {
    format!(
        "{}/../../../shared/seed/russia-dprk-alliance-and-japan.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn with_proposals(name: &str, toml: &str) -> Dir {
    let dir = Dir::new(name);
    let src = format!(
        "{}/../../scenarios/indo-pacific-2025",
        env!("CARGO_MANIFEST_DIR")
    );
    for f in std::fs::read_dir(&src).unwrap() {
        let f = f.unwrap().path();
        let mut text = std::fs::read_to_string(&f).unwrap();
        if f.file_name().unwrap() == "events.toml" {
            text.push('\n');
            text.push_str(toml);
        }
        dir.write(f.file_name().unwrap().to_str().unwrap(), &text);
    }
    dir
}

#[test]
fn proposals_from_the_seed_load_into_the_scenario() {
    let Some(d) = data() else { return };
    let out = entente(&[
        "--data",
        &d,
        "code",
        &seed(),
        "--propose-events",
        "--source-id",
        "seed",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = stdout(&out);
    assert!(toml.contains("[[event]]"), "{toml}");
    // Actors are the scenario's ids; each proposal cites its seed line with the sentence.
    assert!(
        toml.contains("actor = [\"RUS\"]") && toml.contains("target = [\"PRK\"]"),
        "{toml}"
    );
    assert!(toml.contains("source = \"seed\", lines = \"11\""), "{toml}");
    assert!(
        toml.contains("cameo = \"042\""),
        "the Belousov visit: {toml}"
    );
    // Appended to the bundled scenario's events, the only errors are the proposals whose sentence
    // gives no date (the article carries none): each is named at its line for the reviewer.
    let undated = toml.matches("# date: the sentence names none").count();
    assert!(undated > 0);
    let dir = with_proposals("code-proposals", &toml);
    let check = entente(&["check", dir.path().to_str().unwrap()]);
    let report = format!("{}{}", stdout(&check), stderr(&check));
    assert_eq!(
        report.matches("error: missing field `date`").count(),
        undated,
        "{report}"
    );
    assert_eq!(report.matches(": error: ").count(), undated, "{report}");
    // With a date for the document (a test input, not the article's date, which it does not give),
    // every proposal loads and the scenario is valid.
    let out = entente(&[
        "--data",
        &d,
        "code",
        &seed(),
        "--propose-events",
        "--source-id",
        "seed",
        "--date",
        "2025-03-01",
    ]);
    let dir = with_proposals("code-proposals-dated", &stdout(&out));
    let check = entente(&["check", dir.path().to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}\n{}",
        stdout(&check),
        stderr(&check)
    );
}

#[test]
fn coded_events_join_gdelt_and_icews_in_the_store() {
    let Some(d) = data() else { return };
    let dir = Dir::new("code-store");
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    let out = entente(&[
        "--data",
        &d,
        "events",
        "ingest",
        &format!("{d}/gdelt"),
        &format!("{d}/icews"),
        "--store",
        s,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let series = |label: &str| -> u64 {
        let (v, out) = json(&[
            "--data",
            &d,
            "events",
            "series",
            "--store",
            s,
            "--dyad",
            "RUS",
            "UKR",
            "--directed",
            "--by",
            "day",
        ]);
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        v["series"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["source"] == "RUS" && x["target"] == "UKR")
            .flat_map(|x| x["cells"].as_array().unwrap().clone())
            .filter(|c| c["period"] == "2018-06-01")
            .map(|c| c["events"].as_u64().unwrap())
            .sum()
    };
    let before = series("GDELT and ICEWS");
    // An article of the same day: two RUS→UKR events, one KOR→UKR, one undated by nothing (the
    // document's date dates it).
    dir.write(
        "wire.txt",
        "Russia accused Ukraine of violating the ceasefire.\nMoscow sharply criticized Kyiv on Friday.\nSouth Korea praised Ukraine.\n",
    );
    let wire = dir.path().join("wire.txt");
    let out = entente(&[
        "--data",
        &d,
        "code",
        wire.to_str().unwrap(),
        "--date",
        "2018-06-01",
        "--format",
        "jsonl",
        "--store",
        s,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rus_ukr = rows
        .iter()
        .filter(|r| {
            r["source_country"] == "RUS" && r["target_country"] == "UKR" && r["ymd"] == 20180601
        })
        .count() as u64;
    assert!(rus_ukr >= 2, "{rows:?}");
    assert!(
        stderr(&out).contains("into the store as source coded-wire.txt"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        series("GDELT, ICEWS and the coded article") - before,
        rus_ukr
    );
    // Coding the file again replaces its events; it does not add them twice.
    let again = entente(&[
        "--data",
        &d,
        "code",
        wire.to_str().unwrap(),
        "--date",
        "2018-06-01",
        "--format",
        "jsonl",
        "--store",
        s,
    ]);
    assert!(again.status.success());
    assert_eq!(series("coded twice") - before, rus_ukr);
}

#[test]
fn unreadable_records_are_counted_and_kept() {
    let Some(d) = data() else { return };
    let dir = Dir::new("code-rejects");
    dir.write(
        "wire.jsonl",
        "{\"id\": \"a\", \"date\": \"2024-06-19\", \"text\": \"Russia signed an agreement with North Korea.\"}\nnot json\n{\"id\": \"c\", \"date\": \"19/06/2024\", \"text\": \"x\"}\n{\"id\": \"d\"}\n{\"id\": \"e\", \"date\": \"20240620\", \"text\": \"Japan condemned North Korea. Japan praised South Korea.\"}\n",
    );
    let rej = dir.path().join("rejects.csv");
    let out = entente(&[
        "--data",
        &d,
        "code",
        dir.path().join("wire.jsonl").to_str().unwrap(),
        "--format",
        "csv",
        "--rejects",
        rej.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    // Five records: two read (three sentences), three rejected with their lines.
    assert!(
        err.contains("coded 3 sentences of 1 files") && err.contains("3 records could not be read"),
        "{err}"
    );
    let rejects = std::fs::read_to_string(&rej).unwrap();
    for line in [",2,", ",3,", ",4,"] {
        assert!(rejects.contains(line), "{rejects}");
    }
    let csv = stdout(&out);
    assert!(csv.starts_with("doc,line,sentence,date,source"), "{csv}");
    assert!(csv.contains(",JPN,JPN,PRK,PRK,"), "{csv}");
}

#[test]
fn explain_shows_actors_verbs_and_the_pattern() {
    let Some(d) = data() else { return };
    let (v, out) = json(&[
        "--data",
        &d,
        "code",
        "--explain",
        "Russian Defense Minister Andrei Belousov visited Pyongyang for talks.",
        "--date",
        "2024-12-01",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let verb = &v["verbs"][0];
    assert_eq!(verb["block"], "VISIT");
    assert_eq!(verb["code"], "046");
    assert!(verb["pattern"].as_str().unwrap().contains("(FOR TALKS)"));
    assert_eq!(v["actors"][0]["code"], "RUSGOVMIL");
    assert_eq!(v["events"][0]["target"], "PRK");
    // A table for people, and why nothing was coded.
    let out = entente(&[
        "--data",
        &d,
        "code",
        "--explain",
        "Russia did not attack Ukraine.",
    ]);
    assert!(
        stdout(&out).contains("negated: not coded"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_dictionaries_it_says_what_to_give() {
    let out = entente(&["code", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--dictionaries DIR"),
        "{}",
        stderr(&out)
    );
    let out = entente(&["--format", "toml", "summary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("for `entente code`"),
        "{}",
        stderr(&out)
    );
}
