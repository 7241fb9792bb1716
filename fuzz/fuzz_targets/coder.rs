//! The coder on hostile input: any bytes as a document in each input format (plain text, JSON
//! lines, CoNLL-U, PETRARCH-2 XML) coded with a small dictionary, and as each dictionary format.
//! Never a panic; every event's evidence spans lie inside its sentence. The first byte picks.
#![no_main]
use entente_coder::code::Dictionaries;
use entente_coder::input::{self, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn dictionaries() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| {
        let mut d = Dictionaries::default();
        d.actors.read_text("a.txt", "RUSSIA_ [RUS]\n+RUSSIAN_\nUKRAINE_ [UKR]\nPUTIN_\n\t[RUSGOV >20000507]\n");
        d.agents = entente_coder::dict::Agents::read_text("g.txt", "TROOP [~MIL]\n").0;
        d.verbs = entente_coder::verbs::Verbs::read_text(
            "v.txt",
            "&W\n+MISSILE\n---  ATTACK  [190]  ---\nATTACK\n- * &W (TO +)  [195]\n---  VISIT  [042:043]  ---\nVISIT\n",
        )
        .0;
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(body);
    match which % 6 {
        k @ 0..=3 => {
            let format = [Format::Text, Format::Jsonl, Format::Conllu, Format::PetrarchXml][usize::from(k)];
            let d = dictionaries();
            let _ = input::read("fuzz", format, &text, Some(20240101), |r| {
                let ex = entente_coder::code_record(d, &r, true);
                for e in &ex.events {
                    for (a, b) in [e.spans.source, e.spans.verb, e.spans.target] {
                        assert!(a <= b && b <= r.text.len(), "{a}..{b} outside {}", r.text.len());
                    }
                }
            });
        }
        4 => {
            let mut a = entente_coder::dict::Actors::default();
            let _ = a.read_text("f.txt", &text);
            let _ = entente_coder::dict::Agents::read_text("f.txt", &text);
        }
        _ => {
            let _ = entente_coder::verbs::Verbs::read_text("f.txt", &text);
        }
    }
});
