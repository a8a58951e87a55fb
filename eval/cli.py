"""``citeqa eval`` and ``citeqa bench``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console


def eval_command(
    question_set: Annotated[
        Path, typer.Argument(metavar="SET", help="JSONL, SQuAD JSON or MultiHop-RAG.")
    ],
    docs: Annotated[
        list[str] | None, typer.Option("--docs", help="Articles to ingest first.")
    ] = None,
    store: Annotated[Path | None, typer.Option("--store", envvar="CITEQA_STORE")] = None,
    llm: Annotated[str | None, typer.Option("--llm", envvar="CITEQA_LLM")] = None,
    k: Annotated[int | None, typer.Option("--k", min=1)] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Ask a random sample.")] = None,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    report: Annotated[Path | None, typer.Option("--report", help="Write the report here.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Fail below the pinned baseline.")] = False,
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
        store=store,
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
        command = "citeqa eval " + " ".join(shlex.quote(a) for a in sys.argv[2:] if a != "--pin")
        write_baseline(run.result.metrics, path, command=command)
        console.print(f"pinned: {path}")
    if check:
        for line in run.regressions:
            console.print(f"[red]regression[/red] {line}")
        if run.regressions:
            raise typer.Exit(1)
        console.print("[green]no metric below its pinned baseline[/green]")


def bench_command(
    dataset: Annotated[Path, typer.Argument(help="A dataset with its own corpus (SQuAD JSON).")],
    sizes: Annotated[str, typer.Option("--sizes", help="Store sizes for the scale test.")] = (
        "1000,10000,100000"
    ),
    questions: Annotated[int, typer.Option("--questions", help="Questions per scale point.")] = 200,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Questions for the comparison.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Where bench.json and bench.md go.")] = Path(
        "reports/bench"
    ),
) -> None:
    """Ingest speed vs raw encoding, citeqa vs the plain LangChain recipe, and query cost vs
    store size — measured side by side in one run."""
    from eval.benchmarks.compare import compare
    from eval.benchmarks.ingest_speed import measure_ingest
    from eval.benchmarks.results import write_bench_report
    from eval.benchmarks.scale import run_scale

    console = Console()
    console.print("ingest speed …")
    results: dict[str, Any] = {"ingest": measure_ingest(str(dataset))}
    console.print("citeqa vs the plain recipe …")
    results["compare"] = compare(str(dataset), limit)
    console.print("query cost vs store size …")
    results["scale"] = run_scale(str(dataset), [int(s) for s in sizes.split(",")], questions)
    md = write_bench_report(results, out)
    console.print(md.read_text())
    console.print(f"\n{out / 'bench.json'}")
    json.dumps(results)  # fail loudly here if anything is not JSON-able
