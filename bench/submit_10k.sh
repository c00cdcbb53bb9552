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
echo "Building the test classes..." >&2
mvn -o -q -pl java-core test-compile >&2
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -pl java-core dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
java --add-opens java.base/java.util=ALL-UNNAMED -XX:+UseSerialGC \
  -cp "java-core/target/test-classes:java-core/target/classes:$(cat "$cp_file")" \
  io.batchrender.farm.azure.Submit10kBench "$n"
