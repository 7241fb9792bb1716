//! What every command shares, and nothing else: the global options ([`Globals`]), loading the
//! scenario (or the data's world at a date) once, resolving the user's words (dates, actors), and
//! printing (tables, JSON). A leaf: it imports no command module.

use crate::output::{Format, Table, render};
use entente_model::{PartialDate, Resolver, Scenario, Severity};
use entente_scenario::{Loaded, load_bundled, load_path};
use serde::Serialize;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// The options every command takes (see `entente --help`).
#[derive(Clone, Debug, Default)]
pub struct Globals {
    pub scenario: Option<PathBuf>,
    pub data: Option<PathBuf>,
    pub atop_member_only: bool,
    pub overlay: Vec<String>,
}

/// An error for exit code 2, with what to do next.
pub type Error = String;

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`entente timeline | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
}

pub fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| format!("could not write JSON: {e}"))?;
    print(&text);
    print("\n");
    Ok(())
}

pub fn emit(tables: &[Table], format: Format) {
    print(&render(tables, format));
}

pub fn load(cli: &Globals, path: Option<&std::path::Path>) -> Result<Loaded, Error> {
    match path.or(cli.scenario.as_deref()) {
        Some(p) if p == std::path::Path::new("bundled") => Ok(load_bundled()),
        Some(p) => load_path(p).map_err(|e| e.to_string()),
        None => Ok(load_bundled()),
    }
}

pub fn print_diagnostics(loaded: &Loaded) {
    let mut err = std::io::stderr().lock();
    for d in &loaded.diagnostics {
        let _ = write!(err, "{d}");
    }
}

/// Loads the scenario, refuses an invalid one (exit 1), applies the overlays.
fn scenario(cli: &Globals) -> Result<Result<Scenario, ExitCode>, Error> {
    let loaded = load(cli, None)?;
    let Some(base) = loaded.valid() else {
        print_diagnostics(&loaded);
        eprintln!(
            "error: the scenario is invalid ({} errors); fix them, or run `entente check` for the full list",
            loaded.count(Severity::Error)
        );
        return Ok(Err(ExitCode::from(1)));
    };
    let mut s = base.clone();
    for name in &cli.overlay {
        s = s.with_overlay(name).ok_or_else(|| {
            let known: Vec<&str> = base.overlays.iter().map(|o| o.id.as_str()).collect();
            format!(
                "no overlay \"{name}\" in {}; overlays: {}",
                base.info.id,
                known.join(", ")
            )
        })?;
    }
    Ok(Ok(s))
}

pub fn date(text: &str, flag: &str) -> Result<PartialDate, Error> {
    text.parse()
        .map_err(|e: entente_model::date::DateError| format!("--{flag} {text}: {e}; {}", e.hint))
}

pub fn actor(s: &Scenario, name: &str) -> Result<String, Error> {
    let r = Resolver::new(&s.facts);
    r.actor(name).map(str::to_string).ok_or_else(|| {
        let hint = r
            .aliases
            .suggest(name)
            .map(|x| format!("; did you mean \"{x}\"?"))
            .unwrap_or_default();
        format!(
            "unknown actor \"{name}\" in scenario {}{hint} (`entente {}` lists them)",
            s.info.id,
            if s.info.id.starts_with("data-") {
                "--data DIR actors --date D"
            } else {
                "actors"
            }
        )
    })
}

pub fn cites(c: &[entente_model::Citation]) -> String {
    c.iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

pub fn with(
    cli: &Globals,
    f: impl FnOnce(&Scenario) -> Result<(), Error>,
) -> Result<ExitCode, Error> {
    if cli.data.is_some() {
        return Err(
            "--data builds a world at a date: use it with cascade, compare, agreements, actor, panel or atop-dyads".into(),
        );
    }
    match scenario(cli)? {
        Ok(s) => f(&s).map(|()| ExitCode::SUCCESS),
        Err(code) => Ok(code),
    }
}

/// Like [`with`], but with `--data` builds the world on `date` from the datasets.
pub fn with_date(
    cli: &Globals,
    date: Option<&str>,
    f: impl FnOnce(&Scenario) -> Result<(), Error>,
) -> Result<ExitCode, Error> {
    let Some(dir) = &cli.data else {
        return match scenario(cli)? {
            Ok(s) => f(&s).map(|()| ExitCode::SUCCESS),
            Err(code) => Ok(code),
        };
    };
    let text = date.ok_or("with --data, give the day the world is built for: --date YYYY-MM-DD")?;
    let d = self::date(text, "date")?;
    let day = d
        .latest()
        .ok_or_else(|| format!("--date {text}: give a date with an end"))?;
    let world = world(
        dir,
        entente_model::date::civil_from_days(day),
        cli.atop_member_only,
    )?;
    let s = if cli.scenario.is_some() {
        // Layer the scenario (with its overlays) on the data's world.
        let scenario = match scenario(cli)? {
            Ok(s) => s,
            Err(code) => return Ok(code),
        };
        let (merged, notes) = entente_datasets::world::layer(world, &scenario);
        let matched = notes.iter().filter(|n| n.kind == "matched").count();
        eprintln!(
            "note: {} layered on the data's world of {text}; {matched} states matched by COW number",
            scenario.info.id
        );
        for n in notes.iter().filter(|n| n.kind != "matched") {
            eprintln!("note: {}: {}", n.kind, n.message);
        }
        if notes.iter().any(|n| n.kind == "invalid") {
            return Err("the scenario does not fit the data's world (see the notes above)".into());
        }
        merged
    } else {
        if !cli.overlay.is_empty() {
            return Err("--overlay belongs to a scenario: add --scenario DIR (or --scenario bundled) to layer one on the data".into());
        }
        world
    };
    f(&s).map(|()| ExitCode::SUCCESS)
}

/// Prints a load's notes on stderr.
pub fn print_notes(notes: &[entente_datasets::load::Note]) {
    for n in notes {
        eprintln!("{n}");
    }
}

/// The world on a day (see [`entente_datasets::load::world`]), its notes printed.
pub fn world(
    dir: &std::path::Path,
    ymd: (i32, u8, u8),
    member_only: bool,
) -> Result<Scenario, Error> {
    let mut notes = Vec::new();
    let w = entente_datasets::load::world(dir, ymd, member_only, &mut notes);
    print_notes(&notes);
    w.map_err(|e| e.to_string())
}
