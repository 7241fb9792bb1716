//! The deterministic cascade, explained: waves of entry with their reason chains, and for every state
//! tied to a belligerent that stays out, why it is not bound.

use super::compile::{Check, Dynamic, Move, Ob, World};
use super::engine::{self, Cause, Decider, OTHER_SIDE, Recorder, Sim};
use super::{Crisis, Rules, Side};
use entente_model::{Citation, Confidence, MemberRole, Place, ProvisionKind, Scenario};
use serde::Serialize;

/// How an actor entered.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum How {
    /// It attacked: the war's first move.
    Attacker,
    /// It was attacked: the war's first move.
    Target,
    /// The user's assumption that it strikes (or is struck).
    Strike {
        attacker: String,
        victim: String,
        place: String,
    },
    /// The user's assumption that it joins a side by its own choice.
    Join { side_of: String },
    /// A treaty obligation.
    Obligation(Reason),
}

/// A treaty obligation that brought an actor in, with the chain back to the attack.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub agreement: String,
    pub agreement_name: String,
    pub article: String,
    pub kind: ProvisionKind,
    /// The partner the obligation is owed to.
    pub owed_to: String,
    /// What triggered it: "KOR was attacked by PRK at Korean Peninsula".
    pub because: String,
    pub summary: String,
    /// The honouring probability the Monte Carlo uses, and its basis.
    pub p_honour: f64,
    pub p_basis: String,
    pub nuclear_umbrella: Option<String>,
    pub confidence: Confidence,
    pub cite: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub actor: String,
    pub name: String,
    pub side: Side,
    pub how: How,
    /// Further obligations pulling the same way.
    pub also: Vec<Reason>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Wave {
    pub wave: usize,
    pub entries: Vec<Entry>,
}

/// How an attack came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttackKind {
    Initial,
    Strike,
    Offence,
    Counter,
}

#[derive(Clone, Debug, Serialize)]
pub struct Attack {
    /// The attacking state, or "the aggressor side" / "the defending side" for counter-attacks.
    pub attacker: String,
    pub victim: String,
    pub place: String,
    pub kind: AttackKind,
}

/// A state tied to a belligerent that stays out, and why it is not bound.
#[derive(Clone, Debug, Serialize)]
pub struct StaysOut {
    pub actor: String,
    pub name: String,
    /// The belligerent it is tied to.
    pub tie_to: String,
    pub agreement: String,
    pub agreement_name: String,
    pub article: String,
    pub kind: Option<ProvisionKind>,
    pub reasons: Vec<String>,
    pub cite: Vec<Citation>,
}

/// An obligation that would bind but for a condition the data does not specify.
#[derive(Clone, Debug, Serialize)]
pub struct Unresolved {
    pub obligor: String,
    pub owed_to: String,
    pub side: Side,
    pub agreement: String,
    pub article: String,
    pub kind: ProvisionKind,
    pub conditions: Vec<String>,
    pub cite: Vec<Citation>,
}

/// An actor caught between conflicting obligations; it stays out.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub actor: String,
    pub pulls: Vec<(Side, Reason)>,
    /// A neutrality obligation that holds it back, when that is the conflict.
    pub neutrality: Option<String>,
}

/// Talks the war obliges.
#[derive(Clone, Debug, Serialize)]
pub struct Consultation {
    pub obligor: String,
    pub with: String,
    pub agreement: String,
    pub article: String,
    pub in_war: bool,
}

/// An attack that breaks a non-aggression pledge.
#[derive(Clone, Debug, Serialize)]
pub struct NonAggressionBreach {
    pub attacker: String,
    pub victim: String,
    pub agreement: String,
    pub article: String,
    pub cite: Vec<Citation>,
}

/// The deterministic cascade.
#[derive(Clone, Debug, Serialize)]
pub struct Cascade {
    pub attacker: String,
    pub target: String,
    pub place: String,
    pub date: String,
    pub rules: Rules,
    /// The user's assumptions, in words.
    pub assumptions: Vec<String>,
    pub waves: Vec<Wave>,
    pub aggressor_side: Vec<String>,
    pub defending_side: Vec<String>,
    pub attacks: Vec<Attack>,
    pub stays_out: Vec<StaysOut>,
    pub unresolved: Vec<Unresolved>,
    pub conflicts: Vec<Conflict>,
    pub consultations: Vec<Consultation>,
    pub non_aggression_breaches: Vec<NonAggressionBreach>,
}

/// Honours every resolved obligation and every neutrality; leaves unresolved ones out.
struct Certain;
impl Decider for Certain {
    fn honour(&mut self, _: usize, o: &Ob, place_unknown: bool, _: Side) -> bool {
        !place_unknown && o.unresolved.is_empty()
    }
    fn neutral(&mut self, _: usize, _: &Ob) -> bool {
        true
    }
}

/// An actor pulled both ways: the pulls, and the neutrality obligation that held it, if any.
type Pulled = (u16, Vec<(Side, Cause)>, Option<usize>);

#[derive(Default)]
struct Trace {
    entered: Vec<(usize, u16, Side, Vec<Cause>)>,
    unresolved: Vec<(usize, usize)>,
    conflicts: Vec<Pulled>,
}

impl Recorder for Trace {
    fn entered(&mut self, wave: usize, actor: u16, side: Side, causes: &[Cause]) {
        self.entered.push((wave, actor, side, causes.to_vec()));
    }
    fn unresolved(&mut self, ob: usize, attack: usize) {
        self.unresolved.push((ob, attack));
    }
    fn conflict(
        &mut self,
        _wave: usize,
        actor: u16,
        causes: &[(Side, Cause)],
        neutral: Option<usize>,
    ) {
        self.conflicts.push((actor, causes.to_vec(), neutral));
    }
}

pub fn place_name(s: &Scenario, p: &Place) -> String {
    match p {
        Place::Flashpoint(id) => s.flashpoint(id).map_or(id.clone(), |f| f.name.clone()),
        Place::Territory(id) => s
            .actor(id)
            .map_or(id.clone(), |a| format!("{}'s territory", a.name)),
    }
}

struct Ctx<'a> {
    s: &'a Scenario,
    w: &'a World,
    sim: &'a Sim<'a>,
}

impl Ctx<'_> {
    fn id(&self, i: u16) -> String {
        self.w.ids[i as usize].clone()
    }

    fn attack_text(&self, a: usize) -> String {
        let at = self.sim.attacks[a];
        let place = place_name(self.s, &self.w.places[at.place as usize]);
        let by = if at.attacker == OTHER_SIDE {
            format!(
                "fought by the {} (counter-attack trigger)",
                side_text(self.sim.side[at.victim as usize]).other()
            )
        } else {
            format!("attacked by {}", self.id(at.attacker))
        };
        match at.kind {
            engine::AttackKind::Counter => format!("{} is {by} at {place}", self.id(at.victim)),
            _ => format!("{} was {by} at {place}", self.id(at.victim)),
        }
    }

    fn reason(&self, ob: usize, attack: usize) -> Reason {
        let o = &self.w.obs[ob];
        let a = &self.s.facts.agreements[o.agreement];
        let p = &a.provisions[o.provision];
        let because = match o.kind {
            ProvisionKind::Offence => {
                let at = self.sim.attacks[attack];
                format!(
                    "{} attacks {} and the agreement obliges joining its attack",
                    self.id(o.beneficiary),
                    self.id(at.victim)
                )
            }
            _ => self.attack_text(attack),
        };
        Reason {
            agreement: a.id.clone(),
            agreement_name: a.label().to_string(),
            article: p.article.clone(),
            kind: o.kind,
            owed_to: self.id(o.beneficiary),
            because,
            summary: p.summary.clone(),
            p_honour: o.p_honour,
            p_basis: o.p_basis.clone(),
            nuclear_umbrella: p
                .nuclear_umbrella
                .as_ref()
                .map(|n| format!("{} ({}): {}", n.provider, n.confidence, n.note)),
            confidence: p.confidence.unwrap_or(a.confidence),
            cite: if p.cite.is_empty() {
                a.cite.clone()
            } else {
                p.cite.clone()
            },
        }
    }

    /// Why obligation `o`, owed to a belligerent, did not bring its obligor in.
    fn why_not(&self, o: &Ob, crisis: &Crisis, rules: Rules) -> Vec<String> {
        let a = &self.s.facts.agreements[o.agreement];
        let b = o.beneficiary;
        let bid = self.id(b);
        let mut out = Vec::new();
        match o.kind {
            ProvisionKind::Consultation => {
                return vec![format!(
                    "consultation only: obliges talks with {bid}, not force"
                )];
            }
            ProvisionKind::Cooperation => {
                let areas = &a.provisions[o.provision].areas;
                return vec![format!(
                    "cooperation only ({}): no obligation to fight for {bid}",
                    areas.join(", ")
                )];
            }
            ProvisionKind::NonAggression => {
                return vec![format!(
                    "non-aggression: obliges not attacking {bid}, not defending it"
                )];
            }
            ProvisionKind::Neutrality => {
                return vec![format!(
                    "neutrality: obliges staying out of a war against {bid}"
                )];
            }
            _ => {}
        }
        if !o.in_force {
            let start = if rules.by_signature {
                a.signed.or(a.in_force)
            } else {
                a.in_force
            };
            let mut why = format!(
                "not in force on {}",
                entente_model::date::civil_from_days(crisis.day).fmt_date()
            );
            match (start, a.ends) {
                (_, Some(e)) if e.certainly_on_or_before(crisis.day) => {
                    why.push_str(&format!(" (ended {e})"))
                }
                (Some(s), _) => why.push_str(&format!(
                    " ({} {s})",
                    if rules.by_signature {
                        "signed"
                    } else {
                        "in force from"
                    }
                )),
                (None, _) => why.push_str(
                    " (no entry-into-force date recorded; --by-signature counts from signature)",
                ),
            }
            out.push(why);
        }
        let bside = self.sim.side[b as usize];
        let attacked: Vec<usize> = (0..self.sim.attacks.len())
            .filter(|&i| self.sim.attacks[i].victim == b)
            .collect();
        if o.kind == ProvisionKind::Defence {
            if attacked.is_empty() {
                if bside == 1 {
                    out.push(format!(
                        "{bid} struck first: the obligation binds only if {bid} is attacked"
                    ));
                } else {
                    out.push(format!(
                        "{bid} was not attacked: it entered the war to defend another, and entering a war creates no victims"
                    ));
                }
                // Even had it been attacked here, would the place have counted?
                if let Check::No(why) = &o.place[0] {
                    out.push(format!("and even so: {why}"));
                }
            }
            for &i in &attacked {
                let at = self.sim.attacks[i];
                match &o.place[at.place as usize] {
                    Check::No(why) => out.push(why.clone()),
                    Check::Unknown(why) => out.push(format!("unresolved: {why}")),
                    Check::Yes => {}
                }
                for d in &o.dynamic {
                    match d {
                        Dynamic::Adversary(list)
                            if at.attacker != OTHER_SIDE && !list.contains(&at.attacker) =>
                        {
                            out.push(format!(
                                "only against {}: {bid} was attacked by {}",
                                list.iter()
                                    .map(|x| self.id(*x))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                self.id(at.attacker)
                            ))
                        }
                        Dynamic::MinAdversaries(n) if (self.opposite_count(b)) < *n as usize => out
                            .push(format!(
                                "only against {n} or more adversaries: {bid} fights {}",
                                self.opposite_count(b)
                            )),
                        Dynamic::NonProvocation if bside == 1 => out.push(format!(
                            "non-provocation: {bid} is on the side that struck first"
                        )),
                        Dynamic::WarWith(list) => out.push(format!(
                            "only in a war with {}",
                            list.iter()
                                .map(|x| self.id(*x))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        )),
                        _ => {}
                    }
                }
            }
        }
        if o.kind == ProvisionKind::Offence {
            out.push(format!(
                "offence: binds only when {bid} attacks{}",
                if bside == 2 {
                    &"; it is defending"
                } else {
                    &""
                }
            ));
        }
        for what in &o.unresolved {
            out.push(format!(
                "and it is conditional on {what}, which the data flags but does not specify"
            ));
        }
        if out.is_empty() {
            out.push("not triggered".into());
        }
        out
    }

    fn opposite_count(&self, b: u16) -> usize {
        match self.sim.side[b as usize] {
            1 => self.sim.members[1].len(),
            2 => self.sim.members[0].len(),
            _ => 0,
        }
    }
}

trait FmtDate {
    fn fmt_date(&self) -> String;
}

impl FmtDate for (i32, u8, u8) {
    fn fmt_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

fn side_text(code: u8) -> Side {
    if code == 1 {
        Side::Aggressor
    } else {
        Side::Defender
    }
}

pub fn explain(s: &Scenario, w: &World, crisis: &Crisis, rules: Rules) -> Cascade {
    let mut sim = Sim::new(w);
    let mut trace = Trace::default();
    sim.run(&mut Certain, &mut trace);
    let cx = Ctx { s, w, sim: &sim };
    let name = |i: u16| s.facts.actors[i as usize].name.clone();
    let mut waves: Vec<Wave> = Vec::new();
    for (wave, actor, side, causes) in &trace.entered {
        if waves.last().is_none_or(|x| x.wave != *wave) {
            waves.push(Wave {
                wave: *wave,
                entries: Vec::new(),
            });
        }
        let mut reasons: Vec<Reason> = causes
            .iter()
            .filter_map(|c| match c {
                Cause::Obligation { ob, attack } => Some(cx.reason(*ob, *attack)),
                _ => None,
            })
            .collect();
        let how = match causes[0] {
            Cause::Attack if *side == Side::Aggressor => How::Attacker,
            Cause::Attack => How::Target,
            Cause::Strike(i) => {
                let st = &crisis.strikes[i];
                let place = match w.moves.iter().find_map(|m| match m {
                    Move::Strike { index, place, .. } if *index == i => Some(*place),
                    _ => None,
                }) {
                    Some(p) => place_name(s, &w.places[p as usize]),
                    None => String::new(),
                };
                How::Strike {
                    attacker: st.attacker.clone(),
                    victim: st.victim.clone(),
                    place,
                }
            }
            Cause::Join(i) => How::Join {
                side_of: crisis.joins[i].1.clone(),
            },
            Cause::Obligation { .. } => How::Obligation(reasons.remove(0)),
        };
        if let Some(last) = waves.last_mut() {
            last.entries.push(Entry {
                actor: cx.id(*actor),
                name: name(*actor),
                side: *side,
                how,
                also: reasons,
            });
        }
    }
    let attacks = sim
        .attacks
        .iter()
        .map(|a| Attack {
            attacker: if a.attacker == OTHER_SIDE {
                format!("the {}", side_text(sim.side[a.victim as usize]).other())
            } else {
                cx.id(a.attacker)
            },
            victim: cx.id(a.victim),
            place: place_name(s, &w.places[a.place as usize]),
            kind: match a.kind {
                engine::AttackKind::Initial => AttackKind::Initial,
                engine::AttackKind::Strike => AttackKind::Strike,
                engine::AttackKind::Offence => AttackKind::Offence,
                engine::AttackKind::Counter => AttackKind::Counter,
            },
        })
        .collect();
    let in_war = |i: u16| sim.side[i as usize] != 0;
    let conflicted: Vec<u16> = trace.conflicts.iter().map(|c| c.0).collect();
    let unresolved_obs: Vec<usize> = trace.unresolved.iter().map(|u| u.0).collect();
    // Ties: obligations owed to belligerents by states that stayed out.
    let mut stays_out = Vec::new();
    let mut consultations = Vec::new();
    for (i, o) in w.obs.iter().enumerate() {
        if !in_war(o.beneficiary) || o.obligor == o.beneficiary {
            continue;
        }
        let a = &s.facts.agreements[o.agreement];
        let p = &a.provisions[o.provision];
        if o.kind == ProvisionKind::Consultation && o.in_force {
            consultations.push(Consultation {
                obligor: cx.id(o.obligor),
                with: cx.id(o.beneficiary),
                agreement: a.label().into(),
                article: p.article.clone(),
                in_war: in_war(o.obligor),
            });
        }
        if in_war(o.obligor) || conflicted.contains(&o.obligor) || unresolved_obs.contains(&i) {
            continue;
        }
        stays_out.push(StaysOut {
            actor: cx.id(o.obligor),
            name: name(o.obligor),
            tie_to: cx.id(o.beneficiary),
            agreement: a.id.clone(),
            agreement_name: a.label().to_string(),
            article: p.article.clone(),
            kind: Some(o.kind),
            reasons: cx.why_not(o, crisis, rules),
            cite: if p.cite.is_empty() {
                a.cite.clone()
            } else {
                p.cite.clone()
            },
        });
    }
    // A victim that is only a partner or observer of an organisation is not covered by its articles.
    for (vi, _) in sim.side.iter().enumerate().filter(|(_, s)| **s != 0) {
        let vid = &w.ids[vi];
        for (org, m) in s.memberships_of(vid) {
            if m.role == MemberRole::Member {
                continue;
            }
            for a in s
                .facts
                .agreements
                .iter()
                .filter(|a| a.organisation.as_deref() == Some(org.id.as_str()))
            {
                for p in a
                    .provisions
                    .iter()
                    .filter(|p| p.kind == ProvisionKind::Defence)
                {
                    stays_out.push(StaysOut {
                        actor: org.id.clone(),
                        name: org.name.clone(),
                        tie_to: vid.clone(),
                        agreement: a.id.clone(),
                        agreement_name: a.label().to_string(),
                        article: p.article.clone(),
                        kind: None,
                        reasons: vec![format!(
                            "{vid} is a {} of {}, not a member: {} binds members only",
                            m.role, org.id, p.article
                        )],
                        cite: m.cite.clone(),
                    });
                }
            }
        }
    }
    let unresolved = trace
        .unresolved
        .iter()
        .map(|&(ob, attack)| {
            let o = &w.obs[ob];
            let a = &s.facts.agreements[o.agreement];
            let p = &a.provisions[o.provision];
            let mut conditions = o.unresolved.clone();
            let at = sim.attacks[attack];
            if let Check::Unknown(why) = &o.place[at.place as usize] {
                conditions.push(why.clone());
            }
            Unresolved {
                obligor: cx.id(o.obligor),
                owed_to: cx.id(o.beneficiary),
                side: side_text(sim.side[o.beneficiary as usize]),
                agreement: a.label().into(),
                article: p.article.clone(),
                kind: o.kind,
                conditions,
                cite: if p.cite.is_empty() {
                    a.cite.clone()
                } else {
                    p.cite.clone()
                },
            }
        })
        .collect();
    let conflicts = trace
        .conflicts
        .iter()
        .map(|(actor, pulls, neutral)| Conflict {
            actor: cx.id(*actor),
            pulls: pulls
                .iter()
                .filter_map(|(side, c)| match c {
                    Cause::Obligation { ob, attack } => Some((*side, cx.reason(*ob, *attack))),
                    _ => None,
                })
                .collect(),
            neutrality: neutral.map(|n| {
                let o = &w.obs[n];
                let a = &s.facts.agreements[o.agreement];
                format!(
                    "neutrality towards {} under {} {}",
                    cx.id(o.beneficiary),
                    a.label(),
                    a.provisions[o.provision].article
                )
            }),
        })
        .collect();
    let mut breaches = Vec::new();
    for o in w
        .obs
        .iter()
        .filter(|o| o.kind == ProvisionKind::NonAggression && o.in_force)
    {
        if sim.attacks.iter().any(|a| {
            a.attacker == o.obligor
                && a.victim == o.beneficiary
                && a.kind != engine::AttackKind::Counter
        }) {
            let a = &s.facts.agreements[o.agreement];
            let p = &a.provisions[o.provision];
            breaches.push(NonAggressionBreach {
                attacker: cx.id(o.obligor),
                victim: cx.id(o.beneficiary),
                agreement: a.label().into(),
                article: p.article.clone(),
                cite: if p.cite.is_empty() {
                    a.cite.clone()
                } else {
                    p.cite.clone()
                },
            });
        }
    }
    let mut assumptions = Vec::new();
    for st in &crisis.strikes {
        let place = st
            .place
            .as_ref()
            .map(|p| format!(" at {}", place_name(s, p)))
            .unwrap_or_default();
        assumptions.push(format!(
            "{} strikes {}{place} (--strike)",
            st.attacker, st.victim
        ));
    }
    for (j, of) in &crisis.joins {
        assumptions.push(format!("{j} joins {of}'s side by its own choice (--join)"));
    }
    let members = |k: usize| sim.members[k].iter().map(|&i| cx.id(i)).collect();
    Cascade {
        attacker: crisis.attacker.clone(),
        target: crisis.target.clone(),
        place: place_name(s, &crisis.place),
        date: entente_model::date::civil_from_days(crisis.day).fmt_date(),
        rules,
        assumptions,
        waves,
        aggressor_side: members(0),
        defending_side: members(1),
        attacks,
        stays_out,
        unresolved,
        conflicts,
        consultations,
        non_aggression_breaches: breaches,
    }
}
