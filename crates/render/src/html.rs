//! The one HTML layer of `entente serve` and `entente report`: the page frame (one stylesheet,
//! inline, no scripts or fonts), escaping, a generic view of any analysis result (its serde JSON as
//! definition lists and tables, so every field a result carries — sources and confidence included —
//! reaches the page), bar charts, and the sections both front ends show: commitments in force, the
//! alliance network, a cascade, the chronology, the sources. Like the rest of this crate it computes
//! nothing: every number comes from a result the caller passes in.
//!
//! ```
//! use entente_render::html;
//! let s = entente_scenario::load_bundled().valid().unwrap().clone();
//! let report = html::report(&html::ReportData::of(&s, Vec::new()));
//! assert!(report.starts_with("<!doctype html>") && report.contains("Commitments in force"));
//! ```

use entente_analysis::cascade::Cascade;
use entente_analysis::obligations::Obligation;
use entente_analysis::summary::{Commitment, Summary};
use entente_analysis::timeline::Entry;
use entente_model::{Scenario, Source};
use serde_json::Value;
use std::fmt::Write;

pub use crate::xml_escape as esc;

const STYLE: &str = "body{font-family:sans-serif;margin:0;color:#222;line-height:1.4}\
nav{background:#2c3e50;padding:.6em 1em}nav a{color:#fff;margin-right:1.2em;text-decoration:none}\
main{max-width:1100px;margin:1em auto;padding:0 1em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\
th,td{border:1px solid #e1e1e1;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f5f5f5}\
dl{margin:.3em 0}dt{font-weight:bold;margin-top:.4em}dd{margin-left:1.2em}svg{max-width:100%;height:auto}\
mark.ev-src{background:#cfe3ff}mark.ev-verb{background:#ffe08a}mark.ev-tgt{background:#ffc9c9}mark.ev-date{background:#d8f5d0}mark.ev-qty{background:#eadcff}\
figure{margin:1em 0}.src{color:#666;font-size:.85em}\
form{background:#f7f7f7;padding:.6em;border:1px solid #ddd}form label{margin-right:1em}.note{color:#555}";

fn frame(title: &str, nav: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head>\
         <body>{nav}<main>{body}</main></body></html>\n",
        t = esc(title)
    )
}

/// A page of the web app: the frame with its navigation.
pub fn page(title: &str, body: &str) -> String {
    frame(
        &format!("{title} — entente"),
        "<nav><a href=\"/\">Network</a><a href=\"/timeline\">Timeline</a><a href=\"/cascade\">Cascade explorer</a>\
         <a href=\"/compare\">Compare overlays</a><a href=\"/balance\">Balance</a><a href=\"/sensitivity\">Sensitivity</a><a href=\"/alignment\">Alignment</a><a href=\"/forecast\">Forecast</a><a href=\"/code\">Text to events</a><a href=\"/api/openapi.json\">API</a></nav>",
        body,
    )
}

/// A self-contained document (the report): the same frame and stylesheet, no navigation.
pub fn document(title: &str, body: &str) -> String {
    frame(title, "", body)
}

/// An actor's name, or its id when the scenario has no such actor.
pub fn actor_name(s: &Scenario, id: &str) -> String {
    s.actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

/// Citations as one line: "seed:9; nato-1949 Art. 5".
pub fn cites(c: &[entente_model::Citation]) -> String {
    c.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The commitments in force, one row per article.
pub fn commitments_table(commitments: &[Commitment]) -> String {
    let mut h = String::from(
        "<table><tr><th>agreement</th><th>article</th><th>kind</th><th>who owes</th><th>to whom</th><th>scope</th></tr>",
    );
    for c in commitments {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.agreement_name),
            esc(&c.article),
            esc(&format!("{:?}", c.kind).to_lowercase()),
            esc(&c.obligors),
            esc(&c.beneficiaries),
            esc(&c.scope.join("; "))
        );
    }
    h.push_str("</table>");
    h
}

/// The alliance network as a figure, on the world map (see [`crate::network_map_svg`]), hubs
/// collapsed; on the circle ([`crate::network_svg`]) when fewer than half the actors have a point
/// on the map (a world of historical states without ISO codes).
pub fn network_figure(s: &Scenario, title: &str, obligations: &[Obligation]) -> String {
    network_map_figure(s, title, obligations, &[], false)
}

/// [`network_figure`] with the hubs named in `expand` drawn with their spokes, and, with `link`,
/// each hub a link that expands or collapses it (for the web app).
pub fn network_map_figure(
    s: &Scenario,
    title: &str,
    obligations: &[Obligation],
    expand: &[&str],
    link: bool,
) -> String {
    let iso = |id: &str| {
        s.actor(id)
            .and_then(|a| a.iso3.clone().or_else(|| a.cameo.clone()))
    };
    let mut actors = std::collections::BTreeSet::new();
    for o in obligations {
        actors.insert(o.obligor.as_str());
        actors.insert(o.beneficiary.as_str());
    }
    let placed = actors
        .iter()
        .filter(|id| iso(id).and_then(|c| crate::map::point(&c)).is_some())
        .count();
    let svg = if placed * 2 >= actors.len() {
        crate::network_map_svg(
            title,
            obligations,
            &|id| actor_name(s, id),
            &iso,
            expand,
            link,
        )
    } else {
        crate::network_svg(title, obligations, &|id| actor_name(s, id))
    };
    format!("<figure>{svg}</figure>")
}

/// The chronology: dates as the sources give them, figures as reported, how sure, the sources and
/// any dispute.
pub fn timeline_table(entries: &[Entry]) -> String {
    let mut h = String::from(
        "<table><tr><th>date</th><th>what</th><th>how sure</th><th>sources</th><th>disputed</th></tr>",
    );
    for e in entries {
        let mut what = esc(&e.summary);
        if let Some(q) = &e.quantity {
            let _ = write!(what, " <em>({})</em>", esc(q));
        }
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"src\">{}</td><td>{}</td></tr>",
            esc(&e.date.to_string()),
            what,
            esc(&e.confidence.to_string()),
            esc(&cites(&e.cite)),
            esc(&e.disputed.join("; "))
        );
    }
    h.push_str("</table>");
    h
}

/// The sources, by id and title.
pub fn sources_list(sources: &[Source]) -> String {
    let mut h = String::from("<ul>");
    for src in sources {
        let _ = write!(
            h,
            "<li><code>{}</code> — {}</li>",
            esc(&src.id),
            esc(&src.title)
        );
    }
    h.push_str("</ul>");
    h
}

/// A war at a flashpoint, for the report: who attacks whom where, and its cascade (or why it was
/// not run).
pub struct War {
    pub attacker: String,
    pub target: String,
    pub place: String,
    pub cascade: Result<Cascade, String>,
}

/// What the report shows, computed by the caller.
pub struct ReportData<'a> {
    pub scenario: &'a Scenario,
    pub summary: Summary,
    pub network: Vec<Obligation>,
    pub wars: Vec<War>,
    pub timeline: Vec<Entry>,
    /// The expected-utility forecast of each of the scenario's issues: (id, question, the run).
    pub forecasts: Vec<(String, String, entente_forecast::bdm::Forecast)>,
    /// Arms races fitted for the report: (the two sides' names, the unit, the fit, its projection).
    pub races: Vec<(
        [String; 2],
        String,
        entente_forecast::richardson::Race,
        entente_forecast::richardson::Projection,
    )>,
}

impl<'a> ReportData<'a> {
    /// The summary, network and chronology of `s` on its as-of day, with the wars given.
    pub fn of(s: &'a Scenario, wars: Vec<War>) -> ReportData<'a> {
        let day = s.info.as_of.latest();
        ReportData {
            scenario: s,
            summary: entente_analysis::summary::summary(s),
            network: entente_analysis::obligations::all(s, day),
            wars,
            timeline: entente_analysis::timeline::timeline(
                s,
                &entente_analysis::timeline::Query::default(),
            ),
            forecasts: Vec::new(),
            races: Vec::new(),
        }
    }
}

/// The self-contained report: commitments in force, the network, a cascade per flashpoint war, the
/// chronology with its sources, the source list.
pub fn report(d: &ReportData<'_>) -> String {
    let s = d.scenario;
    let sum = &d.summary;
    let mut h = String::new();
    let _ = write!(
        h,
        "<h1>{t}</h1><p class=\"note\">Scenario <code>{id}</code> as of {asof}. Generated by entente {v} from the scenario's facts; \
         every row names its sources. Overlays applied: {ov}.</p><p>{counts}</p>",
        t = esc(&sum.title),
        id = esc(&sum.id),
        asof = esc(&sum.as_of.to_string()),
        v = env!("CARGO_PKG_VERSION"),
        ov = if sum.applied_overlays.is_empty() {
            "none".to_string()
        } else {
            esc(&sum.applied_overlays.join(", "))
        },
        counts = sum
            .counts
            .iter()
            .map(|(k, n)| format!("{n} {}", esc(k)))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    h.push_str("<h2>Commitments in force</h2>");
    h.push_str(&commitments_table(&sum.commitments));
    let _ = write!(
        h,
        "<h2>The alliance network on {}</h2>{}<p class=\"note\">One line per pair of actors and kind of obligation \
         in force; an arrow where the duty runs one way. Hover a line or an actor for details.</p>",
        esc(&sum.as_of.to_string()),
        network_figure(
            s,
            &format!("Obligations in force, {}", sum.as_of),
            &d.network
        )
    );
    for (id, question, f) in &d.forecasts {
        let median: Vec<f64> = f.rounds.iter().map(|r| r.median).collect();
        let _ = write!(
            h,
            "<h2>Forecast: {}</h2><p class=\"note\">The expected-utility model (Scholz, Calbert &amp; Smith 2011) on the scenario's issue <code>{}</code>, {} rounds: the median voter position goes from {:.1} to {:.1}. The stakeholders' positions and saliences are the scenario's estimates, each with its source (<code>entente forecast eu {} --sensitivity</code> shows how much each moves the forecast).</p><figure>{}</figure>",
            esc(question),
            esc(id),
            f.rounds.len().saturating_sub(1),
            median.first().copied().unwrap_or(f64::NAN),
            median.last().copied().unwrap_or(f64::NAN),
            esc(id),
            crate::forecast_run_svg(&format!("Expected-utility forecast: {id}"), f)
        );
    }
    for (names, unit, race, proj) in &d.races {
        let title = format!("{} vs {}: military expenditure, {unit}", names[0], names[1]);
        let _ = write!(
            h,
            "<h2>Arms race: {} vs {}</h2><p class=\"note\">Richardson's equations fitted to NMC's military expenditure, {}–{}: reaction {:.3} and {:.3}, fatigue {:.3} and {:.3}; {} (a·b − k·l = {:.4}). The projection's band is the 5–95% of 1,000 residual-bootstrap replicates.</p><figure>{}</figure>",
            esc(&names[0]),
            esc(&names[1]),
            race.years.first().copied().unwrap_or(0),
            race.years.last().copied().unwrap_or(0),
            race.side_x.reaction.value,
            race.side_y.reaction.value,
            race.side_x.fatigue.value,
            race.side_y.fatigue.value,
            if race.stable { "stable" } else { "not stable" },
            race.stability_margin,
            crate::race_svg(
                &title,
                [&names[0], &names[1]],
                &race.years,
                [&race.x, &race.y],
                &proj.years,
                [&proj.x_band, &proj.y_band]
            )
        );
    }
    h.push_str("<h2>If war broke out at a flashpoint</h2><p class=\"note\">The deterministic cascade: every triggered \
                obligation honoured; obligations whose conditions the scenario leaves open are listed apart. \
                `entente cascade` adds the Monte Carlo odds of each state honouring its word.</p>");
    if d.wars.is_empty() {
        h.push_str("<p>This world has no flashpoints (a world built from datasets has none; a scenario defines them): \
                    `entente cascade --attacker A --target B` runs any war on it.</p>");
    }
    for w in &d.wars {
        let _ = write!(
            h,
            "<h3>{} attacks {} — {}</h3>",
            esc(&actor_name(s, &w.attacker)),
            esc(&actor_name(s, &w.target)),
            esc(&w.place)
        );
        match &w.cascade {
            Ok(c) => {
                let _ = write!(h, "<figure>{}</figure>", crate::cascade_svg(c));
            }
            Err(e) => {
                let _ = write!(h, "<p class=\"note\">Not run: {}</p>", esc(e));
            }
        }
    }
    h.push_str("<h2>Chronology</h2>");
    h.push_str(&timeline_table(&d.timeline));
    h.push_str("<h2>Sources</h2>");
    h.push_str(&sources_list(&s.facts.sources));
    document(&sum.title, &h)
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
