"""SQuAD v1.1 and v2.0: every paragraph becomes a Document, every question an item.

A paragraph's document has source ``squad://<title>/<i>`` (``i`` its position in the article,
spaces in the title as ``_``) and the paragraph as text; the question's evidence is that source.
SQuAD 2.0's ``is_impossible`` questions are unanswerable.
"""

from __future__ import annotations

from typing import Any

from eval.datasets.qtype import question_type
from eval.datasets.types import EvalItem, QuestionSet
from ingest.types import Document


def is_squad(data: Any) -> bool:
    """True for a parsed SQuAD file: ``{"data": [{"title", "paragraphs": [...]}, ...]}``."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("data"), list)
        and all(isinstance(a, dict) and "paragraphs" in a for a in data["data"])
    )


def squad_source(title: str, index: int) -> str:
    """The document source of paragraph ``index`` of article ``title``."""
    return f"squad://{'_'.join(title.split())}/{index}"


def load_squad(data: dict[str, Any], name: str) -> QuestionSet:
    """A question set (with its corpus) from a parsed SQuAD v1.1 / v2.0 file."""
    documents: list[Document] = []
    items: list[EvalItem] = []
    for article in data["data"]:
        title = str(article.get("title", "untitled"))
        for i, paragraph in enumerate(article["paragraphs"]):
            source = squad_source(title, i)
            documents.append(
                Document(source=source, text=paragraph["context"], title=title.replace("_", " "))
            )
            items.extend(_question(qa, source) for qa in paragraph.get("qas", []))
    return QuestionSet(name=name, items=items, documents=documents, fmt=_version(data))


def _question(qa: dict[str, Any], source: str) -> EvalItem:
    question = str(qa["question"]).strip()
    impossible = bool(qa.get("is_impossible", False))
    answers = [] if impossible else _unique(str(a["text"]) for a in qa.get("answers", []))
    return EvalItem(
        id=str(qa["id"]),
        question=question,
        answers=answers,
        unanswerable=impossible,
        evidence=[source],
        qtype=question_type(question),
    )


def _unique(texts: Any) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        if text.strip():
            seen.setdefault(text.strip(), None)
    return list(seen)


def _version(data: dict[str, Any]) -> str:
    if str(data.get("version", "")).startswith("v2") or any(
        "is_impossible" in qa
        for article in data["data"]
        for p in article["paragraphs"]
        for qa in p.get("qas", [])
    ):
        return "squad2"
    return "squad1"
