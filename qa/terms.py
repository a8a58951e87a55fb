"""Content words: tokenising, crude stemming and IDF-weighted overlap between question and text."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa.spacy_nlp import stop_words

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
# Question words and fillers that carry no content of their own.
_EXTRA_STOP = frozenset(
    (
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
        "name",
        "named",
        "called",
        "year",
        "years",
        "did",
        "does",
        "do",
        "type",
        "kind",
    )
)
STOP: frozenset[str] = frozenset(w.lower() for w in stop_words()) | _EXTRA_STOP


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, fast suffix-stripping stem so 'founded'/'founding'/'founds' meet.

    Remembered per word (a vocabulary, not a text cache): an answer stems some 1,000 words,
    most of them seen before.

    Args:
        word: a lower-cased word.
    """
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ness", "", 7),
        ("ments", "", 8),
        ("ment", "", 7),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 4),
        ("ly", "", 6),
    ):
        if w.endswith(suffix) and len(w) >= min_len and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stopp" -> "stop"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "create"/"created" -> "creat"
    return w


@dataclass(frozen=True)
class Token:
    """A word of a text with its offsets and stem; ``content`` is False for stop words."""

    text: str
    start: int
    end: int
    stem: str
    content: bool


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with offsets and stems.

    Args:
        text: any text.
    """
    out: list[Token] = []
    for m in _WORD.finditer(text):
        low = m.group(0).lower()
        out.append(Token(m.group(0), m.start(), m.end(), stem(low), low not in STOP))
    return out


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order, without repeats.

    Args:
        text: any text.
    """
    seen: dict[str, None] = {}
    for t in tokens(text):
        if t.content:
            seen.setdefault(t.stem, None)
    return list(seen)


def idf_table(docs: Iterable[Iterable[str]]) -> tuple[dict[str, float], int]:
    """Document frequencies turned into IDF weights over ``docs`` (each a bag of stems).

    Args:
        docs: the stems of each unit (sentence) the weights are computed over.

    Returns the table and the number of units; unseen stems get ``unseen_idf(n)``.
    """
    df: dict[str, int] = {}
    n = 0
    for doc in docs:
        n += 1
        for s in set(doc):
            df[s] = df.get(s, 0) + 1
    return {s: math.log(1.0 + (n + 1) / (c + 0.5)) for s, c in df.items()}, n


def unseen_idf(n: int) -> float:
    """The weight of a stem that occurs in none of ``n`` units."""
    return math.log(1.0 + (n + 1) / 0.5)


def weighted_overlap(
    q_stems: Sequence[str], s_stems: set[str], idf: dict[str, float], n: int
) -> float:
    """Share of the question's IDF mass found in a sentence, 0..1.

    Args:
        q_stems: the question's content stems.
        s_stems: the sentence's stems.
        idf: weights from ``idf_table``; ``n`` the number of units it was built on.
    """
    if not q_stems:
        return 0.0
    default = unseen_idf(n)
    total = sum(idf.get(s, default) for s in q_stems)
    hit = sum(idf.get(s, default) for s in q_stems if s in s_stems)
    return hit / total if total else 0.0


IRREGULAR: dict[str, str] = {
    "paid": "pay",
    "built": "build",
    "bought": "buy",
    "sold": "sell",
    "won": "win",
    "lost": "lose",
    "began": "begin",
    "begun": "begin",
    "led": "lead",
    "held": "hold",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "wrote": "write",
    "written": "write",
    "told": "tell",
    "said": "say",
    "became": "become",
    "grew": "grow",
    "grown": "grow",
    "fought": "fight",
    "brought": "bring",
    "thought": "think",
    "taught": "teach",
    "caught": "catch",
    "sent": "send",
    "spent": "spend",
    "went": "go",
    "gone": "go",
    "chose": "choose",
    "chosen": "choose",
    "drew": "draw",
    "drawn": "draw",
    "knew": "know",
    "known": "know",
    "struck": "strike",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "kept": "keep",
    "met": "meet",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "flew": "fly",
    "flown": "fly",
    "shot": "shoot",
    "stood": "stand",
    "left": "leave",
    "meant": "mean",
    "felt": "feel",
    "hid": "hide",
    "hidden": "hide",
    "drove": "drive",
    "driven": "drive",
    "rode": "ride",
    "ridden": "ride",
    "spoke": "speak",
    "spoken": "speak",
    "broke": "break",
    "broken": "break",
    "froze": "freeze",
    "frozen": "freeze",
    "stole": "steal",
    "stolen": "steal",
    "wore": "wear",
    "worn": "wear",
    "tore": "tear",
    "torn": "tear",
    "swore": "swear",
    "sworn": "swear",
    "threw": "throw",
    "thrown": "throw",
    "blew": "blow",
    "blown": "blow",
    "sang": "sing",
    "sung": "sing",
    "sank": "sink",
    "sunk": "sink",
    "dug": "dig",
    "fed": "feed",
    "fled": "flee",
    "sought": "seek",
    "bore": "bear",
    "born": "bear",
    "borne": "bear",
}
"""Irregular past forms and the verb they come from ("paid" → "pay"), so the words meet."""


def base_stem(word: str) -> str:
    """``stem`` of the verb an irregular past form comes from, else of ``word`` itself.

    >>> base_stem("paid"), base_stem("payments")
    ('pay', 'pay')
    """
    return stem(IRREGULAR.get(word, word))


def related(a: str, b: str) -> bool:
    """Whether two stems are one word's forms: equal, or one (of 4+ letters) starts the other
    with at most three letters more ("found"/"founder", "manag"/"manager").

    >>> related("found", "founder"), related("construct", "constitut")
    (True, False)
    """
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


AGENT_SUFFIXES = ("er", "or", "ers", "ors")


def agent_of(noun: str, verb: str) -> bool:
    """Whether stem ``noun`` names who does ``verb`` ("manager"/"manag", "founder"/"found").

    >>> agent_of("manager", "manag"), agent_of("water", "wat")
    (True, False)
    """
    return len(verb) >= 4 and any(noun == verb + x for x in AGENT_SUFFIXES)


def query_stems(text: str) -> list[str]:
    """``content_stems`` with irregular past forms taken back to their verb ("paid" → "pay")."""
    seen: dict[str, None] = {}
    for t in tokens(text):
        if t.content:
            seen.setdefault(base_stem(t.text.lower()), None)
    return list(seen)


def with_question_forms(
    bag: set[str], q_stems: Iterable[str], meets: Callable[[str, str], bool]
) -> set[str]:
    """``bag`` plus each question stem that ``meets(stem of the bag, question stem)`` holds for
    (``related``, ``agent_of``): the question's words are then found in the bag as they are.

    >>> sorted(with_question_forms({"its", "founder"}, ["found", "brightpag"], agent_of))
    ['found', 'founder', 'its']
    """
    return bag | {q for q in q_stems if q not in bag and any(meets(b, q) for b in bag)}


def matched_bag(text_tokens: Sequence[Token], q_stems: Iterable[str]) -> set[str]:
    """The stems of ``text_tokens`` (with the verbs of irregular past forms), plus each question
    stem one of them is ``related`` to — a bag in which the question's words are looked up."""
    bag = {t.stem for t in text_tokens} | {base_stem(t.text.lower()) for t in text_tokens}
    return with_question_forms(bag, q_stems, related)
