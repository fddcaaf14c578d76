#!/usr/bin/env bash
# Driver memory: the peak RSS of the driver JVM for a 48-trial sweep (conf/grid.conf at 2 epochs) on the 10k split
# (bench/memory-10k.conf) and on the 49k all-batches split (bench/memory-49k.conf), each through submit.sh on
# local[2], against a baseline: the same sweep on the bundled 1,000-image sample. In local mode the driver is also
# the executor, so its peak holds the executor's decoded copy of the data too. See bench/README.md.
#
#   bench/driver-memory.sh [--runs N] [--data DIR] [--epochs E] [--master local[N]] [--xmx SIZE] [--snapshot [REV]]
#                          [--keep DIR]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=3 DATA="" EPOCHS=2 MASTER="local[2]" XMX="" REV="" KEEP="" POLL=0.1
usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; cat <<EOF

  --runs N         repetitions of the three sweeps, interleaved; the table shows medians (default $RUNS: the
                   peak moves by 10-20% from run to run with the collector's heap sizing on a shared machine)
  --data DIR       CIFAR-10 binary folder, all 5 training batches (default <project>/../shared/data/cifar-10-batches-bin)
  --epochs E       epochs per trial (default $EPOCHS; memory does not grow with epochs)
  --master M       a local master (default $MASTER)
  --xmx SIZE       driver heap limit, e.g. 2g (default: submit.sh's, \$CIFAR_SWEEP_DRIVER_MEMORY or -Xmx8g)
  --snapshot [REV] run a clean build of commit REV (default HEAD) in a temporary folder, not the working tree
  --keep DIR       keep every run's console log, GC log, provenance.json and results in DIR (must not exist)
  CIFAR_SWEEP_JAR=JAR  run this prebuilt application jar with the working tree's submit.sh (no build)

Needs python3 and Linux /proc; no extra package (GNU time is not used).
EOF
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --keep) KEEP=${2:?}; shift 2 ;;
    --epochs) EPOCHS=${2:?}; shift 2 ;;
    --master) MASTER=${2:?}; shift 2 ;;
    --xmx) XMX=${2:?}; shift 2 ;;
    --snapshot) if [[ $# -ge 2 && "$2" != --* ]]; then REV=$2; shift 2; else REV=HEAD; shift; fi ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$EPOCHS" =~ ^[1-9][0-9]*$ ]] || die "--epochs must be a positive integer"
[[ -z "$KEEP" || ! -e "$KEEP" ]] || die "--keep $KEEP: already exists"
[[ "$MASTER" =~ ^local ]] || die "--master must be local[...]: the driver must be the executor for this measure"
[[ -z "$XMX" || "$XMX" =~ ^[0-9]+[kKmMgG]?$ ]] || die "--xmx must be a size such as 2g or 4096m"
[[ -r /proc/self/status ]] || die "needs Linux /proc"
command -v python3 >/dev/null || die "python3 not found"
DATA=$(abs_dir "${DATA:-$DEFAULT_DATA}")
check_data "$DATA"
for f in data_batch_3.bin data_batch_4.bin data_batch_5.bin; do
  [[ -f "$DATA/$f" ]] || die "$DATA/$f not found (the all-batches split needs data_batch_1..5)"
done
SAMPLE="$ROOT/data/sample"
check_data "$SAMPLE"

if [[ -n "$KEEP" ]]; then
  mkdir -p "$KEEP"
  WORK=$(abs_dir "$KEEP")
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/driver-memory.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi

# The jar: a snapshot copy, so a rebuild of the shared tree during the runs cannot change it.
if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
  TREE=$ROOT
  cp "$CIFAR_SWEEP_JAR" "$WORK/app.jar"
else
  TREE=$(java_tree "$REV" "$WORK")
  if [[ -z "$REV" ]]; then
    (cd "$TREE" && mvn -q -B -DskipTests package) || die "build failed; try --snapshot or CIFAR_SWEEP_JAR"
  fi
  cp "$TREE/target/cifar-sweep.jar" "$WORK/app.jar"
fi
unzip -Z1 "$WORK/app.jar" org/cifarsweep/cli/Main.class >/dev/null 2>&1 || die "$WORK/app.jar is incomplete; rebuild"
SUBMIT="$TREE/submit.sh"

# Confs: the shipped ones with the epochs replaced (written next to them, so their `include`s resolve).
conf_for() { # conf_for NAME -> path of bench/NAME.conf with n_epochs = EPOCHS
  local src="$BENCH/$1.conf"
  [[ -f "$src" ]] || die "$src not found"
  if [[ "$EPOCHS" == 2 ]]; then echo "$src"; return; fi
  local dst="$WORK/$1.conf"
  printf 'include "%s"\ngrid.n_epochs = [%s]\n' "$src" "$EPOCHS" >"$dst"
  echo "$dst"
}

# Runs a command and watches its process tree: the driver JVM's VmHWM (peak RSS) from /proc/<pid>/status, polled,
# its VmHWM when the console shows the broadcast line (data loaded and broadcast, no trial started yet), its JVM
# options, and the kernel's own maximum RSS of the process tree from wait4 (getrusage), as a cross-check. The JVMs
# also log their GCs (-Xlog:gc through JAVA_TOOL_OPTIONS, one file per pid), for the live and committed heap.
read -r -d '' WATCH <<'PY' || true
import json, os, subprocess, sys, time
out_json, log_path, poll, gc_prefix = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
cmd = sys.argv[5:]

def status(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return dict(l.rstrip("\n").split(":\t", 1) for l in f if ":\t" in l)
    except OSError:
        return None

def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []

def descendants(root):
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    found, todo = [], [root]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found

kb = lambda s: int(s.split()[0]) if s else 0
start = time.time()
log = open(log_path, "wb")
proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
jvms = {}            # pid -> {"hwm_kb", "args"} for every java process of the tree
driver = None        # the pid running org.apache.spark.deploy.SparkSubmit
hwm_at_broadcast = None
seen, last_scan = b"", 0.0
while True:
    now = time.time()
    pids = descendants(proc.pid) if now - last_scan >= 0.5 or driver is None else [driver]
    if now - last_scan >= 0.5:
        last_scan = now
    for pid in pids:
        s = status(pid)
        if not s or s.get("Name") != "java":
            continue
        j = jvms.setdefault(pid, {"hwm_kb": 0, "args": cmdline(pid)})
        j["hwm_kb"] = max(j["hwm_kb"], kb(s.get("VmHWM")))
        if driver is None and "org.apache.spark.deploy.SparkSubmit" in j["args"]:
            driver = pid
    if hwm_at_broadcast is None and driver is not None:
        with open(log_path, "rb") as f:
            f.seek(len(seen))
            seen += f.read()
        if b"\nbroadcast: " in seen or seen.startswith(b"broadcast: "):
            hwm_at_broadcast = jvms[driver]["hwm_kb"]
    pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
    if pid == proc.pid:
        break
    time.sleep(poll)
proc.returncode = os.waitstatus_to_exitcode(code)
d = jvms.get(driver, {"hwm_kb": 0, "args": []})
json.dump({"exit": proc.returncode, "driver_gc_log": f"{gc_prefix}{driver}.log", "seconds": time.time() - start, "driver_pid": driver,
           "driver_hwm_kb": d["hwm_kb"], "hwm_at_broadcast_kb": hwm_at_broadcast,
           "rusage_maxrss_kb": usage.ru_maxrss, "jvms": len(jvms),
           "heap_args": [a for a in d["args"] if a.startswith(("-Xmx", "-Xms", "-XX:+Use", "-XX:MaxRAM"))]},
          open(out_json, "w"))
sys.exit(0 if proc.returncode == 0 else 1)
PY

SWEEPS=(baseline 10k 49k)
declare -A RUN_CONF=([baseline]=memory-10k [10k]=memory-10k [49k]=memory-49k)
declare -A RUN_DATA=([baseline]="$SAMPLE" [10k]="$DATA" [49k]="$DATA")
SPARK_OPTS=()
if [[ -n "$XMX" ]]; then
  export CIFAR_SWEEP_DRIVER_MEMORY="-Xmx$XMX"    # submit.sh's in-process SparkSubmit path
  SPARK_OPTS=(--driver-memory "$XMX")             # a real spark-submit
fi

echo "driver memory: 48-trial sweeps ($EPOCHS epochs each) on $MASTER through $SUBMIT, $RUNS run(s) of each"
echo "data: $DATA; baseline: $SAMPLE; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
NAMES=()
for ((i = 1; i <= RUNS; i++)); do
  for sweep in "${SWEEPS[@]}"; do
    run="$sweep-$i"
    conf=$(conf_for "${RUN_CONF[$sweep]}")
    echo "  $run: submit.sh sweep $(basename "$conf") --data ${RUN_DATA[$sweep]} ..." >&2
    if ! CIFAR_SWEEP_JAR="$WORK/app.jar" JAVA_TOOL_OPTIONS="-Xlog:gc:file=$WORK/$run-gc-%p.log${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}" \
         python3 -c "$WATCH" "$WORK/$run.json" "$WORK/$run.log" "$POLL" "$WORK/$run-gc-" \
         "$SUBMIT" sweep "$conf" --data "${RUN_DATA[$sweep]}" --out "$WORK/$run" --master "$MASTER" \
         ${SPARK_OPTS[@]+"${SPARK_OPTS[@]}"}; then
      tail -30 "$WORK/$run.log" >&2
      die "the $run sweep failed (log above)"
    fi
    NAMES+=("$run")
  done
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# The heap the driver ran with: its -Xmx/-Xms/GC options, resolved by the same java.
HEAP_ARGS=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["heap_args"]))' "$WORK/10k-1.json")
# shellcheck disable=SC2086 # a list of JVM flags
FLAGS=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" $HEAP_ARGS -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 ~ /^(MaxHeapSize|InitialHeapSize|UseG1GC|UseParallelGC|UseSerialGC|UseZGC|UseShenandoahGC)$/ {print $2 "=" $4}' | tr '\n' ' ')

python3 - "$WORK" "$HEAP_ARGS" "$FLAGS" "${NAMES[@]}" <<'PY'
import csv, json, re, statistics, sys
work, heap_args, names = sys.argv[1], sys.argv[2], sys.argv[4:]
flags = dict(kv.split("=", 1) for kv in sys.argv[3].split())
MB = 1e6
UNIT = {"K": 2**10, "M": 2**20, "G": 2**30}

def gc_heap(path):
    """(largest heap occupancy after a young or full GC, largest committed heap) in bytes, from a -Xlog:gc file."""
    live = committed = 0
    try:
        lines = open(path).read().splitlines()
    except OSError:
        return None, None
    for line in lines:
        m = re.search(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
        if not m:
            continue
        committed = max(committed, int(m[5]) * UNIT[m[6]])
        if "Pause Young" in line or "Pause Full" in line:
            live = max(live, int(m[3]) * UNIT[m[4]])
    return live, committed

reps = {}           # "10k" -> one dict per repetition
for run in names:
    w = json.load(open(f"{work}/{run}.json"))
    p = json.load(open(f"{work}/{run}/provenance.json"))
    results = list(csv.DictReader(open(f"{work}/{run}/results.csv", newline="")))
    pixels = p["broadcast"]["pixels"]
    live, committed = gc_heap(w["driver_gc_log"])
    reps.setdefault(run.rsplit("-", 1)[0], []).append(dict(
        split=p["data"]["split"], precision=p["conf"]["precision"], images=pixels // 3072,
        raw=pixels,                                   # the images as loaded and broadcast: 1 byte per pixel
        float32=4 * pixels,                           # the float32 reference: 4 bytes per pixel, train + val + test
        # One decoded copy as the executors report it (absent before it was recorded: then the float32 reference).
        decoded=max(p.get("decoded_bytes_per_executor_jvm", {}).values(), default=None),
        broadcast=p["broadcast"]["bytes"],
        hwm=w["driver_hwm_kb"] * 1024, rusage=w["rusage_maxrss_kb"] * 1024,
        before_job=(w["hwm_at_broadcast_kb"] or 0) * 1024, live=live, committed=committed,
        decodes=p.get("decodes_per_executor_jvm", {}), blas=p.get("blas_driver"),
        trials=len(results), ok=sum(r["status"] == "ok" for r in results), seconds=w["seconds"]))

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

# Each sweep's row: the median of each measure over the repetitions (the data's sizes are the same in each).
rows = {}
for sweep, rs in reps.items():
    row = dict(rs[0])
    for key in ("hwm", "rusage", "before_job", "live", "committed", "seconds"):
        row[key] = median([r[key] for r in rs])
    row["hwms"] = [r["hwm"] for r in rs]
    row["ok"], row["trials"] = min(r["ok"] for r in rs), max(r["trials"] for r in rs)
    row["decodes"] = {}
    for r in rs:
        for jvm, n in r["decodes"].items():
            row["decodes"][jvm] = max(n, row["decodes"].get(jvm, 0))
    rows[sweep] = row

base = rows["baseline"]
gcs = ", ".join(k[3:-2] for k, v in flags.items() if k.startswith("Use") and v == "true") or "?"
print()
print(f"driver JVM heap: {heap_args or '(JVM defaults)'} -> MaxHeapSize {int(flags.get('MaxHeapSize', 0)) / MB:.0f} MB, "
      f"InitialHeapSize {int(flags.get('InitialHeapSize', 0)) / MB:.0f} MB, {gcs} GC")
print(f"driver BLAS: {base['blas']}")
print()
decoded = lambda r: r["float32"] if r["decoded"] is None else r["decoded"]
fmt = "{:9} {:9} {:>7} {:>6} {:>8} {:>8} {:>7} {:>9} {:>7} {:>9} {:>9} {:>6} {:>8} {:>9} {:>12} {:>9} {:>7}"
print(fmt.format("run", "split", "images", "raw", "decoded", "float32", "before", "peak RSS", "rusage", "peak-base",
                 "expected", "ratio", "live", "committed", "decodes/JVM", "trials", "wall"))
print(fmt.format("", "", "", "MB", "copy MB", "ref MB", "job MB", "MB", "MB", "MB", "MB", "", "heap MB", "heap MB", "",
                 "ok", "s"))
for run, r in rows.items():
    delta = r["hwm"] - base["hwm"]
    expected = (decoded(r) - decoded(base)) + (r["raw"] - base["raw"])
    dec = ",".join(f"{k}:{v}" for k, v in sorted(r["decodes"].items())) or "?"
    mb = lambda x: "?" if x is None else f"{x / MB:.0f}"
    print(fmt.format(run, r["split"], r["images"], mb(r["raw"]), mb(r["decoded"]), mb(r["float32"]), mb(r["before_job"]),
                     mb(r["hwm"]),
                     mb(r["rusage"]), "-" if run == "baseline" else mb(delta),
                     "-" if run == "baseline" else mb(expected),
                     "-" if run == "baseline" else f"{delta / expected:.2f}", mb(r["live"]), mb(r["committed"]), dec,
                     f"{r['ok']}/{r['trials']}", f"{r['seconds']:.1f}"))
print()
runs = len(base["hwms"])
print(f"medians of {runs} runs; peak RSS of each run (MB): "
      + "; ".join(f"{sweep} " + ", ".join(f"{h / MB:.0f}" for h in r["hwms"]) for sweep, r in rows.items()))
print("""
MB = 10^6 bytes. raw: the images' bytes (1 B/pixel) the driver loads and broadcasts. decoded copy: the size of one
decoded copy of train + val + test, as provenance.json records it (decoded_bytes_per_executor_jvm; '?' for a build
that does not record it). float32 ref: 4 B x 3072 x images, what a float32 matrix would take. before job: peak RSS
once the data is loaded and broadcast, before any trial and so before the decode. peak RSS: the driver JVM's VmHWM
(polled); rusage: the kernel's maximum RSS of the process tree (wait4), a cross-check. expected = (decoded copy, or
the float32 ref when unknown, + raw) - the baseline's; ratio = (peak - baseline) / expected. live heap: the largest
heap occupancy after a young GC (live data plus old-gen garbage not yet collected); committed heap: the largest heap
the GC had reserved and could have touched.""")
if rows["10k"]["decoded"] is None:
    print(f"The confs' precision is {base['precision']}. This build does not record the decoded size: 'expected' "
          "uses the float32 ref.")
else:
    print(f"The confs' precision is {base['precision']}: one decoded copy takes "
          f"{rows['10k']['decoded'] / rows['10k']['raw']:.2f} bytes per pixel.")
print()
for run in ("10k", "49k"):
    r = rows[run]
    load = r["before_job"] - base["before_job"]
    print(f"{run}: over the baseline, loading + broadcasting add {load / MB:.0f} MB of RSS (raw "
          f"{(r['raw'] - base['raw']) / MB:.0f} MB; the broadcast's serialized blocks, {r['broadcast'] / MB:.0f} MB, stay "
          f"in the driver's block manager), decode + training {(r['hwm'] - base['hwm'] - load) / MB:.0f} MB more "
          f"(decoded copy {(decoded(r) - decoded(base)) / MB:.0f} MB)")
    if r["live"] and base["live"]:
        data = decoded(r) + r["raw"] + r["broadcast"] - decoded(base) - base["raw"] - base["broadcast"]
        print(f"     heap: live {(r['live'] - base['live']) / MB:.0f} MB over the baseline's (decoded copy + raw + the "
              f"broadcast's blocks = {data / MB:.0f} MB), "
              f"committed {(r['committed'] - base['committed']) / MB:.0f} MB over it; what the peak holds beyond "
              f"the live heap is the collector's headroom (garbage not yet collected), not data")
for run, r in rows.items():
    if r["ok"] != r["trials"] or r["trials"] != 48:
        print(f"warning: the {run} sweep has {r['ok']} ok trials of {r['trials']} (expected 48)")
    if any(v != 1 for v in r["decodes"].values()):
        print(f"warning: the {run} sweep decoded the data more than once in a JVM: {r['decodes']}")
print()
print(f"result driver_rss_mb_10k {rows['10k']['hwm'] / MB:.0f}")
print(f"result driver_rss_mb_49k {rows['49k']['hwm'] / MB:.0f}")
decodes = [v for run in ("10k", "49k") for v in rows[run]["decodes"].values()]
print(f"result decodes_per_jvm {max(decodes) if decodes else 'unknown'}")
PY
