"""Misbehaving HTTP servers for the probe kit, bound to 127.0.0.1 only."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def slow_header_server(byte_every: float = 1.0) -> Iterator[str]:
    """A server that sends its response headers one byte every ``byte_every`` seconds.

    Yields the URL. Per-read timeouts never fire against it; only a total deadline does.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    stop = threading.Event()
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + b"X-Pad: " + b"a" * 200

    def serve() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    for byte in response:
                        if stop.is_set():
                            break
                        conn.sendall(bytes([byte]))
                        time.sleep(byte_every)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/article.txt"
    finally:
        stop.set()
        thread.join(5)
        sock.close()
