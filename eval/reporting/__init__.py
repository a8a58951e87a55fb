"""Pieces of the eval report: plots, Markdown and self-contained HTML."""
