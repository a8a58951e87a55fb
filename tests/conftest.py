"""Shared fixtures: real model, real Chroma (embedded and server), the sample corpora."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SAMPLE_ARTICLE = SHARED / "corpus" / "000_e600fff4fea88d59.txt"
SQUAD = SHARED / "datasets" / "squad" / "squad-v1.1-dev-10articles.json"
SETS = ROOT / "eval" / "sets"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """Terminate a server the tests started, killing it if it does not stop in time."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A folder for a fresh embedded store."""
    return tmp_path / "store"


@pytest.fixture
def store(store_dir: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty embedded Chroma store with the real embedding model."""
    from ingest import open_store

    return open_store(store_dir, create=True)


def ingested_store(factory: pytest.TempPathFactory, name: str, docs: Path):  # type: ignore[no-untyped-def]
    """A fresh embedded store in a temp folder named ``name``, holding ``docs`` (a file or a
    folder); a failed ingest fails the test that asked for it."""
    from ingest import ingest, open_store

    st = open_store(factory.mktemp(name) / "store", create=True)
    report = ingest([docs], store=st)
    assert report.ok, report.to_dict()
    return st


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the example articles (shared, read-only by convention)."""
    return ingested_store(tmp_path_factory, "examples", EXAMPLES)


@pytest.fixture(scope="session")
def news_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the news set's articles (eval/sets/news_articles; read-only)."""
    return ingested_store(tmp_path_factory, "news", SETS / "news_articles")


@pytest.fixture(scope="session")
def fresh_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the fresh set's articles (eval/sets/fresh_articles; read-only)."""
    return ingested_store(tmp_path_factory, "fresh", SETS / "fresh_articles")


@pytest.fixture(scope="session")
def tried_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the tried set's articles (eval/sets/tried_articles; read-only)."""
    return ingested_store(tmp_path_factory, "tried", SETS / "tried_articles")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the sample news article from ../shared (skips when absent)."""
    if not SAMPLE_ARTICLE.exists():
        pytest.skip("../shared/corpus is not present")
    return ingested_store(tmp_path_factory, "sample", SAMPLE_ARTICLE)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``chroma run`` server on a free loopback port; yields its URL."""
    exe = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = open(path / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [exe, "run", "--path", str(path / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError((path / "server.log").read_text()) from None
                time.sleep(0.2)
        else:
            raise RuntimeError("chroma run did not start in 60 s")
        yield url
    finally:
        stop_process(proc)
        log.close()
