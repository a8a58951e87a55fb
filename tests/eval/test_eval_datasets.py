"""Question-set loaders on tiny hand-made files of every format, picked by content."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from eval.datasets import QuestionSet, dataset_hash, load_question_set, question_type
from tests.conftest import SAMPLE_ARTICLE, SETS, SQUAD


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write_jsonl(path: Path, records: Sequence[Mapping[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


SQUAD1 = {
    "version": "1.1",
    "data": [
        {
            "title": "Super_Bowl_50",
            "paragraphs": [
                {
                    "context": "Super Bowl 50 was played in Santa Clara.",
                    "qas": [
                        {
                            "id": "a1",
                            "question": "Where was Super Bowl 50 played?",
                            "answers": [
                                {"text": "Santa Clara", "answer_start": 28},
                                {"text": "Santa Clara", "answer_start": 28},
                                {"text": "Santa Clara.", "answer_start": 28},
                            ],
                        }
                    ],
                },
                {
                    "context": "The Broncos won the game 24 to 10.",
                    "qas": [
                        {
                            "id": "a2",
                            "question": "How many points did the Broncos score?",
                            "answers": [{"text": "24", "answer_start": 25}],
                        }
                    ],
                },
            ],
        }
    ],
}


def test_jsonl_questions_and_conversations(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "mine.jsonl",
        [
            {"id": "q1", "question": "Who spoke?", "answers": ["Isik"], "evidence": ["Isik said"]},
            {"id": "q2", "question": "What is the oil price?", "answers": [], "unanswerable": True},
            {"id": "q3", "question": "Why?", "answers": "weather", "qtype": "cause"},
            {
                "id": "c1",
                "turns": [
                    {"question": "Who is the minister?", "answers": ["Isik"]},
                    {"question": "What did he say?", "answers": ["peace", "road map"]},
                ],
            },
        ],
    )
    qset = load_question_set(path)
    assert (qset.name, qset.fmt, qset.documents, len(qset), qset.n_questions) == (
        "mine",
        "jsonl",
        None,
        4,
        5,
    )
    q1, q2, q3, conv = qset.items
    assert (q1.answers, q1.evidence, q1.unanswerable, q1.qtype) == (
        ["Isik"],
        ["Isik said"],
        False,
        "who",
    )
    assert q2.unanswerable and q2.answers == [] and q2.qtype == "what"
    assert q3.answers == ["weather"] and q3.qtype == "cause"  # the dataset's own type wins
    assert [t.question for t in conv.as_turns()] == ["Who is the minister?", "What did he say?"]
    assert conv.turns[1].answers == ["peace", "road map"]
    assert q1.as_turns()[0].question == "Who spoke?"


def test_jsonl_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "q1", "question": "ok?"}\n{"id": "q2", "answers": []}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        load_question_set(path)


def test_squad_v1(tmp_path: Path) -> None:
    qset = load_question_set(write(tmp_path / "dev.json", SQUAD1))
    assert qset.fmt == "squad1" and len(qset) == 2
    assert qset.documents is not None
    assert [d.source for d in qset.documents] == [
        "squad://Super_Bowl_50/0",
        "squad://Super_Bowl_50/1",
    ]
    assert qset.documents[0].text == "Super Bowl 50 was played in Santa Clara."
    assert qset.documents[0].title == "Super Bowl 50"
    first = qset.items[0]
    assert first.answers == ["Santa Clara", "Santa Clara."]  # duplicates dropped, order kept
    assert first.evidence == ["squad://Super_Bowl_50/0"] and first.qtype == "where"
    assert qset.items[1].qtype == "how many"


def test_squad_v2_impossible(tmp_path: Path) -> None:
    data = json.loads(json.dumps(SQUAD1))
    data["version"] = "v2.0"
    data["data"][0]["paragraphs"][1]["qas"].append(
        {
            "id": "x1",
            "question": "Who sang the anthem?",
            "answers": [],
            "plausible_answers": [{"text": "Broncos", "answer_start": 4}],
            "is_impossible": True,
        }
    )
    qset = load_question_set(write(tmp_path / "dev-v2.json", data))
    assert qset.fmt == "squad2"
    impossible = qset.items[-1]
    assert impossible.unanswerable and impossible.answers == []
    assert impossible.evidence == ["squad://Super_Bowl_50/1"]


def test_multihop_folder_and_files(tmp_path: Path) -> None:
    corpus = [
        {
            "title": "Apple beats estimates",
            "body": "Apple reported revenue of $90 billion. Analysts were pleased.",
            "url": "https://news.example/apple",
            "published_at": "2023-11-02T10:00:00+00:00",
            "source": "Example News",
            "category": "business",
            "author": "A. Writer",
        },
        {"title": "Rain", "body": "It rained.", "url": "", "published_at": ""},
    ]
    queries = [
        {
            "query": "Did Apple report revenue of $90 billion?",
            "answer": "Yes",
            "question_type": "comparison_query",
            "evidence_list": [{"title": "Apple beats estimates", "fact": "revenue of $90 billion"}],
        },
        {
            "query": "What did the mayor of Atlantis say?",
            "answer": "Insufficient information.",
            "question_type": "null_query",
            "evidence_list": [],
        },
    ]
    folder = tmp_path / "multihop"
    folder.mkdir()
    write(folder / "corpus.json", corpus)
    write(folder / "MultiHopRAG.json", queries)
    for path in (folder, folder / "MultiHopRAG.json", folder / "corpus.json"):
        qset = load_question_set(path)
        assert qset.fmt == "multihop-rag" and qset.name == "multihop"
        assert qset.documents is not None and len(qset.documents) == 2
        apple = qset.documents[0]
        assert (apple.source, apple.date, apple.meta["category"]) == (
            "https://news.example/apple",
            "2023-11-02T10:00:00+00:00",
            "business",
        )
        assert qset.documents[1].source == "multihop://1"
        yes, null = qset.items
        assert (yes.answers, yes.evidence, yes.qtype) == (
            ["Yes"],
            ["revenue of $90 billion"],
            "comparison_query",
        )
        assert null.unanswerable and null.answers == [] and null.qtype == "null_query"


def test_unknown_content_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load_question_set(write(tmp_path / "x.json", {"hello": "world"}))
    with pytest.raises(FileNotFoundError):
        load_question_set(tmp_path / "missing.jsonl")


def test_sample_is_seeded_and_keeps_corpus(tmp_path: Path) -> None:
    records = [{"id": f"q{i}", "question": f"Who is {i}?", "answers": [str(i)]} for i in range(50)]
    qset = load_question_set(write_jsonl(tmp_path / "many.jsonl", records))
    a, b, c = qset.sample(10, seed=1), qset.sample(10, seed=1), qset.sample(10, seed=2)
    assert [i.id for i in a.items] == [i.id for i in b.items]
    assert [i.id for i in a.items] != [i.id for i in c.items]
    assert len(a) == 10 and len({i.id for i in a.items}) == 10
    order = [int(i.id[1:]) for i in a.items]
    assert order == sorted(order)  # dataset order kept
    assert qset.sample(None) is qset and len(qset.sample(500, seed=3)) == 50
    assert len(qset.sample(0)) == 0
    squad = load_question_set(write(tmp_path / "s.json", SQUAD1))
    assert isinstance(squad.sample(1, seed=0), QuestionSet)
    assert squad.sample(1, seed=0).documents == squad.documents


def test_dataset_hash_follows_content(tmp_path: Path) -> None:
    a = write(tmp_path / "a.json", SQUAD1)
    b = write(tmp_path / "b.json", SQUAD1)
    assert dataset_hash(a) == dataset_hash(b)
    before = dataset_hash(a)
    a.write_text(a.read_text().replace("Santa Clara", "San Jose"))
    assert dataset_hash(a) != before
    folder = tmp_path / "mh"
    folder.mkdir()
    write(folder / "corpus.json", [])
    first = dataset_hash(folder)
    write(folder / "MultiHopRAG.json", [])
    assert dataset_hash(folder) != first


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("Who is the Turkish defense minister?", "who"),
        ("Whose ambassador was killed?", "who"),
        ("When was the operation launched?", "when"),
        ("In what year did it start?", "when"),
        ("Where did the meeting take place?", "where"),
        ("What is the ICRC?", "what"),
        ("Which channel reported it?", "which"),
        ("How many mortars were destroyed?", "how many"),
        ("How much did it cost?", "how many"),
        ("Why will the evacuation continue?", "why"),
        ("Name the minister.", "other"),
        ("How did it end?", "how"),
    ],
)
def test_question_type(question: str, qtype: str) -> None:
    assert question_type(question) == qtype


@pytest.mark.skipif(not SQUAD.exists(), reason="shared SQuAD sample absent")
def test_shared_squad_sample() -> None:
    qset = load_question_set(SQUAD)
    assert qset.fmt == "squad1"
    assert qset.documents is not None and len(qset.documents) == 492
    assert len(qset) == 2284
    assert all(item.answers and item.evidence for item in qset.items)
    sources = {d.source for d in qset.documents}
    assert all(item.evidence[0] in sources for item in qset.items)


@pytest.mark.skipif(not SAMPLE_ARTICLE.exists(), reason="shared sample article absent")
def test_sample_article_set_matches_the_article() -> None:
    """Every gold answer and evidence of the shipped set is in the article; unanswerables
    have no gold; the set has the promised mix."""
    from eval.metrics.text import contains_phrase

    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    qset = load_question_set(SETS / "sample_article.jsonl")
    singles = [i for i in qset.items if not i.turns]
    conversations = [i for i in qset.items if i.turns]
    assert len([i for i in singles if not i.unanswerable]) >= 20
    assert len([i for i in singles if i.unanswerable]) >= 8
    assert len(conversations) >= 3 and all(len(c.turns) >= 2 for c in conversations)
    for item in qset.items:
        for turn in item.as_turns():
            if turn.unanswerable:
                assert not turn.answers and not turn.evidence
                continue
            assert all(contains_phrase(text, a) for a in turn.answers), turn.question
            assert all(contains_phrase(text, e) for e in turn.evidence), turn.question
