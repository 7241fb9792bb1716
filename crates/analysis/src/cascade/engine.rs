//! The propagation shared by the deterministic cascade and every Monte Carlo trial.
//!
//! One engine, two uses: with a [`Decider`] that honours every obligation and a [`Recorder`] that keeps
//! the reasons, it is the deterministic cascade; with a random decider and a no-op recorder, one trial.
//! So "Monte Carlo with every rate at 1 equals the deterministic cascade" holds by construction (and is
//! tested).
//!
//! Complexity: each wave visits only the obligations owed to belligerents (`World::owed_to`), and each
//! obligation is decided at most once per run, so a trial costs O(obligations owed to belligerents ×
//! attacks on them).

use super::Side;
use super::compile::{Check, Dynamic, Move, Ob, World};
use entente_model::ProvisionKind;

/// Why an actor entered the war.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The attacker or the target of the war.
    Attack,
    /// The user's `--strike`, by index.
    Strike(usize),
    /// The user's `--join`, by index.
    Join(usize),
    /// An obligation (index into `World::obs`) triggered by an attack (index into the attack list).
    Obligation { ob: usize, attack: usize },
}

/// How an attack came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttackKind {
    Initial,
    Strike,
    /// An offence provision's joint attack.
    Offence,
    /// Under counter-attack triggers: the state is fought by the other side at the war's place.
    Counter,
}

/// The other side as a whole, for counter-attacks.
pub const OTHER_SIDE: u16 = u16::MAX;

#[derive(Clone, Copy, Debug)]
pub struct AttackRec {
    /// The attacking state, or [`OTHER_SIDE`].
    pub attacker: u16,
    pub victim: u16,
    pub place: u16,
    pub kind: AttackKind,
}

/// Decides whether triggered obligations are honoured.
pub trait Decider {
    /// Whether a triggered obligation is honoured. `place_unknown` when a fact about the place (its
    /// region) is missing; `o.unresolved` lists conditions the data flags but does not specify. Either
    /// makes the obligation conditional. `joining` is the side the obligor would join.
    fn honour(&mut self, ob: usize, o: &Ob, place_unknown: bool, joining: Side) -> bool;
    /// Whether a neutrality obligation keeps its obligor out.
    fn neutral(&mut self, ob: usize, o: &Ob) -> bool;
}

/// Keeps what happened, for explanations.
pub trait Recorder {
    fn entered(&mut self, _wave: usize, _actor: u16, _side: Side, _causes: &[Cause]) {}
    fn unresolved(&mut self, _ob: usize, _attack: usize) {}
    fn declined(&mut self, _ob: usize, _attack: usize) {}
    /// An actor obliged to both sides, or obliged against a partner it owes neutrality.
    fn conflict(
        &mut self,
        _wave: usize,
        _actor: u16,
        _causes: &[(Side, Cause)],
        _neutral: Option<usize>,
    ) {
    }
}

/// A recorder that keeps nothing (Monte Carlo trials).
pub struct Silent;
impl Recorder for Silent {}

const NONE: u8 = 0;

fn code(s: Side) -> u8 {
    match s {
        Side::Aggressor => 1,
        Side::Defender => 2,
    }
}

fn side_of(c: u8) -> Side {
    if c == 1 {
        Side::Aggressor
    } else {
        Side::Defender
    }
}

/// The state of one run. Reused across trials: `reset` is cheap.
pub struct Sim<'w> {
    w: &'w World,
    /// 0 out, 1 aggressor side, 2 defending side.
    pub side: Vec<u8>,
    pub attacks: Vec<AttackRec>,
    /// Per actor: bit 0 set once it is attacked, bit 1 once it attacks (not counting counter-attacks),
    /// so that obligations owed to actors neither attacked nor attacking are skipped without a scan.
    hit: Vec<u8>,
    /// Members of each side in order of entry: [aggressor, defender].
    pub members: [Vec<u16>; 2],
    /// Obligation decided in the current run when equal to `generation`.
    decided: Vec<u32>,
    generation: u32,
    proposals: Vec<(u16, Side, Cause)>,
    mine: Vec<(Side, Cause)>,
    causes: Vec<Cause>,
    entered_now: Vec<u16>,
}

impl<'w> Sim<'w> {
    pub fn new(w: &'w World) -> Sim<'w> {
        Sim {
            w,
            side: vec![NONE; w.n()],
            attacks: Vec::new(),
            hit: vec![0; w.n()],
            members: [Vec::new(), Vec::new()],
            decided: vec![0; w.obs.len()],
            generation: 0,
            proposals: Vec::new(),
            mine: Vec::new(),
            causes: Vec::new(),
            entered_now: Vec::new(),
        }
    }

    fn reset(&mut self) {
        self.side.fill(NONE);
        self.attacks.clear();
        self.hit.fill(0);
        self.members[0].clear();
        self.members[1].clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.decided.fill(0);
            self.generation = 1;
        }
    }

    fn enter<R: Recorder>(
        &mut self,
        wave: usize,
        actor: u16,
        s: Side,
        causes: &[Cause],
        r: &mut R,
    ) {
        if self.side[actor as usize] != NONE {
            return;
        }
        self.side[actor as usize] = code(s);
        self.members[(code(s) - 1) as usize].push(actor);
        self.entered_now.push(actor);
        r.entered(wave, actor, s, causes);
    }

    fn attack(&mut self, a: AttackRec) {
        self.hit[a.victim as usize] |= 1;
        if a.attacker != OTHER_SIDE && a.kind != AttackKind::Counter {
            self.hit[a.attacker as usize] |= 2;
        }
        self.attacks.push(a);
    }

    fn opposite(&self, of: u16) -> &[u16] {
        match self.side[of as usize] {
            1 => &self.members[1],
            2 => &self.members[0],
            _ => &[],
        }
    }

    fn add_counter_attacks(&mut self) {
        if self.w.counter_attack_triggers {
            for k in 0..self.entered_now.len() {
                let x = self.entered_now[k];
                self.attack(AttackRec {
                    attacker: OTHER_SIDE,
                    victim: x,
                    place: 0,
                    kind: AttackKind::Counter,
                });
            }
        }
        self.entered_now.clear();
    }

    /// Whether the dynamic conditions hold for an attack relevant to `o`.
    fn dynamic_ok(&self, o: &Ob, a: &AttackRec) -> bool {
        let b = o.beneficiary;
        o.dynamic.iter().all(|d| match d {
            Dynamic::Adversary(list) => {
                let who = if o.kind == ProvisionKind::Offence {
                    a.victim
                } else {
                    a.attacker
                };
                if who == OTHER_SIDE {
                    self.opposite(b).iter().any(|x| list.contains(x))
                } else {
                    list.contains(&who)
                }
            }
            Dynamic::MinAdversaries(n) => self.opposite(b).len() >= *n as usize,
            Dynamic::NonProvocation => {
                o.kind == ProvisionKind::Offence || self.side[b as usize] != 1
            }
            Dynamic::WarWith(list) => self.opposite(b).iter().any(|x| list.contains(x)),
        })
    }

    /// Whether `o` is triggered: `Some((place_unknown, attack))`, the attack that triggers it.
    fn trigger(&self, o: &Ob) -> Option<(bool, usize)> {
        let b = o.beneficiary;
        let mut best = None;
        for (i, a) in self.attacks.iter().enumerate() {
            let relevant = match o.kind {
                ProvisionKind::Defence => a.victim == b,
                ProvisionKind::Offence => a.attacker == b && a.kind != AttackKind::Counter,
                _ => false,
            };
            if !relevant {
                continue;
            }
            let unknown = match &o.place[a.place as usize] {
                Check::No(_) => continue,
                Check::Unknown(_) => true,
                Check::Yes => false,
            };
            if !self.dynamic_ok(o, a) {
                continue;
            }
            if !unknown {
                return Some((false, i));
            }
            best.get_or_insert((true, i));
        }
        best
    }

    /// Runs the crisis to its end. The moves must have been validated (`World::initial_side`).
    pub fn run<D: Decider, R: Recorder>(&mut self, d: &mut D, r: &mut R) {
        self.reset();
        let w = self.w;
        for m in &w.moves {
            match *m {
                Move::Attack { attacker, target } => {
                    self.enter(0, attacker, Side::Aggressor, &[Cause::Attack], r);
                    self.enter(0, target, Side::Defender, &[Cause::Attack], r);
                    self.attack(AttackRec {
                        attacker,
                        victim: target,
                        place: 0,
                        kind: AttackKind::Initial,
                    });
                }
                Move::Strike {
                    attacker,
                    victim,
                    place,
                    index,
                    counter,
                } => {
                    let (sa, sv) = (self.side[attacker as usize], self.side[victim as usize]);
                    let (a_side, v_side) = match (sa, sv) {
                        (NONE, NONE) => (Side::Aggressor, Side::Defender),
                        (NONE, v) => (side_of(v).other(), side_of(v)),
                        (a, _) => (side_of(a), side_of(a).other()),
                    };
                    self.enter(0, attacker, a_side, &[Cause::Strike(index)], r);
                    self.enter(0, victim, v_side, &[Cause::Strike(index)], r);
                    // A counter-attack on the side that began the war makes a victim only when
                    // counter-attacks trigger defence obligations.
                    if !counter || self.w.counter_attack_triggers {
                        self.attack(AttackRec {
                            attacker,
                            victim,
                            place,
                            kind: AttackKind::Strike,
                        });
                    }
                }
                Move::Join {
                    joiner,
                    side_of: of,
                    index,
                } => {
                    let s = self.side[of as usize];
                    if s != NONE {
                        self.enter(0, joiner, side_of(s), &[Cause::Join(index)], r);
                    }
                }
            }
        }
        self.add_counter_attacks();
        let mut wave = 0;
        loop {
            wave += 1;
            self.proposals.clear();
            for s in 0..2 {
                let mut k = 0;
                while k < self.members[s].len() {
                    let b = self.members[s][k];
                    k += 1;
                    let hit = self.hit[b as usize];
                    if hit == 0 {
                        continue;
                    }
                    for &obi in &w.owed_to[b as usize] {
                        let obi = obi as usize;
                        let o = &w.obs[obi];
                        let relevant = match o.kind {
                            ProvisionKind::Defence => hit & 1 != 0,
                            ProvisionKind::Offence => hit & 2 != 0,
                            _ => false,
                        };
                        if !relevant
                            || !o.in_force
                            || self.decided[obi] == self.generation
                            || self.side[o.obligor as usize] != NONE
                        {
                            continue;
                        }
                        let Some((place_unknown, attack)) = self.trigger(o) else {
                            continue;
                        };
                        self.decided[obi] = self.generation;
                        let conditional = place_unknown || !o.unresolved.is_empty();
                        let joining = side_of(self.side[b as usize]);
                        if d.honour(obi, o, place_unknown, joining) {
                            self.proposals.push((
                                o.obligor,
                                joining,
                                Cause::Obligation { ob: obi, attack },
                            ));
                        } else if conditional {
                            r.unresolved(obi, attack);
                        } else {
                            r.declined(obi, attack);
                        }
                    }
                }
            }
            if self.proposals.is_empty() {
                break;
            }
            // Group by obligor, keeping the order in which obligations were found. Buffers are reused
            // across trials: no allocation on this path.
            let proposals = std::mem::take(&mut self.proposals);
            let mut mine = std::mem::take(&mut self.mine);
            let mut causes = std::mem::take(&mut self.causes);
            for (i, &(actor, _, _)) in proposals.iter().enumerate() {
                if proposals[..i].iter().any(|p| p.0 == actor) {
                    continue;
                }
                mine.clear();
                mine.extend(
                    proposals[i..]
                        .iter()
                        .filter(|p| p.0 == actor)
                        .map(|p| (p.1, p.2)),
                );
                let s = mine[0].0;
                if mine.iter().any(|m| m.0 != s) {
                    r.conflict(wave, actor, &mine, None);
                    continue;
                }
                // Neutrality owed to a partner fighting on the other side keeps the actor out.
                let held = w.neutral[actor as usize]
                    .iter()
                    .map(|&n| n as usize)
                    .find(|&n| {
                        let no = &w.obs[n];
                        no.in_force && self.side[no.beneficiary as usize] == code(s.other())
                    });
                if let Some(n) = held
                    && d.neutral(n, &w.obs[n])
                {
                    r.conflict(wave, actor, &mine, Some(n));
                    continue;
                }
                causes.clear();
                causes.extend(mine.iter().map(|m| m.1));
                self.enter(wave, actor, s, &causes, r);
                for c in &causes {
                    if let Cause::Obligation { ob, attack } = *c
                        && w.obs[ob].kind == ProvisionKind::Offence
                    {
                        let a = self.attacks[attack];
                        self.attack(AttackRec {
                            attacker: actor,
                            victim: a.victim,
                            place: a.place,
                            kind: AttackKind::Offence,
                        });
                    }
                }
            }
            self.proposals = proposals;
            self.mine = mine;
            self.causes = causes;
            if self.entered_now.is_empty() {
                break;
            }
            self.add_counter_attacks();
        }
    }
}
