#!/usr/bin/env bash
# A 100,000-task job on the local farm, through the CLI as an artist runs it (each command a fresh JVM).
#
# In a state folder of its own: the local pool is paused (pool resize local 0) so no task runs, then
# submit --frames 1-N (one task a frame), jobs, job show (page 1; a middle page; a page of one state),
# job cancel and job delete, each timed, with its peak RSS (/usr/bin/time, %M: the maximum resident set
# size -v reports). The watcher's side is measured by WatcherStateBench at the end: after N outputs, what
# one save writes, what the panel's look reads, against reading the journal of every landed file.
# Targets (issue 18): each command at most 5 s; job show's memory bounded (one page, not every task).
#
# Usage: bench/local_100k.sh [N]     (N: tasks, default 100000)
set -euo pipefail
n="${1:-100000}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: tasks, a positive integer; default 100000)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/batchrender" --version >/dev/null   # builds the jar first when needed, outside the timings
work="$(mktemp -d)"
cleanup() {
  BATCHRENDER_HOME="$work/state" "$root/batchrender" agent --stop >/dev/null 2>&1 || true
  rm -rf "$work" "${java_main_cp_file:-}"
}
trap cleanup EXIT
export BATCHRENDER_HOME="$work/state"

# run NAME ARGS...: times one command; prints NAME, seconds, peak RSS in MB, output lines
run() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$root/batchrender" "$@" >"$work/out" 2>"$work/err" || {
    echo "error: batchrender $* failed:" >&2; cat "$work/err" >&2; exit 1; }
  read -r secs kb <"$work/time"
  printf '%-34s %6.2f s %6d MB  %8d lines out\n' "$name" "$secs" "$((kb / 1024))" "$(wc -l <"$work/out")"
}

echo "local farm, $n tasks, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "pool resize local 0" pool resize local 0
run "submit ($n tasks)" submit --command true --frames "1-$n" --json
job="$(sed -n 's/.*"jobId": *"\([^"]*\)".*/\1/p' "$work/out" | head -1)"
run "jobs" jobs
run "job show (page 1)" job show "$job"
run "job show --page $(( n / 200 )) (middle)" job show "$job" --page "$(( n / 200 > 0 ? n / 200 : 1 ))"
run "job show --state active --page 2" job show "$job" --state active --page 2
run "job show --json --page-size 1000" job show "$job" --json --page-size 1000
run "job cancel" job cancel "$job"
run "job show --state failed (cancelled)" job show "$job" --state failed --page "$(( n / 200 > 0 ? n / 200 : 1 ))"
run "job delete" job delete "$job"

# the watcher's side: its files after N outputs (no JVM start in these timings)
. "$root/bench/java_main.sh"
java_main_setup
trap cleanup EXIT    # java_main_setup set its own
java_main io.batchrender.watch.WatcherStateBench "$n"
