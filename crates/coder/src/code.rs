//! The coder: a sentence's actors, verbs and patterns into CAMEO events.
//!
//! Both inputs share one core. Actor and agent phrases are found by longest match (the dictionary
//! entry's code on the sentence's date, so a leader is coded to his government only while in office);
//! adjacent phrases, or phrases joined by `of`, `the` or `'s`, form one actor, whose code is a
//! person's or organisation's full code when one is there, else the country's code with the agent's
//! (`RUS` + `~MIL` = `RUSMIL`; `NGO~` goes in front). Each verb the dictionary knows is coded by its
//! block's best pattern ([`crate::verbs`]), and becomes an event for each source × target.
//!
//! - **Parsed (CoNLL-U)**: the source is the verb's subject (`nsubj`), inherited from the governing
//!   verb for `xcomp`, `advcl` and `conj` verbs ("met … to sign"); the target its object (`obj`,
//!   spaCy's `dobj`), else the first actor in a prepositional phrase on it (UD `obl`/`nmod` with a
//!   `case` child, or spaCy's `prep` → `pobj`). Passives (`nsubj:pass`/`nsubjpass`) take the source
//!   from the `by` phrase (`obl:agent`, spaCy's `agent` → `pobj`) and make the subject the target.
//!   Coordinated actors (`conj`) each act. A verb with a `neg` child or `not`/`never` is not coded.
//! - **Plain text** (TABARI's shallow approach): the source is the nearest actor before the verb
//!   that is not the object of a preposition, with the actors coordinated with it; an infinitive
//!   ("to sign") takes its governing verb's source; the target is the first actor after the verb,
//!   except a place straight after it ("met in Moscow": where, not whom). A
//!   form of *be* before a past participle with `by` after it is a passive. `not`, `n't` or `never`
//!   in the three words before the verb negates it. A word after a determiner (`the`, `a`, `its`…)
//!   is taken for a noun, not a verb. This is less accurate than a parse; docs/coder.md measures it.
//!
//! Events need both actors (PETRARCH's `require_dyad`), except that a compound subject with no
//! target ("Putin and Kim met") codes each member toward the others. An actor never acts on itself
//! (same code). A pattern's `$` and `+` override the syntactic choice. A reverse code (`[042:043]`)
//! adds the event back from target to source.
//!
//! References: Schrodt, P. A. (2014) *TABARI Programming and Reference Manual* 0.8; Norris, C.,
//! Schrodt, P. A. & Beieler, J. (2017) "PETRARCH2: Another event coding program", *Journal of Open
//! Source Software*; Gerner, D. J., Schrodt, P. A. & Yilmaz, Ö. (2009) *CAMEO Codebook*.

use crate::cameo::Cameo;
use crate::dict::{Actors, Agents, DictError, Discards};
use crate::extract::{find_date, find_quantities};
use crate::hash::FxSet;
use crate::text::Token;
use crate::verbs::{ClauseWords, Match, VerbForm, Verbs};
use entente_model::{CameoCode, Quantity};
use serde::Serialize;

/// The dictionaries a coder uses.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub actors: Actors,
    pub agents: Agents,
    pub verbs: Verbs,
    pub discards: Discards,
    pub cameo: Cameo,
    /// Issue phrases (`Phoenix.IssueCoding.txt`).
    pub issues: crate::issues::Issues,
    /// Prepositions (`Phoenix.prepositions.txt`): an actor after one is not a subject. Empty: a
    /// built-in list.
    pub prepositions: FxSet<String>,
    /// Every line of every file that could not be read.
    pub errors: Vec<DictError>,
    /// The files read, in order.
    pub files: Vec<String>,
}

/// A sentence to code.
pub struct Sentence<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Whether `tokens` carry a dependency parse.
    pub parsed: bool,
    /// The document's date, YYYYMMDD.
    pub date: Option<u32>,
}

/// Byte spans of an event's evidence in its sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spans {
    pub source: (usize, usize),
    pub verb: (usize, usize),
    pub target: (usize, usize),
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<(usize, usize)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<(usize, usize)>,
}

/// One coded event, with why it was coded so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodedEvent {
    pub sentence: String,
    /// In the model's date syntax ("2024-10", "by 2025-02"); `None` without a date in the sentence
    /// or the document.
    pub date: Option<String>,
    /// The first day the date covers, YYYYMMDD.
    pub ymd: Option<u32>,
    /// "sentence" or "document".
    pub date_from: &'static str,
    pub source: String,
    pub source_country: String,
    pub source_text: String,
    pub target: String,
    pub target_country: String,
    pub target_text: String,
    pub code: String,
    pub code_name: Option<String>,
    pub root: u8,
    pub quad_class: u8,
    pub goldstein: Option<f64>,
    pub quantity: Option<Quantity>,
    pub verb: String,
    pub verb_block: String,
    pub pattern: Option<String>,
    pub pattern_line: Option<usize>,
    /// Coded from a reverse code (`[042:043]`: the host of a visit).
    pub reverse: bool,
    /// The sentence's issues (PETRARCH's issue coding), with counts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<crate::issues::Issue>,
    pub spans: Spans,
}

/// An actor phrase found in the sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    pub start: usize,
    pub len: usize,
    pub text: String,
    /// The actor code on the sentence's date, for actor phrases.
    pub code: Option<String>,
    /// The agent code (`~MIL`), for agent phrases.
    pub agent: Option<String>,
    /// Where the entry is (file:line), for actors.
    pub entry: Option<String>,
}

/// Actors: mentions joined into one noun phrase, with the code they give.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub first: usize,
    pub last: usize,
    pub code: String,
    pub text: String,
}

/// What happened to one verb (for `--explain`).
#[derive(Clone, Debug, Serialize)]
pub struct VerbTrace {
    pub verb: String,
    pub lemma: String,
    pub block: String,
    pub code: Option<String>,
    pub pattern: Option<String>,
    pub pattern_line: Option<usize>,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub outcome: String,
}

/// Everything the coder saw in a sentence.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Explanation {
    pub tokens: Vec<String>,
    pub discarded: Option<String>,
    pub mentions: Vec<Mention>,
    pub actors: Vec<Group>,
    pub verbs: Vec<VerbTrace>,
    pub date: Option<String>,
    pub issues: Vec<crate::issues::Issue>,
    pub events: Vec<CodedEvent>,
}

const DETERMINERS: &[&str] = &[
    "THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "THIS", "THESE", "THOSE", "OUR", "ANY", "EACH",
    "NO", "'S",
];
const PREPOSITIONS: &[&str] = &[
    "BY",
    "IN",
    "TO",
    "FROM",
    "WITH",
    "AGAINST",
    "OF",
    "ON",
    "FOR",
    "AT",
    "INTO",
    "OVER",
    "ABOUT",
    "TOWARD",
    "TOWARDS",
    "BETWEEN",
    "AMONG",
    "AMID",
    "WITHIN",
    "AFTER",
    "BEFORE",
    "DURING",
    "UNDER",
    "ACROSS",
    "NEAR",
    "BEYOND",
    "THROUGH",
    "FOLLOWING",
    "INCLUDING",
    "SUCH",
    "AS",
];
const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"];
const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER"];

/// The country part of an actor code: its first three letters, unless it is an international or
/// non-state code (`IGO…`, `NGO…`, `IMG…`, …) that names no country first.
pub fn country_of(code: &str) -> &str {
    const NON_STATE: &[&str] = &[
        "IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS", "REB", "SPY", "MOD", "RAD", "BUS", "CVL",
        "GOV", "MIL", "OPP", "PTY", "EEU",
    ];
    match code.get(..3) {
        Some(c) if !NON_STATE.contains(&c) && c.bytes().all(|b| b.is_ascii_uppercase()) => c,
        _ => "",
    }
}

fn combine(base: &str, agent: &str) -> String {
    if let Some(a) = agent.strip_prefix('~') {
        if base.ends_with(a) {
            base.to_string()
        } else {
            format!("{base}{a}")
        }
    } else if let Some(a) = agent.strip_suffix('~') {
        format!("{a}{base}")
    } else {
        format!("{base}{agent}")
    }
}

impl Dictionaries {
    /// A preposition: in `Phoenix.prepositions.txt` when it was read, else in a built-in list.
    pub fn is_preposition(&self, w: &str) -> bool {
        if self.prepositions.is_empty() {
            PREPOSITIONS.contains(&w)
        } else {
            self.prepositions.contains(w)
        }
    }

    /// Codes one sentence. `explain` keeps the trace of every step.
    pub fn code(&self, s: &Sentence<'_>, explain: bool) -> Explanation {
        let mut ex = Explanation::default();
        let toks = s.tokens;
        if explain {
            ex.tokens = toks.iter().map(|t| t.text.clone()).collect();
        }
        let ups: Vec<&str> = toks.iter().map(|t| t.up.as_str()).collect();
        if let Some(d) = self.discards.find(&ups) {
            ex.discarded = Some(d.words.join(" "));
            return ex;
        }
        let found_date = find_date(toks, s.date);
        let (date, ymd, date_from) = match (&found_date, s.date) {
            (Some(d), _) => (Some(d.text.clone()), Some(d.ymd), "sentence"),
            (None, Some(doc)) => (
                Some(format!(
                    "{:04}-{:02}-{:02}",
                    doc / 10000,
                    (doc / 100) % 100,
                    doc % 100
                )),
                Some(doc),
                "document",
            ),
            (None, None) => (None, None, "none"),
        };
        ex.date.clone_from(&date);
        ex.issues = self.issues.find(&ups);
        let on = ymd.unwrap_or(99_991_231);
        let mentions = self.mentions(s.text, toks, &ups, on, explain);
        let groups = groups(s.text, toks, &mentions, |w| !self.verbs.forms(w).is_empty());
        // Which group each token belongs to.
        let mut group_of = vec![None; toks.len()];
        for (g, gr) in groups.iter().enumerate() {
            for slot in &mut group_of[gr.first..=gr.last] {
                *slot = Some(g);
            }
        }
        let mut mention_at = vec![None; toks.len()];
        let mut mention_len = Vec::with_capacity(groups.len());
        for (g, gr) in groups.iter().enumerate() {
            mention_at[gr.first] = Some(g);
            mention_len.push(gr.last + 1 - gr.first);
        }
        let lemmas: Vec<&str> = toks.iter().map(Token::lemma).collect();
        let words: Vec<(&str, &str)> = ups.iter().copied().zip(lemmas.iter().copied()).collect();
        let quantities = find_quantities(toks, found_date.as_ref().map(|d| d.tokens));
        let candidates = self.verb_candidates(s, &ups, &group_of);
        let mut present: FxSet<&str> = FxSet::default();
        let mut synsets: FxSet<&str> = FxSet::default();
        if !candidates.is_empty() {
            for (f, l) in &words {
                present.insert(f);
                present.insert(l);
                for w in [f, l] {
                    for name in self.verbs.starts.get(*w).into_iter().flatten() {
                        synsets.insert(name);
                    }
                }
            }
        }
        let mut sources_of: Vec<(usize, Vec<usize>)> = Vec::new();
        for (k, &(v, form)) in candidates.iter().enumerate() {
            let clause = ClauseWords {
                words: &words,
                verb: v,
                mention_at: &mention_at,
                mention_len: &mention_len,
                present: &present,
                synsets: &synsets,
            };
            let m = self.verbs.code(form, &clause);
            let roles = if s.parsed {
                parsed_roles(toks, v, &group_of)
            } else {
                let prev = k.checked_sub(1).map(|p| candidates[p].0);
                let next = candidates.get(k + 1).map(|c| c.0);
                plain_roles(
                    &ups,
                    v,
                    (prev, next),
                    &groups,
                    &group_of,
                    &sources_of,
                    &|w| self.is_preposition(w),
                )
            };
            let (mut src, mut tgt, negated) = roles;
            if let Some(g) = m.source {
                src = vec![g];
            }
            if let Some(g) = m.target {
                tgt = vec![g];
                src.retain(|x| *x != g);
            }
            sources_of.push((v, src.clone()));
            let trace_codes = |xs: &[usize]| xs.iter().map(|g| groups[*g].code.clone()).collect();
            let outcome;
            let before = ex.events.len();
            if negated {
                outcome = "negated: not coded".to_string();
            } else if m.code.code.is_none() && m.code.reverse.is_none() {
                outcome = format!(
                    "the null code (---) of {}",
                    m.pattern
                        .as_deref()
                        .map_or("the verb".to_string(), |p| format!("pattern {p:?}"))
                );
            } else if src.is_empty() {
                outcome = "no source actor".to_string();
            } else {
                let pairs: Vec<(usize, usize)> = if tgt.is_empty() && src.len() > 1 {
                    src.iter()
                        .flat_map(|&a| src.iter().map(move |&b| (a, b)))
                        .filter(|(a, b)| a != b)
                        .collect()
                } else {
                    src.iter()
                        .flat_map(|&a| tgt.iter().map(move |&b| (a, b)))
                        .collect()
                };
                for (a, b) in pairs {
                    let forward = m.code.code.as_deref();
                    let reverse = m.code.reverse.as_deref();
                    let compound_back = tgt.is_empty();
                    for (from, to, code, rev) in [(a, b, forward, false), (b, a, reverse, true)] {
                        // A compound subject already gives both directions.
                        if rev && compound_back {
                            continue;
                        }
                        let Some(code) = code else { continue };
                        if groups[from].code == groups[to].code {
                            continue;
                        }
                        let q = quantities
                            .iter()
                            .find(|q| q.tokens.0 > v)
                            .or(quantities.first());
                        ex.events.push(self.event(
                            s,
                            &groups,
                            from,
                            to,
                            code,
                            rev,
                            v,
                            &m,
                            EventDate {
                                date: date.clone(),
                                ymd,
                                from: date_from,
                                span: found_date.as_ref().map(|d| d.tokens),
                            },
                            q.map(|q| (q.quantity.clone(), q.tokens)),
                        ));
                    }
                }
                outcome = if ex.events.len() > before {
                    format!("{} event(s)", ex.events.len() - before)
                } else if tgt.is_empty() {
                    "no target actor".to_string()
                } else {
                    "source and target are the same actor".to_string()
                };
            }
            if explain {
                ex.verbs.push(VerbTrace {
                    verb: toks[v].text.clone(),
                    lemma: form.lemma.clone(),
                    block: m.block.clone(),
                    code: m.code.code.clone(),
                    pattern: m.pattern.clone(),
                    pattern_line: m.pattern_line,
                    sources: trace_codes(&src),
                    targets: trace_codes(&tgt),
                    outcome,
                });
            }
        }
        // One event per dyad and code in a sentence.
        let mut seen = std::collections::HashSet::new();
        ex.events
            .retain(|e| seen.insert((e.source.clone(), e.target.clone(), e.code.clone())));
        for e in &mut ex.events {
            e.issues.clone_from(&ex.issues);
        }
        if explain {
            ex.mentions = mentions;
            ex.actors = groups;
        }
        ex
    }

    fn mentions(
        &self,
        text: &str,
        toks: &[Token],
        ups: &[&str],
        on: u32,
        explain: bool,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ups.len() {
            // An actor phrase starts with a capital ("US", not "us"; "Russian", not "russian
            // roulette"): the Phoenix files list common words among names (`US_` for the USA).
            let capital = toks[i]
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            let actor = if capital {
                self.actors.longest_match(&ups[i..])
            } else {
                None
            };
            let agent = self.agents.longest_match(&ups[i..]);
            let (len, code, agent, entry) = match (actor, agent) {
                (Some((e, n)), Some((_, m))) if n >= m => (
                    n,
                    e.code_on(on).map(str::to_string),
                    None,
                    explain.then(|| format!("{}:{}", e.file, e.line)),
                ),
                (_, Some((c, m))) => (m, None, Some(c.to_string()), None),
                (Some((e, n)), None) => (
                    n,
                    e.code_on(on).map(str::to_string),
                    None,
                    explain.then(|| format!("{}:{}", e.file, e.line)),
                ),
                (None, None) => {
                    i += 1;
                    continue;
                }
            };
            if code.is_none() && agent.is_none() {
                i += len;
                continue;
            }
            out.push(Mention {
                start: i,
                len,
                text: span_text(text, toks, i, i + len - 1),
                code,
                agent,
                entry,
            });
            i += len;
        }
        out
    }

    fn verb_candidates<'d>(
        &'d self,
        s: &Sentence<'_>,
        ups: &[&str],
        group_of: &[Option<usize>],
    ) -> Vec<(usize, &'d VerbForm)> {
        let mut out = Vec::new();
        for (i, t) in s.tokens.iter().enumerate() {
            if s.parsed {
                if t.upos != "VERB" {
                    continue;
                }
            } else if group_of[i].is_some()
                || i.checked_sub(1).is_some_and(|p| {
                    DETERMINERS.contains(&ups[p]) || self.is_preposition(ups[p]) && ups[p] != "TO"
                })
            {
                continue;
            }
            // A plural noun read as a verb: an -s word right after a modifier ("special
            // operations forces", "tactical exchanges", "Western allies") or a number.
            if !s.parsed
                && ups[i].ends_with('S')
                && !ups[i].ends_with("SS")
                && i.checked_sub(1).is_some_and(|p| {
                    let w = ups[p];
                    group_of[p].is_none()
                        && (w.bytes().all(|b| b.is_ascii_alphabetic())
                            || w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
                        && !w.ends_with("LY")
                        && !STOPWORDS.contains(&w)
                        && !matches!(
                            w,
                            "IT" | "HE"
                                | "SHE"
                                | "THEY"
                                | "WHO"
                                | "WHICH"
                                | "THAT"
                                | "ALSO"
                                | "NOW"
                                | "THEN"
                                | "STILL"
                                | "OFTEN"
                        )
                })
            {
                continue;
            }
            // "Russian forces", "Ukrainian forces": an -s word after a nationality adjective; and
            // "received training": an -ing word straight after a verb is its object.
            if !s.parsed
                && i.checked_sub(1).is_some_and(|p| {
                    (ups[i].ends_with('S')
                        && group_of[p].is_some()
                        && ["IAN", "EAN", "ESE", "ISH", "IC"]
                            .iter()
                            .any(|x| ups[p].ends_with(x)))
                        || (ups[i].ends_with("ING")
                            && out
                                .last()
                                .is_some_and(|(v, _): &(usize, &VerbForm)| *v == p))
                })
            {
                continue;
            }
            let mut forms = self.verbs.forms(ups[i]);
            if forms.is_empty() && s.parsed {
                forms = self.verbs.forms(t.lemma());
            }
            // A multi-word verb whose other words are there comes first; else the single word.
            let fits = |f: &VerbForm| {
                let b = f.before.len();
                i >= b
                    && f.before
                        .iter()
                        .enumerate()
                        .all(|(k, w)| ups[i - b + k] == w)
                    && f.after
                        .iter()
                        .enumerate()
                        .all(|(k, w)| ups.get(i + 1 + k).is_some_and(|u| u == w))
            };
            let best = forms
                .iter()
                .filter(|f| fits(f))
                .max_by_key(|f| (f.before.len() + f.after.len(), std::cmp::Reverse(f.line)));
            if let Some(f) = best {
                out.push((i, f));
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        s: &Sentence<'_>,
        groups: &[Group],
        from: usize,
        to: usize,
        code: &str,
        reverse: bool,
        v: usize,
        m: &Match,
        date: EventDate,
        quantity: Option<(Quantity, (usize, usize))>,
    ) -> CodedEvent {
        let toks = s.tokens;
        let span = |g: &Group| (toks[g.first].start, toks[g.last].end);
        let tspan = |(a, b): (usize, usize)| (toks[a].start, toks[b.max(a + 1) - 1].end);
        let (a, b) = (&groups[from], &groups[to]);
        let root = CameoCode::new(code)
            .map(|c| (c.root(), c.quad_class().number()))
            .unwrap_or((0, 0));
        CodedEvent {
            sentence: s.id.to_string(),
            date: date.date,
            ymd: date.ymd,
            date_from: date.from,
            source: a.code.clone(),
            source_country: country_of(&a.code).to_string(),
            source_text: a.text.clone(),
            target: b.code.clone(),
            target_country: country_of(&b.code).to_string(),
            target_text: b.text.clone(),
            code: code.to_string(),
            code_name: self.cameo.name(code).map(str::to_string),
            root: root.0,
            quad_class: root.1,
            goldstein: self.cameo.goldstein(code),
            quantity: quantity.as_ref().map(|q| q.0.clone()),
            verb: toks[v].text.clone(),
            verb_block: m.block.clone(),
            pattern: m.pattern.clone(),
            pattern_line: m.pattern_line,
            reverse,
            issues: Vec::new(),
            spans: Spans {
                source: span(a),
                verb: (toks[v].start, toks[v].end),
                target: span(b),
                date: date.span.map(tspan),
                quantity: quantity.map(|q| tspan(q.1)),
            },
        }
    }
}

struct EventDate {
    date: Option<String>,
    ymd: Option<u32>,
    from: &'static str,
    span: Option<(usize, usize)>,
}

const STOPWORDS: &[&str] = &[
    "AND", "OR", "BUT", "THAT", "WHICH", "WHO", "WHILE", "AS", "TO", "IN", "ON", "AT", "BY",
    "WITH", "FROM", "FOR", "AGAINST", "BETWEEN", "INTO", "OVER",
];

/// Mentions joined into actors: adjacent, or across `of`, `the`, `'s`. Agent-only phrases name no
/// actor and are dropped.
/// The sentence's text from token `a` to token `b`, as written.
fn span_text(text: &str, toks: &[Token], a: usize, b: usize) -> String {
    text.get(toks[a].start..toks[b].end)
        .filter(|t| !t.is_empty())
        .map_or_else(
            || {
                toks[a..=b]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            },
            str::to_string,
        )
}

fn groups(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    is_verb: impl Fn(&str) -> bool,
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut cur: Vec<&Mention> = Vec::new();
    let flush = |cur: &mut Vec<&Mention>, out: &mut Vec<Group>| {
        if cur.is_empty() {
            return;
        }
        let best = cur
            .iter()
            .filter_map(|m| m.code.as_deref())
            .max_by_key(|c| c.len());
        if let Some(base) = best {
            let mut code = base.to_string();
            if (country_of(base).len() == base.len() || base.len() <= 3)
                && let Some(a) = cur.iter().find_map(|m| m.agent.as_deref())
            {
                code = combine(base, a);
            }
            let first = cur[0].start;
            let last = cur[cur.len() - 1].start + cur[cur.len() - 1].len - 1;
            out.push(Group {
                first,
                last,
                code,
                text: span_text(text, toks, first, last),
            });
        }
        cur.clear();
    };
    for m in mentions {
        if let Some(prev) = cur.last() {
            let gap = &toks[prev.start + prev.len..m.start];
            // "North Korea's", "the President of Russia", and a title between a country and a
            // name: "North Korean leader Kim Jong Un" (lower-case nouns the verb dictionary does
            // not know, before a capitalised name).
            let joins = gap.len() <= 2
                && (gap
                    .iter()
                    .all(|t| matches!(t.up.as_str(), "OF" | "THE" | "'S"))
                    || (gap.iter().all(|t| {
                        t.text.chars().all(|c| c.is_lowercase())
                            && !is_verb(&t.up)
                            && !STOPWORDS.contains(&t.up.as_str())
                    }) && toks[m.start].text.starts_with(char::is_uppercase)));
            if !joins {
                flush(&mut cur, &mut out);
            }
        }
        cur.push(m);
    }
    flush(&mut cur, &mut out);
    out
}

/// Groups coordinated with `g` ("A, B and C"), in order, `g` included.
fn coordinated(ups: &[&str], groups: &[Group], g: usize) -> Vec<usize> {
    let joined = |a: &Group, b: &Group| {
        let gap = &ups[a.last + 1..b.first];
        !gap.is_empty()
            && gap.len() <= 3
            && gap.iter().any(|w| matches!(*w, "AND" | "," | "OR"))
            && gap.iter().all(|w| matches!(*w, "AND" | "," | "OR" | "THE"))
    };
    let mut lo = g;
    while lo > 0 && joined(&groups[lo - 1], &groups[lo]) {
        lo -= 1;
    }
    let mut hi = g;
    while hi + 1 < groups.len() && joined(&groups[hi], &groups[hi + 1]) {
        hi += 1;
    }
    (lo..=hi).collect()
}

/// Whether the words between verb `v` and the infinitive at `n` leave `n` governed by `v` ("agreed
/// to resign", "is ready to contribute"): nothing but adverbs and adjectives between, no clause word.
fn infinitive_chain(ups: &[&str], v: usize, n: usize) -> bool {
    n - v <= 4
        && ups
            .get(v + 1..n.saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .all(|w| {
                w.bytes().all(|b| b.is_ascii_alphabetic())
                    && !matches!(*w, "AND" | "BUT" | "THAT" | "WHICH")
            })
}

fn plain_roles(
    ups: &[&str],
    v: usize,
    (prev_verb, next_verb): (Option<usize>, Option<usize>),
    groups: &[Group],
    group_of: &[Option<usize>],
    sources_of: &[(usize, Vec<usize>)],
    is_prep: &dyn Fn(&str) -> bool,
) -> (Vec<usize>, Vec<usize>, bool) {
    let negated = (v.saturating_sub(3)..v).any(|i| NEGATIONS.contains(&ups[i]));
    // The clause: from the previous verb or clause word (`that`, `which`, `;`) to the next verb.
    let marker = |w: &str| matches!(w, ";" | "THAT" | "WHICH" | "WHILE" | "WHEREAS" | "BUT");
    let lo = (0..v)
        .rev()
        .find(|&i| marker(ups[i]))
        .map_or(0, |i| i + 1)
        .max(prev_verb.map_or(0, |p| p + 1));
    // An infinitive after the verb continues its clause ("promised to continue military aid to
    // Mozambique"): the target may lie beyond it.
    let hi = next_verb
        .filter(|&n| !(n > 0 && ups[n - 1] == "TO" && infinitive_chain(ups, v, n)))
        .unwrap_or(ups.len())
        .min(
            (v + 1..ups.len())
                .find(|&i| marker(ups[i]))
                .unwrap_or(ups.len()),
        );
    // Governed by a preposition: the group, or the first of those coordinated with it
    // ("between Moscow and Pyongyang").
    let governed = |g: usize| {
        let first = coordinated(ups, groups, g)[0];
        let at = groups[first].first;
        at > 0 && is_prep(ups[at - 1])
    };
    // A place right after the verb ("met in Moscow", "convened in Pyongyang") is where, not whom;
    // after an object ("attacked civilian targets in Ukraine") it is the target, as CAMEO codes it.
    let located = |g: usize| {
        let at = groups[coordinated(ups, groups, g)[0]].first;
        at > 0
            && at - 1 <= v + 2
            && matches!(
                ups[at - 1],
                "IN" | "AT" | "NEAR" | "INSIDE" | "OUTSIDE" | "ALONG" | "ACROSS" | "THROUGHOUT"
            )
    };
    // The subject: the nearest actor before the verb in its clause, not a prepositional object.
    let subject = (0..groups.len())
        .rev()
        .find(|&g| groups[g].last < v && groups[g].first >= lo && !governed(g));
    // The target: the first actor after the verb that is not a place ("in Pyongyang").
    let after =
        (0..groups.len()).find(|&g| groups[g].first > v && groups[g].first < hi && !located(g));
    let passive = v > 0
        && (v.saturating_sub(3)..v).any(|i| BE.contains(&ups[i]))
        && (ups[v].ends_with("ED") || ups[v].ends_with("EN"));
    if passive {
        let by = (v + 1..hi.min(ups.len()))
            .find(|&i| ups[i] == "BY")
            .and_then(|i| group_of.get(i + 1).copied().flatten());
        let src = by.map(|g| coordinated(ups, groups, g)).unwrap_or_default();
        let tgt = subject
            .map(|g| coordinated(ups, groups, g))
            .unwrap_or_default();
        return (src, tgt, negated);
    }
    let mut src = subject
        .map(|g| coordinated(ups, groups, g))
        .unwrap_or_default();
    if src.is_empty()
        && v > 0
        && ups[v - 1] == "TO"
        && let Some((_, s)) = sources_of.last()
    {
        src = s.clone();
    }
    let tgt = after
        .map(|g| coordinated(ups, groups, g))
        .unwrap_or_default()
        .into_iter()
        .filter(|g| !src.contains(g))
        .collect();
    (src, tgt, negated)
}

fn parsed_roles(
    toks: &[Token],
    v: usize,
    group_of: &[Option<usize>],
) -> (Vec<usize>, Vec<usize>, bool) {
    let n = toks.len();
    let children = |h: usize| (0..n).filter(move |&i| toks[i].head == h + 1);
    let rel = |i: usize| toks[i].deprel.as_str();
    let negated = children(v).any(|c| {
        rel(c) == "neg"
            || (rel(c) == "advmod" && matches!(toks[c].lemma(), "NOT" | "NEVER" | "N'T"))
    });
    // The actor of a noun: the group holding it, else one inside its subtree (nearest the noun).
    let actor_of = |noun: usize| -> Option<usize> {
        if let Some(g) = group_of[noun] {
            return Some(g);
        }
        // `seen` guards against a malformed parse whose heads form a cycle.
        let mut seen = vec![false; n];
        let mut stack = vec![noun];
        let mut best: Option<(usize, usize)> = None;
        while let Some(x) = stack.pop() {
            if std::mem::replace(&mut seen[x], true) {
                continue;
            }
            if let Some(g) = group_of[x] {
                let d = x.abs_diff(noun);
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((g, d));
                }
            }
            stack.extend(children(x).filter(|&c| {
                !matches!(
                    rel(c),
                    "conj" | "cc" | "punct" | "acl" | "acl:relcl" | "relcl" | "advcl" | "appos"
                )
            }));
        }
        best.map(|(g, _)| g)
    };
    let with_conj = |noun: usize| -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen = vec![false; n];
        let mut stack = vec![noun];
        while let Some(x) = stack.pop() {
            if std::mem::replace(&mut seen[x], true) {
                continue;
            }
            if let Some(g) = actor_of(x)
                && !out.contains(&g)
            {
                out.push(g);
            }
            stack.extend(children(x).filter(|&c| rel(c) == "conj"));
        }
        out.sort_unstable();
        out
    };
    let is_subj = |r: &str| r.starts_with("nsubj") || r.starts_with("csubj");
    let passive =
        children(v).any(|c| matches!(rel(c), "nsubj:pass" | "nsubjpass" | "aux:pass" | "auxpass"));
    // The subject, inherited up a chain of xcomp/advcl/conj verbs.
    let mut at = v;
    let mut subject = None;
    for _ in 0..4 {
        subject = children(at).find(|&c| is_subj(rel(c)));
        if subject.is_some()
            || !matches!(rel(at), "xcomp" | "advcl" | "conj" | "ccomp")
            || toks[at].head == 0
        {
            break;
        }
        at = toks[at].head - 1;
    }
    let prep_objects = |h: usize| -> Vec<usize> {
        let mut out = Vec::new();
        for c in children(h) {
            match rel(c) {
                r if r.starts_with("obl") || r.starts_with("nmod") => out.push(c),
                "prep" | "agent" => out.extend(children(c).filter(|&g| rel(g) == "pobj")),
                _ => {}
            }
        }
        out
    };
    let agent_noun = children(v).find_map(|c| match rel(c) {
        "obl:agent" => Some(c),
        "agent" => children(c).find(|&g| rel(g) == "pobj"),
        "obl" if children(c).any(|g| toks[g].up == "BY") && passive => Some(c),
        _ => None,
    });
    let object = children(v).find(|&c| matches!(rel(c), "obj" | "dobj" | "iobj" | "dative"));
    let subj_actors = subject.map(with_conj).unwrap_or_default();
    if passive {
        let src = agent_noun.map(with_conj).unwrap_or_default();
        return (src, subj_actors, negated);
    }
    let mut tgt = object.map(with_conj).unwrap_or_default();
    if tgt.is_empty() {
        // The first actor in a prepositional phrase of the verb or of its object.
        let mut ps = prep_objects(v);
        if let Some(o) = object {
            ps.extend(prep_objects(o));
        }
        ps.sort_unstable();
        if let Some(g) = ps
            .into_iter()
            .find_map(|p| actor_of(p).map(|_| with_conj(p)))
        {
            tgt = g;
        }
    }
    tgt.retain(|g| !subj_actors.contains(g));
    (subj_actors, tgt, negated)
}
