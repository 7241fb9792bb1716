//! Alignment in the web app: the served scenario's signed network (its treaties, wars and events)
//! — structural balance on a date, blocs, and a triad over the years — as a page and as JSON.

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Html;
use entente_alignment::build::EventRule;
use entente_alignment::periods::{Inputs, Sources, Window, ties_in};
use entente_alignment::{Ties, Weights};
use entente_model::{Resolver, Scenario};
use entente_render::html::{self, esc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

type St = State<Arc<AppState>>;
type Q = Query<HashMap<String, String>>;

const SOURCES: Sources = Sources {
    treaties: true,
    wars: true,
    mid: false,
    events: true,
};

fn ties(s: &Scenario, w: &Window) -> Ties {
    let none = |_: &str| None;
    let inputs = Inputs {
        scenario: Some(s),
        atop: None,
        mids: None,
        states: None,
        events: None,
        cameo: &none,
    };
    ties_in(
        &inputs,
        &SOURCES,
        w,
        &Weights::default(),
        &EventRule::default(),
    )
}

fn param<'a>(q: &'a HashMap<String, String>, k: &str) -> Option<&'a str> {
    q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty())
}

fn day(s: &Scenario, q: &HashMap<String, String>, json: bool) -> Result<i32, Failure> {
    match param(q, "date") {
        None => Ok(s.info.as_of.latest().unwrap_or(0)),
        Some(d) => d
            .parse::<entente_model::PartialDate>()
            .ok()
            .and_then(|p| p.latest())
            .ok_or_else(|| {
                Failure::bad(
                    format!("date {d:?}: write YYYY, YYYY-MM or YYYY-MM-DD"),
                    json,
                )
            }),
    }
}

fn year(q: &HashMap<String, String>, k: &str, default: i32, json: bool) -> Result<i32, Failure> {
    match param(q, k) {
        None => Ok(default),
        Some(v) => v
            .parse::<i32>()
            .ok()
            .filter(|y| (1816..=2100).contains(y))
            .ok_or_else(|| Failure::bad(format!("{k} {v:?}: a year, 1816–2100"), json)),
    }
}

/// The triad's three actors (default Russia, China, North Korea when the scenario has them).
fn actors(s: &Scenario, q: &HashMap<String, String>, json: bool) -> Result<[String; 3], Failure> {
    let r = Resolver::new(&s.facts);
    let mut out = Vec::new();
    for (k, default) in [("a", "RUS"), ("b", "CHN"), ("c", "PRK")] {
        let name = param(q, k).unwrap_or(default);
        let id = r.actor(name).ok_or_else(|| {
            Failure::not_found(format!("no actor {name:?} in {}", s.info.id), json)
        })?;
        out.push(id.to_string());
    }
    Ok([out[0].clone(), out[1].clone(), out[2].clone()])
}

fn triad_of(
    s: &Scenario,
    q: &HashMap<String, String>,
    json: bool,
) -> Result<entente_alignment::triad::TriadSeries, Failure> {
    let [a, b, c] = actors(s, q, json)?;
    let last = entente_model::date::civil_from_days(s.info.as_of.latest().unwrap_or(0)).0;
    let (from, to) = (
        year(q, "from", last - 10, json)?,
        year(q, "to", last, json)?,
    );
    if from > to || to - from > 200 {
        return Err(Failure::bad(
            "from must not be after to, and at most 200 years apart",
            json,
        ));
    }
    let periods: Vec<(String, Ties)> = Window::years(from, to, 1)
        .iter()
        .map(|w| (w.label.clone(), ties(s, w)))
        .collect();
    Ok(entente_alignment::triad::series(
        [&a, &b, &c],
        &periods,
        None,
    ))
}

fn budget() -> entente_signed::frustration::Budget {
    entente_signed::frustration::Budget {
        time: Some(std::time::Duration::from_secs(5)),
        nodes: None,
    }
}

pub async fn page(State(st): St, Query(q): Q) -> Result<Html<String>, Failure> {
    let s = &st.scenario;
    let d = day(s, &q, false)?;
    let w = Window::day(d);
    let (g, _) = ties(s, &w).graph();
    let m = entente_alignment::measures(&g, &budget());
    let mut b = format!(
        "<h1>Alignment on {}</h1><p class=\"note\">The signed network of the scenario's treaties in force (positive), wars under way (negative) and recorded events of the year before (± by QuadClass). Every tie and its evidence: <a href=\"/api/alignment?date={}\">/api/alignment</a>. The measures are explained in docs/alignment.md.</p>",
        esc(&w.label),
        esc(&w.label)
    );
    let _ = write!(
        b,
        "<form method=\"get\" action=\"/alignment\"><label>date <input name=\"date\" value=\"{}\"></label> <button>Show</button></form>",
        esc(&w.label)
    );
    let _ = write!(
        b,
        "<table><tr><th>states</th><th>ties (+ / −)</th><th>triangle index</th><th>walk index</th><th>frustration index</th><th>1 − L/(m/2)</th></tr><tr><td>{}</td><td>{} ({} / {})</td><td>{:.4}</td><td>{:.4}</td><td>{}</td><td>{:.4}</td></tr></table>",
        m.nodes,
        m.ties,
        m.positive,
        m.negative,
        m.triangles.unweighted,
        m.walk_index,
        if m.optimal {
            m.frustration_index.to_string()
        } else {
            format!(
                "{}–{} (stopped)",
                m.frustration_lower_bound, m.frustration_index
            )
        },
        m.frustration_balance
    );
    if !m.frustrated.is_empty() {
        let _ = write!(
            b,
            "<p>Frustrated ties: {}</p>",
            esc(&m.frustrated.join(", "))
        );
    }
    let _ = write!(
        b,
        "<p>The two camps of the optimal split: <b>{}</b> | <b>{}</b></p><p class=\"note\">Without a tie on this date (in neither camp): {}</p>",
        esc(&m.camps[0].join(" ")),
        esc(&m.camps[1].join(" ")),
        esc(&m.untied.join(" "))
    );
    // Blocs.
    let k = param(&q, "k")
        .and_then(|k| k.parse::<usize>().ok())
        .filter(|k| (1..=8).contains(k))
        .unwrap_or(3);
    let bm = entente_signed::blockmodel::blockmodel(&g, k, 0.5, 50, 1);
    let title = format!(
        "{k} blocs (Doreian–Mrvar criterion {:.1}, α = 0.5)",
        bm.criterion
    );
    let iso = |id: &str| {
        s.actor(id)
            .and_then(|a| a.iso3.clone().or_else(|| a.cameo.clone()))
    };
    let _ = write!(
        b,
        "<h2>Blocs</h2><figure>{}</figure>",
        entente_render::signed::blocs_svg(&title, &g, &bm.block, &iso)
    );
    // The triad.
    let t = triad_of(s, &q, false)?;
    let _ = write!(
        b,
        "<h2>A triad over time</h2><form method=\"get\" action=\"/alignment\"><label>A <input name=\"a\" value=\"{}\" size=\"6\"></label> <label>B <input name=\"b\" value=\"{}\" size=\"6\"></label> <label>C <input name=\"c\" value=\"{}\" size=\"6\"></label> <label>from <input name=\"from\" value=\"{}\" size=\"6\"></label> <label>to <input name=\"to\" value=\"{}\" size=\"6\"></label> <button>Show</button></form><figure>{}</figure>",
        esc(&t.actors[0]),
        esc(&t.actors[1]),
        esc(&t.actors[2]),
        esc(t.periods.first().map_or("", |p| &p.period)),
        esc(t.periods.last().map_or("", |p| &p.period)),
        entente_render::signed::triad_periods_svg(&t.periods, &t.turn_indices())
    );
    if let Some(p) = t.periods.last() {
        b.push_str("<ul>");
        for tie in &p.ties {
            let _ = write!(
                b,
                "<li><b>{}–{}</b> in {}: {}</li>",
                esc(&tie.a),
                esc(&tie.b),
                esc(&p.period),
                if tie.evidence.is_empty() {
                    "no evidence".to_string()
                } else {
                    esc(&tie.evidence.join("; "))
                }
            );
        }
        b.push_str("</ul>");
    }
    Ok(Html(html::page("Alignment", &b)))
}

pub async fn api_balance(State(st): St, Query(q): Q) -> Result<Json<Value>, Failure> {
    let s = &st.scenario;
    let w = Window::day(day(s, &q, true)?);
    let (g, evidence) = ties(s, &w).graph();
    let m = entente_alignment::measures(&g, &budget());
    Ok(Json(
        json!({ "date": w.label, "measures": m, "ties": evidence }),
    ))
}

pub async fn api_triad(State(st): St, Query(q): Q) -> Result<Json<Value>, Failure> {
    let t = triad_of(&st.scenario, &q, true)?;
    serde_json::to_value(&t)
        .map(Json)
        .map_err(|e| Failure::bad(e.to_string(), true))
}

pub async fn api_blocs(State(st): St, Query(q): Q) -> Result<Json<Value>, Failure> {
    let s = &st.scenario;
    let w = Window::day(day(s, &q, true)?);
    let k = match param(&q, "k") {
        None => 3,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=8).contains(k))
            .ok_or_else(|| Failure::bad(format!("k {v:?}: 1 to 8 blocs"), true))?,
    };
    let (g, _) = ties(s, &w).graph();
    let bm = entente_signed::blockmodel::blockmodel(&g, k, 0.5, 50, 1);
    let mut blocs = vec![Vec::new(); bm.k];
    for (v, &bl) in bm.block.iter().enumerate() {
        blocs[bl].push(g.nodes[v].clone());
    }
    Ok(Json(
        json!({ "date": w.label, "blockmodel": bm, "blocs": blocs }),
    ))
}
