"""Open a question set of any supported format, picked by its content, and hash it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from eval.datasets.jsonl import load_jsonl, parse_record
from eval.datasets.multihop import find_pair as find_multihop_pair
from eval.datasets.multihop import (
    is_multihop_corpus,
    is_multihop_queries,
    load_multihop,
)
from eval.datasets.squad import is_squad, load_squad
from eval.datasets.types import QuestionSet


def load_question_set(path: str | Path) -> QuestionSet:
    """Read the question set at ``path``, whatever its format.

    Args:
        path: a JSONL file (citeqa's format); a SQuAD v1.1/v2.0 JSON file; a MultiHop-RAG folder
            holding ``corpus.json`` and ``MultiHopRAG.json`` (or either of those two files); or
            a JSON list of records in the JSONL format.

    Raises FileNotFoundError for a missing path and ValueError for content of no known format.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    if path.is_dir():
        return _load_multihop(path)
    data = _try_json(path)
    if data is None:
        return load_jsonl(path)
    if is_squad(data):
        return load_squad(data, name=path.stem)
    if is_multihop_queries(data) or is_multihop_corpus(data):
        return _load_multihop(path)
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        items = [parse_record(r, default_id=f"{path.stem}-{i}") for i, r in enumerate(data)]
        return QuestionSet(name=path.stem, items=items, documents=None, fmt="json")
    if isinstance(data, dict) and ("question" in data or "turns" in data):
        return load_jsonl(path)  # a one-line JSONL file parses as a single JSON object
    raise ValueError(f"{path}: not a question set this tool knows (JSONL, SQuAD, MultiHop-RAG)")


def dataset_hash(path: str | Path) -> str:
    """A hex digest of the dataset's content (every file of a folder, by relative name), so a
    cached store built from it is reused exactly while the data is unchanged."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    h = hashlib.sha256()
    for file in files:
        h.update(str(file.relative_to(path) if path.is_dir() else "").encode())
        h.update(b"\x00")
        h.update(file.read_bytes())
        h.update(b"\x00")
    return h.hexdigest()


def _try_json(path: Path) -> Any | None:
    """The parsed file when it is one JSON document; None when it is not (JSONL, say)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None


def _load_multihop(path: Path) -> QuestionSet:
    queries_path, corpus_path = find_multihop_pair(path)
    if not queries_path.exists():
        raise ValueError(f"{path}: no MultiHop-RAG queries file ({queries_path.name}) found")
    queries = json.loads(queries_path.read_text(encoding="utf-8"))
    corpus = None if corpus_path is None else json.loads(corpus_path.read_text(encoding="utf-8"))
    if not is_multihop_queries(queries):
        raise ValueError(f"{queries_path}: not a list of MultiHop-RAG queries")
    name = path.name if path.is_dir() else path.parent.name or queries_path.stem
    return load_multihop(queries, corpus, name=name)
