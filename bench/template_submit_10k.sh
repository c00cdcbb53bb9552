#!/usr/bin/env bash
# Template submit benchmark (Azure).
#
# The Batch Explorer Maya/Arnold job template swept over N frames (default 10,000; four outputs
# per task to a file group in Azurite), onto the Batch test double (a pool with no nodes), each
# run in its own cold JVM. Baseline: the least that sending these very bodies takes (the output
# container and its SAS, the bodies read into the SDK's models unchecked, job add, task
# collections, patch).
# Ours: AzureTemplateJobs.submit (retired-feature and field-by-field checks, file groups checked
# and created, SAS URLs, pool check, job add, task collections, patch).
# Prints both times and the ratio (ours / baseline). Needs Azurite (scripts/ensure-deps.sh azurite).
#
# Usage: bench/template_submit_10k.sh [N]
set -euo pipefail
n="${1:-10000}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: frames, a positive integer; default 10000)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/bench/java_main.sh"
java_main_setup
run() {
  java_main io.batchrender.farm.azure.TemplateSubmit10kBench "$1" "$n"
}
base_out="$(run baseline)"; echo "$base_out" | grep -v '^SECONDS'
ours_out="$(run template)"; echo "$ours_out" | grep -v '^SECONDS'
b="$(echo "$base_out" | awk '/^SECONDS/ {print $2}')"
o="$(echo "$ours_out" | awk '/^SECONDS/ {print $2}')"
awk -v b="$b" -v o="$o" 'BEGIN { printf "baseline %.2f s, template %.2f s, ratio %.2f (load %s)\n", b, o, o / b, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
