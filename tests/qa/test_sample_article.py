"""The question set written for the sample article (eval/sets/sample_article.jsonl), question by
question (see ``tests.qa.set_questions``). Runs when ../shared/corpus is present."""

from __future__ import annotations

import pytest

from eval.datasets import EvalItem
from ingest.store import Store
from tests.qa.set_questions import check_item, set_items

# What the default (learned) answerer gets wrong today, each with its reason.
KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("item", set_items("sample_article.jsonl", KNOWN_MISSES))
def test_sample_article_question(sample_store: Store, item: EvalItem) -> None:
    check_item(sample_store, item)
