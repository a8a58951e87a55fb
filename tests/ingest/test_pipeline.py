"""Ingestion end to end: real files, real model, real Chroma (embedded and server)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import FileResult, ingest, open_store
from tests.conftest import EXAMPLES, SAMPLE_ARTICLE
from tests.ingest.test_clean import SAMPLE_LEFTOVERS as LEFTOVERS

CITEQA = [sys.executable, "-m", "citeqa"]


def write_articles(folder: Path, n: int, tag: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"article-{i:03d}.txt"
        p.write_text(
            f"Town {i} Opens New Park{tag}\n\n"
            f"The town of Example{i} opened a park on day {i} of the month. "
            f"The mayor said the park cost {i * 1000 + 7} dollars and has {i + 3} benches. "
            f"Residents had asked for a park for {i + 2} years.\n\n"
            f"A second paragraph tells that the park has a pond with {i + 11} ducks. "
            "Children may fish there on Sundays.",
            encoding="utf-8",
        )
        paths.append(p)
    return paths


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CITEQA, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_reingest_is_idempotent_and_changes_replace(tmp_path: Path, store_dir: Path) -> None:
    paths = write_articles(tmp_path / "docs", 4)
    first = ingest([tmp_path / "docs"], store=store_dir)
    assert (first.count("added"), first.ok) == (4, True)
    store = open_store(store_dir)
    before = {c.chunk_id for c in store.chunks()}

    again = ingest([tmp_path / "docs"], store=store_dir)
    assert again.count("unchanged") == 4 and again.chunks_written == 0
    assert {c.chunk_id for c in store.chunks()} == before

    paths[1].write_text("Town 1 Cancels Park\n\nThe park plan was dropped on Monday.", "utf-8")
    changed = ingest([tmp_path / "docs"], store=store_dir)
    assert (changed.count("updated"), changed.count("unchanged")) == (1, 3)
    doc_id = next(f.doc_id for f in changed.files if f.status == "updated")
    texts = [c.text for c in store.chunks(doc_id)]
    assert texts == ["Town 1 Cancels Park\n\nThe park plan was dropped on Monday."]
    assert sum(d.n_chunks for d in store.documents()) == store.count()


def test_bad_files_are_reported_and_the_rest_is_stored(tmp_path: Path, store_dir: Path) -> None:
    good = write_articles(tmp_path / "docs", 2)
    ingest(good[:1], store=store_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    seen: list[FileResult] = []
    report = ingest(
        [
            good[1],
            bad / "empty.txt",
            bad / "binary.txt",
            bad / "broken.pdf",
            tmp_path / "missing.txt",
        ],
        store=store_dir,
        on_file=seen.append,
    )
    failed = {Path(f.source).name: f.error for f in report.files if f.status == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.pdf", "missing.txt"}
    for name, error in failed.items():
        assert error and name in error, "the message names the file"
    assert report.count("added") == 1 and not report.ok
    assert len(seen) == len(report.files)
    assert len(open_store(store_dir).documents()) == 2, "what was stored before is intact"


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    ok = run_cli("ingest", str(EXAMPLES), "--store", store, "--json")
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout)
    assert summary["added"] == 3 and summary["failed"] == 0 and summary["chunks_written"] > 3
    (tmp_path / "empty.md").write_text("  \n")
    bad = run_cli("ingest", str(tmp_path / "empty.md"), "--store", store)
    assert bad.returncode == 1
    assert "empty.md" in bad.stderr
    again = run_cli("ingest", str(EXAMPLES), "--store", store)
    assert again.returncode == 0 and "3 unchanged" in again.stdout
    docs = json.loads(run_cli("docs", "--store", store, "--json").stdout)
    assert len(docs) == 3 and all(d["n_chunks"] > 0 for d in docs)
    chunks = json.loads(run_cli("chunks", docs[0]["doc_id"], "--store", store, "--json").stdout)
    assert len(chunks) == docs[0]["n_chunks"]
    assert run_cli("remove", docs[0]["doc_id"], "--store", store).returncode == 0
    assert run_cli("remove", docs[0]["doc_id"], "--store", store).returncode == 1
    assert len(json.loads(run_cli("docs", "--store", store, "--json").stdout)) == 2


def test_sigkill_mid_ingest_then_rerun_repairs(tmp_path: Path) -> None:
    write_articles(tmp_path / "docs", 40)
    store = str(tmp_path / "s")
    env = {**os.environ, "CITEQA_EMBED_BATCH_SIZE": "1"}  # commit every 8 chunks
    proc = subprocess.Popen(
        [*CITEQA, "ingest", str(tmp_path / "docs"), "--store", store, "-v"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    done = 0
    for line in proc.stdout:
        done += line.startswith("added")
        if done >= 6:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert done >= 6, "the ingest got killed before it committed anything"

    rerun = run_cli("ingest", str(tmp_path / "docs"), "--store", store, "--json")
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] >= 6 and summary["added"] + summary["unchanged"] == 40
    st = open_store(store)
    docs = st.documents()
    assert len(docs) == 40 and len({d.source for d in docs}) == 40
    chunks = st.chunks()
    assert len(chunks) == len({c.chunk_id for c in chunks}) == sum(d.n_chunks for d in docs)
    assert {c.doc_id for c in chunks} == {d.doc_id for d in docs}, "no orphan chunk"


def test_server_mode_against_a_real_chroma_server(tmp_path: Path, chroma_server: str) -> None:
    paths = write_articles(tmp_path / "docs", 3, tag=" (server)")
    report = ingest(paths, store=chroma_server)
    assert report.count("added") == 3
    assert ingest(paths, store=chroma_server).count("unchanged") == 3
    st = open_store(chroma_url=chroma_server)
    assert str(st.location) == chroma_server and st.location.is_server
    assert len(st.documents()) >= 3
    result = run_cli("docs", "--chroma-url", chroma_server, "--json")
    assert result.returncode == 0, result.stderr
    assert {p.resolve().as_posix() for p in paths} <= {
        d["source"] for d in json.loads(result.stdout)
    }


@pytest.mark.skipif(not SAMPLE_ARTICLE.exists(), reason="../shared/corpus is not present")
def test_sample_article_leftovers_never_indexed(sample_store) -> None:  # type: ignore[no-untyped-def]
    texts = [c.text for c in sample_store.chunks()]
    assert texts
    for leftover in LEFTOVERS:
        assert not any(leftover in t for t in texts), leftover
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    for sentence in [
        "Isik said while addressing parliament.",
        "launched on August 24",
        "likely to continue given the cold snap and snowy weather.",
    ]:
        assert sentence in body and any(sentence in t for t in texts)
