//! `entente report`: one self-contained HTML file (inline CSS and SVG, no scripts, no fonts, no
//! network) summarising a scenario — the commitments in force, the alliance network, the cascade of a
//! war at each flashpoint, and the chronology with its sources. The file an analyst attaches to an
//! email. The cascades are computed here; the page is `entente_render::html::report`, the same
//! layer `entente serve` renders with.

use crate::common::Error;
use entente_analysis::cascade::{self, Crisis, Rules};
use entente_model::{Place, Scenario};
use entente_render::html;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Where to write the report.
    #[arg(long, value_name = "FILE", default_value = "report.html")]
    out: PathBuf,
    /// With --data: report on the world the datasets give for this day.
    #[arg(long)]
    pub date: Option<String>,
    /// A data directory to read NMC's military expenditure from, for the arms race of the seed's
    /// dyad: Japan against China, each with its defence partners in the scenario (1990 onwards).
    #[arg(long, value_name = "DIR")]
    pub nmc: Option<PathBuf>,
}

pub fn run(s: &Scenario, a: &ReportArgs) -> Result<(), Error> {
    let day = s
        .info
        .as_of
        .latest()
        .ok_or("the scenario's as_of date has no end; give it a full date")?;
    let wars = cascade::flashpoint_wars(s)
        .into_iter()
        .map(|(place, name, attacker, target)| {
            let crisis = Crisis {
                attacker: attacker.clone(),
                target: target.clone(),
                place: Place::Flashpoint(place),
                day,
                joins: vec![],
                strikes: vec![],
            };
            html::War {
                cascade: cascade::cascade(s, &crisis, Rules::default()).map_err(|e| e.0),
                attacker,
                target,
                place: name,
            }
        })
        .collect();
    let mut data = html::ReportData::of(s, wars);
    // Each issue of the scenario, forecast over ten rounds (the paper's rules).
    let year = s
        .info
        .as_of
        .latest()
        .map_or(i32::MAX, |d| entente_model::date::civil_from_days(d).0);
    for issue in &s.facts.issues {
        let Ok(stakes) = issue.stakes(&s.facts.capabilities, year) else {
            eprintln!(
                "note: issue {} has a stakeholder without a capability; left out of the report",
                issue.id
            );
            continue;
        };
        let actors: Vec<entente_forecast::bdm::Actor> = stakes
            .into_iter()
            .map(|k| entente_forecast::bdm::Actor {
                name: k.actor,
                capability: k.capability,
                position: k.position,
                salience: k.salience,
            })
            .collect();
        let f = entente_forecast::bdm::run(&actors, 10, entente_forecast::bdm::Rules::Paper);
        data.forecasts
            .push((issue.id.clone(), issue.question.clone(), f));
    }
    if let Some(dir) = &a.nmc {
        data.races.push(seed_race(s, dir)?);
    }
    let page = html::report(&data);
    std::fs::write(&a.out, page).map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(())
}

type RaceSection = (
    [String; 2],
    String,
    entente_forecast::richardson::Race,
    entente_forecast::richardson::Projection,
);

/// Japan against China, each with the states bound to it by a defence obligation in the scenario on
/// its date, on NMC's military expenditure from 1990 to NMC's last year.
fn seed_race(s: &Scenario, dir: &std::path::Path) -> Result<RaceSection, Error> {
    use entente_forecast::richardson;
    let dd = entente_datasets::dir::DataDir::new(dir);
    let mut notes = Vec::new();
    let nmc = entente_datasets::load::read(&dd, "nmc", entente_datasets::nmc::read, &mut notes)
        .map_err(|e| e.to_string())?;
    crate::common::print_notes(&notes);
    let day = s.info.as_of.latest().unwrap_or(0);
    let obs = entente_analysis::obligations::all(s, Some(day));
    let side = |lead: &str| -> Vec<(String, u16)> {
        let mut ids = vec![lead.to_string()];
        for o in obs
            .iter()
            .filter(|o| o.kind == entente_model::ProvisionKind::Defence)
        {
            let other = if o.obligor == lead {
                &o.beneficiary
            } else if o.beneficiary == lead {
                &o.obligor
            } else {
                continue;
            };
            if !ids.contains(other) {
                ids.push(other.clone());
            }
        }
        ids.into_iter()
            .filter_map(|id| s.actor(&id).and_then(|a| a.cow).map(|c| (id, c)))
            .collect()
    };
    let (x, y) = (side("JPN"), side("CHN"));
    let last = nmc.rows.iter().map(|r| r.year).max().unwrap_or(1990);
    let milex = |c: u16, yr: i32| {
        nmc.rows
            .iter()
            .find(|r| r.ccode == c && r.year == yr)
            .and_then(|r| r.components[0])
    };
    let sum = |side: &[(String, u16)], yr: i32| -> Option<f64> {
        side.iter()
            .map(|(_, c)| milex(*c, yr))
            .sum::<Option<f64>>()
            .map(|v| v / 1000.0)
    };
    let (years, xs, ys) =
        richardson::longest_run(1990, last, |yr| Some((sum(&x, yr)?, sum(&y, yr)?)));
    let race =
        richardson::fit(&years, &xs, &ys).map_err(|e| format!("the seed's arms race: {e}"))?;
    let proj = richardson::project(&race, 10, 1000, 1);
    let name = |v: &[(String, u16)]| v.iter().map(|a| a.0.as_str()).collect::<Vec<_>>().join("+");
    Ok((
        [name(&x), name(&y)],
        "US$ million (current)".into(),
        race,
        proj,
    ))
}
