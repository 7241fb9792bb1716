//! CoNLL-U (Universal Dependencies' interchange format, written by UDPipe, Stanza, spaCy through
//! spacy-conll, and others): sentences of ten tab-separated fields a token, separated by blank
//! lines, with `# sent_id =` and `# text =` comments.
//!
//! Multi-word token ranges (`1-2`) and empty nodes (`8.1`) are skipped: the coder reads the syntactic
//! words. A malformed line is an error with its line number; its sentence is dropped and the reader
//! goes on with the next one. A document date can be given in a `# date = YYYY-MM-DD` (or YYYYMMDD)
//! comment, which entente writes and other tools ignore.

use crate::text::Token;

/// A parsed sentence.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub id: Option<String>,
    pub text: String,
    pub date: Option<u32>,
    pub tokens: Vec<Token>,
    /// The line of the input its first line is on.
    pub line: usize,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// Reads a YYYY-MM-DD or YYYYMMDD date.
pub fn parse_date(s: &str) -> Option<u32> {
    let d: String = s.trim().chars().filter(|c| *c != '-').collect();
    if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = d.parse().ok()?;
    ((1..=12).contains(&((v / 100) % 100)) && (1..=31).contains(&(v % 100))).then_some(v)
}

/// Reads CoNLL-U text, calling `each` for every well-formed sentence; returns the errors.
/// `first_line` numbers the lines (1 for a file; more for a `<Parse>` inside a larger file).
pub fn read(text: &str, first_line: usize, mut each: impl FnMut(Parsed)) -> Vec<ConlluError> {
    let mut errors = Vec::new();
    let mut cur = Parsed::default();
    let mut bad = false;
    let mut space_after: Vec<bool> = Vec::new();
    let mut finish = |cur: &mut Parsed, bad: &mut bool, space_after: &mut Vec<bool>| {
        if !*bad && !cur.tokens.is_empty() {
            let mut p = std::mem::take(cur);
            place(&mut p, space_after);
            each(p);
        }
        *cur = Parsed::default();
        *bad = false;
        space_after.clear();
    };
    for (i, raw) in text.lines().enumerate() {
        let line = first_line + i;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() {
            finish(&mut cur, &mut bad, &mut space_after);
            continue;
        }
        if cur.tokens.is_empty() && cur.line == 0 {
            cur.line = line;
        }
        if let Some(c) = l.strip_prefix('#') {
            if let Some((k, v)) = c.split_once('=') {
                match k.trim() {
                    "sent_id" => cur.id = Some(v.trim().to_string()),
                    "text" => cur.text = v.trim().to_string(),
                    "date" => cur.date = parse_date(v),
                    _ => {}
                }
            }
            continue;
        }
        // Ten fields, read into an array (no allocation per line).
        let mut f = [""; 10];
        let mut n = 0;
        for (k, x) in l.split('\t').enumerate() {
            if k < 10 {
                f[k] = x;
            }
            n = k + 1;
        }
        if n != 10 {
            errors.push(ConlluError {
                line,
                message: format!("{n} fields; a CoNLL-U token line has 10, separated by tabs"),
            });
            bad = true;
            continue;
        }
        if f[0].contains(['-', '.']) {
            continue;
        }
        let (Ok(id), Ok(head)) = (f[0].parse::<usize>(), f[6].parse::<usize>()) else {
            errors.push(ConlluError {
                line,
                message: format!("ID {:?} and HEAD {:?} must be whole numbers", f[0], f[6]),
            });
            bad = true;
            continue;
        };
        if id != cur.tokens.len() + 1 {
            errors.push(ConlluError {
                line,
                message: format!(
                    "token ID {id} out of sequence (expected {})",
                    cur.tokens.len() + 1
                ),
            });
            bad = true;
            continue;
        }
        let mut t = Token::new(f[1], 0, 0);
        if f[2] != "_" && !f[2].is_empty() {
            // The lemma in place of the form Token::new put there (no second allocation when
            // they are equal, as for most proper nouns).
            if !f[2].eq_ignore_ascii_case(f[1]) || !f[2].is_ascii() {
                t.lemma = crate::text::upper(f[2]);
            }
        }
        t.upos = crate::text::Label::new(f[3]);
        t.head = head;
        t.deprel = crate::text::Label::new(f[7]);
        space_after.push(!f[9].contains("SpaceAfter=No"));
        cur.tokens.push(t);
    }
    finish(&mut cur, &mut bad, &mut space_after);
    // Heads must point inside their sentence; checked as the sentence closes.
    errors
}

/// Gives each token its span in the sentence text (rebuilding the text from the forms when the file
/// has no `# text`); drops heads that point outside the sentence to the root.
fn place(p: &mut Parsed, space_after: &[bool]) {
    let n = p.tokens.len();
    for t in &mut p.tokens {
        if t.head > n {
            t.head = 0;
        }
    }
    if p.text.is_empty() {
        let mut s = String::new();
        for (k, t) in p.tokens.iter_mut().enumerate() {
            t.start = s.len();
            s.push_str(&t.text);
            t.end = s.len();
            if space_after.get(k).copied().unwrap_or(true) && k + 1 < n {
                s.push(' ');
            }
        }
        p.text = s;
        return;
    }
    let mut at = 0;
    for t in &mut p.tokens {
        // Usually the token starts after the spaces at `at`; search only when it does not.
        let rest = &p.text[at..];
        let skip = rest.len() - rest.trim_start().len();
        let found = if rest[skip..].starts_with(t.text.as_str()) {
            Some(skip)
        } else {
            rest.find(t.text.as_str())
        };
        match found {
            Some(off) => {
                t.start = at + off;
                t.end = t.start + t.text.len();
                at = t.end;
            }
            None => {
                t.start = at;
                t.end = at;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "# sent_id = s1\n# text = Russia attacked Ukraine.\n1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_tokens_heads_and_spans() {
        let mut got = Vec::new();
        let errors = read(S, 1, |p| got.push(p));
        assert!(errors.is_empty());
        let p = &got[0];
        assert_eq!(p.id.as_deref(), Some("s1"));
        assert_eq!(
            (
                p.tokens[1].lemma(),
                p.tokens[1].head,
                p.tokens[2].deprel.as_str()
            ),
            ("ATTACK", 0, "obj")
        );
        assert_eq!(&p.text[p.tokens[2].start..p.tokens[2].end], "Ukraine");
    }

    #[test]
    fn a_bad_line_drops_its_sentence_only() {
        let text = format!("1\tbad line\n\n{S}1\tX\tX\tX\tX\t_\tzero\tdep\t_\t_\n");
        let mut got = Vec::new();
        let errors = read(&text, 1, |p| got.push(p));
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 10]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].line, 3);
    }

    #[test]
    fn text_is_rebuilt_when_absent() {
        let text = "1\tKim\tKim\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tvisited\tvisit\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n";
        let mut got = Vec::new();
        read(text, 1, |p| got.push(p));
        assert_eq!(got[0].text, "Kim visited.");
    }
}
