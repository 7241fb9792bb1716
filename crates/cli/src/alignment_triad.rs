//! `entente alignment triad`: one triangle over time as a table, JSON and a chart.

use crate::alignment_input::{Network, Settings};
use crate::common::{Error, json};
use crate::output::{Format, Table, render};

pub fn triad(
    settings: &Settings,
    actors: [&str; 3],
    nets: &[Network],
    penalty: Option<f64>,
    svg: Option<&std::path::Path>,
    format: Format,
) -> Result<(), Error> {
    let periods: Vec<(String, entente_alignment::Ties)> = nets
        .iter()
        .map(|n| (n.label.clone(), n.ties.clone().unwrap_or_default()))
        .collect();
    let series = entente_alignment::triad::series(actors, &periods, penalty);
    let names = [
        format!("{}–{}", actors[0], actors[1]),
        format!("{}–{}", actors[0], actors[2]),
        format!("{}–{}", actors[1], actors[2]),
    ];
    if let Some(path) = svg {
        let svg_text =
            entente_render::signed::triad_periods_svg(&series.periods, &series.turn_indices());
        std::fs::write(path, svg_text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if format == Format::Json {
        let mut v = serde_json::to_value(&series).map_err(|e| e.to_string())?;
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "settings".into(),
                serde_json::to_value(settings).map_err(|e| e.to_string())?,
            );
        }
        return json(&v);
    }
    println!("{}", settings.line());
    let mut t = Table::new(
        format!(
            "The triad A = {}, B = {}, C = {}: tie scores (> 0 aligned, < 0 hostile, · no evidence), balanced (an even number of negative ties), closing (all positive and strengthening)",
            actors[0], actors[1], actors[2]
        ),
        &["period", "A–B", "A–C", "B–C", "balanced", "closing"],
    );
    let cell = |x: &entente_signed::triad::TiePeriod| match x.score {
        Some(v) => format!("{v:+.2}"),
        None => "·".into(),
    };
    for p in &series.periods {
        t.row(vec![
            p.period.clone(),
            cell(&p.ties[0]),
            cell(&p.ties[1]),
            cell(&p.ties[2]),
            match p.balanced {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => "·".into(),
            },
            if p.closing {
                "closing".into()
            } else {
                String::new()
            },
        ]);
    }
    print!("{}", render(&[t], format));
    for (k, ts) in series.turning_points.iter().enumerate() {
        for x in ts {
            println!(
                "turning point: {} from {} ({:+.2} → {:+.2})",
                names[k], x.period, x.before, x.after
            );
        }
    }
    if let Some(last) = series.periods.last() {
        for tie in &last.ties {
            if !tie.evidence.is_empty() {
                println!(
                    "{}–{} in {}: {}",
                    tie.a,
                    tie.b,
                    last.period,
                    tie.evidence.join("; ")
                );
            }
        }
    }
    Ok(())
}
