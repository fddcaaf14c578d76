#!/usr/bin/env bash
# Scale: one large random sweep (bench/scale.conf: 10,000 trials of 2 epochs, float32) on the bundled sample on
# local[2], with Spark's defaults. Prints the wall time and trials per minute, the driver's peak RSS, the size of
# each output, the time `report DIR` takes to rebuild the report and the size of report.html, and the time headless
# Chromium takes to load the page and to sort its table once. Targets, method and measured figures: bench/README.md.
#
#   bench/scale.sh [--trials N] [--epochs E] [--precision float|double] [--master URL] [--data DIR] [--out DIR] [--jar JAR] [-- SPARK_OPTION...]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRIALS=10000 EPOCHS=2 PRECISION=float MASTER="local[2]" DATA="$ROOT/data/sample" OUT="" JAR="${CIFAR_SWEEP_JAR:-}" POLL=0.2
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SPARK_OPTS=()
usage() { sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; cat <<EOF

  --trials N    random samples, i.e. trials (default $TRIALS)
  --epochs E    epochs per trial (default $EPOCHS)
  --precision P float or double (default $PRECISION)
  --master URL  Spark master (default $MASTER); the peak RSS is the driver JVM's, which in local mode runs the tasks
  --data DIR    CIFAR-10 folder (default: the bundled sample data/sample)
  --out DIR     keep the sweep's output folder and the logs in DIR (must not exist; default: a temporary folder,
                deleted at the end)
  --jar JAR     run this application jar (default: \$CIFAR_SWEEP_JAR, else target/cifar-sweep.jar, built if missing)
  -- SPARK_OPTION...  passed to submit.sh sweep, e.g. -- --conf spark.driver.maxResultSize=0 (the target is
                met with none)
  CHROMIUM=PATH the browser (default $CHROMIUM); without it the page timing is skipped

Needs python3, Linux /proc and the project built (target/classpath.txt, target/native).
EOF
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --trials) TRIALS=${2:?}; shift 2 ;;
    --epochs) EPOCHS=${2:?}; shift 2 ;;
    --precision) PRECISION=${2:?}; shift 2 ;;
    --master) MASTER=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --jar) JAR=${2:?}; shift 2 ;;
    --) shift; SPARK_OPTS=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
positive_int --trials "$TRIALS"
positive_int --epochs "$EPOCHS"
[[ "$PRECISION" == float || "$PRECISION" == double ]] || die "--precision '$PRECISION': must be float or double"
DATA=$(abs_dir "$DATA")
[[ -z "$OUT" || ! -e "$OUT" ]] || die "--out $OUT: already exists"   # before anything runs; work_dir checks it again
[[ -r /proc/self/status ]] || die "needs Linux /proc"
command -v python3 >/dev/null || die "python3 not found"

work_dir "$OUT" scale
if [[ -z "$JAR" ]]; then
  JAR="$ROOT/target/cifar-sweep.jar"
  [[ -f "$JAR" ]] || (cd "$ROOT" && mvn -q -B -DskipTests package) || die "build failed"
fi
[[ -f "$JAR" ]] || die "--jar $JAR: no such file"
copy_jar "$JAR" "$WORK/app.jar"

SWEEP="$WORK/sweep"
echo "scale: $TRIALS trials of $EPOCHS epochs in $PRECISION (bench/scale.conf) on $DATA, $MASTER${SPARK_OPTS[*]+ ${SPARK_OPTS[*]}}, jar $JAR"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The sweep under bench/analysis/rss_watch.py (as driver-memory.sh runs it): wall time and the driver JVM's VmHWM;
# the JVM logs its GCs, for the live and committed heap.
if ! SCALE_TRIALS=$TRIALS SCALE_EPOCHS=$EPOCHS SCALE_PRECISION=$PRECISION CIFAR_SWEEP_JAR="$WORK/app.jar" \
     JAVA_TOOL_OPTIONS="-Xlog:gc:file=$WORK/gc-%p.log${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}" \
     analysis rss_watch "$WORK/sweep.json" "$WORK/sweep.log" "$POLL" "$WORK/gc-" \
     "$ROOT/submit.sh" sweep "$BENCH/scale.conf" --data "$DATA" --out "$SWEEP" --master "$MASTER" \
     ${SPARK_OPTS[@]+"${SPARK_OPTS[@]}"}; then
  tail -20 "$WORK/sweep.log" >&2
  die "the sweep failed (log above, whole log in $WORK/sweep.log)"
fi
grep -h "^cifar-sweep: warning:" "$WORK/sweep.log" || true
# The report, rebuilt from the folder with what the sweep recorded (report.top_trials), timed the same way.
if ! CIFAR_SWEEP_JAR="$WORK/app.jar" analysis rss_watch "$WORK/report.json" "$WORK/report.log" "$POLL" "$WORK/gc-" \
     "$ROOT/submit.sh" report "$SWEEP"; then
  tail -20 "$WORK/report.log" >&2
  die "report $SWEEP failed (log above)"
fi
# What of that is the JVM starting: the same command with --help, which builds nothing.
start=$(date +%s%N)
CIFAR_SWEEP_JAR="$WORK/app.jar" "$ROOT/submit.sh" report --help >/dev/null 2>&1 || die "submit.sh report --help failed"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
JVM_START=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# The page in headless Chromium: a copy with a timing script appended, its DOM dumped once loaded.
DOM="$WORK/page-dom.html"
if [[ -x "$CHROMIUM" ]]; then
  analysis scale time-page "$SWEEP/report.html" "$WORK/timed-report.html"
  timeout 300 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-background-networking --disable-component-update --user-data-dir="$WORK/chromium-profile" \
    --window-size=1400,1000 --dump-dom "file://$WORK/timed-report.html" >"$DOM" 2>"$WORK/chromium.log" \
    || die "$CHROMIUM failed (see $WORK/chromium.log)"
else
  echo "scale: $CHROMIUM not found: no page timing" >&2
  echo '<pre id="scale-bench">{"load_ms": NaN, "sort_ms": NaN, "first": null, "sort": "not run"}</pre>' >"$DOM"
fi
analysis scale report "$SWEEP" "$WORK/sweep.json" "$WORK/report.json" "$DOM" --jvm-start "$JVM_START"
