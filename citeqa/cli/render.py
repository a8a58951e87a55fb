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
        f"  [bold]\\[{c.n}][/bold] {title} [dim]({dated}{escape(c.source)})[/dim]\n"
        f"      “{quote}”{said}"
    )


def print_sources(console: Console, a: Answer) -> bool:
    """The numbered sources (or, when declined, the closest passages); False when there are none."""
    if a.citations:
        console.print("\n[bold]Sources[/bold]")
        for c in a.citations:
            console.print(_source_line(c))
    if a.declined and a.closest:
        console.print("\n[bold]Closest passages[/bold] [dim](not an answer)[/dim]")
        for c in a.closest:
            console.print(_source_line(c))
    return bool(a.citations or (a.declined and a.closest))


def print_flag(console: Console, a: Answer) -> None:
    """A warning line for an unverified answer (given, but below the answerer's operating
    point); nothing for a supported or declined one."""
    if a.caution:
        console.print(f"[yellow]{escape(a.caution)}[/yellow]")


def print_answer(console: Console, a: Answer) -> None:
    """The answer text (flagged when unverified; the short answer it leads with in bold), then
    its sources."""
    print_flag(console, a)
    lead = f"[bold]{escape(a.lead)}[/bold]" if a.lead else ""
    console.print(lead + escape(a.text[len(a.lead) :]))
    print_sources(console, a)
