#!/usr/bin/env bash
# Runs bench/same-bits.sh on a real Spark standalone cluster on 127.0.0.1: one master and N one-core workers, started
# from the project's Maven-resolved jars (no Spark distribution), with Spark's default executor memory (1g). The
# results compare with a local run's by bench/same_bits.py. The cluster is stopped at the end.
#
#   bench/cluster-same-bits.sh OUT_DIR [--jar JAR] [--data DIR] [--workers N] [--port P] [--also CONF]
#
# --also CONF then runs CONF too on the same cluster and data, into OUT_DIR/<CONF's name> (e.g. conf/asha.conf:
# asynchronous halving, a Spark job per run, on real executors).
# The cluster's folder (fake SPARK_HOME, logs) is OUT_DIR/cluster. See bench/README.md, "A real cluster at 1g".
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  ""|-*) OUT="" ;;
  *) OUT=$1; shift ;;
esac
JAR_ARGS=()
DATA=""
WORKERS=2
PORT=7177
ALSO=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jar) JAR_ARGS=(--jar "${2:?}"); shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --workers) WORKERS=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --also) ALSO=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
DATA=$(data_dir "$DATA")
check_data "$DATA"
[[ -n "$OUT" ]] || { usage >&2; die "the first argument must be OUT_DIR"; }
mkdir -p "$OUT"
DIR=$(abs_dir "$OUT")/cluster

stop() {
  local pid
  for pid in "$DIR"/pids/*; do
    [[ -f "$pid" ]] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  rm -rf "$DIR/pids"
}

trap stop EXIT

CLASSPATH_FILE="$ROOT/target/classpath.txt"
[[ -f "$CLASSPATH_FILE" ]] || (cd "$ROOT" && mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
mkdir -p "$DIR/home/jars" "$DIR/logs" "$DIR/pids" "$DIR/tmp" "$DIR/work"
# Workers launch executors from SPARK_HOME/jars: links to the Maven jars make one.
tr ':' '\n' <"$CLASSPATH_FILE" | while read -r jar; do ln -sf "$jar" "$DIR/home/jars/"; done
export SPARK_HOME="$DIR/home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_DIRS="$DIR/tmp"
JAVA_OPTS=(-Xmx512m "-Djava.io.tmpdir=$DIR/tmp" -Dspark.port.maxRetries=0 -Dspark.master.rest.enabled=false)

java "${JAVA_OPTS[@]}" -cp "$DIR/home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$PORT" --webui-port 0 >"$DIR/logs/master.log" 2>&1 &
echo $! >"$DIR/pids/master"
for ((i = 1; i <= WORKERS; i++)); do
  mkdir -p "$DIR/work/$i"
  java "${JAVA_OPTS[@]}" -cp "$DIR/home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --webui-port 0 --cores 1 --memory 3g --work-dir "$DIR/work/$i" "spark://127.0.0.1:$PORT" \
    >"$DIR/logs/worker-$i.log" 2>&1 &
  echo $! >"$DIR/pids/worker-$i"
done
for ((s = 0; s < 120; s++)); do
  joined=$(cat "$DIR"/logs/worker-*.log | grep -c "Successfully registered with master" || true)
  if ((joined >= WORKERS)); then break; fi
  sleep 1
done
if ((joined < WORKERS)); then
  tail -5 "$DIR"/logs/*.log >&2
  die "the workers did not join the master within 120 s (logs above, in $DIR/logs)"
fi
# The driver is this machine's: the executors are the workers', with spark.executor.memory left at Spark's 1g.
"$BENCH/same-bits.sh" "$OUT" "${JAR_ARGS[@]}" --data "$DATA" --master "spark://127.0.0.1:$PORT"
if [[ -n "$ALSO" ]]; then
  name=$(basename "$ALSO" .conf)
  echo "$(date +%T) $name on the cluster" >&2
  CIFAR_SWEEP_JAR="${JAR_ARGS[1]:-$ROOT/target/cifar-sweep.jar}" "$ROOT/submit.sh" sweep "$ALSO" --data "$DATA" \
    --out "$OUT/$name" --master "spark://127.0.0.1:$PORT" > "$OUT/$name.log" 2>&1 || { tail -n 30 "$OUT/$name.log"; exit 1; }
  tail -n 2 "$OUT/$name.log"
fi
