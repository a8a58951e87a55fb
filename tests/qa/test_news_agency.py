"""Which news agency filed a story, from its dateline (``qa.news.agency``): the dateline forms,
and the question answered through the real pipeline (real embedder, real Chroma)."""

from __future__ import annotations

import pytest

from ingest import open_store
from ingest.pipeline import ingest
from qa.answer import Pipeline
from qa.news.agency import DATELINE_CONFIDENCE, agency_question, dateline

WIRE = """EU fines shipping group over cartel

BRUSSELS, March 3 (Reuters) — The European Commission fined the Nordhavn shipping group
210 million euros on Tuesday for running a freight cartel. The group said it would appeal.
"""
LOCAL = """Library lends reading robots

The Riverside Public Library has begun lending a small reading robot named Pip to families.
A grant from the Lakeside Community Foundation paid for four robots.
"""


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("(TASS) Turkey and Russia have been working together, the minister said.", "TASS"),
        ("Headline\n\nMOSCOW (Reuters) - Talks resumed on Monday.", "Reuters"),
        ("LONDON, March 3, 2025 (AP) — Prices rose.", "AP"),
        ("Title\nStandfirst line\n\nPARIS (AFP): Strikes spread.", "AFP"),
        ("The bridge (built in 1962) reopened.", None),  # brackets inside a sentence
        ("(Photo) A crowd gathers.", None),  # not an agency
        ("A\nB\nC\nD\nE\nF\nG\n(TASS) Late in the story.", None),  # not in the opening
    ],
)
def test_a_dateline_names_its_agency(text: str, agency: str | None) -> None:
    found = dateline(text)
    assert (found.agency if found else None) == agency
    if found:
        assert found.start <= text.index(f"({agency})") < found.end


def test_only_a_question_about_a_news_agency_takes_the_dateline_route() -> None:
    assert agency_question("Which news agency reported the fine?")
    assert agency_question("What wire service carried the story?")
    assert agency_question("Which agency reported the remarks?")
    assert not agency_question("Which agency approved the dam?")
    assert not agency_question("Who reported the crack in the wall?")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    articles = tmp_path_factory.mktemp("agency-articles")
    (articles / "wire.txt").write_text(WIRE, encoding="utf-8")
    (articles / "local.txt").write_text(LOCAL, encoding="utf-8")
    folder = tmp_path_factory.mktemp("agency-store")
    assert ingest([str(articles)], store=folder).ok
    return Pipeline.from_settings(open_store(folder))


def test_the_agency_is_answered_from_the_dateline_of_the_top_article(pipeline: Pipeline) -> None:
    a = pipeline.answer("Which news agency reported the cartel fine?")
    assert a.supported and a.short == "Reuters" and a.confidence == DATELINE_CONFIDENCE
    assert a.text.startswith("Reuters — “BRUSSELS, March 3 (Reuters)")
    (cite,) = a.citations
    assert pipeline.store.document_text(cite.doc_id)[cite.start : cite.end] == cite.quote
    assert "fined the Nordhavn shipping group" in cite.quote


def test_an_article_without_a_dateline_is_left_to_the_answerer(pipeline: Pipeline) -> None:
    a = pipeline.answer("Which news agency reported the library's reading robots?")
    assert "Reuters" not in a.text and a.confidence != DATELINE_CONFIDENCE
