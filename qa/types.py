"""What the answer chain hands out: passages, citations and answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

History = Sequence[tuple[str, str]]
"""The chat so far: (question, answer text) pairs, oldest first. The one history type."""


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with where it stands in its article.

    ``sentences`` holds the chunk's sentence spans (offsets into ``text``) when the store keeps
    them; empty means the answerer splits the text itself.
    """

    chunk_id: str
    doc_id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float = 0.0
    date: str = ""
    chunk_index: int = 0
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Citation:
    """A numbered pointer from an answer to the exact sentence(s) it rests on.

    ``start``/``end`` are character offsets of ``quote`` in the cleaned article text; ``date`` is
    the article's publication date (ISO, or empty when unknown); ``speaker`` who made the
    quoted claim, when the quote is one (``qa.news``).
    """

    n: int
    doc_id: str
    source: str
    title: str
    quote: str
    start: int
    end: int
    score: float
    date: str = ""
    speaker: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


LEAD_SEPARATOR = " — "
"""Between the short answer an answer's text leads with and its quote ("210,000 — “…” [1]")."""


def lead_of(text: str, short: str | None) -> str:
    """``short`` when ``text`` leads with it ("210,000 — “…” [1]"), else ""."""
    return short if short and text.startswith(f"{short}{LEAD_SEPARATOR}") else ""


@dataclass
class Answer:
    """An answer: ``text`` carries [n] markers that refer to ``citations``.

    ``confidence`` (0..1) is the answerer's estimate that the answer is right; ``supported`` is
    the answerer's operating point on it. An answer is in one of three states:

    - supported: an answer the answerer stands by, with its citations;
    - unverified (``supported`` False, with citations): an answer below the operating point,
      to be shown as low confidence, for the reader to check against its sources; ``closest``
      may then hold the passages the answerer rated next, to check if the quote is wrong;
    - ``declined`` (``supported`` False, no citations): the articles do not answer the question;
      ``closest`` then holds the nearest passages, offered for reading, not as citations.

    ``short`` is the answer in a few words (a substring of the first quote), when there is one;
    ``short_confidence`` (0..1, None when nothing rated it) the answerer's estimate that
    ``short`` itself is exactly right. ``text`` leads with ``short`` only when that is more
    likely than not; otherwise the quote is the answer, and ``short`` a guess inside it.

    ``dropped`` lists sentences of a generated draft that failed verification.
    """

    question: str
    text: str
    supported: bool
    short: str | None = None
    citations: list[Citation] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    backend: str = "extractive"
    confidence: float = 0.0
    dropped: list[str] = field(default_factory=list)
    short_confidence: float | None = None

    @property
    def declined(self) -> bool:
        """No answer: the articles do not answer the question (nothing is cited)."""
        return not self.supported and not self.citations

    @property
    def offered_label(self) -> tuple[str, str] | None:
        """How ``closest`` is introduced (heading, hint) wherever it is shown: a declined
        answer's nearest passages, or the passages an unverified answer offers to check next;
        None for a supported answer (it offers none).

        >>> Answer("q?", "No.", False).offered_label
        ('Closest passages', 'the nearest the articles come to an answer')
        """
        if self.declined:
            return ("Closest passages", "the nearest the articles come to an answer")
        if self.caution:
            return ("Other passages to check", "the answer may be in one of these instead")
        return None

    @property
    def caution(self) -> str:
        """What an unverified answer is shown with, wherever it is shown; "" for the others.

        >>> cite = Citation(1, "d", "s", "t", "Pip.", 0, 4, 0.3)
        >>> Answer("q?", "Pip [1]", False, citations=[cite], confidence=0.586).caution
        'Low confidence (59%): this may be wrong; check the sources.'
        """
        if self.supported or self.declined:
            return ""
        percent = round(self.confidence * 100)
        return f"Low confidence ({percent}%): this may be wrong; check the sources."

    @property
    def lead(self) -> str:
        """The short answer the text leads with, or "" when the text is the quote alone.

        >>> Answer("q?", "210,000 — “It holds 210,000 panels.” [1]", True, short="210,000").lead
        '210,000'
        >>> Answer("q?", "“It holds 210,000 panels.” [1]", True, short="210,000").lead
        ''
        """
        return lead_of(self.text, self.short)

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of an answer: ``citeqa ask --json``, the web API, exports.

        Keys are the attribute names, and ``declined``; ``Answer.from_dict`` reads it back.
        """
        out = asdict(self)
        out["declined"] = self.declined
        out["citations"] = [c.to_dict() for c in self.citations]
        out["closest"] = [c.to_dict() for c in self.closest]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The ``Answer`` that ``to_dict`` wrote (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        kwargs["citations"] = [Citation.from_dict(c) for c in data.get("citations", [])]
        kwargs["closest"] = [Citation.from_dict(c) for c in data.get("closest", [])]
        return cls(**kwargs)

    def __repr__(self) -> str:
        state = "supported" if self.supported else "declined" if self.declined else "unverified"
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        rated = "" if self.short_confidence is None else f" ({self.short_confidence:.2f})"
        return (
            f"<Answer {state} confidence={self.confidence:.2f} short={self.short!r}{rated} "
            f"citations={len(self.citations)} text={text!r}>"
        )
