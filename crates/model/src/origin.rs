//! Where a fact was written, so that a problem found later can point back at it.
//!
//! The model knows nothing about files: an [`Origin`] is an opaque file number plus a path of keys and
//! array indices inside that file's document (`agreement[3].provision[0].obligors[1]`). The scenario
//! loader keeps the file table and turns a path into `file:line:column`.

use std::fmt;

/// One step of a path into a document: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_string())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// The file (by the loader's numbering) and the path inside it where a fact or a field was written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: usize,
    pub path: Vec<Seg>,
}

impl Origin {
    pub fn new(file: usize, path: Vec<Seg>) -> Self {
        Origin { file, path }
    }

    /// The origin of a field below this one.
    pub fn at<I, S>(&self, segs: I) -> Origin
    where
        I: IntoIterator<Item = S>,
        S: Into<Seg>,
    {
        let mut path = self.path.clone();
        path.extend(segs.into_iter().map(Into::into));
        Origin {
            file: self.file,
            path,
        }
    }

    pub fn key(&self, key: &str) -> Origin {
        self.at([Seg::Key(key.to_string())])
    }

    pub fn index(&self, i: usize) -> Origin {
        self.at([Seg::Index(i)])
    }

    /// Key then index: `members[2]`.
    pub fn item(&self, key: &str, i: usize) -> Origin {
        self.at([Seg::Key(key.to_string()), Seg::Index(i)])
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, seg) in self.path.iter().enumerate() {
            match seg {
                Seg::Key(k) if n == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// How serious a finding is. Errors make a scenario invalid; warnings and notes do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A problem found in a scenario, located by [`Origin`], with the next step for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub origin: Origin,
    pub message: String,
    pub hint: Option<String>,
}

impl Issue {
    pub fn error(origin: Origin, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Error,
            origin,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(origin: Origin, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            origin,
            message: message.into(),
            hint: None,
        }
    }

    pub fn note(origin: Origin, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Note,
            origin,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// The closest candidate to a misspelt name, for "did you mean …?" hints.
///
/// Case-insensitive edit distance (transpositions count once), accepting a candidate within a third of the name's length
/// (at least 1, at most 3 edits), or one that equals the name ignoring case and punctuation.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let target = norm(name);
    let limit = (target.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for cand in candidates {
        let d = edit_distance(&target, &norm(cand));
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so that "dco" is one
/// edit from "doc" (Damerau 1964, "A technique for computer detection and correction of spelling
/// errors", CACM 7(3)).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos() {
        let ids = ["PRK", "KOR", "RUS", "north-atlantic-treaty"];
        assert_eq!(closest("DPRK", ids), Some("PRK"));
        assert_eq!(
            closest("north-atlantic-traety", ids),
            Some("north-atlantic-treaty")
        );
        assert_eq!(closest("XYZW", ids), None);
        assert_eq!(closest("dco", ["doc", "seed"]), Some("doc"));
    }

    #[test]
    fn origin_displays_as_path() {
        let o = Origin::new(0, vec![])
            .item("agreement", 3)
            .item("provision", 0)
            .key("article");
        assert_eq!(o.to_string(), "agreement[3].provision[0].article");
    }
}
