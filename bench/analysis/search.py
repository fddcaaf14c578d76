"""search.sh's analysis: the full grid, synchronous halving, ASHA, and TPE against random search.

    python3 -m bench.analysis.search OUT_DIR

OUT_DIR holds sweep folders grid, sync, async and random-seedN, tpe-seedN, each with results.csv and
provenance.json, and NAME.time (the command's start and end, in epoch seconds). Prints, per run, the wall time
(provenance timing.job_seconds), the idle core-seconds, the epochs trained and the best validation accuracy; then
ASHA against its targets (within 0.3 points of the grid's best, <= 25% of its epochs, <= 0.7x synchronous halving's
wall time) and the median over seeds of TPE's and random search's best (TPE's above), with `result KEY VALUE` lines.
"""
import re
from pathlib import Path

from .common import cli_parser, fmt, meets, median, ratio, read_sweep, verdict

ACCURACY_GAP = 0.003
EPOCHS_SHARE = 0.25
WALL_RATIO = 0.7


def load_run(out_dir, name):
    """One sweep's figures, or None if its folder is absent."""
    sweep = read_sweep(Path(out_dir) / name)
    if sweep is None:
        return None
    prov, rows = sweep
    ok = [float(r["val_acc"]) for r in rows if r["status"] == "ok" and r["val_acc"] not in ("", "NaN")]
    search = prov.get("search", {})
    epochs = search.get("epochs_spent")
    if epochs is None:
        epochs = sum(int(r["n_epochs"]) for r in rows)
    timing = prov.get("timing", {})
    return dict(name=name, runs=len(rows), wall=timing.get("job_seconds"), idle=timing.get("idle_core_seconds"),
                epochs=epochs, best=max(ok) if ok else None)


def report(out_dir):
    """The text lines of the report for the runs in out_dir."""
    names = sorted(p.name for p in Path(out_dir).iterdir() if p.is_dir())
    runs = {n: r for n, r in ((n, load_run(out_dir, n)) for n in names) if r is not None}
    lines = [f"{'run':14} {'runs':>5} {'wall s':>8} {'idle core-s':>11} {'epochs':>7} {'best val_acc':>12}"]
    for r in runs.values():
        lines.append(f"{r['name']:14} {r['runs']:>5} {fmt(r['wall'], '.1f'):>8} {fmt(r['idle'], '.1f'):>11} "
                     f"{r['epochs']:>7} {fmt(r['best'], '.4f'):>12}")
    results = []
    grid, sync, asha = runs.get("grid"), runs.get("sync"), runs.get("async")
    if asha and sync:
        wall = ratio(asha["wall"], sync["wall"])
        idle = ratio(asha["idle"], sync["idle"])
        lines.append(f"ASHA / synchronous halving: wall {fmt(wall, '.2f')}x (target <= {WALL_RATIO}: "
                     f"{verdict(meets(wall, '<=', WALL_RATIO))}), idle core-seconds {fmt(idle, '.2f')}x, "
                     f"epochs {asha['epochs']} vs {sync['epochs']}, best {fmt(asha['best'], '.4f')} vs "
                     f"{fmt(sync['best'], '.4f')}")
        results += [("asha_sync_wall_ratio", wall), ("asha_sync_idle_ratio", idle)]
    if asha and grid:
        gap = None if asha["best"] is None or grid["best"] is None else grid["best"] - asha["best"]
        share = ratio(asha["epochs"], grid["epochs"])
        lines.append(f"ASHA against the full grid: best {fmt(asha['best'], '.4f')} vs {fmt(grid['best'], '.4f')}, "
                     f"{fmt(None if gap is None else 100 * gap, '.2f')} points below (target <= 0.3: "
                     f"{verdict(meets(gap, '<=', ACCURACY_GAP))}); epochs {fmt(share, '.1%')} of the grid's "
                     f"(target <= 25%: {verdict(meets(share, '<=', EPOCHS_SHARE))})")
        results += [("asha_grid_gap_points", None if gap is None else 100 * gap), ("asha_grid_epochs_share", share)]
    seeds = {}
    for name, r in runs.items():
        m = re.fullmatch(r"(random|tpe)-seed(\d+)", name)
        if m:
            seeds.setdefault(m.group(1), []).append(r["best"])
    if seeds.get("tpe") and seeds.get("random"):
        tpe, rnd = median(seeds["tpe"]), median(seeds["random"])
        lines.append(f"TPE against random search over {len(seeds['tpe'])} seeds: median best {fmt(tpe, '.4f')} vs "
                     f"{fmt(rnd, '.4f')} (target: above: {verdict(meets(tpe - rnd if tpe and rnd else None, '>', 0))})")
        results += [("tpe_median_best", tpe), ("random_median_best", rnd)]
    lines += [f"result {k} {fmt(v, '.6g')}" for k, v in results]
    return lines


def main(argv=None):
    parser = cli_parser("search", __doc__)
    parser.add_argument("out_dir")
    args = parser.parse_args(argv)
    print("\n".join(report(args.out_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
