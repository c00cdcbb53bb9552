#!/usr/bin/env bash
# Upload benchmark, against Azurite on loopback, in one run:
#   small: 2,000 files of 64 KB;  large: 4 files of 256 MB
# each uploaded by `batchrender upload --store azure` and by a baseline that uploads the same files
# one at a time with the Python azure-storage-blob client (what the Batch plug-in for Maya did);
# then a re-sync of 10,000 unchanged files by `batchrender upload`. Prints both times and the ratio.
# Every timed side starts against an empty Azurite of its own (the re-sync's two runs share one).
# Targets: >= 4x faster on the small files, not slower on the large ones, re-sync < 2 s.
# Then, for information, the small files again through bench/latency_proxy.py, which adds the round
# trip of a link to an Azure region (RTT_MS, default 20; 0 skips it): loopback has none, so there
# Azurite's own CPU, not the link, decides both times.
#
# Usage: bench/upload.sh
#   SMALL_COUNT (2000) SMALL_KB (64) LARGE_COUNT (4) LARGE_MB (256) RESYNC_COUNT (10000) RESYNC_KB (4)
#   override the sizes for a quick run, e.g. LARGE_MB=32 SMALL_COUNT=500 bench/upload.sh
# Times are wall clock of the whole command (JVM start included for batchrender, interpreter
# start included for the baseline). Exits 0 whatever the ratios; non-zero when a run failed.
set -euo pipefail

small_count="${SMALL_COUNT:-2000}"
small_kb="${SMALL_KB:-64}"
large_count="${LARGE_COUNT:-4}"
large_mb="${LARGE_MB:-256}"
resync_count="${RESYNC_COUNT:-10000}"
resync_kb="${RESYNC_KB:-4}"
rtt_ms="${RTT_MS:-20}"
[[ "$rtt_ms" =~ ^[0-9]+$ ]] || { echo "error: RTT_MS must be a whole number of milliseconds (got '$rtt_ms')" >&2; exit 2; }
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

echo "Small files: $small_count x $small_kb KB" >&2
fresh_azurite
base_small=$(timed "$root/.venv/bin/python" "$here/upload_baseline.py" "$conn" baseline-small "$work/small")
fresh_azurite
ours_small=$(timed "$br" upload --store azure --project bench-small "$work/small" --json)
read -r up_small _ _ <<<"$(uploaded)"
echo "Large files: $large_count x $large_mb MB" >&2
fresh_azurite
base_large=$(timed "$root/.venv/bin/python" "$here/upload_baseline.py" "$conn" baseline-large "$work/large")
fresh_azurite
ours_large=$(timed "$br" upload --store azure --project bench-large "$work/large" --json)
read -r up_large _ _ <<<"$(uploaded)"
echo "Re-sync: $resync_count unchanged files of $resync_kb KB" >&2
fresh_azurite
first_resync=$(timed "$br" upload --store azure --project bench-resync "$work/resync" --json)
resync=$(timed "$br" upload --store azure --project bench-resync "$work/resync" --json)
read -r up_resync skipped_resync inner_resync <<<"$(uploaded)"

[ "$up_small" = "$small_count" ] || { echo "error: batchrender uploaded $up_small of $small_count small files" >&2; exit 1; }
[ "$up_large" = "$large_count" ] || { echo "error: batchrender uploaded $up_large of $large_count large files" >&2; exit 1; }
[ "$up_resync" = 0 ] && [ "$skipped_resync" = "$resync_count" ] || { echo "error: the re-sync sent $up_resync files" >&2; exit 1; }

if [ "$rtt_ms" != 0 ]; then
  echo "Small files through a ${rtt_ms} ms round trip" >&2
  proxy_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  python3 "$here/latency_proxy.py" "$proxy_port" "$port" "$rtt_ms" >"$work/proxy.out" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 100); do grep -q ready "$work/proxy.out" && break; sleep 0.1; done
  grep -q ready "$work/proxy.out" || { cat "$work/proxy.out" >&2; echo "error: the latency proxy did not start" >&2; exit 1; }
  far="${conn/127.0.0.1:$port/127.0.0.1:$proxy_port}"
  fresh_azurite
  base_far=$(timed "$root/.venv/bin/python" "$here/upload_baseline.py" "$far" baseline-far "$work/small")
  fresh_azurite
  ours_far=$(timed env AZURE_STORAGE_CONNECTION_STRING="$far" "$br" upload --store azure --project bench-far "$work/small" --json)
  read -r up_far _ _ <<<"$(uploaded)"
  [ "$up_far" = "$small_count" ] || { echo "error: batchrender uploaded $up_far of $small_count files through the proxy" >&2; exit 1; }
fi

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
printf '%-34s %12s %12s %8s %s\n' "" "baseline s" "batchrender s" "ratio" "target"
printf '%-34s %12s %12s %8s %s\n' "$small_count x $small_kb KB" "$base_small" "$ours_small" "$(ratio "$base_small" "$ours_small")x" ">= 4x"
printf '%-34s %12s %12s %8s %s\n' "$large_count x $large_mb MB" "$base_large" "$ours_large" "$(ratio "$base_large" "$ours_large")x" ">= 1x"
printf '%-34s %12s %12s %8s %s\n' "re-sync $resync_count unchanged" "-" "$resync" "" "< 2 s (sync itself ${inner_resync} s; first upload ${first_resync} s)"
if [ "$rtt_ms" != 0 ]; then
  printf '%-34s %12s %12s %8s %s\n' "$small_count x $small_kb KB, ${rtt_ms} ms RTT" "$base_far" "$ours_far" "$(ratio "$base_far" "$ours_far")x" "(information)"
fi
