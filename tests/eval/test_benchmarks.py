"""The benchmark code on a tiny SQuAD-format corpus: it runs, counts right, and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.benchmarks.compare import compare
from eval.benchmarks.ingest_speed import measure_ingest
from eval.benchmarks.results import write_bench_report
from eval.benchmarks.scale import synthesise
from ingest import ingest_documents, open_store
from ingest.types import Document

PARAGRAPHS = [
    (
        "Bridges",
        "The Harbor Bridge reopened on Friday after a repair that cost $84 million. "
        "Mayor Elena Ruiz cut the ribbon.",
    ),
    (
        "Robots",
        "The Riverside library lends a reading robot named Pip. Pip was built by "
        "Brightpage, a start-up in Millbrook.",
    ),
    ("Solar", "The Greenfield Valley solar farm holds 210,000 panels and produces 95 megawatts."),
]
QUESTIONS = [
    (0, "Who cut the ribbon at the Harbor Bridge?", "Elena Ruiz"),
    (1, "Which start-up built the reading robot Pip?", "Brightpage"),
    (2, "How many panels does the Greenfield Valley solar farm hold?", "210,000"),
]


@pytest.fixture(scope="module")
def tiny_squad(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = {
        "version": "1.1",
        "data": [
            {
                "title": title,
                "paragraphs": [
                    {
                        "context": text,
                        "qas": [
                            {
                                "id": f"q{i}",
                                "question": q,
                                "answers": [{"text": a, "answer_start": text.index(a)}],
                            }
                            for i, (p, q, a) in enumerate(QUESTIONS)
                            if p == n
                        ],
                    }
                ],
            }
            for n, (title, text) in enumerate(PARAGRAPHS)
        ],
    }
    path = tmp_path_factory.mktemp("tiny") / "tiny-squad.json"
    path.write_text(json.dumps(data))
    return path


def test_ingest_speed_measures_both_rates(tiny_squad: Path) -> None:
    result = measure_ingest(str(tiny_squad))
    assert result["documents"] == 3 and result["chunks"] == 3 and result["failed"] == 0
    assert result["ingest_chunks_per_s"] > 0 and result["raw_encode_chunks_per_s"] > 0
    assert result["ratio"] == pytest.approx(
        result["ingest_chunks_per_s"] / result["raw_encode_chunks_per_s"], rel=0.05
    )
    bare = result["without_sentence_vectors"]
    assert result["sentences_kept"] >= 5 and bare["ingest_seconds"] > 0
    # the slowdown is the ratio of the unrounded times; the reported ones are rounded to 0.01 s,
    # which on three tiny articles (~0.1 s) moves their ratio by up to this much
    ratio = result["ingest_seconds"] / bare["ingest_seconds"]
    rounding = 0.005 * (1 + ratio) / bare["ingest_seconds"] + 0.005
    assert result["sentence_vectors_slowdown"] == pytest.approx(ratio, abs=rounding)
    assert result["read_ms_per_kb"] > 0  # reading and cleaning alone, same files


def test_answerers_are_timed_side_by_side_with_cold_caches(tiny_squad: Path) -> None:
    from eval.benchmarks.answerers import compare_answerers, markdown

    result = compare_answerers(str(tiny_squad), limit=None)
    assert result["questions"] == 3 and result["caches"] == "cold"
    for backend in ("extractive", "heuristic"):
        r = result[backend]
        assert r["total_ms"]["p50"] >= r["answer_ms"]["p50"] > 0
        assert r["cpu_ms_per_question"] > 0
    ratio = result["ratios"]["heuristic"]
    assert ratio["total_p50"] == pytest.approx(
        result["extractive"]["total_ms"]["p50"] / result["heuristic"]["total_ms"]["p50"],
        abs=0.01,
    )
    table = "\n".join(markdown(result))
    assert "| extractive | " in table and "| heuristic | " in table
    assert "| extractive ÷ heuristic | " in table and "caches emptied before every answer" in table


def test_blas_limits_are_timed_side_by_side_with_the_same_answers(tiny_squad: Path) -> None:
    from threadpoolctl import threadpool_limits

    from eval.benchmarks.blas_threads import blas_pool_threads, compare_blas_threads

    with threadpool_limits(limits=2, user_api="blas"):  # whatever an earlier test left
        result = compare_blas_threads(str(tiny_squad), limit=3)
        assert blas_pool_threads() == 2, "the benchmark leaves the limit as it found it"
    assert result["questions"] == 3 and result["answers_differ"] == 0
    assert set(result) >= {"own (2)", "one"}
    for name in ("own (2)", "one"):
        assert result[name]["total_ms"]["p50"] > 0 and result[name]["cpu_ms_per_question"] > 0


def test_compare_scores_both_systems_on_the_same_questions(tiny_squad: Path) -> None:
    result = compare(str(tiny_squad))
    assert result["questions"] == 3
    for system in ("citeqa", "plain_recipe"):
        assert result[system]["hit@10"] == 1.0
        assert result[system]["answer_contains"] >= 2 / 3
        assert result[system]["answer_ms"]["p50"] > 0
    assert result["citeqa"]["hit@1"] == 1.0
    assert result["ratio"]["hit@10"] == 1.0


def test_synthesise_fills_a_store_to_size(tmp_path: Path) -> None:
    base = open_store(tmp_path / "base", create=True)
    ingest_documents(
        [Document(source=f"mem://{t}", text=x, title=t) for t, x in PARAGRAPHS], store=base
    )
    target = open_store(tmp_path / "target", create=True)
    synthesise(base, target, 10)
    assert target.count() == 10
    assert {c.text for c in target.chunks()} == {c.text for c in base.chunks()}


def test_bench_report_has_every_table(tmp_path: Path) -> None:
    results = {
        "ingest": {
            "documents": 3,
            "chunks": 3,
            "ingest_chunks_per_s": 30.0,
            "raw_encode_chunks_per_s": 32.0,
            "ratio": 0.94,
            "peak_rss_mb": 900.0,
            "read_ms_per_kb": 0.4,
        },
        "scale": [
            {
                "chunks": 1000,
                "build_s": 1.0,
                "retrieve_ms": {"p50": 10.0, "p95": 20.0},
                "answer_ms": {"p50": 30.0, "p95": 60.0},
                "rss_mb": 800.0,
            }
        ],
    }
    results["answerers"] = {
        "questions": 2,
        "caches": "cold",
        "load_average": [1.0, 1.0, 1.0],
        "backends": ["extractive", "heuristic"],
        "extractive": {
            "total_ms": {"p50": 40.0, "p95": 50.0},
            "answer_ms": {"p50": 20.0, "p95": 30.0},
            "cpu_ms_per_question": 41.0,
        },
        "heuristic": {
            "total_ms": {"p50": 20.0, "p95": 40.0},
            "answer_ms": {"p50": 10.0, "p95": 20.0},
            "cpu_ms_per_question": 20.5,
        },
        "ratios": {"heuristic": {"total_p50": 2.0, "total_p95": 1.25, "cpu": 2.0}},
    }
    md = write_bench_report(results, tmp_path).read_text()
    assert "| 3 | 3 | 30.0 | 32.0 | 0.94 | 900.0 |" in md
    assert "Reading and cleaning alone: 0.4 CPU ms per KB." in md
    assert "| extractive | 40.0 | 50.0 | 20.0 | 30.0 | 41.0 |" in md
    assert "| extractive ÷ heuristic | 2.0 | 1.25 | | | 2.0 |" in md
    assert "| 1000 | 1.0 | 10.0 / 20.0 | 30.0 / 60.0 | 800.0 |" in md
    assert json.loads((tmp_path / "bench.json").read_text()) == results


def test_cold_start_reports_medians_and_ratios(tmp_path: Path) -> None:
    from eval.benchmarks.cold_start import markdown, measure_cold_start

    result = measure_cold_start(runs=1, only=["citeqa docs"])
    commands = result["commands"]
    assert list(commands) == ["python -c pass", "import chromadb", "citeqa docs"]
    for m in commands.values():
        assert m["wall_s"] > 0 and m["cpu_s"] >= 0
    assert commands["python -c pass"]["wall_vs_python"] == 1.0
    assert commands["import chromadb"]["wall_vs_chromadb"] == 1.0
    # docs imports chromadb and more, so it cannot start faster than Python alone
    assert commands["citeqa docs"]["wall_s"] > commands["python -c pass"]["wall_s"]
    table = "\n".join(markdown(result))
    assert "| citeqa docs |" in table and "wall ÷ python -c pass" in table
