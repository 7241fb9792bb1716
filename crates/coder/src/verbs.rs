//! The PETRARCH verb dictionary (`CAMEO.2.0.txt`), read in its own format, and its patterns matched
//! against a clause.
//!
//! The format (PETRARCH's `PETRreader.read_verb_dictionary` documentation; Schrodt 2014, *TABARI
//! Programming and Reference Manual*, ch. 5 for the pattern syntax it inherits):
//!
//! - **Synsets**: `&NAME` then `+WORD` or `+TWO_WORDS` lines. Regular plurals are generated for each
//!   member unless the member or the label ends in `_` (used for sets that are not nouns).
//! - **Verb blocks**: `--- DESCRIPTION [CODE] ---` opens a block; its code (`---` is the null code: the
//!   verb alone is no event) applies to every verb line below without a code of its own.
//! - **Verb lines**: `WORD {FORM FORM …} [CODE]`. Without `{…}` the regular forms are generated (-S or
//!   -ES or -IES, -ED or -D, -ING); with `{…}` exactly the forms given are used. A multi-word verb joins
//!   words with `_` and marks the word the parser calls the verb with `+`: `+BRING_OUT`, `RE_+ARREST`.
//! - **Patterns**: `- PRE * POST [CODE]` — words before the verb, `*` the verb, words after it. Bare
//!   words are nouns (heads), `{A B}` a noun phrase, `(PREP A B)` a prepositional phrase, `&SET` any
//!   member of a synset, `$` the source and `+` the target where word order alone would confuse them.
//!   A code `[A:B]` codes A from source to target and B back from target to source (`VISIT` is
//!   `[042:043]`: make a visit, host a visit). `^` and `%` (TABARI's skip and compound markers) are read
//!   and match nothing of their own.
//! - `~ …` lines are PETRARCH-2's verb transformations (`SAY` + an attack = accuse); they are counted
//!   and not applied ([`Verbs::transformations`]).
//!
//! Matching: a pattern's words after `*` must occur in the clause after the verb in the pattern's
//! order, words before `*` before it (reading backward from the verb), other words allowed between
//! (TABARI's rule). The pattern that matches the most words wins; ties go to the earlier line. Words
//! match their generated plural too, so `TROOP` matches "troops".

use crate::dict::DictError;
use crate::hash::{FxMap, FxSet};
use std::collections::HashMap;
use std::path::Path;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// A word and its regular plural.
    Word(String, String),
    Syn(String),
    /// `{A B}`: a noun phrase whose words occur in order.
    Phrase(Vec<Elem>),
    /// `(PREP …)`: the preposition, then what it governs.
    Prep(String, Vec<Elem>),
    Source,
    Target,
    /// `^` or `%`: read, match nothing.
    Skip,
}

/// A CAMEO code as the dictionary writes it: a code, or `---` (none), with an optional reverse code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbCode {
    pub code: Option<String>,
    pub reverse: Option<String>,
}

impl VerbCode {
    fn parse(text: &str) -> Result<VerbCode, String> {
        let t = text
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        let one = |s: &str| -> Result<Option<String>, String> {
            let s = s.trim();
            if s == "---" || s.is_empty() {
                Ok(None)
            } else if s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Some(s.to_string()))
            } else {
                Err(format!(
                    "{s:?} is not a CAMEO code (2–4 digits, or --- for none)"
                ))
            }
        };
        match t.split_once(':') {
            Some((a, b)) => Ok(VerbCode {
                code: one(a)?,
                reverse: one(b)?,
            }),
            None => Ok(VerbCode {
                code: one(t)?,
                reverse: None,
            }),
        }
    }
}

/// A pattern of a verb block.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Words (and synsets) the pattern cannot match without: checked against the sentence's
    /// words before the pattern is tried, which rules most patterns out at the cost of a lookup.
    needs: Vec<Elem>,
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: VerbCode,
    /// The pattern as written (for `--explain`).
    pub text: String,
    pub line: usize,
}

/// A verb block: its description, code and patterns.
#[derive(Clone, Debug)]
pub struct Block {
    pub name: String,
    pub code: VerbCode,
    pub patterns: Vec<Pattern>,
    pub line: usize,
    /// For large blocks (SAY has hundreds of patterns): patterns by their first needed word (and
    /// its plural) or synset; `free`, those that need none.
    keyed: FxMap<String, Vec<usize>>,
    free: Vec<usize>,
}

/// Blocks with more patterns than this are searched through [`Block::keyed`].
const KEYED: usize = 32;

/// One form of a verb: the word the parser tags as the verb, with the words a multi-word verb needs
/// before and after it.
#[derive(Clone, Debug)]
pub struct VerbForm {
    pub block: usize,
    /// The verb line's base word (`GROW` for "grew").
    pub lemma: String,
    /// The verb line's own code, when it has one.
    pub code: Option<VerbCode>,
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub line: usize,
}

/// The verb dictionary.
#[derive(Debug, Default)]
pub struct Verbs {
    pub synsets: HashMap<String, Vec<Vec<String>>>,
    /// Each synset's members by their first word.
    syn_first: FxMap<String, FxMap<String, Vec<usize>>>,
    /// The synsets a word begins a member of.
    pub starts: FxMap<String, Vec<String>>,
    pub blocks: Vec<Block>,
    forms: HashMap<String, Vec<VerbForm>>,
    pub file: String,
    /// `~` lines read and not applied.
    pub transformations: usize,
}

/// The regular plural of a noun (PETRARCH's rule: -IES after Y, -ES after S, X, Z, SH, CH, else -S).
pub fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix('Y')
        && !stem.ends_with(['A', 'E', 'O', 'U'])
    {
        return format!("{stem}IES");
    }
    if w.ends_with(['S', 'X', 'Z']) || w.ends_with("SH") || w.ends_with("CH") {
        return format!("{w}ES");
    }
    format!("{w}S")
}

/// The regular forms of a verb (PETRARCH's rule): -S/-ES/-IES, -ED/-D, -ING (dropping a final E
/// after a consonant).
fn regular_forms(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    out.push(
        if stem.ends_with(['S', 'X', 'Z']) || stem.ends_with("SH") || stem.ends_with("CH") {
            format!("{stem}ES")
        } else if let Some(s) = stem.strip_suffix('Y')
            && !s.ends_with(['A', 'E', 'O', 'U'])
        {
            format!("{s}IES")
        } else {
            format!("{stem}S")
        },
    );
    if stem.ends_with('E') {
        out.push(format!("{stem}D"));
    } else if let Some(s) = stem.strip_suffix('Y')
        && !s.ends_with(['A', 'E', 'O', 'U'])
    {
        out.push(format!("{s}IED"));
    } else {
        out.push(format!("{stem}ED"));
    }
    let bytes = stem.as_bytes();
    if stem.len() > 2 && stem.ends_with('E') && !b"AEIOU".contains(&bytes[bytes.len() - 2]) {
        out.push(format!("{}ING", &stem[..stem.len() - 1]));
    } else {
        out.push(format!("{stem}ING"));
    }
    out
}

/// Splits a multi-word verb (`RE_+ARREST`, `+BRING_OUT`) into (before, verb, after).
fn split_compound(w: &str) -> (Vec<String>, String, Vec<String>) {
    let parts: Vec<&str> = w.split('_').filter(|p| !p.is_empty()).collect();
    let at = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let up = |s: &&str| s.trim_start_matches('+').to_uppercase();
    (
        parts[..at].iter().map(up).collect(),
        parts.get(at).map(up).unwrap_or_default(),
        parts.get(at + 1..).unwrap_or(&[]).iter().map(up).collect(),
    )
}

fn word(w: &str) -> Elem {
    Elem::Word(w.to_string(), plural(w))
}

/// Splits pattern text into elements: words, `{…}`, `(…)`, `&SET`, `$`, `+`.
fn parse_elems(text: &str) -> Result<Vec<Elem>, String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (elem, tail) = if let Some(r) = rest.strip_prefix('{') {
            let end = r.find('}').ok_or("an unclosed {")?;
            (Elem::Phrase(parse_elems(&r[..end])?), &r[end + 1..])
        } else if let Some(r) = rest.strip_prefix('(') {
            let end = r.find(')').ok_or("an unclosed (")?;
            let mut inner = parse_elems(&r[..end])?;
            if inner.is_empty() {
                return Err("an empty ( )".into());
            }
            let prep = match inner.remove(0) {
                Elem::Word(w, _) => w,
                _ => {
                    return Err(format!(
                        "({}: a phrase in ( ) starts with its preposition",
                        &r[..end]
                    ));
                }
            };
            (Elem::Prep(prep, inner), &r[end + 1..])
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '{' || c == '(')
                .unwrap_or(rest.len());
            let w = &rest[..end];
            if w.contains(['}', ')']) {
                return Err(format!("{w:?}: a closing bracket without its opening one"));
            }
            let e = match w {
                "$" => Elem::Source,
                "+" => Elem::Target,
                "^" | "%" => Elem::Skip,
                _ if w.starts_with('&') => Elem::Syn(w.to_uppercase()),
                _ => {
                    let words: Vec<Elem> = w
                        .split('_')
                        .filter(|p| !p.is_empty())
                        .map(|p| word(&p.to_uppercase()))
                        .collect();
                    if words.len() == 1 {
                        words.into_iter().next().unwrap_or(Elem::Skip)
                    } else {
                        Elem::Phrase(words)
                    }
                }
            };
            (e, &rest[end..])
        };
        out.push(elem);
        rest = tail.trim_start();
    }
    Ok(out)
}

impl Verbs {
    pub fn read(path: &Path) -> Result<(Verbs, Vec<DictError>), std::io::Error> {
        let text = std::fs::read_to_string(path)?;
        Ok(Verbs::read_text(&path.display().to_string(), &text))
    }

    /// Reads a verb dictionary; every malformed line is returned and skipped.
    pub fn read_text(file: &str, text: &str) -> (Verbs, Vec<DictError>) {
        let mut v = Verbs {
            file: file.to_string(),
            ..Verbs::default()
        };
        let mut errors = Vec::new();
        let mut synset: Option<(String, bool)> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |m: String| DictError {
                file: file.to_string(),
                line,
                message: m,
            };
            // `#` starts a comment (the files also put `#` after patterns); a line of only
            // `#`s is a section heading.
            let body = raw.split(" #").next().unwrap_or("");
            let body = if body.trim_start().starts_with('#') {
                ""
            } else {
                body
            }
            .trim();
            let body = body.split(';').next().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            if let Some(rest) = body.strip_prefix("---") {
                synset = None;
                // The code is what the brackets hold: four headers of CAMEO.2.0.txt run the
                // closing dashes into it (`[110]---  ---`), which PETRARCH reads the same way.
                let inner = rest.trim_end_matches('-').trim();
                let (name, code) = match (inner.find('['), inner.find(']')) {
                    (Some(p), Some(q)) if q > p => (inner[..p].trim(), &inner[p..=q]),
                    (Some(_), _) => {
                        errors.push(err(format!(
                            "{body:?}: an unclosed [CODE in a block header"
                        )));
                        continue;
                    }
                    _ => (inner, "[---]"),
                };
                match VerbCode::parse(code) {
                    Ok(code) => v.blocks.push(Block {
                        name: name.to_string(),
                        code,
                        patterns: Vec::new(),
                        line,
                        keyed: FxMap::default(),
                        free: Vec::new(),
                    }),
                    Err(m) => errors.push(err(m)),
                }
                continue;
            }
            if let Some(name) = body.strip_prefix('&') {
                let name = name.trim().to_uppercase();
                let no_plural = name.ends_with('_');
                synset = Some((format!("&{}", name.trim_end_matches('_')), no_plural));
                continue;
            }
            if body.starts_with('~') {
                v.transformations += 1;
                continue;
            }
            if let Some((name, no_plural)) = &synset
                && let Some(member) = body.strip_prefix('+')
            {
                let no_plural = *no_plural || member.trim().ends_with('_');
                let words: Vec<String> = member
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .map(str::to_uppercase)
                    .collect();
                if words.is_empty() {
                    errors.push(err("an empty synset member".into()));
                    continue;
                }
                let list = v.synsets.entry(name.clone()).or_default();
                if !no_plural {
                    let mut pl = words.clone();
                    if let Some(last) = pl.last_mut() {
                        *last = plural(last);
                    }
                    list.push(pl);
                }
                list.push(words);
                continue;
            }
            let Some(block) = v.blocks.len().checked_sub(1) else {
                errors.push(err(format!(
                    "{body:?} comes before any --- VERB [CODE] --- block or &SYNSET"
                )));
                continue;
            };
            if let Some(p) = body.strip_prefix('-') {
                match parse_pattern(p) {
                    Ok((pre, post, code)) => v.blocks[block].patterns.push(Pattern {
                        needs: needs(pre.iter().chain(&post)),
                        pre,
                        post,
                        code,
                        text: body.to_string(),
                        line,
                    }),
                    Err(m) => errors.push(err(m)),
                }
                continue;
            }
            if let Err(m) = v.add_verb_line(block, body, line) {
                errors.push(err(m));
            }
        }
        for b in &mut v.blocks {
            if b.patterns.len() <= KEYED {
                continue;
            }
            for (k, p) in b.patterns.iter().enumerate() {
                match p.needs.first() {
                    Some(Elem::Word(w, pl)) => {
                        b.keyed.entry(w.clone()).or_default().push(k);
                        b.keyed.entry(pl.clone()).or_default().push(k);
                    }
                    Some(Elem::Syn(name)) => b.keyed.entry(name.clone()).or_default().push(k),
                    _ => b.free.push(k),
                }
            }
        }
        for (name, members) in &v.synsets {
            let by_first = v.syn_first.entry(name.clone()).or_default();
            for (k, m) in members.iter().enumerate() {
                by_first.entry(m[0].clone()).or_default().push(k);
                let starts = v.starts.entry(m[0].clone()).or_default();
                if !starts.contains(name) {
                    starts.push(name.clone());
                }
            }
        }
        (v, errors)
    }

    fn add_verb_line(&mut self, block: usize, body: &str, line: usize) -> Result<(), String> {
        let (head, code) = match body.find('[') {
            Some(p) => (
                body[..p].trim(),
                Some(VerbCode::parse(body[p..].trim_end_matches(|c| c != ']'))?),
            ),
            None => (body, None),
        };
        let (word, forms) = match head.find('{') {
            Some(p) => {
                let end = head.find('}').ok_or("an unclosed { in the verb's forms")?;
                (head[..p].trim(), Some(&head[p + 1..end.max(p + 1)]))
            }
            None => (head, None),
        };
        if word.is_empty() || word.contains(char::is_whitespace) {
            return Err(format!(
                "{head:?}: a verb line is one WORD (multi-word verbs join words with _), then {{FORMS}} and [CODE]"
            ));
        }
        let (before, stem, after) = split_compound(word);
        if stem.is_empty()
            || !stem
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'')
        {
            return Err(format!("{word:?}: not a verb"));
        }
        let mut words: Vec<(Vec<String>, String, Vec<String>)> = Vec::new();
        match forms {
            Some(f) => {
                words.push((before.clone(), stem.clone(), after.clone()));
                // The files sometimes separate forms with commas: `{GROWS, GREW}`.
                for form in f
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                {
                    words.push(split_compound(form));
                }
            }
            None => {
                for f in regular_forms(&stem) {
                    words.push((before.clone(), f, after.clone()));
                }
            }
        }
        for (b, w, a) in words {
            if w.is_empty() {
                continue;
            }
            self.forms.entry(w).or_default().push(VerbForm {
                block,
                lemma: stem.clone(),
                code: code.clone(),
                before: b,
                after: a,
                line,
            });
        }
        Ok(())
    }

    /// The dictionary's forms for a word (upper case): a verb may sit in several blocks.
    pub fn forms(&self, word: &str) -> &[VerbForm] {
        self.forms.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every word the dictionary knows as a verb form.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// Codes a verb form in a clause: the best pattern of its block, else the verb line's code, else
    /// the block's. `words` is the clause (upper-case word and lemma per token), `verb` the verb's
    /// index, `actor_at[i]` the mention starting at word `i`.
    pub fn code(&self, form: &VerbForm, clause: &ClauseWords<'_>) -> Match {
        let block = &self.blocks[form.block];
        let mut best: Option<(usize, &Pattern, Option<usize>, Option<usize>)> = None;
        let candidates: Vec<usize> = if block.patterns.len() > KEYED {
            let mut c = block.free.clone();
            for w in clause.present.iter().chain(clause.synsets) {
                c.extend(block.keyed.get(*w).into_iter().flatten());
            }
            // In file order, so that ties go to the earlier line as without the index.
            c.sort_unstable();
            c.dedup();
            c
        } else {
            (0..block.patterns.len()).collect()
        };
        for p in candidates.iter().map(|&k| &block.patterns[k]) {
            let met = p.needs.iter().all(|n| match n {
                Elem::Word(w, pl) => {
                    clause.present.contains(w.as_str()) || clause.present.contains(pl.as_str())
                }
                Elem::Syn(name) => clause.synsets.contains(name.as_str()),
                _ => true,
            });
            if !met {
                continue;
            }
            let mut src = None;
            let mut tgt = None;
            let Some((_, n_post)) =
                self.match_seq(&p.post, clause, clause.verb + 1, &mut src, &mut tgt)
            else {
                continue;
            };
            let Some(n_pre) = self.match_pre(&p.pre, clause, &mut src, &mut tgt) else {
                continue;
            };
            let n = n_pre + n_post;
            if best.is_none_or(|(m, ..)| n > m) {
                best = Some((n, p, src, tgt));
            }
        }
        match best {
            Some((words, p, source, target)) => Match {
                code: p.code.clone(),
                pattern: Some(p.text.clone()),
                pattern_line: Some(p.line),
                words,
                source,
                target,
                block: block.name.clone(),
            },
            None => Match {
                code: form.code.clone().unwrap_or_else(|| block.code.clone()),
                pattern: None,
                pattern_line: None,
                words: 0,
                source: None,
                target: None,
                block: block.name.clone(),
            },
        }
    }

    fn match_pre(
        &self,
        pre: &[Elem],
        c: &ClauseWords<'_>,
        src: &mut Option<usize>,
        tgt: &mut Option<usize>,
    ) -> Option<usize> {
        // Backward from the verb: the last pre element nearest the verb.
        let mut end = c.verb;
        let mut n = 0;
        for e in pre.iter().rev() {
            let mut found = None;
            for start in (0..end).rev() {
                let mut s2 = *src;
                let mut t2 = *tgt;
                if let Some((len, k)) = self.match_elem(e, c, start, &mut s2, &mut t2)
                    && start + len <= end
                {
                    found = Some((start, k, s2, t2));
                    break;
                }
            }
            let (start, k, s2, t2) = found?;
            *src = s2;
            *tgt = t2;
            n += k;
            end = start;
        }
        Some(n)
    }

    /// Matches `elems` in order from word `from` (other words allowed between); returns the word
    /// after the last match and the words matched.
    fn match_seq(
        &self,
        elems: &[Elem],
        c: &ClauseWords<'_>,
        from: usize,
        src: &mut Option<usize>,
        tgt: &mut Option<usize>,
    ) -> Option<(usize, usize)> {
        let mut at = from;
        let mut n = 0;
        for e in elems {
            if matches!(e, Elem::Skip) {
                continue;
            }
            let mut found = None;
            for start in at..c.words.len() {
                let mut s2 = *src;
                let mut t2 = *tgt;
                if let Some((len, k)) = self.match_elem(e, c, start, &mut s2, &mut t2) {
                    found = Some((start + len, k, s2, t2));
                    break;
                }
            }
            let (next, k, s2, t2) = found?;
            *src = s2;
            *tgt = t2;
            n += k;
            at = next;
        }
        Some((at, n))
    }

    /// Matches one element at word `at`: (words consumed, words counted).
    fn match_elem(
        &self,
        e: &Elem,
        c: &ClauseWords<'_>,
        at: usize,
        src: &mut Option<usize>,
        tgt: &mut Option<usize>,
    ) -> Option<(usize, usize)> {
        match e {
            Elem::Skip => Some((0, 0)),
            Elem::Word(w, pl) => {
                let (form, lemma) = *c.words.get(at)?;
                (form == w || lemma == w || form == pl).then_some((1, 1))
            }
            Elem::Syn(name) => {
                let members = self.synsets.get(name)?;
                let by_first = self.syn_first.get(name)?;
                let (form, lemma) = *c.words.get(at)?;
                let candidates = by_first
                    .get(form)
                    .into_iter()
                    .chain(by_first.get(lemma))
                    .flatten();
                candidates
                    .filter_map(|&k| {
                        let m = &members[k];
                        let ok = m.iter().enumerate().all(|(j, w)| {
                            c.words.get(at + j).is_some_and(|(f, l)| f == w || l == w)
                        });
                        ok.then_some((m.len(), m.len()))
                    })
                    .max_by_key(|x| x.0)
            }
            Elem::Phrase(inner) => {
                let mut s2 = *src;
                let mut t2 = *tgt;
                let first = inner.first()?;
                let (len0, k0) = self.match_elem(first, c, at, &mut s2, &mut t2)?;
                let (end, k) = self.match_seq(&inner[1..], c, at + len0, &mut s2, &mut t2)?;
                *src = s2;
                *tgt = t2;
                Some((end - at, k0 + k))
            }
            Elem::Prep(p, inner) => {
                let (form, _) = *c.words.get(at)?;
                if form != p {
                    return None;
                }
                let (end, k) = self.match_seq(inner, c, at + 1, src, tgt)?;
                Some((end - at, 1 + k))
            }
            Elem::Source | Elem::Target => {
                let m = c.mention_at.get(at).copied().flatten()?;
                if matches!(e, Elem::Source) {
                    *src = Some(m);
                } else {
                    *tgt = Some(m);
                }
                Some((c.mention_len[m], 1))
            }
        }
    }
}

/// A clause as the pattern matcher sees it.
pub struct ClauseWords<'a> {
    /// (upper-case form, upper-case lemma) per word.
    pub words: &'a [(&'a str, &'a str)],
    pub verb: usize,
    /// The actor mention starting at each word, if any.
    pub mention_at: &'a [Option<usize>],
    /// Each mention's length in words.
    pub mention_len: &'a [usize],
    /// Every form and lemma in the sentence.
    pub present: &'a FxSet<&'a str>,
    /// Every synset some member of which begins with a word of the sentence.
    pub synsets: &'a FxSet<&'a str>,
}

/// What coding a verb gave.
#[derive(Clone, Debug)]
pub struct Match {
    pub code: VerbCode,
    pub pattern: Option<String>,
    pub pattern_line: Option<usize>,
    /// Words of the pattern matched (0: the verb alone).
    pub words: usize,
    /// Mentions a pattern's `$` and `+` picked.
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub block: String,
}

/// The words and synsets in `elems`, at any depth (a preposition is a word).
fn needs<'a>(elems: impl Iterator<Item = &'a Elem>) -> Vec<Elem> {
    let mut out = Vec::new();
    for e in elems {
        match e {
            Elem::Word(..) | Elem::Syn(_) => out.push(e.clone()),
            Elem::Phrase(inner) => out.extend(needs(inner.iter())),
            Elem::Prep(p, inner) => {
                out.push(word(p));
                out.extend(needs(inner.iter()));
            }
            Elem::Source | Elem::Target | Elem::Skip => {}
        }
    }
    out
}

fn parse_pattern(p: &str) -> Result<(Vec<Elem>, Vec<Elem>, VerbCode), String> {
    let p = p.trim();
    let open = p
        .rfind('[')
        .ok_or_else(|| format!("{p:?}: a pattern ends with its [CODE]"))?;
    let close = p[open..]
        .find(']')
        .ok_or_else(|| format!("{p:?}: an unclosed [CODE"))?;
    let code = VerbCode::parse(&p[open..open + close + 1])?;
    let body = p[..open].trim();
    let star = body
        .find('*')
        .ok_or_else(|| format!("{body:?}: a pattern marks the verb with *"))?;
    if body[star + 1..].contains('*') {
        return Err(format!("{body:?}: a pattern has one verb (one *)"));
    }
    let pre = parse_elems(&body[..star])?;
    let post = parse_elems(&body[star + 1..])?;
    Ok((pre, post, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
&CURRENCY
+DOLLAR
+EURO
+SWISS_FRANC

&AUXVERB_
+HAVE
+HAS

---  GRANT   [070]  ---
GRANT
GIVE {GAVE GIVEN GIVING GIVES}
- * &CURRENCY                 [071]   # money
- * ARMS (TO +)               [072]
- $ WILL NOT *                [---]

---  VISIT   [042:043]  ---
VISIT
- * (FOR TALKS)               [046:046]

---  SEIZE   [---]  ---
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF} [1724]
RE_+ARREST [173]
";

    /// A clause for the tests: every word present, every synset possible (the sets are leaked:
    /// a test's lifetime).
    fn clause<'a>(
        words: &'a [(&'a str, &'a str)],
        verb: usize,
        at: &'a [Option<usize>],
        len: &'a [usize],
    ) -> ClauseWords<'a> {
        let present: &'a FxSet<&'a str> =
            Box::leak(Box::new(words.iter().flat_map(|(f, l)| [*f, *l]).collect()));
        let synsets: &'a FxSet<&'a str> =
            Box::leak(Box::new(["&CURRENCY", "&AUXVERB"].into_iter().collect()));
        ClauseWords {
            words,
            verb,
            mention_at: at,
            mention_len: len,
            present,
            synsets,
        }
    }

    #[test]
    fn reads_blocks_forms_synsets_and_compounds() {
        let (v, errors) = Verbs::read_text("t.txt", DICT);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(v.blocks.len(), 3);
        // Regular forms are generated, irregular ones taken as given.
        for w in [
            "GRANT", "GRANTS", "GRANTED", "GRANTING", "GAVE", "GIVEN", "VISITED",
        ] {
            assert!(!v.forms(w).is_empty(), "{w}");
        }
        assert!(v.forms("GIVED").is_empty());
        // Plurals for synset members, none for a `_` label.
        assert!(v.synsets["&CURRENCY"].contains(&vec!["DOLLARS".to_string()]));
        assert!(v.synsets["&CURRENCY"].contains(&vec!["SWISS".to_string(), "FRANCS".to_string()]));
        assert!(!v.synsets["&AUXVERB"].contains(&vec!["HAVES".to_string()]));
        // The `+` marks the parser's verb: CORDONED with OFF after it; ARREST with RE before.
        let f = &v.forms("CORDONED")[0];
        assert_eq!(
            (f.before.len(), f.after.as_slice()),
            (0, &["OFF".to_string()][..])
        );
        assert_eq!(v.forms("ARRESTED")[0].before, vec!["RE".to_string()]);
        assert_eq!(
            v.forms("CORDONING")[0]
                .code
                .as_ref()
                .and_then(|c| c.code.as_deref()),
            Some("1724")
        );
    }

    #[test]
    fn the_most_specific_pattern_wins_and_reverse_codes_are_kept() {
        let (v, _) = Verbs::read_text("t.txt", DICT);
        let gave = &v.forms("GAVE")[0];
        // "X gave dollars": the synset pattern.
        let w = [("X", "X"), ("GAVE", "GIVE"), ("DOLLARS", "DOLLAR")];
        let m = v.code(gave, &clause(&w, 1, &[Some(0), None, None], &[1]));
        assert_eq!(m.code.code.as_deref(), Some("071"));
        assert_eq!(m.pattern_line, Some(13));
        // "X gave arms to Y": the prepositional pattern names the target.
        let w = [
            ("X", "X"),
            ("GAVE", "GIVE"),
            ("ARMS", "ARM"),
            ("TO", "TO"),
            ("Y", "Y"),
        ];
        let m = v.code(
            gave,
            &clause(&w, 1, &[Some(0), None, None, None, Some(1)], &[1, 1]),
        );
        assert_eq!((m.code.code.as_deref(), m.target), (Some("072"), Some(1)));
        // Nothing matches: the block's code.
        let w = [("X", "X"), ("GAVE", "GIVE"), ("SPEECH", "SPEECH")];
        let m = v.code(gave, &clause(&w, 1, &[Some(0), None, None], &[1]));
        assert_eq!((m.code.code.as_deref(), m.pattern), (Some("070"), None));
        // Words before the verb, read backward: "$ WILL NOT *" gives the null code.
        let w = [
            ("X", "X"),
            ("WILL", "WILL"),
            ("NOT", "NOT"),
            ("GIVE", "GIVE"),
            ("AID", "AID"),
        ];
        let m = v.code(
            gave,
            &clause(&w, 3, &[Some(0), None, None, None, None], &[1]),
        );
        assert_eq!((m.code.code, m.source), (None, Some(0)));
        // A visit: 042 forward, 043 back; for talks 046 both ways.
        let visit = &v.forms("VISITED")[0];
        let w = [("X", "X"), ("VISITED", "VISIT"), ("Y", "Y")];
        let m = v.code(visit, &clause(&w, 1, &[Some(0), None, Some(1)], &[1, 1]));
        assert_eq!(
            (m.code.code.as_deref(), m.code.reverse.as_deref()),
            (Some("042"), Some("043"))
        );
    }

    #[test]
    fn malformed_lines_are_reported_and_the_rest_loads() {
        let text = "- * ORPHAN [010]\n---  SAY [010]  ---\nSAY {SAID}\n- * {UNCLOSED [011]\n- * NO CODE\n- NO STAR [012]\n- * CLAIM [0x1]\nMAKE STATEMENT\n- * DENIAL [013]\n";
        let (v, errors) = Verbs::read_text("bad.txt", text);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 4, 5, 6, 7, 8], "{errors:?}");
        assert!(errors[0].to_string().starts_with("bad.txt:1: "));
        assert_eq!(v.blocks[0].patterns.len(), 1);
        assert!(!v.forms("SAID").is_empty());
    }

    #[test]
    fn plurals_follow_the_documented_rule() {
        assert_eq!(plural("TROOP"), "TROOPS");
        assert_eq!(plural("ARMY"), "ARMIES");
        assert_eq!(plural("CLASS"), "CLASSES");
        assert_eq!(plural("DAY"), "DAYS");
        assert_eq!(
            regular_forms("ARRIVE"),
            vec!["ARRIVE", "ARRIVES", "ARRIVED", "ARRIVING"]
        );
        assert_eq!(
            regular_forms("CARRY"),
            vec!["CARRY", "CARRIES", "CARRIED", "CARRYING"]
        );
    }
}
