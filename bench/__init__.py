"""Benchmarks: `python -m bench.latency`, `python bench/transitions.py`."""
