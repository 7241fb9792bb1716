//! Coded events out: JSON lines, CSV, and scenario `[[event]]` entries for review.
//!
//! The TOML proposals use the bundled scenario's event format (`scenarios/*/events.toml`): each
//! cites its document and line with the sentence as the quote, says how it was coded in `note`, and
//! names actors by the scenario's ids where the scenario has the actor (its `cameo` code, else its
//! ISO code or id against the code's country part), else by the CAMEO code. They are proposals:
//! `confidence = "reported"` (the document reports it) and the note says a person should check it.

use crate::code::{CodedEvent, country_of};
use entente_model::Actor;
use serde::Serialize;

/// One output row: an event with its document, line and sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Row<'a> {
    pub doc: &'a str,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_name: Option<&'a str>,
    #[serde(flatten)]
    pub event: &'a CodedEvent,
    pub text: &'a str,
}

/// The CSV header, in the order [`csv_row`] writes.
pub const CSV_HEADER: &[&str] = &[
    "doc",
    "line",
    "sentence",
    "date",
    "source",
    "source_country",
    "target",
    "target_country",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "quantity",
    "verb",
    "pattern_line",
    "source_text",
    "target_text",
    "text",
];

/// An event as CSV fields (in [`CSV_HEADER`]'s order).
pub fn csv_row(r: &Row<'_>) -> Vec<String> {
    let e = r.event;
    vec![
        r.doc.to_string(),
        r.line.to_string(),
        e.sentence.clone(),
        e.date.clone().unwrap_or_default(),
        e.source.clone(),
        e.source_country.clone(),
        e.target.clone(),
        e.target_country.clone(),
        e.code.clone(),
        e.root.to_string(),
        e.quad_class.to_string(),
        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        e.quantity
            .as_ref()
            .map(|q| q.to_string())
            .unwrap_or_default(),
        e.verb.clone(),
        e.pattern_line.map(|l| l.to_string()).unwrap_or_default(),
        e.issues
            .iter()
            .map(|i| format!("{} {}", i.code, i.count))
            .collect::<Vec<_>>()
            .join("; "),
        e.source_text.clone(),
        e.target_text.clone(),
        r.text.to_string(),
    ]
}

/// The scenario actor a CAMEO actor code stands for: the actor whose `cameo` code is the code or
/// begins it (`IGOWSTNAT` is NATO), else the state whose ISO code (or id) is the code's country.
pub fn scenario_actor<'a>(code: &str, actors: &'a [Actor]) -> Option<&'a Actor> {
    actors
        .iter()
        .filter_map(|a| {
            a.cameo
                .as_deref()
                .filter(|c| code.starts_with(c))
                .map(|c| (c.len(), a))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, a)| a)
        .or_else(|| {
            let c = country_of(code);
            (!c.is_empty())
                .then(|| {
                    actors
                        .iter()
                        .find(|a| a.iso3.as_deref() == Some(c) || a.id == c)
                })
                .flatten()
        })
}

/// A TOML string value, escaped by the `toml` crate.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `[[event]]` entries for review, citing `source_id` (the scenario's id for the document) at each
/// event's line.
pub fn toml_events(rows: &[Row<'_>], source_id: &str, actors: &[Actor]) -> String {
    let name = |code: &str| scenario_actor(code, actors).map_or(code.to_string(), |a| a.id.clone());
    let mut out = format!(
        "# Events proposed by `entente code` from {source_id}: check each against its sentence (the quote) before\n# adding it to a scenario's events.toml. Actors are the scenario's ids where it has them, else CAMEO codes.\n"
    );
    for (n, r) in rows.iter().enumerate() {
        let e = r.event;
        let id: String = format!("coded-{}-{}", e.sentence, n + 1)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        out.push_str("\n[[event]]\n");
        out.push_str(&format!("id = {}\n", toml_str(&id)));
        match &e.date {
            Some(d) => out.push_str(&format!("date = {}\n", toml_str(d))),
            None => out.push_str("# date: the sentence names none and no --date was given for the document; add one\n"),
        }
        let summary = format!(
            "{} — {} {} (CAMEO {}{}).",
            e.source_text,
            e.verb,
            e.target_text,
            e.code,
            e.code_name
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
        out.push_str(&format!("summary = {}\n", toml_str(&summary)));
        out.push_str(&format!("actor = [{}]\n", toml_str(&name(&e.source))));
        out.push_str(&format!("target = [{}]\n", toml_str(&name(&e.target))));
        out.push_str(&format!("cameo = {}\n", toml_str(&e.code)));
        if let Some(g) = e.goldstein {
            out.push_str(&format!("goldstein = {g:.1}\n"));
        }
        if let Some(q) = &e.quantity
            && let Ok(v) = toml::Value::try_from(q)
        {
            out.push_str(&format!("quantity = {}\n", inline(&v)));
        }
        let how = match (&e.pattern, e.pattern_line) {
            (Some(p), Some(l)) => format!(
                "pattern {:?} (verb dictionary line {l})",
                p.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            _ => format!("the verb's own code ({})", e.verb_block),
        };
        out.push_str(&format!(
            "note = {}\n",
            toml_str(&format!(
                "Machine-coded by entente code from sentence {} ({} {} → {} {}; {how}); proposed, not reviewed.",
                e.sentence, e.source, e.source_text, e.target, e.target_text
            ))
        ));
        out.push_str("confidence = \"reported\"\n");
        out.push_str(&format!(
            "cite = [{{ source = {}, lines = \"{}\", quote = {} }}]\n",
            toml_str(source_id),
            r.line,
            toml_str(r.text)
        ));
    }
    out
}

fn inline(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k} = {}", inline(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        toml::Value::String(s) => toml_str(s),
        other => other.to_string(),
    }
}
