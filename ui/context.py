"""What the web chat's tabs and API share: the store, the answer chain and the app's settings.

Built once by ``ui.app.assemble`` and handed to ``ask_tab``, ``library_tab`` and the API; plain
Python, no Gradio.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeqa.settings import Settings
from ui.chat import Chat, StreamAnswer
from ui.documents import IngestFn
from ui.examples import Examples

ANSWER_CONCURRENCY = 4
"""Answers computed at once; more requests wait in Gradio's queue."""


@dataclass(frozen=True)
class UiContext:
    """The web chat's shared parts.

    store: the opened store. stream: the answer chain (``qa.stream_answer``). ingest: the
    ingestion function (``ingest.ingest``). settings: app settings. backends: answer backends
    offered in the settings; default_backend: the one used unless the reader picks another.
    uploads: where uploaded files are kept. max_bytes: upload size limit. chat: answers for
    the chat tab. examples: example questions made from the stored articles.
    """

    store: Any
    stream: StreamAnswer
    ingest: IngestFn
    settings: Settings
    backends: list[str]
    default_backend: str
    uploads: Path
    max_bytes: int
    chat: Chat
    examples: Examples

    def backend(self, name: str | None) -> str:
        """``name`` when it is one of the offered backends, else the default.

        name: what the settings dropdown sent (untrusted).
        """
        return name if name in self.backends else self.default_backend
