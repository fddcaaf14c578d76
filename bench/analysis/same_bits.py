"""Compare two runs' results.csv and curves.csv, bit for bit, apart from the columns that record time and host.

Usage: python3 bench/same_bits.py BEFORE_DIR AFTER_DIR
   or: python3 -m bench.analysis.same_bits BEFORE_DIR AFTER_DIR

Each directory holds one output folder per sweep (e.g. BEFORE_DIR/seed-experiments, BEFORE_DIR/grid), as
bench/same-bits.sh writes them, or is itself one sweep's output folder. A comparison that finds no results.csv to
compare is a failure, not IDENTICAL. Rows are matched by trial and rung (and epoch, in curves.csv), so the order in
which trials finished does not matter. Values are compared as the text written, so a one-ulp change is a
difference. Columns that only one side has are reported and ignored (the CSV contract lets files gain columns).
Exits 1 on any difference, 0 otherwise.
"""
import csv
import sys
from pathlib import Path

# Columns that legitimately differ between two runs of the same trial.
VOLATILE = {"seconds", "train_seconds", "host", "executor", "executor_id", "started", "finished", "pack",
            "wall_seconds"}
FILES = (("results.csv", ("trial", "rung")), ("curves.csv", ("trial", "rung", "epoch")))


def read_rows(path):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def compare_file(before, after, key_columns):
    """(differences, rows compared, notes) between two CSV files, each difference and note a line of text."""
    before, after = Path(before), Path(after)
    cols_b, rows_b = read_rows(before)
    cols_a, rows_a = read_rows(after)
    problems, notes = [], []
    only = set(cols_b) ^ set(cols_a)
    if only:
        notes.append(f"{after.name}: columns on one side only, ignored: {sorted(only)}")
    common = [c for c in cols_b if c in cols_a and c not in VOLATILE]

    def key(row):
        return tuple(row.get(c) or "" for c in key_columns)

    by_key_b = {key(r): r for r in rows_b}
    by_key_a = {key(r): r for r in rows_a}
    if len(by_key_b) != len(rows_b) or len(by_key_a) != len(rows_a):
        problems.append(f"{after.name}: duplicate keys {list(key_columns)}")
    for k in sorted(set(by_key_b) ^ set(by_key_a)):
        problems.append(f"{after.name}: row {k} only {'before' if k in by_key_b else 'after'}")
    for k in sorted(set(by_key_b) & set(by_key_a)):
        rb, ra = by_key_b[k], by_key_a[k]
        for c in common:
            if rb[c] != ra[c]:
                problems.append(f"{after.name}: row {k} column {c}: {rb[c]!r} != {ra[c]!r}")
    return problems, len(rows_b), notes


def compare_sweeps(before, after, label, out):
    """The differences between two sweep folders' results.csv and curves.csv, each prefixed with `label`."""
    problems = []
    for name, keys in FILES:
        if not (before / name).exists() and not (after / name).exists():
            continue
        if not (before / name).exists() or not (after / name).exists():
            problems.append(f"{label}/{name}: missing {'after' if (before / name).exists() else 'before'}")
            continue
        found, n, notes = compare_file(before / name, after / name, keys)
        for note in notes:
            print(f"  note: {label}/{note}", file=out)
        problems += [f"{label}/{p}" for p in found]
        print(f"{label}/{name}: {n} rows compared, {len(found)} differences", file=out)
    return problems


def compare_runs(before_dir, after_dir, out=None):
    """The differences between two runs (folders of sweep folders, or two sweep folders), printing one summary
    line per file to `out` (default: standard output)."""
    out = out or sys.stdout
    before_dir, after_dir = Path(before_dir), Path(after_dir)
    if (before_dir / "results.csv").exists():
        return compare_sweeps(before_dir, after_dir, before_dir.name, out)
    sweeps = sorted(p.name for p in before_dir.iterdir() if p.is_dir() and (p / "results.csv").exists())
    if not sweeps:
        return [f"{before_dir}: no sweep folder (a folder with a results.csv) to compare"]
    problems = []
    for sweep in sorted(p.name for p in after_dir.iterdir() if p.is_dir()):
        if sweep not in sweeps and (after_dir / sweep / "results.csv").exists():
            problems.append(f"{sweep}: only after")
    for sweep in sweeps:
        problems += compare_sweeps(before_dir / sweep, after_dir / sweep, sweep, out)
    return problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    diffs = compare_runs(argv[0], argv[1])
    for d in diffs[:50]:
        print(d)
    print("IDENTICAL" if not diffs else f"DIFFERENT: {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
