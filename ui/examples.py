"""Example questions for an empty chat, made from the stored articles and checked by citeqa.

Nothing here knows particular articles. For each stored article, sentences that name a date, a
sum of money, a place or a person are turned into questions by a few parse-tree rules
("The bridge reopened on Friday." → "When did the bridge reopen?"). A question is offered only
if citeqa itself answers it confidently, with the sentence's fact in the answer, citing that
very sentence. When no question qualifies, there are no examples.

    >>> [c.question for c in candidates("Mayor Petra Lund opened the tram line in 2030.")]
    ['When did Mayor Petra Lund open the tram line?', 'Who opened the tram line in 2030?']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ingest.sentences import split_sentences
from qa.spacy_nlp import nlp
from qa.types import Answer

MAX_EXAMPLES = 4
"""Example questions shown at most."""

MAX_TRIES = 12
"""Candidate questions answered (to check them) per library version, at most."""

MIN_CONFIDENCE = 0.5
"""An example's answer must be at least this confident."""

WH_BY_LABEL = {"DATE": "When", "MONEY": "How much", "GPE": "Where", "LOC": "Where"}
"""Question word for a fact of each named-entity type in the sentence's predicate."""

_DANGLING = frozenset({"would", "will", "could", "can", "may", "the", "a", "an", "of", "to"})
_STOP_DEPS = frozenset({"punct", "cc", "conj", "ccomp", "advcl", "xcomp", "relcl"})
_HANGING = frozenset({"ADP", "DET", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT"})

REPORTING = frozenset({"say", "tell", "announce", "report", "add", "confirm", "state"})
"""Verbs whose reported clause carries the fact ("…, officials said.")."""

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s[^—–]{1,30}\s[—–]\s")
_NORM = re.compile(r"[^a-z0-9]+")
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|many|few)[- ]"
    r"(?:hours?|days?|weeks?|months?|years?)\b",
    re.I,
)


class Library(Protocol):
    """What example making needs from the store."""

    def documents(self) -> Sequence[Any]: ...

    def document_text(self, doc_id: str) -> str: ...

    def version(self) -> str: ...


AnswerFn = Callable[[str], Answer]
"""Answers a question from the same store the examples are for."""


@dataclass(frozen=True)
class Candidate:
    """A question made from one sentence, and the fact its answer must contain.

    question: the question. fact: the sentence's words that answer it.
    """

    question: str
    fact: str


@dataclass(frozen=True)
class Example:
    """A checked example: the question, and the article and sentence span it came from."""

    question: str
    fact: str
    doc_id: str
    start: int
    end: int


def _text(tokens: Sequence[Any]) -> str:
    out = "".join(t.text_with_ws for t in tokens).strip()
    return re.sub(r"\s+([,.;:])", r"\1", out).strip(" ,;:—–-")


def _clause_verb(sent: Any) -> Any | None:
    root = sent.root
    if root.lemma_ in REPORTING:
        inner = [c for c in root.children if c.dep_ == "ccomp" and c.tag_ == "VBD"]
        return inner[0] if inner else None
    return root if root.tag_ in ("VBD", "VBN") else None


def _predicate(verb: Any, drop: set[int]) -> list[Any] | None:
    """The verb's right-hand dependents, whole, up to the first one that holds a comma, a
    clause or "and"; without ``drop``. None when that leaves the question hanging."""
    out: list[Any] = []
    for child in verb.rights:
        if child.dep_ in _STOP_DEPS:
            break
        tokens = list(child.subtree)
        if any(t.text in {",", ";", "—", "–"} for t in tokens):
            break
        out.extend(t for t in tokens if t.i not in drop)
    last = out[-1] if out else None
    if last is not None and (
        last.pos_ in _HANGING or (last.pos_ != "PROPN" and last.text.lower() in _DANGLING)
    ):
        return None
    return out


def _subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _lower_first(subj: Any) -> str:
    tokens = list(subj.subtree)
    text = _text(tokens)
    if tokens and tokens[0].pos_ != "PROPN" and tokens[0].text[:1].isupper():
        return tokens[0].text.lower() + text[len(tokens[0].text) :]
    return text


def _phrase(ent: Any, verb: Any) -> Any | None:
    """The verb's dependent that holds ``ent`` ("on Friday", "42 million euros"), or None when
    the entity only modifies something else ("a $84 million project")."""
    root = ent.root
    while root.dep_ == "compound":
        root = root.head
    if root.head.i == verb.i and root.dep_ in ("dobj", "npadvmod", "attr", "tmod"):
        return root
    prep = root.head
    if root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.i == verb.i:
        return prep
    return None


def candidates(sentence: str) -> list[Candidate]:
    """Questions one sentence answers, by rule; the sentence's fact is what each must get.

    sentence: one sentence of an article (a leading dateline such as "OSLO, 3 May — " is
    skipped). Rules: a date, sum or place in the predicate gives When / How much / Where with
    do-support ("When did S V …?") or the passive ("When was S built?"); a person or
    organisation as the subject gives "Who V …?".
    """
    sentence = _DATELINE.sub("", sentence.strip())
    doc = nlp()(sentence)  # with the lemmatizer: "reopened" → "reopen"
    out: list[Candidate] = []
    sent = next(iter(doc.sents), None)
    verb = _clause_verb(sent) if sent is not None else None
    subj = _subject(verb) if verb is not None else None
    if verb is None or subj is None:
        return out
    subject = _lower_first(subj)
    passive = subj.dep_ == "nsubjpass"
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    for ent in doc.ents:
        wh = WH_BY_LABEL.get(ent.label_)
        if wh is None or ent.start <= verb.i or (wh == "When" and _DURATION.search(ent.text)):
            continue
        holder = _phrase(ent, verb)
        if holder is None:
            continue
        pred = _predicate(verb, {t.i for t in holder.subtree})
        if pred is None:
            continue
        rest = _text(pred)
        if passive and aux is not None:
            q = f"{wh} {aux.text} {subject} {verb.text} {rest}"
        elif not passive and verb.tag_ == "VBD":
            q = f"{wh} did {subject} {verb.lemma_} {rest}"
        else:
            continue
        out.append(Candidate(" ".join(q.split()).rstrip() + "?", ent.text))
    who = next(
        (e for e in doc.ents if e.label_ == "PERSON" and subj.i in range(e.start, e.end)), None
    )
    if who is not None and not passive and verb.tag_ == "VBD":
        pred = _predicate(verb, set())
        rest = _text(pred) if pred else ""
        if rest:
            out.append(Candidate(f"Who {verb.text} {rest}?", who.text))
    return [c for c in out if len(c.question.split()) >= 4 and len(c.question) <= 100]


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def confirms(answer: Answer, example: Example) -> bool:
    """Whether ``answer`` answers ``example`` confidently and correctly: supported, confident,
    the fact in its text, and a citation of the example's own sentence.

    answer: citeqa's answer to ``example.question``. example: the question and its sentence.
    """
    if not answer.supported or answer.confidence < MIN_CONFIDENCE:
        return False
    if _norm(example.fact) not in _norm(answer.short or answer.text):
        return False
    return any(
        c.doc_id == example.doc_id and c.start < example.end and example.start < c.end
        for c in answer.citations
    )


def _proposals(store: Library) -> Iterator[Example]:
    """Candidates from every article in turn (one sentence per article per round)."""
    per_doc: list[Iterator[Example]] = [_from_doc(store, d.doc_id) for d in store.documents()]
    while per_doc:
        alive = []
        for it in per_doc:
            got = next(it, None)
            if got is not None:
                alive.append(it)
                yield got
        per_doc = alive


def _from_doc(store: Library, doc_id: str) -> Iterator[Example]:
    try:
        text = store.document_text(doc_id)
    except KeyError:
        return
    for span in split_sentences(text)[:12]:
        for c in candidates(text[span.start : span.end]):
            yield Example(c.question, c.fact, doc_id, span.start, span.end)


def make_examples(
    store: Library, answer: AnswerFn, *, limit: int = MAX_EXAMPLES, tries: int = MAX_TRIES
) -> list[str]:
    """Up to ``limit`` example questions that citeqa answers confidently and correctly.

    store: the opened store. answer: answers a question from that store. limit: examples at
    most. tries: candidate questions answered at most (each costs one answer).
    """
    found: list[str] = []
    seen_docs: set[str] = set()
    for n, ex in enumerate(_proposals(store)):
        if n >= tries or len(found) >= limit:
            break
        if ex.doc_id in seen_docs or ex.question in found:
            continue
        try:
            ok = confirms(answer(ex.question), ex)
        except Exception:  # an example that cannot be answered is simply not offered
            ok = False
        if ok:
            found.append(ex.question)
            seen_docs.add(ex.doc_id)
    return found


class Examples:
    """Example questions for the library's current version, made in the background.

    store: the opened store. answer: answers a question from it. ``get(wait)`` returns the
    examples for the store as it is now, starting the work when the library changed.
    """

    def __init__(self, store: Library, answer: AnswerFn) -> None:
        self._store = store
        self._answer = answer
        self._lock = threading.Lock()
        self._version: str | None = None
        self._ready = threading.Event()
        self._questions: list[str] = []

    def refresh(self) -> None:
        """Start making examples when the library changed since the last time."""
        version = self._store.version()
        with self._lock:
            if version == self._version:
                return
            self._version = version
            self._ready.clear()
        threading.Thread(target=self._make, args=(version,), daemon=True).start()

    def _make(self, version: str) -> None:
        try:
            questions = make_examples(self._store, self._answer)
        except Exception:
            questions = []
        with self._lock:
            if version == self._version:
                self._questions = questions
                self._ready.set()

    def get(self, wait: float = 0.0) -> list[str]:
        """The examples (after up to ``wait`` seconds for work in progress).

        wait: seconds to wait when examples for the current library are still being made.
        """
        self.refresh()
        self._ready.wait(wait)
        with self._lock:
            return list(self._questions)
