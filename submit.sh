#!/usr/bin/env bash
# cifar-sweep launcher. One code path for a laptop and a cluster: a real spark-submit when there is one (SPARK_HOME
# or spark-submit on PATH), otherwise Spark's own SparkSubmit class from the project's Maven classpath.
#
#   ./submit.sh                                  sweep conf/seed-experiments.conf on local[*]
#   ./submit.sh sweep CONF [--out DIR] [--data DIR] [--master URL] [spark-submit options]
#   ./submit.sh train [--eta X --lambda X --batch N --epochs N ...] [--data DIR] [--out DIR]
#   ./submit.sh gradcheck [--data DIR]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# CIFAR_SWEEP_JAR: use this application jar as it is (tests pass a jar of target/classes; no build step).
JAR="${CIFAR_SWEEP_JAR:-$ROOT/target/cifar-sweep.jar}"
CLASSPATH_FILE="$ROOT/target/classpath.txt"
NATIVE_DIR="$ROOT/target/native/org/bytedeco/openblas/linux-x86_64"

# With no argument: the default sweep. --resume makes a second run print the finished table instead of refusing
# the non-empty out/seed-experiments (and picks up an interrupted run).
[[ $# -eq 0 ]] && set -- sweep "$ROOT/conf/seed-experiments.conf" --resume

usage_error() {
  echo "cifar-sweep: error: $1" >&2
  exit 2
}

# Spark's size format (JavaUtils.byteStringAs): a whole number and an optional unit. Prints the size in MiB, as
# Spark reads spark.driver.memory and spark.executor.memory (a plain number is MiB); refuses anything else.
SIZE_RULE="a whole number with an optional unit b, k, m, g, t or p, e.g. 512m or 4g (a plain number is MiB)"
mebibytes() {
  local option="$1" value="$2" number unit
  [[ "${value,,}" =~ ^([0-9]{1,12})(b|kb?|mb?|gb?|tb?|pb?)?$ ]] || usage_error "$option '$value': not a size: $SIZE_RULE"
  number=$((10#${BASH_REMATCH[1]})); unit="${BASH_REMATCH[2]:0:1}"
  case "$unit" in
    b) echo $((number / 1048576)) ;;
    k) echo $((number / 1024)) ;;
    ''|m) echo "$number" ;;
    g) echo $((number * 1024)) ;;
    t) echo $((number * 1048576)) ;;
    p) echo $((number * 1073741824)) ;;
  esac
}
# Spark refuses less memory than 1.5 × its 300 MiB reserve (UnifiedMemoryManager), after starting up.
MIN_MEMORY_MIB=450

# Split the arguments: --master and spark-submit's own options go to Spark, the rest to the application. Each
# value Spark would refuse with a stack trace is refused here, in one line, with exit 2.
MASTER="local[*]"
USER_EXECUTOR_OPTS=""
DRIVER_HEAP=""
SPARK_ARGS=()
USER_SPARK_ARGS=()   # as typed: the command that finishes an interrupted sweep repeats them
APP_ARGS=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" =~ ^(--master|--conf|--driver-memory|--executor-memory|--executor-cores|--total-executor-cores|--num-executors|--deploy-mode|--name|--queue|--properties-file|--jars|--files|--driver-cores|--driver-class-path)=(.*)$ ]]; then
    set -- "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${@:2}"
  fi
  case "$1" in
    --master|--conf|--driver-memory|--executor-memory|--executor-cores|--total-executor-cores|--num-executors|\
    --deploy-mode|--name|--queue|--properties-file|--jars|--files|--driver-cores|--driver-class-path)
      [[ $# -ge 2 ]] || usage_error "$1 needs a value"
      USER_SPARK_ARGS+=("$1" "$2") ;;
  esac
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --conf)
      [[ "$2" =~ ^[^=]+=  ]] || usage_error "--conf '$2': expected KEY=VALUE, e.g. --conf spark.ui.enabled=false"
      # The user's executor JVM options are appended to ours below (a second --conf would replace ours).
      if [[ "$2" == spark.executor.extraJavaOptions=* ]]; then
        USER_EXECUTOR_OPTS="${2#spark.executor.extraJavaOptions=}"
      else
        SPARK_ARGS+=("$1" "$2")
      fi
      shift 2 ;;
    --driver-memory|--executor-memory)
      mib=$(mebibytes "$1" "$2") || exit 2
      (( mib >= MIN_MEMORY_MIB )) || usage_error "$1 '$2': less than Spark's minimum of ${MIN_MEMORY_MIB}m"
      # Without a real spark-submit the driver is this script's JVM, so its heap is the driver memory.
      [[ "$1" == --driver-memory ]] && DRIVER_HEAP="-Xmx${mib}m"
      SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    --executor-cores|--total-executor-cores|--num-executors|--driver-cores)
      [[ "$2" =~ ^[1-9][0-9]{0,8}$ ]] || usage_error "$1 '$2': must be an integer from 1 to 999999999"
      SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    --deploy-mode)
      [[ "$2" == client || "$2" == cluster ]] || usage_error "--deploy-mode '$2': must be client or cluster"
      SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    --name|--queue|--properties-file|--jars|--files|--driver-class-path)
      SPARK_ARGS+=("$1" "$2"); shift 2 ;;
    *) APP_ARGS+=("$1"); shift ;;
  esac
done
# The driver reads this to print the command that finishes an interrupted sweep (cli/RunNotice): each word as a
# POSIX shell reads it back, single-quoted unless plain.
CIFAR_SWEEP_SPARK_ARGS=""
for word in "${USER_SPARK_ARGS[@]+"${USER_SPARK_ARGS[@]}"}"; do
  if [[ "$word" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
    CIFAR_SWEEP_SPARK_ARGS+="$word "
  else
    CIFAR_SWEEP_SPARK_ARGS+="'${word//\'/\'\\\'\'}' "
  fi
done
export CIFAR_SWEEP_SPARK_ARGS

# A bad --master is refused here, in one line, before anything is built or started. The forms are Spark 4's
# (SparkContext and SparkSubmit accept nothing else); Mesos support was removed in Spark 4.0.
master_error() {
  echo "cifar-sweep: error: --master '$MASTER': $1" >&2
  exit 2
}
MASTER_FORMS="expected local, local[N], local[*], local[N,F], local[*,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT...], yarn or k8s://[https://]HOST[:PORT]"
HOSTPORT='([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}'
case "$MASTER" in
  local) ;;
  local\[*)
    [[ "$MASTER" =~ ^local\[([1-9][0-9]*|\*)(,[[:space:]]*[1-9][0-9]*)?\]$ ]] \
      || master_error "not a local master: N threads and F task attempts must be integers >= 1 ($MASTER_FORMS)" ;;
  local-cluster*)
    [[ "$MASTER" =~ ^local-cluster\[[[:space:]]*[1-9][0-9]*[[:space:]]*,[[:space:]]*[1-9][0-9]*[[:space:]]*,[[:space:]]*[1-9][0-9]*[[:space:]]*\]$ ]] \
      || master_error "local-cluster needs [workers,cores per worker,MB per worker], each an integer >= 1" ;;
  spark://*)
    [[ "${MASTER#spark://}" =~ ^$HOSTPORT(,$HOSTPORT)*$ ]] \
      || master_error "a standalone master is spark://HOST:PORT, or spark://HOST1:PORT1,HOST2:PORT2 for standby masters" ;;
  yarn) ;;
  k8s://*)
    [[ "${MASTER#k8s://}" =~ ^(https?://)?([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$ ]] \
      || master_error "a Kubernetes master is k8s://[https://]HOST[:PORT]" ;;
  mesos://*) master_error "Mesos is not supported by Spark 4 ($MASTER_FORMS)" ;;
  *) master_error "not a Spark master URL ($MASTER_FORMS)" ;;
esac
if [[ "$MASTER" =~ :([0-9]+)(,|/|$) ]]; then
  for port in $(grep -oE ':[0-9]+(,|/|$)' <<<"$MASTER" | tr -dc '0-9\n'); do
    (( 10#$port >= 1 && 10#$port <= 65535 )) || master_error "port $port is not in 1-65535"
  done
fi

# Build when the jar is missing or older than the sources (after the checks above: a typo costs no build).
if [[ -z "${CIFAR_SWEEP_JAR:-}" ]] && [[ ! -f "$JAR" || ! -f "$CLASSPATH_FILE" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  echo "submit.sh: building cifar-sweep (mvn package)..." >&2
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
fi

JVM_OPTS=$(sed -n 's/^spark.jvm.options=//p' "$ROOT/conf/jvm.properties")
NATIVE_LIB="$NATIVE_DIR/libopenblas.so.0"
BLAS_OPTS="-Ddev.ludovic.netlib.blas.nativeLibPath=$NATIVE_LIB"
if [[ ! -f "$NATIVE_LIB" ]]; then
  echo "submit.sh: warning: $NATIVE_LIB missing; netlib will fall back to a slower Java BLAS" >&2
  BLAS_OPTS=""
fi
DRIVER_OPTS="$JVM_OPTS $BLAS_OPTS -Djava.awt.headless=true -Dcifarsweep.home=$ROOT -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties"

export OPENBLAS_NUM_THREADS=1
export LD_LIBRARY_PATH="$NATIVE_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# Executors pin the same OpenBLAS, one thread each (parallelism comes from running trials side by side), and load
# the Vector API for the float32 kernel. A user's own spark.executor.extraJavaOptions come last, so their
# -Ddev.ludovic.netlib.blas.nativeLibPath=… (see docs/cluster.md) wins over ours.
SPARK_ARGS+=(
  --conf "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector $BLAS_OPTS -Djava.awt.headless=true -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties${USER_EXECUTOR_OPTS:+ $USER_EXECUTOR_OPTS}"
  --conf "spark.executorEnv.LD_LIBRARY_PATH=$NATIVE_DIR"
  --conf "spark.executorEnv.OPENBLAS_NUM_THREADS=1"
)

# Every JVM loads jdk.incubator.vector (the float32 pixel kernel runs on the Vector API), and Java then starts by
# printing this line on stderr. It is dropped so that errors stay one line; the rest passes through cat untouched
# (progress redraws have no newline to wait for).
BANNER="WARNING: Using incubator modules: jdk.incubator.vector"
drop_banner() {
  # Ctrl-C reaches the whole process group: the filter must outlive the JVM, whose last line (how to resume) it
  # passes on. It ends when the JVM closes the pipe.
  trap '' INT TERM
  local first
  if IFS= read -r first; then
    [[ "$first" == "$BANNER" ]] || printf '%s\n' "$first"
  elif [[ -n "$first" ]]; then
    printf '%s' "$first"
  fi
  exec cat
}
# Runs the JVM in a pipeline rather than exec'ing it, so this script exits only once the filter has written
# everything: a caller that reads stderr from a file after the exit sees all of it. Ctrl-C reaches the JVM (same
# process group); to stop a driver from another shell, signal the java process or the group.
run_jvm() {
  local rc
  { "$@" 2>&1 1>&3 3>&- | drop_banner >&2; rc=${PIPESTATUS[0]}; } 3>&1
  exit "$rc"
}

SPARK_SUBMIT=""
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  SPARK_SUBMIT="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  SPARK_SUBMIT=$(command -v spark-submit)
fi

if [[ -n "$SPARK_SUBMIT" ]]; then
  run_jvm "$SPARK_SUBMIT" --master "$MASTER" --driver-java-options "$DRIVER_OPTS" "${SPARK_ARGS[@]}" \
    --class org.cifarsweep.cli.Main "$JAR" "${APP_ARGS[@]}"
fi
# This JVM is the driver: --driver-memory sizes its heap (the last -Xmx wins), as spark-submit's would.
# shellcheck disable=SC2086 # DRIVER_OPTS is a list of JVM flags
# --driver-memory sets this JVM's heap (in local mode the tasks run in it too); else CIFAR_SWEEP_DRIVER_MEMORY, a JVM
# flag, or 8 GB.
run_jvm "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${DRIVER_HEAP:-${CIFAR_SWEEP_DRIVER_MEMORY:--Xmx8g}} $DRIVER_OPTS \
  -cp "$JAR:$(cat "$CLASSPATH_FILE")" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER" "${SPARK_ARGS[@]}" --class org.cifarsweep.cli.Main "$JAR" "${APP_ARGS[@]}"
