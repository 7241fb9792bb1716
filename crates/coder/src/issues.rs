//! PETRARCH's issue coding (`Phoenix.IssueCoding.txt`): phrases that tag a sentence with the issues
//! it is about ("n:teacher [TEACHERS]"), counted per sentence and written with each event, as
//! PETRARCH writes `POSTSECONDARY_EDUCATION 2, LITERACY 1`.
//!
//! The format, as PETRARCH's `read_issue_list` documents and reads it: `PHRASE [CODE]` a line,
//! matched as whole words, case-insensitively; `n:WORD` stands for the noun and its regular plural,
//! `v:WORD` for the verb's regular forms (-S, -ED or -D, -ING), and `A+B` for both "A B" and "A-B".
//! `<ISSUE CATEGORY="…" TYPE="…">` lines open a category (kept with each code). PETRARCH calls its `~`
//! lines "ignore codes … only partially implemented"; entente reads a `~PHRASE` line as an exclusion
//! of the code on the entry line above it ("~a head start" under "head start
//! [EARLY_CHILDHOOD_EDUCATION]"): where the exclusion matches, that code is not counted.

use crate::dict::{DictError, Phrase, PhraseIndex};
use crate::text::tokenize;
use serde::Serialize;

/// An issue found in a sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    pub code: String,
    pub category: String,
    pub count: usize,
}

/// The issue dictionary.
#[derive(Debug, Default)]
pub struct Issues {
    phrases: Vec<(Phrase, usize)>,
    index: PhraseIndex,
    exclusions: Vec<(Phrase, usize)>,
    exclusion_index: PhraseIndex,
    /// (code, category) by code index.
    pub codes: Vec<(String, String)>,
}

/// Expands `n:`, `v:` and `+` in one issue phrase (PETRARCH's rules) into plain phrases.
fn expand(phrase: &str) -> Vec<String> {
    let mut forms = vec![phrase.to_uppercase()];
    loop {
        let Some(k) = forms
            .iter()
            .position(|f| f.contains('+') || f.contains("N:") || f.contains("V:"))
        else {
            return forms;
        };
        let f = forms.remove(k);
        if f.contains('+') {
            forms.push(f.replacen('+', " ", 1));
            forms.push(f.replacen('+', "-", 1));
            continue;
        }
        let (marker, noun) = if let Some(p) = f.find("N:") {
            (p, true)
        } else {
            (f.find("V:").unwrap_or(0), false)
        };
        let (head, rest) = (&f[..marker], &f[marker + 2..]);
        let (word, tail) = rest.split_once(' ').map_or((rest, ""), |(w, t)| (w, t));
        let join = |w: &str| {
            if tail.is_empty() {
                format!("{head}{w}")
            } else {
                format!("{head}{w} {tail}")
            }
        };
        if noun {
            forms.push(join(word));
            forms.push(join(&crate::verbs::plural(word)));
        } else {
            forms.push(join(word));
            forms.push(join(&format!("{word}S")));
            if let Some(stem) = word.strip_suffix('E') {
                forms.push(join(&format!("{word}D")));
                forms.push(join(&format!("{stem}ING")));
            } else {
                forms.push(join(&format!("{word}ED")));
                forms.push(join(&format!("{word}ING")));
            }
        }
    }
}

fn phrase(text: &str) -> Option<Phrase> {
    let words: Vec<String> = tokenize(text).into_iter().map(|t| t.up).collect();
    (!words.is_empty()).then_some(Phrase { words, exact: true })
}

impl Issues {
    pub fn read(path: &std::path::Path) -> Result<(Issues, Vec<DictError>), std::io::Error> {
        let text = std::fs::read_to_string(path)?;
        Ok(Issues::read_text(&path.display().to_string(), &text))
    }

    pub fn read_text(file: &str, text: &str) -> (Issues, Vec<DictError>) {
        let mut out = Issues::default();
        let mut errors = Vec::new();
        let mut category = String::new();
        let mut last: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.split('#').next().unwrap_or("").trim();
            if body.is_empty() || body.starts_with("</") {
                continue;
            }
            let err = |m: String| DictError {
                file: file.to_string(),
                line,
                message: m,
            };
            if let Some(rest) = body.strip_prefix("<ISSUE") {
                category = rest
                    .split("CATEGORY=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("")
                    .to_string();
                continue;
            }
            if let Some(ex) = body.strip_prefix('~') {
                let Some(code) = last else {
                    errors.push(err(format!(
                        "{body:?}: an exclusion (~) needs an entry line above it"
                    )));
                    continue;
                };
                for f in expand(ex.trim_start_matches('~').trim()) {
                    if let Some(p) = phrase(&f) {
                        out.exclusion_index.insert(&p, (out.exclusions.len(), 0));
                        out.exclusions.push((p, code));
                    }
                }
                continue;
            }
            let (Some(open), Some(close)) = (body.find('['), body.find(']')) else {
                errors.push(err(format!("{body:?}: an issue line is PHRASE [CODE]")));
                continue;
            };
            let code = body[open + 1..close.max(open + 1)].trim();
            let words = body[..open].trim();
            if code.is_empty() || words.is_empty() || close < open {
                errors.push(err(format!("{body:?}: an issue line is PHRASE [CODE]")));
                continue;
            }
            let idx = match out.codes.iter().position(|(c, _)| c == code) {
                Some(k) => k,
                None => {
                    out.codes.push((code.to_string(), category.clone()));
                    out.codes.len() - 1
                }
            };
            last = Some(idx);
            for f in expand(words) {
                if let Some(p) = phrase(&f) {
                    out.index.insert(&p, (out.phrases.len(), 0));
                    out.phrases.push((p, idx));
                }
            }
        }
        (out, errors)
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The issues of a sentence (upper-case tokens), by first appearance, with their counts.
    pub fn find(&self, tokens: &[&str]) -> Vec<Issue> {
        if self.phrases.is_empty() {
            return Vec::new();
        }
        let mut excluded = Vec::new();
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(((k, _), _)) = self
                .exclusion_index
                .longest(&tokens[i..], |k, _| &self.exclusions[k].0)
            {
                excluded.push(self.exclusions[k].1);
            }
            match self.index.longest(&tokens[i..], |k, _| &self.phrases[k].0) {
                Some(((k, _), n)) => {
                    let code = self.phrases[k].1;
                    match counts.iter_mut().find(|(c, _)| *c == code) {
                        Some(slot) => slot.1 += 1,
                        None => counts.push((code, 1)),
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        counts
            .into_iter()
            .filter(|(c, _)| !excluded.contains(c))
            .map(|(c, count)| Issue {
                code: self.codes[c].0.clone(),
                category: self.codes[c].1.clone(),
                count,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(d: &Issues, s: &str) -> Vec<(String, usize)> {
        let toks = tokenize(s);
        let ups: Vec<&str> = toks.iter().map(|t| t.up.as_str()).collect();
        d.find(&ups)
            .into_iter()
            .map(|i| (i.code, i.count))
            .collect()
    }

    #[test]
    fn nouns_verbs_hyphens_counts_and_exclusions() {
        let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\nhead start [EARLY_CHILDHOOD]\n~a head start\n</ISSUE>\n<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\nsolar+v:power [RENEWABLE]\nn:university [UNIVERSITY]\nno code here\n";
        let (d, e) = Issues::read_text("i.txt", text);
        assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), [9]);
        assert_eq!(
            find(&d, "Teachers and a teacher met"),
            [("TEACHERS".to_string(), 2)]
        );
        assert_eq!(
            find(&d, "Head Start funds grew"),
            [("EARLY_CHILDHOOD".to_string(), 1)]
        );
        assert!(find(&d, "They got a head start").is_empty());
        assert!(find(&d, "solar panels").is_empty());
        assert_eq!(
            find(&d, "solar-powered homes and solar powers"),
            [("RENEWABLE".to_string(), 2)]
        );
        assert_eq!(
            find(&d, "two universities"),
            [("UNIVERSITY".to_string(), 1)]
        );
        assert_eq!(
            d.codes[0],
            ("TEACHERS".to_string(), "EDUCATION".to_string())
        );
    }
}
