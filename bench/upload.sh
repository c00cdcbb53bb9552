#!/usr/bin/env bash
# Upload benchmark: how much of a studio's link an upload uses. Azurite on loopback, reached through
# bench/latency_proxy.py, which adds the round trip to an Azure region (RTT_MS, default 30) and caps the
# upstream bandwidth shared by all connections (CAPS_MB, default "10 20 40", MB/s = 10^6 bytes a second).
# For each cap:
#   small: 1,000 files of 64 KB;  large: 2 files of 48 MB
# each uploaded by `batchrender upload --store azure` (the CLI: a JVM started for the command), through the
# running gateway as the Maya plug-in's Submit uploads (bench/upload_gateway.py: the JVM already up and warmed,
# timed from the call to its result in Python), and by a baseline that uploads the same files one at a time
# with the Python azure-storage-blob client (what the Batch plug-in for Maya did). Prints the link use =
# bytes / (wall-clock seconds x cap) of each and the CLI's ratio to the baseline (GATEWAY=0 leaves the gateway out).
# Targets (issue 18): at 20 MB/s >= 80% (small) and >= 90% (large); at 10 MB/s >= 85% for both.
# Before that, bench/link_check.py pushes plain sockets through the proxy uncapped, to show that the
# proxy itself is not the ceiling; after, a re-sync of 10,000 unchanged files on loopback (target < 2 s).
# Beside both, the ceiling of this machine's link to this Azurite (bench/upload_ceiling.py): the same files as
# plain Blob REST requests on 32 connections, no SDK and nothing read while timed, the least any client could
# cost; its link use is the most a client can reach here (CEILING=0 leaves it out).
# Every timed side starts against an empty Azurite of its own (the re-sync's two runs share one).
#
# Usage: bench/upload.sh
#   SMALL_COUNT (1000) SMALL_KB (64) LARGE_COUNT (2) LARGE_MB (48) RESYNC_COUNT (10000) RESYNC_KB (4)
#   RTT_MS (30) CAPS_MB ("10 20 40") override them, e.g. CAPS_MB=20 SMALL_COUNT=300 bench/upload.sh
# Times are wall clock of the whole command (JVM start included for batchrender, interpreter
# start included for the baseline). Exits 0 whatever the figures; non-zero when a run failed.
set -euo pipefail

small_count="${SMALL_COUNT:-1000}"
small_kb="${SMALL_KB:-64}"
large_count="${LARGE_COUNT:-2}"
large_mb="${LARGE_MB:-48}"
resync_count="${RESYNC_COUNT:-10000}"
resync_kb="${RESYNC_KB:-4}"
rtt_ms="${RTT_MS:-30}"
caps="${CAPS_MB:-10 20 40}"
[[ "$rtt_ms" =~ ^[0-9]+$ ]] || { echo "error: RTT_MS must be a whole number of milliseconds (got '$rtt_ms')" >&2; exit 2; }
for c in $caps; do
  [[ "$c" =~ ^[1-9][0-9]*$ ]] || { echo "error: CAPS_MB must be whole MB/s above 0, e.g. \"10 20 40\" (got '$c')" >&2; exit 2; }
done
for v in "$small_count" "$small_kb" "$large_count" "$large_mb" "$resync_count" "$resync_kb"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "error: sizes must be positive integers (got '$v')" >&2; exit 2; }
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
br="$root/batchrender"

"$root/scripts/ensure-deps.sh" java maven python azurite
if [ ! -x "$root/.venv/bin/python" ]; then
  python3 -m venv "$root/.venv"
fi
"$root/.venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/requirements.txt"
"$br" --version >/dev/null   # build the jar now, so the build is not timed

work="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-upload-bench.XXXXXX")"
azurite_pid=""
proxy_pid=""
cleanup() {
  if [ -n "$proxy_pid" ]; then
    kill -TERM "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
  if [ -n "$azurite_pid" ]; then
    kill -TERM "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
# An empty Azurite for every timed side: Azurite slows down as blobs accumulate, so whichever side ran second
# against one shared instance would be charged for the other's blobs.
instance=0
fresh_azurite() {
  if [ -n "$azurite_pid" ]; then
    kill -TERM "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
    rm -rf "$work/azurite$instance"
  fi
  instance=$((instance + 1))
  "$root/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$work/azurite$instance" \
    --skipApiVersionCheck --silent --disableTelemetry >"$work/azurite.log" 2>&1 &
  azurite_pid=$!
  python3 - "$port" <<'PY' || { cat "$work/azurite.log" >&2; echo "error: Azurite did not start" >&2; exit 1; }
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"

echo "Making the files in $work ..." >&2
python3 - "$work" "$small_count" "$small_kb" "$large_count" "$large_mb" "$resync_count" "$resync_kb" <<'PY'
import os, sys
work, sc, skb, lc, lmb, rc, rkb = sys.argv[1], *map(int, sys.argv[2:])
def tree(top, count, size):
    for i in range(count):
        d = os.path.join(top, "d%02d" % (i % 50))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
            f.write(os.urandom(size))
tree(os.path.join(work, "small"), sc, skb * 1024)
os.makedirs(os.path.join(work, "large"), exist_ok=True)
for i in range(lc):
    with open(os.path.join(work, "large", "cache%d.abc" % i), "wb") as f:
        for _ in range(lmb):
            f.write(os.urandom(1 << 20))
tree(os.path.join(work, "resync"), rc, rkb * 1024)
PY
cat "$work"/large/* "$work"/small/*/* >/dev/null   # same warm page cache for both sides

export BATCHRENDER_HOME="$work/home"
export AZURE_STORAGE_CONNECTION_STRING="$conn"

# seconds of wall clock a command takes
timed() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$work/last.out" 2>"$work/last.err" || { cat "$work/last.err" >&2; echo "error: $* failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}
uploaded() {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["uploaded"], j["skipped"], j["seconds"])' "$work/last.out"
}

echo "Re-sync: $resync_count unchanged files of $resync_kb KB (loopback)" >&2
fresh_azurite
first_resync=$(timed "$br" upload --store azure --project bench-resync "$work/resync" --json)
resync=$(timed "$br" upload --store azure --project bench-resync "$work/resync" --json)
read -r up_resync skipped_resync inner_resync <<<"$(uploaded)"
[ "$up_resync" = 0 ] && [ "$skipped_resync" = "$resync_count" ] || { echo "error: the re-sync sent $up_resync files" >&2; exit 1; }

echo "The proxy's own ceiling: plain sockets through it, ${rtt_ms} ms, no cap" >&2
proxy_ceiling=$(python3 "$here/link_check.py" "$rtt_ms" 0 8 200)
max_cap=0
for c in $caps; do [ "$c" -gt "$max_cap" ] && max_cap=$c; done
python3 -c "import sys; sys.exit(0 if $proxy_ceiling >= 2 * $max_cap else 1)" \
  || { echo "error: the proxy moves only $proxy_ceiling MB/s here, under twice the $max_cap MB/s cap: it would be the ceiling" >&2; exit 1; }

small_bytes=$((small_count * small_kb * 1024))
large_bytes=$((large_count * large_mb * 1024 * 1024))
use() { python3 -c "print(f'{100 * $1 / ($2 * $3 * 1e6):.0f}%')"; }   # bytes seconds cap_mb
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
proxy_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
far="${conn/127.0.0.1:$port/127.0.0.1:$proxy_port}"
rows=()
ceiling="${CEILING:-1}"
gateway="${GATEWAY:-1}"
for cap in $caps; do
  python3 "$here/latency_proxy.py" "$proxy_port" "$port" "$rtt_ms" "$cap" >"$work/proxy.out" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 100); do grep -q ready "$work/proxy.out" && break; sleep 0.1; done
  grep -q ready "$work/proxy.out" || { cat "$work/proxy.out" >&2; echo "error: the latency proxy did not start" >&2; exit 1; }
  for set in small large; do
    if [ "$set" = small ]; then count=$small_count; bytes=$small_bytes; label="$small_count x $small_kb KB"
    else count=$large_count; bytes=$large_bytes; label="$large_count x $large_mb MB"; fi
    echo "$cap MB/s, ${rtt_ms} ms: $label" >&2
    fresh_azurite
    base=$(timed "$root/.venv/bin/python" "$here/upload_baseline.py" "$far" "baseline-$set" "$work/$set")
    fresh_azurite
    ours=$(timed env AZURE_STORAGE_CONNECTION_STRING="$far" "$br" upload --store azure --project "bench-$set" "$work/$set" --json)
    read -r up _ inner <<<"$(uploaded)"
    [ "$up" = "$count" ] || { echo "error: batchrender uploaded $up of $count files at $cap MB/s" >&2; exit 1; }
    plugin="-"
    if [ "$gateway" = 1 ]; then
      fresh_azurite
      timed env AZURE_STORAGE_CONNECTION_STRING="$far" "$root/.venv/bin/python" "$here/upload_gateway.py" "bench-gw-$set" "$work/$set" >/dev/null
      read -r gw_s gw_up <"$work/last.out"
      [ "$gw_up" = "$count" ] || { echo "error: the gateway uploaded $gw_up of $count files at $cap MB/s" >&2; exit 1; }
      plugin="${gw_s} s: $(use "$bytes" "$gw_s" "$cap")"
    fi
    top="-"
    if [ "$ceiling" = 1 ]; then
      fresh_azurite
      timed "$root/.venv/bin/python" "$here/upload_ceiling.py" "$far" "ceiling-$set" "$work/$set" >/dev/null
      requests_s="$(cat "$work/last.out")"   # the requests alone, not the interpreter's start
      top="${requests_s} s: $(use "$bytes" "$requests_s" "$cap")"
    fi
    rows+=("$(printf '%-8s %-16s %10s %8s %12s %8s %8s %s' "$cap MB/s" "$label" "$base" "$(use "$bytes" "$base" "$cap")" \
      "$ours" "$(use "$bytes" "$ours" "$cap")" "$(ratio "$base" "$ours")x" "(sync itself ${inner} s: $(use "$bytes" "$inner" "$cap"); plug-in via the gateway ${plugin}; ceiling ${top})")")
  done
  kill -TERM "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  proxy_pid=""
done

echo "Link: ${rtt_ms} ms round trip, upstream capped and shared by all connections. The proxy alone moves ${proxy_ceiling} MB/s uncapped."
printf '%-8s %-16s %10s %8s %12s %8s %8s\n' "cap" "files" "baseline s" "use" "batchrender s" "use" "ratio"
for r in "${rows[@]}"; do echo "$r"; done
echo "Targets: 20 MB/s >= 80% small, >= 90% large; 10 MB/s >= 85% both."
printf 're-sync of %s unchanged files: %s s (target < 2 s; sync itself %s s; first upload %s s)\n' \
  "$resync_count" "$resync" "$inner_resync" "$first_resync"
