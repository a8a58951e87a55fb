"""Where a store lives, decided once: a folder (embedded Chroma) or a Chroma server URL.

``StoreLocation.parse`` is the only place that tells a URL from a folder; everything after it
asks ``location.is_server``. ``str(location)`` is what messages show (the folder or the URL).
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from citeqa.settings import Settings, get_settings


def _is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class StoreLocation:
    """A folder or a server URL, plus the collection name prefix inside it.

    Args:
        folder: the resolved store folder (embedded Chroma); None for a server.
        url: the Chroma server's ``http(s)://host:port``; None for a folder.
        collection: the name prefix of citeqa's collections (``Settings.collection``).
    """

    folder: Path | None = None
    url: str | None = None
    collection: str = "citeqa"

    def __post_init__(self) -> None:
        if (self.folder is None) == (self.url is None):
            raise ValueError("a StoreLocation is either a folder or a URL")

    @classmethod
    def parse(
        cls,
        value: str | Path | None = None,
        *,
        chroma_url: str | None = None,
        settings: Settings | None = None,
    ) -> StoreLocation:
        """Read a folder path, an http(s) URL, or (None) the settings' ``chroma_url``/``store``.

        ``chroma_url`` wins over ``value`` (it is the explicit ``--chroma-url`` option).
        """
        s = settings or get_settings()
        text = str(value) if value is not None and str(value) else ""
        url = chroma_url or (text if _is_url(text) else None) or (None if text else s.chroma_url)
        if url:
            u = urlparse(url)
            if u.scheme not in {"http", "https"} or not u.hostname:
                from ingest.store import StoreError

                raise StoreError(f"not a Chroma server URL: {url!r} (expected http://host:port)")
            return cls(url=url.rstrip("/"), collection=s.collection)
        folder = Path(text or s.store).expanduser().resolve()
        return cls(folder=folder, collection=s.collection)

    @property
    def is_server(self) -> bool:
        return self.url is not None

    def lock_path(self) -> Path:
        """The writers' lock file: inside the folder, or in the temp dir keyed by URL.

        A server has no atomic test-and-set a lock could be built on, so its writers meet at a
        file named after the URL and collection on this machine (see docs/reliability.md).
        """
        if self.folder is not None:
            return self.folder / f".{self.collection}.writer.lock"
        key = hashlib.sha256(f"{self.url}\0{self.collection}".encode()).hexdigest()[:20]
        folder = Path(tempfile.gettempdir()) / "citeqa-locks"
        folder.mkdir(mode=0o1777, exist_ok=True)
        return folder / f"{key}.lock"

    def __str__(self) -> str:
        return self.url if self.url is not None else str(self.folder)
