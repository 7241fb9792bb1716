//! No panic on user input: the loader is fed hundreds of corrupted copies of the bundled scenario
//! (bytes deleted, duplicated, swapped, junk inserted, lines shuffled, files truncated) and must always
//! return — diagnostics, never a panic. Deterministic (a fixed xorshift stream).

use entente_scenario::{ScenarioFile, bundled_files, load_files};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const JUNK: [&str; 12] = [
    "[[",
    "]]",
    "=",
    "\"",
    "'''",
    "\n[[agreement]]\n",
    "{ kind = ",
    "nan",
    "-9999999999999999999",
    "é",
    "\u{0}",
    "2024-02-30",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len());
        match rng.below(5) {
            0 => {
                let len = rng.below(40).min(s.len() - at);
                s.drain(at..at + len);
            }
            1 => {
                let junk = JUNK[rng.below(JUNK.len())];
                for (k, c) in junk.chars().enumerate() {
                    s.insert(at + k, c);
                }
            }
            2 => s.truncate(at),
            3 => {
                let len = rng.below(60).min(s.len() - at);
                let piece: Vec<char> = s[at..at + len].to_vec();
                let to = rng.below(s.len());
                for (k, c) in piece.into_iter().enumerate() {
                    s.insert(to + k, c);
                }
            }
            _ => {
                let mut lines: Vec<String> = s
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(str::to_string)
                    .collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                s = lines.join("\n").chars().collect();
            }
        }
        if s.is_empty() {
            break;
        }
    }
    s.into_iter().collect()
}

#[test]
fn corrupted_scenarios_give_diagnostics_never_panics() {
    let files = bundled_files();
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mut with_errors = 0;
    for _ in 0..200 {
        let mut copy: Vec<ScenarioFile> = files.clone();
        let k = rng.below(copy.len());
        copy[k].text = mutate(&copy[k].text, &mut rng);
        let loaded = load_files(&copy);
        if !loaded.diagnostics.is_empty() {
            with_errors += 1;
            for d in &loaded.diagnostics {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
                let _ = d.to_string();
            }
        }
    }
    assert!(
        with_errors > 60,
        "most corruptions are caught: {with_errors}"
    );
}
