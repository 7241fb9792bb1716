//! `entente forecast arms-race`: Richardson's equations on two sides' NMC military expenditure, as
//! a table, JSON and a chart.

use crate::common::{Error, json};
use crate::output::{Format, Table, render};
use std::path::PathBuf;

/// `forecast arms-race`: Richardson's equations fitted to two sides' NMC military expenditure.
pub fn arms_race(
    data: Option<&std::path::Path>,
    member_only: bool,
    a: &ArmsRaceArgs,
    format: Format,
) -> Result<(), Error> {
    use entente_forecast::richardson;
    let dir = data.ok_or("arms-race reads NMC's military expenditure: give --data DIR")?;
    let dd = entente_datasets::dir::DataDir::new(dir);
    let mut notes = Vec::new();
    let r = |e: entente_datasets::DatasetError| e.to_string();
    let states = entente_datasets::load::read(
        &dd,
        "states",
        entente_datasets::states::read_spells,
        &mut notes,
    )
    .map_err(r)?;
    let nmc = entente_datasets::load::read(&dd, "nmc", entente_datasets::nmc::read, &mut notes)
        .map_err(r)?;
    crate::common::print_notes(&notes);
    if a.from >= a.to {
        return Err(format!("--from {} must be before --to {}", a.from, a.to));
    }
    if a.from < 1914 && a.to >= 1914 {
        return Err(format!(
            "{}–{} spans 1914: NMC's military expenditure is in thousands of British pounds before 1914 and of US dollars from 1914, and one fit cannot mix them; fit {}–1913 or 1914–{}",
            a.from, a.to, a.from, a.to
        ));
    }
    let code = |t: &str| -> Result<(u16, String), Error> {
        let t = t.trim();
        states
            .rows
            .iter()
            .find(|s| s.abbr.eq_ignore_ascii_case(t) || t.parse::<u16>() == Ok(s.ccode))
            .map(|s| (s.ccode, s.abbr.clone()))
            .ok_or_else(|| format!("{t}: not a COW state (abbreviation or number)"))
    };
    let mut sides: Vec<Vec<(u16, String)>> = Vec::new();
    for side in [&a.side_x, &a.side_y] {
        sides.push(
            side.split(',')
                .filter(|t| !t.trim().is_empty())
                .map(code)
                .collect::<Result<_, _>>()?,
        );
    }
    if a.with_allies {
        // Each side's defence allies on the last day of the fit, from the ATOP world.
        let world = crate::common::world(dir, (a.to, 12, 31), member_only)?;
        let day = entente_model::date::days_from_civil(a.to, 12, 31);
        let obs = entente_analysis::obligations::all(&world, Some(day));
        for side in &mut sides {
            let lead = side[0].1.clone();
            let mut allies: Vec<String> = obs
                .iter()
                .filter(|o| o.kind == entente_model::ProvisionKind::Defence)
                .filter_map(|o| {
                    (o.obligor == lead)
                        .then(|| o.beneficiary.clone())
                        .or((o.beneficiary == lead).then(|| o.obligor.clone()))
                })
                .collect();
            allies.sort();
            allies.dedup();
            for al in allies {
                if let Ok(c) = code(&al)
                    && !side.contains(&c)
                {
                    side.push(c);
                }
            }
        }
        if sides[0].iter().any(|c| sides[1].contains(c)) {
            return Err(
                "with their allies the two sides share a state; name the coalitions yourself"
                    .into(),
            );
        }
    }
    // The series, in millions: the longest run of consecutive years in which every state of both
    // sides has a figure (a change needs two consecutive years).
    let milex = |c: u16, yr: i32| {
        nmc.rows
            .iter()
            .find(|r| r.ccode == c && r.year == yr)
            .and_then(|r| r.components[0])
    };
    let sum = |side: &Vec<(u16, String)>, yr: i32| -> Option<f64> {
        side.iter()
            .map(|(c, _)| milex(*c, yr))
            .sum::<Option<f64>>()
            .map(|v| v / 1000.0)
    };
    let (years, x, y) = richardson::longest_run(a.from, a.to, |yr| {
        Some((sum(&sides[0], yr)?, sum(&sides[1], yr)?))
    });
    if let (Some(f), Some(l)) = (years.first(), years.last())
        && (*f != a.from || *l != a.to)
    {
        let missing: Vec<String> = sides
            .iter()
            .flatten()
            .filter(|(c, _)| (a.from..=a.to).any(|yr| milex(*c, yr).is_none()))
            .map(|(_, n)| n.clone())
            .collect();
        eprintln!(
            "note: NMC has no military expenditure for {} in some of {}–{}; the fit uses {f}–{l}, the longest run of years with every figure",
            missing.join(", "),
            a.from,
            a.to
        );
    }
    let unit = if a.to < 1914 {
        "£ million"
    } else {
        "US$ million (current)"
    };
    let name = |side: &Vec<(u16, String)>| {
        side.iter()
            .map(|s| s.1.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    let (nx, ny) = (name(&sides[0]), name(&sides[1]));
    let race = richardson::fit(&years, &x, &y)
        .map_err(|e| format!("{nx} vs {ny}, {}–{}: {e}", a.from, a.to))?;
    let sum: Vec<f64> = x.iter().zip(&y).map(|(p, q)| p + q).collect();
    let pooled = richardson::pooled(&sum).ok();
    let proj = richardson::project(&race, a.project, 1000, a.seed);
    if let Some(path) = &a.svg {
        let svg = entente_render::race_svg(
            &format!("{nx} vs {ny}: military expenditure, {unit}"),
            [&nx, &ny],
            &race.years,
            [&race.x, &race.y],
            &proj.years,
            [&proj.x_band, &proj.y_band],
        );
        std::fs::write(path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if format == Format::Json {
        return json(
            &serde_json::json!({"sides": [nx, ny], "unit": unit, "race": race, "pooled": pooled, "projection": proj}),
        );
    }
    let mut t = Table::new(
        format!(
            "Richardson's equations, {nx} (x) vs {ny} (y), {}–{} ({} years of NMC milex, {unit}): Δx = g + k·y − a·x",
            years[0],
            years[years.len() - 1],
            years.len()
        ),
        &["side", "grievance g/h", "reaction k/l", "fatigue a/b", "R²"],
    );
    let c = |v: &richardson::Coef| {
        format!("{:.4} ± {:.4} [{:.4}, {:.4}]", v.value, v.se, v.low, v.high)
    };
    for (n, e) in [(&nx, &race.side_x), (&ny, &race.side_y)] {
        t.row(vec![
            n.to_string(),
            c(&e.grievance),
            c(&e.reaction),
            c(&e.fatigue),
            format!("{:.3}", e.r2),
        ]);
    }
    print!("{}", render(&[t], format));
    println!(
        "stability: a·b − k·l = {:.5} → {}; equilibrium: {}",
        race.stability_margin,
        if race.stable {
            "stable (fatigue outweighs reaction)"
        } else {
            "unstable (a runaway race or disarmament)"
        },
        race.equilibrium.map_or("none".into(), |(ex, ey)| format!(
            "x* = {ex:.1}, y* = {ey:.1} {unit}"
        ))
    );
    if let Some(p) = &pooled {
        println!(
            "pooled (Richardson's form): Δ(x + y) = {:.3}·(x + y − {:.1}), α ± se {:.3}, {} changes",
            p.alpha.value, p.s0, p.alpha.se, p.changes
        );
        if years.first() == Some(&1909) && years.last() == Some(&1913) {
            println!(
                "Richardson (1960), France+Russia vs Germany+Austria-Hungary on his own figures: Δ(x + y) ≈ 0.73·(x + y − 194), £ million (docs/forecast.md compares the two)"
            );
        }
    }
    if let (Some(lx), Some(ly)) = (proj.x_band.last(), proj.y_band.last()) {
        println!(
            "projection to {}: {nx} {:.1} (5–95%: {:.1}–{:.1}), {ny} {:.1} ({:.1}–{:.1}), {} bootstrap replicates",
            proj.years.last().unwrap_or(&0),
            lx[1],
            lx[0],
            lx[2],
            ly[1],
            ly[0],
            ly[2],
            proj.replicates
        );
    }
    Ok(())
}

#[derive(clap::Args, Debug)]
pub struct ArmsRaceArgs {
    /// The first side: COW states, comma-separated (FRN,RUS or 220,365).
    pub side_x: String,
    /// The second side.
    pub side_y: String,
    #[arg(long)]
    pub from: i32,
    #[arg(long)]
    pub to: i32,
    /// Add to each side (led by its first state) the states bound to it by a defence pact in force
    /// on the fit's last day (ATOP).
    #[arg(long)]
    pub with_allies: bool,
    /// Years to project past the last.
    #[arg(long, default_value_t = 10)]
    pub project: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}
