//! The architecture's invariants, checked on the source (ARCHITECTURE.md names these tests).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The cli's modules and the modules each one imports (`crate::NAME`).
fn cli_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/cli/src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let ident = |s: &str| -> String {
            s.trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        let mut deps = BTreeSet::new();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + 7..];
            if let Some(list) = rest.strip_prefix('{') {
                // `use crate::{a, b::c}`: the first segment of each item.
                let inner = &list[..list.find('}').unwrap_or(list.len())];
                deps.extend(inner.split(',').map(ident));
            } else {
                deps.insert(ident(rest));
            }
        }
        deps.retain(|m| !m.is_empty() && *m != name);
        graph.insert(name, deps);
    }
    graph
}

#[test]
fn cli_modules_import_no_cycle_and_stay_small() {
    let graph = cli_imports();
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        on_path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        assert!(
            !on_path.iter().any(|p| p == n),
            "import cycle in crates/cli: {} -> {n}",
            on_path.join(" -> ")
        );
        on_path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if g.contains_key(d) && d != "main" {
                visit(d, g, on_path, done);
            }
        }
        on_path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
    // The shared helpers are leaves: they import no command module.
    for leaf in ["output", "common"] {
        let cmds: Vec<&String> = graph[leaf]
            .iter()
            .filter(|d| d.ends_with("_cmd") || d.as_str() == "main")
            .collect();
        assert!(cmds.is_empty(), "{leaf} imports {cmds:?}");
    }
    for name in graph.keys() {
        let lines = std::fs::read_to_string(root().join(format!("crates/cli/src/{name}.rs")))
            .unwrap()
            .lines()
            .count();
        assert!(
            lines <= 450,
            "crates/cli/src/{name}.rs has {lines} lines (the bar is ~400)"
        );
    }
}

#[test]
fn analyses_do_not_depend_on_the_datasets() {
    let manifest = std::fs::read_to_string(root().join("crates/analysis/Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("entente-datasets"),
        "crates/analysis/Cargo.toml names entente-datasets: dataset semantics live in crates/datasets or crates/panel"
    );
    // Nor does any of its source name the crate.
    let mut stack = vec![root().join("crates/analysis")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                assert!(
                    !text.contains("entente_datasets"),
                    "{} uses entente_datasets",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn one_quad_class_mapping_and_one_parquet_writer() {
    // The CAMEO root → QuadClass mapping is written once (entente_model::QuadClass::of_root), and
    // only entente-table constructs a Parquet ArrowWriter.
    let mut stack = vec![root().join("crates")];
    let (mut arrow_writers, mut mappings) = (Vec::new(), Vec::new());
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("architecture.rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                if text.contains("ArrowWriter::try_new") {
                    arrow_writers.push(p.display().to_string());
                }
                if text.contains("6..=9 =>") {
                    mappings.push(p.display().to_string());
                }
            }
        }
    }
    assert_eq!(arrow_writers.len(), 1, "{arrow_writers:?}");
    assert!(arrow_writers[0].ends_with("crates/table/src/parquet.rs"));
    assert_eq!(mappings.len(), 1, "{mappings:?}");
    assert!(mappings[0].ends_with("crates/model/src/event.rs"));
}
