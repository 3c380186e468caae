#!/usr/bin/env bash
# Configures and builds timescales in build/ (Release), after installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[ -f build/CMakeCache.txt ] || cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$(bash scripts/ccache-launcher.sh)" >/dev/null
cmake --build build --parallel "$(nproc)"
