#!/usr/bin/env bash
# Driver memory: the peak RSS of the driver JVM for a 48-trial sweep (conf/grid.conf at 2 epochs) on the 10k split
# (bench/memory-10k.conf) and on the 49k all-batches split (bench/memory-49k.conf), each through submit.sh on
# local[2], against a baseline: the same sweep on the bundled 1,000-image sample. In local mode the driver is also
# the executor, so its peak holds the executor's decoded copy of the data too. Run time, method and measured
# figures: bench/README.md.
#
#   bench/driver-memory.sh [--runs N] [--data DIR] [--epochs E] [--master local[N]] [--xmx SIZE] [--snapshot [REV]]
#                          [--keep DIR]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=3 DATA="" EPOCHS=2 MASTER="local[2]" XMX="" REV="" KEEP="" POLL=0.1
usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; cat <<EOF

  --runs N         repetitions of the three sweeps, interleaved; the table shows medians (default $RUNS: the
                   peak moves by 10-20% from run to run with the collector's heap sizing on a shared machine)
  --data DIR       CIFAR-10 binary folder, all 5 training batches (default: \$CIFAR10_DIR)
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
DATA=$(data_dir "$DATA")
check_data "$DATA"
positive_int --runs "$RUNS"
positive_int --epochs "$EPOCHS"
[[ -z "$KEEP" || ! -e "$KEEP" ]] || die "--keep $KEEP: already exists"
[[ "$MASTER" =~ ^local ]] || die "--master must be local[...]: the driver must be the executor for this measure"
[[ -z "$XMX" || "$XMX" =~ ^[0-9]+[kKmMgG]?$ ]] || die "--xmx must be a size such as 2g or 4096m"
[[ -r /proc/self/status ]] || die "needs Linux /proc"
command -v python3 >/dev/null || die "python3 not found"
for f in data_batch_3.bin data_batch_4.bin data_batch_5.bin; do
  [[ -f "$DATA/$f" ]] || die "$DATA/$f not found (the all-batches split needs data_batch_1..5)"
done
SAMPLE="$ROOT/data/sample"
check_data "$SAMPLE"

work_dir "$KEEP" driver-memory

# The jar: a snapshot copy, so a rebuild of the shared tree during the runs cannot change it.
if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
  TREE=$ROOT
  copy_jar "$CIFAR_SWEEP_JAR" "$WORK/app.jar"
else
  TREE=$(java_tree "$REV" "$WORK")
  if [[ -z "$REV" ]]; then
    (cd "$TREE" && mvn -q -B -DskipTests package) || die "build failed; try --snapshot or CIFAR_SWEEP_JAR"
  fi
  copy_jar "$TREE/target/cifar-sweep.jar" "$WORK/app.jar"
fi
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

# Each sweep runs under bench/analysis/rss_watch.py, which follows submit.sh's process tree: the driver JVM's peak
# RSS (VmHWM, polled), its peak when the console shows the broadcast line (data loaded and broadcast, no trial
# yet), and the kernel's maximum RSS of the tree as a cross-check. The JVMs also log their GCs (-Xlog:gc through
# JAVA_TOOL_OPTIONS, one file per pid), for the live and committed heap.
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
         analysis rss_watch "$WORK/$run.json" "$WORK/$run.log" "$POLL" "$WORK/$run-gc-" \
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
HEAP_ARGS=$(analysis memory heap-args "$WORK/10k-1.json")
# shellcheck disable=SC2086 # a list of JVM flags
FLAGS=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" $HEAP_ARGS -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 ~ /^(MaxHeapSize|InitialHeapSize|UseG1GC|UseParallelGC|UseSerialGC|UseZGC|UseShenandoahGC)$/ {print $2 "=" $4}' | tr '\n' ' ')

# One row per sweep (medians over the runs), the breakdown over the baseline, and result lines for run-all.sh.
analysis memory report "$WORK" "${NAMES[@]}" --heap-args="$HEAP_ARGS" --flags="$FLAGS"
