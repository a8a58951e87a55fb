"""Follow-up questions for the extractive answerer: carry the previous turn's topic forward.

"Who is the Turkish defense minister?" → "Fikri Isik ..." then "What did he say about Russia?"
needs "Fikri Isik" to find the right passage. Without an LLM to rewrite the question, the
retrieval query gets the names and numbers of the last turn appended when the new question leans
on it (a pronoun, "there", "that", or no name of its own).
"""

from __future__ import annotations

import re

from qa.markers import strip_markers
from qa.types import LEAD_SEPARATOR, History

_ANAPHORA = re.compile(
    r"\b(he|she|it|they|him|her|his|hers|its|their|them|this|that|these|those|there|then"
    r"|the same|the former|the latter)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b(?:[A-Z][\w'’-]+(?:\s+(?:of|the|de|al|bin)?\s*[A-Z][\w'’-]+)*|\d[\d,.]*)")
_STOP_NAMES = {
    "The",
    "A",
    "An",
    "What",
    "Who",
    "When",
    "Where",
    "Which",
    "How",
    "Why",
    "Did",
    "Does",
    "Do",
    "Is",
    "Are",
    "Was",
    "Were",
    "In",
    "On",
    "At",
    "I",
    "It",
    "He",
    "She",
    "They",
    "Its",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "According",
}


_ANSWER_NAMES = 4  # names carried from the last answer, besides those of the last question


def needs_context(question: str) -> bool:
    """True when the question leans on what was said before (a pronoun, or no name at all)."""
    return bool(_ANAPHORA.search(question)) or not _names(question)


def _names(text: str) -> list[str]:
    found = []
    for m in _NAME.finditer(strip_markers(text)):
        words = [w for w in m.group(0).split() if w not in _STOP_NAMES]
        if words:
            found.append(" ".join(words))
    return found


def expand_followup(question: str, history: History) -> str:
    """The retrieval query for ``question`` given the chat so far (unchanged on the first turn).

    >>> expand_followup("What did he say?", [("Who is the defense minister?", "Fikri Isik [1]")])
    'What did he say? Fikri Isik'
    >>> quote = "“Pip was built by Brightpage, of Millbrook. Its founder, Daniel Osei, …”"
    >>> expand_followup("What was his job before?", [("Who founded Brightpage?", quote)])
    'What was his job before? Brightpage Pip Millbrook Daniel Osei'

    An answer that leads with a name is about that name: the other names of its quote are left
    out, for one may be what the follow-up asks ("Russia’s Ambassador" for "What was his
    position?").

    >>> said = "Andrei Karlov — “the assassination of Russia’s Ambassador Andrei Karlov in Ankara”"
    >>> expand_followup("What was his position?", [("Who was killed in Ankara?", said)])
    'What was his position? Ankara Andrei Karlov'
    """
    if not history or not needs_context(question):
        return question
    last_q, last_a = history[-1]
    seen = {w.lower() for w in re.findall(r"[\w'’-]+", question)}
    carried: list[str] = []

    def carry(name: str) -> bool:
        new = [w for w in name.split() if w.lower() not in seen]
        seen.update(w.lower() for w in new)
        carried.extend(new)
        return bool(new)

    for name in _names(last_q):
        carry(name)
    lead, _, quote = last_a.partition(LEAD_SEPARATOR)
    if not quote.startswith("“") or not _names(lead):  # no name led with: read the quote's
        lead = last_a
    taken = 0  # the answer's first names that add something ("Pip was built by Brightpage, a
    for name in _names(lead):  # start-up in Millbrook. Its founder, Daniel Osei, …")
        if taken == _ANSWER_NAMES:
            break
        taken += carry(name)
    return f"{question} {' '.join(carried)}" if carried else question
