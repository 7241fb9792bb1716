//! `entente report`: one self-contained HTML file.

use crate::util::{Dir, entente, stderr};

#[test]
fn report_is_self_contained_and_shows_network_cascades_and_chronology() {
    let dir = Dir::new("report");
    let out = dir.path().join("r.html");
    let o = entente(&["report", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let h = std::fs::read_to_string(&out).unwrap();
    // Offline: no scripts, stylesheets, images or fonts fetched; the only URLs are SVG namespaces.
    assert!(!h.contains("<script") && !h.contains("<link") && !h.contains("<img"));
    let without_ns = h.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http://") && !without_ns.contains("https://"));
    // The network, with NATO as a hub and the 2024 treaty's mutual defence.
    assert!(h.contains("The alliance network on 2025-02"));
    assert!(h.contains("PRK – RUS: defence (mutual)"));
    // The bundled issue's forecast, with its chart.
    assert!(
        h.contains("Forecast: How far will Japan")
            && h.contains("Expected-utility forecast: japan-alignment")
    );
    // A cascade per flashpoint war, as the flashpoints name them (one each, two at Guam's and
    // Korea's tripwire places); none a claimant would not start.
    assert_eq!(h.matches("<h3>").count(), 9);
    assert!(h.contains("Russia attacks Japan — Hokkaido"));
    assert!(h.contains("China attacks Philippines — South China Sea"));
    assert!(!h.contains("Taiwan attacks Japan") && !h.contains("South Korea attacks North Korea"));
    assert!(!h.contains("Japan attacks Russia"));
    // A North Korean attack on South Korea brings in the US by treaty.
    let i = h.find("North Korea attacks South Korea").unwrap();
    let korea = &h[i..h[i + 1..].find("<h3>").map_or(h.len(), |j| i + 1 + j)];
    assert!(
        korea.contains("United States")
            && korea.contains("US–ROK Mutual Defense Treaty (1953) Art. III")
    );
    // The chronology with sources, and the source list.
    assert!(h.contains("<h2>Chronology</h2>") && h.contains("class=\"src\">seed"));
    assert!(h.contains("<h2>Sources</h2>"));
    assert!(h.trim_end().ends_with("</html>"));
}

#[test]
fn report_to_an_unwritable_path_is_exit_2() {
    let o = entente(&["report", "--out", "/nonexistent-dir/r.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent-dir/r.html"),
        "{}",
        stderr(&o)
    );
}

/// The report on a world built from the datasets: the alliance network of July 1914.
#[test]
fn report_on_a_data_world() {
    let Some(d) = crate::util::data() else { return };
    let dir = Dir::new("report-1914");
    let out = dir.path().join("r.html");
    let o = entente(&[
        "--data",
        &d,
        "report",
        "--date",
        "1914-07-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let h = std::fs::read_to_string(&out).unwrap();
    assert!(h.contains("The alliance network on 1914-07-01"), "{h}");
    assert!(
        h.contains("AUH – GMY: defence (mutual)"),
        "the Dual Alliance of 1879"
    );
    assert!(h.contains("no flashpoints"));
    let o = entente(&["report", "--date", "1914-07-01"]);
    assert_eq!(o.status.code(), Some(2));
}

/// With NMC's file, the report adds the seed's arms race: Japan and China, each with its defence
/// partners in the scenario (the United States; North Korea), fitted on NMC's expenditure.
#[test]
fn the_report_draws_the_seeds_arms_race_from_nmc() {
    let Some(d) = crate::util::data() else { return };
    let dir = crate::util::Dir::new("report-race");
    let out = dir.path().join("r.html");
    let o = crate::util::entente(&["report", "--nmc", &d, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::util::stderr(&o));
    let h = std::fs::read_to_string(&out).unwrap();
    assert!(
        h.contains("Arms race: JPN+USA vs CHN+PRK"),
        "no race section"
    );
    assert!(h.contains("residual-bootstrap") && h.contains("bootstrap band"));
}
