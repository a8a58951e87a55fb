"""clean_text: page leftovers never become article text; every body sentence survives."""

from __future__ import annotations

import json
import random
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.clean import clean_text, is_boilerplate_line, normalize_text
from tests.conftest import SAMPLE_ARTICLE, SQUAD

SAMPLE = SAMPLE_ARTICLE
SAMPLE_LEFTOVERS = [
    "Leave a Reply",
    "Fill in your details below",
    "You are commenting using",
    "Log Out",
    "Change )",
    "Connecting to %s",
    "WordPress.com Logo",
    "Twitter picture",
    "Facebook photo",
    "Related Articles:",
]


def ws(text: str) -> str:
    """Test-side whitespace normalisation: NFC and single spaces, so 'verbatim' is comparable."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph after . ! ? (and a closing quote) followed by a space."""
    parts = re.split(r"(?:(?<=[.!?][”\"’)])|(?<=[.!?]))\s+", ws(paragraph))
    return [p for p in parts if p]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def assert_body_kept(cleaned: str, body: list[str]) -> None:
    flat = ws(cleaned)
    missing = [s for p in body for s in sentences(p) if s not in flat]
    assert not missing, f"body sentences lost: {missing}"


def assert_gone(cleaned: str, leftovers: list[str]) -> None:
    found = [x for x in leftovers if ws(x).lower() in ws(cleaned).lower()]
    assert not found, f"page leftovers kept: {found}"


# --- the sample article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> str:
    if not SAMPLE.exists():
        pytest.skip("sample article not present")
    return SAMPLE.read_text(encoding="utf-8")


def split_sample(raw: str) -> tuple[list[str], list[str]]:
    """Body paragraphs and the headline-only paragraphs just above the 'Related Articles' box.

    Parsed here, independently of the cleaner: everything before the 'Related Articles:' line;
    the short paragraphs right above it (fewer than 8 words each) are the related-headline list.
    """
    paras = paragraphs(raw)
    cut = next(i for i, p in enumerate(paras) if p.lower().startswith("related articles"))
    before = paras[:cut]
    related: list[str] = []
    while before and len(before[-1].split()) < 8:
        related.insert(0, before.pop())
    return before, related


def test_sample_keeps_every_body_sentence(sample: str) -> None:
    body, _ = split_sample(sample)
    assert len(body) >= 8
    cleaned = clean_text(sample)
    assert_body_kept(cleaned, body)
    assert cleaned.split("\n", 1)[0] == ws(sample.split("\n", 1)[0])  # the headline is first


def test_sample_loses_every_page_leftover(sample: str) -> None:
    _, related = split_sample(sample)
    assert related, "the sample has a related-headline list above its trailer"
    cleaned = clean_text(sample)
    assert_gone(cleaned, SAMPLE_LEFTOVERS)
    for headline in related:  # the related-article titles are links, not article text
        assert ws(headline) not in [ws(p) for p in paragraphs(cleaned)]
    assert "%s" not in cleaned


def test_sample_paragraphs_stay_separated(sample: str) -> None:
    body, _ = split_sample(sample)
    cleaned_paras = [ws(p) for p in paragraphs(clean_text(sample))]
    # every body paragraph is still its own paragraph (a line of one, at least)
    for para in body:
        lines = [ws(x) for x in para.split("\n")]
        assert any(line in p for p in cleaned_paras for line in lines)
    assert "\n\n\n" not in clean_text(sample)


def test_real_prose_is_never_touched() -> None:
    """Every SQuAD paragraph (492 of plain encyclopedic prose) comes back unchanged."""
    if not SQUAD.exists():
        pytest.skip("SQuAD sample not present")
    articles = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    contexts = [p["context"] for a in articles for p in a["paragraphs"]]
    assert len(contexts) > 100
    changed = [c[:80] for c in contexts if clean_text(c) != normalize_text(c)]
    assert not changed
    for article in articles:  # and as whole articles with a title line
        text = "\n\n".join([article["title"], *(p["context"] for p in article["paragraphs"])])
        assert clean_text(text) == normalize_text(text)


# --- hand-made pages of other shapes -------------------------------------------------------

WORDPRESS_BODY = [
    "City Opens New Library After Decade of Delays",
    "The new central library opened its doors on Saturday, ten years after the project was "
    "first approved by the city council.",
    "More than 4,000 residents visited on the first day, according to the library's director, "
    "Maria Olsen. She said the turnout exceeded every forecast.",
    "It was worth the wait.",
    "The building cost 48 million dollars and holds about 300,000 books.",
]
WORDPRESS_TRAILER = """Share this:

Twitter
Facebook
Email

Like this:

Like Loading...

Related

Council debates budget for parks
March 3, 2021
In "Local"

School board elects new chair
February 12, 2021
In "Education"

3 thoughts on "City Opens New Library After Decade of Delays"

Jon Hart says:
I have been waiting for this building since I was a student here, and it finally opened.
Reply

Ann Lee says:
The reading rooms on the top floor are wonderful, especially on a sunny afternoon.
Reply

Leave a Reply Cancel reply

Enter your comment here...
Email (required)
Name (required)
Website
Notify me of new comments via email.
Blog at WordPress.com.
"""


def test_wordpress_page() -> None:
    page = "\n\n".join(WORDPRESS_BODY) + "\n\n" + WORDPRESS_TRAILER
    cleaned = clean_text(page)
    assert_body_kept(cleaned, WORDPRESS_BODY)
    assert paragraphs(cleaned) == WORDPRESS_BODY  # nothing else survives
    assert_gone(cleaned, ["Share this", "Like Loading", "says:", "Leave a Reply", "Website"])


NEWS_TOP = """Skip to content
Menu
Home

Storm Cuts Power to Thousands Along the Coast

By Jane Doe
Published: March 3, 2021

Share this:
Share on Facebook (Opens in new window)
Click to share on Twitter (Opens in new window)
"""
NEWS_BODY = [
    "A powerful storm knocked out electricity to about 60,000 homes along the coast on "
    "Wednesday night, the utility company said.",
    "Crews worked through the night. Most customers should have power back by Friday.",
    "A long road ahead",  # a real sub-heading inside the article
    "Officials warned that repairs in the hardest-hit towns could take a week or more, "
    "because several transmission lines were damaged by falling trees.",
    "No injuries were reported.",
]
NEWS_TRAILER = """Advertisement

Share this:

Click to email a link to a friend (Opens in new window)
Click to print (Opens in new window)

Like this:

Like Loading...

You may also like

Heat wave expected next week
Ferry service resumes after repairs
Mayor announces new budget plan

Tags: storm, weather, power
Filed under: Local News
© 2021 Coast Herald. All rights reserved.
"""


def test_news_page_with_share_and_like_blocks() -> None:
    page = NEWS_TOP + "\n\n" + "\n\n".join(NEWS_BODY) + "\n\n" + NEWS_TRAILER
    cleaned = clean_text(page)
    assert_body_kept(cleaned, NEWS_BODY)
    assert "Storm Cuts Power to Thousands Along the Coast" in cleaned  # the headline stays
    assert "A long road ahead" in paragraphs(cleaned)  # the sub-heading stays
    assert_gone(
        cleaned,
        [
            "Skip to content", "Share this", "Opens in new window", "Like this",
            "Like Loading", "You may also like", "Heat wave expected", "Ferry service",
            "Mayor announces", "Tags:", "Filed under", "All rights reserved", "Advertisement",
        ],
    )  # fmt: skip
    # the body ends the text: no trailing headline list
    assert paragraphs(cleaned)[-1] == NEWS_BODY[-1]


COOKIE_BODY = [
    "Scientists Find Water Ice Near Lunar South Pole",
    "Researchers said on Monday that new radar data show large deposits of water ice in "
    "craters near the moon's south pole.",
    "The finding could make it easier to build a permanent base, the team wrote.",
]
COOKIE_BANNER = """We use cookies to give you the best experience on our website. By continuing to
browse, you agree to our use of cookies. Read our cookie policy.
Accept all
Reject all
Manage preferences
"""


@pytest.mark.parametrize("where", ["top", "bottom", "middle"])
def test_cookie_banner_is_removed_anywhere(where: str) -> None:
    body = "\n\n".join(COOKIE_BODY)
    if where == "top":
        page = COOKIE_BANNER + "\n\n" + body
    elif where == "bottom":
        page = body + "\n\n" + COOKIE_BANNER
    else:
        page = "\n\n".join([COOKIE_BODY[0], COOKIE_BANNER, *COOKIE_BODY[1:]])
    cleaned = clean_text(page)
    assert paragraphs(cleaned) == COOKIE_BODY
    assert_gone(cleaned, ["cookies", "Accept all", "Manage preferences"])


def test_markdown_shaped_article_with_related_list() -> None:
    body = [
        "Rivers Rise After Week of Rain",
        "Water levels on the Elbe rose by two metres over the weekend, officials said.",
        "Residents of low-lying streets were told to move cars to higher ground.",
    ]
    page = "\n\n".join(body) + (
        "\n\nRelated posts:\n\n- Flood barriers tested in Dresden\n- Rainfall record broken"
        "\n\nPosted in Weather | Leave a comment\n"
    )
    cleaned = clean_text(page)
    assert paragraphs(cleaned) == body


def test_related_box_inside_article_only_drops_the_box() -> None:
    """A link-box heading followed by more prose: the box goes, the prose after it stays."""
    first = "The central bank raised interest rates by a quarter point on Thursday, its third "
    first += "increase this year."
    later = [
        "Analysts had expected the move after inflation rose to 6 percent in the spring.",
        "The bank said it would keep watching prices closely in the coming months.",
        "Markets barely moved after the announcement, which traders had fully priced in.",
    ]
    page = "\n\n".join(
        ["Bank Raises Rates Again", first, "Related Articles", "Inflation hits new high",
         "Markets await the decision", *later]
    )  # fmt: skip
    cleaned = clean_text(page)
    assert paragraphs(cleaned) == ["Bank Raises Rates Again", first, *later]


def test_short_body_paragraphs_and_headline_are_kept() -> None:
    body = [
        "Comments Sought on New Zoning Plan",  # a headline that starts with a trailer word
        "He declined to comment.",
        "The plan is open for review until May.",
        "It passed.",
        "Share prices rose 3 percent after the announcement, the exchange said.",
        "Log files from the server showed nothing unusual, investigators said.",
    ]
    cleaned = clean_text("\n\n".join(body))
    assert paragraphs(cleaned) == body


def test_comment_count_near_the_top_does_not_cut_the_article() -> None:
    body = [
        f"Paragraph {i} of the report describes how the storm reached the coast." for i in range(8)
    ]
    page = "\n\n".join(["Storm Hits Coast", "A standfirst that sums up the whole story.",
                         "3 Comments", *body])  # fmt: skip
    cleaned = clean_text(page)
    assert paragraphs(cleaned) == [
        "Storm Hits Coast",
        "A standfirst that sums up the whole story.",
        *body,
    ]


def test_list_right_before_the_trailer_is_kept() -> None:
    body = ["Key Facts About the Storm", "The storm hit the coast on Monday, officials said.",
            "What we know:\n- 3 dead\n- 20 injured\n1. Power is out\n2. Roads closed"]  # fmt: skip
    cleaned = clean_text("\n\n".join([*body, "Share this:", "Twitter\nFacebook"]))
    assert paragraphs(cleaned) == body


def test_long_comment_thread_after_leave_a_reply_is_removed() -> None:
    article = ["Library Opens", *WORDPRESS_BODY[1:3]]
    comments = [f"Reader {i} wrote a long comment about how they love the new library building."
                for i in range(12)]  # fmt: skip
    cleaned = clean_text("\n\n".join([*article, "12 Responses", *comments]))
    assert paragraphs(cleaned) == article


@pytest.mark.parametrize(
    "line",
    [
        "Log in",
        "Sign up for our newsletter",
        "Subscribe",
        "Share on Facebook",
        "Click to share on Twitter (Opens in new window)",
        "Posted by admin on March 3, 2021",
        "Tags: politics, economy",
        "Filed under: World",
        "Advertisement",
        "Connecting to %s",
        "You are commenting using your Google account. ( Log Out / Change )",
        "Gravatar Logo",
        "Like Loading...",
        "This site uses cookies. By continuing to use this website, you agree to their use.",
        "© 2020 The Daily Paper",
        "Twitter | Facebook | LinkedIn",
        "Privacy Policy | Terms of Use",
        "Powered by WordPress",
        "* * *",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate_line(normalize_text(line))


@pytest.mark.parametrize(
    "line",
    [
        "He declined to comment.",
        "Subscribers complained about the price increase, the company said.",
        "Twitter said it would appeal the ruling.",
        "The share of renewable power rose to 40 percent.",
        "Cookies and cakes were sold at the fair to raise money for the school.",
        "Related talks are planned for next week in Geneva.",
        "Home prices fell for the third month in a row.",
        "Advertisement revenue fell by 5 percent.",
        "Privacy policy changes drew criticism from regulators.",
        "Registered voters can cast ballots until 8 pm.",
    ],
)
def test_ordinary_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_whitespace_and_unicode_are_normalised() -> None:
    raw = "  Cafe\u0301   opens\u00a0today \r\n\r\n\r\n\tIt\u200b serves   coffee.  \n\n\n"
    cleaned = clean_text(raw)
    assert cleaned == "Café opens today\n\nIt serves coffee."
    assert unicodedata.is_normalized("NFC", cleaned)


# --- properties ------------------------------------------------------------------------------

NEUTRAL_WORDS = re.findall(
    r"\w+",
    "river city council bridge water budget school teacher storm power station minister "
    "village harbour museum report winter summer farmer market price train road doctor",
)

sentence = st.lists(st.sampled_from(NEUTRAL_WORDS), min_size=8, max_size=25).map(
    lambda ws_: " ".join(ws_).capitalize() + "."
)
prose_paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
headline = st.lists(st.sampled_from(NEUTRAL_WORDS), min_size=3, max_size=8).map(
    lambda ws_: " ".join(w.capitalize() for w in ws_)
)
page_line = st.one_of(
    sentence,
    headline,
    st.sampled_from([*SAMPLE_LEFTOVERS, "Share this:", "Like this:", "Comments", "Reply", ""]),
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=40),
)
page = st.lists(page_line, max_size=30).map("\n".join)
plain_text = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S"], include_characters="\n")
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def input_lines(text: str) -> list[str]:
    return [ws(line) for line in text.split("\n") if ws(line)]


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


@PROPERTY
@given(st.one_of(page, st.text()))
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@PROPERTY
@given(st.one_of(page, plain_text))
def test_cleaning_only_removes_whole_lines(text: str) -> None:
    out_lines = [line for line in clean_text(text).split("\n") if line]
    assert is_subsequence(out_lines, input_lines(text))


@PROPERTY
@given(headline, st.lists(prose_paragraph, min_size=1, max_size=8))
def test_plain_articles_come_back_unchanged(title: str, body: list[str]) -> None:
    article = "\n\n".join([title, *body])
    assert clean_text(article) == article


@PROPERTY
@given(
    headline,
    st.lists(prose_paragraph, min_size=1, max_size=6),
    st.lists(
        st.sampled_from([*SAMPLE_LEFTOVERS[1:], "Share this:", "Like Loading..."]), min_size=1
    ),
    st.lists(headline, max_size=4),
)
def test_any_trailer_is_removed_and_body_kept(
    title: str, body: list[str], trailer: list[str], related: list[str]
) -> None:
    page_text = "\n\n".join([title, *body, *related, "Leave a Reply", *trailer])
    assert clean_text(page_text) == "\n\n".join([title, *body])


def test_a_long_page_keeps_every_paragraph_and_loses_its_trailers() -> None:
    """250 distinct paragraphs between a WordPress header and two trailers: the body comes back
    whole. (How fast reading and cleaning are is a benchmark figure, ``read_ms_per_kb`` in
    ``eval.benchmarks.ingest_speed``, not a unit test.)"""
    rng = random.Random(7)  # distinct paragraphs, so no per-line cache can help
    body = [
        " ".join(rng.choice(NEUTRAL_WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "."
        for _ in range(250)
    ]
    text = "\n\n".join([WORDPRESS_BODY[0], *body, NEWS_TRAILER, WORDPRESS_TRAILER])
    assert clean_text(text) == "\n\n".join([WORDPRESS_BODY[0], *body])
