"""Compare a run's metrics with a pinned baseline file.

A baseline file is ``{"metrics": {...nested like metrics.json...}, "tolerance": 0.02,
"command": "citeqa eval ..."}``. Scores are ratios where higher is better, except the names in
``LOWER_IS_BETTER``. Counts (``n_*``) and latency (``latency_ms``: machine-dependent) are not
gated. A score may also move by one question's worth (1 / n of the questions it is taken over:
its group's ``n``, else the run's answerable questions): two passages whose fused scores differ
in the sixth digit swap places on a CPU whose float kernels differ (AVX-512 against AVX2), and
in a group of five questions that one swap is 0.033 of a mean.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

DEFAULT_TOLERANCE = 0.02
LOWER_IS_BETTER = frozenset({"wrongly_declined", "declined", "ece", "ece_answerable", "short_ece"})
UNGATED_GROUPS = frozenset({"latency_ms"})


def check_baseline(metrics: Mapping[str, Any], baseline_path: str | Path) -> list[str]:
    """The failures of ``metrics`` against the baseline at ``baseline_path`` (empty: passed).

    A failure is a pinned score the run lacks (or has as null), or one that fell below
    ``pinned - tolerance`` (rose above ``pinned + tolerance`` for lower-is-better scores).
    """
    baseline = load_baseline(baseline_path)
    return compare_metrics(metrics, baseline["metrics"], float(baseline["tolerance"]))


def compare_metrics(
    metrics: Mapping[str, Any], pinned: Mapping[str, Any], tolerance: float = DEFAULT_TOLERANCE
) -> list[str]:
    """The failures of ``metrics`` against ``pinned`` (same nesting) with ``tolerance``.

    >>> compare_metrics({"answer": {"f1": 0.70}}, {"answer": {"f1": 0.71}}, 0.02)
    []
    >>> compare_metrics({"answer": {"f1": 0.60}}, {"answer": {"f1": 0.71}}, 0.02)
    ['answer.f1 = 0.600 is below the pinned 0.710 - 0.02']
    >>> compare_metrics({"refusal": {"wrongly_declined": 0.3}},
    ...                 {"refusal": {"wrongly_declined": 0.1}}, 0.02)
    ['refusal.wrongly_declined = 0.300 is above the pinned 0.100 + 0.02']
    >>> pinned = {"by_qtype": {"what": {"n": 5, "mrr@10": 0.700}}}
    >>> compare_metrics({"by_qtype": {"what": {"mrr@10": 0.667}}}, pinned, 0.02)  # one swap
    []
    >>> compare_metrics({"by_qtype": {"what": {"mrr@10": 0.400}}}, pinned, 0.02)
    ['by_qtype.what.mrr@10 = 0.400 is below the pinned 0.700 - 0.2']
    """
    failures = []
    for path, pinned_value in _gated_leaves(pinned):
        current = _lookup(metrics, path)
        name = ".".join(path)
        allowed = max(tolerance, _one_question(pinned, path))
        if not isinstance(current, int | float) or isinstance(current, bool):
            failures.append(f"{name} is missing (pinned {pinned_value:.3f})")
        elif path[-1] in LOWER_IS_BETTER:
            if current > pinned_value + allowed:
                failures.append(
                    f"{name} = {current:.3f} is above the pinned {pinned_value:.3f} + {allowed:g}"
                )
        elif current < pinned_value - allowed:
            failures.append(
                f"{name} = {current:.3f} is below the pinned {pinned_value:.3f} - {allowed:g}"
            )
    return failures


def _one_question(pinned: Mapping[str, Any], path: tuple[str, ...]) -> float:
    """What one question weighs in the score at ``path``: 1 / its group's ``n`` (else the
    run's answerable questions); 0 when neither is known."""
    group = _lookup(pinned, path[:-1])
    n = group.get("n") if isinstance(group, Mapping) else None
    n = n or pinned.get("n_answerable")
    return 1.0 / n if isinstance(n, int) and n > 0 else 0.0


def write_baseline(
    metrics: Mapping[str, Any],
    baseline_path: str | Path,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    command: str = "",
) -> Path:
    """Pin ``metrics`` (as written to metrics.json) into ``baseline_path``.

    Args:
        metrics: the run's metrics dict.
        baseline_path: the JSON file to write (folders are created).
        tolerance: how far a later run may fall below each score (default 0.02).
        command: the command that produced ``metrics``, kept to reproduce it (default "").
    """
    path = Path(baseline_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"metrics": dict(metrics), "tolerance": tolerance, "command": command}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def load_baseline(baseline_path: str | Path) -> dict[str, Any]:
    """The baseline file's content, ``tolerance`` defaulting to ``DEFAULT_TOLERANCE``.

    Raises ValueError when the file has no ``metrics`` object.
    """
    data = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise ValueError(f"{baseline_path}: a baseline needs a 'metrics' object")
    data.setdefault("tolerance", DEFAULT_TOLERANCE)
    data.setdefault("command", "")
    return data


def _gated_leaves(
    tree: Mapping[str, Any], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], float]]:
    """(path, value) of every numeric leaf that is a gated score."""
    for key, value in tree.items():
        if key in UNGATED_GROUPS or key.startswith("n_") or key == "n":
            continue
        if isinstance(value, Mapping):
            yield from _gated_leaves(value, (*prefix, key))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield (*prefix, key), float(value)


def _lookup(tree: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = tree
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node
