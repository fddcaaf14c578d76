"""Helpers shared by the analysis modules: `result KEY VALUE` lines, CSV files, medians and targets."""
import argparse
import csv
import json
import math
import operator
import statistics
from pathlib import Path

NAN = float("nan")

_OPS = {"<=": operator.le, ">=": operator.ge, "==": operator.eq, "<": operator.lt, ">": operator.gt}


def parse_results(lines):
    """{KEY: float} from the lines `result KEY VALUE` among `lines`; other lines are ignored. A VALUE that is not a
    number (e.g. `unknown`) is NaN; when a key repeats, the last line wins."""
    results = {}
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[0] != "result":
            continue
        try:
            results[parts[1]] = float(parts[2])
        except ValueError:
            results[parts[1]] = NAN
    return results


def read_results(*paths):
    """parse_results over the lines of every file in `paths`, in order."""
    lines = []
    for path in paths:
        with open(path, errors="replace") as f:
            lines += f.read().splitlines()
    return parse_results(lines)


def read_csv(path):
    """The rows of a CSV file with a header line, as dicts."""
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def read_sweep(folder):
    """(provenance.json as a dict, results.csv's rows) of a sweep's output folder, or None if it has no provenance."""
    folder = Path(folder)
    if not (folder / "provenance.json").exists():
        return None
    return json.loads((folder / "provenance.json").read_text()), read_csv(folder / "results.csv")


def last_field(path, column):
    """Column `column` of the last row of a CSV file (KeyError if no such column, ValueError if no row)."""
    rows = read_csv(path)
    if not rows:
        raise ValueError(f"{path}: no rows")
    return rows[-1][column]


def missing(x):
    """True for None and NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def median(values):
    """The median of the values that are not missing; None if there are none."""
    present = [v for v in values if not missing(v)]
    return statistics.median(present) if present else None


def ratio(a, b):
    """a / b, or NaN if either is missing or b is 0."""
    if missing(a) or missing(b) or b == 0:
        return NAN
    return a / b


def meets(value, op, target):
    """True or False: does `value op target` hold (op one of <=, >=, ==, <, >)? None if value is missing."""
    if missing(value):
        return None
    return _OPS[op](value, target)


def verdict(ok, yes="meets", no="MISSES", unknown="-"):
    """The word for the outcome of meets(): True -> yes, False -> no, None -> unknown."""
    return unknown if ok is None else yes if ok else no


def fmt(x, spec=".3g", none="-"):
    """format(x, spec), or `none` for a missing value."""
    return none if missing(x) else format(x, spec)


def cli_parser(module, doc):
    """The command line of `python3 -m bench.analysis.<module>`, with the module's docstring as its help."""
    return argparse.ArgumentParser(prog=f"python3 -m bench.analysis.{module}", description=doc,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
