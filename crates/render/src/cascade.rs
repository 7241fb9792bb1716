//! The cascade as a picture: the aggressor side on the left, the defending side on the right, one row
//! per wave of entry; arrows from each entrant to the partner it is bound to (labelled with the
//! article), red arrows for attacks; states tied to a belligerent that stay out in grey below, grouped
//! by agreement and reason.

use crate::xml_escape;
use entente_analysis::cascade::{Cascade, How, Side};
use entente_model::ProvisionKind;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const NODE_W: i32 = 150;
const NODE_H: i32 = 44;
const GAP_X: i32 = 30;
const ROW_H: i32 = 110;
const TOP: i32 = 90;
const AGGRESSOR: &str = "#b2182b";
const DEFENDER: &str = "#2166ac";
const OUT: &str = "#8c8c8c";

/// A group of states that stay out for the same reason.
struct OutGroup {
    actors: Vec<String>,
    tie_to: String,
    label: String,
    reason: String,
}

fn out_groups(c: &Cascade) -> Vec<OutGroup> {
    let mut groups: BTreeMap<(String, String, String, String), Vec<String>> = BTreeMap::new();
    // Only ties that could have meant fighting: talks and cooperation are listed in the tables.
    let wartime = |k: Option<ProvisionKind>| {
        k.is_none_or(|k| {
            matches!(
                k,
                ProvisionKind::Defence | ProvisionKind::Offence | ProvisionKind::Neutrality
            )
        })
    };
    for s in c.stays_out.iter().filter(|s| wartime(s.kind)) {
        let label = format!("{} {}", s.agreement_name, s.article);
        let reason = s.reasons.join("; ");
        let key = (s.tie_to.clone(), label, reason, s.agreement.clone());
        let v = groups.entry(key).or_default();
        if !v.contains(&s.actor) {
            v.push(s.actor.clone());
        }
    }
    groups
        .into_iter()
        .map(|((tie_to, label, reason, _), actors)| OutGroup {
            actors,
            tie_to,
            label,
            reason,
        })
        .collect()
}

fn group_name(actors: &[String]) -> String {
    match actors.len() {
        1 => actors[0].clone(),
        n if n <= 3 => actors.join(", "),
        n => format!("{n} states ({}, …)", actors[..2].join(", ")),
    }
}

fn how_label(how: &How) -> String {
    match how {
        How::Attacker => "attacker".into(),
        How::Target => "target".into(),
        How::Strike {
            attacker, victim, ..
        } => format!("assumed: {attacker} strikes {victim}"),
        How::Join { side_of } => format!("assumed: joins {side_of}"),
        How::Obligation(r) => format!("{} {} → {}", r.agreement_name, r.article, r.owed_to),
    }
}

/// The cascade as Graphviz DOT.
pub fn cascade_dot(c: &Cascade) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::new();
    let _ = writeln!(out, "digraph cascade {{");
    let _ = writeln!(
        out,
        "  label={};\n  labelloc=t;\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];",
        q(&format!(
            "{} attacks {} at {} ({})",
            c.attacker, c.target, c.place, c.date
        ))
    );
    for w in &c.waves {
        let _ = writeln!(out, "  subgraph wave{} {{ rank=same;", w.wave);
        for e in &w.entries {
            let colour = if e.side == Side::Aggressor {
                AGGRESSOR
            } else {
                DEFENDER
            };
            let _ = writeln!(
                out,
                "    {} [label={}, fillcolor=\"{colour}\", fontcolor=white];",
                q(&e.actor),
                q(&format!("{}\nwave {}", e.name, w.wave))
            );
        }
        let _ = writeln!(out, "  }}");
    }
    for a in &c.attacks {
        if a.attacker.starts_with("the ") {
            continue;
        }
        let _ = writeln!(
            out,
            "  {} -> {} [color=\"{AGGRESSOR}\", penwidth=2, label={}];",
            q(&a.attacker),
            q(&a.victim),
            q(&format!("attacks at {}", a.place))
        );
    }
    for w in &c.waves {
        for e in &w.entries {
            if let How::Obligation(r) = &e.how {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label={}];",
                    q(&e.actor),
                    q(&r.owed_to),
                    q(&format!("{} {}", r.agreement_name, r.article))
                );
            }
            for r in &e.also {
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=dashed, label={}];",
                    q(&e.actor),
                    q(&r.owed_to),
                    q(&format!("{} {}", r.agreement_name, r.article))
                );
            }
        }
    }
    for (i, g) in out_groups(c).iter().enumerate() {
        let id = format!("out{i}");
        let _ = writeln!(
            out,
            "  {id} [label={}, fillcolor=\"#eeeeee\", fontcolor=\"#555555\"];",
            q(&format!("{}\nstays out", group_name(&g.actors)))
        );
        let _ = writeln!(
            out,
            "  {id} -> {} [style=dotted, color=\"{OUT}\", label={}];",
            q(&g.tie_to),
            q(&format!("{}: {}", g.label, g.reason))
        );
    }
    let _ = writeln!(out, "}}");
    out
}

/// Text clipped to `max` characters.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// The cascade as a self-contained SVG.
pub fn cascade_svg(c: &Cascade) -> String {
    // Columns: each side's entrants per wave, laid out in its half.
    let mut pos: BTreeMap<String, (i32, i32)> = BTreeMap::new();
    let per_row = |side: Side, w: usize| {
        c.waves.iter().find(|x| x.wave == w).map_or(0, |x| {
            x.entries.iter().filter(|e| e.side == side).count() as i32
        })
    };
    let max_cols = c
        .waves
        .iter()
        .map(|w| per_row(Side::Aggressor, w.wave).max(per_row(Side::Defender, w.wave)))
        .max()
        .unwrap_or(1)
        .max(1);
    let half = max_cols * (NODE_W + GAP_X) + GAP_X;
    let groups = out_groups(c);
    let out_cols = 4.min(groups.len().max(1) as i32);
    let width = (2 * half + 80)
        .max(out_cols * (NODE_W * 2 + GAP_X) + 80)
        .max(760);
    let mid = width / 2;
    for (row, w) in c.waves.iter().enumerate() {
        let y = TOP + row as i32 * ROW_H;
        for side in [Side::Aggressor, Side::Defender] {
            let list: Vec<&str> = w
                .entries
                .iter()
                .filter(|e| e.side == side)
                .map(|e| e.actor.as_str())
                .collect();
            for (k, a) in list.iter().enumerate() {
                let k = k as i32;
                let x = match side {
                    Side::Aggressor => mid - 40 - (k + 1) * (NODE_W + GAP_X) + GAP_X,
                    Side::Defender => mid + 40 + k * (NODE_W + GAP_X),
                };
                pos.insert(a.to_string(), (x, y));
            }
        }
    }
    let out_top = TOP + c.waves.len() as i32 * ROW_H + 40;
    let out_rows = (groups.len() as i32 + out_cols - 1) / out_cols.max(1);
    let height = out_top + out_rows.max(0) * (ROW_H + 10) + 110;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        s,
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker><marker id="arrow-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{AGGRESSOR}"/></marker><marker id="arrow-grey" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{OUT}"/></marker></defs>"##
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let title = format!(
        "{} attacks {} at {} — {}",
        c.attacker, c.target, c.place, c.date
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="30" font-size="18" font-weight="bold" fill="#222">{}</text>"##,
        xml_escape(&title)
    );
    let rules = format!(
        "rules: {}; agreements counted from {}",
        if c.rules.counter_attack_triggers {
            "counter-attack triggers"
        } else {
            "strict (defensive entry creates no victims)"
        },
        if c.rules.by_signature {
            "signature"
        } else {
            "entry into force"
        }
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="50" fill="#555">{}</text>"##,
        xml_escape(&rules)
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="75" text-anchor="end" font-weight="bold" fill="{AGGRESSOR}">aggressor side</text>"##,
        mid - 40
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="75" font-weight="bold" fill="{DEFENDER}">defending side</text>"##,
        mid + 40
    );
    let _ = writeln!(
        s,
        r##"<line x1="{mid}" y1="62" x2="{mid}" y2="{}" stroke="#ddd" stroke-dasharray="4 4"/>"##,
        out_top - 20
    );
    for (row, w) in c.waves.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<text x="20" y="{}" fill="#999">wave {}</text>"##,
            TOP + row as i32 * ROW_H + NODE_H / 2 + 4,
            w.wave
        );
    }
    let centre = |a: &str| pos.get(a).map(|(x, y)| (x + NODE_W / 2, y + NODE_H / 2));
    // Edge end points on the box border towards the other node.
    let border = |from: (i32, i32), to: (i32, i32)| -> (f64, f64) {
        let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
        if dx == 0.0 && dy == 0.0 {
            return (from.0 as f64, from.1 as f64);
        }
        let sx = (NODE_W as f64 / 2.0) / dx.abs().max(1e-9);
        let sy = (NODE_H as f64 / 2.0) / dy.abs().max(1e-9);
        let t = sx.min(sy);
        (from.0 as f64 + dx * t, from.1 as f64 + dy * t)
    };
    let edge = |s: &mut String,
                a: (i32, i32),
                b: (i32, i32),
                colour: &str,
                marker: &str,
                dash: &str,
                label: &str,
                bend: f64| {
        let (x1, y1) = border(a, b);
        let (x2, y2) = border(b, a);
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (nx, ny) = (-(y2 - y1), x2 - x1);
        let len = (nx * nx + ny * ny).sqrt().max(1.0);
        let (cx, cy) = (mx + nx / len * bend, my + ny / len * bend);
        let _ = writeln!(
            s,
            r#"<path d="M {x1:.1} {y1:.1} Q {cx:.1} {cy:.1} {x2:.1} {y2:.1}" fill="none" stroke="{colour}" stroke-width="1.6" {dash} marker-end="url(#{marker})"/>"#
        );
        if !label.is_empty() {
            let (lx, ly) = ((x1 + 2.0 * cx + x2) / 4.0, (y1 + 2.0 * cy + y2) / 4.0);
            let _ = writeln!(
                s,
                r##"<text x="{lx:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{colour}" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>"##,
                ly - 3.0,
                xml_escape(&clip(label, 46))
            );
        }
    };
    for a in &c.attacks {
        if let (Some(p), Some(q)) = (centre(&a.attacker), centre(&a.victim)) {
            edge(&mut s, p, q, AGGRESSOR, "arrow-red", "", "attacks", -18.0);
        }
    }
    for w in &c.waves {
        for e in &w.entries {
            let reasons: Vec<_> = match &e.how {
                How::Obligation(r) => std::iter::once(r).chain(&e.also).collect(),
                _ => e.also.iter().collect(),
            };
            for r in reasons {
                if let (Some(p), Some(q)) = (centre(&e.actor), centre(&r.owed_to)) {
                    edge(
                        &mut s,
                        p,
                        q,
                        "#333",
                        "arrow",
                        "",
                        &format!("{} {}", r.agreement_name, r.article),
                        14.0,
                    );
                }
            }
        }
    }
    for w in &c.waves {
        for e in &w.entries {
            let Some(&(x, y)) = pos.get(&e.actor) else {
                continue;
            };
            let colour = if e.side == Side::Aggressor {
                AGGRESSOR
            } else {
                DEFENDER
            };
            let _ = writeln!(
                s,
                r#"<g><title>{}</title><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="8" fill="{colour}"/>"#,
                xml_escape(&format!("{} — {}", e.name, how_label(&e.how)))
            );
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-weight="bold">{}</text>"##,
                x + NODE_W / 2,
                y + 18,
                xml_escape(&clip(&e.name, 20))
            );
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-size="10">{}</text></g>"##,
                x + NODE_W / 2,
                y + 33,
                xml_escape(&clip(&how_label(&e.how), 26))
            );
        }
    }
    if !groups.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="20" y="{}" font-weight="bold" fill="#555">Tied to a belligerent but not bound</text>"##,
            out_top - 8
        );
    }
    let gw = NODE_W * 2;
    for (i, g) in groups.iter().enumerate() {
        let (col, row) = (i as i32 % out_cols, i as i32 / out_cols);
        let x = 20 + col * (gw + GAP_X);
        let y = out_top + 10 + row * (ROW_H + 10);
        // (Box height ROW_H - 5 holds the title, the agreement and four lines of reasons.)
        let _ = writeln!(
            s,
            r##"<g><title>{}</title><rect x="{x}" y="{y}" width="{gw}" height="{}" rx="8" fill="#f2f2f2" stroke="{OUT}" stroke-dasharray="4 3"/>"##,
            xml_escape(&format!("{}: {}", g.actors.join(", "), g.reason)),
            ROW_H - 5
        );
        let lines = [
            (
                format!("{} — tied to {}", group_name(&g.actors), g.tie_to),
                "bold",
                "#444",
            ),
            (g.label.clone(), "normal", "#666"),
            (g.reason.clone(), "normal", "#666"),
        ];
        let mut ty = y + 16;
        for (k, (text, weight, fill)) in lines.iter().enumerate() {
            // Wrap the reason over up to three lines.
            let chunks: Vec<String> = if k == 2 {
                wrap(text, 46, 4)
            } else {
                vec![clip(text, 44)]
            };
            for ch in chunks {
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{ty}" font-size="11" font-weight="{weight}" fill="{fill}">{}</text>"#,
                    x + 8,
                    xml_escape(&ch)
                );
                ty += 15;
            }
        }
        let _ = writeln!(s, "</g>");
    }
    let ly = height - 30;
    let _ = writeln!(
        s,
        r##"<g font-size="11" fill="#444"><rect x="20" y="{}" width="14" height="14" rx="3" fill="{AGGRESSOR}"/><text x="40" y="{ly}">aggressor side</text><rect x="150" y="{}" width="14" height="14" rx="3" fill="{DEFENDER}"/><text x="170" y="{ly}">defending side</text><line x1="290" y1="{}" x2="320" y2="{}" stroke="{AGGRESSOR}" stroke-width="2" marker-end="url(#arrow-red)"/><text x="326" y="{ly}">attack</text><line x1="380" y1="{}" x2="410" y2="{}" stroke="#333" stroke-width="1.6" marker-end="url(#arrow)"/><text x="416" y="{ly}">bound to defend (agreement, article)</text></g>"##,
        ly - 11,
        ly - 11,
        ly - 4,
        ly - 4,
        ly - 4,
        ly - 4
    );
    let _ = writeln!(s, "</svg>");
    s
}

fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            if lines.len() == max_lines {
                let last = lines.last_mut().expect("one line");
                last.push('…');
                return lines;
            }
            lines.push(String::new());
        }
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_analysis::cascade::{self, Crisis, Rules};
    use entente_model::Place;

    fn korea() -> Cascade {
        let s = entente_scenario::load_bundled().valid().unwrap().clone();
        let c = Crisis {
            attacker: "PRK".into(),
            target: "KOR".into(),
            place: Place::Flashpoint("korean-peninsula".into()),
            day: entente_model::date::days_from_civil(2025, 2, 28),
            joins: vec![],
            strikes: vec![],
        };
        cascade::cascade(&s, &c, Rules::default()).unwrap()
    }

    #[test]
    fn svg_is_well_formed_and_names_the_treaty() {
        let svg = cascade_svg(&korea());
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("US–ROK Mutual Defense Treaty (1953) Art. III"));
        assert!(
            svg.contains("PRK struck first"),
            "the stays-out reason is drawn"
        );
        assert!(
            svg.contains("outside the treaty"),
            "every reason is drawn, not only the first"
        );
        assert_eq!(
            svg.matches("<g>").count() + svg.matches("<g ").count(),
            svg.matches("</g>").count()
        );
        assert!(
            !svg.contains("http://") || svg.matches("http://").count() == 1,
            "no external resources"
        );
    }

    #[test]
    fn dot_has_nodes_and_edges() {
        let dot = cascade_dot(&korea());
        assert!(dot.starts_with("digraph cascade {"));
        assert!(dot.contains(
            "\"USA\" -> \"KOR\" [label=\"US–ROK Mutual Defense Treaty (1953) Art. III\"]"
        ));
        assert!(dot.contains("\"PRK\" -> \"KOR\" [color="));
    }
}
