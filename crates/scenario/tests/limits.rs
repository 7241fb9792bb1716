//! Bounded diagnostics on hostile input (docs/robustness.md): a file of tens of thousands of bad
//! lines gives the first `MAX_ERRORS_PER_FILE` errors and a count of the rest; a file over
//! `MAX_FILE_BYTES` is refused unread; a nesting too deep for the TOML parser is reported at its
//! line. Timings are benchmarks (`benches/robustness.sh`), not assertions.

use entente_model::Severity;
use entente_scenario::{MAX_ERRORS_PER_FILE, MAX_FILE_BYTES, ScenarioFile, load_files, load_path};

const HEAD: &str = "[scenario]\nid = \"x\"\ntitle = \"t\"\nas_of = \"2025\"\n";

fn errors(l: &entente_scenario::Loaded) -> Vec<&entente_scenario::Diagnostic> {
    l.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn thousands_of_bad_lines_give_a_capped_report_with_the_rest_counted() {
    // 1.6 MB of garbage, one syntax error per line (the case that took 22 s when each diagnostic
    // counted the lines before it).
    let bad = "this is not toml @@@ ### \n".repeat(63_000);
    let file = ScenarioFile {
        path: "garbage.toml".into(),
        text: format!("{HEAD}{bad}"),
    };
    let l = load_files(&[file]);
    let e = errors(&l);
    assert_eq!(e.len(), MAX_ERRORS_PER_FILE + 1);
    let last = e.last().unwrap();
    assert!(
        last.message.ends_with(&format!(
            "more errors in this file not shown (the first {MAX_ERRORS_PER_FILE} are)"
        )),
        "{}",
        last.message
    );
    let skipped: usize = last.message.split(' ').next().unwrap().parse().unwrap();
    assert!(skipped > 60_000, "{skipped}");
    // The errors shown are the first ones, at their lines.
    assert_eq!(e[0].line, 5);
    assert_eq!(e[99].line, 104);
}

#[test]
fn entries_that_each_fail_are_capped_too() {
    let stubs = "[[event]]\nid = \"e\"\n".repeat(20_000);
    let l = load_files(&[ScenarioFile {
        path: "stubs.toml".into(),
        text: format!("{HEAD}{stubs}"),
    }]);
    assert_eq!(errors(&l).len(), MAX_ERRORS_PER_FILE + 1);
}

#[test]
fn a_nesting_too_deep_is_reported_at_its_line() {
    let text = format!(
        "{HEAD}{}a{} = 1\n",
        "# filler\n".repeat(200),
        ".a".repeat(10_000)
    );
    let l = load_files(&[ScenarioFile {
        path: "deep.toml".into(),
        text,
    }]);
    let e = errors(&l);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].line, 205, "{}", e[0].message);
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("entente-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.toml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let l = load_path(&dir).unwrap();
    let e = errors(&l);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message
            .contains("scenario files are limited to 4 MiB, so it was not read"),
        "{}",
        e[0].message
    );
    assert!(l.valid().is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}
