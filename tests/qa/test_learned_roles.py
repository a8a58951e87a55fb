"""A short-answer candidate's role for the question's words (real spaCy parse, lemmas on)."""

from __future__ import annotations

import pytest

from qa.learned.roles import ROLE_FEATURES, question_frame, related, role_row
from qa.spacy_nlp import parse

SOLAR = (
    "The Greenfield Valley solar farm began sending electricity to the regional grid on Monday, "
    "its operator, Sunmere Energy, announced."
)
ISIK = (
    "Turkey has been working on the road map, Turkish Defense Minister Fikri Isik said while "
    "addressing parliament."
)


def _row(sentence: str, candidate: str, question: str) -> dict[str, float]:
    doc = parse(sentence)
    start = sentence.index(candidate)
    span = doc.char_span(start, start + len(candidate))
    assert span is not None, candidate
    return dict(zip(ROLE_FEATURES, role_row(span, question_frame(question)), strict=True))


@pytest.mark.parametrize(
    ("question", "subject", "obj"),
    [
        ("Which company operates the solar farm?", True, False),
        ("Who killed the ambassador?", True, False),
        ("Who was killed in Ankara?", False, True),  # a passive asks for the object
        ("Whom was Fikri Isik addressing?", False, True),
        ("How many robots were bought?", False, False),
    ],
)
def test_the_question_word_order_says_which_role_is_asked(
    question: str, subject: bool, obj: bool
) -> None:
    frame = question_frame(question)
    assert (frame.asks_subject, frame.asks_object) == (subject, obj)


def test_the_object_of_the_question_verb_is_told_from_a_title_before_a_name() -> None:
    question = "Whom was Fikri Isik addressing when he spoke about the Syrian crisis?"
    parliament = _row(ISIK, "parliament", question)
    title = _row(ISIK, "Turkish Defense Minister", question)
    assert parliament["gov_q_verb"] == parliament["role_obj"] == 1.0
    assert title["gov_q_verb"] == title["role_obj"] == 0.0


def test_an_irregular_verb_meets_the_question_through_its_lemma() -> None:
    sentence = "On December 20, a meeting between Turkey, Russia and Iran took place in Moscow."
    question = "Where did the trilateral meeting take place?"
    moscow = _row(sentence, "Moscow", question)
    iran = _row(sentence, "Iran", question)  # a conjunct hangs where "Turkey" does
    assert (moscow["gov_q_verb"], moscow["role_prep"]) == (1.0, 1.0)
    assert (iran["gov_q_verb"], iran["gov_q_word"], iran["role_prep"]) == (0.0, 1.0, 1.0)


def test_an_appositive_of_a_word_made_from_the_question_verb() -> None:
    question = "Which company operates the solar farm?"
    assert _row(SOLAR, "Sunmere Energy", question)["role_appos"] == 1.0
    assert _row(SOLAR, "Greenfield Valley", question)["role_appos"] == 0.0


def test_no_role_counts_when_the_governor_is_no_question_word() -> None:
    row = _row(ISIK, "parliament", "Who praised the road map?")
    assert [row[f] for f in ("gov_q_verb", "gov_q_word", "role_obj")] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("take", "take", True), ("operator", "operate", True), ("state", "station", False)],
)
def test_related_words(a: str, b: str, same: bool) -> None:
    assert related(a, b) is same
