#!/usr/bin/env bash
# Download the official CIFAR-10 binary version, check its md5 and unpack it.
#
#   data/get-cifar10.sh [folder]     (default: data/cifar-10-batches-bin next to this script)
#
# The folder ends up holding data_batch_1..5.bin, test_batch.bin, batches.meta.txt (and the readme.html
# that ships with the tarball), i.e. exactly what the loader (CifarLoader) expects.
# CIFAR10_URL overrides the download address (a mirror, or a file:// URL to a local copy).
set -euo pipefail

URL="${CIFAR10_URL:-https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz}"
MD5="c32a1d4ab5d03f1284b67883e8d87530"
FILES=(data_batch_1.bin data_batch_2.bin data_batch_3.bin data_batch_4.bin data_batch_5.bin
       test_batch.bin batches.meta.txt)

die() { echo "get-cifar10: error: $*" >&2; exit 1; }
say() { echo "get-cifar10: $*"; }

case "${1:-}" in
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ $# -le 1 ] || die "expected at most one argument (the target folder), got $#"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:-$script_dir/cifar-10-batches-bin}"

# Nothing to do if every file is already there (re-running is cheap and safe).
missing=0
for f in "${FILES[@]}"; do [ -s "$dest/$f" ] || missing=1; done
if [ "$missing" -eq 0 ]; then
  say "all CIFAR-10 files already present in $dest; nothing to do"
  exit 0
fi

md5_of() {
  if command -v md5sum >/dev/null 2>&1; then md5sum "$1" | cut -d' ' -f1
  elif command -v md5 >/dev/null 2>&1; then md5 -q "$1"          # macOS
  else die "neither md5sum nor md5 is installed; cannot verify the download"
  fi
}

mkdir -p "$dest" || die "cannot create folder $dest"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/cifar10.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
tarball="$tmp/cifar-10-binary.tar.gz"

say "downloading $URL (about 163 MB)"
if command -v curl >/dev/null 2>&1; then
  curl -fL --retry 3 -o "$tarball" "$URL" || die "download failed (curl); check your internet connection"
elif command -v wget >/dev/null 2>&1; then
  wget -O "$tarball" "$URL" || die "download failed (wget); check your internet connection"
else
  die "neither curl nor wget is installed"
fi

actual="$(md5_of "$tarball")"
[ "$actual" = "$MD5" ] || die "md5 mismatch for the download: got $actual, expected $MD5 (corrupt or changed file)"
say "md5 ok ($MD5)"

# The tarball holds one top-level folder, cifar-10-batches-bin/; strip it so the files land in $dest.
tar -xzf "$tarball" -C "$dest" --strip-components=1 || die "could not unpack $tarball into $dest"

for f in "${FILES[@]}"; do
  [ -s "$dest/$f" ] || die "unpacked archive lacks $f (in $dest)"
done
say "done: CIFAR-10 is in $dest"
