"""Quotations attributed to their speakers, with offsets into the article text."""

from __future__ import annotations

import pytest

from ingest.quotes import find_quotes, quotes_from_json, quotes_in, quotes_to_json

ARTICLE = (
    "Bridge reopens\n\n"
    "The bridge reopened on Friday, city officials said.\n\n"
    'Mayor Ilse Brandt cut the ribbon. "This bridge is the spine of our city," she said.\n\n'
    "According to engineer Tomas Herrera, the cables will last 75 years.\n\n"
    "“It was worth the wait,” Brandt told reporters.\n\n"
    "The ferry will stop at the end of the month."
)


def by_words(words: str) -> object:
    quotes = find_quotes(ARTICLE)
    found = [q for q in quotes if words in ARTICLE[q.start : q.end]]
    assert found, f"no quote holds {words!r}: {[ARTICLE[q.start : q.end] for q in quotes]}"
    return found[0]


def test_pronoun_speaker_is_the_person_named_before() -> None:
    q = by_words("spine of our city")
    assert (q.speaker, q.kind, q.speaker_start) == ("Ilse Brandt", "quote", -1)  # type: ignore[attr-defined]
    assert ARTICLE[q.start : q.end] == "This bridge is the spine of our city"  # type: ignore[attr-defined]


def test_short_mention_resolves_to_the_full_name() -> None:
    q = by_words("worth the wait")
    assert q.speaker == "Ilse Brandt"  # type: ignore[attr-defined]
    assert ARTICLE[q.speaker_start : q.speaker_end] == "Brandt"  # type: ignore[attr-defined]


def test_reported_claims_without_quotation_marks() -> None:
    officials = by_words("reopened on Friday")
    assert (officials.speaker, officials.kind) == ("city officials", "reported")  # type: ignore[attr-defined]
    herrera = by_words("cables will last")
    assert herrera.speaker == "Tomas Herrera"  # type: ignore[attr-defined]
    assert herrera.verb == "according to"  # type: ignore[attr-defined]


def test_unattributed_sentences_are_not_quotes() -> None:
    assert not [q for q in find_quotes(ARTICLE) if "ferry" in ARTICLE[q.start : q.end]]


def test_json_round_trip_and_offset_lookup() -> None:
    quotes = find_quotes(ARTICLE)
    assert quotes_from_json(quotes_to_json(quotes)) == quotes
    assert quotes_from_json("not json") == []
    start = ARTICLE.index("the cables")
    assert [q.speaker for q in quotes_in(quotes, start, start + 10)] == ["Tomas Herrera"]


def test_a_speaker_named_in_apposition_is_the_name_without_its_commas() -> None:
    # spaCy tags "Hamish" NORP and misses the name; the appositive still gives it.
    text = "Its chair, Hamish Dow, said about 1,100 people live on the island."
    (q,) = find_quotes(text)
    assert q.speaker == "Hamish Dow"
    assert text[q.speaker_start : q.speaker_end] == "Hamish Dow"


def test_a_speaker_phrase_is_trimmed_of_its_punctuation() -> None:
    text = "Local residents, angry, said the road was closed."
    (q,) = find_quotes(text)
    assert q.speaker == "Local residents, angry"


def test_a_long_speaker_phrase_keeps_the_words_up_to_its_noun() -> None:
    text = (
        "The Grenvale Growers' Cooperative, which packs fruit for 63 orchards in the valley, "
        "said it handled 14,200 tonnes of apples."
    )
    (q,) = find_quotes(text)
    assert q.speaker == "The Grenvale Growers' Cooperative"  # not "Cooperative"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # spaCy tags "Tidelink" PERSON; the name in apposition is the speaker, not the employer
        (
            "Tidelink's managing director, Fiona Marr, said the company had held prices.",
            "Fiona Marr",
        ),
        (
            "Hydrowing's chief engineer, Samuel Breck, said the turbines turn slowly.",
            "Samuel Breck",
        ),
        ("Hydrowing's spokesman said the turbines turn slowly.", "Hydrowing's spokesman"),
    ],
)
def test_the_speaker_is_the_name_in_apposition_not_the_employer(text: str, speaker: str) -> None:
    (q,) = find_quotes(text)
    assert q.speaker == speaker
