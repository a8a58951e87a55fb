"""The answerer registry: a spec string (``extractive``, ``openai:MODEL``…) → an ``Answerer``.

A backend is one module in ``qa/answerers/`` that calls ``register`` when imported, plus one line
in ``_BUILTINS`` (name → module, imported only when that backend is first asked for). Code
outside the package can ``register`` its own backends the same way.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from qa.answerers.base import Answerer, AnswererContext

Factory = Callable[[str, AnswererContext], Answerer]

_BUILTINS: dict[str, str] = {
    "extractive": "qa.answerers.extractive",
    "heuristic": "qa.answerers.heuristic",
    "openai": "qa.answerers.llm",
    "llamacpp": "qa.answerers.llm",
}


@dataclass(frozen=True)
class Backend:
    """A registered backend: ``name``, how its spec is written (``form``) and what it is."""

    name: str
    form: str
    help: str
    factory: Factory


_REGISTRY: dict[str, Backend] = {}


def register(name: str, factory: Factory, *, form: str | None = None, help: str = "") -> None:
    """Make ``name`` (and ``name:ARG`` when ``form`` says so) resolve to ``factory(arg, ctx)``.

    Args:
        name: the spec's name, before any ``:``.
        factory: builds the answerer from the part after ``:`` ("" when none) and the context.
        form: how the spec is written, for messages (default ``name``), e.g. ``openai:MODEL``.
        help: one line on what the backend is.
    """
    _REGISTRY[name] = Backend(name, form or name, help, factory)


def load_plugins(modules: str) -> None:
    """Import each module of the comma-separated ``modules`` (``CITEQA_PLUGINS``) once.

    Raises:
        ValueError: a module cannot be imported (the message names it and why).
    """
    for module in (m.strip() for m in modules.split(",")):
        if not module:
            continue
        try:
            importlib.import_module(module)
        except ImportError as e:
            raise ValueError(f"cannot load the plugin module {module!r}: {e}") from e


def _load(name: str) -> Backend | None:
    if name not in _REGISTRY and name in _BUILTINS:
        importlib.import_module(_BUILTINS[name])
    return _REGISTRY.get(name)


def backends() -> list[Backend]:
    """Every backend, built-in and registered, in name order."""
    for name in _BUILTINS:
        _load(name)
    return sorted(_REGISTRY.values(), key=lambda b: b.name)


def available() -> list[str]:
    """The accepted spec forms (``extractive``, ``openai:MODEL``, …), for help and menus."""
    return [b.form for b in backends()]


def make_answerer(spec: str, ctx: AnswererContext) -> Answerer:
    """The answerer ``spec`` names, made with ``ctx``.

    Raises:
        ValueError: the spec names no backend; the message lists the accepted forms.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"no answer backend given: use one of {', '.join(available())}")
    name, _, arg = spec.strip().partition(":")
    backend = _load(name.strip().lower())
    if backend is None:
        raise ValueError(f"unknown answer backend {spec!r}: use one of {', '.join(available())}")
    return backend.factory(arg.strip(), ctx)
