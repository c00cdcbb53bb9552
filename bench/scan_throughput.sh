#!/usr/bin/env bash
# Scan benchmarks (docs/performance.md), each with its baseline in the same run:
#
# 1. Throughput: a Maya ASCII scene of SIZE_MB (default 500) built by repeating the node blocks of a real test
#    scene (cube.ma from shared/testdata); `batchrender scan --json` with a 64 MB heap (the CLI's cold figure)
#    against `grep -c createNode` on the same file. Target (scan_throughput): at most 3x grep.
# 2. The plug-in's path: the first scan of that scene through the gateway (started as the plug-in starts it,
#    after its background warm-up), against the same grep. Target: at most 2x grep.
# 3. File nodes (issue 18): maya-usd's OpenPBRShowcase.ma with its node blocks repeated 8,250 times, renamed
#    (74,250 file nodes naming 3 textures, about 600 MB), against a cube.ma scene of the same size (a handful of
#    file nodes; and the showcase construction with its copies' file nodes written as checker nodes). All at
#    -Xmx64m, three rounds, the best of each. Target: at most 1.5x the baseline; 3 files listed.
# 4. Distinct files (issue 18): 200,000 UDIM tiles of an asset library (20,000 assets x 10 tiles, each tile its own
#    file node, the tiles created empty), at -Xmx64m. Target: it completes (no OutOfMemoryError), 200,000 found.
#
# Scenes are built in a temp folder (TMPDIR) and removed at the end: about 1.7 GB and 200,000 empty files.
# Usage: bench/scan_throughput.sh [SIZE_MB]     (SCAN_BENCH_ONLY=1,2,3,4 runs some of the parts)
set -euo pipefail

size_mb="${1:-500}"
only="${SCAN_BENCH_ONLY:-1,2,3,4}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
testdata="$root/../shared/testdata"
src="$testdata/maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma"
showcase="$testdata/maya/maya-usd/test/testSamples/MaterialX/OpenPBRShowcase.ma"
for f in "$src" "$showcase"; do
  [ -f "$f" ] || { echo "error: $f is missing: run from a checkout with shared/ beside it" >&2; exit 2; }
done
python="$root/.venv/bin/python"
[ -x "$python" ] || python=python3

"$root/batchrender" --version >/dev/null   # build first, untimed
# shellcheck source=java_main.sh
. "$here/java_main.sh"
java_main_setup

work="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-scan-bench.XXXXXX")"
trap 'rm -rf "$work" "$java_main_cp_file"' EXIT
wants() { [[ ",$only," == *",$1,"* ]]; }

# cube_scene BYTES OUT: cube.ma's header, its node blocks repeated to at least BYTES, its tail
cube_scene() {
  local bytes=$1 out=$2 first last
  first=$(grep -n -m1 '^createNode' "$src" | cut -d: -f1)
  last=$(grep -n -m1 '^select -ne' "$src" | cut -d: -f1)
  head -n $((first - 1)) "$src" > "$work/head"
  sed -n "${first},$((last - 1))p" "$src" > "$work/body"
  tail -n +"$last" "$src" > "$work/tail"
  for _ in $(seq 64); do cat "$work/body"; done > "$work/body1m"
  while [ "$(stat -c %s "$work/body1m")" -lt 1000000 ]; do cat "$work/body1m" "$work/body1m" > "$work/b2"; mv "$work/b2" "$work/body1m"; done
  local copies=$(( (bytes - $(stat -c %s "$work/head") - $(stat -c %s "$work/tail")) / $(stat -c %s "$work/body1m") + 1 ))
  { cat "$work/head"; for _ in $(seq "$copies"); do cat "$work/body1m"; done; cat "$work/tail"; } > "$out"
}

# timed SECONDS_VAR CMD...: runs CMD (stdout to $work/out), puts its wall time in SECONDS_VAR; fails loudly
timed() {
  local var=$1 t0 t1; shift
  t0=$EPOCHREALTIME
  if ! "$@" > "$work/out" 2> "$work/err"; then
    echo "FAILED: $*" >&2; tail -5 "$work/err" >&2; exit 1
  fi
  t1=$EPOCHREALTIME
  printf -v "$var" '%s' "$(python3 -c "print(f'{$t1 - $t0:.2f}')")"
}
scan64() { BATCHRENDER_HOME="$work/state" BATCHRENDER_JAVA_OPTS="-Xmx64m" "$root/batchrender" scan "$@" --json; }
files_in() { python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(len(m['assets']), sum(a['nodeCount'] for a in m['assets']), sum(a['status']=='found' for a in m['assets']))" "$1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

if wants 1 || wants 2; then
  scene="$work/big.ma"
  cube_scene $((size_mb * 1024 * 1024)) "$scene"
  echo "scene: $(( $(stat -c %s "$scene") / 1024 / 1024 )) MB, $(grep -c '^createNode' "$scene") createNode statements" >&2
  cat "$scene" > /dev/null   # page cache: both sides read from memory
  timed grep_s grep -c createNode "$scene"   # to a file, not /dev/null: GNU grep then stops at the first match
  if wants 1; then
    timed scan_s scan64 "$scene"
    echo "1 throughput:   batchrender scan (-Xmx64m, cold CLI): ${scan_s} s  grep -c createNode: ${grep_s} s  ratio: $(ratio "$scan_s" "$grep_s")x (target <= 3x)"
  fi
  if wants 2; then
    gw="$("$python" "$here/scan_gateway.py" "$scene")"
    gw_s="$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['first_scan_s'])" "$gw")"
    gw_cold="$("$python" "$here/scan_gateway.py" "$scene" --cold)"
    gw_cold_s="$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['first_scan_s'])" "$gw_cold")"
    echo "2 plug-in path: first scan through the gateway after its warm-up: ${gw_s} s  grep: ${grep_s} s  ratio: $(ratio "$gw_s" "$grep_s")x (target <= 2x)  [$gw]"
    echo "                without waiting for the warm-up: ${gw_cold_s} s ($(ratio "$gw_cold_s" "$grep_s")x); the CLI, cold: ${scan_s:-not run} s"
  fi
  rm -f "$scene"
fi

if wants 3; then
  heavy="$work/showcase.ma"
  java_main io.batchrender.scene.FileNodeScenes showcase "$showcase" "$heavy" 8250 > /dev/null
  light="$work/cube-same-size.ma"
  cube_scene "$(stat -c %s "$heavy")" "$light"
  checker="$work/showcase-checker.ma"
  java_main io.batchrender.scene.FileNodeScenes showcase-few-file-nodes "$showcase" "$checker" 8250 > /dev/null
  for f in "$heavy" "$light" "$checker"; do
    echo "  $(basename "$f"): $(( $(stat -c %s "$f") / 1024 / 1024 )) MB, $(grep -c '^createNode ' "$f") nodes, $(grep -c '^createNode file ' "$f") file nodes" >&2
  done
  cat "$heavy" "$light" "$checker" > /dev/null
  # three rounds, the scenes in turn, the best of each: on a shared machine a burst of other work then
  # lands on one round, not on one scene
  light_s=999; checker_s=999; heavy_s=999
  for round in 1 2 3; do
    timed t scan64 "$light"; light_s=$(python3 -c "print(min($light_s, $t))"); l[$round]=$t
    timed t scan64 "$checker"; checker_s=$(python3 -c "print(min($checker_s, $t))"); c[$round]=$t
    timed t scan64 "$heavy"; heavy_s=$(python3 -c "print(min($heavy_s, $t))"); h[$round]=$t
  done
  read -r n nodes _found < <(files_in "$work/out")
  echo "3 file nodes:   rounds (s): file nodes ${h[*]}; cube.ma's blocks ${l[*]}; showcase with checker nodes ${c[*]}" >&2
  echo "3 file nodes:   74,250-file-node scene (-Xmx64m, best of 3): ${heavy_s} s  [$n files named by $nodes nodes]"
  echo "                same size, few file nodes: cube.ma's blocks ${light_s} s, ratio $(ratio "$heavy_s" "$light_s")x (target <= 1.5x);" \
       "the showcase's blocks with its file nodes as checker nodes ${checker_s} s, ratio $(ratio "$heavy_s" "$checker_s")x"
  rm -f "$heavy" "$light" "$checker"
fi

if wants 4; then
  t0=$EPOCHREALTIME
  lib="$(java_main io.batchrender.scene.FileNodeScenes library "$showcase" "$work/lib" 20000 10)"
  made="$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.0f}')")"
  timed lib_s scan64 "$lib"
  read -r n nodes found < <(files_in "$work/out")
  echo "4 distinct:     200,000 UDIM tiles (-Xmx64m): ${lib_s} s  [$n files, $found found; $(( $(stat -c %s "$lib") / 1024 / 1024 )) MB scene and its tiles made in ${made} s]"
fi
