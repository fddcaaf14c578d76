"""scale.sh's analysis: one large sweep's wall time, driver peak RSS, output sizes, report build and page timing.

    python3 -m bench.analysis.scale time-page PAGE OUT_PAGE
    python3 -m bench.analysis.scale report OUT_DIR SWEEP_JSON REPORT_JSON DOM_FILE [--jvm-start SECONDS]

`time-page` copies report.html PAGE to OUT_PAGE with a script appended that, once the page has loaded, records the
load time (the navigation's loadEventStart, in ms from navigation start), clicks the val_acc column header once and
times that click (the page sorts every row and redraws the first page synchronously inside it), and writes both, with
the first trial then shown, into a `<pre id="scale-bench">` element. scale.sh loads OUT_PAGE with
`chromium --headless --dump-dom`, which prints the DOM once the page has loaded.

`report` reads the sweep's output folder OUT_DIR (results.csv, provenance.json, the sizes of its outputs), the
driver's GC log that SWEEP_JSON names, the rss_watch records of the sweep (SWEEP_JSON) and of `report DIR` (REPORT_JSON), and the dumped DOM (DOM_FILE), and
prints the figures against the targets. SECONDS is the wall time of `submit.sh report --help`: the JVM's start, which
`report DIR`'s wall time includes. It checks the sort against results.csv: after one click on val_acc, the first
row must be a trial with the lowest val_acc. MB is 10^6 bytes.
"""
import json
import math
import os
import re
from pathlib import Path

from .common import cli_parser, read_csv
from .memory import gc_heap_file

MB = 1e6
# The targets: driver peak RSS <= 1.5 GB, report.html <= 20 MB, all outputs < 200 MB.
TARGET_RSS_MB = 1500
TARGET_PAGE_MB = 20
TARGET_TOTAL_MB = 200
OUTPUTS = ("results.csv", "curves.csv", "weights", "plots", "report.html")
MARK = "scale-bench"

TIMING_SCRIPT = """
<script>
window.addEventListener('load', function () {
  var nav = performance.getEntriesByType('navigation')[0];
  var loaded = nav ? nav.loadEventStart : performance.now();
  var header = document.querySelector("#results thead th[data-key='val_acc']");
  var t = performance.now();
  header.click();
  var sorted = performance.now() - t;
  var first = document.querySelector('#results tbody tr.trial');
  var out = document.createElement('pre');
  out.id = '%s';
  out.textContent = JSON.stringify({load_ms: loaded, sort_ms: sorted,
    first: first ? first.getAttribute('data-trial') : null, sort: header.getAttribute('aria-sort')});
  document.body.appendChild(out);
});
</script>
""" % MARK


def timed_page(page_text):
    """The page with the timing script appended (after </html>, which browsers parse into the body)."""
    return page_text + TIMING_SCRIPT


def page_timing(dom_text):
    """The timing record from a dumped DOM: {load_ms, sort_ms, first, sort}; ValueError if it is not there."""
    m = re.search(r'<pre id="%s">(.*?)</pre>' % MARK, dom_text, re.S)
    if not m:
        raise ValueError("no timing in the dumped page (did it load, and does it have #results?)")
    text = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return json.loads(text)


def size(path):
    """Bytes of a file, or of every file under a folder (apparent sizes); 0 if it is missing."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        total += sum((Path(root) / f).stat().st_size for f in files)
    return total


def sizes(out_dir):
    """{output: bytes} for each of OUTPUTS, and `total` for the whole folder."""
    found = {name: size(Path(out_dir) / name) for name in OUTPUTS}
    found["total"] = size(out_dir)
    return found


def lowest_val_acc(rows):
    """The trials with the lowest val_acc among rows that have one (an empty set if none has)."""
    values = {}
    for r in rows:
        try:
            v = float(r["val_acc"])
        except (KeyError, ValueError):
            continue
        if not math.isnan(v):
            values[r["trial"]] = v
    if not values:
        return set()
    low = min(values.values())
    return {t for t, v in values.items() if v == low}


def heap_line(gc_log):
    """The driver's live heap (the most left after a young or full GC) and largest committed heap, from its GC log."""
    live, committed = gc_heap_file(gc_log) if gc_log else (None, None)
    if not committed:
        return "driver heap: no GC log"
    return f"driver heap: at most {live / MB:.0f} MB live after a collection, {committed / MB:.0f} MB committed"


def report(out_dir, sweep, rebuild, timing, jvm_start=None):
    """The lines scale.sh prints: sweep is rss_watch's record of the sweep, rebuild that of `report DIR`, timing
    page_timing()'s record, jvm_start the seconds of `report --help` (None if not measured)."""
    out = Path(out_dir)
    rows = read_csv(out / "results.csv")
    prov = json.loads((out / "provenance.json").read_text())
    counts = prov.get("trials", {})
    job = prov.get("timing", {}).get("job_seconds")
    wall = sweep["seconds"]
    rss_mb = sweep["driver_hwm_kb"] * 1024 / MB
    found = sizes(out)
    lowest = lowest_val_acc(rows)
    sort_ok = timing.get("first") in lowest
    lines = [
        f"sweep: {len(rows):,} trials ({', '.join(f'{counts[k]} {k}' for k in ('ok', 'diverged', 'failed') if k in counts)}), exit {sweep['exit']}",
        f"wall time: {wall:.1f} s for the whole command, {len(rows) / wall * 60:.0f} trials per minute"
        + (f" (Spark job {job:.1f} s: {len(rows) / job * 60:.0f} trials per minute)" if job else ""),
        f"driver peak RSS: {rss_mb:.0f} MB (VmHWM; target <= {TARGET_RSS_MB} MB)",
        heap_line(sweep.get("driver_gc_log")),
        "outputs (MB):",
    ]
    for name in OUTPUTS + ("total",):
        lines.append(f"  {name:12} {found[name] / MB:10.1f}")
    lines += [
        f"all outputs: {found['total'] / MB:.1f} MB (target < {TARGET_TOTAL_MB} MB)",
        f"report DIR: {rebuild['seconds']:.1f} s wall"
        + (f" (the JVM's start, as `report --help` takes it: {jvm_start:.1f} s)" if jvm_start is not None else "")
        + f", driver peak RSS {rebuild['driver_hwm_kb'] * 1024 / MB:.0f} MB, exit {rebuild['exit']}",
        f"report.html: {found['report.html'] / MB:.1f} MB (target <= {TARGET_PAGE_MB} MB)",
        f"headless Chromium: page loaded in {timing['load_ms']:.0f} ms; one sort by val_acc took "
        f"{timing['sort_ms']:.0f} ms ({timing.get('sort')}; first row {'has' if sort_ok else 'does NOT have'} "
        f"the lowest val_acc)",
    ]
    return lines, sort_ok


def main(argv=None):
    parser = cli_parser("scale", __doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    page = sub.add_parser("time-page")
    page.add_argument("page")
    page.add_argument("out_page")
    rep = sub.add_parser("report")
    for name in ("out_dir", "sweep_json", "report_json", "dom_file"):
        rep.add_argument(name)
    rep.add_argument("--jvm-start", type=float, default=None)
    args = parser.parse_args(argv)
    if args.command == "time-page":
        Path(args.out_page).write_text(timed_page(Path(args.page).read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    lines, sort_ok = report(args.out_dir, json.loads(Path(args.sweep_json).read_text()),
                            json.loads(Path(args.report_json).read_text()),
                            page_timing(Path(args.dom_file).read_text(encoding="utf-8", errors="replace")),
                            args.jvm_start)
    print("\n".join(lines))
    return 0 if sort_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
