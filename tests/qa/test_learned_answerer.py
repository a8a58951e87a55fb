"""The learned extractive answerer (the default ``extractive`` backend) with the shipped model,
the real embedding model and real spaCy, on hand-made articles (not SQuAD: nothing here was
trained on)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.embed import default_embedder
from qa.answerers import AnswererContext, make_answerer
from qa.learned import DECLINE_TEXT, learned_answer, load_model
from qa.types import Answer, Passage
from tests.qa.test_extractive import (
    ARTICLES,
    SHORT_ANSWERS,
    all_passages,
    assert_offsets,
    passages_of,
)


def ask(question: str) -> Answer:
    return learned_answer(question, all_passages(), embedder=default_embedder())


@pytest.mark.parametrize(("question", "expected"), SHORT_ANSWERS)
def test_answers_with_a_short_answer_and_its_sentence(question: str, expected: str) -> None:
    answer = ask(question)
    assert answer.supported, answer.text
    assert expected in answer.citations[0].quote
    assert answer.short is not None and answer.short in answer.citations[0].quote
    assert 0.0 <= answer.confidence <= 1.0
    assert_offsets(answer)


def test_confidence_sets_the_three_states_at_the_model_s_two_operating_points() -> None:
    model = load_model()
    assert model.threshold < model.support <= 1.0
    for question in ("Who opened the Riverside Bridge?", "What is the capital of Peru?"):
        answer = ask(question)
        assert answer.supported == (answer.confidence >= model.support)
        assert answer.declined == (answer.confidence < model.threshold)


def test_an_answer_below_the_support_point_is_given_unverified() -> None:
    passages, question = all_passages(), "Who opened the Riverside Bridge?"
    sure = learned_answer(question, passages, embedder=default_embedder())
    strict = replace(load_model(), support=min(1.0, sure.confidence + 1e-3))
    unsure = learned_answer(question, passages, embedder=default_embedder(), model=strict)
    assert sure.supported and not unsure.supported and not unsure.declined
    assert unsure.text == sure.text and unsure.citations == sure.citations
    assert unsure.confidence == sure.confidence and unsure.to_dict()["declined"] is False


def test_an_unverified_answer_offers_the_sentences_ranked_next_and_a_supported_one_none() -> None:
    passages, question = all_passages(), "Who opened the Riverside Bridge?"
    sure = learned_answer(question, passages, embedder=default_embedder())
    strict = replace(load_model(), support=min(1.0, sure.confidence + 1e-3))
    unsure = learned_answer(question, passages, embedder=default_embedder(), model=strict)
    assert sure.supported and sure.closest == []
    offered = unsure.closest
    assert 1 <= len(offered) <= 3 and [c.n for c in offered] == list(range(1, len(offered) + 1))
    assert [c.score for c in offered] == sorted((c.score for c in offered), reverse=True)
    cited = unsure.citations[0]
    assert all(
        c.end <= cited.start or c.start >= cited.end or c.doc_id != cited.doc_id for c in offered
    )
    assert all(len(c.quote.split()) >= 6 for c in offered)
    assert_offsets(unsure)
    fewer = learned_answer(question, passages, embedder=default_embedder(), model=strict, others=1)
    assert [c.quote for c in fewer.closest] == [offered[0].quote]


def test_a_declined_answer_offers_the_sentences_the_ranker_rates_best() -> None:
    passages, question = all_passages(), "Who opened the Riverside Bridge?"
    sure = learned_answer(question, passages, embedder=default_embedder())
    model = load_model()
    threshold = min(1.0, sure.confidence + 1e-3)
    strict = replace(model, threshold=threshold, support=max(model.support, threshold))
    declined = learned_answer(question, passages, embedder=default_embedder(), model=strict)
    assert declined.declined and declined.closest
    # What would have been quoted comes first: the ranker's best sentence.
    assert declined.closest[0].quote in sure.citations[0].quote
    assert_offsets(declined)
    none = learned_answer(question, passages, embedder=default_embedder(), model=strict, others=0)
    assert none.declined and none.closest == []


def test_the_text_leads_with_the_short_answer_only_when_it_is_likely_right() -> None:
    passages, question = all_passages(), "Who opened the Riverside Bridge?"
    model = load_model()
    assert model.short is not None, "the shipped model rates its short answers"
    led = learned_answer(question, passages, embedder=default_embedder(), model=model)
    assert led.short_confidence is not None and 0.0 <= led.short_confidence <= 1.0
    assert led.short_confidence >= model.short_point, led
    assert led.text.startswith(f"{led.short} — “")
    # the same answer from a model that asks more of its short answers: the quote alone
    strict = replace(model, short_point=min(1.0, led.short_confidence + 1e-3))
    quoted = learned_answer(question, passages, embedder=default_embedder(), model=strict)
    assert quoted.short == led.short and quoted.short_confidence == led.short_confidence
    assert quoted.text == led.text.removeprefix(f"{led.short} — ")
    assert quoted.text.startswith("“") and quoted.citations == led.citations
    assert (quoted.confidence, quoted.supported) == (led.confidence, led.supported)


def test_a_model_without_a_short_answer_scorer_leads_with_every_short_answer() -> None:
    old = replace(load_model(), short=None)
    answer = learned_answer(
        "Who opened the Riverside Bridge?", all_passages(), embedder=default_embedder(), model=old
    )
    assert answer.short_confidence is None and answer.text.startswith(f"{answer.short} — ")


def test_declines_a_question_the_articles_do_not_answer() -> None:
    answer = ask("What is the boiling point of mercury in kelvin?")
    assert answer.declined and not answer.supported
    assert answer.text == DECLINE_TEXT and not answer.citations
    assert answer.confidence < load_model().threshold


def test_no_passages_is_a_decline_with_zero_confidence() -> None:
    answer = learned_answer("Who opened the bridge?", [], embedder=default_embedder())
    assert not answer.supported and answer.confidence == 0.0


def test_registered_as_the_default_extractive_backend() -> None:
    answerer = make_answerer("extractive", AnswererContext(default_embedder()))
    result = answerer.answer("Who opened the Riverside Bridge?", all_passages())
    assert result.supported and "Helen Carter" in result.text


def test_a_model_trained_on_other_features_is_a_clear_error(tmp_path: Path) -> None:
    model = load_model()
    older = replace(model, span=replace(model.span, features=model.span.features[:-4]))
    path = older.save(tmp_path / "older.json")
    with pytest.raises(ValueError, match=r"older\.json: its span model .* retrain"):
        make_answerer(f"extractive:{path}", AnswererContext(default_embedder()))
    assert make_answerer(
        f"extractive:{model.save(tmp_path / 'same.json')}", AnswererContext(default_embedder())
    )


def test_a_model_path_that_is_not_a_model_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "nope.json"
    bad.write_text("{}")
    with pytest.raises(ValueError, match="nope"):
        make_answerer(f"extractive:{bad}", AnswererContext(default_embedder()))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=80))
def test_any_question_gives_a_quote_of_the_article_or_a_decline(question: str) -> None:
    answer = learned_answer(
        question, passages_of("bridge", ARTICLES["bridge"]), embedder=default_embedder()
    )
    assert 0.0 <= answer.confidence <= 1.0
    if answer.declined:
        assert not answer.supported and not answer.citations
    else:  # supported or unverified: an answer either way, quoting the article
        assert_offsets(answer)
        assert answer.citations and answer.citations[0].quote in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Did Mayor Helen Carter open the Riverside Bridge?", "Helen Carter"),
        ("Does the Greenfield Library reading room seat 400 people?", "400 people"),
        ("Was the Greenfield Library built in Lyon?", "Lyon"),
    ],
)
def test_a_yes_no_question_quotes_the_sentence_that_bears_on_it(
    question: str, expected: str
) -> None:
    answer = ask(question)
    # answered (supported or unverified): its confidence comes from models that never saw a
    # yes/no question (SQuAD has none), so which side of the support point it falls is not pinned
    assert not answer.declined, answer.text
    assert answer.short is None  # citeqa quotes the evidence; it does not say yes or no
    assert expected in answer.citations[0].quote
    assert_offsets(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Did the Riverside Bridge go over budget?",  # no sentence speaks of a budget
        "Was the Greenfield Library built in Paris?",
        "Does the Riverside Bridge have a cycle lane?",
    ],
)
def test_a_yes_no_question_no_sentence_bears_on_is_declined(question: str) -> None:
    answer = ask(question)
    assert answer.declined, answer.text
    assert answer.text == DECLINE_TEXT


def test_a_how_many_question_whose_quote_names_no_count_is_declined() -> None:
    article = (
        "Evacuation resumes\n\nBuses carried civilians out of the eastern districts on Thursday, "
        "officials said. The buses left from the southern checkpoint at dawn."
    )
    passage = Passage("c0", "d0", "evac.txt", "Evacuation resumes", article, 0, len(article))
    # a model that answers nearly anything: only the count rule can decline here
    loose = replace(load_model(), threshold=0.01, support=0.01)
    asked = learned_answer(
        "How many civilians were evacuated?", [passage], embedder=default_embedder(), model=loose
    )
    assert asked.declined and asked.confidence < loose.threshold
    when = learned_answer(
        "When did the buses carry civilians out?",
        [passage],
        embedder=default_embedder(),
        model=loose,
    )
    assert not when.declined and "Thursday" in when.citations[0].quote


DAM = (
    "Aldwick Dam reopens after repairs. State dam inspectors on Monday passed the new spillway "
    "gates of the Aldwick Dam after two days of tests. The reservoir will be refilled by June."
)


def test_a_short_answer_of_the_other_kind_than_asked_for_is_never_led_with() -> None:
    eager = replace(load_model(), short=None)  # leads with every short answer it may
    passages = passages_of("dam", DAM)

    def asked(question: str) -> Answer:
        return learned_answer(question, passages, embedder=default_embedder(), model=eager)

    who = asked("Who inspected the dam spillway?")
    assert "State dam inspectors" in who.citations[0].quote
    # A date for "who" is quoted, never led with.
    assert not (who.short == "Monday" and who.text.startswith("Monday")), who.text
    when = asked("On which day did the inspectors pass the spillway gates?")
    assert when.short == "Monday" and when.text.startswith("Monday — "), when.text


def test_an_amount_keeps_the_currency_sign_spacy_leaves_out_of_it() -> None:
    # spaCy tags "900,000" alone as MONEY here, without its "£".
    pilot = (
        "The £6.8 million pilot was paid for mostly by a national innovation grant, with the "
        "council contributing £900,000 from its climate reserve."
    )
    answer = learned_answer(
        "How much did the council contribute?",
        passages_of("pilot", pilot),
        embedder=default_embedder(),
    )
    assert answer.short == "£900,000", answer.text
    assert answer.text.startswith("£900,000 — "), answer.text


def test_the_value_before_a_change_is_the_short_answer_when_asked_for() -> None:
    fares = (
        "Fares on the ferry will rise from February 1. A return ticket for a car and driver "
        "will cost £46, up from £38. Foot passengers will pay £9.50 instead of £8."
    )
    passages = passages_of("fares", fares, per=3)

    def short(question: str) -> str | None:
        return learned_answer(question, passages, embedder=default_embedder()).short

    assert short("How much will a return ticket for a car cost?") == "£46"
    assert short("How much did a return ticket for a car cost before?") == "£38"
    assert short("What did foot passengers pay previously?") == "£8"


def test_the_one_the_question_describes_is_not_its_answer() -> None:
    def asked(question: str, text: str) -> Answer:
        return learned_answer(
            question, passages_of("embassy", text, per=2), embedder=default_embedder()
        )

    named = (
        "Ambassador Andrei Karlov was shot dead by Mevlut Altintas, an off-duty police officer, "
        "at an art gallery in Ankara."
    )
    answer = asked("Who shot the ambassador?", named)
    assert answer.short == "Mevlut Altintas", answer.text
    assert answer.text.startswith("Mevlut Altintas — "), answer.text
    # spaCy tags "Aleppo" NORP here, a name a "who" question may have, rated far below Karlov.
    unnamed = (
        "The heinous assassination of Russia’s Ambassador Andrei Karlov in Ankara was aimed at "
        "spoiling the relations between Turkey and Russia and disrupting the withdrawal of "
        "civilians from Aleppo. Relations would not suffer, ministers said."
    )
    assert asked("Who killed the ambassador?", unnamed).citations == []
    # A title of two words, the second in lower case; nobody else is named, so: declined.
    treated = (
        "Harbour master Colm Ferris was treated for smoke inhalation after he helped evacuate "
        "two crew members from a nearby trawler, officials said."
    )
    assert asked("Who treated the harbour master?", treated).citations == []
    # An apposition costs the lead only: the quote still holds the answer ("officers").
    questioned = (
        "Police spokeswoman Aoife Lenihan said Tuesday that officers were questioning a "
        "34-year-old man, Declan Moore, who was arrested near the warehouse."
    )
    answer = asked("Who questioned the man?", questioned)
    assert answer.citations and not answer.text.startswith("Declan Moore"), answer.text


def test_when_it_was_said_is_not_when_it_happened() -> None:
    frost = (
        "A late frost on the night of April 9 destroyed about half of the cherry blossoms in the "
        "valley, growers said on Thursday, leaving the region facing a small harvest."
    )
    passages = passages_of("frost", frost)

    def short(question: str) -> str | None:
        return learned_answer(question, passages, embedder=default_embedder()).short

    assert short("When did the frost strike the valley?") in ("the night of April 9", "April 9")
    assert short("When did the growers say the blossoms were lost?") == "Thursday"
