//! A fresh directory per test and a command for the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Dir(pub PathBuf);

impl Dir {
    /// A new empty directory named after the test.
    pub fn new(name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("entente-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }

    pub fn write(&self, name: &str, text: &str) -> &Dir {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn entente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs with `--format json` and parses stdout, failing with both streams shown.
pub fn json(args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = entente(&all);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(&out), stderr(&out)));
    (v, out)
}

/// A small valid scenario: three states and a source with ten lines.
pub const BASE: &str = r#"[scenario]
id = "fixture"
title = "Fixture"
as_of = "2025-01"

[[source]]
id = "doc"
kind = "article"
title = "A test article"
lines = 10

[[actor]]
id = "AAA"
kind = "state"
name = "Aland"
cow = 901
confidence = "confirmed"
cite = [{ source = "doc", lines = "1" }]

[[actor]]
id = "BBB"
kind = "state"
name = "Bland"
cow = 902
cow_abbr = "BLD"
confidence = "confirmed"
cite = [{ source = "doc", lines = "2" }]

[[actor]]
id = "CCC"
kind = "state"
name = "Cland"
cow = 903
confidence = "confirmed"
cite = [{ source = "doc", lines = "3" }]
"#;

/// The shared datasets folder, or `None` (with a message) when it is absent, so data tests skip.
pub fn data() -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.exists() {
        Some(p.to_string_lossy().into_owned())
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}
