//! The CAMEO event table: each code's name (`CAMEO.eventcodes.txt`) and Goldstein score
//! (`CAMEO.goldsteinscale.txt`), both tab-separated with a header, as the KEDS/Parus Analytics
//! distribution writes them (Gerner, Schrodt & Yilmaz 2009, *CAMEO Codebook* 1.1b3; Goldstein 1992).

use crate::dict::DictError;
use std::collections::HashMap;
use std::path::Path;

/// Names and Goldstein scores by CAMEO code.
#[derive(Debug, Default)]
pub struct Cameo {
    names: HashMap<String, String>,
    goldstein: HashMap<String, f64>,
}

impl Cameo {
    /// Reads the two files (either may be absent: `None`); bad rows are returned with file:line.
    pub fn read(
        eventcodes: Option<&Path>,
        goldstein: Option<&Path>,
    ) -> Result<(Cameo, Vec<DictError>), std::io::Error> {
        let mut c = Cameo::default();
        let mut errors = Vec::new();
        if let Some(p) = eventcodes {
            let text = std::fs::read_to_string(p)?;
            errors.extend(c.read_names(&p.display().to_string(), &text));
        }
        if let Some(p) = goldstein {
            let text = std::fs::read_to_string(p)?;
            errors.extend(c.read_goldstein(&p.display().to_string(), &text));
        }
        Ok((c, errors))
    }

    fn rows<'a>(
        file: &'a str,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, Result<(&'a str, &'a str), DictError>)> + 'a {
        text.lines()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !l.trim().is_empty())
            .map(move |(i, l)| {
                let r = match l.split_once('\t') {
                    Some((code, v))
                        if (1..=4).contains(&code.trim().len())
                            && code.trim().bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        Ok((code.trim(), v.trim()))
                    }
                    _ => Err(DictError {
                        file: file.to_string(),
                        line: i + 1,
                        message: format!("{l:?}: a row is CODE<tab>VALUE with a 1–4 digit code"),
                    }),
                };
                (i + 1, r)
            })
    }

    pub fn read_names(&mut self, file: &str, text: &str) -> Vec<DictError> {
        let mut errors = Vec::new();
        for (_, r) in Self::rows(file, text) {
            match r {
                // One-digit rows are the QuadClass headings (`1  Verbal Cooperation`).
                Ok((code, _)) if code.len() == 1 => {}
                Ok((code, name)) => {
                    self.names.insert(code.to_string(), name.to_string());
                }
                Err(e) => errors.push(e),
            }
        }
        errors
    }

    pub fn read_goldstein(&mut self, file: &str, text: &str) -> Vec<DictError> {
        let mut errors = Vec::new();
        for (line, r) in Self::rows(file, text) {
            match r.and_then(|(code, v)| {
                v.parse::<f64>()
                    .ok()
                    .filter(|g| (-10.0..=10.0).contains(g))
                    .map(|g| (code, g))
                    .ok_or_else(|| DictError {
                        file: file.to_string(),
                        line,
                        message: format!("{v:?} is not a Goldstein score (-10 to 10)"),
                    })
            }) {
                Ok((code, g)) => {
                    self.goldstein.insert(code.to_string(), g);
                }
                Err(e) => errors.push(e),
            }
        }
        errors
    }

    /// The code's name, or its nearest ancestor's (`0332` → `033`).
    pub fn name(&self, code: &str) -> Option<&str> {
        ancestors(code)
            .find_map(|c| self.names.get(c))
            .map(String::as_str)
    }

    /// The code's Goldstein score, or its nearest ancestor's: the table scores every three-digit
    /// code and some four-digit ones.
    pub fn goldstein(&self, code: &str) -> Option<f64> {
        ancestors(code).find_map(|c| self.goldstein.get(c)).copied()
    }

    pub fn len(&self) -> usize {
        self.goldstein.len()
    }

    pub fn is_empty(&self) -> bool {
        self.goldstein.is_empty()
    }
}

fn ancestors(code: &str) -> impl Iterator<Item = &str> {
    (2..=code.len()).rev().map(move |n| &code[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_tables_and_falls_back_to_the_parent_code() {
        let mut c = Cameo::default();
        let e = c.read_names("n.txt", "CAMEOEVENTCODE\tEVENTDESCRIPTION\n1\tVerbal Cooperation\n03\tEXPRESS INTENT\n033\tExpress intent to provide aid\nx\tbad\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 5);
        let e = c.read_goldstein(
            "g.txt",
            "CAMEOEVENTCODE\tGOLDSTEINSCALE\n033\t5.2\n190\t-10.0\n191\t-11\n",
        );
        assert_eq!((e.len(), e[0].line), (1, 4));
        assert_eq!(c.goldstein("0332"), Some(5.2));
        assert_eq!(c.name("0332"), Some("Express intent to provide aid"));
        assert_eq!(c.goldstein("190"), Some(-10.0));
        assert_eq!(c.goldstein("20"), None);
    }
}
