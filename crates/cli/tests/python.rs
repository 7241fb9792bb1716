//! The Python suite (python/tests: the bindings and the Spark path, compared with this binary) as
//! part of `cargo test --workspace`: `scripts/python-tests.sh` installs the bindings with
//! `pip install ./python` into a virtual environment of its own and runs pytest. It needs python3
//! and PyPI; without python3 it skips with a message, unless ENTENTE_REQUIRE_PYTHON=1 (`.ci/run`
//! sets it). ENTENTE_SKIP_PYTHON=1 leaves it out (a quick Rust-only run).

use std::process::Command;

#[test]
fn the_python_suite_passes() {
    let flag = |v: &str| std::env::var(v).is_ok_and(|x| !x.is_empty() && x != "0");
    if flag("ENTENTE_SKIP_PYTHON") && !flag("ENTENTE_REQUIRE_PYTHON") {
        eprintln!("skipping the Python suite: ENTENTE_SKIP_PYTHON is set");
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            !flag("ENTENTE_REQUIRE_PYTHON"),
            "python3 is not on PATH and ENTENTE_REQUIRE_PYTHON is set"
        );
        eprintln!("skipping the Python suite: no python3");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("bash")
        .arg("scripts/python-tests.sh")
        .current_dir(&root)
        .env("ENTENTE_BIN", env!("CARGO_BIN_EXE_entente"))
        .env("ENTENTE_REQUIRE_SPARK", "1")
        .output()
        .expect("bash runs scripts/python-tests.sh");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{text}");
    assert!(out.status.success(), "the Python suite failed:\n{text}");
}
