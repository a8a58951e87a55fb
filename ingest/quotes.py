"""Who said it: quotations and reported claims in an article, each attributed to a speaker.

A *quote* is a quoted span (“…” or "…") in a sentence with a reporting verb (said, told,
according to, …); a *reported* claim is a sentence whose main clause is attributed without
quotation marks ("Officials said the bridge would reopen", "According to Isik, …"). The speaker
is the named subject of the reporting verb (spaCy's parse and entities); a pronoun subject
("he said") is the nearest person named before it; a later short mention ("Brandt") is the
full name used first ("Ilse Brandt").

Quotes are found once per article at ingest and kept in the document record (offsets into the
cleaned article text), not per chunk: a pronoun's speaker is often named in an earlier chunk, and
a quotation may cross a chunk boundary. Passages find theirs by offset (``quotes_in``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from ingest.types import Document

__all__ = [
    "Quote",
    "find_quotes",
    "quotes_from_json",
    "quotes_in",
    "quotes_to_json",
    "with_quotes",
]

REPORTING_VERBS = frozenset(
    {
        "say",
        "says",
        "said",
        "tell",
        "tells",
        "told",
        "added",
        "explain",
        "explains",
        "explained",
        "state",
        "states",
        "stated",
        "note",
        "notes",
        "noted",
        "announce",
        "announces",
        "announced",
        "argue",
        "argues",
        "argued",
        "warn",
        "warns",
        "warned",
        "insist",
        "insists",
        "insisted",
        "claim",
        "claims",
        "claimed",
        "write",
        "writes",
        "wrote",
        "reply",
        "replies",
        "replied",
        "confirm",
        "confirms",
        "confirmed",
        "estimate",
        "estimates",
        "estimated",
        "predict",
        "predicts",
        "predicted",
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "admit",
        "admits",
        "admitted",
        "deny",
        "denies",
        "denied",
    }
)
_QUOTED = re.compile(r"“([^”]{2,}?)”|\"([^\"\n]{2,}?)\"")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them"})
_OPEN_BACK = 1500  # how far back a quotation that closes in this sentence may have opened
_MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True)
class Quote:
    """A claim and who made it; offsets point into the cleaned article text.

    ``start``/``end`` delimit the claim (the words inside the quotation marks, or the reported
    clause); ``sentence_start``/``sentence_end`` the sentence holding it; ``speaker_start``/
    ``speaker_end`` the speaker's mention in that sentence (-1 when the speaker was named
    earlier: "he said"). ``kind`` is "quote" or "reported".
    """

    start: int
    end: int
    speaker: str
    verb: str
    kind: str
    sentence_start: int
    sentence_end: int
    speaker_start: int = -1
    speaker_end: int = -1


def quotes_to_json(quotes: Sequence[Quote]) -> str:
    return json.dumps([asdict(q) for q in quotes], ensure_ascii=False, separators=(",", ":"))


def quotes_from_json(data: str | None) -> list[Quote]:
    """The quotes ``quotes_to_json`` wrote; [] for "" or anything malformed."""
    try:
        rows = json.loads(data) if data else []
        return [Quote(**row) for row in rows]
    except (TypeError, ValueError):
        return []


def quotes_in(quotes: Iterable[Quote], start: int, end: int) -> list[Quote]:
    """The quotes whose claim overlaps the article range [start, end)."""
    return [q for q in quotes if q.start < end and q.end > start]


def _verb_of(sent: Any) -> Any | None:
    """The reporting verb of a spaCy sentence (or the ``according`` of "according to")."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            return tok
    for tok in sent:
        if tok.lower_ in REPORTING_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _subject(verb: Any) -> Any | None:
    if verb.lower_ == "according":
        to = verb.nbor()
        objs = [c for c in (*to.subtree, *verb.children) if c.dep_ == "pobj"]
        return objs[0] if objs else None
    # The subject nearest the verb: "The bridge reopened…, city officials said" has two.
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subs:
        return min(subs, key=lambda c: abs(c.i - verb.i))
    # "…," said site manager Tomás Herrera: the parser may hang the name elsewhere.
    nearby = [e for e in verb.sent.ents if e.label_ == "PERSON" and abs(e.start - verb.i) <= 4]
    return nearby[0].root if nearby else None


def _mention(tok: Any) -> tuple[int, int, str]:
    """The speaker mention of a subject token: the name in its phrase, or the short phrase.

    A name the subject token is part of comes first, then the name set beside it in apposition
    ("Tidelink's managing director, Fiona Marr,"; spaCy may tag the name or not), then another
    name in its phrase that is not a possessive ("Tidelink's" names the employer, not the
    speaker). Offsets are relative to the parsed sentence.
    """
    doc = tok.doc
    subtree = list(tok.subtree)

    def names_in(lo: int, hi: int, labels: tuple[str, ...]) -> list[Any]:
        return [e for e in doc.ents if e.label_ in labels and lo <= e.start and e.end <= hi]

    found = [
        e
        for e in doc.ents
        if e.label_ in ("PERSON", "ORG", "GPE", "NORP") and e.start <= tok.i < e.end
    ] or _appositive_names(tok, names_in)
    found = found or [
        e
        for e in names_in(subtree[0].i, subtree[-1].i + 1, ("PERSON", "ORG"))
        if e.root.dep_ != "poss"
    ]
    if found:
        return found[0].start_char, found[0].end_char, found[0].text
    while len(subtree) > 1 and subtree[0].is_punct:
        subtree = subtree[1:]
    while len(subtree) > 1 and subtree[-1].is_punct:
        subtree = subtree[:-1]
    left, right = subtree[0].i, subtree[-1].i
    if right - left + 1 > _MAX_SPEAKER_WORDS:  # "The Growers' Cooperative, which packs …,": its
        left, right = tok.left_edge.i, tok.i  # words up to the noun, or the noun alone
        if right - left + 1 > _MAX_SPEAKER_WORDS:
            left = tok.i
    span = doc[left : right + 1]
    return span.start_char, span.end_char, span.text


def _appositive_names(
    tok: Any, names_in: Callable[[int, int, tuple[str, ...]], list[Any]]
) -> list[Any]:
    """The names of the first appositive of ``tok`` that has one: its tagged names, else its
    words when all are proper nouns ("Its chair, Hamish Dow," where spaCy tags no name)."""
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        found: list[Any] = names_in(appos.left_edge.i, appos.right_edge.i + 1, ("PERSON", "ORG"))
        words = list(appos.subtree)
        if not found and all(t.pos_ == "PROPN" for t in words):
            found = [tok.doc[words[0].i : words[-1].i + 1]]
        if found:
            return found
    return []


class _People:
    """Persons named so far, to resolve "he said" and short mentions ("Brandt")."""

    def __init__(self) -> None:
        self.names: list[tuple[int, str]] = []  # (char offset, full name)

    def add(self, ents: Iterable[Any], offset: int) -> None:
        for e in ents:
            if e.label_ == "PERSON":
                self.names.append((offset + e.start_char, self.full(e.text)))

    def full(self, name: str) -> str:
        """The first full name that ends with ``name`` ("Brandt" → "Ilse Brandt")."""
        for _, known in self.names:
            if known != name and known.split()[-1] == name.split()[-1] and len(known) > len(name):
                return known
        return name

    def before(self, offset: int) -> str:
        earlier = [n for at, n in self.names if at < offset]
        return earlier[-1] if earlier else ""


def find_quotes(text: str) -> list[Quote]:
    """Every attributed quotation and reported claim of an article, in reading order."""
    from ingest.sentences import split_sentences
    from qa.spacy_nlp import nlp

    spans = split_sentences(text)
    people = _People()
    out: list[Quote] = []
    sentences = (text[sp.start : sp.end] for sp in spans)
    parsed = nlp().pipe(sentences, disable=["lemmatizer"])  # no lemmas read here
    for sp, sent in zip(spans, parsed, strict=True):
        people.add(sent.ents, sp.start)
        verb = _verb_of(sent)
        subject = _subject(verb) if verb is not None else None
        if verb is None or subject is None:
            continue
        s_start, s_end, speaker = _mention(subject)
        s_start, s_end = s_start + sp.start, s_end + sp.start
        if subject.lower_ in _PRONOUNS:
            speaker, s_start, s_end = people.before(sp.start), -1, -1
            if not speaker:
                continue
        else:
            speaker = people.full(speaker)
        out.extend(_claims(text, sp.start, sent, verb, subject, speaker, s_start, s_end))
    return out


def _claims(
    text: str,
    offset: int,
    sent: Any,
    verb: Any,
    subject: Any,
    speaker: str,
    s_start: int,
    s_end: int,
) -> list[Quote]:
    """The quoted spans of a sentence, or its reported clause when it quotes nothing."""
    s_from, s_to = offset, offset + len(sent.text)
    base: dict[str, Any] = {
        "speaker": speaker,
        "verb": verb.text.lower() if verb.lower_ != "according" else "according to",
        "sentence_start": s_from,
        "sentence_end": s_to,
        "speaker_start": s_start,
        "speaker_end": s_end,
    }
    quoted = [
        (m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2))
        for m in _QUOTED.finditer(text, s_from, s_to)
    ]
    if not quoted:
        quoted = _closing_only(text, s_from, s_to)
    if quoted:
        return [Quote(start=a, end=_trim(text, a, b), kind="quote", **base) for a, b in quoted]
    # Reported speech: the sentence without its attribution ("…, officials said.").
    head = verb.nbor() if verb.lower_ == "according" else verb
    attribution = sorted({verb.i, *(t.i for t in subject.subtree), *(t.i for t in [head])})
    first, last = attribution[0], attribution[-1]
    if first == 0:  # "According to X, the…" / "Officials said (that) the…"
        rest = [t for t in sent if t.i > last and t.dep_ != "mark" and not t.is_punct]
        if not rest:
            return []
        start, end = offset + rest[0].idx, s_to
    else:  # "The bridge…, officials said."
        start, end = s_from, offset + sent[first].idx
    claim = text[start:end].strip(" ,;:—–-\n.")
    if len(claim.split()) < 3:
        return []
    at = text.find(claim, start)
    return [Quote(start=at, end=at + len(claim), kind="reported", **base)]


def _closing_only(text: str, s_from: int, s_to: int) -> list[tuple[int, int]]:
    """A quotation of several sentences that closes in this one: “First. Second,” he said."""
    close = text.find("”", s_from, s_to)
    if close < 0:
        return []
    opened = text.rfind("“", max(0, s_from - _OPEN_BACK), s_from + 1)
    if opened < 0 or "\n\n" in text[opened:close] or "”" in text[opened:s_from]:
        return []
    return [(opened + 1, close)]


def _trim(text: str, start: int, end: int) -> int:
    """``end`` moved back over the comma a quotation ends with before "he said"."""
    while end > start and text[end - 1] in ",; ":
        end -= 1
    return end


def with_quotes(doc: Document) -> Document:
    """``doc`` with its quotes in ``meta["quotes"]`` (JSON), as the store keeps them."""
    return replace(doc, meta={**doc.meta, "quotes": quotes_to_json(find_quotes(doc.text))})
