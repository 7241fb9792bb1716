//! The tables of a crisis inside a recorded war: how it is read, and what binds each state the
//! record says joined the war, under the strict reading and under `--counter-attack-triggers`.

use crate::common::cites;
use crate::output::Table;
use entente_analysis::cascade::{InWar, JoinReading};

pub fn war_tables(w: &InWar, joins: &[JoinReading]) -> Vec<Table> {
    let mut t = Table::new(
        format!("Inside a war already under way: {}", w.name),
        &["war", "began", "reading"],
    );
    t.row(vec![w.war.clone(), w.began.clone(), w.reading.clone()]);
    let mut out = vec![t];
    if joins.is_empty() {
        return out;
    }
    let mut j = Table::new(
        "States the record has joining the war, and what binds them under each reading",
        &[
            "state",
            "joined",
            "since",
            "strict reading (default)",
            "--counter-attack-triggers",
            "what the record says",
            "sources",
        ],
    );
    for r in joins {
        let choice = |b: &Option<String>| match b {
            Some(o) => format!("bound: {o}"),
            None => "not bound: its entry is a choice".to_string(),
        };
        let framed = match (&r.under, &r.counter_attack) {
            (Some(u), Some(_)) => format!(
                " — as {} and {} frame it, the treaty's obligation ({u})",
                r.actor, r.side_of
            ),
            _ => String::new(),
        };
        j.row(vec![
            r.actor.clone(),
            format!("{}'s side", r.side_of),
            r.from.clone(),
            choice(&r.strict),
            format!("{}{framed}", choice(&r.counter_attack)),
            r.summary.clone(),
            cites(&r.cite),
        ]);
    }
    out.push(j);
    out
}
