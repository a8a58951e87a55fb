"""Conversations kept in the reader's browser: what is stored, how it is listed and exported.

The web chat stores every conversation as plain JSON in the browser (``gr.BrowserState``), so a
reload restores it with its sources still clickable. One conversation is a list of turns; a turn
is the question and either the answer (``Answer.to_dict()``) or the one-line error it got:

    {"current": "c1", "chats": [{"id": "c1", "title": "...", "updated": 1700000000.0,
                                 "turns": [{"question": "...", "answer": {...}, "error": ""}]}]}

Everything here is plain Python over those dicts; nothing imports Gradio.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from qa.markers import tidy_answer_text
from qa.types import Answer, Citation, History
from ui.render import short_source

Chats = dict[str, Any]
"""All conversations of one browser: ``{"current": id, "chats": [conversation, ...]}``."""

Conversation = dict[str, Any]
"""One conversation: ``{"id", "title", "updated", "turns"}``."""

MAX_CHATS = 20
"""Conversations kept per browser; the oldest is dropped beyond this."""

MAX_HISTORY = 6
"""Earlier exchanges handed to the answer chain as conversation history."""

TITLE_CHARS = 60
"""A conversation is titled by its first question, cut to this many characters."""

_ID = re.compile(r"^[0-9a-f]{12}$")


def new_conversation() -> Conversation:
    """An empty conversation with a fresh id."""
    return {"id": secrets.token_hex(6), "title": "", "updated": time.time(), "turns": []}


def empty_chats() -> Chats:
    """What a browser starts with: one empty conversation."""
    first = new_conversation()
    return {"current": first["id"], "chats": [first]}


def normalise(chats: Any) -> Chats:
    """``chats`` as read from the browser, repaired: anything malformed is dropped.

    chats: the stored value (may be None, from an older version of the app, or forged: it comes
    from the browser). Ids must be ``new_conversation`` ids (they name export folders), turns
    dicts with a text question; anything else is left out.
    """
    if not isinstance(chats, dict) or not isinstance(chats.get("chats"), list):
        return empty_chats()
    kept = []
    for c in chats["chats"][:MAX_CHATS]:
        if not isinstance(c, dict) or not isinstance(c.get("turns"), list):
            continue
        cid = c.get("id")
        turns = [
            t for t in c["turns"] if isinstance(t, dict) and isinstance(t.get("question"), str)
        ]
        kept.append(
            {
                "id": cid if isinstance(cid, str) and _ID.match(cid) else secrets.token_hex(6),
                "title": str(c.get("title") or "")[: TITLE_CHARS + 1],
                "updated": float(c["updated"])
                if isinstance(c.get("updated"), int | float)
                else 0.0,
                "turns": turns,
            }
        )
    if not kept:
        return empty_chats()
    current = chats.get("current")
    if not any(c["id"] == current for c in kept):
        current = kept[0]["id"]
    return {"current": current, "chats": kept}


def current(chats: Chats) -> Conversation:
    """The conversation shown now. chats: normalised (see :func:`normalise`)."""
    return next(c for c in chats["chats"] if c["id"] == chats["current"])


def start_new(chats: Chats) -> Chats:
    """``chats`` with a new empty conversation in front, made current (an empty current one is
    reused rather than piling up empty chats).

    chats: normalised.
    """
    now = current(chats)
    if not now["turns"]:
        return chats
    fresh = new_conversation()
    return {"current": fresh["id"], "chats": [fresh, *chats["chats"]][:MAX_CHATS]}


def switch(chats: Chats, chat_id: str | None) -> Chats:
    """``chats`` with ``chat_id`` current (unchanged when there is no such conversation).

    chats: normalised. chat_id: a conversation's id.
    """
    if not chat_id or not any(c["id"] == chat_id for c in chats["chats"]):
        return chats
    return {**chats, "current": chat_id}


def with_turn(chats: Chats, turn: dict[str, Any]) -> Chats:
    """``chats`` with ``turn`` appended to the current conversation, which moves to the front.

    chats: normalised. turn: ``{"question", "answer", "error"}``.
    """
    conv = current(chats)
    updated = {
        **conv,
        "title": conv["title"] or _title(str(turn.get("question", ""))),
        "updated": time.time(),
        "turns": [*conv["turns"], turn],
    }
    others = [c for c in chats["chats"] if c["id"] != conv["id"]]
    return {"current": conv["id"], "chats": [updated, *others][:MAX_CHATS]}


def _title(question: str) -> str:
    q = " ".join(question.split())
    return q if len(q) <= TITLE_CHARS else q[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def answer_of(turn: dict[str, Any]) -> Answer | None:
    """The turn's answer as an :class:`Answer`, or None when it failed or is unreadable.

    turn: one stored turn.
    """
    data = turn.get("answer")
    if not isinstance(data, dict):
        return None
    try:
        return Answer.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None


def history(conv: Conversation, limit: int = MAX_HISTORY) -> History:
    """The last ``limit`` answered exchanges of ``conv`` as (question, answer text) pairs.

    conv: a conversation. limit: pairs at most (default ``MAX_HISTORY``).
    """
    pairs = [
        (str(t["question"]), str(t["answer"].get("text", "")))
        for t in conv["turns"]
        if isinstance(t.get("answer"), dict)
    ]
    return pairs[-limit:]


def listing(chats: Chats) -> list[tuple[str, str]]:
    """(label, id) pairs of the conversations that have turns, newest first, for a picker.

    chats: normalised.
    """
    out = []
    for c in chats["chats"]:
        if not c["turns"]:
            continue
        n = len(c["turns"])
        when = _when(float(c.get("updated") or 0))
        out.append(
            (f"{c['title'] or 'Untitled chat'} · {n} question{'s' * (n != 1)} · {when}", c["id"])
        )
    return out


def _when(ts: float) -> str:
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, tz=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _source_line(c: Citation) -> str:
    parts = [c.title.strip() or "Untitled article"]
    if c.date:
        parts.append(c.date)
    parts.append(short_source(c.source))
    return " · ".join(parts)


def _quote_md(text: str) -> str:
    return "> " + " ".join(text.split())


def to_markdown(conv: Conversation) -> str:
    """The conversation as Markdown: each question, its answer, and the cited passages
    (number, article title, date, source, quote), then the passages it offers for reading
    (a declined answer's closest ones, an unverified answer's ones to check); a declined answer
    says so.

    conv: a conversation.
    """
    lines = [f"# {conv.get('title') or 'citeqa conversation'}", ""]
    lines.append(f"_Exported from citeqa on {_when(time.time())}._")
    for turn in conv["turns"]:
        lines += ["", f"## {' '.join(str(turn['question']).split())}", ""]
        answer = answer_of(turn)
        if answer is None:
            lines.append(f"**Error:** {turn.get('error') or 'no answer'}")
            continue
        if answer.declined:
            lines.append(f"**Not answered by your articles.** {answer.text}")
            lines += _offered_md(answer)
            continue
        if answer.caution:
            lines += [f"_{answer.caution}_", ""]
        lines.append(tidy_answer_text(answer.text))
        if answer.dropped:
            lines += ["", "Removed from the draft (not supported by the articles):"]
            lines += [f"- ~~{' '.join(s.split())}~~" for s in answer.dropped]
        if answer.citations:
            lines += ["", "Sources:", ""]
            for c in answer.citations:
                lines += [f"[{c.n}] {_source_line(c)}", "", _quote_md(c.quote), ""]
        lines += _offered_md(answer)
    return "\n".join(lines).rstrip() + "\n"


def _offered_md(answer: Answer) -> list[str]:
    """The passages ``answer`` offers for reading (``Answer.offered_label``), as Markdown."""
    label = answer.offered_label
    if not label or not answer.closest:
        return []
    lines = ["", f"{label[0]} ({label[1]}):", ""]
    for c in answer.closest:
        lines += [f"- {_source_line(c)}", "", _quote_md(c.quote), ""]
    return lines


def to_json(conv: Conversation) -> str:
    """The conversation as JSON: its title and one ``Answer.to_dict()`` per answered turn
    (a failed turn keeps its question and error).

    conv: a conversation.
    """
    turns: list[dict[str, Any]] = []
    for t in conv["turns"]:
        answer = answer_of(t)
        if answer is not None:
            turns.append(answer.to_dict())
        else:
            turns.append({"question": t["question"], "error": t.get("error") or "no answer"})
    doc = {"title": conv.get("title", ""), "exported": time.time(), "turns": turns}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export_name(conv: Conversation, ext: str) -> str:
    """A file name for an export: ``citeqa-chat-YYYYmmdd-HHMM.EXT``.

    conv: the conversation. ext: ``md`` or ``json``.
    """
    ts = float(conv.get("updated") or time.time())
    stamp = datetime.fromtimestamp(ts, tz=UTC).astimezone().strftime("%Y%m%d-%H%M")
    return f"citeqa-chat-{stamp}.{ext}"


def questions(conv: Conversation) -> Sequence[str]:
    """The questions of ``conv`` in order. conv: a conversation."""
    return [str(t["question"]) for t in conv["turns"]]
