//! The alliance network on a date as an SVG: actors on a circle, one line per pair and kind of
//! obligation in force (a multilateral treaty drawn as a hub joined to its parties), coloured by the provision's kind (defence, neutrality, consultation, …),
//! with an arrow where the duty runs one way only.
//!
//! Layout: a circle, with actors ordered by a breadth-first walk from the best-connected actor, so
//! that partners sit near each other and blocs show as arcs. It is deterministic (ties broken by id)
//! so that the same scenario always gives the same picture.

use crate::xml_escape;
use entente_analysis::obligations::Obligation;
use entente_model::ProvisionKind;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write;

fn colour(kind: ProvisionKind) -> &'static str {
    match kind {
        ProvisionKind::Defence => "#c0392b",
        ProvisionKind::Offence => "#8e44ad",
        ProvisionKind::Neutrality => "#2980b9",
        ProvisionKind::NonAggression => "#16a085",
        ProvisionKind::Consultation => "#d68910",
        ProvisionKind::Cooperation => "#7f8c8d",
    }
}

fn kind_name(kind: ProvisionKind) -> &'static str {
    match kind {
        ProvisionKind::Defence => "defence",
        ProvisionKind::Offence => "offence",
        ProvisionKind::Neutrality => "neutrality",
        ProvisionKind::NonAggression => "non-aggression",
        ProvisionKind::Consultation => "consultation",
        ProvisionKind::Cooperation => "cooperation",
    }
}

/// Draws the obligations (typically `obligations::all(scenario, Some(day))`). `label` gives an
/// actor's display name from its id.
pub fn network_svg(
    title: &str,
    obligations: &[Obligation],
    label: &dyn Fn(&str) -> String,
) -> String {
    let Collected {
        edges,
        hubs,
        neighbours,
        ..
    } = collect(obligations);
    // Order: breadth-first from the best-connected unvisited actor, component by component.
    let mut order: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let neighbours: BTreeMap<&str, BTreeSet<&str>> = neighbours
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    loop {
        let start = neighbours
            .iter()
            .filter(|(id, _)| !seen.contains(*id))
            .max_by(|x, y| x.1.len().cmp(&y.1.len()).then_with(|| y.0.cmp(x.0)))
            .map(|(id, _)| *id);
        let Some(start) = start else { break };
        let mut queue = VecDeque::from([start]);
        seen.insert(start);
        while let Some(n) = queue.pop_front() {
            order.push(n);
            for &m in &neighbours[n] {
                if seen.insert(m) {
                    queue.push_back(m);
                }
            }
        }
    }
    let n = order.len().max(1);
    let (w, h) = (900.0f64, 760.0f64);
    let (cx, cy, r) = (w / 2.0, 380.0, 290.0);
    let pos: BTreeMap<&str, (f64, f64)> = order
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let t = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            (*id, (cx + r * t.cos(), cy + r * t.sin()))
        })
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="sans-serif" font-size="12">
<title>{t}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="16" y="24" font-size="16" font-weight="bold">{t}</text>
<defs>"##,
        t = xml_escape(title)
    );
    for kind in ProvisionKind::ALL {
        let _ = write!(
            svg,
            r##"<marker id="arrow-{k}" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>"##,
            k = kind_name(kind),
            c = colour(kind)
        );
    }
    svg.push_str("</defs>\n");
    // Parallel edges of different kinds between one pair are offset so each stays visible.
    let mut per_pair: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for ((a, b, _), (kind, ab, ba)) in &edges {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(a.as_str()), pos.get(b.as_str())) else {
            continue;
        };
        let slot = per_pair.entry((a.as_str(), b.as_str())).or_insert(0);
        let offset = *slot as f64 * 4.0;
        *slot += 1;
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ox, oy) = (-dy / len * offset, dx / len * offset);
        let k = kind_name(*kind);
        // An arrow points at the beneficiary when the duty runs one way only.
        let marker = match (ab, ba) {
            (true, false) => format!(r#" marker-end="url(#arrow-{k})""#),
            (false, true) => format!(r#" marker-start="url(#arrow-{k})""#),
            _ => String::new(),
        };
        let _ = writeln!(
            svg,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{}" opacity="0.8"{marker}><title>{} – {}: {k}{}</title></line>"#,
            x1 + ox,
            y1 + oy,
            x2 + ox,
            y2 + oy,
            colour(*kind),
            if *kind == ProvisionKind::Defence {
                2.5
            } else {
                1.5
            },
            xml_escape(a),
            xml_escape(b),
            if *ab && *ba {
                " (mutual)"
            } else {
                " (one way)"
            }
        );
    }
    for id in &order {
        let (x, y) = pos[id];
        let hub = id
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .and_then(|h| hubs.get(h).map(|name| (h, name)));
        let outward = (x - cx) / r;
        let anchor = if outward > 0.3 {
            "start"
        } else if outward < -0.3 {
            "end"
        } else {
            "middle"
        };
        let (lx, ly) = (cx + (x - cx) * 1.07, cy + (y - cy) * 1.07 + 4.0);
        match hub {
            Some((h, name)) => {
                // Inside the circle, clear of the actors' labels.
                let (lx, ly) = (cx + (x - cx) * 0.86, cy + (y - cy) * 0.86 + 4.0);
                let anchor = "middle";
                let _ = writeln!(
                    svg,
                    r##"<rect x="{:.1}" y="{:.1}" width="14" height="14" fill="#f4d03f" stroke="#7d6608"><title>{name}: every party bound to every other</title></rect><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-weight="bold">{h}</text>"##,
                    x - 7.0,
                    y - 7.0,
                    name = xml_escape(name),
                    h = xml_escape(h)
                );
            }
            None => {
                let _ = writeln!(
                    svg,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="7" fill="#34495e"><title>{name}</title></circle><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{id}</text>"##,
                    name = xml_escape(&label(id)),
                    id = xml_escape(id)
                );
            }
        }
    }
    // Legend.
    for (i, kind) in ProvisionKind::ALL.iter().enumerate() {
        let y = 48.0 + i as f64 * 18.0;
        let _ = writeln!(
            svg,
            r#"<line x1="16" y1="{y}" x2="44" y2="{y}" stroke="{}" stroke-width="2.5"/><text x="50" y="{:.0}">{}</text>"#,
            colour(*kind),
            y + 4.0,
            kind_name(*kind)
        );
    }
    if order.is_empty() {
        let _ = writeln!(
            svg,
            r#"<text x="{cx}" y="{cy}" text-anchor="middle">No obligations in force on this date.</text>"#
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// What both layouts draw: one edge per unordered pair and kind (with which ways the duty runs),
/// multilateral agreements (more than four parties) as hubs `[ID]` joined to their parties, each
/// actor's neighbours, and each hub's parties.
pub(crate) struct Collected<'a> {
    pub edges: BTreeMap<(String, String, usize), (ProvisionKind, bool, bool)>,
    pub hubs: BTreeMap<&'a str, &'a str>,
    pub neighbours: BTreeMap<String, BTreeSet<String>>,
    pub parties: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

pub(crate) fn collect(obligations: &[Obligation]) -> Collected<'_> {
    // A multilateral agreement (more than four parties, NATO's Article 5) would be every pair of its
    // members — a thousand lines for NATO — so it becomes a hub joined to each party instead.
    let mut parties: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for o in obligations {
        let p = parties.entry(o.agreement.as_str()).or_default();
        p.insert(&o.obligor);
        p.insert(&o.beneficiary);
    }
    let hubs: BTreeMap<&str, &str> = obligations
        .iter()
        .filter(|o| parties[o.agreement.as_str()].len() > 4)
        .map(|o| (o.agreement.as_str(), o.agreement_name.as_str()))
        .collect();
    // One edge per unordered pair and kind; `mutual` when duties run both ways.
    let mut edges: BTreeMap<(String, String, usize), (ProvisionKind, bool, bool)> = BTreeMap::new();
    let mut neighbours: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut link = |from: &str, to: &str, kind: ProvisionKind| {
        let k = ProvisionKind::ALL
            .iter()
            .position(|&x| x == kind)
            .unwrap_or(0);
        let forward = from < to;
        let (a, b) = if forward { (from, to) } else { (to, from) };
        let e = edges
            .entry((a.to_string(), b.to_string(), k))
            .or_insert((kind, false, false));
        if forward {
            e.1 = true;
        } else {
            e.2 = true;
        }
        neighbours
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
        neighbours
            .entry(to.to_string())
            .or_default()
            .insert(from.to_string());
    };
    for o in obligations {
        if o.obligor == o.beneficiary {
            continue;
        }
        if hubs.contains_key(o.agreement.as_str()) {
            let hub = format!("[{}]", o.agreement);
            link(&o.obligor, &hub, o.kind);
            link(&hub, &o.obligor, o.kind);
        } else {
            link(&o.obligor, &o.beneficiary, o.kind);
        }
    }
    Collected {
        edges,
        hubs,
        neighbours,
        parties,
    }
}

pub(crate) fn colour_of(kind: ProvisionKind) -> &'static str {
    colour(kind)
}

pub(crate) fn name_of(kind: ProvisionKind) -> &'static str {
    kind_name(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_network_draws_every_pair_in_force() {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let day = s.info.as_of.latest().unwrap();
        let obs = entente_analysis::obligations::all(&s, Some(day));
        let svg = network_svg("test", &obs, &|id| id.to_string());
        // Russia and North Korea: the 2024 treaty's mutual defence, drawn once, both ways.
        assert!(svg.contains("PRK – RUS: defence (mutual)"), "{svg}");
        // NATO is a hub, not every pair of its members: far fewer lines than pairs.
        let pairs = obs.iter().filter(|o| o.obligor != o.beneficiary).count();
        let lines = svg.matches("<line x1=\"").count() - 6;
        assert!(
            lines > 10 && lines * 5 < pairs,
            "{lines} lines for {pairs} obligations"
        );
        assert!(
            svg.contains("<rect x="),
            "a hub for the multilateral treaty"
        );
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    }
}
