"""The web chat's news parts: dates and speakers on cards, speakers marked in the article
panel, differing figures side by side, and the Timeline tab."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import gradio as gr

from ingest.quotes import quotes_from_json, quotes_in
from qa.news.timeline import TimelineEntry, timeline
from qa.types import Answer, Citation
from ui.render import escape_html, escape_text, highlight, marker_link, short_source

__all__ = [
    "build_timeline_tab",
    "highlight_with_speakers",
    "render_conflict",
    "render_timeline",
    "speaker_spans",
    "speaker_tag",
]


def speaker_tag(c: Citation) -> str:
    """A card's tag naming who made the quoted claim ("" when the citation names no one)."""
    if not c.speaker:
        return ""
    return (
        f' <span class="cq-speaker-tag" title="who made this claim">{escape_text(c.speaker)}</span>'
    )


def highlight_with_speakers(
    text: str,
    spans: Sequence[tuple[int, int]],
    speakers: Sequence[tuple[int, int]],
    active: int | None = None,
) -> str:
    """Like ``ui.render.highlight``, with each speaker's mention also marked (``cq-speaker``),
    nested inside the passage's mark when it falls in the passage.

    text: the article text. spans: passages to mark; active: the one to scroll to.
    speakers: (start, end) of speaker mentions.
    """
    n = len(text)
    who = sorted((max(0, min(s, n)), max(0, min(e, n))) for s, e in speakers)

    def piece(a: int, b: int) -> str:  # text[a:b] escaped, speaker mentions marked
        cuts = sorted({a, b, *(x for s, e in who for x in (s, e) if a < x < b)})
        out = []
        for x, y in pairwise(cuts):
            chunk = escape_html(text[x:y])
            inside = any(s <= x and y <= e for s, e in who)
            out.append(f'<mark class="cq-speaker">{chunk}</mark>' if inside else chunk)
        return "".join(out)

    return highlight(text, spans, active, piece=piece)


def speaker_spans(quotes_json: str, start: int, end: int) -> list[tuple[int, int]]:
    """The speakers' mentions of the quotes that overlap the passage [start, end)."""
    found = quotes_in(quotes_from_json(quotes_json), start, end)
    return sorted({(q.speaker_start, q.speaker_end) for q in found if q.speaker_start >= 0})


_DIFFER = re.compile(r"The articles differ: (?P<body>.+?)\.(?:\s|$)")
_GROUP = re.compile(r"(?P<count>\d+) (?:articles? )?says? (?P<figure>.+?) (?P<marks>(?:\[\d+\])+)")


def render_conflict(answer: Answer) -> str:
    """Differing figures across articles as columns, each with its articles' quotes; "" when
    the articles agree (see ``qa.news.enrich``)."""
    m = _DIFFER.search(answer.text)
    if not m:
        return ""
    by_n = {c.n: c for c in answer.citations}
    cols = []
    for g in _GROUP.finditer(m.group("body")):
        cites = [by_n[int(n)] for n in re.findall(r"\d+", g.group("marks")) if int(n) in by_n]
        quotes = "".join(
            f'<blockquote class="cq-quote">{marker_link(c)} {escape_text(c.quote)}'
            f'<div class="cq-card-date">{escape_text(c.date or "undated")} · '
            f"{escape_text(c.title)}</div></blockquote>"
            for c in cites
        )
        count = int(g.group("count"))
        cols.append(
            f'<div class="cq-conflict-col"><div class="cq-conflict-figure">'
            f"{escape_text(g.group('figure'))}</div><div class='cq-conflict-count'>"
            f"{count} article{'s' if count > 1 else ''}</div>{quotes}</div>"
        )
    if not cols:
        return ""
    return (
        '<div class="cq-label">The articles differ</div>'
        f'<div class="cq-conflict">{"".join(cols)}</div>'
    )


def render_timeline(entity: str, entries: Sequence[TimelineEntry]) -> str:
    """The timeline of ``entity``: one row per dated line, oldest first, with its sources."""
    if not entity.strip():
        return '<div class="cq-panel-empty">Type a name, a place or a thing.</div>'
    if not entries:
        return f'<div class="cq-panel-empty">No article mentions {escape_html(entity)}.</div>'
    rows = []
    for e in entries:
        sources = "; ".join(
            f"[{c.n}] {escape_text(c.title)} ({escape_text(c.date or 'undated')}, "
            f"{escape_text(short_source(c.source))})"
            for c in e.citations
        )
        rows.append(
            f'<div class="cq-timeline-row"><div><div class="cq-timeline-date">'
            f"{escape_text(e.date or 'undated')}</div><div class='cq-timeline-note'>"
            f"{escape_text(e.date_note)}</div></div><div><div>{escape_text(e.text)}</div>"
            f'<div class="cq-timeline-src">{sources}</div></div></div>'
        )
    return f'<div class="cq-timeline" id="cq-timeline-list">{"".join(rows)}</div>'


def build_timeline_tab(store: Any, **private: Any) -> None:
    """The Timeline tab, inside the app's ``gr.Tabs``: an entity box and its dated lines."""
    with gr.Tab("Timeline", id="timeline"):
        with gr.Row(equal_height=True):
            entity = gr.Textbox(
                label="Person, place or thing",
                placeholder="e.g. Ruth Calder",
                scale=5,
                elem_id="cq-timeline-entity",
            )
            go = gr.Button("Show timeline", variant="primary", scale=1, elem_id="cq-timeline-go")
        out = gr.HTML(elem_id="cq-timeline")

        def show(name: str) -> str:
            name = (name or "").strip()
            return render_timeline(name, timeline(store, name) if name else [])

        for trigger in (entity.submit, go.click):
            trigger(show, entity, out, **private)
