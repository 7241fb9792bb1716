//! COW National Material Capabilities (Singer, Bremer & Stuckey 1972; Singer 1987; v6.0 Greig & Enterline
//! 2017, v7.0 2021). One row per state-year, 1816–2016 (v6.0) or –2016 with revisions (v7.0).
//!
//! Columns and units (NMC codebook): `milex` military expenditure, in thousands of British pounds
//! before 1914 and thousands of current US$ from 1914 (the file's own series jumps there: France
//! 66,706 in 1913, 1,235,000 in 1914), so never compare or fit across 1914; `milper` military personnel, thousands; `irst`
//! iron and steel production, thousands of tons; `pec` primary energy consumption, thousands of
//! coal-ton equivalents; `tpop` and `upop` total and urban population, thousands; `cinc` the published
//! Composite Index, stored in single precision in the distributed file. `-9` is missing.
//! Required: `ccode`, `year`, the six components; `cinc` optional (v7.0 via peacesciencer has it).

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

/// The six NMC components in NMC's order.
pub const COMPONENTS: [&str; 6] = ["milex", "milper", "irst", "pec", "tpop", "upop"];

#[derive(Clone, Debug, PartialEq)]
pub struct NmcYear {
    pub ccode: u16,
    pub year: i32,
    /// milex, milper, irst, pec, tpop, upop; `None` where missing.
    pub components: [Option<f64>; 6],
    /// The published CINC, if the file has it.
    pub cinc: Option<f64>,
}

pub fn read(path: &Path) -> Result<Loaded<NmcYear>, TableError> {
    csvio::read(
        path,
        &[
            "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop",
        ],
        &["cinc"],
        |r| {
            let ccode = r.int("ccode")?;
            let year = r.int("year")?;
            let ccode =
                u16::try_from(ccode).map_err(|_| format!("`ccode` {ccode} is not a COW code"))?;
            let year = i32::try_from(year).map_err(|_| format!("`year` {year} is out of range"))?;
            let mut components = [None; 6];
            for (k, name) in COMPONENTS.iter().enumerate() {
                components[k] = r.opt_num(name)?;
                if components[k].is_some_and(|v| v < 0.0) {
                    return Err(format!("`{name}` is negative"));
                }
            }
            Ok(NmcYear {
                ccode,
                year,
                components,
                cinc: r.opt_num("cinc")?,
            })
        },
    )
}
