#!/usr/bin/env bash
# JMH kernel benchmarks: the forward pass over the validation split, the gradient of one mini-batch, one training
# epoch through the Trainer, and single-thread sgemm as the roofline reference, all in one JMH run pinned to one
# core with the product's native OpenBLAS and one BLAS thread. Prints JMH's output, then a table of ms/op, GFLOP/s
# and % of the sgemm peak, then `result <name> <value>` lines. Run time and measured figures: bench/README.md.
#
#   bench/jmh.sh [--data DIR] [--cpu C] [--forks F] [--warmup N] [--iterations N] [--time T] [--size N[,N...]]
#                [--only REGEX] [-- JMH_OPTIONS...]
#
# Env CIFAR_SWEEP_JAR: benchmark this application jar instead of target/cifar-sweep.jar.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<EOF

  --data DIR        CIFAR-10 binary folder (default: \$CIFAR10_DIR)
  --cpu C           core to pin JMH and its forks to with taskset (default 0)
  --forks F         JMH forks per benchmark (default 1)
  --warmup N        warm-up iterations (default 3)
  --iterations N    measurement iterations (default 5)
  --time T          length of each iteration, in JMH's format: 1s, 500ms (default 1s)
  --size N[,N...]   sgemm peak: N x N x N (default 2048); with a list, the peak is the fastest
  --only REGEX      JMH benchmark filter, e.g. Forward, 'Gradient|Epoch' (default: all four)
  -- JMH_OPTIONS    passed on to JMH as they are, e.g. -- -p precision=float -prof gc
EOF
}

DATA="" CPU=0 FORKS=1 WARMUP=3 ITERATIONS=5 TIME=1s SIZE=2048 ONLY='org\.cifarsweep\.bench\.'
JMH_EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --cpu) CPU=${2:?}; shift 2 ;;
    --forks) FORKS=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --iterations) ITERATIONS=${2:?}; shift 2 ;;
    --time) TIME=${2:?}; shift 2 ;;
    --size) SIZE=${2:?}; shift 2 ;;
    --only) ONLY=${2:?}; shift 2 ;;
    --) shift; JMH_EXTRA=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
for v in FORKS WARMUP ITERATIONS CPU; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v,,}: '${!v}' is not a non-negative integer"
done
(( FORKS >= 1 && ITERATIONS >= 1 )) || die "--forks and --iterations must be >= 1"
[[ $SIZE =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--size: '$SIZE' is not a size >= 1 or a comma-separated list of them"
command -v taskset >/dev/null || die "taskset not found (package util-linux)"
command -v python3 >/dev/null || die "python3 not found (it prints the table)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/jmh-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The product jar: CIFAR_SWEEP_JAR as given, else target/cifar-sweep.jar, built only if it (or the OpenBLAS the
# build unpacks) is missing. A snapshot is copied into WORK, so a rebuild by someone else during the run cannot
# disturb it.
NATIVE_DIR="$ROOT/target/native/org/bytedeco/openblas/linux-x86_64"
NATIVE_LIB="$NATIVE_DIR/libopenblas.so.0"
if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
  [[ -f "$CIFAR_SWEEP_JAR" ]] || die "CIFAR_SWEEP_JAR=$CIFAR_SWEEP_JAR: no such file"
  SOURCE_JAR=$CIFAR_SWEEP_JAR
else
  SOURCE_JAR="$ROOT/target/cifar-sweep.jar"
  if [[ ! -f "$SOURCE_JAR" || ! -f "$NATIVE_LIB" ]]; then
    echo "jmh.sh: building cifar-sweep (mvn package in $ROOT) ..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests package) >"$WORK/build.log" 2>&1 \
      || { tail -30 "$WORK/build.log" >&2; die "building the product failed (log above)"; }
  elif [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$SOURCE_JAR" -print -quit)" ]]; then
    echo "jmh.sh: warning: sources are newer than $SOURCE_JAR; benchmarking the jar as it is" >&2
  fi
fi
cp "$SOURCE_JAR" "$WORK/app.jar"
unzip -Z1 "$WORK/app.jar" org/cifarsweep/train/Trainer.class >/dev/null 2>&1 || die "$SOURCE_JAR is not a complete cifar-sweep jar"
[[ -f "$NATIVE_LIB" ]] || die "$NATIVE_LIB missing: run 'mvn -q -B -DskipTests package' in $ROOT (it unpacks OpenBLAS)"

# The benchmarks jar (bench/jmh, JMH + netlib's BLAS), compiled against this product jar.
echo "jmh.sh: building bench/jmh/target/benchmarks.jar ..." >&2
(cd "$BENCH/jmh" && mvn -q -B package "-Dcifar.sweep.jar=$WORK/app.jar") >"$WORK/bench-build.log" 2>&1 \
  || { tail -30 "$WORK/bench-build.log" >&2; die "building bench/jmh failed (log above); did the product's API change?"; }
cp "$BENCH/jmh/target/benchmarks.jar" "$WORK/benchmarks.jar"

JVM_OPTS=$(sed -n 's/^spark.jvm.options=//p' "$ROOT/conf/jvm.properties")
[[ -n "$JVM_OPTS" ]] || die "conf/jvm.properties has no spark.jvm.options"

echo "product jar: $SOURCE_JAR ($(date -r "$SOURCE_JAR" '+%F %T')); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "OpenBLAS: $NATIVE_LIB, OPENBLAS_NUM_THREADS=1, pinned to core $CPU"
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on core $CPU skew the times)"
echo

# The JVM options, the native library path and -Dcifar.data go to the host JVM; JMH's forks inherit the host's
# JVM arguments, environment (LD_LIBRARY_PATH, OPENBLAS_NUM_THREADS) and CPU affinity (taskset).
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
if ! OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH="$NATIVE_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  taskset -c "$CPU" java -Xmx4g $JVM_OPTS -Ddev.ludovic.netlib.blas.nativeLibPath="$NATIVE_LIB" \
  -Dcifar.data="$DATA" -cp "$WORK/benchmarks.jar:$WORK/app.jar" org.openjdk.jmh.Main \
  -f "$FORKS" -wi "$WARMUP" -i "$ITERATIONS" -w "$TIME" -r "$TIME" -p size="$SIZE" -foe true \
  -rf json -rff "$WORK/jmh.json" "${JMH_EXTRA[@]}" "$ONLY" 2>&1 | tee "$WORK/jmh.log"; then
  die "JMH failed (output above)"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# Which BLAS the forks used: every fork prints BenchData's "BLAS: ..." line (and refuses to run on anything but
# a native OpenBLAS).
BLAS_LINES=$(grep -c '^BLAS: JNIBLAS (native .*openblas' "$WORK/jmh.log" || true)
OTHER_BLAS=$(grep '^BLAS: ' "$WORK/jmh.log" | grep -vc 'JNIBLAS (native .*openblas' || true)
echo "BLAS in the forks: $(grep -m1 '^BLAS: ' "$WORK/jmh.log" | sed 's/^BLAS: //') ($BLAS_LINES forks with native OpenBLAS, $OTHER_BLAS other)"
(( BLAS_LINES > 0 && OTHER_BLAS == 0 )) || die "not every fork used the native OpenBLAS"
# The product's float32 path, if it has a pixel kernel (BenchData looks it up by reflection): the float32 rows time it.
KERNELS=$(sed -n 's/^float32 pixel kernel: //p' "$WORK/jmh.log" | sort -u)
[[ -z "$KERNELS" ]] || echo "float32 pixel kernel in the forks: $KERNELS"
echo

# ms/op, GFLOP/s and % of the same run's sgemm peak, then result lines for run-all.sh.
analysis jmh "$WORK/jmh.json"
