"""Which retrieved passages are gold: from the gold document (or holding the evidence text)
and holding a gold answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from eval.metrics.text import contains_phrase


class RetrievedPassage(Protocol):
    """What the retrieval metrics read of a ranked passage (``qa.types.Passage`` fits)."""

    @property
    def text(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def source(self) -> str: ...


def passage_is_hit(
    text: str, doc_keys: Sequence[str], evidence: Sequence[str], answers: Sequence[str]
) -> bool:
    """True when a retrieved passage is gold.

    Rule: ``in_evidence AND has_answer`` where

    * ``in_evidence``: one of ``doc_keys`` (the passage's doc id / source) is an evidence id, or an
      evidence text occurs in the passage (normalised); true when there is no evidence;
    * ``has_answer``: a gold answer occurs in the passage (normalised, whole words); true when there
      are no answers, and also when the evidence is text none of which holds any gold answer
      (MultiHop-RAG's "Yes"/"No" comparisons), where the evidence alone decides.

    Evidence strings without whitespace are ids (``squad://Oxygen/0``, a doc id); others are text.

    Args:
        text: the passage text.
        doc_keys: identifiers of the passage's document (doc id, source).
        evidence: gold evidence: document ids/sources or passage texts.
        answers: gold answers.

    >>> passage_is_hit("Isik said on August 24 ...", ["d1"], ["d1"], ["August 24"])
    True
    >>> passage_is_hit("Isik said on August 24 ...", ["d2"], ["d1"], ["August 24"])
    False
    >>> passage_is_hit("Lavrov met Cavusoglu.", ["d1"], ["d1"], ["August 24"])
    False
    >>> passage_is_hit("So Lavrov met Cavusoglu.", ["x"], ["Lavrov met Cavusoglu"], ["Yes"])
    True
    """
    ids = {e for e in evidence if _is_id(e)}
    texts = [e for e in evidence if not _is_id(e)]
    return _in_evidence(text, doc_keys, ids, texts) and _has_answer(text, texts, answers)


def hit_flags(
    passages: Sequence[RetrievedPassage], evidence: Sequence[str], answers: Sequence[str]
) -> list[bool] | None:
    """``passage_is_hit`` for each ranked passage; None when there is no gold to judge by
    (neither evidence nor answers, e.g. an unanswerable question).

    >>> from types import SimpleNamespace as P
    >>> ranked = [P(text="nothing here", doc_id="a", source="s"),
    ...           P(text="in Ankara", doc_id="b", source="s")]
    >>> hit_flags(ranked, [], ["Ankara"])
    [False, True]
    >>> hit_flags(ranked, [], []) is None
    True
    """
    if not evidence and not answers:
        return None
    return [passage_is_hit(p.text, (p.doc_id, p.source), evidence, answers) for p in passages]


def _is_id(evidence: str) -> bool:
    return bool(evidence) and not any(ch.isspace() for ch in evidence.strip())


def _in_evidence(text: str, doc_keys: Sequence[str], ids: set[str], texts: list[str]) -> bool:
    if not ids and not texts:
        return True
    return any(k in ids for k in doc_keys) or any(contains_phrase(text, t) for t in texts)


def _has_answer(text: str, evidence_texts: list[str], answers: Sequence[str]) -> bool:
    if not answers:
        return True
    if evidence_texts and not any(contains_phrase(t, a) for t in evidence_texts for a in answers):
        return True
    return any(contains_phrase(text, a) for a in answers)
