//! ICEWS coded event files (`.tab`, tab-separated with a header; Boschee et al. 2015). ICEWS has no
//! QuadClass column — it is derived from the CAMEO root — and its `Intensity` is the Goldstein-like
//! score. Countries are names ("Russian Federation"), mapped to CAMEO country codes (ISO alpha-3)
//! through the crosswalk plus [`ICEWS_NAMES`], ICEWS's own spellings; `NA` means no country; names that
//! do not map are counted and reported, and the event keeps an empty code.

use crate::read::{ReadError, each_line};
use crate::{Event, Loaded, Reject, tenths};
use entente_model::CameoCode;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// ICEWS spellings that differ from the crosswalk's English names, with their ISO alpha-3 codes.
pub const ICEWS_NAMES: [(&str, &str); 16] = [
    ("Russian Federation", "RUS"),
    ("Occupied Palestinian Territory", "PSE"),
    ("Myanmar", "MMR"),
    ("Democratic Republic of Congo", "COD"),
    ("Congo", "COG"),
    ("Czech Republic", "CZE"),
    ("the former Yugoslav Republic of Macedonia", "MKD"),
    ("Moldova, Republic of", "MDA"),
    ("Cote d'Ivoire", "CIV"),
    ("Hong Kong", "HKG"),
    ("Holy See", "VAT"),
    ("Swaziland", "SWZ"),
    ("Bosnia and Herzegovina", "BIH"),
    ("Korea, Republic of", "KOR"),
    ("North Korea", "PRK"),
    ("Iran, Islamic Republic of", "IRN"),
];

/// Maps country names to codes: exact crosswalk names, then ICEWS's spellings.
#[derive(Clone, Debug, Default)]
pub struct Countries {
    by_name: HashMap<String, String>,
}

impl Countries {
    /// From `(English name, ISO3)` pairs (the crosswalk).
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, &'a str)>) -> Countries {
        let mut by_name: HashMap<String, String> = names
            .into_iter()
            .map(|(n, c)| (n.to_lowercase(), c.to_string()))
            .collect();
        for (n, c) in ICEWS_NAMES {
            by_name
                .entry(n.to_lowercase())
                .or_insert_with(|| c.to_string());
        }
        Countries { by_name }
    }

    pub fn code(&self, name: &str) -> Option<&str> {
        self.by_name
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }
}

/// What an ICEWS load could not map.
#[derive(Clone, Debug, Default)]
pub struct Unmapped {
    pub names: BTreeMap<String, u64>,
}

const COLUMNS: [&str; 6] = [
    "Event Date",
    "Source Country",
    "CAMEO Code",
    "Intensity",
    "Target Country",
    "Source Name",
];

/// Reads an ICEWS file, appending to `into`; unmapped country names are counted in `unmapped`.
pub fn read(
    path: &Path,
    countries: &Countries,
    into: &mut Loaded<Event>,
    unmapped: &mut Unmapped,
) -> Result<(), ReadError> {
    let name = path.display().to_string();
    let mut cols: Option<HashMap<String, usize>> = None;
    let mut missing: Option<String> = None;
    each_line(path, |n, line| {
        let Ok(text) = std::str::from_utf8(line) else {
            if cols.is_some() {
                into.read += 1;
                into.rejects.push(Reject::new(
                    name.as_str(),
                    n,
                    "the row is not valid UTF-8",
                    line,
                ));
            }
            return;
        };
        let fields: Vec<&str> = text.split('\t').collect();
        let Some(c) = &cols else {
            let header: HashMap<String, usize> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.trim().to_string(), i))
                .collect();
            missing = COLUMNS
                .iter()
                .find(|c| !header.contains_key(**c))
                .map(|c| c.to_string());
            cols = Some(header);
            return;
        };
        if line.is_empty() {
            return;
        }
        into.read += 1;
        let get = |k: &str| {
            c.get(k)
                .and_then(|&i| fields.get(i))
                .map_or("", |s| s.trim())
        };
        let parsed = (|| -> Result<Event, String> {
            let d = get("Event Date");
            let parts: Vec<&str> = d.split('-').collect();
            let date = match parts.as_slice() {
                [y, m, dd] if y.len() == 4 && m.len() == 2 && dd.len() == 2 => {
                    format!("{y}{m}{dd}").parse::<u32>().ok()
                }
                _ => None,
            }
            .filter(|v| (1..=12).contains(&((v / 100) % 100)) && (1..=31).contains(&(v % 100)))
            .ok_or_else(|| format!("Event Date \"{d}\" is not YYYY-MM-DD"))?;
            let code = get("CAMEO Code");
            let code = CameoCode::new(code).map_err(|e| format!("CAMEO Code {e}"))?;
            // ICEWS has no QuadClass column: it is the root's.
            let quad = code.quad_class();
            let i = get("Intensity");
            let intensity = tenths(i)
                .ok_or_else(|| format!("Intensity \"{i}\" is not a one-decimal number"))?;
            Ok(Event {
                date,
                source_country: String::new(),
                source_actor: String::new(),
                target_country: String::new(),
                target_actor: String::new(),
                code,
                quad,
                goldstein_tenths: intensity,
                place_fips: String::new(),
            })
        })();
        match parsed {
            Ok(mut e) => {
                for (field, slot) in [
                    ("Source Country", &mut e.source_country),
                    ("Target Country", &mut e.target_country),
                ] {
                    let country = get(field);
                    if country.is_empty() || country == "NA" {
                        continue;
                    }
                    match countries.code(country) {
                        Some(code) => *slot = code.to_string(),
                        None => *unmapped.names.entry(country.to_string()).or_default() += 1,
                    }
                }
                into.rows.push(e);
            }
            Err(reason) => into
                .rejects
                .push(Reject::new(name.as_str(), n, reason, line)),
        }
    })?;
    if let Some(c) = missing {
        return Err(ReadError::format(
            path,
            format!("no column `{c}`; is this an ICEWS events file?"),
        ));
    }
    Ok(())
}
