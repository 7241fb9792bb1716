//! The TABARI/PETRARCH dictionary formats (Schrodt 2014, *TABARI Programming and Reference Manual*;
//! the Phoenix dictionaries of the Open Event Data Alliance), read as they are written.
//!
//! - **Actors** (`Phoenix.Countries.actors.txt`, `…International…`, `…MilNonState…`): an entry is a
//!   phrase — words joined by `_`, a trailing `_` meaning the last word must end there (no stem
//!   matching) — optionally followed by its code in brackets; `+PHRASE` lines, and entry lines
//!   without a code directly after one, are synonyms of it; indented `[CODE YYMMDD-YYMMDD]` lines give
//!   *dated roles* (`>YYMMDD` from a date on, `<YYMMDD` until it, no date: the default). A `#` starts
//!   a comment.
//! - **Agents** (`Phoenix.agents.txt`): `PHRASE [~CODE]` (the `~` marks a code appended to an actor's,
//!   as `RUS` + `~MIL` = `RUSMIL`), with substitution sets `!NAME! = A, B, C` declared first and used
//!   inside phrases (`CATTLE!PERSON!` stands for `CATTLEMAN`, `CATTLEMEN`, …).
//! - **Discards** (`Phoenix.discards.txt`): phrases whose presence makes a sentence not worth coding.
//!
//! Dates in dated roles are YYMMDD or YYYYMMDD (the files use both). Two-digit years: 00–30 are
//! 2000–2030, 31–99 are 1931–1999 (the Phoenix files date roles from the 1930s to the 2010s; Zahir
//! Shah's `730717-070723` runs from 1973 to 2007).
//!
//! A malformed line is a [`DictError`] with its file and line, and never stops the rest loading.

use crate::hash::FxMap;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A phrase: upper-case words; `exact`: the last word must match whole (the trailing `_`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Phrase {
    pub words: Vec<String>,
    pub exact: bool,
}

impl Phrase {
    /// `AFGHAN_NATIONAL_ARMY_` → AFGHAN NATIONAL ARMY, exact.
    pub fn parse(text: &str) -> Option<Phrase> {
        let t = text.trim();
        let exact = t.ends_with('_');
        let words: Vec<String> = t
            .split('_')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_uppercase())
            .collect();
        (!words.is_empty()).then_some(Phrase { words, exact })
    }

    /// Whether the phrase matches `tokens` from their start: every word but the last whole, the
    /// last whole if `exact`, else as a prefix (TABARI's stem match).
    pub fn matches(&self, tokens: &[&str]) -> bool {
        if tokens.len() < self.words.len() {
            return false;
        }
        let last = self.words.len() - 1;
        self.words
            .iter()
            .zip(tokens)
            .enumerate()
            .all(|(i, (w, t))| {
                if i < last || self.exact {
                    t.eq_ignore_ascii_case(w)
                } else {
                    t.len() >= w.len() && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                }
            })
    }
}

/// A code, valid on some days (YYYYMMDD bounds, inclusive) or always.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<u32>,
    pub to: Option<u32>,
}

/// One actor entry: its phrases and its codes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorEntry {
    pub phrases: Vec<Phrase>,
    pub codes: Vec<DatedCode>,
    pub file: String,
    pub line: usize,
}

impl ActorEntry {
    /// The code on `date` (YYYYMMDD): a dated role that covers it, else the undated default.
    pub fn code_on(&self, date: u32) -> Option<&str> {
        let dated = self.codes.iter().find(|c| {
            (c.from.is_some() || c.to.is_some())
                && c.from.is_none_or(|f| date >= f)
                && c.to.is_none_or(|t| date <= t)
        });
        dated
            .or_else(|| {
                self.codes
                    .iter()
                    .find(|c| c.from.is_none() && c.to.is_none())
            })
            .map(|c| c.code.as_str())
    }
}

/// Actor dictionaries, indexed by each phrase's first word.
#[derive(Debug, Default)]
pub struct Actors {
    pub entries: Vec<ActorEntry>,
    index: PhraseIndex,
}

impl Actors {
    fn add(&mut self, e: ActorEntry) {
        let id = self.entries.len();
        for (k, p) in e.phrases.iter().enumerate() {
            self.index.insert(p, (id, k));
        }
        self.entries.push(e);
    }

    /// The longest phrase starting at `tokens[0]` (upper-case words): (entry, words matched).
    pub fn longest_match(&self, tokens: &[&str]) -> Option<(&ActorEntry, usize)> {
        self.index
            .longest(tokens, |id, k| &self.entries[id].phrases[k])
            .map(|((id, _), n)| (&self.entries[id], n))
    }

    /// Reads an actor file into these dictionaries; returns the lines it could not read.
    pub fn read(&mut self, path: &Path) -> Result<Vec<DictError>, std::io::Error> {
        let text = std::fs::read_to_string(path)?;
        Ok(self.read_text(&path.display().to_string(), &text))
    }

    pub fn read_text(&mut self, file: &str, text: &str) -> Vec<DictError> {
        let mut errors = Vec::new();
        let mut current: Option<ActorEntry> = None;
        let err = |line: usize, message: String| DictError {
            file: file.to_string(),
            line,
            message,
        };
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.split('#').next().unwrap_or("");
            if body.trim().is_empty() {
                continue;
            }
            let indented = body.starts_with([' ', '\t']);
            let t = body.trim();
            if indented && t.starts_with('[') {
                // A dated role (or the code) of the entry above.
                let Some(e) = current.as_mut() else {
                    errors.push(err(line, "a code line with no entry above it".into()));
                    continue;
                };
                match parse_code(t) {
                    Ok(c) => e.codes.push(c),
                    Err(m) => errors.push(err(line, m)),
                }
            } else if let Some(rest) = t.strip_prefix('+') {
                let Some(e) = current.as_mut() else {
                    errors.push(err(line, "a synonym (+) with no entry above it".into()));
                    continue;
                };
                let (phrase, code) = split_code(rest);
                match Phrase::parse(phrase) {
                    Some(p) => e.phrases.push(p),
                    None => errors.push(err(line, "an empty synonym".into())),
                }
                if let Some(c) = code {
                    match parse_code(c) {
                        Ok(c) => e.codes.push(c),
                        Err(m) => errors.push(err(line, m)),
                    }
                }
            } else {
                let (phrase, code) = split_code(t);
                // Entry lines without a code, one after another, share the code lines that follow
                // them (`IVO_JOSIPOVIC_`, `PRESIDENT_JOSIPOVIC_`, `JOSIPOVIC_`, then `[HRVGOV …]`).
                if code.is_none()
                    && let Some(e) = current.as_mut()
                    && e.codes.is_empty()
                {
                    match Phrase::parse(phrase) {
                        Some(p) => e.phrases.push(p),
                        None => errors.push(err(line, format!("not an entry: {t:?}"))),
                    }
                    continue;
                }
                if let Some(e) = current.take() {
                    self.finish(e, &mut errors);
                }
                let Some(p) = Phrase::parse(phrase) else {
                    errors.push(err(line, format!("not an entry: {t:?}")));
                    continue;
                };
                let mut e = ActorEntry {
                    phrases: vec![p],
                    codes: Vec::new(),
                    file: file.to_string(),
                    line,
                };
                if let Some(c) = code {
                    match parse_code(c) {
                        Ok(c) => e.codes.push(c),
                        Err(m) => errors.push(err(line, m)),
                    }
                }
                current = Some(e);
            }
        }
        if let Some(e) = current.take() {
            self.finish(e, &mut errors);
        }
        errors.sort_by_key(|e| e.line);
        errors
    }

    fn finish(&mut self, e: ActorEntry, errors: &mut Vec<DictError>) {
        if e.codes.is_empty() {
            errors.push(DictError {
                file: e.file.clone(),
                line: e.line,
                message: format!(
                    "{} has no code: add [CODE] on its line or an indented [CODE] line below it",
                    e.phrases[0].words.join(" ")
                ),
            });
            return;
        }
        self.add(e);
    }
}

/// `PHRASE [CODE ...]` → (PHRASE, Some("[CODE ...]")).
fn split_code(t: &str) -> (&str, Option<&str>) {
    match t.find('[') {
        Some(i) => (t[..i].trim(), Some(t[i..].trim())),
        None => (t.trim(), None),
    }
}

/// A date YYMMDD (two-digit year: 00–30 → 20xx, 31–99 → 19xx) or YYYYMMDD (the files use both),
/// as YYYYMMDD.
fn date(s: &str) -> Option<u32> {
    if !(s.len() == 6 || s.len() == 8) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = s.parse().ok()?;
    let (y, mm, dd) = (v / 10000, (v / 100) % 100, v % 100);
    if !(1..=12).contains(&mm) || !(1..=31).contains(&dd) {
        return None;
    }
    let year = match s.len() {
        8 => y,
        _ if y <= 30 => 2000 + y,
        _ => 1900 + y,
    };
    Some(year * 10000 + mm * 100 + dd)
}

/// `[CODE]`, `[CODE YYMMDD-YYMMDD]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`.
fn parse_code(t: &str) -> Result<DatedCode, String> {
    let inner = t
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .ok_or_else(|| format!("{t:?}: a code is written [CODE] or [CODE YYMMDD-YYMMDD]"))?;
    // `> 140608` (with a space) is written too: join a lone `<` or `>` to the date after it.
    let joined = inner.replace("> ", ">").replace("< ", "<");
    let mut parts = joined.split_whitespace();
    let code = parts
        .next()
        .ok_or_else(|| "an empty code [ ]".to_string())?
        .to_string();
    if !code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'~' || b == b'!')
    {
        return Err(format!("{code:?} is not a CAMEO code"));
    }
    let bad = |d: &str| format!("{d:?}: dates are YYMMDD or YYYYMMDD, as 730717");
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(d) if d.starts_with('>') => (Some(date(&d[1..]).ok_or_else(|| bad(d))?), None),
        Some(d) if d.starts_with('<') => (None, Some(date(&d[1..]).ok_or_else(|| bad(d))?)),
        Some(d) => {
            let (a, b) = d.split_once('-').ok_or_else(|| bad(d))?;
            (
                Some(date(a).ok_or_else(|| bad(a))?),
                Some(date(b).ok_or_else(|| bad(b))?),
            )
        }
    };
    if parts.next().is_some() {
        return Err(format!("{t:?}: one code and at most one date range"));
    }
    Ok(DatedCode { code, from, to })
}

/// Phrases indexed for longest match: one-word phrases under their word, longer ones under their
/// first two words (a two-word phrase whose last word is a stem, under the stem). A token is
/// looked up whole and by its prefixes down to four letters shorter, so a stem finds the words it
/// begins ("RUSSIA" → "RUSSIANS") and never one it merely starts ("PLA" is not "PLANNING"). No
/// allocation per lookup: the prefixes are slices.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    single: FxMap<String, Vec<(usize, usize)>>,
    multi: FxMap<String, FxMap<String, Vec<(usize, usize)>>>,
}

/// The prefixes of a word a stem may be: the word, then down to four letters shorter (at least two).
fn stems(w: &str) -> impl Iterator<Item = &str> {
    let lo = w.len().saturating_sub(4).max(2).min(w.len());
    (lo..=w.len())
        .rev()
        .filter(move |&c| w.is_char_boundary(c))
        .map(move |c| &w[..c])
}

impl PhraseIndex {
    pub fn insert(&mut self, p: &Phrase, at: (usize, usize)) {
        match p.words.as_slice() {
            [w] => self.single.entry(w.clone()).or_default().push(at),
            [w, v, ..] => self
                .multi
                .entry(w.clone())
                .or_default()
                .entry(v.clone())
                .or_default()
                .push(at),
            [] => {}
        }
    }

    /// The longest phrase matching the start of `tokens` (upper case): (its key, words matched).
    pub fn longest<'a>(
        &self,
        tokens: &[&str],
        phrase: impl Fn(usize, usize) -> &'a Phrase,
    ) -> Option<((usize, usize), usize)> {
        let first = *tokens.first()?;
        let mut best: Option<((usize, usize), usize)> = None;
        let mut consider = |at: (usize, usize)| {
            let p = phrase(at.0, at.1);
            if p.matches(tokens) && best.is_none_or(|(_, n)| p.words.len() > n) {
                best = Some((at, p.words.len()));
            }
        };
        if let Some(second) = tokens.get(1)
            && let Some(m) = self.multi.get(first)
        {
            for key in stems(second) {
                for &at in m.get(key).into_iter().flatten() {
                    consider(at);
                }
            }
        }
        for key in stems(first) {
            for &at in self.single.get(key).into_iter().flatten() {
                consider(at);
            }
        }
        best
    }
}

/// Agents: phrases to agent codes (`~MIL`), substitution sets expanded.
#[derive(Debug, Default)]
pub struct Agents {
    pub entries: Vec<(Phrase, String)>,
    index: PhraseIndex,
}

impl Agents {
    /// The longest agent phrase at the start of `tokens` (upper case): (code, words matched).
    pub fn longest_match(&self, tokens: &[&str]) -> Option<(&str, usize)> {
        self.index
            .longest(tokens, |id, _| &self.entries[id].0)
            .map(|((id, _), n)| (self.entries[id].1.as_str(), n))
    }

    /// Adds the agents of another file (a project's supplement beside the Phoenix file).
    pub fn extend(&mut self, other: Agents) {
        for (p, c) in other.entries {
            self.push(p, c);
        }
    }

    fn push(&mut self, p: Phrase, code: String) {
        self.index.insert(&p, (self.entries.len(), 0));
        self.entries.push((p, code));
    }

    pub fn read(path: &Path) -> Result<(Agents, Vec<DictError>), std::io::Error> {
        let text = std::fs::read_to_string(path)?;
        Ok(Agents::read_text(&path.display().to_string(), &text))
    }

    pub fn read_text(file: &str, text: &str) -> (Agents, Vec<DictError>) {
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        let mut out = Agents::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.split('#').next().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            let err = |m: String| DictError {
                file: file.to_string(),
                line,
                message: m,
            };
            if body.starts_with('!') && body.contains('=') {
                let (name, list) = body.split_once('=').unwrap_or((body, ""));
                let name = name.trim().trim_matches('!').to_uppercase();
                let alts: Vec<String> = list
                    .split(',')
                    .map(|a| a.trim().to_uppercase())
                    .filter(|a| !a.is_empty())
                    .collect();
                if name.is_empty() || alts.is_empty() {
                    errors.push(err(format!("{body:?}: a set is written !NAME! = A, B")));
                } else {
                    sets.insert(name, alts);
                }
                continue;
            }
            let (phrase, code) = split_code(body);
            let Some(code) = code else {
                errors.push(err(format!("{body:?} has no [~CODE]")));
                continue;
            };
            let code = match parse_code(code) {
                Ok(c) => c.code,
                Err(m) => {
                    errors.push(err(m));
                    continue;
                }
            };
            // Expand !SET! references (at most one per phrase in the Phoenix file; any number here).
            let mut variants = vec![phrase.to_string()];
            while let Some(v) = variants.iter().position(|v| v.contains('!')) {
                let v = variants.remove(v);
                let start = v.find('!').unwrap_or(0);
                let Some(len) = v[start + 1..].find('!') else {
                    errors.push(err(format!("{phrase:?}: an unclosed !SET!")));
                    break;
                };
                let name = v[start + 1..start + 1 + len].to_uppercase();
                let Some(alts) = sets.get(&name) else {
                    errors.push(err(format!("{phrase:?}: no set !{name}! declared above")));
                    break;
                };
                for a in alts {
                    variants.push(format!("{}{a}{}", &v[..start], &v[start + len + 2..]));
                }
            }
            // Plurals (PETRARCH's agents rule): `{}` none, `{FORM}` that form, else the regular
            // plural of the last word, which a stem (no trailing `_`) matches already.
            for v in variants {
                let (v, plural) = match (v.find('{'), v.find('}')) {
                    (Some(a), Some(b)) if b > a => (
                        v[..a].trim().to_string(),
                        Some(v[a + 1..b].trim().to_string()),
                    ),
                    _ => (v.clone(), None),
                };
                let Some(p) = Phrase::parse(&v) else {
                    continue;
                };
                let extra = match plural {
                    Some(pl) if pl.is_empty() => None,
                    Some(pl) => Phrase::parse(&pl),
                    None if p.exact => {
                        let mut q = p.clone();
                        if let Some(last) = q.words.last_mut() {
                            *last = crate::verbs::plural(last);
                        }
                        Some(q)
                    }
                    None => None,
                };
                if let Some(q) = extra {
                    out.push(q, code.clone());
                }
                out.push(p, code.clone());
            }
        }
        (out, errors)
    }
}

/// Discard phrases, one a line.
/// Discard phrases, indexed by first word.
#[derive(Debug, Default)]
pub struct Discards {
    pub phrases: Vec<Phrase>,
    index: PhraseIndex,
}

impl Discards {
    pub fn new(phrases: Vec<Phrase>) -> Discards {
        let mut index = PhraseIndex::default();
        for (i, p) in phrases.iter().enumerate() {
            index.insert(p, (i, 0));
        }
        Discards { phrases, index }
    }

    /// The first discard phrase found anywhere in `tokens` (upper case).
    pub fn find(&self, tokens: &[&str]) -> Option<&Phrase> {
        (0..tokens.len()).find_map(|i| {
            self.index
                .longest(&tokens[i..], |id, _| &self.phrases[id])
                .map(|((id, _), _)| &self.phrases[id])
        })
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// Discard phrases, one a line (a leading `+`, PETRARCH's "discard the whole story", is read as
/// "discard the sentence": entente codes sentence by sentence).
pub fn read_discards(path: &Path) -> Result<(Discards, Vec<DictError>), std::io::Error> {
    let text = std::fs::read_to_string(path)?;
    let file = path.display().to_string();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let body = raw.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        let body = body.trim_start_matches('+');
        match Phrase::parse(body) {
            Some(p) => out.push(p),
            None => errors.push(DictError {
                file: file.clone(),
                line: i + 1,
                message: format!("{body:?}: not a phrase"),
            }),
        }
    }
    Ok((Discards::new(out), errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_synonyms_and_dated_roles() {
        let text = "# comment\nAFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\nMOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt\n\t[AFGELI 320101-331108]\n\t[AFGGOV 331108-730717]\n\t[AFGELI 730717-070723]\nNOBODY_\nBAD_CODE [AF G 1]\n\t[XXX 991399]\n";
        let mut a = Actors::default();
        let errs = a.read_text("t.txt", text);
        // NOBODY has no code (line 9); BAD_CODE's code is malformed, so it has none either (10,
        // twice); the date on line 11 has no month 13 — and the rest loads.
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![9, 10, 10, 11], "{errs:?}");
        assert_eq!(a.entries.len(), 2);
        let (e, n) = a.longest_match(&["AFGHAN", "TROOPS"]).unwrap();
        assert_eq!((e.code_on(20240101), n), (Some("AFG"), 1));
        let (shah, n) = a
            .longest_match(&["MOHAMMAD", "ZAHIR", "SHAH", "SAID"])
            .unwrap();
        assert_eq!(n, 3);
        // A leader is his country's government only while in office.
        assert_eq!(shah.code_on(19500101), Some("AFGGOV"));
        assert_eq!(shah.code_on(19800101), Some("AFGELI"));
        assert_eq!(
            shah.code_on(20100101),
            None,
            "no role after 2007, and no default"
        );
        assert!(a.longest_match(&["MOHAMMAD"]).is_none());
    }

    #[test]
    fn codeless_entry_lines_share_the_codes_below_and_spaced_dates_read() {
        let text = "IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\nMAHLAB_\n\t[EGYGOV > 140608]\n";
        let mut a = Actors::default();
        assert!(a.read_text("t.txt", text).is_empty());
        assert_eq!(a.entries.len(), 2);
        let (e, _) = a.longest_match(&["PRESIDENT", "JOSIPOVIC"]).unwrap();
        assert_eq!(
            (e.code_on(20130101), e.code_on(20110101)),
            (Some("HRVGOV"), None)
        );
        let (m, _) = a.longest_match(&["MAHLAB"]).unwrap();
        assert_eq!(m.code_on(20150101), Some("EGYGOV"));
    }

    #[test]
    fn stems_match_unless_the_phrase_ends_exact() {
        let stem = Phrase::parse("MINISTR").unwrap();
        assert!(stem.matches(&["ministry"]) && stem.matches(&["ministries"]));
        assert!(
            !stem.matches(&["ministers"]),
            "MINISTR is not a prefix of MINISTERS"
        );
        let exact = Phrase::parse("MINISTER_").unwrap();
        assert!(exact.matches(&["Minister"]) && !exact.matches(&["ministers"]));
    }

    #[test]
    fn agent_sets_expand() {
        let text = "!PERSON! = MAN, MEN, WOMAN\nCATTLE!PERSON! [~AGR]\nTROOPS [~MIL]\nBROKEN [~X\nODD!NONE! [~Y]\n";
        let (a, errs) = Agents::read_text("a.txt", text);
        let names: Vec<String> = a.entries.iter().map(|(p, _)| p.words.join(" ")).collect();
        assert!(
            names.contains(&"CATTLEMAN".to_string()) && names.contains(&"CATTLEWOMAN".to_string())
        );
        assert!(names.contains(&"TROOPS".to_string()));
        assert_eq!(
            errs.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![4, 5],
            "{errs:?}"
        );
        assert!(a.entries.iter().all(|(_, c)| c.starts_with('~')));
    }
}
