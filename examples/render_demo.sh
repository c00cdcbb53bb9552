#!/usr/bin/env bash
# The main job: builds the example scene with Blender, submits it to this workstation's farm
# and waits for the frames. Installs Java, Maven and Blender first when they are missing.
# Usage: examples/render_demo.sh [FRAMES] [OUTPUT_DIR]     (default: 1-12 renders/demo)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frames="${1:-1-12}"
output="${2:-$repo/renders/demo}"

"$repo/scripts/ensure-deps.sh" java maven blender

scene="$repo/examples/build/demo.blend"
if [ ! -f "$scene" ] || [ "$repo/examples/build_scene.py" -nt "$scene" ]; then
  echo "Building the example scene $scene ..." >&2
  mkdir -p "$(dirname "$scene")"
  blender_bin="${BLENDER:-blender}"
  "$blender_bin" -b --factory-startup --python-exit-code 1 --python "$repo/examples/build_scene.py" -- "$scene" \
    > "$repo/examples/build/build_scene.log" 2>&1 || {
      echo "error: Blender could not build the scene: see $repo/examples/build/build_scene.log" >&2
      exit 1
    }
fi

"$repo/batchrender" submit "$scene" --frames "$frames" --name demo --output "$output" --wait
echo "Frames are in $output" >&2
