"""The chunking benchmark runs and reports what it promises (the figures live in its output)."""

from __future__ import annotations

from eval.benchmarks.chunk_speed import measure, synthetic_text


def test_synthetic_text_has_the_size_asked() -> None:
    assert len(synthetic_text(50_000)) == 50_000


def test_measure_reports_seconds_per_mb_and_the_ratio() -> None:
    got = measure(sizes_mb=(0.05, 0.1), repeat=1)
    assert [r["mb"] for r in got["sizes"]] == [0.05, 0.1]
    assert all(r["chunks"] > 0 and r["cpu_s_per_mb"] >= 0 for r in got["sizes"])
    assert got["ratio_10mb_to_1mb_cpu_per_mb"] is None and got["ok"] is False
