"""Checking an LLM's reply: each sentence against the passages it cites.

Each sentence of the reply is split off with its [n] markers; it survives only if at least one
passage it cites supports it (embedding cosine and content-word overlap with the passage's best
sentence or pair of sentences, every number of the claim present there). Survivors are
renumbered in order of first use; each citation quotes the supporting sentence(s) with offsets in
the article. Unsupported sentences are dropped (listed in ``Answer.dropped``) or, with
``on_unsupported="mark"``, kept with an ``[unsupported]`` tag and no citation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ingest.embed import Embedder
from ingest.sentences import split_sentences
from qa.generative.prompt import NO_ANSWER
from qa.markers import MARKER_RE, format_markers, numbers_of, strip_markers
from qa.terms import content_stems, tokens
from qa.types import Answer, Citation, Passage

# What the user sees when nothing the model said survived verification.
NOT_ANSWERED_TEXT = "The articles do not answer this question."
UNSUPPORTED_MARK = "[unsupported]"
# Weight of embedding cosine against content-word overlap in the support score.
COSINE_WEIGHT = 0.5

OnUnsupported = Literal["drop", "mark"]


# --- parse -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One sentence of the model's answer: ``text`` without markers, ``cited`` as written."""

    text: str
    cited: tuple[int, ...]


_THINK = re.compile(r"<think>.*?(</think>|$)", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
# Markers written after the full stop ("... Paris. [1]") belong to the sentence before them.
_TRAILING_MARKERS = re.compile(rf"([.!?…][\"'”’)]*)((?:\s*{MARKER_RE.pattern})+)", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


def clean_output(raw: str) -> str:
    """The model's text without reasoning blocks, echoed tags or markdown bullets.

    Args:
        raw: the model's whole reply.
    """
    text = _THINK.sub(" ", raw)
    text = _TAG.sub(" ", text)
    text = re.sub(r"(?m)^\s*(?:[-*•]|\d+[.)])\s+", "", text)
    text = text.replace("**", "")
    return text.strip()


def is_no_answer(text: str) -> bool:
    """Whether the model gave the fixed no-answer phrase (case and punctuation aside).

    Args:
        text: the cleaned reply.
    """
    norm = re.sub(r"[^a-z ]+", " ", text.lower())
    return " ".join(NO_ANSWER.lower().split()) in " ".join(norm.split())


def parse_claims(text: str) -> list[Claim]:
    """The answer's sentences with the passage numbers each one cites, in order.

    Args:
        text: the cleaned reply of the model.
    """
    text = _TRAILING_MARKERS.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)
    claims: list[Claim] = []
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        cited: list[int] = []
        for m in MARKER_RE.finditer(sentence):
            for num in numbers_of(m.group(1)):
                if num not in cited:
                    cited.append(num)
        body = strip_markers(sentence)
        if re.search(r"[A-Za-z0-9]", body):
            claims.append(Claim(text=body, cited=tuple(cited)))
    return claims


# --- verify ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A sentence, or two neighbouring sentences, of passage ``p`` (0-based) at passage offsets."""

    p: int
    start: int
    end: int
    text: str


def passage_units(p: int, passage: Passage) -> list[Unit]:
    """The sentences of a passage and each pair of neighbouring sentences.

    Args:
        p: the passage's 0-based index.
        passage: the passage.
    """
    spans = split_sentences(passage.text)
    units = [Unit(p, s.start, s.end, passage.text[s.start : s.end]) for s in spans]
    for a, b in itertools.pairwise(spans):
        units.append(Unit(p, a.start, b.end, passage.text[a.start : b.end]))
    return units


def _numbers(text: str) -> set[str]:
    return {t.text.lower() for t in tokens(text) if any(c.isdigit() for c in t.text)}


def support_score(claim: str, unit: str, cosine: float) -> float:
    """How well ``unit`` supports ``claim``: 0 when a number of the claim is missing from it,
    else ``COSINE_WEIGHT * cosine + (1 - COSINE_WEIGHT) * overlap`` where overlap is the share
    of the claim's content-word stems found in the unit.

    Args:
        claim: the claim without markers.
        unit: the passage sentence(s).
        cosine: embedding cosine of the two.
    """
    if not _numbers(claim) <= _numbers(unit):
        return 0.0
    stems = content_stems(claim)
    unit_stems = set(content_stems(unit))
    overlap = sum(s in unit_stems for s in stems) / len(stems) if stems else 0.0
    return COSINE_WEIGHT * max(cosine, 0.0) + (1.0 - COSINE_WEIGHT) * overlap


@dataclass(frozen=True)
class Support:
    """The best-supporting unit of one cited passage for one claim, with its score."""

    unit: Unit
    score: float


@dataclass(frozen=True)
class CheckedClaim:
    """A claim with the cited passages that support it (best first by citation order)."""

    claim: Claim
    supports: tuple[Support, ...]


_MIN_WORDS = 4  # words an unmarked sentence needs before it is attributed to a passage


def check_claims(
    claims: Sequence[Claim],
    passages: Sequence[Passage],
    embedder: Embedder,
    min_support: float,
    attribute_uncited: bool = False,
) -> list[CheckedClaim]:
    """Each claim with the cited passages whose best unit scores at least ``min_support``.

    Citations to passages that do not exist are ignored; a claim left with no support has an
    empty ``supports``.

    Args:
        claims: the parsed answer.
        passages: the passages the prompt numbered [1]..[k].
        embedder: gives unit vectors for cosine.
        min_support: the support threshold (``settings.citation_support``).
        attribute_uncited: a claim with no [n] marker is checked against every passage and
            keeps the single best that supports it (small models often forget markers); only
            sentences of at least four words are attributed;
            default False: such a claim has no support.
    """
    cited = {n for c in claims for n in c.cited if 1 <= n <= len(passages)}
    if attribute_uncited and any(not c.cited for c in claims):
        cited = set(range(1, len(passages) + 1))
    units = {n: passage_units(n - 1, passages[n - 1]) for n in sorted(cited)}
    all_units = [u for us in units.values() for u in us]
    vectors = embedder.embed([c.text for c in claims] + [u.text for u in all_units])
    claim_vecs, unit_vecs = vectors[: len(claims)], vectors[len(claims) :]
    index = {id(u): i for i, u in enumerate(all_units)}
    checked: list[CheckedClaim] = []
    for ci, claim in enumerate(claims):
        supports: list[Support] = []
        # Only a real statement is attributed: a bare word ("HACKED") echoed from a passage is not.
        uncited = not claim.cited and attribute_uncited and len(claim.text.split()) >= _MIN_WORDS
        for n in tuple(units) if uncited else claim.cited:
            best: Support | None = None
            for u in units.get(n, []):
                cos = float(np.dot(claim_vecs[ci], unit_vecs[index[id(u)]]))
                score = support_score(claim.text, u.text, cos)
                if best is None or score > best.score:
                    best = Support(u, score)
            if best is not None and best.score >= min_support:
                supports.append(best)
        if uncited and supports:
            supports = [max(supports, key=lambda s: s.score)]
        checked.append(CheckedClaim(claim, tuple(supports)))
    return checked


# --- renumber and assemble -------------------------------------------------------------------


def _with_markers(body: str, markers: str) -> str:
    """``body`` with ``markers`` placed before its closing punctuation."""
    m = _SENTENCE_END.search(body)
    if m is None:
        return f"{body} {markers}."
    return f"{body[: m.start()]} {markers}{m.group(0)}"


def _citation(n: int, passage: Passage, start: int, end: int, score: float) -> Citation:
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        source=passage.source,
        title=passage.title,
        quote=passage.text[start:end],
        start=passage.start + start,
        end=passage.start + end,
        score=round(score, 4),
        date=passage.date,
    )


def renumber(
    checked: Sequence[CheckedClaim], passages: Sequence[Passage], on_unsupported: OnUnsupported
) -> tuple[str, list[Citation]]:
    """The answer text with citations renumbered 1.. in order of first use, and the citations.

    One number per distinct quote: two claims resting on the same sentence share a number.

    Args:
        checked: the verified claims in answer order.
        passages: the passages the claims were checked against.
        on_unsupported: "drop" unsupported sentences, or "mark" them with ``[unsupported]``.
    """
    numbers: dict[tuple[int, int, int], int] = {}
    citations: list[Citation] = []
    sentences: list[str] = []
    for cc in checked:
        if not cc.supports:
            if on_unsupported == "mark":
                sentences.append(_with_markers(cc.claim.text, UNSUPPORTED_MARK))
            continue
        marks: list[int] = []
        for s in cc.supports:
            key = (s.unit.p, s.unit.start, s.unit.end)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                citations.append(
                    _citation(numbers[key], passages[s.unit.p], s.unit.start, s.unit.end, s.score)
                )
            if numbers[key] not in marks:
                marks.append(numbers[key])
        sentences.append(_with_markers(cc.claim.text, format_markers(marks)))
    return " ".join(sentences), citations


def short_answer(text: str, citations: Sequence[Citation]) -> str | None:
    """The answer itself when it is a few words found verbatim in one of its quotes.

    Args:
        text: the answer text with markers.
        citations: its citations.
    """
    body = strip_markers(text).rstrip(".!?… ").strip()
    if not body or len(body.split()) > 5:
        return None
    low = body.lower()
    return body if any(low in c.quote.lower() for c in citations) else None


def confidence_of(checked: Sequence[CheckedClaim]) -> float:
    """How far the verified answer can be trusted: the weakest kept claim's support score,
    scaled by the share of claims that were kept (0 when none was).

    Worked example: three claims, two supported at 0.8 and 0.6, one dropped → 0.6 × 2/3 = 0.4.
    """
    kept = [max(s.score for s in cc.supports) for cc in checked if cc.supports]
    if not kept:
        return 0.0
    return round(min(1.0, min(kept)) * len(kept) / len(checked), 4)


def verify_answer(
    question: str,
    raw: str,
    passages: Sequence[Passage],
    *,
    backend: str,
    embedder: Embedder,
    min_support: float = 0.5,
    attribute_uncited: bool = True,
    on_unsupported: OnUnsupported = "drop",
) -> Answer:
    """Turn the model's raw reply into a verified, renumbered Answer.

    Args:
        question: the question that was asked.
        raw: the model's whole reply.
        passages: the passages the prompt numbered [1]..[k].
        backend: the backend name stored on the Answer.
        embedder: the store's embedder, for cosine.
        min_support: the score a sentence needs against a passage it cites.
        attribute_uncited: see ``check_claims``.
        on_unsupported: "drop" (default) or "mark" unsupported sentences.
    """
    text = clean_output(raw)
    checked: list[CheckedClaim] = []
    if text and passages and not is_no_answer(text):
        checked = check_claims(
            parse_claims(text), passages, embedder, min_support, attribute_uncited
        )
    answer_text, citations = renumber(checked, passages, on_unsupported)
    dropped = [cc.claim.text for cc in checked if not cc.supports]
    if not citations:
        return Answer(
            question=question,
            text=NOT_ANSWERED_TEXT,
            supported=False,
            backend=backend,
            dropped=dropped,
        )
    return Answer(
        question=question,
        text=answer_text,
        supported=True,
        short=short_answer(answer_text, citations),
        citations=citations,
        backend=backend,
        confidence=confidence_of(checked),
        dropped=dropped,
    )
