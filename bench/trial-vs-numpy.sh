#!/usr/bin/env bash
# One Java trial (through submit.sh) against the same trial in numpy (bench/numpy_trial.py), both pinned to the
# same core, alternating, N times each. Prints each side's training seconds, the ratio java/numpy (target <= 0.5),
# both test accuracies and the GFLOP/s of the Java trial. Run time, method and measured figures: bench/README.md.
#
#   bench/trial-vs-numpy.sh [--runs N] [--data DIR] [--cpu C] [--snapshot [REV]] [--numpy-layout fc|f|c]
#                           [--epochs E] [--batch B] [--eta X] [--lambda X] [--seed S] [--pack P]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=1 DATA="" CPU=0 REV="" LAYOUT=fc EPOCHS=40 BATCH=100 ETA=0.01 LAMBDA=0 SEED=1 TARGET=0.5 PACK=1
usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; cat <<EOF

  --runs N         trials per side, alternating java, numpy, java, ... (default $RUNS)
  --data DIR       CIFAR-10 binary folder (default: \$CIFAR10_DIR)
  --cpu C          the core both sides are pinned to with taskset (default $CPU)
  --snapshot [REV] run the Java side from a clean build of commit REV (default HEAD) in a temporary folder,
                   instead of the working tree (use it while others have uncommitted edits that do not build)
  --numpy-layout L memory order of X on the numpy side (numpy_trial.py --layout; default $LAYOUT, its fastest)
  --epochs/--batch/--eta/--lambda/--seed   trial settings (default $EPOCHS, $BATCH, $ETA, $LAMBDA, $SEED);
                   preprocessing is always scale and precision float32
  --pack P         the Java side trains P such trials (seeds S .. S+P-1) in one pack, a sweep on local[1], and its
                   time per trial is the pack's time / P (target <= 0.3 instead of 0.5); its test accuracy is the
                   trial of seed S's
EOF
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --cpu) CPU=${2:?}; shift 2 ;;
    --snapshot) if [[ $# -ge 2 && "$2" != --* ]]; then REV=$2; shift 2; else REV=HEAD; shift; fi ;;
    --numpy-layout) LAYOUT=${2:?}; shift 2 ;;
    --epochs) EPOCHS=${2:?}; shift 2 ;;
    --batch) BATCH=${2:?}; shift 2 ;;
    --eta) ETA=${2:?}; shift 2 ;;
    --lambda) LAMBDA=${2:?}; shift 2 ;;
    --seed) SEED=${2:?}; shift 2 ;;
    --pack) PACK=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
positive_int --runs "$RUNS"
positive_int --pack "$PACK"
[[ $PACK == 1 ]] || TARGET=0.3
[[ "$LAYOUT" =~ ^(fc|f|c)$ ]] || die "--numpy-layout must be fc, f or c"
command -v taskset >/dev/null || die "taskset not found (package util-linux)"
command -v python3 >/dev/null || die "python3 not found"
python3 -c 'import numpy' 2>/dev/null || die "python3 cannot import numpy"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trial-vs-numpy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TREE=$(java_tree "$REV" "$WORK")
SUBMIT="$TREE/submit.sh"
[[ -x "$SUBMIT" ]] || die "$SUBMIT not found or not executable"

SETTINGS=(--eta "$ETA" --lambda "$LAMBDA" --batch "$BATCH" --epochs "$EPOCHS" --seed "$SEED" --preprocess scale)

# Training images (data_batch_1) and validation images (data_batch_2), from the file sizes.
N_TRAIN=$(( $(stat -c %s "$DATA/data_batch_1.bin") / 3073 ))
N_VAL=$(( $(stat -c %s "$DATA/data_batch_2.bin") / 3073 ))

# The pack's sweep: P trials of the same settings and seeds SEED .. SEED+P-1, on one core.
PACK_CONF="$WORK/pack.conf"
{
  printf 'name = "pack"\nprecision = float\ndata { preprocess = scale }\nweights = none\ntrials = [\n'
  for ((s = SEED; s < SEED + PACK; s++)); do
    printf '  { eta = %s, lambda = %s, n_batch = %s, n_epochs = %s, seed = %s }\n' "$ETA" "$LAMBDA" "$BATCH" "$EPOCHS" "$s"
  done
  printf ']\nspark { "spark.ui.enabled" = false }\n'
} >"$PACK_CONF"

run_pack() { # run_pack I -> "seconds_per_trial test_acc compile_seconds"
  local out="$WORK/java$1" log="$WORK/java$1.log"
  if ! taskset -c "$CPU" "$SUBMIT" sweep "$PACK_CONF" --master "local[1]" --data "$DATA" --out "$out" \
       --overwrite >"$log" 2>&1; then
    tail -25 "$log" >&2
    die "the Java pack failed (log above). If the working tree does not build, try --snapshot"
  fi
  analysis trial pack-run "$out" "$log" "$SEED" || { tail -25 "$log" >&2; die "no result from the Java pack (log above)"; }
}

run_java() { # run_java I -> "seconds test_acc compile_seconds"
  [[ $PACK == 1 ]] || { run_pack "$1"; return; }
  local out="$WORK/java$1" log="$WORK/java$1.log"
  if ! taskset -c "$CPU" "$SUBMIT" train "${SETTINGS[@]}" --precision float --data "$DATA" \
       --out "$out" --overwrite >"$log" 2>&1; then
    tail -25 "$log" >&2
    die "the Java trial failed (log above). If the working tree does not build, try --snapshot"
  fi
  # seconds and test_acc from results.csv; the pixel kernel's one-off JIT compile (before the clock) from the log.
  analysis trial java-run "$out" "$log" || { tail -25 "$log" >&2; die "no result from the Java trial (log above)"; }
}

run_numpy() { # run_numpy I -> "seconds test_acc"
  local log="$WORK/numpy$1.log"
  taskset -c "$CPU" python3 "$BENCH/numpy_trial.py" "${SETTINGS[@]}" --dtype float32 --init java \
    --layout "$LAYOUT" --data "$DATA" --quiet \
    >"$log" 2>&1 || { tail -25 "$log" >&2; die "the numpy trial failed (log above)"; }
  analysis trial numpy-run "$log" || { tail -25 "$log" >&2; die "no result from numpy_trial.py (log above)"; }
}

if [[ $PACK == 1 ]]; then
  echo "java:  $SUBMIT train ${SETTINGS[*]} --precision float${REV:+   (commit $REV)}"
else
  echo "java:  $SUBMIT sweep of $PACK such trials in one pack (seeds $SEED..$((SEED + PACK - 1))), local[1]; time per trial = pack / $PACK${REV:+   (commit $REV)}"
fi
echo "numpy: $BENCH/numpy_trial.py ${SETTINGS[*]} --dtype float32 --init java --layout $LAYOUT (numpy $(python3 -c 'import numpy; print(numpy.__version__)'))"
echo "data:  $DATA ($N_TRAIN train, $N_VAL validation images); both pinned to core $CPU; $RUNS run(s) each"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other processes on core $CPU skew the times)"
echo

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for ((i = 1; i <= RUNS; i++)); do
  res=$(run_java "$i") || exit 2
  read -r js ja jc <<<"$res"
  res=$(run_numpy "$i") || exit 2
  read -r ns na <<<"$res"
  echo "$i $js $ja $ns $na $jc" >>"$RESULTS"
  echo "  run $i done: java ${js}s, numpy ${ns}s" >&2
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# The table: medians, the ratio against the target, GFLOP/s of the Java side, and result lines for run-all.sh.
analysis trial table "$RESULTS" --epochs "$EPOCHS" --n-train "$N_TRAIN" --n-val "$N_VAL" --target "$TARGET" \
  --layout "$LAYOUT" --pack "$PACK"
