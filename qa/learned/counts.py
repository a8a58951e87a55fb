"""Whether a quote can answer "how many": it names a count, in digits or in words.

A "how many" question quoted a sentence that names no count at all ("How many civilians have
been evacuated from Aleppo so far?" → a sentence on the evacuation that gives no number) is
declined, whatever the confidence. In the out-of-fold replay on the training split (6 folds by
article), every one of the 337 answerable "how many" questions got a quote naming a count, so the
rule declines none of them, and it declines 25 more of the 260 asked against their own passages
with the answer taken out (none more of those asked against other articles: the confidence had
already declined them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.qtype import QType

_COUNT = re.compile(
    r"\d|\b(?:zero|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|twice|"
    r"thrice|once|single|double|triple|half|third|quarter|several|few|many|multiple|numerous|"
    r"both|pair|couple)\b",
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


def countable(qtype: QType, quoted: Sequence[str]) -> bool:
    """False only for a "how many" question whose quoted sentences name no count."""
    return qtype.wh != "how many" or any(names_a_count(text) for text in quoted)
