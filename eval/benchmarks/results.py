"""The bench report: ``bench.json`` and a readable ``bench.md``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _f(x: Any, nd: int = 3) -> str:
    return "–" if x is None else f"{x:.{nd}f}" if isinstance(x, float) else str(x)


def write_bench_report(results: dict[str, Any], out: Path) -> Path:
    """Write ``bench.json`` and ``bench.md`` into ``out``; returns the markdown path."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2))
    lines = ["# citeqa bench", ""]
    ing = results.get("ingest")
    if ing:
        lines += [
            "## Ingest",
            "",
            "| documents | chunks | pipeline chunks/s | raw encode chunks/s | ratio "
            "| peak RSS MB |",
            "|---|---|---|---|---|---|",
            f"| {ing['documents']} | {ing['chunks']} | {ing['ingest_chunks_per_s']} | "
            f"{ing['raw_encode_chunks_per_s']} | {ing['ratio']} | {ing['peak_rss_mb']} |",
            "",
        ]
        bare = ing.get("without_sentence_vectors")
        if bare:
            lines += [
                f"Keeping sentence vectors ({ing['sentences_kept']} sentences): ingest "
                f"{ing['ingest_seconds']} s ({ing['ingest_cpu_seconds']} CPU s) against "
                f"{bare['ingest_seconds']} s ({bare['ingest_cpu_seconds']} CPU s) without them, "
                f"same files, same run: {ing['sentence_vectors_slowdown']}× the time.",
                "",
            ]
        if ing.get("read_ms_per_kb") is not None:
            lines += [f"Reading and cleaning alone: {ing['read_ms_per_kb']} CPU ms per KB.", ""]
    cmp_ = results.get("compare")
    if cmp_:
        lines += [
            f"## citeqa vs the plain LangChain recipe ({cmp_['questions']} questions)",
            "",
            "| metric | citeqa | plain recipe | ratio |",
            "|---|---|---|---|",
        ]
        for key in ("hit@1", "hit@5", "hit@10", "mrr@10", "answer_contains"):
            lines.append(
                f"| {key} | {_f(cmp_['citeqa'][key])} | {_f(cmp_['plain_recipe'][key])} "
                f"| {_f(cmp_['ratio'].get(key))} |"
            )
        for key in ("retrieve_ms", "answer_ms"):
            for q in ("p50", "p95"):
                lines.append(
                    f"| {key} {q} | {_f(cmp_['citeqa'][key][q], 1)} | "
                    f"{_f(cmp_['plain_recipe'][key][q], 1)} | |"
                )
        lines.append(
            f"| index build s | {cmp_['citeqa']['index_s']} | {cmp_['plain_recipe']['index_s']} | |"
        )
        lines.append("")
    scale = results.get("scale")
    if scale:
        lines += [
            "## Query cost vs store size",
            "",
            "| chunks | build s | retrieve p50/p95 ms | answer p50/p95 ms | RSS MB |",
            "|---|---|---|---|---|",
        ]
        for r in scale:
            lines.append(
                f"| {r['chunks']} | {r['build_s']} | {_f(r['retrieve_ms']['p50'], 1)} / "
                f"{_f(r['retrieve_ms']['p95'], 1)} | {_f(r['answer_ms']['p50'], 1)} / "
                f"{_f(r['answer_ms']['p95'], 1)} | {r['rss_mb']} |"
            )
    cold = results.get("cold_start")
    if cold:
        from eval.benchmarks.cold_start import markdown

        lines += ["", *markdown(cold)]
    answerers = results.get("answerers")
    if answerers:
        from eval.benchmarks.answerers import markdown as answerers_markdown

        lines += ["", *answerers_markdown(answerers)]
    path = out / "bench.md"
    path.write_text("\n".join(lines) + "\n")
    return path
