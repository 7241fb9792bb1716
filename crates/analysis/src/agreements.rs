//! Agreements filtered the way an analyst asks: between these two states, with a defence clause,
//! in force on this date.

use crate::obligations::{self, Obligation};
use entente_model::{Agreement, ProvisionKind, Scenario};
use serde::Serialize;

/// A filter over agreements. Actor ids must be canonical.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Both actors must be parties (an organisation's agreement: members at the date, or ever).
    pub between: Option<(String, String)>,
    /// Keep agreements with at least one provision of this kind.
    pub provision: Option<ProvisionKind>,
    /// Keep agreements in force on this day (a day number).
    pub in_force_on: Option<i32>,
}

/// One agreement that matches, with its parties and its matching provisions spelled out.
#[derive(Clone, Debug, Serialize)]
pub struct Match<'a> {
    pub agreement: &'a Agreement,
    pub parties: Vec<String>,
    /// Directed obligations of the matching provisions; between the two actors only, when given.
    pub obligations: Vec<Obligation>,
}

pub fn find<'a>(scenario: &'a Scenario, q: &Query) -> Vec<Match<'a>> {
    let mut out = Vec::new();
    for a in &scenario.facts.agreements {
        if q.in_force_on.is_some_and(|d| !a.in_force_on(d, false)) {
            continue;
        }
        let parties = match q.in_force_on {
            Some(d) if a.organisation.is_some() => scenario.parties_on(a, d),
            _ => scenario.all_parties(a),
        };
        if let Some((x, y)) = &q.between
            && !(parties.contains(x) && parties.contains(y))
        {
            continue;
        }
        let provisions: Vec<_> = a
            .provisions
            .iter()
            .filter(|p| q.provision.is_none_or(|k| p.kind == k))
            .collect();
        if q.provision.is_some() && provisions.is_empty() {
            continue;
        }
        let mut obs: Vec<Obligation> = provisions
            .iter()
            .flat_map(|p| {
                obligations::expand(
                    scenario,
                    a,
                    p,
                    q.in_force_on.filter(|_| a.organisation.is_some()),
                )
            })
            .collect();
        if let Some((x, y)) = &q.between {
            obs.retain(|o| {
                (o.obligor == *x && o.beneficiary == *y) || (o.obligor == *y && o.beneficiary == *x)
            });
        }
        out.push(Match {
            agreement: a,
            parties,
            obligations: obs,
        });
    }
    out
}
