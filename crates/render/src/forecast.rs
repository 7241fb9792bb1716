//! An expected-utility forecast as a picture: each actor's position round by round (thin lines,
//! labelled at the end), the median voter position (the forecast, thick) and the weighted mean
//! (dashed).

use crate::xml_escape;
use std::fmt::Write as _;

/// `paths[a][r]`: actor a's position after round r (round 0 the start).
pub fn forecast_svg(
    title: &str,
    names: &[&str],
    paths: &[Vec<f64>],
    median: &[f64],
    mean: &[f64],
) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 460.0, 60.0, 170.0, 60.0, 50.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let all = paths.iter().flatten().chain(median).chain(mean).copied();
    let (mut lo, mut hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    // All equal, or no finite value: a band of 2 around it.
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        lo -= 1.0;
        hi += 1.0;
    }
    let rounds = median.len().max(2) - 1;
    let x = |r: usize| left + pw * r as f64 / rounds as f64;
    let y = |v: f64| top + ph * (1.0 - (v - lo) / (hi - lo));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r##"<rect width="100%" height="100%" fill="white"/><text x="{left}" y="28" font-size="15" font-weight="bold">{}</text><text x="{left}" y="46" fill="#444">positions by round · thick: the median voter position (the forecast) · dashed: the capability × salience weighted mean</text>"##,
        xml_escape(title)
    );
    for r in 0..=rounds {
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{top}" x2="{:.1}" y2="{:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{r}</text>"##,
            x(r),
            x(r),
            top + ph,
            x(r),
            top + ph + 16.0
        );
    }
    for v in [lo, (lo + hi) / 2.0, hi] {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{v:.2}</text>"#,
            left - 6.0,
            y(v) + 4.0
        );
    }
    let path = |vals: &[f64]| {
        vals.iter()
            .enumerate()
            .map(|(r, &v)| format!("{}{:.1},{:.1}", if r == 0 { 'M' } else { 'L' }, x(r), y(v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (a, p) in paths.iter().enumerate() {
        let hue = (a * 137) % 360;
        let _ = writeln!(
            s,
            r#"<path d="{}" fill="none" stroke="hsl({hue},55%,45%)" stroke-width="1.2" opacity="0.8"><title>{}</title></path>"#,
            path(p),
            xml_escape(names.get(a).copied().unwrap_or(""))
        );
        if let Some(&last) = p.last() {
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" fill="hsl({hue},55%,35%)" font-size="9">{}</text>"#,
                x(rounds) + 6.0,
                y(last) + 3.0 + (a % 3) as f64 * 3.0,
                xml_escape(names.get(a).copied().unwrap_or(""))
            );
        }
    }
    let _ = writeln!(
        s,
        r##"<path d="{}" fill="none" stroke="#111" stroke-width="3.5"><title>median voter position</title></path><path d="{}" fill="none" stroke="#111" stroke-width="1.5" stroke-dasharray="6 4"><title>weighted mean</title></path>"##,
        path(median),
        path(mean)
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">round</text>"#,
        left + pw / 2.0,
        h - 10.0
    );
    s.push_str("</svg>\n");
    s
}

/// Two sides' spending over the fitted years (solid) and the projection's median with its 5–95%
/// band (shaded), one colour a side.
pub fn race_svg(
    title: &str,
    names: [&str; 2],
    years: &[i32],
    series: [&[f64]; 2],
    proj_years: &[i32],
    bands: [&[[f64; 3]]; 2],
) -> String {
    let (w, h, left, right, top, bottom) = (900.0, 420.0, 70.0, 150.0, 60.0, 50.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let first = years.first().copied().unwrap_or(0);
    let last = proj_years
        .last()
        .or(years.last())
        .copied()
        .unwrap_or(first + 1);
    let span = (last - first).max(1) as f64;
    let vals = series
        .iter()
        .flat_map(|s| s.iter().copied())
        .chain(
            bands
                .iter()
                .flat_map(|b| b.iter().flat_map(|q| [q[0], q[2]])),
        )
        .filter(|v| v.is_finite());
    let hi = vals.fold(0.0f64, f64::max).max(1e-9) * 1.05;
    let x = |yr: i32| left + pw * (yr - first) as f64 / span;
    let y = |v: f64| top + ph * (1.0 - v / hi);
    let colours = ["#0072B2", "#D55E00"];
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r##"<rect width="100%" height="100%" fill="white"/><text x="{left}" y="28" font-size="15" font-weight="bold">{}</text><text x="{left}" y="46" fill="#444">observed (solid) · projected median (dashed) with its 5–95% bootstrap band (shaded)</text>"##,
        xml_escape(title)
    );
    for v in [0.0, hi / 2.0, hi] {
        let _ = writeln!(
            s,
            r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" text-anchor="end">{v:.0}</text>"##,
            y(v),
            left + pw,
            y(v),
            left - 6.0,
            y(v) + 4.0
        );
    }
    for k in 0..2 {
        if !bands[k].is_empty() && !proj_years.is_empty() {
            let upper: Vec<String> = proj_years
                .iter()
                .zip(bands[k])
                .map(|(&yr, q)| format!("{:.1},{:.1}", x(yr), y(q[2])))
                .collect();
            let lower: Vec<String> = proj_years
                .iter()
                .zip(bands[k])
                .rev()
                .map(|(&yr, q)| format!("{:.1},{:.1}", x(yr), y(q[0])))
                .collect();
            let _ = writeln!(
                s,
                r#"<polygon points="{} {}" fill="{}" opacity="0.15"/>"#,
                upper.join(" "),
                lower.join(" "),
                colours[k]
            );
            let mid: Vec<String> = years
                .last()
                .map(|&yr| (yr, *series[k].last().unwrap_or(&0.0)))
                .into_iter()
                .chain(proj_years.iter().zip(bands[k]).map(|(&yr, q)| (yr, q[1])))
                .map(|(yr, v)| format!("{:.1},{:.1}", x(yr), y(v)))
                .collect();
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>"#,
                mid.join(" "),
                colours[k]
            );
        }
        let pts: Vec<String> = years
            .iter()
            .zip(series[k])
            .map(|(&yr, &v)| format!("{:.1},{:.1}", x(yr), y(v)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/><text x="{:.1}" y="{:.1}" fill="{}">{}</text>"#,
            pts.join(" "),
            colours[k],
            left + pw + 8.0,
            top + 14.0 + 16.0 * k as f64,
            colours[k],
            xml_escape(names[k])
        );
    }
    let every = ((last - first) / 10).max(1);
    let mut yr = first;
    while yr <= last {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{yr}</text>"#,
            x(yr),
            top + ph + 16.0
        );
        yr += every;
    }
    s.push_str("</svg>\n");
    s
}

/// A run of the expected-utility model as [`forecast_svg`] draws it.
pub fn forecast_run_svg(title: &str, f: &entente_forecast::bdm::Forecast) -> String {
    let names: Vec<&str> = f.actors.iter().map(|a| a.name.as_str()).collect();
    let paths: Vec<Vec<f64>> = (0..f.actors.len())
        .map(|a| f.rounds.iter().map(|r| r.positions[a]).collect())
        .collect();
    let median: Vec<f64> = f.rounds.iter().map(|r| r.median).collect();
    let mean: Vec<f64> = f.rounds.iter().map(|r| r.mean).collect();
    forecast_svg(title, &names, &paths, &median, &mean)
}
