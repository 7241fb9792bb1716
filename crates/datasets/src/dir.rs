//! A data directory: where the user keeps the datasets. entente looks for each dataset under the
//! names the producers distribute (and the layout of `shared/data`), and says which are missing.

use std::path::{Path, PathBuf};

/// The datasets entente reads, and the file names it looks for (first found wins).
pub const DATASETS: [(&str, &[&str]); 13] = [
    (
        "crosswalk",
        &[
            "states/countrycode_codelist_without_cldr.csv",
            "countrycode_codelist_without_cldr.csv",
            "codelist.csv",
        ],
    ),
    ("system", &["states/system2016.csv", "system2016.csv"]),
    ("states", &["states/states2016.csv", "states2016.csv"]),
    ("majors", &["states/majors2016.csv", "majors2016.csv"]),
    (
        "nmc",
        &[
            "nmc/NMC-60-abridged.csv",
            "NMC-60-abridged.csv",
            "nmc/NMC-70-abridged_via_peacesciencer.csv",
            "NMC_v7.csv",
        ],
    ),
    ("atop", &["atop/atop5_1m.csv", "atop5_1m.csv"]),
    ("atop-alliances", &["atop/atop5_1a.csv", "atop5_1a.csv"]),
    ("atop-phases", &["atop/atop5_1aph.csv", "atop5_1aph.csv"]),
    (
        "atop-dyadic",
        &[
            "atop/atop5_1ddyr.csv",
            "atop5_1ddyr.csv",
            "atop/atop5_1_ddyr_1815-1944.csv",
            "atop5_1_ddyr_1815-1944.csv",
        ],
    ),
    (
        "cow-alliances",
        &[
            "cow_alliances/alliance_v4.1_by_member.csv",
            "alliance_v4.1_by_member.csv",
        ],
    ),
    (
        "cow-dyadic",
        &[
            "cow_alliances/alliance_v4.1_by_directed_yearly.csv",
            "alliance_v4.1_by_directed_yearly.csv",
            "cow_alliances/cow_alliance_v4.1_directed_dyad_year_1816-1944.csv",
            "cow_alliance_v4.1_directed_dyad_year_1816-1944.csv",
        ],
    ),
    (
        "mid",
        &[
            "mid/MIDB_5.0.csv",
            "MIDB_5.0.csv",
            "mid/MIDB_4.3.csv",
            "MIDB_4.3.csv",
        ],
    ),
    ("contiguity", &["contiguity/contdird.csv", "contdird.csv"]),
];

/// A user's data directory.
#[derive(Clone, Debug)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: &Path) -> DataDir {
        DataDir {
            root: root.to_path_buf(),
        }
    }

    /// The file for a dataset, or a message naming the names looked for.
    pub fn find(&self, dataset: &str) -> Result<PathBuf, crate::DatasetError> {
        let names = DATASETS
            .iter()
            .find(|(d, _)| *d == dataset)
            .map(|(_, n)| *n)
            .unwrap_or(&[]);
        names
            .iter()
            .map(|n| self.root.join(n))
            .find(|p| p.is_file())
            .ok_or_else(|| crate::DatasetError::NotFound {
                dataset: dataset.to_string(),
                dir: self.root.clone(),
                looked_for: names.join(", "),
            })
    }
}
