"""Shared parts of the web chat tests: a real store, a real server, a real browser.

The store holds the project's example articles (``examples/articles``, when present) and the
three short articles in ``tests/ui/articles`` whose facts the tests ask about (ingested with the
real embedding model into a real Chroma folder). The server is ``ui.app.build_app`` launched on
a free loopback port in this process. The browser is Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ARTICLES = Path(__file__).parent / "articles"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MAX_FILE_MB = 0.05
"""Upload limit of the test server (50 kB), small so the size check can be tested."""


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def new_port() -> Any:
    """``new_port()``: a free loopback port (see :func:`free_port`)."""
    return free_port


@pytest.fixture(scope="session")
def ui_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ui")


@pytest.fixture(scope="session")
def settings(ui_home: Path) -> Any:
    from citeqa.settings import Settings

    return Settings(
        store=ui_home / "store", upload_dir=ui_home / "uploads", max_file_mb=MAX_FILE_MB
    )


@pytest.fixture(scope="session")
def store(settings: Any) -> Any:
    from ingest import ingest, open_store

    opened = open_store(settings.store, create=True)
    folders = [str(ARTICLES)] + ([str(EXAMPLES)] if EXAMPLES.is_dir() else [])
    report = ingest(folders, store=opened)
    assert report.count("failed") == 0, report.to_dict()
    return opened


@pytest.fixture(scope="session")
def server(store: Any, settings: Any) -> Iterator[str]:
    """URL of the running web chat (no trailing slash)."""
    from ui.app import build_app
    from ui.cli import serve

    app = build_app(store, settings=settings)
    url = serve(app, host="127.0.0.1", port=free_port(), settings=settings, block=False, quiet=True)
    yield url.rstrip("/")
    app.close()


@pytest.fixture(scope="session")
def launch(settings: Any) -> Iterator[Any]:
    """``launch(store, stream=None, llm=None, settings=None)``: another web chat on a free
    loopback port (``stream`` replaces the answer chain, for wiring tests); its URL. All are
    closed at the end of the session."""
    from ingest import ingest as ingest_fn
    from ui.app import assemble, build_app
    from ui.cli import serve

    apps: list[Any] = []

    def start(store: Any, *, stream: Any = None, llm: str | None = None, s: Any = None) -> str:
        s = s or settings
        if stream is None:
            app = build_app(store, llm=llm, settings=s)
        else:
            app = assemble(store, stream=stream, ingest_fn=ingest_fn, llm=llm, settings=s)
        apps.append(app)
        url = serve(app, host="127.0.0.1", port=free_port(), settings=s, block=False, quiet=True)
        return str(url).rstrip("/")

    yield start
    for app in apps:
        app.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: apt-get install -y chromium")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_tab(browser: Any, url: str, *, width: int = 1360, height: int = 900, **kw: Any) -> Any:
    """A new browser context (fresh storage) with one tab on ``url``, loaded and ready."""
    context = browser.new_context(viewport={"width": width, "height": height}, **kw)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    tab.goto(url)
    wait_ready(tab)
    return tab


def wait_ready(tab: Any) -> None:
    """Wait until the app is on screen and its page script and stored chats are loaded."""
    tab.wait_for_selector("#cq-chat")
    tab.wait_for_function("window.__citeqaBridge === true")
    tab.wait_for_timeout(300)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh tab on the app, loaded and ready."""
    tab = open_tab(browser, server)
    yield tab
    tab.context.close()


@pytest.fixture(scope="session")
def shoot() -> Any:
    """``shoot(page, name)`` saves artifacts/screenshots/NAME.png and returns its path."""

    def save(tab: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path))
        return path

    return save


DONE = "#cq-chat .cq-answer, #cq-chat .cq-declined, #cq-chat .cq-error"
"""A finished reply in the chat."""


def ask(tab: Any, question: str, timeout: float = 120_000) -> Any:
    """Type ``question``, send it, wait until its answer is final; the answer's bubble."""
    before = tab.locator(DONE).count()
    tab.locator("#cq-input textarea").fill(question)
    tab.locator("#cq-input textarea").press("Enter")
    tab.wait_for_function(f"document.querySelectorAll({DONE!r}).length > {before}", timeout=timeout)
    tab.wait_for_function("!document.querySelector('#cq-input textarea').disabled")
    return tab.locator("#cq-chat [data-testid=bot]").last


@pytest.fixture(scope="session")
def ask_in() -> Any:
    """``ask_in(page, question)``: see :func:`ask`."""
    return ask
