"""How query cost grows with the store: latency and memory at 1k, 10k and 100k chunks.

Encoding 100k passages would take ~1.5 h on 2 cores, so larger stores are synthesised from a real
base corpus: copy ``i`` of a base chunk keeps its text (so BM25 statistics stay realistic) under a
new document id, and its vector is the base vector plus Gaussian noise (σ=0.02), re-normalised.
Each size runs in its own process so its resident memory is its own.

    python -m eval.benchmarks.scale DATASET --sizes 1000,10000,100000 --questions 200
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from eval.datasets import load_question_set
from eval.metrics.latency.percentiles import percentile
from ingest import ingest_documents, open_store
from ingest.store import Prepared, Store
from ingest.types import Chunk, Document


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def synthesise(base: Store, target: Store, n_chunks: int, seed: int = 0) -> None:
    """Fill ``target`` with ``n_chunks`` chunks made from ``base``'s (see the module doc)."""
    rng = np.random.default_rng(seed)
    chunks = base.chunks()
    ids = [c.chunk_id for c in chunks]
    vec_of = dict(zip(ids, base.vectors(ids), strict=True))
    items: list[Prepared] = []
    made = 0
    copy = 0
    while made < n_chunks:
        for c in chunks:
            if made >= n_chunks:
                break
            doc = Document(
                source=f"synthetic://{copy}/{c.doc_id}/{c.index}", text=c.text, title=c.title
            )
            chunk = Chunk(doc.doc_id, doc.content_hash, 0, c.text, 0, len(c.text))
            v = vec_of[c.chunk_id] + (rng.normal(0, 0.02, vec_of[c.chunk_id].shape) if copy else 0)
            vec = (v / np.linalg.norm(v))[None, :].astype("float32")
            items.append(Prepared(doc, [chunk], vec))
            made += 1
            if len(items) >= 2000:
                target.put(items)
                items = []
        copy += 1
    target.put(items)


def measure_size(dataset: str, n_chunks: int, n_questions: int) -> dict[str, Any]:
    """Build a store of ``n_chunks`` and time ``n_questions`` retrievals and answers on it."""
    from qa import Pipeline, retrieve

    qset = load_question_set(dataset)
    assert qset.documents
    with tempfile.TemporaryDirectory() as tmp:
        base = open_store(os.path.join(tmp, "base"), create=True)
        ingest_documents(qset.documents, store=base)
        target = open_store(os.path.join(tmp, "target"), create=True)
        t0 = time.perf_counter()
        synthesise(base, target, n_chunks)
        build_s = time.perf_counter() - t0
        questions = [i.question for i in qset.items[:n_questions]]
        pipe = Pipeline.from_settings(target)
        k = pipe.retrieval.k
        pipe.answer(questions[0])  # warm: BM25 index, HNSW in memory
        r_ms, a_ms = [], []
        for q in questions:
            t = time.perf_counter()
            retrieve(q, pipe.searcher, k)
            r_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            pipe.answer(q)
            a_ms.append((time.perf_counter() - t) * 1000)
        return {
            "chunks": target.count(),
            "build_s": round(build_s, 1),
            "retrieve_ms": {"p50": percentile(r_ms, 50), "p95": percentile(r_ms, 95)},
            "answer_ms": {"p50": percentile(a_ms, 50), "p95": percentile(a_ms, 95)},
            "rss_mb": round(_rss_mb(), 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def run_scale(dataset: str, sizes: Sequence[int], n_questions: int) -> list[dict[str, Any]]:
    """``measure_size`` for each size, each in a fresh process."""
    rows = []
    for n in sizes:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "eval.benchmarks.scale",
                dataset,
                "--one",
                str(n),
                "--questions",
                str(n_questions),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure_size(args.dataset, args.one, args.questions)))
        return
    for row in run_scale(args.dataset, [int(s) for s in args.sizes.split(",")], args.questions):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
