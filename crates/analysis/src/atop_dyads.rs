//! ATOP's directed dyad-years, built from the member-level file as the ATOP codebook (§2.7) describes:
//! every ordered pair of members of the same alliance phase, for every year both are members at once,
//! with state A's obligations towards state B. Within one alliance, a year in which the alliance
//! changes phase takes the later phase's obligations (as ATOP's own table does: alliance 1362 drops
//! neutrality on 24 November 1888, and 1888 is coded without it); several alliances in a dyad-year
//! combine by "any".
//!
//! What this cannot reproduce (codebook §2.1, §2.7): ATOP corrects by hand the dyadic coding of
//! multilateral alliances whose members' obligations vary (in the Britain–France–Sweden alliance of
//! 1855 only Sweden is owed defence); from the member file alone, a member's obligation runs to every
//! other member. Members without a COW code (Annam, 8152) are dropped, as ATOP drops them.

use entente_datasets::atop::{AtopDate, AtopMember, is_cow_code};
use std::collections::{BTreeMap, HashMap};

/// A directed dyad-year's obligations of A towards B.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Obligations {
    pub defense: bool,
    pub offense: bool,
    pub neutral: bool,
    pub nonagg: bool,
    pub consul: bool,
}

impl Obligations {
    fn or(&mut self, o: Obligations) {
        self.defense |= o.defense;
        self.offense |= o.offense;
        self.neutral |= o.neutral;
        self.nonagg |= o.nonagg;
        self.consul |= o.consul;
    }
}

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

/// Directed dyad-years `(a, b, year) → obligations of a towards b`, for years `from..=to`.
pub fn directed_dyad_years(
    members: &[AtopMember],
    from: i32,
    to: i32,
) -> BTreeMap<(u32, u32, i32), Obligations> {
    let mut by_phase: HashMap<(u32, u16), Vec<&AtopMember>> = HashMap::new();
    for m in members.iter().filter(|m| is_cow_code(m.member)) {
        by_phase.entry((m.atopid, m.phase)).or_default().push(m);
    }
    // (a, b, year, alliance) → (phase, obligations): the latest phase wins within an alliance.
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
                let ob = Obligations {
                    defense: a.defense,
                    offense: a.offense,
                    neutral: a.neutral,
                    nonagg: a.nonagg,
                    consul: a.consul,
                };
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
    let mut out: BTreeMap<(u32, u32, i32), Obligations> = BTreeMap::new();
    for ((a, b, y, _), (_, ob)) in per {
        out.entry((a, b, y)).or_default().or(ob);
    }
    out
}
