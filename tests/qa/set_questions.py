"""What a hand-written question set promises, question by question: every answerable question
gets the right answer with a citation whose quote holds it, and a short answer it leads with is
right too; every question the articles do not answer is declined. A right answer given below the
support point (shown as low confidence) counts as answered. Known misses are strict xfails: one
that starts passing fails until it is taken off its list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from eval.datasets import EvalItem, load_question_set
from eval.metrics.text import contains_phrase
from ingest.store import Store
from qa import answer
from tests.conftest import SETS


def set_items(name: str, known_misses: Mapping[str, str]) -> list[Any]:
    """The items of ``eval/sets/<name>`` as pytest params, the known misses as strict xfails."""
    return [
        pytest.param(i, id=i.id, marks=pytest.mark.xfail(strict=True, reason=known_misses[i.id]))
        if i.id in known_misses
        else pytest.param(i, id=i.id)
        for i in load_question_set(SETS / name).items
    ]


def check_item(store: Store, item: EvalItem) -> None:
    """Ask every turn of ``item`` (a follow-up with the turns before it as history) and assert
    the promise above."""
    history: list[tuple[str, str]] = []
    for turn in item.as_turns():
        a = answer(turn.question, history=history, store=store)
        if turn.unanswerable:
            assert a.declined, f"{turn.question!r} should be declined, got {a.text!r}"
            assert not a.supported
        else:
            assert not a.declined, f"{turn.question!r} was declined"
            assert any(contains_phrase(a.text, g) for g in turn.answers), (turn.answers, a.text)
            assert any(contains_phrase(c.quote, g) for c in a.citations for g in turn.answers), (
                turn.answers,
                [c.quote for c in a.citations],
            )
            assert all(
                store.document_text(c.doc_id)[c.start : c.end] == c.quote for c in a.citations
            ), "each quote is its article's text at its offsets"
            if a.short and a.text.startswith(a.short):  # led with, in bold: it must be right
                assert any(
                    contains_phrase(a.short, g) or contains_phrase(g, a.short) for g in turn.answers
                ), f"{turn.question!r} leads with {a.short!r}, not one of {turn.answers}"
        history.append((turn.question, a.text))
