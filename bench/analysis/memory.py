"""driver-memory.sh's analysis: the driver's peak RSS per sweep against the data's sizes, with heap and decodes.

    python3 -m bench.analysis.memory heap-args RUN_JSON
    python3 -m bench.analysis.memory report WORK RUN [RUN...] [--heap-args=ARGS] [--flags=FLAGS]

heap-args prints the driver's heap and collector flags recorded by rss_watch in RUN_JSON. report reads, for each
RUN (named SWEEP-I: baseline-1, 10k-1, 49k-1, ...), WORK/RUN.json (rss_watch), WORK/RUN/provenance.json,
WORK/RUN/results.csv and the driver's GC log; ARGS is the driver's heap flags as given, FLAGS the JVM's resolved
`Name=value` flags (MaxHeapSize, InitialHeapSize, Use...GC); write them with `=`, as their values start with `-`.
It prints one row per sweep (medians over the runs), the breakdown of each split's memory over the baseline, and
`result KEY VALUE` lines for run-all.sh. MB = 10^6 bytes.
"""
import json
import re
import sys
from pathlib import Path

from .common import cli_parser, median, read_csv

MB = 1e6
UNIT = {"K": 2 ** 10, "M": 2 ** 20, "G": 2 ** 30}
_GC = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
MEASURES = ("hwm", "rusage", "before_job", "live", "committed", "seconds")

LEGEND = """\
MB = 10^6 bytes. raw: the images' bytes (1 B/pixel) the driver loads and broadcasts. decoded copy: the size of one
decoded copy of train + val + test, as provenance.json records it (decoded_bytes_per_executor_jvm; '?' for a build
that does not record it). float32 ref: 4 B x 3072 x images, what a float32 matrix would take. before job: peak RSS
once the data is loaded and broadcast, before any trial and so before the decode. peak RSS: the driver JVM's VmHWM
(polled); rusage: the kernel's maximum RSS of the process tree (wait4), a cross-check. expected = (decoded copy, or
the float32 ref when unknown, + raw) - the baseline's; ratio = (peak - baseline) / expected. live heap: the largest
heap occupancy after a young GC (live data plus old-gen garbage not yet collected); committed heap: the largest heap
the GC had reserved and could have touched."""


def gc_heap(lines):
    """(largest heap occupancy after a young or full GC, largest committed heap) in bytes, from -Xlog:gc lines."""
    live = committed = 0
    for line in lines:
        m = _GC.search(line)
        if not m:
            continue
        committed = max(committed, int(m[5]) * UNIT[m[6]])
        if "Pause Young" in line or "Pause Full" in line:
            live = max(live, int(m[3]) * UNIT[m[4]])
    return live, committed


def gc_heap_file(path):
    """gc_heap of a file; (None, None) if it cannot be read."""
    try:
        return gc_heap(Path(path).read_text(errors="replace").splitlines())
    except OSError:
        return None, None


def measure(watch, prov, results, gc):
    """One run's figures (bytes) from the watcher's record, provenance.json, results.csv rows and (live, committed)."""
    pixels = prov["broadcast"]["pixels"]
    decoded = prov.get("decoded_bytes_per_executor_jvm") or {}
    return dict(
        split=prov["data"]["split"], precision=prov["conf"]["precision"], images=pixels // 3072,
        raw=pixels,                        # the images as loaded and broadcast: 1 byte per pixel
        float32=4 * pixels,                # the float32 reference: 4 bytes per pixel, train + val + test
        decoded=max(decoded.values()) if decoded else None,   # one decoded copy, as the executors report it
        broadcast=prov["broadcast"]["bytes"],
        hwm=watch["driver_hwm_kb"] * 1024, rusage=watch["rusage_maxrss_kb"] * 1024,
        before_job=(watch["hwm_at_broadcast_kb"] or 0) * 1024, live=gc[0], committed=gc[1],
        decodes=prov.get("decodes_per_executor_jvm", {}), blas=prov.get("blas_driver"),
        trials=len(results), ok=sum(r["status"] == "ok" for r in results), seconds=watch["seconds"])


def load(work, names):
    """{sweep: [one measure() per run]} for the runs `names` (SWEEP-I) in folder `work`."""
    reps = {}
    for run in names:
        watch = json.loads((Path(work) / f"{run}.json").read_text())
        prov = json.loads((Path(work) / run / "provenance.json").read_text())
        results = read_csv(Path(work) / run / "results.csv")
        gc = gc_heap_file(watch["driver_gc_log"])
        reps.setdefault(run.rsplit("-", 1)[0], []).append(measure(watch, prov, results, gc))
    return reps


def combine(runs):
    """One sweep's row: the median of each measure over its runs, every run's peak, the fewest ok trials, and the
    most decodes seen in each JVM."""
    row = dict(runs[0])
    for key in MEASURES:
        row[key] = median([r[key] for r in runs])
    row["hwms"] = [r["hwm"] for r in runs]
    row["ok"], row["trials"] = min(r["ok"] for r in runs), max(r["trials"] for r in runs)
    row["decodes"] = {}
    for r in runs:
        for jvm, n in r["decodes"].items():
            row["decodes"][jvm] = max(n, row["decodes"].get(jvm, 0))
    return row


def decoded(row):
    """The decoded copy's size, or the float32 reference when the build does not record it."""
    return row["float32"] if row["decoded"] is None else row["decoded"]


def expected(row, base):
    """The data-dependent memory over the baseline: (decoded copy + raw) − the baseline's."""
    return (decoded(row) - decoded(base)) + (row["raw"] - base["raw"])


def _mb(x):
    return "?" if x is None else f"{x / MB:.0f}"


def report(rows, heap_args="", flags=None):
    """The tables and result lines for {sweep: combine(...)} (sweeps baseline, 10k and 49k), as text lines."""
    flags = flags or {}
    base = rows["baseline"]
    gcs = ", ".join(k[3:-2] for k, v in flags.items() if k.startswith("Use") and v == "true") or "?"
    lines = ["", f"driver JVM heap: {heap_args or '(JVM defaults)'} -> MaxHeapSize "
                 f"{int(flags.get('MaxHeapSize', 0)) / MB:.0f} MB, InitialHeapSize "
                 f"{int(flags.get('InitialHeapSize', 0)) / MB:.0f} MB, {gcs} GC",
             f"driver BLAS: {base['blas']}", ""]
    fmt = "{:9} {:9} {:>7} {:>6} {:>8} {:>8} {:>7} {:>9} {:>7} {:>9} {:>9} {:>6} {:>8} {:>9} {:>12} {:>9} {:>7}"
    lines.append(fmt.format("run", "split", "images", "raw", "decoded", "float32", "before", "peak RSS", "rusage",
                            "peak-base", "expected", "ratio", "live", "committed", "decodes/JVM", "trials", "wall"))
    lines.append(fmt.format("", "", "", "MB", "copy MB", "ref MB", "job MB", "MB", "MB", "MB", "MB", "", "heap MB",
                            "heap MB", "", "ok", "s"))
    for run, r in rows.items():
        is_base = run == "baseline"
        delta = r["hwm"] - base["hwm"]
        exp = expected(r, base)
        dec = ",".join(f"{k}:{v}" for k, v in sorted(r["decodes"].items())) or "?"
        lines.append(fmt.format(run, r["split"], r["images"], _mb(r["raw"]), _mb(r["decoded"]), _mb(r["float32"]),
                                _mb(r["before_job"]), _mb(r["hwm"]), _mb(r["rusage"]), "-" if is_base else _mb(delta),
                                "-" if is_base else _mb(exp),
                                "-" if is_base or not exp else f"{delta / exp:.2f}", _mb(r["live"]),
                                _mb(r["committed"]), dec, f"{r['ok']}/{r['trials']}", f"{r['seconds']:.1f}"))
    lines += ["", f"medians of {len(base['hwms'])} runs; peak RSS of each run (MB): "
              + "; ".join(f"{sweep} " + ", ".join(f"{h / MB:.0f}" for h in r["hwms"]) for sweep, r in rows.items()),
              ""]
    lines += LEGEND.splitlines()
    first = rows.get("10k", base)
    if first["decoded"] is None:
        lines.append(f"The confs' precision is {base['precision']}. This build does not record the decoded size: "
                     "'expected' uses the float32 ref.")
    else:
        lines.append(f"The confs' precision is {base['precision']}: one decoded copy takes "
                     f"{first['decoded'] / first['raw']:.2f} bytes per pixel.")
    lines.append("")
    for run in ("10k", "49k"):
        if run not in rows:
            continue
        r = rows[run]
        load_mb = r["before_job"] - base["before_job"]
        lines.append(f"{run}: over the baseline, loading + broadcasting add {load_mb / MB:.0f} MB of RSS (raw "
                     f"{(r['raw'] - base['raw']) / MB:.0f} MB; the broadcast's serialized blocks, "
                     f"{r['broadcast'] / MB:.0f} MB, stay in the driver's block manager), decode + training "
                     f"{(r['hwm'] - base['hwm'] - load_mb) / MB:.0f} MB more (decoded copy "
                     f"{(decoded(r) - decoded(base)) / MB:.0f} MB)")
        if r["live"] and base["live"]:
            data = decoded(r) + r["raw"] + r["broadcast"] - decoded(base) - base["raw"] - base["broadcast"]
            lines.append(f"     heap: live {(r['live'] - base['live']) / MB:.0f} MB over the baseline's (decoded copy "
                         f"+ raw + the broadcast's blocks = {data / MB:.0f} MB), committed "
                         f"{(r['committed'] - base['committed']) / MB:.0f} MB over it; what the peak holds beyond the "
                         f"live heap is the collector's headroom (garbage not yet collected), not data")
    for run, r in rows.items():
        if r["ok"] != r["trials"] or r["trials"] != 48:
            lines.append(f"warning: the {run} sweep has {r['ok']} ok trials of {r['trials']} (expected 48)")
        if any(v != 1 for v in r["decodes"].values()):
            lines.append(f"warning: the {run} sweep decoded the data more than once in a JVM: {r['decodes']}")
    lines.append("")
    for run in ("10k", "49k"):
        if run in rows:
            lines.append(f"result driver_rss_mb_{run} {rows[run]['hwm'] / MB:.0f}")
    decodes = [v for run in ("10k", "49k") if run in rows for v in rows[run]["decodes"].values()]
    lines.append(f"result decodes_per_jvm {max(decodes) if decodes else 'unknown'}")
    return lines


def main(argv=None):
    parser = cli_parser("memory", __doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("heap-args", help="the driver's heap flags from a watcher record")
    p.add_argument("run_json")
    p = sub.add_parser("report", help="the tables and result lines")
    p.add_argument("work")
    p.add_argument("runs", nargs="+", metavar="RUN")
    p.add_argument("--heap-args", default="", metavar="ARGS", help="the driver's heap flags, e.g. --heap-args=-Xmx8g")
    p.add_argument("--flags", default="", help="resolved JVM flags: 'MaxHeapSize=8589934592 UseG1GC=true ...'")
    args = parser.parse_args(argv)
    if args.command == "heap-args":
        print(" ".join(json.loads(Path(args.run_json).read_text())["heap_args"]))
        return
    reps = load(args.work, args.runs)
    if "baseline" not in reps:
        sys.exit("memory: no baseline run among the RUNs")
    rows = {sweep: combine(runs) for sweep, runs in reps.items()}
    flags = dict(kv.split("=", 1) for kv in args.flags.split() if "=" in kv)
    print("\n".join(report(rows, args.heap_args, flags)))


if __name__ == "__main__":
    main()
