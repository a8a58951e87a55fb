"""Conversations as the browser keeps them: repair, switching, history, Markdown and JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from qa.types import Answer, Citation
from ui import conversations as convs


def _answer(
    q: str, *, supported: bool = True, confidence: float = 0.9, declined: bool | None = None
) -> Answer:
    """A supported answer; ``supported=False``: declined, unless ``declined=False`` (then an
    unverified answer, with its citation)."""
    declined = not supported if declined is None else declined
    cite = Citation(
        1,
        "abc",
        "https://news.example.org/a/1",
        "Bridge reopens",
        "The bridge cost “42 million”.",
        5,
        33,
        0.9,
        date="2024-03-03",
    )
    return Answer(
        q,
        "The articles don't answer this." if declined else "42 million [1]",
        supported,
        short="42 million",
        citations=[] if declined else [cite],
        confidence=confidence,
        dropped=[] if declined else ["It was painted pink."],
    )


def _chats_with(*answers: Answer) -> dict[str, Any]:
    chats = convs.empty_chats()
    for a in answers:
        chats = convs.with_turn(chats, {"question": a.question, "answer": a.to_dict(), "error": ""})
    return chats


def test_normalise_repairs_whatever_the_browser_had() -> None:
    for junk in (None, "x", {"chats": "no"}, {"chats": [1, {"turns": "x"}]}, {"chats": []}):
        got = convs.normalise(junk)
        assert len(got["chats"]) == 1 and convs.current(got)["turns"] == []
    kept = convs.normalise({"current": "gone", "chats": [{"id": "0123456789ab", "turns": []}]})
    assert kept["current"] == "0123456789ab"


def test_forged_ids_and_turns_from_the_browser_are_not_trusted() -> None:
    forged = {
        "current": "../../etc",
        "chats": [
            {"id": "../../etc", "title": "x" * 500, "updated": "soon",
             "turns": [{"question": "Q?", "answer": None}, "junk", {"question": 5}]},
        ],
    }  # fmt: skip
    kept = convs.normalise(forged)
    (conv,) = kept["chats"]
    assert conv["id"] != "../../etc" and len(conv["id"]) == 12 and kept["current"] == conv["id"]
    assert conv["turns"] == [{"question": "Q?", "answer": None}]
    assert len(conv["title"]) <= convs.TITLE_CHARS + 1 and conv["updated"] == 0.0


def test_new_chat_keeps_the_old_one_listed_and_switching_back_restores_it() -> None:
    chats = _chats_with(_answer("How much did it cost?"))
    old = chats["current"]
    fresh = convs.start_new(chats)
    assert fresh["current"] != old and convs.current(fresh)["turns"] == []
    assert convs.start_new(fresh) == fresh  # no pile of empty chats
    ((label, chat_id),) = convs.listing(fresh)
    assert chat_id == old and label.startswith("How much did it cost?") and "1 question ·" in label
    back = convs.switch(fresh, old)
    assert convs.questions(convs.current(back)) == ["How much did it cost?"]


def test_history_pairs_answered_turns_only() -> None:
    chats = _chats_with(_answer("A?"))
    chats = convs.with_turn(chats, {"question": "B?", "answer": None, "error": "down"})
    assert convs.history(convs.current(chats)) == [("A?", "42 million [1]")]


def test_markdown_export_has_answers_citations_quotes_titles_dates_sources() -> None:
    chats = _chats_with(_answer("How much?"), _answer("Who?", supported=False))
    chats = convs.with_turn(chats, {"question": "Down?", "answer": None, "error": "server down"})
    md = convs.to_markdown(convs.current(chats))
    assert "## How much?" in md and "42 million [1]" in md
    assert "[1] Bridge reopens · 2024-03-03 · news.example.org" in md
    assert "> The bridge cost “42 million”." in md
    assert "~~It was painted pink.~~" in md
    assert "**Not answered by your articles.**" in md and "**Error:** server down" in md


def test_unverified_answer_is_flagged_in_the_export() -> None:
    unsure = _answer("Q?", supported=False, declined=False, confidence=0.2)
    md = convs.to_markdown(convs.current(_chats_with(unsure)))
    assert "Low confidence (20%)" in md and "42 million [1]" in md
    assert "Not answered" not in md
    sure = convs.to_markdown(convs.current(_chats_with(_answer("Q?", confidence=0.2))))
    assert "Low confidence" not in sure  # supported: the answerer's operating point decides


def test_the_export_lists_the_passages_an_answer_offers_for_reading() -> None:
    near = Citation(1, "abc", "https://news.example.org/a/1", "Bridge reopens",
                    "Kestrel Structural led the work.", 40, 72, 0.4)  # fmt: skip
    unsure = replace(_answer("Q?", supported=False, declined=False, confidence=0.2), closest=[near])
    declined = replace(_answer("Who?", supported=False), closest=[near])
    sure = replace(_answer("How?"), closest=[near])
    md = convs.to_markdown(convs.current(_chats_with(unsure, declined, sure)))
    assert md.count("Other passages to check") == 1 and md.count("Closest passages") == 1
    assert md.count("> Kestrel Structural led the work.") == 2  # not under the supported one
    assert md.index("Other passages to check") > md.index("[1] Bridge reopens")


def test_json_export_is_answer_to_dict_per_turn() -> None:
    a = _answer("How much?")
    chats = _chats_with(a)
    chats = convs.with_turn(chats, {"question": "Down?", "answer": None, "error": "server down"})
    doc = json.loads(convs.to_json(convs.current(chats)))
    assert doc["turns"][0] == json.loads(json.dumps(a.to_dict()))
    assert Answer.from_dict(doc["turns"][0]) == a
    assert doc["turns"][1] == {"question": "Down?", "error": "server down"}
