from __future__ import annotations

import doctest

import pytest

import qa.acronym
from qa.acronym import asked_abbreviation, expansion_in
from qa.extractive import extract_answer
from qa.types import Passage


def test_doctests() -> None:
    assert doctest.testmod(qa.acronym).failed == 0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does ICRC stand for?", "ICRC"),
        ("what is the abbreviation 'U.N.' short for?", "UN"),
        ("What did SARC stand for in the report?", "SARC"),
        ("Where is the ICRC based?", None),
    ],
)
def test_asked_abbreviation(question: str, expected: str | None) -> None:
    assert asked_abbreviation(question) == expected


def test_capitals_must_spell_the_abbreviation() -> None:
    text = "Talks with Red Cross officials (ICRC) and the Syrian Arab Red Crescent (SARC) went on."
    assert expansion_in(text, "ICRC") is None
    s, e = expansion_in(text, "SARC") or (0, 0)
    assert text[s:e] == "Syrian Arab Red Crescent"


def test_extractive_answers_from_the_spelled_out_form() -> None:
    article = (
        "Aid groups met on Monday. Staff of the World Food Programme (WFP) delivered flour. "
        "The WFP said more trucks would follow."
    )
    p = Passage("c0", "d", "s.txt", "Aid", article, 0, len(article))
    a = extract_answer("What does WFP stand for?", [p])
    assert a.supported and a.short == "World Food Programme"
    c = a.citations[0]
    assert article[c.start : c.end] == c.quote and "(WFP)" in c.quote
