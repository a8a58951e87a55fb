"""Every command and option explains itself in one line; flags carry no type noise."""

from __future__ import annotations

import re

import pytest
import typer

from citeqa.cli import app
from tests.citeqa.conftest import Run

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_listed() -> None:
    assert {"ingest", "docs", "chunks", "remove", "ask", "chat", "ui", "eval", "bench"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help_and_no_bool_noise(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if param.param_type_name == "option":
            assert (param.help or "").strip(), f"{name} {param.opts} has no help"
            assert "\n" not in param.help.strip(), f"{name} {param.opts}: help is not one line"
    assert (command.help or "").strip(), f"{name} has no description"


@pytest.mark.parametrize("name", ["ask", "ingest", "eval", "ui"])
def test_help_output(cli: Run, name: str) -> None:
    result = cli(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout
    options = re.findall(r"^\s+(--[a-z-]+)", result.stdout, re.MULTILINE)
    assert "-h, --help" in result.stdout and len(options) >= 2


def test_python_m_ui_is_the_same_command(tmp_path: object) -> None:
    import subprocess
    import sys

    from tests.citeqa.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "ui", "--help"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: python -m ui [OPTIONS]")
    for option in ("--store", "--chroma-url", "--host", "--port", "--llm", "--auth", "--share"):
        assert option in result.stdout


def test_eval_shares_the_store_options() -> None:
    command = typer.main.get_command(app).commands["eval"]  # type: ignore[attr-defined]
    opts = {o for p in command.params for o in p.opts}
    assert {"--store", "--chroma-url", "--llm", "--k"} <= opts
