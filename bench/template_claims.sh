#!/usr/bin/env bash
# Template job scheduling benchmark (the local farm's job database).
#
# A template job of N tasks plus a merge task depending on all of them (dependsOn.taskIdRanges),
# each task claimed and finished as the agent does, against a scene job of N tasks in the same
# database, in one run (default N=5000). Prints both times and the ratio.
# Target: at most 1.5x the scene job (dependencies and job preparation checks included).
#
# Usage: bench/template_claims.sh [N]
set -euo pipefail

n="${1:-5000}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: number of tasks, a positive integer; default 5000)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -o -q -pl java-core test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -pl java-core dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -cp "java-core/target/test-classes:java-core/target/classes:$(cat "$cp_file")" \
  io.batchrender.farm.local.TemplateClaimsBench "$n"
