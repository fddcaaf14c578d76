#!/usr/bin/env bash
# Search strategies on the full data set, float32, local[2], over bench/search-space.conf's 81 configurations:
#   1. the full grid at 40 epochs;
#   2. synchronous successive halving and ASHA (halving mode = async), rungs 5/10/20/40, reduction 3;
#   3. TPE against random search, 48 trials of 10 epochs each, over conf/tpe.conf's distributions, 5 sweep seeds.
# Prints wall time, idle core-seconds (provenance timing.idle_core_seconds), epochs and the best validation
# accuracy of each, the ratios against their targets, and `result KEY VALUE` lines.
#
#   bench/search.sh [--data DIR] [--out DIR] [--seeds N] [--skip-grid] [--skip-tpe]
#
# The data folder is --data DIR, else $CIFAR10_DIR. CIFAR_SWEEP_JAR=JAR runs that jar instead of building the
# project. --out DIR keeps the sweeps' folders there (it must not exist). Run time and figures: bench/README.md.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="" KEEP="" SEEDS=5 GRID=1 TPE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --out) KEEP=${2:?}; shift 2 ;;
    --seeds) SEEDS=${2:?}; shift 2 ;;
    --skip-grid) GRID=0; shift ;;
    --skip-tpe) TPE=0; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$SEEDS" =~ ^[1-9][0-9]*$ ]] || die "--seeds $SEEDS: a whole number >= 1"
DATA=$(data_dir "$DATA")
check_data "$DATA"
command -v python3 >/dev/null || die "python3 not found"
work_dir "$KEEP" search
snapshot_jar "$WORK/app.jar"

# run NAME CONF: one sweep on local[2], timed, into $WORK/NAME.
run() {
  local name=$1 conf=$2
  echo "$(date +%T) $name" >&2
  local start end
  start=$(date +%s.%N)
  CIFAR_SWEEP_JAR="$WORK/app.jar" "$ROOT/submit.sh" sweep "$conf" --data "$DATA" --out "$WORK/$name" \
    --master "local[2]" > "$WORK/$name.log" 2>&1 || { tail -n 30 "$WORK/$name.log"; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end" > "$WORK/$name.time"
}

space="$BENCH/search-space.conf"
conf() { local name=$1; shift; { printf 'include "%s"\nname = "%s"\n' "$space" "$name"; printf '%s\n' "$@"; } > "$WORK/$name.conf"; echo "$WORK/$name.conf"; }

if [[ $GRID == 1 ]]; then run grid "$(conf grid 'grid.n_epochs = 40')"; fi
run sync "$(conf sync 'halving { rungs = [5, 10, 20, 40], reduction = 3, mode = sync }')"
run async "$(conf async 'halving { rungs = [5, 10, 20, 40], reduction = 3, mode = async }')"

if [[ $TPE == 1 ]]; then
  for ((s = 1; s <= SEEDS; s++)); do
    for search in random tpe; do
      c="$WORK/$search-seed$s.conf"
      printf 'include "%s"\nname = "%s-seed%d"\nseed = %d\nsearch = %s\n' "$ROOT/conf/tpe.conf" "$search" "$s" "$s" \
        "$([[ $search == tpe ]] && echo tpe || echo fixed)" > "$c"
      run "$search-seed$s" "$c"
    done
  done
fi
analysis search "$WORK"
