"""Answer latency with numpy's BLAS at its own thread count and at one thread, side by side.

Each sampled question is answered cold (``clear_text_caches``) by the default answerer under
both limits in turn, the order alternating per question, in one process: the same load, the
same store, the same answers (checked). What ``Settings.blas_threads`` (``qa.threads``) is
set by.

    python -m eval.benchmarks.blas_threads \
        ../shared/datasets/squad/squad-v1.1-dev-18articles-train.json --limit 150
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from threadpoolctl import threadpool_info, threadpool_limits

from citeqa.settings import get_settings
from eval.benchmarks.answerers import clear_text_caches
from eval.datasets import load_question_set
from eval.metrics.latency import latency_summary
from eval.run import dataset_store
from qa import Pipeline


def blas_pool_threads() -> int:
    """The most threads any loaded BLAS may use now (0 when threadpoolctl sees none)."""
    return max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=0)


def compare_blas_threads(dataset: str, limit: int = 150, seed: int = 5) -> dict[str, Any]:
    """p50/p95 wall and CPU per question of cold answers at the BLAS's own thread count and at
    one thread, on ``limit`` sampled questions of ``dataset`` (a set with its corpus)."""
    own = blas_pool_threads()
    settings = get_settings().model_copy(update={"blas_threads": 0})  # the pipeline leaves it
    qset = load_question_set(dataset)
    store = dataset_store(qset, dataset, settings)
    items = qset.sample(limit, seed).items
    pipe = Pipeline.from_settings(store, settings=settings)
    pipe.answer(items[0].question)
    limits = {f"own ({own})": max(own, 1), "one": 1}
    wall: dict[str, list[float]] = {k: [] for k in limits}
    cpu: dict[str, float] = dict.fromkeys(limits, 0.0)
    differ = 0
    for n, item in enumerate(items):
        texts = set()
        for name in list(limits) if n % 2 == 0 else list(reversed(limits)):
            with threadpool_limits(limits=limits[name], user_api="blas"):
                clear_text_caches()
                c0, t0 = time.process_time(), time.perf_counter()
                a = pipe.answer(item.question)
                wall[name].append((time.perf_counter() - t0) * 1000)
                cpu[name] += time.process_time() - c0
            texts.add((a.text, a.confidence))
        differ += len(texts) > 1
    out: dict[str, Any] = {"questions": len(items), "dataset": dataset, "answers_differ": differ}
    for name in limits:
        out[name] = {
            "total_ms": latency_summary(wall[name]),
            "cpu_ms_per_question": round(cpu[name] * 1000 / max(len(items), 1), 1),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    print(json.dumps(compare_blas_threads(args.dataset, args.limit), indent=2))


if __name__ == "__main__":
    main()
