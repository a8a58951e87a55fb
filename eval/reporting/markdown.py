"""The Markdown report: the same tables as the HTML one, plots linked as PNG files."""

from __future__ import annotations

import html
from collections.abc import Sequence

from eval.records import EvalResult
from eval.reporting.tables import clip, metric_rows, qtype_rows, stage_rows, why_failed


def md_cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell: HTML-escaped, pipes escaped, one line.

    >>> md_cell("a | <b>\\nc")
    'a \\\\| &lt;b&gt; c'
    """
    return html.escape(" ".join((text or "").split())).replace("|", "\\|")


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; cells are escaped with ``md_cell``."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(
    result: EvalResult, *, title: str, command: str, created: str, plots: Sequence[str]
) -> str:
    """The whole report as Markdown; ``plots`` are the stems of PNGs under ``plots/``."""
    m = result.metrics
    parts = [
        f"# {md_cell(title)}",
        "",
        f"- command: `{command}`" if command else "- command: (not given)",
        f"- dataset: {md_cell(result.name)} ({md_cell(str(result.meta.get('format', '')))})",
        f"- questions: {m['n_questions']} ({m.get('n_unanswerable', 0)} unanswerable), "
        f"errors: {m.get('n_errors', 0)}, run time {result.duration_s:.1f} s, {created}",
        "",
        "## Metrics",
        "",
        md_table(["group", "metric", "value"], metric_rows(m)),
        "",
        "## Latency per stage",
        "",
        md_table(["stage", "p50", "p95"], stage_rows(m)),
        "",
        "## Scores per question type",
        "",
        md_table(*qtype_rows(result)),
        "",
    ]
    if plots:
        parts += ["## Plots", ""] + [f"![{p}](plots/{p}.png)" for p in plots] + [""]
    parts += [f"## Failed questions ({len(result.failed)})", "", _failed_table(result), ""]
    return "\n".join(parts)


def _failed_table(result: EvalResult) -> str:
    rows = [
        [
            r.id,
            r.qtype,
            why_failed(r),
            r.question,
            "; ".join(r.gold_answers) or "(unanswerable)",
            clip(r.error or r.answer_text, 300),
            r.short or "",
        ]
        for r in result.failed
    ]
    if not rows:
        return "None."
    return md_table(["id", "type", "why", "question", "gold", "answer", "short"], rows)
