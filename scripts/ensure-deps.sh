#!/usr/bin/env bash
# Installs what batchrender needs on a fresh Debian/Ubuntu machine, or says exactly how.
# Usage: scripts/ensure-deps.sh [java] [maven] [blender] [python] [qt] [xvfb] [azurite]   (no arguments: all but qt, xvfb)
set -euo pipefail

wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(java maven blender python azurite)

apt_updated=""
apt_install() {
  local pkgs=("$@")
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=""; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; }; then
    echo "error: ${pkgs[*]} missing and this script cannot install packages here." >&2
    echo "       Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${pkgs[*]})" >&2
    echo "       or from their websites, then run this command again." >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then
    echo "Updating the package lists..." >&2
    $sudo apt-get update -qq >&2
    apt_updated=1
  fi
  echo "Installing ${pkgs[*]}..." >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2
}

java_ok() {
  local java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$java_bin" >/dev/null 2>&1 || return 1
  local v
  v=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ -n "$v" ] && [ "${v%%.*}" -ge 17 ]
}

# the shared libraries PySide6 (the panel's tests, Qt offscreen) loads, and a font to draw text with
qt_ok() {
  local lib
  for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libfreetype.so.6 libglib-2.0.so.0 \
             libdbus-1.so.3 libX11.so.6; do
    "$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null | grep -q "$lib" || return 1
  done
  fc-list 2>/dev/null | grep -q . || [ -d /usr/share/fonts/truetype/dejavu ]
}

# Azurite (the Blob Storage emulator the tests run): Node from apt when missing, then the
# version package-lock.json pins, into the repo's node_modules.
ensure_azurite() {
  local repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } || apt_install nodejs npm
  if [ ! -x "$repo/node_modules/.bin/azurite-blob" ] || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
    echo "Installing Azurite into $repo/node_modules..." >&2
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

for what in "${wanted[@]}"; do
  case "$what" in
    java)    java_ok || apt_install openjdk-17-jdk-headless ;;
    maven)   command -v mvn >/dev/null 2>&1 || apt_install maven ;;
    blender) command -v blender >/dev/null 2>&1 || [ -n "${BLENDER:-}" ] || apt_install blender ;;
    python)  { command -v python3 >/dev/null 2>&1 && python3 -c 'import venv, ensurepip' 2>/dev/null; } \
               || apt_install python3 python3-venv ;;
    qt)      qt_ok || apt_install libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 \
               libdbus-1-3 libx11-6 fonts-dejavu-core ;;
    # an X server for Blender with its window (the Blender add-on's tests: timers, modal operators, screenshots)
    xvfb)    command -v Xvfb >/dev/null 2>&1 || apt_install xvfb xauth ;;
    azurite) ensure_azurite ;;
    *) echo "error: unknown dependency '$what'" >&2; exit 2 ;;
  esac
done
