"""With a login set, nothing is served to a client that has not logged in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def locked(store: Any, settings: Any, new_port: Any) -> Iterator[str]:
    from ui.app import build_app
    from ui.cli import serve

    app = build_app(store, settings=settings)
    url = serve(
        app,
        host="127.0.0.1",
        port=new_port(),
        auth=("ann", "s3cret"),
        settings=settings,
        block=False,
        quiet=True,
    )
    yield url.rstrip("/")
    app.close()


def test_login_required(locked: str) -> None:
    from gradio_client import Client

    assert httpx.get(locked + "/config", timeout=30).status_code == 401
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        Client(locked, verbose=False)
    with pytest.raises(Exception):  # noqa: B017
        Client(locked, auth=("ann", "wrong"), verbose=False)
    got = Client(locked, auth=("ann", "s3cret"), verbose=False).predict(
        question="When was the dam at Lake Varn built?", api_name="/ask"
    )
    assert got["supported"] and "1952" in got["text"]
