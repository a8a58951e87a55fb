"""Publication dates: every shipped and test article, and the order of the places looked at."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.dates import dateline_date, html_meta_date, parse_day, publication_date
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[2]

# (file, date, where it came from) — checked by hand against each article's text.
SHIPPED = [
    ("examples/articles/harbor-bridge-reopens.txt", "2025-03-14", "dateline"),
    ("examples/articles/library-robot.md", "2025-06-02", "dateline"),  # "*June 2, 2025*"
    ("examples/articles/solar-farm.html", "2025-09-08", "meta"),
    ("tests/ui/articles/harbour_bridge.txt", "", ""),  # "KESSLING, 3 March —": no year
    ("tests/ui/articles/lake_varn.txt", "", ""),
    ("tests/ui/articles/robotics_final.txt", "", ""),
    ("eval/sets/news_articles/aldwick-dam-approved.html", "2024-05-20", "meta"),
    ("eval/sets/news_articles/aldwick-dam-work-begins.md", "2024-09-03", "front-matter"),
    ("eval/sets/news_articles/aldwick-dam-delay.txt", "2025-02-11", "dateline"),
    # The PDF's own metadata says 2026-11-26 (the day it was made); its text says May 20, 2025.
    ("eval/sets/news_articles/aldwick-dam-inspection.pdf", "2025-05-20", "dateline"),
    ("eval/sets/news_articles/aldwick-dam-reopens.html", "2025-06-13", "json-ld"),
    ("eval/sets/news_articles/kestrel-strike-vote.html", "2025-03-12", "time"),
    ("eval/sets/news_articles/kestrel-strike-begins.txt", "2025-03-14", "dateline"),
    ("eval/sets/news_articles/kestrel-deal.md", "2025-03-20", "dateline"),
    ("eval/sets/news_articles/kestrel-aftermath.html", "2025-04-02", "meta"),
]


@pytest.mark.parametrize(("path", "date", "source"), SHIPPED, ids=[p for p, _, _ in SHIPPED])
def test_every_shipped_article_is_dated_correctly(path: str, date: str, source: str) -> None:
    doc = read_document(str(ROOT / path))
    assert (doc.date, doc.meta["date_source"]) == (date, source)


def test_sample_corpus_article_gets_no_date_from_its_body() -> None:
    sample = ROOT.parent / "shared" / "corpus" / "000_e600fff4fea88d59.txt"
    if not sample.exists():
        pytest.skip("shared corpus not present")
    assert read_document(str(sample)).date == ""


def test_html_year_deep_in_the_body_is_never_the_date() -> None:
    page = (
        "<html><head><title>Museum</title></head><body><article><h1>Museum reopens</h1>"
        + "<p>The museum reopened after a long renovation of its galleries and halls.</p>" * 5
        + "<p>It was founded on January 1, 1998 by the town.</p></article></body></html>"
    )
    assert html_meta_date(page).date == ""
    assert publication_date("Museum reopens\n\nThe museum reopened.", html=page).date == ""


def test_metadata_beats_dateline_beats_front_matter_beats_file() -> None:
    page = '<html><head><meta name="pubdate" content="2024-02-03"></head><body></body></html>'
    text = "Title\n\nMarch 5, 2025\n\nBody."
    assert publication_date(text, html=page).source == "meta"
    assert publication_date(text, front_matter="2020-01-01").source == "dateline"
    assert publication_date("Body only.", front_matter="2020-01-01", file_date="2026-01-01") == (
        publication_date("x", front_matter="January 1, 2020")
    )
    assert publication_date("Body only.", file_date="2026-01-01").source == "file"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("PORT ALDER, March 12, 2025 — The bridge reopened.", "2025-03-12"),
        ("Headline\n\nWed 12 Mar 2025\n\nBody.", "2025-03-12"),
        ("Headline\n\nBy Ann Lee | Wednesday, 12th of March, 2025\n\nBody.", "2025-03-12"),
        ("Headline\n\nKESSLING, 3 March — The bridge reopened.", ""),
        ("Headline\n\nMarch 2025\n\nBody.", ""),
    ],
)
def test_dateline_forms(text: str, date: str) -> None:
    assert dateline_date(text) == date


def test_parse_day_needs_day_month_and_year() -> None:
    assert parse_day("14 March 2025") == "2025-03-14"
    assert parse_day("March 2025") == ""
    assert parse_day("2025-02-30") == ""


BYLINE_PAGE = """<html><head><title>Tidal pilot</title></head><body>
<nav>Home | News | Log in</nav><article><h1>Tidal pilot powers 400 homes</h1>
<p class="{cls}">By Marta Lindqvist, Coastal Affairs Reporter · March 3, 2026</p>
<p>PORT ELLING — Two turbines began sending electricity to the grid on Monday, the first
tidal power project on this stretch of coast, the town council said in a statement.</p>
<p>The turbines were built by a Glasgow firm and were anchored off the harbour wall.</p>
</article></body></html>"""


def test_html_byline_gives_the_date_the_extracted_text_leaves_out(tmp_path: Path) -> None:
    page = tmp_path / "tidal.html"
    page.write_text(BYLINE_PAGE.format(cls="byline"), encoding="utf-8")
    doc = read_document(str(page))
    assert "Lindqvist" not in doc.text  # the extraction drops the byline ...
    assert (doc.date, doc.meta["date_source"]) == ("2026-03-03", "byline")  # ... not its date


@pytest.mark.parametrize("cls", ["comment-date", "updated-date", "story"])
def test_html_dates_not_marked_as_publication_are_not_bylines(cls: str) -> None:
    page = BYLINE_PAGE.format(cls=cls)
    text = "Tidal pilot powers 400 homes\n\nPORT ELLING — Two turbines began sending electricity."
    assert publication_date(text, html=page) == publication_date(text)


def test_metadata_and_dateline_beat_the_byline() -> None:
    page = BYLINE_PAGE.format(cls="byline")
    meta = page.replace("<head>", '<head><meta name="pubdate" content="2024-02-03">')
    assert publication_date("Title\n\nBody.", html=meta).source == "meta"
    assert publication_date("Title\n\nMarch 5, 2025\n\nBody.", html=page).date == "2025-03-05"
