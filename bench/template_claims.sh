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
. "$root/bench/java_main.sh"
java_main_setup
java_main io.batchrender.farm.local.TemplateClaimsBench "$n"
