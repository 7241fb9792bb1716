//! The commands on the bundled scenario, their JSON checked field by field.

use crate::util::{entente, json, stderr, stdout};
use serde_json::Value;

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key}={value}"))
}

#[test]
fn timeline_gives_the_seed_chronology_in_order_with_figures_as_reported() {
    let (t, out) = json(&[
        "timeline",
        "--from",
        "2024-06",
        "--to",
        "2025-02",
        "--events-only",
    ]);
    assert!(out.status.success());
    let ids: Vec<&str> = t
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fact"].as_str().unwrap())
        .collect();
    let pos = |id: &str| {
        ids.iter()
            .position(|x| *x == id)
            .unwrap_or_else(|| panic!("{id} missing from {ids:?}"))
    };
    // The seed's order: treaty (June 2024), special forces (October 2024), Belousov (December 2024),
    // Kursk (by February 2025).
    assert!(pos("event:rus-prk-treaty-signed") < pos("event:prk-special-forces-deployed"));
    assert!(pos("event:prk-special-forces-deployed") < pos("event:belousov-pyongyang-visit"));
    assert!(pos("event:belousov-pyongyang-visit") < pos("event:prk-troops-in-kursk"));
    let sf = find(&t, "fact", "event:prk-special-forces-deployed");
    assert_eq!(sf["date"], "2024-10");
    assert_eq!(sf["quantity"], "about 1,500 troops");
    assert_eq!(sf["quad_class"], "material-cooperation");
    let kursk = find(&t, "fact", "event:prk-troops-in-kursk");
    assert_eq!(kursk["date"], "by 2025-02");
    assert_eq!(kursk["quantity"], "up to 10,000 troops");
    assert_eq!(kursk["confidence"], "estimated");
    assert_eq!(kursk["cite"][0]["source"], "seed");
    assert_eq!(kursk["cite"][0]["lines"], "9");
    // The disputed Belousov date carries the other claim.
    let bel = find(&t, "fact", "event:belousov-pyongyang-visit");
    assert!(
        bel["disputed"][0].as_str().unwrap().contains("2024-11-29"),
        "{bel:#}"
    );
    // Dates are in chronological order, checked from the printed dates alone (not through the
    // model's sort key): a point sits at its first day, an interval "A/B" at the midpoint of A's
    // first and B's last day, "before X" the day before X, "after X" the day after X ends.
    let all: Vec<&Value> = t.as_array().unwrap().iter().collect();
    assert!(all.len() >= 12);
    let anchors: Vec<(i64, String)> = all
        .iter()
        .map(|e| {
            let text = e["date"].as_str().unwrap();
            (printed_anchor(text), text.to_string())
        })
        .collect();
    for w in anchors.windows(2) {
        assert!(w[0].0 <= w[1].0, "{} is listed before {}", w[0].1, w[1].1);
    }
}

/// Days since 1970-01-01 of a civil date (Hinnant's algorithm).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// First and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD".
fn span(text: &str) -> (i64, i64) {
    let p: Vec<i64> = text.split('-').map(|x| x.parse().unwrap()).collect();
    match p.as_slice() {
        [y] => (days(*y, 1, 1), days(*y + 1, 1, 1) - 1),
        [y, m] => {
            let next = if *m == 12 {
                days(*y + 1, 1, 1)
            } else {
                days(*y, *m + 1, 1)
            };
            (days(*y, *m, 1), next - 1)
        }
        [y, m, d] => (days(*y, *m, *d), days(*y, *m, *d)),
        _ => panic!("not a date: {text}"),
    }
}

fn printed_anchor(text: &str) -> i64 {
    let (qualifier, rest) = match text.split_once(' ') {
        Some((q, r)) => (q, r),
        None => ("", text),
    };
    if let Some((a, b)) = rest.split_once('/') {
        let (first, last) = (span(a).0, span(b).1);
        return first + (last - first) / 2;
    }
    let (first, last) = span(rest);
    match qualifier {
        "before" => first - 1,
        "after" => last + 1,
        "mid" => first + (last - first) / 3,
        "late" => first + 2 * (last - first) / 3,
        _ => first,
    }
}

#[test]
fn timeline_filters_by_actor_and_dates() {
    let (t, _) = json(&["timeline", "--actor", "Japan", "--to", "2023"]);
    let facts: Vec<&str> = t
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fact"].as_str().unwrap())
        .collect();
    assert!(facts.contains(&"event:jpn-sanctions-crimea"));
    assert!(facts.contains(&"agreement:us-japan-1960"));
    assert!(
        !facts.contains(&"event:japan-nato-mission"),
        "2025 is after --to 2023"
    );
    assert!(!facts.iter().any(|f| f.contains("rus-prk")), "{facts:?}");
}

#[test]
fn actor_jpn_shows_art_v_scoped_to_japan_administered_territory() {
    let (p, out) = json(&["actor", "JPN"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(p["actor"]["id"], "JPN");
    assert_eq!(p["actor"]["cow"], 740);
    let art_v = |list: &Value| -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|o| o["agreement"] == "us-japan-1960" && o["article"] == "Art. V")
            .cloned()
            .collect()
    };
    // Owed to Japan: the US defends Japan in Japan-administered territory.
    let owed = art_v(&p["owed"]);
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0]["obligor"], "USA");
    assert_eq!(owed[0]["kind"], "defence");
    assert_eq!(owed[0]["scope"][0], "only in territory administered by JPN");
    // Owed by Japan: only within Japan-administered territory, never US territory elsewhere.
    let owes = art_v(&p["owes"]);
    assert_eq!(owes.len(), 1);
    assert_eq!(owes[0]["beneficiary"], "USA");
    assert_eq!(owes[0]["scope"][0], "only in territory administered by JPN");
    let reading = owes[0]["reading"].as_str().unwrap();
    assert!(
        reading.contains("only by an attack on United States in territory Japan administers"),
        "{reading}"
    );
    assert!(
        reading.contains("never for United States territory elsewhere"),
        "{reading}"
    );
    assert_eq!(owes[0]["cite"][0]["at"], "Art. V");
    // Memberships, flashpoints and the Aegis figures with their status.
    assert_eq!(
        find(&p["memberships"], "organisation", "NATO")["role"],
        "partner"
    );
    let senkaku = find(&p["flashpoints"], "flashpoint", "senkaku-islands");
    assert_eq!(senkaku["administers"], true);
    let kurils = find(&p["flashpoints"], "flashpoint", "kuril-islands");
    assert_eq!(
        (kurils["administers"].as_bool(), kurils["claims"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(find(&p["forces"], "id", "jpn-asev")["status"], "planned");
    assert!(
        p["disagreements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == "aegis-buildup")
    );
}

#[test]
fn actor_table_output_names_the_scope() {
    let out = entente(&["actor", "JPN"]);
    let text = stdout(&out);
    assert!(text.contains("Obligations JPN owes"));
    assert!(text.contains("only in territory administered by JPN"));
}

#[test]
fn every_alias_names_the_same_actor() {
    for name in ["KOR", "ROK", "732", "south korea", "Republic of Korea"] {
        let (p, out) = json(&["actor", name]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(p["actor"]["id"], "KOR", "{name}");
    }
    // AUS is Australia's ISO3 code (and Austria's COW abbreviation): the ISO3 reading wins.
    assert_eq!(json(&["actor", "AUS"]).0["actor"]["id"], "AUS");
    assert_eq!(json(&["actor", "AUL"]).0["actor"]["id"], "AUS");
    assert_eq!(json(&["actor", "AUT"]).0["actor"]["name"], "Austria");
}

#[test]
fn unknown_actor_is_exit_2_with_a_suggestion() {
    let out = entente(&["actor", "DPRKK"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown actor \"DPRKK\""),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("did you mean \"PRK\"?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn agreements_between_and_by_provision() {
    let (a, _) = json(&[
        "agreements",
        "--between",
        "RUS",
        "PRK",
        "--provision",
        "defense",
    ]);
    let list = a.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["agreement"]["id"], "rus-prk-2024");
    assert_eq!(list[0]["agreement"]["in_force"], "2024-12-04");
    let obs = list[0]["obligations"].as_array().unwrap();
    assert_eq!(obs.len(), 2, "defence both ways");
    assert!(
        obs.iter()
            .all(|o| o["article"] == "Art. 4" && o["kind"] == "defence")
    );
    // Defence agreements binding China: only the 1961 treaty with North Korea.
    let (c, _) = json(&[
        "agreements",
        "--provision",
        "defence",
        "--between",
        "CHN",
        "PRK",
    ]);
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(c[0]["agreement"]["id"], "chn-prk-1961");
    // On a date before 2024 the Russia–DPRK treaty is not in force.
    let (old, _) = json(&[
        "agreements",
        "--between",
        "RUS",
        "PRK",
        "--date",
        "2024-06-30",
    ]);
    assert_eq!(old.as_array().unwrap().len(), 0);
    // NATO members on a date: Sweden was not yet one in 2023.
    let (n, _) = json(&[
        "agreements",
        "--between",
        "USA",
        "SWE",
        "--date",
        "2023-12-31",
    ]);
    assert_eq!(n.as_array().unwrap().len(), 0);
    let (n, _) = json(&[
        "agreements",
        "--between",
        "USA",
        "SWE",
        "--date",
        "2024-06-01",
    ]);
    assert_eq!(n[0]["agreement"]["id"], "north-atlantic-treaty");
}

#[test]
fn bad_provision_kind_and_bad_date_are_exit_2() {
    let out = entente(&["agreements", "--provision", "alliance"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("defence, offence, neutrality"));
    let out = entente(&["timeline", "--from", "2024-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("month 13"), "{}", stderr(&out));
}

#[test]
fn overlay_without_the_treaty_removes_it() {
    let (base, _) = json(&["summary"]);
    let (without, out) = json(&["--overlay", "without-2024-treaty", "summary"]);
    assert!(out.status.success());
    let has = |s: &Value| {
        s["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["agreement"] == "rus-prk-2024")
    };
    assert!(has(&base));
    assert!(!has(&without));
    assert_eq!(without["applied_overlays"][0], "without-2024-treaty");
    let out = entente(&["--overlay", "no-such-overlay", "summary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("without-2024-treaty"),
        "lists the overlays"
    );
}

#[test]
fn overlays_change_forces_and_memberships() {
    let (p, _) = json(&["--overlay", "aegis-buildup-as-stated", "actor", "JPN"]);
    assert_eq!(
        find(&p["forces"], "id", "jpn-aegis-destroyers")["count"]["exactly"],
        10.0
    );
    assert_eq!(find(&p["forces"], "id", "jpn-asev")["status"], "in-service");
    let (p, _) = json(&["--overlay", "eurasian-engagement", "actor", "JPN"]);
    assert_eq!(
        find(&p["memberships"], "organisation", "SCO")["role"],
        "partner"
    );
    assert_eq!(
        find(&p["memberships"], "organisation", "EAEU")["confidence"],
        "assumed"
    );
}

#[test]
fn sources_show_facts_and_disagreements() {
    let (s, _) = json(&["sources"]);
    let seed = s["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["source"]["id"] == "seed")
        .unwrap();
    let uses = seed["uses"].as_array().unwrap();
    assert!(
        uses.iter()
            .any(|u| u["fact"] == "event:prk-troops-in-kursk" && u["at"] == "lines 9")
    );
    let d = s["disagreements"].as_array().unwrap();
    let aegis = d.iter().find(|x| x["id"] == "aegis-buildup").unwrap();
    assert_eq!(aegis["claim"].as_array().unwrap().len(), 2);
    assert_eq!(aegis["claim"][0]["quantity"]["exactly"], 12.0);
    assert_eq!(aegis["claim"][1]["quantity"]["exactly"], 10.0);
}

#[test]
fn csv_and_markdown_formats() {
    let out = entente(&["--format", "csv", "actors", "--kind", "organisation"]);
    let text = stdout(&out);
    assert!(
        text.starts_with("id,name,kind,COW,COW abbr,ISO3,CAMEO,members\n"),
        "{text}"
    );
    assert!(
        text.contains("NATO,North Atlantic Treaty Organization,organisation,,,,IGOWSTNAT,36\n"),
        "{text}"
    );
    let out = entente(&[
        "--format",
        "markdown",
        "agreements",
        "--between",
        "USA",
        "KOR",
    ]);
    let text = stdout(&out);
    assert!(text.contains("| agreement | kind | parties |"), "{text}");
    assert!(text.contains("US–ROK Mutual Defense Treaty (1953)"));
}

#[test]
fn help_documents_exit_codes() {
    let out = entente(&["--help"]);
    assert!(
        stdout(&out)
            .contains("Exit codes: 0 success; 1 the scenario is invalid; 2 any other error")
    );
}

/// `agreements --between RUS PRK`: the 2024 treaty article by article, what each says, and its term.
#[test]
fn agreements_prints_the_2024_treaty_article_by_article() {
    let o = entente(&["agreements", "--between", "RUS", "PRK"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let articles =
        &out[out.find("Articles: what each says").unwrap()..out.find("Obligations").unwrap()];
    for (art, words) in [
        ("Art. 3", "immediate threat of an armed attack"),
        ("Art. 4", "armed invasion"),
        ("Art. 5", "third state directed"),
        ("Art. 8", "strengthen their defence capability"),
    ] {
        assert!(articles.contains(art), "{art} missing:\n{articles}");
        assert!(
            articles.contains(words),
            "{art}'s summary missing:\n{articles}"
        );
    }
    assert!(out.contains("indefinite"), "{out}");
}
