"""The app's edges: the backend list follows the answerer registry; citations get their dates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qa.answerers import register
from qa.types import Answer, Citation
from ui.app import backend_choices
from ui.chat import with_dates


def test_backend_list_reads_the_answerer_registry(settings: Any) -> None:
    assert "extractive" in backend_choices(None, settings)
    assert "uitest" not in backend_choices(None, settings)
    register("uitest", lambda arg, ctx: None, help="a backend registered by a test")  # type: ignore[arg-type,return-value]
    got = backend_choices("openai:some-model", settings)
    assert "uitest" in got and got[-1] == "openai:some-model"
    assert not any(c.endswith(":MODEL") or c.endswith(":PATH") for c in got)


@dataclass
class _Doc:
    date: str


class _Store:
    def document(self, doc_id: str) -> _Doc | None:
        return _Doc("2024-05-01") if doc_id == "known" else None

    def document_text(self, doc_id: str) -> str:
        return ""


def test_citations_get_the_article_date_from_the_store() -> None:
    def cite(doc: str, date: str = "") -> Citation:
        return Citation(1, doc, "a.txt", "T", "Q.", 0, 2, 0.9, date=date)

    a = Answer(
        "q", "x [1]", True,
        citations=[cite("known"), cite("gone"), cite("known", "1999-01-01")],
        closest=[cite("known")],
    )  # fmt: skip
    got = with_dates(a, _Store())  # type: ignore[arg-type]
    assert [c.date for c in got.citations] == ["2024-05-01", "", "1999-01-01"]
    assert got.closest[0].date == "2024-05-01"
    assert a.citations[0].date == ""  # the original is left as it was
