//! The readers on the real files in `../shared/data` (one GDELT 2.0 export, two days of ICEWS), and
//! their aggregates against DuckDB's on the same files.

use entente_events::aggregate::{Period, Spec, dyad_series};
use entente_events::icews::{Countries, Unmapped};
use entente_events::{Event, Loaded};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn data() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.exists() {
        Some(p)
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}

fn countries(d: &std::path::Path) -> Countries {
    let text =
        std::fs::read_to_string(d.join("states/countrycode_codelist_without_cldr.csv")).unwrap();
    let mut rdr_lines = text.lines();
    let header: Vec<&str> = rdr_lines.next().unwrap().split(',').collect();
    let (iname, iiso) = (
        header.iter().position(|h| *h == "country.name.en").unwrap(),
        header.iter().position(|h| *h == "iso3c").unwrap(),
    );
    // Names may contain commas inside quotes: parse with a tiny quote-aware splitter.
    let split = |l: &str| -> Vec<String> {
        let (mut out, mut cur, mut q) = (Vec::new(), String::new(), false);
        for c in l.chars() {
            match c {
                '"' => q = !q,
                ',' if !q => out.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let pairs: Vec<(String, String)> = rdr_lines
        .map(split)
        .filter(|f| f.len() > iname.max(iiso) && !f[iiso].is_empty())
        .map(|f| (f[iname].clone(), f[iiso].clone()))
        .collect();
    Countries::new(pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())))
}

fn load(d: &std::path::Path) -> (Loaded<Event>, Loaded<Event>, Unmapped) {
    let mut g = Loaded::default();
    entente_events::gdelt::read(&d.join("gdelt/20180101000000.export.CSV"), &mut g).unwrap();
    let mut i = Loaded::default();
    let mut un = Unmapped::default();
    entente_events::icews::read(
        &d.join("icews/events.2018.sample.tab"),
        &countries(d),
        &mut i,
        &mut un,
    )
    .unwrap();
    (g, i, un)
}

#[test]
fn both_load_with_zero_rejects() {
    let Some(d) = data() else { return };
    let (g, i, un) = load(&d);
    assert!(g.check_balance() && i.check_balance());
    assert_eq!(
        (g.read, g.rows.len()),
        (2414, 2414),
        "{:?}",
        g.rejects.first()
    );
    assert_eq!(
        (i.read, i.rows.len()),
        (3705, 3705),
        "{:?}",
        i.rejects.first()
    );
    assert!(
        un.names.is_empty(),
        "every ICEWS country name maps: {:?}",
        un.names
    );
    let rus = i.rows.iter().filter(|e| e.source_country == "RUS").count();
    assert!(rus > 100, "Russian Federation maps to RUS");
    assert!(
        i.rows
            .iter()
            .all(|e| e.code.as_str().len() >= 3 || e.code.as_str().len() == 2)
    );
}

#[test]
fn aggregates_equal_duckdbs() {
    let Some(d) = data() else { return };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/duckdb_check.py");
    let have = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_DUCKDB").is_none(),
            "duckdb is required here (.ci/run installs it)"
        );
        eprintln!("skipping: python3 with duckdb is not installed (.ci/run installs it)");
        return;
    }
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(d.join("gdelt/20180101000000.export.CSV"))
        .arg(d.join("icews/events.2018.sample.tab"))
        .arg(d.join("states/countrycode_codelist_without_cldr.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (g, i, _) = load(&d);
    // GDELT: directed dyad x month x QuadClass counts and Goldstein sums.
    let spec = Spec {
        period: Period::Month,
        directed: true,
        dedupe: false,
        dyad: None,
        quad: vec![],
    };
    let mut ours: BTreeMap<(String, String, String, usize), (u64, i64)> = BTreeMap::new();
    for q in 1..=4u8 {
        for c in dyad_series(
            &g.rows,
            &Spec {
                quad: vec![entente_model::QuadClass::from_number(q).unwrap()],
                ..spec.clone()
            },
        ) {
            ours.insert(
                (c.source, c.target, c.period.replace('-', ""), q as usize),
                (c.quad_counts[q as usize - 1], c.goldstein_tenths),
            );
        }
    }
    let theirs: BTreeMap<(String, String, String, usize), (u64, i64)> = v["gdelt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (
                    r[0].as_str().unwrap().into(),
                    r[1].as_str().unwrap().into(),
                    r[2].to_string(),
                    r[3].as_u64().unwrap() as usize,
                ),
                (r[4].as_u64().unwrap(), r[5].as_i64().unwrap()),
            )
        })
        .collect();
    assert!(!theirs.is_empty());
    assert_eq!(
        ours, theirs,
        "GDELT dyad-month QuadClass counts and Goldstein sums"
    );
    // ICEWS: counts by source country, target country, month, root — the script maps the names
    // with countrycode's regexes, not with entente's table.
    let mut theirs: BTreeMap<(String, String, u64, u64), u64> = BTreeMap::new();
    for r in v["icews"].as_array().unwrap() {
        let key = (
            r[0].as_str().unwrap().to_string(),
            r[1].as_str().unwrap().to_string(),
            r[2].as_u64().unwrap(),
            r[3].as_u64().unwrap(),
        );
        *theirs.entry(key).or_default() += r[4].as_u64().unwrap();
    }
    let mut ours: BTreeMap<(String, String, u64, u64), u64> = BTreeMap::new();
    for e in &i.rows {
        *ours
            .entry((
                e.source_country.clone(),
                e.target_country.clone(),
                u64::from(e.date / 100),
                u64::from(e.root()),
            ))
            .or_default() += 1;
    }
    assert_eq!(ours, theirs, "ICEWS counts by source, target, month, root");
}

#[test]
fn zipped_gdelt_reads_like_the_plain_file() {
    let Some(d) = data() else { return };
    let plain = d.join("gdelt/20180101000000.export.CSV");
    let tmp = std::env::temp_dir().join(format!("entente-zip-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let zipped = tmp.join("20180101000000.export.CSV.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("20180101000000.export.CSV", opts).unwrap();
        w.write_all(&std::fs::read(&plain).unwrap()).unwrap();
        w.finish().unwrap();
    }
    let (mut a, mut b) = (Loaded::default(), Loaded::default());
    entente_events::gdelt::read(&plain, &mut a).unwrap();
    entente_events::gdelt::read(&zipped, &mut b).unwrap();
    assert!(
        std::fs::metadata(&zipped).unwrap().len() < std::fs::metadata(&plain).unwrap().len() / 2
    );
    assert_eq!(a.rows, b.rows);
    assert_eq!(b.read, 2414);
    let _ = std::fs::remove_dir_all(&tmp);
}
