"""Sentence vectors kept at ingest (``ingest.sentence_vectors``): equal to fresh ones, right
for their text after re-ingest, replacement and removal, swept when unused, complete after
concurrent writers and a crash, and kept by a Chroma server store too."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ingest import Document, ingest, ingest_documents, open_store
from ingest.chroma_store import ChromaStore
from ingest.sentence_vectors import sentence_texts
from ingest.store import Store
from tests.conftest import EXAMPLES
from tests.ingest.test_concurrency import spawn
from tests.ingest.test_pipeline import write_articles

V1 = Document(
    source="mem://dam",
    title="Dam News",
    text="Dam News\n\nThe Aldwick dam was approved in May. It will cost 40 million euros. "
    "Work starts in the spring.",
)
V2 = Document(
    source="mem://dam",
    title="Dam News",
    text="Dam News\n\nThe Aldwick dam was approved in May. It will cost 55 million euros. "
    "Work starts in the autumn.",
)


def live_sentences(store: Store) -> set[str]:
    """Every sentence text of the committed chunks, as the answerers see them."""
    return {t for c in store.chunks() for t in sentence_texts(c.text, c.sentences)}


def assert_complete(store: ChromaStore) -> None:
    """Every live sentence has a kept vector and nothing else is kept."""
    live = live_sentences(store)
    assert live, "no sentences stored"
    kept = store.sentence_vectors(sorted(live))
    assert set(kept) == live, f"{len(live - set(kept))} sentences without a vector"
    assert store.sentence_count() == len(live), "unused sentence vectors left"


def cosines(store: Store, texts: list[str]) -> np.ndarray:
    kept = store.sentence_vectors(texts)
    fresh = np.vstack([store.embedder.embed([t]) for t in texts])  # one text per call
    return np.asarray([float(kept[t] @ f) for t, f in zip(texts, fresh, strict=True)])


def test_kept_vectors_equal_fresh_ones(store: ChromaStore) -> None:
    assert ingest([EXAMPLES], store=store).ok
    assert_complete(store)
    texts = sorted(live_sentences(store))
    assert len(texts) >= 20
    cos = cosines(store, texts)
    assert cos.min() > 0.99999, list(zip(texts, cos, strict=True))
    assert store.sentence_vectors(["A sentence no article holds."]) == {}


def test_replace_and_remove_keep_them_right_and_repair_sweeps(store: ChromaStore) -> None:
    assert ingest_documents([V1], store=store).ok
    old_only = sorted(live_sentences(store))
    assert ingest_documents([V2], store=store).count("updated") == 1
    # Before any sweep the old version's vectors may linger, but each is still its text's own.
    lingering = [t for t in old_only if t not in live_sentences(store)]
    assert "It will cost 40 million euros." in lingering
    assert cosines(store, lingering).min() > 0.99999
    new = live_sentences(store)
    assert set(store.sentence_vectors(sorted(new))) == new
    store.repair()
    assert_complete(store)
    assert store.sentence_vectors(lingering) == {}
    # Re-ingesting unchanged writes nothing and sweeps nothing.
    assert ingest_documents([V2], store=store).count("unchanged") == 1
    assert_complete(store)
    assert store.remove(V2.doc_id)
    store.repair()
    assert store.sentence_count() == 0


def test_a_sentence_two_articles_share_outlives_one_of_them(store: ChromaStore) -> None:
    twin = Document(source="mem://twin", title="Other Dam News", text=V1.text)
    assert ingest_documents([V1, twin], store=store).ok
    assert store.remove(V1.doc_id)
    store.repair()
    assert_complete(store)
    assert "It will cost 40 million euros." in store.sentence_vectors(
        ["It will cost 40 million euros."]
    )


def as_older_store(store: ChromaStore) -> None:
    """Make ``store`` look written before sentence vectors were kept."""
    store._sentences.delete(ids=store._sentences.get(include=[])["ids"])
    store._meta.delete(ids=["sentence-backfill"])


def test_an_older_store_is_given_them_once_by_the_next_ingest(store: ChromaStore) -> None:
    assert ingest([EXAMPLES], store=store).ok
    assert store.sentences_backfilled()
    as_older_store(store)
    texts = sorted(live_sentences(store))
    assert store.sentence_vectors(texts) == {}  # reads find none, and nothing fails
    again = ingest([EXAMPLES], store=store)
    assert again.count("unchanged") == len(again.files)
    assert again.backfilled == len(texts)
    assert_complete(store)
    assert cosines(store, texts[:10]).min() > 0.99999
    assert ingest([EXAMPLES], store=store).backfilled == 0  # once


def test_a_changed_article_in_an_older_store_is_complete_after(store: ChromaStore) -> None:
    assert ingest_documents([V1], store=store).ok
    as_older_store(store)
    assert ingest_documents([V2], store=store).count("updated") == 1
    store.repair()
    assert_complete(store)


def test_two_concurrent_ingests_leave_them_complete(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write_articles(tmp_path / "a", 12, tag=" (writer a)")
    write_articles(tmp_path / "b", 12, tag=" (writer b)")
    # Both also write the same shared article, so they race on the same sentence ids.
    for folder in ("a", "b"):
        (tmp_path / folder / "shared.txt").write_text(
            "Shared Notice\n\nThe ferry to Kessling leaves every hour. Tickets cost three euros.",
            encoding="utf-8",
        )
    procs = [spawn(tmp_path / "a", store), spawn(tmp_path / "b", store)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    st = open_store(store)
    assert isinstance(st, ChromaStore)
    assert len(st.documents()) == 26
    st.repair()
    assert_complete(st)


def test_a_crash_after_writing_them_is_repaired(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write_articles(tmp_path / "a", 3)
    crashed = spawn(tmp_path / "a", store, {"CITEQA_FAULTS": "store.put.after_sentences=kill"})
    crashed.communicate(timeout=300)
    assert crashed.returncode != 0
    st = open_store(store)
    assert isinstance(st, ChromaStore)
    assert st.documents() == [] and st.sentence_count() > 0  # vectors of nothing committed
    again = spawn(tmp_path / "a", store)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    st.sync()
    assert len(st.documents()) == 3
    assert_complete(st)


def test_a_chroma_server_store_keeps_them(tmp_path: Path, chroma_server: str) -> None:
    paths = write_articles(tmp_path / "docs", 2, tag=" (sentence vectors)")
    assert ingest(paths, store=chroma_server).ok
    st = open_store(chroma_url=chroma_server)
    assert isinstance(st, ChromaStore)
    mine = {
        t
        for c in st.chunks()
        if "(sentence vectors)" in c.title
        for t in sentence_texts(c.text, c.sentences)
    }
    assert mine
    assert set(st.sentence_vectors(sorted(mine))) == mine
    assert cosines(st, sorted(mine)).min() > 0.99999


def test_they_can_be_switched_off(store: ChromaStore) -> None:
    from citeqa.settings import get_settings

    off = get_settings().model_copy(update={"sentence_vectors": False})
    assert ingest_documents([V1], store=store, settings=off).ok
    assert store.sentence_count() == 0 and store.chunks()
