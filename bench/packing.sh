#!/usr/bin/env bash
# Trial packs against trials alone: conf/grid.conf (48 trials, 40 epochs) on the real data, on local[1] with
# --packing off and with packing, in float32 and float64 (precision = double on the same grid), then packed on
# local[2]. Prints trials per minute, packed ÷ alone per precision (target >= 2), local[2] ÷ local[1] packed
# (target >= 1.8), the packed kernel's GFLOP/s, and checks that every run has the numbers of --packing off.
#
#   bench/packing.sh [--data DIR] [--precision float,double] [--out DIR] [--no-local2]
#
# The data folder is --data DIR, else $CIFAR10_DIR. CIFAR_SWEEP_JAR=JAR runs that jar instead of building the
# project. --out DIR keeps the sweeps' folders there (it must not exist). Run time, targets, measured figures:
# bench/README.md.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="" PRECISIONS="float,double" KEEP="" LOCAL2=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --precision) PRECISIONS=${2:?}; shift 2 ;;
    --out) KEEP=${2:?}; shift 2 ;;
    --no-local2) LOCAL2=0; shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
command -v python3 >/dev/null || die "python3 not found"
IFS=, read -r -a PRECISION_LIST <<< "$PRECISIONS"
for p in "${PRECISION_LIST[@]}"; do [[ "$p" == float || "$p" == double ]] || die "--precision $p: float or double"; done
work_dir "$KEEP" packing

snapshot_jar "$WORK/app.jar"

# run NAME CONF MASTER PACKING: one sweep, timed, into $WORK/NAME.
run() {
  local name=$1 conf=$2 master=$3 packing=$4
  echo "$(date +%T) $name: $master, packing $packing" >&2
  local start end
  start=$(date +%s.%N)
  CIFAR_SWEEP_JAR="$WORK/app.jar" "$ROOT/submit.sh" sweep "$conf" --data "$DATA" --out "$WORK/$name" \
    --master "$master" --packing "$packing" > "$WORK/$name.log" 2>&1 || { tail -n 30 "$WORK/$name.log"; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end" > "$WORK/$name.time"
}

# The ceiling of any local[2] speed-up here: two concurrent sgemm against one (see sweep-scaling.sh).
python3 "$BENCH/parallel_sgemm.py" --seconds 4 > "$WORK/machine-before.txt"
for p in "${PRECISION_LIST[@]}"; do
  conf="$WORK/grid-$p.conf"
  printf 'include "%s"\nname = "grid-%s"\nprecision = %s\n' "$ROOT/conf/grid.conf" "$p" "$p" > "$conf"
  run "$p-off-local1" "$conf" "local[1]" off
  run "$p-auto-local1" "$conf" "local[1]" auto
  if [[ $LOCAL2 == 1 && $p == float ]]; then run "$p-auto-local2" "$conf" "local[2]" auto; fi
done

python3 "$BENCH/parallel_sgemm.py" --seconds 4 > "$WORK/machine-after.txt"
echo "two cores' sgemm against one, before and after the sweeps:"
head -n 1 "$WORK/machine-before.txt" "$WORK/machine-after.txt"
analysis packing "$WORK"
