"""An eval run's report: metrics.json, records.jsonl, report.md, report.html and plots."""

from eval.reporting.files import ReportFiles, write_report

__all__ = ["ReportFiles", "write_report"]
