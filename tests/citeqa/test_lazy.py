"""``import_without``: a library imported while an optional extra looks uninstalled."""

from __future__ import annotations

import json
import os
import sys

from tests.citeqa.conftest import python_json


def _run(code: str) -> dict[str, object]:
    found: dict[str, object] = python_json(code)
    return found


def test_lightgbm_without_sklearn_and_sklearn_still_importable() -> None:
    found = _run(
        "import json, sys\n"
        "from citeqa.lazy import import_without\n"
        "lgb = import_without('lightgbm', 'sklearn', 'pandas')\n"
        "before = 'sklearn' in sys.modules\n"
        "import sklearn\n"
        "print(json.dumps({'before': before, 'flag': lgb.compat.SKLEARN_INSTALLED,"
        " 'after': 'sklearn' in sys.modules}))"
    )
    assert found == {"before": False, "flag": False, "after": True}


def test_spacy_without_torch_and_torch_still_importable() -> None:
    found = _run(
        "import json, sys\n"
        "from citeqa.lazy import import_without\n"
        "import_without('spacy', 'torch')\n"
        "before = 'torch' in sys.modules\n"
        "import torch\n"
        "print(json.dumps({'before': before, 'after': 'torch' in sys.modules}))"
    )
    assert found == {"before": False, "after": True}


def test_an_extra_already_imported_is_left_alone() -> None:
    from citeqa.lazy import import_without

    assert import_without("json", "os") is json and sys.modules["os"] is os
