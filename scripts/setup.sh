#!/usr/bin/env bash
# Shared set-up for ./run-app and ./run-tests: system libraries Qt needs, uv, and the locked Python environment.
# Usage: scripts/setup.sh [offscreen|window]   (window adds the X11/xcb libraries a real window needs)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-offscreen}"
# fonts-nanum: Hangul for the Korean interface and figures (Qt falls back to it for Korean text; offscreen too,
# since headless figures and the tests draw Korean)
pkgs=(libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 fonts-dejavu-core fonts-nanum)
if [ "$mode" = window ]; then
  pkgs+=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
         libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  # one dpkg-query for all of them (a dpkg -s per package cost ~0.13 s of every launch)
  installed=" $(dpkg-query -W -f='${db:Status-Status}=${Package} ' "${pkgs[@]}" 2>/dev/null || true) "
  for p in "${pkgs[@]}"; do [[ "$installed" == *" installed=$p "* ]] || missing+=("$p"); done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages with sudo: ${missing[*]}" >&2
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these system packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v uv >/dev/null 2>&1; then
  export PATH="$HOME/.local/bin:$PATH"
fi
if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv" >&2
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  hash -r
fi
# Bytecode at install time: some machines set PYTHONDONTWRITEBYTECODE=1, and then every launch would compile numpy,
# pyqtgraph and our own sources again (about 0.6 s of a 1.2 s start). Both steps are no-ops when nothing changed.
uv sync --locked --quiet --compile-bytecode
.venv/bin/python -m compileall -q main.py engine gui >/dev/null
