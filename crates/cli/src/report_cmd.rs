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
    let page = html::report(&data);
    std::fs::write(&a.out, page).map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(())
}
