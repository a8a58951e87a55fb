"""Turn extracted text into clean article text: page leftovers out, every body sentence kept.

Saved web pages carry a tail of things that are not the article: related-article lists, share
buttons, comment forms, log-in lines, cookie notices. ``clean_text`` removes them with general
rules (not a list tuned to one site) and normalises whitespace, so that everything downstream
(chunk offsets, citation highlighting) points into readable text with ``"\\n\\n"`` between
paragraphs. It only ever removes whole lines; it never rewrites the words of a line it keeps.

The rules, in order:

1. Normalise: NFC, line endings to ``"\\n"``, control and zero-width characters out, runs of
   spaces (any Unicode space) to one, lines stripped, blank-line runs to one paragraph break.
2. Drop short lines that match generic social / log-in / comment-form / cookie / byline patterns
   (``Log Out``, ``Share on Facebook``, ``Posted by``, ``Tags:``, ``Advertisement``, ``%s`` ...),
   and lines with no letter or digit at all.
3. Find a trailer heading. A comment heading (``Leave a Reply``, ``12 Comments``) after some
   article prose cuts the text there. A link-box heading (``Related Articles``, ``Share this:``,
   ``Like this:``, ``You may also like``) cuts there when what follows is mostly short
   non-sentence lines; otherwise only the heading and the headline-like lines right after it go.
4. When the tail of the page went, the run of short headline-like lines just before it (a list of
   related headlines with no heading of its own) goes too. The first line (the headline) stays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["clean_text", "is_boilerplate_line", "normalize_text"]

# --- normalisation ---------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls except tab and newline, plus invisible characters that break word matching.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad]")
_ANY_ODD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad\u2028\u2029]")


def normalize_text(text: str) -> str:
    """Unicode NFC, ``"\\n"`` line ends, invisible characters removed, spaces collapsed.

    Every line is stripped and runs of blank lines become a single blank line; the result
    has no leading or trailing whitespace.

    Args:
        text: Any extracted text.
    """
    if _ANY_ODD.search(text):  # rare: one scan decides whether the two rewrites are needed
        text = _INVISIBLE.sub(
            "", _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
        )
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# --- line patterns ---------------------------------------------------------------------------

_SOCIAL = (
    r"facebook|twitter|x|linkedin|reddit|pinterest|tumblr|whatsapp|telegram|pocket|e-?mail"
    r"|print|skype|messenger|flipboard|mastodon|threads|bluesky|google\+?|digg|more|copy link"
    r"|share|tweet|pin( it)?|sms|vk|weibo|line"
)
# A whole line that is only chrome: buttons, menus, form labels, counters.
_FULL_LINE = re.compile(
    r"(?:(?:share|post|tweet|pin|send|email) (?:on|via|to|with) )?(?:" + _SOCIAL + r")"
    r"(?:\s*[,|/·•]\s*(?:" + _SOCIAL + r"))*"
    r"|(?:wordpress(?:\.com)?|twitter|facebook|google|gravatar|linkedin|x) "
    r"(?:logo|picture|photo|avatar|account)"
    r"|log ?(?:in|out)|sign ?(?:in|up|out)|register|subscribe|unsubscribe|reply|cancel reply"
    r"|(?:leave a (?:reply|comment)|post a comment|add a comment)(?: cancel reply)?"
    r"|(?:\d+|no) (?:comments?|responses?|replies)|comments?(?: \(\d+\))?"
    r"|(?:\d+ )?likes?|like loading|loading(?: comments)?|menu|(?:open |close )?(?:menu|search)"
    r"|search for|home|skip to (?:main )?content|back to top|top|advertisements?|ad"
    r"|sponsored(?: content)?|report this ad|close|toggle navigation|next|previous"
    r"|(?:next|previous) (?:post|article|story)|read more|continue reading|permalink|reblog"
    r"|report|vote|rate this|\d+ shares?|shares|comments are closed"
    r"|accept(?: all)?|reject(?: all)?|decline|got it|ok|i agree|agree and close"
    r"|(?:manage|customi[sz]e) (?:preferences|settings|cookies|options)"
    r"|(?:name|e-?mail|website|url|comment|message)"
    r"(?: \((?:required|optional|address never made public)\))?\s*\*?"
    r"|\(?\s*(?:log\s*out\s*/\s*)?change\s*\)",
    re.IGNORECASE,
)
# Line starts typical of page chrome; only applied to short lines.
_PREFIX = re.compile(
    r"(?:(?:log ?in|sign ?in|sign ?up|subscribe|unsubscribe|follow (?:us|me|on)"
    r"|share (?:this|on|via|to|with)|click (?:here )?to|posted (?:by|in|on)|filed (?:under|in)"
    r"|this entry was posted|tagged(?: with)?|you are commenting using"
    r"|fill in your details|notify me of|your email address will not|required fields are marked"
    r"|save my name|this site uses akismet|be the first to|connecting to|please log ?in"
    r"|you must be logged in|enter your email|get (?:the )?(?:latest|our) (?:news|newsletter|posts)"
    r"|sign up for|copyright \d{4}|proudly powered|blog at wordpress"
    r"|create a free website|view all posts|like loading|follow blog|join \d[\d,]* other"
    r"|opens in (?:a )?new window|report this ad)\b"
    r"|(?:tags?|categor(?:y|ies)|topics?|theme|related|read (?:more|also|next)|see also"
    r"|also read|more):"
    r"|©|copyright (?:©|\(c\))|\(c\) \d{4}|follow @|loading\.\.\.)",
    re.IGNORECASE,
)
# Weaker line starts: chrome only when the line does not read as a sentence.
_WEAK_PREFIX = re.compile(
    r"(?:register|privacy (?:policy|settings)|terms (?:of (?:use|service)|and conditions)"
    r"|cookie (?:policy|settings)|powered by|advertisement|sponsored by|contact us|about us)\b",
    re.IGNORECASE,
)
# Markers that give a line away wherever they occur (checked on the lower-cased line).
_ANYWHERE = (
    "%s",
    "you are commenting using",
    "click to share",
    "click to print",
    "click to email",
    "opens in new window",
    "all rights reserved",
)
_LOGOUT_CHANGE = re.compile(r"log\s*out\s*/\s*change")
_COOKIES = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b"
    r"|\bcookie (?:policy|settings|preferences|consent)\b|\bby continuing to (?:use|browse)\b",
    re.IGNORECASE,
)

_HEADING_EDGES = r"[\s#*_=\-–—|>•·:]*"
_COMMENT_HEADING = re.compile(
    _HEADING_EDGES + r"(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment"
    r"|join the (?:discussion|conversation)|reader comments|comments?(?: \(\d+\))?"
    r"|\d+ (?:comments?|responses?|replies|thoughts on\b.*))" + r"[\s:.…!?)]*",
    re.IGNORECASE,
)
_LINKBOX_HEADING = re.compile(
    _HEADING_EDGES
    + r"(?:related(?: articles?| posts?| stories| story| news| content| links| reading"
    r"| coverage| topics| videos)?"
    r"|(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)"
    r"|more (?:stories|news|articles|posts|on this(?: story| topic)?|like this)"
    r"|(?:read|see) (?:more|also|next)|also read|further reading|recommended"
    r"(?: for you| reading| stories| articles)?|trending(?: now| stories)?"
    r"|most (?:read|popular|viewed|shared)|popular (?:posts|stories|articles)"
    r"|recent (?:posts|articles|stories|comments)|share(?: this(?: article| story| post| page)?)?"
    r"|like this|tags|categories|editor'?s picks|top stories|what to read next"
    r"|around the web|from the web|sponsored (?:stories|content|links)|in case you missed it)"
    + r"[\s:.…!?]*",
    re.IGNORECASE,
)

_LIST_ITEM = re.compile(r"(?:[-*+•–]|\d{1,3}[.)]|[a-z][.)])\s")
_CLOSERS = "\"'”’»)]"
_HAS_WORD_CHAR = re.compile(r"\w")
_SMALL_WORDS = frozenset(
    re.findall(r"\w+", "a an and as at but by for from in into of on or the to vs via with is are")
)
_SHORT_WORDS = 30  # lines up to this many words can be page chrome
_COOKIE_WORDS = 80  # cookie banners run longer


def _ends_sentence(line: str) -> bool:
    """True when the line ends with . ! ? or …, possibly followed by closing quotes/brackets."""
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


@lru_cache(maxsize=8192)
def is_boilerplate_line(line: str) -> bool:
    """True when a (normalised, stripped) line is page chrome rather than article text.

    Args:
        line: One line of text, already whitespace-normalised.
    """
    if not _HAS_WORD_CHAR.search(line):
        return True
    n_words = len(line.split())
    if n_words <= _COOKIE_WORDS and "ookie" in line and _COOKIES.search(line):
        return True
    if n_words > _SHORT_WORDS:
        return False
    bare = line.strip(" :.…!?*#-–—|•·")
    if _PREFIX.match(bare) or (len(bare) <= 160 and _FULL_LINE.fullmatch(bare)):
        return True
    if _WEAK_PREFIX.match(bare) and not _ends_sentence(line):
        return True
    low = line.lower()
    return any(marker in low for marker in _ANYWHERE) or (
        "change" in low and bool(_LOGOUT_CHANGE.search(low))
    )


def _is_title_like(line: str) -> bool:
    """A short line that reads like a headline or a link, not like a sentence of prose.

    List items ("- ...", "1. ...") and lines that introduce something (ending in ":") are
    article structure, never headline-like.
    """
    words = line.split()
    if _LIST_ITEM.match(line) or line.endswith(":"):
        return False
    if not words or len(words) > 16 or len(line) > 140:
        return False
    if not _ends_sentence(line):
        return True
    content = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(content) < 3:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised >= 0.8 * len(content)


def _is_sentence_like(line: str) -> bool:
    """A line of prose: a reasonably long sentence, or simply a long line."""
    n_words = len(line.split())
    return (n_words >= 6 and _ends_sentence(line)) or n_words >= 20


# --- the cleaning pass ------------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    para: int
    keep: bool = True
    n_words: int = 0
    prose: bool = False

    def __post_init__(self) -> None:
        self.n_words = len(self.text.split())
        self.prose = _is_sentence_like(self.text)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    para = 0
    for raw in text.split("\n"):
        if raw:
            lines.append(_Line(raw, para))
        else:
            para += 1
    return lines


def _join_lines(lines: list[_Line]) -> str:
    out: list[str] = []
    prev_para: int | None = None
    for line in lines:
        if not line.keep:
            continue
        if prev_para is not None:
            out.append("\n" if line.para == prev_para else "\n\n")
        out.append(line.text)
        prev_para = line.para
    return "".join(out)


def _prose_chars(lines: list[_Line]) -> int:
    return sum(len(x.text) for x in lines if x.keep and x.prose)


def _cut_trailer(lines: list[_Line]) -> bool:
    """Apply rule 3; True when the text was cut at a trailer heading."""
    for i in range(1, len(lines)):
        line = lines[i]
        if line.n_words > 12:
            continue
        comment = bool(_COMMENT_HEADING.fullmatch(line.text))
        linkbox = not comment and bool(_LINKBOX_HEADING.fullmatch(line.text))
        if not (comment or linkbox):
            continue
        before, after = lines[:i], lines[i + 1 :]
        prose_before = _prose_chars(before)
        prose_after = _prose_chars(after)
        after_chars = sum(len(x.text) for x in after if x.keep)
        mostly_chrome = prose_after <= 0.4 * after_chars and prose_after <= prose_before
        # A comment heading ends the article unless only a standfirst comes before it
        # (a "3 Comments" link under the standfirst is not where the comments start).
        prose_lines_before = sum(1 for x in before if x.keep and x.prose)
        late = prose_lines_before >= 2 or (
            prose_before > 0 and prose_before >= 0.25 * (prose_before + prose_after)
        )
        if (comment and (late or (prose_before > 0 and mostly_chrome))) or (
            linkbox and mostly_chrome
        ):
            for x in lines[i:]:
                x.keep = False
            return True
        if linkbox:
            line.keep = False
            for x in after:
                if not x.keep:
                    continue
                if not _is_title_like(x.text):
                    break
                x.keep = False
    return False


def _drop_headlines_before_tail(lines: list[_Line]) -> None:
    """Apply rule 4: headline-like lines right before a removed page tail go too."""
    if not lines or lines[-1].keep:
        return
    kept = [x for x in lines if x.keep]
    for x in reversed(kept[1:]):
        if not _is_title_like(x.text):
            return
        x.keep = False


def _clean_once(text: str) -> tuple[str, bool]:
    """One pass of rules 1-4; also says whether any line was removed."""
    lines = _split_lines(normalize_text(text))
    for line in lines:
        if is_boilerplate_line(line.text):
            line.keep = False
    _cut_trailer(lines)
    _drop_headlines_before_tail(lines)
    return _join_lines(lines), not all(x.keep for x in lines)


def clean_text(text: str) -> str:
    """The article text of ``text``: page leftovers removed, whitespace normalised.

    Idempotent (``clean_text(clean_text(x)) == clean_text(x)``) and conservative: it removes
    whole lines only, so every line of the result is a (space-normalised) line of the input.

    Args:
        text: Text extracted from any format (plain text, markdown, HTML, PDF).
    """
    out, removed = _clean_once(text)
    for _ in range(5):  # removing a line can expose another; stop at the fixed point
        if not removed:  # a pass that removes nothing leaves normalised text: a fixed point
            break
        out, removed = _clean_once(out)
    return out
