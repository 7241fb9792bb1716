//! ATOP's directed dyad-years, built from the member-level file as the ATOP codebook (§2.7) describes:
//! every ordered pair of members of the same alliance phase, for every year both are members at once,
//! with state A's obligations towards state B. Within one alliance, a year in which the alliance
//! changes phase takes the later phase's obligations (as ATOP's own table does: alliance 1362 drops
//! neutrality on 24 November 1888, and 1888 is coded without it); several alliances in a dyad-year
//! combine by "any". Members without a COW code (Annam, 8152) are dropped, as ATOP drops them.
//!
//! **Partner-level coding.** ATOP then "examine[s] all multilateral alliances in which the
//! obligations of member states vary and correct[s] the directed dyadic coding accordingly"
//! (codebook §2.6–2.7: in the Britain–France–Sweden alliance of 1855 only Sweden is owed defence).
//! The member file records *that* a member's obligations vary (`obvary`), not *towards whom*, so from
//! the member file alone a member's obligation runs to every other member. The corrections exist only
//! inside ATOP's dyadic file. [`learn_partner_coding`] recovers them from it as a small table of
//! [`PartnerException`]s — "under alliance k, A's obligation X is not owed to B" — that hold for
//! every year of the alliance; [`directed_dyad_years_coded`] applies them. Learned on some years,
//! they reproduce ATOP's coding of the others (`crates/datasets/tests/atop_coding.rs`), which is what
//! shows them to be properties of the alliance and not patches of rows.

use super::{AtopDate, AtopDyadYear, AtopMember, is_cow_code};
pub use super::{Obligation, PartnerException};
use entente_model::DyadYear;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A directed dyad-year's obligations of A towards B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Obligations {
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
}

impl Obligations {
    pub(crate) fn or(&mut self, o: Obligations) {
        self.defense |= o.defense;
        self.offense |= o.offense;
        self.neutral |= o.neutral;
        self.nonagg |= o.nonagg;
        self.consul |= o.consul;
    }

    pub fn get(&self, k: Obligation) -> bool {
        match k {
            Obligation::Defense => self.defense,
            Obligation::Offense => self.offense,
            Obligation::Neutral => self.neutral,
            Obligation::Nonagg => self.nonagg,
            Obligation::Consul => self.consul,
        }
    }

    pub fn set(&mut self, k: Obligation, v: bool) {
        match k {
            Obligation::Defense => self.defense = v,
            Obligation::Offense => self.offense = v,
            Obligation::Neutral => self.neutral = v,
            Obligation::Nonagg => self.nonagg = v,
            Obligation::Consul => self.consul = v,
        }
    }

    fn of_member(m: &AtopMember) -> Obligations {
        let mut o = Obligations::default();
        for (kind, on) in Obligation::ALL.into_iter().zip(m.obligations()) {
            o.set(kind, on);
        }
        o
    }
}

/// Directed dyad-years `(a, b, year) → obligations of a towards b`.
pub type DyadTable = BTreeMap<DyadYear, Obligations>;

/// The last year the data can speak for (ATOP 5.1 codes alliances in effect through 2018).
pub const LAST_YEAR: i32 = 2018;

/// Comparable (year, month, day) bounds: a missing month or day is taken at its start for entry and
/// its end for exit, so that two members overlap unless the dates certainly exclude it.
fn start(d: &AtopDate) -> (i32, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn end(d: &Option<AtopDate>) -> (i32, u8, u8) {
    match d {
        Some(d) => (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31)),
        None => (LAST_YEAR, 12, 31),
    }
}

/// `(a, b, year, atopid) → obligations of a towards b under that alliance`, the latest phase of the
/// year winning: the member file's coding, one alliance at a time.
fn per_alliance(
    members: &[AtopMember],
    from: i32,
    to: i32,
) -> HashMap<(u32, u32, i32, u32), Obligations> {
    let mut by_phase: HashMap<(u32, u16), Vec<&AtopMember>> = HashMap::new();
    for m in members.iter().filter(|m| is_cow_code(m.member)) {
        by_phase.entry((m.atopid, m.phase)).or_default().push(m);
    }
    let mut per: HashMap<(u32, u32, i32, u32), (u16, Obligations)> = HashMap::new();
    for rows in by_phase.values() {
        for a in rows {
            for b in rows {
                if a.member == b.member {
                    continue;
                }
                let lo = start(&a.entry).max(start(&b.entry));
                let hi = end(&a.exit).min(end(&b.exit));
                if lo > hi {
                    continue; // never members at the same time
                }
                let ob = Obligations::of_member(a);
                for y in lo.0.max(from)..=hi.0.min(to) {
                    let slot = per
                        .entry((a.member, b.member, y, a.atopid))
                        .or_insert((a.phase, Obligations::default()));
                    if a.phase > slot.0 {
                        *slot = (a.phase, ob);
                    } else if a.phase == slot.0 {
                        slot.1.or(ob);
                    }
                }
            }
        }
    }
    per.into_iter().map(|(k, (_, ob))| (k, ob)).collect()
}

/// Directed dyad-years `(a, b, year) → obligations of a towards b`, for years `from..=to`, from the
/// member file alone.
pub fn directed_dyad_years(members: &[AtopMember], from: i32, to: i32) -> DyadTable {
    directed_dyad_years_coded(members, from, to, &PartnerCoding::default())
}

/// Directed dyad-years with ATOP's partner-level coding applied: an obligation an exception names is
/// dropped from that alliance's contribution, and the dyad-year stays in the table (the states are
/// still allied, as in ATOP's `shareob`) even when nothing is left.
pub fn directed_dyad_years_coded(
    members: &[AtopMember],
    from: i32,
    to: i32,
    coding: &PartnerCoding,
) -> DyadTable {
    coded_table(&contributions(members, from, to), coding)
}

/// A key's two states as ATOP numbers them (the exceptions' `obligor` and `partner`), and its year.
fn aby(k: &DyadYear) -> (u32, u32, i32) {
    (u32::from(k.dyad.from.0), u32::from(k.dyad.to.0), k.year)
}

/// The key of a dyad-year of two members with COW codes (below 1000, [`is_cow_code`]).
fn key(a: u32, b: u32, y: i32) -> DyadYear {
    debug_assert!(is_cow_code(a) && is_cow_code(b));
    DyadYear::new(a as u16, b as u16, y)
}

fn coded_table(by: &Contributions, coding: &PartnerCoding) -> DyadTable {
    let mut out: DyadTable = BTreeMap::new();
    for (k, contrib) in by {
        let (a, b, _) = aby(k);
        let row = out.entry(*k).or_default();
        for &(atopid, mut ob) in contrib {
            for kind in Obligation::ALL {
                if ob.get(kind) && coding.excepts(atopid, a, b, kind) {
                    ob.set(kind, false);
                }
            }
            row.or(ob);
        }
    }
    out
}

/// ATOP's partner-level coding, learned from its dyadic file, with what could not be learned.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PartnerCoding {
    pub exceptions: BTreeSet<PartnerException>,
    /// Exceptions learned from one year but refuted by another, where ATOP codes the obligation and
    /// only this alliance can give it: ATOP's coding of the pair changes within the alliance. They
    /// are not applied.
    pub contradicted: Vec<PartnerException>,
    /// `(a, b, year, kind)` that ATOP codes and no alliance in the member file gives.
    pub unexplained: Vec<(DyadYear, Obligation)>,
    /// ATOP's dyad-years the coding was learned from.
    pub rows_learned: usize,
}

impl PartnerCoding {
    pub fn excepts(&self, atopid: u32, obligor: u32, partner: u32, kind: Obligation) -> bool {
        !self.exceptions.is_empty()
            && self.exceptions.contains(&PartnerException {
                atopid,
                obligor,
                partner,
                kind,
            })
    }

    /// The alliances the exceptions belong to.
    pub fn alliances(&self) -> BTreeSet<u32> {
        self.exceptions.iter().map(|e| e.atopid).collect()
    }
}

/// ATOP's directed dyad-year rows by their key.
pub fn published_table(rows: &[AtopDyadYear]) -> DyadTable {
    rows.iter()
        .map(|r| {
            (
                r.key,
                Obligations {
                    defense: r.defense,
                    offense: r.offense,
                    neutral: r.neutral,
                    nonagg: r.nonagg,
                    consul: r.consul,
                },
            )
        })
        .collect()
}

/// `(a, b, year) → [(atopid, obligations)]`: each alliance's contribution to a dyad-year, computed
/// once and shared by building, learning and explaining.
type Contributions = HashMap<DyadYear, Vec<(u32, Obligations)>>;

fn contributions(members: &[AtopMember], from: i32, to: i32) -> Contributions {
    let mut by = Contributions::new();
    for ((a, b, y, atopid), ob) in per_alliance(members, from, to) {
        by.entry(key(a, b, y)).or_default().push((atopid, ob));
    }
    for v in by.values_mut() {
        v.sort_unstable_by_key(|(id, _)| *id);
    }
    by
}

/// Learns ATOP's partner-level coding from its directed dyad-year table, using the years `learn`
/// accepts. Where ATOP codes an obligation of A towards B as absent in a year, no alliance A and B
/// share then owes it — so every alliance whose member-file coding gives it gets an exception.
/// An exception is dropped again (and reported as contradicted) if, in a learning year, ATOP codes
/// the obligation and only excepted alliances could give it.
pub fn learn_partner_coding(
    members: &[AtopMember],
    published: &DyadTable,
    learn: impl Fn(i32) -> bool,
) -> PartnerCoding {
    let Some((lo, hi)) = year_span(published) else {
        return PartnerCoding::default();
    };
    learn_from(&contributions(members, lo, hi), published, |k, _| {
        learn(k.year)
    })
}

/// Learns from the rows of `published` that `learn` accepts, given each row's key and the
/// alliances contributing to it.
fn learn_from(
    by: &Contributions,
    published: &DyadTable,
    learn: impl Fn(&DyadYear, &[(u32, Obligations)]) -> bool,
) -> PartnerCoding {
    let mut coding = PartnerCoding::default();
    let rows = || {
        published
            .iter()
            .map(|(k, p)| (k, p, by.get(k).map(Vec::as_slice).unwrap_or(&[])))
            .filter(|(k, _, contrib)| learn(k, contrib))
    };
    for (k, p, contrib) in rows() {
        let (a, b, _) = aby(k);
        coding.rows_learned += 1;
        for kind in Obligation::ALL {
            let givers = contrib.iter().filter(|(_, ob)| ob.get(kind));
            if !p.get(kind) {
                for (atopid, _) in givers {
                    coding.exceptions.insert(PartnerException {
                        atopid: *atopid,
                        obligor: a,
                        partner: b,
                        kind,
                    });
                }
            } else if givers.count() == 0 {
                coding.unexplained.push((*k, kind));
            }
        }
    }
    let mut refuted = BTreeSet::new();
    for (k, p, contrib) in rows() {
        let (a, b, _) = aby(k);
        for kind in Obligation::ALL {
            let givers: Vec<u32> = contrib
                .iter()
                .filter(|(_, ob)| ob.get(kind))
                .map(|(id, _)| *id)
                .collect();
            if p.get(kind)
                && !givers.is_empty()
                && givers.iter().all(|&id| coding.excepts(id, a, b, kind))
            {
                refuted.extend(givers.iter().map(|&atopid| PartnerException {
                    atopid,
                    obligor: a,
                    partner: b,
                    kind,
                }));
            }
        }
    }
    for e in &refuted {
        coding.exceptions.remove(e);
    }
    coding.contradicted = refuted.into_iter().collect();
    coding
}

/// The first and last year of a dyad-year table.
pub fn year_span<V>(t: &BTreeMap<DyadYear, V>) -> Option<(i32, i32)> {
    let lo = t.keys().map(|k| k.year).min()?;
    let hi = t.keys().map(|k| k.year).max()?;
    Some((lo, hi))
}

/// How far a built table agrees with ATOP's, over the dyad-years either has (years `keep` accepts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Agreement {
    /// Dyad-years in either table.
    pub rows: usize,
    /// Dyad-years equal on all five obligation columns.
    pub same: usize,
    /// Dyad-years equal on each column, in [`Obligation::ALL`] order.
    pub same_by_kind: [usize; 5],
    pub only_built: usize,
    pub only_published: usize,
}

impl Agreement {
    pub fn share(&self) -> f64 {
        if self.rows == 0 {
            return f64::NAN;
        }
        self.same as f64 / self.rows as f64
    }
}

/// A dyad-year only one table has counts as a disagreement on every column: the tables disagree on
/// whether the states were allied at all.
pub fn agreement(
    built: &DyadTable,
    published: &DyadTable,
    keep: impl Fn(i32) -> bool,
) -> Agreement {
    let mut g = Agreement::default();
    for (k, p) in published.iter().filter(|(k, _)| keep(k.year)) {
        g.rows += 1;
        let Some(b) = built.get(k) else {
            g.only_published += 1;
            continue;
        };
        g.same += usize::from(b == p);
        for (i, kind) in Obligation::ALL.into_iter().enumerate() {
            g.same_by_kind[i] += usize::from(b.get(kind) == p.get(kind));
        }
    }
    for k in built.keys().filter(|k| keep(k.year)) {
        if !published.contains_key(k) {
            g.rows += 1;
            g.only_built += 1;
        }
    }
    g
}

/// A dyad-year where the built table and ATOP's differ, with the alliances behind each obligation
/// the built table has and ATOP's lacks.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Difference {
    pub key: DyadYear,
    pub built: Option<Obligations>,
    pub published: Option<Obligations>,
    /// `(kind, alliances whose member-file coding gives it)` for each obligation only the built
    /// table has.
    pub extra: Vec<(Obligation, Vec<u32>)>,
}

/// Every dyad-year where `built` (made from `members` with `coding`) and ATOP's table differ, in key
/// order, within the published table's years.
pub fn differences(
    members: &[AtopMember],
    coding: &PartnerCoding,
    built: &DyadTable,
    published: &DyadTable,
) -> Vec<Difference> {
    let Some((lo, hi)) = year_span(published) else {
        return Vec::new();
    };
    differences_from(
        &contributions(members, lo, hi),
        (lo, hi),
        coding,
        built,
        published,
    )
}

fn differences_from(
    by: &Contributions,
    (lo, hi): (i32, i32),
    coding: &PartnerCoding,
    built: &DyadTable,
    published: &DyadTable,
) -> Vec<Difference> {
    let keys: BTreeSet<&DyadYear> = built
        .keys()
        .filter(|k| (lo..=hi).contains(&k.year))
        .chain(published.keys())
        .collect();
    let mut out = Vec::new();
    for k in keys {
        let (b, p) = (built.get(k).copied(), published.get(k).copied());
        if b == p {
            continue;
        }
        let (bo, po) = (b.unwrap_or_default(), p.unwrap_or_default());
        let extra = Obligation::ALL
            .into_iter()
            .filter(|&kind| bo.get(kind) && !po.get(kind))
            .map(|kind| {
                let ids = by
                    .get(k)
                    .into_iter()
                    .flatten()
                    .filter(|(id, ob)| {
                        ob.get(kind) && !coding.excepts(*id, aby(k).0, aby(k).1, kind)
                    })
                    .map(|(id, _)| *id)
                    .collect();
                (kind, ids)
            })
            .collect();
        out.push(Difference {
            key: *k,
            built: b,
            published: p,
            extra,
        });
    }
    out
}

/// A partner-level coding learned on some years and checked on the others.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeldOut {
    pub learned_on: &'static str,
    pub tested_on: &'static str,
    pub exceptions: usize,
    /// The coded table on the held-out years.
    pub coded: Agreement,
    /// The member file alone on the same years.
    pub member_only: Agreement,
}

/// Leave-one-alliance-out: for each alliance, the coding is learned from every ATOP row the alliance
/// does not contribute to, and tested on the rows it does — so an alliance's own years never teach
/// its held-out rows. This is the test of whether the coding predicts anything about an alliance it
/// has not seen (it cannot: its exceptions are named by alliance), as against the year-parity test,
/// which learns an alliance's corrections from its other years.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct LeaveOneOut {
    /// Alliances evaluated: those contributing to at least one row of ATOP's table's years.
    pub alliances: usize,
    /// (alliance, dyad-year) pairs tested; a dyad-year under two alliances is tested in both folds.
    pub tested: usize,
    /// Of those, wrong from the member file alone.
    pub member_only_wrong: usize,
    /// Of those, right with the coding learned without the alliance (each fix is owed to another
    /// alliance in the same dyad-year, whose correction was learned from its own rows).
    pub fixed: usize,
    /// Of the wrong pairs, those where the held-out alliance itself gives an obligation ATOP's
    /// table lacks: the errors that are the alliance's own.
    pub own_wrong: usize,
    /// Of those, fixed: none can be, as the coding has no exception for an alliance it never saw.
    pub own_fixed: usize,
    /// Right from the member file alone, wrong with the coding learned without the alliance.
    pub new_errors: usize,
}

/// The fold of one alliance: the coding learned without its rows, tested on them.
fn leave_one_alliance_out(
    by: &Contributions,
    published: &DyadTable,
    alone: &DyadTable,
) -> LeaveOneOut {
    let ids: BTreeSet<u32> = by
        .values()
        .flat_map(|v| v.iter().map(|(id, _)| *id))
        .collect();
    let mut out = LeaveOneOut {
        alliances: ids.len(),
        ..LeaveOneOut::default()
    };
    let has = |contrib: &[(u32, Obligations)], id: u32| contrib.iter().any(|(x, _)| *x == id);
    for id in ids {
        let coding = learn_from(by, published, |_, contrib| !has(contrib, id));
        let coded = coded_table(by, &coding);
        for (k, contrib) in by.iter().filter(|(_, contrib)| has(contrib, id)) {
            let truth = published.get(k).copied().unwrap_or_default();
            let before = alone.get(k).copied().unwrap_or_default() != truth;
            let after = coded.get(k).copied().unwrap_or_default() != truth;
            let own = contrib.iter().any(|(x, ob)| {
                *x == id && Obligation::ALL.iter().any(|&o| ob.get(o) && !truth.get(o))
            });
            out.tested += 1;
            out.member_only_wrong += usize::from(before);
            out.fixed += usize::from(before && !after);
            out.new_errors += usize::from(!before && after);
            out.own_wrong += usize::from(before && own);
            out.own_fixed += usize::from(before && own && !after);
        }
    }
    out
}

/// The differences of the member file alone, gathered by the alliance behind them.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AllianceResidual {
    pub atopid: u32,
    pub first_year: i32,
    /// Members with a COW code.
    pub members: usize,
    /// Members flagged `obvary` (obligations differ by partner).
    pub obvary_members: usize,
    /// Dyad-years where this alliance gives an obligation ATOP's table lacks.
    pub rows: usize,
    /// Those dyad-years by obligation, in [`Obligation::ALL`] order.
    pub by_kind: [usize; 5],
}

/// The member-file table set against ATOP's own: how far the member file alone gets, the
/// partner-level coding learned from ATOP's table, checked on years it was not learned from, and the
/// alliances behind every remaining difference.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Reconciliation {
    /// The years ATOP's table covers (the comparison's span).
    pub years: (i32, i32),
    pub member_only: Agreement,
    /// Learned on an alliance's other years (year parity): within-alliance prediction.
    pub held_out: Vec<HeldOut>,
    /// Learned without the alliance at all: the out-of-sample test.
    pub leave_one_alliance_out: LeaveOneOut,
    /// Learned on every year.
    pub coding: PartnerCoding,
    pub coded: Agreement,
    pub residual_by_alliance: Vec<AllianceResidual>,
    /// Alliances with members flagged `obvary` that begin after ATOP's table ends: their
    /// partner-level coding cannot be learned from it, and they keep the member file's coding.
    pub beyond_table: Vec<u32>,
    /// Every difference of the member file alone.
    pub differences: Vec<Difference>,
}

/// Alliances with a member flagged `obvary` whose first member enters after `year`.
pub fn obvary_alliances_after(members: &[AtopMember], year: i32) -> Vec<u32> {
    let mut first: BTreeMap<u32, i32> = BTreeMap::new();
    for m in members {
        let f = first.entry(m.atopid).or_insert(m.entry.year);
        *f = (*f).min(m.entry.year);
    }
    let flagged: BTreeSet<u32> = members
        .iter()
        .filter(|m| m.obvary)
        .map(|m| m.atopid)
        .collect();
    flagged
        .into_iter()
        .filter(|id| first.get(id).is_some_and(|&y| y > year))
        .collect()
}

/// Sets the member file against ATOP's directed dyad-year table.
pub fn reconcile(members: &[AtopMember], published: &DyadTable) -> Option<Reconciliation> {
    let (lo, hi) = year_span(published)?;
    let by = contributions(members, lo, hi);
    let none = PartnerCoding::default();
    let alone = coded_table(&by, &none);
    // Learn on the years of one parity, test on the other.
    let held_out = [
        (0, "even years", "odd years"),
        (1, "odd years", "even years"),
    ]
    .into_iter()
    .map(|(parity, learned_on, tested_on)| {
        let test = |y: i32| y.rem_euclid(2) != parity;
        let coding = learn_from(&by, published, |k, _| k.year.rem_euclid(2) == parity);
        let coded = coded_table(&by, &coding);
        HeldOut {
            learned_on,
            tested_on,
            exceptions: coding.exceptions.len(),
            coded: agreement(&coded, published, test),
            member_only: agreement(&alone, published, test),
        }
    })
    .collect();
    let leave_one_alliance_out = leave_one_alliance_out(&by, published, &alone);
    let coding = learn_from(&by, published, |_, _| true);
    let coded = agreement(&coded_table(&by, &coding), published, |_| true);
    let differences = differences_from(&by, (lo, hi), &none, &alone, published);
    // atopid → (the dyad-years it adds an obligation to, the count by obligation)
    type Residual = (BTreeSet<DyadYear>, [usize; 5]);
    let mut residual: BTreeMap<u32, Residual> = BTreeMap::new();
    for d in &differences {
        for (kind, ids) in &d.extra {
            let i = Obligation::ALL.iter().position(|k| k == kind).unwrap_or(0);
            for id in ids {
                let r = residual.entry(*id).or_default();
                r.0.insert(d.key);
                r.1[i] += 1;
            }
        }
    }
    let residual_by_alliance = residual
        .into_iter()
        .map(|(atopid, (rows, by_kind))| {
            let of: Vec<&AtopMember> = members
                .iter()
                .filter(|m| m.atopid == atopid && is_cow_code(m.member))
                .collect();
            let distinct = |f: &dyn Fn(&&&AtopMember) -> bool| {
                of.iter()
                    .filter(f)
                    .map(|m| m.member)
                    .collect::<BTreeSet<_>>()
                    .len()
            };
            AllianceResidual {
                atopid,
                first_year: of.iter().map(|m| m.entry.year).min().unwrap_or(0),
                members: distinct(&|_| true),
                obvary_members: distinct(&|m| m.obvary),
                rows: rows.len(),
                by_kind,
            }
        })
        .collect();
    let beyond_table = obvary_alliances_after(members, hi);
    Some(Reconciliation {
        years: (lo, hi),
        beyond_table,
        member_only: agreement(&alone, published, |_| true),
        held_out,
        leave_one_alliance_out,
        coding,
        coded,
        residual_by_alliance,
        differences,
    })
}

/// The line a command prints when it applies a learned coding: how many exceptions, from where,
/// and what the coding cannot reach (alliances that begin after the dyadic file ends).
pub fn coding_note(
    coding: &PartnerCoding,
    members: &[AtopMember],
    published: &DyadTable,
    path: &std::path::Path,
) -> String {
    let (lo, hi) = year_span(published).unwrap_or((0, 0));
    let mut note = format!(
        "ATOP partner-level coding: {} exceptions in {} alliances learned from {} ({} dyad-years, {lo}–{hi})",
        coding.exceptions.len(),
        coding.alliances().len(),
        path.display(),
        coding.rows_learned,
    );
    if !coding.contradicted.is_empty() {
        note.push_str(&format!(
            "; {} contradicted by another year and not applied",
            coding.contradicted.len()
        ));
    }
    if !coding.unexplained.is_empty() {
        note.push_str(&format!(
            "; {} ATOP obligations no alliance in the member file gives",
            coding.unexplained.len()
        ));
    }
    let beyond = obvary_alliances_after(members, hi);
    if !beyond.is_empty() {
        note.push_str(&format!(
            "; {} alliances with partner-varying obligations begin after {hi} and keep the member file's coding",
            beyond.len()
        ));
    }
    note
}

fn flags(o: Option<Obligations>) -> String {
    match o {
        None => "NA,NA,NA,NA,NA".into(),
        Some(o) => Obligation::ALL
            .iter()
            .map(|k| if o.get(*k) { "1" } else { "0" })
            .collect::<Vec<_>>()
            .join(","),
    }
}

fn write_file(
    path: &std::path::Path,
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), crate::DatasetError> {
    use std::io::Write;
    let err = |e: std::io::Error| crate::DatasetError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let tmp = entente_table::tmp_path(path);
    let file = std::fs::File::create(&tmp).map_err(err)?;
    let mut w = std::io::BufWriter::new(file);
    f(&mut w).and_then(|()| w.flush()).map_err(err)?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(err)
}

/// Writes a directed dyad-year table as CSV in peacesciencer's column names
/// (`ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul`).
pub fn write_table(path: &std::path::Path, table: &DyadTable) -> Result<(), crate::DatasetError> {
    write_file(path, |w| {
        writeln!(
            w,
            "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul"
        )?;
        for (k, o) in table {
            let (x, y, year) = (k.dyad.from, k.dyad.to, k.year);
            writeln!(w, "{x},{y},{year},{}", flags(Some(*o)))?;
        }
        Ok(())
    })
}

/// Writes every difference between the built and the published table as CSV, with the
/// alliances behind each extra obligation.
pub fn write_differences(
    path: &std::path::Path,
    differences: &[Difference],
) -> Result<(), crate::DatasetError> {
    write_file(path, |w| {
        writeln!(
            w,
            "ccode1,ccode2,year,built_defense,built_offense,built_neutral,built_nonagg,built_consul,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,alliances"
        )?;
        for d in differences {
            let ids: BTreeSet<u32> = d
                .extra
                .iter()
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect();
            let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
            writeln!(
                w,
                "{},{},{},{},{},{}",
                d.key.dyad.from,
                d.key.dyad.to,
                d.key.year,
                flags(d.built),
                flags(d.published),
                ids.join(" ")
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atop::Conditions;

    fn member(atopid: u32, member: u32, y0: i32, y1: i32, defense: bool) -> AtopMember {
        AtopMember {
            atopid,
            member,
            phase: 0,
            entry: AtopDate {
                year: y0,
                month: Some(1),
                day: Some(1),
            },
            exit: Some(AtopDate {
                year: y1,
                month: Some(12),
                day: Some(31),
            }),
            bilateral: false,
            defense,
            offense: false,
            neutral: false,
            nonagg: false,
            consul: true,
            defense_conditions: Conditions::default(),
            offense_conditions: Conditions::default(),
            neutral_conditions: Conditions::default(),
            consul_conditions: Conditions::default(),
            threats: Vec::new(),
            asymmetric: true,
            obvary: defense,
        }
    }

    /// The codebook's own example (§2.7): Britain, France and Sweden, 1855 (ATOP 1190) — all consult,
    /// Britain and France defend Sweden and not each other.
    fn sweden() -> (Vec<AtopMember>, DyadTable) {
        let members = vec![
            member(1190, 200, 1855, 1856, true),
            member(1190, 220, 1855, 1856, true),
            member(1190, 380, 1855, 1856, false),
        ];
        let consult = Obligations {
            consul: true,
            ..Obligations::default()
        };
        let defend = Obligations {
            defense: true,
            ..consult
        };
        let mut published = BTreeMap::new();
        for y in [1855, 1856] {
            for (a, b, o) in [
                (200, 380, defend),
                (220, 380, defend),
                (200, 220, consult),
                (220, 200, consult),
                (380, 200, consult),
                (380, 220, consult),
            ] {
                published.insert(DyadYear::new(a, b, y), o);
            }
        }
        (members, published)
    }

    #[test]
    fn the_member_file_alone_cannot_say_who_is_owed() {
        let (members, published) = sweden();
        let built = directed_dyad_years(&members, 1855, 1856);
        assert!(
            built[&DyadYear::new(200, 220, 1855)].defense,
            "Britain owes France defence"
        );
        let g = agreement(&built, &published, |_| true);
        assert_eq!((g.rows, g.same), (12, 8));
        assert_eq!(g.same_by_kind, [8, 12, 12, 12, 12]);
        let d = differences(&members, &PartnerCoding::default(), &built, &published);
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].extra, vec![(Obligation::Defense, vec![1190])]);
    }

    #[test]
    fn partner_coding_learned_from_one_year_reproduces_the_other() {
        let (members, published) = sweden();
        let coding = learn_partner_coding(&members, &published, |y| y == 1855);
        let want: BTreeSet<_> = [(200, 220), (220, 200)]
            .into_iter()
            .map(|(obligor, partner)| PartnerException {
                atopid: 1190,
                obligor,
                partner,
                kind: Obligation::Defense,
            })
            .collect();
        assert_eq!(coding.exceptions, want);
        assert_eq!(coding.rows_learned, 6);
        assert!(coding.contradicted.is_empty() && coding.unexplained.is_empty());
        let built = directed_dyad_years_coded(&members, 1855, 1856, &coding);
        let g = agreement(&built, &published, |y| y == 1856);
        assert_eq!((g.rows, g.same), (6, 6));
        assert!(
            !built[&DyadYear::new(200, 220, 1856)].defense
                && built[&DyadYear::new(200, 220, 1856)].consul
        );
    }

    #[test]
    fn a_refuted_exception_is_reported_and_not_applied() {
        let (members, mut published) = sweden();
        // ATOP codes Britain–France defence in 1856 but not 1855: not a property of the alliance.
        published
            .get_mut(&DyadYear::new(200, 220, 1856))
            .unwrap()
            .defense = true;
        let coding = learn_partner_coding(&members, &published, |_| true);
        assert_eq!(coding.contradicted.len(), 1);
        assert_eq!(coding.contradicted[0].obligor, 200);
        assert_eq!(coding.exceptions.len(), 1);
        // An obligation no alliance gives is unexplained.
        published.insert(
            DyadYear::new(380, 200, 1855),
            Obligations {
                offense: true,
                consul: true,
                ..Obligations::default()
            },
        );
        let coding = learn_partner_coding(&members, &published, |_| true);
        assert_eq!(
            coding.unexplained,
            vec![(DyadYear::new(380, 200, 1855), Obligation::Offense)]
        );
    }

    #[test]
    fn rows_only_in_one_table_count_as_disagreement() {
        let (members, mut published) = sweden();
        let coding = learn_partner_coding(&members, &published, |_| true);
        published.remove(&DyadYear::new(380, 220, 1856));
        published.insert(DyadYear::new(2, 20, 1856), Obligations::default());
        let built = directed_dyad_years_coded(&members, 1855, 1856, &coding);
        let g = agreement(&built, &published, |_| true);
        assert_eq!(
            (g.rows, g.same, g.only_built, g.only_published),
            (13, 11, 1, 1)
        );
        let d = differences(&members, &coding, &built, &published);
        assert_eq!(d.len(), 2);
        assert!(
            d.iter()
                .any(|d| d.published.is_none() && d.key.dyad.from.0 == 380)
        );
    }
}
