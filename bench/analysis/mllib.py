"""mllib-vs-sweep.sh's comparison: configurations per minute and best validation accuracy of both sides.

    python3 -m bench.analysis.mllib SWEEP_DIR MLLIB_LOG --times T0 T1 T2

SWEEP_DIR is the product sweep's output folder (results.csv, provenance.json); MLLIB_LOG the console output of
MllibSweep (its per-regParam table and its `mllib key=value ...` line). T0, T1, T2 are the epoch seconds at the
start of the sweep's command, between the two commands and at the end of MLlib's. The rate ratio is the sweep's
configurations per minute of job wall time over MLlib's model fits per minute of CrossValidator.fit (target >= 5).
Ends with `result KEY VALUE` lines for run-all.sh.
"""
import json
from pathlib import Path

from .common import cli_parser, read_csv

TARGET = 5.0


def mllib_table(log_lines):
    """MllibSweep's per-regParam table: from its `regParam` header line to the line before `mllib ...`."""
    lines, inside = [], False
    for line in log_lines:
        if line.startswith("regParam "):
            inside = True
        elif line.startswith("mllib "):
            inside = False
        if inside:
            lines.append(line)
    return lines


def mllib_side(log_lines, command_seconds):
    """MLlib's figures from its `mllib key=value ...` line (the last one, if several)."""
    found = [line for line in log_lines if line.startswith("mllib ")]
    if not found:
        raise ValueError("no 'mllib ...' line in MLlib's output")
    m = dict(kv.split("=", 1) for kv in found[-1].split()[1:] if "=" in kv)
    return dict(configs=int(m["configs"]), fits=int(m["fits"]), wall=float(m["wall_seconds"]), command=command_seconds,
                acc=float(m["best_val_acc"]), best=f"regParam {m['best_reg']} (CV picks {m['cv_chosen_reg']})")


def sweep_side(sweep_dir, command_seconds):
    """The sweep's figures: every trial is one configuration and one fit; best = highest val_acc of an ok trial.
    Also returns the number of trials that did not finish ok."""
    sweep_dir = Path(sweep_dir)
    prov = json.loads((sweep_dir / "provenance.json").read_text())
    rows = read_csv(sweep_dir / "results.csv")
    ok = [r for r in rows if r["status"] == "ok"]
    if not ok:
        raise ValueError(f"{sweep_dir}: no trial finished ok")
    best = max(ok, key=lambda r: float(r["val_acc"]))
    side = dict(configs=len(rows), fits=len(rows), wall=prov["timing"]["job_seconds"], command=command_seconds,
                acc=float(best["val_acc"]), best=best["trial"])
    return side, len(rows) - len(ok)


def rates(side):
    """(configurations per minute, fits per minute) of a side's wall time."""
    return side["configs"] / side["wall"] * 60, side["fits"] / side["wall"] * 60


def report(sweep, mllib, not_ok=0):
    """The comparison and the result lines, as text lines."""
    lines = []
    if not_ok:
        lines.append(f"warning: {not_ok} of the sweep's trials did not finish ok (diverged trials stop early and "
                     f"flatter the rate); choose a grid without them")
    lines += ["", f"{'side':6} {'configs':>7} {'fits':>5} {'wall s':>8} {'configs/min':>12} {'fits/min':>9} "
                  f"{'command s':>10} {'best val acc':>13}  best"]
    for name, r in (("sweep", sweep), ("mllib", mllib)):
        cpm, fpm = rates(r)
        lines.append(f"{name:6} {r['configs']:7d} {r['fits']:5d} {r['wall']:8.1f} {cpm:12.2f} {fpm:9.2f} "
                     f"{r['command']:10.1f} {r['acc']:13.4f}  {r['best']}")
    ratio = rates(sweep)[0] / rates(mllib)[1]
    better = sweep["acc"] >= mllib["acc"]
    lines += [
        "",
        f"configurations/min, sweep / MLlib fits/min: {ratio:.2f}x (target >= {TARGET:g}x: "
        f"{'met' if ratio >= TARGET else 'NOT met'});  sweep / MLlib configurations/min: "
        f"{rates(sweep)[0] / rates(mllib)[0]:.2f}x",
        f"best validation accuracy: sweep {sweep['acc']:.4f}, MLlib {mllib['acc']:.4f} "
        f"({sweep['acc'] - mllib['acc']:+.4f}): {'equal or better' if better else 'WORSE'}",
        "(wall s = the sweep's Spark job, provenance timing.job_seconds, and MLlib's CrossValidator.fit; command s ="
        " the whole command, JVM start, Spark start and data loading included)",
        f"result mllib_config_rate_ratio {ratio:.3f}",
        f"result mllib_best_val_acc {mllib['acc']:.4f}",
        f"result sweep_best_val_acc {sweep['acc']:.4f}",
    ]
    return lines


def main(argv=None):
    parser = cli_parser("mllib", __doc__)
    parser.add_argument("sweep_dir", metavar="SWEEP_DIR")
    parser.add_argument("mllib_log", metavar="MLLIB_LOG")
    parser.add_argument("--times", nargs=3, type=float, required=True, metavar=("T0", "T1", "T2"))
    args = parser.parse_args(argv)
    t0, t1, t2 = args.times
    log_lines = Path(args.mllib_log).read_text(errors="replace").splitlines()
    sweep, not_ok = sweep_side(args.sweep_dir, t1 - t0)
    mllib = mllib_side(log_lines, t2 - t1)
    print("\n".join(mllib_table(log_lines) + report(sweep, mllib, not_ok)))


if __name__ == "__main__":
    main()
