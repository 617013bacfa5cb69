"""Benchmarks (`make bench`): each module's run(repeats) returns result rows; see bench/__main__.py."""
