//! `entente actors` and `entente actor`: who is in the scenario, and everything about one actor.

use crate::common::{Error, actor, cites, date, emit, json, opt};
use crate::output::{Format, Table};
use entente_analysis::profile;
use entente_model::{ActorKind, Scenario};

pub fn actors_cmd(s: &Scenario, kind: Option<&str>, format: Format) -> Result<(), Error> {
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

pub fn actor_cmd(s: &Scenario, name: &str, d: Option<&str>, format: Format) -> Result<(), Error> {
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
