#!/usr/bin/env bash
# Where the time of one Java trial goes: runs bench/ProfileTrial.java (the Trainer's loop with a clock around each
# phase: forward gemm, softmax, gradient gemm, step, train and validation evaluation) against the project's jar,
# pinned to one core, with the same JVM flags, native OpenBLAS and OPENBLAS_NUM_THREADS=1 as submit.sh.
#
#   bench/profile-java.sh [--data DIR] [--cpu C] [--snapshot [REV]] [--epochs E] [--batch B]
#
# The data folder is --data DIR, else $CIFAR10_DIR. See bench/README.md.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA="" CPU=0 REV="" EPOCHS=40 BATCH=100
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA=${2:?}; shift 2 ;;
    --cpu) CPU=${2:?}; shift 2 ;;
    --snapshot) if [[ $# -ge 2 && "$2" != --* ]]; then REV=$2; shift 2; else REV=HEAD; shift; fi ;;
    --epochs) EPOCHS=${2:?}; shift 2 ;;
    --batch) BATCH=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/profile-java.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TREE=$(java_tree "$REV" "$WORK")
if [[ -z "$REV" ]]; then
  # The working tree: let submit.sh's own staleness check build it (its `--help` runs no trial).
  "$TREE/submit.sh" train --help >/dev/null 2>"$WORK/build.log" \
    || { tail -25 "$WORK/build.log" >&2; die "building the working tree failed; try --snapshot"; }
fi
JAR="$TREE/target/cifar-sweep.jar"
NATIVE_DIR="$TREE/target/native/org/bytedeco/openblas/linux-x86_64"
[[ -f "$JAR" && -f "$TREE/target/classpath.txt" ]] || die "$JAR or target/classpath.txt missing"
JVM_OPTS=$(sed -n 's/^spark.jvm.options=//p' "$TREE/conf/jvm.properties")

# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH="$NATIVE_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  taskset -c "$CPU" java -Xmx8g $JVM_OPTS -Ddev.ludovic.netlib.blas.nativeLibPath="$NATIVE_DIR/libopenblas.so.0" \
  -cp "$JAR:$(cat "$TREE/target/classpath.txt")" "$BENCH/ProfileTrial.java" "$DATA" "$EPOCHS" "$BATCH" 2>&1 \
  | grep -v -e '^WARNING' -e 'incubat' -e '^1 warning' -e 'InstanceBuilder' -e '^INFO: Using'
