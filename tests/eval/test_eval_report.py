"""write_report: valid files with the expected keys; every text escaped; plots embedded."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eval.harness import run_eval
from eval.records import EvalResult
from eval.reporting import write_report
from qa.types import Answer
from tests.eval import toy_system as toy

EVIL = "<script>alert('x')</script> & <b>bold</b>"


def evil_answer(question: str, history: list[tuple[str, str]]) -> Answer:
    answer = toy.make_answer(question, history)
    if question == "When was the operation launched?":  # a failed question
        answer.text = f"It was {EVIL} [1]."
        answer.short = EVIL
    return answer


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[EvalResult, Path]:
    result = run_eval(toy.SET, answer_fn=evil_answer, retrieve_fn=toy.retrieve, progress=False)
    out = tmp_path_factory.mktemp("report")
    write_report(result, out, title="Toy <eval>", command="citeqa eval toy.jsonl --limit 8")
    return result, out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.imgs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.imgs.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_metrics_json_is_the_metrics(written: tuple[EvalResult, Path]) -> None:
    result, out = written
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics == json.loads(json.dumps(result.metrics))
    assert set(metrics["retrieval"]) == {"hit@1", "hit@5", "hit@10", "mrr@10"}
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert len(records) == metrics["n_questions"] == 8
    assert records[1]["short"] == EVIL and records[1]["failed"] is True


def test_html_is_self_contained_and_escaped(written: tuple[EvalResult, Path]) -> None:
    _, out = written
    page = (out / "report.html").read_text()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "Toy &lt;eval&gt;" in page
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "b" in parser.tags  # only our own <b> tags
    assert "link" not in parser.tags and not re.search(r"(src|href)=['\"]https?:", page)
    assert len(parser.imgs) == 4  # hit@k, latency, per-type scores, reliability
    for src in parser.imgs:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    text = "".join(parser.text)
    assert EVIL in text  # the failed answer is shown, as text
    assert "Failed questions (4 of 8)" in text
    assert "citeqa eval toy.jsonl --limit 8" in text
    # q2's gold passage came third: its rank is marked in the failed-question table
    assert "shield <span class='small'><b class='good'>#3</b>" in page


def test_markdown_tables_and_plots(written: tuple[EvalResult, Path]) -> None:
    _, out = written
    md = (out / "report.md").read_text()
    assert md.startswith("# Toy &lt;eval&gt;")
    assert "| retrieval | hit@1 | 0.333 |" in md
    assert "| refusal | wrongly_declined | 0.333 |" in md
    assert "<script" not in md
    for name in ("hit_at_k", "latency", "qtype_scores"):
        assert f"(plots/{name}.png)" in md
        assert (out / "plots" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"


def test_report_without_any_data(tmp_path: Path) -> None:
    result = run_eval(
        toy.QuestionSet("empty", []),
        answer_fn=toy.make_answer,
        retrieve_fn=toy.retrieve,
        progress=False,
    )
    files = write_report(result, tmp_path / "r", title="empty")
    assert files.plots == []
    assert json.loads(files.metrics.read_text())["answer"]["f1"] is None
    assert "No failed question." in files.html.read_text()
