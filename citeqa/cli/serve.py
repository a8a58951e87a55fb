"""``citeqa ui``: the web chat (``python -m ui`` runs this same command)."""

from __future__ import annotations

from citeqa.cli.common import one_line_errors, open_existing
from citeqa.cli.options import AuthOpt, HostOpt, LlmOpt, PortOpt, ShareOpt, StoreOpt, UrlOpt


def ui(
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    host: HostOpt = None,
    port: PortOpt = None,
    llm: LlmOpt = None,
    auth: AuthOpt = None,
    share: ShareOpt = False,
) -> None:
    """Open the web chat (loopback only unless --host says otherwise)."""
    from ui.cli import ui_command

    st = open_existing(store, chroma_url)
    with one_line_errors():
        from qa import pipeline

        pipeline(st, llm=llm)  # a malformed --llm stops here, before the server starts
        ui_command(store=st, host=host, port=port, llm=llm, auth=auth, share=share)
