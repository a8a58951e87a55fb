"""The learned answerer's artefact: three scorers, a calibration map and an operating point.

The artefact is one JSON file (``qa/models/answerer.json``, written by ``python -m eval.train``):
LightGBM models are kept as their own text format inside it, logistic regressions as weights, the
calibration map as the points of an isotonic fit, plus what it was trained on (the data's sha256,
the seed, the feature names) and its cross-validated scores. Loading needs no pickle.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from citeqa.lazy import import_without

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "models" / "answerer.json"
FORMAT = "citeqa-answerer/1"
MEAN = "mean"
"""The kind of a ``Scorer`` that averages the probabilities of its ``payload["members"]``."""
RANK = "lgbm_rank"
"""The kind of a ``Scorer`` that ranks one list: LightGBM fitted listwise (lambdarank), its
rows' scores turned into shares of the list (a softmax), so they sum to 1 per list."""
SHORT_POINT = 0.5
"""An answer leads with its short answer when the short answer's confidence is at least this:
more likely right than not (a meaning, not a tuned value)."""


@dataclass
class Scorer:
    """A scorer over a fixed feature list: ``predict(X)`` gives P(positive) (a ``RANK``
    scorer: each row's share of its list)."""

    kind: str  # "lgbm" | "logreg" | MEAN | RANK
    features: tuple[str, ...]
    payload: dict[str, Any]
    _boosters: list[Any] | None = field(default=None, repr=False, compare=False)
    _members: list[Scorer] | None = field(default=None, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def predict(self, x: np.ndarray, sizes: Sequence[int] | None = None) -> np.ndarray:
        """P(positive) for each row of ``x`` (columns in ``features`` order); for a ``RANK``
        scorer, each row's share of its list: ``sizes`` are the lengths of the consecutive
        lists ``x`` holds (default: one list)."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got {x.shape}")
        if len(x) == 0:
            return np.zeros(0)
        if self.kind == MEAN:
            if self._members is None:
                self._members = [Scorer.from_dict(m) for m in self.payload["members"]]
            return np.asarray(np.mean([m.predict(x) for m in self._members], axis=0))
        if self.kind == "logreg":
            mean = np.asarray(self.payload["mean"])
            scale = np.asarray(self.payload["scale"])
            z = ((x - mean) / scale) @ np.asarray(self.payload["coef"]) + self.payload["intercept"]
            return np.asarray(1.0 / (1.0 + np.exp(-z)))
        if self._boosters is None:
            with self._lock:
                if self._boosters is None:
                    # Booster needs neither lightgbm's scikit-learn nor its pandas glue (~0.8 s)
                    lightgbm = import_without("lightgbm", "sklearn", "pandas")
                    # "models": a bag of fits, averaged; "model": one (artefacts before bags)
                    texts = self.payload.get("models") or [self.payload["model"]]
                    self._boosters = [lightgbm.Booster(model_str=t) for t in texts]
        raw = np.asarray(np.mean([b.predict(x, num_threads=1) for b in self._boosters], axis=0))
        if self.kind != RANK:
            return raw
        return np.concatenate([_softmax(part) for part in np.split(raw, _cuts(sizes, len(x)))])

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "features": list(self.features), **self.payload}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorer:
        payload = {k: v for k, v in d.items() if k not in {"kind", "features"}}
        return cls(str(d["kind"]), tuple(d["features"]), payload)


def _cuts(sizes: Sequence[int] | None, n: int) -> list[int]:
    """Where consecutive lists of ``sizes`` start (after the first), for ``np.split``."""
    if sizes is None:
        return []
    if sum(sizes) != n:
        raise ValueError(f"list sizes add up to {sum(sizes)}, not to the {n} rows given")
    return [int(c) for c in np.cumsum(sizes)[:-1]]


def _softmax(z: np.ndarray) -> np.ndarray:
    """Each score's share of the list: exp(z) / sum(exp(z)).

    >>> _softmax(np.array([0.0, np.log(3.0)])).round(2).tolist()
    [0.25, 0.75]
    """
    if not len(z):
        return z
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())


@dataclass(frozen=True)
class Calibration:
    """A monotone map from raw score to probability (an isotonic fit, interpolated linearly)."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: np.ndarray | float) -> np.ndarray:
        if not self.x:
            return np.asarray(raw, dtype=np.float64)
        return np.clip(np.interp(raw, self.x, self.y), 0.0, 1.0)


@dataclass
class LearnedModel:
    """Everything the learned answerer needs from training.

    ``sentence`` ranks candidate sentences (P(sentence holds a gold answer)); ``span`` scores
    short-answer candidates (P(exact match); a listwise ``RANK`` scorer gives each candidate
    its share of the question's candidates instead); ``confidence`` scores the whole answer
    (P(answer text holds a gold answer)), mapped by ``calibration``; ``threshold`` is the
    operating point of answering: an answer with a calibrated confidence below it is declined;
    ``support`` (never below ``threshold``) that of ``Answer.supported``: an answer below it is
    given but marked unverified.
    ``parse_top``: how many best sentences are parsed for short-answer candidates.
    ``joint``: the quoted sentence is the one holding the best candidate of all parsed
    sentences (else the best-ranked sentence, and the best candidate inside it).
    ``window_ratio``: an adjacent sentence rated at least this share of the quoted one is
    quoted with it, as one passage window (above 1: never).
    ``f1_power``: the short answer is the candidate of highest expected word overlap with the
    others, weighted by their scores to this power (``qa.learned.overlap``); None: the
    best-scored candidate.
    ``rerank``: scores the ``rerank_k`` best sentences again from word-piece alignment with the
    question (``qa.learned.rerank``); None: the ranker's order stands.
    ``short``: scores the short answer itself (P(exact match)), mapped by ``short_calibration``;
    an answer leads with its short answer only at ``short_point`` or above. None (artefacts from
    before it): no short-answer confidence, and every short answer is led with.
    """

    sentence: Scorer
    span: Scorer
    confidence: Scorer
    calibration: Calibration
    threshold: float
    support: float = 0.0
    parse_top: int = 2
    joint: bool = False
    window_ratio: float = 2.0
    f1_power: float | None = None
    rerank: Scorer | None = None
    rerank_k: int = 8
    short: Scorer | None = None
    short_calibration: Calibration = field(default_factory=lambda: Calibration((), ()))
    short_point: float = SHORT_POINT
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.support = max(self.support, self.threshold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "meta": self.meta,
            "threshold": self.threshold,
            "support": self.support,
            "parse_top": self.parse_top,
            "joint": self.joint,
            "window_ratio": self.window_ratio,
            "f1_power": self.f1_power,
            "calibration": {"x": list(self.calibration.x), "y": list(self.calibration.y)},
            "sentence": self.sentence.to_dict(),
            "span": self.span.to_dict(),
            "confidence": self.confidence.to_dict(),
            **({"rerank": self.rerank.to_dict(), "rerank_k": self.rerank_k} if self.rerank else {}),
            **({"short": self._short_dict()} if self.short else {}),
        }

    def _short_dict(self) -> dict[str, Any]:
        assert self.short is not None
        cal = self.short_calibration
        return {
            "scorer": self.short.to_dict(),
            "calibration": {"x": list(cal.x), "y": list(cal.y)},
            "point": self.short_point,
        }

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=False) + "\n")
        return path

    @classmethod
    def load(cls, path: str | Path) -> LearnedModel:
        """Read an artefact; a missing or foreign file raises ValueError naming it."""
        path = Path(path)
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read the answerer model ({exc})") from exc
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ValueError(f"{path}: not a citeqa answerer model (format {FORMAT!r} expected)")
        cal = d["calibration"]
        return cls(
            sentence=Scorer.from_dict(d["sentence"]),
            span=Scorer.from_dict(d["span"]),
            confidence=Scorer.from_dict(d["confidence"]),
            calibration=Calibration(tuple(cal["x"]), tuple(cal["y"])),
            threshold=float(d["threshold"]),
            support=float(d.get("support", 0.0)),
            parse_top=int(d.get("parse_top", 2)),
            joint=bool(d.get("joint", False)),
            window_ratio=float(d.get("window_ratio", 2.0)),
            f1_power=d.get("f1_power"),
            rerank=Scorer.from_dict(d["rerank"]) if d.get("rerank") else None,
            rerank_k=int(d.get("rerank_k", 8)),
            **_short_fields(d.get("short")),
            meta=dict(d.get("meta", {})),
        )


def _short_fields(d: dict[str, Any] | None) -> dict[str, Any]:
    if not d:
        return {}
    cal = d["calibration"]
    return {
        "short": Scorer.from_dict(d["scorer"]),
        "short_calibration": Calibration(tuple(cal["x"]), tuple(cal["y"])),
        "short_point": float(d["point"]),
    }


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LearnedModel:
    """The artefact at ``path`` (default: the one shipped in ``qa/models/``), loaded once; one
    trained on other features than this citeqa computes raises ValueError naming it."""
    model = LearnedModel.load(path or DEFAULT_PATH)
    _check_features(model, path or DEFAULT_PATH)
    return model


def _check_features(model: LearnedModel, path: str | Path) -> None:
    from qa.learned.pipeline import CONFIDENCE_FEATURES, SHORT_FEATURES, SPAN_ROW_FEATURES
    from qa.learned.rerank import RERANK_FEATURES
    from qa.learned.sentences import SENTENCE_FEATURES

    stages = (
        ("sentence", model.sentence, SENTENCE_FEATURES),
        ("span", model.span, SPAN_ROW_FEATURES),
        ("confidence", model.confidence, CONFIDENCE_FEATURES),
        ("rerank", model.rerank, RERANK_FEATURES),
        ("short-answer", model.short, SHORT_FEATURES),
    )
    for stage, scorer, expected in stages:
        if scorer is not None and scorer.features != expected:
            raise ValueError(
                f"{path}: its {stage} model was trained on other features than this citeqa "
                f"computes; retrain it with `python -m eval.train --out {path}`"
            )
