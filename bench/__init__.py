"""bench/ as a Python package, so that `python3 -m bench.analysis.MODULE` runs from the project root."""
