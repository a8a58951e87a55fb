"""Another short answer in the chosen sentence, when the selector's pick cannot be the answer:

- the one the question describes ("Andrei Karlov" for "Who killed the ambassador?",
  ``qa.learned.described``) gives way to another name of the asked kind, or to none (and the
  answerer declines when the object was named by its title);
- a date that dates a report ("growers said on Thursday", ``qa.learned.said_when``) gives way to
  another date of the sentence, when there is one;
- the new value of a change gives way to the old one when the question asks for the value
  before ("£46, up from £38" → "£38", ``qa.learned.earlier``).

The quote stays, and so does its confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from qa.learned.described import TITLE, described_noun, how_described
from qa.learned.earlier import earlier_value
from qa.learned.pipeline import Pick, SpanTable
from qa.learned.said_when import asks_when_said, said_when
from qa.learned.sentences import Sentence
from qa.qtype import QType

MORE_LIKELY = 0.5
"""The share of the rest's rating a name needs to be the short answer past the object: more
likely than all the others together."""

_DATES = frozenset({"DATE", "TIME"})


def repick(
    qtype: QType,
    question: str,
    sentences: Sequence[Sentence],
    table: SpanTable,
    span_p: np.ndarray,
    chosen: Pick,
) -> tuple[Pick, bool]:
    """``chosen`` with its short answer picked again where it cannot be the answer, and
    whether the answerer should decline (the sentence is about the one the question describes,
    named by its title, and names no one else)."""
    if chosen.span is None:
        return chosen, False
    noun = described_noun(question)
    if noun is not None:
        how = _how_described(noun, sentences, table, chosen)
        if how is not None:  # a name: neither of the rules below concerns it
            return _past_the_object(noun, how, qtype, sentences, table, span_p, chosen)
    text = sentences[chosen.sentence].text
    if _DATES & set(qtype.labels):
        chosen = _past_the_report(question, text, table, span_p, chosen)
    return _the_earlier_value(question, text, table, chosen), False


def _past_the_object(
    noun: tuple[str, ...],
    how: str,
    qtype: QType,
    sentences: Sequence[Sentence],
    table: SpanTable,
    span_p: np.ndarray,
    chosen: Pick,
) -> tuple[Pick, bool]:
    """Another name of the asked kind in the sentence as the short answer ("Mevlut Altintas" in
    "Ambassador Andrei Karlov was shot dead by Mevlut Altintas"), or none. With none, the
    answerer declines if the object was named by its title: the sentence says what happened to
    it, not who did it. An apposition ("a 34-year-old man, Declan Moore") is read less surely
    (spaCy takes some lists for appositions), so it costs the lead, not the answer.

    Left out are the object and every candidate overlapping it ("Ambassador Andrei Karlov");
    the best name of the sentence's other candidates is taken when its rating (the selector
    rates the candidates of the sentences it reads together, as shares of one whole) is at
    least ``MORE_LIKELY`` of theirs summed: "Mevlut Altintas" 0.17 of 0.19 is, "Aleppo" 0.005
    of 0.08 (beside Karlov's killing in the sample article) is not.
    """
    rest = _rest(table, chosen)
    names = [
        j
        for j in rest
        if table.spans[j].label in qtype.labels
        and _how_described(noun, sentences, table, replace(chosen, span=j)) is None
    ]
    best = max(names, key=lambda j: span_p[j], default=None)
    if best is None or span_p[best] < MORE_LIKELY * sum(span_p[j] for j in rest):
        return replace(chosen, span=None), how == TITLE
    return replace(chosen, span=best), False


def _past_the_report(
    question: str, text: str, table: SpanTable, span_p: np.ndarray, chosen: Pick
) -> Pick:
    """The best other date of the sentence ``text`` as the short answer when the chosen date
    dates a report and the question does not ask when something was said."""
    assert chosen.span is not None
    span = table.spans[chosen.span]
    if span.label not in _DATES or not said_when(text, span.start, span.end):
        return chosen
    if asks_when_said(question):
        return chosen
    dates = [
        j
        for j in _rest(table, chosen)
        if table.spans[j].label in _DATES
        and not said_when(text, table.spans[j].start, table.spans[j].end)
    ]
    best = max(dates, key=lambda j: span_p[j], default=None)
    return chosen if best is None else replace(chosen, span=best)


def _the_earlier_value(question: str, text: str, table: SpanTable, chosen: Pick) -> Pick:
    """``chosen`` with the old value of a change as its short answer when the question asks for
    the value before (``qa.learned.earlier``)."""
    assert chosen.span is not None
    inside = _in_sentence(table, chosen)
    found = earlier_value(
        question, text, [table.spans[j] for j in inside], inside.index(chosen.span)
    )
    return chosen if found is None else replace(chosen, span=inside[found])


def _how_described(
    noun: tuple[str, ...], sentences: Sequence[Sentence], table: SpanTable, chosen: Pick
) -> str | None:
    assert chosen.span is not None
    span = table.spans[chosen.span]
    return how_described(noun, sentences[chosen.sentence].text, span.start, span.end)


def _in_sentence(table: SpanTable, chosen: Pick) -> list[int]:
    """The candidates of the chosen sentence, in order."""
    return [j for j, owner in enumerate(table.owners) if owner == chosen.sentence]


def _rest(table: SpanTable, chosen: Pick) -> list[int]:
    """The other candidates of the chosen sentence, those overlapping the chosen one left out."""
    assert chosen.span is not None
    first = table.spans[chosen.span]
    return [
        j
        for j in _in_sentence(table, chosen)
        if table.spans[j].end <= first.start or table.spans[j].start >= first.end
    ]
