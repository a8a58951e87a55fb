"""The learned answer step as plain functions over arrays, shared by answering and training.

rank sentences → parse the best ``parse_top`` → score their short-answer candidates → pick the
answer → score the whole answer (confidence features). Training replays exactly these steps on
out-of-fold scores, so the cross-validated figures measure what the answerer does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa.learned.overlap import expected_best
from qa.learned.rerank import StatesOf
from qa.learned.roles import ROLE_FEATURES, question_frame, role_row
from qa.learned.sentences import SENTENCE_FEATURES, Sentence
from qa.learned.span_context import CONTEXT_FEATURES, context_rows
from qa.learned.spans import SPAN_FEATURES, Span, candidates, focus_stem, span_features
from qa.qtype import CATEGORIES, QType

SPAN_ROW_FEATURES: tuple[str, ...] = (*SPAN_FEATURES, *ROLE_FEATURES, *CONTEXT_FEATURES)
"""What the span selector reads of a candidate: its parse features, its role for the question's
words (``qa.learned.roles``), then its contextual ones."""

CONFIDENCE_FEATURES: tuple[str, ...] = (
    "p1",
    "p2",
    "p_margin",
    "p_share",
    "span_p",
    "span_p2",
    "span_margin",
    "span_typed",
    "chosen_p",
    "chosen_is_top",
    "windowed",
    "partner_p",
    "max_cos",
    "max_lex",
    "unmatched_idf",
    "q_names_in",
    "p_score_rel",
    "n_sentences",
    "n_spans",
    "typed_q",
    "any_typed",
    *(f"q_{x}" for x in CATEGORIES),
)
SHORT_FEATURES: tuple[str, ...] = (*CONFIDENCE_FEATURES, "confidence")
"""What the short-answer confidence reads: the answer's features and its calibrated confidence."""
_COL = {name: i for i, name in enumerate(SENTENCE_FEATURES)}


@dataclass(frozen=True)
class SpanTable:
    """The short-answer candidates of the parsed sentences, row for row with ``rows``."""

    owners: list[int]  # index of the sentence each candidate is in
    spans: list[Span]
    rows: np.ndarray
    typed: list[bool]


def span_table(
    qtype: QType,
    q_stems: set[str],
    sentences: Sequence[Sentence],
    sentence_p: np.ndarray,
    parse_top: int,
    parse: Callable[[str], Any],
    *,
    question: str = "",
    states: StatesOf | None = None,
) -> SpanTable:
    """Candidates of the ``parse_top`` best sentences by ``sentence_p``, with a row of
    ``SPAN_ROW_FEATURES`` each; the contextual ones are read from ``states`` of ``question``
    and the sentences (0 without ``states``)."""
    best = [int(i) for i in np.argsort(-sentence_p, kind="stable")[:parse_top]]
    context = states([question, *(sentences[i].text for i in best)]) if states else None
    focus = focus_stem(question)
    frame = question_frame(question)
    owners: list[int] = []
    spans: list[Span] = []
    rows: list[np.ndarray] = []
    typed: list[bool] = []
    for r, i in enumerate(best):
        doc = parse(sentences[i].text)
        found = candidates(doc, q_stems)
        feats = span_features(
            doc,
            qtype,
            q_stems,
            found,
            sentence_p=float(sentence_p[i]),
            sentence_rank=r,
            focus=focus,
        )
        extra = np.zeros((len(found), len(CONTEXT_FEATURES)), dtype=np.float32)
        if context is not None:
            extra = context_rows(
                context[0], question, context[1 + r], [(s.start, s.end) for s, _ in found]
            )
        if found:
            roles = [role_row(span, frame) for _, span in found]
            rows.append(np.hstack([np.asarray(feats, dtype=np.float32), roles, extra]))
        for s, _ in found:
            owners.append(i)
            spans.append(s)
            typed.append(s.label in qtype.labels)
    arr = np.vstack(rows) if rows else np.zeros((0, len(SPAN_ROW_FEATURES)), dtype=np.float32)
    return SpanTable(owners, spans, arr, typed)


@dataclass(frozen=True)
class Pick:
    """The chosen sentence and (when there is one) the chosen short-answer candidate."""

    sentence: int
    span: int | None
    partner: int | None = None  # an adjacent sentence quoted with it, as one passage window

    def quoted(self) -> list[int]:
        """The sentences the quote covers, in text order."""
        return sorted(i for i in (self.sentence, self.partner) if i is not None)


def pick(
    sentence_p: np.ndarray,
    table: SpanTable,
    span_p: np.ndarray,
    *,
    joint: bool = False,
    power: float | None = None,
) -> Pick:
    """The best sentence and the best candidate inside it (None when it has none); with
    ``joint``, the sentence holding the best candidate of all parsed sentences. With a
    ``power``, the candidate inside that sentence is the one of highest expected overlap
    (``qa.learned.overlap``), else the best-scored one."""
    if joint and len(span_p):
        best = table.owners[int(np.argmax(span_p))]
    else:
        best = int(np.argmax(sentence_p))
    inside = [j for j, o in enumerate(table.owners) if o == best]
    if not inside:
        return Pick(best, None)
    texts = [table.spans[j].text for j in inside]
    return Pick(best, inside[expected_best(texts, [float(span_p[j]) for j in inside], power)])


def with_partner(
    chosen: Pick, sentences: Sequence[Sentence], sentence_p: np.ndarray, ratio: float
) -> Pick:
    """``chosen`` with the adjacent sentence of the same passage that the ranker rates at least
    ``ratio`` times the chosen one (the better of the two neighbours), if any; ratio > 1 never
    adds one."""
    s = sentences[chosen.sentence]
    best: int | None = None
    for j, other in enumerate(sentences):
        if (
            other.passage is s.passage
            and abs(other.index - s.index) == 1
            and (
                sentence_p[j] >= ratio * sentence_p[chosen.sentence]
                and (best is None or sentence_p[j] > sentence_p[best])
            )
        ):
            best = j
    return Pick(chosen.sentence, chosen.span, best)


def runners_up(
    sentence_p: np.ndarray,
    skip: Callable[[int], bool],
    count: int,
) -> list[int]:
    """The ``count`` sentences the ranker rates best, best first, leaving out those ``skip``
    names (quoted already, or not a sentence to read): what a declined or unverified answer
    offers for reading.

    >>> runners_up(np.array([0.1, 0.6, 0.3, 0.2]), lambda i: i == 1, 2)
    [2, 3]
    """
    out: list[int] = []
    for i in np.argsort(-sentence_p, kind="stable"):
        if len(out) == count:
            break
        if not skip(int(i)):
            out.append(int(i))
    return out


def confidence_row(
    qtype: QType,
    sentence_rows: np.ndarray,
    sentence_p: np.ndarray,
    table: SpanTable,
    span_p: np.ndarray,
    chosen: Pick,
) -> list[float]:
    """One row of ``CONFIDENCE_FEATURES`` for a whole answer."""
    p = np.sort(sentence_p)[::-1]
    p1 = float(p[0]) if len(p) else 0.0
    p2 = float(p[1]) if len(p) > 1 else 0.0
    inside = sorted(
        (float(span_p[j]) for j, o in enumerate(table.owners) if o == chosen.sentence),
        reverse=True,
    )
    s1 = inside[0] if inside else 0.0
    s2 = inside[1] if len(inside) > 1 else 0.0
    row = sentence_rows[chosen.sentence]
    cat = qtype.category
    return [
        p1,
        p2,
        p1 - p2,
        p1 / max(float(sentence_p.sum()), 1e-6),
        s1,
        s2,
        s1 - s2,
        float(chosen.span is not None and table.typed[chosen.span]),
        float(sentence_p[chosen.sentence]),
        float(sentence_p[chosen.sentence] >= p1),
        float(chosen.partner is not None),
        float(sentence_p[chosen.partner]) if chosen.partner is not None else 0.0,
        float(sentence_rows[:, _COL["cos"]].max()),
        float(sentence_rows[:, _COL["lex"]].max()),
        float(row[_COL["unmatched_idf"]]),
        float(sentence_rows[:, _COL["q_names_in"]].max()),
        float(row[_COL["p_score_rel"]]),
        float(len(sentence_p)),
        float(len(table.spans)),
        float(bool(qtype.labels)),
        float(any(table.typed)),
        *(float(cat == x) for x in CATEGORIES),
    ]
