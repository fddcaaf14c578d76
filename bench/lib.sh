# Shared by the bench/ scripts (sourced, not run). Sets BENCH (this folder) and ROOT (the project root), and
# provides data_dir (the CIFAR-10 folder), analysis (the Python modules of bench/analysis) and java_tree (which
# project tree to run the Java side from: the working tree, or a build of a commit).
# shellcheck shell=bash

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)

die() { echo "$(basename "$0"): error: $*" >&2; exit 2; }

# positive_int OPTION VALUE: refuses a VALUE of OPTION that is not an integer >= 1.
positive_int() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer"; }

# Absolute path of an existing folder.
abs_dir() { (cd "$1" 2>/dev/null && pwd) || die "no such folder: $1"; }

# data_dir [DIR]: the absolute path of the CIFAR-10 folder: DIR (the script's --data), else $CIFAR10_DIR, else an
# error.
data_dir() {
  if [[ -n "${1:-}" ]]; then
    abs_dir "$1"
  elif [[ -n "${CIFAR10_DIR:-}" ]]; then
    (cd "$CIFAR10_DIR" 2>/dev/null && pwd) || die "CIFAR10_DIR=$CIFAR10_DIR: no such folder"
  else
    die "no CIFAR-10 folder: pass --data DIR (the CIFAR-10 binary version; data/get-cifar10.sh downloads it) or set CIFAR10_DIR"
  fi
}

# The CIFAR-10 files the default split reads.
check_data() {
  local f
  for f in data_batch_1.bin data_batch_2.bin test_batch.bin; do
    [[ -f "$1/$f" ]] || die "$1/$f not found (pass --data DIR, the folder of the CIFAR-10 binary version)"
  done
}

# work_dir KEEP NAME: sets WORK to the folder KEEP (a script's --keep or --out; created here, so it must not exist
# yet), or, with KEEP empty, to a new temporary folder NAME.XXXXXX that is deleted when the script exits.
work_dir() {
  if [[ -n "$1" ]]; then
    [[ ! -e "$1" ]] || die "$1: already exists"
    mkdir -p "$1"
    WORK=$(abs_dir "$1")
  else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
  fi
}

# copy_jar JAR COPY: copies the application jar, so that a rebuild of the tree during a run cannot change what runs,
# and checks that the copy is a whole cifar-sweep jar.
copy_jar() {
  cp "$1" "$2" || die "cannot copy $1"
  unzip -Z1 "$2" org/cifarsweep/cli/Main.class >/dev/null 2>&1 || die "$1 is incomplete; rebuild"
}

# snapshot_jar COPY: copies $CIFAR_SWEEP_JAR, or else the jar of a fresh build of the tree, to COPY (copy_jar).
snapshot_jar() {
  if [[ -n "${CIFAR_SWEEP_JAR:-}" ]]; then
    copy_jar "$CIFAR_SWEEP_JAR" "$1"
  else
    (cd "$ROOT" && mvn -q -B -DskipTests package)
    copy_jar "$ROOT/target/cifar-sweep.jar" "$1"
  fi
}

# analysis MODULE ARG...: runs bench/analysis/MODULE.py (standard-library Python) as python3 -m bench.analysis.MODULE.
analysis() {
  local module=$1
  shift
  PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" python3 -m "bench.analysis.$module" "$@"
}

# java_tree REV WORKDIR: prints the project tree whose submit.sh / target/ the Java side uses.
#   REV empty: the working tree $ROOT itself (submit.sh rebuilds it if the sources are newer than the jar, which
#              fails while someone's edit is half done).
#   REV given: `git archive REV` exported into WORKDIR/tree and built there offline (mvn -o package), so the
#              benchmark measures exactly that commit and never touches the working tree's target/ folder.
java_tree() {
  local rev=$1 work=$2
  if [[ -z "$rev" ]]; then
    echo "$ROOT"
    return
  fi
  local tree="$work/tree"
  mkdir -p "$tree"
  git -C "$ROOT" rev-parse --verify --quiet "$rev^{commit}" >/dev/null || die "--snapshot: '$rev' is not a commit"
  git -C "$ROOT" archive "$rev" | tar -x -C "$tree" || die "--snapshot: git archive $rev failed"
  echo "$(basename "$0"): building $rev ($(git -C "$ROOT" rev-parse --short "$rev")) in $tree ..." >&2
  if ! (cd "$tree" && mvn -q -B -o -DskipTests package >"$work/build.log" 2>&1); then
    # Offline fails only if a dependency is missing from ~/.m2; try once with the network.
    (cd "$tree" && mvn -q -B -DskipTests package >"$work/build.log" 2>&1) \
      || { tail -30 "$work/build.log" >&2; die "--snapshot: build of $rev failed (log above)"; }
  fi
  echo "$tree"
}
