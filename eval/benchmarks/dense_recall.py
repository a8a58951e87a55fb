"""How many of the true nearest chunks Chroma's dense search returns, and what it costs, at
several HNSW search breadths (``ef_search``), side by side in one run.

Chroma's HNSW search is approximate. Below its ``sync_threshold`` (1,000 vectors) a folder
store's graph is rebuilt, in parallel, each time a process opens it, so the same question can
get a different neighbour list in another process. Each breadth is measured on a fresh copy of
a dataset's store, opened ``opens`` times (each open in a new process, as a user's would be);
the truth is the exact cosine ranking over every stored chunk vector.

    python -m eval.benchmarks.dense_recall \
        ../shared/datasets/squad/squad-v1.1-dev-18articles-train.json --limit 300
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from citeqa.settings import get_settings
from eval.datasets import load_question_set
from eval.run import dataset_store

BREADTHS = (100, 200, 500)
"""``ef_search`` values compared (100 is Chroma's default)."""


def _probe(store_dir: str, ef: int, vectors: str, n: int) -> dict[str, Any]:
    """In this process: open the copy at ``ef``, query every vector, compare with exact."""
    import chromadb

    import ingest.chroma_ef  # noqa: F401  (registers citeqa's embedding function)

    client = chromadb.PersistentClient(store_dir)
    name = next(c.name for c in client.list_collections() if c.name.endswith("_chunks"))
    col = client.get_collection(name)
    col.modify(configuration={"hnsw": {"ef_search": ef}})
    got = col.get(include=["embeddings"])
    ids = list(got["ids"])
    emb = np.asarray(got["embeddings"], dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    queries = np.load(vectors)
    found, total, ms = 0, 0, []
    lists = []
    for q in queries:
        truth = {ids[i] for i in np.argsort(-(emb @ q), kind="stable")[:n]}
        t0 = time.perf_counter()
        res = col.query(query_embeddings=[q.tolist()], n_results=n, include=[])
        ms.append((time.perf_counter() - t0) * 1000)
        found += len(truth & set(res["ids"][0]))
        total += n
        lists.append(res["ids"][0])
    return {"recall": found / total, "ms_p50": float(np.median(ms)), "lists": lists}


def compare_breadths(
    dataset: str, limit: int = 300, opens: int = 3, n: int = 38, seed: int = 3
) -> dict[str, Any]:
    """Recall@``n`` of Chroma's dense search against exact cosine, per ``ef_search``, for
    ``limit`` sampled questions of ``dataset``; and the share of questions whose neighbour list
    differs between ``opens`` opens of the same store (``n``: what the retriever asks for,
    ``Settings.candidates`` + 8)."""
    settings = get_settings()
    qset = load_question_set(dataset)
    store = dataset_store(qset, dataset, settings)
    items = qset.sample(limit, seed).items
    vecs = np.asarray(store.embedder.embed([i.question for i in items]), dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    src = Path(str(store.location.folder))
    out: dict[str, Any] = {"dataset": dataset, "questions": len(items), "n": n}
    with tempfile.TemporaryDirectory() as tmp:
        np.save(f"{tmp}/q.npy", vecs)
        for ef in BREADTHS:
            copy = f"{tmp}/store-{ef}"
            shutil.copytree(src, copy)
            runs = [_run_probe(copy, ef, f"{tmp}/q.npy", n) for _ in range(opens)]
            lists = [{tuple(r["lists"][i]) for r in runs} for i in range(len(items))]
            differ = np.mean([len(seen) > 1 for seen in lists])
            out[f"ef_{ef}"] = {
                "recall": round(float(np.mean([r["recall"] for r in runs])), 5),
                "recall_min": round(min(r["recall"] for r in runs), 5),
                "ms_p50": round(float(np.median([r["ms_p50"] for r in runs])), 3),
                "lists_differ_between_opens": round(float(differ), 4),
            }
    out["chunks"] = store.count()
    return out


def _run_probe(store_dir: str, ef: int, vectors: str, n: int) -> dict[str, Any]:
    code = (
        "import json,sys; from eval.benchmarks.dense_recall import _probe; "
        f"print(json.dumps(_probe({store_dir!r}, {ef}, {vectors!r}, {n})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dataset")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--opens", type=int, default=3)
    args = ap.parse_args()
    print(json.dumps(compare_breadths(args.dataset, args.limit, args.opens), indent=2))


if __name__ == "__main__":
    main()
