//! Plain text into sentences and tokens, for when no parser is at hand (TABARI's situation).
//!
//! Sentences end at `.`, `!` or `?` followed by white space and a capital, a digit or a quote, except
//! after a known abbreviation or an initial ("U.S.", "Gen.", "V."); a line break that ends a
//! paragraph (a blank line, or a line of an article with one paragraph a line) ends one too. Tokens
//! are words (letters, digits and inner hyphens or periods as in "U.S."), numbers with thousands
//! separators ("1,500"), the possessive `'s` (straight or curly) and single punctuation marks; each
//! keeps its byte span in the text, so evidence can be highlighted where it was found.

/// A token of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub text: String,
    /// Upper case, curly apostrophes made straight: what the dictionaries are matched on.
    pub up: String,
    /// Upper-case lemma when a parser gave one that differs from the form; empty otherwise (read
    /// it with [`Token::lemma`]).
    pub lemma: String,
    /// Byte span in the sentence's text.
    pub start: usize,
    pub end: usize,
    /// From a parse: universal part of speech, head (0 = root, else 1-based) and relation.
    pub upos: Label,
    pub head: usize,
    pub deprel: Label,
}

/// A part-of-speech tag or dependency relation, held inline (no allocation per token); a label
/// longer than 16 bytes keeps its first 16 (the relations the coder reads, such as `nsubj:pass`
/// and `obl:agent`, are shorter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Label {
    bytes: [u8; 16],
    len: u8,
}

impl Label {
    pub fn new(s: &str) -> Label {
        let mut n = s.len().min(16);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        let mut bytes = [0; 16];
        bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
        Label {
            bytes,
            len: n as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Token {
    pub fn new(text: &str, start: usize, end: usize) -> Token {
        Token {
            text: text.to_string(),
            lemma: String::new(),
            up: upper(text),
            start,
            end,
            upos: Label::default(),
            head: 0,
            deprel: Label::default(),
        }
    }
}

impl Token {
    /// The upper-case lemma: the parser's, else the form.
    pub fn lemma(&self) -> &str {
        if self.lemma.is_empty() {
            &self.up
        } else {
            &self.lemma
        }
    }
}

/// Upper case with the typographer's apostrophe made straight.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.replace(['\u{2019}', '\u{2018}'], "'").to_uppercase()
    }
}

const ABBREVIATIONS: &[&str] = &[
    "MR", "MRS", "MS", "DR", "GEN", "LT", "COL", "CAPT", "SGT", "ADM", "GOV", "SEN", "REP", "ST",
    "NO", "VS", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV",
    "DEC", "INC", "CO", "CORP", "LTD", "U.S", "U.N", "U.K", "E.U", "PROF", "JR", "SR",
];

/// Splits `text` into tokens with byte spans.
pub fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let is_word = |c: char| c.is_alphanumeric();
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let w = c.len_utf8();
        if c.is_whitespace() {
            i += w;
            continue;
        }
        if is_word(c) {
            let mut j = i + w;
            while j < text.len() {
                let Some(d) = text[j..].chars().next() else {
                    break;
                };
                if is_word(d) {
                    j += d.len_utf8();
                    continue;
                }
                // An inner mark joins when a letter or digit follows: "1,500", "U.S.", "3.5".
                let next = text[j + d.len_utf8()..].chars().next();
                let digit_before = b[j - 1].is_ascii_digit();
                let joins = match d {
                    ',' => digit_before && next.is_some_and(|n| n.is_ascii_digit()),
                    '.' => {
                        next.is_some_and(|n| n.is_alphanumeric())
                            && (digit_before || j - i == 1 || text[i..j].contains('.'))
                    }
                    _ => false,
                };
                if joins {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            // "U.S." keeps its final period when it closes an abbreviation of initials.
            if j < text.len()
                && b[j] == b'.'
                && text[i..j].contains('.')
                && !text[i..j].bytes().any(|x| x.is_ascii_digit())
            {
                j += 1;
            }
            out.push(Token::new(&text[i..j], i, j));
            i = j;
            continue;
        }
        // The possessive 's (straight or curly apostrophe).
        if (c == '\'' || c == '\u{2019}') && !out.is_empty() {
            let rest = &text[i + w..];
            if (rest.starts_with('s') || rest.starts_with('S'))
                && !rest[1..].starts_with(|n: char| n.is_alphanumeric())
            {
                out.push(Token::new(&text[i..i + w + 1], i, i + w + 1));
                i += w + 1;
                continue;
            }
        }
        out.push(Token::new(&text[i..i + w], i, i + w));
        i += w;
    }
    out
}

/// A sentence of a document: its text, and the line of the document it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// Splits a document into sentences (byte spans and starting lines).
pub fn sentences(doc: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, para) in doc.split_inclusive('\n').enumerate() {
        let line = n + 1;
        let mut start = offset;
        let toks = tokenize(para);
        for (k, t) in toks.iter().enumerate() {
            if !matches!(t.text.as_str(), "." | "!" | "?") {
                continue;
            }
            let next = toks.get(k + 1);
            let ends = match next {
                None => true,
                Some(nx) => {
                    let c = nx.text.chars().next().unwrap_or(' ');
                    let after_abbrev = k > 0 && {
                        let prev = &toks[k - 1];
                        prev.end == t.start
                            && (ABBREVIATIONS.contains(&prev.up.as_str())
                                || (prev.text.len() == 1
                                    && prev.text.chars().all(|c| c.is_uppercase())))
                    };
                    nx.start > t.end
                        && (c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '"' | '\u{201c}' | '\''))
                        && !after_abbrev
                }
            };
            if ends {
                let end = offset + t.end;
                if doc[start..end].trim().is_empty() {
                    continue;
                }
                out.push(trimmed(doc, start, end, line));
                start = end;
            }
        }
        let end = offset + para.len();
        if !doc[start..end].trim().is_empty() {
            out.push(trimmed(doc, start, end, line));
        }
        offset = end;
    }
    out
}

fn trimmed(doc: &str, start: usize, end: usize, line: usize) -> Span {
    let s = &doc[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span {
        start: start + lead,
        end: end - trail,
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_keep_numbers_initials_and_possessives() {
        assert_eq!(
            words("Japan’s 1,500 troops, the U.S. and N. Korea's 3.5%."),
            [
                "Japan", "’s", "1,500", "troops", ",", "the", "U.S.", "and", "N", ".", "Korea",
                "'s", "3.5", "%", "."
            ]
        );
        let t = tokenize("Moscow-Pyongyang");
        assert_eq!(
            t.iter().map(|t| t.up.as_str()).collect::<Vec<_>>(),
            ["MOSCOW", "-", "PYONGYANG"]
        );
        assert_eq!((t[2].start, t[2].end), (7, 16));
        assert_eq!(tokenize("Japan’s")[1].up, "'S");
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations_and_keep_their_line() {
        let doc = "Gen. Smith met Dr. Jones in the U.S. on Monday. Talks ended. 2 more followed!\nA new paragraph\n\nAnd another.";
        let spans = sentences(doc);
        let texts: Vec<&str> = spans.iter().map(|s| &doc[s.start..s.end]).collect();
        assert_eq!(
            texts,
            [
                "Gen. Smith met Dr. Jones in the U.S. on Monday.",
                "Talks ended.",
                "2 more followed!",
                "A new paragraph",
                "And another."
            ]
        );
        assert_eq!(
            spans.iter().map(|s| s.line).collect::<Vec<_>>(),
            [1, 1, 1, 2, 4]
        );
    }
}
