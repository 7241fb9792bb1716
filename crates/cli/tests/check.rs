//! `entente check` on malformed scenarios: each problem is reported at its file, line and column
//! with a message and a fix, several at once, with exit code 1.

use crate::util::{BASE, Dir, entente, json, stderr, stdout};
use serde_json::Value;

/// The 1-based (line, column) of `token` on line `line` of `text`.
fn at(text: &str, line: usize, token: &str) -> (u64, u64) {
    let l = text
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("no line {line}"));
    let byte = l
        .find(token)
        .unwrap_or_else(|| panic!("{token:?} not on line {line}: {l:?}"));
    (line as u64, l[..byte].chars().count() as u64 + 1)
}

/// Checks a scenario made of BASE plus `case.toml`, returning the JSON report.
fn check_case(name: &str, case: &str) -> Value {
    let dir = Dir::new(name);
    dir.write("base.toml", BASE).write("case.toml", case);
    let (report, out) = json(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1 for {name}: {report:#}"
    );
    assert_eq!(report["valid"], false);
    report
}

/// Asserts that a diagnostic in case.toml sits at `pos` and its message contains `message`.
fn expect(report: &Value, pos: (u64, u64), message: &str) -> Value {
    let diags = report["diagnostics"].as_array().unwrap();
    let found = diags.iter().find(|d| {
        d["file"].as_str().unwrap().ends_with("case.toml")
            && d["line"] == pos.0
            && d["column"] == pos.1
            && d["message"].as_str().unwrap().contains(message)
    });
    found
        .cloned()
        .unwrap_or_else(|| panic!("no diagnostic {message:?} at {pos:?} in {diags:#?}"))
}

fn hint(d: &Value) -> &str {
    d["hint"].as_str().unwrap_or("")
}

const PACT: &str = r#"[[agreement]]
id = "pact"
name = "Pact"
kind = "treaty"
members = ["AAA", "BBX"]
signed = "2020-01-01"
confidence = "confirmed"
cite = [{ source = "doc" }]
"#;

#[test]
fn unknown_actor_with_suggestion() {
    let r = check_case("unknown-actor", PACT);
    let d = expect(&r, at(PACT, 5, "\"BBX\""), "unknown actor \"BBX\"");
    assert_eq!(hint(&d), "did you mean \"BBB\"?");
}

#[test]
fn misspelt_field_is_an_error_not_ignored() {
    let case = PACT.replace(
        "members = [\"AAA\", \"BBX\"]",
        "membrs = [\"AAA\", \"BBB\"]",
    );
    let r = check_case("unknown-field", &case);
    let d = expect(&r, at(&case, 5, "membrs"), "unknown field `membrs`");
    assert!(hint(&d).starts_with("did you mean `members`?"), "{d}");
}

#[test]
fn impossible_date() {
    let case = PACT
        .replace("BBX", "BBB")
        .replace("2020-01-01", "2023-02-29");
    let r = check_case("bad-date", &case);
    let d = expect(
        &r,
        at(&case, 6, "\"2023-02-29\""),
        "2023-02 has days 1 to 28, not 29",
    );
    // The message carries the format to use.
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("write a date as \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""),
        "{d}"
    );
}

#[test]
fn dates_out_of_order() {
    let case = PACT.replace("BBX", "BBB").replace(
        "signed = \"2020-01-01\"",
        "signed = \"2020-01-01\"\nin_force = \"2019-06\"",
    );
    let r = check_case("date-order", &case);
    let d = expect(
        &r,
        at(&case, 7, "\"2019-06\""),
        "`in_force` (2019-06) is before `signed` (2020-01-01)",
    );
    assert!(hint(&d).contains("cannot come before"));
}

#[test]
fn missing_source_citation() {
    let case = PACT
        .replace("BBX", "BBB")
        .replace("cite = [{ source = \"doc\" }]\n", "");
    let r = check_case("missing-cite", &case);
    let d = expect(&r, (1, 1), "missing field `cite`");
    assert!(hint(&d).contains("source ="), "{d}");
}

#[test]
fn unknown_source_and_line_beyond_the_text() {
    let case = PACT.replace("BBX", "BBB").replace(
        "cite = [{ source = \"doc\" }]",
        "cite = [{ source = \"dco\" }, { source = \"doc\", lines = \"9-12\" }]",
    );
    let r = check_case("bad-cite", &case);
    let d = expect(&r, at(&case, 8, "\"dco\""), "unknown source \"dco\"");
    assert_eq!(hint(&d), "did you mean \"doc\"?");
    expect(
        &r,
        at(&case, 8, "\"doc\""),
        "source \"doc\" has 10 lines; line 12 does not exist",
    );
}

#[test]
fn duplicate_id() {
    let one = PACT.replace("BBX", "BBB");
    let case = format!("{one}\n{one}");
    let r = check_case("duplicate", &case);
    expect(
        &r,
        at(&case, 11, "\"pact\""),
        "duplicate agreement \"pact\"",
    );
}

#[test]
fn toml_syntax_error() {
    let case = "[[event]]\nid = \"e\nsummary = \"x\"\n";
    let r = check_case("syntax", case);
    let diags = r["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["message"].as_str().unwrap().starts_with("TOML syntax"))
        .expect("a syntax error");
    assert_eq!(
        (
            d["line"].as_u64(),
            d["file"].as_str().unwrap().ends_with("case.toml")
        ),
        (Some(2), true),
        "{d}"
    );
}

#[test]
fn unknown_section_suggests_the_right_one() {
    let case = PACT.replace("[[agreement]]", "[[agreemnt]]");
    let r = check_case("section", &case);
    let d = expect(&r, at(&case, 1, "agreemnt"), "unknown section `agreemnt`");
    assert_eq!(hint(&d), "did you mean [[agreement]]?");
}

#[test]
fn obligor_who_is_not_a_party() {
    let case = format!(
        "{}\n[[agreement.provision]]\nkind = \"defence\"\narticle = \"Art. 1\"\nsummary = \"x\"\nobligors = [\"CCC\"]\n",
        PACT.replace("BBX", "BBB")
    );
    let r = check_case("obligor", &case);
    expect(
        &r,
        at(&case, 14, "\"CCC\""),
        "\"CCC\" is not a party to \"pact\"",
    );
}

#[test]
fn unknown_provision_kind_lists_the_kinds() {
    let case = format!(
        "{}\n[[agreement.provision]]\nkind = \"defense-pact\"\narticle = \"Art. 1\"\nsummary = \"x\"\n",
        PACT.replace("BBX", "BBB")
    );
    let r = check_case("provision-kind", &case);
    let d = expect(
        &r,
        at(&case, 11, "\"defense-pact\""),
        "unknown value `defense-pact`",
    );
    assert!(hint(&d).contains("`defence`"), "{d}");
}

const EVENT: &str = r#"[[event]]
id = "e1"
date = "2024-10"
summary = "Troops sent."
actor = ["AAA"]
target = ["BBB"]
cameo = "072"
quantity = { approx = 1500, unit = "troops" }
confidence = "reported"
cite = [{ source = "doc", lines = "4" }]
"#;

#[test]
fn cameo_code_written_as_a_number() {
    let case = EVENT.replace("cameo = \"072\"", "cameo = 72");
    let r = check_case("cameo", &case);
    let d = expect(&r, at(&case, 7, "72"), "CAMEO codes are strings");
    assert!(d["message"].as_str().unwrap().contains("\"072\""));
}

#[test]
fn range_with_min_above_max() {
    let case = EVENT.replace(
        "{ approx = 1500, unit = \"troops\" }",
        "{ min = 12000, max = 10000 }",
    );
    let r = check_case("range", &case);
    expect(&r, at(&case, 8, "{ min"), "greater than its `max`");
}

#[test]
fn state_without_cow_number() {
    let case = "[[actor]]\nid = \"DDD\"\nkind = \"state\"\nname = \"Dland\"\nconfidence = \"confirmed\"\ncite = [{ source = \"doc\" }]\n";
    let r = check_case("no-cow", case);
    let d = expect(
        &r,
        at(case, 2, "\"DDD\""),
        "state \"DDD\" has no COW number",
    );
    assert!(hint(&d).contains("cow = "));
}

#[test]
fn overlay_that_removes_nothing_and_one_that_leaves_a_dangling_reference() {
    let case = format!(
        "{}\n[[disagreement]]\nid = \"d\"\ntopic = \"t\"\nabout = [\"agreement:pact\"]\n\n[[disagreement.claim]]\nsays = \"a\"\nconfidence = \"reported\"\ncite = [{{ source = \"doc\" }}]\n\n[[disagreement.claim]]\nsays = \"b\"\nconfidence = \"reported\"\ncite = [{{ source = \"doc\" }}]\n\n[[overlay]]\nid = \"o1\"\ntitle = \"typo\"\nremove = [\"agreement:pakt\"]\ncite = [{{ source = \"doc\" }}]\n\n[[overlay]]\nid = \"o2\"\ntitle = \"dangling\"\nremove = [\"agreement:pact\"]\ncite = [{{ source = \"doc\" }}]\n",
        PACT.replace("BBX", "BBB")
    );
    let r = check_case("overlay", &case);
    let d = expect(
        &r,
        at(&case, 28, "\"agreement:pakt\""),
        "no agreement \"pakt\" in this scenario",
    );
    assert_eq!(hint(&d), "did you mean \"agreement:pact\"?");
    expect(
        &r,
        at(&case, 13, "\"agreement:pact\""),
        "with overlay \"o2\": no agreement \"pact\"",
    );
}

#[test]
fn several_errors_in_one_file_are_all_reported_in_order() {
    let case = format!(
        "{PACT}\n{}",
        EVENT
            .replace("2024-10", "2024-13")
            .replace("\"BBB\"", "\"ZZZ\"")
    );
    let r = check_case("several", &case);
    let diags: Vec<&Value> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(diags.len() >= 2, "{diags:#?}");
    expect(&r, at(&case, 5, "\"BBX\""), "unknown actor");
    // The event's bad month stops that entry; the agreement's error is still reported.
    expect(
        &r,
        at(&case, 12, "\"2024-13\""),
        "month 13 is not between 1 and 12",
    );
    let lines: Vec<u64> = diags.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "sorted by line: {lines:?}"
    );
}

#[test]
fn human_output_shows_the_line_and_a_caret() {
    let dir = Dir::new("human");
    dir.write("base.toml", BASE).write("case.toml", PACT);
    let out = entente(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let loc = format!(
        "{}:5:19: error: unknown actor \"BBX\"",
        dir.path().join("case.toml").display()
    );
    assert!(err.contains(&loc), "{err}");
    assert!(
        err.contains("5 | members = [\"AAA\", \"BBX\"]\n  |                   ^^^^^\n"),
        "{err}"
    );
    assert!(err.contains("= help: did you mean \"BBB\"?"), "{err}");
    assert!(stdout(&out).contains("is invalid"));
}

#[test]
fn unreadable_path_is_exit_2() {
    let out = entente(&["check", "/nonexistent/entente/scenario"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn valid_fixture_passes_and_aliases_resolve() {
    let dir = Dir::new("valid");
    dir.write("base.toml", BASE)
        .write("case.toml", &PACT.replace("BBX", "BLD"));
    let (r, out) = json(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{r:#}");
    assert_eq!(r["valid"], true);
    assert_eq!(r["errors"], 0);
    // The COW abbreviation resolved to the actor's id.
    let (a, _) = json(&["--scenario", dir.path().to_str().unwrap(), "agreements"]);
    assert_eq!(a[0]["parties"], serde_json::json!(["AAA", "BBB"]));
}

#[test]
fn bundled_scenario_checks_clean() {
    let (r, out) = json(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{r:#}");
    assert_eq!(r["valid"], true);
    assert_eq!(r["errors"], 0);
    assert_eq!(r["warnings"], 0);
    assert_eq!(r["scenario"], "indo-pacific-2025");
}

#[test]
fn honour_must_be_a_probability() {
    let case = PACT.replace("BBX", "BBB").replace(
        "confidence = \"confirmed\"",
        "honour = 1.4\nconfidence = \"confirmed\"",
    );
    let r = check_case("honour", &case);
    let d = expect(
        &r,
        at(&case, 7, "1.4"),
        "honour: p = 1.4 is not a probability",
    );
    assert!(hint(&d).contains("between 0 and 1"));
}
