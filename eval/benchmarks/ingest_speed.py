"""Ingest throughput of the whole pipeline next to the raw encode rate of the same model on the
same chunk texts, measured in one run; and the process's peak memory.

Every document of the dataset is written to a temporary folder as a .txt file, so the measured
pipeline includes reading, cleaning, sentence splitting, chunking, encoding and the Chroma
writes. The raw rate encodes exactly the chunk texts the pipeline produced, in one call, with
the same batch size; it is measured twice after the ingest and averaged. The same files are also
ingested into a second store without sentence vectors (``CITEQA_SENTENCE_VECTORS=false``), in
the same run, so the cost of keeping them is a ratio measured side by side. Reading and
cleaning alone are timed on the same files too (CPU milliseconds per KB, reported as
``read_ms_per_kb``): the speed the unit tests used to assert.

    python -m eval.benchmarks.ingest_speed ../shared/datasets/squad/squad-v1.1-dev-10articles.json
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from citeqa.settings import get_settings
from eval.datasets import load_question_set
from ingest import ingest, open_store
from ingest.embed import default_embedder
from ingest.readers import read_document


def measure_ingest(dataset: str) -> dict[str, Any]:
    """Full-pipeline chunks/s vs raw encode chunks/s on the same texts, and peak RSS."""
    qset = load_question_set(dataset)
    assert qset.documents, "the dataset brings no corpus"
    embedder = default_embedder()
    embedder.embed(["warm up the model"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i, doc in enumerate(qset.documents):
            (folder / f"{i:05d}.txt").write_text(doc.text, encoding="utf-8")
        read_ms_per_kb = _read_ms_per_kb(sorted(folder.iterdir()))
        embedder.embed([d.text for d in qset.documents[:64]])  # warm the kernels
        embedder.embed(["warm up the sentence encoder"])
        plain = get_settings().model_copy(update={"sentence_vectors": False})
        c0, t0 = time.process_time(), time.perf_counter()
        bare = ingest([folder], store=open_store(Path(tmp) / "bare", create=True), settings=plain)
        bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
        store = open_store(Path(tmp) / "store", create=True)
        c0, t0 = time.process_time(), time.perf_counter()
        report = ingest([folder], store=store)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        chunks = [c.text for c in store.chunks()]
        kept = getattr(store, "sentence_count", lambda: None)()
        raw_s = _timed_encode(embedder, chunks)
        raw_after = _timed_encode(embedder, chunks)
    raw_rate = len(chunks) / ((raw_s + raw_after) / 2)
    rate = report.chunks_written / seconds
    return {
        "documents": len(qset.documents),
        "chunks": report.chunks_written,
        "failed": report.count("failed"),
        "ingest_seconds": round(seconds, 2),
        "ingest_chunks_per_s": round(rate, 1),
        "raw_encode_chunks_per_s": round(raw_rate, 1),
        "ratio": round(rate / raw_rate, 3),
        "ingest_cpu_seconds": round(cpu, 1),
        "read_ms_per_kb": read_ms_per_kb,
        "sentences_kept": kept,
        "without_sentence_vectors": {
            "ingest_seconds": round(bare_s, 2),
            "ingest_cpu_seconds": round(bare_cpu, 1),
            "ingest_chunks_per_s": round(bare.chunks_written / bare_s, 1),
        },
        "sentence_vectors_slowdown": round(seconds / bare_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _read_ms_per_kb(paths: Sequence[Path]) -> float:
    """CPU milliseconds per KB to read and clean ``paths`` (other processes do not count)."""
    kb = sum(p.stat().st_size for p in paths) / 1024
    read_document(str(paths[0]))  # warm up imports and settings
    start = time.process_time()
    for path in paths:
        read_document(str(path))
    return round((time.process_time() - start) * 1000 / max(kb, 1e-9), 3)


def _timed_encode(embedder: Any, texts: list[str]) -> float:
    t = time.perf_counter()
    embedder.embed(texts)
    return time.perf_counter() - t


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    args = ap.parse_args(argv)
    print(json.dumps(measure_ingest(args.dataset), indent=2))


if __name__ == "__main__":
    main()
