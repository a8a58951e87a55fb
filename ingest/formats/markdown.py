"""Markdown to plain text: cheap, safe removal of the syntax; the words stay as written."""

from __future__ import annotations

import re

from ingest.formats import Extracted
from ingest.formats.text import parse_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?=\S)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")

# A link target: any text with balanced parentheses one level deep, as in "javascript:f(1)".
_TARGET = r"(?:[^()\n]|\([^()\n]*\))*"

_INLINE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[[^\]]*\]\(" + _TARGET + r"\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\(" + _TARGET + r"\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <http://autolink>
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),
]


def _inline(line: str) -> str:
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return line


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split YAML front matter off; return the rest and its ``title`` / ``date`` values."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("title", "date"):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return text[m.end() :], meta


def markdown_to_text(markdown: str) -> Extracted:
    """Plain text of a markdown article, with its title (front matter or first heading).

    Headings, emphasis, links, images, inline code, quotes, rules and code fences lose their
    syntax; bullets become "- "; tables and numbered lists are kept as written.

    Args:
        markdown: The markdown source.
    """
    body, meta = _front_matter(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    title = _inline(meta.get("title", ""))
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        prev = out[-1].strip() if out else ""
        if _SETEXT.match(line) and prev:  # underline of the heading above
            title = title or prev
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            continue
        heading = _ATX.match(line)
        if heading:
            line = _inline(heading.group(1) or "")
            title = title or line.strip()
            out.append(line)
            continue
        line = _BULLET.sub(r"\1- ", _QUOTE.sub("", line))
        out.append(_inline(line))
    return Extracted(text="\n".join(out), title=title, date=parse_date(meta.get("date", "")))
