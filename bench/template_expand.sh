#!/usr/bin/env bash
# Template expansion benchmark, in one run:
# Batch Explorer's Maya/Arnold job template (../shared/azure-batch/ncj-templates-historical/maya/
# render-arnold-linux) with an N-frame sweep (default 10,000 tasks), expanded by our engine and by
# the Batch CLI extensions' own engine (azure-batch-extensions 9.0.0, Python), each three times in
# one process (template read and parsed every time). Checks both made the same tasks (id, display
# name, command line, environment, output files), then prints the first and best times and the
# ratio. Target: not slower than the extensions.
#
# Usage: bench/template_expand.sh [N]
# Exits 0 whatever the ratio; non-zero when a run failed or the tasks differ.
set -euo pipefail
n="${1:-10000}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N: frames, a positive integer; default 10000)" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
template="$root/../shared/azure-batch/ncj-templates-historical/maya/render-arnold-linux/job.template.json"
[ -f "$template" ] || { echo "error: $template is missing (../shared beside the repository)" >&2; exit 1; }

cd "$root"
venv="$root/java-core/target/bench-templates-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/requirements-templates.txt"
. "$root/bench/java_main.sh"
java_main_setup

work="$(mktemp -d "${TMPDIR:-/tmp}/batchrender-template-bench.XXXXXX")"
trap 'rm -rf "$work" "$java_main_cp_file"' EXIT
cat >"$work/params.json" <<JSON
{"poolId": "maya-pool", "jobName": "shot010-lighting", "mayaVersion": "Maya2017", "inputData": "shot010",
 "inputDataSas": "https://renderstore.blob.core.windows.net/fgrp-shot010?sv=2019-02-02&sr=c&sp=rl&sig=abc",
 "sceneFile": "scenes/shot010.ma", "additionalFlags": "-cam shotCam", "jobPriority": 50,
 "frameStart": 1, "frameEnd": $n, "outputs": "shot010-renders"}
JSON

echo "Expanding $n frames with the Batch CLI extensions..." >&2
base="$("$venv/bin/python" "$here/template_expand_baseline.py" "$template" "$work/params.json" "$work/base.json")"
echo "Expanding $n frames with batchrender..." >&2
ours="$(java_main io.batchrender.templates.TemplateExpandBench "$template" "$work/params.json" "$work/ours.json")"

python3 - "$work/base.json" "$work/ours.json" "$base" "$ours" "$n" <<'PY'
import json, sys
base_tasks, our_tasks = (json.load(open(p)) for p in sys.argv[1:3])
base, ours, n = json.loads(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])
if base_tasks != our_tasks:
    for i, (b, o) in enumerate(zip(base_tasks, our_tasks)):
        if b != o:
            print(f"error: task {i} differs:\n  extensions: {b}\n  batchrender: {o}", file=sys.stderr)
            break
    else:
        print(f"error: {len(base_tasks)} tasks from the extensions, {len(our_tasks)} from batchrender", file=sys.stderr)
    sys.exit(1)
print(f"same {len(our_tasks)} tasks from both (id, displayName, commandLine, environment, outputs)")
print(f"{'':28} {'extensions s':>13} {'batchrender s':>14} {'ratio':>7}")
for key, label in (("first", "first run (cold)"), ("best", "best of 3")):
    print(f"{label:28} {base[key]:13.3f} {ours[key]:14.3f} {base[key] / ours[key]:6.1f}x")
PY
