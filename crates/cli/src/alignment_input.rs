//! What `entente alignment` reads: the scenario or the datasets, an event store, a signed edge
//! list; and the windows of time asked for. Loading only — the ties and measures are
//! entente-alignment's.

use crate::common::Error;
use entente_alignment::Ties;
use entente_alignment::build::EventRule;
use entente_alignment::periods::{Inputs, Sources, Window, ties_in};
use entente_datasets::dir::DataDir;
use entente_model::{ActorKind, Scenario};
use std::path::PathBuf;

/// How a network is built: from which sources, over which time, with which weights.
#[derive(clap::Args, Debug, Clone)]
pub struct GraphArgs {
    /// Where ties come from: treaties, wars, mid, events (comma-separated). Default:
    /// treaties,wars,events on a scenario (its own events, and a store's with --store);
    /// treaties,mid with --data; events with --store and --data.
    #[arg(long, value_delimiter = ',')]
    pub source: Vec<String>,
    /// One day: YYYY, YYYY-MM or YYYY-MM-DD (default: the scenario's date).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    /// The first period (a date).
    #[arg(long, requires = "to")]
    pub from: Option<String>,
    /// The last period (a date).
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    /// Periods: year, quarter, month (with --from/--to).
    #[arg(long, default_value = "year")]
    pub by: String,
    /// Windows of N years, one starting each year (CoW's signed networks use 4).
    #[arg(long, value_name = "N")]
    pub window: Option<i32>,
    /// An event store (`entente events ingest`) for the `events` source.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// A signed edge list instead of entente's sources: CSV with from,to,sign (+1/−1) and an
    /// optional period column (one network per period).
    #[arg(long, value_name = "CSV", conflicts_with_all = ["source", "store"])]
    pub edges: Option<PathBuf>,
    /// Evidence weights, e.g. defence=1,consultation=0.25,mid=1,war=2,events=1.
    #[arg(long)]
    pub weights: Option<String>,
    /// Events: fewer than this in a period give a dyad no sign.
    #[arg(long, default_value_t = 10)]
    pub min_events: u64,
    /// Events: |cooperation − conflict| / events below this gives no sign.
    #[arg(long, default_value_t = 0.1)]
    pub threshold: f64,
}

/// How the networks were built, printed with every result so a reader knows the rule.
#[derive(serde::Serialize, Clone, Debug)]
pub struct Settings {
    /// "entente's sources" or the edge list read.
    pub built_from: String,
    pub sources: Option<Sources>,
    pub weights: Option<entente_alignment::Weights>,
    /// The rule that gives an event dyad a sign (minimum events, neutral band).
    pub event_rule: Option<EventRule>,
    /// Each node's ISO3 code, for the map (none for an edge list: its labels are its own).
    #[serde(skip)]
    pub iso3: std::collections::HashMap<String, String>,
}

impl Settings {
    /// One line for a table's reader.
    pub fn line(&self) -> String {
        match (&self.sources, &self.weights, &self.event_rule) {
            (Some(s), Some(w), Some(r)) => {
                let mut on = Vec::new();
                if s.treaties {
                    on.push(format!(
                        "treaties (defence {}, offence {}, neutrality {}, non-aggression {}, consultation {})",
                        w.defence, w.offence, w.neutrality, w.non_aggression, w.consultation
                    ));
                }
                if s.wars {
                    on.push(format!("wars (−{})", w.war));
                }
                if s.mid {
                    on.push(format!("MIDs (−{} each)", w.mid));
                }
                if s.events {
                    on.push(format!(
                        "events (× {}; a store's dyad needs ≥ {} events and |score| ≥ {})",
                        w.events, r.min_events, r.threshold
                    ));
                }
                format!("Ties from: {}.", on.join("; "))
            }
            _ => format!("Ties from {}.", self.built_from),
        }
    }
}

/// One network to measure: its window's label, its ties (with evidence), or a ready graph.
pub struct Network {
    pub label: String,
    pub ties: Option<Ties>,
    pub graph: entente_signed::Graph,
    pub evidence: Vec<entente_alignment::Tie>,
}

fn day(text: &str, flag: &str, end: bool) -> Result<i32, Error> {
    let d = crate::common::date(text, flag)?;
    if end { d.latest() } else { d.earliest() }
        .ok_or_else(|| format!("--{flag} {text}: give a date with a start and an end"))
}

/// The windows asked for.
pub fn windows(a: &GraphArgs, default_day: Option<i32>) -> Result<Vec<Window>, Error> {
    if let (Some(f), Some(t)) = (&a.from, &a.to) {
        let (from, to) = (day(f, "from", false)?, day(t, "to", true)?);
        if from > to {
            return Err(format!("--from {f} is after --to {t}"));
        }
        if let Some(n) = a.window {
            let (fy, ty) = (
                entente_model::date::civil_from_days(from).0,
                entente_model::date::civil_from_days(to).0,
            );
            return Ok(Window::years(fy, ty, n));
        }
        let period = entente_events::aggregate::Period::parse(&a.by)
            .filter(|p| *p != entente_events::aggregate::Period::Day)
            .ok_or_else(|| format!("--by {}: use year, quarter, month or week", a.by))?;
        return Ok(Window::periods(from, to, period));
    }
    let d = match &a.date {
        Some(d) => day(d, "date", true)?,
        None => default_day.ok_or("give --date D, or --from D --to D")?,
    };
    Ok(vec![Window::day(d)])
}

/// The networks of `windows`, from the scenario (`s`) or the datasets (`data`), and a store.
pub fn networks(
    a: &GraphArgs,
    s: Option<&Scenario>,
    data: Option<&std::path::Path>,
    windows: &[Window],
) -> Result<(Vec<Network>, Settings), Error> {
    if let Some(path) = &a.edges {
        let settings = Settings {
            built_from: format!("the signed edge list {}", path.display()),
            sources: None,
            weights: None,
            event_rule: None,
            iso3: Default::default(),
        };
        return Ok((edge_list(path)?, settings));
    }
    let mut weights = entente_alignment::Weights::default();
    if let Some(w) = &a.weights {
        weights.set(w)?;
    }
    let rule = EventRule {
        min_events: a.min_events,
        threshold: a.threshold,
    };
    let sources = if a.source.is_empty() {
        Sources {
            treaties: s.is_some() || a.store.is_none(),
            wars: s.is_some(),
            mid: a.store.is_none() && data.is_some(),
            events: s.is_some() || a.store.is_some(),
        }
    } else {
        Sources::parse(&a.source)?
    };
    if sources.events && a.store.is_none() && s.is_none() {
        return Err("with --data, the events source reads an event store: give --store DIR".into());
    }
    if sources.mid && data.is_none() {
        return Err("the mid source reads COW's MID files: give --data DIR".into());
    }
    let mut notes = Vec::new();
    let (atop, mids, states, crosswalk) = match data {
        Some(dir) => {
            let dd = DataDir::new(dir);
            let r = |e: entente_datasets::DatasetError| e.to_string();
            let states = entente_datasets::load::read(
                &dd,
                "states",
                entente_datasets::states::read_spells,
                &mut notes,
            )
            .map_err(r)?;
            let atop = if sources.treaties {
                Some(
                    entente_datasets::load::read(
                        &dd,
                        "atop",
                        entente_datasets::atop::read_members,
                        &mut notes,
                    )
                    .map_err(r)?,
                )
            } else {
                None
            };
            let mids = if sources.mid {
                Some(
                    entente_datasets::load::read(
                        &dd,
                        "mid",
                        entente_datasets::mid::read_participants,
                        &mut notes,
                    )
                    .map_err(r)?,
                )
            } else {
                None
            };
            let cw = entente_datasets::load::read_optional(
                &dd,
                "crosswalk",
                entente_datasets::crosswalk::read,
                &mut notes,
            )
            .map_err(r)?;
            (atop, mids, Some(states), cw)
        }
        None => (None, None, None, None),
    };
    crate::common::print_notes(&notes);
    let events = match &a.store {
        Some(dir) if sources.events => {
            let store = entente_events::store::Store::open_read(dir).map_err(|e| e.to_string())?;
            let ymd = |d: i32| {
                let (y, m, dd) = entente_model::date::civil_from_days(d);
                (y.max(0) as u32) * 10000 + u32::from(m) * 100 + u32::from(dd)
            };
            let scan = entente_events::store::Scan {
                from: windows.iter().map(|w| ymd(w.from)).min(),
                to: windows.iter().map(|w| ymd(w.to)).max(),
                dyad: None,
            };
            Some(store.scan(&scan).map_err(|e| e.to_string())?.0)
        }
        _ => None,
    };
    // CAMEO country codes to the network's labels: the scenario's actors, or COW abbreviations
    // through the crosswalk.
    let mut cameo_map = std::collections::HashMap::new();
    if let Some(s) = s {
        for actor in s.facts.actors.iter().filter(|x| x.kind == ActorKind::State) {
            for c in [&actor.cameo, &actor.iso3].into_iter().flatten() {
                cameo_map
                    .entry(c.clone())
                    .or_insert_with(|| actor.id.clone());
            }
        }
    } else if let Some(cw) = &crosswalk {
        for c in &cw.rows {
            if let (Some(iso), Some(abbr)) = (&c.iso3, &c.cow_abbr) {
                cameo_map.entry(iso.clone()).or_insert_with(|| abbr.clone());
            }
        }
    }
    // And the other way, each label's ISO3 code for the map.
    let mut iso3: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    if let Some(s) = s {
        for actor in &s.facts.actors {
            if let Some(c) = actor.iso3.as_ref().or(actor.cameo.as_ref()) {
                iso3.insert(actor.id.clone(), c.clone());
            }
        }
    } else if let Some(cw) = &crosswalk {
        for c in &cw.rows {
            if let (Some(iso), Some(abbr)) = (&c.iso3, &c.cow_abbr) {
                iso3.entry(abbr.clone()).or_insert_with(|| iso.clone());
            }
        }
    }
    let identity = cameo_map.is_empty();
    let cameo = |c: &str| -> Option<String> {
        if identity {
            Some(c.to_string())
        } else {
            cameo_map.get(c).cloned()
        }
    };
    let inputs = Inputs {
        scenario: s,
        atop: atop.as_ref().map(|l| l.rows.as_slice()),
        mids: mids.as_ref().map(|l| l.rows.as_slice()),
        states: states.as_ref().map(|l| l.rows.as_slice()),
        events: events.as_deref(),
        cameo: &cameo,
    };
    let nets = windows
        .iter()
        .map(|w| {
            let ties = ties_in(&inputs, &sources, w, &weights, &rule);
            let (graph, evidence) = ties.graph();
            Network {
                label: w.label.clone(),
                ties: Some(ties),
                graph,
                evidence,
            }
        })
        .collect();
    let settings = Settings {
        built_from: if data.is_some() {
            "the datasets".into()
        } else {
            "the scenario".into()
        },
        sources: Some(sources),
        weights: Some(weights),
        event_rule: Some(rule),
        iso3,
    };
    Ok((nets, settings))
}

/// The networks of a signed edge list, one per period, in the file's order.
fn edge_list(path: &std::path::Path) -> Result<Vec<Network>, Error> {
    let l = entente_datasets::signed_edges::read(path).map_err(|e| e.to_string())?;
    if !l.rejects.is_empty() {
        eprintln!("warning: {} of {} rows rejected", l.rejects.len(), l.read);
        for r in l.rejects.iter().take(5) {
            eprintln!("  {}:{}: {}", r.file, r.line, r.reason);
        }
    }
    let mut order: Vec<String> = Vec::new();
    let mut by: std::collections::HashMap<
        String,
        Vec<&entente_datasets::signed_edges::SignedEdge>,
    > = std::collections::HashMap::new();
    for e in &l.rows {
        if !by.contains_key(&e.period) {
            order.push(e.period.clone());
        }
        by.entry(e.period.clone()).or_default().push(e);
    }
    let mut out = Vec::new();
    for p in order {
        let rows = &by[&p];
        let mut names: Vec<String> = rows
            .iter()
            .flat_map(|e| [e.from.clone(), e.to.clone()])
            .collect();
        names.sort();
        names.dedup();
        let idx = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).unwrap_or(0);
        let ties = rows
            .iter()
            .map(|e| {
                let sign = if e.sign > 0 {
                    entente_signed::Sign::Positive
                } else {
                    entente_signed::Sign::Negative
                };
                (idx(&e.from), idx(&e.to), sign, e.weight)
            })
            .collect();
        let graph = entente_signed::Graph::weighted(names.clone(), ties)
            .map_err(|e| format!("{} (period {p}): {e}", path.display()))?;
        out.push(Network {
            label: if p.is_empty() { "all".into() } else { p },
            ties: None,
            graph,
            evidence: Vec::new(),
        });
    }
    if out.is_empty() {
        return Err(format!("{}: no signed ties read", path.display()));
    }
    Ok(out)
}
