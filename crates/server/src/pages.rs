//! The handlers: each parses its query, calls the analyses and lays the result out (HTML) or
//! serialises it (JSON). Bad input is a 400 with a message; unknown ids are 404s.

use crate::{AppState, Failure};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use entente_analysis::cascade::{self, Cascade, Crisis, McConfig, McResult, Rules, Side};
use entente_analysis::{obligations, profile, summary, timeline};
use entente_model::{PartialDate, ProvisionKind, Resolver, Scenario};
use entente_render::html::{self, esc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

type St = State<Arc<AppState>>;
type Q = Query<HashMap<String, String>>;
type Page = Result<Html<String>, Failure>;
type Api = Result<Json<Value>, Failure>;

/// The day a query asks about (the last day of a month or a year) and the date as written.
fn day_of(
    s: &Scenario,
    q: &HashMap<String, String>,
    json: bool,
) -> Result<(i32, PartialDate), Failure> {
    match q.get("date").map(|d| d.trim()).filter(|d| !d.is_empty()) {
        None => Ok((s.info.as_of.latest().unwrap_or(0), s.info.as_of)),
        Some(d) => {
            let pd: PartialDate = d.parse().map_err(|_| {
                Failure::bad(
                    format!("date {d:?}: write YYYY, YYYY-MM or YYYY-MM-DD"),
                    json,
                )
            })?;
            let day = pd.latest().ok_or_else(|| {
                Failure::bad(format!("date {d:?}: give a date with an end"), json)
            })?;
            Ok((day, pd))
        }
    }
}

fn kind_of(q: &HashMap<String, String>, json: bool) -> Result<Option<ProvisionKind>, Failure> {
    match q.get("kind").map(|k| k.trim()).filter(|k| !k.is_empty() && *k != "all") {
        None => Ok(None),
        Some(k) => ProvisionKind::ALL
            .iter()
            .copied()
            .find(|x| format!("{x:?}").eq_ignore_ascii_case(&k.replace(['-', '_'], "")))
            .map(Some)
            .ok_or_else(|| {
                Failure::bad(
                    format!("kind {k:?}: one of defence, offence, neutrality, non-aggression, consultation, cooperation"),
                    json,
                )
            }),
    }
}

fn actor_id(s: &Scenario, name: &str, json: bool) -> Result<String, Failure> {
    Resolver::new(&s.facts)
        .actor(name)
        .map(str::to_string)
        .ok_or_else(|| Failure::not_found(format!("no actor {name:?} in {}", s.info.id), json))
}

/// Sets its flag when dropped: held by a request's future, it tells the work running for that
/// request off the runtime that nobody is waiting any more (the request timed out, or the client went
/// away and the server dropped the future).
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs `work` on tokio's blocking pool, never on the async threads, with a flag that is set when
/// the request's future is dropped; work that checks it (the Monte Carlo, between chunks) stops.
/// `AppState::busy` counts the pieces running.
async fn blocking<T: Send + 'static>(
    st: &Arc<AppState>,
    json: bool,
    work: impl FnOnce(&AppState, &AtomicBool) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let cancel = Arc::new(AtomicBool::new(false));
    let _guard = CancelOnDrop(cancel.clone());
    let st = st.clone();
    tokio::task::spawn_blocking(move || {
        /// Counts the piece as running until it ends, however it ends (a panic included).
        struct Busy<'a>(&'a std::sync::atomic::AtomicUsize);
        impl Drop for Busy<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        st.busy.fetch_add(1, Ordering::SeqCst);
        let _busy = Busy(&st.busy);
        work(&st, &cancel)
    })
    .await
    .map_err(|e| Failure {
        status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        message: e.to_string(),
        json,
    })?
}

pub async fn overview(State(st): St, Query(q): Q) -> Page {
    blocking(&st, false, move |st, _| overview_page(&st.scenario, &q)).await
}

/// The network page: obligations in force on the day asked for, as a network, and the indexes.
fn overview_page(s: &Scenario, q: &HashMap<String, String>) -> Page {
    let (day, label) = day_of(s, q, false)?;
    let kind = kind_of(q, false)?;
    let obs: Vec<_> = obligations::all(s, Some(day))
        .into_iter()
        .filter(|o| kind.is_none_or(|k| o.kind == k))
        .collect();
    let mut b = format!(
        "<h1>{}</h1><form method=\"get\" action=\"/\"><label>Date <input name=\"date\" value=\"{}\" size=\"10\"></label>\
         <label>Provision <select name=\"kind\"><option value=\"all\">all</option>",
        esc(&s.info.title),
        esc(&label.to_string())
    );
    for k in ProvisionKind::ALL {
        let name = format!("{k:?}").to_lowercase();
        let sel = if kind == Some(k) { " selected" } else { "" };
        let _ = write!(b, "<option value=\"{name}\"{sel}>{name}</option>");
    }
    // A hub (NATO's Article 5) is drawn collapsed until the reader expands it (its link).
    let expand: Vec<&str> = q
        .get("expand")
        .map(|e| {
            e.split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let _ = write!(
        b,
        "</select></label><button>Show</button></form>{}<p class=\"note\">{} obligations in force on {}. Multilateral treaties are drawn as one hub with their parties ringed; click a hub to draw its ties.</p><h2>Actors</h2><p>",
        html::network_map_figure(
            s,
            &format!("Obligations in force, {label}"),
            &obs,
            &expand,
            true
        ),
        obs.len(),
        esc(&label.to_string())
    );
    let links: Vec<String> = s
        .facts
        .actors
        .iter()
        .map(|a| format!("<a href=\"/actor/{}\">{}</a>", esc(&a.id), esc(&a.name)))
        .collect();
    b.push_str(&links.join(" · "));
    b.push_str("</p><h2>Agreements</h2><ul>");
    for a in &s.facts.agreements {
        let _ = write!(
            b,
            "<li><a href=\"/agreement/{}\">{}</a></li>",
            esc(&a.id),
            esc(&a.name)
        );
    }
    b.push_str("</ul>");
    Ok(Html(html::page("Network", &b)))
}

pub async fn actor(State(st): St, Path(name): Path<String>, Query(q): Q) -> Page {
    blocking(&st, false, move |st, _| {
        let s = &st.scenario;
        let id = actor_id(s, &name, false)?;
        let (_, date) = day_of(s, &q, false)?;
        let p = profile::profile(s, &id, date)
            .ok_or_else(|| Failure::not_found(format!("no actor {name:?}"), false))?;
        let v = serde_json::to_value(&p).map_err(|e| Failure::bad(e.to_string(), false))?;
        Ok(Html(html::page(
            &p.actor.name,
            &format!("<h1>{}</h1>{}", esc(&p.actor.name), html::value(&v)),
        )))
    })
    .await
}

pub async fn agreement(State(st): St, Path(id): Path<String>) -> Page {
    let s = &st.scenario;
    let a = s
        .facts
        .agreements
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            Failure::not_found(format!("no agreement {id:?} in {}", s.info.id), false)
        })?;
    let owed: Vec<_> = obligations::all(s, None)
        .into_iter()
        .filter(|o| o.agreement == a.id)
        .collect();
    let v = serde_json::to_value(a).map_err(|e| Failure::bad(e.to_string(), false))?;
    let o = serde_json::to_value(&owed).map_err(|e| Failure::bad(e.to_string(), false))?;
    Ok(Html(html::page(
        &a.name,
        &format!(
            "<h1>{}</h1>{}<h2>Who owes what</h2>{}",
            esc(&a.name),
            html::value(&v),
            html::value(&o)
        ),
    )))
}

pub async fn timeline(State(st): St) -> Page {
    let s = &st.scenario;
    let mut b = String::from(
        "<h1>Timeline</h1><p class=\"note\">Dates as the sources give them (a month stays a month); figures as reported, ranges kept.</p>",
    );
    b.push_str(&html::timeline_table(&timeline::timeline(
        s,
        &timeline::Query::default(),
    )));
    Ok(Html(html::page("Timeline", &b)))
}

/// The crisis a query describes, or `None` when the form is empty.
fn crisis_of(
    s: &Scenario,
    q: &HashMap<String, String>,
    json: bool,
) -> Result<Option<Crisis>, Failure> {
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (Some(a), Some(t)) = (get("attacker"), get("target")) else {
        if get("attacker").is_some() || get("target").is_some() {
            return Err(Failure::bad("give both attacker and target", json));
        }
        return Ok(None);
    };
    let attacker = actor_id(s, a, json)?;
    let target = actor_id(s, t, json)?;
    let place = match get("at") {
        None => entente_model::Place::Territory(target.clone()),
        Some(p) => Resolver::new(&s.facts).place(p).ok_or_else(|| {
            Failure::bad(
                format!("unknown place {p:?}: a flashpoint or a state"),
                json,
            )
        })?,
    };
    let (day, _) = day_of(s, q, json)?;
    // "GBR:KOR, AUS:KOR": each state joins the side of the other by its own choice.
    let mut joins = Vec::new();
    for j in get("joins")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|j| !j.is_empty())
    {
        let (x, y) = j.split_once(':').ok_or_else(|| {
            Failure::bad(
                format!("joins {j:?}: write JOINER:SIDE, e.g. GBR:KOR"),
                json,
            )
        })?;
        joins.push((actor_id(s, x.trim(), json)?, actor_id(s, y.trim(), json)?));
    }
    Ok(Some(Crisis {
        attacker,
        target,
        place,
        day,
        joins,
        strikes: vec![],
    }))
}

fn trials_of(st: &AppState, q: &HashMap<String, String>, json: bool) -> Result<u64, Failure> {
    match q.get("trials").map(|t| t.trim()).filter(|t| !t.is_empty()) {
        None => Ok(20_000.min(st.limits.max_trials)),
        Some(t) => {
            let n: u64 = t
                .parse()
                .map_err(|_| Failure::bad(format!("trials {t:?}: a whole number"), json))?;
            if n > st.limits.max_trials {
                return Err(Failure::bad(
                    format!(
                        "trials {n}: at most {} per request here; run `entente cascade` for more",
                        st.limits.max_trials
                    ),
                    json,
                ));
            }
            Ok(n)
        }
    }
}

/// Runs the deterministic cascade and the Monte Carlo off the async runtime, on the server's
/// scenario or, with `overlay`, on that overlay's world (built there too); the trials stop between
/// chunks once the request is gone.
async fn run_crisis(
    st: Arc<AppState>,
    overlay: Option<String>,
    crisis: Crisis,
    trials: u64,
    json: bool,
) -> Result<(Cascade, Option<McResult>), Failure> {
    blocking(&st, json, move |st, cancel| {
        let other = match &overlay {
            Some(name) => Some(
                st.scenario
                    .with_overlay(name)
                    .ok_or_else(|| Failure::bad(format!("no overlay {name:?}"), json))?,
            ),
            None => None,
        };
        let s = other.as_ref().unwrap_or(&st.scenario);
        let det =
            cascade::cascade(s, &crisis, Rules::default()).map_err(|e| Failure::bad(e.0, json))?;
        if trials == 0 {
            return Ok((det, None));
        }
        let config = McConfig {
            trials,
            threads: Some(1),
            ..McConfig::default()
        };
        let mc = cascade::monte_carlo_cancellable(
            s,
            &crisis,
            Rules::default(),
            &config,
            &|_| {},
            cancel,
        )
        .map_err(|e| Failure::bad(e.0, json))?
        .ok_or_else(|| Failure {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            message: "the request was abandoned".into(),
            json,
        })?;
        Ok((det, Some(mc)))
    })
    .await
}

fn odds_chart(title: &str, mc: &McResult) -> String {
    let rows: Vec<html::Bar<'_>> = mc
        .actors
        .iter()
        .take(20)
        .map(|a| {
            (
                format!("{} ({})", a.name, a.actor),
                vec![
                    (a.p_aggressor, "#c0392b", "aggressor side"),
                    (a.p_defender, "#2980b9", "defending side"),
                ],
            )
        })
        .collect();
    html::bars(title, &rows)
}

fn crisis_form(s: &Scenario, q: &HashMap<String, String>, action: &str, extra: &str) -> String {
    let v = |k: &str| esc(q.get(k).map(String::as_str).unwrap_or(""));
    let mut places = String::new();
    for f in &s.facts.flashpoints {
        let _ = write!(
            places,
            "<option value=\"{}\">{}</option>",
            esc(&f.id),
            esc(&f.name)
        );
    }
    format!(
        "<form method=\"get\" action=\"{action}\"><label>Attacker <input name=\"attacker\" value=\"{}\" size=\"8\"></label>\
         <label>Target <input name=\"target\" value=\"{}\" size=\"8\"></label>\
         <label>Place <input name=\"at\" value=\"{}\" list=\"places\" size=\"18\"></label><datalist id=\"places\">{places}</datalist>\
         <label>Joins <input name=\"joins\" value=\"{}\" size=\"12\" placeholder=\"GBR:KOR\"></label>\
         <label>Trials <input name=\"trials\" value=\"{}\" size=\"7\"></label>{extra}<button>Run</button></form>",
        v("attacker"),
        v("target"),
        v("at"),
        v("joins"),
        v("trials")
    )
}

pub async fn cascade(State(st): St, Query(q): Q) -> Page {
    let s = &st.scenario;
    let mut b = String::from(
        "<h1>Cascade explorer</h1><p class=\"note\">Who is obliged to fight if the attacker strikes the target there, wave by wave, with the reason each state is bound or stays out; then the odds that each honours its word (Monte Carlo, Berkemeier &amp; Fuhrmann 2018 rates by default).</p>",
    );
    b.push_str(&crisis_form(s, &q, "/cascade", ""));
    if let Some(c) = crisis_of(s, &q, false)? {
        let trials = trials_of(&st, &q, false)?;
        let (det, mc) = run_crisis(st.clone(), None, c, trials, false).await?;
        let _ = write!(
            b,
            "<h2>{} attacks {} at {}</h2><figure>{}</figure>",
            esc(&det.attacker),
            esc(&det.target),
            esc(&det.place),
            entente_render::cascade_svg(&det)
        );
        let sides = json!({"aggressor_side": det.aggressor_side, "defending_side": det.defending_side, "stays_out": det.stays_out});
        b.push_str(&html::value(&sides));
        if let Some(mc) = mc {
            let _ = write!(
                b,
                "<h2>How likely each is to fight ({} trials, seed {})</h2><figure>{}</figure>",
                mc.trials,
                mc.seed,
                odds_chart("Probability of joining each side", &mc)
            );
        }
    }
    Ok(Html(html::page("Cascade explorer", &b)))
}

pub async fn compare(State(st): St, Query(q): Q) -> Page {
    let s = &st.scenario;
    let mut options = String::new();
    let chosen = q
        .get("overlay")
        .map(|o| o.trim().to_string())
        .unwrap_or_default();
    for o in &s.overlays {
        let sel = if o.id == chosen { " selected" } else { "" };
        let _ = write!(
            options,
            "<option value=\"{}\"{sel}>{}</option>",
            esc(&o.id),
            esc(&o.id)
        );
    }
    let mut b = String::from(
        "<h1>Compare: one crisis on two worlds</h1><p class=\"note\">The scenario as it stands, and with an overlay (a what-if) applied.</p>",
    );
    if s.overlays.is_empty() {
        b.push_str("<p>This world has no overlays to compare with (a world built from datasets has none; a scenario defines them). The <a href=\"/cascade\">cascade explorer</a> runs one crisis on it.</p>");
        return Ok(Html(html::page("Compare", &b)));
    }
    b.push_str(&crisis_form(
        s,
        &q,
        "/compare",
        &format!("<label>Overlay <select name=\"overlay\">{options}</select></label>"),
    ));
    if let Some(c) = crisis_of(s, &q, false)? {
        if !s.overlays.iter().any(|o| o.id == chosen) {
            return Err(Failure::bad(format!("no overlay {chosen:?}"), false));
        }
        let trials = trials_of(&st, &q, false)?;
        let (d1, m1) = run_crisis(st.clone(), None, c.clone(), trials, false).await?;
        let (d2, m2) = run_crisis(st.clone(), Some(chosen.clone()), c, trials, false).await?;
        let cmp = cascade::compare(
            &s.info.id,
            &d1,
            &format!("{} + {chosen}", s.info.id),
            &d2,
            m1.as_ref(),
            m2.as_ref(),
        );
        let v = serde_json::to_value(&cmp).map_err(|e| Failure::bad(e.to_string(), false))?;
        b.push_str("<h2>What changes</h2>");
        b.push_str(&html::value(&v));
        b.push_str("<table><tr><th>as it stands</th><th>with the overlay</th></tr><tr><td>");
        b.push_str(&entente_render::cascade_svg(&d1));
        b.push_str("</td><td>");
        b.push_str(&entente_render::cascade_svg(&d2));
        b.push_str("</td></tr></table>");
    }
    Ok(Html(html::page("Compare", &b)))
}

pub async fn balance(State(st): St, Query(q): Q) -> Page {
    let s = &st.scenario;
    let mut b = String::from(
        "<h1>Balance of capabilities</h1><p class=\"note\">For each war the scenario's flashpoints suggest: the expected capability of each side's likely coalition over the Monte Carlo trials (CINC where the scenario or the datasets give it, else military spending; the measure is named under each chart), and nuclear warheads apart, never added to it.</p>",
    );
    let trials = trials_of(&st, &q, false)?.min(20_000);
    let wars = cascade::flashpoint_wars(s);
    if wars.is_empty() {
        b.push_str("<p>This world has no flashpoints, so no wars to weigh (a world built from datasets has none; a scenario defines them). The <a href=\"/cascade\">cascade explorer</a> weighs the coalitions of any war you name.</p>");
    }
    for (place, name, attacker, target) in wars {
        let c = Crisis {
            attacker: attacker.clone(),
            target: target.clone(),
            place: entente_model::Place::Flashpoint(place),
            day: s.info.as_of.latest().unwrap_or(0),
            joins: vec![],
            strikes: vec![],
        };
        let Ok((_, Some(mc))) = run_crisis(st.clone(), None, c, trials.max(1000), false).await
        else {
            continue;
        };
        let total: f64 = mc
            .capability
            .iter()
            .map(|c| c.expected)
            .sum::<f64>()
            .max(f64::MIN_POSITIVE);
        let rows: Vec<html::Bar<'_>> = mc
            .capability
            .iter()
            .map(|c| {
                let colour = if c.side == Side::Aggressor {
                    "#c0392b"
                } else {
                    "#2980b9"
                };
                (
                    c.side.to_string(),
                    vec![(c.expected / total, colour, "share")],
                )
            })
            .collect();
        let mut measure = mc
            .capability
            .first()
            .map(|c| c.description)
            .unwrap_or("")
            .to_string();
        for c in &mc.capability {
            let _ = write!(
                measure,
                "; {}: {} ± {}, nuclear warheads {:.0} (counted apart)",
                c.side,
                entente_render::capability_amount(c.measure, c.expected, false),
                entente_render::capability_amount(c.measure, c.sd, false),
                c.nuclear_warheads
            );
            if !c.without_data.is_empty() {
                let _ = write!(
                    measure,
                    " (no figure for {}, counted as 0)",
                    c.without_data.join(", ")
                );
            }
        }
        let _ = write!(
            b,
            "<h2>{} attacks {} — {}</h2><figure>{}</figure><p class=\"note\">{}</p>",
            esc(&html::actor_name(s, &attacker)),
            esc(&html::actor_name(s, &target)),
            esc(&name),
            html::bars("Share of the two sides' expected capability", &rows),
            esc(&measure)
        );
    }
    Ok(Html(html::page("Balance", &b)))
}

/// Which honouring assumption moves the crisis most: the tornado chart of `entente sensitivity`.
pub async fn sensitivity(State(st): St, Query(q): Q) -> Page {
    let s = &st.scenario;
    let mut b = String::from(
        "<h1>Sensitivity: which assumption decides it</h1><p class=\"note\">Each honouring rate the crisis triggers is set, alone, to the low and the high end of its stated range (a case assessment's own range, else the spread of the published base rates), and the Monte Carlo rerun with the same random numbers. Each bar is the swing of one outcome: the probability that a state joins, or a side's expected capability.</p>",
    );
    b.push_str(&crisis_form(s, &q, "/sensitivity", ""));
    if let Some(c) = crisis_of(s, &q, false)? {
        // Two runs per assumption: keep each small enough for a page.
        let trials = trials_of(&st, &q, false)?.clamp(1000, 20_000);
        let title = format!(
            "What moves the outcome: {} attacks {}",
            c.attacker, c.target
        );
        let svg = blocking(&st, false, move |st, _| {
            let crisis = match cascade::within_war(&st.scenario, &c) {
                Some(w) => w.crisis,
                None => c,
            };
            let config = McConfig {
                trials,
                threads: Some(1),
                ..McConfig::default()
            };
            cascade::sensitivity(&st.scenario, &crisis, Rules::default(), &config, &|_, _| {})
                .map(|r| entente_render::tornado_svg(&title, &r, 12))
                .map_err(|e| Failure::bad(e.0, false))
        })
        .await?;
        let _ = write!(b, "<figure>{svg}</figure>");
    }
    Ok(Html(html::page("Sensitivity", &b)))
}

pub async fn not_found(uri: axum::http::Uri) -> Failure {
    let json = uri.path().starts_with("/api/");
    Failure::not_found(format!("no page {}", uri.path()), json)
}

// ---- JSON API ----

pub async fn api_scenario(State(st): St) -> Api {
    Ok(Json(
        serde_json::to_value(summary::summary(&st.scenario))
            .map_err(|e| Failure::bad(e.to_string(), true))?,
    ))
}

pub async fn api_network(State(st): St, Query(q): Q) -> Api {
    let s = &st.scenario;
    let (day, label) = day_of(s, &q, true)?;
    let kind = kind_of(&q, true)?;
    let obs: Vec<_> = obligations::all(s, Some(day))
        .into_iter()
        .filter(|o| kind.is_none_or(|k| o.kind == k))
        .collect();
    Ok(Json(
        json!({ "date": label.to_string(), "obligations": obs }),
    ))
}

pub async fn api_actor(State(st): St, Path(name): Path<String>, Query(q): Q) -> Api {
    let s = &st.scenario;
    let id = actor_id(s, &name, true)?;
    let (_, date) = day_of(s, &q, true)?;
    let p = profile::profile(s, &id, date)
        .ok_or_else(|| Failure::not_found(format!("no actor {name:?}"), true))?;
    Ok(Json(
        serde_json::to_value(&p).map_err(|e| Failure::bad(e.to_string(), true))?,
    ))
}

pub async fn api_timeline(State(st): St) -> Api {
    let t = timeline::timeline(&st.scenario, &timeline::Query::default());
    Ok(Json(
        serde_json::to_value(&t).map_err(|e| Failure::bad(e.to_string(), true))?,
    ))
}

pub async fn api_cascade(State(st): St, Query(q): Q) -> Api {
    let c = crisis_of(&st.scenario, &q, true)?.ok_or_else(|| {
        Failure::bad(
            "give attacker and target (and optionally at, date, trials)",
            true,
        )
    })?;
    let trials = trials_of(&st, &q, true)?;
    let (det, mc) = run_crisis(st.clone(), None, c, trials, true).await?;
    Ok(Json(json!({ "cascade": det, "monte_carlo": mc })))
}

pub async fn openapi() -> Json<Value> {
    let param = |name: &str, what: &str, required: bool| json!({"name": name, "in": "query", "required": required, "description": what, "schema": {"type": "string"}});
    let err = json!({"description": "error", "content": {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}}});
    let ok = |what: &str| json!({"description": what, "content": {"application/json": {"schema": {"type": "object"}}}});
    Json(json!({
        "openapi": "3.0.3",
        "info": {"title": "entente", "version": env!("CARGO_PKG_VERSION"), "description": "An alliance system you can compute with: read-only JSON over the served scenario."},
        "paths": {
            "/api/scenario": {"get": {"summary": "The scenario at a glance: counts and the commitments in force", "responses": {"200": ok("summary")}}},
            "/api/network": {"get": {"summary": "Obligations in force on a date", "parameters": [param("date", "YYYY, YYYY-MM or YYYY-MM-DD (default: the scenario's date)", false), param("kind", "defence, offence, neutrality, non-aggression, consultation or cooperation", false)], "responses": {"200": ok("obligations"), "400": err}}},
            "/api/actor/{id}": {"get": {"summary": "An actor's profile: memberships, obligations owed and owed to it, capabilities, events", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "id, ISO3, CAMEO or COW code, alias or name"}, param("date", "judge memberships on this date", false)], "responses": {"200": ok("profile"), "404": err}}},
            "/api/timeline": {"get": {"summary": "The chronology with sources", "responses": {"200": ok("entries")}}},
            "/api/alignment": {"get": {"summary": "The signed network on a date (treaties, wars, events) and its structural balance: triangle and walk indices, the exact frustration index and its two camps, every tie with its evidence", "parameters": [param("date", "YYYY, YYYY-MM or YYYY-MM-DD (default: the scenario's date)", false)], "responses": {"200": ok("measures and ties"), "400": err}}},
            "/api/alignment/triad": {"get": {"summary": "One triangle year by year: each tie's score, sign and evidence, balanced, closing, turning points", "parameters": [param("a", "actor (default RUS)", false), param("b", "actor (default CHN)", false), param("c", "actor (default PRK)", false), param("from", "first year", false), param("to", "last year", false)], "responses": {"200": ok("triad series"), "400": err, "404": err}}},
            "/api/forecast": {"get": {"summary": "The expected-utility model on one of the scenario's issues: every round's positions, offers, median and mean", "parameters": [param("issue", "an [[issue]] id (default: the first)", false), param("rounds", "0–200 (default 10)", false), param("rules", "paper (default) or replication", false)], "responses": {"200": ok("forecast"), "400": err, "404": err}}},
            "/api/code": {"get": {"summary": "Text to CAMEO events: each sentence of the text coded with the PETRARCH/Phoenix dictionaries (when the server has them), every event with its evidence spans and the pattern that coded it", "parameters": [param("text", "the text, at most 20,000 characters", true), param("date", "the document's date, YYYY-MM-DD", false)], "responses": {"200": ok("sentences and events"), "400": err}}},
            "/api/alignment/blocs": {"get": {"summary": "Doreian–Mrvar signed blockmodel on a date", "parameters": [param("date", "the date", false), param("k", "blocs, 1–8 (default 3)", false)], "responses": {"200": ok("blockmodel"), "400": err}}},
            "/api/cascade": {"get": {"summary": "Who is obliged to fight, wave by wave, and the Monte Carlo odds", "parameters": [param("attacker", "actor", true), param("target", "actor", true), param("at", "a flashpoint or a state (default: the target's territory)", false), param("date", "the war's date", false), param("joins", "JOINER:SIDE pairs, comma-separated: states joining a side by choice", false), param("trials", "Monte Carlo trials (0 for none; capped by the server)", false)], "responses": {"200": ok("cascade and monte_carlo"), "400": err, "404": err, "503": {"description": "busy or too slow"}}}}
        }
    }))
}
