#!/usr/bin/env bash
# Azure submit benchmark.
#
# Submits an N-frame job (default 10,000: one task per frame) to the Batch test double through
# the Azure farm, from a cold JVM as 'batchrender submit --farm azure' would, and prints the time
# and the number of requests against the minimum (the pool check, the job add, one
# addtaskcollection per 100 tasks, the onAllTasksComplete patch, reading the job back).
# Targets: under 5 s, at most 110 requests.
#
# Usage: bench/submit_10k.sh [N]
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
java_main io.batchrender.farm.azure.Submit10kBench "$n"
