"""iter_sources: files, folders (recursive, sorted, hidden skipped), URLs, and clear errors."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.sources import SUPPORTED_EXTENSIONS, iter_sources


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text", encoding="utf-8")


def test_supported_extensions() -> None:
    assert frozenset({".txt", ".md", ".html", ".htm", ".pdf"}) == SUPPORTED_EXTENSIONS


def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "b.txt", "a.md", "c.PDF", "notes.docx", "image.png", ".hidden.txt",
        "sub/z.html", "sub/a.htm", "sub/deeper/x.txt", ".git/config.txt", "_drafts/d.md",
    )  # fmt: skip
    found = list(iter_sources([str(tmp_path)]))
    assert all(isinstance(x, str) for x in found)
    rel = [str(Path(str(x)).relative_to(tmp_path)) for x in found]
    assert rel == [
        "_drafts/d.md", "a.md", "b.txt", "c.PDF", "sub/a.htm", "sub/deeper/x.txt", "sub/z.html",
    ]  # fmt: skip


def test_files_and_urls_are_passed_through_in_order(tmp_path: Path) -> None:
    touch(tmp_path, "one.txt", "two.md")
    given = [str(tmp_path / "two.md"), "https://example.org/a", str(tmp_path / "one.txt"),
             "HTTP://EXAMPLE.ORG/B"]  # fmt: skip
    assert list(iter_sources(given)) == given


def test_same_file_is_yielded_once(tmp_path: Path) -> None:
    touch(tmp_path, "one.txt")
    found = list(iter_sources([str(tmp_path / "one.txt"), str(tmp_path), str(tmp_path)]))
    assert found == [str(tmp_path / "one.txt")]


def test_errors_for_missing_unsupported_and_empty(tmp_path: Path) -> None:
    touch(tmp_path, "sheet.xyz", "README", "empty/.hidden.txt", "ok.txt")
    given = [
        str(tmp_path / "missing.txt"),
        str(tmp_path / "sheet.xyz"),
        str(tmp_path / "README"),
        str(tmp_path / "empty"),
        "ftp://example.org/file.txt",
        str(tmp_path / "ok.txt"),
    ]
    found = list(iter_sources(given))
    assert found[-1] == str(tmp_path / "ok.txt")
    errors = found[:-1]
    assert all(isinstance(e, IngestError) for e in errors)
    causes = {e.source: e.cause for e in errors if isinstance(e, IngestError)}
    assert list(causes) == given[:-1]
    assert causes[given[0]] == "no such file or folder"
    assert causes[given[1]] == (
        "unsupported file type '.xyz' (supported: .txt, .md, .html, .htm, .pdf)"
    )
    assert causes[given[2]].startswith("unsupported file type (no extension)")
    assert causes[given[3]].startswith("no supported files in folder")
    assert "unsupported URL scheme 'ftp'" in causes[given[4]]
