//! Tornado charts of a sensitivity analysis: for each outcome, one horizontal bar per assumption,
//! from the outcome at the low end of the assumption's range to the outcome at the high end, widest
//! on top, around a vertical line at the outcome's base value. Everything drawn comes from the
//! analysis passed in.

use crate::xml_escape;
use entente_analysis::cascade::sensitivity::{Outcome, Sensitivity};
use std::fmt::Write as _;

const WIDTH: f64 = 960.0;
const LABEL: f64 = 330.0;
const RIGHT: f64 = 140.0;
const ROW: f64 = 24.0;

fn value(v: f64, probability: bool) -> String {
    if probability {
        format!("{:.1}%", v * 100.0)
    } else if v.abs() >= 1.0 {
        format!("{v:.3e}")
    } else {
        format!("{v:.4}")
    }
}

fn panel(s: &mut String, o: &Outcome, y0: f64, bars: usize) -> f64 {
    let probability = o.actor.is_some();
    let shown = &o.bars[..o.bars.len().min(bars)];
    let (mut lo, mut hi) = (o.base, o.base);
    for b in shown {
        lo = lo.min(b.at_low.min(b.at_high));
        hi = hi.max(b.at_low.max(b.at_high));
    }
    if probability {
        lo = lo.max(0.0);
        hi = hi.min(1.0);
    }
    let span = (hi - lo).max(1e-12);
    let plot = WIDTH - LABEL - RIGHT;
    let x = |v: f64| LABEL + (v - lo) / span * plot;
    let _ = writeln!(
        s,
        r##"<text x="20" y="{}" font-size="13" font-weight="bold" fill="#222">{} — base {}</text>"##,
        y0 + 16.0,
        xml_escape(&o.name),
        value(o.base, probability)
    );
    let top = y0 + 28.0;
    for (i, b) in shown.iter().enumerate() {
        let y = top + i as f64 * ROW;
        let z = x(b.at_low.max(b.at_high));
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#333">{} [{}, {}]</text>"##,
            LABEL - 8.0,
            y + 14.0,
            xml_escape(&b.assumption),
            b.low_rate,
            b.high_rate
        );
        // The low end of the assumption in one colour, the high end in another, so the direction
        // of the effect is visible.
        let base_x = x(o.base);
        for (end, colour, rate, at) in [
            (x(b.at_low), "#b2182b", b.low_rate, b.at_low),
            (x(b.at_high), "#2166ac", b.high_rate, b.at_high),
        ] {
            let _ = writeln!(
                s,
                r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{colour}" opacity="0.8"><title>{}: rate {} gives {}</title></rect>"##,
                end.min(base_x),
                y + 3.0,
                (end - base_x).abs().max(0.5),
                ROW - 6.0,
                xml_escape(&b.assumption),
                rate,
                value(at, probability)
            );
        }
        let _ = writeln!(
            s,
            r##"<text x="{:.2}" y="{}" fill="#555">{} – {}</text>"##,
            z + 6.0,
            y + 14.0,
            value(b.at_low.min(b.at_high), probability),
            value(b.at_low.max(b.at_high), probability)
        );
    }
    let bottom = top + shown.len().max(1) as f64 * ROW;
    let _ = writeln!(
        s,
        r##"<line x1="{0:.2}" y1="{1}" x2="{0:.2}" y2="{2}" stroke="#222" stroke-dasharray="3,2"/>"##,
        x(o.base),
        top,
        bottom
    );
    if shown.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{LABEL}" y="{}" fill="#777">no assumption moves it</text>"##,
            top + 14.0
        );
    }
    bottom + 16.0
}

/// The tornado of every outcome, one panel each, at most `bars` assumptions per panel.
pub fn tornado_svg(title: &str, a: &Sensitivity, bars: usize) -> String {
    let rows: usize = a
        .outcomes
        .iter()
        .map(|o| o.bars.len().min(bars).max(1))
        .sum();
    let height = 80.0 + a.outcomes.len() as f64 * 44.0 + rows as f64 * ROW;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="20" y="26" font-size="16" font-weight="bold" fill="#222">{}</text>"##,
        xml_escape(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="44" fill="#555">Each bar: the outcome with one assumption at the low (red) and high (blue) end of its range, all else at base; {} trials, seed {}, common random numbers.</text>"##,
        a.trials, a.seed
    );
    let mut y = 56.0;
    for o in &a.outcomes {
        y = panel(&mut s, o, y, bars);
    }
    s.push_str("</svg>\n");
    s
}
