"""Example questions offered in an empty chat, chosen for the articles that are loaded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

MAX_EXAMPLES = 4
"""Example questions shown at most."""

KNOWN: dict[str, list[str]] = {
    # The articles in examples/articles.
    "harbor bridge reopens": ["How much did the Harbor Bridge repair cost?"],
    "riverside library lends out a reading robot": ["Who paid for the library's reading robots?"],
    "valley solar farm starts supplying power": ["Who operates the Valley solar farm?"],
    # The sample article citeqa was started for (shared/corpus/000_e600fff4fea88d59.txt).
    "turkey aligns with russia": [
        "Who was assassinated in Ankara?",
        "When did Turkey, Russia and Iran meet in Moscow?",
    ],
}
"""Fixed questions for known sample articles, keyed by a lower-case title prefix."""

GENERIC = "What does “{title}” report?"
"""Question offered for an article that has no fixed questions."""


class Catalogue(Protocol):
    """What example selection needs from the store."""

    def documents(self) -> Sequence[Any]: ...


def _short(title: str, limit: int = 48) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def example_questions(store: Catalogue, limit: int = MAX_EXAMPLES) -> list[str]:
    """Up to ``limit`` questions about the stored articles: fixed ones for known samples first.

    store: the opened store. limit: how many at most (default ``MAX_EXAMPLES``).
    """
    docs = list(store.documents())
    fixed: list[str] = []
    generic: list[str] = []
    for d in docs:
        title = str(d.title or "")
        lowered = title.lower()
        known = next((qs for key, qs in KNOWN.items() if lowered.startswith(key)), None)
        if known:
            fixed.extend(known)
        elif title.strip():
            generic.append(GENERIC.format(title=_short(title)))
    return (fixed + generic)[:limit]
