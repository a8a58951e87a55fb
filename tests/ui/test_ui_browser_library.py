"""The Library tab in a real browser: row Read / Remove (confirmed), filter, stable columns,
adding by web address, refusals reported inline, singular and plural right."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import free_port

pytestmark = pytest.mark.timeout(300)

OTTERS_MD = """---
title: Otters return to the river Brenn
date: 2024-06-18
---

Wardens counted 37 otters along the river Brenn in June, the highest number since records
began in 1979. The survey was paid for by the Brenn Valley Trust.
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A web server on 127.0.0.1 serving one article, ``/otters.md``; its base URL."""
    (tmp_path / "otters.md").write_text(OTTERS_MD, encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _library(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    page.locator("#cq-library table.cq-lib").wait_for()


def _row(page: Any, title: str) -> Any:
    return page.locator("#cq-library tr", has_text=title)


def test_add_by_url_then_read_and_remove_with_confirmation(
    page: Any, site: str, store: Any, shoot: Any
) -> None:
    _library(page)
    page.locator("#cq-url input, #cq-url textarea").fill(f"{site}/otters.md")
    page.locator("#cq-url-add").click()
    page.wait_for_selector("#cq-upload-results .cq-st-added", timeout=120_000)
    assert "1 passage indexed" in page.locator("#cq-upload-results").inner_text()
    row = _row(page, "Otters return to the river Brenn")
    row.wait_for()
    assert "2024-06-18" in row.inner_text() and "127.0.0.1" in row.inner_text()
    page.wait_for_function("document.querySelector('#cq-stats').innerText.includes('articles')")
    shoot(page, "library_row_actions")

    # The article's date and site show on its source card, in the chat.
    page.get_by_role("tab", name="Ask").click()
    box = page.locator("#cq-input textarea")
    box.fill("How many otters did the wardens count along the Brenn?")
    box.press("Enter")
    card = page.locator("#cq-chat .cq-sources .cq-card").first
    card.wait_for(timeout=120_000)
    assert "37" in page.locator("#cq-chat .cq-answer").last.inner_text()
    meta = card.locator(".cq-card-source").inner_text()
    assert "2024-06-18" in meta and "127.0.0.1" in meta, meta
    page.wait_for_function("!document.querySelector('#cq-input textarea').disabled")
    _library(page)
    row.locator("a.cq-read").click()
    page.wait_for_function(
        "document.querySelector('#cq-panel .cq-article-title')?.innerText"
        " === 'Otters return to the river Brenn'"
    )
    assert page.get_by_role("tab", name="Ask").get_attribute("aria-selected") == "true"
    assert "2024-06-18" in page.locator("#cq-panel .cq-article-source").inner_text()

    _library(page)
    remove = _row(page, "Otters return").locator("a.cq-remove")
    remove.click()  # the first click only asks
    assert remove.inner_text() == "Confirm remove"
    page.wait_for_timeout(800)
    assert any(d.title == "Otters return to the river Brenn" for d in store.documents())
    remove.click()
    page.wait_for_function(
        "!document.querySelector('#cq-library').innerText.includes('Otters return')"
    )
    assert "removed" in page.locator("#cq-remove-result").inner_text()
    assert not any(d.title.startswith("Otters return") for d in store.documents())


def test_remove_is_not_done_without_confirmation(page: Any, store: Any) -> None:
    _library(page)
    before = len(store.documents())
    first = page.locator("#cq-library a.cq-remove").first
    first.click()
    page.wait_for_timeout(5600)  # the confirmation lapses
    assert first.inner_text() == "Remove"
    first.click()
    page.wait_for_timeout(800)
    assert len(store.documents()) == before


def test_filter_box_narrows_the_table(page: Any) -> None:
    _library(page)
    page.locator("#cq-filter textarea, #cq-filter input").fill("lake varn")
    page.wait_for_function("document.querySelectorAll('#cq-library tbody tr').length === 1")
    assert "Lake Varn" in page.locator("#cq-library tbody tr").inner_text()
    assert page.locator("#cq-library .cq-lib-count").inner_text().startswith("1 of ")
    page.locator("#cq-filter textarea, #cq-filter input").fill("zebra crossing")
    page.wait_for_function("document.querySelector('#cq-library').innerText.includes('No article')")


@pytest.mark.parametrize("viewport", [(1360, 900), (390, 844)])
def test_columns_never_wrap_letter_by_letter(browser: Any, server: str, viewport: Any) -> None:
    from tests.ui.conftest import open_tab

    page = open_tab(browser, server, width=viewport[0], height=viewport[1])
    _library(page)
    cells = page.evaluate(
        """() => [...document.querySelectorAll(
                '#cq-library td.cq-c-num, #cq-library td.cq-c-date, #cq-library th')]
            .filter(c => c.offsetParent !== null && c.innerText.trim())
            .map(c => {
                const r = document.createRange();
                r.selectNodeContents(c);
                const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
                return [c.innerText, tops.size];
            })"""
    )
    assert cells
    tall = [(text, lines) for text, lines in cells if lines > 1]
    assert tall == [], tall
    page.context.close()


def test_refused_uploads_are_reported_inline_the_same_way(page: Any) -> None:
    _library(page)
    page.locator("#cq-upload input[type=file]").set_input_files(
        files=[
            {"name": "notes.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04"},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            {"name": "huge.txt", "mimeType": "text/plain", "buffer": b"A sentence. " * 7000},
            {
                "name": "fine.txt",
                "mimeType": "text/plain",
                "buffer": b"Gull count\n\nVolunteers counted 812 gulls at the harbour on Sunday.\n",
            },
        ]
    )
    page.wait_for_selector("#cq-upload-results .cq-st-added", timeout=120_000)
    rows = page.locator("#cq-upload-results .cq-result")
    by_name = {
        rows.nth(i).locator(".cq-name").inner_text(): rows.nth(i) for i in range(rows.count())
    }
    assert set(by_name) == {"notes.docx", "empty.txt", "huge.txt", "fine.txt"}
    for name in ("notes.docx", "empty.txt", "huge.txt"):
        assert by_name[name].get_attribute("class") == "cq-result cq-st-refused", name
    assert "not supported" in by_name["notes.docx"].inner_text()
    assert "empty" in by_name["empty.txt"].inner_text()
    assert "the limit is" in by_name["huge.txt"].inner_text()  # 84 kB > the 50 kB test limit
    assert "1 passage indexed" in by_name["fine.txt"].inner_text()
    assert page.locator(".toast-body, [data-testid=toast-body]").count() == 0
