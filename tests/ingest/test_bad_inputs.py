"""Issue 9, items 6 and 8: each bad input gets one line naming the file; none hangs or crashes.

The inputs come from the probe kit (tests/probes/bad_files.py). Reading is tested without a
store (fast); one end-to-end run checks that a folder of all of them stores the good article.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from citeqa.settings import Settings
from ingest.errors import IngestError
from ingest.readers import read_document
from ingest.sources import iter_sources
from ingest.types import Document
from tests.probes.bad_files import BODY, PROBES, Probe
from tests.probes.servers import slow_header_server

SETTINGS = Settings(max_file_mb=1, url_timeout=3)


def read_folder(folder: Path, **kw: bool) -> dict[str, Document | IngestError]:
    """What ingest would get for each entry of ``folder``: a document or a one-line error."""
    out: dict[str, Document | IngestError] = {}
    for src in iter_sources([str(folder)], **kw):
        if isinstance(src, IngestError):
            out[Path(src.source).name] = src
            continue
        try:
            out[Path(src).name] = read_document(src, SETTINGS)
        except IngestError as e:
            out[Path(src).name] = e
    return out


@pytest.mark.timeout(60)
@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_each_bad_input_is_handled(tmp_path: Path, probe: Probe) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(f"Good Article\n\n{BODY}", encoding="utf-8")
    bad = probe.build(folder)
    got = read_folder(folder)
    assert isinstance(got["good.txt"], Document), "the good article is still read"
    result = got[bad.name]
    if probe.refused:
        assert isinstance(result, IngestError), f"{probe.name} must be refused"
        assert probe.refused in str(result) and bad.name in str(result)
        assert "\n" not in str(result) and "Traceback" not in str(result)
    else:
        assert isinstance(result, Document), f"{probe.name}: {result}"
        assert probe.check is not None and probe.check(result), (result.title, result.text[:300])


def test_size_message_is_exact_for_one_byte_over(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(IngestError) as e:
        read_document(str(path), SETTINGS)
    assert "1,048,577 bytes; the limit is 1 MB = 1,048,576 bytes" in str(e.value)


def test_links_outside_the_folder_are_followed_only_when_asked(tmp_path: Path) -> None:
    from tests.probes.bad_files import link_outside

    folder = tmp_path / "docs"
    folder.mkdir()
    link = link_outside(folder)
    assert isinstance(read_folder(folder)[link.name], IngestError)
    assert isinstance(read_folder(folder, follow_links=True)[link.name], Document)
    assert isinstance(read_document(str(link), SETTINGS), Document), "named explicitly: read"


def test_a_link_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Alpha\n\n{BODY}", encoding="utf-8")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    assert list(read_folder(folder)) == ["a.txt"]


@pytest.mark.timeout(60)
def test_url_that_sends_headers_slowly_ends_at_the_total_deadline() -> None:
    with slow_header_server(byte_every=0.5) as url:
        t0 = time.monotonic()
        with pytest.raises(IngestError, match="timed out after 3 s"):
            read_document(url, SETTINGS)
        assert time.monotonic() - t0 < 3 + 2


def test_rich_markup_in_a_title_is_printed_as_written(tmp_path: Path) -> None:
    from tests.ingest.test_pipeline import run_cli
    from tests.probes.bad_files import rich_markup_title

    folder = tmp_path / "docs"
    folder.mkdir()
    rich_markup_title(folder)
    store = str(tmp_path / "store")
    assert run_cli("ingest", str(folder), "--store", store).returncode == 0
    for command in ("docs", "chunks"):
        done = run_cli(command, "--store", store, env={"COLUMNS": "400"})  # no cell wrapping
        assert done.returncode == 0, done.stderr
        assert "Bridge [/bold] vote :x: [red]news" in " ".join(done.stdout.split())
