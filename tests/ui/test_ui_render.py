"""Rendering is escaping first: whatever an article holds displays as text."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from qa.markers import tidy_answer_text
from qa.types import Answer, Citation
from ui.render import (
    Target,
    escape_text,
    highlight,
    parse_target,
    render_answer,
    render_answer_text,
    render_article,
)


def _cite(
    n: int, quote: str = "The bridge cost 42 million euros.", doc: str = "abc123"
) -> Citation:
    return Citation(n, doc, "/x/a.txt", "Bridge <b>news</b>", quote, 10, 10 + len(quote), 0.9)


@given(st.text())
def test_escape_text_round_trips_and_leaves_no_syntax(text: str) -> None:
    out = escape_text(text)
    assert html.unescape(out) == text
    assert not re.search(r"[<>\[\]()`*_~!|\\$]", out)
    assert '"' not in out and "'" not in out


@given(
    st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=5), st.text(max_size=50)
)
def test_highlight_keeps_text_and_marks_inside(spans: list[tuple[int, int]], text: str) -> None:
    out = highlight(text, spans)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text


def test_highlight_marks_exact_span_and_active() -> None:
    text = "One. <Two> sentence. Three."
    out = highlight(text, [(5, 20)], active=0)
    assert '<mark id="cq-active" class="cq-active">&lt;Two&gt; sentence.</mark>' in out


def test_markers_become_links_only_for_known_citations() -> None:
    out = render_answer_text("42 million [1] and [7].", [_cite(1)])
    assert out.count('class="cq-cite"') == 1
    assert 'href="#cq=cite:abc123:10:43"' in out
    assert "&#91;7&#93;" in out  # unknown marker stays text


def test_bad_doc_id_gives_no_link() -> None:
    out = render_answer_text("x [1]", [_cite(1, doc='a" onmouseover="x')])
    assert "href" not in out and 'onmouseover="' not in out


def test_declined_answer_is_not_styled_as_citations() -> None:
    a = Answer("q?", "The articles don't answer this.", False, closest=[_cite(1)])
    out = render_answer(a)
    assert "cq-declined" in out and "cq-near" in out
    assert "cq-cite" not in out and "cq-sources" not in out
    assert "#cq=near:" in out


def test_supported_answer_has_sources_with_quote_and_escaped_title() -> None:
    out = render_answer(Answer("q?", "42 million [1]", True, citations=[_cite(1)], confidence=0.9))
    assert "cq-sources" in out and "cq-low" not in out and "42 million euros" in html.unescape(out)
    assert "<b>" not in out


def test_parse_target_is_strict() -> None:
    assert parse_target("cite:abc:1:5") == Target("cite", "abc", 1, 5)
    assert parse_target("#cq=near:abc:1:5") == Target("near", "abc", 1, 5)
    for bad in ("cite:abc:5:1", "x:abc:1:5", "cite:../etc:1:5", "cite:abc:1", "", "cite:a b:1:2"):
        assert parse_target(bad) is None


def test_article_escapes_title_source_and_text() -> None:
    out = render_article("<script>t</script>", "<s>", "a <img src=x onerror=1> b", [(0, 1)])
    assert "<script>" not in out and "<img" not in out and "<s>" not in out


def test_one_marker_per_claim_and_no_doubled_quotes() -> None:
    text = "42 million [1] — “The bridge cost 42 million euros.” [1]"
    assert tidy_answer_text(text) == "42 million — “The bridge cost 42 million euros.” [1]"
    assert tidy_answer_text("Assad [2] — “He spoke of “Aleppo.”” [2]") == (
        "Assad — “He spoke of “Aleppo.” [2]"
    )
    assert tidy_answer_text("Moscow [1] — ““On May 2, they met in Moscow.” [1]") == (
        "Moscow — “On May 2, they met in Moscow.” [1]"
    )
    two_claims = "It cost 42 million [1]. It reopened on Monday [1]."
    assert tidy_answer_text(two_claims) == two_claims  # two claims keep both markers
    out = render_answer(Answer("q?", text, True, citations=[_cite(1)], confidence=0.9))
    assert out.count('class="cq-cite"') == 1


def test_unverified_answer_looks_and_reads_low_confidence() -> None:
    sure = render_answer(Answer("q?", "42 million [1]", True, citations=[_cite(1)], confidence=0.3))
    unsure = render_answer(
        Answer("q?", "42 million [1]", False, citations=[_cite(1)], confidence=0.3)
    )
    assert "cq-low" not in sure and "Low confidence" not in sure
    assert "cq-answer cq-low" in unsure and "Low confidence (30%)" in unsure
    assert "cq-declined" not in unsure and "cq-sources" in unsure  # an answer, with its sources


def test_an_unverified_answer_lists_the_passages_to_check_after_its_sources() -> None:
    near = _cite(2, quote="The Lakeside Community Foundation paid for the four robots.")
    unsure = render_answer(
        Answer("q?", "42 million [1]", False, citations=[_cite(1)], closest=[near], confidence=0.3)
    )
    assert "Other passages to check" in unsure and "Closest passages" not in unsure
    assert unsure.index("cq-sources") < unsure.index("Other passages to check")
    assert unsure.count("cq-card cq-near") == 1 and "#cq=near:" in unsure
    sure = render_answer(
        Answer("q?", "42 million [1]", True, citations=[_cite(1)], closest=[near], confidence=0.9)
    )
    assert "cq-near" not in sure and "Other passages" not in sure  # a supported answer: none


def test_the_short_answer_an_answer_leads_with_is_bold_and_a_guess_is_not_shown() -> None:
    quote = "“The bridge cost $42 million <euros>.” [1]"
    led = Answer("q?", f"$42 million — {quote}", True, short="$42 million", citations=[_cite(1)])
    out = render_answer(led)
    assert re.search(r'<b class="cq-short">[^<]*42 million</b> — “', out), out
    assert "<euros>" not in out and "euros>" not in out  # the rest is still escaped
    guess = Answer("q?", quote, True, short="$42 million", short_confidence=0.3)
    assert "cq-short" not in render_answer(guess)  # the quote alone: no short answer shown


def test_dropped_sentences_are_shown_struck_out() -> None:
    a = Answer(
        "q?",
        "42 million [1]",
        True,
        citations=[_cite(1)],
        confidence=0.9,
        dropped=["The bridge is <b>pink</b>."],
    )
    out = render_answer(a)
    assert "Removed from the draft" in out and "1 sentence not supported" in out
    assert "<del>" in out and "pink" in out and "<b>" not in out


def test_declined_shows_at_most_three_short_readable_passages() -> None:
    long = "The council met on Monday and talked about the harbour. " * 10
    closest = [
        _cite(1, quote="Riverside Library Lends Out a Reading Robot"),  # a headline
        _cite(2, quote="KESSLING, 3 March 2024"),  # a date line
        *[_cite(n, quote=long) for n in range(3, 8)],
    ]
    out = render_answer(Answer("q?", "The articles don't answer this.", False, closest=closest))
    assert out.count("cq-card cq-near") == 3
    assert "Reading Robot" not in out and "3 March" not in out
    assert "Not answered by your articles" in out
    quotes = re.findall(r'<blockquote class="cq-quote">(.*?)</blockquote>', out)
    assert all(len(html.unescape(q)) <= 221 and q.endswith("…") for q in quotes)


def test_cards_and_article_show_date_and_site() -> None:
    c = Citation(
        1, "abc", "https://www.news.example.org/x", "T", "Q.", 0, 2, 0.9, date="2024-05-01"
    )
    out = render_answer(Answer("q?", "x [1]", True, citations=[c], confidence=1.0))
    assert "2024&#45;05&#45;01" in out and "news.example.org" in out
    art = render_article("T", "/srv/files/a.txt", "text", date="2024-05-01")
    assert "2024-05-01 · a.txt" in art and "/srv" not in art and "cq-back" in art
