#!/usr/bin/env bash
# Against MLlib: the product's sweep (bench/mllib/sweep.conf, 16 trials) against MLlib's multinomial
# LogisticRegression swept over regParam with its tuning API (CrossValidator, parallelism 2), both on local[2],
# on the same split (train data_batch_1, validate data_batch_2) and the same preprocessing. Prints configurations
# per minute and the best validation accuracy of each side, the rate ratio (target >= 5x) and, last, `result ...`
# lines for scripts. One run of each side. Run time, method and measured figures: bench/README.md.
#
#   bench/mllib-vs-sweep.sh [--data DIR] [--conf FILE] [--reg R1,R2,...]
#   CIFAR_SWEEP_JAR=/path/cifar-sweep.jar bench/mllib-vs-sweep.sh    (use that product jar, build nothing)
#
# The data folder is --data DIR, else $CIFAR10_DIR.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA=""
CONF="$BENCH/mllib/sweep.conf"
REG=""  # empty: MllibSweep's default, 8 values log-spaced over 1e-3..1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --conf) CONF=${2:?}; shift 2 ;;
    --reg) REG=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
[[ -f "$CONF" ]] || die "--conf $CONF: no such file"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# The product jar, copied so a rebuild during the run cannot change it. submit.sh also needs the project's
# target/classpath.txt and target/native, so a fresh clone is built once.
if [[ -z "${CIFAR_SWEEP_JAR:-}" && ! -f "$ROOT/target/cifar-sweep.jar" ]] || [[ ! -f "$ROOT/target/classpath.txt" ]]; then
  echo "$(basename "$0"): building the product (mvn package) ..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) > "$OUT/build.log" 2>&1 \
    || { tail -30 "$OUT/build.log" >&2; die "the product's build failed (log above)"; }
fi
cp "${CIFAR_SWEEP_JAR:-$ROOT/target/cifar-sweep.jar}" "$OUT/app.jar"
unzip -Z1 "$OUT/app.jar" org/cifarsweep/data/Normalization.class >/dev/null 2>&1 \
  || die "${CIFAR_SWEEP_JAR:-$ROOT/target/cifar-sweep.jar} is not a complete cifar-sweep jar; rebuild"

# The MLlib side: its own Maven project, compiled against that same jar.
echo "$(basename "$0"): building bench/mllib ..." >&2
(cd "$BENCH/mllib" && mvn -q -B -DskipTests package "-Dcifar.sweep.jar=$OUT/app.jar") > "$OUT/build.log" 2>&1 \
  || { tail -30 "$OUT/build.log" >&2; die "the build of bench/mllib failed (log above)"; }

# Same JVM as submit.sh gives the product: Spark 4's flags for Java 17, the pinned native OpenBLAS with one
# thread (MLlib's aggregator runs dgemm through the same netlib), 8 GB heap.
NATIVE_DIR="$ROOT/target/native/org/bytedeco/openblas/linux-x86_64"
JVM_OPTS=$(sed -n 's/^spark.jvm.options=//p' "$ROOT/conf/jvm.properties")
BLAS_OPTS="-Ddev.ludovic.netlib.blas.nativeLibPath=$NATIVE_DIR/libopenblas.so.0"
[[ -f "$NATIVE_DIR/libopenblas.so.0" ]] || { echo "warning: no native OpenBLAS in $NATIVE_DIR" >&2; BLAS_OPTS=""; }

now() { date +%s.%N; }

echo "$(basename "$0"): product sweep ($(basename "$CONF")) on local[2] ..." >&2
t0=$(now)
CIFAR_SWEEP_JAR="$OUT/app.jar" "$ROOT/submit.sh" sweep "$CONF" --data "$DATA" --out "$OUT/sweep" \
  --master "local[2]" > "$OUT/sweep.log" 2>&1 || { cat "$OUT/sweep.log" >&2; die "the product sweep failed"; }
t1=$(now)

echo "$(basename "$0"): MLlib CrossValidator on local[2] (several minutes) ..." >&2
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH="$NATIVE_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  java -Xmx8g $JVM_OPTS $BLAS_OPTS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$BENCH/mllib/target/mllib-bench.jar:$(cat "$BENCH/mllib/target/classpath.txt"):$OUT/app.jar" \
  org.cifarsweep.bench.MllibSweep --data "$DATA" --master "local[2]" ${REG:+--reg "$REG"} \
  > "$OUT/mllib.log" 2>&1 || { cat "$OUT/mllib.log" >&2; die "the MLlib side failed"; }
t2=$(now)

# MLlib's per-regParam table, both sides' rates and best accuracies, the ratio, and result lines for run-all.sh.
analysis mllib "$OUT/sweep" "$OUT/mllib.log" --times "$t0" "$t1" "$t2"
