//! The I/O of `entente code`: files read in chunks at record boundaries (memory stays flat however
//! large the corpus), each chunk's records coded in parallel and written in input order, events
//! into an event store, unreadable records into a rejects file.

use crate::common::{Error, emit};
use crate::output::{Format, Table, csv_cell};
use entente_coder::code::{CodedEvent, Dictionaries};
use entente_coder::input::{self, Format as InputFormat, Record};
use entente_coder::output::{CSV_HEADER, Row, csv_row, toml_events};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Bytes of JSON lines or CoNLL-U read before a chunk is coded.
const CHUNK: usize = 2 << 20;

/// Files, with directories read for the formats the coder reads.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                            ["txt", "jsonl", "ndjson", "conllu", "conll", "xml"]
                                .contains(&x.to_ascii_lowercase().as_str())
                        })
                })
                .collect();
            v.sort();
            out.extend(v);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

/// Where a run writes besides standard output.
pub struct Sinks<'a> {
    pub store: Option<&'a Path>,
    pub source_id: Option<&'a str>,
    pub rejects: Option<&'a Path>,
}

/// The source name a file's events take in a store.
pub fn store_name(f: &Path) -> String {
    format!(
        "coded-{}",
        f.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    )
}

/// A piece of a chunk, read and coded: its records, their events, its unreadable records.
type Piece = (Vec<Record>, Vec<Vec<CodedEvent>>, Vec<input::Reject>);

/// What a run did.
#[derive(Default)]
pub struct Summary {
    pub sentences: u64,
    pub events: u64,
    pub rejects: u64,
}

struct Owned {
    doc: String,
    line: usize,
    event: CodedEvent,
    text: String,
}

/// Reads `f` in chunks that end at a record boundary, calling `each(text, first_line)`.
fn chunks(
    f: &Path,
    format: InputFormat,
    mut each: impl FnMut(&str, usize) -> Result<(), Error>,
) -> Result<(), Error> {
    let err = |e: std::io::Error| format!("{}: {e}", f.display());
    if matches!(format, InputFormat::Text | InputFormat::PetrarchXml) {
        let text = std::fs::read_to_string(f).map_err(err)?;
        return each(&text, 1);
    }
    // Blocks of CHUNK bytes, cut after the last record boundary in them (a line end for JSON
    // lines, a blank line for CoNLL-U); the rest starts the next block. Bytes that are not UTF-8
    // become U+FFFD, so a bad byte costs a word, not the file.
    use std::io::Read;
    let mut file = std::fs::File::open(f).map_err(err)?;
    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut first = 1;
    loop {
        let have = buf.len();
        buf.resize(have + CHUNK, 0);
        let mut got = 0;
        while got < CHUNK {
            match file.read(&mut buf[have + got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(err(e)),
            }
        }
        buf.truncate(have + got);
        let eof = got < CHUNK;
        let cut = if eof {
            buf.len()
        } else if format == InputFormat::Jsonl {
            buf.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)
        } else {
            buf.windows(2)
                .rposition(|w| w == b"\n\n")
                .map_or(0, |p| p + 2)
        };
        if cut > 0 {
            let text = String::from_utf8_lossy(&buf[..cut]);
            each(&text, first)?;
            first += buf[..cut].iter().filter(|&&b| b == b'\n').count();
            buf.drain(..cut);
        }
        if eof {
            return Ok(());
        }
    }
}

/// A chunk cut at record boundaries into pieces of about 256 KiB, each with its first line (JSON
/// lines and CoNLL-U; a text or XML file is one piece).
fn pieces(text: &str, format: InputFormat, first_line: usize) -> Vec<(&str, usize)> {
    const PIECE: usize = 256 << 10;
    if matches!(format, InputFormat::Text | InputFormat::PetrarchXml) {
        return vec![(text, first_line)];
    }
    let mut out = Vec::new();
    let (mut start, mut line) = (0, first_line);
    while start < text.len() {
        let mut end = (start + PIECE).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        // Move the end to a record boundary: a line end (JSON lines) or a blank line (CoNLL-U).
        let sep = if format == InputFormat::Jsonl {
            "\n"
        } else {
            "\n\n"
        };
        if end < text.len() {
            end = text[end..]
                .find(sep)
                .map_or(text.len(), |p| end + p + sep.len());
        }
        let piece = &text[start..end];
        out.push((piece, line));
        line += piece.bytes().filter(|b| *b == b'\n').count();
        start = end;
    }
    out
}

/// Codes every file, writing as it goes.
pub fn code_files(
    d: &Dictionaries,
    files: &[PathBuf],
    date: Option<u32>,
    a: &Sinks<'_>,
    format: Format,
    actors: &[entente_model::Actor],
) -> Result<Summary, Error> {
    let mut s = Summary::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut held: Vec<Owned> = Vec::new();
    let mut rejects: Vec<entente_table::Reject> = Vec::new();
    let mut first_json = true;
    let mut store = match a.store {
        Some(dir) => Some(
            entente_events::store::Store::open(dir)
                .map_err(|e| e.to_string())?
                .0,
        ),
        None => None,
    };
    let show = std::io::stderr().is_terminal();
    let write_err = |e: std::io::Error| format!("could not write the output: {e}");
    match format {
        Format::Csv => writeln!(out, "{}", CSV_HEADER.join(",")).map_err(write_err)?,
        Format::Json => write!(out, "[").map_err(write_err)?,
        _ => {}
    }
    for f in files {
        let name = f.display().to_string();
        let doc = f
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fmt = InputFormat::of(f);
        let mut loaded: entente_table::Loaded<entente_events::Event> =
            entente_table::Loaded::new(f);
        chunks(f, fmt, |text, first_line| {
            // Read and code the pieces of a chunk in parallel; keep their order.
            let done: Vec<Piece> = pieces(text, fmt, first_line)
                .into_par_iter()
                .map(|(piece, line)| {
                    let mut recs: Vec<Record> = Vec::new();
                    let rej = input::read_at(&doc, fmt, piece, date, line, |r| recs.push(r));
                    let coded = recs
                        .iter_mut()
                        .map(|r| {
                            let events = entente_coder::code_record(d, r, false).events;
                            // The tokens are done with: free them here, in parallel, not
                            // after the chunk (they are most of its memory).
                            r.tokens = Vec::new();
                            events
                        })
                        .collect();
                    (recs, coded, rej)
                })
                .collect();
            let mut recs: Vec<Record> = Vec::new();
            let mut coded: Vec<Vec<CodedEvent>> = Vec::new();
            for (r, c, rej) in done {
                recs.extend(r);
                coded.extend(c);
                for r in rej {
                    rejects.push(entente_table::Reject::new(
                        &name,
                        r.line as u64,
                        r.reason,
                        "",
                    ));
                }
            }
            s.sentences += recs.len() as u64;
            for (r, events) in recs.iter().zip(coded) {
                for e in events {
                    s.events += 1;
                    if store.is_some() {
                        loaded.read += 1;
                        match store_event(&e) {
                            Ok(ev) => loaded.rows.push(ev),
                            Err(why) => loaded.rejects.push(entente_table::Reject::new(
                                &name,
                                r.line as u64,
                                why,
                                &e.sentence,
                            )),
                        }
                    }
                    let row = Row {
                        doc: &r.doc,
                        line: r.line,
                        source_name: r.source.as_deref(),
                        event: &e,
                        text: &r.text,
                    };
                    match format {
                        Format::Jsonl | Format::Json => {
                            if format == Format::Json && !std::mem::take(&mut first_json) {
                                write!(out, ",").map_err(write_err)?;
                            }
                            serde_json::to_writer(&mut out, &row).map_err(|e| e.to_string())?;
                            writeln!(out).map_err(write_err)?;
                        }
                        Format::Csv => {
                            let cells: Vec<String> =
                                csv_row(&row).iter().map(|c| csv_cell(c)).collect();
                            writeln!(out, "{}", cells.join(",")).map_err(write_err)?;
                        }
                        _ => held.push(Owned {
                            doc: r.doc.clone(),
                            line: r.line,
                            event: e.clone(),
                            text: r.text.clone(),
                        }),
                    }
                }
            }
            if show {
                eprint!("\r  {name}: {} sentences, {} events", s.sentences, s.events);
            }
            Ok(())
        })?;
        if show {
            eprintln!();
        }
        if let Some(st) = store.as_mut() {
            let bytes = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            let entry = st
                .commit(&store_name(f), bytes, &loaded)
                .map_err(|e| e.to_string())?;
            eprintln!(
                "{}: {} events into the store as source {} ({} without a date or score left out, listed in its _rejects.csv)",
                name, entry.accepted, entry.file, entry.rejected
            );
            st.note(entry);
        }
    }
    if let Some(st) = &store {
        st.tidy().map_err(|e| e.to_string())?;
    }
    match format {
        Format::Json => writeln!(out, "]").map_err(write_err)?,
        Format::Toml => {
            let rows: Vec<Row<'_>> = held
                .iter()
                .map(|o| Row {
                    doc: &o.doc,
                    line: o.line,
                    source_name: None,
                    event: &o.event,
                    text: &o.text,
                })
                .collect();
            let id = a.source_id.map(str::to_string).unwrap_or_else(|| {
                files
                    .first()
                    .and_then(|f| f.file_stem())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            write!(out, "{}", toml_events(&rows, &id, actors)).map_err(write_err)?;
        }
        Format::Table | Format::Markdown => {
            out.flush().map_err(write_err)?;
            emit(&[events_table(held.iter().map(|o| &o.event))], format);
        }
        _ => {}
    }
    out.flush().map_err(write_err)?;
    s.rejects = rejects.len() as u64;
    if let Some(p) = a.rejects {
        entente_table::write_rejects(p, &rejects).map_err(|e| e.to_string())?;
    }
    Ok(s)
}

/// A coded event as an event-store row: needs a date and a Goldstein score.
fn store_event(e: &CodedEvent) -> Result<entente_events::Event, String> {
    let date = e
        .ymd
        .ok_or("no date: the sentence names none; give --date for the document")?;
    let g = e
        .goldstein
        .ok_or("no Goldstein score for the code: give --cameo DIR with CAMEO.goldsteinscale.txt")?;
    let code = entente_model::CameoCode::new(&e.code).map_err(|x| x.to_string())?;
    Ok(entente_events::Event {
        date,
        source_country: e.source_country.clone(),
        source_actor: e.source.clone(),
        target_country: e.target_country.clone(),
        target_actor: e.target.clone(),
        quad: code.quad_class(),
        code,
        goldstein_tenths: (g * 10.0).round() as i32,
        place_fips: String::new(),
    })
}

/// The events as a table.
pub fn events_table<'a>(rows: impl Iterator<Item = &'a CodedEvent>) -> Table {
    Table {
        title: "Coded events".into(),
        headers: vec![
            "sentence",
            "date",
            "source",
            "target",
            "CAMEO",
            "event",
            "Goldstein",
            "quantity",
            "verb",
            "evidence",
        ],
        rows: rows
            .map(|e| {
                vec![
                    e.sentence.clone(),
                    e.date.clone().unwrap_or_default(),
                    e.source.clone(),
                    e.target.clone(),
                    e.code.clone(),
                    e.code_name.clone().unwrap_or_default(),
                    e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                    e.quantity
                        .as_ref()
                        .map(|q| q.to_string())
                        .unwrap_or_default(),
                    e.verb.clone(),
                    format!("{} | {} | {}", e.source_text, e.verb, e.target_text),
                ]
            })
            .collect(),
    }
}
