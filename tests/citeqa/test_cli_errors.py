"""Errors a user can fix are one line that says what to do, with exit status 2."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.citeqa.conftest import Run, make_empty_store
from tests.conftest import free_port


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("ask", "Who?"),
        ("chat",),
        ("docs",),
        ("chunks",),
        ("remove", "abc"),
        ("ui", "--port", "1"),
    ],
)
def test_missing_store_says_run_ingest_and_creates_nothing(
    cli: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    missing = tmp_path / "typo"
    result = cli(*args, "--store", str(missing), input="")
    assert result.returncode == 2, result.stderr
    line = one_error_line(result.stderr)
    assert f"no store at {missing}" in line and "citeqa ingest" in line
    assert not missing.exists()


def test_ingest_creates_the_store(cli: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Ferry\n\nThe ferry to Holm Island resumed service on Monday.\n")
    result = cli("ingest", str(article), "--store", str(tmp_path / "new"))
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout


def test_empty_store_says_nothing_is_ingested(cli: Run, store_dir: Path) -> None:
    make_empty_store(cli, store_dir)
    result = cli("ask", "Who opened the bridge?", "--store", str(store_dir))
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "nothing is ingested" in line and "citeqa ingest" in line


def test_malformed_llm_names_the_accepted_forms(cli: Run, examples_store: object) -> None:
    location = str(examples_store.location)  # type: ignore[attr-defined]
    result = cli("ask", "When did the bridge reopen?", "--store", location, "--llm", "gpt4")
    assert result.returncode == 2
    line = one_error_line(result.stderr)
    assert "gpt4" in line and "openai:" in line and "llamacpp:" in line


class _Refusing(BaseHTTPRequestHandler):
    status = 500

    def do_POST(self) -> None:
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"error": {"message": "nope", "type": "server_error"}}')

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(params=[401, 500])
def refusing_server(request: pytest.FixtureRequest) -> Iterator[tuple[str, int]]:
    handler = type("Handler", (_Refusing,), {"status": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1", request.param
    finally:
        server.shutdown()
        server.server_close()


def _ask_openai(cli: Run, store: object, url: str) -> str:
    """``citeqa ask --llm openai:…`` against ``url``: exit 2 and the one error line."""
    result = cli(
        "ask",
        "When did the bridge reopen?",
        "--store",
        str(store.location),  # type: ignore[attr-defined]
        "--llm",
        "openai:test-model",
        env={"CITEQA_OPENAI_BASE_URL": url},
    )
    assert result.returncode == 2, result.stderr
    return one_error_line(result.stderr)


def test_llm_server_that_refuses_is_one_line_with_url_and_status(
    cli: Run, examples_store: object, refusing_server: tuple[str, int]
) -> None:
    url, status = refusing_server
    line = _ask_openai(cli, examples_store, url)
    assert "127.0.0.1" in line and str(status) in line


def test_llm_server_that_is_down_is_one_line_with_url(cli: Run, examples_store: object) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    line = _ask_openai(cli, examples_store, url)
    assert url.rsplit("/", 1)[0] in line


def test_chroma_server_that_is_down_is_one_line(cli: Run) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = cli("docs", "--chroma-url", url)
    assert result.returncode == 2
    assert url in one_error_line(result.stderr)


def test_ui_refuses_a_malformed_llm_before_serving(cli: Run, examples_store: object) -> None:
    location = str(examples_store.location)  # type: ignore[attr-defined]
    result = cli("ui", "--store", location, "--llm", "gpt4", "--port", str(free_port()))
    assert result.returncode == 2
    assert "gpt4" in one_error_line(result.stderr)
