#!/usr/bin/env bash
# Runs the two reference sweeps (conf/seed-experiments.conf in float64, conf/grid.conf in float32) on the full data
# with one jar, so that two builds can be compared bit for bit with bench/same_bits.py.
#
#   bench/same-bits.sh OUT_DIR [--jar JAR] [--data DIR] [--master URL]
#   python3 bench/same_bits.py BEFORE_OUT_DIR AFTER_OUT_DIR
#
# JAR defaults to target/cifar-sweep.jar (built if missing), the data folder to $CIFAR10_DIR, the master to
# local[2]. See bench/README.md, "Same seed, same bits".
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  ""|-*) usage >&2; die "the first argument must be OUT_DIR" ;;
esac
OUT=$1; shift
JAR="$ROOT/target/cifar-sweep.jar"
DATA=""
MASTER="local[2]"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jar) JAR=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --master) MASTER=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -DskipTests package)
mkdir -p "$OUT"
for conf in seed-experiments grid; do
  CIFAR_SWEEP_JAR="$JAR" "$ROOT/submit.sh" sweep "$ROOT/conf/$conf.conf" --data "$DATA" \
    --out "$OUT/$conf" --master "$MASTER" --overwrite
done
