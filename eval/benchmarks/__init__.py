"""Benchmarks behind ``citeqa bench``: ingest speed, retrieval quality sweeps, query latency."""
