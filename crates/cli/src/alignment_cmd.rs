//! `entente alignment`: structural balance, blocs and triads of the signed network entente builds
//! from its evidence (or of a signed edge list). Rendering only: the ties are
//! entente-alignment's, the measures entente-signed's.

use crate::alignment_input::{GraphArgs, Network, Settings, networks, windows};
use crate::alignment_triad::triad;
use crate::common::{Error, Globals, json, with};
use crate::output::{Format, Table, render};
use entente_signed::frustration::Budget;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum AlignmentCommand {
    /// Structural balance per date or period: triangle index, walk index (Estrada & Benzi), the
    /// exact frustration index with an optimal split into two camps, and the ties behind them.
    Balance {
        #[command(flatten)]
        graph: GraphArgs,
        /// Stop the exact search after this many seconds (then a proven lower bound is given).
        #[arg(long, value_name = "SECONDS")]
        time_limit: Option<f64>,
        /// Print on stderr the time the exact frustration search took, all networks.
        #[arg(long)]
        timing: bool,
    },
    /// Blocs: Doreian & Mrvar's signed blockmodel into k blocks, per period, with a picture.
    Blocs {
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, default_value_t = 3)]
        k: usize,
        /// The weight of negative ties within blocks against positive ties between (0–1).
        #[arg(long, default_value_t = 0.5)]
        alpha: f64,
        /// Random starts of the relocation search.
        #[arg(long, default_value_t = 100)]
        starts: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write the last period's network, coloured by bloc, as SVG.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// One triangle over time (e.g. RUS CHN PRK): each tie's score, sign and evidence per period,
    /// balanced or not, closing or not, turning points, and a chart.
    Triad {
        /// The three actors.
        #[arg(num_args = 3, value_names = ["A", "B", "C"], required = true)]
        actors: Vec<String>,
        #[command(flatten)]
        graph: GraphArgs,
        /// The changepoint penalty (default: the modified BIC).
        #[arg(long)]
        penalty: Option<f64>,
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
}

/// Runs on the scenario, or with --data on the datasets.
pub fn run(cli: &Globals, cmd: &AlignmentCommand, format: Format) -> Result<ExitCode, Error> {
    if let Some(dir) = cli.data.clone() {
        if cli.scenario.is_some() {
            return Err("alignment reads a scenario or --data, not both".into());
        }
        dispatch(cmd, None, Some(&dir), format)?;
        return Ok(ExitCode::SUCCESS);
    }
    with(cli, |s| dispatch(cmd, Some(s), None, format))
}

fn dispatch(
    cmd: &AlignmentCommand,
    s: Option<&entente_model::Scenario>,
    data: Option<&std::path::Path>,
    format: Format,
) -> Result<(), Error> {
    let default_day = s.and_then(|s| s.info.as_of.latest());
    match cmd {
        AlignmentCommand::Balance {
            graph,
            time_limit,
            timing,
        } => {
            let (nets, settings) = networks(graph, s, data, &windows(graph, default_day)?)?;
            balance(&nets, &settings, *time_limit, *timing, format)
        }
        AlignmentCommand::Blocs {
            graph,
            k,
            alpha,
            starts,
            seed,
            svg,
        } => {
            if !(0.0..=1.0).contains(alpha) {
                return Err(format!("--alpha {alpha}: a weight between 0 and 1"));
            }
            let (nets, settings) = networks(graph, s, data, &windows(graph, default_day)?)?;
            blocs(
                &nets,
                &settings,
                *k,
                *alpha,
                *starts,
                *seed,
                svg.as_deref(),
                format,
            )
        }
        AlignmentCommand::Triad {
            actors,
            graph,
            penalty,
            svg,
        } => {
            let ids: Vec<String> = match s {
                Some(s) => actors
                    .iter()
                    .map(|a| crate::common::actor(s, a))
                    .collect::<Result<_, _>>()?,
                None => actors.iter().map(|a| a.trim().to_uppercase()).collect(),
            };
            let (nets, settings) = networks(graph, s, data, &windows(graph, default_day)?)?;
            triad(
                &settings,
                [&ids[0], &ids[1], &ids[2]],
                &nets,
                *penalty,
                svg.as_deref(),
                format,
            )
        }
    }
}

#[derive(Serialize)]
struct BalanceRow<'a> {
    period: &'a str,
    #[serde(flatten)]
    measures: entente_alignment::Measures,
    ties: &'a [entente_alignment::Tie],
}

fn balance(
    nets: &[Network],
    settings: &Settings,
    time_limit: Option<f64>,
    timing: bool,
    format: Format,
) -> Result<(), Error> {
    let budget = Budget {
        time: time_limit
            .filter(|t| t.is_finite() && *t > 0.0)
            .map(std::time::Duration::from_secs_f64),
        nodes: None,
    };
    let rows: Vec<BalanceRow<'_>> = nets
        .iter()
        .map(|n| BalanceRow {
            period: &n.label,
            measures: entente_alignment::measures(&n.graph, &budget),
            ties: &n.evidence,
        })
        .collect();
    if timing {
        let secs: f64 = rows.iter().map(|r| r.measures.frustration_seconds).sum();
        eprintln!(
            "frustration: {} networks in {secs:.4} s ({} threads)",
            rows.len(),
            rayon::current_num_threads()
        );
    }
    if format == Format::Json {
        return json(&serde_json::json!({ "settings": settings, "periods": rows }));
    }
    println!("{}", settings.line());
    let mut t = Table::new(
        "Structural balance of the signed network (triangle index: Cartwright & Harary 1956; walk index: Estrada & Benzi 2014; frustration: the fewest ties against a split into two camps, exact)",
        &[
            "period",
            "nodes",
            "ties",
            "+",
            "−",
            "triangles",
            "triangle index",
            "walk index",
            "frustration",
            "1 − L/(m/2)",
            "camps",
        ],
    );
    for r in &rows {
        let m = &r.measures;
        let tri: u64 = m.triangles.by_negatives.iter().sum();
        t.row(vec![
            r.period.to_string(),
            m.nodes.to_string(),
            m.ties.to_string(),
            m.positive.to_string(),
            m.negative.to_string(),
            tri.to_string(),
            format!("{:.4}", m.triangles.unweighted),
            format!("{:.4}", m.walk_index),
            if m.optimal {
                m.frustration_index.to_string()
            } else {
                format!(
                    "{}–{} (stopped)",
                    m.frustration_lower_bound, m.frustration_index
                )
            },
            format!("{:.4}", m.frustration_balance),
            format!("{} / {}", m.camps[0].len(), m.camps[1].len()),
        ]);
    }
    print!("{}", render(&[t], format));
    if let Some(last) = rows.last()
        && !last.measures.frustrated.is_empty()
        && rows.len() == 1
    {
        println!(
            "\nFrustrated ties ({}): {}",
            last.measures.frustrated.len(),
            last.measures.frustrated.join(", ")
        );
        println!("Camp 1: {}", last.measures.camps[0].join(" "));
        println!("Camp 2: {}", last.measures.camps[1].join(" "));
        if !last.measures.untied.is_empty() {
            println!("Without a tie: {}", last.measures.untied.join(" "));
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct BlocsRow<'a> {
    period: &'a str,
    blockmodel: entente_signed::blockmodel::Blockmodel,
    /// The members of each block, by label (nodes with at least one tie).
    blocs: Vec<Vec<String>>,
    /// Nodes without a tie: in no bloc.
    untied: Vec<String>,
}

/// Block labels of `next` renamed to follow `prev` (most shared members first), so a bloc keeps
/// its number and colour across periods.
fn follow(prev: &[(String, usize)], labels: &[String], next: &[usize], k: usize) -> Vec<usize> {
    let mut overlap = vec![vec![0usize; k]; k];
    for (v, &b) in next.iter().enumerate() {
        if let Some((_, p)) = prev.iter().find(|(l, _)| *l == labels[v]) {
            overlap[b][*p] += 1;
        }
    }
    let mut pairs: Vec<(usize, usize, usize)> = (0..k)
        .flat_map(|b| (0..k).map(move |p| (b, p)))
        .map(|(b, p)| (overlap[b][p], b, p))
        .collect();
    pairs.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut to, mut used) = (vec![usize::MAX; k], vec![false; k]);
    for (_, b, p) in pairs {
        if to[b] == usize::MAX && !used[p] {
            to[b] = p;
            used[p] = true;
        }
    }
    next.iter().map(|&b| to[b]).collect()
}

#[allow(clippy::too_many_arguments)]
fn blocs(
    nets: &[Network],
    settings: &Settings,
    k: usize,
    alpha: f64,
    starts: usize,
    seed: u64,
    svg: Option<&std::path::Path>,
    format: Format,
) -> Result<(), Error> {
    let mut prev: Vec<(String, usize)> = Vec::new();
    let mut rows = Vec::new();
    for n in nets {
        let mut m = entente_signed::blockmodel::blockmodel(&n.graph, k, alpha, starts, seed);
        m.block = follow(&prev, &n.graph.nodes, &m.block, m.k);
        prev = n
            .graph
            .nodes
            .iter()
            .cloned()
            .zip(m.block.iter().copied())
            .collect();
        // A node without ties is in no bloc (the criterion cannot place it).
        let mut tied = vec![false; n.graph.n()];
        for e in &n.graph.edges {
            tied[e.a] = true;
            tied[e.b] = true;
        }
        let mut blocs = vec![Vec::new(); m.k];
        let mut untied = Vec::new();
        for (v, &b) in m.block.iter().enumerate() {
            if tied[v] {
                blocs[b].push(n.graph.nodes[v].clone());
            } else {
                untied.push(n.graph.nodes[v].clone());
            }
        }
        rows.push(BlocsRow {
            period: &n.label,
            blockmodel: m,
            blocs,
            untied,
        });
    }
    if let (Some(path), Some(last), Some(net)) = (svg, rows.last(), nets.last()) {
        let title = format!(
            "{} blocs, {} (Doreian–Mrvar criterion {:.1}, α = {alpha})",
            last.blockmodel.k, last.period, last.blockmodel.criterion
        );
        let iso = |l: &str| settings.iso3.get(l).cloned();
        let text =
            entente_render::signed::blocs_svg(&title, &net.graph, &last.blockmodel.block, &iso);
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if format == Format::Json {
        return json(&serde_json::json!({ "settings": settings, "periods": rows }));
    }
    println!("{}", settings.line());
    let mut t = Table::new(
        format!(
            "Signed blockmodel (Doreian & Mrvar 1996), k = {k}, α = {alpha}: criterion α·N + (1−α)·P, each tie counted both ways; best of {starts} starts"
        ),
        &[
            "period",
            "criterion",
            "neg. within",
            "pos. between",
            "bloc",
            "members",
        ],
    );
    for r in &rows {
        for (b, members) in r.blocs.iter().enumerate() {
            t.row(vec![
                if b == 0 {
                    r.period.to_string()
                } else {
                    String::new()
                },
                if b == 0 {
                    format!("{:.1}", r.blockmodel.criterion)
                } else {
                    String::new()
                },
                if b == 0 {
                    r.blockmodel.negative_within.to_string()
                } else {
                    String::new()
                },
                if b == 0 {
                    r.blockmodel.positive_between.to_string()
                } else {
                    String::new()
                },
                (b + 1).to_string(),
                members.join(" "),
            ]);
        }
        if !r.untied.is_empty() {
            t.row(vec![
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "none".into(),
                format!("(no tie) {}", r.untied.join(" ")),
            ]);
        }
    }
    print!("{}", render(&[t], format));
    Ok(())
}
