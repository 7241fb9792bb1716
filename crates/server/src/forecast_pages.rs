//! Forecasts in the web app: the expected-utility model on one of the scenario's `[[issue]]`s —
//! the stakeholders' paths round by round and the median forecast — as a page and as JSON.

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Html;
use entente_forecast::bdm::{self, Actor, Rules};
use entente_model::Scenario;
use entente_render::html::{self, esc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

type St = State<Arc<AppState>>;
type Q = Query<HashMap<String, String>>;

/// The stakeholders of issue `id` (see `Contest::stakes`).
fn actors(s: &Scenario, id: &str, json: bool) -> Result<(Vec<Actor>, String), Failure> {
    let issue = s
        .facts
        .issues
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Failure::not_found(format!("no issue {id:?} in {}", s.info.id), json))?;
    let year = s
        .info
        .as_of
        .latest()
        .map_or(i32::MAX, |d| entente_model::date::civil_from_days(d).0);
    let out = issue
        .stakes(&s.facts.capabilities, year)
        .map_err(|e| Failure::bad(e, json))?
        .into_iter()
        .map(|k| Actor {
            name: k.actor,
            capability: k.capability,
            position: k.position,
            salience: k.salience,
        })
        .collect();
    Ok((out, issue.question.clone()))
}

fn params(q: &HashMap<String, String>, json: bool) -> Result<(usize, Rules), Failure> {
    let rounds = match q.get("rounds").map(|r| r.trim()).filter(|r| !r.is_empty()) {
        None => 10,
        Some(r) => r
            .parse::<usize>()
            .ok()
            .filter(|r| *r <= 200)
            .ok_or_else(|| Failure::bad(format!("rounds {r:?}: 0 to 200"), json))?,
    };
    let rules = match q.get("rules").map(String::as_str) {
        None | Some("") | Some("paper") => Rules::Paper,
        Some("replication") => Rules::Replication,
        Some(o) => {
            return Err(Failure::bad(
                format!("rules {o:?}: paper or replication"),
                json,
            ));
        }
    };
    Ok((rounds, rules))
}

pub async fn page(State(st): St, Query(q): Q) -> Result<Html<String>, Failure> {
    let s = &st.scenario;
    let mut b = String::from(
        "<h1>Forecast</h1><p class=\"note\">Bueno de Mesquita's expected-utility model (Scholz, Calbert &amp; Smith 2011) on one of the scenario's contested issues: each stakeholder's position round by round and the median voter position, the forecast. Positions and saliences are the scenario's estimates, each with its source; docs/forecast.md explains the model.</p>",
    );
    if s.facts.issues.is_empty() {
        b.push_str("<p>This scenario has no <code>[[issue]]</code> to forecast.</p>");
        return Ok(Html(html::page("Forecast", &b)));
    }
    let id = q
        .get("issue")
        .cloned()
        .unwrap_or_else(|| s.facts.issues[0].id.clone());
    let (rounds, rules) = params(&q, false)?;
    b.push_str("<form method=\"get\" action=\"/forecast\"><label>issue <select name=\"issue\">");
    for c in &s.facts.issues {
        let sel = if c.id == id { " selected" } else { "" };
        let _ = write!(b, "<option value=\"{0}\"{sel}>{0}</option>", esc(&c.id));
    }
    let _ = write!(
        b,
        "</select></label> <label>rounds <input name=\"rounds\" value=\"{rounds}\" size=\"4\"></label> <button>Show</button></form>"
    );
    let (actors, question) = actors(s, &id, false)?;
    let f = bdm::run(&actors, rounds, rules);
    let _ = write!(b, "<h2>{}</h2>", esc(&question));
    let _ = write!(
        b,
        "<figure>{}</figure>",
        entente_render::forecast_run_svg(&format!("Expected-utility forecast: {id}"), &f)
    );
    b.push_str("<table><tr><th>round</th><th>median (forecast)</th><th>weighted mean</th><th>offers taken</th></tr>");
    for r in &f.rounds {
        let moves: Vec<String> = r
            .moves
            .iter()
            .map(|m| {
                format!(
                    "{} → {:.1} ({:?} with {})",
                    m.actor, m.after, m.kind, m.from
                )
            })
            .collect();
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{:.2}</td><td>{:.2}</td><td>{}</td></tr>",
            r.round,
            r.median,
            r.mean,
            esc(&moves.join("; "))
        );
    }
    b.push_str("</table>");
    Ok(Html(html::page("Forecast", &b)))
}

pub async fn api(State(st): St, Query(q): Q) -> Result<Json<Value>, Failure> {
    let s = &st.scenario;
    let id = q
        .get("issue")
        .cloned()
        .or_else(|| s.facts.issues.first().map(|c| c.id.clone()))
        .ok_or_else(|| Failure::not_found("this scenario has no issue", true))?;
    let (rounds, rules) = params(&q, true)?;
    let (actors, question) = actors(s, &id, true)?;
    let f = bdm::run(&actors, rounds, rules);
    Ok(Json(
        json!({ "issue": id, "question": question, "forecast": f }),
    ))
}
