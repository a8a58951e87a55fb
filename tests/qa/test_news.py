"""News-aware answers over the news eval articles: date filter, who said it, across articles,
relative dates, timeline — through the real pipeline (real embedder, real Chroma)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import open_store
from ingest.pipeline import ingest
from ingest.store import Store
from qa.answer import Pipeline
from qa.news import date_range, range_in_question, resolve_relative
from qa.news.figures import figures_in
from qa.news.timeline import timeline
from qa.search import BM25Searcher, DenseSearcher
from qa.search.dated import DateFilter


@pytest.fixture(scope="module")
def pipeline(news_store: Store) -> Pipeline:
    return Pipeline.from_settings(news_store)


def test_relative_weekday_follows_tense() -> None:
    (future,) = resolve_relative("Pilots will walk out on Friday.", "2025-03-12")
    assert future.day.isoformat() == "2025-03-14"  # Wed 12 Mar → the coming Friday
    (past,) = resolve_relative("The deal was reached on Wednesday.", "2025-03-20")
    assert past.day.isoformat() == "2025-03-19"
    assert resolve_relative("On Friday.", "") == []


def test_a_weekday_takes_the_tense_of_its_own_clause() -> None:
    # Wed 14 Jan 2026: the fares rise later, but the announcement was the day before.
    sentence = (
        "Fares on the ferry will rise by 20 percent from February 1, the operator Tidelink "
        "announced on Tuesday, blaming fuel costs."
    )
    (announced,) = resolve_relative(sentence, "2026-01-14")
    assert announced.day.isoformat() == "2026-01-13"
    # a clause with no verb of its own takes the sentence's tense
    (vote,) = resolve_relative("On Friday, the council will vote on the plan.", "2026-01-14")
    assert vote.day.isoformat() == "2026-01-16"


def test_two_articles_naming_the_old_and_the_new_fare_agree_on_the_old_one(
    tmp_path: Path,
) -> None:
    # Both say "£46, up from £38": asked for the fare before, they agree on £38, not differ.
    for name, day in (("fares-a.txt", "14"), ("fares-b.txt", "15")):
        (tmp_path / name).write_text(
            f"Ferry fares rise\n\nKESSOCK, January {day}, 2026 — Fares on the island ferry will "
            "rise from February 1. A return ticket for a car and driver will cost £46, up from "
            "£38, the operator said.\n",
            encoding="utf-8",
        )
    st = open_store(tmp_path / "store", create=True)
    assert ingest([tmp_path / "fares-a.txt", tmp_path / "fares-b.txt"], store=st).ok
    a = Pipeline.from_settings(st).answer("How much did a return ticket for a car cost before?")
    assert a.short == "£38", a.text
    assert "differ" not in a.text and "All 2 articles say £38" in a.text, a.text


def test_date_range_from_options_and_question() -> None:
    assert date_range("2024", "2025-02") == date_range("2024-01-01", "2025-02-28")
    with pytest.raises(ValueError, match="after"):
        date_range("2025-01-01", "2024-01-01")
    with pytest.raises(ValueError, match="not a date"):
        date_range("soon")
    r = range_in_question("What was the cost as of March 2025?")
    assert (r.since, r.until, r.implied) == ("", "2025-03-31", True)
    assert not range_in_question("When did work start in 2023?")  # asks when: not a filter


def test_figures_compare_by_value_and_kind() -> None:
    a, b = figures_in("$46 million"), figures_in("$41m")
    assert a[0].value == 46e6 and b[0].value == 41e6 and a[0].same_kind(b[0])
    assert figures_in("built in 1962") == []


def test_date_filter_in_dense_and_bm25(pipeline: Pipeline) -> None:
    only_2024 = date_range("2024", "2024")
    for searcher in (DenseSearcher(pipeline.store), BM25Searcher(pipeline.store)):
        hits = DateFilter(searcher, only_2024).search("Aldwick Dam cost", 10)
        assert hits and {h.chunk.date[:4] for h in hits} == {"2024"}


def test_since_until_reach_the_answer(pipeline: Pipeline) -> None:
    a = pipeline.answer("How much did the Aldwick Dam upgrade cost?", until="2024-12-31")
    assert a.supported and all(c.date <= "2024-12-31" for c in a.citations)
    assert "$46 million" in a.text


def test_when_answer_resolves_weekday_and_names_the_article(pipeline: Pipeline) -> None:
    a = pipeline.answer("When did the Kestrel Air pilots walk out?")
    assert a.short == "Friday"
    assert a.text.endswith(
        "Friday (14 Mar 2025) — the day is read against the publication date of "
        "“Kestrel Air Pilots Vote to Strike” (12 Mar 2025)."
    )
    assert a.citations[0].date == "2025-03-12"


def test_streamed_pieces_are_the_final_text(pipeline: Pipeline) -> None:
    for q in (
        "When did the Kestrel Air pilots walk out?",
        "What did Ruth Calder say about the gates?",
    ):
        *pieces, final = list(pipeline.stream(q))
        assert "".join(str(p) for p in pieces) == final.text


def test_what_did_x_say_uses_their_own_words(pipeline: Pipeline) -> None:
    a = pipeline.answer("What did Dara Quinlan say about the deal?")
    assert a.text.startswith("Dara Quinlan ") and "“This is a fair deal" in a.text
    c = next(c for c in a.citations if "fair deal" in c.quote)
    assert c.speaker == "Dara Quinlan" and c.date == "2025-03-20"
    assert pipeline.store.document_text(c.doc_id)[c.start : c.end] == c.quote
    early = pipeline.answer("What did Dara Quinlan say about pay?", until="2025-03-13")
    assert {c.date for c in early.citations} == {"2025-03-12"}


def test_what_did_x_say_about_a_topic_they_never_spoke_on_gives_their_words_unverified(
    pipeline: Pipeline,
) -> None:
    a = pipeline.answer("What did Alan Moss say about the weather?")
    assert not a.supported and not a.declined, a
    assert a.text.startswith("The articles quote Alan Moss, but not clearly on the weather. ")
    assert "built to do" in a.text and all(c.speaker == "Alan Moss" for c in a.citations)
    assert a.confidence < 0.1
    on_topic = pipeline.answer("What did Alan Moss say about the gates?")
    assert on_topic.supported and "built to do" in on_topic.text
    assert not on_topic.text.startswith("The articles quote")


def test_reported_claim_is_attributed(pipeline: Pipeline) -> None:
    a = pipeline.answer("What share of union members voted for the strike?")
    assert a.short == "87 percent"
    assert a.text.endswith("— according to the Pilots' Guild.")
    assert a.citations[0].speaker == "the Pilots' Guild"


def test_conflicting_figures_side_by_side(pipeline: Pipeline) -> None:
    a = pipeline.answer("How much did the Aldwick Dam upgrade cost?")
    assert "2 articles say $46 million" in a.text and "1 says $41 million" in a.text
    assert len({c.doc_id for c in a.citations}) == 3


def test_timeline_is_dated_cited_and_oldest_first(pipeline: Pipeline) -> None:
    lines = timeline(pipeline.store, "Ruth Calder")
    dates = [e.date for e in lines]
    assert dates == sorted(dates) and dates[0] == "2024-05-20"
    assert all(e.citations and "Calder" in e.text for e in lines)
    strike = timeline(pipeline.store, "Kestrel Air")
    assert strike[0].date == "2025-03-12"


def test_same_speaker_matches_whole_names_not_pronouns() -> None:
    from qa.news.quotebook import same_speaker

    assert same_speaker("Brandt", "Ilse Brandt") and same_speaker(
        "Mayor Ilse Brandt", "Ilse Brandt"
    )
    assert not same_speaker("he", "the defense minister")  # "he" is inside "the"
    assert not same_speaker("Reyes", "Tom Reye")


def test_timeline_finds_a_name_in_the_line_after_an_unpunctuated_headline(tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(
        "Ferry talks resume\n"
        "Harbour master Ines Okafor met the ferry operators on Tuesday. Talks continue.\n"
    )
    ingest([str(article)], store=open_store(tmp_path / "s", create=True))
    (entry,) = timeline(open_store(tmp_path / "s"), "Okafor")
    assert entry.text == "Harbour master Ines Okafor met the ferry operators on Tuesday."
    c = entry.citations[0]
    assert open_store(tmp_path / "s").document_text(c.doc_id)[c.start : c.end] == entry.text


def test_a_speaker_that_opened_its_sentence_reads_lower_case_inside_the_answer(
    tmp_path: Path,
) -> None:
    article = tmp_path / "ferry.md"
    article.write_text(
        "# Ferry service to resume\n\n*May 2, 2025*\n\n"
        "The transport minister said the ferry service would resume in June. "
        "Crews have repainted both vessels.\n",
        encoding="utf-8",
    )
    assert ingest([str(article)], store=tmp_path / "store").ok
    a = Pipeline.from_settings(open_store(tmp_path / "store")).answer(
        "When will the ferry service resume?"
    )
    assert a.short == "June"
    assert a.text.endswith("— according to the transport minister.")
    assert a.citations[0].speaker == "The transport minister"  # as the article wrote it


def test_a_speaker_written_mid_sentence_is_capitalised_when_it_opens_the_answer(
    pipeline: Pipeline,
) -> None:
    a = pipeline.answer("What did the Pilots' Guild say about the strike?")
    assert a.text.startswith(
        "The Pilots' Guild said that "
    )  # the article wrote "the Pilots' Guild"
