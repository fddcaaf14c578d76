"""Unit tests of bench/analysis, bench/numpy_trial.py and the bench/ scripts' command lines.

Run from the project root: python3 -m unittest discover -s bench -p 'test_*.py' (BenchAnalysisTest runs it in CI).
"""
