"""The query path never imports torch: importing citeqa's packages, and answering a question.

Each check runs in a fresh interpreter and looks at ``sys.modules`` at the end.
"""

from __future__ import annotations

from tests.citeqa.conftest import python_json

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn")


def _loaded_after(code: str) -> dict[str, bool]:
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    loaded: dict[str, bool] = python_json(probe)
    return loaded


def test_importing_the_packages_and_the_cli_loads_no_torch() -> None:
    loaded = _loaded_after(
        "import qa, ingest, ui.cli, eval.cli, citeqa.cli\n"
        "import citeqa.cli.library, citeqa.cli.ask, citeqa.cli.chat, citeqa.cli.serve\n"
        "import qa.extractive, qa.spacy_nlp; qa.spacy_nlp.nlp()"
    )
    assert not any(loaded.values()), loaded


def test_answering_a_question_loads_no_torch(examples_store: object) -> None:
    location = str(examples_store.location)  # type: ignore[attr-defined]
    loaded = _loaded_after(
        "import qa\n"
        f"a = qa.answer('When did the Harbor Bridge reopen?', store={location!r})\n"
        "assert a.supported and a.citations, a"
    )
    assert not any(loaded.values()), loaded


def test_the_probe_can_fail() -> None:
    assert _loaded_after("import torch")["torch"]
