//! Monte Carlo over honouring: each trial runs the cascade with every triggered obligation honoured
//! with its probability (see [`super::priors`]), and conditions the data leaves unspecified holding
//! with their own probability. Reports each actor's probability of joining each side, the distribution
//! of coalition sizes and the expected coalition capability.
//!
//! **Determinism.** Trial `t` draws from its own SplitMix64 stream derived from `(seed, t)`; trials run
//! in fixed chunks whose partial sums are combined in chunk order. The result is the same for any
//! number of threads.
//!
//! **Correlation.** Allies' choices are not independent. With `Correlation::State(ρ)` each obligation
//! follows, with probability ρ, one draw shared by all obligations of the same obligor in the trial
//! (a state is reliable this time or not); with `Correlation::Coalition(ρ)`, one draw shared by all
//! obligations pulling towards the same side. Otherwise it uses its own draw. The marginal probability
//! of each obligation is unchanged; ρ = 0 is independence.

use super::Side;
use super::compile::{Ob, World};
use super::engine::{Decider, Silent, Sim};
use super::priors::{HonourRates, Prior};
use super::rng::SplitMix64;
use entente_model::Scenario;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "rho", rename_all = "kebab-case")]
pub enum Correlation {
    Independent,
    State(f64),
    Coalition(f64),
}

#[derive(Clone, Debug)]
pub struct McConfig {
    pub trials: u64,
    pub seed: u64,
    pub rates: HonourRates,
    pub correlation: Correlation,
    /// Worker threads; `None` uses rayon's default (one per core).
    pub threads: Option<usize>,
}

impl Default for McConfig {
    fn default() -> Self {
        McConfig {
            trials: 100_000,
            seed: 1,
            rates: HonourRates::default(),
            correlation: Correlation::Independent,
            threads: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorOdds {
    pub actor: String,
    pub name: String,
    pub p_aggressor: f64,
    pub p_defender: f64,
    pub p_out: f64,
    /// Standard errors of the two side probabilities.
    pub se_aggressor: f64,
    pub se_defender: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct SizeShare {
    pub size: usize,
    pub trials: u64,
    pub share: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct SideCapability {
    pub side: Side,
    /// Mean over trials of the side's summed capability (see `measure`).
    pub expected: f64,
    pub sd: f64,
    /// States that join this side in some trial but have no figure (counted as 0).
    pub without_data: Vec<String>,
    pub measure: super::compile::CapabilityMeasure,
    pub description: &'static str,
    /// Expected nuclear warheads of the side (the scenario's estimates; states without a figure
    /// count 0), apart from the conventional measure.
    pub nuclear_warheads: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ObligationOdds {
    pub obligor: String,
    pub owed_to: String,
    pub agreement: String,
    pub article: String,
    pub p_honour: f64,
    pub p_basis: String,
    /// Share of trials in which it was triggered.
    pub p_triggered: f64,
    /// Share of triggered trials in which it was honoured.
    pub p_honoured_when_triggered: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct McResult {
    pub trials: u64,
    pub seed: u64,
    pub prior: Prior,
    pub unresolved_p: f64,
    pub correlation: Correlation,
    /// Actors that join a side in at least one trial, most likely first.
    pub actors: Vec<ActorOdds>,
    pub aggressor_sizes: Vec<SizeShare>,
    pub defender_sizes: Vec<SizeShare>,
    pub capability: Vec<SideCapability>,
    pub obligations: Vec<ObligationOdds>,
    /// Trials in which each compiled obligation was triggered, by index (for sensitivity analysis).
    #[serde(skip)]
    pub triggered_by_ob: Vec<u64>,
}

/// Trials per chunk: fixed, so that partial sums combine in the same order on any thread count.
const CHUNK: u64 = 1 << 14;

struct Random<'a> {
    rng: SplitMix64,
    correlation: Correlation,
    unresolved: f64,
    /// Shared draw per actor for this trial (NaN: not drawn yet).
    by_state: Vec<f64>,
    by_side: [f64; 2],
    triggered: &'a mut [u64],
    honoured: &'a mut [u64],
}

impl Random<'_> {
    fn draw(&mut self, obligor: u16, joining: Side) -> f64 {
        let rho = match self.correlation {
            Correlation::Independent => return self.rng.next_f64(),
            Correlation::State(r) | Correlation::Coalition(r) => r,
        };
        if self.rng.next_f64() >= rho {
            return self.rng.next_f64();
        }
        let slot = match self.correlation {
            Correlation::State(_) => &mut self.by_state[obligor as usize],
            _ => &mut self.by_side[if joining == Side::Aggressor { 0 } else { 1 }],
        };
        if slot.is_nan() {
            *slot = self.rng.next_f64();
        }
        *slot
    }
}

impl Decider for Random<'_> {
    fn honour(&mut self, ob: usize, o: &Ob, place_unknown: bool, joining: Side) -> bool {
        self.triggered[ob] += 1;
        let mut p_cond = o.p_condition;
        if place_unknown {
            p_cond *= self.unresolved;
        }
        if p_cond < 1.0 && self.rng.next_f64() >= p_cond {
            return false;
        }
        let yes = self.draw(o.obligor, joining) < o.p_honour;
        if yes {
            self.honoured[ob] += 1;
        }
        yes
    }

    fn neutral(&mut self, _: usize, o: &Ob) -> bool {
        self.rng.next_f64() < o.p_honour
    }
}

struct Acc {
    sides: Vec<[u64; 2]>,
    sizes: [Vec<u64>; 2],
    capability: [f64; 2],
    capability_sq: [f64; 2],
    triggered: Vec<u64>,
    honoured: Vec<u64>,
}

impl Acc {
    fn new(w: &World) -> Acc {
        Acc {
            sides: vec![[0; 2]; w.n()],
            sizes: [vec![0; w.n() + 1], vec![0; w.n() + 1]],
            capability: [0.0; 2],
            capability_sq: [0.0; 2],
            triggered: vec![0; w.obs.len()],
            honoured: vec![0; w.obs.len()],
        }
    }

    fn add(&mut self, o: &Acc) {
        for (a, b) in self.sides.iter_mut().zip(&o.sides) {
            a[0] += b[0];
            a[1] += b[1];
        }
        for k in 0..2 {
            for (a, b) in self.sizes[k].iter_mut().zip(&o.sizes[k]) {
                *a += b;
            }
            self.capability[k] += o.capability[k];
            self.capability_sq[k] += o.capability_sq[k];
        }
        for (a, b) in self.triggered.iter_mut().zip(&o.triggered) {
            *a += b;
        }
        for (a, b) in self.honoured.iter_mut().zip(&o.honoured) {
            *a += b;
        }
    }
}

/// Each side's capability before anyone joins (the states the moves put there): capability sums
/// are accumulated as differences from it, so that a side no trial changes has a variance of
/// exactly 0 rather than the rounding error of E[x²] − E[x]² on large sums.
fn capability_shift(w: &World) -> [f64; 2] {
    let mut side = vec![None; w.n()];
    let mut shift = [0.0; 2];
    if w.initial_side(&mut side).is_ok() {
        for (i, s) in side.iter().enumerate() {
            if let Some(s) = s {
                let k = if *s == Side::Aggressor { 0 } else { 1 };
                shift[k] += w.capability[i].unwrap_or(0.0);
            }
        }
    }
    shift
}

fn run_chunk(w: &World, config: &McConfig, chunk: u64) -> Acc {
    let shift = capability_shift(w);
    let mut acc = Acc::new(w);
    let mut sim = Sim::new(w);
    let start = chunk * CHUNK;
    let end = (start + CHUNK).min(config.trials);
    let (triggered, honoured) = (&mut acc.triggered, &mut acc.honoured);
    let mut d = Random {
        rng: SplitMix64::for_trial(config.seed, start),
        correlation: config.correlation,
        unresolved: config.rates.unresolved,
        by_state: vec![f64::NAN; w.n()],
        by_side: [f64::NAN; 2],
        triggered,
        honoured,
    };
    for t in start..end {
        d.rng = SplitMix64::for_trial(config.seed, t);
        if matches!(d.correlation, Correlation::State(_)) {
            d.by_state.fill(f64::NAN);
        }
        d.by_side = [f64::NAN; 2];
        sim.run(&mut d, &mut Silent);
        for (k, shift) in shift.iter().enumerate() {
            let mut sum = 0.0;
            for &m in &sim.members[k] {
                acc.sides[m as usize][k] += 1;
                sum += w.capability[m as usize].unwrap_or(0.0);
            }
            acc.sizes[k][sim.members[k].len()] += 1;
            let d = sum - shift;
            acc.capability[k] += d;
            acc.capability_sq[k] += d * d;
        }
    }
    acc
}

/// Runs the trials; `progress` is told how many trials are done after each chunk. `cancel` is
/// read before each chunk: once it is set, no further chunk starts and the run gives `None` (a
/// server whose request timed out or whose client went away stops spending CPU on it within one
/// chunk). A run that is not cancelled is unchanged: the same chunks, combined in the same order.
pub(crate) fn run(
    s: &Scenario,
    w: &World,
    config: &McConfig,
    progress: &(dyn Fn(u64) + Sync),
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<McResult> {
    use std::sync::atomic::Ordering;
    let chunks = config.trials.div_ceil(CHUNK);
    let done = std::sync::atomic::AtomicU64::new(0);
    let work = || -> Option<Vec<Acc>> {
        (0..chunks)
            .into_par_iter()
            .map(|c| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let acc = run_chunk(w, config, c);
                let n = (config.trials - c * CHUNK).min(CHUNK);
                progress(done.fetch_add(n, Ordering::Relaxed) + n);
                Some(acc)
            })
            .collect()
    };
    let parts = match config.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    }?;
    let mut total = Acc::new(w);
    for p in &parts {
        total.add(p);
    }
    Some(summarise(s, w, config, &total))
}

fn summarise(s: &Scenario, w: &World, config: &McConfig, acc: &Acc) -> McResult {
    let n = config.trials.max(1) as f64;
    let se = |p: f64| (p * (1.0 - p) / n).sqrt();
    let mut actors: Vec<ActorOdds> = (0..w.n())
        .filter(|&i| acc.sides[i][0] + acc.sides[i][1] > 0)
        .map(|i| {
            let pa = acc.sides[i][0] as f64 / n;
            let pd = acc.sides[i][1] as f64 / n;
            ActorOdds {
                actor: w.ids[i].clone(),
                name: s.facts.actors[i].name.clone(),
                p_aggressor: pa,
                p_defender: pd,
                p_out: (1.0 - pa - pd).max(0.0),
                se_aggressor: se(pa),
                se_defender: se(pd),
            }
        })
        .collect();
    actors.sort_by(|a, b| {
        (b.p_aggressor + b.p_defender)
            .total_cmp(&(a.p_aggressor + a.p_defender))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    let sizes = |k: usize| -> Vec<SizeShare> {
        acc.sizes[k]
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(size, c)| SizeShare {
                size,
                trials: *c,
                share: *c as f64 / n,
            })
            .collect()
    };
    let shifts = capability_shift(w);
    let capability = [Side::Aggressor, Side::Defender]
        .into_iter()
        .enumerate()
        .map(|(k, side)| {
            let shift = shifts[k];
            let mean = acc.capability[k] / n;
            let var = (acc.capability_sq[k] / n - mean * mean).max(0.0);
            SideCapability {
                side,
                expected: shift + mean,
                sd: var.sqrt(),
                without_data: (0..w.n())
                    .filter(|&i| acc.sides[i][k] > 0 && w.capability[i].is_none())
                    .map(|i| w.ids[i].clone())
                    .collect(),
                measure: w.capability_measure,
                description: w.capability_measure.describe(),
                // Linear in who joins, so the expectation follows from each state's odds.
                nuclear_warheads: (0..w.n())
                    .map(|i| w.warheads[i].unwrap_or(0.0) * acc.sides[i][k] as f64 / n)
                    .sum(),
            }
        })
        .collect();
    let obligations = w
        .obs
        .iter()
        .enumerate()
        .filter(|(i, _)| acc.triggered[*i] > 0)
        .map(|(i, o)| {
            let a = &s.facts.agreements[o.agreement];
            ObligationOdds {
                obligor: w.ids[o.obligor as usize].clone(),
                owed_to: w.ids[o.beneficiary as usize].clone(),
                agreement: a.label().into(),
                article: a.provisions[o.provision].article.clone(),
                p_honour: o.p_honour,
                p_basis: o.p_basis.clone(),
                p_triggered: acc.triggered[i] as f64 / n,
                p_honoured_when_triggered: acc.honoured[i] as f64 / acc.triggered[i] as f64,
            }
        })
        .collect();
    McResult {
        trials: config.trials,
        seed: config.seed,
        prior: config.rates.prior,
        unresolved_p: config.rates.unresolved,
        correlation: config.correlation,
        actors,
        aggressor_sizes: sizes(0),
        defender_sizes: sizes(1),
        capability,
        obligations,
        triggered_by_ob: acc.triggered.clone(),
    }
}
