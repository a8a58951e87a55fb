"""The report's plots, drawn on bare matplotlib Figures (no pyplot state) as PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from eval.metrics.latency import percentile
from eval.metrics.retrieval import mean_hit_at_k
from eval.records import EvalResult

BLUE, ORANGE, GREEN = "#2563eb", "#ea580c", "#16a34a"


def hit_at_k_curve(result: EvalResult) -> bytes | None:
    """hit@k for k = 1 .. the deepest ranking retrieved; None when no question was judged."""
    flags = [r.hit_flags for r in result.records]
    depth = max((len(f) for f in flags if f is not None), default=0)
    depth = max(depth, max(result.k_values))
    ks = list(range(1, depth + 1))
    values = [mean_hit_at_k(flags, k) for k in ks]
    if all(v is None for v in values):
        return None
    fig, ax = _figure()
    ax.plot(ks, [v or 0.0 for v in values], marker="o", color=BLUE, linewidth=2)
    for k in result.k_values:
        v = values[k - 1] or 0.0
        dy = -14 if v > 0.85 else 8
        ax.annotate(f"{v:.2f}", (k, v), textcoords="offset points", xytext=(0, dy), ha="center")
    ax.set(xlabel="k (passages retrieved)", ylabel="hit@k", ylim=(0, 1.05), title="hit@k")
    ax.set_xticks(ks if depth <= 20 else ks[:: max(1, depth // 10)])
    return _png(fig)


def latency_histogram(result: EvalResult) -> bytes | None:
    """Histogram of per-question total latency with p50 and p95 marked; None without timings."""
    totals = [r.timings["total_ms"] for r in result.records if "total_ms" in r.timings]
    if not totals:
        return None
    fig, ax = _figure()
    ax.hist(totals, bins=min(30, max(5, len(totals) // 3)), color=BLUE, alpha=0.8)
    for q, color in ((50, GREEN), (95, ORANGE)):
        value = percentile(totals, q)
        if value is not None:
            ax.axvline(value, color=color, linestyle="--", label=f"p{q} = {value:,.0f} ms")
    ax.set(xlabel="total latency per question (ms)", ylabel="questions", title="latency")
    ax.legend()
    return _png(fig)


def qtype_scores(result: EvalResult) -> bytes | None:
    """Grouped bars of hit@K, F1 and contains per question type; None when there is no type."""
    by_qtype: dict[str, dict[str, Any]] = result.metrics.get("by_qtype", {})
    if not by_qtype:
        return None
    kmax = max(result.k_values)
    series = ((f"hit@{kmax}", BLUE), ("f1", ORANGE), ("contains", GREEN))
    names = list(by_qtype)
    fig, ax = _figure()
    width = 0.8 / len(series)
    for i, (key, color) in enumerate(series):
        xs = [j + (i - 1) * width for j in range(len(names))]
        ax.bar(xs, _zeros(by_qtype[n].get(key) for n in names), width, label=key, color=color)
    ax.set_xticks(range(len(names)), [f"{n}\n(n={by_qtype[n]['n']})" for n in names])
    ax.tick_params(axis="x", labelsize=8)
    ax.set(ylabel="score", ylim=(0, 1.05))
    ax.set_title("scores per question type")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    return _png(fig)


def reliability(result: EvalResult, bins: int = 10) -> bytes | None:
    """Reliability diagram of ``Answer.confidence``: per confidence bin, the share of questions
    answered right (the answer text holds a gold answer; an unanswerable question is never
    answered right) against the bin's mean confidence, with the question count per bin; None
    when no record has a confidence."""
    pairs = [
        (r.confidence, float(r.answer_correct)) for r in result.records if r.confidence is not None
    ]
    if not pairs:
        return None
    fig, ax = _figure(width=5.5)
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    xs, ys, ns = [], [], []
    for b in range(bins):
        inside = [(c, ok) for c, ok in pairs if min(int(c * bins), bins - 1) == b]
        if inside:
            xs.append(sum(c for c, _ in inside) / len(inside))
            ys.append(sum(ok for _, ok in inside) / len(inside))
            ns.append(len(inside))
    ax.plot(xs, ys, marker="o", color=BLUE, linewidth=2, label="observed")
    for x, y, n in zip(xs, ys, ns, strict=True):
        ax.annotate(
            str(n), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7
        )
    ece = result.metrics.get("calibration", {}).get("ece")
    title = "reliability of confidence" + (f" (ECE {ece:.3f})" if ece is not None else "")
    ax.set(
        xlabel="confidence", ylabel="share answered right", xlim=(0, 1), ylim=(0, 1.05), title=title
    )
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return _png(fig)


def all_plots(result: EvalResult) -> dict[str, bytes]:
    """Every plot that has data, by file stem."""
    plots = {
        "hit_at_k": hit_at_k_curve(result),
        "latency": latency_histogram(result),
        "qtype_scores": qtype_scores(result),
        "reliability": reliability(result),
    }
    return {name: png for name, png in plots.items() if png is not None}


def _zeros(values: Any) -> Sequence[float]:
    return [0.0 if v is None else float(v) for v in values]


def _figure(width: float = 7.0) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, 3.8), dpi=110)
    ax = fig.subplots()
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
