"""``citeqa eval`` and ``citeqa bench``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from citeqa.cli.options import KOpt, LlmOpt, StoreOpt, UrlOpt


def eval_command(
    question_set: Annotated[
        Path, typer.Argument(metavar="SET", help="JSONL, SQuAD JSON or MultiHop-RAG.")
    ],
    docs: Annotated[
        list[str] | None,
        typer.Option("--docs", help="Articles to ingest first (sets without their own corpus)."),
    ] = None,
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    llm: LlmOpt = None,
    k: KOpt = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Ask a random sample of this many questions.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of that random sample.")] = 0,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write report.html, .md and .json here.")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if a metric falls below its pinned baseline.")
    ] = False,
    pin: Annotated[
        bool, typer.Option("--pin", help="Pin this run's scores as the set's baseline.")
    ] = False,
    other_articles: Annotated[
        bool,
        typer.Option(
            "--other-articles",
            help="Also ask every question against the other articles only (unanswerable: "
            "scores declining); for sets with their own multi-article corpus (SQuAD).",
        ),
    ] = False,
) -> None:
    """Score citeqa on a question set: retrieval, answers, citations, declining, latency."""
    from eval.run import evaluate

    console = Console()
    run = evaluate(
        question_set,
        docs=docs or [],
        store=chroma_url or store,
        llm=llm,
        k=k,
        limit=limit,
        seed=seed,
        report_dir=report,
        check=check,
        console=console,
        other_articles=other_articles,
    )
    if report:
        console.print(f"report: {report / 'report.html'}")
    if pin:
        import shlex
        import sys

        from eval.baselines import write_baseline
        from eval.run import baseline_path

        path = baseline_path(question_set)
        command = "citeqa eval " + " ".join(shlex.quote(a) for a in pinned_args(sys.argv[2:]))
        write_baseline(run.result.metrics, path, command=command)
        console.print(f"pinned: {path}")
    if check:
        for line in run.regressions:
            console.print(f"[red]regression[/red] {line}")
        if run.regressions:
            raise typer.Exit(1)
        console.print("[green]no metric below its pinned baseline[/green]")


BENCH_PARTS = ("ingest", "compare", "scale", "cold", "answerers")


def pinned_args(args: list[str]) -> list[str]:
    """The arguments a pinned baseline records: without ``--pin`` and without the store the run
    happened to use (a temporary folder means nothing to the next reader).

    >>> pinned_args(["set.jsonl", "--store", "/tmp/x", "--docs", "a", "--pin", "--store=/tmp/y"])
    ['set.jsonl', '--docs', 'a']
    """
    out: list[str] = []
    skip = False
    for a in args:
        if skip:
            skip = False
        elif a == "--store":
            skip = True
        elif a != "--pin" and not a.startswith("--store="):
            out.append(a)
    return out


def bench_command(
    dataset: Annotated[
        Path | None,
        typer.Argument(help="A dataset with its own corpus (SQuAD JSON); not needed for cold."),
    ] = None,
    parts: Annotated[
        str,
        typer.Option(
            "--parts", help="Which benchmarks: any of ingest,compare,scale,cold,answerers."
        ),
    ] = ",".join(BENCH_PARTS),
    sizes: Annotated[
        str, typer.Option("--sizes", help="Store sizes (chunks) for the scale test.")
    ] = "1000,10000,100000",
    questions: Annotated[int, typer.Option("--questions", help="Questions per scale point.")] = 200,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help="Questions for the comparisons (compare: default all; answerers: default 300).",
        ),
    ] = None,
    backends: Annotated[
        str,
        typer.Option("--backends", help="Answerers compared side by side (the answerers part)."),
    ] = "extractive,heuristic",
    runs: Annotated[
        int, typer.Option("--runs", help="Processes per command for the cold-start test.")
    ] = 5,
    out: Annotated[Path, typer.Option("--out", help="Where bench.json and bench.md go.")] = Path(
        "reports/bench"
    ),
) -> None:
    """Ingest speed vs raw encoding, citeqa vs the plain LangChain recipe, query cost vs store
    size, cold start vs `python -c pass`, and answer latency of two answerers (the learned
    default vs the heuristic, cold caches) — each measured side by side in one run."""
    from eval.benchmarks.results import write_bench_report

    chosen = [p.strip() for p in parts.split(",") if p.strip()]
    unknown = sorted(set(chosen) - set(BENCH_PARTS))
    if unknown:
        raise typer.BadParameter(f"unknown part(s) {unknown}; choose from {BENCH_PARTS}")
    if dataset is None and set(chosen) - {"cold"}:
        raise typer.BadParameter("give a DATASET, or --parts cold")
    console = Console()
    results: dict[str, Any] = {}
    if "ingest" in chosen:
        from eval.benchmarks.ingest_speed import measure_ingest

        console.print("ingest speed …")
        results["ingest"] = measure_ingest(str(dataset))
    if "compare" in chosen:
        from eval.benchmarks.compare import compare

        console.print("citeqa vs the plain recipe …")
        results["compare"] = compare(str(dataset), limit)
    if "scale" in chosen:
        from eval.benchmarks.scale import run_scale

        console.print("query cost vs store size …")
        results["scale"] = run_scale(str(dataset), [int(s) for s in sizes.split(",")], questions)
    if "cold" in chosen:
        from eval.benchmarks.cold_start import measure_cold_start

        console.print(f"cold start ({runs} runs per command) …")
        results["cold_start"] = measure_cold_start(runs=runs)
    if "answerers" in chosen:
        from eval.benchmarks.answerers import compare_answerers

        specs = [b.strip() for b in backends.split(",") if b.strip()]
        console.print(f"answerers side by side ({', '.join(specs)}) …")
        results["answerers"] = compare_answerers(
            str(dataset), specs, 300 if limit is None else limit
        )
    md = write_bench_report(results, out)
    console.print(md.read_text())
    console.print(f"\n{out / 'bench.json'}")
