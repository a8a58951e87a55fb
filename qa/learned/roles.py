"""The part a short-answer candidate plays for what the question asks happened.

"Whom was Fikri Isik addressing …?" asks for the object of *addressing*: in "… Fikri Isik said
while addressing parliament", "parliament" is that object, and "Turkish Defense Minister" only
the title of a name the question has already. "Where did the meeting take place?" wants where
it *took* place ("in Moscow"), not who met ("between Turkey, Russia and Iran"). "Which company
operates the farm?" is answered by the appositive of "its *operator*", a word made from the
question's verb.

A candidate's governor is found from its head: past conjunctions ("Russia and *Iran*" counts as
"Turkey" does) and past a preposition to the word it hangs on. Its role there is subject
(``nsubj``, or the ``agent`` "by …" of a passive), object (``dobj``, ``attr``, ``nsubjpass``,
``dative``, ``oprd``), object of another preposition, or appositive. A role counts only when the
governor is ``related`` to a word of the question: the same lemma, or one word made from the
other. Which role is wanted shows in the question's word order (``QuestionFrame``): a verb right
after "who"/"which company" asks for its subject; a passive ("Who *was killed*") or an
auxiliary and then a name ("Whom *was* Isik addressing") for its object.

    >>> from qa.spacy_nlp import parse
    >>> frame = question_frame("Where did the trilateral meeting take place?")
    >>> doc = parse("A trilateral meeting between Turkey and Iran took place in Moscow.")
    >>> turkey, moscow = doc[4:5], doc[10:11]
    >>> [round(x) for x in role_row(turkey, frame)], [round(x) for x in role_row(moscow, frame)]
    ([0, 1, 0, 0, 1, 0, 0, 1], [1, 1, 0, 0, 1, 0, 0, 1])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qa.learned.verbs import verb_spans
from qa.qtype import WH_WORDS
from qa.spacy_nlp import syntax
from qa.terms import STOP

ROLE_FEATURES: tuple[str, ...] = (
    "gov_q_verb",
    "gov_q_word",
    "role_subj",
    "role_obj",
    "role_prep",
    "role_appos",
    "q_asks_subject",
    "q_asks_object",
)
"""Whether the candidate's governor is related to one of the question's verbs, or to any of its
words; the candidate's role there (subject, object, object of a preposition, appositive; all 0
when the governor is related to no question word); and which role the question's word order
asks for (its subject: a verb follows the question word, "Who *killed* …"; its object: a
passive, "Who *was killed*", or an auxiliary and then a subject, "Whom *was* Isik addressing")."""

_SUBJECT = frozenset({"nsubj", "csubj"})
_OBJECT = frozenset({"dobj", "attr", "nsubjpass", "dative", "oprd"})
_PREFIX = 5  # letters two related words share at least ("operat|or", "operat|es")


@dataclass(frozen=True)
class QuestionFrame:
    """What the roles are read against: the lemmas of the question's verbs and content words,
    and the role its word order asks for."""

    verbs: frozenset[str]
    words: frozenset[str]
    asks_subject: bool
    asks_object: bool


def related(a: str, b: str) -> bool:
    """Same lemma, or one word made from the other: they share their first ``_PREFIX`` letters
    or more, and differ in at most two letters of the shorter (so "count" and "country" pass
    too: letters cannot tell a derivation from a look-alike).

    >>> related("operator", "operate"), related("govern", "government"), related("count", "court")
    (True, True, False)
    """
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= _PREFIX and shared >= min(len(a), len(b)) - 2


def question_frame(question: str) -> QuestionFrame:
    """The ``QuestionFrame`` of ``question`` (from its cached parse without entities)."""
    doc = syntax(question)
    spans = set(verb_spans(question))
    verbs = {t.lemma_.lower() for t in doc if (t.idx, t.idx + len(t.text)) in spans}
    words = {
        t.lemma_.lower()
        for t in doc
        if not t.is_punct and t.lower_ not in STOP and t.lower_ not in WH_WORDS
    }
    asks_subject = asks_object = False
    wh = next((t for t in doc if t.lower_ in WH_WORDS), None)
    if wh is not None:
        after = wh.i + 1
        if wh.dep_ == "det" and wh.head.i > wh.i:  # "which company …": read after its noun
            after = wh.head.i + 1
        nxt = doc[after] if after < len(doc) else None
        then = doc[after + 1] if after + 1 < len(doc) else None
        if nxt is not None:
            verb_next = then is not None and then.pos_ == "VERB"
            passive = then is not None and verb_next and nxt.lemma_ == "be" and then.tag_ == "VBN"
            asks_subject = nxt.pos_ == "VERB" or (nxt.pos_ == "AUX" and verb_next and not passive)
            asks_object = nxt.pos_ == "AUX" and (passive or not verb_next)
    return QuestionFrame(frozenset(verbs), frozenset(words), asks_subject, asks_object)


def _governor(span: Any) -> tuple[Any, str]:
    """The word ``span`` hangs on and its role there."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP" and tok.head.head.i != tok.head.i:
        return tok.head.head, "subj" if tok.head.dep_ == "agent" else "prep"
    if tok.dep_ in _SUBJECT:
        return tok.head, "subj"
    if tok.dep_ in _OBJECT:
        return tok.head, "obj"
    return tok.head, "appos" if tok.dep_ == "appos" else ""


def role_row(span: Any, frame: QuestionFrame) -> list[float]:
    """One row of ``ROLE_FEATURES`` for the candidate ``span`` (a span of a parse with lemmas)."""
    gov, role = _governor(span)
    lemma = gov.lemma_.lower() if gov.i != span.root.i else ""
    to_verb = bool(lemma) and any(related(lemma, v) for v in frame.verbs)
    to_word = to_verb or (bool(lemma) and any(related(lemma, w) for w in frame.words))
    return [
        float(to_verb),
        float(to_word),
        *(float(to_word and role == r) for r in ("subj", "obj", "prep", "appos")),
        float(frame.asks_subject),
        float(frame.asks_object),
    ]
