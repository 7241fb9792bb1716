//! A contested issue for the expected-utility model (`[[issue]]`): a question, a labelled scale,
//! and the stakeholders' positions on it with their salience (and capability, or the actor's CINC
//! from the scenario's capabilities). Positions and saliences are almost always an analyst's
//! estimates: each stakeholder cites what the estimate is argued from, and says how sure it is.

use crate::origin::Origin;
use crate::source::{Citation, Confidence};
use serde::{Deserialize, Serialize};

/// The issue's scale: its ends and what they mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub low: f64,
    pub high: f64,
    /// What the low end means ("the deepest Western alignment").
    pub low_means: String,
    pub high_means: String,
}

/// One stakeholder's stance.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub actor: String,
    /// Where it stands, on the issue's scale.
    pub position: f64,
    /// How much the issue matters to it, 0–1.
    pub salience: f64,
    /// Its weight on the issue; absent: its CINC in the scenario's capabilities on the issue's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<f64>,
    /// The argument for the estimate.
    pub why: String,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

/// A contested issue.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contest {
    pub id: String,
    pub question: String,
    pub scale: Scale,
    #[serde(rename = "stakeholder")]
    pub stakeholders: Vec<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The checks an issue must pass: a scale whose ends differ, at least two stakeholders, each once,
/// each position on the scale, each salience in 0–1, each capability ≥ 0, each stance sourced.
pub(crate) fn check(facts: &crate::scenario::Facts, issues: &mut Vec<crate::Issue>) {
    use crate::Issue;
    for c in &facts.issues {
        let what = format!("issue \"{}\"", c.id);
        if c.cite.is_empty() {
            issues.push(
                Issue::error(c.origin.key("cite"), format!("{what} has no source"))
                    .with_hint("every fact says where it comes from: add cite = [{ source = \"…\", lines = \"…\" }]"),
            );
        }
        let (lo, hi) = (c.scale.low, c.scale.high);
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            issues.push(
                Issue::error(
                    c.origin.key("scale"),
                    format!("{what}: the scale runs from {lo} to {hi}"),
                )
                .with_hint("give low < high, e.g. low = 0, high = 100"),
            );
        }
        if c.stakeholders.len() < 2 {
            issues.push(
                Issue::error(c.origin.key("stakeholder"), format!("{what} has {} stakeholder(s)", c.stakeholders.len()))
                    .with_hint("the model weighs stakeholders against each other: add at least two [[issue.stakeholder]] entries"),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in c.stakeholders.iter().enumerate() {
            let o = c.origin.item("stakeholder", i);
            if !seen.insert(s.actor.clone()) {
                issues.push(
                    Issue::error(
                        o.key("actor"),
                        format!("{what}: {} is a stakeholder twice", s.actor),
                    )
                    .with_hint("one stance per actor and issue: merge the two"),
                );
            }
            if !(s.position >= lo && s.position <= hi) {
                issues.push(
                    Issue::error(
                        o.key("position"),
                        format!(
                            "{what}: {}'s position {} is off the scale {lo}–{hi}",
                            s.actor, s.position
                        ),
                    )
                    .with_hint("positions lie on the issue's scale"),
                );
            }
            if !(0.0..=1.0).contains(&s.salience) {
                issues.push(
                    Issue::error(
                        o.key("salience"),
                        format!(
                            "{what}: {}'s salience {} is not in 0–1",
                            s.actor, s.salience
                        ),
                    )
                    .with_hint("salience is a share: 0 (indifferent) to 1 (nothing matters more)"),
                );
            }
            if s.capability.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
                issues.push(
                    Issue::error(
                        o.key("capability"),
                        format!("{what}: {}'s capability is negative", s.actor),
                    )
                    .with_hint("give a number ≥ 0, or leave it out to use the actor's CINC"),
                );
            }
            if s.cite.is_empty() {
                issues.push(
                    Issue::error(o.key("cite"), format!("{what}: {}'s stance has no source", s.actor))
                        .with_hint("say what the estimate is argued from: cite = [{ source = \"…\", lines = \"…\" }]"),
                );
            }
        }
    }
}

/// A stakeholder ready for the model: the actor, its capability (the stance's, or its CINC), its
/// position and salience.
#[derive(Clone, Debug, PartialEq)]
pub struct Stake {
    pub actor: String,
    pub capability: f64,
    pub position: f64,
    pub salience: f64,
}

impl Contest {
    /// The stakeholders with their capabilities: a stance's own, else the actor's CINC in
    /// `capabilities` for the latest year not after `year`. An error names the actor without one.
    pub fn stakes(
        &self,
        capabilities: &[crate::Capability],
        year: i32,
    ) -> Result<Vec<Stake>, String> {
        self.stakeholders
            .iter()
            .map(|st| {
                let capability = match st.capability {
                    Some(c) => c,
                    None => capabilities
                        .iter()
                        .filter(|c| c.actor == st.actor && c.year <= year)
                        .filter_map(|c| c.cinc.as_ref().map(|q| (c.year, q.central())))
                        .max_by_key(|(y, _)| *y)
                        .map(|(_, v)| v)
                        .ok_or_else(|| {
                            format!(
                                "issue {}: {} has no capability and no CINC in the scenario; give capability = … in its stance",
                                self.id, st.actor
                            )
                        })?,
                };
                Ok(Stake {
                    actor: st.actor.clone(),
                    capability,
                    position: st.position,
                    salience: st.salience,
                })
            })
            .collect()
    }
}
