//! The commands over a scenario's facts: `check`, `summary`, `agreements`, `timeline`, `sources`,
//! `overlays`. Each resolves the user's words, calls one analysis and prints its tables or JSON.

use crate::common::{Error, Globals, actor, cites, date, emit, json, load, opt, print_diagnostics};
use crate::output::{Format, Table};
use entente_analysis::{Window, agreements, sources, summary, timeline};
use entente_model::{ProvisionKind, Scenario, Severity};
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

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

pub fn check(
    cli: &Globals,
    path: Option<&std::path::Path>,
    format: Format,
) -> Result<ExitCode, Error> {
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

pub fn summary_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
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

pub fn agreements_cmd(
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
            "term",
            "confidence",
            "sources",
        ],
    );
    let mut articles = Table::new(
        "Articles: what each says",
        &["agreement", "article", "kind", "what it says", "sources"],
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
            a.term.clone().unwrap_or_default(),
            a.confidence.to_string(),
            cites(&a.cite),
        ]);
        for p in a
            .provisions
            .iter()
            .filter(|p| q.provision.is_none_or(|k| p.kind == k))
        {
            articles.row(vec![
                a.label().into(),
                p.article.clone(),
                p.kind.to_string(),
                p.summary.clone(),
                cites(if p.cite.is_empty() { &a.cite } else { &p.cite }),
            ]);
        }
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
    emit(&[t, articles, o], format);
    Ok(())
}

pub fn timeline_cmd(
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

pub fn sources_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
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

pub fn overlays_cmd(s: &Scenario, format: Format) -> Result<(), Error> {
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
