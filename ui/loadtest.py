"""Load benchmark of the web chat: concurrent gradio_client conversations against one server.

    python -m ui.loadtest [--clients 20] [--turns 3] [--articles DIR] [--out FILE]

Ingests the articles into a temporary store, starts ``python -m ui`` on a free loopback port,
warms it up, then runs ``--clients`` conversations at once, each asking ``--turns`` questions
through the ``ask`` endpoint. Every answer is checked (supported, the expected fact in the answer
and in its first citation's quote). Prints and writes p50/p95 latency, throughput and failures.
Traffic goes to 127.0.0.1 only; every request has a timeout and the run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "ui" / "articles"

QUESTIONS: list[tuple[str, str]] = [
    ("How much did the Kessling Harbour Bridge repairs cost?", "42 million"),
    ("Who won the national schools robotics final?", "Tessel"),
    ("When was the dam at Lake Varn built?", "1952"),
    ("How many teams did the Tessel pupils beat?", "48"),
    ("How many vehicles a day will the Kessling bridge carry?", "58,000"),
]
"""(question, fact the answer must contain) for the articles in ``tests/ui/articles``."""

REQUEST_TIMEOUT = 180.0
"""Seconds one request may take before it counts as failed."""


@dataclass
class Result:
    """One request: which conversation, how long, and whether the answer was right."""

    client: int
    question: str
    seconds: float
    ok: bool
    error: str = ""


@dataclass
class Report:
    """The benchmark's outcome."""

    clients: int
    turns: int
    requests: int = 0
    correct: int = 0
    failed: int = 0
    p50_s: float = 0.0
    p95_s: float = 0.0
    max_s: float = 0.0
    wall_s: float = 0.0
    answers_per_s: float = 0.0
    errors: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def check(answer: dict[str, Any], fact: str) -> str:
    """Why ``answer`` is wrong for a question whose answer holds ``fact``; empty when right.

    answer: the ``ask`` endpoint's JSON. fact: text the answer and its first quote must contain.
    """
    if not answer.get("supported"):
        return "declined"
    if fact not in str(answer.get("answer", "")):
        return f"answer lacks {fact!r}"
    cites = answer.get("citations") or []
    if not cites or fact not in str(cites[0].get("quote", "")):
        return f"first citation lacks {fact!r}"
    return ""


def _conversation(url: str, n: int, turns: int, out: list[Result], lock: threading.Lock) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    for t in range(turns):
        question, fact = QUESTIONS[(n + t) % len(QUESTIONS)]
        t0 = time.perf_counter()
        try:
            job = client.submit(question=question, api_name="/ask")
            why = check(job.result(timeout=REQUEST_TIMEOUT), fact)
        except Exception as e:
            why = f"{type(e).__name__}: {e}"
        result = Result(n, question, time.perf_counter() - t0, not why, why)
        with lock:
            out.append(result)


def _wait_up(url: str, proc: subprocess.Popen[bytes], limit: float = 300.0) -> None:
    import httpx

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url + "/config", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise TimeoutError(f"server at {url} did not come up in {limit:.0f} s")


def run(clients: int, turns: int, articles: Path) -> Report:
    """Run the benchmark and return its report.

    clients: concurrent conversations. turns: questions per conversation. articles: folder
    ingested into the temporary store (the questions fit ``tests/ui/articles``).
    """
    from ingest import ingest, open_store

    report = Report(clients, turns)
    with tempfile.TemporaryDirectory(prefix="citeqa-load-") as tmp:
        store_dir = Path(tmp) / "store"
        ingest([str(articles)], store=open_store(store_dir, create=True))
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "CITEQA_UPLOAD_DIR": str(Path(tmp) / "up")}
        cmd = [sys.executable, "-m", "ui", "--store", str(store_dir), "--port", str(port)]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_up(url, proc)
            warm: list[Result] = []
            _conversation(url, 0, 1, warm, threading.Lock())  # loads the models once
            results: list[Result] = []
            lock = threading.Lock()
            threads = [
                threading.Thread(target=_conversation, args=(url, n, turns, results, lock))
                for n in range(clients)
            ]
            t0 = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join(timeout=REQUEST_TIMEOUT * turns + 60)
            report.wall_s = round(time.perf_counter() - t0, 2)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    times = sorted(r.seconds for r in results)
    report.requests = len(results)
    report.correct = sum(r.ok for r in results)
    report.failed = clients * turns - report.correct
    report.p50_s = round(_percentile(times, 50), 3)
    report.p95_s = round(_percentile(times, 95), 3)
    report.max_s = round(max(times, default=0.0), 3)
    report.answers_per_s = round(report.correct / report.wall_s, 2) if report.wall_s else 0.0
    report.errors = sorted({f"{r.question}: {r.error}" for r in results if not r.ok})
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line entry; exit status 1 when any answer was wrong or missing.

    argv: arguments (default: the command line).
    """
    p = argparse.ArgumentParser(prog="python -m ui.loadtest", description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=20, help="concurrent conversations (20)")
    p.add_argument("--turns", type=int, default=3, help="questions per conversation (3)")
    p.add_argument("--articles", type=Path, default=ARTICLES, help="articles to ingest")
    p.add_argument("--out", type=Path, default=ROOT / "reports" / "ui_load.json")
    a = p.parse_args(argv)
    report = run(a.clients, a.turns, a.articles)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(asdict(report), indent=2))
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
