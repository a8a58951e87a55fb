"""How an answer reads in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from qa.types import Answer, Citation


def _source_line(c: Citation) -> str:
    title = escape(c.title or c.source)
    quote = escape(c.quote)
    dated = f"{c.date}, " if c.date else ""
    said = f"\n      [italic]speaker: {escape(c.speaker)}[/italic]" if c.speaker else ""
    return (
        f"  [bold][{c.n}][/bold] {title} [dim]({dated}{escape(c.source)})[/dim]\n"
        f"      “{quote}”{said}"
    )


def print_answer(console: Console, a: Answer) -> None:
    """The answer text, then its numbered sources (or, when declined, the closest passages)."""
    console.print(escape(a.text))
    if a.citations:
        console.print("\n[bold]Sources[/bold]")
        for c in a.citations:
            console.print(_source_line(c))
    if not a.supported and a.closest:
        console.print("\n[bold]Closest passages[/bold] [dim](not an answer)[/dim]")
        for c in a.closest:
            console.print(_source_line(c))
