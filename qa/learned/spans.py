"""Short-answer candidates inside a chosen sentence and the features the span selector reads.

Candidates: spaCy entities, noun chunks (trimmed of determiners and of the question's own words),
a noun with its modifiers and "of"-phrase (its subtree, when short), and runs of proper nouns.
Features say what kind of phrase it is, whether that kind fits the question, how far it stands
from the question's words in the sentence and in the dependency tree, what grammatical role
it plays, and what stands around it (``SURROUNDINGS``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from qa.qtype import CATEGORIES, WH_WORDS, QType
from qa.terms import STOP, stem

LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "NORP",
    "GPE",
    "LOC",
    "FAC",
    "DATE",
    "TIME",
    "CARDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "ORDINAL",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "PRODUCT",
    "NP",
    "SUB",
    "PROPN",
)
DEPS: tuple[str, ...] = (
    "nsubj",
    "nsubjpass",
    "dobj",
    "pobj",
    "attr",
    "appos",
    "compound",
    "conj",
    "npadvmod",
    "ROOT",
    "nummod",
    "amod",
    "poss",
)
PREPS: tuple[str, ...] = ("in", "on", "at", "by", "of", "from", "to", "for", "as", "with")
_EDGE_DROP_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "PUNCT", "PART", "SCONJ", "AUX"})
_MAX_SUBTREE = 10

SURROUNDINGS: tuple[str, ...] = (
    "q_left3",
    "q_right3",
    "q_left8",
    "q_right8",
    "next_of",
    "next_punct",
    "prev_adj",
    "prev_noun",
    "next_noun",
    "prev_det",
    "next_cconj",
    "prev_adp",
    "n_containing",
    "n_contained",
    "q_near_share",
    "focus_near",
    "focus_in",
    "head_noun",
    "head_propn",
    "head_num",
    "prev_verb",
    "next_verb",
)
"""What stands around a candidate: the question's words within 3 and 8 tokens before and after
it, the kind of word just before and after it (a candidate followed by "of", a noun or "and" is
often cut short), how many other candidates contain it or lie inside it, the share of the
question's words within 8 tokens either side, whether the question's focus word (the one after
its question word: "which *company*", "who *opened*") stands within 3 tokens of it or inside
it, its head word's part of speech, and whether a verb comes just before or after it."""

SPAN_FEATURES: tuple[str, ...] = (
    *(f"label_{x}" for x in LABELS),
    *(f"dep_{x}" for x in DEPS),
    *(f"prep_{x}" for x in PREPS),
    *(f"q_{x}" for x in CATEGORIES),
    "typed",
    "type_index",
    "untyped_q",
    "n_tokens",
    "n_chars",
    "q_overlap",
    "all_in_q",
    "distance",
    "left_of_anchor",
    "tree_distance",
    "head_is_anchor",
    "rel_start",
    "capital_share",
    "has_digit",
    "same_label",
    "has_comma",
    "in_parens",
    "n_candidates",
    "sentence_p",
    "sentence_rank",
    "is_ent",
    "right_after_anchor",
    *SURROUNDINGS,
)


@dataclass(frozen=True)
class Span:
    """A candidate at ``sentence[start:end]`` (character offsets into the parsed text)."""

    start: int
    end: int
    text: str
    label: str


def _trim(doc: Any, lo: int, hi: int, q_stems: Collection[str]) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].pos_ in _EDGE_DROP_POS or stem(doc[lo].lower_) in q_stems):
        lo += 1
    while hi > lo and (doc[hi - 1].pos_ in _EDGE_DROP_POS or stem(doc[hi - 1].lower_) in q_stems):
        hi -= 1
    return (lo, hi) if hi > lo else None


def candidates(doc: Any, q_stems: Collection[str]) -> list[tuple[Span, Any]]:
    """Every candidate of a parsed sentence once, with the spaCy span it came from."""
    found: dict[tuple[int, int], tuple[Span, Any]] = {}

    def add(lo: int, hi: int, label: str) -> None:
        span = doc[lo:hi]
        key = (span.start_char, span.end_char)
        if key not in found and span.text.strip():
            found[key] = (Span(span.start_char, span.end_char, span.text, label), span)

    for ent in doc.ents:
        add(ent.start, ent.end, ent.label_)
    for chunk in doc.noun_chunks:
        cut = _trim(doc, chunk.start, chunk.end, q_stems)
        if cut is not None:
            add(*cut, "NP")
    for tok in doc:
        if tok.pos_ in {"NOUN", "PROPN"}:
            lo, hi = tok.left_edge.i, tok.right_edge.i + 1
            if 1 < hi - lo <= _MAX_SUBTREE:
                cut = _trim(doc, lo, hi, q_stems)
                if cut is not None:
                    add(*cut, "SUB")
    run: list[int] = []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN":
            run.append(tok.i)
            continue
        if run:
            add(run[0], run[-1] + 1, "PROPN")
            run = []
    return list(found.values())


def _depth_chain(tok: Any) -> list[int]:
    chain = [tok.i]
    while tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok.i)
    return chain


def _tree_distance(a: Any, anchors: list[Any]) -> int:
    if not anchors:
        return 20
    chain_a = _depth_chain(a)
    pos_a = {i: d for d, i in enumerate(chain_a)}
    best = 20
    for b in anchors:
        for d, i in enumerate(_depth_chain(b)):
            if i in pos_a:
                best = min(best, pos_a[i] + d)
                break
    return best


def span_features(
    doc: Any,
    qtype: QType,
    q_stems: Collection[str],
    spans: list[tuple[Span, Any]],
    *,
    sentence_p: float,
    sentence_rank: int,
    focus: str = "",
) -> list[list[float]]:
    """One row of ``SPAN_FEATURES`` per candidate of ``spans`` (from ``candidates(doc, ...)``);
    ``focus`` is the stem of the question's focus word (``focus_stem``), "" when it has none."""
    anchors = [
        t for t in doc if not t.is_punct and t.lower_ not in STOP and stem(t.lower_) in q_stems
    ]
    anchor_ix = [t.i for t in anchors]
    cat = qtype.category
    labels_count: dict[str, int] = {}
    for s, _ in spans:
        labels_count[s.label] = labels_count.get(s.label, 0) + 1
    n_chars = max(len(doc.text), 1)
    others = [span for _, span in spans]
    stems = [stem(t.lower_) for t in doc]
    anchor_set = set(anchor_ix)
    rows: list[list[float]] = []
    for s, span in spans:
        content = [stem(t.lower_) for t in span if t.lower_ not in STOP and not t.is_punct]
        in_q = sum(1 for c in content if c in q_stems)
        root = span.root
        before = doc[span.start - 1] if span.start > 0 else None
        dist = 20
        left = 0.0
        for i in anchor_ix:
            if span.start <= i < span.end:
                dist = 0
                break
            d = span.start - i if i < span.start else i - span.end + 1
            if d < dist:
                dist, left = d, float(i < span.start)
        row: list[float] = [float(s.label == x) for x in LABELS]
        row += [float(root.dep_ == x) for x in DEPS]
        row += [float(before is not None and before.lower_ == x) for x in PREPS]
        row += [float(cat == x) for x in CATEGORIES]
        typed = s.label in qtype.labels
        row += [
            float(typed),
            float(qtype.labels.index(s.label)) if typed else -1.0,
            float(not qtype.labels),
            float(len(span)),
            float(len(s.text)),
            in_q / len(content) if content else 1.0,
            float(bool(content) and in_q == len(content)),
            float(dist),
            left,
            float(_tree_distance(root, anchors)),
            float(root.head.i in anchor_ix),
            s.start / n_chars,
            sum(1 for t in span if t.text[:1].isupper()) / max(len(span), 1),
            float(any(ch.isdigit() for ch in s.text)),
            float(labels_count[s.label]),
            float("," in s.text),
            float(before is not None and before.text == "("),
            float(len(spans)),
            sentence_p,
            float(sentence_rank),
            float(s.label not in {"NP", "SUB", "PROPN"}),
            float(dist == 1 and left == 1.0),
            *_surroundings(doc, span, stems, anchor_set, q_stems, focus, others),
        ]
        rows.append(row)
    return rows


def focus_stem(question: str) -> str:
    """The stem of the word after the question word (what is asked for, "which *company*", or
    the asked-about verb, "who *opened*"), "" when it is a stop word or there is none.

    >>> focus_stem("Which company operates the solar farm?")
    'company'
    >>> focus_stem("How many cables were replaced?")
    ''
    """
    words = question.split()
    for i, word in enumerate(words[:-1]):
        if word.lower() in WH_WORDS:
            nxt = re.sub(r"\W", "", words[i + 1]).lower()
            return stem(nxt) if nxt and nxt not in STOP else ""
    return ""


def _surroundings(
    doc: Any,
    span: Any,
    stems: list[str],
    anchors: set[int],
    q_stems: Collection[str],
    focus: str,
    others: list[Any],
) -> list[float]:
    """The ``SURROUNDINGS`` row of ``span``; ``stems`` are the stems of ``doc``'s tokens,
    ``anchors`` the indices of those that are question words, ``others`` every candidate of
    the sentence (``span`` too)."""

    def near(lo: int, hi: int) -> float:
        return float(sum(1 for i in range(max(lo, 0), min(hi, len(doc))) if i in anchors))

    def stems_around(width: int) -> set[str]:
        lo, hi = max(span.start - width, 0), min(span.end + width, len(doc))
        return {stems[i] for i in range(lo, hi) if not span.start <= i < span.end}

    nxt = doc[span.end] if span.end < len(doc) else None
    prv = doc[span.start - 1] if span.start > 0 else None
    head = span.root.pos_
    return [
        near(span.start - 3, span.start),
        near(span.end, span.end + 3),
        near(span.start - 8, span.start),
        near(span.end, span.end + 8),
        float(nxt is not None and nxt.lower_ == "of"),
        float(nxt is not None and nxt.is_punct),
        float(prv is not None and prv.pos_ == "ADJ"),
        float(prv is not None and prv.pos_ in {"NOUN", "PROPN"}),
        float(nxt is not None and nxt.pos_ in {"NOUN", "PROPN"}),
        float(prv is not None and prv.pos_ == "DET"),
        float(nxt is not None and nxt.pos_ == "CCONJ"),
        float(prv is not None and prv.pos_ == "ADP"),
        float(sum(1 for o in others if o.start <= span.start and o.end >= span.end) - 1),
        float(sum(1 for o in others if o.start >= span.start and o.end <= span.end) - 1),
        len(stems_around(8) & set(q_stems)) / max(len(q_stems), 1),
        float(bool(focus) and focus in stems_around(3)),
        float(bool(focus) and focus in stems[span.start : span.end]),
        float(head == "NOUN"),
        float(head == "PROPN"),
        float(head == "NUM"),
        float(prv is not None and prv.pos_ == "VERB"),
        float(nxt is not None and nxt.pos_ in {"VERB", "AUX"}),
    ]
