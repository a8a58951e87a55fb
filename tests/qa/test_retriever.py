"""``CiteqaRetriever``: opened from a folder or URL; each passage's text appears once."""

from __future__ import annotations

import pytest

from ingest import Store
from qa import CiteqaRetriever


@pytest.mark.parametrize("as_text", [True, False])
def test_retriever_opens_a_folder_and_carries_text_once(
    examples_store: Store, as_text: bool
) -> None:
    from pathlib import Path

    location = str(examples_store.location)
    retriever = CiteqaRetriever(store=location if as_text else Path(location))
    docs = retriever.invoke("reading robot for children")
    assert docs and docs[0].metadata["title"] == "Riverside Library Lends Out a Reading Robot"
    for d in docs:
        assert "text" not in d.metadata
        assert d.page_content and d.metadata["doc_id"] and "source" in d.metadata


def test_retriever_opens_a_chroma_url(chroma_server: str, examples_store: Store) -> None:
    from ingest import ingest
    from tests.conftest import EXAMPLES

    report = ingest([EXAMPLES], store=chroma_server)
    assert report.ok, report.to_dict()
    docs = CiteqaRetriever(store=chroma_server).invoke("When did the Harbor Bridge reopen?")
    assert docs and "Harbor Bridge" in docs[0].metadata["title"]
