"""The rule-based sentence splitter: offsets, abbreviations, paragraph breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_on_terminal_punctuation() -> None:
    assert texts("It rained. Then it stopped! Did it? Yes.") == [
        "It rained.",
        "Then it stopped!",
        "Did it?",
        "Yes.",
    ]


def test_keeps_abbreviations_initials_and_numbers_together() -> None:
    text = "Dr. Smith met Mr. J. R. Jones in the U.S. capital at 3.5 p.m. on Monday. He left."
    assert texts(text) == [
        "Dr. Smith met Mr. J. R. Jones in the U.S. capital at 3.5 p.m. on Monday.",
        "He left.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    assert texts('He said "we won." The crowd cheered.') == [
        'He said "we won."',
        "The crowd cheered.",
    ]


def test_paragraph_breaks_end_sentences() -> None:
    assert texts("A headline without a period\n\nThe body starts here. It ends.") == [
        "A headline without a period",
        "The body starts here.",
        "It ends.",
    ]


def test_lower_case_after_period_does_not_split() -> None:
    assert texts("Version 2. of the plan was e.g. good. Next.") == [
        "Version 2. of the plan was e.g. good.",
        "Next.",
    ]


@given(st.text(alphabet=st.sampled_from(list('ab .!?\n"A1')), max_size=80))
def test_spans_are_stripped_ordered_and_cover_all_words(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip()
        last = s.end
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "").replace("\n", "") == "".join(text.split())
