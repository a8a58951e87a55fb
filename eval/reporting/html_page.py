"""The self-contained HTML report: inline CSS, plots as base64 PNG, every text escaped."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from eval.records import EvalResult, QuestionRecord
from eval.reporting.tables import clip, metric_rows, qtype_rows, stage_rows, why_failed
from eval.summary import LOWER_IS_BETTER, fmt_ms, fmt_score

CSS = """
:root { --ink:#0f172a; --muted:#64748b; --line:#e2e8f0; --bg:#f8fafc; --accent:#2563eb;
        --good:#15803d; --mid:#b45309; --bad:#b91c1c; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
       color:var(--ink); background:var(--bg); }
main { max-width:1180px; margin:0 auto; padding:28px 32px 60px; }
h1 { font-size:26px; margin:0 0 6px; }
h2 { font-size:18px; margin:34px 0 12px; padding-bottom:6px; border-bottom:1px solid var(--line); }
.meta { color:var(--muted); margin:0; }
.meta code { background:#e2e8f0; padding:1px 6px; border-radius:4px; color:var(--ink); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(130px,1fr)); gap:12px;
         margin-top:22px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.card .value { font-size:22px; font-weight:650; margin-top:2px; white-space:nowrap; }
.good { color:var(--good); } .mid { color:var(--mid); } .bad { color:var(--bad); }
.na { color:var(--muted); }
.grid2 { display:grid; grid-template-columns:1fr 1fr; gap:18px; align-items:start; }
table { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line);
        border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line);
         vertical-align:top; }
th { background:#f1f5f9; font-weight:600; font-size:12px; text-transform:uppercase;
     letter-spacing:.03em; color:#334155; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.plots { display:grid; grid-template-columns:repeat(auto-fit,minmax(460px,1fr)); gap:16px; }
figure { margin:0; background:#fff; border:1px solid var(--line); border-radius:10px; padding:8px; }
figure img { width:100%; display:block; }
.failed { table-layout:fixed; }
.failed td { font-size:13px; overflow-wrap:anywhere; }
.failed col.c-id { width:11%; } .failed col.c-why { width:12%; } .failed col.c-q { width:18%; }
.failed col.c-gold { width:14%; } .failed col.c-back { width:31%; } .failed col.c-ret { width:14%; }
.why { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px;
       background:#fee2e2; color:var(--bad); }
.cite { color:var(--muted); font-size:12px; margin-top:4px; }
.small { color:var(--muted); font-size:12px; }
"""

CARDS = (
    ("retrieval", "hit@5", "hit@5"),
    ("retrieval", "mrr@10", "MRR@10"),
    ("answer", "f1", "answer F1"),
    ("answer", "contains", "answer contains"),
    ("citation", "precision", "citation precision"),
    ("refusal", "recall", "refusal recall"),
)


def render_html(
    result: EvalResult,
    *,
    title: str,
    command: str,
    created: str,
    plots: Mapping[str, bytes],
) -> str:
    """The whole report as one HTML page that needs no other file."""
    m = result.metrics
    body = [
        f"<h1>{escape(title)}</h1>",
        _meta(result, command, created),
        _cards(m),
        "<h2>Metrics</h2>",
        '<div class="grid2">',
        _table(["group", "metric", "value"], metric_rows(m), numeric={2}),
        _table(["stage", "p50", "p95"], stage_rows(m), numeric={1, 2}),
        "</div>",
        "<h2>Plots</h2>" if plots else "",
        _plots(plots),
        "<h2>Scores per question type</h2>",
        _table(*qtype_rows(result), numeric=set(range(1, 8))),
        f"<h2>Failed questions ({len(result.failed)} of {m['n_questions']})</h2>",
        _failed(result.failed),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _meta(result: EvalResult, command: str, created: str) -> str:
    m = result.metrics
    return (
        f"<p class='meta'>dataset <b>{escape(result.name)}</b> "
        f"({escape(str(result.meta.get('format', '')))}) · {m['n_questions']} questions, "
        f"{m.get('n_unanswerable', 0)} unanswerable · {m.get('n_errors', 0)} errors · "
        f"run time {result.duration_s:.1f} s · {escape(created)}</p>"
        f"<p class='meta'>command <code>{escape(command or '(not given)')}</code></p>"
    )


def _cards(metrics: dict[str, Any]) -> str:
    cards = []
    for group, key, label in CARDS:
        value = metrics.get(group, {}).get(key)
        cards.append(_card(label, fmt_score(value), _grade(key, value)))
    p50 = metrics["latency_ms"]["p50"]
    cards.append(_card("latency p50", fmt_ms(p50), "" if p50 is not None else "na"))
    return f"<div class='cards'>{''.join(cards)}</div>"


def _card(label: str, value: str, grade: str) -> str:
    return (
        f"<div class='card'><div class='label'>{escape(label)}</div>"
        f"<div class='value {grade}'>{escape(value)}</div></div>"
    )


def _grade(key: str, value: float | None) -> str:
    if value is None:
        return "na"
    good = 1.0 - value if key in LOWER_IS_BETTER else value
    return "good" if good >= 0.8 else "mid" if good >= 0.5 else "bad"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='num'>{escape(c)}</td>" if i in numeric else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _plots(plots: Mapping[str, bytes]) -> str:
    figures = "".join(
        f"<figure><img alt='{escape(name)}' "
        f"src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}'></figure>"
        for name, png in plots.items()
    )
    return f"<div class='plots'>{figures}</div>" if figures else ""


def _failed(records: Sequence[QuestionRecord]) -> str:
    if not records:
        return "<p class='small'>No failed question.</p>"
    header = "".join(
        f"<th>{h}</th>" for h in ("id", "why", "question", "gold", "what came back", "retrieved")
    )
    cols = "".join(f"<col class='c-{c}'>" for c in ("id", "why", "q", "gold", "back", "ret"))
    return (
        f"<table class='failed'><colgroup>{cols}</colgroup><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(_failed_row(r) for r in records)}</tbody></table>"
    )


def _failed_row(r: QuestionRecord) -> str:
    gold = "; ".join(r.gold_answers) or "(unanswerable)"
    returned = escape(clip(r.error or r.answer_text or "(empty)"))
    if r.short:
        returned += f"<div class='cite'>short: <b>{escape(r.short)}</b></div>"
    for c in r.citations:
        quote = clip(str(c.get("quote", "")), 240)
        returned += f"<div class='cite'>[{escape(str(c.get('n', '')))}] “{escape(quote)}”</div>"
    retrieved = _retrieved_summary(r.retrieved, r.hit_flags)
    history = "".join(
        f"<div class='cite'>earlier: {escape(clip(q, 120))}</div>" for q, _ in r.history
    )
    return (
        f"<tr><td>{escape(r.id)}<div class='small'>{escape(r.qtype)}</div></td>"
        f"<td><span class='why'>{escape(why_failed(r))}</span></td>"
        f"<td>{escape(r.question)}{history}</td><td>{escape(gold)}</td><td>{returned}</td>"
        f"<td class='small'>{retrieved}</td></tr>"
    )


def _retrieved_summary(
    retrieved: Sequence[Mapping[str, Any]], flags: Sequence[bool] | None, top: int = 5
) -> str:
    """The documents of the top passages as escaped HTML: short name and ranks, gold ranks
    in bold green."""
    ranks: dict[str, list[str]] = {}
    for rank, p in enumerate(retrieved[:top], start=1):
        name = short_source(str(p.get("source") or p.get("doc_id") or "?"))
        gold = flags is not None and rank <= len(flags) and flags[rank - 1]
        ranks.setdefault(name, []).append(f"<b class='good'>#{rank}</b>" if gold else f"#{rank}")
    if not ranks:
        return "(nothing)"
    return "".join(
        f"<div>{escape(clip(name, 60))} <span class='small'>{', '.join(r)}</span></div>"
        for name, r in ranks.items()
    )


def short_source(source: str) -> str:
    """A readable name for a document source: a file's name, the last two parts of a URL.

    >>> short_source("/work/corpus/000_e6.txt"), short_source("squad://Oxygen/43")
    ('000_e6.txt', 'Oxygen/43')
    """
    if source.startswith("/") or "://" not in source:
        return source.rstrip("/").rsplit("/", 1)[-1] or source
    parts = [p for p in source.split("://", 1)[1].split("/") if p]
    return "/".join(parts[-2:]) or source
