#!/usr/bin/env bash
# A page of a big Azure job's tasks (issue 18, part 2).
#
# Submits an N-task job (default 100,000) to the Batch test double on a pool with no nodes, starts
# 1,000 of its tasks (spread over the job), then, through a fresh farm each time as a CLI command or
# the panel's first look has it: page 1 of 100 running tasks, pages 1 and 2, and a page in the
# middle of the job. "before" pages the job's whole listing on this machine (what a page cost
# before); "after" asks Batch for the page ($filter on state, maxresults, nextLink; counts from Get
# Task Counts). Prints requests, time (median of 3) and the heap the farm keeps after the look.
#
# Usage: bench/azure_task_page.sh [N]
set -euo pipefail
n="${1:-100000}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: tasks, a positive integer; default 100000)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/bench/java_main.sh"
java_main_setup
java_main -Xmx2g io.batchrender.farm.azure.TaskPage100kBench "$n"
