"""``citeqa chat``: a conversation in the terminal, kept in a file that ``--resume`` continues.

Line editing and ↑/↓ history come from prompt_toolkit on a terminal (plain ``input()`` when the
input is piped). The answer is printed as it streams, then its sources. ``/sources`` shows the
last answer's sources again, ``/clear`` forgets the conversation, ``/quit`` (or Ctrl-D) leaves.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from citeqa.cli.common import (
    err,
    first_line,
    one_line_errors,
    open_existing,
    out,
    require_documents,
)
from citeqa.cli.options import KOpt, LlmOpt, StoreOpt, UrlOpt

if TYPE_CHECKING:
    from qa.types import Answer

HELP = "/sources  the last answer's sources · /clear  start over · /quit  leave (or Ctrl-D)"


@dataclass
class Conversation:
    """The turns so far, mirrored to a JSON-lines file (one ``{question, answer}`` per line)."""

    path: Path
    turns: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def resume(cls, path: Path) -> Conversation:
        """The conversation saved at ``path`` (empty when there is none)."""
        turns = []
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    turns.append(json.loads(line))
        return cls(path, turns)

    @property
    def history(self) -> list[tuple[str, str]]:
        """(question, answer text) pairs, oldest first, for ``qa.answer``."""
        return [(t["question"], _answer_text(t["answer"])) for t in self.turns]

    def add(self, question: str, answer: dict[str, Any]) -> None:
        """Keep a turn; a new conversation replaces the file's old one at its first turn."""
        turn = {"question": question, "answer": answer}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if self.turns else "w"
        with self.path.open(mode, encoding="utf-8") as f:
            f.write(json.dumps(turn) + "\n")
        self.turns.append(turn)

    def clear(self) -> None:
        """Forget every turn, in memory and on disk."""
        self.turns = []
        self.path.unlink(missing_ok=True)


def _answer_text(d: dict[str, Any]) -> str:
    return str(d.get("text", d.get("answer", "")))


def conversation_file(location: str, chat_dir: Path) -> Path:
    """One conversation file per store: ``<chat_dir>/<hash of the store location>.jsonl``."""
    digest = hashlib.sha256(location.encode()).hexdigest()[:12]
    return chat_dir / f"chat-{digest}.jsonl"


def chat(
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    llm: LlmOpt = None,
    k: KOpt = None,
    resume: Annotated[
        bool, typer.Option("--resume", "-r", help="Continue the last conversation on this store.")
    ] = False,
) -> None:
    """A conversation in the terminal; follow-ups understand what came before."""
    from citeqa.settings import get_settings

    st = open_existing(store, chroma_url)
    require_documents(st)
    chat_dir = get_settings().chat_dir
    path = conversation_file(str(st.location), chat_dir)
    convo = Conversation.resume(path) if resume else Conversation(path)
    if resume and convo.turns:
        previous = convo.turns[-1]["question"]
        n = len(convo.turns)
        out.print(f"[dim]Resuming {n} turn{'s' * (n != 1)}. Last:[/dim] {escape(previous)}")
    elif resume:
        out.print("[dim]No earlier conversation on this store; starting a new one.[/dim]")
    out.print(f"[dim]Ask about your articles. {HELP}[/dim]")
    read = _line_reader(chat_dir / "input-history")
    last: Answer | None = None
    while True:
        try:
            line = read().strip()
        except (EOFError, KeyboardInterrupt):
            out.print()
            return
        if not line:
            continue
        if line.startswith("/"):
            command = line.split()[0].lower()
            if command in ("/quit", "/exit", "/q"):
                return
            if command == "/clear":
                convo.clear()
                last = None
                out.print("[dim]Conversation cleared.[/dim]")
            elif command == "/sources":
                _show_sources(last)
            else:
                out.print(f"[dim]{HELP}[/dim]")
            continue
        result = _stream_turn(line, convo.history, st, llm, k)
        if result is not None:
            last = result
            convo.add(line, result.to_dict())


def _stream_turn(
    question: str, history: list[tuple[str, str]], st: Any, llm: str | None, k: int | None
) -> Answer | None:
    """Print the answer as it streams, then its sources; errors are one line, not the end."""
    from citeqa.cli.render import print_flag, print_sources
    from qa import stream_answer
    from qa.types import Answer

    result: Answer | None = None
    try:
        with one_line_errors():
            for piece in stream_answer(question, history=history, store=st, llm=llm, k=k):
                if isinstance(piece, Answer):
                    result = piece
                else:
                    out.print(piece, end="", markup=False)
                    out.file.flush()
    except typer.Exit:
        return None  # the error line is printed; the conversation goes on
    except Exception as e:
        err.print(f"[red]error:[/red] {first_line(e)}")
        return None
    out.print()
    if result is not None:
        print_flag(out, result)
        print_sources(out, result)
    return result


def _show_sources(last: Answer | None) -> None:
    from citeqa.cli.render import print_sources

    if last is None:
        out.print("[dim]No answer yet.[/dim]")
    elif not print_sources(out, last):
        out.print("[dim]The last answer has no sources.[/dim]")


def _line_reader(history_file: Path) -> Callable[[], str]:
    """prompt_toolkit with line editing and a persistent ↑ history on a terminal, else input()."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return lambda: input("\n? ")
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history_file.parent.mkdir(parents=True, exist_ok=True)
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history_file)))
    return lambda: session.prompt("\n? ")
