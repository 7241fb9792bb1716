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

    /// Every (lower-cased name, code) pair the mapping knows, in no particular order (for engines
    /// that map names themselves, as the Spark job does).
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_name.iter().map(|(n, c)| (n.as_str(), c.as_str()))
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

/// Whether a file starts with ICEWS's header (its first line holds `Event ID` and `Event Date`
/// tab-separated), reading at most its first 4 KB.
pub fn looks_like_icews(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let first = head[..n].split(|&b| b == b'\n').next().unwrap_or(&[]);
    let first = String::from_utf8_lossy(first);
    let cols: Vec<&str> = first.split('\t').map(str::trim).collect();
    cols.contains(&"Event ID") && cols.contains(&"Event Date")
}

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
    let mut width = 0;
    each_line(path, |n, line| {
        let line = match line {
            crate::read::Line::Text(t) => t,
            crate::read::Line::TooLong(head) => {
                if cols.is_some() {
                    crate::read::reject_too_long(into, &name, n, head);
                }
                return;
            }
        };
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
            width = fields.len();
            cols = Some(header);
            return;
        };
        if line.is_empty() {
            return;
        }
        into.read += 1;
        // A short or long row is a column-count error first, whatever else is wrong with it: the
        // values of a row cut short would be read from the wrong columns.
        if fields.len() != width {
            into.rejects.push(Reject::new(
                name.as_str(),
                n,
                format!(
                    "the row has {} tab-separated columns; the header has {}",
                    fields.len(),
                    width
                ),
                line,
            ));
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A short or long row is a column-count reject saying so, before anything else is read from it
    /// (a truncated row is not "CAMEO Code \"\" is not a CAMEO code").
    #[test]
    fn rows_with_the_wrong_number_of_columns_are_rejects_saying_so() {
        let header = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";
        let width = header.split('\t').count();
        let good: Vec<String> = (0..width)
            .map(|i| match i {
                1 => "2018-06-01".to_string(),
                4 => "Russian Federation".into(),
                6 => "042".into(),
                7 => "1.9".into(),
                10 => "North Korea".into(),
                _ => "x".into(),
            })
            .collect();
        let row = |n: usize| {
            let mut f = good.clone();
            f.resize(n, "x".into());
            f.join("\t")
        };
        let text = format!(
            "{header}\n{}\n{}\n{}\n{}\n",
            row(width),
            row(width - 1),
            row(width + 1),
            row(8)
        );
        let dir = std::env::temp_dir().join(format!("entente-icews-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("e.tab");
        std::fs::write(&path, text).unwrap();
        let mut into = Loaded::default();
        read(
            &path,
            &Countries::new([]),
            &mut into,
            &mut Unmapped::default(),
        )
        .unwrap();
        assert_eq!((into.read, into.rows.len(), into.rejects.len()), (4, 1, 3));
        let reasons: Vec<&str> = into.rejects.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                format!(
                    "the row has {} tab-separated columns; the header has {width}",
                    width - 1
                ),
                format!(
                    "the row has {} tab-separated columns; the header has {width}",
                    width + 1
                ),
                format!("the row has 8 tab-separated columns; the header has {width}"),
            ]
        );
        assert_eq!(into.rejects[0].line, 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
