//! Times the similarity columns of the full directed dyad-year panel (all 14 measures, 1816–2016),
//! excluding loading and writing: `cargo bench -p entente-analysis --bench similarity`.
//! Run by benches/similarity.sh beside a vectorised numpy implementation of the same computation.

use entente_datasets::dir::DataDir;
use entente_panel::{Addon, Inputs, Panel, Portfolio, Unit};
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let root = std::env::var("ENTENTE_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").to_string()
    });
    let d = DataDir::new(std::path::Path::new(&root));
    let (Ok(sys), Ok(atop), Ok(cow), Ok(nmc)) = (
        d.find("system"),
        d.find("atop"),
        d.find("cow-alliances"),
        d.find("nmc"),
    ) else {
        eprintln!("skipping: the datasets are not in {root} (set ENTENTE_DATA)");
        return;
    };
    let system = entente_datasets::states::read_system(&sys).unwrap().rows;
    let atop = entente_datasets::atop::read_members(&atop).unwrap().rows;
    let cow = entente_datasets::cow_alliance::read_members(&cow)
        .unwrap()
        .rows;
    let nmc = entente_datasets::nmc::read(&nmc).unwrap().rows;
    let inputs = Inputs {
        system: &system,
        atop: Some(&atop),
        cow: Some(&cow),
        nmc: Some(&nmc),
        ..Inputs::default()
    };
    let panel = Panel::new(
        &inputs,
        Unit::DyadYear { directed: true },
        &[Addon::Similarity],
        Portfolio::Owes,
        1816,
        2016,
    );
    let years = panel.years();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..runs {
            let t = Instant::now();
            rows = pool.install(|| years.par_iter().map(|y| panel.year(*y).rows).sum::<usize>());
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "entente similarity: {rows} directed dyad-years, 14 measures, {threads} thread(s): median {:.3} s of {runs} runs",
            times[runs / 2]
        );
    }
}
