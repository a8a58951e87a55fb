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


def analysis(doc: Any) -> list[tuple[str, str, str, int, str]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]


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
