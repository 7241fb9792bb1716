//! Times the similarity columns of the full directed dyad-year panel (all 14 measures, 1816–2016),
//! excluding loading and writing: `cargo bench -p entente-panel --bench similarity`.
//! Run by benches/similarity.sh beside a vectorised numpy implementation of the same computation.

use entente_datasets::dir::DataDir;
use entente_panel::{Addon, Panel, PanelData, Portfolio, Unit};
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let root = std::env::var("ENTENTE_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").to_string()
    });
    let d = DataDir::new(std::path::Path::new(&root));
    // The datasets exactly as `entente panel --with similarity` loads them: ATOP's partner-level
    // coding is learned and applied when the directory has ATOP's dyadic file, as the checked
    // output (benches/similarity.sh) is made.
    let data = match PanelData::load(&d, &[Addon::Similarity], false) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("skipping: {e} (set ENTENTE_DATA)");
            return;
        }
    };
    eprintln!(
        "partner-level coding: {}",
        data.atop_partner
            .as_ref()
            .map_or("not applied (no dyadic file)".to_string(), |c| format!(
                "{} exceptions applied",
                c.exceptions.len()
            ))
    );
    let inputs = data.inputs();
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
