"""The question's verbs (real spaCy parse), and the three places that read them: the sentence
ranker's stems, the second look's word pieces (real embedding model), and the pieces around a
short-answer candidate."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embed import default_embedder
from qa.learned.rerank import RERANK_FEATURES, TokenCache, second_look
from qa.learned.sentences import SENTENCE_FEATURES, passage_sentences, sentence_features
from qa.learned.span_context import CONTEXT_FEATURES, context_rows
from qa.learned.verbs import verb_pieces, verb_spans, verb_stems
from qa.qtype import question_type
from qa.types import Passage

LEAD = (
    "The Riverside Public Library has begun lending a small reading robot named Pip to "
    "families, making it the first library in the county to do so."
)
GRANT = (
    "Head librarian Maria Chen said the library bought four robots with a $12,000 grant from "
    "the Lakeside Community Foundation."
)
PAID = "Who paid for the library's reading robots?"
AIM = "What is Operation Euphrates Shield aimed at preventing?"


@pytest.mark.parametrize(
    ("question", "verbs"),
    [
        (PAID, ["paid"]),  # "reading" only modifies "robots"
        (AIM, ["aimed", "preventing"]),
        ("What is the capital of France?", []),  # "is" is not asked to have happened
        ("When did the bridge reopen?", ["reopen"]),
    ],
)
def test_verbs_are_what_the_question_asks_happened(question: str, verbs: list[str]) -> None:
    assert [question[a:b] for a, b in verb_spans(question)] == verbs


def test_verb_stems_are_the_ranker_stems() -> None:
    assert verb_stems(AIM) == ["aim", "prevent"]


def test_the_ranker_sees_which_sentence_holds_the_question_verbs() -> None:
    text = (
        "When speaking about Operation Euphrates Shield, the minister praised the air force. "
        "It is aimed at preventing terrorists from establishing a corridor."
    )
    passage = Passage("c1", "d1", "op.txt", "Op", text, 0, len(text), 0.5)
    sentences = passage_sentences([passage])
    column = SENTENCE_FEATURES.index("verbs_matched")
    rows = sentence_features(AIM, question_type(AIM), sentences, default_embedder())
    assert rows[:, column].tolist() == [0.0, 1.0]
    who = "Who is he?"  # no verb: the feature says so rather than 0
    rows = sentence_features(who, question_type(who), sentences, default_embedder())
    assert rows[:, column].tolist() == [-1.0, -1.0]


def test_the_second_look_meets_a_question_verb_said_in_other_words() -> None:
    embedder = default_embedder()
    p = np.array([0.6, 0.3])
    look = second_look(PAID, [LEAD, GRANT], p, embedder, k=2, cache=TokenCache())
    assert look is not None
    top, rows = look
    verb = {i: rows[r, RERANK_FEATURES.index("ms_verb")] for r, i in enumerate(top)}
    assert verb[1] > verb[0] + 0.1  # "paid" is nearer "bought … a grant" than "lending"


def test_verb_pieces_mark_only_the_verbs_pieces() -> None:
    [states] = default_embedder().token_vectors([PAID])
    mask = verb_pieces(PAID, states.offsets)
    assert [PAID[a:b] for (a, b), m in zip(states.offsets, mask, strict=True) if m] == ["paid"]


def test_a_candidate_next_to_what_was_asked_reads_so() -> None:
    embedder = default_embedder()
    question, lead, grant = embedder.token_vectors([PAID, LEAD, GRANT])
    pip = LEAD.index("Pip")
    fund = GRANT.index("the Lakeside")
    near = CONTEXT_FEATURES.index("ctx_near_verb")
    pip_row = context_rows(question, PAID, lead, [(pip, pip + 3)])
    fund_row = context_rows(question, PAID, grant, [(fund, len(GRANT) - 1)])
    assert fund_row[0, near] > pip_row[0, near]
