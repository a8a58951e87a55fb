"""The web chat in a real browser: answers, citations, the article panel, uploads, safety."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.timeout(300)

XSS_TITLE = 'Council <img src=x onerror="window.__pwned=1"> approves tram line'
XSS_ARTICLE = f"""{XSS_TITLE}

RIVERTON, 4 June — The Riverton council approved the Marsh Street tram line on Thursday \
<script>window.__pwned=2</script> and building will start in 2027.

The tram line will have 14 stops <img src=x onerror="window.__pwned=3"> and will cost \
310 million euros [see the map](javascript:window.__pwned=4) ${{window.__pwned=5}}.

Mayor Petra Lund said the line would open in 2030 <svg onload="window.__pwned=6"></svg>.
"""


def _pwned(page: Any) -> Any:
    return page.evaluate("window.__pwned")


def _no_live_payloads(page: Any) -> None:
    """Nothing from an article became a live element or ran."""
    assert _pwned(page) is None
    assert page.locator("script:text('__pwned')").count() == 0
    assert page.locator("[onerror], [onload]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_answer_cites_and_opens_passage(page: Any, store: Any, ask_in: Any, shoot: Any) -> None:
    bubble = ask_in(page, "How much did the Kessling Harbour Bridge repairs cost?")
    answer = bubble.locator(".cq-answer")
    assert "42 million" in answer.inner_text()
    card = bubble.locator(".cq-sources .cq-card").first
    assert "Kessling Harbour Bridge" in card.locator(".cq-card-title").inner_text()
    quote = card.locator(".cq-quote").inner_text()
    assert "42 million euros" in quote

    marker = answer.locator("a.cq-cite").first
    assert marker.inner_text().strip() == "1"
    marker.click()
    mark = page.locator("#cq-panel mark#cq-active")
    mark.wait_for()
    # The highlighted passage is exactly the cited stretch of the stored article text.
    href = marker.get_attribute("href")
    _kind, doc_id, start, end = href.removeprefix("#cq=").split(":")
    cited = store.document_text(doc_id)[int(start) : int(end)]
    assert mark.inner_text() == cited
    assert " ".join(cited.split()) == " ".join(quote.split())
    title = page.locator("#cq-panel .cq-article-title").inner_text()
    assert title.startswith("Kessling Harbour Bridge")
    # ...and it was scrolled into view inside the panel.
    page.wait_for_function(
        """() => {
            const m = document.querySelector('#cq-panel #cq-active');
            const box = m.closest('.cq-article').getBoundingClientRect();
            const r = m.getBoundingClientRect();
            return r.top >= box.top && r.bottom <= box.bottom;
        }"""
    )
    shoot(page, "answer_with_sources")


def test_source_card_opens_article(page: Any, ask_in: Any) -> None:
    bubble = ask_in(page, "When was the dam at Lake Varn built?")
    assert "1952" in bubble.locator(".cq-answer").inner_text()
    bubble.locator(".cq-sources a.cq-open").first.click()
    page.locator("#cq-panel mark#cq-active").wait_for()
    assert "1952" in page.locator("#cq-panel mark#cq-active").inner_text()
    assert "Lake Varn" in page.locator("#cq-panel .cq-article-title").inner_text()


def test_follow_up_and_clear(page: Any, ask_in: Any, shoot: Any) -> None:
    first = ask_in(page, "Who won the national schools robotics final?")
    assert "Tessel" in first.locator(".cq-answer").inner_text()
    second = ask_in(page, "How many teams did they beat?")
    assert "48" in second.locator(".cq-answer").inner_text()
    assert page.locator("#cq-chat [data-testid=user]").count() == 2
    shoot(page, "conversation")
    page.locator("#cq-new").click()
    page.wait_for_function("document.querySelectorAll('#cq-chat [data-testid=bot]').length === 0")
    # A new question after clearing starts a fresh conversation.
    ask_in(page, "How many stops will the ferry make?")
    assert page.locator("#cq-chat [data-testid=user]").count() == 1


def test_declined_answer_shows_closest_passages_apart(page: Any, ask_in: Any, shoot: Any) -> None:
    bubble = ask_in(page, "What is the capital of Peru?")
    assert bubble.locator(".cq-declined").count() == 1
    assert bubble.locator(".cq-card.cq-cite, a.cq-cite, .cq-sources").count() == 0
    near = bubble.locator(".cq-closest-list .cq-card.cq-near")
    assert near.count() >= 1
    near.first.locator("a.cq-open").click()
    page.locator("#cq-panel .cq-article-near mark").wait_for()
    assert "not a citation" in page.locator("#cq-panel .cq-panel-note").inner_text()
    shoot(page, "declined")


def test_example_question_is_answered(page: Any, shoot: Any) -> None:
    example = page.locator("#cq-chat .example, #cq-chat button.example-content").first
    example.wait_for()
    shoot(page, "home")
    example.click()
    page.wait_for_selector("#cq-chat .cq-answer, #cq-chat .cq-declined")
    assert page.locator("#cq-chat [data-testid=user]").count() == 1


def test_upload_lists_article_and_shows_it_as_text(
    page: Any, ask_in: Any, shoot: Any, store: Any
) -> None:
    page.get_by_role("tab", name="Library").click()
    page.locator("#cq-upload input[type=file]").set_input_files(
        files=[
            {
                "name": '<img src=x onerror="window.__pwned=7">tram.txt',
                "mimeType": "text/plain",
                "buffer": XSS_ARTICLE.encode(),
            }
        ]
    )
    row = page.locator("#cq-upload-results .cq-result").first
    row.wait_for()
    page.wait_for_selector("#cq-upload-results .cq-st-added", timeout=120_000)
    assert "onerror" in row.locator(".cq-name").inner_text()  # the name is shown, as text
    page.wait_for_function(
        "document.querySelector('#cq-library').innerText.includes('approves tram line')"
    )
    assert "<img src=x" in page.locator("#cq-library").inner_text()
    _no_live_payloads(page)
    shoot(page, "library")

    page.get_by_role("tab", name="Ask").click()
    bubble = ask_in(page, "When will building of the Marsh Street tram line start?")
    assert "2027" in bubble.inner_text()
    assert "<script>window.__pwned=2</script>" in bubble.inner_text()  # quoted as text
    bubble.locator("a.cq-cite").first.click()
    page.locator("#cq-panel mark#cq-active").wait_for()
    panel_text = page.locator("#cq-panel .cq-article").inner_text()
    assert '<img src=x onerror="window.__pwned=3">' in panel_text
    assert "[see the map](javascript:window.__pwned=4)" in panel_text
    assert "<script>window.__pwned=2</script>" in panel_text
    page.wait_for_timeout(500)  # give any injected handler the chance to fire
    _no_live_payloads(page)
    shoot(page, "xss_as_text")

    stored = [d for d in store.documents() if "tram" in d.title]
    assert len(stored) == 1
    assert "/" not in stored[0].source.rsplit("/", 1)[-1].replace("..", "")
    assert "<" not in stored[0].source and ">" not in stored[0].source


def test_upload_refuses_wrong_type_and_large_file(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    big = b"A sentence about nothing in particular. " * 2000  # 80 kB > the 50 kB test limit
    page.locator("#cq-upload input[type=file]").set_input_files(
        files=[{"name": "huge.txt", "mimeType": "text/plain", "buffer": big}]
    )
    page.wait_for_selector("#cq-upload-results .cq-st-refused", timeout=30_000)
    assert "the limit is" in page.locator("#cq-upload-results").inner_text()
    assert page.locator("#cq-upload-results .cq-st-added").count() == 0
    page.reload()
    page.get_by_role("tab", name="Library").click()
    page.locator("#cq-upload input[type=file]").set_input_files(
        files=[{"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ" * 10}]
    )
    page.wait_for_function(
        "document.body.innerText.match(/invalid file type|not supported/i) !== null",
        timeout=30_000,
    )
    assert page.locator("#cq-upload-results .cq-st-added").count() == 0
