#!/usr/bin/env bash
# Every performance benchmark of issue 5 in one run, then one table of ratios against their targets.
#
#   bench/run-all.sh [--data DIR] [--skip NAME[,NAME...]]      NAME: jmh, trial, trial-f, scaling, mllib, memory
#
# Builds the project once (or takes CIFAR_SWEEP_JAR), hands that jar to every benchmark, keeps each benchmark's
# full output in a folder it prints, and reads the `result KEY VALUE` lines they end with. Takes about 30 minutes on
# 2 cores. Times are only compared within this run: the machine may be shared, so read ratios, not seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA=$DEFAULT_DATA
SKIP=","
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --skip) SKIP=",${2:?},"; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(abs_dir "$DATA")
check_data "$DATA"

LOGS=$(mktemp -d "${TMPDIR:-/tmp}/cifar-sweep-bench.XXXXXX")
if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
  cp "$CIFAR_SWEEP_JAR" "$LOGS/app.jar"
else
  echo "run-all: building the project (mvn package)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2
  cp "$ROOT/target/cifar-sweep.jar" "$LOGS/app.jar"
fi
export CIFAR_SWEEP_JAR="$LOGS/app.jar"
echo "run-all: logs in $LOGS" >&2
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
} > "$LOGS/machine.txt"

run() {
  local name=$1
  shift
  if [[ "$SKIP" == *",$name,"* ]]; then
    echo "run-all: skipping $name" >&2
    return
  fi
  echo "run-all: $name: $*" >&2
  local start=$SECONDS
  if ! "$@" > "$LOGS/$name.log" 2>&1; then
    echo "run-all: $name FAILED (exit $?); its output ends:" >&2
    tail -15 "$LOGS/$name.log" >&2
  fi
  echo "run-all: $name took $((SECONDS - start)) s" >&2
}

run jmh "$BENCH/jmh.sh" --data "$DATA"
run trial "$BENCH/trial-vs-numpy.sh" --runs 3 --data "$DATA"
# numpy with a single copy of X (the layout Java uses) as well as its fastest, two-copy layout.
run trial-f "$BENCH/trial-vs-numpy.sh" --runs 3 --data "$DATA" --numpy-layout f
run scaling "$BENCH/sweep-scaling.sh" --data "$DATA"
run mllib "$BENCH/mllib-vs-sweep.sh" --data "$DATA"
run memory "$BENCH/driver-memory.sh" --data "$DATA"

cat "$LOGS/machine.txt"
cat "$LOGS"/*.log | grep -h '^result ' > "$LOGS/results.txt" || true
python3 - "$LOGS/results.txt" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    _, key, value = line.split(maxsplit=2)
    try:
        r[key] = float(value)
    except ValueError:
        r[key] = float("nan")
nan = float("nan")
def get(key): return r.get(key, nan)
def pct(x): return f"{100 * x:.1f}%"
rows = []
def add(what, measured, target, ok):
    verdict = "" if target == "report" else "-" if measured != measured else ("meets" if ok else "MISSES")
    rows.append((what, measured if isinstance(measured, str) else f"{measured:.3g}", target, verdict))
ratio = get("trial_java_numpy_ratio")
add("1. one trial: java / numpy (numpy's fastest: X held twice)", ratio, "<= 0.5", ratio <= 0.5)
ratio_f = get("trial_java_numpy_ratio_f")
add("1. one trial: java / numpy (X held once, as in Java)", ratio_f, "<= 0.5", ratio_f <= 0.5)
add("1. one trial: java s, numpy s (fastest layout)",
    f"{get('trial_java_seconds'):.2f}, {get('trial_numpy_seconds'):.2f}", "report", True)
add("1. java's one-off kernel compile per JVM: s", get("trial_java_compile_seconds"), "report", True)
peak = get("jmh_sgemm_peak_gflops")
gf = get("trial_java_gflops")
add("1. one trial: GFLOP/s (share of sgemm peak)", f"{gf:.1f} ({pct(gf / peak)} of {peak:.1f})", "report", True)
add("1. JMH forward, float32: GFLOP/s", get("jmh_forward_f32_gflops"), "report", True)
add("1. JMH gradient, float32: GFLOP/s", get("jmh_gradient_f32_gflops"), "report", True)
add("1. JMH one epoch, float32: ms", get("jmh_epoch_f32_ms"), "report", True)
s = get("sweep_speedup")
add("2. sweep: local[2] / local[1] speed-up", s, ">= 1.85", s >= 1.85)
add("2. machine: 2 concurrent sgemm / 1, before; after (the ceiling)",
    f"{get('before_machine_parallel_sgemm_ratio'):.2f}; {get('machine_parallel_sgemm_ratio'):.2f}", "report", True)
o = get("sweep_spark_overhead")
add("2. sweep: Spark overhead of the job wall", pct(o), "<= 10%", o <= 0.10)
dec = get("sweep_decodes_per_jvm")
add("2. broadcast decodes per executor JVM", dec, "1", dec == 1)
b = get("broadcast_shipped_bytes_per_pixel")
add("3. broadcast: bytes per pixel shipped (after lz4)", b, "<= 1", b <= 1)
add("3. broadcast: bytes per pixel serialized (labels, statistics)", get("broadcast_bytes_per_pixel"), "report", True)
m = get("mllib_config_rate_ratio")
acc_ok = get("sweep_best_val_acc") >= get("mllib_best_val_acc")
add("4. MLlib: configurations per minute, ours / MLlib", m, ">= 5", m >= 5)
add("4. MLlib: best val acc, ours vs MLlib",
    f"{get('sweep_best_val_acc'):.4f} vs {get('mllib_best_val_acc'):.4f}", "ours >=", acc_ok)
add("5. driver peak RSS, 48 trials, 10k split: MB", f"{get('driver_rss_mb_10k'):.0f}", "report", True)
add("5. driver peak RSS, 48 trials, 49k split: MB", f"{get('driver_rss_mb_49k'):.0f}", "report", True)
width = max(len(w) for w, *_ in rows)
print(f"\n{'benchmark':{width}}  {'measured':>28}  {'target':>8}  verdict")
for what, measured, target, verdict in rows:
    print(f"{what:{width}}  {measured:>28}  {target:>8}  {verdict}")
PY
echo "full outputs: $LOGS"
