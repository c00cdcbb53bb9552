#!/usr/bin/env bash
# Runs every test: the Java core's (JUnit 5, on real processes, SQLite and Blender), then the
# cross-language ones under tests/ (pytest, in .venv). Installs what they need first.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"

scripts/ensure-deps.sh java maven blender python azurite
scripts/ensure-deps.sh qt   # the Maya panel's tests run real Qt (PySide6) offscreen
scripts/ensure-deps.sh xvfb # the Blender add-on's tests run Blender with its window on an Xvfb display

echo "== Java core tests ==" >&2
mvn -B -Dstyle.color=never --no-transfer-progress -f "$repo/pom.xml" test

echo "== Cross-language tests ==" >&2
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
# the launcher rebuilds the jar when sources are newer; build it once here, quietly
./batchrender --version >/dev/null
.venv/bin/python -m pytest -q tests
