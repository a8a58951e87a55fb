"""How an answer reads in the terminal: the three states of an answer look different."""

from __future__ import annotations

from rich.console import Console

from citeqa.cli.render import print_answer
from qa.types import Answer, Citation

CITE = Citation(1, "d1", "bridge.txt", "Bridge reopens", "It cost 42 million.", 0, 19, 0.8)
NEAR = Citation(1, "d1", "bridge.txt", "Bridge reopens", "It reopened in May.", 20, 39, 0.3)


def _printed(answer: Answer) -> str:
    console = Console(record=True, width=120)
    print_answer(console, answer)
    return console.export_text()


def test_supported_answer_prints_text_and_sources_without_a_warning() -> None:
    out = _printed(Answer("q?", "42 million [1]", True, citations=[CITE], confidence=0.3))
    assert "42 million [1]" in out and "Sources" in out and "[1] Bridge reopens" in out
    assert "Low confidence" not in out and "Closest passages" not in out


def test_unverified_answer_is_flagged_and_keeps_its_sources() -> None:
    out = _printed(Answer("q?", "42 million [1]", False, citations=[CITE], confidence=0.62))
    assert out.index("Low confidence (62%)") < out.index("42 million [1]")
    assert "Sources" in out and "Closest passages" not in out


def test_unverified_answer_lists_passages_to_check_bulleted_after_its_sources() -> None:
    unsure = Answer("q?", "42 million [1]", False, citations=[CITE], closest=[NEAR], confidence=0.4)
    out = _printed(unsure)
    assert out.index("Sources") < out.index("Other passages to check")
    assert "• Bridge reopens" in out and "It reopened in May." in out
    sure = _printed(Answer("q?", "42 million [1]", True, citations=[CITE], closest=[NEAR]))
    assert "Other passages" not in sure and "It reopened in May." not in sure


def test_declined_answer_lists_closest_passages_not_sources() -> None:
    declined = Answer("q?", "The articles don't answer this.", False, closest=[NEAR])
    out = _printed(declined)
    assert "Closest passages" in out and "It reopened in May." in out
    assert "Sources" not in out and "Low confidence" not in out


def test_the_short_answer_an_answer_leads_with_is_bold_and_a_quote_alone_has_none() -> None:
    led = Answer("q?", "42 million — “It cost 42 million.” [1]", True, short="42 million")
    quote = Answer("q?", "“It cost 42 million.” [1]", True, short="42 million")
    for answer, bold in ((led, True), (quote, False)):
        console = Console(record=True, width=120, force_terminal=True, highlight=False)
        print_answer(console, answer)
        styled = console.export_text(styles=True, clear=False)
        assert ("\x1b[1m42 million\x1b[0m — “It cost" in styled) == bold, styled
        assert answer.text in console.export_text()


def test_a_quote_that_ends_in_its_own_closing_mark_is_not_closed_twice() -> None:
    said = "It is aimed at preventing a corridor,” Isik said.”"
    cite = Citation(1, "d1", "syria.txt", "Turkey and Russia", said, 0, len(said), 0.6)
    answer = Answer("q?", f"“{said}” [1]", False, citations=[cite], confidence=0.55)
    out = _printed(answer)
    assert "””" not in out
    assert out.count("Isik said.” [1]") == 1  # the answer text
    assert out.count("      “It is aimed at preventing a corridor,” Isik said.”") == 1  # its source
