"""MultiHop-RAG: ``corpus.json`` (the news articles) plus ``MultiHopRAG.json`` (the queries).

Each article becomes a Document (source = its url, text = its body); each query an item whose
evidence is its ``evidence_list`` facts. ``question_type == "null_query"`` marks the questions
the corpus does not answer; ``question_type`` is kept as the item's type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.datasets.types import EvalItem, QuestionSet
from ingest.types import Document

CORPUS_FILE = "corpus.json"
QUERIES_FILE = "MultiHopRAG.json"


def is_multihop_queries(data: Any) -> bool:
    """True for a parsed list of MultiHop-RAG queries."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(q, dict) and "query" in q and "evidence_list" in q for q in data)
    )


def is_multihop_corpus(data: Any) -> bool:
    """True for a parsed MultiHop-RAG corpus: a list of ``{title, body, ...}`` articles."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(a, dict) and "body" in a and "title" in a for a in data)
    )


def load_multihop(
    queries: list[dict[str, Any]], corpus: list[dict[str, Any]] | None, name: str
) -> QuestionSet:
    """A question set from parsed queries and (when given) the parsed corpus."""
    items = [_query(i, q) for i, q in enumerate(queries)]
    documents = None if corpus is None else [_article(i, a) for i, a in enumerate(corpus)]
    return QuestionSet(name=name, items=items, documents=documents, fmt="multihop-rag")


def _query(index: int, query: dict[str, Any]) -> EvalItem:
    qtype = str(query.get("question_type") or "other")
    unanswerable = qtype == "null_query"
    answer = str(query.get("answer", "")).strip()
    facts = [str(e["fact"]) for e in query.get("evidence_list", []) if e.get("fact")]
    return EvalItem(
        id=str(query.get("id", f"mh-{index}")),
        question=str(query["query"]).strip(),
        answers=[] if unanswerable or not answer else [answer],
        unanswerable=unanswerable,
        evidence=facts,
        qtype=qtype,
    )


def _article(index: int, article: dict[str, Any]) -> Document:
    meta = {k: str(article[k]) for k in ("source", "category", "author") if article.get(k)}
    return Document(
        source=str(article.get("url") or f"multihop://{index}"),
        text=str(article["body"]),
        title=str(article.get("title", "")),
        date=str(article.get("published_at", "")),
        meta=meta,
    )


def find_pair(path: Path) -> tuple[Path, Path | None]:
    """(queries file, corpus file or None) for a folder or either of the two files."""
    folder = path if path.is_dir() else path.parent
    queries = folder / QUERIES_FILE if path.is_dir() or path.name == CORPUS_FILE else path
    corpus = folder / CORPUS_FILE
    return queries, corpus if corpus.exists() else None
