"""Fault-injection points: named places in the write path where a test can crash or pause a run.

Product code calls ``fault_point("store.put.after_chunks")`` at each step worth breaking. Nothing
happens unless ``CITEQA_FAULTS`` names that point, as ``point=action[,point=action...]``:

- ``kill``: the process dies at once (SIGKILL), as on a power cut or an OOM kill;
- ``enospc``: ``OSError(ENOSPC)`` is raised, as when the disk fills up;
- ``pause:SECONDS``: the process sleeps there (a window for another process to act in); when
  ``CITEQA_FAULTS_READY`` names a file, it is created first so a test knows the window is open.

The probe kit (``tests/probes/``) drives these from real processes; ``docs/reliability.md`` lists
every point and the test that uses it.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from pathlib import Path

POINTS: tuple[str, ...] = (
    "store.put.after_sentences",
    "store.put.before_chunks",
    "store.put.after_chunks",
    "store.put.after_records",
    "store.repair.before_delete",
    "store.sweep.before_delete",
)
"""Every place the write path can be broken (documented once, checked by a test)."""


def _actions() -> dict[str, str]:
    spec = os.environ.get("CITEQA_FAULTS", "")
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        point, _, action = part.partition("=")
        out[point.strip()] = action.strip() or "kill"
    return out


def fault_point(name: str) -> None:
    """Act on the fault ``CITEQA_FAULTS`` asks for at ``name``; a no-op when none is set."""
    if "CITEQA_FAULTS" not in os.environ:
        return
    action = _actions().get(name)
    if action is None:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    elif action.startswith("pause:"):
        ready = os.environ.get("CITEQA_FAULTS_READY")
        if ready:
            Path(ready).touch()
        time.sleep(float(action.split(":", 1)[1]))
    else:
        raise ValueError(f"CITEQA_FAULTS: unknown action {action!r} at {name!r}")
