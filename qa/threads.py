"""How many threads numpy's BLAS may use while answering.

An answer runs many small matrix products in numpy (spaCy's layers, sentence features) between
onnxruntime's encodings. OpenBLAS hands each larger product to a pool of threads that then
spin, waiting for more work, on the cores onnxruntime's threads need next. On a 2-core machine,
150 training-split questions each answered cold at OpenBLAS's own 2 threads and at one, in
turns in one process: p50 155.7 → 139.9 ms, CPU 294 → 212 ms a question, the same answers
(``eval.benchmarks.blas_threads``; README, Speed).
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_limited: int | None = None


def limit_blas_threads(threads: int) -> None:
    """Let numpy's BLAS use at most ``threads`` threads in this process from now on.

    ``0`` leaves the library's own choice. Called when a pipeline is built
    (``Settings.blas_threads``); calling it again with the same number does nothing.
    """
    global _limited
    if threads <= 0 or threads == _limited:
        return
    from threadpoolctl import threadpool_limits

    with _lock:
        threadpool_limits(limits=threads, user_api="blas")
        _limited = threads
