"""jmh.sh's table: JMH's JSON results as ms/op, GFLOP/s and share of the sgemm peak of the same run.

    python3 -m bench.analysis.jmh JMH_JSON

JMH_JSON is what `-rf json -rff FILE` writes. Flops counted per op: sgemm 2·size³; forward 2·K·d·n over the
validation split (n = 10,000); gradient 2·K·d·batch; one epoch 4 products of 2·K·d·10,000 (K = 10, d = 3072).
Packs of P members: packed forward 2·K·P·d·chunk, packed gradient 2·K·P·d·100, a pack's epoch P times one epoch;
the pack's epoch is also compared with P single epochs of the same run. Ends with `result jmh_... VALUE` lines.
"""
import json
import math

from .common import cli_parser, missing

K, D, N = 10, 3072, 10_000  # classes, features, images per CIFAR-10 batch (validation = data_batch_2)
TO_MS = {"s/op": 1e3, "ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6}
ORDER = ["SgemmPeakBench.sgemm", "ForwardBench.forward", "GradientBench.gradient", "EpochBench.epoch",
         "PackKernelBench.forward", "PackKernelBench.gradient", "PackEpochBench.epoch"]
PRECISION = {"float": "f32", "double": "f64"}


def flops(name, params):
    """Flops of one op of benchmark `name` (Class.method) with JMH `params`; None for an unknown benchmark."""
    if name == "SgemmPeakBench.sgemm":
        return 2.0 * int(params["size"]) ** 3
    if name == "ForwardBench.forward":
        return 2.0 * K * D * N
    if name == "GradientBench.gradient":
        return 2.0 * K * D * int(params["batch"])
    if name == "EpochBench.epoch":
        return 4 * 2.0 * K * D * N
    if name == "PackKernelBench.forward":
        return 2.0 * K * int(params["members"]) * D * int(params["chunk"])
    if name == "PackKernelBench.gradient":
        return 2.0 * K * int(params["members"]) * D * 100
    if name == "PackEpochBench.epoch":
        return int(params["members"]) * 4 * 2.0 * K * D * N
    return None


def _float(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan  # JMH writes "NaN" (a string) for the error with fewer than 2 iterations


def label(name, params):
    prec = PRECISION.get(params.get("precision"), params.get("precision"))
    if name == "SgemmPeakBench.sgemm":
        return f"sgemm peak {params['size']}^3"
    if name == "ForwardBench.forward":
        return f"forward {prec} (n={N})"
    if name == "GradientBench.gradient":
        return f"gradient {prec} (batch {params['batch']})"
    if name == "EpochBench.epoch":
        return f"epoch {prec} (Trainer)"
    if name == "PackKernelBench.forward":
        return f"pack forward {prec} P={params['members']}"
    if name == "PackKernelBench.gradient":
        return f"pack gradient {prec} P={params['members']}"
    if name == "PackEpochBench.epoch":
        return f"pack epoch {prec} P={params['members']}"
    return name


def parse(results):
    """One dict per JMH result (name, params, label, ms, err, best, gflops), benchmarks in ORDER (JMH's order
    within one benchmark); results in a unit other than time per op are left out."""
    rows = []
    for r in results:
        name = ".".join(r["benchmark"].split(".")[-2:])
        params = r.get("params") or {}
        metric = r["primaryMetric"]
        unit = TO_MS.get(metric["scoreUnit"])
        if unit is None:
            continue
        ms = _float(metric["score"]) * unit
        iterations = [x for fork in metric.get("rawData", []) for x in fork]
        f = flops(name, params)
        rows.append(dict(name=name, params=params, label=label(name, params), ms=ms,
                         err=_float(metric.get("scoreError")) * unit,
                         best=min(iterations) * unit if iterations else ms,
                         gflops=f / (ms * 1e-3) / 1e9 if f else None))
    rows.sort(key=lambda r: ORDER.index(r["name"]) if r["name"] in ORDER else len(ORDER))
    return rows


def peak(rows):
    """The fastest sgemm of the run in GFLOP/s, or None."""
    peaks = [r["gflops"] for r in rows if r["name"] == "SgemmPeakBench.sgemm"]
    return max(peaks) if peaks else None


def table(rows):
    top = peak(rows)
    lines = [f"{'benchmark':28} {'ms/op':>10} {'± ms':>9} {'best ms':>10} {'GFLOP/s':>9} {'% sgemm peak':>13}"]
    for r in rows:
        err = "" if missing(r["err"]) else f"{r['err']:9.3f}"
        g = f"{r['gflops']:9.1f}" if r["gflops"] else ""
        pct = f"{100 * r['gflops'] / top:12.1f}%" if r["gflops"] and top else ""
        lines.append(f"{r['label']:28} {r['ms']:10.3f} {err:>9} {r['best']:10.3f} {g:>9} {pct:>13}")
    return lines + NOTE.splitlines()


NOTE = """\
ms/op: JMH's score (mean over the measurement iterations); ± its 99.9% confidence half-width; best ms: the
fastest iteration. GFLOP/s (from ms/op) counts 2·K·d·n per product, K = 10, d = 3072: forward n = 10,000;
gradient n = batch; epoch 4 products of n = 10,000 (softmax, steps, init and the 100-image test set not counted)."""


def pack_ratios(rows):
    """For each pack epoch of P members: its time ÷ (P × the single Trainer epoch of the same precision), or {}."""
    single = {r["params"].get("precision"): r["ms"] for r in rows if r["name"] == "EpochBench.epoch"}
    ratios = {}
    for r in rows:
        if r["name"] == "PackEpochBench.epoch" and r["params"].get("precision") in single:
            members = int(r["params"]["members"])
            ratios[(r["params"]["precision"], members)] = r["ms"] / (members * single[r["params"]["precision"]])
    return ratios


def results(rows):
    """The `result KEY VALUE` lines: the sgemm peak, forward and gradient (batch 100) GFLOP/s, epoch ms and GFLOP/s."""
    lines = []
    top = peak(rows)
    if top:
        lines.append(f"result jmh_sgemm_peak_gflops {top:.2f}")
    for r in rows:
        tag = PRECISION.get(r["params"].get("precision"))
        if not tag:
            continue
        if r["name"] == "ForwardBench.forward":
            lines.append(f"result jmh_forward_{tag}_gflops {r['gflops']:.2f}")
        elif r["name"] == "GradientBench.gradient" and r["params"].get("batch") == "100":
            lines.append(f"result jmh_gradient_{tag}_gflops {r['gflops']:.2f}")
        elif r["name"] == "EpochBench.epoch":
            lines.append(f"result jmh_epoch_{tag}_ms {r['ms']:.2f}")
            lines.append(f"result jmh_epoch_{tag}_gflops {r['gflops']:.2f}")
        elif r["name"] in ("PackKernelBench.forward", "PackKernelBench.gradient"):
            kind = r["name"].split(".")[1]
            lines.append(f"result jmh_pack{r['params']['members']}_{kind}_{tag}_gflops {r['gflops']:.2f}")
            if top:
                lines.append(f"result jmh_pack{r['params']['members']}_{kind}_{tag}_peak_pct {100 * r['gflops'] / top:.1f}")
        elif r["name"] == "PackEpochBench.epoch":
            lines.append(f"result jmh_pack{r['params']['members']}_epoch_{tag}_ms {r['ms']:.2f}")
    for (precision, members), ratio in sorted(pack_ratios(rows).items()):
        lines.append(f"result jmh_pack{members}_epoch_{PRECISION.get(precision, precision)}_vs_single {ratio:.3f}")
    return lines


def main(argv=None):
    parser = cli_parser("jmh", __doc__)
    parser.add_argument("json", metavar="JMH_JSON")
    args = parser.parse_args(argv)
    with open(args.json) as f:
        rows = parse(json.load(f))
    print("\n".join(table(rows) + [""] + results(rows)))


if __name__ == "__main__":
    main()
