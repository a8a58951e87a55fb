"""Answer latency of two answer backends side by side, in one run on one store.

Each sampled question is answered by every backend in turn (the order alternating per
question), so both see the same machine load; reported per backend: wall-clock p50/p95 of the
whole answer (condense → retrieve → answer) and of the answer step alone, and CPU time
(user + sys, all threads) per question, which a shared machine disturbs less.

Cold by default: the in-process caches keyed by sentence text (the sentence-vector cache
``qa.vectors.VECTORS`` and the spaCy parse cache) are emptied before every answer, so each
figure is what a question over sentences the process has not seen costs (sentence vectors the
store keeps are still read from the store). ``--warm`` keeps them, as a long-running server
that is asked about the same passages again would.

    python -m eval.benchmarks.answerers ../shared/datasets/squad/squad-v1.1-dev-10articles.json \
        --backends extractive,heuristic --limit 300
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Sequence
from typing import Any

from citeqa.settings import get_settings
from eval.datasets import load_question_set
from eval.metrics.latency import latency_summary
from eval.run import dataset_store
from qa import Pipeline

DEFAULT_BACKENDS = ("extractive", "heuristic")


def clear_text_caches() -> None:
    """Forget every in-process cache keyed by sentence text (vectors, token vectors, parses)."""
    from qa.learned.rerank import TOKENS
    from qa.spacy_nlp import parse, syntax
    from qa.vectors import VECTORS

    VECTORS.clear()
    TOKENS.clear()
    parse.cache_clear()
    syntax.cache_clear()


def compare_answerers(
    dataset: str,
    backends: Sequence[str] = DEFAULT_BACKENDS,
    limit: int | None = 300,
    seed: int = 0,
    *,
    cold: bool = True,
) -> dict[str, Any]:
    """Latency of ``backends`` on ``limit`` questions of ``dataset`` (a set with its corpus).

    Args:
        dataset: a question set that brings its own corpus (SQuAD JSON); its store is built
            once and cached (``eval.run.dataset_store``).
        backends: answerer specs; the first is compared with each other one.
        limit: answerable questions sampled (seeded); None for all.
        seed: the sample's seed.
        cold: empty the text-keyed caches before every answer (see the module docstring).
    """
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
            if cold:
                clear_text_caches()
            c0, t0 = time.process_time(), time.perf_counter()
            answer = pipes[b].answer(item.question)
            wall[b].append((time.perf_counter() - t0) * 1000)
            cpu[b] += time.process_time() - c0
            step[b].append(float(answer.timings.get("answer_ms", 0.0)))
    out: dict[str, Any] = {
        "questions": len(items),
        "dataset": dataset,
        "caches": "cold" if cold else "warm",
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "backends": list(backends),
    }
    for b in backends:
        out[b] = {
            "total_ms": latency_summary(wall[b]),
            "answer_ms": latency_summary(step[b]),
            "cpu_ms_per_question": round(cpu[b] * 1000 / max(len(items), 1), 1),
        }
    first, *rest = backends
    out["ratios"] = {b: _ratios(out[first], out[b]) for b in rest}
    return out


def _ratios(a: dict[str, Any], b: dict[str, Any]) -> dict[str, float | None]:
    """``a`` ÷ ``b`` for wall p50/p95 and CPU per question."""

    def div(x: float | None, y: float | None) -> float | None:
        return round(x / y, 2) if x is not None and y else None

    return {
        "total_p50": div(a["total_ms"]["p50"], b["total_ms"]["p50"]),
        "total_p95": div(a["total_ms"]["p95"], b["total_ms"]["p95"]),
        "cpu": div(a["cpu_ms_per_question"], b["cpu_ms_per_question"]),
    }


def markdown(result: dict[str, Any]) -> list[str]:
    """The side-by-side table for ``bench.md``."""
    backends = result["backends"]
    first = backends[0]
    caches = (
        "cold: sentence-vector, token-vector and parse caches emptied before every answer"
        if result["caches"] == "cold"
        else "warm: in-process caches kept between questions"
    )
    lines = [
        f"## Answerers side by side ({result['questions']} questions, {caches}; "
        f"load average {', '.join(map(str, result['load_average']))})",
        "",
        "| backend | total p50 ms | total p95 ms | answer step p50 ms | answer step p95 ms "
        "| CPU ms / question |",
        "|---|---|---|---|---|---|",
    ]
    for b in backends:
        r = result[b]
        lines.append(
            f"| {b} | {_ms(r['total_ms']['p50'])} | {_ms(r['total_ms']['p95'])} | "
            f"{_ms(r['answer_ms']['p50'])} | {_ms(r['answer_ms']['p95'])} | "
            f"{r['cpu_ms_per_question']} |"
        )
    for b, q in result["ratios"].items():
        lines.append(f"| {first} ÷ {b} | {q['total_p50']} | {q['total_p95']} | | | {q['cpu']} |")
    return [*lines, ""]


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dataset", help="A question set with its own corpus (SQuAD JSON).")
    ap.add_argument("--backends", default=",".join(DEFAULT_BACKENDS), help="Comma-separated specs.")
    ap.add_argument("--limit", type=int, default=300, help="Questions sampled (seeded).")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--warm", action="store_true", help="Keep the text caches between answers.")
    args = ap.parse_args(argv)
    result = compare_answerers(
        args.dataset, args.backends.split(","), args.limit, args.seed, cold=not args.warm
    )
    print(json.dumps(result, indent=2))
    print("\n".join(markdown(result)))


if __name__ == "__main__":
    main()
