"""Measure and tune the extractive answerer on the SQuAD dev sample.

Each SQuAD paragraph is a document; a plain dense retriever (all-MiniLM-L6-v2, dot product)
hands the top-k paragraphs to ``qa.extractive.extract_answer``. Reported: EM / token F1 of
``short``, the share of answer texts and of citation quotes that contain a gold answer, latency,
and, for declining, the precision/recall of "decline" over thresholds on unanswerable questions
(each question asked against the other articles only).

    .venv/bin/python -m eval.tune_extractive --limit 300
    .venv/bin/python -m eval.tune_extractive --compare-splitter
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ingest.embed import default_embedder
from qa import extractive
from qa.extractive import ExtractiveConfig, extract_answer
from qa.types import Passage

SQUAD = Path(__file__).resolve().parents[2] / "shared/datasets/squad/squad-v1.1-dev-10articles.json"


@dataclass(frozen=True)
class Item:
    """One SQuAD question with its gold answers and where its paragraph stands."""

    question: str
    answers: tuple[str, ...]
    article: int
    paragraph: int


def normalize(text: str) -> str:
    """SQuAD normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def f1(pred: str, gold: str) -> float:
    """Token F1 between normalised ``pred`` and ``gold``."""
    p, g = normalize(pred).split(), normalize(gold).split()
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def load(path: Path) -> tuple[list[str], list[int], list[Item]]:
    """Paragraph texts, the article index of each, and every question."""
    data = json.loads(path.read_text())["data"]
    texts: list[str] = []
    owner: list[int] = []
    items: list[Item] = []
    for a, article in enumerate(data):
        for para in article["paragraphs"]:
            pi = len(texts)
            texts.append(para["context"])
            owner.append(a)
            for qa in para["qas"]:
                golds = tuple(dict.fromkeys(x["text"] for x in qa["answers"]))
                items.append(Item(qa["question"], golds, a, pi))
    return texts, owner, items


def passages_for(idx: Iterable[int], texts: Sequence[str], scores: np.ndarray) -> list[Passage]:
    return [
        Passage(f"p{i}", f"p{i}", f"squad:{i}", f"paragraph {i}", texts[i], 0, len(texts[i]),
                float(scores[i]))
        for i in map(int, idx)
    ]


def pct(xs: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs), q)) if xs else 0.0


@dataclass(frozen=True)
class Case:
    """A question with the paragraphs retrieved for it: from all articles and from the others."""

    item: Item
    top: list[Passage]
    other_top: list[Passage]
    gold_retrieved: bool


def build_cases(args: argparse.Namespace) -> tuple[list[Case], list[float]]:
    """Retrieve once for every sampled question; also return the retrieval latencies (ms)."""
    texts, owner, items = load(Path(args.data))
    rng = random.Random(args.seed)
    rng.shuffle(items)
    items = items[: args.limit] if args.limit else items
    emb = default_embedder()
    para_vecs = emb.embed(texts)
    owner_arr = np.asarray(owner)
    cases: list[Case] = []
    retrieval_ms: list[float] = []
    for it in items:
        t0 = time.perf_counter()
        q_vec = emb.embed([it.question])[0]  # what a retriever pays for the question
        scores = para_vecs @ q_vec
        top = np.argsort(-scores)[: args.k]
        retrieval_ms.append((time.perf_counter() - t0) * 1000)
        other = np.flatnonzero(owner_arr != it.article)
        o_top = other[np.argsort(-scores[other])[: args.k]]
        cases.append(Case(it, passages_for(top, texts, scores), passages_for(o_top, texts, scores),
                          it.paragraph in top))
    return cases, retrieval_ms


def evaluate(
    args: argparse.Namespace,
    config: ExtractiveConfig,
    cases: list[Case],
    retrieval_ms: list[float],
    dump: list[dict[str, object]] | None = None,
) -> dict[str, object]:
    """Answer every case with ``config`` (answerable and unanswerable) and return the numbers."""
    em = f1_sum = text_hit = quote_hit = 0.0
    em_on_hit = hits = 0.0
    n_quotes = 0
    shorts = 0
    lat: list[float] = []
    ext: list[float] = []
    pos_scores: list[float] = []
    neg_scores: list[float] = []
    for case, r_ms in zip(cases, retrieval_ms, strict=True):
        it = case.item
        if args.cold:
            extractive._vectors.clear()
        ans = extract_answer(it.question, case.top, min_support=-1e9, config=config)
        ext.append(ans.timings["extract_ms"])
        lat.append(r_ms + ans.timings["extract_ms"])
        short = ans.short or ""
        shorts += bool(ans.short)
        em_i = max(float(normalize(short) == normalize(g)) for g in it.answers)
        em += em_i
        f1_sum += max(f1(short, g) for g in it.answers)
        text_hit += float(any(g in ans.text for g in it.answers))
        hit = any(g in c.quote for g in it.answers for c in ans.citations)
        hits += hit
        em_on_hit += em_i * hit
        for c in ans.citations:
            n_quotes += 1
            quote_hit += float(any(g in c.quote for g in it.answers))
        pos_scores.append(ans.citations[0].score if ans.citations else -1.0)
        if dump is not None:
            dump.append({"question": it.question, "gold": list(it.answers), "short": ans.short,
                         "em": em_i, "quote_hit": hit, "quotes": [c.quote for c in ans.citations],
                         "gold_retrieved": case.gold_retrieved})
        neg = extract_answer(it.question, case.other_top, min_support=-1e9, config=config)
        neg_scores.append(neg.citations[0].score if neg.citations else -1.0)

    n = len(cases)
    sweep = []
    pos, neg_arr = np.asarray(pos_scores), np.asarray(neg_scores)
    gold_in = np.asarray([c.gold_retrieved for c in cases])
    for t in np.arange(args.t_min, args.t_max + 1e-9, args.t_step):
        declined_neg = float((neg_arr < t).sum())
        declined_pos = float((pos < t).sum())
        total = declined_neg + declined_pos
        sweep.append({
            "threshold": round(float(t), 3),
            "decline_precision": round(declined_neg / total, 3) if total else 1.0,
            "decline_recall": round(declined_neg / n, 3),
            "answerable_declined": round(declined_pos / n, 3),
            "answerable_with_gold_passage_declined": round(
                float(((pos < t) & gold_in).sum()) / max(int(gold_in.sum()), 1), 3),
        })
    return {
        "questions": n,
        "config": config.__dict__,
        "retrieval_recall@k": round(float(gold_in.mean()), 3),
        "short_EM": round(em / n, 3),
        "short_F1": round(f1_sum / n, 3),
        "short_EM_when_quote_has_gold": round(em_on_hit / max(hits, 1), 3),
        "short_given": round(shorts / n, 3),
        "text_contains_gold": round(text_hit / n, 3),
        "any_quote_contains_gold": round(hits / n, 3),
        "quote_contains_gold": round(quote_hit / max(n_quotes, 1), 3),
        "latency_ms_p50": round(pct(lat, 50), 1),
        "latency_ms_p95": round(pct(lat, 95), 1),
        "extract_ms_p50": round(pct(ext, 50), 1),
        "extract_ms_p95": round(pct(ext, 95), 1),
        "decline_sweep": sweep,
    }


def compare_splitter(path: Path, limit: int) -> dict[str, float]:
    """Boundary agreement of ``ingest.sentences`` with spaCy's parser on SQuAD paragraphs."""
    from ingest.sentences import split_sentences
    from qa.spacy_nlp import nlp

    texts, _, _ = load(path)
    texts = texts[:limit] if limit else texts
    ours_ms = spacy_ms = 0.0
    tp = n_ours = n_spacy = 0
    for t in texts:
        t0 = time.perf_counter()
        ours = {s.end for s in split_sentences(t)}
        t1 = time.perf_counter()
        doc = nlp()(t)
        t2 = time.perf_counter()
        ref = {len(t[: s.end_char].rstrip()) for s in doc.sents}
        ours_ms += (t1 - t0) * 1000
        spacy_ms += (t2 - t1) * 1000
        tp += len(ours & ref)
        n_ours += len(ours)
        n_spacy += len(ref)
    return {
        "paragraphs": len(texts),
        "boundary_precision_vs_spacy": round(tp / n_ours, 3),
        "boundary_recall_vs_spacy": round(tp / n_spacy, 3),
        "rules_ms_per_paragraph": round(ours_ms / len(texts), 3),
        "spacy_ms_per_paragraph": round(spacy_ms / len(texts), 2),
    }


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(SQUAD), help="SQuAD v1.1 JSON file.")
    ap.add_argument("--limit", type=int, default=300, help="Questions to use (0: all).")
    ap.add_argument("--seed", type=int, default=13, help="Shuffle seed for the sample.")
    ap.add_argument("--k", type=int, default=4, help="Passages handed to the answerer.")
    ap.add_argument("--cold", action="store_true", help="Clear the sentence-vector cache first.")
    ap.add_argument("--t-min", type=float, default=0.2)
    ap.add_argument("--t-max", type=float, default=0.6)
    ap.add_argument("--t-step", type=float, default=0.025)
    ap.add_argument("--compare-splitter", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="Also write the JSON here.")
    ap.add_argument("--vector-cache", type=Path, default=None,
                    help="Pickle of sentence vectors kept between runs (speeds up tuning).")
    ap.add_argument("--dump", type=Path, default=None, help="Write per-question results (JSONL).")
    ap.add_argument("--sweep", default="", help='JSON list of config overrides, e.g. '
                    '\'[{"semantic_weight": 0}, {"cue_weight": 0.1}]\'; one result each.')
    base = ExtractiveConfig()
    for field, value in base.__dict__.items():
        ap.add_argument(f"--{field.replace('_', '-')}", type=type(value), default=value)
    args = ap.parse_args(argv)
    if args.compare_splitter:
        result: dict[str, object] = dict(compare_splitter(Path(args.data), args.limit))
    else:
        config = replace(base, **{f: getattr(args, f) for f in base.__dict__})
        cases, retrieval_ms = build_cases(args)
        if args.vector_cache and args.vector_cache.exists():
            with args.vector_cache.open("rb") as fh:
                extractive._vectors.load(pickle.load(fh))
        overrides = json.loads(args.sweep) if args.sweep else [{}]
        dump: list[dict[str, object]] | None = [] if args.dump else None
        runs = [evaluate(args, replace(config, **o), cases, retrieval_ms, dump) for o in overrides]
        if args.vector_cache:
            with args.vector_cache.open("wb") as fh:
                pickle.dump(extractive._vectors.items(), fh)
        if args.dump and dump is not None:
            args.dump.write_text("".join(json.dumps(d) + "\n" for d in dump))
        result = runs[0] if len(runs) == 1 else {"runs": runs}
        for r in runs:
            keys = ("short_EM", "short_F1", "any_quote_contains_gold", "extract_ms_p50")
            print(json.dumps({k: r[k] for k in keys}), r["config"], file=sys.stderr)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
