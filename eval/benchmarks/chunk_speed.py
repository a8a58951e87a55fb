"""Chunking time per MB at 0.1, 1 and 10 MB of text: flat means ingest is linear in file size.

Issue 9 #2: the content hash was recomputed for every chunk, so a 1 MB text took 4.8 s and a
19.9 MB one hours. This measures the text path after reading (clean → split → chunk → ids, no
model, no store) on synthetic news-like text, best of ``repeat`` runs per size, wall and CPU
time side by side, and the ratio of seconds per MB between 10 MB and 1 MB (target ≤ 1.3).

    python -m eval.benchmarks.chunk_speed            # or: citeqa bench (wired by the CLI)
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from typing import Any

from citeqa.settings import get_settings
from ingest.chunk import chunk_document
from ingest.clean import clean_text
from ingest.types import Document

SIZES_MB: tuple[float, ...] = (0.1, 1.0, 10.0)
_WORDS = [
    "council",
    "mayor",
    "bridge",
    "river",
    "budget",
    "vote",
    "school",
    "park",
    "market",
    "harbour",
    "station",
    "minister",
    "report",
    "police",
    "court",
    "museum",
    "festival",
    "weather",
    "storm",
    "company",
    "workers",
    "union",
    "price",
]


def synthetic_text(n_bytes: int, seed: int = 0) -> str:
    """News-like paragraphs of ~15-word sentences, ``n_bytes`` long (ASCII)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        sentences = [
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(rng.randint(3, 7))
        ]
        para = " ".join(sentences)
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)[:n_bytes]


def time_chunking(text: str, size: int, overlap: int) -> tuple[float, float, int]:
    """Wall and CPU seconds to clean, split and chunk ``text`` (ids included); chunk count."""
    w0, c0 = time.perf_counter(), time.process_time()
    doc = Document(source="bench://text", text=clean_text(text), title="Bench")
    chunks = chunk_document(doc, size=size, overlap=overlap)
    ids = [c.chunk_id for c in chunks]
    return time.perf_counter() - w0, time.process_time() - c0, len(ids)


def measure(sizes_mb: Sequence[float] = SIZES_MB, repeat: int = 3) -> dict[str, Any]:
    """Seconds per MB at each size (best of ``repeat``) and the 10 MB / 1 MB ratio."""
    s = get_settings()
    rows = []
    for mb in sizes_mb:
        text = synthetic_text(int(mb * 1024 * 1024))
        runs = [time_chunking(text, s.chunk_size, s.chunk_overlap) for _ in range(repeat)]
        wall, cpu, n = min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]
        rows.append(
            {
                "mb": mb,
                "chunks": n,
                "wall_s": round(wall, 4),
                "cpu_s": round(cpu, 4),
                "wall_s_per_mb": round(wall / mb, 4),
                "cpu_s_per_mb": round(cpu / mb, 4),
            }
        )
    by_mb = {r["mb"]: r for r in rows}
    ratio = (
        round(by_mb[10.0]["cpu_s_per_mb"] / by_mb[1.0]["cpu_s_per_mb"], 3)
        if 1.0 in by_mb and 10.0 in by_mb and by_mb[1.0]["cpu_s_per_mb"]
        else None
    )
    return {
        "what": "clean + sentence split + chunk + chunk ids, synthetic news text",
        "chunk_size": s.chunk_size,
        "sizes": rows,
        "ratio_10mb_to_1mb_cpu_per_mb": ratio,
        "target_ratio": 1.3,
        "ok": ratio is not None and ratio <= 1.3,
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Print (and return) the measurement as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    args = ap.parse_args(argv)
    result = measure(repeat=args.repeat)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
