"""Picking the short answer phrase out of a chosen sentence.

Candidates are spaCy entities of the type the question asks for, else noun chunks; those made only
of the question's own words are dropped, and the one nearest to where the question's words occur in
the sentence wins.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from qa.qtype import QType
from qa.terms import STOP, stem

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")
# Kinds an open "what/which" question almost never asks for (it would say "when"/"how many").
_UNTYPED_SKIP = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_EDGE_DROP_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "PUNCT", "PART", "SCONJ", "AUX"})


@dataclass(frozen=True)
class Phrase:
    """A phrase at ``text[start:end]`` of the sentence it was found in, with a 0..1 confidence."""

    start: int
    end: int
    text: str
    confidence: float
    label: str


def _content_stems(tokens: Any) -> set[str]:
    return {stem(t.lower_) for t in tokens if t.lower_ not in STOP and not t.is_punct}


def _trim(span: Any, q_stems: Collection[str]) -> Any | None:
    """``span`` without edge tokens that are function words or repeat the question."""
    lo, hi = span.start, span.end
    doc = span.doc
    while lo < hi and (doc[lo].pos_ in _EDGE_DROP_POS or stem(doc[lo].lower_) in q_stems):
        lo += 1
    while hi > lo and (doc[hi - 1].pos_ in _EDGE_DROP_POS or stem(doc[hi - 1].lower_) in q_stems):
        hi -= 1
    return doc[lo:hi] if hi > lo else None


def _distance(span: Any, anchors: list[int]) -> int:
    """Tokens between ``span`` and the nearest question word in the sentence (99 when none)."""
    best = 99
    for i in anchors:
        if span.start <= i < span.end:
            return 0
        best = min(best, span.start - i if i < span.start else i - span.end + 1)
    return best


def pick_phrase(
    doc: Any,
    qtype: QType,
    q_stems: Collection[str],
    *,
    distance_weight: float = 0.04,
) -> Phrase | None:
    """The best answer phrase in a parsed sentence, or None when there is no fitting candidate.

    Args:
        doc: a spaCy ``Doc`` of the sentence; offsets of the result are into ``doc.text``.
        qtype: what the question asks for (``qa.qtype.question_type``).
        q_stems: content-word stems of the question (``qa.terms.content_stems``).
        distance_weight: confidence lost per token of distance from the question's words.
    """
    if not qtype.phrase:
        return None
    anchors = [
        t.i for t in doc if not t.is_punct and stem(t.lower_) in q_stems and t.lower_ not in STOP
    ]
    candidates: list[tuple[float, Any, str]] = []
    typed = bool(qtype.labels)
    for ent in doc.ents:
        if (typed and ent.label_ not in qtype.labels) or (
            not typed and ent.label_ in _UNTYPED_SKIP
        ):
            continue
        if _content_stems(ent) <= set(q_stems):
            continue
        base = 1.0 - 0.08 * qtype.labels.index(ent.label_) if typed else 0.65
        candidates.append((base, ent, ent.label_))
    if not typed or not candidates:
        # Noun chunks: the only option for open "what" questions, a weak fallback otherwise.
        base = 0.55 if not typed else 0.3
        for chunk in doc.noun_chunks:
            trimmed = _trim(chunk, q_stems)
            if trimmed is None or not _content_stems(trimmed) or trimmed.root.pos_ == "PRON":
                continue
            if not typed and any(t.ent_type_ in _UNTYPED_SKIP for t in trimmed):
                continue
            if _content_stems(trimmed) <= set(q_stems):
                continue
            candidates.append((base, trimmed, "NP"))
        if typed and set(qtype.labels) & {"DATE", "TIME"}:
            for m in _YEAR.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    candidates.append((0.5, span, "DATE"))
    if not candidates:
        return None
    best: tuple[float, Any, str] | None = None
    for base, span, label in candidates:
        score = base - distance_weight * min(_distance(span, anchors), 12)
        if best is None or score > best[0]:
            best = (score, span, label)
    assert best is not None
    score, span, label = best
    start = span.start_char
    end = span.end_char
    return Phrase(start, end, doc.text[start:end], max(0.0, min(1.0, score)), label)
