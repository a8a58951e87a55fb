"""Opening a Chroma store: one client per folder or URL, and clear errors before Chroma runs.

A folder is checked before Chroma touches it: a file where the folder should be, no
``chroma.sqlite3`` (no store yet: only ingest creates one), an empty or non-SQLite
``chroma.sqlite3`` (damaged: never written to) each raise one readable :class:`StoreError`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock

from ingest.chroma_store import LOCK_TIMEOUT, ChromaStore, error_cause, held
from ingest.embed import Embedder, default_embedder
from ingest.location import StoreLocation
from ingest.store import StoreError, StoreMissing

_SQLITE_HEADER = b"SQLite format 3\x00"

_OPEN: dict[tuple[StoreLocation, str], ChromaStore] = {}


def open_chroma_store(
    location: StoreLocation,
    *,
    create: bool = False,
    embedder: Embedder | None = None,
    search_ef: int | None = None,
) -> ChromaStore:
    """Open (once per process) the Chroma store at ``location``; see :func:`ingest.open_store`.

    Creating a folder store runs under its writer lock, so two processes that create the same
    store at once do not trip over each other; a reader that finds a store half-made (or
    damaged) waits for that lock once and looks again before calling it damaged.
    """
    emb = embedder or default_embedder()
    key = (location, emb.name)
    if key not in _OPEN:
        if location.folder is None:
            client = _http_client(str(location))
            _OPEN[key] = _opened(location, client, create, emb, None, search_ef)
        elif create:
            _check_path(location, create=True)
            with _opening_lock(location):
                _OPEN[key] = _open_folder(location, True, emb, search_ef)
        else:
            _check_path(location, create=False)  # a file there, or no store: no retry helps
            try:
                _OPEN[key] = _open_folder(location, False, emb, search_ef)
            except StoreMissing:
                raise
            except StoreError:
                with _opening_lock(location):
                    _OPEN[key] = _open_folder(location, False, emb, search_ef, fresh=True)
    return _OPEN[key]


def _opening_lock(location: StoreLocation) -> contextlib.AbstractContextManager[None]:
    return held(FileLock(str(location.lock_path())), location, LOCK_TIMEOUT)


def _open_folder(
    location: StoreLocation,
    create: bool,
    emb: Embedder,
    search_ef: int | None,
    *,
    fresh: bool = False,
) -> ChromaStore:
    client = _persistent_client(location, create, fresh=fresh)

    def reopen() -> Any:
        return _persistent_client(location, False, fresh=True)

    return _opened(location, client, create, emb, reopen, search_ef)


def _opened(
    location: StoreLocation,
    client: Any,
    create: bool,
    emb: Embedder,
    reopen: Callable[[], Any] | None,
    search_ef: int | None,
) -> ChromaStore:
    if not create:
        _require_collection(location, client)
    try:
        return ChromaStore(client, emb, location=location, reopen=reopen, search_ef=search_ef)
    except StoreError:
        raise
    except BaseException as e:  # a damaged database can even panic in Chroma's Rust core
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise StoreError(_damaged(location, error_cause(e))) from None


def _damaged(location: StoreLocation, why: str) -> str:
    return (
        f"the store at {location} cannot be opened ({why}): it looks damaged. Nothing was "
        "changed; restore it from a backup, or move it away and run `citeqa ingest` again"
    )


def _missing(location: StoreLocation) -> str:
    return f"no store at {location} — run `citeqa ingest …` first"


_CLIENTS: dict[str, Any] = {}  # one client per folder or URL


def _require_collection(location: StoreLocation, client: Any) -> None:
    try:
        names = {getattr(c, "name", c) for c in client.list_collections()}
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise StoreError(_damaged(location, error_cause(e))) from None
    if f"{location.collection}_chunks" not in names:
        raise StoreMissing(_missing(location))


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def _check_path(location: StoreLocation, create: bool) -> Path:
    """The store folder, made when ``create``; a file there or (not creating) no store → error."""
    path = location.folder
    assert path is not None
    if path.exists() and not path.is_dir():
        raise StoreError(f"the store path {path} is a file, not a store folder: give a folder")
    if not (path / "chroma.sqlite3").exists():
        if not create:
            raise StoreMissing(_missing(location))
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the store folder {path} ({error_cause(e)})") from None
    return path


def _check_folder(location: StoreLocation, create: bool) -> None:
    """Refuse a damaged ``chroma.sqlite3`` before Chroma writes into it."""
    db = _check_path(location, create) / "chroma.sqlite3"
    if not db.exists():
        return
    if db.is_dir():
        raise StoreError(_damaged(location, "chroma.sqlite3 is a folder"))
    with db.open("rb") as f:
        head = f.read(len(_SQLITE_HEADER))
    if not head:
        raise StoreError(_damaged(location, "chroma.sqlite3 is empty (0 bytes)"))
    if head != _SQLITE_HEADER:
        raise StoreError(_damaged(location, "chroma.sqlite3 is not an SQLite database"))


def _persistent_client(location: StoreLocation, create: bool, *, fresh: bool = False) -> Any:
    import chromadb

    _check_folder(location, create)
    key = str(location)
    if fresh and key in _CLIENTS:
        with contextlib.suppress(Exception):  # already closed by Store.sync(), or never opened
            _CLIENTS.pop(key).close()
    if key not in _CLIENTS:
        try:
            _CLIENTS[key] = chromadb.PersistentClient(
                path=str(location.folder), settings=_chroma_settings()
            )
        except BaseException as e:
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            raise StoreError(_damaged(location, error_cause(e))) from None
    return _CLIENTS[key]


def _http_client(url: str) -> Any:
    from urllib.parse import urlparse

    import chromadb

    u = urlparse(url)
    if url not in _CLIENTS:
        try:
            client = chromadb.HttpClient(
                host=u.hostname or "",
                port=u.port or (443 if u.scheme == "https" else 8000),
                ssl=u.scheme == "https",
                settings=_chroma_settings(),
            )
            client.heartbeat()
        except Exception as e:  # chromadb raises several types for an unreachable server
            raise StoreError(f"cannot reach the Chroma server at {url}: {e}") from e
        _CLIENTS[url] = client
    return _CLIENTS[url]
