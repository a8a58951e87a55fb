"""The web chat's news views in a real browser: dates on cards and in the panel, the speaker
marked, differing figures side by side, and the Timeline tab.

Runs on its own store of the news eval articles (``eval/sets/news_articles``), served by a
second app on a free loopback port (this module's ``server`` overrides the shared one, so the
shared ``page`` fixture opens it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.conftest import ROOT, ask, free_port

NEWS = ROOT / "eval" / "sets" / "news_articles"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Overrides the shared ``server`` for this module: the web chat over the news articles."""
    from citeqa.settings import Settings
    from ingest import ingest, open_store
    from ui.app import build_app
    from ui.cli import serve

    home = tmp_path_factory.mktemp("ui-news")
    settings = Settings(store=home / "store", upload_dir=home / "uploads")
    store = open_store(settings.store, create=True)
    assert ingest([str(NEWS)], store=store).count("failed") == 0
    app = build_app(store, settings=settings)
    url = serve(app, host="127.0.0.1", port=free_port(), settings=settings, block=False, quiet=True)
    yield url.rstrip("/")
    app.close()


def test_card_and_panel_show_the_date_and_mark_the_speaker(page: Any, shoot: Any) -> None:
    bubble = ask(page, "What share of union members voted for the strike?")
    card = bubble.locator(".cq-card").first
    assert card.locator(".cq-date").inner_text() == "2025-03-12"
    assert card.locator(".cq-speaker-tag").inner_text() == "the Pilots' Guild"
    card.locator("a.cq-open").click()
    panel = page.locator("#cq-panel")
    panel.locator("#cq-active").wait_for()
    assert "2025-03-12" in panel.locator(".cq-article-source").inner_text()
    assert panel.locator("mark.cq-speaker").first.inner_text() == "the Pilots' Guild"
    assert "87 percent" in panel.locator("#cq-active").inner_text()
    shoot(page, "news-speaker-panel")


def test_differing_figures_side_by_side(page: Any, shoot: Any) -> None:
    bubble = ask(page, "How much did the Aldwick Dam upgrade cost?")
    cols = bubble.locator(".cq-conflict .cq-conflict-col")
    assert cols.count() == 2
    figures = [cols.nth(i).locator(".cq-conflict-figure").inner_text() for i in range(2)]
    assert figures == ["$46 million", "$41 million"]
    assert cols.nth(0).locator(".cq-conflict-count").inner_text() == "2 articles"
    assert cols.nth(0).locator("blockquote").count() == 2
    box = [cols.nth(i).bounding_box() for i in range(2)]
    assert box[0] and box[1] and box[0]["x"] < box[1]["x"] and abs(box[0]["y"] - box[1]["y"]) < 2
    page.wait_for_timeout(500)  # the chat's own scroll to the newest message comes first
    bubble.locator(".cq-answer").evaluate("el => el.scrollIntoView({block: 'start'})")
    shoot(page, "news-conflict")


def test_timeline_tab_lists_dated_lines_oldest_first(page: Any, shoot: Any) -> None:
    page.get_by_role("tab", name="Timeline").click()
    page.locator("#cq-timeline-entity textarea, #cq-timeline-entity input").first.fill(
        "Ruth Calder"
    )
    page.locator("#cq-timeline-go").click()
    rows = page.locator("#cq-timeline-list .cq-timeline-row")
    rows.first.wait_for()
    dates = page.locator(".cq-timeline-date").all_inner_texts()
    assert len(dates) >= 3 and dates == sorted(dates) and dates[0] == "2024-05-20"
    assert all("Calder" in t for t in rows.all_inner_texts())
    shoot(page, "news-timeline")


def test_speaker_is_nested_inside_one_active_mark() -> None:
    from ui.news import highlight_with_speakers

    text = "Intro. The gates work, <Moss> said. End."
    start, end = text.index("The"), text.index(" End")
    html = highlight_with_speakers(
        text, [(start, end)], [(text.index("<"), text.index(" said"))], 0
    )
    assert html.count('id="cq-active"') == 1 and html.count("<mark") == 2
    assert '<mark class="cq-speaker">&lt;Moss&gt;</mark> said.</mark>' in html


def test_conflict_columns_come_from_the_answer() -> None:
    from qa.types import Answer, Citation
    from ui.news import render_conflict

    cites = [
        Citation(n, f"d{n}", f"/a/{n}.txt", f"T{n}", f"q{n}", 0, 2, 1.0, "2025-01-0" + str(n))
        for n in (1, 2, 3)
    ]
    text = "x [1] The articles differ: 2 articles say $46 million [2][3]; 1 says $41 million [1]."
    html = render_conflict(Answer("q", text, True, citations=cites))
    assert html.count('class="cq-conflict-col"') == 2
    assert html.index("46 million") < html.index("41 million") and "2 articles" in html
    assert render_conflict(Answer("q", "$46 million [1]", True, citations=cites)) == ""
