"""Answer latency of two answer backends side by side, in one run on one store.

Each sampled question is answered by every backend in turn (the order alternating per
question), so both see the same machine load; reported per backend: wall-clock p50/p95 of the
whole answer (condense → retrieve → answer) and of the answer step alone, and CPU time
(user + sys) per question, which a shared machine disturbs less.

    python -m eval.benchmarks.answerers ../shared/datasets/squad/squad-v1.1-dev-10articles.json \
        --backends extractive,heuristic --limit 300
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from typing import Any

from citeqa.settings import get_settings
from eval.datasets import load_question_set
from eval.metrics.latency import latency_summary
from eval.run import dataset_store
from qa import Pipeline


def compare_answerers(
    dataset: str, backends: Sequence[str], limit: int | None = 300, seed: int = 0
) -> dict[str, Any]:
    """Latency of ``backends`` on ``limit`` questions of ``dataset`` (a set with its corpus)."""
    settings = get_settings()
    qset = load_question_set(dataset)
    store = dataset_store(qset, dataset, settings)
    items = [i for i in qset.sample(limit, seed).items if not i.unanswerable]
    pipes = {b: Pipeline.from_settings(store, llm=b, settings=settings) for b in backends}
    for pipe in pipes.values():  # load models before timing
        pipe.answer(items[0].question)
    wall: dict[str, list[float]] = {b: [] for b in backends}
    step: dict[str, list[float]] = {b: [] for b in backends}
    cpu: dict[str, float] = dict.fromkeys(backends, 0.0)
    for n, item in enumerate(items):
        order = list(backends) if n % 2 == 0 else list(reversed(backends))
        for b in order:
            c0, t0 = time.process_time(), time.perf_counter()
            answer = pipes[b].answer(item.question)
            wall[b].append((time.perf_counter() - t0) * 1000)
            cpu[b] += time.process_time() - c0
            step[b].append(float(answer.timings.get("answer_ms", 0.0)))
    out: dict[str, Any] = {"questions": len(items), "dataset": dataset}
    for b in backends:
        out[b] = {
            "total_ms": latency_summary(wall[b]),
            "answer_ms": latency_summary(step[b]),
            "cpu_ms_per_question": round(cpu[b] * 1000 / max(len(items), 1), 1),
        }
    first, *rest = backends
    for b in rest:
        p50 = out[b]["total_ms"]["p50"]
        out[f"ratio_p50_{first}_over_{b}"] = round(out[first]["total_ms"]["p50"] / p50, 2)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dataset", help="A question set with its own corpus (SQuAD JSON).")
    ap.add_argument("--backends", default="extractive,heuristic", help="Comma-separated specs.")
    ap.add_argument("--limit", type=int, default=300, help="Questions sampled (seeded).")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    result = compare_answerers(args.dataset, args.backends.split(","), args.limit, args.seed)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
