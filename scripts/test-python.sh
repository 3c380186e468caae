#!/usr/bin/env bash
# The Python package's tests: installs the package from this checkout (pip install ., which builds
# the extension and the tool from the CMake project in build-python/, incrementally on later runs)
# and runs pytest on bindings/python/tests. pytest's exit status 5 (no tests collected) is a
# failure here, never a pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
py=$(bash scripts/python.sh)
export PIP_ROOT_USER_ACTION=ignore  # CI runs as root
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
start=$(date +%s)
source scripts/python-build-settings.sh
"$py" -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps "${python_build_settings[@]}" .
echo "python: installed the timescales package in $(($(date +%s) - start)) s" >&2
status=0
"$py" -m pytest bindings/python/tests -q -rfE || status=$?
if [ "$status" -eq 5 ]; then
  echo "python: pytest collected no tests, which is a failure" >&2
  exit 1
fi
exit "$status"
