"""Write an eval run's report: metrics.json, records.jsonl, report.md, report.html, plots/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from eval.records import EvalResult
from eval.reporting.html_page import render_html
from eval.reporting.markdown import render_markdown
from eval.reporting.plots import all_plots


@dataclass(frozen=True)
class ReportFiles:
    """Where ``write_report`` put each file."""

    metrics: Path
    records: Path
    markdown: Path
    html: Path
    plots: list[Path]


def write_report(
    result: EvalResult, out_dir: str | Path, *, title: str = "citeqa eval", command: str = ""
) -> ReportFiles:
    """Write the report of ``result`` into ``out_dir`` (created when missing).

    Args:
        result: the finished run.
        out_dir: the folder to write into; existing report files there are replaced.
        title: the report's heading (default "citeqa eval").
        command: the command line that produced the run, shown for reproducing it (default "").

    Files: ``metrics.json`` (exactly ``result.metrics``, the shape baselines pin),
    ``records.jsonl`` (one record per question), ``report.md`` (tables, plots linked from
    ``plots/``), ``report.html`` (self-contained: inline CSS, plots as base64 PNG).
    """
    out = Path(out_dir)
    (out / "plots").mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    plots = all_plots(result)
    files = ReportFiles(
        metrics=out / "metrics.json",
        records=out / "records.jsonl",
        markdown=out / "report.md",
        html=out / "report.html",
        plots=[out / "plots" / f"{name}.png" for name in plots],
    )
    files.metrics.write_text(json.dumps(result.metrics, indent=2) + "\n", encoding="utf-8")
    files.records.write_text(
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in result.records),
        encoding="utf-8",
    )
    for path, png in zip(files.plots, plots.values(), strict=True):
        path.write_bytes(png)
    files.markdown.write_text(
        render_markdown(result, title=title, command=command, created=created, plots=list(plots)),
        encoding="utf-8",
    )
    files.html.write_text(
        render_html(result, title=title, command=command, created=created, plots=plots),
        encoding="utf-8",
    )
    return files
