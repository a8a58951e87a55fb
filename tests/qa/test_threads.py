"""numpy's BLAS threads: a pipeline caps them as ``Settings.blas_threads`` says."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

import qa.threads
from citeqa.settings import Settings
from ingest.store import Store
from qa import Pipeline
from qa.threads import limit_blas_threads


def _blas_threads() -> set[int]:
    return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}


@pytest.fixture
def two_blas_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """numpy's BLAS allowed two threads, and qa.threads not yet called; restored after."""
    if not _blas_threads():
        pytest.skip("numpy here has no BLAS that threadpoolctl can see")
    monkeypatch.setattr(qa.threads, "_limited", None)
    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == {2}
        yield


def test_a_pipeline_caps_blas_at_its_setting(two_blas_threads: None, examples_store: Store) -> None:
    Pipeline.from_settings(examples_store, settings=Settings(blas_threads=1))
    assert _blas_threads() == {1}
    a = np.arange(64.0).reshape(8, 8)
    assert float((a @ a.T)[7, 7]) == float(sum(x * x for x in range(56, 64)))


def test_zero_leaves_blas_alone(two_blas_threads: None) -> None:
    limit_blas_threads(0)
    assert _blas_threads() == {2}
