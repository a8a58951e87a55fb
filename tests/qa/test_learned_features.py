"""The learned answerer's parts: sentence candidates and features, short-answer candidates, the
artefact's scorers and calibration map."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from qa.learned.model import SHORT_POINT, Calibration, LearnedModel, Scorer
from qa.learned.pipeline import SpanTable, pick
from qa.learned.sentences import SENTENCE_FEATURES, passage_sentences, sentence_features
from qa.learned.spans import SPAN_FEATURES, Span, candidates, focus_stem, span_features
from qa.qtype import question_type
from qa.spacy_nlp import parse
from qa.terms import content_stems
from qa.types import Passage

TEXT = (
    "The Harbor Bridge reopened on Friday. The repair cost $84 million. "
    "Mayor Elena Ruiz cut the ribbon."
)


def _passage(text: str = TEXT, start: int = 100) -> Passage:
    return Passage("c1", "d1", "bridge.txt", "Bridge", text, start, start + len(text), 0.5)


def test_sentences_keep_offsets_into_the_article() -> None:
    sentences = passage_sentences([_passage()])
    assert [s.text for s in sentences][1] == "The repair cost $84 million."
    assert all(s.article_start == 100 + s.start for s in sentences)


def test_shared_sentence_of_neighbouring_chunks_is_kept_once() -> None:
    p1 = _passage()
    p2 = Passage("c2", "d1", "bridge.txt", "Bridge", TEXT, 100, 100 + len(TEXT), 0.4, chunk_index=1)
    assert len(passage_sentences([p1, p2])) == len(passage_sentences([p1]))


class _Embedder:
    """A bag-of-letters embedder: enough to test that cosine feeds the features."""

    name, dim = "letters", 26

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_sentence_features_favour_the_sentence_with_the_question_words() -> None:
    question = "How much did the repair cost?"
    sentences = passage_sentences([_passage()])
    rows = sentence_features(question, question_type(question), sentences, _Embedder())
    assert rows.shape == (3, len(SENTENCE_FEATURES))
    lex = rows[:, SENTENCE_FEATURES.index("lex")]
    assert int(np.argmax(lex)) == 1
    cue = rows[:, SENTENCE_FEATURES.index("cue")]
    assert cue[1] == 1.0  # "$84 million" is a number


def test_a_question_verb_meets_the_noun_for_its_doer() -> None:
    text = (
        "Sunmere Energy will maintain the site. Sheep graze there, said site manager Tomás Herrera."
    )
    question = "Who manages the site?"
    sentences = passage_sentences([_passage(text)])
    rows = sentence_features(question, question_type(question), sentences, _Embedder())
    matched = rows[:, SENTENCE_FEATURES.index("matched")]
    assert list(matched) == [1.0, 2.0]  # "site"; "site" and "manager" for "manages"


def test_span_candidates_include_entities_and_trimmed_noun_phrases() -> None:
    doc = parse("Mayor Elena Ruiz cut the ribbon in 2024.")
    found = {s.text: s.label for s, _ in candidates(doc, {"ribbon"})}
    assert found.get("Elena Ruiz") == "PERSON"
    assert "2024" in found
    assert "the ribbon" not in found  # trimmed: determiners and the question's words go


def test_span_features_mark_the_type_the_question_wants() -> None:
    question = "Who cut the ribbon?"
    doc = parse("Mayor Elena Ruiz cut the ribbon in 2024.")
    spans = candidates(doc, {"cut", "ribbon"})
    rows = span_features(
        doc, question_type(question), {"cut", "ribbon"}, spans, sentence_p=0.9, sentence_rank=0
    )
    typed = SPAN_FEATURES.index("typed")
    by_text = {s.text: row for (s, _), row in zip(spans, rows, strict=True)}
    assert by_text["Elena Ruiz"][typed] == 1.0
    assert by_text["2024"][typed] == 0.0


def _features_by_text(question: str, sentence: str) -> dict[str, dict[str, float]]:
    """Each candidate of ``sentence`` with its span features by name, as the answerer makes them."""
    doc = parse(sentence)
    stems = set(content_stems(question))
    spans = candidates(doc, stems)
    rows = span_features(
        doc,
        question_type(question),
        stems,
        spans,
        sentence_p=0.9,
        sentence_rank=0,
        focus=focus_stem(question),
    )
    return {
        s.text: dict(zip(SPAN_FEATURES, row, strict=True))
        for (s, _), row in zip(spans, rows, strict=True)
    }


def test_span_features_say_what_stands_around_a_candidate() -> None:
    by_text = _features_by_text(
        "Who opened the Harbor Bridge?",
        "The Harbor Bridge was opened by Mayor Elena Ruiz of Tessen and her deputy.",
    )
    ruiz = by_text["Mayor Elena Ruiz"]
    assert ruiz["q_left3"] == 1.0  # "opened" stands two tokens before it
    assert ruiz["q_right3"] == 0.0
    assert ruiz["next_of"] == 1.0  # "… of Tessen": the name may go on
    assert ruiz["prev_adp"] == 1.0  # "by"
    assert ruiz["n_containing"] == 1.0  # "Mayor Elena Ruiz of Tessen and her deputy"
    assert ruiz["n_contained"] == 0.0
    assert by_text["Tessen"]["next_cconj"] == 1.0
    assert by_text["Mayor Elena Ruiz of Tessen and her deputy"]["n_contained"] >= 2.0
    assert ruiz["focus_near"] == 1.0  # the focus of "Who opened …" is "open"
    assert ruiz["head_propn"] == 1.0 and ruiz["head_noun"] == 0.0
    assert ruiz["q_near_share"] == pytest.approx(1.0)  # opened, Harbor, Bridge all near


def test_the_focus_word_is_the_one_after_the_question_word() -> None:
    question = "Which firm led the repair work?"
    assert focus_stem(question) == "firm"
    assert focus_stem("How many cables were replaced?") == ""  # "many" says nothing
    by_text = _features_by_text(
        question, "Engineers from Kestrel Structural, the firm that built the dam, led the work."
    )
    assert by_text["Kestrel Structural"]["focus_near"] == 1.0
    assert by_text["Engineers"]["focus_near"] == 0.0


def test_logreg_scorer_and_calibration_round_trip(tmp_path: Path) -> None:
    scorer = Scorer(
        "logreg",
        ("a", "b"),
        {"mean": [0, 0], "scale": [1, 1], "coef": [2.0, -1.0], "intercept": 0.0},
    )
    p = scorer.predict(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert p[0] > 0.5 > p[1]
    with pytest.raises(ValueError, match="2 features"):
        scorer.predict(np.zeros((1, 3)))
    cal = Calibration((0.0, 1.0), (0.1, 0.9))
    assert float(cal(0.5)) == pytest.approx(0.5)
    model = LearnedModel(scorer, scorer, scorer, cal, threshold=0.3, meta={"seed": 0})
    path = model.save(tmp_path / "m.json")
    again = LearnedModel.load(path)
    assert again.threshold == 0.3 and again.calibration == cal
    assert again.support == 0.3  # no support point of its own: answering is supporting
    assert np.allclose(again.sentence.predict(np.array([[1.0, 0.0]])), p[:1])


def test_support_point_round_trips_and_is_never_below_answering(tmp_path: Path) -> None:
    scorer = Scorer("logreg", ("a",), {"mean": [0], "scale": [1], "coef": [1.0], "intercept": 0.0})
    cal = Calibration((), ())
    model = LearnedModel(scorer, scorer, scorer, cal, threshold=0.2, support=0.7)
    assert LearnedModel.load(model.save(tmp_path / "m.json")).support == 0.7
    assert LearnedModel(scorer, scorer, scorer, cal, threshold=0.4, support=0.1).support == 0.4


def test_the_short_answer_scorer_round_trips_and_is_optional(tmp_path: Path) -> None:
    scorer = Scorer("logreg", ("a",), {"mean": [0], "scale": [1], "coef": [1.0], "intercept": 0.0})
    cal = Calibration((0.0, 1.0), (0.2, 0.8))
    model = LearnedModel(scorer, scorer, scorer, cal, 0.2, short=scorer, short_calibration=cal)
    again = LearnedModel.load(model.save(tmp_path / "m.json"))
    assert again.short == scorer and again.short_calibration == cal
    assert again.short_point == SHORT_POINT == 0.5
    older = LearnedModel(scorer, scorer, scorer, cal, 0.2)  # an artefact from before it
    assert LearnedModel.load(older.save(tmp_path / "old.json")).short is None


def test_loading_a_foreign_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ValueError, match=r"other\.json"):
        LearnedModel.load(path)


def test_the_overlap_power_round_trips_and_defaults_to_the_best_scored(tmp_path: Path) -> None:
    scorer = Scorer("logreg", ("a",), {"mean": [0], "scale": [1], "coef": [1.0], "intercept": 0.0})
    cal = Calibration((), ())
    model = LearnedModel(scorer, scorer, scorer, cal, 0.2, f1_power=3.0)
    assert LearnedModel.load(model.save(tmp_path / "m.json")).f1_power == 3.0
    older = LearnedModel(scorer, scorer, scorer, cal, 0.2)
    assert LearnedModel.load(older.save(tmp_path / "old.json")).f1_power is None


def _table(texts: Sequence[str], owners: Sequence[int]) -> SpanTable:
    spans = [Span(0, len(t), t, "NP") for t in texts]
    return SpanTable(list(owners), spans, np.zeros((len(texts), 1)), [False] * len(texts))


def test_pick_by_expected_overlap_prefers_the_candidate_its_rivals_agree_on() -> None:
    # "morning" scores highest alone, but "Friday morning" shares words with both rivals
    table = _table(["morning", "Friday", "Friday morning", "bridge"], [0, 0, 0, 1])
    sentence_p, span_p = np.array([0.9, 0.1]), np.array([0.32, 0.21, 0.20, 0.5])
    assert pick(sentence_p, table, span_p).span == 0
    assert pick(sentence_p, table, span_p, power=1.0).span == 2
    # a sharper power trusts the scores more and keeps the best-scored candidate
    assert pick(sentence_p, table, span_p, power=8.0).span == 0
    # the joint rule still chooses the sentence first: the one holding the best candidate
    chosen = pick(sentence_p, table, span_p, joint=True, power=1.0)
    assert (chosen.sentence, chosen.span) == (1, 3)
