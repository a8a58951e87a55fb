"""Answer backends behind one protocol, resolved from a spec string once, at the edge."""

from qa.answerers.base import Answerer, AnswererContext
from qa.answerers.registry import (
    Backend,
    available,
    backends,
    load_plugins,
    make_answerer,
    register,
)

__all__ = [
    "Answerer",
    "AnswererContext",
    "Backend",
    "available",
    "backends",
    "load_plugins",
    "make_answerer",
    "register",
]
