from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunk import chunk_document
from ingest.sentences import split_sentences
from ingest.types import Document

WORDS = st.sampled_from(
    ["Mr.", "Smith", "said", "the", "bridge", "3.5", "km", "U.S.", "opened", "cost", "$84", "a"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
TEXT = st.lists(PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)


def test_abbreviations_do_not_end_sentences() -> None:
    text = 'Dr. Ruiz met Mr. Okafor in the U.S. on Friday. "We agreed," he said.\n\nHeadline'
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Dr. Ruiz met Mr. Okafor in the U.S. on Friday.",
        '"We agreed," he said.',
        "Headline",
    ]


def test_chunks_pack_whole_sentences_with_overlap() -> None:
    sentences = [f"Sentence number {i} says something." for i in range(12)]
    doc = Document(source="s", text=" ".join(sentences))
    chunks = chunk_document(doc, size=120, overlap=1)
    assert len(chunks) > 2
    for a, b in itertools.pairwise(chunks):
        last_of_a = a.text.split(". ")[-1]
        assert b.text.startswith(last_of_a.rstrip(".")), "neighbours share one sentence"
    assert all(c.text.endswith(".") for c in chunks)


def test_a_long_sentence_is_kept_whole_up_to_the_hard_maximum() -> None:
    long = "Word " + "word " * 30 + "end."  # 160 chars: over size, under max_chars (2 * size)
    doc = Document(source="s", text=f"Short one. {long} Another short.")
    chunks = chunk_document(doc, size=100, overlap=0)
    assert any(c.text == long.strip() for c in chunks)


def test_no_chunk_exceeds_the_hard_maximum() -> None:
    """Issue 9 #3: a 1 MB run without sentence punctuation was one 1 MB chunk (spaCy E088)."""
    words = "word " * 220_000  # ~1.1 MB, no sentence end
    doc = Document(source="s", text=f"Title line\n\n{words}end\n\n{'x' * 5000}")
    chunks = chunk_document(doc, size=800, overlap=1)
    assert max(len(c.text) for c in chunks) <= 1600
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert chunks[-1].text.endswith("x") and sum(c.text.count("end") for c in chunks) >= 1


def test_chunks_carry_their_sentence_spans() -> None:
    doc = Document(source="s", text="One here. Two there! Three? Four.")
    [c] = chunk_document(doc, size=200, overlap=0)
    assert [c.text[a:b] for a, b in c.sentences] == ["One here.", "Two there!", "Three?", "Four."]


def test_chunk_ids_derive_from_content() -> None:
    a = chunk_document(Document(source="s", text="One. Two. Three."), size=8, overlap=0)
    b = chunk_document(Document(source="s", text="One. Two. Three."), size=8, overlap=0)
    c = chunk_document(Document(source="s", text="One. Two. Four."), size=8, overlap=0)
    assert [x.chunk_id for x in a] == [x.chunk_id for x in b]
    assert not {x.chunk_id for x in a} & {x.chunk_id for x in c}, "a changed article gets new ids"


@settings(max_examples=60, deadline=None)
@given(TEXT, st.integers(40, 400), st.integers(0, 2))
def test_offsets_always_point_at_the_chunk_text(text: str, size: int, overlap: int) -> None:
    doc = Document(source="s", text=text)
    chunks = chunk_document(doc, size=size, overlap=overlap)
    covered = set()
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        covered.update(range(c.start, c.end))
    for span in split_sentences(text):  # every sentence is in some chunk
        # a sentence over the hard maximum is cut at whitespace: only that whitespace is lost
        assert {i for i in range(span.start, span.end) if not text[i].isspace()} <= covered
    assert all(len(c.text) <= 2 * size for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
