#!/usr/bin/env bash
# Installs what building and testing timescales needs, and nothing already there. Idempotent:
# a second run does nothing. Debian packages for the C++ side, PyPI for the Python side.
set -euo pipefail

debian_packages=(
  g++ cmake ninja-build
  libboost-date-time-dev librange-v3-dev catch2 libtomlplusplus-dev libcli11-dev
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# cmake and ninja may come from PyPI instead; a working one on PATH is enough.
if command -v cmake >/dev/null && cmake --version | awk 'NR==1 { split($3, v, "."); exit !(v[1] > 3 || (v[1] == 3 && v[2] >= 25)) }'; then
  missing=("${missing[@]/cmake}")
fi
command -v ninja >/dev/null && missing=("${missing[@]/ninja-build}")
read -r -a missing <<< "${missing[*]}"

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
