"""``python -m ui``: the web chat without the main CLI (same options as ``citeqa ui``)."""

from __future__ import annotations

import argparse

from ui.cli import ui_command


def main(argv: list[str] | None = None) -> None:
    """Parse ``--store --host --port --llm --auth --share`` and serve.

    argv: arguments (default: the command line).
    """
    p = argparse.ArgumentParser(prog="python -m ui", description="citeqa web chat")
    p.add_argument("--store", default=None, help="store folder or Chroma URL")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 7860)")
    p.add_argument("--llm", default=None, help="answer backend (default extractive)")
    p.add_argument("--auth", default=None, help="user:password login (or CITEQA_AUTH)")
    p.add_argument("--share", action="store_true", help="make a public Gradio link")
    a = p.parse_args(argv)
    ui_command(a.store, a.host, a.port, a.llm, a.auth, a.share)


if __name__ == "__main__":
    main()
