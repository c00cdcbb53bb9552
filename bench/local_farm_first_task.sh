#!/usr/bin/env bash
# The local farm's fixed cost: time from calling `batchrender submit` to the start of the job's first task.
#
# Each repeat submits `--command "/bin/sh -c 'date +%s.%N > FILE'" --frames 1` (task command lines run without
# a shell, as on Batch) and takes the time the task's process wrote
# minus the time just before `submit` was called; twice: with the agent stopped before the submit (cold: the
# submitting JVM and the agent's JVM both start) and with the agent already running (warm). The same is done
# with the baseline, the project as it was before the start-up work (BENCH_BASELINE_REV, built once from git
# into a cache folder), interleaved with this checkout run by run (A/B/A/B), so load from other processes hits
# both alike. Prints the median, the 90th percentile and the worst of each.
#
# The plug-in's path is timed in the same loop (bench/local_farm_first_task_gateway.py): the artist clicks Submit
# in Maya's panel, which calls `Client.submit` through the gateway the plug-in started when it loaded (no JVM
# starts at the click). Each repeat is one session: a new gateway, settled, then a submit with the agent stopped
# (gw-cold: the session's first submit), one with it running (gw-warm), and a second pair (gw-cold-again,
# gw-warm-again), each timed from the call to the task's start with the same marker.
#
# Targets (issue 18, section 4): cold at most 0.5 s, warm at most 0.25 s. The floor is printed too: a bare
# `java -version` and `batchrender --version` (the launcher, one JVM start, no work), timed in the same loop.
#
# Usage: bench/local_farm_first_task.sh [N]     N repeats of each (default 10)
#   BENCH_BASELINE_REV   the baselines' git revisions, space-separated (default d157cf3, main before the start-up
#                        work; e.g. "d157cf3 9a87a81" adds main before the gateway work); none: this checkout alone
#   BENCH_GATEWAY=0      leaves the gateway's path out
#   BENCH_JAVA_HOME_B    when set, a third variant: this checkout run on that JDK (e.g. a JDK 25)
#
# Exits 0 whatever the figures (it is a measurement); non-zero when a run failed.
set -euo pipefail

n="${1:-10}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: repeats, a positive integer; default 10)" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rev="${BENCH_BASELINE_REV:-d157cf3}"

python="$root/.venv/bin/python"   # the gateway's client needs py4j
[ -x "$python" ] || python=python3
gateway="${BENCH_GATEWAY:-1}"
for tool in python3 git tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-first-task.XXXXXX")"
# variants: name, launcher, JAVA_HOME ('' = as found)
names=(new) launchers=("$root/batchrender") javas=("${JAVA_HOME:-}")
if [ "$rev" != "none" ]; then
  for one in $rev; do
    full="$(git -C "$root" rev-parse --verify --quiet "$one^{commit}")" \
      || { echo "error: no git revision $one in $root: set BENCH_BASELINE_REV to one, or to none" >&2; exit 2; }
    base="${TMPDIR:-/tmp}/batchrender-baseline-${full:0:12}"
    if [ ! -x "$base/batchrender" ]; then
      rm -rf "$base.tmp" && mkdir -p "$base.tmp"
      git -C "$root" archive "$full" | tar -x -C "$base.tmp"
      mv "$base.tmp" "$base"
    fi
    names+=("baseline-$one") launchers+=("$base/batchrender") javas+=("${JAVA_HOME:-}")
  done
fi
if [ -n "${BENCH_JAVA_HOME_B:-}" ]; then
  names+=("new-on-$(basename "$BENCH_JAVA_HOME_B")") launchers+=("$root/batchrender") javas+=("$BENCH_JAVA_HOME_B")
fi

run_br() { # variant-index args...
  local i="$1"; shift
  if [ -n "${javas[$i]}" ]; then
    JAVA_HOME="${javas[$i]}" BATCHRENDER_HOME="$work/home-$i" "${launchers[$i]}" "$@"
  else
    BATCHRENDER_HOME="$work/home-$i" "${launchers[$i]}" "$@"
  fi
}

cleanup() {
  local i
  for i in "${!names[@]}"; do run_br "$i" agent --stop >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# build every variant (and its class archive) before timing; the agent stays up between warm runs
export BATCHRENDER_AGENT_IDLE_SECONDS=120
for i in "${!names[@]}"; do
  mkdir -p "$work/home-$i"
  run_br "$i" --version >/dev/null
  run_br "$i" pool resize local 2 >/dev/null 2>&1
done

# one submit: prints the seconds from the call to the task's start, and from the call to submit's exit
measure() { # variant-index label
  local i="$1" label="$2" file="$work/stamp" t0 t1 k
  rm -f "$file"
  t0=$EPOCHREALTIME
  run_br "$i" submit --command "/bin/sh -c 'date +%s.%N > $file'" --frames 1 >/dev/null 2>"$work/err" \
    || { echo "error: ${names[$i]} submit failed:" >&2; cat "$work/err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  for k in $(seq 300); do [ -s "$file" ] && break; sleep 0.02; done
  [ -s "$file" ] || { echo "error: ${names[$i]}: the task did not start within 6 s" >&2; exit 1; }
  sleep 0.01 # the task's write is a line; let it end
  echo "${names[$i]} $label $(python3 -c "import sys; s=float(open(sys.argv[1]).read()); print(f'{s-float(sys.argv[2]):.4f} {float(sys.argv[3])-float(sys.argv[2]):.4f}')" "$file" "$t0" "$t1")"
}

# the floor on this machine: one bare JVM start and exit, and the launcher's own `--version`
floor() {
  local t0 t1 t2
  t0=$EPOCHREALTIME
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xshare:auto -version 2>/dev/null
  t1=$EPOCHREALTIME
  BATCHRENDER_HOME="$work/home-0" "$root/batchrender" --version >/dev/null
  t2=$EPOCHREALTIME
  python3 -c "import sys; a,b,c=map(float,sys.argv[1:]); print(f'floor java-version {b-a:.4f} {b-a:.4f}'); print(f'floor batchrender--version {c-b:.4f} {c-b:.4f}')" "$t0" "$t1" "$t2"
}

results="$work/results"
for r in $(seq "$n"); do
  floor >>"$results"
  for i in "${!names[@]}"; do
    run_br "$i" agent --stop >/dev/null 2>&1 || true
    [ "$(run_br "$i" agent --status 2>/dev/null)" = "not running" ] \
      || { echo "error: ${names[$i]}: the agent did not stop" >&2; exit 1; }
    measure "$i" cold >>"$results"
    sleep 0.3 # let the agent finish the task
    measure "$i" warm >>"$results"
    sleep 0.3
    if [ "$gateway" != 0 ]; then
      if [ -n "${javas[$i]}" ]; then
        JAVA_HOME="${javas[$i]}" "$python" "$here/local_farm_first_task_gateway.py" "${names[$i]}" \
          "$(dirname "${launchers[$i]}")" "$work/home-$i" >>"$results" 2>"$work/err"
      else
        "$python" "$here/local_farm_first_task_gateway.py" "${names[$i]}" "$(dirname "${launchers[$i]}")" \
          "$work/home-$i" >>"$results" 2>"$work/err"
      fi || { echo "error: ${names[$i]}: the gateway's submits failed:" >&2; tail -20 "$work/err" >&2; exit 1; }
    fi
  done
done

python3 - "$results" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
def pct(xs, p):
    xs = sorted(xs); k = (len(xs) - 1) * p; f = int(k)
    return xs[f] + (xs[min(f + 1, len(xs) - 1)] - xs[f]) * (k - f)
names = list(dict.fromkeys(r[0] for r in rows if r[0] != "floor"))
targets = {"cold": 0.5, "warm": 0.25}
labels = [l for l in ("cold", "warm", "gw-cold", "gw-warm", "gw-cold-again", "gw-warm-again") if any(r[1] == l for r in rows)]
print("cold/warm: the CLI (`batchrender submit`); gw-*: Client.submit through a running gateway (the plug-in's path).")
print("The last two columns: when `submit` exited (CLI), when the operation's end reached Python (gateway).")
print(f"{'variant':<24} {'agent':<13} {'n':>3}  {'task start median':>17} {'p90':>6} {'worst':>6}  {'submit end median':>17} {'p90':>6}")
for name in names:
    for label in labels:
        sel = [r for r in rows if r[0] == name and r[1] == label]
        if not sel:
            continue
        start = [float(r[2]) for r in sel]; exit_ = [float(r[3]) for r in sel]
        target = targets[label.replace("gw-", "").replace("-again", "")]
        print(f"{name:<24} {label:<13} {len(sel):>3}  {statistics.median(start):>15.3f} s {pct(start, .9):>5.3f} {max(start):>6.3f}"
              f"  {statistics.median(exit_):>15.3f} s {pct(exit_, .9):>5.3f}"
              f"   (target {target} s)")
for label in ("java-version", "batchrender--version"):
    xs = [float(r[2]) for r in rows if r[0] == "floor" and r[1] == label]
    print(f"floor: {label.replace('-', ' ', 1) if label.startswith('java') else 'batchrender --version'}: median {statistics.median(xs):.3f} s, p90 {pct(xs, .9):.3f} s")
PY
