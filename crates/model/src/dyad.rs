//! The small types the field confuses numbers with: a COW state number, and an ordered pair of
//! states, so that a (Belgium, France) row cannot be read as (France, Belgium) by accident — the
//! direction is in the field names, not in a tuple's position.

use serde::Serialize;
use std::fmt;

/// A Correlates of War state number (`ccode`: 2 the United States, 200 the United Kingdom, 365
/// Russia), as COW's state system and every dataset keyed on it (ATOP, NMC, MID) write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CowCode(pub u16);

impl fmt::Display for CowCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An ordered pair of states: `from` owes, acts towards or is compared with `to`. Directed dyad
/// data (ATOP's `stateA`/`stateB`, peacesciencer's `ccode1`/`ccode2`) read A to B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DirectedDyad {
    pub from: CowCode,
    pub to: CowCode,
}

impl DirectedDyad {
    pub const fn new(from: u16, to: u16) -> DirectedDyad {
        DirectedDyad {
            from: CowCode(from),
            to: CowCode(to),
        }
    }

    /// The same pair the other way round.
    pub const fn reversed(self) -> DirectedDyad {
        DirectedDyad {
            from: self.to,
            to: self.from,
        }
    }
}

impl fmt::Display for DirectedDyad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}→{}", self.from, self.to)
    }
}

/// A directed dyad in a year: the key of every dyad-year table. Ordered by `from`, `to`, then
/// `year`, as the field's files are sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DyadYear {
    pub dyad: DirectedDyad,
    pub year: i32,
}

impl DyadYear {
    pub const fn new(from: u16, to: u16, year: i32) -> DyadYear {
        DyadYear {
            dyad: DirectedDyad::new(from, to),
            year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_is_kept() {
        let d = DirectedDyad::new(211, 220);
        assert_ne!(d, d.reversed());
        assert_eq!(d.reversed().reversed(), d);
        assert_eq!(d.to_string(), "211→220");
        // Keys sort as the files do: by A, then B, then year.
        let mut keys = [
            DyadYear::new(220, 211, 1900),
            DyadYear::new(211, 220, 1901),
            DyadYear::new(211, 220, 1900),
        ];
        keys.sort();
        assert_eq!(keys[0], DyadYear::new(211, 220, 1900));
        assert_eq!(keys[2], DyadYear::new(220, 211, 1900));
    }
}
