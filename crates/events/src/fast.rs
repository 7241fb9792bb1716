//! The fast path for whole-file aggregation: GDELT rows are scanned as bytes — only the five fields
//! the aggregate needs are read (`SQLDATE`, the two actor country codes, `QuadClass`,
//! `GoldsteinScale`) — in newline-aligned chunks processed in parallel, with a bounded number of
//! chunks in flight, so memory does not grow with the input. The one row validator,
//! [`crate::gdelt::validate`], decides which rows are rejected, as it does for the streaming reader,
//! and rows in = grouped + without both countries + rejected.

use crate::Reject;
use crate::aggregate::Period;
use crate::gdelt::{USED_TABS, scan_tabs, validate};
use entente_model::QuadClass;
use std::collections::HashMap;
use std::io::Read;

/// A directed dyad × period × QuadClass group. Country codes are up to 3 ASCII bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Group {
    pub source: [u8; 3],
    pub target: [u8; 3],
    pub period: u32,
    pub quad: QuadClass,
}

/// A group hashes as two words (the dyad and QuadClass packed in one, the period the other), not
/// field by field: hashing is a tenth of the fast path's work with SipHash.
impl std::hash::Hash for Group {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let pack = |c: [u8; 3]| u64::from(c[0]) << 16 | u64::from(c[1]) << 8 | u64::from(c[2]);
        h.write_u64(
            pack(self.source) << 27 | pack(self.target) << 3 | u64::from(self.quad.number()),
        );
        h.write_u32(self.period);
    }
}

/// The hasher of the group table: a multiply–rotate mix (as rustc's FxHasher) — keys come from the
/// data, but a table of dyad-periods has no adversary worth SipHash's cost, and its order never
/// reaches the output (groups are written sorted).
#[derive(Clone, Copy, Debug, Default)]
pub struct GroupHasher(u64);

impl std::hash::Hasher for GroupHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The group table.
pub type Groups = HashMap<Group, Sums, std::hash::BuildHasherDefault<GroupHasher>>;

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
    pub groups: Groups,
    pub rows: u64,
    pub rejected: u64,
    /// Every rejected row, in file order (line numbers count from the stream's start; the file
    /// name is filled in by [`aggregate_files`]): rows in = grouped + without dyad + rejected, and
    /// each reject can be written out for the user to fix.
    pub rejects: Vec<Reject>,
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
        self.rejects.extend(other.rejects.into_iter().map(|mut r| {
            r.line += line_offset;
            r
        }));
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
        match validate(line, &tabs, n) {
            Ok(row) => match (code3(row.source_country), code3(row.target_country)) {
                (Some(source), Some(target)) => {
                    let group = Group {
                        source,
                        target,
                        period: period.key(row.date),
                        quad: row.quad,
                    };
                    let e = agg.groups.entry(group).or_default();
                    e.events += 1;
                    e.goldstein_tenths += i64::from(row.goldstein_tenths);
                }
                _ => agg.without_dyad += 1,
            },
            Err(fault) => {
                agg.rejected += 1;
                let reason = fault.message(line, &tabs, n);
                agg.rejects
                    .push(Reject::new("", line_no as u64 + 1, reason, line));
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
    // A line longer than MAX_LINE is not buffered: its first bytes are kept for the reject and the
    // rest is skipped up to its newline, so memory stays bounded by the chunks, not the line.
    let mut skipping: Option<Vec<u8>> = None;
    let mut read_total = 0u64;
    let mut pending = 0usize;
    let mut index = 0usize;
    rayon::in_place_scope(|scope| -> std::io::Result<()> {
        loop {
            let mut buf = spare.pop().unwrap_or_default();
            let start = carry.len();
            buf.clear();
            buf.reserve(start + chunk_size);
            buf.extend_from_slice(&carry);
            // Read into the spare capacity: `read_to_end` fills it without zeroing it first (a
            // `resize` would write every byte once before the read writes it again).
            (&mut r).take(chunk_size as u64).read_to_end(&mut buf)?;
            let filled = buf.len();
            read_total += (filled - start) as u64;
            progress(read_total);
            let eof = filled == start;
            if let Some(head) = &mut skipping {
                let new = &buf[start..filled];
                let end = memchr::memchr(b'\n', new);
                if end.is_none() && !eof {
                    carry.clear();
                    spare.push(buf);
                    continue;
                }
                // The over-long line ends here (or at the end of the stream): one reject, in order.
                let mut agg = Aggregate {
                    rows: 1,
                    rejected: 1,
                    ..Aggregate::default()
                };
                agg.rejects.push(Reject::new(
                    String::new(),
                    1,
                    format!("the line is longer than {} bytes; skipped", MAX_LINE),
                    std::mem::take(head),
                ));
                skipping = None;
                let i = index;
                index += 1;
                carry.clear();
                if let Some(p) = end {
                    carry.extend_from_slice(&new[p + 1..]);
                }
                spare.push(merger.push(Done {
                    index: i,
                    agg,
                    lines: 1,
                    buf,
                }));
                if eof {
                    break;
                }
                continue;
            }
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
                    None if filled > MAX_LINE => {
                        skipping = Some(buf[..filled.min(256)].to_vec());
                        carry.clear();
                        carry.shrink_to(chunk_size);
                        spare.push(buf);
                        continue;
                    }
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

/// The longest line the event readers take (1 MiB; a GDELT or ICEWS row is a few hundred bytes): a
/// longer one is a reject with its line number, never a buffer that grows with it.
pub const MAX_LINE: usize = 1 << 20;

/// The suffixes of GDELT event files that [`aggregate_files`] reads from a directory.
pub const GDELT_SUFFIXES: [&str; 2] = [".export.csv", ".export.csv.zip"];

/// Aggregates GDELT files (plain or zipped, the zip's first entry streamed) one after the other,
/// each through [`aggregate_stream_with`] with one shared buffer pool, on the current rayon pool.
/// Rejects carry their file name and line. `progress` is told the bytes read so far, over all files.
///
/// ```no_run
/// use entente_events::{aggregate::Period, fast};
/// let files = vec![std::path::PathBuf::from("20180101000000.export.CSV")];
/// let agg = fast::aggregate_files(&files, Period::Month, &|_| {})?;
/// assert_eq!(agg.rows, agg.groups.values().map(|s| s.events).sum::<u64>() + agg.without_dyad + agg.rejected);
/// # Ok::<(), entente_events::ReadError>(())
/// ```
pub fn aggregate_files(
    files: &[std::path::PathBuf],
    period: Period,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Aggregate, crate::ReadError> {
    use crate::ReadError;
    let mut all = Aggregate::default();
    let mut buffers = Vec::new();
    let mut done_before = 0u64;
    for f in files {
        let file = std::fs::File::open(f).map_err(|e| ReadError::io(f, e))?;
        let size = file.metadata().map_or(0, |m| m.len());
        let before = done_before;
        let progress = move |n: u64| progress(before + n);
        let agg = if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
            let mut z = zip::ZipArchive::new(file).map_err(|e| ReadError::format(f, e))?;
            let entry = z.by_index(0).map_err(|e| ReadError::format(f, e))?;
            aggregate_stream_with(entry, period, CHUNK, IN_FLIGHT, &progress, &mut buffers)
        } else {
            aggregate_stream_with(file, period, CHUNK, IN_FLIGHT, &progress, &mut buffers)
        }
        .map_err(|e| ReadError::io(f, e))?;
        let name = f.display().to_string();
        let mut agg = agg;
        for r in &mut agg.rejects {
            r.file.clone_from(&name);
        }
        done_before += size;
        all.merge(agg, 0);
    }
    Ok(all)
}

/// The block size of [`aggregate_files`] (the value `events aggregate` has used since its
/// throughput was first measured, docs/BENCHMARKS.md). Memory is bounded by
/// `CHUNK × (IN_FLIGHT + 1)` buffers, 80 MB.
pub const CHUNK: usize = 16 << 20;
/// Blocks in flight at once (see [`CHUNK`]).
pub const IN_FLIGHT: usize = 4;

impl Aggregate {
    /// The groups in sorted order (source, target, period, QuadClass).
    pub fn sorted(&self) -> Vec<(&Group, &Sums)> {
        let mut groups: Vec<_> = self.groups.iter().collect();
        groups.sort_by(|x, y| x.0.cmp(y.0));
        groups
    }

    /// Writes the groups as CSV (`source,target,period,quad,events,goldstein_tenths`), or as
    /// Parquet with the same columns when `path` ends in `.parquet`; either is written to a `.tmp`
    /// file renamed into place.
    pub fn write(&self, path: &std::path::Path) -> Result<(), crate::ReadError> {
        let groups = self.sorted();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
        {
            return write_groups_parquet(path, &groups);
        }
        use std::io::Write;
        let tmp = entente_table::tmp_path(path);
        let io = |e: std::io::Error| crate::ReadError::io(&tmp, e);
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = std::io::BufWriter::new(file);
        writeln!(w, "source,target,period,quad,events,goldstein_tenths").map_err(io)?;
        for (g, s) in groups {
            writeln!(
                w,
                "{},{},{},{},{},{}",
                g.source_str(),
                g.target_str(),
                g.period,
                g.quad.number(),
                s.events,
                s.goldstein_tenths
            )
            .map_err(io)?;
        }
        w.flush().map_err(io)?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(|e| crate::ReadError::io(path, e))
    }
}

fn write_groups_parquet(
    out: &std::path::Path,
    groups: &[(&Group, &Sums)],
) -> Result<(), crate::ReadError> {
    let batch = groups_batch(groups).map_err(|e| crate::ReadError::format(out, e))?;
    entente_table::parquet::write_batch(out, &batch)?;
    Ok(())
}

/// Groups as one Arrow record batch with the columns `events aggregate` writes:
/// `source, target, period, quad, events, goldstein_tenths` (Utf8, Utf8, UInt32, UInt8, UInt64,
/// Int64), in the order given.
pub fn groups_batch(
    groups: &[(&Group, &Sums)],
) -> Result<arrow_array::RecordBatch, arrow_schema::ArrowError> {
    use arrow_array::{
        ArrayRef, Int64Array, RecordBatch, StringArray, UInt8Array, UInt32Array, UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let schema = Arc::new(Schema::new(vec![
        Field::new("source", DataType::Utf8, false),
        Field::new("target", DataType::Utf8, false),
        Field::new("period", DataType::UInt32, false),
        Field::new("quad", DataType::UInt8, false),
        Field::new("events", DataType::UInt64, false),
        Field::new("goldstein_tenths", DataType::Int64, false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            groups.iter().map(|(g, _)| g.source_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            groups.iter().map(|(g, _)| g.target_str()),
        )),
        Arc::new(UInt32Array::from_iter_values(
            groups.iter().map(|(g, _)| g.period),
        )),
        Arc::new(UInt8Array::from_iter_values(
            groups.iter().map(|(g, _)| g.quad.number()),
        )),
        Arc::new(UInt64Array::from_iter_values(
            groups.iter().map(|(_, s)| s.events),
        )),
        Arc::new(Int64Array::from_iter_values(
            groups.iter().map(|(_, s)| s.goldstein_tenths),
        )),
    ];
    RecordBatch::try_new(schema, columns)
}

/// The aggregate of events already read (from a store, or from ICEWS or GDELT files through the
/// readers), grouped by the fast path's rule: a directed dyad of two country codes of one to three
/// bytes × period × QuadClass, Goldstein summed in tenths; an event without both codes is counted
/// in `without_dyad`. Every event given is a row; none is rejected (the readers did that).
///
/// ```
/// use entente_events::{Event, aggregate::Period, fast};
/// use entente_model::{CameoCode, QuadClass};
/// let e = |date, s: &str, t: &str, g| Event {
///     date, source_country: s.into(), source_actor: String::new(), target_country: t.into(),
///     target_actor: String::new(), code: CameoCode::new("042").unwrap(),
///     quad: QuadClass::VerbalCooperation, goldstein_tenths: g, place_fips: String::new(),
/// };
/// let agg = fast::aggregate_events(
///     &[e(20240619, "RUS", "PRK", 19), e(20240620, "RUS", "PRK", 19), e(20240620, "RUS", "", 19)],
///     Period::Month,
/// );
/// let groups = agg.sorted();
/// assert_eq!((groups.len(), groups[0].1.events, groups[0].1.goldstein_tenths), (1, 2, 38));
/// assert_eq!((agg.rows, agg.without_dyad), (3, 1));
/// ```
pub fn aggregate_events(events: &[crate::Event], period: Period) -> Aggregate {
    let mut agg = Aggregate {
        rows: events.len() as u64,
        ..Aggregate::default()
    };
    for e in events {
        match (
            code3(e.source_country.as_bytes()),
            code3(e.target_country.as_bytes()),
        ) {
            (Some(source), Some(target)) => {
                let s = agg
                    .groups
                    .entry(Group {
                        source,
                        target,
                        period: period.key(e.date),
                        quad: e.quad,
                    })
                    .or_default();
                s.events += 1;
                s.goldstein_tenths += i64::from(e.goldstein_tenths);
            }
            _ => agg.without_dyad += 1,
        }
    }
    agg
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
    fn fast_path_agrees_with_the_reader() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/gdelt/20180101000000.export.CSV");
        let Ok(bytes) = std::fs::read(&path) else {
            entente_table::testdata::skip(&path);
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
        assert_eq!(agg.rejects[0].line, 2415);
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

#[cfg(test)]
mod long_lines {
    use super::*;

    /// `n` bytes of 'x' with no newline, then a newline and `tail`, produced lazily.
    struct NoNewline {
        left: u64,
        tail: std::io::Cursor<Vec<u8>>,
    }

    impl Read for NoNewline {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.left > 0 {
                let n = (out.len() as u64).min(self.left) as usize;
                out[..n].fill(b'x');
                self.left -= n as u64;
                return Ok(n);
            }
            self.tail.read(out)
        }
    }

    /// 200 MB without a newline: one reject at line 1, the rows after it read and numbered from
    /// line 2, and no buffer grows past twice MAX_LINE and two chunks (a Vec's growth doubles) —
    /// whatever the line's length.
    #[test]
    fn a_line_without_end_is_one_reject_in_bounded_memory() {
        let chunk = 1 << 16;
        let mut spare = Vec::new();
        let r = NoNewline {
            left: 200 << 20,
            tail: std::io::Cursor::new(b"\nnot a gdelt row\n".to_vec()),
        };
        let agg = aggregate_stream_with(r, Period::Month, chunk, 2, &|_| {}, &mut spare).unwrap();
        assert_eq!((agg.rows, agg.rejected), (2, 2));
        assert_eq!(agg.rejects[0].line, 1);
        assert!(
            agg.rejects[0].reason.contains("longer than 1048576 bytes"),
            "{}",
            agg.rejects[0].reason
        );
        assert!(agg.rejects[0].raw.len() <= 256);
        assert_eq!(agg.rejects[1].line, 2);
        let biggest = spare.iter().map(Vec::capacity).max().unwrap_or(0);
        assert!(
            biggest <= 2 * (MAX_LINE + 2 * chunk),
            "a buffer of {biggest} bytes"
        );
    }
}
