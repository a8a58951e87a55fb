"""Issue 9, item 7: faults end with one line naming the store and what to do, a non-zero exit,
and nothing already stored is lost. Real processes, a real full disk (a tiny tmpfs, when the
tests run as root), a real Chroma server killed mid-ingest, damaged ``chroma.sqlite3`` files.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest import open_store
from tests.conftest import free_port, stop_process
from tests.ingest.test_pipeline import run_cli, write_articles


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def assert_intact(store_path: str, doc_ids: set[str]) -> None:
    """Every document in ``doc_ids`` is listed and all its chunks are readable and true."""
    st = open_store(store_path)
    docs = {d.doc_id: d for d in st.documents()}
    assert doc_ids <= set(docs), f"lost: {doc_ids - set(docs)}"
    for doc_id in doc_ids:
        text = st.document_text(doc_id)
        chunks = st.chunks(doc_id)
        assert len(chunks) == docs[doc_id].n_chunks > 0
        assert all(text[c.start : c.end] == c.text for c in chunks)


def doc_ids(store_path: str) -> set[str]:
    return {d.doc_id for d in open_store(store_path).documents()}


# --- full disk --------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (needs root; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` with one file until only ``leave`` bytes are free."""
    filler = disk / "filler.bin"
    free = shutil.disk_usage(disk).free - leave
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, free))
    return filler


@pytest.mark.timeout(600)
def test_full_disk_mid_ingest(tmp_path: Path, small_disk: Path) -> None:
    store = str(small_disk / "store")
    write_articles(tmp_path / "a", 3)
    first = run_cli("ingest", str(tmp_path / "a"), "--store", store)
    assert first.returncode == 0, first.stderr
    before = doc_ids(store)
    filler = fill(small_disk, leave=64 * 1024)
    write_articles(tmp_path / "b", 30, tag=" second batch with a longer title line")
    failed = run_cli("ingest", str(tmp_path / "b"), "--store", store)
    assert failed.returncode != 0
    line = one_line(failed.stderr)
    assert store in line and "disk full" in line and "citeqa ingest" in line
    filler.unlink()  # space again
    assert_intact(store, before)
    again = run_cli("ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--store", store)
    assert again.returncode == 0, again.stderr
    assert_intact(store, doc_ids(store))
    assert len(doc_ids(store)) == 33


@pytest.mark.timeout(300)
def test_injected_enospc_at_every_write_step(tmp_path: Path) -> None:
    """The fault points of ingest.faults, each failing one run; nothing committed is lost."""
    store = str(tmp_path / "store")
    write_articles(tmp_path / "a", 2)
    assert run_cli("ingest", str(tmp_path / "a"), "--store", store).returncode == 0
    before = doc_ids(store)
    for n, point in enumerate(
        ["store.put.before_chunks", "store.put.after_chunks", "store.put.after_records"]
    ):
        write_articles(tmp_path / f"b{n}", 2, tag=f" batch {n}")
        env = {"CITEQA_FAULTS": f"{point}=enospc"}
        failed = run_cli("ingest", str(tmp_path / f"b{n}"), "--store", store, env=env)
        assert failed.returncode != 0, point
        assert store in one_line(failed.stderr)
        assert_intact(store, before)
    again = run_cli("ingest", *(str(tmp_path / f"b{n}") for n in range(3)), "--store", store)
    assert again.returncode == 0, again.stderr
    assert_intact(store, doc_ids(store))
    assert len(doc_ids(store)) == 2 + 6


# --- the Chroma server dies mid-ingest -------------------------------------------------------
def start_chroma(data: Path, port: int) -> subprocess.Popen[bytes]:
    exe = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    stop_process(proc)
    raise RuntimeError("chroma run did not start")


@pytest.mark.timeout(600)
def test_chroma_server_dies_mid_ingest(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(tmp_path / "chroma", port)
    try:
        write_articles(tmp_path / "a", 3)
        write_articles(tmp_path / "b", 3, tag=" (b)")
        assert run_cli("ingest", str(tmp_path / "a"), "--chroma-url", url).returncode == 0
        ready = tmp_path / "ready"
        env = {
            **os.environ,
            "CITEQA_FAULTS": "store.put.after_chunks=pause:3",
            "CITEQA_FAULTS_READY": str(ready),
        }
        import sys

        writer = subprocess.Popen(
            [sys.executable, "-m", "citeqa", "ingest", str(tmp_path / "b"), "--chroma-url", url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 240
        while not ready.exists() and time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.1)
        assert ready.exists(), writer.communicate()
        server.send_signal(signal.SIGKILL)  # the server dies inside the write window
        server.wait(10)
        _, stderr = writer.communicate(timeout=240)
        assert writer.returncode != 0
        line = one_line(stderr)
        assert url in line and "Chroma server" in line
        server = start_chroma(tmp_path / "chroma", port)
        listed = run_cli("docs", "--chroma-url", url, "--json")
        assert listed.returncode == 0 and listed.stdout.count('"doc_id"') == 3
        again = run_cli("ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--chroma-url", url)
        assert again.returncode == 0, again.stderr
        check = run_cli("chunks", "--chroma-url", url, "--json")
        assert check.stdout.count('"chunk_id"') >= 6
        assert run_cli("docs", "--chroma-url", url, "--json").stdout.count('"doc_id"') == 6
    finally:
        stop_process(server)


# --- a damaged chroma.sqlite3 ----------------------------------------------------------------
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda db: db.write_bytes(b""), id="zero-byte"),
        pytest.param(lambda db: db.write_bytes(b"not a database at all " * 100), id="garbage"),
        pytest.param(lambda db: db.write_bytes(db.read_bytes()[:8192]), id="truncated"),
    ],
)
def test_damaged_database_is_one_line_and_left_untouched(tmp_path: Path, damage: object) -> None:
    store = tmp_path / "store"
    write_articles(tmp_path / "a", 1)
    assert run_cli("ingest", str(tmp_path / "a"), "--store", str(store)).returncode == 0
    db = store / "chroma.sqlite3"
    damage(db)  # type: ignore[operator]
    kept = db.read_bytes()
    for args in (["docs"], ["ingest", str(tmp_path / "a")], ["ask", "Which town opened a park?"]):
        done = run_cli(*args, "--store", str(store))
        assert done.returncode != 0, (args, done.stdout)
        line = one_line(done.stderr)
        assert str(store) in line and ("damaged" in line or "backup" in line), line
        assert db.read_bytes() == kept, "the damaged file is never written to"


def test_store_path_that_is_a_file_and_a_missing_store(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello")
    done = run_cli("docs", "--store", str(a_file))
    assert done.returncode != 0 and "is a file" in one_line(done.stderr)
    missing = tmp_path / "nowhere"
    done = run_cli("docs", "--store", str(missing))
    assert done.returncode != 0
    assert one_line(done.stderr).endswith(f"no store at {missing} — run `citeqa ingest …` first")
    assert not missing.exists(), "reading never creates a store"


# --- killed between the steps of a write (issue 9 #5) ------------------------------------------
@pytest.mark.timeout(600)
@pytest.mark.parametrize("point", ["store.put.after_chunks", "store.put.after_records"])
def test_killed_between_steps_serves_only_committed_text(tmp_path: Path, point: str) -> None:
    store = tmp_path / "store"
    paths = write_articles(tmp_path / "docs", 2)
    assert run_cli("ingest", str(tmp_path / "docs"), "--store", str(store)).returncode == 0
    paths[0].write_text("Town 0 Cancels Park\n\nThe park plan was dropped on Monday.", "utf-8")
    killed = run_cli(
        "ingest", str(tmp_path / "docs"), "--store", str(store), env={"CITEQA_FAULTS": point}
    )
    assert killed.returncode == -signal.SIGKILL
    st = open_store(store)
    doc = next(d for d in st.documents() if "Town 0" in d.title)
    served = [c.text for c in st.chunks(doc.doc_id)]
    vector = st.embedder.embed(["park plan dropped Monday cost benches"])[0]
    served += [c.text for c, _ in st.search(vector, 20) if c.doc_id == doc.doc_id]
    text = st.document_text(doc.doc_id)
    assert served and all(t in text for t in served), "only the committed version is served"
    new = point.endswith("after_records")
    assert all(("dropped on Monday" in t) == new for t in served)
    again = run_cli("ingest", str(tmp_path / "docs"), "--store", str(store), "--json")
    assert again.returncode == 0 and '"failed": 0' in again.stdout
    st = open_store(store)
    st.sync()
    assert_intact(str(store), {d.doc_id for d in st.documents()})
    assert st.count() == sum(d.n_chunks for d in st.documents()), "leftovers repaired"
