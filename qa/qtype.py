"""What kind of phrase a question asks for, read from its wording with a few rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The coarse types the eval report groups questions by.
CATEGORIES: tuple[str, ...] = (
    "who",
    "when",
    "where",
    "what",
    "which",
    "how many",
    "why",
    "how",
    "other",
)
PERSONISH = ("PERSON", "ORG", "NORP")
TIMEISH = ("DATE", "TIME")
PLACEISH = ("GPE", "LOC", "FAC")
NUMBERISH = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")

# "what/which <noun>" heads that name an entity type.
_HEAD_LABELS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("year", "decade", "century", "date", "day", "month", "era", "age"), TIMEISH),
    **dict.fromkeys(("time", "period", "season", "hour"), TIMEISH),
    **dict.fromkeys(
        (
            "city",
            "country",
            "state",
            "nation",
            "province",
            "town",
            "county",
            "region",
            "place",
            "location",
            "continent",
            "island",
            "river",
            "area",
            "capital",
            "village",
            "district",
        ),
        (*PLACEISH, "ORG"),
    ),
    **dict.fromkeys(
        (
            "company",
            "organization",
            "organisation",
            "team",
            "group",
            "university",
            "agency",
            "party",
            "club",
            "school",
            "college",
            "network",
            "band",
            "firm",
            "institution",
        ),
        ("ORG", "NORP", "PERSON"),
    ),
    **dict.fromkeys(
        (
            "person",
            "man",
            "woman",
            "king",
            "president",
            "leader",
            "emperor",
            "player",
            "actor",
            "scientist",
            "author",
            "writer",
            "coach",
            "general",
            "pope",
            "queen",
            "artist",
        ),
        ("PERSON",),
    ),
    **dict.fromkeys(("language", "languages"), ("LANGUAGE", "NORP")),
    **dict.fromkeys(("nationality", "religion", "ethnicity"), ("NORP",)),
    **dict.fromkeys(("percentage", "percent", "proportion", "share"), ("PERCENT",)),
    **dict.fromkeys(("amount", "number", "total", "population", "size"), NUMBERISH),
    **dict.fromkeys(("price", "cost", "salary", "budget", "revenue"), ("MONEY",)),
}

_HOW_LABELS: dict[str, tuple[str, ...]] = {
    "many": ("CARDINAL", "QUANTITY"),
    "much": ("MONEY", "QUANTITY", "PERCENT", "CARDINAL"),
    "long": ("DATE", "TIME", "QUANTITY", "CARDINAL"),
    "old": ("DATE", "CARDINAL"),
    "far": ("QUANTITY", "CARDINAL"),
    "tall": ("QUANTITY", "CARDINAL"),
    "high": ("QUANTITY", "CARDINAL", "MONEY", "PERCENT"),
    "large": ("QUANTITY", "CARDINAL", "MONEY"),
    "big": ("QUANTITY", "CARDINAL", "MONEY"),
    "often": ("DATE", "TIME", "CARDINAL"),
    "fast": ("QUANTITY", "CARDINAL"),
    "deep": ("QUANTITY", "CARDINAL"),
    "heavy": ("QUANTITY", "CARDINAL"),
}

_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|million"
    "|billion|dozen"
)
# Cheap surface cues that a sentence holds a phrase of a given kind (no parsing needed).
_CUES: dict[str, re.Pattern[str]] = {
    "time": re.compile(
        rf"\b(1[0-9]{{3}}|20[0-9]{{2}})s?\b|\b({_MONTHS})\b|\bcentur(y|ies)\b|\b\d+(st|nd|rd|th)\b"
        r"|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b",
        re.IGNORECASE,
    ),
    "number": re.compile(rf"\d|\b({_NUMBER_WORDS})\b|%|\bpercent\b", re.IGNORECASE),
    "name": re.compile(r"(?<=[a-z,;:()] )[A-Z][a-zA-Z]+"),
}
_CUE_OF_LABEL = {
    "DATE": "time",
    "TIME": "time",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "PERSON": "name",
    "ORG": "name",
    "NORP": "name",
    "GPE": "name",
    "LOC": "name",
    "FAC": "name",
    "LANGUAGE": "name",
}

WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})
"""The question words."""
_WH = re.compile(
    r"\b(who|whom|whose|when|where|why|how|what|which|name)\b(?:\s+(\w+))?(?:\s+(\w+))?",
    re.IGNORECASE,
)
_YES_NO = re.compile(
    r"^\s*(?:(?:and|but|so|then|also|ok|okay)\b[\s,]*)?"
    r"(is|are|was|were|am|do|does|did|has|have|had|can|could|will|would|should|shall|may"
    r"|might|must|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|hadn't"
    r"|can't|couldn't|won't|wouldn't|shouldn't)\b",
    re.IGNORECASE,
)
_SKIP_HEAD = frozenset(
    "is was are were did does do the a an of kind type sort".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class QType:
    """What a question wants.

    ``labels``: spaCy entity labels that can answer it, best first (empty: any noun phrase).
    ``wh``: the question word found ("what", "how many", ...; "" when none).
    ``phrase``: False for why/how-manner questions, whose answer is a whole clause.
    ``yes_no``: answered by yes or no ("Did the repair go over budget?"); the other fields
    are read as for any question (the learned models never saw one: SQuAD has none).
    """

    wh: str
    labels: tuple[str, ...]
    phrase: bool = True
    yes_no: bool = False

    @property
    def category(self) -> str:
        """The coarse type reports group by (one of ``CATEGORIES``).

        >>> question_type("In what year did the operation start?").category
        'when'
        >>> question_type("How much did it cost?").category
        'how many'
        """
        wh = self.wh
        if wh in {"how many", "how much"}:
            return "how many"
        if wh in {"who", "whom", "whose"}:
            return "who"
        if wh in {"when", "where", "why", "what", "which"}:
            return wh
        if wh.startswith("how"):
            return "how"
        if wh.startswith(("what", "which")):
            return "when" if set(self.labels) & set(TIMEISH) else wh.split()[0]
        return "other"


def _head_noun(words: list[str]) -> str | None:
    """The first word after "what/which" that can be a head noun ("what (kind of) city")."""
    for w in words:
        if w and w.lower() not in _SKIP_HEAD:
            return w.lower()
    return None


def question_type(question: str) -> QType:
    """Classify ``question`` by its wh-word and, for what/which, by the noun that follows.

    Args:
        question: the question as asked.

    >>> question_type("Did the repair go over budget?").yes_no
    True
    """
    kind = _by_wh_word(question)
    if _YES_NO.match(question):
        return QType(kind.wh, kind.labels, kind.phrase, yes_no=True)
    return kind


def _by_wh_word(question: str) -> QType:
    m = _WH.search(question)
    if m is None:
        return QType("", ())
    wh = m.group(1).lower()
    nxt = (m.group(2) or "").lower()
    after = [m.group(2) or "", m.group(3) or ""]
    if wh in {"who", "whom"}:
        return QType(wh, PERSONISH)
    if wh == "whose":
        return QType(wh, PERSONISH)
    if wh == "when":
        return QType(wh, TIMEISH)
    if wh == "where":
        return QType(wh, (*PLACEISH, "ORG"))
    if wh == "why":
        return QType(wh, (), phrase=False)
    if wh == "how":
        if nxt in _HOW_LABELS:
            return QType(f"how {nxt}", _HOW_LABELS[nxt])
        return QType("how", (), phrase=False)
    head = _head_noun(after)
    if head is not None:
        base = head[:-1] if head.endswith("s") and head[:-1] in _HEAD_LABELS else head
        if base in _HEAD_LABELS:
            return QType(f"{wh} {base}", _HEAD_LABELS[base])
    return QType(wh, ())


def has_cue(qtype: QType, sentence: str, question: str) -> bool:
    """Whether ``sentence`` shows a surface sign of the kind of phrase ``qtype`` wants.

    Names count only when the capitalised word is not already in ``question``.

    Args:
        qtype: from ``question_type``; an untyped question has no cue.
        sentence: the candidate sentence.
        question: the question, whose own names do not count.
    """
    kinds = {_CUE_OF_LABEL[label] for label in qtype.labels[:1] if label in _CUE_OF_LABEL}
    for kind in kinds:
        if kind == "name":
            q_words = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
            if any(m.group(0).lower() not in q_words for m in _CUES[kind].finditer(sentence)):
                return True
        elif _CUES[kind].search(sentence):
            return True
    return False
