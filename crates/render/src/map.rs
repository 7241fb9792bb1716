//! The alliance network on a world map: each state at a point inside it (the area centroid of its
//! largest polygon in Natural Earth's 1:110m countries — public domain, converted once by
//! `scripts/world_map.py` and shipped in the binary, see `assets/PROVENANCE.md`), drawn over the
//! countries' outlines in an equirectangular projection. A multilateral agreement (NATO's Article 5)
//! is one hub, placed among its parties and drawn collapsed — its parties ringed in its colour — until
//! the reader expands it (the hub links to `?expand=ID`), when its spokes are drawn. A line that is
//! shorter across the date line (the United States to Japan) is drawn that way, leaving one edge
//! of the map and entering the other. States without a point (historical states, organisations) sit
//! in a row under the map.

use crate::network::{Collected, collect, colour_of, name_of};
use crate::xml_escape;
use entente_analysis::obligations::Obligation;
use entente_model::ProvisionKind;
use std::collections::BTreeMap;
use std::fmt::Write;

const OUTLINE: &str = include_str!("../assets/world-110m.txt");
const POINTS: &str = include_str!("../assets/world-110m-points.csv");
/// The map box: equirectangular, 1000 × 500 for the whole sphere; drawn from 75° N to 50° S.
const W: f64 = 1000.0;
const TOP: f64 = (90.0 - 75.0) / 180.0 * 500.0;
const BOTTOM: f64 = (90.0 + 50.0) / 180.0 * 500.0;

/// A state's label point (longitude, latitude) by ISO 3166 alpha-3 code.
pub fn point(iso3: &str) -> Option<(f64, f64)> {
    POINTS.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split(',').collect();
        // name may hold no comma (the script writes Natural Earth's short names).
        if f.first() != Some(&iso3) || f.len() < 5 {
            return None;
        }
        let lat = f[f.len() - 1].parse().ok()?;
        let lon = f[f.len() - 2].parse().ok()?;
        Some((lon, lat))
    })
}

/// Longitude and latitude in the map box.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    ((lon + 180.0) / 360.0 * W, (90.0 - lat) / 180.0 * 500.0)
}

/// The countries' outlines as one SVG group.
pub fn outline() -> String {
    let mut s = String::from(r##"<g fill="#eef0f2" stroke="#c4c9ce" stroke-width="0.5">"##);
    for l in OUTLINE.lines() {
        if let Some((iso, d)) = l.split_once('\t') {
            let _ = write!(s, r#"<path d="{d}"><title>{iso}</title></path>"#);
        }
    }
    s.push_str("</g>");
    s
}

/// A line from `a` to `b`, the short way round: across the date line when that is shorter.
fn segments((x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> Vec<(f64, f64, f64, f64)> {
    let dx = x2 - x1;
    if dx.abs() <= W / 2.0 {
        vec![(x1, y1, x2, y2)]
    } else if dx > 0.0 {
        vec![(x1, y1, x2 - W, y2), (x1 + W, y1, x2, y2)]
    } else {
        vec![(x1, y1, x2 + W, y2), (x1 - W, y1, x2, y2)]
    }
}

/// The obligations (as [`crate::network_svg`] takes them) on the map. `iso3` gives an actor's
/// ISO3 code (for its point), `label` its name; `expand` names the hubs drawn with their spokes
/// (`"all"` for every one); `link` makes each hub a link to `?expand=ID` (for the web app).
pub fn network_map_svg(
    title: &str,
    obligations: &[Obligation],
    label: &dyn Fn(&str) -> String,
    iso3: &dyn Fn(&str) -> Option<String>,
    expand: &[&str],
    link: bool,
) -> String {
    let Collected {
        edges,
        hubs,
        neighbours,
        parties,
    } = collect(obligations);
    let actors: Vec<&str> = neighbours
        .keys()
        .map(String::as_str)
        .filter(|id| !id.starts_with('['))
        .collect();
    let mut pos: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let mut off_map = Vec::new();
    for id in &actors {
        match iso3(id).and_then(|c| point(&c)) {
            Some((lon, lat)) => {
                pos.insert(id.to_string(), project(lon, lat));
            }
            None => off_map.push(*id),
        }
    }
    let h = BOTTOM - TOP + 40.0 + if off_map.is_empty() { 0.0 } else { 40.0 };
    for (i, id) in off_map.iter().enumerate() {
        let x = 20.0 + (i as f64 * 70.0) % (W - 40.0);
        let row = (i as f64 * 70.0 / (W - 40.0)).floor();
        pos.insert(id.to_string(), (x, BOTTOM + 30.0 + row * 18.0));
    }
    // Hubs among their parties (the mean of the placed parties' points, nudged north so the
    // square does not hide a state).
    let mut hub_pos: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for h in hubs.keys() {
        let placed: Vec<(f64, f64)> = parties[h]
            .iter()
            .filter_map(|p| pos.get(*p).copied())
            .collect();
        if !placed.is_empty() {
            let n = placed.len() as f64;
            let (x, y) = placed
                .iter()
                .fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
            hub_pos.insert(h, (x, y - 14.0));
        }
    }
    let expanded = |h: &str| expand.contains(&"all") || expand.contains(&h);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {W} {h}" width="{W}" height="{h}" font-family="sans-serif" font-size="9">
<title>{t}</title>
<rect x="0" y="{top}" width="{W}" height="{h}" fill="white"/>
{outline}
<text x="8" y="{ty}" font-size="14" font-weight="bold">{t}</text>
"##,
        top = TOP - 30.0,
        ty = TOP - 12.0,
        outline = outline(),
        t = xml_escape(title)
    );
    for ((a, b, _), (kind, ab, ba)) in &edges {
        let colour = colour_of(*kind);
        let hub_end = |x: &str| {
            x.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .map(str::to_string)
        };
        let (pa, pb) = match (hub_end(a), hub_end(b)) {
            (Some(h), None) | (None, Some(h)) => {
                if !expanded(&h) {
                    continue;
                }
                let actor = if hub_end(a).is_some() { b } else { a };
                match (hub_pos.get(h.as_str()), pos.get(actor.as_str())) {
                    (Some(&p), Some(&q)) => (p, q),
                    _ => continue,
                }
            }
            _ => match (pos.get(a.as_str()), pos.get(b.as_str())) {
                (Some(&p), Some(&q)) => (p, q),
                _ => continue,
            },
        };
        let way = if *ab && *ba { "mutual" } else { "one way" };
        // A state under the map is joined by a straight line, never round the world.
        let under = |p: (f64, f64)| p.1 > BOTTOM;
        let parts = if under(pa) || under(pb) {
            vec![(pa.0, pa.1, pb.0, pb.1)]
        } else {
            segments(pa, pb)
        };
        for (x1, y1, x2, y2) in parts {
            let _ = writeln!(
                svg,
                r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="{}" opacity="0.75"><title>{} – {}: {} ({way})</title></line>"#,
                if *kind == ProvisionKind::Defence {
                    1.8
                } else {
                    1.1
                },
                xml_escape(a),
                xml_escape(b),
                name_of(*kind)
            );
        }
    }
    // Collapsed hubs ring their parties in the hub's colour.
    for (h, name) in &hubs {
        let Some(&(x, y)) = hub_pos.get(h) else {
            continue;
        };
        let kind = obligations
            .iter()
            .find(|o| o.agreement == *h)
            .map_or(ProvisionKind::Defence, |o| o.kind);
        let colour = colour_of(kind);
        if !expanded(h) {
            for p in &parties[h] {
                if let Some(&(px, py)) = pos.get(*p) {
                    let _ = write!(
                        svg,
                        r#"<circle cx="{px:.1}" cy="{py:.1}" r="6" fill="none" stroke="{colour}" stroke-width="1.5"/>"#
                    );
                }
            }
        }
        let body = format!(
            r##"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="#f4d03f" stroke="#7d6608"><title>{name}: {n} parties, every one bound to every other{more}</title></rect><text x="{:.1}" y="{:.1}" font-weight="bold">{h} ({n})</text>"##,
            x - 6.0,
            y - 6.0,
            x + 8.0,
            y + 4.0,
            name = xml_escape(name),
            h = xml_escape(h),
            n = parties[h].len(),
            more = if expanded(h) {
                ""
            } else {
                " — expand to draw its ties"
            }
        );
        if link {
            let target = if expanded(h) {
                String::new()
            } else {
                (*h).to_string()
            };
            let _ = writeln!(
                svg,
                r#"<a href="?expand={}">{body}</a>"#,
                xml_escape(&target)
            );
        } else {
            svg.push_str(&body);
        }
    }
    for id in &actors {
        let Some(&(x, y)) = pos.get(*id) else {
            continue;
        };
        let _ = writeln!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="#34495e"><title>{name}</title></circle><text x="{:.1}" y="{:.1}">{id}</text>"##,
            x + 4.5,
            y - 3.0,
            name = xml_escape(&label(id)),
            id = xml_escape(id)
        );
    }
    if !off_map.is_empty() {
        let _ = writeln!(
            svg,
            r##"<text x="8" y="{:.1}" fill="#555">Not on the map (no ISO code or no point in Natural Earth 1:110m):</text>"##,
            BOTTOM + 14.0
        );
    }
    for (i, kind) in ProvisionKind::ALL.iter().enumerate() {
        let x = 8.0 + i as f64 * 110.0;
        let y = BOTTOM - 8.0;
        let _ = writeln!(
            svg,
            r#"<line x1="{x}" y1="{y}" x2="{:.0}" y2="{y}" stroke="{}" stroke-width="2"/><text x="{:.0}" y="{:.0}">{}</text>"#,
            x + 22.0,
            colour_of(*kind),
            x + 26.0,
            y + 3.0,
            name_of(*kind)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A signed network on the map: nodes coloured by bloc (`crate::signed::BLOC_COLOURS`), positive
/// ties green, negative red, ties against the blocs dashed. `nodes`: label, ISO3 code (for the
/// point; `None` or unknown: a row under the map), bloc.
pub fn signed_map_svg(
    title: &str,
    nodes: &[(&str, Option<&str>, usize)],
    ties: &[crate::signed::Tie],
) -> String {
    let mut pos = Vec::with_capacity(nodes.len());
    let mut under = 0usize;
    for (_, iso, _) in nodes {
        match iso.and_then(point) {
            Some((lon, lat)) => pos.push((project(lon, lat), false)),
            None => {
                let x = 20.0 + (under as f64 * 60.0) % (W - 40.0);
                let row = (under as f64 * 60.0 / (W - 40.0)).floor();
                pos.push(((x, BOTTOM + 30.0 + row * 18.0), true));
                under += 1;
            }
        }
    }
    let rows = if under == 0 {
        0.0
    } else {
        40.0 + (under as f64 * 60.0 / (W - 40.0)).floor() * 18.0
    };
    let h = BOTTOM - TOP + 40.0 + rows;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {W} {h}" width="{W}" height="{h}" font-family="sans-serif" font-size="9">
<title>{t}</title>
<rect x="0" y="{top}" width="{W}" height="{h}" fill="white"/>
{outline}
<text x="8" y="{ty}" font-size="14" font-weight="bold">{t}</text>
<text x="8" y="{ly}" fill="#444">green: positive tie · red: negative · dashed: against the blocs · colour: bloc (grey: no tie)</text>
"##,
        top = TOP - 30.0,
        ty = TOP - 12.0,
        ly = BOTTOM - 6.0,
        outline = outline(),
        t = xml_escape(title)
    );
    for t in ties {
        let ((pa, ua), (pb, ub)) = (pos[t.a], pos[t.b]);
        let parts = if ua || ub {
            vec![(pa.0, pa.1, pb.0, pb.1)]
        } else {
            segments(pa, pb)
        };
        let colour = if t.positive { "#2e8b57" } else { "#c0392b" };
        let dash = if t.frustrated {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let opacity = if t.frustrated { 0.9 } else { 0.4 };
        for (x1, y1, x2, y2) in parts {
            let _ = writeln!(
                svg,
                r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}" stroke-opacity="{opacity}" stroke-width="1"{dash}/>"#
            );
        }
    }
    for (v, (label, _, bloc)) in nodes.iter().enumerate() {
        let ((x, y), _) = pos[v];
        let colour = crate::signed::bloc_colour(*bloc);
        let b = if *bloc == crate::signed::UNTIED {
            "none: no tie".to_string()
        } else {
            (bloc + 1).to_string()
        };
        let _ = writeln!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{colour}"><title>{l} (bloc {b})</title></circle><text x="{:.1}" y="{:.1}">{l}</text>"#,
            x + 5.0,
            y - 3.0,
            l = xml_escape(label),
        );
    }
    if under > 0 {
        let _ = writeln!(
            svg,
            r##"<text x="8" y="{:.1}" fill="#555">Not on the map (no ISO code or no point in Natural Earth 1:110m):</text>"##,
            BOTTOM + 14.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_the_short_way_round() {
        let (lon, lat) = point("JPN").unwrap();
        assert!((130.0..145.0).contains(&lon) && (30.0..45.0).contains(&lat));
        let (lon, _) = point("RUS").unwrap();
        assert!(
            (60.0..130.0).contains(&lon),
            "Russia's point is in Siberia, not across the date line: {lon}"
        );
        assert!(point("XXX").is_none());
        // The United States to Japan: across the Pacific, two segments.
        let us = project(-99.0, 39.5);
        let jp = project(136.9, 36.0);
        assert_eq!(segments(us, jp).len(), 2);
        assert_eq!(segments(project(2.3, 46.6), project(14.2, 64.5)).len(), 1);
    }

    #[test]
    fn the_bundled_network_on_the_map_hubs_collapsed_and_expanded() {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let day = s.info.as_of.latest().unwrap();
        let obs = entente_analysis::obligations::all(&s, Some(day));
        let iso = |id: &str| s.actor(id).and_then(|a| a.iso3.clone().or(a.cameo.clone()));
        let collapsed = network_map_svg("t", &obs, &|id| id.to_string(), &iso, &[], true);
        let expanded = network_map_svg("t", &obs, &|id| id.to_string(), &iso, &["all"], false);
        assert!(collapsed.contains("expand to draw its ties") && collapsed.contains("?expand="));
        // Collapsed, far fewer lines than expanded (NATO's 32 spokes among them).
        let lines = |s: &str| s.matches("<line").count();
        assert!(
            lines(&collapsed) + 30 < lines(&expanded),
            "{} vs {}",
            lines(&collapsed),
            lines(&expanded)
        );
        // Japan, North Korea and the United States are on the map.
        for id in [">JPN<", ">PRK<", ">USA<"] {
            assert!(collapsed.contains(id), "{id}");
        }
    }
}
