"""``citeqa eval`` as a Python function: pick the store, ask the set, report, check baselines."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Console

from citeqa.settings import Settings, get_settings
from eval.aggregate import aggregate_metrics
from eval.baselines import check_baseline
from eval.datasets import QuestionSet, dataset_hash, load_question_set
from eval.harness import EvalResult, run_eval
from eval.negatives import other_articles_retriever, other_articles_set
from eval.reporting import write_report
from eval.summary import print_summary
from ingest import Store, ingest, ingest_documents, open_store
from ingest.types import content_hash
from qa import Pipeline, retrieve

BASELINES = Path(__file__).parent / "baselines"


@dataclass
class EvalRun:
    """A finished ``evaluate`` call: the result and any baseline regressions."""

    result: EvalResult
    store: Store
    regressions: list[str] = field(default_factory=list)


STORE_FORMAT = "sentence-vectors/1"
"""What a cached dataset store holds besides chunks; a new value builds a new store once."""


def dataset_store(qset: QuestionSet, path: str | Path, settings: Settings) -> Store:
    """The store of a dataset's own corpus, cached by the dataset's content hash and the
    settings that shape the index (model, chunk size and overlap, title embedding).

    The first run ingests the corpus; later runs find a ``complete`` marker and start at once.
    """
    shape = content_hash(
        dataset_hash(path),
        settings.embedding_model,
        str(settings.chunk_size),
        str(settings.chunk_overlap),
        str(settings.embed_titles),
        STORE_FORMAT,
    )
    folder = settings.cache_dir / "datasets" / f"{Path(path).stem}-{shape[:12]}"
    store = open_store(folder / "store", settings=settings, create=True)
    marker = folder / "complete"
    if not marker.exists():
        report = ingest_documents(
            qset.documents or [], store=store, settings=settings, progress=sys.stderr.isatty()
        )
        if report.ok:
            marker.write_text(str(report.to_dict()["chunks_written"]))
    return store


def with_other_articles(
    result: EvalResult,
    qset: QuestionSet,
    pipe: Pipeline,
    *,
    progress: bool = True,
    console: Console | None = None,
) -> EvalResult:
    """``result`` plus every question asked again against the other articles only."""
    negatives = other_articles_set(qset)
    passages = other_articles_retriever(
        negatives.items, lambda q, depth: retrieve(q, pipe.searcher, depth), pipe.retrieval.k
    )
    extra = run_eval(
        negatives,
        answer_fn=lambda q, h: pipe.answerer.answer(q, passages(q), h),
        retrieve_fn=passages,
        progress=progress,
        console=console,
    )
    records = result.records + extra.records
    metrics = aggregate_metrics(records, result.k_values)
    metrics["latency_ms"] = result.metrics["latency_ms"]  # the open-corpus answers' latency
    return replace(
        result, records=records, metrics=metrics, duration_s=result.duration_s + extra.duration_s
    )


def baseline_path(set_path: str | Path) -> Path:
    """Where the pinned scores of a shipped set live: ``eval/baselines/<set name>.json``."""
    return BASELINES / f"{Path(set_path).stem}.json"


def evaluate(
    set_path: str | Path,
    *,
    docs: Sequence[str | Path] = (),
    store: Store | str | Path | None = None,
    llm: str | None = None,
    k: int | None = None,
    limit: int | None = None,
    seed: int = 0,
    report_dir: str | Path | None = None,
    check: bool = False,
    progress: bool = True,
    console: Console | None = None,
    settings: Settings | None = None,
    other_articles: bool = False,
) -> EvalRun:
    """Run a question set against citeqa and score it.

    Args:
        set_path: JSONL, SQuAD JSON or MultiHop-RAG files/folder.
        docs: articles to ingest first (into ``store``) for sets without their own corpus.
        store: the store to ask; a dataset with its own corpus uses a cached store instead.
        llm / k: answer backend and passages, as for ``qa.answer``.
        limit / seed: ask a random sample of ``limit`` questions.
        report_dir: write metrics.json, report.md and report.html there.
        check: compare with the pinned baseline of this set; regressions are returned.
        settings: every other knob (answering thresholds, retrieval weights...) for this run;
            default the process settings. ``settings.model_copy(update={...})`` varies one.
        other_articles: also ask each question against the other articles only (its own
            article's passages left out; see ``eval.negatives``): unanswerable questions that
            score declining and calibration. Latency stays that of the open-corpus questions.
    """
    settings = settings or get_settings()
    qset = load_question_set(set_path)
    if limit:
        qset = qset.sample(limit, seed)
    if qset.documents:
        st = dataset_store(qset, set_path, settings)
    else:
        st = open_store(store, settings=settings, create=bool(docs))
        if docs:
            rep = ingest(list(docs), store=st, settings=settings)
            if not rep.ok:
                raise ValueError(f"could not ingest: {[f.error for f in rep.files if f.error]}")
    pipe = Pipeline.from_settings(st, llm=llm, k=k, settings=settings)
    result = run_eval(
        qset,
        answer_fn=lambda q, h: pipe.answer(q, h),
        retrieve_fn=lambda q: retrieve(q, pipe.searcher, 10),
        progress=progress,
        console=console,
    )
    if other_articles and qset.documents:
        result = with_other_articles(result, qset, pipe, progress=progress, console=console)
    run = EvalRun(result, st)
    if report_dir:
        command = "citeqa eval " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        write_report(result, report_dir, title=f"citeqa eval · {qset.name}", command=command)
    if check:
        path = baseline_path(set_path)
        if not path.exists():
            raise FileNotFoundError(f"no pinned baseline for this set: {path}")
        run.regressions = check_baseline(result.metrics, path)
    if progress:
        print_summary(result, console)
    return run
