//! Documents into sentences: plain text, JSON lines, CoNLL-U, and PETRARCH-2's XML records.
//!
//! - **Text** (any other extension): one document; sentences split by [`crate::text::sentences`],
//!   each id'd `DOC:LINE:K` (the K-th sentence starting on that line), dated by the caller.
//! - **JSON lines** (`.jsonl`, `.ndjson`): `{"id", "date", "source", "text"}` or `{"id", "date",
//!   "conllu"}` a line; `date` as `YYYY-MM-DD` or `YYYYMMDD`.
//! - **CoNLL-U** (`.conllu`, `.conll`): sentences with `# sent_id`, `# text`, and optionally a
//!   `# date` comment.
//! - **PETRARCH-2 XML** (`.xml`): `<Sentence id=".." date="YYYYMMDD" source="..">` records with
//!   `<Text>` and `<Parse>`; a parse in CoNLL-U (tab-separated lines, as universal-petrarch reads) is
//!   used, a Penn Treebank bracketed parse (PETRARCH-2's own) is not read and the text is coded on
//!   the plain path instead, which the record's `parse` field says.
//!
//! A record that cannot be read is a [`Reject`] with its line; the others go on. Sentences read =
//! sentences coded + sentences rejected (the caller counts).

use crate::conllu::{self, parse_date};
use crate::text::{Token, sentences, tokenize};

/// The input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Conllu,
    PetrarchXml,
}

impl Format {
    /// By extension.
    pub fn of(path: &std::path::Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("conllu" | "conll") => Format::Conllu,
            Some("xml") => Format::PetrarchXml,
            _ => Format::Text,
        }
    }
}

/// One sentence to code.
#[derive(Clone, Debug)]
pub struct Record {
    pub doc: String,
    pub id: String,
    pub date: Option<u32>,
    pub source: Option<String>,
    pub text: String,
    pub tokens: Vec<Token>,
    pub parsed: bool,
    /// The input line it starts on.
    pub line: usize,
}

/// A record that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reject {
    pub line: usize,
    pub reason: String,
}

fn plain(
    doc: &str,
    id_prefix: &str,
    text: &str,
    date: Option<u32>,
    source: Option<&str>,
    base_line: usize,
    each: &mut dyn FnMut(Record),
) {
    let mut k_on_line = (0, 0);
    for s in sentences(text) {
        k_on_line = if k_on_line.0 == s.line {
            (s.line, k_on_line.1 + 1)
        } else {
            (s.line, 1)
        };
        let t = &text[s.start..s.end];
        each(Record {
            doc: doc.to_string(),
            id: format!("{id_prefix}:{}:{}", s.line, k_on_line.1),
            date,
            source: source.map(str::to_string),
            text: t.to_string(),
            tokens: tokenize(t),
            parsed: false,
            line: base_line + s.line - 1,
        });
    }
}

fn parsed(
    doc: &str,
    id_prefix: &str,
    text: &str,
    date: Option<u32>,
    source: Option<&str>,
    base_line: usize,
    each: &mut dyn FnMut(Record),
) -> Vec<Reject> {
    let mut k = 0;
    let errors = conllu::read(text, base_line, |p| {
        k += 1;
        each(Record {
            doc: doc.to_string(),
            id: p.id.clone().unwrap_or_else(|| format!("{id_prefix}:{k}")),
            date: p.date.or(date),
            source: source.map(str::to_string),
            text: p.text,
            tokens: p.tokens,
            parsed: true,
            line: p.line,
        });
    });
    errors
        .into_iter()
        .map(|e| Reject {
            line: e.line,
            reason: e.message,
        })
        .collect()
}

/// Reads one document's text in `format`; `date` (YYYYMMDD) dates records that carry none.
pub fn read(
    doc: &str,
    format: Format,
    text: &str,
    date: Option<u32>,
    each: impl FnMut(Record),
) -> Vec<Reject> {
    read_at(doc, format, text, date, 1, each)
}

/// [`read`] on a piece of a file that starts at line `first` (a chunk of a large file).
pub fn read_at(
    doc: &str,
    format: Format,
    text: &str,
    date: Option<u32>,
    first: usize,
    mut each: impl FnMut(Record),
) -> Vec<Reject> {
    let mut rejects = Vec::new();
    let off = first - 1;
    match format {
        Format::Text => plain(doc, doc, text, date, None, first, &mut each),
        Format::Conllu => rejects.extend(parsed(doc, doc, text, date, None, first, &mut each)),
        Format::Jsonl => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = match serde_json::from_str(line) {
                    Ok(v) => v,
                    Err(e) => {
                        rejects.push(Reject {
                            line: off + i + 1,
                            reason: format!("not JSON: {e}"),
                        });
                        continue;
                    }
                };
                let s = |k: &str| {
                    v.get(k).and_then(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .or_else(|| x.as_u64().map(|n| n.to_string()))
                    })
                };
                let id = s("id").unwrap_or_else(|| format!("{doc}:{}", off + i + 1));
                let d = match s("date") {
                    Some(x) => match parse_date(&x) {
                        Some(d) => Some(d),
                        None => {
                            rejects.push(Reject {
                                line: off + i + 1,
                                reason: format!("date {x:?}: write YYYY-MM-DD or YYYYMMDD"),
                            });
                            continue;
                        }
                    },
                    None => date,
                };
                let source = s("source");
                if let Some(c) = s("conllu") {
                    rejects.extend(parsed(
                        doc,
                        &id,
                        &c,
                        d,
                        source.as_deref(),
                        off + i + 1,
                        &mut each,
                    ));
                } else if let Some(t) = s("text") {
                    plain(doc, &id, &t, d, source.as_deref(), off + i + 1, &mut each);
                } else {
                    rejects.push(Reject {
                        line: off + i + 1,
                        reason: "a record needs \"text\" or \"conllu\"".into(),
                    });
                }
            }
        }
        Format::PetrarchXml => {
            let mut at = 0;
            while let Some(p) = text[at..].find("<Sentence").map(|p| at + p) {
                // Not <Sentences>, the wrapper.
                if !text[p + 9..].starts_with([' ', '>', '\t', '\n']) {
                    at = p + 9;
                    continue;
                }
                let start = p;
                let line = off + text[..start].bytes().filter(|b| *b == b'\n').count() + 1;
                let Some(close) = text[start..].find("</Sentence>") else {
                    rejects.push(Reject {
                        line,
                        reason: "<Sentence> without </Sentence>".into(),
                    });
                    break;
                };
                let rec = &text[start..start + close];
                at = start + close + "</Sentence>".len();
                let head = &rec[..rec.find('>').unwrap_or(rec.len())];
                let attr = |k: &str| -> Option<String> {
                    let key = format!("{k}=\"");
                    let a = head.find(&key)? + key.len();
                    let b = head[a..].find('"')?;
                    Some(unescape(&head[a..a + b]))
                };
                let inner = |tag: &str| -> Option<(&str, usize)> {
                    let open = format!("<{tag}>");
                    let a = rec.find(&open)? + open.len();
                    let b = rec[a..].find(&format!("</{tag}>"))?;
                    Some((&rec[a..a + b], a))
                };
                let id = attr("id").unwrap_or_else(|| format!("{doc}:{line}"));
                let d = match attr("date") {
                    Some(x) => match parse_date(&x) {
                        Some(d) => Some(d),
                        None => {
                            rejects.push(Reject {
                                line,
                                reason: format!("date {x:?}: write YYYYMMDD"),
                            });
                            continue;
                        }
                    },
                    None => date,
                };
                let source = attr("source");
                match (inner("Parse"), inner("Text")) {
                    (Some((p, off)), _) if p.lines().any(|l| l.split('\t').count() == 10) => {
                        let pline = line + rec[..off].bytes().filter(|b| *b == b'\n').count();
                        let body = unescape(p);
                        rejects.extend(parsed(
                            doc,
                            &id,
                            &body,
                            d,
                            source.as_deref(),
                            pline,
                            &mut each,
                        ));
                    }
                    (_, Some((t, _))) => {
                        // PETRARCH codes a record as one sentence; so does entente.
                        let t = unescape(t.trim());
                        each(Record {
                            doc: doc.to_string(),
                            id,
                            date: d,
                            source,
                            tokens: tokenize(&t),
                            text: t,
                            parsed: false,
                            line,
                        });
                    }
                    _ => rejects.push(Reject {
                        line,
                        reason: "a <Sentence> needs <Text> or a CoNLL-U <Parse>".into(),
                    }),
                }
            }
        }
    }
    rejects
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(format: Format, text: &str) -> (Vec<String>, Vec<usize>) {
        let mut out = Vec::new();
        let rejects = read("d", format, text, Some(20241001), |r| out.push(r.id));
        (out, rejects.iter().map(|r| r.line).collect())
    }

    #[test]
    fn each_format_gives_sentences_and_rejects_with_lines() {
        assert_eq!(
            ids(Format::Text, "One. Two.\nThree.").0,
            ["d:1:1", "d:1:2", "d:2:1"]
        );
        let j = "{\"id\":\"a\",\"date\":\"2024-10-05\",\"text\":\"Russia attacked Ukraine.\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"date\":\"Oct 5\",\"text\":\"x\"}\n";
        assert_eq!(
            ids(Format::Jsonl, j),
            (vec!["a:1:1".to_string()], vec![2, 3, 4])
        );
        let x = "<Sentences>\n<Sentence date=\"20150805\" id=\"s-1\" source=\"AFP\" sentence=\"true\">\n<Text>\nRussia &amp; China met.\n</Text>\n<Parse>(ROOT (S ...))</Parse>\n</Sentence>\n<Sentence id=\"s-2\">\n</Sentence>\n";
        assert_eq!(
            ids(Format::PetrarchXml, x),
            (vec!["s-1".to_string()], vec![8])
        );
    }
}
