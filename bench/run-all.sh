#!/usr/bin/env bash
# Every performance benchmark of bench/ in one run, then one table of each figure against its target.
#
#   bench/run-all.sh [--data DIR] [--skip NAME[,NAME...]]      NAME: jmh, trial, trial-f, scaling, mllib,
#                                                                    packing, trial-pack, memory, search
#
# Builds the project once (or takes CIFAR_SWEEP_JAR), hands that jar to every benchmark, keeps each benchmark's
# full output in a folder it prints, and reads the `result KEY VALUE` lines they end with. The data folder is
# --data DIR, else $CIFAR10_DIR. Times are only compared within this run: the machine may be shared, so read
# ratios, not seconds. Run time, targets and measured figures: bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA=""
SKIP=","
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --skip) SKIP=",${2:?},"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
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
  local status=0
  "$@" > "$LOGS/$name.log" 2>&1 || status=$?
  if (( status != 0 )); then
    echo "run-all: $name FAILED (exit $status); its output ends:" >&2
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
run packing "$BENCH/packing.sh" --data "$DATA"
run trial-pack "$BENCH/trial-vs-numpy.sh" --runs 3 --data "$DATA" --pack 16
run memory "$BENCH/driver-memory.sh" --data "$DATA"
run search "$BENCH/search.sh" --data "$DATA"

cat "$LOGS/machine.txt"
cat "$LOGS"/*.log | grep -h '^result ' > "$LOGS/results.txt" || true
analysis summary "$LOGS/results.txt"
echo "full outputs: $LOGS"
