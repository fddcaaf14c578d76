#!/usr/bin/env bash
# One Java trial (through submit.sh) against the same trial in numpy (bench/numpy_trial.py), both pinned to the
# same core, alternating, N times each. Prints each side's training seconds, the ratio java/numpy (target <= 0.5),
# both test accuracies and the GFLOP/s of the Java trial. See bench/README.md.
#
#   bench/trial-vs-numpy.sh [--runs N] [--data DIR] [--cpu C] [--snapshot [REV]] [--numpy-layout fc|f|c]
#                           [--epochs E] [--batch B] [--eta X] [--lambda X] [--seed S]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=1 DATA="" CPU=0 REV="" LAYOUT=fc EPOCHS=40 BATCH=100 ETA=0.01 LAMBDA=0 SEED=1 TARGET=0.5
usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; cat <<EOF

  --runs N         trials per side, alternating java, numpy, java, ... (default $RUNS)
  --data DIR       CIFAR-10 binary folder (default <project>/../shared/data/cifar-10-batches-bin)
  --cpu C          the core both sides are pinned to with taskset (default $CPU)
  --snapshot [REV] run the Java side from a clean build of commit REV (default HEAD) in a temporary folder,
                   instead of the working tree (use it while others have uncommitted edits that do not build)
  --numpy-layout L memory order of X on the numpy side (numpy_trial.py --layout; default $LAYOUT, its fastest)
  --epochs/--batch/--eta/--lambda/--seed   trial settings (default $EPOCHS, $BATCH, $ETA, $LAMBDA, $SEED);
                   preprocessing is always scale and precision float32
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
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$LAYOUT" =~ ^(fc|f|c)$ ]] || die "--numpy-layout must be fc, f or c"
command -v taskset >/dev/null || die "taskset not found (package util-linux)"
command -v python3 >/dev/null || die "python3 not found"
python3 -c 'import numpy' 2>/dev/null || die "python3 cannot import numpy"
DATA=$(abs_dir "${DATA:-$DEFAULT_DATA}")
check_data "$DATA"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trial-vs-numpy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TREE=$(java_tree "$REV" "$WORK")
SUBMIT="$TREE/submit.sh"
[[ -x "$SUBMIT" ]] || die "$SUBMIT not found or not executable"

SETTINGS=(--eta "$ETA" --lambda "$LAMBDA" --batch "$BATCH" --epochs "$EPOCHS" --seed "$SEED" --preprocess scale)

# Training images (data_batch_1) and validation images (data_batch_2), from the file sizes.
N_TRAIN=$(( $(stat -c %s "$DATA/data_batch_1.bin") / 3073 ))
N_VAL=$(( $(stat -c %s "$DATA/data_batch_2.bin") / 3073 ))

# Column `name` of the last row of a CSV file.
csv_field() {
  python3 - "$1" "$2" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(rows[-1][sys.argv[2]])
EOF
}

run_java() { # run_java I -> "seconds test_acc compile_seconds"
  local out="$WORK/java$1" log="$WORK/java$1.log"
  if ! taskset -c "$CPU" "$SUBMIT" train "${SETTINGS[@]}" --precision float --data "$DATA" \
       --out "$out" --overwrite >"$log" 2>&1; then
    tail -25 "$log" >&2
    die "the Java trial failed (log above). If the working tree does not build, try --snapshot"
  fi
  [[ -f "$out/results.csv" ]] || { tail -25 "$log" >&2; die "the Java trial wrote no $out/results.csv"; }
  # The pixel kernel's one-off JIT compile, done before the trial's clock starts (once per JVM; 0 if absent).
  local compile
  compile=$(sed -n 's/^float32 kernel compiled in \([0-9.]*\) s.*/\1/p' "$log" | tail -1)
  echo "$(csv_field "$out/results.csv" seconds) $(csv_field "$out/results.csv" test_acc) ${compile:-0}"
}

run_numpy() { # run_numpy I -> "seconds test_acc"
  local log="$WORK/numpy$1.log" line
  taskset -c "$CPU" python3 "$BENCH/numpy_trial.py" "${SETTINGS[@]}" --dtype float32 --init java \
    --layout "$LAYOUT" --data "$DATA" --quiet \
    >"$log" 2>&1 || { tail -25 "$log" >&2; die "the numpy trial failed (log above)"; }
  line=$(grep '^seconds=' "$log" | tail -1)
  [[ -n "$line" ]] || { tail -25 "$log" >&2; die "no 'seconds=' line from numpy_trial.py"; }
  line=${line#seconds=}
  echo "${line%% test_acc=*} ${line##*test_acc=}"
}

echo "java:  $SUBMIT train ${SETTINGS[*]} --precision float${REV:+   (commit $REV)}"
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

# The table. Flops of the loop (small terms ignored): per batch, forward K·d·n_b·2 and gradient K·d·n_b·2, i.e.
# 4·K·d·n_train per epoch; per epoch, evaluation of train and validation K·d·(n_train + n_val)·2.
python3 - "$RESULTS" "$EPOCHS" "$N_TRAIN" "$N_VAL" "$TARGET" "$LAYOUT" <<'EOF'
import statistics, sys
path, epochs, n_train, n_val, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
# Result keys carry the numpy layout unless it is the default (fastest) one, so two runs can share one table.
suffix = "" if sys.argv[6] == "fc" else "_" + sys.argv[6]
K, d = 10, 3072
flops = epochs * (4 * K * d * n_train + 2 * K * d * (n_train + n_val))
rows = [line.split() for line in open(path) if line.strip()]
print(f"{'run':>3}  {'java s':>8}  {'numpy s':>8}  {'java/numpy':>10}  {'java test':>9}  {'numpy test':>10}  {'java GFLOP/s':>12}")
for r in rows:
    i, js, ja, ns, na = r[0], float(r[1]), float(r[2]), float(r[3]), float(r[4])
    print(f"{i:>3}  {js:8.3f}  {ns:8.3f}  {js / ns:10.3f}  {ja:9.4f}  {na:10.4f}  {flops / js / 1e9:12.1f}")
java = [float(r[1]) for r in rows]
numpy = [float(r[3]) for r in rows]
if len(rows) > 1:
    jm, nm = statistics.median(java), statistics.median(numpy)
    print(f"{'med':>3}  {jm:8.3f}  {nm:8.3f}  {jm / nm:10.3f}  {'':9}  {'':10}  {flops / jm / 1e9:12.1f}")
    print(f"{'min':>3}  {min(java):8.3f}  {min(numpy):8.3f}  {min(java) / min(numpy):10.3f}  {'':9}  {'':10}  {flops / min(java) / 1e9:12.1f}")
ratio = (statistics.median(java) / statistics.median(numpy))
print(f"\nflops counted: {flops / 1e9:.1f} GFLOP ({epochs} epochs; per epoch {4 * K * d * n_train / 1e9:.3f} training"
      f" + {2 * K * d * (n_train + n_val) / 1e9:.3f} evaluation)")
verdict = "meets" if ratio <= target else "misses"
print(f"java/numpy = {ratio:.3f} ({'median of ' + str(len(rows)) + ' runs' if len(rows) > 1 else 'one run'}): "
      f"{verdict} the target <= {target} (lower is better: 0.5 means Java trains in half numpy's time)")
compile = statistics.median(float(r[5]) for r in rows)
print(f"Java's one-off JIT compile of the pixel kernel (once per JVM, before the trial's clock): {compile:.2f} s;"
      f" counted into a lone trial, java/numpy = {(statistics.median(java) + compile) / statistics.median(numpy):.3f}")
# Machine-readable lines for bench/run-all.sh.
print(f"result trial_java_compile_seconds{suffix} {compile:.3f}")
print(f"result trial_java_numpy_ratio{suffix} {ratio:.3f}")
print(f"result trial_java_seconds{suffix} {statistics.median(java):.3f}")
print(f"result trial_numpy_seconds{suffix} {statistics.median(numpy):.3f}")
print(f"result trial_java_gflops{suffix} {flops / statistics.median(java) / 1e9:.1f}")
gap = max(abs(float(r[2]) - float(r[4])) for r in rows)
if gap > 0.01:
    print(f"warning: test accuracies differ by up to {100 * gap:.1f} points (> 1): the loops do not match")
EOF
