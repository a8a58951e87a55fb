"""The default, offline answerer: it quotes the sentence(s) that answer the question and cites them.

Nothing is generated: ``Answer.text`` is made only of the exact answer phrase (a substring of the
quote) and quoted article sentences, each followed by its [n] marker. Passage text is data, never
instructions: it is only split, scored and quoted.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest.embed import Embedder, default_embedder
from qa.acronym import asked_abbreviation, expansion_in
from qa.candidates import Sentence as Candidate
from qa.candidates import is_headline, passage_sentences
from qa.config import AnsweringConfig
from qa.phrase import Phrase, pick_phrase
from qa.qtype import QType, has_cue, question_type
from qa.spacy_nlp import parse
from qa.terms import content_stems, idf_table, tokens, weighted_overlap
from qa.types import LEAD_SEPARATOR, Answer, Citation, Passage
from qa.vectors import VECTORS

DECLINE_TEXT = "The articles don't answer this. Closest passages are listed below."


@dataclass(frozen=True)
class ExtractiveConfig:
    """Weights of the sentence scorer and phrase picker (hand-tuned; the ``heuristic`` backend).

    ``semantic_weight``/``lexical_weight``: mix of embedding cosine and IDF-weighted word overlap.
    ``rank_penalty``: score lost per place a passage stands below the first.
    ``pair_ratio``: an adjacent sentence joins the best one when it scores at least this share of
    it and brings question words the best one lacks.
    ``min_phrase_confidence``: below this the short phrase is left out (``short=None``).
    ``closest``: how many passages are offered when declining.
    ``cue_weight``: bonus for a sentence that shows a sign of the asked-for kind of phrase (a year
    for "when", a number for "how many", a name not in the question for "who").
    ``semantic_top``: embed only this many best sentences by word overlap (0: all of them).
    """

    semantic_weight: float = 0.7
    lexical_weight: float = 0.3
    rank_penalty: float = 0.01
    pair_ratio: float = 0.9
    min_phrase_confidence: float = 0.3
    closest: int = 3
    cue_weight: float = 0.05
    semantic_top: int = 6
    rerank_top: int = 4
    phrase_weight: float = 0.15
    headline_penalty: float = 0.2


@dataclass(frozen=True)
class Sentence(Candidate):
    """A candidate sentence with its scores."""

    semantic: float = 0.0
    lexical: float = 0.0
    score: float = 0.0


_vectors = VECTORS


def split_passages(passages: Sequence[Passage]) -> list[Sentence]:
    """Every sentence of ``passages``, in rank order, each article span once."""
    return [
        Sentence(c.rank, c.index, c.passage, c.start, c.end, c.text)
        for c in passage_sentences(passages)
    ]


def score_sentences(
    query: str,
    sentences: Sequence[Sentence],
    *,
    embedder: Embedder | None = None,
    config: ExtractiveConfig = ExtractiveConfig(),
    question: str | None = None,
) -> list[Sentence]:
    """``sentences`` with semantic, lexical and combined scores filled in (same order).

    Args:
        query: the text the sentences are compared with.
        sentences: from ``split_passages``.
        embedder: defaults to ``ingest.embed.default_embedder()``.
        config: the weights.
        question: the question as asked, which sets the wanted kind of phrase (default ``query``).
    """
    if not sentences:
        return []
    emb = embedder if embedder is not None else default_embedder()
    stems = [{t.stem for t in tokens(s.text)} for s in sentences]
    idf, n = idf_table(stems)
    q_stems = content_stems(query)
    lexical = [
        weighted_overlap(q_stems, _with_antecedent(i, sentences, stems), idf, n)
        for i in range(len(sentences))
    ]
    semantic = np.zeros(len(sentences), dtype=np.float32)
    if config.semantic_weight:
        chosen = list(range(len(sentences)))
        if config.semantic_top:
            chosen = sorted(chosen, key=lambda i: -lexical[i])[: config.semantic_top]
        vecs = _vectors.embed(emb, [query, *(sentences[i].text for i in chosen)])
        semantic[chosen] = vecs[1:] @ vecs[0]
    qtype = question_type(question if question is not None else query)
    out: list[Sentence] = []
    for s, sem, lex in zip(sentences, semantic, lexical, strict=True):
        cue = config.cue_weight * has_cue(qtype, s.text, query) if config.cue_weight else 0.0
        score = (
            config.semantic_weight * float(sem)
            + config.lexical_weight * lex
            + cue
            - config.rank_penalty * s.rank
        )
        out.append(
            Sentence(s.rank, s.index, s.passage, s.start, s.end, s.text, float(sem), lex, score)
        )
    return out


_PRONOUN_START = (
    "it ",
    "its ",
    "this ",
    "he ",
    "she ",
    "they ",
    "these ",
    "that ",
    "his ",
    "her ",
    "their ",
)


def _with_antecedent(i: int, sentences: Sequence[Sentence], stems: list[set[str]]) -> set[str]:
    """A sentence that opens with a pronoun ("It is aimed at ...") is about what the sentence
    before it names, so it is matched with that sentence's words too."""
    s = sentences[i]
    prev = i - 1
    if (
        prev >= 0
        and s.text.lower().startswith(_PRONOUN_START)
        and sentences[prev].passage is s.passage
        and sentences[prev].index == s.index - 1
    ):
        return stems[i] | stems[prev]
    return stems[i]


def _partner(
    best: Sentence, scored: Sequence[Sentence], q_stems: list[str], ratio: float
) -> Sentence | None:
    """An adjacent sentence of the same passage worth quoting with ``best``, if any."""
    have = {t.stem for t in tokens(best.text)}
    missing = {s for s in q_stems if s not in have}
    if not missing:
        return None
    for s in scored:
        if (
            s.passage is best.passage
            and abs(s.index - best.index) == 1
            and (s.score >= ratio * best.score and missing & {t.stem for t in tokens(s.text)})
        ):
            return s
    return None


def _abbreviation_answer(question: str, ranked: Sequence[Sentence], t0: float) -> Answer | None:
    """'What does ICRC stand for?' answered from the sentence that spells ICRC out, if any."""
    abbreviation = asked_abbreviation(question)
    for s in ranked if abbreviation else ():
        span = expansion_in(s.text, abbreviation or "")
        if span is not None:
            short = s.text[span[0] : span[1]]
            return Answer(
                question=question,
                text=f"{short}{LEAD_SEPARATOR}“{s.text}” [1]",
                supported=True,
                short=short,
                citations=[_citation(1, s)],
                timings={"extract_ms": round((time.perf_counter() - t0) * 1000, 2)},
            )
    return None


def _decline(
    question: str, scored: Sequence[Sentence], config: ExtractiveConfig, t0: float
) -> Answer:
    return Answer(
        question=question,
        text=DECLINE_TEXT,
        supported=False,
        closest=_closest(scored, config.closest),
        timings={"extract_ms": round((time.perf_counter() - t0) * 1000, 2)},
    )


def _is_headline(s: Sentence) -> bool:
    """The article's own headline restates its topic; it is rarely the fact asked for."""
    return s.index == 0 and is_headline(s.text, s.passage.title)


def _rerank(
    ranked: Sequence[Sentence],
    qtype: QType,
    q_stems: set[str],
    config: ExtractiveConfig,
    question: str,
) -> tuple[Sentence, bool]:
    """The best of the top candidates once answer-bearing counts, and whether it bears an answer.

    A sentence that holds a phrase of the kind asked for (a date for "when", a name for "who")
    gains up to ``phrase_weight``; the headline loses ``headline_penalty``. For questions after
    a number or a date, a sentence without one cannot answer: the flag is then False.
    """
    top = [s for s in ranked[: config.rerank_top] if s.score >= ranked[0].score - 0.25]
    bears: dict[int, bool] = {}

    def adjusted(s: Sentence) -> float:
        phrase = pick_phrase(parse(s.text), qtype, q_stems) if qtype.labels else None
        typed = phrase is not None and phrase.label in qtype.labels
        bears[id(s)] = typed or has_cue(qtype, s.text, question)  # "three", "in 1969"
        bonus = config.phrase_weight * phrase.confidence if phrase else 0.0
        return s.score + bonus - (config.headline_penalty if _is_headline(s) else 0.0)

    best = max(top, key=adjusted)
    strict = bool(set(qtype.labels[:1]) & _STRICT_LABELS)
    return best, bears[id(best)] or not strict


# Kinds of answer a sentence either visibly holds or cannot give (a count, an amount, a date).
_STRICT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"})


def _citation(n: int, s: Sentence) -> Citation:
    p = s.passage
    return Citation(
        n, p.doc_id, p.source, p.title, s.text, s.article_start, s.article_end, round(s.score, 4)
    )


def _closest(scored: Sequence[Sentence], count: int) -> list[Citation]:
    """The best sentence of each of the first ``count`` passages, in passage order."""
    best: dict[int, Sentence] = {}
    for s in scored:
        if s.rank < count and (s.rank not in best or s.score > best[s.rank].score):
            best[s.rank] = s
    return [_citation(n, best[r]) for n, r in enumerate(sorted(best), start=1)]


def extract_answer(
    question: str,
    passages: Sequence[Passage],
    *,
    min_support: float | None = None,
    retrieval_query: str | None = None,
    embedder: Embedder | None = None,
    config: ExtractiveConfig = ExtractiveConfig(),
) -> Answer:
    """Answer ``question`` by quoting the best sentence(s) of ``passages``, or decline.

    Args:
        question: the question as the person asked it (its wording sets the answer type).
        passages: the retriever's top chunks, best first; ``text`` equals the article's
            ``[start:end]``, so citation offsets point into the article.
        min_support: the evidence score (the best sentence's combined score) below which the
            answerer declines; default ``AnsweringConfig().min_support``.
        retrieval_query: the stand-alone query the passages were retrieved with (e.g. a
            follow-up rewritten with its context); sentences are scored against it when given.
        embedder: defaults to ``ingest.embed.default_embedder()``.
        config: scorer weights, see ``ExtractiveConfig``.
    """
    t0 = time.perf_counter()
    threshold = AnsweringConfig().min_support if min_support is None else min_support
    query = retrieval_query or question
    scored = score_sentences(
        query, split_passages(passages), embedder=embedder, config=config, question=question
    )
    ranked = sorted(scored, key=lambda s: s.score, reverse=True)
    spelled = _abbreviation_answer(question, ranked, t0)
    if spelled is not None:
        return spelled
    if not ranked or ranked[0].score < threshold:
        return _decline(question, scored, config, t0)
    q_stems = content_stems(query)
    qtype = question_type(question)
    best, bears_answer = _rerank(ranked, qtype, set(q_stems), config, question)
    if not bears_answer:
        return _decline(question, scored, config, t0)
    partner = _partner(best, scored, q_stems, config.pair_ratio)
    chosen = sorted([best, partner] if partner else [best], key=lambda s: s.start)

    phrase: Phrase | None = None
    phrase_at = 0
    for i, s in enumerate(chosen):
        found = pick_phrase(parse(s.text), qtype, set(q_stems))
        if found is not None and (phrase is None or found.confidence > phrase.confidence):
            phrase, phrase_at = found, i
    short = None
    if phrase is not None and phrase.confidence >= config.min_phrase_confidence:
        short = phrase.text

    citations = [_citation(n, s) for n, s in enumerate(chosen, start=1)]
    quoted = " ".join(f"“{c.quote}” [{c.n}]" for c in citations)
    # With one quote the short answer is that quote's claim: its marker stands once, after it.
    marker = f" [{phrase_at + 1}]" if len(citations) > 1 else ""
    text = f"{short}{marker} — {quoted}" if short else quoted
    return Answer(
        question=question,
        text=text,
        supported=True,
        short=short,
        citations=citations,
        timings={"extract_ms": round((time.perf_counter() - t0) * 1000, 2)},
    )


def warm_up(embedder: Embedder | None = None) -> None:
    """Load spaCy, the embedding model and the learned answerer's model now, so the first
    question is not slow.

    Args:
        embedder: defaults to ``ingest.embed.default_embedder()``.
    """
    from qa.learned import load_model

    (embedder if embedder is not None else default_embedder()).embed(["warm up"])
    parse("The warm-up sentence was parsed in London on 1 May 2020.")
    model = load_model()
    for scorer in (model.sentence, model.span, model.confidence):
        scorer.predict(np.zeros((1, len(scorer.features))))
