//! Evidence from each source entente reads, into [`Ties`]. Pure: the caller loads the scenario,
//! the datasets or the events.

use crate::{Evidence, Ties, Weights};
use entente_datasets::atop::AtopMember;
use entente_datasets::mid::MidParticipant;
use entente_model::{ActorKind, ProvisionKind, Scenario};
use std::collections::{BTreeMap, BTreeSet};

fn kind_weight(k: ProvisionKind, w: &Weights) -> f64 {
    match k {
        ProvisionKind::Defence => w.defence,
        ProvisionKind::Offence => w.offence,
        ProvisionKind::Neutrality => w.neutrality,
        ProvisionKind::NonAggression => w.non_aggression,
        ProvisionKind::Consultation => w.consultation,
        ProvisionKind::Cooperation => w.cooperation,
    }
}

/// Every state of the scenario as a node, and a positive tie between every two states party to an
/// agreement in force on `day`, weighing its strongest provision (a defence pact with a
/// consultation clause weighs as a defence pact).
pub fn scenario_treaties(s: &Scenario, day: i32, w: &Weights, ties: &mut Ties) {
    let is_state = |id: &str| s.actor(id).is_some_and(|a| a.kind == ActorKind::State);
    for a in &s.facts.actors {
        if a.kind == ActorKind::State {
            ties.add_node(&a.id);
        }
    }
    for ag in &s.facts.agreements {
        if !ag.in_force_on(day, false) {
            continue;
        }
        let kinds: BTreeSet<ProvisionKind> = ag.provisions.iter().map(|p| p.kind).collect();
        let Some((strongest, weight)) = kinds
            .iter()
            .map(|&k| (k, kind_weight(k, w)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        else {
            continue;
        };
        if weight <= 0.0 {
            continue;
        }
        let parties: Vec<String> = s
            .parties_on(ag, day)
            .into_iter()
            .filter(|p| is_state(p))
            .collect();
        let named: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
        for (i, a) in parties.iter().enumerate() {
            for b in &parties[i + 1..] {
                ties.add(
                    a,
                    b,
                    Evidence {
                        source: "treaty",
                        what: format!(
                            "{} ({}; weighs as {strongest})",
                            ag.label(),
                            named.join(", ")
                        ),
                        weight,
                    },
                );
            }
        }
    }
}

/// A negative tie between the two sides of every war of the scenario under way on `day` (the
/// states that joined a side count with it from the day they joined).
pub fn scenario_wars(s: &Scenario, day: i32, w: &Weights, ties: &mut Ties) {
    if w.war <= 0.0 {
        return;
    }
    for war in &s.facts.wars {
        let begun = war.began.certainly_on_or_before(day);
        let ended = war.ended.is_some_and(|e| e.certainly_on_or_before(day));
        if !begun || ended {
            continue;
        }
        let mut side_a: Vec<String> = war.aggressors.clone();
        let mut side_b: Vec<String> = war.defenders.clone();
        for j in &war.joined {
            if !j.from.certainly_on_or_before(day) {
                continue;
            }
            if side_a.contains(&j.side_of) {
                side_a.push(j.actor.clone());
            } else if side_b.contains(&j.side_of) {
                side_b.push(j.actor.clone());
            }
        }
        for a in &side_a {
            for b in &side_b {
                ties.add(
                    a,
                    b,
                    Evidence {
                        source: "war",
                        what: war.name.clone(),
                        weight: -w.war,
                    },
                );
            }
        }
    }
}

/// Ties from the events a scenario records (sourced, hand-curated), dated within `from..=to`:
/// each event with a CAMEO code between its actors and targets (among its actors, for a joint act
/// without target) weighs `w.events` × ±1 for a material act and ±0.5 for a verbal one (QuadClass
/// 2 and 4 against 1 and 3), + for cooperation, − for conflict.
pub fn scenario_events(s: &Scenario, (from, to): (i32, i32), w: &Weights, ties: &mut Ties) {
    use entente_model::QuadClass;
    let is_state = |id: &str| s.actor(id).is_some_and(|a| a.kind == ActorKind::State);
    for e in &s.facts.events {
        let (Some(code), Some(day)) = (&e.cameo, e.date.latest()) else {
            continue;
        };
        if day < from || day > to {
            continue;
        }
        let q = code.quad_class();
        let weight = w.events
            * match q {
                QuadClass::VerbalCooperation => 0.5,
                QuadClass::MaterialCooperation => 1.0,
                QuadClass::VerbalConflict => -0.5,
                QuadClass::MaterialConflict => -1.0,
            };
        let mut pairs = Vec::new();
        if e.target.is_empty() {
            for (i, a) in e.actor.iter().enumerate() {
                for b in &e.actor[i + 1..] {
                    pairs.push((a, b));
                }
            }
        } else {
            for a in &e.actor {
                for b in &e.target {
                    pairs.push((a, b));
                }
            }
        }
        for (a, b) in pairs {
            if is_state(a) && is_state(b) {
                ties.add(
                    a,
                    b,
                    Evidence {
                        source: "scenario event",
                        what: format!("{} {} (CAMEO {code}): {}", e.id, e.date, e.summary),
                        weight,
                    },
                );
            }
        }
    }
}

/// Positive ties from ATOP: two states that were members of the same alliance phase at the same
/// time within `from..=to` (day numbers), weighing the strongest obligation either undertook.
/// `label` names a COW state code (`None`: left out).
pub fn atop(
    members: &[AtopMember],
    label: &dyn Fn(u32) -> Option<String>,
    (from, to): (i32, i32),
    w: &Weights,
    ties: &mut Ties,
) {
    let day = |d: &entente_datasets::atop::AtopDate, end: bool| {
        let m = d.month.unwrap_or(if end { 12 } else { 1 });
        let last = entente_model::date::days_in_month(d.year, m);
        let dd = d.day.unwrap_or(if end { last } else { 1 }).min(last);
        entente_model::date::days_from_civil(d.year, m, dd)
    };
    let names = [
        "defence",
        "offence",
        "neutrality",
        "non-aggression",
        "consultation",
    ];
    let weights = [
        w.defence,
        w.offence,
        w.neutrality,
        w.non_aggression,
        w.consultation,
    ];
    // Spells in the window, by (alliance, phase): (member, first day, last day, obligations).
    type Spell = (u32, i32, i32, [bool; 5]);
    let mut by: BTreeMap<(u32, u16), Vec<Spell>> = BTreeMap::new();
    for m in members {
        let (s, e) = (
            day(&m.entry, false),
            m.exit.as_ref().map_or(i32::MAX, |x| day(x, true)),
        );
        if e < from || s > to {
            continue;
        }
        by.entry((m.atopid, m.phase)).or_default().push((
            m.member,
            s.max(from),
            e.min(to),
            m.obligations(),
        ));
    }
    for ((atopid, phase), spells) in &by {
        for (i, a) in spells.iter().enumerate() {
            for b in &spells[i + 1..] {
                if a.0 == b.0 || a.2 < b.1 || b.2 < a.1 {
                    continue;
                }
                let (Some(la), Some(lb)) = (label(a.0), label(b.0)) else {
                    continue;
                };
                let either: Vec<usize> = (0..5).filter(|&k| a.3[k] || b.3[k]).collect();
                let Some(&strongest) = either
                    .iter()
                    .max_by(|&&x, &&y| weights[x].total_cmp(&weights[y]))
                else {
                    continue;
                };
                let named: Vec<&str> = either.iter().map(|&k| names[k]).collect();
                ties.add(
                    &la,
                    &lb,
                    Evidence {
                        source: "atop",
                        what: format!("ATOP {atopid} phase {phase} ({})", named.join(", ")),
                        weight: weights[strongest],
                    },
                );
            }
        }
    }
}

/// Negative ties from COW militarised disputes: two states on opposite sides of a dispute whose
/// participation overlaps the years `from..=to`, once per dispute.
pub fn mids(
    rows: &[MidParticipant],
    label: &dyn Fn(u32) -> Option<String>,
    (from, to): (i32, i32),
    w: &Weights,
    ties: &mut Ties,
) {
    if w.mid <= 0.0 {
        return;
    }
    let mut by: BTreeMap<u32, Vec<&MidParticipant>> = BTreeMap::new();
    for r in rows {
        if r.end_year >= from && r.start_year <= to {
            by.entry(r.dispute).or_default().push(r);
        }
    }
    for (dispute, rows) in &by {
        let mut seen = BTreeSet::new();
        for a in rows.iter().filter(|r| r.side_a) {
            for b in rows.iter().filter(|r| !r.side_a) {
                if a.ccode == b.ccode || !seen.insert((a.ccode, b.ccode)) {
                    continue;
                }
                let (Some(la), Some(lb)) = (label(u32::from(a.ccode)), label(u32::from(b.ccode)))
                else {
                    continue;
                };
                let level = a
                    .hostility
                    .max(b.hostility)
                    .map_or(String::new(), |h| format!(", hostility {h}"));
                ties.add(
                    &la,
                    &lb,
                    Evidence {
                        source: "mid",
                        what: format!(
                            "MID {dispute} ({}–{}{level})",
                            a.start_year.min(b.start_year),
                            a.end_year.max(b.end_year)
                        ),
                        weight: -w.mid,
                    },
                );
            }
        }
    }
}

/// The rule that turns a dyad's events into a sign.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct EventRule {
    /// Fewer events than this in the period: no sign.
    pub min_events: u64,
    /// |(cooperation − conflict) / events| below this: no sign (neutral).
    pub threshold: f64,
}

impl Default for EventRule {
    fn default() -> Self {
        EventRule {
            min_events: 10,
            threshold: 0.1,
        }
    }
}

/// A dyad's events in one period, undirected: counts by QuadClass.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct DyadEvents {
    pub quad_counts: [u64; 4],
}

impl DyadEvents {
    pub fn events(&self) -> u64 {
        self.quad_counts.iter().sum()
    }

    /// (cooperation − conflict) / events: QuadClasses 1–2 against 3–4.
    pub fn score(&self) -> f64 {
        let q = self.quad_counts;
        let n = self.events().max(1) as f64;
        ((q[0] + q[1]) as f64 - (q[2] + q[3]) as f64) / n
    }
}

/// Events by period (`period.key`) and undirected dyad of CAMEO country codes.
pub fn event_counts(
    events: &[entente_events::Event],
    period: entente_events::aggregate::Period,
) -> BTreeMap<u32, BTreeMap<(String, String), DyadEvents>> {
    let mut out: BTreeMap<u32, BTreeMap<(String, String), DyadEvents>> = BTreeMap::new();
    for e in events {
        let (a, b) = (e.source_country.as_str(), e.target_country.as_str());
        if a.is_empty() || b.is_empty() || a == b {
            continue;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        let cell = out
            .entry(period.key(e.date))
            .or_default()
            .entry((key.0.to_string(), key.1.to_string()))
            .or_default();
        cell.quad_counts[usize::from(e.quad.number() - 1)] += 1;
    }
    out
}

/// Ties from one period's event counts: a dyad with at least `rule.min_events` events and a net
/// score of at least `rule.threshold` in size gets that score (× `w.events`) as evidence.
/// `label` maps a CAMEO country code to the actor it names (`None`: left out).
pub fn events(
    counts: &BTreeMap<(String, String), DyadEvents>,
    label: &dyn Fn(&str) -> Option<String>,
    rule: &EventRule,
    w: &Weights,
    ties: &mut Ties,
) {
    for ((a, b), c) in counts {
        let (Some(la), Some(lb)) = (label(a), label(b)) else {
            continue;
        };
        let n = c.events();
        let score = c.score();
        if n < rule.min_events || score.abs() < rule.threshold {
            continue;
        }
        let q = c.quad_counts;
        ties.add(
            &la,
            &lb,
            Evidence {
                source: "events",
                what: format!(
                    "{n} events ({} cooperative, {} conflictual), net {score:+.2}",
                    q[0] + q[1],
                    q[2] + q[3]
                ),
                weight: w.events * score,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::date::days_from_civil;

    #[test]
    fn the_bundled_scenario_ties_russia_and_north_korea_by_treaty_and_japan_to_the_usa() {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let mut t = Ties::default();
        let day = days_from_civil(2025, 6, 1);
        scenario_treaties(&s, day, &Weights::default(), &mut t);
        scenario_wars(&s, day, &Weights::default(), &mut t);
        let rp = t.tie("RUS", "PRK").expect("the 2024 treaty");
        assert_eq!(rp.sign, Some(entente_signed::Sign::Positive));
        assert!(
            rp.evidence.iter().any(|e| e.what.contains("defence")),
            "{rp:?}"
        );
        assert!(t.tie("JPN", "USA").is_some_and(|x| x.score > 0.0));
        // Russia's war on Ukraine: a negative tie (North Korea joined Russia's side in 2024).
        assert!(t.tie("RUS", "UKR").is_some_and(|x| x.score < 0.0));
        assert!(t.tie("PRK", "UKR").is_some_and(|x| x.score < 0.0));
        // Before the 2024 treaty entered into force, no treaty tie between Russia and North Korea.
        let mut before = Ties::default();
        scenario_treaties(
            &s,
            days_from_civil(2023, 1, 1),
            &Weights::default(),
            &mut before,
        );
        assert!(before.tie("RUS", "PRK").is_none());
    }

    #[test]
    fn event_scores_need_volume_and_size() {
        let mut counts = BTreeMap::new();
        counts.insert(
            ("CHN".to_string(), "RUS".to_string()),
            DyadEvents {
                quad_counts: [8, 2, 1, 1],
            },
        );
        counts.insert(
            ("CHN".to_string(), "USA".to_string()),
            DyadEvents {
                quad_counts: [3, 0, 2, 0],
            },
        );
        counts.insert(
            ("PRK".to_string(), "USA".to_string()),
            DyadEvents {
                quad_counts: [5, 0, 5, 2],
            },
        );
        let mut t = Ties::default();
        events(
            &counts,
            &|c| Some(c.to_string()),
            &EventRule::default(),
            &Weights::default(),
            &mut t,
        );
        let cr = t.tie("CHN", "RUS").unwrap();
        assert!((cr.score - 8.0 / 12.0).abs() < 1e-9);
        assert!(t.tie("CHN", "USA").is_none(), "5 events are too few");
        assert!(t.tie("PRK", "USA").is_some_and(|x| x.score < 0.0));
    }
}
