"""The rich summary table printed at the end of an eval run."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from eval.records import EvalResult

GROUPS = ("retrieval", "answer", "citation", "refusal", "offered")
LOWER_IS_BETTER = {"wrongly_declined"}


def fmt_score(value: float | None) -> str:
    """A ratio with three decimals; "—" for a score that does not apply.

    >>> fmt_score(0.71234), fmt_score(None)
    ('0.712', '—')
    """
    return "—" if value is None else f"{value:.3f}"


def fmt_ms(value: float | None) -> str:
    """Milliseconds, rounded; "—" when missing.

    >>> fmt_ms(1234.5), fmt_ms(None)
    ('1,234 ms', '—')
    """
    return "—" if value is None else f"{value:,.0f} ms"


def print_summary(result: EvalResult, console: Console | None = None) -> None:
    """Print the run's metrics, latency and per-question-type scores as rich tables.

    Args:
        result: the finished run.
        console: where to print (default: a new rich Console on stdout).
    """
    console = console or Console()
    m = result.metrics
    console.print(
        f"[bold]citeqa eval · {result.name}[/] · {m['n_questions']} questions "
        f"({m.get('n_unanswerable', 0)} unanswerable) · {result.duration_s:.1f} s"
    )
    console.print(_metrics_table(result))
    console.print(_latency_table(result.metrics["latency_ms"]))
    if result.metrics.get("by_qtype"):
        console.print(_qtype_table(result))


def _metrics_table(result: EvalResult) -> Table:
    m = result.metrics
    table = Table(title="scores", show_lines=False)
    table.add_column("group", style="bold")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for group in GROUPS:
        for i, (name, value) in enumerate(m.get(group, {}).items()):
            style = _style(name, value)
            table.add_row(group if i == 0 else "", name, f"[{style}]{fmt_score(value)}[/]")
        table.add_section()
    if m.get("n_errors"):
        table.add_row("errors", "questions that raised", f"[red]{m['n_errors']}[/]")
    return table


def _latency_table(latency: dict[str, Any]) -> Table:
    table = Table(title="latency")
    table.add_column("stage", style="bold")
    table.add_column("p50", justify="right")
    table.add_column("p95", justify="right")
    table.add_row("total", fmt_ms(latency["p50"]), fmt_ms(latency["p95"]))
    for stage, values in latency.get("per_stage", {}).items():
        if stage != "total_ms":
            table.add_row(stage, fmt_ms(values["p50"]), fmt_ms(values["p95"]))
    return table


def _qtype_table(result: EvalResult) -> Table:
    kmax = max(result.k_values)
    table = Table(title="by question type")
    for name in ("type", "n", f"hit@{kmax}", "em", "f1", "contains", "declined"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for qtype, row in result.metrics["by_qtype"].items():
        table.add_row(
            qtype,
            str(row["n"]),
            fmt_score(row.get(f"hit@{kmax}")),
            fmt_score(row["em"]),
            fmt_score(row["f1"]),
            fmt_score(row["contains"]),
            fmt_score(row["declined"]),
        )
    return table


def _style(name: str, value: float | None) -> str:
    if value is None:
        return "dim"
    good = 1.0 - value if name in LOWER_IS_BETTER else value
    return "green" if good >= 0.8 else "yellow" if good >= 0.5 else "red"
