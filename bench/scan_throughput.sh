#!/usr/bin/env bash
# Scan throughput benchmark.
#
# Builds a Maya ASCII scene of at least SIZE_MB (default 500) by repeating the node blocks of a
# real test scene (cube.ma from shared/testdata), then times `batchrender scan` on it with a
# 64 MB heap against `grep -c createNode` on the same file, in one run, and prints the ratio.
# Target: at most 3x grep's time.
#
# Usage: bench/scan_throughput.sh [SIZE_MB]
set -euo pipefail

size_mb="${1:-500}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
src="$root/../shared/testdata/maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma"
[ -f "$src" ] || { echo "error: $src is missing: run from a checkout with shared/ beside it" >&2; exit 2; }

"$root/batchrender" --version >/dev/null   # build first, untimed

work="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-scan-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
scene="$work/big.ma"

# header: everything before the first createNode; body: from the first createNode up to the
# first 'select -ne' (the node blocks); tail: the rest (render globals, connections)
first=$(grep -n -m1 '^createNode' "$src" | cut -d: -f1)
last=$(grep -n -m1 '^select -ne' "$src" | cut -d: -f1)
head -n $((first - 1)) "$src" > "$work/head"
sed -n "${first},$((last - 1))p" "$src" > "$work/body"
tail -n +"$last" "$src" > "$work/tail"
# a body of about 1 MB, then as many copies as it takes
for _ in $(seq 64); do cat "$work/body"; done > "$work/body1m"
while [ "$(stat -c %s "$work/body1m")" -lt 1000000 ]; do cat "$work/body1m" "$work/body1m" > "$work/b2"; mv "$work/b2" "$work/body1m"; done
body_bytes=$(stat -c %s "$work/body1m")
copies=$(( size_mb * 1024 * 1024 / body_bytes + 1 ))
{
  cat "$work/head"
  for _ in $(seq "$copies"); do cat "$work/body1m"; done
  cat "$work/tail"
} > "$scene"
bytes=$(stat -c %s "$scene")
echo "scene: $((bytes / 1024 / 1024)) MB, $(grep -c '^createNode' "$scene") createNode statements" >&2

# warm the page cache so both sides read from memory
cat "$scene" > /dev/null

t0=$EPOCHREALTIME
grep -c createNode "$scene" > "$work/grep.count"   # not /dev/null: GNU grep then stops at the first match
t1=$EPOCHREALTIME
BATCHRENDER_HOME="$work/state" BATCHRENDER_JAVA_OPTS="-Xmx64m" \
  "$root/batchrender" scan "$scene" --json > "$work/manifest.json"
t2=$EPOCHREALTIME

python3 - "$t0" "$t1" "$t2" "$work/manifest.json" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
m = json.load(open(sys.argv[4]))
grep, scan = t1 - t0, t2 - t1
print(f"batchrender scan (-Xmx64m): {scan:.2f} s  grep -c createNode: {grep:.2f} s  "
      f"ratio: {scan / grep:.2f}x (target <= 3x)  [{len(m['assets'])} asset references]")
PY
