//! The Phoenix dictionaries in `../shared/data/petrarch_dictionaries/`, loaded whole: how many
//! entries, which lines could not be read (each named at file:line, the rest loaded), and lookups a
//! reader can check in the files.

use entente_coder::dict::{Actors, Agents, read_discards};
use std::path::{Path, PathBuf};

fn dir() -> Option<PathBuf> {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch_dictionaries");
    if p.is_dir() {
        Some(p)
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}

#[test]
fn the_phoenix_actor_agent_and_discard_files_load() {
    let Some(d) = dir() else { return };
    let started = std::time::Instant::now();
    let mut actors = Actors::default();
    let mut errors = Vec::new();
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        errors.extend(actors.read(&d.join(f)).unwrap());
    }
    let (agents, agent_errors) = Agents::read(&d.join("Phoenix.agents.txt")).unwrap();
    let (discards, discard_errors) = read_discards(&d.join("Phoenix.discards.txt")).unwrap();
    eprintln!(
        "loaded in {:.3} s: {} actor entries ({} unreadable lines), {} agent phrases ({}), {} discards ({})",
        started.elapsed().as_secs_f64(),
        actors.entries.len(),
        errors.len(),
        agents.entries.len(),
        agent_errors.len(),
        discards.len(),
        discard_errors.len()
    );
    for e in errors.iter().chain(&agent_errors).take(10) {
        eprintln!("  {e}");
    }
    assert!(actors.entries.len() > 10_000, "{}", actors.entries.len());
    // Every unreadable line is named with its file and line; they are a small share.
    assert!(
        errors
            .iter()
            .all(|e| e.line > 0 && e.file.ends_with(".txt"))
    );
    assert!(
        errors.len() * 100 < actors.entries.len(),
        "{} errors",
        errors.len()
    );
    assert!(
        agents.entries.len() > 500
            && agents
                .entries
                .iter()
                .any(|(p, c)| p.words == ["ARMED", "TROOPS"] && c == "~MIL")
    );
    assert!(!discards.is_empty());
    // Lookups anyone can check in Phoenix.Countries.actors.txt: Afghanistan, and Zahir Shah's
    // dated roles (lines 105–108: government 1933–1973, elite before and after).
    let (afg, _) = actors.longest_match(&["AFGHANISTAN", "SAID"]).unwrap();
    assert_eq!(afg.code_on(20240101), Some("AFG"));
    let (shah, n) = actors
        .longest_match(&["MOHAMMAD", "ZAHIR", "SHAH"])
        .unwrap();
    assert_eq!(n, 3);
    assert_eq!(shah.code_on(19500101), Some("AFGGOV"));
    assert_eq!(shah.code_on(19800101), Some("AFGELI"));
    let (jp, _) = actors.longest_match(&["JAPAN"]).unwrap();
    assert_eq!(jp.code_on(20250101), Some("JPN"));
    let (nk, _) = actors.longest_match(&["NORTH", "KOREA"]).unwrap();
    assert_eq!(nk.code_on(20250101), Some("PRK"));
}

#[test]
fn the_cameo_verb_dictionary_loads() {
    let Some(d) = dir() else { return };
    let (verbs, errors) = entente_coder::verbs::Verbs::read(&d.join("CAMEO.2.0.txt")).unwrap();
    eprintln!(
        "{} blocks, {} patterns, {} verb forms, {} synsets, {} transformations, {} unreadable lines",
        verbs.blocks.len(),
        verbs.pattern_count(),
        verbs.form_count(),
        verbs.synsets.len(),
        verbs.transformations,
        errors.len()
    );
    for e in errors.iter().take(20) {
        eprintln!("  {e}");
    }
    // Counted in the file by hand: `grep -c '^--- ' CAMEO.2.0.txt` is 397 blocks and
    // `grep -c '^- ' CAMEO.2.0.txt` 4,668 patterns; every pattern line is either read or reported.
    assert_eq!(verbs.blocks.len(), 397);
    let unread_patterns = errors
        .iter()
        .filter(|e| {
            std::fs::read_to_string(d.join("CAMEO.2.0.txt"))
                .unwrap()
                .lines()
                .nth(e.line - 1)
                .is_some_and(|l| l.starts_with("- "))
        })
        .count();
    assert_eq!(verbs.pattern_count() + unread_patterns, 4668);
    assert!(errors.len() < 50, "{} errors", errors.len());
    // Lookups a reader can check in the file: VISIT is [042:043]; "gave" is a form of GIVE.
    let visit = &verbs.forms("VISITED")[0];
    assert_eq!(verbs.blocks[visit.block].code.code.as_deref(), Some("042"));
    assert_eq!(
        verbs.blocks[visit.block].code.reverse.as_deref(),
        Some("043")
    );
    assert!(!verbs.forms("GAVE").is_empty());
}

#[test]
fn the_issue_coding_and_prepositions_load_and_tag() {
    let Some(d) = dir() else { return };
    let (issues, errors) =
        entente_coder::issues::Issues::read(&d.join("Phoenix.IssueCoding.txt")).unwrap();
    for e in errors.iter().take(10) {
        eprintln!("  {e}");
    }
    eprintln!(
        "{} issue phrases, {} codes, {} unreadable lines",
        issues.len(),
        issues.codes.len(),
        errors.len()
    );
    assert!(issues.len() > 1000 && errors.len() < 20);
    // `n:teacher [TEACHERS]` in the EDUCATION category (Phoenix.IssueCoding.txt, near its top).
    let toks = entente_coder::text::tokenize("Striking teachers marched on the ministry.");
    let ups: Vec<&str> = toks.iter().map(|t| t.up.as_str()).collect();
    let found = issues.find(&ups);
    assert!(
        found
            .iter()
            .any(|i| i.code == "TEACHERS" && i.category == "EDUCATION"),
        "{found:?}"
    );
}
