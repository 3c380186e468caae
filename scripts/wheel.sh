#!/usr/bin/env bash
# The Python package as users get it (docs/install.md): builds the wheel (pip wheel ., in the build
# directory scripts/test-python.sh uses, so after it this only links what changed), repairs it with
# auditwheel into a manylinux wheel, builds the sdist and checks it has everything the build reads,
# then installs the repaired wheel into a fresh virtual environment (numpy, pandas, matplotlib from
# PyPI) and runs the README's Python example from a directory outside the checkout, checking that
# the process loads nothing from the checkout and no shared library that is neither the wheel's,
# the environment's, the interpreter's own nor one the manylinux policy allows.
# Outputs in build-python/dist/: the repaired wheel and the sdist.
# TIMESCALES_SDIST_BUILD=1 also builds a wheel from the sdist itself (a full build: minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
bash scripts/setup.sh
py=$(bash scripts/python.sh)
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
start=$(date +%s)
phase() { echo "wheel: $1 ($(($(date +%s) - start)) s)" >&2; }

dist=build-python/dist
rm -rf "$dist"
mkdir -p "$dist/raw"
# The build directory and settings scripts/test-python.sh uses (one per interpreter).
source scripts/python-build-settings.sh
"$py" -m pip wheel --quiet --no-build-isolation --no-deps "${python_build_settings[@]}" -w "$dist/raw" .
raw=$(ls "$dist"/raw/timescales-*.whl)
phase "built $(basename "$raw")"

# auditwheel picks the oldest manylinux policy the wheel's symbol versions allow, and copies in
# (grafts) any library outside the policy, such as the tool's libxlsxwriter and its dependencies.
"$py" -m auditwheel repair --wheel-dir "$dist" "$raw" >"$dist/auditwheel.log" 2>&1 ||
  { cat "$dist/auditwheel.log"; echo "wheel: auditwheel could not repair $raw" >&2; exit 1; }
wheel=$(ls "$dist"/timescales-*.whl)
# manylinux_2_34 at the newest: what docs/install.md promises (glibc 2.34, GCC 11's libstdc++: RHEL 9,
# Ubuntu 22.04, Debian 12). A newer symbol would raise it (bindings/python/CMakeLists.txt says what then).
glibc_minor=$(basename "$wheel" | sed -n 's/.*-manylinux_2_\([0-9]*\)_[a-z0-9_]*\.whl$/\1/p')
if [ -z "$glibc_minor" ] || [ "$glibc_minor" -gt 34 ]; then
  echo "wheel: $(basename "$wheel") is not manylinux_2_34 or older: see $dist/auditwheel.log" >&2
  exit 1
fi
"$py" -m auditwheel show "$wheel" | tr '\n' ' ' | sed 's/  */ /g' >&2
echo >&2
phase "repaired: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"

"$py" -m build --sdist --no-isolation --outdir "$dist" . >"$dist/sdist.log" 2>&1 ||
  { cat "$dist/sdist.log"; echo "wheel: the sdist did not build" >&2; exit 1; }
sdist=$(ls "$dist"/timescales-*.tar.gz)
# Every file of this checkout that the wheel's build read (CMake's inputs, the sources and headers
# ninja recorded) must be in the sdist, as it is here; and the sdist must configure on its own.
build_path=$(ls -d build-python/*-"$python_build_prefix" | head -1)
"$py" scripts/check-sdist.py "$sdist" "$checkout" "$build_path"
phase "sdist: $(basename "$sdist"), $(du -k "$sdist" | cut -f1) KiB"
if [ "${TIMESCALES_SDIST_BUILD:-0}" = 1 ]; then
  "$py" -m pip wheel --quiet --no-build-isolation --no-deps -w "$dist/from-sdist" "$sdist"
  phase "built a wheel from the sdist: $(ls "$dist"/from-sdist)"
fi

# A fresh environment outside the checkout, with the wheel and its dependencies from PyPI only.
work=$(mktemp -d /tmp/timescales-wheel.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
phase "installed into a fresh virtual environment"
mkdir -p "$work/run/examples/data"
cp examples/data/sample-events.csv "$work/run/examples/data/"  # the example reads it by this path
# The README's Python example (the first python block of its "## Python" section), as written.
"$py" - "$work/run/example.py" <<'PY'
import re, sys
readme = open("README.md", encoding="utf-8").read()
section = readme[readme.index("\n## Python\n"):]
block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(block)
    # What the process has loaded, once the example has run.
    out.write('\nimport os\nwith open(os.environ["TIMESCALES_MAPS"], "w") as maps_out:\n'
              '    maps_out.write(open("/proc/self/maps").read())\n')
PY
(cd "$work/run" && env -u PYTHONPATH -u LD_LIBRARY_PATH MPLBACKEND=Agg TIMESCALES_MAPS="$work/maps" \
   "$work/venv/bin/python" example.py >"$work/example.out") ||
  { cat "$work/example.out"; echo "wheel: the README's Python example failed with the installed wheel" >&2; exit 1; }
# It prints the explanation of a late duty, which ends with how late it was.
grep -q "after the deadline: late" "$work/example.out" ||
  { cat "$work/example.out"; echo "wheel: the example printed no explanation of a late duty" >&2; exit 1; }
"$py" scripts/check-loaded.py "$work/maps" "$work/venv" "$checkout" "$wheel"
# The tool the wheel carries finds the libraries auditwheel grafted (libxlsxwriter, ...) in the
# wheel, not on this machine, and runs.
tool=$(ls "$work"/venv/lib/python*/site-packages/timescales/bin/timescales)
if ldd "$tool" | grep -E "not found|xlsxwriter|minizip|libcrypto" | grep -v "$work/venv/"; then
  echo "wheel: the tool in the wheel takes the libraries above from outside it" >&2
  exit 1
fi
(cd "$work/run" && env -u LD_LIBRARY_PATH "$work/venv/bin/timescales" --version >/dev/null)
phase "the README's Python example ran from $work/run with only the wheel and its environment loaded; the tool runs"
