"""When it was said is not when it happened: in "A late frost on the night of April 9 destroyed
half of the blossoms, growers said on Thursday", "Thursday" dates the growers' words, and "When
did the frost strike?" asks for "the night of April 9".

News dates its reports this way ("officials said Monday", "announced on Friday"). A date whose
word it hangs on (past "on") is a reporting verb (``ingest.quotes.REPORTING_VERBS``) is the
time of the report; unless the question asks when something was said, the answerer takes the
selector's best other date of the sentence instead, when there is one
(``qa.learned.repick``).

On the training split, 18 of the 424 date questions' gold answers hang on a reporting verb; each
is its sentence's only date or is asked for by a reporting verb ("When did the NFL announce
…?"). Asked against the whole training store, the rule changes none of the 424 answers.
"""

from __future__ import annotations

from typing import Any

from ingest.quotes import REPORTING_VERBS
from qa.spacy_nlp import parse, syntax

_PREPOSITIONS = frozenset({"on", "at", "in", "during"})


def asks_when_said(question: str) -> bool:
    """Whether the question's own verb is a reporting one ("When did the mayor announce …?").

    >>> asks_when_said("When did the mayor announce the plan?")
    True
    >>> asks_when_said("When did the frost strike the valley?")
    False
    """
    return any(t.pos_ in ("VERB", "AUX") and _reporting(t) for t in syntax(question))


def said_when(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` (a date) dates a reporting verb.

    >>> s = "A frost on the night of April 9 destroyed the blossoms, growers said on Thursday."
    >>> said_when(s, s.index("Thursday"), len(s) - 1)
    True
    >>> said_when(s, s.index("the night"), s.index(" destroyed"))
    False
    >>> s = "The council announced Monday that the bridge would close."
    >>> said_when(s, s.index("Monday"), s.index(" that"))
    True
    """
    doc = parse(sentence)
    inside = [t for t in doc if start <= t.idx < end]
    heads = [t for t in inside if t.head not in inside or t.head == t]
    if not heads:
        return False
    governor = heads[0].head
    if governor.lower_ in _PREPOSITIONS and governor.dep_ == "prep":
        governor = governor.head
    return governor.pos_ in ("VERB", "AUX") and _reporting(governor)


def _reporting(token: Any) -> bool:
    return token.lower_ in REPORTING_VERBS or str(token.lemma_).lower() in REPORTING_VERBS
