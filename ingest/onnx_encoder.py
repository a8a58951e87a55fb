"""The embedding model run by onnxruntime + tokenizers: encoding a query without importing torch.

A sentence-transformers folder (Transformer → mean Pooling → Normalize) is exported once with
``torch.onnx.export`` into a cache folder keyed by the model's weights (path, size, mtime). That
export is ours, made from the packaged model at set-up (``make setup``) or on first ingest;
afterwards every process encodes with onnxruntime, whose vectors match the torch ones (cosine
≥ 0.999, tested). Importing this module is cheap: onnxruntime, tokenizers and torch load inside
the functions that need them.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

ONNX_FILE = "model.onnx"
_OPSET = 17


class TokenStates(NamedTuple):
    """A text's word pieces (without [CLS] and [SEP]), in order: their unit-length contextual
    vectors (rows), their ids, and the (start, end) character offsets of each in the text."""

    vectors: np.ndarray
    ids: list[int]
    offsets: list[tuple[int, int]]


class OnnxUnavailable(RuntimeError):
    """The model cannot be run by onnxruntime (no export yet, or an unsupported layout)."""


def _weights_file(model_dir: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_dir / name).is_file():
            return model_dir / name
    raise OnnxUnavailable(f"no model weights in {model_dir}")


def export_dir(model_dir: Path, cache_dir: Path) -> Path:
    """Where the export of ``model_dir`` lives: one folder per weights file (path, size, mtime).

    model_dir: a sentence-transformers folder. cache_dir: citeqa's cache (``Settings.cache_dir``).
    """
    w = _weights_file(model_dir)
    st = w.stat()
    key = f"{w.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir / "onnx" / f"{model_dir.name}-{digest}"


def _pooling(model_dir: Path) -> str:
    """``mean`` or ``cls``: the pooling the folder declares (other modes are not exported)."""
    for cfg in sorted(model_dir.glob("*_Pooling/config.json")):
        c = json.loads(cfg.read_text())
        if c.get("pooling_mode_mean_tokens"):
            return "mean"
        if c.get("pooling_mode_cls_token"):
            return "cls"
        raise OnnxUnavailable(f"pooling in {cfg} is neither mean nor cls")
    return "mean"


def _max_length(model_dir: Path) -> int:
    cfg = model_dir / "sentence_bert_config.json"
    if cfg.is_file():
        return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
    return 256


def export(model_dir: Path, cache_dir: Path) -> Path:
    """Export the transformer of ``model_dir`` to ONNX (needs torch and onnx); returns the folder.

    Written to a temporary file and renamed, so concurrent first ingests never see half a file.
    Pooling and normalising stay in numpy, as in :class:`OnnxEncoder`.
    """
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    target = export_dir(model_dir, cache_dir)
    if (target / ONNX_FILE).is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    inner = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class _Hidden(torch.nn.Module):  # keyword call: forward()'s positional order changes often
        def __init__(self) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    model = _Hidden().eval()
    # Two rows, one padded: a mask of all ones could be traced as "no mask" and lost.
    ids = torch.ones((2, 8), dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 5:] = 0
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=target)
    os.close(fd)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer chatter about constants BERT does not use
            torch.onnx.export(
                model,
                (ids, mask, torch.zeros_like(ids)),
                tmp,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "tokens"}
                    for name in (
                        "input_ids",
                        "attention_mask",
                        "token_type_ids",
                        "last_hidden_state",
                    )
                },
                opset_version=_OPSET,
                dynamo=False,
            )
        _optimise(tmp, tmp + ".opt")
        os.chmod(tmp + ".opt", 0o644)
        os.replace(tmp + ".opt", target / ONNX_FILE)
    finally:
        for leftover in (tmp, tmp + ".opt"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return target


def _optimise(src: str, dst: str) -> None:
    """Fuse the graph once and save it, so each process loads it without optimising (~0.2 s)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = dst
    ort.InferenceSession(src, options, providers=["CPUExecutionProvider"])


def length_batches(lengths: Sequence[int], most: int = 32, slack: int = 16) -> list[list[int]]:
    """Indexes of texts grouped for the model, shortest first: a text joins the current batch
    while the batch padded to it holds at most ``slack`` pad tokens more than a fifth of its
    real ones, and at most ``most`` texts. Padding changes no real token's state (the
    attention mask hides it), so only the time changes.

    >>> length_batches([60, 12, 14, 55, 20])
    [[1, 2, 4], [3, 0]]
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    for i in order:
        cur = batches[-1] if batches else []
        real = sum(lengths[j] for j in cur) + lengths[i]
        if cur and len(cur) < most and (len(cur) + 1) * lengths[i] <= 1.2 * real + slack:
            cur.append(i)
        else:
            batches.append([i])
    return batches


class OnnxEncoder:
    """Texts → unit vectors with onnxruntime, the same numbers sentence-transformers gives.

    model_dir: the sentence-transformers folder (tokenizer, pooling config). onnx_dir: its export
    (:func:`export`). threads: onnxruntime intra-op threads (default: its own choice).
    """

    def __init__(self, model_dir: Path, onnx_dir: Path, *, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = onnx_dir / ONNX_FILE
        if not path.is_file():
            raise OnnxUnavailable(f"no ONNX export at {path}")
        self.pooling = _pooling(model_dir)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=_max_length(model_dir))
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # done
        # Idle threads sleep instead of spinning: on a shared 2-core machine spinning costs ~10%.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (batched by length to pad little)."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            for i, row in zip(idx, self._batch([texts[i] for i in idx]), strict=True):
                out[i] = row
        if not out:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack(out).astype(np.float32)

    def token_states(self, texts: Sequence[str]) -> list[TokenStates]:
        """Per text: its word pieces' unit-length contextual vectors (the model's last layer),
        ids and character offsets (see ``TokenStates``).

        Texts of like length go through the model together (``length_batches``): a question
        padded to its passage's longest sentence costs as much as that sentence."""
        encs = self.tokenizer.encode_batch(list(texts))
        out: list[TokenStates | None] = [None] * len(encs)
        for batch in length_batches([len(e.ids) for e in encs]):
            hidden, _ = self._run([encs[i] for i in batch])
            for r, i in enumerate(batch):
                n = len(encs[i].ids)
                v = hidden[r, 1 : n - 1]
                v = v / np.clip(np.linalg.norm(v, axis=1, keepdims=True), 1e-12, None)
                offsets = [(int(a), int(b)) for a, b in encs[i].offsets[1 : n - 1]]
                out[i] = TokenStates(v.astype(np.float32), list(encs[i].ids[1 : n - 1]), offsets)
        return [s for s in out if s is not None]

    def word_pieces(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids, without [CLS] and [SEP] (tokenising only)."""
        return [list(e.ids[1 : len(e.ids) - 1]) for e in self.tokenizer.encode_batch(list(texts))]

    def _run(self, encs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
        """The last layer's states of tokenised texts, padded to the longest, and the mask."""
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for r, e in enumerate(encs):
            n = len(e.ids)
            ids[r, :n] = e.ids
            mask[r, :n] = e.attention_mask
            types[r, :n] = e.type_ids
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        return hidden, mask

    def _batch(self, texts: list[str]) -> np.ndarray:
        hidden, mask = self._run(self.tokenizer.encode_batch(texts))
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            m = mask[..., None].astype(hidden.dtype)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.clip(norms, 1e-12, None))
