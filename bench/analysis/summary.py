"""run-all.sh's last table: every benchmark's `result KEY VALUE` lines against its target.

    python3 -m bench.analysis.summary FILE [FILE...]

Reads the `result` lines of the given files (benchmark logs, or run-all's results.txt; other lines are ignored) and
prints one row per figure: the measured value, the target, and `meets` / `MISSES`, or `-` when the benchmark did
not run or did not report it. Rows whose target is `report` carry no verdict.
"""

from .common import NAN, cli_parser, fmt, meets, missing, ratio, read_results, verdict


def _pct(x):
    return fmt(100 * x, ".1f") + "%" if not missing(x) else "-"


def rows(r):
    """[(what, measured, target, verdict)] for the results `r` ({KEY: float})."""
    def get(key):
        return r.get(key, NAN)

    out = []

    def check(what, value, op, target, shown=None):
        out.append((what, fmt(value) if shown is None else shown, f"{op} {target:g}" if op != "==" else f"{target:g}",
                    verdict(meets(value, op, target))))

    def report(what, shown):
        out.append((what, shown, "report", ""))

    check("1. one trial: java / numpy (numpy's fastest: X held twice)", get("trial_java_numpy_ratio"), "<=", 0.5)
    check("1. one trial: java / numpy (X held once, as in Java)", get("trial_java_numpy_ratio_f"), "<=", 0.5)
    report("1. one trial: java s, numpy s (fastest layout)",
           f"{fmt(get('trial_java_seconds'), '.2f')}, {fmt(get('trial_numpy_seconds'), '.2f')}")
    report("1. java's one-off kernel compile per JVM: s", fmt(get("trial_java_compile_seconds")))
    peak, gflops = get("jmh_sgemm_peak_gflops"), get("trial_java_gflops")
    report("1. one trial: GFLOP/s (share of sgemm peak)",
           f"{fmt(gflops, '.1f')} ({_pct(ratio(gflops, peak))} of {fmt(peak, '.1f')})")
    report("1. JMH forward, float32: GFLOP/s", fmt(get("jmh_forward_f32_gflops")))
    report("1. JMH gradient, float32: GFLOP/s", fmt(get("jmh_gradient_f32_gflops")))
    report("1. JMH one epoch, float32: ms", fmt(get("jmh_epoch_f32_ms")))
    check("2. sweep: local[2] / local[1] speed-up", get("sweep_speedup"), ">=", 1.85)
    report("2. machine: 2 concurrent sgemm / 1, before; after (the ceiling)",
           f"{fmt(get('before_machine_parallel_sgemm_ratio'), '.2f')}; "
           f"{fmt(get('machine_parallel_sgemm_ratio'), '.2f')}")
    overhead = get("sweep_spark_overhead")
    out.append(("2. sweep: Spark overhead of the job wall", _pct(overhead), "<= 10%",
                verdict(meets(overhead, "<=", 0.10))))
    check("2. broadcast decodes per executor JVM", get("sweep_decodes_per_jvm"), "==", 1)
    check("3. broadcast: bytes per pixel shipped (after lz4)", get("broadcast_shipped_bytes_per_pixel"), "<=", 1)
    report("3. broadcast: bytes per pixel serialized (labels, statistics)",
           fmt(get("broadcast_bytes_per_pixel"), ".5g"))
    check("4. MLlib: configurations per minute, ours / MLlib", get("mllib_config_rate_ratio"), ">=", 5)
    ours, theirs = get("sweep_best_val_acc"), get("mllib_best_val_acc")
    out.append(("4. MLlib: best val acc, ours vs MLlib", f"{fmt(ours, '.4f')} vs {fmt(theirs, '.4f')}", "ours >=",
                verdict(None if missing(theirs) else meets(ours, ">=", theirs))))
    report("5. driver peak RSS, 48 trials, 10k split: MB", fmt(get("driver_rss_mb_10k"), ".0f"))
    report("5. driver peak RSS, 48 trials, 49k split: MB", fmt(get("driver_rss_mb_49k"), ".0f"))
    check("7. packs: grid float32, packed / alone trials per minute", get("float_packed_over_alone"), ">=", 2)
    check("7. packs: grid float64, packed / alone trials per minute", get("double_packed_over_alone"), ">=", 2)
    check("7. packs: packed grid, local[2] / local[1]", get("float_packed_local2_over_local1"), ">=", 1.8)
    check("7. packs: runs whose numbers differ from --packing off", get("differences"), "==", 0)
    check("7. packs: a trial in a pack of 16 / a numpy trial", get("trial_java_numpy_ratio_pack16"), "<=", 0.3)
    check("8. search: ASHA / synchronous halving, wall time", get("asha_sync_wall_ratio"), "<=", 0.7)
    check("8. search: ASHA below the full grid's best: points", get("asha_grid_gap_points"), "<=", 0.3)
    check("8. search: ASHA's epochs / the full grid's", get("asha_grid_epochs_share"), "<=", 0.25)
    report("8. search: ASHA / synchronous halving, idle core-seconds", fmt(get("asha_sync_idle_ratio"), ".2f"))
    tpe, rnd = get("tpe_median_best"), get("random_median_best")
    out.append(("8. search: TPE vs random, median best val acc", f"{fmt(tpe, '.4f')} vs {fmt(rnd, '.4f')}", "TPE >",
                verdict(None if missing(tpe) or missing(rnd) else meets(tpe, ">", rnd))))
    return out


def table(row_list):
    """The rows as aligned text lines, with a header."""
    width = max(len(what) for what, *_ in row_list)
    lines = [f"{'benchmark':{width}}  {'measured':>28}  {'target':>8}  verdict"]
    for what, measured, target, word in row_list:
        lines.append(f"{what:{width}}  {measured:>28}  {target:>8}  {word}".rstrip())
    return lines


def main(argv=None):
    parser = cli_parser("summary", __doc__)
    parser.add_argument("files", nargs="+", metavar="FILE", help="files holding `result KEY VALUE` lines")
    args = parser.parse_args(argv)
    print()
    print("\n".join(table(rows(read_results(*args.files)))))


if __name__ == "__main__":
    main()
