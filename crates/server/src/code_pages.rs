//! Text to events in the web app: an analyst pastes a paragraph and sees each sentence with the
//! coded events' evidence highlighted (source, verb, target, date, quantity) and a table of the
//! events with the pattern that coded each; `/api/code` gives the same as JSON. The coding is
//! `entente_coder`'s, on the plain-text path (a pasted paragraph has no parse).

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Html;
use entente_coder::code::{CodedEvent, Dictionaries};
use entente_render::html::{self, esc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

type St = State<Arc<AppState>>;
type Q = Query<HashMap<String, String>>;

/// The longest text a request may code (characters).
pub const MAX_TEXT: usize = 20_000;

struct Coded {
    id: String,
    text: String,
    events: Vec<CodedEvent>,
}

fn code(
    d: &Dictionaries,
    q: &HashMap<String, String>,
    json: bool,
) -> Result<(Vec<Coded>, Option<u32>), Failure> {
    let text = q.get("text").map(String::as_str).unwrap_or("");
    if text.chars().count() > MAX_TEXT {
        return Err(Failure::bad(
            format!(
                "the text is over {MAX_TEXT} characters; code longer documents with `entente code FILE`"
            ),
            json,
        ));
    }
    let date = match q.get("date").map(|d| d.trim()).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => Some(
            entente_coder::conllu::parse_date(d)
                .ok_or_else(|| Failure::bad(format!("date {d:?}: write YYYY-MM-DD"), json))?,
        ),
    };
    let mut out = Vec::new();
    entente_coder::input::read(
        "pasted",
        entente_coder::input::Format::Text,
        text,
        date,
        |r| {
            let events = entente_coder::code_record(d, &r, false).events;
            out.push(Coded {
                id: r.id,
                text: r.text,
                events,
            });
        },
    );
    Ok((out, date))
}

fn dictionaries(st: &AppState, json: bool) -> Result<&Dictionaries, Failure> {
    st.coder.as_deref().ok_or_else(|| {
        Failure::bad(
            "this server has no event-coding dictionaries: start it with `entente --data DIR serve` (DIR holding petrarch_dictionaries/ and cameo/) or `entente serve --dictionaries DIR`",
            json,
        )
    })
}

/// A sentence with the events' evidence marked: spans may overlap across events, so each byte
/// takes the first role that covers it (source, verb, target, date, quantity).
fn highlighted(text: &str, events: &[CodedEvent]) -> String {
    let mut role = vec![0u8; text.len()];
    let mut mark = |span: (usize, usize), r: u8| {
        for slot in role.iter_mut().take(span.1.min(text.len())).skip(span.0) {
            if *slot == 0 {
                *slot = r;
            }
        }
    };
    for e in events {
        mark(e.spans.source, 1);
        mark(e.spans.verb, 2);
        mark(e.spans.target, 3);
        if let Some(s) = e.spans.date {
            mark(s, 4);
        }
        if let Some(s) = e.spans.quantity {
            mark(s, 5);
        }
    }
    let class = ["", "ev-src", "ev-verb", "ev-tgt", "ev-date", "ev-qty"];
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let r = role[i];
        let mut j = i + 1;
        while j < text.len() && (role[j] == r || !text.is_char_boundary(j)) {
            j += 1;
        }
        let piece = esc(&text[i..j]);
        if r == 0 {
            out.push_str(&piece);
        } else {
            let _ = write!(
                out,
                "<mark class=\"{}\">{piece}</mark>",
                class[usize::from(r)]
            );
        }
        i = j;
    }
    out
}

pub async fn page(State(st): St, Query(q): Q) -> Result<Html<String>, Failure> {
    let text = q.get("text").cloned().unwrap_or_default();
    let date = q.get("date").cloned().unwrap_or_default();
    let mut b = String::from(
        "<h1>Text to events</h1><p class=\"note\">Paste a paragraph: each sentence is coded into CAMEO events with the PETRARCH/Phoenix dictionaries, TABARI-style on the plain text (no parser; docs/coder.md measures its accuracy). Highlighted: <mark class=\"ev-src\">source</mark>, <mark class=\"ev-verb\">verb</mark>, <mark class=\"ev-tgt\">target</mark>, <mark class=\"ev-date\">date</mark>, <mark class=\"ev-qty\">quantity</mark>. Relative dates (\"last week\") are read from the document's date.</p>",
    );
    let _ = write!(
        b,
        "<form method=\"get\" action=\"/code\"><textarea name=\"text\" rows=\"8\" cols=\"100\" maxlength=\"{MAX_TEXT}\">{}</textarea><br><label>Document date <input name=\"date\" placeholder=\"YYYY-MM-DD\" value=\"{}\"></label> <button type=\"submit\">Code</button></form>",
        esc(&text),
        esc(&date)
    );
    let d = dictionaries(&st, false)?;
    if text.trim().is_empty() {
        return Ok(Html(html::page("Text to events", &b)));
    }
    let (coded, _) = code(d, &q, false)?;
    let n: usize = coded.iter().map(|c| c.events.len()).sum();
    let _ = write!(
        b,
        "<h2>{} sentences, {n} events</h2><ol class=\"coded\">",
        coded.len()
    );
    for c in &coded {
        let _ = write!(b, "<li>{}</li>", highlighted(&c.text, &c.events));
    }
    b.push_str("</ol>");
    if n > 0 {
        b.push_str("<table><tr><th>sentence</th><th>date</th><th>source</th><th>target</th><th>CAMEO</th><th>event</th><th>Goldstein</th><th>quantity</th><th>why</th></tr>");
        for e in coded.iter().flat_map(|c| &c.events) {
            let why = match (&e.pattern, e.pattern_line) {
                (Some(p), Some(l)) => format!(
                    "pattern <code>{}</code> (CAMEO.2.0.txt line {l})",
                    esc(&p.split_whitespace().collect::<Vec<_>>().join(" "))
                ),
                _ => format!("the verb “{}” alone ({})", esc(&e.verb), esc(&e.verb_block)),
            };
            let _ = write!(
                b,
                "<tr><td>{}</td><td>{}</td><td>{} <small>{}</small></td><td>{} <small>{}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{why}{}</td></tr>",
                esc(&e.sentence),
                esc(e.date.as_deref().unwrap_or("")),
                esc(&e.source),
                esc(&e.source_text),
                esc(&e.target),
                esc(&e.target_text),
                esc(&e.code),
                esc(e.code_name.as_deref().unwrap_or("")),
                e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                e.quantity
                    .as_ref()
                    .map(|q| esc(&q.to_string()))
                    .unwrap_or_default(),
                if e.reverse { " (reverse code)" } else { "" }
            );
        }
        b.push_str("</table>");
    }
    b.push_str("<p class=\"note\">Events are candidates for review: <code>entente code FILE --propose-events</code> writes them as scenario entries citing their sentences.</p>");
    Ok(Html(html::page("Text to events", &b)))
}

pub async fn api(State(st): St, Query(q): Q) -> Result<Json<Value>, Failure> {
    let d = dictionaries(&st, true)?;
    let (coded, date) = code(d, &q, true)?;
    Ok(Json(json!({
        "date": date,
        "sentences": coded.iter().map(|c| json!({"id": c.id, "text": c.text, "events": c.events})).collect::<Vec<_>>(),
    })))
}
