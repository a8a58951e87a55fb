"""The one a question describes is not its answer: "Who killed the ambassador?" asks for
someone other than the ambassador.

When "who" is the subject of a verb other than "be" and that verb's object is a common noun
("the ambassador", not a name), a short answer that its sentence writes with that noun as a
capitalised title ("Russia's *Ambassador* Andrei Karlov") is the object itself: such a sentence
says what happened to it, not who did it (``qa.learned.repick`` looks past it).

On the training split, 80 answerable "who" questions have such an object. Asked against the
whole training store, the rule changes none of their answers. Appositions ("Andrei Karlov, the
ambassador") were tried too and left out: they changed 3 of the 80 answers, each right before,
two through misparsed appositions ("Geochronologists precisely date rocks" read with "rocks" as
an appositive). A lower-case word is no title: "a 24-yard pass Jerricho Cotchery" for "Who
received the pass …?".
"""

from __future__ import annotations

from qa.spacy_nlp import parse, syntax

_SUBJECT_WORDS = frozenset({"who"})


def described_noun(question: str) -> str | None:
    """The lemma of the common noun that is the object of the verb "who" is the subject of,
    or None.

    >>> described_noun("Who killed the ambassador?"), described_noun("Who is the mayor?")
    ('ambassador', None)
    >>> described_noun("Who founded Woodward Park?") is None
    True
    """
    for token in syntax(question):
        if token.lower_ not in _SUBJECT_WORDS or token.dep_ != "nsubj":
            continue
        verb = token.head
        if verb.lemma_ == "be":
            return None
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                if any(t.pos_ == "PROPN" for t in child.subtree):
                    return None
                return str(child.lemma_).lower()
    return None


def describes(noun: str, sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` (a name) is written with ``noun`` as its title, with a
    capital, just before the name or as its first word.

    >>> s = "The assassination of Russia’s Ambassador Andrei Karlov was condemned."
    >>> describes("ambassador", s, s.index("Andrei"), s.index(" was"))
    True
    >>> s = "Newton appeared to complete a 24-yard pass Jerricho Cotchery."
    >>> describes("pass", s, s.index("Jerricho"), len(s) - 1)
    False
    """
    doc = parse(sentence)
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return False
    first = inside[0]
    before = doc[first.i - 1] if first.i > 0 else None
    return any(
        t is not None and t.is_title and (str(t.lemma_).lower() == noun or t.lower_ == noun)
        for t in (before, first)
    )
