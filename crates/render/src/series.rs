//! A dyad's event series as a picture: bars of cooperative (up) and conflictual (down) events per
//! period, the normalised net cooperation as a line, and detected turning points as dashed lines with
//! their size. Everything drawn comes from the series and the changes passed in.

use crate::xml_escape;
use std::fmt::Write as _;

/// One period of a series.
pub struct Point<'a> {
    pub label: &'a str,
    pub cooperation: u64,
    pub conflict: u64,
    /// Net cooperation normalised by the period's volume.
    pub net: f64,
}

/// `changes`: (index into `points`, size of the shift in `net`).
pub fn series_svg(title: &str, points: &[Point<'_>], changes: &[(usize, f64)]) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 420.0, 70.0, 30.0, 60.0, 70.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let mid = top + plot_h / 2.0;
    let n = points.len().max(1) as f64;
    let step = plot_w / n;
    let max_count = points
        .iter()
        .map(|p| p.cooperation.max(p.conflict))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let max_net = points
        .iter()
        .map(|p| p.net.abs())
        .fold(0.0, f64::max)
        .max(1e-9);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="20" y="28" font-size="16" font-weight="bold" fill="#222">{}</text>"##,
        xml_escape(title)
    );
    let _ = writeln!(
        s,
        r##"<line x1="{left}" y1="{mid}" x2="{}" y2="{mid}" stroke="#999"/>"##,
        w - right
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="end" fill="#2166ac">cooperation {}</text>"##,
        left - 6.0,
        top + 10.0,
        max_count as u64
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="end" fill="#b2182b">conflict {}</text>"##,
        left - 6.0,
        top + plot_h,
        max_count as u64
    );
    let label_every = ((n / 12.0).ceil() as usize).max(1);
    let mut line = String::new();
    for (i, p) in points.iter().enumerate() {
        let x = left + i as f64 * step;
        let bw = (step * 0.7).max(1.0);
        let up = p.cooperation as f64 / max_count * plot_h / 2.0;
        let down = p.conflict as f64 / max_count * plot_h / 2.0;
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="{up:.1}" fill="#92c5de"><title>{}: {} cooperative</title></rect>"##,
            x + step * 0.15,
            mid - up,
            xml_escape(p.label),
            p.cooperation
        );
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{mid:.1}" width="{bw:.1}" height="{down:.1}" fill="#f4a582"><title>{}: {} conflictual</title></rect>"##,
            x + step * 0.15,
            xml_escape(p.label),
            p.conflict
        );
        let cy = mid - p.net / max_net * plot_h / 2.0;
        let _ = write!(
            line,
            "{}{:.1},{:.1}",
            if i == 0 { "M" } else { " L" },
            x + step / 2.0,
            cy
        );
        if i % label_every == 0 {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{}" text-anchor="end" transform="rotate(-45 {:.1} {})" fill="#555">{}</text>"##,
                x + step / 2.0,
                h - bottom + 14.0,
                x + step / 2.0,
                h - bottom + 14.0,
                xml_escape(p.label)
            );
        }
    }
    if !points.is_empty() {
        let _ = writeln!(
            s,
            r##"<path d="{line}" fill="none" stroke="#222" stroke-width="2"/>"##
        );
    }
    for &(i, size) in changes {
        let x = left + i as f64 * step;
        let label = points.get(i).map_or("", |p| p.label);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{}" stroke="#6a3d9a" stroke-width="1.5" stroke-dasharray="5 4"/>"##,
            top + plot_h
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{}" fill="#6a3d9a">turning point {} ({:+.2})</text>"##,
            x + 4.0,
            top + 12.0,
            xml_escape(label),
            size
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="20" y="{}" fill="#444">bars: events by period (blue cooperative, red conflictual); line: net cooperation / all events in the period; dashed: turning points (PELT)</text>"##,
        h - 12.0
    );
    let _ = writeln!(s, "</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_bars_line_and_turning_points() {
        let pts = [
            Point {
                label: "2024-09",
                cooperation: 3,
                conflict: 1,
                net: 0.1,
            },
            Point {
                label: "2024-10",
                cooperation: 9,
                conflict: 0,
                net: 0.4,
            },
        ];
        let svg = series_svg("RUS–PRK", &pts, &[(1, 0.3)]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("turning point 2024-10 (+0.30)"));
        assert!(svg.contains("2024-10: 9 cooperative"));
        assert!(series_svg("empty", &[], &[]).contains("</svg>"));
    }
}
