"""Cold start: how long a fresh ``citeqa`` process takes, next to Python's own floor.

Each command runs ``runs`` times in a new process, interleaved (so background load hits every
command alike): ``python -c pass`` and ``python -c "import chromadb"`` (the floor any Chroma
tool pays), then ``citeqa ask`` (answer printed and process exited), ``citeqa docs`` and
``citeqa ui`` (until its page answers over HTTP). Reported per command: median wall seconds,
median CPU seconds (user+sys of the process and its children, less sensitive to other load) and
both as ratios to the two floors.

    python -m eval.benchmarks.cold_start --runs 5
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
QUESTION = "When did the Harbor Bridge reopen?"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process, start to exit."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    return time.perf_counter() - t0, _children_cpu() - cpu0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_ui(store: str, timeout: float = 120) -> tuple[float, float]:
    """Wall seconds until the web chat's page answers; CPU seconds of the server until then."""
    port = _free_port()
    argv = [sys.executable, "-m", "citeqa", "ui", "--store", store, "--port", str(port)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    try:
        while time.perf_counter() - t0 < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"citeqa ui exited with status {proc.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"citeqa ui did not answer within {timeout:.0f} s")
        wall = time.perf_counter() - t0
        cpu = _process_cpu(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    return wall, cpu


def _process_cpu(pid: int) -> float:
    """user+sys seconds of a running process and its children (psutil)."""
    import psutil

    p = psutil.Process(pid)
    total = sum(p.cpu_times()[:2])
    for child in p.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return float(total)


def commands(store: str) -> dict[str, Callable[[], tuple[float, float]]]:
    """The measured commands, by name."""
    py = sys.executable
    cli = [py, "-m", "citeqa"]
    return {
        "python -c pass": lambda: _run([py, "-c", "pass"]),
        "import chromadb": lambda: _run([py, "-c", "import chromadb"]),
        "citeqa ask": lambda: _run([*cli, "ask", QUESTION, "--store", store]),
        "citeqa docs": lambda: _run([*cli, "docs", "--store", store]),
        "citeqa ui": lambda: _run_ui(store),
    }


def measure_cold_start(
    store: str | None = None, runs: int = 5, only: Sequence[str] | None = None
) -> dict[str, Any]:
    """Median wall/CPU seconds per command and their ratios to the two floors.

    store: a store to ask (default: the example articles, ingested into a temporary folder,
    not timed). runs: processes per command (interleaved). only: a subset of command names
    (the two floors are always measured).
    """
    with tempfile.TemporaryDirectory(prefix="citeqa-cold-") as tmp:
        if store is None:
            store = str(Path(tmp) / "store")
            subprocess.run(
                [sys.executable, "-m", "citeqa", "ingest", str(EXAMPLES), "--store", store],
                check=True,
                capture_output=True,
                env=_env(),
            )
        table = commands(store)
        names = [n for n in table if only is None or n in only or n in list(table)[:2]]
        for name in names:  # one unmeasured warm-up each: the OS file cache, the ONNX export
            table[name]()
        samples: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
        for _ in range(runs):
            for name in names:
                samples[name].append(table[name]())
    return _summarise(samples, runs)


def _summarise(samples: dict[str, list[tuple[float, float]]], runs: int) -> dict[str, Any]:
    med = {
        n: {
            "wall_s": round(statistics.median(w for w, _ in s), 3),
            "cpu_s": round(statistics.median(c for _, c in s), 3),
        }
        for n, s in samples.items()
    }
    floor, chroma = med["python -c pass"], med["import chromadb"]
    for m in med.values():
        m["wall_vs_python"] = round(m["wall_s"] / floor["wall_s"], 1)
        m["wall_vs_chromadb"] = round(m["wall_s"] / chroma["wall_s"], 2)
        m["cpu_vs_chromadb"] = round(m["cpu_s"] / max(chroma["cpu_s"], 1e-3), 2)
    return {"runs": runs, "load_average": [round(x, 2) for x in os.getloadavg()], "commands": med}


def markdown(result: dict[str, Any]) -> list[str]:
    """The cold-start table for ``bench.md``."""
    lines = [
        f"## Cold start (median of {result['runs']} runs; load average "
        f"{', '.join(map(str, result['load_average']))})",
        "",
        "| command | wall s | CPU s | wall ÷ python -c pass | wall ÷ import chromadb "
        "| CPU ÷ import chromadb |",
        "|---|---|---|---|---|---|",
    ]
    for name, m in result["commands"].items():
        lines.append(
            f"| {name} | {m['wall_s']} | {m['cpu_s']} | {m['wall_vs_python']} | "
            f"{m['wall_vs_chromadb']} | {m['cpu_vs_chromadb']} |"
        )
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--store", help="store to ask (default: the example articles)")
    p.add_argument("--runs", type=int, default=5, help="processes per command (default 5)")
    p.add_argument("--only", nargs="*", help="command names to measure (default: all)")
    a = p.parse_args(argv)
    result = measure_cold_start(a.store, a.runs, a.only)
    print(json.dumps(result, indent=2))
    print("\n".join(markdown(result)))


if __name__ == "__main__":
    main()
