"""Each seam takes a new implementation without editing an existing module.

An answerer registered from a test module answers through ``qa.answer``, the CLI and the web
chat's API; a searcher written here joins the pipeline; the marker grammar has one home.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tests.qa.echo_answerer  # noqa: F401  (registers "echo")
from ingest.store import Store
from qa import Answer, Pipeline, answer
from qa.answerers import AnswererContext, available, make_answerer
from qa.markers import format_marker, markers_in, renumber, strip_markers
from qa.search import Hit
from tests.qa.echo_answerer import EchoAnswerer

ROOT = Path(__file__).resolve().parents[2]


def test_registered_answerer_answers_through_qa_answer(examples_store: Store) -> None:
    a = answer("How many solar panels does the farm hold?", store=examples_store, llm="echo")
    assert a.supported and a.text.startswith("ECHO: ") and a.backend == "echo"
    c = a.citations[0]
    assert examples_store.document_text(c.doc_id)[c.start : c.end] == c.quote
    assert "echo[:PREFIX]" in available()


def test_spec_argument_reaches_the_factory(examples_store: Store) -> None:
    a = answer("Who is the head librarian?", store=examples_store, llm="echo:HELLO")
    assert a.text.startswith("HELLO: ")


def test_unknown_backend_names_the_accepted_forms(examples_store: Store) -> None:
    with pytest.raises(ValueError, match=r"extractive.*openai:MODEL"):
        answer("Who?", store=examples_store, llm="gpt4")
    ctx = AnswererContext(examples_store.embedder)
    assert isinstance(make_answerer("echo", ctx), EchoAnswerer)


def test_stream_and_answer_share_one_path(examples_store: Store) -> None:
    pipe = Pipeline(examples_store, EchoAnswerer("S"), backend="echo:S")
    *pieces, final = list(pipe.stream("When did the Harbor Bridge reopen?"))
    assert pieces == ["S: ", final.text[3:]]
    again = pipe.answer("When did the Harbor Bridge reopen?")
    assert isinstance(final, Answer) and again.text == final.text
    assert {"condense_ms", "retrieve_ms", "answer_ms", "total_ms"} <= set(again.timings)


class _OneDoc:
    """A searcher written here: only hits from the store's reading-robot article."""

    def __init__(self, store: Store) -> None:
        self.chunks = [c for c in store.chunks() if "Robot" in c.title]

    def search(self, query: str, k: int) -> list[Hit]:
        return [Hit(c, 1.0) for c in self.chunks[:k]]


def test_a_searcher_plugs_into_the_pipeline(examples_store: Store) -> None:
    pipe = Pipeline(examples_store, EchoAnswerer(""), searcher=_OneDoc(examples_store))
    a = pipe.answer("Anything at all?")
    assert "Robot" in a.citations[0].title


def test_declines_get_closest_passages_from_one_place(examples_store: Store) -> None:
    class Never(EchoAnswerer):
        def answer(self, question, passages, history=(), *, query=None):  # type: ignore[no-untyped-def]
            return Answer(question, "no", False)

    a = Pipeline(examples_store, Never("")).answer("How many solar panels does the farm hold?")
    assert not a.supported and 1 <= len(a.closest) <= 3
    assert all(len(c.quote.split()) >= 6 for c in a.closest)
    assert any("210,000" in c.quote for c in a.closest)


def test_marker_grammar() -> None:
    assert format_marker(4) == "[4]"
    assert markers_in("A [2]. B [1][2]. C [passage 3, 1].") == [2, 1, 3]
    assert strip_markers("Paris [1], France [2].") == "Paris, France."
    assert renumber("x [3] y [1]", {3: 1, 1: 2}) == "x [1] y [2]"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citeqa", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )


def test_registered_answerer_answers_through_the_cli(examples_store: Store) -> None:
    env = {**os.environ, "CITEQA_PLUGINS": "tests.qa.echo_answerer", "PYTHONPATH": str(ROOT)}
    r = _cli(
        "ask",
        "Who is the head librarian?",
        "--llm",
        "echo:CLI",
        "--json",
        "--store",
        str(examples_store.location),
        env=env,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["text"].startswith("CLI: ") and data["backend"] == "echo:CLI"


@pytest.mark.timeout(300)
def test_registered_answerer_answers_through_the_web_api(examples_store: Store) -> None:
    from gradio_client import Client

    from citeqa.settings import Settings
    from tests.conftest import free_port
    from ui.app import build_app
    from ui.cli import serve

    settings = Settings(store=Path(str(examples_store.location)))
    app = build_app(examples_store, llm="echo:WEB", settings=settings)
    url = serve(app, host="127.0.0.1", port=free_port(), settings=settings, block=False, quiet=True)
    try:
        got = Client(url, verbose=False).predict(
            question="Who is the head librarian?", api_name="/ask"
        )
        assert got["text"].startswith("WEB: ") and got["supported"]
    finally:
        app.close()


def test_the_pipeline_is_one_langchain_runnable(examples_store: Store) -> None:
    from qa.answer import AnswerState

    calls: list[str] = []

    class Counting(EchoAnswerer):
        def condense(self, question: str, history: object) -> str:  # type: ignore[override]
            calls.append(question)
            return question

    pipe = Pipeline(examples_store, Counting("R"))
    a = pipe.as_runnable().invoke(AnswerState("Who is the head librarian?", [("q", "a")]))
    assert a.text.startswith("R: ") and calls == ["Who is the head librarian?"]
