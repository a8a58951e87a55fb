"""The ``citeqa`` command group: each command family lives in its own module, imported here.

Module-level imports stay light (typer, rich): the work of each command imports what it needs
when it runs, so ``citeqa docs`` never loads the model, spaCy or LangChain.
"""

from __future__ import annotations

import atexit
import os
import sys

import typer
from rich.markup import escape

from citeqa.cli import ask, chat, library, serve, timeline
from citeqa.cli.common import USAGE_ERROR, err, first_line

app = typer.Typer(
    help="Ask questions about news articles; every answer cites the passage it comes from.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain click help: one line per option, no <bool> on flags
    pretty_exceptions_enable=False,  # a bug shows a plain traceback, not pages of locals
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command()(library.ingest)
app.command()(library.docs)
app.command()(library.chunks)
app.command()(library.remove)
app.command()(ask.ask)
app.command()(chat.chat)
app.command()(serve.ui)
app.command()(timeline.timeline)


def _register_eval() -> None:
    from eval.cli import bench_command, eval_command

    app.command("eval")(eval_command)
    app.command("bench")(bench_command)


_register_eval()

# Commands after which the process ends at once, skipping interpreter teardown (~0.3 CPU s once
# chromadb, spaCy and onnxruntime are loaded). They only read the store; the commands that
# write (`ingest`, `remove`) and the server (`ui`) exit normally, so Chroma shuts down in order.
FAST_EXIT = frozenset({"ask", "chat", "docs", "chunks", "timeline"})


def main(argv: list[str] | None = None, prog_name: str | None = None) -> None:
    """Run the CLI; exits with the command's status."""
    args = sys.argv[1:] if argv is None else argv
    code: int | str | None = 0
    try:
        app(args=args, prog_name=prog_name or "citeqa")
    except SystemExit as e:
        code = e.code
    except Exception as e:
        from ingest import StoreError

        if not isinstance(e, StoreError) or os.environ.get("CITEQA_DEBUG"):
            raise
        # server gone, disk full, damaged store: one line, not a traceback
        err.print(f"[red]error:[/red] {escape(first_line(e))}")
        code = USAGE_ERROR
    if any(a in FAST_EXIT for a in args[:1]):
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int | str | None) -> None:
    """Flush, run the atexit handlers, and end the process without tearing the interpreter down."""
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code or 0)
