"""``ingest``, ``docs``, ``chunks``, ``remove`` as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from citeqa.cli.library import find_documents
from ingest import DocInfo
from tests.citeqa.conftest import Run, make_empty_store
from tests.conftest import EXAMPLES


def _doc(doc_id: str, title: str, source: str) -> DocInfo:
    """What ``find_documents`` reads of a ``DocInfo``."""
    return cast(DocInfo, SimpleNamespace(doc_id=doc_id, title=title, source=source))


DOCS = [
    _doc("aaa111", "Harbor Bridge Reopens", "/news/bridge.txt"),
    _doc("bbb222", "Harbor Master Retires", "https://example.org/harbor-master"),
    _doc("ccc333", "Valley Solar Farm", "/news/solar.html"),
]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("bbb222", ["bbb222"]),
        ("/news/solar.html", ["ccc333"]),
        ("https://example.org/harbor-master", ["bbb222"]),
        ("valley", ["ccc333"]),
        ("  Harbor Bridge", ["aaa111"]),
        ("harbor", ["aaa111", "bbb222"]),
        ("nothing like it", []),
        ("", []),
    ],
)
def test_find_documents_by_id_path_url_or_title_prefix(ref: str, expected: list[str]) -> None:
    assert [d.doc_id for d in find_documents(DOCS, ref)] == expected


def test_find_documents_resolves_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    docs = [_doc("ddd444", "Ferry", str(tmp_path / "ferry.txt"))]
    assert [d.doc_id for d in find_documents(docs, "./ferry.txt")] == ["ddd444"]


@pytest.fixture
def library(cli: Run, tmp_path: Path) -> Path:
    """A store with the example articles plus a second 'Harbor …' article."""
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    (folder / "harbor-master.md").write_text(
        "# Harbor Master Retires\n\nThe harbor master of Port Alder, Ines Vale, retired on "
        "Tuesday after thirty years of guiding ships into the bay.\n"
    )
    store = tmp_path / "store"
    result = cli("ingest", str(folder), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return store


def _titles(cli: Run, store: Path) -> list[str]:
    result = cli("docs", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    return sorted(d["title"] for d in json.loads(result.stdout))


def test_remove_by_title_prefix_path_and_ambiguity(cli: Run, library: Path, tmp_path: Path) -> None:
    before = _titles(cli, library)
    ambiguous = cli("remove", "harbor", "--store", str(library))
    assert ambiguous.returncode == 1
    assert "matches 2 documents" in ambiguous.stderr
    assert (
        "Harbor Bridge Reopens" in ambiguous.stderr and "Harbor Master Retires" in ambiguous.stderr
    )
    assert _titles(cli, library) == before  # nothing removed

    by_prefix = cli("remove", "Harbor Master", "--store", str(library))
    assert by_prefix.returncode == 0, by_prefix.stderr
    assert "Harbor Master Retires" in by_prefix.stdout
    path = tmp_path / "articles" / "solar-farm.html"
    by_path = cli("remove", str(path), "--store", str(library))
    assert by_path.returncode == 0, by_path.stderr
    after = _titles(cli, library)
    assert len(after) == len(before) - 2
    assert not any(t.startswith(("Harbor Master", "Valley Solar")) for t in after)

    gone = cli("remove", "Harbor Master", "--store", str(library))
    assert gone.returncode == 1 and "no document matches" in gone.stderr


def test_chunks_takes_a_title_prefix(cli: Run, library: Path) -> None:
    result = cli("chunks", "harbor master", "--store", str(library), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all("Ines Vale" in r["text"] or r["index"] > 0 for r in rows)
    assert {r["title"] for r in rows} == {"Harbor Master Retires"}


def test_skipped_files_are_reported_and_pypdf_chatter_is_not(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(EXAMPLES / "library-robot.md", folder)
    (folder / "report.docx").write_bytes(b"PK\x03\x04 not really a document")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".hidden.xlsx").write_bytes(b"hidden files stay silent")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n")
    store = str(tmp_path / "store")

    text = cli("ingest", str(folder), "--store", store)
    assert text.returncode == 1  # the broken PDF failed
    assert "2 skipped: 1 × .docx, 1 × .png" in text.stdout
    assert "EOF marker" not in text.stderr
    failed = [line for line in text.stderr.splitlines() if "broken.pdf" in line]
    assert len(failed) == 1 and "PDF" in failed[0]

    as_json = json.loads(cli("ingest", str(folder), "--store", store, "--json").stdout)
    skipped = {Path(s["source"]).name: s["reason"] for s in as_json["skipped"]}
    assert set(skipped) == {"report.docx", "photo.png"}
    assert "unsupported file type '.docx'" in skipped["report.docx"]


def test_a_store_inside_the_folder_ingested_is_left_out_silently(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(EXAMPLES / "library-robot.md", folder)
    store = str(folder / "store")  # the store's own files are not articles
    for _ in range(2):
        result = cli("ingest", str(folder), "--store", store, "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["skipped"] == [] and report["failed"] == 0


def test_ingest_says_it_is_loading_the_model(cli: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved the new cycle lane on Elm Street on Monday.\n")
    result = cli("ingest", str(article), "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    assert "loading all-MiniLM-L6-v2" in result.stderr


def test_docs_on_an_empty_store_says_how_to_add(cli: Run, store_dir: Path) -> None:
    make_empty_store(cli, store_dir)
    result = cli("docs", "--store", str(store_dir))
    assert result.returncode == 0
    assert "citeqa ingest" in result.stdout
