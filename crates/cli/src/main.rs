//! `entente`: the command line. Parse, load the scenario once, call one analysis, render, map to an
//! exit code. No analysis logic lives here.
//!
//! Exit codes (as ripgrep): 0 success; 1 the scenario is invalid; 2 any other error (a path that
//! cannot be read, an unknown actor or overlay, bad usage).

mod actor_cmd;
mod alignment_cmd;
mod alignment_input;
mod alignment_triad;
mod atop_cmd;
mod cascade_cmd;
mod cascade_tables;
mod code_cmd;
mod code_io;
mod common;
mod crisis_args;
mod events_bulk_cmd;
mod events_cmd;
mod forecast_cmd;
mod forecast_race;
mod output;
mod panel_cmd;
mod report_cmd;
mod scenario_cmd;
mod sensitivity_cmd;
mod serve_cmd;
mod similarity_cmd;
mod war_tables;

use actor_cmd::{actor_cmd, actors_cmd};
use common::{Error, Globals, with, with_date};
use scenario_cmd::{agreements_cmd, check, overlays_cmd, sources_cmd, summary_cmd, timeline_cmd};

use clap::{Parser, Subcommand};
use output::Format;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
With no --scenario, commands use the bundled scenario indo-pacific-2025 (embedded in the binary).
Actors can be named by id, ISO3 code, CAMEO code, COW abbreviation, COW number, alias or name.
Dates are YYYY, YYYY-MM or YYYY-MM-DD, optionally qualified: \"by 2025-02\", \"about 2024-10\".

Exit codes: 0 success; 1 the scenario is invalid; 2 any other error (unreadable path, unknown
actor or overlay, bad usage).";

/// entente: compute with an international alliance system.
#[derive(Parser, Debug)]
#[command(name = "entente", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// A scenario directory (or one .toml file); the bundled scenario if absent. With --data,
    /// `--scenario DIR` (or `--scenario bundled`) layers the scenario on the data's world.
    #[arg(long, global = true, value_name = "DIR")]
    scenario: Option<PathBuf>,
    /// A directory of datasets (COW states, ATOP, NMC, …): build the world at the command's --date
    /// from them (cascade, compare, agreements, actor), or read them whole (panel, atop-dyads); add
    /// --scenario to layer a scenario on the world.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// With --data: ATOP obligations from the member file alone. By default, when DIR also holds
    /// ATOP's directed dyad-year file, ATOP's partner-level coding (who is owed what in alliances
    /// whose obligations vary by partner) is learned from it and applied.
    #[arg(long, global = true)]
    atop_member_only: bool,
    /// Apply a named overlay from the scenario (repeat to apply several, in order).
    #[arg(long, global = true, value_name = "NAME")]
    overlay: Vec<String>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value = "table")]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a scenario: every error at file:line:column, with a fix. Exit 0 valid, 1 invalid.
    Check {
        /// A scenario directory or .toml file (default: --scenario, else the bundled scenario).
        path: Option<PathBuf>,
    },
    /// The scenario at a glance: its facts and the commitments in force on its date.
    Summary,
    /// List actors with their codes.
    Actors {
        /// Only states or only organisations.
        #[arg(long, value_parser = ["state", "organisation", "organization"])]
        kind: Option<String>,
        /// With --data: the states of the world the datasets give for this day.
        #[arg(long)]
        date: Option<String>,
    },
    /// Everything about one actor: memberships, obligations owed and owed to it, capabilities, events.
    Actor {
        /// An id, ISO3, CAMEO or COW code, alias or name (JPN, ROK, 740, "North Korea").
        name: String,
        /// Judge memberships and organisations' obligations on this date (default: the scenario's).
        #[arg(long)]
        date: Option<String>,
    },
    /// Agreements, filtered by parties, provision kind and date.
    Agreements {
        /// Only agreements to which both are parties; obligations between the two only.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        /// Only agreements with a provision of this kind (defence, offence, neutrality,
        /// non-aggression, consultation, cooperation).
        #[arg(long)]
        provision: Option<String>,
        /// Only agreements in force on this date.
        #[arg(long)]
        date: Option<String>,
    },
    /// The chronology: events and agreement milestones, dates as written.
    Timeline {
        /// Only entries involving this actor.
        #[arg(long)]
        actor: Option<String>,
        /// Only entries that may fall on or after this date.
        #[arg(long)]
        from: Option<String>,
        /// Only entries that may fall on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// Leave out agreement milestones (signature, ratification, entry into force).
        #[arg(long)]
        events_only: bool,
    },
    /// Each source and the facts resting on it; disagreements between sources.
    Sources,
    /// The scenario's overlays.
    Overlays,
    /// Who must fight if one state attacks another: waves of entry with the treaty article behind
    /// each, who stays out and why, then the Monte Carlo odds of each state joining each side.
    Cascade(cascade_cmd::CascadeArgs),
    /// The same crisis on two worlds: the scenario and the scenario with --vs-overlay applied.
    Compare(cascade_cmd::CascadeArgs),
    /// Which honouring assumption moves the crisis most: each rate varied alone over its stated
    /// range (Monte Carlo, common random numbers), the swing in P(each state joins) and each side's
    /// expected capability, and a tornado chart (--svg).
    Sensitivity(cascade_cmd::CascadeArgs),
    /// State-year or dyad-year panels from the datasets (--data DIR), peacesciencer-style: the unit of
    /// analysis plus ATOP, COW alliances, NMC, MID, contiguity and similarity columns, as CSV or Parquet.
    Panel(panel_cmd::PanelArgs),
    /// The alliance-portfolio similarity of one dyad-year (--data DIR): S, tau-b, kappa and pi under
    /// the ATOP and COW codings, as the panel computes them.
    Similarity(similarity_cmd::SimilarityArgs),
    /// ATOP's directed dyad-years from the member file (--data DIR); with ATOP's own dyadic file in
    /// DIR, the reconciliation: agreement, the partner-level coding learned from it and checked on
    /// held-out years, and the alliances behind every difference.
    AtopDyads(atop_cmd::AtopDyadsArgs),
    /// Event data (GDELT, ICEWS): dyad series by period, turning points, a chart.
    #[command(subcommand)]
    Events(events_cmd::EventsCommand),
    /// Alignment: the signed network of treaties, wars, disputes and events — structural balance
    /// (exact frustration index), blocs, and triads such as Russia–China–North Korea over time.
    #[command(subcommand)]
    Alignment(alignment_cmd::AlignmentCommand),
    /// Foresight: the expected-utility model of a group decision on one issue.
    #[command(subcommand)]
    Forecast(forecast_cmd::ForecastCommand),
    /// From text to events: code news text, articles, CoNLL-U parses or PETRARCH-2 records into
    /// CAMEO events with the PETRARCH/Phoenix dictionaries (--data DIR or --dictionaries DIR), as
    /// JSON lines, CSV, scenario entries for review (--propose-events) or rows of an event store.
    Code(code_cmd::CodeArgs),
    /// One self-contained HTML file (inline SVG and CSS, no network): commitments in force, the
    /// alliance network, the cascade of a war at each flashpoint, the chronology with its sources.
    Report(report_cmd::ReportArgs),
    /// Serve the scenario as web pages (network, actors, agreements, timeline, cascade explorer,
    /// comparison, balance) and a JSON API (/api/openapi.json). Offline, read-only, loopback by default.
    Serve {
        /// Address to listen on; 127.0.0.1:0 picks a free port (printed on stderr).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Requests handled at once; more are answered 503.
        #[arg(long, default_value_t = 64)]
        max_concurrent: usize,
        /// With --data: serve the world the datasets give for this day (1816 onwards).
        #[arg(long)]
        date: Option<String>,
        /// The PETRARCH dictionaries for the Text to events page (default, with --data:
        /// DIR/petrarch_dictionaries when it is there).
        #[arg(long, value_name = "DIR")]
        dictionaries: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Dispatches a command: one library call per command, through its module.
fn run(args: Cli) -> Result<ExitCode, Error> {
    let format = args.format;
    if matches!(format, Format::Jsonl | Format::Toml) && !matches!(args.command, Command::Code(_)) {
        return Err(format!(
            "--format {}: jsonl and toml are for `entente code`; use table, json, csv or markdown",
            if format == Format::Jsonl {
                "jsonl"
            } else {
                "toml"
            }
        ));
    }
    let cli = Globals {
        scenario: args.scenario.clone(),
        data: args.data.clone(),
        atop_member_only: args.atop_member_only,
        overlay: args.overlay.clone(),
    };
    match &args.command {
        Command::Check { path } => check(&cli, path.as_deref(), format),
        Command::Summary => with(&cli, |s| summary_cmd(s, format)),
        // With --data these three run on the world at --date, built from the datasets.
        Command::Actors { kind, date: d } => {
            if d.is_some() && cli.data.is_none() {
                return Err(
                    "actors --date sets the day of a data world: give --data DIR too".into(),
                );
            }
            with_date(&cli, d.as_deref(), |s| {
                actors_cmd(s, kind.as_deref(), format)
            })
        }
        Command::Actor { name, date: d } => with_date(&cli, d.as_deref(), |s| {
            actor_cmd(s, name, d.as_deref(), format)
        }),
        Command::Agreements {
            between,
            provision,
            date: d,
        } => with_date(&cli, d.as_deref(), |s| {
            agreements_cmd(
                s,
                between.as_deref(),
                provision.as_deref(),
                d.as_deref(),
                format,
            )
        }),
        Command::Timeline {
            actor: a,
            from,
            to,
            events_only,
        } => with(&cli, |s| {
            timeline_cmd(
                s,
                a.as_deref(),
                from.as_deref(),
                to.as_deref(),
                *events_only,
                format,
            )
        }),
        Command::Sources => with(&cli, |s| sources_cmd(s, format)),
        Command::Overlays => with(&cli, |s| overlays_cmd(s, format)),
        Command::Report(args) => {
            if args.date.is_some() && cli.data.is_none() {
                return Err(
                    "report --date sets the day of a data world: give --data DIR too".into(),
                );
            }
            with_date(&cli, args.date.as_deref(), |s| {
                crate::report_cmd::run(s, args)
            })
        }
        Command::Serve {
            addr,
            max_concurrent,
            date: d,
            dictionaries,
        } => {
            if d.is_some() && cli.data.is_none() {
                return Err(
                    "serve --date sets the day of a data world: give --data DIR too".into(),
                );
            }
            let coder = serve_cmd::coder(&cli, dictionaries.as_deref())?;
            with_date(&cli, d.as_deref(), |s| {
                serve_cmd::serve(s, addr, *max_concurrent, coder)
            })
        }
        Command::Events(cmd) => {
            crate::events_cmd::run(&cli, cmd, format).map(|()| ExitCode::SUCCESS)
        }
        Command::Alignment(cmd) => crate::alignment_cmd::run(&cli, cmd, format),
        Command::Code(args) => crate::code_cmd::run(&cli, args, format).map(|()| ExitCode::SUCCESS),
        Command::Forecast(cmd) => {
            crate::forecast_cmd::run(&cli, cmd, format).map(|()| ExitCode::SUCCESS)
        }
        Command::Panel(args) => {
            crate::panel_cmd::run(cli.data.as_deref(), args, cli.atop_member_only)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Similarity(args) => {
            crate::similarity_cmd::run(cli.data.as_deref(), args, cli.atop_member_only, format)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::AtopDyads(args) => {
            crate::atop_cmd::run(cli.data.as_deref(), args, cli.atop_member_only, format)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Cascade(args) => with_date(&cli, args.date(), |s| {
            crate::cascade_cmd::run(s, args, false, format)
        }),
        Command::Compare(args) => with_date(&cli, args.date(), |s| {
            crate::cascade_cmd::run(s, args, true, format)
        }),
        Command::Sensitivity(args) => with_date(&cli, args.date(), |s| {
            crate::sensitivity_cmd::run(s, args, format)
        }),
    }
}
