"""citeqa next to the plain LangChain recipe on the same corpus and questions, in one run.

Both index the dataset's own corpus from scratch (timed), then answer every question: citeqa with
its hybrid retrieval and extractive answer, the plain recipe with ``similarity_search`` and the
top chunk as its answer. Quality and speed are reported side by side, with ratios.

    python -m eval.benchmarks.compare ../shared/datasets/squad/squad-v1.1-dev-10articles.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eval.benchmarks.plain_recipe import build_plain_recipe
from eval.datasets import EvalItem, load_question_set
from eval.metrics.answer.scores import contains
from eval.metrics.latency.percentiles import percentile
from eval.metrics.retrieval.gold import hit_flags
from eval.metrics.retrieval.ranking import mean_hit_at_k, mrr_at_k
from ingest import ingest_documents, open_store
from qa import Pipeline, retrieve
from qa.types import Passage


def _score(
    items: Sequence[EvalItem],
    search: Callable[[str], list[Passage]],
    respond: Callable[[str], str],
) -> dict[str, Any]:
    flags, found, r_ms, a_ms = [], [], [], []
    for item in items:
        t = time.perf_counter()
        passages = search(item.question)
        r_ms.append((time.perf_counter() - t) * 1000)
        flags.append(hit_flags(passages, item.evidence, item.answers))
        t = time.perf_counter()
        text = respond(item.question)
        a_ms.append((time.perf_counter() - t) * 1000)
        found.append(contains(text, item.answers))
    return {
        "hit@1": mean_hit_at_k(flags, 1),
        "hit@5": mean_hit_at_k(flags, 5),
        "hit@10": mean_hit_at_k(flags, 10),
        "mrr@10": mrr_at_k(flags, 10),
        "answer_contains": sum(x or 0 for x in found) / max(len(found), 1),
        "retrieve_ms": {"p50": percentile(r_ms, 50), "p95": percentile(r_ms, 95)},
        "answer_ms": {"p50": percentile(a_ms, 50), "p95": percentile(a_ms, 95)},
    }


def compare(dataset: str, limit: int | None = None, seed: int = 0) -> dict[str, Any]:
    """Index with both systems and score both on the same answerable questions."""
    qset = load_question_set(dataset)
    docs = qset.documents or []
    items = [i for i in (qset.sample(limit, seed) if limit else qset).items if not i.unanswerable]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = open_store(Path(tmp) / "citeqa", create=True)
        ingest_documents(docs, store=store)
        ours_index_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        plain = build_plain_recipe(docs, str(Path(tmp) / "plain"))
        plain_index_s = time.perf_counter() - t0

        pipe = Pipeline.from_settings(store)
        ours = _score(
            items, lambda q: retrieve(q, pipe.searcher, 10), lambda q: pipe.answer(q).text
        )
        theirs = _score(items, lambda q: plain.search(q, 10), lambda q: plain.search(q, 4)[0].text)
    ours["index_s"], theirs["index_s"] = round(ours_index_s, 1), round(plain_index_s, 1)
    ratios = {
        k: round(ours[k] / theirs[k], 3)
        for k in ("hit@1", "hit@5", "hit@10", "mrr@10", "answer_contains")
        if ours[k] and theirs[k]
    }
    # Both "answer" timings are end to end: question in, answer text out.
    ratios["answer_p50_latency"] = round(ours["answer_ms"]["p50"] / theirs["answer_ms"]["p50"], 2)
    return {"questions": len(items), "citeqa": ours, "plain_recipe": theirs, "ratio": ratios}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    print(json.dumps(compare(args.dataset, args.limit), indent=2))


if __name__ == "__main__":
    main()
