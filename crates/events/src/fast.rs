//! The fast path for whole-file aggregation: GDELT rows are scanned as bytes — only the five fields
//! the aggregate needs are read (`SQLDATE`, the two actor country codes, `QuadClass`,
//! `GoldsteinScale`) — in newline-aligned chunks processed in parallel, with a bounded number of
//! chunks in flight, so memory does not grow with the input. The same validation as
//! [`crate::gdelt::parse`] decides which rows are rejected, and rows in = accepted + rejected.

use crate::aggregate::Period;
use std::collections::HashMap;
use std::io::Read;

/// A directed dyad × period × QuadClass group. Country codes are up to 3 ASCII bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Group {
    pub source: [u8; 3],
    pub target: [u8; 3],
    pub period: u32,
    pub quad: u8,
}

impl Group {
    pub fn source_str(&self) -> &str {
        std::str::from_utf8(&self.source)
            .unwrap_or("")
            .trim_end_matches('\0')
    }
    pub fn target_str(&self) -> &str {
        std::str::from_utf8(&self.target)
            .unwrap_or("")
            .trim_end_matches('\0')
    }
}

/// Counts and the Goldstein sum (tenths) of a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub events: u64,
    pub goldstein_tenths: i64,
}

/// The aggregate of some rows.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    pub groups: HashMap<Group, Sums>,
    pub rows: u64,
    pub rejected: u64,
    /// (line number, reason) of every rejected row, in file order: rows in = grouped + without
    /// dyad + rejected, and each reject can be written out for the user to fix.
    pub rejects: Vec<(u64, String)>,
    /// Rows without both country codes (counted, not grouped).
    pub without_dyad: u64,
}

impl Aggregate {
    pub fn merge(&mut self, other: Aggregate, line_offset: u64) {
        for (k, v) in other.groups {
            let e = self.groups.entry(k).or_default();
            e.events += v.events;
            e.goldstein_tenths += v.goldstein_tenths;
        }
        self.rows += other.rows;
        self.rejected += other.rejected;
        self.without_dyad += other.without_dyad;
        self.rejects
            .extend(other.rejects.into_iter().map(|(l, r)| (l + line_offset, r)));
    }
}

fn code3(f: &[u8]) -> Option<[u8; 3]> {
    if f.is_empty() || f.len() > 3 {
        return None;
    }
    let mut c = [0u8; 3];
    c[..f.len()].copy_from_slice(f);
    Some(c)
}

fn parse_u32(f: &[u8]) -> Option<u32> {
    if f.is_empty() || f.len() > 9 {
        return None;
    }
    f.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn tenths(f: &[u8]) -> Option<i32> {
    std::str::from_utf8(f).ok().and_then(crate::tenths)
}

/// Tabs located for field access: fields 0–30 are the ones read.
const USED_TABS: usize = 31;

/// Locates the first [`USED_TABS`] tabs of a line and counts all of them, 16 bytes at a time: each
/// block becomes a bit mask (a loop the compiler turns into a vector compare), whose set bits are
/// the tabs. One pass over the line, rather than a search call per field.
fn scan_tabs(line: &[u8], tabs: &mut [usize; USED_TABS]) -> usize {
    let mut n = 0usize;
    let mut base = 0usize;
    let mut blocks = line.chunks_exact(16);
    for block in &mut blocks {
        let mut m = 0u32;
        for (k, &b) in block.iter().enumerate() {
            m |= u32::from(b == b'\t') << k;
        }
        if n >= USED_TABS {
            n += m.count_ones() as usize;
        } else {
            while m != 0 {
                if n < USED_TABS {
                    tabs[n] = base + m.trailing_zeros() as usize;
                }
                n += 1;
                m &= m - 1;
            }
        }
        base += 16;
    }
    for (k, &b) in blocks.remainder().iter().enumerate() {
        if b == b'\t' {
            if n < USED_TABS {
                tabs[n] = base + k;
            }
            n += 1;
        }
    }
    n
}

/// Aggregates one chunk of whole lines. Each line is validated as [`crate::gdelt::parse`] does for the
/// fields used, and for the column count.
pub fn aggregate_chunk(chunk: &[u8], period: Period) -> Aggregate {
    aggregate_lines(chunk, period).0
}

/// [`aggregate_chunk`], also giving the number of lines in the chunk (empty ones included).
fn aggregate_lines(chunk: &[u8], period: Period) -> (Aggregate, u64) {
    let mut agg = Aggregate::default();
    let mut tabs = [0usize; USED_TABS];
    let mut line_start = 0usize;
    let ends = memchr::memchr_iter(b'\n', chunk)
        .chain((!chunk.is_empty() && !chunk.ends_with(b"\n")).then_some(chunk.len()));
    let mut lines = 0u64;
    for (line_no, end) in ends.enumerate() {
        lines = line_no as u64 + 1;
        let line = &chunk[line_start..end];
        line_start = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        agg.rows += 1;
        let n = scan_tabs(line, &mut tabs);
        let columns = n + 1;
        let result = (|| -> Result<Option<(Group, i32)>, String> {
            if !matches!(columns, 57 | 58 | 61) {
                return Err(format!(
                    "{columns} columns; GDELT 1.0 has 57 or 58, GDELT 2.0 has 61"
                ));
            }
            let field = |i: usize| -> &[u8] {
                let start = if i == 0 { 0 } else { tabs[i - 1] + 1 };
                let end = if i < n { tabs[i] } else { line.len() };
                &line[start..end]
            };
            let date = parse_u32(field(1)).filter(|d| {
                let (y, m, dd) = (d / 10000, (d / 100) % 100, d % 100);
                (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&dd)
            });
            let date = date.ok_or("SQLDATE is not a YYYYMMDD date")?;
            let code = field(26);
            if !(2..=4).contains(&code.len()) || !code.iter().all(u8::is_ascii_digit) {
                return Err("EventCode is not a CAMEO code".into());
            }
            let root = (code[0] - b'0') * 10 + (code[1] - b'0');
            let derived = crate::quad_class(root).ok_or("EventCode has a root outside 01–20")?;
            let stated = field(28);
            if !stated.is_empty() && parse_u32(stated) != Some(u32::from(root)) {
                return Err("EventRootCode does not match EventCode".into());
            }
            let quad = match field(29) {
                [] => derived,
                [q @ b'1'..=b'4'] => q - b'0',
                _ => return Err("QuadClass is not 1–4".into()),
            };
            let g = tenths(field(30))
                .filter(|g| (-100..=100).contains(g))
                .ok_or("GoldsteinScale is not a one-decimal number in −10…10")?;
            let (Some(source), Some(target)) = (code3(field(7)), code3(field(17))) else {
                return Ok(None);
            };
            Ok(Some((
                Group {
                    source,
                    target,
                    period: period.key(date),
                    quad,
                },
                g,
            )))
        })();
        match result {
            Ok(Some((group, g))) => {
                let e = agg.groups.entry(group).or_default();
                e.events += 1;
                e.goldstein_tenths += i64::from(g);
            }
            Ok(None) => agg.without_dyad += 1,
            Err(reason) => {
                agg.rejected += 1;
                agg.rejects.push((line_no as u64 + 1, reason));
            }
        }
    }
    (agg, lines)
}

/// Aggregates a whole stream: reads `chunk_size` blocks, cuts them at the last newline, and hands them
/// to rayon with at most `in_flight` chunks alive, so memory stays bounded whatever the input's size.
/// `progress` is told the bytes read so far.
pub fn aggregate_stream(
    r: impl Read,
    period: Period,
    chunk_size: usize,
    in_flight: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> std::io::Result<Aggregate> {
    aggregate_stream_with(r, period, chunk_size, in_flight, progress, &mut Vec::new())
}

/// [`aggregate_stream`] with a pool of chunk buffers kept by the caller, to be reused across files:
/// freeing the buffers after each file and allocating them again for the next raises the peak
/// memory (the allocator moves them from their own mappings onto its heap), where one pool keeps
/// the peak that of one file whatever the number of files.
pub fn aggregate_stream_with(
    mut r: impl Read,
    period: Period,
    chunk_size: usize,
    in_flight: usize,
    progress: &(dyn Fn(u64) + Sync),
    spare: &mut Vec<Vec<u8>>,
) -> std::io::Result<Aggregate> {
    use std::sync::mpsc;
    let in_flight = in_flight.max(1);
    let (tx, rx) = mpsc::sync_channel::<Done>(in_flight);
    // Chunk results arrive out of order; they are merged strictly in chunk order (so that reject
    // line numbers are absolute) as soon as the next one is in, which keeps at most `in_flight`
    // chunk aggregates alive rather than one per chunk of the file.
    let mut merger = InOrder::default();
    // Finished chunks hand their buffers back, so the steady state allocates (and page-faults)
    // nothing: `in_flight + 1` buffers serve the whole file.
    let mut carry: Vec<u8> = Vec::new();
    let mut read_total = 0u64;
    let mut pending = 0usize;
    let mut index = 0usize;
    rayon::in_place_scope(|scope| -> std::io::Result<()> {
        loop {
            let mut buf = spare.pop().unwrap_or_default();
            let start = carry.len();
            let end = start + chunk_size;
            if buf.len() < end {
                buf.resize(end, 0);
            }
            buf[..start].copy_from_slice(&carry);
            let mut filled = start;
            while filled < end {
                let got = r.read(&mut buf[filled..end])?;
                if got == 0 {
                    break;
                }
                filled += got;
            }
            read_total += (filled - start) as u64;
            progress(read_total);
            let eof = filled == start;
            if filled == 0 {
                break;
            }
            // Cut at the last newline; the rest carries into the next chunk. A chunk without a
            // newline (a line longer than the chunk) carries whole, and the next read extends it.
            let cut = if eof {
                filled
            } else {
                match memchr::memrchr(b'\n', &buf[..filled]) {
                    Some(p) => p + 1,
                    None => {
                        carry.clear();
                        carry.extend_from_slice(&buf[..filled]);
                        spare.push(buf);
                        continue;
                    }
                }
            };
            carry.clear();
            carry.extend_from_slice(&buf[cut..filled]);
            while pending >= in_flight {
                let done = receive(&rx)?;
                spare.push(merger.push(done));
                pending -= 1;
            }
            let tx = tx.clone();
            let i = index;
            index += 1;
            pending += 1;
            scope.spawn(move |_| {
                let (agg, lines) = aggregate_lines(&buf[..cut], period);
                let _ = tx.send(Done {
                    index: i,
                    agg,
                    lines,
                    buf,
                });
            });
            if eof {
                break;
            }
        }
        while pending > 0 {
            let done = receive(&rx)?;
            spare.push(merger.push(done));
            pending -= 1;
        }
        Ok(())
    })?;
    Ok(merger.total)
}

/// Waits for a chunk result. When the reader itself runs on a rayon worker (inside
/// `ThreadPool::install`, as with `--threads N`), blocking there would idle that worker — and
/// deadlock a one-thread pool — so it runs queued chunks while it waits.
fn receive<T>(rx: &std::sync::mpsc::Receiver<T>) -> std::io::Result<T> {
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    loop {
        match rx.try_recv() {
            Ok(v) => return Ok(v),
            Err(TryRecvError::Disconnected) => {
                return Err(std::io::Error::other("a chunk worker stopped"));
            }
            Err(TryRecvError::Empty) => {}
        }
        if matches!(rayon::yield_now(), Some(rayon::Yield::Executed)) {
            continue;
        }
        match rx.recv_timeout(std::time::Duration::from_millis(1)) {
            Ok(v) => return Ok(v),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(std::io::Error::other("a chunk worker stopped"));
            }
        }
    }
}

/// Merges chunk aggregates in chunk order, whatever order they finish in.
#[derive(Default)]
struct InOrder {
    total: Aggregate,
    next: usize,
    lines_before: u64,
    waiting: std::collections::BTreeMap<usize, (Aggregate, u64)>,
}

/// A finished chunk: its aggregate, its number of lines, and its buffer for reuse.
struct Done {
    index: usize,
    agg: Aggregate,
    lines: u64,
    buf: Vec<u8>,
}

impl InOrder {
    /// Takes a finished chunk and gives back its buffer.
    fn push(&mut self, done: Done) -> Vec<u8> {
        self.waiting.insert(done.index, (done.agg, done.lines));
        while let Some((agg, lines)) = self.waiting.remove(&self.next) {
            self.total.merge(agg, self.lines_before);
            self.lines_before += lines;
            self.next += 1;
        }
        done.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_tabs_matches_a_plain_search() {
        // Lines of every length around the 16-byte blocks, tabs in every position pattern.
        let mut state = 12345u64;
        for len in 0..200 {
            for _ in 0..20 {
                let line: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                        if (state >> 33).is_multiple_of(4) {
                            b'\t'
                        } else {
                            b'x'
                        }
                    })
                    .collect();
                let want: Vec<usize> = (0..len).filter(|&i| line[i] == b'\t').collect();
                let mut tabs = [0usize; USED_TABS];
                let n = scan_tabs(&line, &mut tabs);
                assert_eq!(n, want.len());
                let k = n.min(USED_TABS);
                assert_eq!(&tabs[..k], &want[..k]);
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_the_reader() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/gdelt/20180101000000.export.CSV");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipping: {} is absent", path.display());
            return;
        };
        // Small chunks and few in flight exercise the cutting and the ordering.
        let agg = aggregate_stream(&bytes[..], Period::Month, 4096, 2, &|_| {}).unwrap();
        assert_eq!((agg.rows, agg.rejected), (2414, 0));
        let mut reference = crate::Loaded::default();
        crate::gdelt::read(&path, &mut reference).unwrap();
        let spec = crate::aggregate::Spec {
            period: Period::Month,
            directed: true,
            dedupe: false,
            dyad: None,
            quad: vec![],
        };
        let cells = crate::aggregate::dyad_series(&reference.rows, &spec);
        let total: u64 = agg.groups.values().map(|s| s.events).sum();
        assert_eq!(total, cells.iter().map(|c| c.events).sum::<u64>());
        let g: i64 = agg.groups.values().map(|s| s.goldstein_tenths).sum();
        assert_eq!(g, cells.iter().map(|c| c.goldstein_tenths).sum::<i64>());
        // A broken row is rejected with its absolute line number.
        let mut broken = bytes.clone();
        broken.extend_from_slice(b"1\t2\t3\n");
        let agg = aggregate_stream(&broken[..], Period::Month, 4096, 2, &|_| {}).unwrap();
        assert_eq!((agg.rows, agg.rejected), (2415, 1));
        assert_eq!(agg.rejects[0].0, 2415);
        // On a one-thread pool the reader shares its worker with the chunks, and still finishes
        // with the same answer.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let one = pool
            .install(|| aggregate_stream(&broken[..], Period::Month, 4096, 2, &|_| {}))
            .unwrap();
        assert_eq!(one.groups, agg.groups);
        assert_eq!(one.rejects, agg.rejects);
    }
}
