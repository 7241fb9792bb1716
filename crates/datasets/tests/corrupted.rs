//! Every importer on corrupted copies of the real files: no panic, and rows read = accepted +
//! rejected, whatever is done to the bytes (cells cut, swapped, emptied or replaced with text, quotes
//! and invalid UTF-8 inserted, lines truncated or duplicated). Seeded, so a failure reproduces.

use entente_datasets::dir::DataDir;
use entente_datasets::{Loaded, TableError};
use std::path::{Path, PathBuf};

/// SplitMix64 (Steele, Lea & Flood 2014): a small, seedable generator for reproducible corruption.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One corrupted line: a data line (never the header) with one kind of damage.
fn corrupt_line(line: &[u8], rng: &mut Rng) -> Vec<u8> {
    let text = String::from_utf8_lossy(line).into_owned();
    let mut cells: Vec<String> = text.split(',').map(str::to_string).collect();
    let i = rng.below(cells.len());
    match rng.below(8) {
        0 => cells[i].clear(),
        1 => cells[i] = "x".repeat(1 + rng.below(3)),
        2 => cells[i] = "-99999999999999999999".into(),
        3 => {
            let j = rng.below(cells.len());
            cells.swap(i, j);
        }
        4 => {
            cells.truncate(i);
        }
        5 => cells[i].insert(0, '"'),
        6 => {
            let mut b = cells.join(",").into_bytes();
            let at = rng.below(b.len() + 1);
            b.insert(at, 0xFF);
            return b;
        }
        _ => cells.push("extra".into()),
    }
    cells.join(",").into_bytes()
}

fn corrupted_copy(src: &Path, dst: &Path, seed: u64, lines: usize) {
    let bytes = std::fs::read(src).unwrap();
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for (n, line) in bytes.split(|&b| b == b'\n').take(lines).enumerate() {
        let damaged = n > 0 && rng.below(4) == 0;
        if damaged {
            out.extend(corrupt_line(line, &mut rng));
        } else {
            out.extend_from_slice(line);
        }
        out.push(b'\n');
        if n > 0 && rng.below(50) == 0 {
            out.extend_from_slice(line); // a duplicated line
            out.push(b'\n');
        }
    }
    std::fs::write(dst, out).unwrap();
}

fn check<T>(name: &str, path: &Path, read: fn(&Path) -> Result<Loaded<T>, TableError>) {
    let dir = std::env::temp_dir().join(format!("entente-corrupt-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rejected = 0;
    for seed in 0..25u64 {
        let dst = dir.join("f.csv");
        corrupted_copy(path, &dst, seed, 300);
        let r = std::panic::catch_unwind(|| read(&dst));
        match r {
            Err(_) => panic!("{name}: the importer panicked on seed {seed}"),
            Ok(Err(e)) => assert!(!e.to_string().is_empty()),
            Ok(Ok(l)) => {
                assert!(l.check_balance(), "{name} seed {seed}: {}", l.summary());
                rejected += l.rejects.len();
            }
        }
    }
    // The damage reached the parser: some rows were rejected (with their line and reason).
    assert!(rejected > 0, "{name}: no corrupted row was rejected");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn importers_survive_corrupted_files() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !p.exists() {
        entente_table::testdata::skip(&p);
        return;
    }
    let d = DataDir::new(&p);
    let f = |n: &str| d.find(n).unwrap();
    use entente_datasets::*;
    check("system", &f("system"), states::read_system);
    check("states", &f("states"), states::read_spells);
    check("nmc", &f("nmc"), nmc::read);
    check("atop", &f("atop"), atop::read_members);
    check("atop-alliances", &f("atop-alliances"), atop::read_alliances);
    check("atop-phases", &f("atop-phases"), atop::read_phases);
    check(
        "atop-dyadic",
        &f("atop-dyadic"),
        atop::read_directed_dyad_years,
    );
    check(
        "cow-alliances",
        &f("cow-alliances"),
        cow_alliance::read_members,
    );
    check("mid", &f("mid"), mid::read_participants);
    check("contiguity", &f("contiguity"), contiguity::read);
    check("crosswalk", &f("crosswalk"), crosswalk::read);
}
