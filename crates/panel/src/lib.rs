//! Panels in the style of peacesciencer (Miller 2022): build the unit of analysis — state-years or
//! dyad-years (directed or not) of the COW state system — then add one dataset or measure at a time.
//!
//! Semantics (documented in docs/datasets.md):
//! - **Directed** dyad-years hold both (A, B) and (B, A); an asymmetric tie is read from A to B
//!   (`atop_defense` = A has a defence obligation towards B). **Non-directed** dyad-years hold A < B and
//!   a tie counts if either state has it towards the other (ATOP's dyad-year definition).
//! - **ATOP ties** come from the member file; with ATOP's partner-level coding
//!   ([`Inputs::atop_partner`], learned from ATOP's dyadic file) they are ATOP's own dyadic coding.
//! - **Missing, not zero**: outside a dataset's years a column is missing (ATOP 1815–2018, COW alliances
//!   1816–2012, NMC where it has a row, MID 4.3 to 2010 / 5.0 to 2014, contiguity 1816–2016).
//! - **Portfolios** for similarity: a state's row of ties to every state in the system that year,
//!   itself at 3. By default the ties a state *owes* (row A of the directed table; `Portfolio::Owes`);
//!   `Portfolio::Owed` uses the ties owed *to* it. ATOP coding (Chiba, Johnson & Leeds 2022): defence or
//!   offence 3, neutrality or consultation 2, non-aggression only 1; COW valued coding: defence 3,
//!   neutrality or non-aggression 2, entente 1. Weighted S uses each state's CINC share that year.
//!
//! The panel is produced year by year ([`Panel::year`]), so memory is bounded by one year's dyads.
//!
//! ```
//! use entente_datasets::states::SystemYear;
//! use entente_panel::{Addon, Inputs, Panel, Portfolio, Unit};
//!
//! // Two states in the system in 1900: the directed dyad-years are (2, 200) and (200, 2).
//! let system: Vec<SystemYear> = [(2, "USA"), (200, "UKG")]
//!     .into_iter()
//!     .map(|(ccode, abbr)| SystemYear { ccode, abbr: abbr.into(), year: 1900 })
//!     .collect();
//! let inputs = Inputs { system: &system, ..Inputs::default() };
//! let panel = Panel::new(&inputs, Unit::DyadYear { directed: true }, &[], Portfolio::Owes, 1900, 1900);
//! assert_eq!(panel.year(1900).rows, 2);
//! ```

pub mod load;
pub mod similarity;

pub use load::PanelData;

use entente_analysis::similarity::{CrossTab, Distance};
use entente_datasets::atop::AtopMember;
use entente_datasets::atop::coding::{self as atop_dyads, Obligations, PartnerCoding};
use entente_datasets::contiguity::Contiguity;
use entente_datasets::cow_alliance::CowMember;
use entente_datasets::mid::MidParticipant;
use entente_datasets::nmc::NmcYear;
use entente_datasets::states::SystemYear;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    StateYear,
    DyadYear { directed: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Addon {
    Atop,
    Cow,
    Nmc,
    Mid,
    Contiguity,
    Similarity,
    /// COW major-power status (majors2016).
    Majors,
}

impl Addon {
    pub fn parse(s: &str) -> Option<Addon> {
        Some(match s.trim() {
            "atop" => Addon::Atop,
            "cow" => Addon::Cow,
            "nmc" => Addon::Nmc,
            "mid" => Addon::Mid,
            "contiguity" => Addon::Contiguity,
            "similarity" => Addon::Similarity,
            "majors" => Addon::Majors,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "atop, cow, nmc, mid, contiguity, similarity, majors";

    /// The dataset an add-on needs.
    pub fn needs(self) -> &'static [&'static str] {
        match self {
            Addon::Atop => &["atop"],
            Addon::Cow => &["cow-alliances"],
            Addon::Nmc => &["nmc"],
            Addon::Mid => &["mid"],
            Addon::Contiguity => &["contiguity"],
            Addon::Similarity => &["atop", "cow-alliances", "nmc"],
            Addon::Majors => &["majors"],
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Portfolio {
    #[default]
    Owes,
    Owed,
}

/// A column of a batch: whole numbers, reals or text, each possibly missing.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Values,
}

/// One year's rows, column by column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub columns: Vec<Column>,
    pub rows: usize,
}

/// The inputs: whatever datasets the requested add-ons need.
#[derive(Default)]
pub struct Inputs<'a> {
    pub system: &'a [SystemYear],
    pub atop: Option<&'a [AtopMember]>,
    /// ATOP's partner-level coding ([`atop_dyads::learn_partner_coding`]), applied to the ATOP
    /// ties when given.
    pub atop_partner: Option<&'a PartnerCoding>,
    pub cow: Option<&'a [CowMember]>,
    /// COW's directed dyad-year table; where given, the COW columns come from it for its years.
    pub cow_dyadic: Option<&'a [entente_datasets::cow_alliance::CowDyadYear]>,
    pub nmc: Option<&'a [NmcYear]>,
    pub mid: Option<&'a [MidParticipant]>,
    /// The last year the MID file covers (4.3: 2010, 5.0: 2014).
    pub mid_last_year: i32,
    pub contiguity: Option<&'a [Contiguity]>,
    pub majors: Option<&'a [entente_datasets::states::Spell]>,
}

#[derive(Clone, Copy, Debug, Default)]
struct CowTie {
    defense: bool,
    neutrality: bool,
    nonaggression: bool,
    entente: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct MidPair {
    onset: bool,
    hostility: u8,
}

/// A panel specification, prepared: indexes over the inputs, ready to produce any year.
pub struct Panel {
    pub unit: Unit,
    pub addons: Vec<Addon>,
    pub portfolio: Portfolio,
    /// ATOP directed dyad-years in the panel's years with a state outside COW's system that year
    /// (ATOP's `cowsys` = 0 members): not rows of a COW-system panel, counted so the user knows.
    pub atop_outside_system: usize,
    system: BTreeMap<i32, Vec<u16>>,
    atop: HashMap<i32, Vec<(u16, u16, Obligations)>>,
    cow: HashMap<i32, Vec<(u16, u16, CowTie)>>,
    /// (ccode, year) → the six components and the recomputed CINC.
    nmc: HashMap<(u16, i32), NmcValues>,
    mid: HashMap<i32, HashMap<(u16, u16), MidPair>>,
    mid_last_year: i32,
    contiguity: HashMap<(u16, u16, i32), u8>,
    /// Major powers by year (any part of the year counts, as COW's yearly coding does).
    majors: HashMap<i32, Vec<u16>>,
}

/// A multiply-rotate hasher (FxHash's mixing step) for the cross-tabulation memo: keys are our own
/// small integer tables, so SipHash's protection against adversarial keys buys nothing here and costs
/// most of the lookup.
#[derive(Default, Clone, Copy)]
struct TableHasher(u64);

impl std::hash::Hasher for TableHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type BuildTableHasher = std::hash::BuildHasherDefault<TableHasher>;

/// A named tie flag, for state-year counts.
type Flag<T> = (&'static str, fn(&T) -> bool);

/// Counts, per state, the partners a year's ties flag.
type Counter<'a> = dyn Fn(Option<&Vec<(u16, u16, bool)>>, bool) -> Vec<Option<i64>> + 'a;

/// A state-year's six NMC components and its recomputed CINC.
type NmcValues = ([Option<f64>; 6], Option<f64>);

pub const ATOP_YEARS: (i32, i32) = (1815, atop_dyads::LAST_YEAR);
pub const COW_YEARS: (i32, i32) = (1816, entente_datasets::cow_alliance::LAST_YEAR);

fn ymd_day(t: (i32, u8, u8)) -> i32 {
    entente_model::date::days_from_civil(
        t.0,
        t.1,
        t.2.min(entente_model::date::days_in_month(t.0, t.1)),
    )
}

/// COW alliance ties by directed dyad-year, from the member file: every pair of members of an
/// alliance in each year both belong to it, typed as COW types the pair (either member's row).
fn cow_member_ties(rows: &[CowMember], from: i32, to: i32) -> HashMap<(u16, u16, i32), CowTie> {
    let mut by: HashMap<u32, Vec<&CowMember>> = HashMap::new();
    for r in rows {
        by.entry(r.alliance).or_default().push(r);
    }
    let mut acc: HashMap<(u16, u16, i32), CowTie> = HashMap::new();
    let end_of = |r: &CowMember| r.end.map_or(ymd_day((COW_YEARS.1, 12, 31)), ymd_day);
    for ms in by.values() {
        for a in ms {
            for b in ms {
                if a.ccode == b.ccode {
                    continue;
                }
                let lo = ymd_day(a.start).max(ymd_day(b.start));
                let hi = end_of(a).min(end_of(b));
                if lo > hi {
                    continue;
                }
                let (y0, y1) = (
                    entente_model::date::civil_from_days(lo).0,
                    entente_model::date::civil_from_days(hi).0,
                );
                for y in y0.max(from)..=y1.min(to).min(COW_YEARS.1) {
                    // COW types alliances per dyad: the pair has a type if either member's row
                    // gives it (COW's dyad table is non-directed).
                    let t = acc.entry((a.ccode, b.ccode, y)).or_default();
                    t.defense |= a.defense | b.defense;
                    t.neutrality |= a.neutrality | b.neutrality;
                    t.nonaggression |= a.nonaggression | b.nonaggression;
                    t.entente |= a.entente | b.entente;
                }
            }
        }
    }
    acc
}

/// How COW's member file and its dyadic table agree, dyad-year by dyad-year, over the years the
/// dyadic table covers — reported when both are given, as ATOP's are.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CowReconciliation {
    pub first_year: i32,
    pub last_year: i32,
    /// Rows of the dyadic table.
    pub dyadic_rows: usize,
    pub same: usize,
    /// Allied in both, with different types.
    pub differ: usize,
    pub only_member_file: usize,
    pub only_dyadic: usize,
}

/// Compares the member file's directed dyad-years with COW's dyadic table over the table's years.
pub fn reconcile_cow(
    members: &[CowMember],
    dyadic: &[entente_datasets::cow_alliance::CowDyadYear],
) -> Option<CowReconciliation> {
    let lo = dyadic.iter().map(|r| r.year).min()?;
    let hi = dyadic.iter().map(|r| r.year).max()?;
    let ours = cow_member_ties(members, lo, hi);
    let mut r = CowReconciliation {
        first_year: lo,
        last_year: hi,
        dyadic_rows: dyadic.len(),
        ..CowReconciliation::default()
    };
    let mut seen = std::collections::HashSet::new();
    for d in dyadic {
        let key = (d.ccode1, d.ccode2, d.year);
        seen.insert(key);
        let theirs = [d.defense, d.neutrality, d.nonaggression, d.entente];
        match ours.get(&key) {
            Some(t) if [t.defense, t.neutrality, t.nonaggression, t.entente] == theirs => {
                r.same += 1
            }
            Some(_) => r.differ += 1,
            None => r.only_dyadic += 1,
        }
    }
    r.only_member_file = ours.keys().filter(|k| !seen.contains(k)).count();
    Some(r)
}

impl Panel {
    pub fn new(
        inputs: &Inputs<'_>,
        unit: Unit,
        addons: &[Addon],
        portfolio: Portfolio,
        from: i32,
        to: i32,
    ) -> Panel {
        let mut system: BTreeMap<i32, Vec<u16>> = BTreeMap::new();
        for s in inputs
            .system
            .iter()
            .filter(|s| (from..=to).contains(&s.year))
        {
            system.entry(s.year).or_default().push(s.ccode);
        }
        for v in system.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        let want = |a: Addon| {
            addons.contains(&a)
                || (addons.contains(&Addon::Similarity)
                    && matches!(a, Addon::Atop | Addon::Cow | Addon::Nmc))
        };
        let mut atop: HashMap<i32, Vec<(u16, u16, Obligations)>> = HashMap::new();
        if want(Addon::Atop)
            && let Some(m) = inputs.atop
        {
            let none = PartnerCoding::default();
            let coding = inputs.atop_partner.unwrap_or(&none);
            // Keys are COW codes already (the member file's others are dropped when it is read).
            for (k, ob) in atop_dyads::directed_dyad_years_coded(m, from, to, coding) {
                atop.entry(k.year)
                    .or_default()
                    .push((k.dyad.from.0, k.dyad.to.0, ob));
            }
        }
        let atop_outside_system = atop
            .iter()
            .map(|(y, ties)| {
                let sys = system.get(y).map_or(&[][..], |v| v.as_slice());
                ties.iter()
                    .filter(|(a, b, _)| {
                        sys.binary_search(a).is_err() || sys.binary_search(b).is_err()
                    })
                    .count()
            })
            .sum();
        let mut cow: HashMap<i32, Vec<(u16, u16, CowTie)>> = HashMap::new();
        if want(Addon::Cow) {
            // COW's own dyadic table, where given, for the years it covers; the member file for the
            // rest (and for every year without it).
            let dyadic_years = inputs.cow_dyadic.and_then(|d| {
                let lo = d.iter().map(|r| r.year).min()?;
                let hi = d.iter().map(|r| r.year).max()?;
                Some((lo, hi))
            });
            let from_dyadic = |y: i32| dyadic_years.is_some_and(|(lo, hi)| (lo..=hi).contains(&y));
            if let Some(d) = inputs.cow_dyadic {
                for r in d.iter().filter(|r| (from..=to).contains(&r.year)) {
                    cow.entry(r.year).or_default().push((
                        r.ccode1,
                        r.ccode2,
                        CowTie {
                            defense: r.defense,
                            neutrality: r.neutrality,
                            nonaggression: r.nonaggression,
                            entente: r.entente,
                        },
                    ));
                }
            }
            if let Some(rows) = inputs.cow {
                for ((a, b, y), t) in cow_member_ties(rows, from, to) {
                    if !from_dyadic(y) {
                        cow.entry(y).or_default().push((a, b, t));
                    }
                }
            }
        }
        let mut nmc = HashMap::new();
        if want(Addon::Nmc)
            && let Some(rows) = inputs.nmc
        {
            let comps: Vec<entente_analysis::cinc::Components> = rows
                .iter()
                .map(|r| entente_analysis::cinc::Components {
                    ccode: r.ccode,
                    year: r.year,
                    values: r.components,
                })
                .collect();
            let c = entente_analysis::cinc::cinc(&comps);
            for (r, c) in rows.iter().zip(c) {
                nmc.insert((r.ccode, r.year), (r.components, c));
            }
        }
        let mut mid: HashMap<i32, HashMap<(u16, u16), MidPair>> = HashMap::new();
        if addons.contains(&Addon::Mid)
            && let Some(ps) = inputs.mid
        {
            let mut by: HashMap<u32, Vec<&MidParticipant>> = HashMap::new();
            for p in ps {
                by.entry(p.dispute).or_default().push(p);
            }
            for ps in by.values() {
                let onset = ps.iter().map(|p| p.start_year).min().unwrap_or(0);
                for a in ps {
                    for b in ps
                        .iter()
                        .filter(|b| b.side_a != a.side_a && b.ccode != a.ccode)
                    {
                        for y in a.start_year.max(b.start_year)..=a.end_year.min(b.end_year) {
                            let e = mid
                                .entry(y)
                                .or_default()
                                .entry((a.ccode, b.ccode))
                                .or_default();
                            e.onset |= y == onset;
                            e.hostility = e
                                .hostility
                                .max(a.hostility.unwrap_or(0).max(b.hostility.unwrap_or(0)));
                        }
                    }
                }
            }
        }
        let mut contiguity = HashMap::new();
        if addons.contains(&Addon::Contiguity)
            && let Some(rows) = inputs.contiguity
        {
            for r in rows {
                contiguity.insert((r.a, r.b, r.year), r.conttype);
            }
        }
        let mut majors: HashMap<i32, Vec<u16>> = HashMap::new();
        if let (true, Some(spells)) = (addons.contains(&Addon::Majors), inputs.majors) {
            for sp in spells {
                for y in sp.start.0.max(from)..=sp.end.0.min(to) {
                    majors.entry(y).or_default().push(sp.ccode);
                }
            }
        }
        let mut addons = addons.to_vec();
        addons.sort();
        addons.dedup();
        Panel {
            unit,
            addons,
            portfolio,
            atop_outside_system,
            system,
            atop,
            cow,
            nmc,
            mid,
            mid_last_year: inputs.mid_last_year,
            contiguity,
            majors,
        }
    }

    /// The years the panel covers (those with states in the system).
    pub fn years(&self) -> Vec<i32> {
        self.system.keys().copied().collect()
    }

    /// How many rows a year has.
    pub fn rows_in(&self, year: i32) -> usize {
        let n = self.system.get(&year).map_or(0, Vec::len);
        match self.unit {
            Unit::StateYear => n,
            Unit::DyadYear { directed: true } => n * n.saturating_sub(1),
            Unit::DyadYear { directed: false } => n * n.saturating_sub(1) / 2,
        }
    }

    /// One year's rows.
    pub fn year(&self, year: i32) -> Batch {
        let states = self.system.get(&year).cloned().unwrap_or_default();
        match self.unit {
            Unit::StateYear => self.state_year(year, &states),
            Unit::DyadYear { directed } => self.dyad_year(year, &states, directed),
        }
    }

    fn state_year(&self, year: i32, states: &[u16]) -> Batch {
        let n = states.len();
        let mut cols: Vec<Column> = vec![
            Column {
                name: "ccode".into(),
                values: Values::Int(states.iter().map(|&c| Some(i64::from(c))).collect()),
            },
            Column {
                name: "year".into(),
                values: Values::Int(vec![Some(i64::from(year)); n]),
            },
        ];
        let idx: HashMap<u16, usize> = states.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let count = |entries: Option<&Vec<(u16, u16, bool)>>, covered: bool| -> Vec<Option<i64>> {
            if !covered {
                return vec![None; n];
            }
            let mut v = vec![Some(0); n];
            for (a, _, on) in entries.into_iter().flatten() {
                if let (Some(&i), true) = (idx.get(a), *on) {
                    v[i] = v[i].map(|x| x + 1);
                }
            }
            v
        };
        /// One column per flag: how many partners each state has the tie with.
        fn counts<T>(
            entries: Option<&Vec<(u16, u16, T)>>,
            covered: bool,
            flags: &[Flag<T>],
            count: &Counter<'_>,
        ) -> Vec<Column> {
            flags
                .iter()
                .map(|(name, f)| {
                    let on: Vec<(u16, u16, bool)> = entries
                        .map(|v| v.iter().map(|(a, b, t)| (*a, *b, f(t))).collect())
                        .unwrap_or_default();
                    Column {
                        name: (*name).into(),
                        values: Values::Int(count(Some(&on), covered)),
                    }
                })
                .collect()
        }
        if self.addons.contains(&Addon::Atop) {
            let flags: [Flag<Obligations>; 5] = [
                ("atop_ndefense", |o| o.defense),
                ("atop_noffense", |o| o.offense),
                ("atop_nneutral", |o| o.neutral),
                ("atop_nnonagg", |o| o.nonagg),
                ("atop_nconsul", |o| o.consul),
            ];
            cols.extend(counts(
                self.atop.get(&year),
                (ATOP_YEARS.0..=ATOP_YEARS.1).contains(&year),
                &flags,
                &count,
            ));
        }
        if self.addons.contains(&Addon::Cow) {
            let flags: [Flag<CowTie>; 4] = [
                ("cow_ndefense", |t| t.defense),
                ("cow_nneutral", |t| t.neutrality),
                ("cow_nnonagg", |t| t.nonaggression),
                ("cow_nentente", |t| t.entente),
            ];
            cols.extend(counts(
                self.cow.get(&year),
                (COW_YEARS.0..=COW_YEARS.1).contains(&year),
                &flags,
                &count,
            ));
        }
        if self.addons.contains(&Addon::Nmc) {
            for (k, name) in entente_datasets::nmc::COMPONENTS.iter().enumerate() {
                cols.push(Column {
                    name: (*name).into(),
                    values: Values::Real(
                        states
                            .iter()
                            .map(|&c| self.nmc.get(&(c, year)).and_then(|x| x.0[k]))
                            .collect(),
                    ),
                });
            }
            cols.push(Column {
                name: "cinc".into(),
                values: Values::Real(
                    states
                        .iter()
                        .map(|&c| self.nmc.get(&(c, year)).and_then(|x| x.1))
                        .collect(),
                ),
            });
        }
        if self.addons.contains(&Addon::Mid) {
            let covered = year <= self.mid_last_year;
            let mut v = vec![if covered { Some(0) } else { None }; n];
            if covered {
                for (a, _) in self.mid.get(&year).into_iter().flat_map(|m| m.keys()) {
                    if let Some(&i) = idx.get(a) {
                        v[i] = v[i].map(|x| x + 1);
                    }
                }
            }
            cols.push(Column {
                name: "mid_nadversaries".into(),
                values: Values::Int(v),
            });
        }
        if self.addons.contains(&Addon::Contiguity) {
            let covered = (entente_datasets::contiguity::YEARS.0
                ..=entente_datasets::contiguity::YEARS.1)
                .contains(&year);
            let v = states
                .iter()
                .map(|&a| {
                    covered.then(|| {
                        states
                            .iter()
                            .filter(|&&b| self.contiguity.get(&(a, b, year)) == Some(&1))
                            .count() as i64
                    })
                })
                .collect();
            cols.push(Column {
                name: "land_neighbours".into(),
                values: Values::Int(v),
            });
        }
        if self.addons.contains(&Addon::Majors) {
            let m = self.majors.get(&year);
            let v = states
                .iter()
                .map(|c| Some(i64::from(m.is_some_and(|m| m.contains(c)))))
                .collect();
            cols.push(Column {
                name: "cowmaj".into(),
                values: Values::Int(v),
            });
        }
        Batch {
            columns: cols,
            rows: n,
        }
    }

    fn dyad_year(&self, year: i32, states: &[u16], directed: bool) -> Batch {
        let n = states.len();
        let idx: HashMap<u16, usize> = states.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        // Directed tie matrices for the year.
        let atop_covered = (ATOP_YEARS.0..=ATOP_YEARS.1).contains(&year);
        let cow_covered = (COW_YEARS.0..=COW_YEARS.1).contains(&year);
        let mut atop = vec![Obligations::default(); n * n];
        for (a, b, o) in self.atop.get(&year).into_iter().flatten() {
            if let (Some(&i), Some(&j)) = (idx.get(a), idx.get(b)) {
                atop[i * n + j] = *o;
            }
        }
        let mut cow = vec![CowTie::default(); n * n];
        for (a, b, t) in self.cow.get(&year).into_iter().flatten() {
            if let (Some(&i), Some(&j)) = (idx.get(a), idx.get(b)) {
                cow[i * n + j] = *t;
            }
        }
        let pairs: Vec<(usize, usize)> = if directed {
            (0..n)
                .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
                .collect()
        } else {
            (0..n)
                .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                .collect()
        };
        let rows = pairs.len();
        let mut cols: Vec<Column> = vec![
            Column {
                name: "ccode1".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(i, _)| Some(i64::from(states[i])))
                        .collect(),
                ),
            },
            Column {
                name: "ccode2".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(_, j)| Some(i64::from(states[j])))
                        .collect(),
                ),
            },
            Column {
                name: "year".into(),
                values: Values::Int(vec![Some(i64::from(year)); rows]),
            },
        ];
        let tie = |i: usize, j: usize| -> (Obligations, CowTie) {
            if directed {
                (atop[i * n + j], cow[i * n + j])
            } else {
                let (a1, a2) = (atop[i * n + j], atop[j * n + i]);
                let (c1, c2) = (cow[i * n + j], cow[j * n + i]);
                (
                    Obligations {
                        defense: a1.defense || a2.defense,
                        offense: a1.offense || a2.offense,
                        neutral: a1.neutral || a2.neutral,
                        nonagg: a1.nonagg || a2.nonagg,
                        consul: a1.consul || a2.consul,
                    },
                    CowTie {
                        defense: c1.defense || c2.defense,
                        neutrality: c1.neutrality || c2.neutrality,
                        nonaggression: c1.nonaggression || c2.nonaggression,
                        entente: c1.entente || c2.entente,
                    },
                )
            }
        };
        let flag = |covered: bool, f: &dyn Fn(usize, usize) -> bool| -> Values {
            Values::Int(
                pairs
                    .iter()
                    .map(|&(i, j)| covered.then(|| i64::from(f(i, j))))
                    .collect(),
            )
        };
        if self.addons.contains(&Addon::Atop) {
            cols.push(Column {
                name: "atop_defense".into(),
                values: flag(atop_covered, &|i, j| tie(i, j).0.defense),
            });
            cols.push(Column {
                name: "atop_offense".into(),
                values: flag(atop_covered, &|i, j| tie(i, j).0.offense),
            });
            cols.push(Column {
                name: "atop_neutral".into(),
                values: flag(atop_covered, &|i, j| tie(i, j).0.neutral),
            });
            cols.push(Column {
                name: "atop_nonagg".into(),
                values: flag(atop_covered, &|i, j| tie(i, j).0.nonagg),
            });
            cols.push(Column {
                name: "atop_consul".into(),
                values: flag(atop_covered, &|i, j| tie(i, j).0.consul),
            });
        }
        if self.addons.contains(&Addon::Cow) {
            cols.push(Column {
                name: "cow_defense".into(),
                values: flag(cow_covered, &|i, j| tie(i, j).1.defense),
            });
            cols.push(Column {
                name: "cow_neutral".into(),
                values: flag(cow_covered, &|i, j| tie(i, j).1.neutrality),
            });
            cols.push(Column {
                name: "cow_nonagg".into(),
                values: flag(cow_covered, &|i, j| tie(i, j).1.nonaggression),
            });
            cols.push(Column {
                name: "cow_entente".into(),
                values: flag(cow_covered, &|i, j| tie(i, j).1.entente),
            });
        }
        let nmc = |c: u16| self.nmc.get(&(c, year));
        if self.addons.contains(&Addon::Nmc) {
            for side in [1, 2] {
                let pick = |&(i, j): &(usize, usize)| states[if side == 1 { i } else { j }];
                for (k, name) in entente_datasets::nmc::COMPONENTS.iter().enumerate() {
                    cols.push(Column {
                        name: format!("{name}{side}"),
                        values: Values::Real(
                            pairs
                                .iter()
                                .map(|p| nmc(pick(p)).and_then(|x| x.0[k]))
                                .collect(),
                        ),
                    });
                }
                cols.push(Column {
                    name: format!("cinc{side}"),
                    values: Values::Real(
                        pairs
                            .iter()
                            .map(|p| nmc(pick(p)).and_then(|x| x.1))
                            .collect(),
                    ),
                });
            }
        }
        if self.addons.contains(&Addon::Mid) {
            let covered = year <= self.mid_last_year;
            let m = self.mid.get(&year);
            let get = |i: usize, j: usize| m.and_then(|m| m.get(&(states[i], states[j])));
            cols.push(Column {
                name: "mid_ongoing".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(i, j)| covered.then(|| i64::from(get(i, j).is_some())))
                        .collect(),
                ),
            });
            cols.push(Column {
                name: "mid_onset".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(i, j)| {
                            covered.then(|| i64::from(get(i, j).is_some_and(|p| p.onset)))
                        })
                        .collect(),
                ),
            });
            cols.push(Column {
                name: "mid_hostlev".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(i, j)| {
                            if covered {
                                Some(get(i, j).map_or(0, |p| i64::from(p.hostility)))
                            } else {
                                None
                            }
                        })
                        .collect(),
                ),
            });
        }
        if self.addons.contains(&Addon::Contiguity) {
            let covered = (entente_datasets::contiguity::YEARS.0
                ..=entente_datasets::contiguity::YEARS.1)
                .contains(&year);
            cols.push(Column {
                name: "conttype".into(),
                values: Values::Int(
                    pairs
                        .iter()
                        .map(|&(i, j)| {
                            covered.then(|| {
                                i64::from(
                                    *self
                                        .contiguity
                                        .get(&(states[i], states[j], year))
                                        .unwrap_or(&0),
                                )
                            })
                        })
                        .collect(),
                ),
            });
        }
        if self.addons.contains(&Addon::Majors) {
            let m = self.majors.get(&year);
            let major = |c: u16| i64::from(m.is_some_and(|m| m.contains(&c)));
            cols.push(Column {
                name: "cowmaj1".into(),
                values: Values::Int(pairs.iter().map(|&(i, _)| Some(major(states[i]))).collect()),
            });
            cols.push(Column {
                name: "cowmaj2".into(),
                values: Values::Int(pairs.iter().map(|&(_, j)| Some(major(states[j]))).collect()),
            });
        }
        if self.addons.contains(&Addon::Similarity) {
            cols.extend(self.similarity(
                year,
                states,
                &pairs,
                &atop,
                &cow,
                atop_covered,
                cow_covered,
            ));
        }
        Batch {
            columns: cols,
            rows,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn similarity(
        &self,
        year: i32,
        states: &[u16],
        pairs: &[(usize, usize)],
        atop: &[Obligations],
        cow: &[CowTie],
        atop_covered: bool,
        cow_covered: bool,
    ) -> Vec<Column> {
        let n = states.len();
        let atop_code = |o: &Obligations| -> u8 {
            if o.defense || o.offense {
                3
            } else if o.neutral || o.consul {
                2
            } else if o.nonagg {
                1
            } else {
                0
            }
        };
        let cow_code = |t: &CowTie| -> u8 {
            if t.defense {
                3
            } else if t.neutrality || t.nonaggression {
                2
            } else if t.entente {
                1
            } else {
                0
            }
        };
        // Sparse portfolios: for each state, its non-zero ties (row i of the coded matrix — the ties it
        // owes — or column i, the ties owed to it), itself at 3, sorted by state index.
        let sparse =
            |code: &dyn Fn(usize, usize) -> u8| -> Vec<entente_analysis::similarity::SparsePortfolio> {
                (0..n)
                    .map(|i| {
                        (0..n)
                            .filter_map(|k| {
                                let v = if i == k {
                                    3
                                } else if self.portfolio == Portfolio::Owes {
                                    code(i, k)
                                } else {
                                    code(k, i)
                                };
                                (v > 0).then_some((k as u16, v))
                            })
                            .collect()
                    })
                    .collect()
            };
        let pa = sparse(&|i, k| atop_code(&atop[i * n + k]));
        let pc = sparse(&|i, k| cow_code(&cow[i * n + k]));
        // CINC shares of the year's system members (those without a CINC weigh 0).
        let cinc: Vec<f64> = states
            .iter()
            .map(|&c| self.nmc.get(&(c, year)).and_then(|x| x.1).unwrap_or(0.0))
            .collect();
        let total: f64 = cinc.iter().sum();
        // Systems of up to 256 states (every year of COW's) use bitsets; larger ones the sparse merge.
        let bits = |p: &Vec<entente_analysis::similarity::SparsePortfolio>| -> Option<Vec<entente_analysis::similarity::BitPortfolio>> {
            p.iter()
                .map(|s| {
                    let mut dense = vec![0u8; n];
                    for &(k, v) in s {
                        dense[k as usize] = v;
                    }
                    entente_analysis::similarity::BitPortfolio::new(&dense).map(|b| b.weigh(&cinc))
                })
                .collect()
        };
        let (ba, bc) = (bits(&pa), bits(&pc));
        // Measures are symmetric: compute each unordered pair once and write it to the rows of both
        // orders (directed) or its one row (non-directed), straight into the 14 columns.
        let directed = pairs.len() == n * n.saturating_sub(1);
        let row_of = |i: usize, j: usize| -> usize {
            if directed {
                i * (n - 1) + if j < i { j } else { j - 1 }
            } else {
                // Row-major upper triangle: rows before i hold (n-1) + (n-2) + … + (n-i) pairs.
                i * (2 * n - i - 1) / 2 + (j - i - 1)
            }
        };
        let mut cols: Vec<Vec<Option<f64>>> = (0..14).map(|_| vec![None; pairs.len()]).collect();
        // Many pairs share a cross-tabulation (two states without ties have the same one): the six
        // measures that depend only on it are computed once per distinct table.
        let mut by_table: HashMap<CrossTab, [Option<f64>; 6], BuildTableHasher> =
            HashMap::default();
        for i in 0..n {
            for j in i + 1..n {
                for (k, (p, b, covered)) in [(&pa, &ba, atop_covered), (&pc, &bc, cow_covered)]
                    .into_iter()
                    .enumerate()
                {
                    if !covered {
                        continue;
                    }
                    let (t, wd) = match b {
                        Some(b) => CrossTab::from_bits(&b[i], &b[j], n, &cinc),
                        None => CrossTab::from_sparse(&p[i], &p[j], n, &cinc),
                    };
                    let m = *by_table.entry(t).or_insert_with(|| {
                        [
                            t.s(Distance::Absolute),
                            t.s(Distance::Squared),
                            t.s_binary(),
                            t.tau_b(),
                            t.kappa(),
                            t.pi(),
                        ]
                    });
                    let v = [
                        m[0],
                        m[1],
                        (total > 0.0).then(|| 1.0 - 2.0 * wd / (3.0 * total)),
                        m[2],
                        m[3],
                        m[4],
                        m[5],
                    ];
                    let r = row_of(i, j);
                    for (c, x) in v.into_iter().enumerate() {
                        cols[k * 7 + c][r] = x;
                    }
                }
            }
        }
        // Directed: the rows (j, i), j > i, mirror (i, j); filled column by column, which keeps each
        // pass within cache (writing both rows in the loop above scatters across 14 columns).
        if directed {
            for col in &mut cols {
                for j in 1..n {
                    for i in 0..j {
                        col[row_of(j, i)] = col[row_of(i, j)];
                    }
                }
            }
        }
        debug_assert!(
            pairs
                .iter()
                .enumerate()
                .all(|(r, &(i, j))| row_of(i, j) == r)
        );
        let names = [
            "s_atop",
            "s_atop_sq",
            "s_atop_wt",
            "s_atop_bin",
            "taub_atop",
            "kappa_atop",
            "pi_atop",
            "s_cow",
            "s_cow_sq",
            "s_cow_wt",
            "s_cow_bin",
            "taub_cow",
            "kappa_cow",
            "pi_cow",
        ];
        names
            .iter()
            .zip(cols)
            .map(|(name, v)| Column {
                name: (*name).into(),
                values: Values::Real(v),
            })
            .collect()
    }
}
