//! HTML building blocks: the page frame (inline CSS, no scripts), escaping, and a generic view of
//! an analysis result (its serde JSON) as definition lists and tables, so every field a result
//! carries — sources and confidence included — reaches the page.

use serde_json::Value;
use std::fmt::Write;

pub use entente_render::xml_escape as esc;

const STYLE: &str = "body{font-family:sans-serif;margin:0;color:#222;line-height:1.4}\
nav{background:#2c3e50;padding:.6em 1em}nav a{color:#fff;margin-right:1.2em;text-decoration:none}\
main{max-width:1100px;margin:1em auto;padding:0 1em}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\
th,td{border:1px solid #e1e1e1;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f5f5f5}\
dl{margin:.3em 0}dt{font-weight:bold;margin-top:.4em}dd{margin-left:1.2em}svg{max-width:100%;height:auto}\
form{background:#f7f7f7;padding:.6em;border:1px solid #ddd}form label{margin-right:1em}.note{color:#555}";

/// A whole page.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} — entente</title><style>{STYLE}</style></head>\
         <body><nav><a href=\"/\">Network</a><a href=\"/timeline\">Timeline</a><a href=\"/cascade\">Cascade explorer</a>\
         <a href=\"/compare\">Compare overlays</a><a href=\"/balance\">Balance</a><a href=\"/api/openapi.json\">API</a></nav>\
         <main>{body}</main></body></html>",
        t = esc(title)
    )
}

/// Any JSON value as HTML: objects as definition lists, arrays of objects as tables.
pub fn value(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => esc(s),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                format!("{f:.4}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            } else {
                n.to_string()
            }
        }
        Value::Bool(b) => b.to_string(),
        other => compact(other),
    }
}

/// A short one-line rendering for nested values inside table cells.
fn compact(v: &Value) -> String {
    match v {
        Value::Array(a) => a.iter().map(compact).collect::<Vec<_>>().join("; "),
        Value::Object(o) => {
            // A citation reads as "source:lines at quote".
            o.iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| match x {
                    Value::Object(_) | Value::Array(_) => format!("{k}: {}", compact(x)),
                    _ => format!("{k}: {}", scalar(x)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ => scalar(v),
    }
}

fn write_value(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Object(o) => {
            out.push_str("<dl>");
            for (k, x) in o {
                if x.is_null() || x.as_array().is_some_and(|a| a.is_empty()) {
                    continue;
                }
                let _ = write!(out, "<dt>{}</dt><dd>", esc(&k.replace('_', " ")));
                if depth < 3 {
                    write_value(out, x, depth + 1);
                } else {
                    out.push_str(&compact(x));
                }
                out.push_str("</dd>");
            }
            out.push_str("</dl>");
        }
        Value::Array(a) if a.iter().all(Value::is_object) && !a.is_empty() => {
            let mut cols: Vec<&String> = Vec::new();
            for x in a {
                if let Some(o) = x.as_object() {
                    for k in o.keys() {
                        if !cols.contains(&k) {
                            cols.push(k);
                        }
                    }
                }
            }
            out.push_str("<table><tr>");
            for c in &cols {
                let _ = write!(out, "<th>{}</th>", esc(&c.replace('_', " ")));
            }
            out.push_str("</tr>");
            for x in a {
                out.push_str("<tr>");
                for c in &cols {
                    let cell = x.get(c.as_str()).map(compact).unwrap_or_default();
                    let _ = write!(out, "<td>{cell}</td>");
                }
                out.push_str("</tr>");
            }
            out.push_str("</table>");
        }
        Value::Array(a) => out.push_str(&a.iter().map(compact).collect::<Vec<_>>().join("; ")),
        _ => out.push_str(&scalar(v)),
    }
}

/// One bar segment: a share (0–1), its colour and what it is.
pub type Segment<'a> = (f64, &'a str, &'a str);
/// A labelled bar of segments.
pub type Bar<'a> = (String, Vec<Segment<'a>>);

/// Horizontal bars for probabilities or shares (0–1), one per label.
pub fn bars(title: &str, rows: &[Bar<'_>]) -> String {
    let h = 40 + rows.len() * 22;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="900" height="{h}" font-family="sans-serif" font-size="12"><text x="8" y="18" font-weight="bold">{}</text>"#,
        esc(title)
    );
    for (i, (label, parts)) in rows.iter().enumerate() {
        let y = 30 + i * 22;
        let _ = write!(svg, r#"<text x="8" y="{}">{}</text>"#, y + 13, esc(label));
        let mut x = 220.0;
        for (p, colour, what) in parts {
            let w = (p.clamp(0.0, 1.0) * 500.0).max(0.0);
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y}" width="{w:.1}" height="16" fill="{colour}"><title>{}: {:.1}%</title></rect>"#,
                esc(what),
                p * 100.0
            );
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{}">{}</text>"#,
            x + 6.0,
            y + 13,
            parts
                .iter()
                .map(|(p, _, what)| format!("{what} {:.1}%", p * 100.0))
                .collect::<Vec<_>>()
                .join(" · ")
        );
    }
    svg.push_str("</svg>");
    svg
}
