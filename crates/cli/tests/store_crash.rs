//! The event store under a crash: `events ingest` stopped at each step of a commit (the
//! `ENTENTE_CRASH_AT` hook aborts the process there, leaving the disk as a `kill -9` would) and by
//! real `SIGKILL`s at several moments. After each, DuckDB — reading the folder as any notebook
//! would, `STORE/**/*.parquet` — must see exactly the rows the manifests (`STORE/*/_source.tsv`)
//! commit, source by source; and the re-run must give, byte for byte, the store an uninterrupted
//! ingest gives.

use crate::util::{Dir, data, entente, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ingest_cmd(d: &str, inputs: &Path, store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_entente"));
    c.args(["--data", d, "events", "ingest"])
        .arg(inputs)
        .arg("--store")
        .arg(store)
        .args(["--threads", "2"])
        .env_remove("ENTENTE_CRASH_AT");
    c
}

fn ingest(d: &str, inputs: &Path, store: &Path, crash: Option<&str>) -> Output {
    let mut c = ingest_cmd(d, inputs, store);
    if let Some(at) = crash {
        c.env("ENTENTE_CRASH_AT", at);
    }
    c.output().unwrap()
}

/// Every file under `root` (relative path, bytes).
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// DuckDB's view of the store: rows by source file from the Parquet glob, and rows accepted by
/// source file from the manifests. Returns (visible, committed) as sorted (file, rows) lists.
type Rows = Vec<(String, u64)>;

fn duckdb_view(store: &Path) -> Option<(Rows, Rows)> {
    let script = format!(
        r#"
import duckdb, glob, json
s = {s:?}
visible = []
if glob.glob(s + "/**/*.parquet", recursive=True):
    visible = duckdb.sql(f"""SELECT source_file, count(*) FROM read_parquet('{{s}}/**/*.parquet',
        hive_partitioning = true) GROUP BY ALL ORDER BY ALL""").fetchall()
committed = []
if glob.glob(s + "/*/_source.tsv"):
    committed = duckdb.sql(f"""SELECT file, rows_accepted FROM read_csv('{{s}}/*/_source.tsv',
        delim = '\t', header = true, columns = {{{{'file': 'VARCHAR', 'bytes': 'UBIGINT',
        'rows_read': 'UBIGINT', 'rows_accepted': 'UBIGINT', 'rows_rejected': 'UBIGINT'}}}})
        WHERE rows_accepted > 0 ORDER BY ALL""").fetchall()
print(json.dumps([visible, committed]))
"#,
        s = store.display().to_string()
    );
    let o = Command::new("python3")
        .args(["-c", &script])
        .output()
        .ok()?;
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = |x: &serde_json::Value| -> Vec<(String, u64)> {
        x.as_array()
            .unwrap()
            .iter()
            .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_u64().unwrap()))
            .collect()
    };
    Some((list(&v[0]), list(&v[1])))
}

fn have_duckdb() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_DUCKDB").is_none(),
            "duckdb is required here (.ci/run installs it)"
        );
        eprintln!("skipping the store crash test: python3 with duckdb is not installed");
    }
    ok
}

/// Five sources (the shared GDELT export and ICEWS days, and three GDELT files drawn from the
/// export), each touching several months.
fn inputs(d: &str, dir: &Path) -> PathBuf {
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(
        format!("{d}/gdelt/20180101000000.export.CSV"),
        inputs.join("20180101000000.export.CSV"),
    )
    .unwrap();
    for e in std::fs::read_dir(format!("{d}/icews")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "tab") {
            std::fs::copy(&p, inputs.join(p.file_name().unwrap())).unwrap();
        }
    }
    for seed in 1..=3 {
        let out = inputs.join(format!("2019010{seed}000000.export.CSV"));
        let o = entente(&[
            "events",
            "generate",
            "--from",
            &format!("{d}/gdelt/20180101000000.export.CSV"),
            "--size",
            "400K",
            "--seed",
            &seed.to_string(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    inputs
}

fn check_consistent(store: &Path, what: &str) -> usize {
    let (visible, committed) = duckdb_view(store).unwrap();
    assert_eq!(
        visible, committed,
        "{what}: the rows a reader sees are the rows the manifests commit"
    );
    committed.len()
}

#[test]
fn a_killed_ingest_never_shows_uncommitted_rows_and_reruns_to_the_same_bytes() {
    let Some(d) = data() else { return };
    if !have_duckdb() {
        return;
    }
    let dir = Dir::new("store-crash");
    let inputs = inputs(&d, dir.path());
    let reference = dir.path().join("reference");
    let o = ingest(&d, &inputs, &reference, None);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = snapshot(&reference);
    assert_eq!(check_consistent(&reference, "uninterrupted"), 5);

    let mut partial = 0;
    for at in [
        "staged-part:1",
        "staged-part:6",
        "staged:1",
        "staged:4",
        "committed:1",
        "committed:3",
    ] {
        let store = dir.path().join(format!("store-{}", at.replace(':', "-")));
        let o = ingest(&d, &inputs, &store, Some(at));
        assert!(!o.status.success(), "{at}: the hook stops the ingest");
        assert!(stderr(&o).contains("stopping at"), "{at}: {}", stderr(&o));
        let n = check_consistent(&store, at);
        partial += usize::from(n > 0 && n < 5);
        let o = ingest(&d, &inputs, &store, None);
        assert!(o.status.success(), "{at}: {}", stderr(&o));
        assert_eq!(
            snapshot(&store),
            want,
            "{at}: the re-run gives the same bytes"
        );
        assert!(
            !dir.path()
                .join(format!(
                    ".{}.staging",
                    store.file_name().unwrap().to_string_lossy()
                ))
                .exists(),
            "{at}: the staging folder is gone"
        );
    }
    assert!(partial >= 2, "some stops fall between commits");

    // A changed file replaces its folder: stopped between the old folder leaving and the new one
    // coming in, the source is absent from rows and manifests alike.
    let store = dir.path().join("store-replace");
    assert!(ingest(&d, &inputs, &store, None).status.success());
    let changed = inputs.join("20190101000000.export.CSV");
    let text = std::fs::read_to_string(&changed).unwrap();
    let kept: Vec<&str> = text.lines().collect();
    std::fs::write(&changed, kept[..kept.len() / 2].join("\n") + "\n").unwrap();
    let o = ingest(&d, &inputs, &store, Some("moved-out:1"));
    assert!(!o.status.success());
    let (visible, committed) = duckdb_view(&store).unwrap();
    assert_eq!(visible, committed);
    assert!(
        !committed
            .iter()
            .any(|(f, _)| f == "20190101000000.export.CSV")
    );
    assert_eq!(committed.len(), 4);
    assert!(ingest(&d, &inputs, &store, None).status.success());
    let fresh = dir.path().join("reference-changed");
    assert!(ingest(&d, &inputs, &fresh, None).status.success());
    assert_eq!(snapshot(&store), snapshot(&fresh));

    // Real SIGKILLs at a few moments of a run.
    for (i, ms) in [5u64, 40, 120, 250].into_iter().enumerate() {
        let store = dir.path().join(format!("store-kill-{i}"));
        let mut child = ingest_cmd(&d, &inputs, &store)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        if store.exists() {
            check_consistent(&store, &format!("SIGKILL after {ms} ms"));
        }
        assert!(ingest(&d, &inputs, &store, None).status.success());
        assert_eq!(snapshot(&store), snapshot(&fresh), "SIGKILL after {ms} ms");
    }
}
