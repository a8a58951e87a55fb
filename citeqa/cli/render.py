"""How an answer reads in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from qa.markers import tidy_answer_text
from qa.types import Answer, Citation


def _source_line(c: Citation, mark: str = "") -> str:
    title = escape(c.title or c.source)
    quote = escape(c.quote)
    dated = f"{c.date}, " if c.date else ""
    number = f"\\[{c.n}]"
    said = f"\n      [italic]speaker: {escape(c.speaker)}[/italic]" if c.speaker else ""
    return (
        f"  [bold]{mark or number}[/bold] {title} [dim]({dated}{escape(c.source)})[/dim]\n"
        f"      {tidy_answer_text(f'“{quote}”')}{said}"
    )


def print_sources(console: Console, a: Answer) -> bool:
    """The numbered sources, then the passages offered for reading (a declined answer's closest
    ones, or those an unverified answer's reader should check next); False when there are none."""
    if a.citations:
        console.print("\n[bold]Sources[/bold]")
        for c in a.citations:
            console.print(_source_line(c))
    label = a.offered_label
    offered = a.closest if label else []
    if label and offered:
        console.print(f"\n[bold]{label[0]}[/bold] [dim]({label[1]})[/dim]")
        for c in offered:  # bulleted, not numbered: they are not citations
            console.print(_source_line(c, "•"))
    return bool(a.citations or offered)


def print_flag(console: Console, a: Answer) -> None:
    """A warning line for an unverified answer (given, but below the answerer's operating
    point); nothing for a supported or declined one."""
    if a.caution:
        console.print(f"[yellow]{escape(a.caution)}[/yellow]")


def print_answer(console: Console, a: Answer) -> None:
    """The answer text (flagged when unverified; the short answer it leads with in bold), then
    its sources."""
    print_flag(console, a)
    text = tidy_answer_text(a.text)
    lead = a.lead if a.lead and text.startswith(a.lead) else ""
    console.print((f"[bold]{escape(lead)}[/bold]" if lead else "") + escape(text[len(lead) :]))
    print_sources(console, a)
