"""Load benchmark of the web chat: concurrent gradio_client conversations against one server.

    python -m eval.benchmarks.loadtest [--clients 20] [--turns 3] [--articles DIR] [--out FILE]
                                       [--baseline SRC] [--rounds 2]

Ingests the articles into a temporary store, starts ``python -m ui`` on a free loopback port,
warms it up, then runs ``--clients`` conversations at once, each asking ``--turns`` questions
through the ``ask`` endpoint. Every answer is checked (supported, the expected fact in the answer
and in its first citation's quote). Reports p50/p95 latency, throughput, the server's CPU time
(user+sys, less sensitive to a busy machine than wall time) and failures.

``--baseline SRC`` serves a second web chat from another source tree (e.g. ``git archive main``
unpacked) over the same store and runs the same load on both, alternating rounds (A B A B...), so
both are measured in one run on the same machine state; the report gives both and the ratios.
Traffic goes to 127.0.0.1 only; every request has a timeout and the run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eval.metrics.latency.percentiles import percentile

ROOT = Path(__file__).resolve().parents[2]
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
    """One server's outcome over all its rounds."""

    name: str
    clients: int
    turns: int
    rounds: int = 0
    requests: int = 0
    correct: int = 0
    failed: int = 0
    p50_s: float = 0.0
    p95_s: float = 0.0
    max_s: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    answers_per_s: float = 0.0
    errors: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check(answer: dict[str, Any], fact: str) -> str:
    """Why ``answer`` is wrong for a question whose answer holds ``fact``; empty when right.

    answer: the ``ask`` endpoint's JSON (``Answer.to_dict()``; older servers said ``answer``
    for ``text``). fact: text the answer and its first quote must contain.
    """
    if not answer.get("supported"):
        return "declined"
    if fact not in str(answer.get("text", answer.get("answer", ""))):
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


def cpu_seconds(pid: int) -> float:
    """User+system CPU seconds used so far by process ``pid`` (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """A web chat started from source tree ``src`` over a store; its URL and process."""

    name: str
    src: Path
    url: str
    proc: subprocess.Popen[bytes]


def _start(name: str, src: Path, store_dir: Path, uploads: Path) -> Server:
    port = _free_port()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "CITEQA_UPLOAD_DIR": str(uploads),
        "PYTHONPATH": str(src),
    }
    cmd = [sys.executable, "-m", "ui", "--store", str(store_dir), "--port", str(port)]
    proc = subprocess.Popen(
        cmd, cwd=src, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return Server(name, src, f"http://127.0.0.1:{port}", proc)


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


def _round(server: Server, clients: int, turns: int) -> tuple[list[Result], float, float]:
    results: list[Result] = []
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_conversation, args=(server.url, n, turns, results, lock))
        for n in range(clients)
    ]
    cpu0, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=REQUEST_TIMEOUT * turns + 60)
    return results, time.perf_counter() - t0, cpu_seconds(server.proc.pid) - cpu0


def _summarise(name: str, clients: int, turns: int, rounds: list[Any]) -> Report:
    report = Report(name, clients, turns, rounds=len(rounds))
    results = [r for res, _, _ in rounds for r in res]
    times = [r.seconds for r in results]
    report.requests = len(results)
    report.correct = sum(r.ok for r in results)
    report.failed = clients * turns * len(rounds) - report.correct
    report.p50_s = round(percentile(times, 50) or 0.0, 3)
    report.p95_s = round(percentile(times, 95) or 0.0, 3)
    report.max_s = round(max(times, default=0.0), 3)
    report.wall_s = round(sum(w for _, w, _ in rounds), 2)
    report.cpu_s = round(sum(c for _, _, c in rounds), 2)
    report.answers_per_s = round(report.correct / report.wall_s, 2) if report.wall_s else 0.0
    report.errors = sorted({f"{r.question}: {r.error}" for r in results if not r.ok})
    return report


def run(
    clients: int,
    turns: int,
    articles: Path,
    *,
    baseline: Path | None = None,
    rounds: int = 1,
) -> list[Report]:
    """Run the benchmark; one report for this tree, then one for ``baseline`` when given.

    clients: concurrent conversations. turns: questions per conversation. articles: folder
    ingested into the temporary store (the questions fit ``tests/ui/articles``). baseline: a
    second source tree served over the same store. rounds: load rounds per server, alternated.
    """
    from ingest import ingest, open_store

    with tempfile.TemporaryDirectory(prefix="citeqa-load-") as tmp:
        store_dir = Path(tmp) / "store"
        ingest([str(articles)], store=open_store(store_dir))
        trees = [("this tree", ROOT)] + ([("baseline", baseline.resolve())] if baseline else [])
        servers = [
            _start(name, src, store_dir, Path(tmp) / f"up{i}")
            for i, (name, src) in enumerate(trees)
        ]
        done: dict[str, list[Any]] = {s.name: [] for s in servers}
        try:
            for s in servers:
                _wait_up(s.url, s.proc)
                _conversation(s.url, 0, 1, [], threading.Lock())  # loads the models once
            for _ in range(rounds):
                for s in servers:
                    done[s.name].append(_round(s, clients, turns))
        finally:
            for s in servers:
                _stop(s)
    return [_summarise(s.name, clients, turns, done[s.name]) for s in servers]


def ratios(reports: list[Report]) -> dict[str, float]:
    """This tree over the baseline for p50, p95 and CPU time (below 1: this tree is faster)."""
    if len(reports) < 2:
        return {}
    a, b = reports[0], reports[1]
    pairs = {"p50": (a.p50_s, b.p50_s), "p95": (a.p95_s, b.p95_s), "cpu": (a.cpu_s, b.cpu_s)}
    return {k: round(x / y, 3) for k, (x, y) in pairs.items() if y}


def main(argv: list[str] | None = None) -> int:
    """Command line entry; exit status 1 when any answer was wrong or missing.

    argv: arguments (default: the command line).
    """
    doc = (__doc__ or "").split("\n")[0]
    p = argparse.ArgumentParser(prog="python -m eval.benchmarks.loadtest", description=doc)
    p.add_argument("--clients", type=int, default=20, help="concurrent conversations (20)")
    p.add_argument("--turns", type=int, default=3, help="questions per conversation (3)")
    p.add_argument("--articles", type=Path, default=ARTICLES, help="articles to ingest")
    p.add_argument(
        "--baseline", type=Path, default=None, help="another source tree to measure beside this"
    )
    p.add_argument("--rounds", type=int, default=1, help="load rounds per server (1)")
    p.add_argument("--out", type=Path, default=ROOT / "reports" / "ui_load.json")
    a = p.parse_args(argv)
    reports = run(a.clients, a.turns, a.articles, baseline=a.baseline, rounds=a.rounds)
    doc_out = {"reports": [asdict(r) for r in reports], "ratios": ratios(reports)}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(doc_out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(doc_out, indent=2))
    return 0 if all(r.failed == 0 for r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())
