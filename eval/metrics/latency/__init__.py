"""Latency metrics: p50 / p95 overall and per stage."""

from eval.metrics.latency.percentiles import latency_summary, percentile, stage_latencies

__all__ = ["latency_summary", "percentile", "stage_latencies"]
