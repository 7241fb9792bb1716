//! The source index: each source, and every fact resting on it — the reviewer's view of a scenario —
//! plus the disagreements between sources, claim by claim.

use entente_model::{Citation, Disagreement, Scenario, Source};
use serde::Serialize;

/// A fact's citation of a source.
#[derive(Clone, Debug, Serialize)]
pub struct Use {
    /// `kind:id` of the fact (with a detail such as an article for provisions).
    pub fact: String,
    /// Where in the source: lines or an article.
    pub at: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceUses<'a> {
    pub source: &'a Source,
    pub uses: Vec<Use>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Index<'a> {
    pub sources: Vec<SourceUses<'a>>,
    pub disagreements: Vec<&'a Disagreement>,
}

fn collect(out: &mut Vec<(String, Citation)>, fact: String, cite: &[Citation]) {
    out.extend(cite.iter().map(|c| (fact.clone(), c.clone())));
}

/// Every (fact, citation) pair in the scenario.
pub fn citations(s: &Scenario) -> Vec<(String, Citation)> {
    let mut out = Vec::new();
    let f = &s.facts;
    for a in &f.actors {
        collect(&mut out, format!("actor:{}", a.id), &a.cite);
        for m in &a.members {
            collect(
                &mut out,
                format!("membership:{}/{}", a.id, m.actor),
                &m.cite,
            );
        }
    }
    for r in &f.regions {
        collect(&mut out, format!("region:{}", r.id), &r.cite);
    }
    for a in &f.agreements {
        let id = format!("agreement:{}", a.id);
        collect(&mut out, id.clone(), &a.cite);
        for r in &a.ratified {
            collect(
                &mut out,
                format!("{id} ratification by {}", r.actor),
                &r.cite,
            );
        }
        for p in &a.provisions {
            collect(
                &mut out,
                format!("{id} {} ({})", p.article, p.kind),
                &p.cite,
            );
            if let Some(n) = &p.nuclear_umbrella {
                collect(
                    &mut out,
                    format!("{id} {} nuclear umbrella", p.article),
                    &n.cite,
                );
            }
        }
    }
    for c in &f.capabilities {
        collect(&mut out, format!("capability:{}", c.key()), &c.cite);
    }
    for x in &f.forces {
        collect(&mut out, format!("force:{}", x.id), &x.cite);
    }
    for e in &f.events {
        collect(&mut out, format!("event:{}", e.id), &e.cite);
    }
    for x in &f.flashpoints {
        collect(&mut out, format!("flashpoint:{}", x.id), &x.cite);
    }
    for a in &f.assessments {
        collect(&mut out, format!("assessment:{}", a.id), &a.cite);
    }
    for d in &f.disagreements {
        for (i, c) in d.claims.iter().enumerate() {
            collect(
                &mut out,
                format!("disagreement:{} claim {}", d.id, i + 1),
                &c.cite,
            );
        }
    }
    for o in &s.overlays {
        collect(&mut out, format!("overlay:{}", o.id), &o.cite);
    }
    out
}

pub fn index(s: &Scenario) -> Index<'_> {
    let cites = citations(s);
    let sources = s
        .facts
        .sources
        .iter()
        .map(|src| SourceUses {
            source: src,
            uses: cites
                .iter()
                .filter(|(_, c)| c.source == src.id)
                .map(|(fact, c)| Use {
                    fact: fact.clone(),
                    at: match (c.lines, &c.at) {
                        (Some(l), _) => Some(format!("lines {l}")),
                        (None, Some(at)) => Some(at.clone()),
                        (None, None) => None,
                    },
                })
                .collect(),
        })
        .collect();
    Index {
        sources,
        disagreements: s.facts.disagreements.iter().collect(),
    }
}
