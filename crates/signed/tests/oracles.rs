//! Published and independent checks on the shared oracles (`../shared/data/oracles/`):
//! Read's Highland tribes as signnet prints them, and the 51 Correlates of War signed networks
//! (Doreian & Mrvar 2015), whose exact frustration indices are compared with an integer programme
//! solved by HiGHS (`scripts/frustration_milp.py`).

use entente_signed::{Graph, Sign, balance, blockmodel, frustration};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn oracles() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/oracles");
    if p.is_dir() {
        Some(p)
    } else {
        entente_table::testdata::skip(&p);
        None
    }
}

fn tribes(dir: &Path) -> Graph {
    let mut rd = csv::Reader::from_path(dir.join("highland_tribes/tribes_nodes.csv")).unwrap();
    let nodes: Vec<String> = rd.records().map(|r| r.unwrap()[1].to_string()).collect();
    let mut rd = csv::Reader::from_path(dir.join("highland_tribes/tribes_edges.csv")).unwrap();
    let ties: Vec<(usize, usize, Sign)> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            let id = |k: usize| nodes.iter().position(|n| n == &r[k]).unwrap();
            (id(0), id(1), Sign::of(r[2].parse().unwrap()).unwrap())
        })
        .collect();
    Graph::new(nodes, ties).unwrap()
}

/// The 51 CoW networks by period, nodes in the file's order.
pub fn cow(dir: &Path) -> BTreeMap<String, Graph> {
    let mut nodes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rd =
        csv::Reader::from_path(dir.join("cow_signed_networks/cow_signed_nodes.csv")).unwrap();
    for r in rd.records() {
        let r = r.unwrap();
        nodes
            .entry(r[0].to_string())
            .or_default()
            .push(r[2].to_string());
    }
    let mut ties: BTreeMap<String, Vec<(usize, usize, Sign)>> = BTreeMap::new();
    let mut rd =
        csv::Reader::from_path(dir.join("cow_signed_networks/cow_signed_edges.csv")).unwrap();
    for r in rd.records() {
        let r = r.unwrap();
        let names = &nodes[&r[0]];
        let id = |k: usize| names.iter().position(|n| n == &r[k]).unwrap();
        ties.entry(r[0].to_string()).or_default().push((
            id(1),
            id(2),
            Sign::of(r[3].parse().unwrap()).unwrap(),
        ));
    }
    ties.into_iter()
        .map(|(p, t)| {
            let g = Graph::new(nodes[&p].clone(), t).unwrap();
            (p, g)
        })
        .collect()
}

#[test]
fn highland_tribes_as_signnet_prints_them() {
    let Some(dir) = oracles() else { return };
    let g = tribes(&dir);
    assert_eq!((g.n(), g.edges.len(), g.positive()), (16, 58, 29));
    // Frustration index 7, with the unique optimal bipartition {Gavev, Kotun, Nagad, Gama}.
    let f = frustration::frustration(&g, &Default::default());
    assert_eq!((f.index, f.optimal), (7, true));
    let mut small: Vec<String> = (0..16)
        .filter(|&v| f.camp[v] != f.camp[0])
        .map(|v| g.nodes[v].to_uppercase())
        .collect();
    if small.len() > 8 {
        small = (0..16)
            .filter(|&v| f.camp[v] == f.camp[0])
            .map(|v| g.nodes[v].to_uppercase())
            .collect();
    }
    small.sort_unstable();
    assert_eq!(small, ["GAMA", "GAVEV", "KOTUN", "NAGAD"]);
    assert!((f.balance_score(g.edges.len()) - 0.7586207).abs() < 5e-8);
    // Triangles: 68, 59 balanced.
    let t = balance::triangle_index(&g);
    assert_eq!(t.by_negatives, [19, 2, 40, 7]);
    assert!((t.unweighted - 0.8676471).abs() < 5e-8, "{}", t.unweighted);
    assert_eq!(t.weighted, t.unweighted);
    // Walk balance (Estrada & Benzi): 0.3575761.
    let w = balance::walk_index(&g);
    assert!((w - 0.3575761).abs() < 5e-8, "{w}");
    // The 3-block signed blockmodel with α = 0.5: criterion 2 and signnet's membership (up to the
    // blocks' labels).
    let m = blockmodel::blockmodel(&g, 3, 0.5, 200, 1);
    assert_eq!(m.criterion, 2.0);
    let printed = [3, 3, 2, 2, 1, 2, 2, 2, 1, 1, 2, 2, 1, 1, 3, 3];
    assert_eq!(m.block, blockmodel::canonical(&printed));
}

#[test]
fn cow_networks_parse_as_documented() {
    let Some(dir) = oracles() else { return };
    let nets = cow(&dir);
    assert_eq!(nets.len(), 51);
    let g = &nets["46-49"];
    assert_eq!((g.n(), g.edges.len(), g.positive()), (64, 362, 320));
    let g = &nets["96-99"];
    assert_eq!((g.n(), g.edges.len(), g.positive()), (151, 1247, 1100));
}

/// Every window's exact frustration index equals the optimum of the integer programme solved by
/// HiGHS (run here, through scripts/frustration_milp.py), and the split found attains it.
#[test]
fn cow_frustration_equals_the_milp_optimum_in_every_window() {
    let Some(dir) = oracles() else { return };
    let have = std::process::Command::new("python3")
        .args(["-c", "import highspy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_HIGHS").is_none(),
            "highspy is required here (.ci/run installs it)"
        );
        eprintln!("skipping the MILP comparison: python3 with highspy is not installed");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/frustration_milp.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(dir.join("cow_signed_networks/cow_signed_edges.csv"))
        .args(["--threads", "2"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let milp: BTreeMap<String, (usize, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["period"].as_str().unwrap().to_string(),
                (
                    v["index"].as_u64().unwrap() as usize,
                    v["status"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect();
    let nets = cow(&dir);
    assert_eq!(milp.len(), 51);
    for (period, g) in &nets {
        let f = frustration::frustration(g, &Default::default());
        let (index, status) = &milp[period];
        assert_eq!(status, "Optimal", "{period}");
        assert!(f.optimal, "{period}");
        assert_eq!(
            f.index, *index,
            "{period}: entente {} vs HiGHS {index}",
            f.index
        );
        assert_eq!(f.frustrated.len(), f.index);
    }
}
