"""Candidate sentences of the retrieved passages and the features the sentence ranker reads.

Every feature is cheap (no parsing): embedding cosine with the question, IDF-weighted word
overlap (alone, with the sentence before, with both neighbours), bigram overlap, where the
sentence stands (passage rank and score, index in its passage), its length and surface cues of
the kind of answer asked for. The same function serves training and answering, so what the model
learned is what it sees.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np

from ingest.embed import Embedder
from qa.candidates import Sentence, is_headline
from qa.candidates import passage_sentences as _all_sentences
from qa.learned.verbs import verb_stems
from qa.qtype import QType, has_cue
from qa.terms import agent_of, content_stems, idf_table, tokens, unseen_idf, with_question_forms
from qa.types import Passage
from qa.vectors import VECTORS

_CAPITAL = re.compile(r"\b[A-Z][a-zA-Z]+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})s?\b")


FEATURE_VERSION = 2
"""Bumped whenever a feature's meaning changes (cached training features are rebuilt)."""

SENTENCE_FEATURES: tuple[str, ...] = (
    "cos",
    "cos_gap",
    "cos_rank",
    "cos_prev",
    "cos_next",
    "lex",
    "lex_gap",
    "lex_rank",
    "lex_prev",
    "lex_window",
    "matched",
    "unmatched_idf",
    "bigrams",
    "q_names_in",
    "p_rank",
    "p_score_rel",
    "p_score_rel_gap",
    "index",
    "is_first",
    "is_headline",
    "n_words",
    "cue",
    "names_new",
    "digits",
    "year",
    "n_sentences",
    "passage_lex",
    "lex_gap_in_passage",
    "cos_gap_in_passage",
    "same_doc_as_top",
    "doc_passages",
    "q_words",
    "verbs_matched",
)


def passage_sentences(passages: Sequence[Passage]) -> list[Sentence]:
    """The candidates the learned answerer ranks: every sentence of ``passages`` once, without
    an article's headline (see ``qa.candidates.passage_sentences``)."""
    return _all_sentences(passages, headlines=False)


def _ranks(values: np.ndarray) -> np.ndarray:
    """0 for the largest value, 1 for the next, ..."""
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values), dtype=np.float32)
    return ranks


def sentence_features(
    question: str,
    qtype: QType,
    sentences: Sequence[Sentence],
    embedder: Embedder,
    *,
    query: str | None = None,
) -> np.ndarray:
    """One row of ``SENTENCE_FEATURES`` per sentence (float32, shape (n, len(features))).

    Args:
        question: the question as asked (its names and cues).
        qtype: ``qa.qtype.question_type(question)``.
        sentences: from ``passage_sentences``.
        embedder: the store's embedder.
        query: the stand-alone query (a rewritten follow-up) the words are matched with;
            default ``question``.
    """
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(SENTENCE_FEATURES)), dtype=np.float32)
    query = query or question
    vecs = VECTORS.embed(embedder, [query, *(s.text for s in sentences)])
    cos = vecs[1:] @ vecs[0]
    q_stems = content_stems(query)
    # A question verb is found in a sentence naming its doer ("manages" / "site manager").
    stems = [
        with_question_forms({t.stem for t in tokens(s.text)}, q_stems, agent_of) for s in sentences
    ]
    idf, n_units = idf_table(stems)
    default = unseen_idf(n_units)
    weights = {s: idf.get(s, default) for s in q_stems}
    total = sum(weights.values()) or 1.0
    q_bigrams = _bigrams(query)
    q_names = {m.group(0).lower() for m in _CAPITAL.finditer(query[1:])}
    q_words = {w.lower() for w in re.findall(r"[A-Za-z]+", query)}
    q_verbs = verb_stems(query)

    def overlap(bag: set[str]) -> float:
        return sum(w for s, w in weights.items() if s in bag) / total

    lex = np.array([overlap(b) for b in stems], dtype=np.float32)
    rows = np.zeros((n, len(SENTENCE_FEATURES)), dtype=np.float32)
    scores = np.array([p.score for p in {id(s.passage): s.passage for s in sentences}.values()])
    top_score = float(scores.max()) if len(scores) else 0.0
    cos_rank, lex_rank = _ranks(cos), _ranks(lex)
    by_passage: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_passage.setdefault(id(s.passage), []).append(i)
    passage_stems = {key: set().union(*(stems[i] for i in ix)) for key, ix in by_passage.items()}
    top_doc = sentences[0].passage.doc_id
    doc_count: dict[str, int] = {}
    for p in {id(s.passage): s.passage for s in sentences}.values():
        doc_count[p.doc_id] = doc_count.get(p.doc_id, 0) + 1
    for i, s in enumerate(sentences):
        prev = i - 1 if i > 0 and _adjacent(sentences[i - 1], s) else None
        nxt = i + 1 if i + 1 < n and _adjacent(s, sentences[i + 1]) else None
        window = (
            stems[i]
            | (stems[prev] if prev is not None else set())
            | (stems[nxt] if nxt is not None else set())
        )
        low = s.text.lower()
        words = s.text.split()
        rows[i] = (
            cos[i],
            cos.max() - cos[i],
            cos_rank[i],
            cos[prev] if prev is not None else 0.0,
            cos[nxt] if nxt is not None else 0.0,
            lex[i],
            lex.max() - lex[i],
            lex_rank[i],
            overlap(stems[i] | stems[prev]) if prev is not None else lex[i],
            overlap(window),
            sum(1 for q in q_stems if q in stems[i]),
            sum(w for q, w in weights.items() if q not in stems[i]),
            len(q_bigrams & _bigrams(s.text)) / max(len(q_bigrams), 1),
            sum(1 for name in q_names if name in low) / max(len(q_names), 1) if q_names else -1,
            s.rank,
            _relative(s.passage.score, top_score),
            1.0 - _relative(s.passage.score, top_score),
            s.index,
            float(s.index == 0),
            float(s.index == 0 and is_headline(s.text, s.passage.title)),
            len(words),
            float(has_cue(qtype, s.text, query)),
            sum(1 for m in _CAPITAL.finditer(s.text) if m.group(0).lower() not in q_words),
            len(_DIGIT.findall(s.text)),
            float(bool(_YEAR.search(s.text))),
            n,
            overlap(passage_stems[id(s.passage)]),
            max(lex[j] for j in by_passage[id(s.passage)]) - lex[i],
            max(cos[j] for j in by_passage[id(s.passage)]) - cos[i],
            float(s.passage.doc_id == top_doc),
            doc_count[s.passage.doc_id],
            len(q_stems),
            sum(1 for v in q_verbs if v in stems[i]) / len(q_verbs) if q_verbs else -1.0,
        )
    return rows


def _relative(score: float, top: float) -> float:
    """A passage's retrieval score as a share of the best one's (scale-free: any searcher)."""
    return score / top if top > 0 else 1.0


def _adjacent(a: Sentence, b: Sentence) -> bool:
    return a.passage is b.passage and b.index == a.index + 1


def _bigrams(text: str) -> set[tuple[str, str]]:
    stems = [t.stem for t in tokens(text)]
    return set(itertools.pairwise(stems))
