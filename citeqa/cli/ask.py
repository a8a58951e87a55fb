"""``citeqa ask``: one question, one cited answer, then exit."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from citeqa.cli.common import one_line_errors, open_existing, out, require_documents
from citeqa.cli.options import JsonOpt, KOpt, LlmOpt, SinceOpt, StoreOpt, UntilOpt, UrlOpt


def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.", metavar="QUESTION")],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    llm: LlmOpt = None,
    k: KOpt = None,
    as_json: JsonOpt = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Answer one question with numbered citations."""
    st = open_existing(store, chroma_url)
    require_documents(st)
    with one_line_errors():
        from qa import answer

        result = answer(question, store=st, llm=llm, k=k, since=since, until=until)
    if as_json:
        out.print_json(json.dumps(result.to_dict()))
    else:
        from citeqa.cli.render import print_answer

        print_answer(out, result)
