"""Whether a quote names the kind of thing asked for: a count for "how many", a sum of money for
a price, the unit of a measure (``qa.learned.measures``). A question whose quote does not is
declined, whatever the confidence. And whether a short answer is of the other family than the
one asked for (``clashes``: a date for "who").

"How many civilians have been evacuated from Aleppo so far?" quoted a sentence on the evacuation
that gives no number; "How much did the wind machines cost?" quoted the sentence on the wind
machines that names 40 hectares but no money. In the out-of-fold replay on the training split
(6 folds by article):

- counts: every one of the 337 answerable "how many" questions got a quote naming a count, so
  the rule declines none of them; it declines 25 more of the 260 asked against their own passages
  with the answer taken out (none more of those asked against other articles: the confidence had
  already declined them);
- prices: all 16 answerable training questions that ask a price have a sum of money as their gold
  answer; 12 got a quote naming money, and the 4 quotes without money held no gold answer either.

The price test reads the question's wording here, not in ``qa.qtype``: the question type's labels
are features of every learned stage, so typing "share price" as MONEY there would retrain them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from qa.learned.measures import OPENING, asked_measure, names_measure
from qa.qtype import NUMBERISH, PERSONISH, PLACEISH, TIMEISH, QType

_COUNT = re.compile(
    r"\d|\b(?:zero|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|twice|"
    r"thrice|once|single|double|triple|half|third|quarter|several|few|many|multiple|numerous|"
    r"both|pair|couple)\b",
    re.I,
)
CURRENCY_SIGNS = "$£€¥₹"
"""The signs an amount may be written with (``re.escape`` them in a pattern: ``$`` is special)."""
_SIGNS = re.escape(CURRENCY_SIGNS)
_MONEY = re.compile(
    rf"[{_SIGNS}]|\b(?:dollars?|euros?|pounds?|pence|cents?|yen|yuan|renminbi|francs?|rupees?|"
    r"pesos?|rubles?|roubles?|lira|kronor|kroner|krona|crowns?|USD|EUR|GBP)\b",
    re.I,
)
_PRICE_WORD = r"(?:price|cost|fee|fare|salary|wage|rent)s?"
_ASKS_PRICE = re.compile(
    # "How much did it cost?", "How much was BSkyB going to pay?"
    rf"{OPENING}how much\b[^?]*\b(?:costs?|costing|pays?|paid|spends?|spent|worth|"
    r"charges?|charged|priced)\b"
    # "What was the average cost of an ad?", "What was Sunmere's share price last year?": the
    # price word heads the asked-for phrase (not "the cost overrun").
    rf"|{OPENING}(?:what|which)\s+(?:is|was|are|were|will be)\b[^?]*?\b{_PRICE_WORD}"
    r"(?:\s+(?:of|for|to|in|at|on|per|last|this|next|during)\b[^?]*)?\W*$"
    # "What price do growers get for a tonne?", "At what fare …?" (no training question is worded
    # so; written for a question asked by hand, eval/sets/tried.jsonl)
    rf"|{OPENING}(?:at\s+)?(?:what|which)\s+(?:price|fare|fee|rent|salary|wage)\b",
    re.I,
)


def names_a_count(text: str) -> bool:
    """Whether ``text`` names a count (a digit or a number word, "several" and "many" included).

    >>> names_a_count("Kestrel Air cancelled 212 flights."), names_a_count("Only a dozen came.")
    (True, True)
    >>> names_a_count("Buses carried civilians out of the eastern districts.")
    False
    """
    return bool(_COUNT.search(text))


def names_money(text: str) -> bool:
    """Whether ``text`` names a sum of money (a currency sign or a currency's name).

    >>> names_money("The vessel cost about 14.5 million euros."), names_money("It cost $5m.")
    (True, True)
    >>> names_money("She farms 40 hectares of cherries.")
    False
    """
    return bool(_MONEY.search(text))


def asks_price(question: str) -> bool:
    """Whether ``question`` asks what something cost, paid or is priced at.

    >>> asks_price("How much did the wind machines cost?")
    True
    >>> asks_price("What was Sunmere Energy's share price last year?")
    True
    >>> asks_price("How much of her crop did she lose?")
    False
    >>> asks_price("What price do growers get for a tonne of apples?")
    True
    >>> asks_price("What caused the cost overrun?")
    False
    """
    return bool(_ASKS_PRICE.search(question))


def kind_named(qtype: QType, question: str, quoted: Sequence[str]) -> bool:
    """Whether the quoted sentences name every kind the question asks for: a count for a "how
    many" question, money for a price, the unit of a measure (``qa.learned.measures``: "How
    tall is …?" wants a length); True when it asks for none."""
    wanted = [names_a_count] if qtype.wh == "how many" else []
    if asks_price(question):
        wanted.append(names_money)
    measure = asked_measure(question)
    if measure is not None:
        wanted.append(partial(names_measure, measure))
    return all(any(named(text) for text in quoted) for named in wanted)


_QUANTITIES = frozenset({*TIMEISH, *NUMBERISH, "ORDINAL"})
_NAMES = frozenset({*PERSONISH, *PLACEISH, "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
_FAMILIES = _NAMES | _QUANTITIES


def clashes(qtype: QType, label: str) -> bool:
    """Whether a candidate of entity ``label`` is of the other family than ``qtype`` asks for: a
    date or a number where a name is asked for ("Who inspected the spillway?" → "Monday"), a
    name where a date or a number is. Dates and numbers are one family (spaCy tags many years
    CARDINAL), names another (it confuses people, places and organisations); a noun phrase, or a
    question that names no kind, never clashes.

    >>> from qa.qtype import question_type
    >>> who, when = question_type("Who inspected the dam?"), question_type("When did it open?")
    >>> clashes(who, "DATE"), clashes(who, "GPE"), clashes(when, "CARDINAL"), clashes(when, "ORG")
    (True, False, False, True)
    """
    if not qtype.labels or label not in _FAMILIES:
        return False
    wanted = set(qtype.labels)
    return (label in _QUANTITIES and not wanted & _QUANTITIES) or (
        label in _NAMES and not wanted & _NAMES
    )
