"""citeqa's own question-set format: one JSON object per line.

A question::

    {"id": "q1", "question": "Who ...?", "answers": ["Fikri Isik"], "unanswerable": false,
     "evidence": ["... Turkish Defense Minister Fikri Isik said ..."], "qtype": "who"}

A conversation (each turn takes the same keys as a question, except ``id``)::

    {"id": "c1", "turns": [{"question": "Who ...?", "answers": ["..."]},
                           {"question": "What did he say ...?", "answers": ["..."]}]}

Only ``question`` (or ``turns``) is required; ``unanswerable`` defaults to false and ``qtype``
to the type read from the wh-word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.datasets.qtype import question_type
from eval.datasets.types import EvalItem, QuestionSet, Turn


def load_jsonl(path: Path, name: str | None = None) -> QuestionSet:
    """Read a JSONL question set; ``name`` defaults to the file's stem.

    Raises ValueError naming the line of the first malformed record.
    """
    items: list[EvalItem] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            items.append(parse_record(json.loads(line), default_id=f"{path.stem}-{lineno}"))
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return QuestionSet(name=name or path.stem, items=items, documents=None, fmt="jsonl")


def parse_record(record: dict[str, Any], default_id: str) -> EvalItem:
    """One JSONL record (a question or a conversation) as an EvalItem."""
    if not isinstance(record, dict):
        raise TypeError("each line must be a JSON object")
    item_id = str(record.get("id") or default_id)
    if "turns" in record:
        turns = [_parse_turn(t) for t in record["turns"]]
        if not turns:
            raise ValueError("a conversation needs at least one turn")
        first = turns[0]
        return EvalItem(
            item_id,
            first.question,
            first.answers,
            first.unanswerable,
            first.evidence,
            turns=turns,
            qtype=str(record.get("qtype") or "conversation"),
        )
    turn = _parse_turn(record)
    return EvalItem(
        item_id, turn.question, turn.answers, turn.unanswerable, turn.evidence, qtype=turn.qtype
    )


def _parse_turn(record: dict[str, Any]) -> Turn:
    question = str(record["question"]).strip()
    if not question:
        raise ValueError("empty question")
    answers = _str_list(record.get("answers", []), "answers")
    evidence = _str_list(record.get("evidence", []), "evidence")
    unanswerable = bool(record.get("unanswerable", False))
    qtype = str(record.get("qtype") or question_type(question))
    return Turn(question, [] if unanswerable else answers, unanswerable, evidence, qtype)


def _str_list(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list of strings")
    return [str(v) for v in value if str(v).strip()]
