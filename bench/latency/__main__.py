"""`python -m bench.latency`: see the package docstring."""

from bench.latency.cli import main

main()
