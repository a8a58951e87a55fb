"""Running the real ``citeqa`` command in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

Run = Callable[..., subprocess.CompletedProcess[str]]


def python_json(code: str) -> Any:
    """Run ``code`` in a fresh interpreter from this checkout; the JSON its last line printed."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """``cli("ask", "…", input=None, env={})``: run ``python -m citeqa`` from this checkout."""

    def run(
        *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "citeqa", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=300,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "CITEQA_CHAT_DIR": str(tmp_path / "chat-state"),
                "COLUMNS": "200",
                **(env or {}),
            },
        )

    return run


def make_empty_store(cli: Run, store: Path) -> None:
    """A store that exists but holds nothing: an ingest whose only file cannot be read."""
    result = cli("ingest", str(store.parent / "missing.txt"), "--store", str(store))
    assert result.returncode == 1 and "no such file" in result.stderr, result.stderr
    assert store.exists()
