"""trial-vs-numpy.sh's analysis: each side's seconds and test accuracy, then the table and the java/numpy ratio.

    python3 -m bench.analysis.trial java-run OUT_DIR LOG    -> "seconds test_acc compile_seconds"
    python3 -m bench.analysis.trial pack-run OUT_DIR LOG SEED -> "seconds test_acc compile_seconds"
    python3 -m bench.analysis.trial numpy-run LOG           -> "seconds test_acc"
    python3 -m bench.analysis.trial table RUNS --epochs E --n-train N --n-val N [--target 0.5] [--layout fc]

java-run reads the last row of OUT_DIR/results.csv (written by `submit.sh train`) and the one-off kernel compile
time from the console LOG (`float32 kernel compiled in X s`; 0 if absent). pack-run reads a sweep whose trials
trained in packs: the time per trial is the packs' seconds (provenance.json's packing.packs) over the trials they
trained, the test accuracy that of the trial of seed SEED. numpy-run reads the last
`seconds=<s> test_acc=<a>` line of numpy_trial.py's output. RUNS has one line per run:
`i java_s java_test numpy_s numpy_test java_compile_s`. The table ends with `result trial_... VALUE` lines; their
keys carry `_<layout>` unless the numpy layout is the default, fc.
"""
import re
import sys
from pathlib import Path

from .common import cli_parser, last_field, median

K, D = 10, 3072  # classes, features per image

_COMPILE = re.compile(r"^float32 kernel compiled in ([0-9.]+) s")
_NUMPY = re.compile(r"^seconds=(\S+) test_acc=(\S+)")


def java_run(out_dir, log):
    """(seconds, test_acc, compile_seconds) of a Java trial: its results.csv and its console log."""
    results = Path(out_dir) / "results.csv"
    seconds = float(last_field(results, "seconds"))
    test_acc = float(last_field(results, "test_acc"))
    compile_seconds = 0.0
    for line in Path(log).read_text(errors="replace").splitlines():
        m = _COMPILE.match(line)
        if m:
            compile_seconds = float(m[1])
    return seconds, test_acc, compile_seconds


def pack_run(out_dir, log, seed):
    """(seconds per trial, test_acc of the trial of `seed`, compile_seconds) of a sweep that trained in packs."""
    import json
    out = Path(out_dir)
    packs = json.loads((out / "provenance.json").read_text())["packing"]["packs"]
    trained = sum(len(p["members"]) for p in packs)
    if trained == 0:
        raise ValueError(f"{out}: no trial trained in a pack")
    seconds = sum(p["seconds"] for p in packs) / trained
    from .common import read_csv
    rows = [r for r in read_csv(out / "results.csv") if int(r["seed"]) == int(seed)]
    if not rows:
        raise ValueError(f"{out}: no trial of seed {seed}")
    _, _, compile_seconds = java_run(out, log)
    return seconds, float(rows[0]["test_acc"]), compile_seconds


def numpy_run(log):
    """(seconds, test_acc) from the last `seconds=... test_acc=...` line of numpy_trial.py's output."""
    found = None
    for line in Path(log).read_text(errors="replace").splitlines():
        m = _NUMPY.match(line)
        if m:
            found = float(m[1]), float(m[2])
    if found is None:
        raise ValueError(f"{log}: no 'seconds=... test_acc=...' line")
    return found


def flops(epochs, n_train, n_val):
    """Flops of the loop, small terms ignored: per epoch the batch forward and gradient products over the training
    set (4·K·d·n_train) and the evaluation of the training and validation sets (2·K·d·(n_train + n_val))."""
    return epochs * (4 * K * D * n_train + 2 * K * D * (n_train + n_val))


def read_runs(path):
    """[(run, java_s, java_test, numpy_s, numpy_test, compile_s)] from the RUNS file."""
    runs = []
    for line in Path(path).read_text().splitlines():
        if line.strip():
            f = line.split()
            runs.append((f[0], *map(float, f[1:6])))
    return runs


def report(runs, epochs, n_train, n_val, target=0.5, layout="fc", pack=1):
    """The table, the verdict and the `result` lines, as text lines; the keys carry `_<layout>` unless the layout is
    fc, and `_pack<P>` for a trial inside a pack of P."""
    suffix = ("" if layout == "fc" else "_" + layout) + ("" if pack == 1 else f"_pack{pack}")
    total = flops(epochs, n_train, n_val)
    gflops = lambda s: total / s / 1e9  # noqa: E731
    lines = [f"{'run':>3}  {'java s':>8}  {'numpy s':>8}  {'java/numpy':>10}  {'java test':>9}  {'numpy test':>10}  "
             f"{'java GFLOP/s':>12}"]
    for i, js, ja, ns, na, _ in runs:
        lines.append(f"{i:>3}  {js:8.3f}  {ns:8.3f}  {js / ns:10.3f}  {ja:9.4f}  {na:10.4f}  {gflops(js):12.1f}")
    java = [r[1] for r in runs]
    numpy = [r[3] for r in runs]
    jm, nm = median(java), median(numpy)
    if len(runs) > 1:
        lines.append(f"{'med':>3}  {jm:8.3f}  {nm:8.3f}  {jm / nm:10.3f}  {'':9}  {'':10}  {gflops(jm):12.1f}")
        lines.append(f"{'min':>3}  {min(java):8.3f}  {min(numpy):8.3f}  {min(java) / min(numpy):10.3f}  {'':9}  {'':10}"
                     f"  {gflops(min(java)):12.1f}")
    ratio = jm / nm
    compile_seconds = median(r[5] for r in runs)
    lines.append("")
    lines.append(f"flops counted: {total / 1e9:.1f} GFLOP ({epochs} epochs; per epoch {4 * K * D * n_train / 1e9:.3f}"
                 f" training + {2 * K * D * (n_train + n_val) / 1e9:.3f} evaluation)")
    runs_text = f"median of {len(runs)} runs" if len(runs) > 1 else "one run"
    lines.append(f"java/numpy = {ratio:.3f} ({runs_text}): {'meets' if ratio <= target else 'misses'} the target <= "
                 f"{target} (lower is better: 0.5 means Java trains in half numpy's time)")
    lines.append(f"Java's one-off JIT compile of the pixel kernel (once per JVM, before the trial's clock): "
                 f"{compile_seconds:.2f} s; counted into a lone trial, java/numpy = {(jm + compile_seconds) / nm:.3f}")
    lines.append(f"result trial_java_compile_seconds{suffix} {compile_seconds:.3f}")
    lines.append(f"result trial_java_numpy_ratio{suffix} {ratio:.3f}")
    lines.append(f"result trial_java_seconds{suffix} {jm:.3f}")
    lines.append(f"result trial_numpy_seconds{suffix} {nm:.3f}")
    lines.append(f"result trial_java_gflops{suffix} {gflops(jm):.1f}")
    gap = max(abs(r[2] - r[4]) for r in runs)
    if gap > 0.01:
        lines.append(f"warning: test accuracies differ by up to {100 * gap:.1f} points (> 1): the loops do not match")
    return lines


def main(argv=None):
    parser = cli_parser("trial", __doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("java-run", help="seconds, test accuracy and compile seconds of a Java trial")
    p.add_argument("out_dir")
    p.add_argument("log")
    p = sub.add_parser("pack-run", help="seconds per trial, test accuracy and compile seconds of a packed sweep")
    p.add_argument("out_dir")
    p.add_argument("log")
    p.add_argument("seed")
    p = sub.add_parser("numpy-run", help="seconds and test accuracy of a numpy trial")
    p.add_argument("log")
    p = sub.add_parser("table", help="the table of all runs, the ratio and the result lines")
    p.add_argument("runs")
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--n-train", type=int, required=True)
    p.add_argument("--n-val", type=int, required=True)
    p.add_argument("--target", type=float, default=0.5)
    p.add_argument("--layout", default="fc")
    p.add_argument("--pack", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        if args.command == "java-run":
            print(*java_run(args.out_dir, args.log))
        elif args.command == "pack-run":
            print(*pack_run(args.out_dir, args.log, args.seed))
        elif args.command == "numpy-run":
            print(*numpy_run(args.log))
        else:
            runs = read_runs(args.runs)
            if not runs:
                raise ValueError(f"{args.runs}: no runs")
            print("\n".join(report(runs, args.epochs, args.n_train, args.n_val, args.target, args.layout, args.pack)))
    except (OSError, KeyError, ValueError) as e:
        sys.exit(f"trial: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
