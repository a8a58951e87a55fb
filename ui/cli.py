"""Starting the web chat: ``citeqa ui`` (registered by the main CLI) and ``python -m ui``.

The server binds the loopback address unless told otherwise, asks for a login when ``--auth`` or
``CITEQA_AUTH`` gives one, warns when it listens beyond this machine without a login, and makes
no public share link unless ``--share`` is given.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citeqa.settings import Settings, get_settings

if TYPE_CHECKING:
    from ingest import Store

log = logging.getLogger(__name__)


class AuthError(ValueError):
    """The ``--auth`` value is not ``user:password``."""


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``user:password`` as a pair; None when ``value`` is empty.

    value: the ``--auth`` option or ``CITEQA_AUTH``; the password may itself contain ``:``.
    """
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise AuthError("--auth must look like user:password")
    return user, password


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine.

    host: the address to listen on (``127.0.0.1``, ``localhost``, ``::1``, ``0.0.0.0``...).
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, auth: tuple[str, str] | None, share: bool) -> str | None:
    """The warning to print before serving, or None when the setup is private.

    host: listening address. auth: the login, if any. share: whether a public link is made.
    """
    if auth is not None:
        return None
    if share:
        return "--share makes a public link and no --auth is set: anyone with the link can use it."
    if not is_loopback(host):
        return (
            f"listening on {host} without --auth: anyone who can reach this address can read "
            "and change your articles. Set --auth user:password (or CITEQA_AUTH)."
        )
    return None


def serve(
    app: Any,
    *,
    host: str,
    port: int,
    auth: tuple[str, str] | None = None,
    share: bool = False,
    settings: Settings | None = None,
    block: bool = True,
    quiet: bool = False,
) -> str:
    """Launch ``app`` with the citeqa look and upload limit; returns the local URL.

    app: from ``ui.app.build_app``. host, port: where to listen. auth: optional login.
    share: make a public Gradio link (default no). settings: for the upload size limit (default
    ``get_settings()``). block: keep serving until interrupted (default) or return at once.
    quiet: suppress Gradio's start-up lines (default no).
    """
    from ui.app import ANSWER_CONCURRENCY, launch_options

    s = settings or get_settings()
    app.queue(default_concurrency_limit=ANSWER_CONCURRENCY)
    _, url, _ = app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        share=share,
        max_file_size=int(s.max_file_mb * 1_000_000),
        prevent_thread_lock=True,
        show_error=True,
        quiet=quiet,
        **launch_options(),
    )
    if block:
        try:
            app.block_thread()
        finally:
            app.close()
    return str(url)


def ui_command(
    store: Store | str | Path | None = None,
    host: str | None = None,
    port: int | None = None,
    llm: str | None = None,
    auth: str | None = None,
    share: bool = False,
) -> None:
    """Serve the web chat until interrupted (``citeqa ui``).

    store: an open store, a store folder or a Chroma URL (default: settings); a folder or URL
    must hold a store already (``citeqa ingest`` makes one). host: listening address (default
    ``127.0.0.1``). port: default 7860. llm: answer backend (default: settings, extractive).
    auth: ``user:password`` login (default: ``CITEQA_AUTH``, else none). share: public link
    (default no).
    """
    from ingest import Store, open_store
    from ui.app import build_app

    s = get_settings()
    host = host or s.host
    port = port or s.port
    login = parse_auth(auth or s.auth)
    warning = exposure_warning(host, login, share)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    from qa.extractive import warm_up

    # The chat can upload, so it may start on an empty store (``citeqa ui`` refuses a missing
    # one before it gets here).
    opened = store if isinstance(store, Store) else open_store(store, create=True)
    app = build_app(opened, llm=llm, settings=s)
    # Load spaCy and the query encoder while the server starts, not on the first question (a
    # question asked before it finishes waits for the same loads).
    threading.Thread(
        target=warm_up, args=(opened.embedder,), name="citeqa-warm-up", daemon=True
    ).start()
    print(f"citeqa web chat on http://{host}:{port} (Ctrl+C to stop)", file=sys.stderr)
    serve(app, host=host, port=port, auth=login, share=share, settings=s)
