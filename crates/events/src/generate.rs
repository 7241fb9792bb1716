//! A generator of GDELT 2.0-shaped event files of any size, for benchmarks and scale tests. Each new
//! row takes its fields from the rows of a real export, block by block — the dates (`SQLDATE` …
//! `FractionDate`, `DATEADDED`), the first actor, the second actor, the event (code, QuadClass, Goldstein,
//! mentions, tone) and the places — each block from an independently drawn row, so codes, actors,
//! dates and tones follow the real file's distributions while their combinations vary. Seeded:
//! the same seed gives the same file. Generated data is not committed.

use std::io::Write;

/// Why a file could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("the sample has no GDELT 2.0 rows (61 tab-separated columns)")]
    NoRows,
    #[error("cannot write the generated rows: {0}")]
    Write(std::io::Error),
}

/// The column ranges drawn together (GDELT 2.0 layout, 61 columns).
const BLOCKS: [(usize, usize); 5] = [(1, 5), (5, 15), (15, 25), (25, 35), (35, 59)];

/// Writes at least `bytes` bytes of rows to `out`, drawing from `sample` (a GDELT 2.0 export).
/// Returns the number of rows written.
pub fn generate(
    sample: &[u8],
    bytes: u64,
    seed: u64,
    out: &mut impl Write,
) -> Result<u64, GenerateError> {
    let rows: Vec<Vec<&[u8]>> = sample
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.strip_suffix(b"\r")
                .unwrap_or(l)
                .split(|&b| b == b'\t')
                .collect::<Vec<_>>()
        })
        .filter(|f| f.len() == 61)
        .collect();
    if rows.is_empty() {
        return Err(GenerateError::NoRows);
    }
    let mut s = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut written = 0u64;
    let mut count = 0u64;
    let mut line = Vec::with_capacity(1024);
    while written < bytes {
        line.clear();
        line.extend_from_slice((1_000_000_000 + count).to_string().as_bytes());
        let picks: Vec<usize> = BLOCKS
            .iter()
            .map(|_| (next() % rows.len() as u64) as usize)
            .collect();
        for (k, &(a, b)) in BLOCKS.iter().enumerate() {
            for f in &rows[picks[k]][a..b] {
                line.push(b'\t');
                line.extend_from_slice(f);
            }
        }
        // DATEADDED goes with the dates; SOURCEURL with the event.
        line.push(b'\t');
        line.extend_from_slice(rows[picks[0]][59]);
        line.push(b'\t');
        line.extend_from_slice(rows[picks[3]][60]);
        line.push(b'\n');
        out.write_all(&line).map_err(GenerateError::Write)?;
        written += line.len() as u64;
        count += 1;
    }
    Ok(count)
}

/// Parses a size like "2G", "500M", "64K" or a number of bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'G' | 'g' => (&s[..s.len() - 1], 1u64 << 30),
        'M' | 'm' => (&s[..s.len() - 1], 1 << 20),
        'K' | 'k' => (&s[..s.len() - 1], 1 << 10),
        _ => (s, 1),
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some((v * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_rows_read_back_with_no_rejects() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/gdelt/20180101000000.export.CSV");
        let Ok(sample) = std::fs::read(&path) else {
            entente_table::testdata::skip(&path);
            return;
        };
        let mut out = Vec::new();
        let n = generate(&sample, 3 << 20, 7, &mut out).unwrap();
        assert!(out.len() >= 3 << 20 && n > 5000);
        let agg = crate::fast::aggregate_stream(
            &out[..],
            crate::aggregate::Period::Month,
            1 << 20,
            2,
            &|_| {},
        )
        .unwrap();
        assert_eq!((agg.rows, agg.rejected), (n, 0));
        let mut again = Vec::new();
        generate(&sample, 1 << 16, 7, &mut again).unwrap();
        assert_eq!(&out[..again.len()], &again[..], "same seed, same file");
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("1.5M"), Some(3 << 19));
        assert_eq!(parse_size("x"), None);
    }
}
