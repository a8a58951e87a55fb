"""A tiny, fully scripted question-answering system over three sentences.

Its answers and rankings are fixed per question so every metric of a run over ``SET`` can be
worked out by hand (see test_eval_harness.py). It implements the answer/retrieve interfaces the
harness takes; it stands in for no part of citeqa.
"""

from __future__ import annotations

from eval.datasets import EvalItem, QuestionSet, Turn
from ingest.types import Document
from qa.types import Answer, Citation, Passage

DOCS = [
    Document(source="toy://isik", text="Fikri Isik is the Turkish defense minister."),
    Document(source="toy://shield", text="Operation Euphrates Shield was launched on August 24."),
    Document(source="toy://karlov", text="Russian ambassador Andrei Karlov was killed in Ankara."),
]
ISIK, SHIELD, KARLOV = DOCS

SET = QuestionSet(
    name="toy",
    documents=DOCS,
    items=[
        EvalItem(
            "q1",
            "Who is the Turkish defense minister?",
            ["Fikri Isik"],
            evidence=["toy://isik"],
            qtype="who",
        ),
        EvalItem(
            "q2",
            "When was the operation launched?",
            ["August 24"],
            evidence=["toy://shield"],
            qtype="when",
        ),
        EvalItem("q3", "What is the oil price?", [], unanswerable=True, qtype="what"),
        EvalItem("q4", "Who won the football match?", [], unanswerable=True, qtype="who"),
        EvalItem(
            "q5", "Where was Karlov killed?", ["Ankara"], evidence=["toy://karlov"], qtype="where"
        ),
        EvalItem(
            "c1",
            "Who was killed in Ankara?",
            turns=[
                Turn(
                    "Who was killed in Ankara?",
                    ["Andrei Karlov"],
                    evidence=["toy://karlov"],
                    qtype="who",
                ),
                Turn("What was his job?", ["ambassador"], evidence=["toy://karlov"], qtype="what"),
            ],
            qtype="conversation",
        ),
        EvalItem("q6", "Boom?", ["x"], qtype="other"),
    ],
)

RANKINGS = {
    "Who is the Turkish defense minister?": [ISIK, SHIELD, KARLOV],
    "When was the operation launched?": [ISIK, KARLOV, SHIELD],
    "What is the oil price?": [SHIELD],
    "Who won the football match?": [ISIK],
    "Where was Karlov killed?": [ISIK, SHIELD, KARLOV],
    "Who was killed in Ankara?": [KARLOV, ISIK],
    "What was his job?": [ISIK, SHIELD],
    "Boom?": [],
}


def passage(doc: Document) -> Passage:
    return Passage(
        chunk_id=f"{doc.doc_id}-0",
        doc_id=doc.doc_id,
        source=doc.source,
        title="",
        text=doc.text,
        start=0,
        end=len(doc.text),
    )


def citation(doc: Document) -> Citation:
    return Citation(1, doc.doc_id, doc.source, "", doc.text, 0, len(doc.text), 1.0)


def retrieve(question: str) -> list[Passage]:
    return [passage(d) for d in RANKINGS[question]]


def make_answer(question: str, history: list[tuple[str, str]]) -> Answer:
    """Scripted answers; the follow-up is answered only when the history holds its antecedent."""
    n = list(RANKINGS).index(question)
    ANSWERS_GIVEN.append((question, list(history)))
    timings = {
        "retrieve_ms": 10.0 * (n + 1),
        "answer_ms": 90.0 * (n + 1),
        "total_ms": 100.0 * (n + 1),
    }
    if question == "Boom?":
        raise RuntimeError("model crashed")
    if question == "What was his job?" and history != [
        ("Who was killed in Ankara?", "Andrei Karlov was killed [1].")
    ]:
        return Answer(question, "I lost track.", supported=False, timings=timings)
    script: dict[str, tuple[str, str | None, bool, list[Document]]] = {
        "Who is the Turkish defense minister?": (
            "Fikri Isik is the minister [1].",
            "Fikri Isik",
            True,
            [ISIK],
        ),
        "When was the operation launched?": (
            "It was launched on August 25 [1].",
            "August 25",
            True,
            [ISIK],
        ),
        "What is the oil price?": ("The articles don't answer this.", None, False, []),
        "Who won the football match?": ("Fikri Isik won [1].", "Fikri Isik", True, [ISIK]),
        "Where was Karlov killed?": ("The articles don't answer this.", None, False, []),
        "Who was killed in Ankara?": (
            "Andrei Karlov was killed [1].",
            "Andrei Karlov",
            True,
            [KARLOV],
        ),
        "What was his job?": ("He was the ambassador [1].", "ambassador", True, [KARLOV]),
    }
    text, short, supported, cited = script[question]
    return Answer(question, text, supported, short, [citation(d) for d in cited], timings=timings)


ANSWERS_GIVEN: list[tuple[str, list[tuple[str, str]]]] = []
