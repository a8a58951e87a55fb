"""Example questions are made from the stored articles and offered only when citeqa answers them
confidently and correctly, citing the sentence they came from."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import pytest

import ui.examples
from qa.types import Answer, Citation
from ui.examples import MAX_EXAMPLES, Example, candidates, confirms, make_examples

pytestmark = pytest.mark.timeout(300)


def _answer_with(store: Any) -> Any:
    from qa import answer

    return lambda q: answer(q, store=store)


def test_docstring_example() -> None:
    assert doctest.testmod(ui.examples).failed == 0


@pytest.mark.parametrize(
    ("sentence", "question", "fact"),
    [
        ("The dam at Lake Varn was built in 1952.", "When was the dam at Lake Varn built?", "1952"),
        (
            "The council bought the land for $450,000 in May.",
            "How much did the council buy the land in May?",
            "450,000",
        ),
        (
            "OSLO, 3 May — Mayor Petra Lund opened the tram line in 2030.",
            "Who opened the tram line in 2030?",
            "Petra Lund",
        ),
    ],
)
def test_rules_make_questions_from_a_sentence(sentence: str, question: str, fact: str) -> None:
    got = {(c.question, c.fact) for c in candidates(sentence)}
    assert (question, fact) in got


def test_no_question_from_a_sentence_without_a_fact() -> None:
    assert candidates("Cats are nice animals and dogs bark loudly at night.") == []


def test_examples_come_from_the_store_and_are_answered_from_their_sentence(store: Any) -> None:
    ask = _answer_with(store)
    got = make_examples(store, ask)
    assert 1 <= len(got) <= MAX_EXAMPLES
    texts = {d.doc_id: store.document_text(d.doc_id).lower() for d in store.documents()}
    for q in got:
        a = ask(q)
        assert a.supported and a.confidence >= ui.examples.MIN_CONFIDENCE, q
        # the question's content words (stems) come from one stored article
        words = [w.lower()[:5] for w in q.rstrip("?").split()[2:] if len(w) > 4]
        assert any(all(w in t for w in words) for t in texts.values()), q


def test_no_examples_when_nothing_qualifies(tmp_path: Path) -> None:
    from ingest import ingest, open_store

    shelf = open_store(tmp_path / "store", create=True)
    assert make_examples(shelf, _answer_with(shelf)) == []
    (tmp_path / "a.txt").write_text(
        "Thoughts on gardens\n\nGardens are pleasant places. People like to sit in them quietly.\n"
    )
    ingest([str(tmp_path / "a.txt")], store=shelf)
    assert make_examples(shelf, _answer_with(shelf)) == []


def _cite(doc: str, start: int, end: int) -> Citation:
    return Citation(1, doc, "a.txt", "T", "q", start, end, 1.0)


def test_confirms_needs_confidence_the_fact_and_the_same_sentence() -> None:
    ex = Example("When was it built?", "1952", "d1", 100, 160)
    good = Answer(
        "q", "1952 [1]", True, short="1952", citations=[_cite("d1", 90, 130)], confidence=0.9
    )
    assert confirms(good, ex)
    elsewhere = Answer(
        "q", "1952 [1]", True, short="1952", citations=[_cite("d1", 200, 260)], confidence=0.9
    )
    other_doc = Answer(
        "q", "1952 [1]", True, short="1952", citations=[_cite("d2", 100, 160)], confidence=0.9
    )
    wrong = Answer(
        "q", "1953 [1]", True, short="1953", citations=[_cite("d1", 100, 160)], confidence=0.9
    )
    unsure = Answer(
        "q", "1952 [1]", True, short="1952", citations=[_cite("d1", 100, 160)], confidence=0.1
    )
    declined = Answer("q", "no", False, confidence=0.9)
    for a in (elsewhere, other_doc, wrong, unsure, declined):
        assert not confirms(a, ex)
