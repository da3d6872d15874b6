"""Benchmarks: a scale generator for the demo graph and timings of the API against raw Cypher."""
