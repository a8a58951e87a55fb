"""Serving options: login parsing and the exposure warning."""

from __future__ import annotations

import pytest

from ui.cli import AuthError, exposure_warning, is_loopback, parse_auth


def test_parse_auth() -> None:
    assert parse_auth(None) is None
    assert parse_auth("ann:s3:cret") == ("ann", "s3:cret")
    for bad in ("ann", ":pw", "ann:"):
        with pytest.raises(AuthError):
            parse_auth(bad)


def test_loopback_addresses() -> None:
    for host in ("127.0.0.1", "127.5.0.1", "localhost", "::1", "[::1]"):
        assert is_loopback(host)
    for host in ("0.0.0.0", "192.168.1.4", "::", "example.org"):
        assert not is_loopback(host)


def test_warning_only_when_exposed_without_login() -> None:
    assert exposure_warning("127.0.0.1", None, share=False) is None
    assert exposure_warning("0.0.0.0", ("a", "b"), share=False) is None
    assert "0.0.0.0" in (exposure_warning("0.0.0.0", None, share=False) or "")
    assert "public" in (exposure_warning("127.0.0.1", None, share=True) or "")
