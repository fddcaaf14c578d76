"""packing.sh's analysis: one grid with trials alone and in packs.

    python3 -m bench.analysis.packing OUT_DIR

OUT_DIR holds sweep folders named PRECISION-PACKING-localN (e.g. float-off-local1, float-auto-local1,
float-auto-local2), each with results.csv and provenance.json, and PRECISION-PACKING-localN.time (the command's start
and end, in epoch seconds). Prints each run's trials per minute (trials ÷ provenance timing.job_seconds), the share
of trials that ran packed and the packed products' GFLOP/s; then packed ÷ alone on local[1] per precision (target
>= 2), local[2] ÷ local[1] packed (target >= 1.8), whether every run has the numbers of its precision's
--packing off run, and `result KEY VALUE` lines for scripts. Exits 1 if any numbers differ.
"""
import sys
from pathlib import Path

from .common import cli_parser, fmt, meets, ratio, read_sweep, verdict
from .same_bits import compare_file

PACKED_TARGET = 2.0
SCALING_TARGET = 1.8


def load_run(out_dir, name):
    """One sweep's figures, or None if its folder is absent."""
    folder = Path(out_dir) / name
    sweep = read_sweep(folder)
    if sweep is None:
        return None
    prov, rows = sweep
    start, end = map(float, (Path(out_dir) / f"{name}.time").read_text().split())
    packing = prov.get("packing", {})
    job = prov["timing"]["job_seconds"]
    return dict(name=name, folder=folder, trials=len(rows), job=job, command=end - start,
                per_minute=ratio(60.0 * len(rows), job), packed=packing.get("fraction_packed"),
                gflops=packing.get("packed_product_gflops"), packs=len(packing.get("packs", [])),
                ok=sum(1 for r in rows if r["status"] == "ok"))


def same_numbers(expected, actual):
    """The differences between two runs' results.csv and curves.csv, apart from timing, host and pack."""
    problems = []
    for name, keys in (("results.csv", ("trial", "rung")), ("curves.csv", ("trial", "rung", "epoch"))):
        found, _, _ = compare_file(expected["folder"] / name, actual["folder"] / name, keys)
        problems += found
    return problems


def report(out_dir):
    """(text lines, differences found) for the runs in out_dir."""
    names = sorted(p.name for p in Path(out_dir).iterdir() if p.is_dir() and p.name.count("-") == 2)
    runs = {n: load_run(out_dir, n) for n in names}
    runs = {n: r for n, r in runs.items() if r is not None}
    lines = [f"{'run':20} {'trials':>6} {'ok':>4} {'job s':>8} {'trials/min':>10} {'packed':>7} {'packs':>5} "
             f"{'pack GFLOP/s':>12}"]
    for r in runs.values():
        lines.append(f"{r['name']:20} {r['trials']:>6} {r['ok']:>4} {fmt(r['job'], '.1f'):>8} "
                     f"{fmt(r['per_minute'], '.1f'):>10} {fmt(r['packed'], '.0%'):>7} {r['packs']:>5} "
                     f"{fmt(r['gflops'], '.1f'):>12}")
    results, diffs = [], 0
    for precision in ("float", "double"):
        off, auto = runs.get(f"{precision}-off-local1"), runs.get(f"{precision}-auto-local1")
        if off and auto:
            gain = ratio(auto["per_minute"], off["per_minute"])
            ok = meets(gain, ">=", PACKED_TARGET)
            lines.append(f"{precision}: packed / alone on local[1] = {fmt(gain, '.2f')}x "
                         f"(target >= {PACKED_TARGET}x: {verdict(ok)})")
            results.append(f"result {precision}_packed_over_alone {fmt(gain, '.3f')}")
        if off:
            for r in runs.values():
                if r["name"].startswith(precision + "-") and r is not off:
                    found = same_numbers(off, r)
                    diffs += len(found)
                    lines.append(f"{r['name']} against {off['name']}: "
                                 + ("same numbers" if not found else f"{len(found)} DIFFERENCES, e.g. {found[0]}"))
        one, two = runs.get(f"{precision}-auto-local1"), runs.get(f"{precision}-auto-local2")
        if one and two:
            speedup = ratio(two["per_minute"], one["per_minute"])
            lines.append(f"{precision}: local[2] / local[1], packed = {fmt(speedup, '.2f')}x "
                         f"(target >= {SCALING_TARGET}x: {verdict(meets(speedup, '>=', SCALING_TARGET))})")
            results.append(f"result {precision}_packed_local2_over_local1 {fmt(speedup, '.3f')}")
    results.append(f"result differences {diffs}")
    return lines + results, diffs


def main(argv=None):
    parser = cli_parser("packing", __doc__)
    parser.add_argument("out_dir")
    args = parser.parse_args(argv)
    lines, diffs = report(args.out_dir)
    print("\n".join(lines))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
