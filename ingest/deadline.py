"""One total deadline for a download, whatever the server's pace (imported only for URLs).

httpx's timeouts apply to each socket operation: a server that sends its headers one byte every
few seconds never trips a 20 s read timeout and can hold a request for minutes. The transport
here gives its connection pool a network backend whose every read, write and connect is capped
by the time left until one deadline, so the whole request ends on time.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx


def _left(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("total time exceeded")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner, self.deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(self.deadline, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(self.deadline, timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _Stream(self.inner.start_tls(*args, **kwargs), self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: float) -> None:
        self.inner, self.deadline = httpcore.SyncBackend(), deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(
            host, port, _left(self.deadline, timeout), local_address, socket_options
        )
        return _Stream(stream, self.deadline)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """An ``HTTPTransport`` whose requests all end by ``deadline`` (a ``time.monotonic()``)."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        # httpx exposes no way to pass httpcore a network backend; its pool reads this one.
        self._pool._network_backend = _Backend(deadline)
