//! The country-code crosswalk (Arel-Bundock, Enevoldsen & Yetman 2018, "countrycode: An R package to
//! convert country names and country codes", *Journal of Open Source Software* 3(28): 848; the package's
//! `codelist`): COW number and abbreviation, ISO 3166 alpha-3, Gleditsch–Ward number, FIPS code and
//! English name. CAMEO country codes are ISO alpha-3, so the crosswalk gives every COW state the codes
//! event data use. Rows for entities without a COW number are kept with `cow = None`.

use entente_table::csv as csvio;
use entente_table::{Loaded, TableError};
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codes {
    pub cow: Option<u16>,
    pub cow_abbr: Option<String>,
    pub iso3: Option<String>,
    pub gw: Option<u16>,
    pub fips: Option<String>,
    pub name: String,
}

pub fn read(path: &Path) -> Result<Loaded<Codes>, TableError> {
    csvio::read(
        path,
        &["cown", "cowc", "iso3c", "country.name.en"],
        &["gwn", "fips"],
        |r| {
            let text = |k: &'static str| Some(r.text(k)).filter(|s| !s.is_empty() && s != "NA");
            let num = |k: &'static str| -> Result<Option<u16>, String> {
                r.opt_int(k)?
                    .map(|v| u16::try_from(v).map_err(|_| format!("`{k}` {v} is out of range")))
                    .transpose()
            };
            Ok(Codes {
                cow: num("cown")?,
                cow_abbr: text("cowc"),
                iso3: text("iso3c"),
                gw: num("gwn")?,
                fips: text("fips"),
                name: r.text("country.name.en"),
            })
        },
    )
}
