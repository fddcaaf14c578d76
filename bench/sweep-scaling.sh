#!/usr/bin/env bash
# Sweep scaling: the same 16-trial sweep (bench/grid16.conf, conf/grid.conf cut to batch 100) on local[1] and on
# local[2], on the real data. Prints the speed-up, Spark's overhead and the broadcast size. One run, ratios only.
#
#   bench/sweep-scaling.sh [--data DIR] [--conf FILE]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/../shared/data/cifar-10-batches-bin"
CONF="$ROOT/bench/grid16.conf"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --conf) CONF="$2"; shift 2 ;;
    *) echo "usage: $0 [--data DIR] [--conf FILE]" >&2; exit 2 ;;
  esac
done
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# A snapshot of the application jar, so a rebuild during the run cannot disturb it. CIFAR_SWEEP_JAR picks one.
if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
  cp "$CIFAR_SWEEP_JAR" "$OUT/app.jar"
else
  (cd "$ROOT" && mvn -q -B -DskipTests package)
  cp "$ROOT/target/cifar-sweep.jar" "$OUT/app.jar"
fi
unzip -Z1 "$OUT/app.jar" org/cifarsweep/cli/Main.class >/dev/null 2>&1 || { echo "target/cifar-sweep.jar is incomplete; rebuild" >&2; exit 1; }

# The ceiling of the speed-up on this machine, before and after: two cores may share one physical core's vector
# units (a VM's vCPUs on hyperthread siblings, or neighbours' load), and then no compute-bound sweep can reach 2x.
python3 "$ROOT/bench/parallel_sgemm.py" --seconds 4 | sed 's/^result machine_/result before_machine_/' > "$OUT/machine-before.txt"
for cores in 1 2; do
  start=$(date +%s.%N)
  CIFAR_SWEEP_JAR="$OUT/app.jar" "$ROOT/submit.sh" sweep "$CONF" --data "$DATA" --out "$OUT/local$cores" \
    --master "local[$cores]" > "$OUT/local$cores.log" 2>&1 || { cat "$OUT/local$cores.log"; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end" > "$OUT/local$cores.time"
done

python3 "$ROOT/bench/parallel_sgemm.py" --seconds 4 > "$OUT/machine-after.txt"
echo "before the sweeps: $(head -1 "$OUT/machine-before.txt")"
echo "after the sweeps:  $(head -1 "$OUT/machine-after.txt")"
grep '^result' "$OUT/machine-before.txt" "$OUT/machine-after.txt" -h

python3 - "$OUT" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = {}
for cores in (1, 2):
    start, end = map(float, open(f"{out}/local{cores}.time").read().split())
    prov = json.load(open(f"{out}/local{cores}/provenance.json"))
    trials = list(csv.DictReader(open(f"{out}/local{cores}/results.csv")))
    total = sum(float(t["seconds"]) for t in trials)
    rows[cores] = dict(command=end - start, job=prov["timing"]["job_seconds"], spark=prov["timing"]["spark_seconds"],
                       trials=total, n=len(trials), prov=prov)
print(f"{'master':10} {'trials':>6} {'command s':>10} {'spark s':>8} {'job s':>8} {'sum trial s':>12} {'overhead':>9}")
for cores, r in rows.items():
    overhead = r["job"] - r["trials"] / cores
    print(f"local[{cores}]   {r['n']:6d} {r['command']:10.1f} {r['spark']:8.1f} {r['job']:8.1f} {r['trials']:12.1f} "
          f"{overhead / r['job']:8.1%}")
print(f"speed-up local[2] vs local[1] (job wall): {rows[1]['job'] / rows[2]['job']:.2f}x   (target >= 1.85x)")
print(f"speed-up local[2] vs local[1] (whole command): {rows[1]['command'] / rows[2]['command']:.2f}x")
r = rows[2]
print(f"Spark overhead on local[2] = job wall - sum(trial seconds)/2: {(r['job'] - r['trials'] / 2) / r['job']:.1%} of the job wall"
      f" (target <= 10%); whole command: {(r['command'] - r['trials'] / 2) / r['command']:.1%}")
b = r["prov"]["broadcast"]
print(f"broadcast: {b['bytes'] / 1e6:.1f} MB = {b['bytes_per_pixel']:.4f} bytes/pixel serialized, "
      f"{b['compressed_bytes_per_pixel']:.4f} bytes/pixel after {b['codec']}")
print(f"trial time on local[2] / local[1] (memory contention): {rows[2]['trials'] / rows[1]['trials']:.2f}")
# Machine-readable lines for bench/run-all.sh.
print(f"result sweep_speedup {rows[1]['job'] / rows[2]['job']:.3f}")
print(f"result sweep_spark_overhead {(r['job'] - r['trials'] / 2) / r['job']:.4f}")
print(f"result broadcast_bytes_per_pixel {b['bytes_per_pixel']:.4f}")
print(f"result broadcast_shipped_bytes_per_pixel {b['compressed_bytes_per_pixel']:.4f}")
decodes = r["prov"].get("decodes_per_executor_jvm", {})
print(f"decodes of the broadcast per executor JVM on local[2]: {decodes}")
print(f"result sweep_decodes_per_jvm {max(decodes.values()) if decodes else 'nan'}")
PY
