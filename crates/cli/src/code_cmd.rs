//! `entente code`: text into CAMEO events with the PETRARCH/Phoenix dictionaries — files streamed
//! in chunks and coded in parallel (output in input order), written as a table, JSON, JSON lines,
//! CSV or scenario proposals, and optionally into an event store; `--explain` shows one sentence's
//! tokens, actors, verbs and patterns. The coding is `entente_coder`'s; this module reads, writes and
//! reports.

use crate::common::{Error, Globals, emit, json};
use crate::output::{Format, Table};
use entente_coder::code::{Dictionaries, Explanation};
use entente_coder::input::{self, Format as InputFormat};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct CodeArgs {
    /// Files to code: .txt (plain text), .jsonl (id, date, source, text or conllu a line), .conllu,
    /// .xml (PETRARCH-2 records). A directory is read for those.
    pub files: Vec<PathBuf>,
    /// Code this one sentence and show why: tokens, actors with their dictionary entries, each verb
    /// with its block and the pattern that matched, or why nothing did.
    #[arg(long, value_name = "SENTENCE")]
    pub explain: Option<String>,
    /// Write scenario [[event]] entries for review (the same as --format toml).
    #[arg(long)]
    pub propose_events: bool,
    /// Also write the events into this event store (as a source beside GDELT and ICEWS files).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// The PETRARCH dictionaries (default: DIR/petrarch_dictionaries of --data).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// The CAMEO tables, CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt (default: DIR/cameo of
    /// --data, else the dictionaries' folder).
    #[arg(long, value_name = "DIR")]
    pub cameo: Option<PathBuf>,
    /// The documents' date (YYYY-MM-DD), for records that carry none; relative dates ("last
    /// week") are read from it.
    #[arg(long)]
    pub date: Option<String>,
    /// The scenario source id the proposals cite (default: each file's name without extension).
    #[arg(long, value_name = "ID")]
    pub source_id: Option<String>,
    /// Write unreadable records here (CSV: file, line, reason).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Worker threads (default: all cores). The output does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Where the dictionaries and the CAMEO tables are: the flags, else `petrarch_dictionaries/` and
/// `cameo/` of --data (the dictionaries' default only when that folder exists, so that a command
/// for which they are optional can tell "none" from "missing").
pub fn dictionary_dirs(
    cli: &Globals,
    dictionaries: Option<&Path>,
    cameo: Option<&Path>,
) -> (Option<PathBuf>, Option<PathBuf>) {
    let data = |sub: &str| cli.data.as_ref().map(|d| d.join(sub));
    (
        dictionaries
            .map(Path::to_path_buf)
            .or_else(|| data("petrarch_dictionaries").filter(|p| p.is_dir())),
        cameo.map(Path::to_path_buf).or_else(|| data("cameo")),
    )
}

/// The dictionaries, from the flags or --data, and the seconds their load took.
pub fn dictionaries(cli: &Globals, a: &CodeArgs) -> Result<(Dictionaries, f64), Error> {
    let (dir, cameo) = dictionary_dirs(cli, a.dictionaries.as_deref(), a.cameo.as_deref());
    let dir = dir.ok_or("entente code needs the PETRARCH dictionaries: give --dictionaries DIR, or --data DIR holding petrarch_dictionaries/")?;
    let started = Instant::now();
    let d = entente_coder::load::load(&dir, cameo.as_deref()).map_err(|e| e.to_string())?;
    Ok((d, started.elapsed().as_secs_f64()))
}

fn doc_date(a: &CodeArgs) -> Result<Option<u32>, Error> {
    a.date
        .as_deref()
        .map(|d| {
            entente_coder::conllu::parse_date(d)
                .ok_or_else(|| format!("--date {d:?}: write YYYY-MM-DD"))
        })
        .transpose()
}

pub fn run(cli: &Globals, a: &CodeArgs, format: Format) -> Result<(), Error> {
    let format = if a.propose_events {
        Format::Toml
    } else {
        format
    };
    if a.explain.is_none() && a.files.is_empty() {
        return Err("give files to code, or --explain \"SENTENCE\"".into());
    }
    let date = doc_date(a)?;
    let (d, load_s) = dictionaries(cli, a)?;
    report_dictionaries(&d, load_s);
    if let Some(sentence) = &a.explain {
        let mut out = None;
        input::read("explain", InputFormat::Text, sentence, date, |r| {
            if out.is_none() {
                out = Some(entente_coder::code_record(&d, &r, true));
            }
        });
        let ex = out.unwrap_or_default();
        return match format {
            Format::Json | Format::Jsonl => json(&ex),
            _ => {
                emit(&explain_tables(&ex), format);
                Ok(())
            }
        };
    }
    let files = crate::code_io::expand(&a.files)?;
    let actors = match format {
        Format::Toml => crate::common::load(cli, None)?
            .scenario
            .map(|s| s.facts.actors)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .map_err(|e| format!("--threads: {e}"))?;
    let sinks = crate::code_io::Sinks {
        store: a.store.as_deref(),
        source_id: a.source_id.as_deref(),
        rejects: a.rejects.as_deref(),
    };
    let started = Instant::now();
    let summary =
        pool.install(|| crate::code_io::code_files(&d, &files, date, &sinks, format, &actors))?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "coded {} sentences of {} files into {} events in {secs:.2} s ({:.0} sentences/s){}",
        summary.sentences,
        files.len(),
        summary.events,
        summary.sentences as f64 / secs.max(1e-9),
        if summary.rejects > 0 {
            format!(
                "; {} records could not be read (--rejects FILE lists them)",
                summary.rejects
            )
        } else {
            String::new()
        }
    );
    Ok(())
}

fn report_dictionaries(d: &Dictionaries, secs: f64) {
    eprintln!(
        "dictionaries: {} actor entries, {} agent phrases, {} verb patterns, {} CAMEO scores from {} files in {secs:.2} s{}",
        d.actors.entries.len(),
        d.agents.entries.len(),
        d.verbs.pattern_count(),
        d.cameo.len(),
        d.files.len(),
        if d.errors.is_empty() {
            String::new()
        } else {
            format!(
                "; {} lines could not be read and were skipped, e.g. {}",
                d.errors.len(),
                d.errors[0]
            )
        }
    );
}

fn explain_tables(ex: &Explanation) -> Vec<Table> {
    let mut t = vec![Table {
        title: "Tokens".into(),
        headers: vec!["#", "token"],
        rows: ex
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| vec![i.to_string(), t.clone()])
            .collect(),
    }];
    if let Some(d) = &ex.discarded {
        t.push(Table {
            title: "Not coded".into(),
            headers: vec!["why"],
            rows: vec![vec![format!("the discard phrase {d:?} is in the sentence")]],
        });
        return t;
    }
    t.push(Table {
        title: "Actor and agent phrases".into(),
        headers: vec!["words", "phrase", "code", "agent", "dictionary entry"],
        rows: ex
            .mentions
            .iter()
            .map(|m| {
                vec![
                    format!("{}–{}", m.start, m.start + m.len - 1),
                    m.text.clone(),
                    m.code.clone().unwrap_or_default(),
                    m.agent.clone().unwrap_or_default(),
                    m.entry.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    });
    t.push(Table {
        title: "Actors (phrases joined)".into(),
        headers: vec!["actor", "code"],
        rows: ex
            .actors
            .iter()
            .map(|g| vec![g.text.clone(), g.code.clone()])
            .collect(),
    });
    t.push(Table {
        title: "Verbs".into(),
        headers: vec![
            "verb",
            "block",
            "code",
            "pattern (line)",
            "source",
            "target",
            "outcome",
        ],
        rows: ex
            .verbs
            .iter()
            .map(|v| {
                vec![
                    v.verb.clone(),
                    v.block.clone(),
                    v.code.clone().unwrap_or_else(|| "---".into()),
                    match (&v.pattern, v.pattern_line) {
                        (Some(p), Some(l)) => format!(
                            "{} ({l})",
                            p.split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                        _ => "(the verb alone)".into(),
                    },
                    v.sources.join(", "),
                    v.targets.join(", "),
                    v.outcome.clone(),
                ]
            })
            .collect(),
    });
    t.push(crate::code_io::events_table(ex.events.iter()));
    t
}
