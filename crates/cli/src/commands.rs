//! One function per command: resolve the user's words against the scenario, call the analysis, turn
//! its result into tables or JSON.

use crate::output::{Format, Table, render};
use crate::{Cli, Command};
use entente_analysis::{Window, agreements, profile, sources, summary, timeline};
use entente_model::{ActorKind, PartialDate, ProvisionKind, Resolver, Scenario, Severity};
use entente_scenario::{Loaded, load_bundled, load_path};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

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

pub fn load(cli: &Cli, path: Option<&std::path::Path>) -> Result<Loaded, Error> {
    match path.or(cli.scenario.as_deref()) {
        Some(p) if p == std::path::Path::new("bundled") => Ok(load_bundled()),
        Some(p) => load_path(p).map_err(|e| e.to_string()),
        None => Ok(load_bundled()),
    }
}

fn print_diagnostics(loaded: &Loaded) {
    let mut err = std::io::stderr().lock();
    for d in &loaded.diagnostics {
        let _ = write!(err, "{d}");
    }
}

/// Loads the scenario, refuses an invalid one (exit 1), applies the overlays.
fn scenario(cli: &Cli) -> Result<Result<Scenario, ExitCode>, Error> {
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

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let format = cli.format;
    match &cli.command {
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
        } => {
            if d.is_some() && cli.data.is_none() {
                return Err(
                    "serve --date sets the day of a data world: give --data DIR too".into(),
                );
            }
            with_date(&cli, d.as_deref(), |s| serve(s, addr, *max_concurrent))
        }
        Command::Events(cmd) => {
            crate::events_cmd::run(&cli, cmd, format).map(|()| ExitCode::SUCCESS)
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
    }
}

fn with(cli: &Cli, f: impl FnOnce(&Scenario) -> Result<(), Error>) -> Result<ExitCode, Error> {
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
fn with_date(
    cli: &Cli,
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
    let world = crate::data::world(
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

#[derive(Serialize)]
struct CheckReport<'a> {
    valid: bool,
    scenario: Option<&'a str>,
    files: &'a [String],
    errors: usize,
    warnings: usize,
    notes: usize,
    counts: Vec<(String, usize)>,
    overlays: Vec<&'a str>,
    diagnostics: &'a [entente_scenario::Diagnostic],
}

fn check(cli: &Cli, path: Option<&std::path::Path>, format: Format) -> Result<ExitCode, Error> {
    let loaded = load(cli, path)?;
    let valid = loaded.count(Severity::Error) == 0 && loaded.scenario.is_some();
    let counts: Vec<(String, usize)> = loaded
        .scenario
        .as_ref()
        .map(|s| {
            s.facts
                .counts()
                .into_iter()
                .map(|(k, n)| (k.name().to_string(), n))
                .collect()
        })
        .unwrap_or_default();
    let report = CheckReport {
        valid,
        scenario: loaded.scenario.as_ref().map(|s| s.info.id.as_str()),
        files: &loaded.files,
        errors: loaded.count(Severity::Error),
        warnings: loaded.count(Severity::Warning),
        notes: loaded.count(Severity::Note),
        counts: counts.clone(),
        overlays: loaded
            .scenario
            .as_ref()
            .map(|s| s.overlays.iter().map(|o| o.id.as_str()).collect())
            .unwrap_or_default(),
        diagnostics: &loaded.diagnostics,
    };
    if format == Format::Json {
        json(&report)?;
    } else {
        print_diagnostics(&loaded);
        let mut t = Table::new(
            format!(
                "{} {}: {} files, {} errors, {} warnings, {} notes",
                report.scenario.unwrap_or("scenario"),
                if valid { "is valid" } else { "is invalid" },
                report.files.len(),
                report.errors,
                report.warnings,
                report.notes
            ),
            &["facts", "count"],
        );
        for (k, n) in &counts {
            t.row(vec![k.clone(), n.to_string()]);
        }
        t.row(vec!["overlays".into(), report.overlays.len().to_string()]);
        emit(&[t], format);
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn summary_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
    let sum = summary::summary(s);
    if format == Format::Json {
        return json(&sum);
    }
    let mut head = Table::new(
        format!("{} — {} (as of {})", sum.id, sum.title, sum.as_of),
        &["facts", "count"],
    );
    for (k, n) in &sum.counts {
        head.row(vec![k.clone(), n.to_string()]);
    }
    head.row(vec!["disagreements".into(), sum.disagreements.to_string()]);
    if !sum.applied_overlays.is_empty() {
        head.row(vec![
            "overlays applied".into(),
            sum.applied_overlays.join(", "),
        ]);
    }
    let mut c = Table::new(
        format!("Commitments in force on {}", sum.as_of),
        &[
            "kind",
            "agreement",
            "article",
            "obligors",
            "owed to",
            "scope",
            "nuclear umbrella",
        ],
    );
    for x in &sum.commitments {
        c.row(vec![
            x.kind.to_string(),
            x.agreement_name.clone(),
            x.article.clone(),
            x.obligors.clone(),
            x.beneficiaries.clone(),
            x.scope.join("; "),
            opt(&x.nuclear_umbrella),
        ]);
    }
    let mut o = Table::new("Overlays (--overlay NAME)", &["overlay", "title"]);
    for (id, title) in &sum.overlays {
        o.row(vec![id.clone(), title.clone()]);
    }
    emit(&[head, c, o], format);
    Ok(())
}

fn actors_cmd(s: &Scenario, kind: Option<&str>, format: Format) -> Result<(), Error> {
    let want = kind.map(|k| {
        if k == "state" {
            ActorKind::State
        } else {
            ActorKind::Organisation
        }
    });
    let list: Vec<&entente_model::Actor> = s
        .facts
        .actors
        .iter()
        .filter(|a| want.is_none_or(|k| a.kind == k))
        .collect();
    if format == Format::Json {
        return json(&list);
    }
    let mut t = Table::new(
        format!("Actors in {} ({})", s.info.id, list.len()),
        &[
            "id", "name", "kind", "COW", "COW abbr", "ISO3", "CAMEO", "members",
        ],
    );
    for a in list {
        t.row(vec![
            a.id.clone(),
            a.name.clone(),
            a.kind.to_string(),
            opt(&a.cow),
            opt(&a.cow_abbr),
            opt(&a.iso3),
            opt(&a.cameo),
            if a.members.is_empty() {
                String::new()
            } else {
                a.members.len().to_string()
            },
        ]);
    }
    emit(&[t], format);
    Ok(())
}

fn actor_cmd(s: &Scenario, name: &str, d: Option<&str>, format: Format) -> Result<(), Error> {
    let id = actor(s, name)?;
    let at = match d {
        Some(d) => date(d, "date")?,
        None => s.info.as_of,
    };
    let p = profile::profile(s, &id, at).ok_or_else(|| format!("no actor {id}"))?;
    if format == Format::Json {
        return json(&p);
    }
    let a = p.actor;
    let mut head = Table::new(
        format!("{} — {} (as of {})", a.label(), a.kind, p.date),
        &["field", "value"],
    );
    for (k, v) in [
        ("COW number", opt(&a.cow)),
        ("COW abbreviation", opt(&a.cow_abbr)),
        ("ISO3", opt(&a.iso3)),
        ("CAMEO", opt(&a.cameo)),
        ("aliases", a.aliases.join(", ")),
        ("regions", a.regions.join(", ")),
        ("note", opt(&a.note)),
        ("sources", format!("{} ({})", cites(&a.cite), a.confidence)),
    ] {
        if !v.is_empty() {
            head.row(vec![k.into(), v]);
        }
    }
    let title = if a.kind == ActorKind::Organisation {
        "Members"
    } else {
        "Memberships"
    };
    let mut m = Table::new(
        title,
        &[
            "organisation",
            "member",
            "role",
            "from",
            "until",
            "now",
            "confidence",
            "sources",
        ],
    );
    for r in &p.memberships {
        m.row(vec![
            r.organisation.clone(),
            r.member.clone(),
            r.role.to_string(),
            opt(&r.from),
            opt(&r.until),
            if r.current { "yes".into() } else { "no".into() },
            r.confidence.to_string(),
            cites(&r.cite),
        ]);
    }
    let obligation_table = |title: String,
                            list: &[entente_analysis::obligations::Obligation],
                            other_is_obligor: bool| {
        let mut t = Table::new(
            title,
            &[
                "kind",
                if other_is_obligor {
                    "owed by"
                } else {
                    "owed to"
                },
                "agreement",
                "article",
                "scope",
                "what it means",
                "in force",
                "sources",
            ],
        );
        for o in list {
            t.row(vec![
                o.kind.to_string(),
                if other_is_obligor {
                    o.obligor.clone()
                } else {
                    o.beneficiary.clone()
                },
                o.agreement_name.clone(),
                o.article.clone(),
                if o.scope.is_empty() {
                    "unconditional".into()
                } else {
                    o.scope.join("; ")
                },
                o.reading.clone().unwrap_or_default(),
                opt(&o.in_force),
                cites(&o.cite),
            ]);
        }
        t
    };
    let owes = obligation_table(format!("Obligations {} owes", a.id), &p.owes, false);
    let owed = obligation_table(format!("Obligations owed to {}", a.id), &p.owed, true);
    let mut cap = Table::new(
        "Capabilities",
        &[
            "item",
            "year / as of",
            "value",
            "status",
            "confidence",
            "sources",
        ],
    );
    for c in &p.capabilities {
        for (name, q) in c.components() {
            if let Some(q) = q {
                cap.row(vec![
                    name.into(),
                    c.year.to_string(),
                    q.to_string(),
                    String::new(),
                    c.confidence.to_string(),
                    cites(&c.cite),
                ]);
            }
        }
    }
    for f in &p.forces {
        let when = match (&f.as_of, &f.expected) {
            (_, Some(e)) => format!("expected {e}"),
            (Some(a), None) => a.to_string(),
            _ => String::new(),
        };
        cap.row(vec![
            f.item.clone(),
            when,
            f.count.to_string(),
            f.status.to_string(),
            f.confidence.to_string(),
            cites(&f.cite),
        ]);
    }
    let mut fl = Table::new(
        "Flashpoints",
        &[
            "flashpoint",
            "administers",
            "claims",
            "administered by",
            "claimants",
        ],
    );
    for f in &p.flashpoints {
        fl.row(vec![
            f.name.clone(),
            if f.administers {
                "yes".into()
            } else {
                "no".into()
            },
            if f.claims { "yes".into() } else { "no".into() },
            f.administered_by.join(", "),
            f.claimants.join(", "),
        ]);
    }
    let mut ev = Table::new(
        "Events",
        &["date", "event", "quantity", "confidence", "sources"],
    );
    for e in &p.events {
        ev.row(vec![
            e.date.to_string(),
            e.summary.clone(),
            opt(&e.quantity),
            e.confidence.to_string(),
            cites(&e.cite),
        ]);
    }
    let mut asm = Table::new(
        "Assessments in the sources",
        &["kind", "statement", "confidence", "sources"],
    );
    for x in &p.assessments {
        asm.row(vec![
            x.kind.to_string(),
            x.statement.clone(),
            x.confidence.to_string(),
            cites(&x.cite),
        ]);
    }
    let mut dis = Table::new("Disagreements", &["disagreement", "topic", "claims"]);
    for d in &p.disagreements {
        dis.row(vec![
            d.id.clone(),
            d.topic.clone(),
            d.claims
                .iter()
                .map(|c| format!("{} [{}]", c.says, cites(&c.cite)))
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    emit(&[head, m, owes, owed, cap, fl, ev, asm, dis], format);
    Ok(())
}

fn agreements_cmd(
    s: &Scenario,
    between: Option<&[String]>,
    provision: Option<&str>,
    d: Option<&str>,
    format: Format,
) -> Result<(), Error> {
    let mut q = agreements::Query::default();
    if let Some([a, b]) = between {
        q.between = Some((actor(s, a)?, actor(s, b)?));
    }
    if let Some(p) = provision {
        q.provision = Some(ProvisionKind::parse(p).ok_or_else(|| {
            format!(
                "--provision {p}: not a provision kind; use one of {}",
                ProvisionKind::ALL.map(|k| k.name()).join(", ")
            )
        })?);
    }
    if let Some(d) = d {
        let day = date(d, "date")?;
        q.in_force_on = Some(
            day.latest()
                .ok_or_else(|| format!("--date {d}: give a date with an end"))?,
        );
    }
    let found = agreements::find(s, &q);
    if format == Format::Json {
        return json(&found);
    }
    let mut t = Table::new(
        format!("Agreements ({})", found.len()),
        &[
            "agreement",
            "kind",
            "parties",
            "signed",
            "in force",
            "ends",
            "confidence",
            "sources",
        ],
    );
    let mut o = Table::new(
        "Obligations",
        &[
            "agreement",
            "article",
            "kind",
            "obligor",
            "owed to",
            "scope",
        ],
    );
    for m in &found {
        let a = m.agreement;
        let parties = match &a.organisation {
            Some(org) => format!("{org} members ({})", m.parties.len()),
            None => m.parties.join(", "),
        };
        t.row(vec![
            a.label().into(),
            a.kind.to_string(),
            parties,
            opt(&a.signed),
            opt(&a.in_force),
            opt(&a.ends),
            a.confidence.to_string(),
            cites(&a.cite),
        ]);
        if q.between.is_some() || a.organisation.is_none() {
            for ob in &m.obligations {
                o.row(vec![
                    a.label().into(),
                    ob.article.clone(),
                    ob.kind.to_string(),
                    ob.obligor.clone(),
                    ob.beneficiary.clone(),
                    if ob.scope.is_empty() {
                        "unconditional".into()
                    } else {
                        ob.scope.join("; ")
                    },
                ]);
            }
        } else {
            for p in a
                .provisions
                .iter()
                .filter(|p| q.provision.is_none_or(|k| p.kind == k))
            {
                let scope = p
                    .conditions
                    .iter()
                    .map(|c| c.describe())
                    .collect::<Vec<_>>()
                    .join("; ");
                o.row(vec![
                    a.label().into(),
                    p.article.clone(),
                    p.kind.to_string(),
                    format!(
                        "each {} member",
                        a.organisation.as_deref().unwrap_or_default()
                    ),
                    "each other member".into(),
                    if scope.is_empty() {
                        "unconditional".into()
                    } else {
                        scope
                    },
                ]);
            }
        }
    }
    emit(&[t, o], format);
    Ok(())
}

fn timeline_cmd(
    s: &Scenario,
    a: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    events_only: bool,
    format: Format,
) -> Result<(), Error> {
    let q = timeline::Query {
        actor: a.map(|x| actor(s, x)).transpose()?,
        window: Window {
            from: from.map(|d| date(d, "from")).transpose()?,
            to: to.map(|d| date(d, "to")).transpose()?,
        },
        events_only,
    };
    let entries = timeline::timeline(s, &q);
    if format == Format::Json {
        return json(&entries);
    }
    let mut title = format!("Timeline of {}", s.info.id);
    if let Some(x) = &q.actor {
        let _ = write!(title, " for {x}");
    }
    let mut t = Table::new(
        format!("{title} ({} entries)", entries.len()),
        &[
            "date",
            "what",
            "who",
            "quantity",
            "confidence",
            "sources",
            "disputed",
        ],
    );
    for e in &entries {
        let who = if e.targets.is_empty() {
            e.actors.join(", ")
        } else {
            format!("{} → {}", e.actors.join(", "), e.targets.join(", "))
        };
        t.row(vec![
            e.date.to_string(),
            e.summary.clone(),
            who,
            opt(&e.quantity),
            e.confidence.to_string(),
            cites(&e.cite),
            e.disputed.join("\n"),
        ]);
    }
    emit(&[t], format);
    Ok(())
}

fn sources_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
    let idx = sources::index(s);
    if format == Format::Json {
        return json(&idx);
    }
    let mut t = Table::new(
        format!("Sources ({})", idx.sources.len()),
        &["source", "kind", "title", "facts citing it"],
    );
    for u in &idx.sources {
        let mut facts: Vec<String> = u
            .uses
            .iter()
            .map(|x| match &x.at {
                Some(at) => format!("{} ({at})", x.fact),
                None => x.fact.clone(),
            })
            .collect();
        facts.dedup();
        let shown = if facts.len() > 12 {
            format!(
                "{}\n… and {} more",
                facts[..12].join("\n"),
                facts.len() - 12
            )
        } else {
            facts.join("\n")
        };
        t.row(vec![
            u.source.id.clone(),
            format!("{:?}", u.source.kind).to_lowercase(),
            u.source.title.clone(),
            format!("{} facts\n{shown}", u.uses.len()),
        ]);
    }
    let mut d = Table::new(
        format!("Disagreements ({})", idx.disagreements.len()),
        &["disagreement", "topic", "claim", "confidence", "sources"],
    );
    for x in &idx.disagreements {
        for (i, c) in x.claims.iter().enumerate() {
            d.row(vec![
                if i == 0 { x.id.clone() } else { String::new() },
                if i == 0 {
                    x.topic.clone()
                } else {
                    String::new()
                },
                c.says.clone(),
                c.confidence.to_string(),
                cites(&c.cite),
            ]);
        }
    }
    emit(&[t, d], format);
    Ok(())
}

fn overlays_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
    if format == Format::Json {
        return json(&s.overlays);
    }
    let mut t = Table::new(
        format!("Overlays of {}", s.info.id),
        &["overlay", "title", "removes", "replaces", "adds", "sources"],
    );
    for o in &s.overlays {
        let list = |refs: Vec<entente_model::FactRef>| {
            refs.iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        t.row(vec![
            o.id.clone(),
            o.title.clone(),
            list(o.remove.clone()),
            list(o.replace.refs()),
            list(o.add.refs()),
            cites(&o.cite),
        ]);
    }
    emit(&[t], format);
    Ok(())
}

fn serve(s: &Scenario, addr: &str, max_concurrent: usize) -> Result<(), Error> {
    let addr: std::net::SocketAddr = addr
        .parse()
        .map_err(|_| format!("--addr {addr}: write IP:PORT, e.g. 127.0.0.1:8080"))?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "note: listening on {addr}, reachable from other machines; the server is read-only"
        );
    }
    let limits = entente_server::Limits {
        max_concurrent: max_concurrent.max(1),
        ..entente_server::Limits::default()
    };
    let app = entente_server::router(s.clone(), limits);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("{addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "entente: serving {} on http://{local}/ (Ctrl-C to stop)",
            s.info.id
        );
        entente_server::serve(listener, app)
            .await
            .map_err(|e| e.to_string())
    })?;
    Ok(())
}
