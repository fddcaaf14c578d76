"""sweep-scaling.sh's analysis: the same sweep on local[1] and local[2].

    python3 -m bench.analysis.scaling OUT_DIR

OUT_DIR holds, for N = 1 and 2, the sweep's output folder `localN/` (results.csv, provenance.json) and `localN.time`
(the command's start and end, in epoch seconds). Prints the speed-up of the job wall time (provenance
timing.job_seconds), Spark's overhead (job wall − Σ trial seconds ÷ N, as a share of the job wall), the broadcast's
size per pixel, and `result KEY VALUE` lines for run-all.sh.
"""
import json
from pathlib import Path

from .common import cli_parser, fmt, read_csv


def load_run(out_dir, cores):
    """One sweep's figures: command and job wall seconds, Spark start, Σ trial seconds, trial count, provenance."""
    out = Path(out_dir)
    start, end = map(float, (out / f"local{cores}.time").read_text().split())
    prov = json.loads((out / f"local{cores}" / "provenance.json").read_text())
    trials = read_csv(out / f"local{cores}" / "results.csv")
    return dict(cores=cores, command=end - start, job=prov["timing"]["job_seconds"],
                spark=prov["timing"]["spark_seconds"], trials=sum(float(t["seconds"]) for t in trials),
                n=len(trials), prov=prov)


def overhead(run, wall="job"):
    """Spark's share of a sweep's wall time: (wall − Σ trial seconds ÷ cores) ÷ wall."""
    return (run[wall] - run["trials"] / run["cores"]) / run[wall]


def decodes(run):
    """The largest number of decodes of the broadcast in one executor JVM, or None if not recorded."""
    per_jvm = run["prov"].get("decodes_per_executor_jvm") or {}
    return max(per_jvm.values()) if per_jvm else None


def report(one, two):
    """The table and the result lines for the local[1] run `one` and the local[2] run `two`, as text lines."""
    lines = [f"{'master':10} {'trials':>6} {'command s':>10} {'spark s':>8} {'job s':>8} {'sum trial s':>12} "
             f"{'overhead':>9}"]
    for r in (one, two):
        lines.append(f"local[{r['cores']}]   {r['n']:6d} {r['command']:10.1f} {r['spark']:8.1f} {r['job']:8.1f} "
                     f"{r['trials']:12.1f} {overhead(r):8.1%}")
    speedup = one["job"] / two["job"]
    b = two["prov"]["broadcast"]
    lines += [
        f"speed-up local[2] vs local[1] (job wall): {speedup:.2f}x   (target >= 1.85x)",
        f"speed-up local[2] vs local[1] (whole command): {one['command'] / two['command']:.2f}x",
        f"Spark overhead on local[2] = job wall - sum(trial seconds)/2: {overhead(two):.1%} of the job wall"
        f" (target <= 10%); whole command: {overhead(two, 'command'):.1%}",
        f"broadcast: {b['bytes'] / 1e6:.1f} MB = {b['bytes_per_pixel']:.4f} bytes/pixel serialized, "
        f"{b['compressed_bytes_per_pixel']:.4f} bytes/pixel after {b['codec']}",
        f"trial time on local[2] / local[1] (memory contention): {two['trials'] / one['trials']:.2f}",
        f"decodes of the broadcast per executor JVM on local[2]: {two['prov'].get('decodes_per_executor_jvm', {})}",
        f"result sweep_speedup {speedup:.3f}",
        f"result sweep_spark_overhead {overhead(two):.4f}",
        f"result broadcast_bytes_per_pixel {b['bytes_per_pixel']:.4f}",
        f"result broadcast_shipped_bytes_per_pixel {b['compressed_bytes_per_pixel']:.4f}",
        f"result sweep_decodes_per_jvm {fmt(decodes(two), 'g', none='nan')}",
    ]
    return lines


def main(argv=None):
    parser = cli_parser("scaling", __doc__)
    parser.add_argument("out_dir", metavar="OUT_DIR")
    args = parser.parse_args(argv)
    print("\n".join(report(load_run(args.out_dir, 1), load_run(args.out_dir, 2))))


if __name__ == "__main__":
    main()
