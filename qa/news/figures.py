"""Figures in news text ("$84 million", "€42m", "58,000 vehicles", "12%"), compared by value."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Figure", "figures_in"]

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
}
_CURRENCY_WORDS = {
    "dollars": "$",
    "dollar": "$",
    "euros": "€",
    "euro": "€",
    "pounds": "£",
    "pound": "£",
}
_FIGURE = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|mn|bn|m|k|b)\b)?"
    r"(?:\s?(?P<unit>percent|%|dollars?|euros?|pounds?))?",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """A number as written (``text``), its value and its unit ("$", "€", "%", or "")."""

    text: str
    value: float
    unit: str
    start: int
    end: int

    after: str = ""  # the word that follows the figure ("flights" in "212 flights")

    def same_kind(self, other: Figure) -> bool:
        """Both money in one currency, both percentages, or both counts of the same thing."""
        if self.unit != other.unit:
            return False
        if self.unit in ("$", "€", "£"):
            return (self.value >= 1e3) == (other.value >= 1e3)
        return bool(self.after) and self.after == other.after


def figures_in(text: str) -> list[Figure]:
    """The figures of ``text``; bare years (1900–2099 without a unit) are left out."""
    out = []
    for m in _FIGURE.finditer(text):
        num = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        unit_word = (m.group("unit") or "").lower()
        unit = m.group("cur") or _CURRENCY_WORDS.get(unit_word, "")
        if unit_word in ("percent", "%"):
            unit = "%"
        if not unit and not scale and 1900 <= num <= 2099 and "," not in m.group("num"):
            continue
        value = num * _SCALE.get(scale, 1.0)
        nxt = re.match(r"\s+([A-Za-z]+)", text[m.end() :])
        after = nxt.group(1).lower().rstrip("s") if nxt else ""
        out.append(Figure(m.group(0).strip(), value, unit, m.start(), m.end(), after))
    return out
