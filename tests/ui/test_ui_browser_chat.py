"""The chat never loses the reader's work (issue 11), in a real browser.

Enter on an empty box does nothing; a second question while the first is answered is never
dropped; a reload restores the conversation with clickable sources; new chat and past chats;
exports as Markdown and JSON; answers read well (one marker per claim, units kept).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import DONE, open_tab, wait_ready

pytestmark = pytest.mark.timeout(300)

BRIDGE = "How much did the Kessling Harbour Bridge repairs cost?"
DAM = "When was the dam at Lake Varn built?"

WATCH_CHAT = """() => {
    // What the reader sees of the chat: the messages, and any progress overlay on it.
    const chat = document.querySelector('#cq-chat');
    const seen = () => [...chat.querySelectorAll('[data-testid=user], [data-testid=bot]')]
        .map(m => m.innerText).join('\\n')
        + [...chat.querySelectorAll('[data-testid=status-tracker]')]
            .filter(t => !t.classList.contains('hide') && t.offsetParent !== null)
            .map(t => '[progress ' + t.innerText + ']').join('');
    window.__chatBefore = seen();
    window.__chatSeen = [];
    new MutationObserver(() => {
        const now = seen();
        if (now !== window.__chatBefore) window.__chatSeen.push(now.slice(0, 300));
    }).observe(chat, {subtree: true, childList: true, characterData: true, attributes: true});
}"""

WATCH_BUSY = """() => {
    window.__busy = [];
    const box = document.querySelector('#cq-input textarea');
    const send = document.querySelector('#cq-send');
    new MutationObserver(() => {
        window.__busy.push([box.disabled, send.innerText.trim(), box.placeholder]);
    }).observe(document.querySelector('#cq-input-row'),
               {subtree: true, attributes: true, childList: true, characterData: true});
}"""


def test_enter_on_an_empty_box_does_nothing(page: Any, ask_in: Any) -> None:
    ask_in(page, DAM)
    page.evaluate(WATCH_CHAT)
    box = page.locator("#cq-input textarea")
    for text in ("", "   "):
        box.fill(text)
        box.press("Enter")
        page.locator("#cq-send").click()
    page.wait_for_timeout(2000)
    assert page.evaluate("window.__chatSeen") == []
    assert page.locator("#cq-chat [data-testid=user]").count() == 1
    assert "1952" in page.locator("#cq-chat .cq-answer").last.inner_text()


def test_second_question_while_answering_is_not_dropped(page: Any, ask_in: Any, shoot: Any) -> None:
    page.evaluate(WATCH_BUSY)
    box = page.locator("#cq-input textarea")
    box.fill(BRIDGE)
    box.press("Enter")
    shoot(page, "queued_second_question")
    # The box is locked with a visible "Answering…" state while the first answer is written;
    # the second question is typed as soon as it can be, and both are answered.
    box.fill(DAM)  # Playwright waits until the box takes typing again
    box.press("Enter")
    page.wait_for_function(f"document.querySelectorAll({DONE!r}).length >= 2", timeout=120_000)
    busy = page.evaluate("window.__busy")
    assert any(d and "Answering" in label and "Answering" in ph for d, label, ph in busy), busy
    users = page.locator("#cq-chat [data-testid=user]").all_inner_texts()
    assert [u.strip() for u in users] == [BRIDGE, DAM]
    answers = page.locator("#cq-chat .cq-answer").all_inner_texts()
    assert "42 million" in answers[0] and "1952" in answers[1]


def test_reload_restores_the_conversation_with_clickable_sources(
    browser: Any, server: str, ask_in: Any, shoot: Any
) -> None:
    page = open_tab(browser, server)
    ask_in(page, BRIDGE)
    ask_in(page, DAM)
    page.reload()
    wait_ready(page)
    page.wait_for_function("document.querySelectorAll('#cq-chat .cq-answer').length === 2")
    users = page.locator("#cq-chat [data-testid=user]").all_inner_texts()
    assert [u.strip() for u in users] == [BRIDGE, DAM]
    page.locator("#cq-chat .cq-answer a.cq-cite").first.click()
    page.locator("#cq-panel mark#cq-active").wait_for()
    assert "42 million" in page.locator("#cq-panel mark#cq-active").inner_text()
    shoot(page, "restored_after_reload")

    # A new chat starts over; the old one is listed and comes back when picked.
    page.locator("#cq-new").click()
    page.wait_for_function("document.querySelectorAll('#cq-chat [data-testid=user]').length === 0")
    ask_in(page, "Who won the national schools robotics final?")
    page.reload()
    wait_ready(page)
    page.wait_for_function("document.querySelectorAll('#cq-chat .cq-answer').length === 1")
    page.locator("#cq-history input").click()
    old = page.get_by_role("option", name=BRIDGE[:40], exact=False)
    assert "2 questions" in old.inner_text()
    old.click()
    page.wait_for_function("document.querySelectorAll('#cq-chat .cq-answer').length === 2")
    assert BRIDGE in page.locator("#cq-chat [data-testid=user]").first.inner_text()
    page.context.close()


def test_export_markdown_and_json(page: Any, ask_in: Any, shoot: Any, store: Any) -> None:
    from qa.types import Answer

    ask_in(page, BRIDGE)
    ask_in(page, "What is the capital of Peru?")
    with page.expect_download() as got:
        page.locator("#cq-export-md").click()
    md = Path(got.value.path()).read_text(encoding="utf-8")
    assert got.value.suggested_filename.endswith(".md")
    assert f"## {BRIDGE}" in md and "42 million" in md
    assert "[1] Kessling Harbour Bridge reopens after eight months of repairs" in md
    assert "harbour_bridge.txt" in md and "> KESSLING, 3 March" in md
    assert "**Not answered by your articles.**" in md

    with page.expect_download() as got:
        page.locator("#cq-export-json").click()
    doc = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    first = Answer.from_dict(doc["turns"][0])
    assert first.question == BRIDGE and first.supported and first.citations
    assert set(doc["turns"][0]) == set(first.to_dict())
    assert doc["turns"][1]["supported"] is False

    view = page.context.new_page()
    view.set_content(
        "<pre style='white-space:pre-wrap;font:14px/1.5 monospace;padding:16px'>"
        + md.replace("&", "&amp;").replace("<", "&lt;")
        + "</pre>"
    )
    shoot(view, "exported_markdown")
    view.close()


def test_answers_read_well(page: Any, ask_in: Any) -> None:
    bubble = ask_in(page, BRIDGE)
    assert bubble.locator(".cq-answer a.cq-cite").count() == 1  # one marker per claim
    assert "”" not in bubble.locator(".cq-answer").inner_text().replace("”", "", 1)
    dollars = ask_in(page, "How much did the Harbor Bridge repair cost?")
    assert "$84 million" in dollars.locator(".cq-answer").inner_text()


def test_declined_answer_stays_in_view_with_few_short_passages(
    page: Any, ask_in: Any, shoot: Any
) -> None:
    ask_in(page, BRIDGE)
    bubble = ask_in(page, "What is the capital of Peru?")
    head = bubble.locator(".cq-declined-head")
    assert head.inner_text() == "Not answered by your articles"
    page.wait_for_timeout(500)
    inside = page.evaluate(
        """() => {
            const h = [...document.querySelectorAll('#cq-chat .cq-declined-head')].pop();
            const box = document.querySelector('#cq-chat [role=log], #cq-chat .bubble-wrap')
                || document.querySelector('#cq-chat');
            const a = h.getBoundingClientRect(), b = box.getBoundingClientRect();
            return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
        }"""
    )
    assert inside
    near = bubble.locator(".cq-card.cq-near")
    assert 1 <= near.count() <= 3
    for quote in near.locator(".cq-quote").all_inner_texts():
        assert len(quote) <= 221 and len(quote.split()) >= 6
    shoot(page, "declined")


UNSURE = (
    "Who paid for the library's reading robots?",
    "Who is the site manager of the solar farm?",
    "Which firm led the repair work?",
)
"""Questions on the example articles whose answers sit near the support point: the shipped
artefact answers some of them unverified, and a retrained one may move any across it."""


def test_an_unverified_answer_looks_unlike_a_supported_one(
    page: Any, ask_in: Any, shoot: Any, store: Any
) -> None:
    from qa import answer

    answers = [(q, answer(q, store=store)) for q in UNSURE]
    unsure = [(q, a) for q, a in answers if not a.supported and not a.declined]
    assert unsure, f"none of {UNSURE} is answered unverified: pick another"
    question, expected = unsure[0]
    bubble = ask_in(page, question)
    flagged = bubble.locator(".cq-answer.cq-low .cq-low-head")
    assert flagged.inner_text().startswith(f"Low confidence ({round(expected.confidence * 100)}%)")
    assert "check the sources" in flagged.inner_text()
    # ... and the sentences ranked next, to check
    others = bubble.locator(".cq-closest-list")
    assert "Other passages to check" in (others.locator(".cq-label").text_content() or "")
    near = others.locator(".cq-card.cq-near")
    assert near.count() == len(expected.closest) >= 1
    shown = others.text_content() or ""
    assert all(" ".join(p.quote.split())[:40] in shown for p in expected.closest)
    others.scroll_into_view_if_needed()
    shoot(page, "unverified_others")
    assert bubble.locator(".cq-sources .cq-card").count() >= 1
    style = "e => getComputedStyle(e).borderTopStyle"
    unsure_style = bubble.locator(".cq-answer").evaluate(style)  # before the next question
    # the chat may scroll itself to the bottom once more after the answer lands
    page.wait_for_timeout(300)
    bubble.locator(".cq-answer").evaluate("e => e.scrollIntoView({block: 'start'})")
    shoot(page, "unverified")
    sure = ask_in(page, BRIDGE)
    assert answer(BRIDGE, store=store).supported
    assert sure.locator(".cq-answer.cq-low").count() == 0
    assert sure.locator(".cq-answer").evaluate(style) != "dashed"
    assert unsure_style == "dashed"


def test_a_short_answer_is_bold_only_when_the_answer_leads_with_it(
    page: Any, ask_in: Any, shoot: Any, store: Any
) -> None:
    from qa import answer

    seen = []
    for question in ("How much did the Harbor Bridge repair cost?", BRIDGE, DAM):
        expected = answer(question, store=store)
        bubble = ask_in(page, question)
        bold = bubble.locator(".cq-answer b.cq-short")
        led = bool(expected.short) and expected.text.startswith(f"{expected.short} — ")
        seen.append(led)
        if led:
            assert bold.inner_text() == expected.short
            assert bubble.locator(".cq-answer").inner_text().startswith(f"{expected.short} — “")
        else:
            assert bold.count() == 0
    shoot(page, "short_answers")
    assert any(seen), "at least one of these answers leads with its short answer"
