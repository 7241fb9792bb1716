//! Compiling a crisis: the scenario's provisions become indexed directed obligations, with every
//! condition that depends only on the place evaluated once per attack place, so that a Monte Carlo
//! trial only follows indices.

use super::priors::HonourRates;
use super::{Crisis, CrisisError, Rules, Side};
use crate::obligations;
use entente_model::agreement::{AttackedObject, ScopeClause};
use entente_model::{Condition, Place, ProvisionKind, Scenario};
use serde::Serialize;
use std::collections::HashMap;

/// What the expected coalition capability sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CapabilityMeasure {
    /// The Composite Index of National Capability (NMC), a share of the system.
    Cinc,
    /// Military expenditure, thousands of current US$.
    Milex,
}

impl CapabilityMeasure {
    pub fn describe(self) -> &'static str {
        match self {
            CapabilityMeasure::Cinc => {
                "CINC (NMC), each state's latest value up to the war's year; a coalition's sum is its share of world capabilities"
            }
            CapabilityMeasure::Milex => {
                "military expenditure (thousands of current US$), the scenario's latest figure up to the war's year"
            }
        }
    }
}

/// The outcome of a condition that depends only on where the attack happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", content = "why", rename_all = "kebab-case")]
pub enum Check {
    Yes,
    No(String),
    Unknown(String),
}

/// A condition that depends on the war as it unfolds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "arg", rename_all = "kebab-case")]
pub enum Dynamic {
    /// The attack on the beneficiary (or, for offence, the beneficiary's victim) involves one of these.
    Adversary(Vec<u16>),
    /// At least this many states fight the beneficiary's side.
    MinAdversaries(u32),
    /// The beneficiary must not be on the side that struck first.
    NonProvocation,
    /// One of these fights the beneficiary's side.
    WarWith(Vec<u16>),
}

/// One directed obligation.
#[derive(Clone, Debug, Serialize)]
pub struct Ob {
    pub agreement: usize,
    pub provision: usize,
    pub obligor: u16,
    pub beneficiary: u16,
    pub kind: ProvisionKind,
    pub in_force: bool,
    /// Per attack place (index into `World::places`).
    pub place: Vec<Check>,
    pub dynamic: Vec<Dynamic>,
    /// Conditions flagged but not specified.
    pub unresolved: Vec<String>,
    pub p_honour: f64,
    /// Where `p_honour` comes from.
    pub p_basis: String,
    /// The assumption it rests on: obligations with the same key share one rate.
    pub p_key: String,
    /// The range sensitivity analysis varies the rate over.
    pub p_range: [f64; 2],
    /// The probability that the unresolved conditions hold (1 when there are none).
    pub p_condition: f64,
}

/// The initial moves: the attack, the user's strikes and joins, in order.
#[derive(Clone, Debug, Serialize)]
pub enum Move {
    Attack {
        attacker: u16,
        target: u16,
    },
    Strike {
        attacker: u16,
        victim: u16,
        place: u16,
        index: usize,
        /// A counter-attack on the side that struck first: a victim only under counter-attack
        /// triggers.
        counter: bool,
    },
    Join {
        joiner: u16,
        side_of: u16,
        index: usize,
    },
}

/// A compiled crisis.
#[derive(Clone, Debug, Serialize)]
pub struct World {
    /// Actor ids by index.
    pub ids: Vec<String>,
    #[serde(skip)]
    pub index: HashMap<String, u16>,
    pub obs: Vec<Ob>,
    /// Beneficiary → wartime obligations (defence, offence) owed to it.
    pub owed_to: Vec<Vec<u32>>,
    /// Obligor → neutrality obligations it owes.
    pub neutral: Vec<Vec<u32>>,
    /// Attack places; 0 is the war's place.
    pub places: Vec<Place>,
    pub moves: Vec<Move>,
    pub counter_attack_triggers: bool,
    /// Each actor's capability in the latest year up to the war's, if known: CINC when the world has
    /// it (NMC data loaded), otherwise military expenditure (thousands of current US$).
    pub capability: Vec<Option<f64>>,
    pub capability_years: Vec<Option<i32>>,
    /// Nuclear warheads of each actor, from the scenario's in-service `nuclear` force items dated up
    /// to the war's year (the latest): a column of its own, never added to conventional capability.
    pub warheads: Vec<Option<f64>>,
    pub capability_measure: CapabilityMeasure,
}

impl World {
    pub fn actor(&self, id: &str) -> Option<u16> {
        self.index.get(id).copied()
    }

    pub fn build(
        s: &Scenario,
        crisis: &Crisis,
        rules: Rules,
        rates: &HonourRates,
    ) -> Result<World, CrisisError> {
        let ids: Vec<String> = s.facts.actors.iter().map(|a| a.id.clone()).collect();
        if ids.len() >= u16::MAX as usize {
            return Err(CrisisError(format!(
                "{} actors is more than the cascade handles (65,534)",
                ids.len()
            )));
        }
        let index: HashMap<String, u16> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u16))
            .collect();
        let idx = |id: &str, role: &str| -> Result<u16, CrisisError> {
            index.get(id).copied().ok_or_else(|| {
                CrisisError(format!(
                    "the {role} \"{id}\" is not an actor of scenario {}",
                    s.info.id
                ))
            })
        };
        let state = |id: &str, role: &str| -> Result<u16, CrisisError> {
            let i = idx(id, role)?;
            if !s.facts.actors[i as usize].is_state() {
                return Err(CrisisError(format!(
                    "the {role} \"{id}\" is an organisation; wars are fought by states (name one of its members)"
                )));
            }
            Ok(i)
        };
        let mut places = vec![crisis.place.clone()];
        let mut place_of = |p: &Place| -> u16 {
            match places.iter().position(|x| x == p) {
                Some(i) => i as u16,
                None => {
                    places.push(p.clone());
                    (places.len() - 1) as u16
                }
            }
        };
        let attacker = state(&crisis.attacker, "attacker")?;
        let target = state(&crisis.target, "target")?;
        if attacker == target {
            return Err(CrisisError(
                "the attacker and the target are the same state".into(),
            ));
        }
        let mut moves = vec![Move::Attack { attacker, target }];
        for (n, st) in crisis.strikes.iter().enumerate() {
            let a = state(&st.attacker, "striking state")?;
            let v = state(&st.victim, "struck state")?;
            if a == v {
                return Err(CrisisError(format!(
                    "--strike {}:{}: a state cannot strike itself",
                    st.attacker, st.victim
                )));
            }
            let p = place_of(
                st.place
                    .as_ref()
                    .unwrap_or(&Place::Territory(st.victim.clone())),
            );
            moves.push(Move::Strike {
                attacker: a,
                victim: v,
                place: p,
                index: n,
                counter: st.counter,
            });
        }
        for (n, (j, of)) in crisis.joins.iter().enumerate() {
            let joiner = state(j, "joining state")?;
            let side_of = state(of, "state joined")?;
            if joiner == side_of {
                return Err(CrisisError(format!(
                    "--join {j}:{of}: a state cannot join its own side"
                )));
            }
            moves.push(Move::Join {
                joiner,
                side_of,
                index: n,
            });
        }
        // Obligations: every provision of every agreement, expanded to directed pairs. An
        // organisation's agreement binds its members on the war's date.
        let mut obs = Vec::new();
        let year = entente_model::date::civil_from_days(crisis.day).0;
        for (ai, a) in s.facts.agreements.iter().enumerate() {
            let in_force = a.in_force_on(crisis.day, rules.by_signature);
            for (pi, p) in a.provisions.iter().enumerate() {
                let (obligors, beneficiaries) = obligations::parties(s, a, p, Some(crisis.day));
                for o in &obligors {
                    for b in &beneficiaries {
                        if o == b {
                            continue;
                        }
                        let (Some(&oi), Some(&bi)) = (index.get(o), index.get(b)) else {
                            continue;
                        };
                        let mut dynamic = Vec::new();
                        let mut unresolved = Vec::new();
                        for c in &p.conditions {
                            let list = |v: &Vec<String>| {
                                v.iter()
                                    .filter_map(|x| index.get(x).copied())
                                    .collect::<Vec<u16>>()
                            };
                            match c {
                                Condition::Adversary { actors } => {
                                    dynamic.push(Dynamic::Adversary(list(actors)))
                                }
                                Condition::MinAdversaries { count } => {
                                    dynamic.push(Dynamic::MinAdversaries(*count))
                                }
                                Condition::NonProvocation => dynamic.push(Dynamic::NonProvocation),
                                Condition::WarWith { actors } => {
                                    dynamic.push(Dynamic::WarWith(list(actors)))
                                }
                                Condition::Unresolved { what } => unresolved.push(what.clone()),
                                _ => {}
                            }
                        }
                        let rate = honour(s, a, p, o, crisis.day, rates);
                        obs.push(Ob {
                            agreement: ai,
                            provision: pi,
                            obligor: oi,
                            beneficiary: bi,
                            kind: p.kind,
                            in_force,
                            place: Vec::new(),
                            dynamic,
                            p_condition: if unresolved.is_empty() {
                                1.0
                            } else {
                                rates.unresolved.powi(unresolved.len() as i32)
                            },
                            unresolved,
                            p_honour: rate.p,
                            p_basis: rate.basis,
                            p_key: rate.key,
                            p_range: rate.range,
                        });
                    }
                }
            }
        }
        // Static place checks for every obligation at every attack place.
        let mut parties_of: HashMap<usize, Vec<String>> = HashMap::new();
        for ob in &mut obs {
            let agreement = &s.facts.agreements[ob.agreement];
            let prov = &agreement.provisions[ob.provision];
            let beneficiary = &ids[ob.beneficiary as usize];
            let parties = parties_of
                .entry(ob.agreement)
                .or_insert_with(|| s.parties_on(agreement, crisis.day));
            ob.place = places
                .iter()
                .map(|pl| place_check(s, &prov.conditions, pl, beneficiary, parties))
                .collect();
        }
        let n = ids.len();
        let mut owed_to = vec![Vec::new(); n];
        let mut neutral = vec![Vec::new(); n];
        for (i, ob) in obs.iter().enumerate() {
            match ob.kind {
                ProvisionKind::Defence | ProvisionKind::Offence => {
                    owed_to[ob.beneficiary as usize].push(i as u32)
                }
                ProvisionKind::Neutrality => neutral[ob.obligor as usize].push(i as u32),
                _ => {}
            }
        }
        let capability_measure = if s.facts.capabilities.iter().any(|c| c.cinc.is_some()) {
            CapabilityMeasure::Cinc
        } else {
            CapabilityMeasure::Milex
        };
        let mut capability = vec![None; n];
        let mut capability_years = vec![None; n];
        for c in &s.facts.capabilities {
            let (Some(&i), Some(q)) = (
                index.get(&c.actor),
                match capability_measure {
                    CapabilityMeasure::Cinc => c.cinc.as_ref(),
                    CapabilityMeasure::Milex => c.milex.as_ref(),
                },
            ) else {
                continue;
            };
            if c.year <= year && capability_years[i as usize].is_none_or(|y| c.year > y) {
                capability[i as usize] = Some(q.central());
                capability_years[i as usize] = Some(c.year);
            }
        }
        let mut warheads: Vec<Option<(f64, i32)>> = vec![None; n];
        for f in &s.facts.forces {
            let nuclear = f.category.as_deref() == Some("nuclear")
                && matches!(
                    f.status,
                    entente_model::ForceStatus::InService | entente_model::ForceStatus::Deployed
                );
            let dated = f
                .as_of
                .and_then(|d| d.earliest())
                .map(|d| entente_model::date::civil_from_days(d).0);
            if let (true, Some(&i), Some(y)) = (nuclear, index.get(&f.actor), dated)
                && y <= year
                && warheads[i as usize].is_none_or(|(_, had)| y > had)
            {
                warheads[i as usize] = Some((f.count.central(), y));
            }
        }
        let warheads = warheads.into_iter().map(|w| w.map(|(c, _)| c)).collect();
        let world = World {
            ids,
            warheads,
            index,
            obs,
            owed_to,
            neutral,
            places,
            moves,
            counter_attack_triggers: rules.counter_attack_triggers,
            capability,
            capability_years,
            capability_measure,
        };
        world.initial_side(&mut vec![None; world.n()])?;
        Ok(world)
    }

    pub fn n(&self) -> usize {
        self.ids.len()
    }

    /// The initial sides implied by the moves, in order; an error if the assumptions contradict.
    pub fn initial_side(&self, side: &mut [Option<Side>]) -> Result<(), CrisisError> {
        for m in &self.moves {
            match *m {
                Move::Attack { attacker, target } => {
                    side[attacker as usize] = Some(Side::Aggressor);
                    side[target as usize] = Some(Side::Defender);
                }
                Move::Strike {
                    attacker, victim, ..
                } => match (side[attacker as usize], side[victim as usize]) {
                    (Some(a), Some(v)) if a == v => {
                        return Err(CrisisError(format!(
                            "--strike {}:{}: both are on the {a}",
                            self.ids[attacker as usize], self.ids[victim as usize]
                        )));
                    }
                    (None, Some(v)) => side[attacker as usize] = Some(v.other()),
                    (Some(a), None) => side[victim as usize] = Some(a.other()),
                    (None, None) => {
                        side[attacker as usize] = Some(Side::Aggressor);
                        side[victim as usize] = Some(Side::Defender);
                    }
                    _ => {}
                },
                Move::Join {
                    joiner, side_of, ..
                } => {
                    let Some(s) = side[side_of as usize] else {
                        return Err(CrisisError(format!(
                            "--join {}:{}: {} is not in the war when {} joins (joins follow the attack and the strikes)",
                            self.ids[joiner as usize],
                            self.ids[side_of as usize],
                            self.ids[side_of as usize],
                            self.ids[joiner as usize]
                        )));
                    };
                    if side[joiner as usize].is_some_and(|j| j != s) {
                        return Err(CrisisError(format!(
                            "--join {}:{}: {} is already on the other side",
                            self.ids[joiner as usize],
                            self.ids[side_of as usize],
                            self.ids[joiner as usize]
                        )));
                    }
                    side[joiner as usize] = Some(s);
                }
            }
        }
        Ok(())
    }
}

/// The honouring probability of one obligation, what it rests on, the assumption it belongs to
/// (obligations resting on the same assumption share a key) and the range sensitivity analysis
/// varies it over. Precedence, highest first: a command-line rate for the agreement, one for the
/// obligor, the provision's case assessment for this obligor, the agreement's `honour`, the
/// obligor's `honour`, the prior. Where the source gives no range, the range is the spread of the
/// published base rates for the obligation's kind and date.
fn honour(
    s: &Scenario,
    a: &entente_model::Agreement,
    p: &entente_model::Provision,
    obligor: &str,
    day: i32,
    rates: &HonourRates,
) -> Rate {
    let (prior, basis) = rates.prior.rate(p.kind, day);
    let published = super::priors::published_range(p.kind, day);
    let stated = |h: &entente_model::Honour, key: String, label: String| {
        let p = h.apply(prior);
        let label = match h.shift {
            Some(x) => format!("{label} {p} ({basis} {x:+})"),
            None => format!("{label} {p}"),
        };
        Rate {
            p,
            basis: if h.why.is_empty() {
                label
            } else {
                format!("{label}: {}", h.why)
            },
            key,
            range: h.range.unwrap_or(published),
        }
    };
    let rate = if let Some(x) = rates.agreements.get(&a.id) {
        Rate {
            p: *x,
            basis: format!("--honour {}={x}", a.id),
            key: format!("--honour {}", a.id),
            range: published,
        }
    } else if let Some(x) = rates.actors.get(obligor) {
        Rate {
            p: *x,
            basis: format!("--honour {obligor}={x}"),
            key: format!("--honour {obligor}"),
            range: published,
        }
    } else if let Some(h) = p.honour.iter().find(|h| h.covers(obligor)) {
        stated(
            h,
            format!("{} {} ({obligor})", a.id, p.article),
            format!("case assessment, {} {} for {obligor}", a.label(), p.article),
        )
    } else if let Some(h) = &a.honour {
        stated(
            h,
            format!("agreement {}", a.id),
            format!("scenario: agreement {} honour", a.id),
        )
    } else if let Some(h) = s.actor(obligor).and_then(|x| x.honour.as_ref()) {
        stated(
            h,
            format!("actor {obligor}"),
            format!("scenario: actor {obligor} honour"),
        )
    } else {
        Rate {
            p: prior,
            basis: basis.to_string(),
            key: format!("prior: {}", p.kind),
            range: published,
        }
    };
    match rates.by_key.get(&rate.key) {
        Some(x) => Rate {
            p: *x,
            basis: format!("{} (varied to {x})", rate.basis),
            ..rate
        },
        None => rate,
    }
}

/// An obligation's honouring rate and its provenance.
struct Rate {
    p: f64,
    basis: String,
    key: String,
    range: [f64; 2],
}

/// What the cascade needs to know of a place.
struct PlaceFacts<'a> {
    regions: Vec<&'a String>,
    admin: Vec<&'a String>,
    name: String,
    /// The state whose metropolitan territory the place is, if any.
    metropolitan_of: Option<&'a String>,
    /// The state whose forces the place is, if any.
    forces_of: Option<&'a String>,
}

/// The regions a place lies in, the states administering it, and what it is of whom.
fn place_facts<'a>(s: &'a Scenario, place: &'a Place) -> PlaceFacts<'a> {
    let unknown = |id: &String| PlaceFacts {
        regions: vec![],
        admin: vec![],
        name: id.clone(),
        metropolitan_of: None,
        forces_of: None,
    };
    match place {
        Place::Flashpoint(id) => match s.flashpoint(id) {
            Some(f) => PlaceFacts {
                regions: f.regions.iter().collect(),
                admin: f.administered_by.iter().collect(),
                name: f.name.clone(),
                metropolitan_of: if f.metropolitan && f.forces_of.is_none() {
                    f.administered_by.first()
                } else {
                    None
                },
                forces_of: f.forces_of.as_ref(),
            },
            None => unknown(id),
        },
        Place::Territory(id) => match s.actor(id) {
            Some(a) => PlaceFacts {
                regions: a.regions.iter().collect(),
                admin: vec![&a.id],
                name: format!("{}'s territory", a.name),
                metropolitan_of: Some(&a.id),
                forces_of: None,
            },
            None => unknown(id),
        },
    }
}

/// Whether an attack on `beneficiary` at a place matches one scope clause; `Err` when the place's
/// regions are not recorded and the clause needs them.
fn clause_holds(
    s: &Scenario,
    clause: &ScopeClause,
    f: &PlaceFacts<'_>,
    beneficiary: &str,
    parties: &[String],
) -> Result<bool, String> {
    let on = match clause.on {
        AttackedObject::Any => true,
        AttackedObject::Territory => {
            f.forces_of.is_none() && f.admin.iter().any(|a| *a == beneficiary)
        }
        AttackedObject::MetropolitanTerritory => {
            f.metropolitan_of.is_some_and(|a| a == beneficiary)
        }
        AttackedObject::Forces => f.forces_of.is_some_and(|a| a == beneficiary),
    };
    if !on {
        return Ok(false);
    }
    if clause.in_party_territory && !f.admin.iter().any(|a| parties.contains(a)) {
        return Ok(false);
    }
    if clause.regions.is_empty() {
        return Ok(true);
    }
    if f.regions.is_empty() {
        return Err(format!(
            "{} has no region recorded, so whether it lies in {} is unknown",
            f.name,
            clause.regions.join(" or ")
        ));
    }
    Ok(f.regions
        .iter()
        .any(|r| clause.regions.iter().any(|w| s.region_within(r, w))))
}

/// Every condition of a provision that depends only on the place, for an attack on `beneficiary` at
/// `place`. `No` carries the reason in words.
pub fn place_check(
    s: &Scenario,
    conditions: &[Condition],
    place: &Place,
    beneficiary: &str,
    parties: &[String],
) -> Check {
    let facts = place_facts(s, place);
    let (regions, admin, name) = (&facts.regions, &facts.admin, &facts.name);
    let mut unknown = None;
    for c in conditions {
        match c {
            Condition::Scope { clauses } => {
                let mut why_unknown = None;
                let mut holds = false;
                for cl in clauses {
                    match clause_holds(s, cl, &facts, beneficiary, parties) {
                        Ok(true) => {
                            holds = true;
                            break;
                        }
                        Ok(false) => {}
                        Err(why) => why_unknown = Some(why),
                    }
                }
                if !holds {
                    match why_unknown {
                        Some(why) => unknown = Some(why),
                        None => {
                            let what = match (facts.forces_of, facts.admin.as_slice()) {
                                (Some(f), [host, ..]) => {
                                    format!("{f}'s forces in territory {host} administers")
                                }
                                (Some(f), []) => format!("{f}'s forces"),
                                (None, []) => "territory no single state administers".to_string(),
                                (None, admin) => format!(
                                    "territory administered by {}",
                                    admin
                                        .iter()
                                        .map(|a| a.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            };
                            let here = if regions.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    ", in {}",
                                    regions
                                        .iter()
                                        .map(|r| r.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            };
                            return Check::No(format!(
                                "an attack on {beneficiary} at {name} ({what}{here}) is outside the treaty's area: it covers only an attack on {}",
                                clauses
                                    .iter()
                                    .map(ScopeClause::describe)
                                    .collect::<Vec<_>>()
                                    .join("; or ")
                            ));
                        }
                    }
                }
            }
            Condition::AdministeredBy { actor } if !admin.contains(&actor) => {
                let by = if admin.is_empty() {
                    "no single state".to_string()
                } else {
                    admin
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Check::No(format!(
                    "{name} is administered by {by}, not {actor}: the obligation covers only territory {actor} administers"
                ));
            }
            Condition::AttackedPartyTerritory if !admin.iter().any(|a| *a == beneficiary) => {
                return Check::No(format!(
                    "{name} is not territory {beneficiary} administers: the obligation covers an attack on a party in its own territory"
                ));
            }
            Condition::Region { regions: wanted } => {
                if regions.is_empty() {
                    unknown = Some(format!(
                        "{name} has no region recorded, so whether it lies in {} is unknown",
                        wanted.join(" or ")
                    ));
                } else if !regions
                    .iter()
                    .any(|r| wanted.iter().any(|w| s.region_within(r, w)))
                {
                    let here = regions
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Check::No(format!(
                        "{name} ({here}) lies outside {}",
                        wanted.join(" and ")
                    ));
                }
            }
            Condition::Place { places } => {
                let id = match place {
                    Place::Flashpoint(id) | Place::Territory(id) => id,
                };
                if !places.iter().any(|p| p == id) {
                    return Check::No(format!(
                        "{name} is not one of the places the obligation covers ({})",
                        places.join(", ")
                    ));
                }
            }
            _ => {}
        }
    }
    match unknown {
        Some(why) => Check::Unknown(why),
        None => Check::Yes,
    }
}
