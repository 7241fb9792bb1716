//! Pictures of alignment: a signed network with its blocs (positive ties green, negative red,
//! each bloc a colour, nodes of one bloc side by side on the circle so a bloc reads as an arc),
//! and a triad's three ties over time (one line each, in −1…1 or their score range, with the
//! periods where the triangle is balanced shaded and turning points marked).

use crate::xml_escape;
use std::fmt::Write as _;

/// Colours for up to eight blocs (then they repeat), chosen to stay apart for colour-blind readers
/// (Okabe & Ito 2008).
pub const BLOC_COLOURS: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

/// The bloc of a node without ties: drawn grey, in no bloc.
pub const UNTIED: usize = usize::MAX;

/// A bloc's colour ([`UNTIED`]: grey).
pub fn bloc_colour(bloc: usize) -> &'static str {
    if bloc == UNTIED {
        "#b0b0b0"
    } else {
        BLOC_COLOURS[bloc % BLOC_COLOURS.len()]
    }
}

/// One node: its label and bloc ([`UNTIED`] for a node without ties).
pub struct Node<'a> {
    pub label: &'a str,
    pub bloc: usize,
}

/// One tie between nodes `a` and `b`; `frustrated` ties (against the blocs) are drawn dashed.
pub struct Tie {
    pub a: usize,
    pub b: usize,
    pub positive: bool,
    pub frustrated: bool,
}

/// The network on a circle, blocs as arcs.
pub fn signed_network_svg(title: &str, nodes: &[Node<'_>], ties: &[Tie]) -> String {
    let (w, h) = (900.0, 900.0);
    let (cx, cy, r) = (w / 2.0, h / 2.0 + 20.0, 340.0);
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&x, &y| (nodes[x].bloc, nodes[x].label).cmp(&(nodes[y].bloc, nodes[y].label)));
    let mut pos = vec![(0.0, 0.0, 0.0); nodes.len()];
    let n = nodes.len().max(1) as f64;
    for (k, &v) in order.iter().enumerate() {
        let t = std::f64::consts::TAU * k as f64 / n - std::f64::consts::FRAC_PI_2;
        pos[v] = (cx + r * t.cos(), cy + r * t.sin(), t);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="10">"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="white"/><text x="20" y="28" font-size="16" font-weight="bold">{}</text>"#,
        xml_escape(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="48" fill="#444">green: positive tie · red: negative · dashed: frustrated (against the blocs) · colour: bloc</text>"##
    );
    for t in ties {
        let (a, b) = (pos[t.a], pos[t.b]);
        let colour = if t.positive { "#2e8b57" } else { "#c0392b" };
        let dash = if t.frustrated {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let opacity = if t.frustrated { 0.9 } else { 0.35 };
        let _ = writeln!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-opacity="{opacity}" stroke-width="1"{dash}/>"#,
            a.0, a.1, b.0, b.1
        );
    }
    for (v, node) in nodes.iter().enumerate() {
        let (x, y, t) = pos[v];
        let colour = bloc_colour(node.bloc);
        let (lx, ly) = (x + 14.0 * t.cos(), y + 14.0 * t.sin());
        let anchor = if t.cos() >= 0.0 { "start" } else { "end" };
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{colour}"><title>{} (bloc {})</title></circle><text x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            xml_escape(node.label),
            if node.bloc == UNTIED {
                "none".to_string()
            } else {
                (node.bloc + 1).to_string()
            },
            ly + 3.0,
            xml_escape(node.label)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// One period of a triad: the three ties' scores (`None`: no evidence) and whether balanced.
pub struct TriadPoint<'a> {
    pub label: &'a str,
    pub scores: [Option<f64>; 3],
    pub balanced: Option<bool>,
    pub closing: bool,
}

/// The triad's three ties as lines over the periods; `names` the three ties ("RUS–CHN", …);
/// `turns[k]` the indices where tie k's score shifts.
pub fn triad_svg(
    title: &str,
    names: [&str; 3],
    points: &[TriadPoint<'_>],
    turns: [&[usize]; 3],
) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 420.0, 60.0, 150.0, 60.0, 70.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = points
        .iter()
        .flat_map(|p| p.scores.iter().flatten())
        .fold(1e-9_f64, |m, v| m.max(v.abs()));
    let y_of = |v: f64| top + plot_h / 2.0 - v / max * plot_h / 2.0;
    let n = points.len().max(1) as f64;
    let step = plot_w / n;
    let x_of = |i: usize| left + step * (i as f64 + 0.5);
    let colours = ["#0072B2", "#D55E00", "#009E73"];
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="white"/><text x="{left}" y="28" font-size="15" font-weight="bold">{}</text>"#,
        xml_escape(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{left}" y="46" fill="#444">tie scores per period (above 0: aligned) · shaded: all three ties positive and strengthening (closing)</text>"##
    );
    for (i, p) in points.iter().enumerate() {
        if p.closing {
            let _ = writeln!(
                s,
                r##"<rect x="{:.1}" y="{top}" width="{step:.1}" height="{plot_h}" fill="#fdebd0"/>"##,
                x_of(i) - step / 2.0
            );
        }
    }
    let zero = y_of(0.0);
    let _ = writeln!(
        s,
        r##"<line x1="{left}" y1="{zero:.1}" x2="{:.1}" y2="{zero:.1}" stroke="#888"/><text x="{:.1}" y="{:.1}" text-anchor="end">0</text><text x="{:.1}" y="{:.1}" text-anchor="end">{max:.2}</text><text x="{:.1}" y="{:.1}" text-anchor="end">{:.2}</text>"##,
        left + plot_w,
        left - 6.0,
        zero + 4.0,
        left - 6.0,
        top + 4.0,
        left - 6.0,
        top + plot_h + 4.0,
        -max
    );
    for k in 0..3 {
        let mut path = String::new();
        for (i, p) in points.iter().enumerate() {
            if let Some(v) = p.scores[k] {
                let cmd = if path.is_empty() { 'M' } else { 'L' };
                let _ = write!(path, "{cmd}{:.1},{:.1} ", x_of(i), y_of(v));
            }
        }
        if !path.is_empty() {
            let _ = writeln!(
                s,
                r#"<path d="{path}" fill="none" stroke="{}" stroke-width="2"/>"#,
                colours[k]
            );
        }
        for &i in turns[k] {
            if i < points.len() {
                let x = x_of(i) - step / 2.0;
                let _ = writeln!(
                    s,
                    r#"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-dasharray="5 3"><title>turning point of {}</title></line>"#,
                    top + plot_h,
                    colours[k],
                    xml_escape(names[k])
                );
            }
        }
        let ly = top + 16.0 + 18.0 * k as f64;
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="14" height="4" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            left + plot_w + 12.0,
            ly - 4.0,
            colours[k],
            left + plot_w + 32.0,
            ly,
            xml_escape(names[k])
        );
    }
    let every = (points.len() / 12).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 {
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end" transform="rotate(-45 {:.1} {:.1})">{}</text>"#,
                x_of(i),
                top + plot_h + 16.0,
                x_of(i),
                top + plot_h + 16.0,
                xml_escape(p.label)
            );
        }
        if p.balanced == Some(false) {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#c0392b"><title>unbalanced</title>×</text>"##,
                x_of(i),
                top + plot_h - 4.0
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// A triad's series (`entente_signed::triad::TriadPeriod`s) as [`triad_svg`] draws it, the three
/// ties named from the first period's actors; `turns[k]` indexes tie k's turning points.
pub fn triad_periods_svg(
    periods: &[entente_signed::triad::TriadPeriod],
    turns: &[Vec<usize>; 3],
) -> String {
    let names: Vec<String> = periods
        .first()
        .map(|p| p.ties.iter().map(|t| format!("{}–{}", t.a, t.b)).collect())
        .unwrap_or_else(|| vec![String::new(); 3]);
    let title = periods.first().map_or(String::from("A triad"), |p| {
        format!("The {}–{}–{} triad", p.ties[0].a, p.ties[0].b, p.ties[1].b)
    });
    let points: Vec<TriadPoint<'_>> = periods
        .iter()
        .map(|p| TriadPoint {
            label: &p.period,
            scores: [p.ties[0].score, p.ties[1].score, p.ties[2].score],
            balanced: p.balanced,
            closing: p.closing,
        })
        .collect();
    triad_svg(
        &title,
        [&names[0], &names[1], &names[2]],
        &points,
        [&turns[0], &turns[1], &turns[2]],
    )
}

/// A signed graph's blocs: on the world map when at least half its nodes have a point there
/// (`iso3` gives a node's code), else on the circle; nodes without a tie grey and in no bloc, ties
/// against the blocs dashed.
pub fn blocs_svg(
    title: &str,
    g: &entente_signed::Graph,
    block: &[usize],
    iso3: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut tied = vec![false; g.n()];
    for e in &g.edges {
        tied[e.a] = true;
        tied[e.b] = true;
    }
    let bloc = |v: usize| if tied[v] { block[v] } else { UNTIED };
    let ties: Vec<Tie> = g
        .edges
        .iter()
        .map(|e| {
            let positive = e.sign == entente_signed::Sign::Positive;
            Tie {
                a: e.a,
                b: e.b,
                positive,
                frustrated: positive != (block[e.a] == block[e.b]),
            }
        })
        .collect();
    let iso: Vec<Option<String>> = g.nodes.iter().map(|l| iso3(l)).collect();
    let placed = iso
        .iter()
        .filter(|c| c.as_deref().and_then(crate::map::point).is_some())
        .count();
    if placed > 0 && placed * 2 >= g.n() {
        let nodes: Vec<(&str, Option<&str>, usize)> = g
            .nodes
            .iter()
            .zip(&iso)
            .enumerate()
            .map(|(v, (l, c))| (l.as_str(), c.as_deref(), bloc(v)))
            .collect();
        crate::map::signed_map_svg(title, &nodes, &ties)
    } else {
        let nodes: Vec<Node<'_>> = g
            .nodes
            .iter()
            .enumerate()
            .map(|(v, l)| Node {
                label: l,
                bloc: bloc(v),
            })
            .collect();
        signed_network_svg(title, &nodes, &ties)
    }
}
