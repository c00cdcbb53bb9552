#!/usr/bin/env bash
# Local farm overhead benchmark.
#
# N tasks of `sleep 0.05` (default N=500) on 2 slots through the local farm, timed from just
# before `batchrender submit ... --wait` to its exit (agent start included), against
# `xargs -P2` running the same N commands, in one run. Prints both times and the ratio.
# Target: at most 1.15x.
#
# Usage: bench/local_farm_overhead.sh [N]
#   BENCH_DETAIL=1  also print where the farm's time went (from the job's task times).
#
# Exits 0 whatever the ratio (it is a measurement); non-zero when the farm run failed.
set -euo pipefail

n="${1:-500}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: number of tasks, a positive integer; default 500)" >&2
  exit 2
fi
slots=2
task_seconds=0.05
target=1.15

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
br="$root/batchrender"

for tool in python3 xargs seq sleep; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed" >&2; exit 2; }
done

# Build the jar first (with the default home untouched) so the build is not timed.
"$br" --version >/dev/null

home="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-bench.XXXXXX")"
export BATCHRENDER_HOME="$home"
# Safety net should the stop below not happen: a leftover agent exits on its own.
export BATCHRENDER_AGENT_IDLE_SECONDS="${BATCHRENDER_AGENT_IDLE_SECONDS:-60}"

# The agent of this run: the pid in the lock file, if that process is still an agent for $home.
bench_agent_pid() {
  local pid
  pid="$(tr -dc '0-9' <"$home/agent.lock" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/environ" ]; then
    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -xF "BATCHRENDER_HOME=$home" >/dev/null || return 1
  else
    ps -o args= -p "$pid" | grep -E -- 'agent --foreground|cli.AgentMain' >/dev/null || return 1
  fi
  echo "$pid"
}

cleanup() {
  # The CLI's stop, then by pid should that fail (e.g. the sources changed and the rebuild fails).
  "$br" agent --stop >/dev/null 2>&1 || true
  local pid i
  if pid="$(bench_agent_pid)"; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 2 slots, set before the agent exists (resize needs no agent and starts none with no work).
"$br" pool resize local "$slots" >/dev/null 2>&1
if [ "$("$br" agent --status 2>/dev/null)" != "not running" ]; then
  echo "error: an agent is running for the fresh state folder $home before timing" >&2
  exit 1
fi

# ---- the local farm ---------------------------------------------------------------------
submit_out="$home/submit.out"
submit_err="$home/submit.err"
farm_start=$EPOCHREALTIME
set +e
"$br" submit --command "sleep $task_seconds" --frames "1-$n" --wait >"$submit_out" 2>"$submit_err"
rc=$?
set -e
farm_end=$EPOCHREALTIME

if [ "$rc" -ne 0 ]; then
  echo "error: the farm run failed (submit exit $rc):" >&2
  tail -n 20 "$submit_err" >&2
  exit 1
fi
if grep -q '^Building batchrender' "$submit_err"; then
  echo "error: the sources changed after the first build, so the timed submit rebuilt the jar: run again" >&2
  exit 1
fi
job_id="$(tr -d '[:space:]' <"$submit_out")"
if [ -z "$job_id" ]; then
  echo "error: submit printed no job id" >&2
  exit 1
fi

job_json="$home/job.json"
"$br" job show "$job_id" --json >"$job_json"
if ! python3 - "$job_json" "$n" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
tasks = job.get("tasks", [])
bad = [t.get("id") for t in tasks if t.get("state") != "completed" or t.get("result") != "success"]
if len(tasks) != n or bad:
    print(f"error: the job has {len(tasks)} task(s) (expected {n}); not completed with success: "
          f"{len(bad)} {bad[:10]}", file=sys.stderr)
    sys.exit(1)
PY
then
  exit 1
fi

# ---- the baseline -------------------------------------------------------------------------
xargs_start=$EPOCHREALTIME
seq "$n" | xargs -P"$slots" -I{} sleep "$task_seconds"
xargs_end=$EPOCHREALTIME

# ---- report -------------------------------------------------------------------------------
python3 - "$farm_start" "$farm_end" "$xargs_start" "$xargs_end" "$target" <<'PY'
import sys
fs, fe, xs, xe, target = (float(a) for a in sys.argv[1:6])
farm, xargs = fe - fs, xe - xs
print(f"local farm: {farm:.2f} s  xargs -P2: {xargs:.2f} s  ratio: {farm / xargs:.2f}x (target <= {target:.2f}x)")
PY

if [ "${BENCH_DETAIL:-0}" = "1" ]; then
  python3 - "$job_json" "$farm_start" "$farm_end" "$task_seconds" "$slots" "$home/logs/agent.log" <<'PY'
import json, sys, re
from datetime import datetime
job = json.load(open(sys.argv[1]))
fs, fe, task_s = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
slots = int(sys.argv[5])
ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
tasks = job["tasks"]
starts = sorted(ts(t["startTime"]) for t in tasks)
ends = sorted(ts(t["endTime"]) for t in tasks)
durs = [ts(t["endTime"]) - ts(t["startTime"]) for t in tasks]
created = ts(job["creationTime"])
agent_up = None
try:
    m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) .*agent \d+ started", open(sys.argv[6]).readline())
    if m:
        agent_up = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()  # local time
except OSError:
    pass
n = len(tasks)
span = ends[-1] - starts[0]
idle = slots * span - sum(durs)  # slot time with no task recorded running
ms = lambda s: f"{s * 1000:.0f} ms"
print("farm breakdown:")
print(f"  submit -> job in database (CLI JVM start, DB open): {ms(created - fs)}")
if agent_up is not None:
    print(f"  job in database -> agent started (agent JVM start):  {ms(agent_up - created)}")
    print(f"  agent started -> first task start:                  {ms(starts[0] - agent_up)}")
else:
    print(f"  job in database -> first task start (agent start):   {ms(starts[0] - created)}")
print(f"  first task start -> last task end:                  {ms(span)}"
      f"  (ideal {ms(n * task_s / slots)})")
print(f"    task start->end, mean {ms(sum(durs) / n)} for sleep {task_s} s"
      f" (+{ms(sum(durs) / n - task_s)} each)")
print(f"    slot idle between tasks: {ms(idle)} total, {idle / max(1, n - slots) * 1000:.1f} ms per hand-off")
print(f"  last task end -> submit exit (--wait poll, exit):   {ms(fe - ends[-1])}")
PY
fi
