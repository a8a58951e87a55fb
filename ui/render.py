"""Pure rendering: answers, sources and articles as safe HTML for the web chat.

Everything that comes from an article or a user (text, titles, sources, file names) goes through
:func:`escape_text` before it reaches the page. The chat renders markdown, so besides HTML the
markdown punctuation is turned into character references too: a ``[x](javascript:...)`` inside an
article stays text and never becomes a link.

Clickable citations are ``<a class="cq-cite" href="#cq=KIND:DOC:START:END">``; the page script
(``ui/static/app.js``) turns a click on one into a request for the article panel, see
:func:`parse_target`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from qa.markers import SIMPLE_MARKER_RE, tidy_answer_text
from qa.types import Answer, Citation

#: Characters markdown (or the chat's LaTeX pass) could read as syntax; shown as references.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "[]()*_`~!#|\\$<>&{}+-=:"}
_DOC_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
_TARGET = re.compile(r"^(cite|near):([A-Za-z0-9_.-]{1,128}):(\d{1,9}):(\d{1,9})$")

MAX_CLOSEST = 3
"""Closest passages shown under a declined answer, at most."""

CLOSEST_CHARS = 220
"""A closest passage is cut to about this many characters."""


def escape_text(text: str) -> str:
    """Escape ``text`` for HTML and for markdown: the result always displays as plain text.

    text: any untrusted string (article text, title, file name, question).
    """
    return "".join(_MD_SPECIAL.get(ch, html.escape(ch, quote=True)) for ch in text)


def escape_html(text: str) -> str:
    """Escape ``text`` for an HTML context that is not run through markdown (the article panel).

    text: any untrusted string.
    """
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Target:
    """What a click on a citation or passage asks the article panel to show.

    kind: ``cite`` for a citation, ``near`` for a passage offered for reading (``closest``).
    doc_id: the article. start, end: character offsets of the passage in the article text.
    """

    kind: str
    doc_id: str
    start: int
    end: int

    def href(self) -> str:
        """The fragment link the page script recognises."""
        return f"#cq={self.kind}:{self.doc_id}:{self.start}:{self.end}"


def parse_target(payload: str) -> Target | None:
    """Parse what the page sends after a click (``KIND:DOC:START:END``); None when malformed.

    payload: the string from the browser; untrusted, so it is matched strictly.
    """
    m = _TARGET.match(payload.strip().removeprefix("#cq="))
    if m is None:
        return None
    start, end = int(m.group(3)), int(m.group(4))
    if end < start:
        return None
    return Target(m.group(1), m.group(2), start, end)


def _target(c: Citation, kind: str) -> Target | None:
    if not _DOC_ID.match(c.doc_id) or c.start < 0 or c.end < c.start:
        return None
    return Target(kind, c.doc_id, c.start, c.end)


def short_source(source: str) -> str:
    """How a source is shown: a URL by its site, a file by its name only (no server folders).

    source: the stored source (a path or an http(s) URL).
    """
    if source.lower().startswith(("http://", "https://")):
        host = source.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
        return host.removeprefix("www.") or source
    return re.split(r"[\\/]", source)[-1] or source


def _one_line(text: str) -> str:
    return " ".join(text.split())


def marker_link(c: Citation) -> str:
    """The ``[n]`` marker of citation ``c`` as a link that opens its passage.

    c: the citation the marker refers to.
    """
    target = _target(c, "cite")
    label = str(int(c.n))
    if target is None:
        return f'<span class="cq-cite">{label}</span>'
    return (
        f'<a class="cq-cite" href="{target.href()}" aria-label="citation {label}" '
        f'title="{escape_text(_one_line(c.title) or c.source)}">{label}</a>'
    )


def render_answer_text(text: str, citations: Sequence[Citation]) -> str:
    """The answer with its ``[n]`` markers as clickable links; everything else escaped.

    text: the answer text with [n] markers. citations: the citations the markers refer to; a
    marker without a matching citation stays plain text.
    """
    by_n = {c.n: c for c in citations}
    out: list[str] = []
    pos = 0
    for m in SIMPLE_MARKER_RE.finditer(text):
        out.append(escape_text(text[pos : m.start()]))
        cited = by_n.get(int(m.group(1)))
        out.append(marker_link(cited) if cited else escape_text(m.group(0)))
        pos = m.end()
    out.append(escape_text(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def render_streaming(text: str) -> str:
    """Partial answer text while it streams in: escaped, followed by a typing caret.

    text: the pieces received so far, joined.
    """
    return f'<span class="cq-streaming">{escape_text(text)}<span class="cq-caret"></span></span>'


def _card(c: Citation, kind: str, *, limit: int | None = None) -> str:
    from ui.news import speaker_tag

    target = _target(c, kind)
    title = escape_text(_one_line(c.title) or "Untitled article")
    badge = f'<span class="cq-badge">{c.n}</span>' if kind == "cite" else ""
    head = f"{badge}<span class='cq-card-title'>{title}</span>"
    if target is not None:
        head = f'<a class="cq-open" href="{target.href()}">{head}</a>'
    quote = _one_line(c.quote)
    if limit and len(quote) > limit:
        quote = quote[: limit - 1].rsplit(" ", 1)[0] + "…"
    meta = " · ".join(
        f'<span class="{cls}">{escape_text(v)}</span>'
        for cls, v in (("cq-date", c.date), ("cq-src", short_source(c.source)))
        if v
    )
    return (
        f'<div class="cq-card cq-{kind}">'
        f'<div class="cq-card-head">{head}</div>'
        f'<div class="cq-card-source">{meta}{speaker_tag(c)}</div>'
        f'<blockquote class="cq-quote">{escape_text(quote)}</blockquote>'
        f"</div>"
    )


def render_sources(citations: Iterable[Citation]) -> str:
    """Source cards (number, title, date, source, quoted passage) shown under an answer.

    citations: the answer's citations, in order.
    """
    cards = "".join(_card(c, "cite") for c in citations)
    if not cards:
        return ""
    return f'<div class="cq-sources"><div class="cq-label">Sources</div>{cards}</div>'


def readable_passage(text: str) -> bool:
    """Whether a passage reads as a passage: a sentence, not a bare headline or date line.

    text: the passage. It must have at least six words and end like a sentence (a headline
    or a date line has no closing full stop).
    """
    line = _one_line(text)
    return len(line.split()) >= 6 and line[-1:] in '.!?”"’)'


def render_closest(passages: Iterable[Citation], label: tuple[str, str] | None) -> str:
    """Passages offered for reading, never as citations: the nearest ones of a declined answer,
    or the ones ranked next under an unverified answer.

    passages: ``Answer.closest``; at most ``MAX_CLOSEST`` readable ones are shown, each cut to
    about ``CLOSEST_CHARS`` characters (headlines and date lines are left out).
    label: the list's heading and its hint (``Answer.offered_label``); None shows nothing.
    """
    if label is None:
        return ""
    shown = [p for p in passages if readable_passage(p.quote)][:MAX_CLOSEST]
    cards = "".join(_card(c, "near", limit=CLOSEST_CHARS) for c in shown)
    if not cards:
        return ""
    head, hint = (html.escape(x) for x in label)
    return (
        f'<div class="cq-closest-list"><div class="cq-label">{head} '
        f"<span class='cq-hint'>({hint})</span></div>"
        f"{cards}</div>"
    )


def render_dropped(sentences: Sequence[str]) -> str:
    """Sentences of a generative draft that failed verification, shown struck out as removed.

    sentences: ``Answer.dropped``.
    """
    if not sentences:
        return ""
    n = len(sentences)
    items = "".join(f"<li><del>{escape_text(_one_line(s))}</del></li>" for s in sentences)
    return (
        f'<div class="cq-dropped"><div class="cq-label">Removed from the draft '
        f"<span class='cq-hint'>({n} sentence{'s' * (n != 1)} not supported by your "
        f"articles)</span></div><ul>{items}</ul></div>"
    )


def render_answer(answer: Answer) -> str:
    """A finished answer as chat HTML: text with linked markers, then its sources.

    answer: the final ``Answer`` from the answer chain. A declined answer is shown as declined,
    with its closest passages in a separate, differently styled list. An unverified answer
    (``supported`` False: below the answerer's operating point) is marked low confidence
    (wording and look) so that a wrong answer does not look checked, and the passages offered
    with it are listed after its sources; sentences dropped from a generative draft are shown
    struck out.
    """
    if answer.declined:
        return (
            '<div class="cq-declined"><div class="cq-declined-head">Not answered by your '
            f"articles</div><div>{escape_text(answer.text)}</div></div>"
            f"{render_closest(answer.closest, answer.offered_label)}"
        )
    text = _led_short(answer, render_answer_text(tidy_answer_text(answer.text), answer.citations))
    low = bool(answer.caution)
    flag = f'<div class="cq-low-head">{html.escape(answer.caution)}</div>' if low else ""
    body = f'<div class="cq-answer{" cq-low" if low else ""}">{flag}{text}</div>'
    from ui.news import render_conflict

    conflict = render_conflict(answer)
    others = render_closest(answer.closest, answer.offered_label)
    return (
        body + conflict + render_dropped(answer.dropped) + render_sources(answer.citations) + others
    )


def _led_short(answer: Answer, rendered: str) -> str:
    """``rendered`` with the short answer it leads with in bold ("<b>210,000</b> — “…”"): the
    answerer leads with a short answer only when it rates it more likely right than not."""
    if not answer.lead:
        return rendered
    lead = escape_text(answer.lead)
    if not rendered.startswith(f"{lead} — "):
        return rendered
    return f'<b class="cq-short">{lead}</b>{rendered[len(lead) :]}'


def render_waiting(note: str) -> str:
    """The placeholder reply while a question waits or is being read: ``note`` and a caret.

    note: e.g. "Reading your articles…".
    """
    caret = '<span class="cq-caret"></span>'
    return f'<span class="cq-streaming cq-waiting">{escape_text(note)}{caret}</span>'


def render_error(message: str) -> str:
    """A failure shown in the chat instead of an answer.

    message: what went wrong, in plain words.
    """
    return f'<div class="cq-error">{escape_text(message)}</div>'


def render_user(question: str) -> str:
    """The user's question as chat content: plain text.

    question: the question as typed.
    """
    return escape_text(question)


def highlight(
    text: str,
    spans: Sequence[tuple[int, int]],
    active: int | None = None,
    *,
    piece: Callable[[int, int], str] | None = None,
) -> str:
    """Escape ``text`` and wrap each span in ``<mark>``; the active one gets ``id="cq-active"``.

    text: the article text. spans: (start, end) character offsets, clipped to the text and merged
    when they overlap. active: index into ``spans`` of the span to scroll to (default none).
    piece: renders ``text[a:b]`` as HTML (default: escaped), e.g. to mark more inside.
    """
    part = piece or (lambda a, b: escape_html(text[a:b]))
    n = len(text)
    marks: list[tuple[int, int, bool]] = []
    for i, (s, e) in enumerate(spans):
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e > s:
            marks.append((s, e, i == active))
    marks.sort()
    merged: list[tuple[int, int, bool]] = []
    for s, e, act in marks:
        if merged and s <= merged[-1][1]:
            ps, pe, pact = merged[-1]
            merged[-1] = (ps, max(pe, e), pact or act)
        else:
            merged.append((s, e, act))
    out: list[str] = []
    pos = 0
    for s, e, act in merged:
        out.append(part(pos, s))
        attr = ' id="cq-active" class="cq-active"' if act else ""
        out.append(f"<mark{attr}>{part(s, e)}</mark>")
        pos = e
    out.append(part(pos, n))
    return "".join(out)


def render_article(
    title: str,
    source: str,
    text: str,
    spans: Sequence[tuple[int, int]] = (),
    *,
    active: int | None = None,
    kind: str = "cite",
    date: str = "",
    speakers: Sequence[tuple[int, int]] = (),
) -> str:
    """The article panel: title, source and the full text with the passage(s) highlighted.

    title, source: shown as text. text: the cleaned article text the offsets point into.
    spans: passages to mark (default none). active: index of the span to scroll to (default none).
    kind: ``cite`` marks cited sentences, ``near`` a passage offered for reading (styled apart).
    date: the article's date, shown beside its source (default none).
    speakers: mentions of the quoted speakers, marked apart (``ui.news``; default none).
    """
    from ui.news import highlight_with_speakers

    body = (
        highlight_with_speakers(text, spans, speakers, active)
        if speakers
        else highlight(text, spans, active)
    )
    note = (
        '<div class="cq-panel-note">Offered for reading, not a citation: check whether it '
        "answers the question.</div>"
        if kind == "near"
        else ""
    )
    meta = " · ".join(escape_html(v) for v in (date, short_source(source)) if v)
    return (
        f'<div class="cq-article cq-article-{kind}">'
        '<button class="cq-back" type="button">&#8592; Back to answer</button>'
        f'<div class="cq-article-title">{escape_html(_one_line(title) or "Untitled article")}</div>'
        f'<div class="cq-article-source">{meta}</div>{note}'
        f'<div class="cq-article-body">{body}</div></div>'
    )


def render_panel_message(message: str) -> str:
    """The article panel's placeholder or error line.

    message: plain text to show.
    """
    return f'<div class="cq-panel-empty">{escape_html(message)}</div>'


def render_panel_hint(text: str) -> str:
    """The article panel before anything is opened: a heading and ``text``.

    text: the hint, plain text.
    """
    return (
        '<div class="cq-panel-empty cq-panel-hint"><div class="cq-panel-icon">&#10077;</div>'
        f"<b>Sources open here</b><p>{escape_html(text)}</p></div>"
    )
