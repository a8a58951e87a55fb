"""One total deadline for a download, whatever the server's pace (imported only for URLs).

httpx's timeouts apply to each socket operation: a server that sends its headers one byte every
few seconds never trips a 20 s read timeout and can hold a request for minutes. httpcore looks
the timeout up before every operation, so capping each lookup by the time left until the
deadline makes the whole request end on time.
"""

from __future__ import annotations

import time

import httpx


class _Deadline(dict[str, float | None]):
    """httpx's per-operation timeouts, each capped by the time left until ``deadline``."""

    def __init__(self, timeouts: dict[str, float | None], deadline: float) -> None:
        super().__init__(timeouts)
        self.deadline = deadline

    def get(self, key: str, default: float | None = None) -> float | None:  # type: ignore[override]
        left = max(0.001, self.deadline - time.monotonic())
        value = super().get(key, default)
        return left if value is None else min(value, left)


class DeadlineTransport(httpx.HTTPTransport):
    """An ``HTTPTransport`` whose requests all end by ``deadline`` (a ``time.monotonic()``)."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self.deadline = deadline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = dict(request.extensions.get("timeout", {}))
        request.extensions["timeout"] = _Deadline(timeouts, self.deadline)
        return super().handle_request(request)
