"""The option types every command shares (``citeqa …``, ``citeqa eval``, ``python -m ui``).

Each defaults to its ``CITEQA_*`` setting (None here means "use the setting").
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="DIR",
        help="Store folder (default .citeqa).",
        envvar="CITEQA_STORE",
        show_default=False,
    ),
]
UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--chroma-url",
        metavar="URL",
        help="Chroma server URL (http://host:port) instead of a folder.",
        envvar="CITEQA_CHROMA_URL",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
LlmOpt = Annotated[
    str | None,
    typer.Option(
        "--llm",
        metavar="SPEC",
        help="Answer backend: extractive (default) | openai:MODEL | llamacpp:/path/model.gguf.",
        envvar="CITEQA_LLM",
        show_default=False,
    ),
]
KOpt = Annotated[
    int | None,
    typer.Option(
        "--k", metavar="N", help="Passages to answer from (default 4).", min=1, show_default=False
    ),
]


def _date_option(flag: str, side: str) -> Any:
    help_ = f"Only articles published {side} DATE (YYYY-MM-DD, YYYY-MM or YYYY)."
    return typer.Option(flag, metavar="DATE", help=help_, show_default=False)


SinceOpt = Annotated[str | None, _date_option("--since", "on or after")]
UntilOpt = Annotated[str | None, _date_option("--until", "on or before")]
HostOpt = Annotated[
    str | None,
    typer.Option(
        "--host",
        metavar="HOST",
        help="Address to listen on (default 127.0.0.1).",
        envvar="CITEQA_HOST",
        show_default=False,
    ),
]
PortOpt = Annotated[
    int | None,
    typer.Option(
        "--port",
        metavar="PORT",
        help="Port to listen on (default 7860).",
        envvar="CITEQA_PORT",
        show_default=False,
    ),
]
AuthOpt = Annotated[
    str | None,
    typer.Option(
        "--auth",
        metavar="USER:PASSWORD",
        help="Require this user:password login.",
        envvar="CITEQA_AUTH",
        show_default=False,
    ),
]
ShareOpt = Annotated[bool, typer.Option("--share", help="Also make a public Gradio link.")]
