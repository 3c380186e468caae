#!/usr/bin/env bash
# Runs every test: builds, then the C++ suite through ctest, then the Python package's (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
bash scripts/test-python.sh
