//! Each feature of the dictionaries and the coder, on a small dictionary written here in the
//! PETRARCH formats (after the examples in PETRARCH's dictionary documentation and TABARI's manual,
//! ch. 5: synsets with generated plurals, verb blocks with irregular forms, patterns with noun
//! phrases, prepositional phrases and target markers, reverse codes, agents, dated roles, discards)
//! and hand-written sentences, plain and parsed (CoNLL-U in both Universal Dependencies' labels and
//! spaCy's).

use entente_coder::code::{CodedEvent, Dictionaries};
use entente_coder::dict::{Actors, Agents, Discards, Phrase};
use entente_coder::input::{self, Format};
use entente_coder::verbs::Verbs;

const ACTORS: &str = "\
RUSSIA_ [RUS]
+RUSSIAN_
+MOSCOW_
UKRAINE_ [UKR]
+UKRAINIAN_
+KYIV_
JAPAN_ [JPN]
+TOKYO_
NORTH_KOREA_ [PRK]
+NORTH_KOREAN_
+PYONGYANG_
UNITED_NATIONS_ [IGOUNO]
UNITED_STATES_ [USA]
+US_
VLADIMIR_PUTIN_
+PUTIN_
\t[RUSELI 700101-991231]
\t[RUSGOV >20000507]
";

const AGENTS: &str = "\
!PERSON! = MAN, MEN, WOMAN, WOMEN
TROOP [~MIL]
FOREIGN_MINISTER [~GOV]
POLICE!PERSON! [~COP]
HUMAN_RIGHTS_GROUP [NGO~]
";

const VERBS: &str = "\
&CURRENCY
+DOLLAR
+EURO
+YEN_

&WEAPON
+MISSILE
+ARTILLERY_SHELL

---  GRANT   [070]  ---
GRANT
GIVE {GIVES GAVE GIVEN GIVING}
- * &CURRENCY                 [071]
- * &WEAPON (TO +)            [072]

---  ATTACK   [190]  ---
ATTACK
SHELL
- * {CIVILIAN TARGETS}        [1823]

---  VISIT   [042:043]  ---
VISIT
- * (FOR TALKS)               [046:046]

---  MEET   [040]  ---
MEET {MEETS MET MEETING}

---  ACCUSE   [112]  ---
ACCUSE
";

fn dictionaries() -> Dictionaries {
    let mut d = Dictionaries::default();
    let mut actors = Actors::default();
    assert!(actors.read_text("test.actors.txt", ACTORS).is_empty());
    d.actors = actors;
    let (agents, e) = Agents::read_text("test.agents.txt", AGENTS);
    assert!(e.is_empty(), "{e:?}");
    d.agents = agents;
    let (verbs, e) = Verbs::read_text("test.verbs.txt", VERBS);
    assert!(e.is_empty(), "{e:?}");
    d.verbs = verbs;
    d.discards = Discards::new(vec![Phrase::parse("WORLD_CUP").unwrap()]);
    d
}

fn plain(d: &Dictionaries, text: &str, date: u32) -> Vec<CodedEvent> {
    let mut out = Vec::new();
    input::read("t", Format::Text, text, Some(date), |r| {
        out.extend(entente_coder::code_record(d, &r, false).events)
    });
    out
}

fn dyads(events: &[CodedEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| format!("{}>{} {}", e.source, e.target, e.code))
        .collect()
}

const D: u32 = 20240601;

#[test]
fn a_verb_alone_takes_its_block_code_and_irregular_forms_are_known() {
    let d = dictionaries();
    assert_eq!(
        dyads(&plain(&d, "Russia attacked Ukraine.", D)),
        ["RUS>UKR 190"]
    );
    assert_eq!(
        dyads(&plain(&d, "Japan gave Ukraine aid.", D)),
        ["JPN>UKR 070"]
    );
    // GIVE's forms are the ones given in braces: GIVED is not a form.
    assert!(plain(&d, "Japan gived Ukraine aid.", D).is_empty());
}

#[test]
fn patterns_synsets_plurals_phrases_and_prepositions() {
    let d = dictionaries();
    // A synset member, and its generated plural.
    assert_eq!(
        dyads(&plain(&d, "Japan gave Ukraine 5 million dollars.", D)),
        ["JPN>UKR 071"]
    );
    assert_eq!(
        dyads(&plain(&d, "Japan gave Ukraine a euro.", D)),
        ["JPN>UKR 071"]
    );
    // `YEN_` ends in `_`: no plural is generated ("YENS" is not a member).
    assert_eq!(
        dyads(&plain(&d, "Japan gave Ukraine yens.", D)),
        ["JPN>UKR 070"]
    );
    // A two-word member; `(TO +)` names the target in the prepositional phrase.
    assert_eq!(
        dyads(&plain(
            &d,
            "Russia gave artillery shells to North Korea.",
            D
        )),
        ["RUS>PRK 072"]
    );
    // A noun phrase `{CIVILIAN TARGETS}`: its words in order.
    assert_eq!(
        dyads(&plain(
            &d,
            "Russia attacked civilian targets in Ukraine.",
            D
        ))[0],
        "RUS>UKR 1823"
    );
}

#[test]
fn reverse_codes_and_compound_actors() {
    let d = dictionaries();
    // [042:043]: the visitor makes a visit, the host hosts one; (FOR TALKS) is [046:046].
    assert_eq!(
        dyads(&plain(&d, "Putin visited Pyongyang.", D)),
        ["RUSGOV>PRK 042", "PRK>RUSGOV 043"]
    );
    assert_eq!(
        dyads(&plain(&d, "Putin visited Pyongyang for talks.", D)),
        ["RUSGOV>PRK 046", "PRK>RUSGOV 046"]
    );
    // A compound object: each is a target.
    assert_eq!(
        dyads(&plain(&d, "Russia attacked Ukraine and Japan.", D)),
        ["RUS>UKR 190", "RUS>JPN 190"]
    );
    // A compound subject with no object: each toward the other.
    assert_eq!(
        dyads(&plain(&d, "Russia and North Korea met in Moscow.", D)),
        ["RUS>PRK 040", "PRK>RUS 040"]
    );
}

#[test]
fn agents_join_their_country_and_substitution_sets_expand() {
    let d = dictionaries();
    assert_eq!(
        dyads(&plain(&d, "Russian troops attacked Ukraine.", D)),
        ["RUSMIL>UKR 190"]
    );
    assert_eq!(
        dyads(&plain(
            &d,
            "The foreign minister of Japan accused Russia.",
            D
        )),
        ["JPNGOV>RUS 112"]
    );
    assert_eq!(
        dyads(&plain(&d, "Ukrainian policemen accused Russia.", D)),
        ["UKRCOP>RUS 112"]
    );
    // `NGO~` goes in front.
    assert_eq!(
        dyads(&plain(&d, "A Japan human rights group accused Russia.", D)),
        ["NGOJPN>RUS 112"]
    );
}

#[test]
fn a_leader_is_coded_to_his_government_only_while_in_office() {
    let d = dictionaries();
    assert_eq!(
        dyads(&plain(&d, "Putin accused Ukraine.", 20240601)),
        ["RUSGOV>UKR 112"]
    );
    assert_eq!(
        dyads(&plain(&d, "Putin accused Ukraine.", 19950601)),
        ["RUSELI>UKR 112"]
    );
    // The sentence's own date decides, not the document's.
    assert_eq!(
        dyads(&plain(
            &d,
            "In March 1995, Putin accused Ukraine.",
            20240601
        )),
        ["RUSELI>UKR 112"]
    );
}

#[test]
fn passives_negation_discards_and_dates() {
    let d = dictionaries();
    assert_eq!(
        dyads(&plain(&d, "Ukraine was attacked by Russia.", D)),
        ["RUS>UKR 190"]
    );
    assert!(plain(&d, "Russia did not attack Ukraine.", D).is_empty());
    assert!(plain(&d, "Russia never attacked Ukraine.", D).is_empty());
    assert!(plain(&d, "Japan attacked Russia in the World Cup semi-final.", D).is_empty());
    // A lower-case "us" is the pronoun, not an actor (the Phoenix files list `US_` for the USA).
    assert!(plain(&d, "Russia attacked us.", D).is_empty());
    assert_eq!(
        dyads(&plain(&d, "Russia attacked US forces.", D)),
        ["RUS>USA 190"]
    );
    let e = plain(&d, "Last week Russia attacked Ukraine.", 20240605);
    assert_eq!(
        (e[0].date.as_deref(), e[0].date_from),
        (Some("about 2024-05-29"), "sentence")
    );
    let e = plain(&d, "Russia attacked Ukraine.", 20240605);
    assert_eq!(
        (e[0].date.as_deref(), e[0].date_from),
        (Some("2024-06-05"), "document")
    );
}

#[test]
fn quantities_and_evidence_spans() {
    let d = dictionaries();
    let text = "Russia gave approximately 1,500 missiles to North Korea.";
    let e = &plain(&d, text, D)[0];
    assert_eq!(
        e.quantity.as_ref().map(|q| q.to_string()).as_deref(),
        Some("about 1,500 missiles")
    );
    let span = |(a, b): (usize, usize)| &text[a..b];
    assert_eq!(
        (
            span(e.spans.source),
            span(e.spans.verb),
            span(e.spans.target)
        ),
        ("Russia", "gave", "North Korea")
    );
    assert_eq!(
        e.spans.quantity.map(span),
        Some("approximately 1,500 missiles")
    );
}

/// The same sentences parsed: UD v2 labels (obj, obl + case, nsubj:pass, obl:agent) and spaCy's
/// (dobj, prep/pobj, nsubjpass, agent, neg).
fn parsed(d: &Dictionaries, conllu: &str) -> Vec<String> {
    let mut out = Vec::new();
    let rejects = input::read("t", Format::Conllu, conllu, Some(D), |r| {
        out.extend(entente_coder::code_record(d, &r, false).events)
    });
    assert!(rejects.is_empty(), "{rejects:?}");
    dyads(&out)
}

fn rows(rows: &[(&str, &str, &str, usize, &str)]) -> String {
    let mut s = String::new();
    for (i, (form, lemma, upos, head, rel)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "{}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{rel}\t_\t_\n",
            i + 1
        ));
    }
    s.push('\n');
    s
}

#[test]
fn dependency_trees_give_subject_object_passive_and_negation() {
    let d = dictionaries();
    // UD: "Ukraine was attacked by Russia" — nsubj:pass, obl:agent.
    let ud_passive = rows(&[
        ("Ukraine", "Ukraine", "PROPN", 3, "nsubj:pass"),
        ("was", "be", "AUX", 3, "aux:pass"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("by", "by", "ADP", 5, "case"),
        ("Russia", "Russia", "PROPN", 3, "obl:agent"),
    ]);
    assert_eq!(parsed(&d, &ud_passive), ["RUS>UKR 190"]);
    // spaCy: the same with nsubjpass/auxpass/agent/pobj.
    let sp_passive = rows(&[
        ("Ukraine", "Ukraine", "PROPN", 3, "nsubjpass"),
        ("was", "be", "AUX", 3, "auxpass"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("by", "by", "ADP", 3, "agent"),
        ("Russia", "Russia", "PROPN", 4, "pobj"),
    ]);
    assert_eq!(parsed(&d, &sp_passive), ["RUS>UKR 190"]);
    // spaCy negation: "Russia did not attack Ukraine".
    let neg = rows(&[
        ("Russia", "Russia", "PROPN", 4, "nsubj"),
        ("did", "do", "AUX", 4, "aux"),
        ("not", "not", "PART", 4, "neg"),
        ("attack", "attack", "VERB", 0, "root"),
        ("Ukraine", "Ukraine", "PROPN", 4, "dobj"),
    ]);
    assert!(parsed(&d, &neg).is_empty());
    // UD: "Russia gave missiles to North Korea": the target in obl with case "to".
    let ud_obl = rows(&[
        ("Russia", "Russia", "PROPN", 2, "nsubj"),
        ("gave", "give", "VERB", 0, "root"),
        ("missiles", "missile", "NOUN", 2, "obj"),
        ("to", "to", "ADP", 6, "case"),
        ("North", "North", "PROPN", 6, "compound"),
        ("Korea", "Korea", "PROPN", 2, "obl"),
    ]);
    assert_eq!(parsed(&d, &ud_obl), ["RUS>PRK 072"]);
    // Coordinated subjects (conj) each act; the subject of "met" passes to "to sign"-like xcomp.
    let conj = rows(&[
        ("Russia", "Russia", "PROPN", 4, "nsubj"),
        ("and", "and", "CCONJ", 3, "cc"),
        ("Japan", "Japan", "PROPN", 1, "conj"),
        ("attacked", "attack", "VERB", 0, "root"),
        ("Ukraine", "Ukraine", "PROPN", 4, "obj"),
    ]);
    assert_eq!(parsed(&d, &conj), ["RUS>UKR 190", "JPN>UKR 190"]);
    let xcomp = rows(&[
        ("Russia", "Russia", "PROPN", 2, "nsubj"),
        ("decided", "decide", "VERB", 0, "root"),
        ("to", "to", "PART", 4, "mark"),
        ("attack", "attack", "VERB", 2, "xcomp"),
        ("Ukraine", "Ukraine", "PROPN", 4, "obj"),
    ]);
    assert_eq!(parsed(&d, &xcomp), ["RUS>UKR 190"]);
    // The tree decides what the plain path cannot: "shell" is a verb only where the parser says so.
    let noun = rows(&[
        ("The", "the", "DET", 2, "det"),
        ("shell", "shell", "NOUN", 3, "nsubj"),
        ("hit", "hit", "VERB", 0, "root"),
        ("Ukraine", "Ukraine", "PROPN", 3, "obj"),
    ]);
    assert!(parsed(&d, &noun).is_empty());
}

/// A malformed parse whose heads form a cycle (the verb's head is its own object) ends; it found
/// an endless walk once.
#[test]
fn a_cycle_in_the_heads_does_not_hang() {
    let d = dictionaries();
    let cyc = rows(&[
        ("Russia", "Russia", "PROPN", 2, "nsubj"),
        ("attacked", "attack", "VERB", 3, "dep"),
        ("positions", "position", "NOUN", 2, "obj"),
    ]);
    assert!(parsed(&d, &cyc).is_empty());
}
