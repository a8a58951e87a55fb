"""Uploads are checked and copied under the app's folder with a safe name."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ui.documents import (
    ALLOWED_EXTENSIONS,
    UploadResult,
    human_size,
    plural,
    safe_name,
    stage_upload,
)


@given(st.text(min_size=0, max_size=200))
def test_safe_name_is_a_plain_file_name(name: str) -> None:
    out = safe_name(name)
    assert out and "/" not in out and "\\" not in out
    assert not out.startswith(".") and ".." not in out.split(".")[0]
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in out)


def test_safe_name_keeps_a_readable_name_and_extension() -> None:
    assert safe_name("../../etc/My Report (1).PDF") == "My_Report_1.pdf"
    assert safe_name("..\\..\\evil.txt") == "evil.txt"
    assert safe_name('<img src=x onerror="1">.txt') == "img_src_x_onerror_1.txt"


def _incoming(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path]:
    incoming = tmp_path / "gradio"
    incoming.mkdir(exist_ok=True)
    f = incoming / name
    f.write_bytes(data)
    return incoming, f


def test_stage_copies_under_upload_dir(tmp_path: Path) -> None:
    incoming, f = _incoming(tmp_path, "a b.txt", b"hello")
    dest = stage_upload(f, tmp_path / "up", max_bytes=100, incoming_dir=incoming)
    assert isinstance(dest, Path) and dest.parent == tmp_path / "up" and dest.name == "a_b.txt"
    assert dest.read_bytes() == b"hello"
    again = stage_upload(f, tmp_path / "up", max_bytes=100, incoming_dir=incoming)
    assert again == dest  # same content, same copy
    _, g = _incoming(tmp_path, "a_b.txt", b"other")
    other = stage_upload(g, tmp_path / "up", max_bytes=100, incoming_dir=incoming)
    assert isinstance(other, Path) and other.name == "a_b-1.txt"


def test_stage_refuses_type_size_empty_and_outside(tmp_path: Path) -> None:
    incoming, exe = _incoming(tmp_path, "x.exe", b"MZ")
    _, big = _incoming(tmp_path, "big.txt", b"x" * 101)
    _, empty = _incoming(tmp_path, "empty.md", b"")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    up = tmp_path / "up"
    for f in (exe, big, empty, outside):
        got = stage_upload(f, up, max_bytes=100, incoming_dir=incoming)
        assert isinstance(got, UploadResult) and got.status == "refused", f
    assert not up.exists() or not any(up.iterdir())
    assert ".txt" in ALLOWED_EXTENSIONS and ".exe" not in ALLOWED_EXTENSIONS


def test_sizes_and_counts_read_naturally() -> None:
    assert [human_size(n) for n in (840, 84_000, 1_500_000, 20_000_000, 50_000)] == [
        "840 bytes", "84 kB", "1.5 MB", "20 MB", "50 kB",
    ]  # fmt: skip
    assert [plural(n, "passage") for n in (0, 1, 2)] == ["0 passages", "1 passage", "2 passages"]


def test_too_large_names_both_sizes(tmp_path: Path) -> None:
    incoming, big = _incoming(tmp_path, "big.txt", b"x" * 84_000)
    got = stage_upload(big, tmp_path / "up", max_bytes=50_000, incoming_dir=incoming)
    assert isinstance(got, UploadResult)
    assert got.detail == "file is 84 kB; the limit is 50 kB"
