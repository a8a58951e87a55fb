"""``python -m ui``: the web chat; the same command, options and help as ``citeqa ui``."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> None:
    """Run ``citeqa ui`` with ``argv`` (default: the command line)."""
    import typer

    from citeqa.cli import app

    command = typer.main.get_command(app).commands["ui"]  # type: ignore[attr-defined]
    command.main(args=argv, prog_name="python -m ui")


if __name__ == "__main__":
    main()
