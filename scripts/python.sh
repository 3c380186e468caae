#!/usr/bin/env bash
# Prints the Python interpreter that the Python package is built and tested with:
# $TIMESCALES_PYTHON when set; else python3 when pip may install into it; else (Debian's own
# python3 is "externally managed", PEP 668) a virtual environment in build-python/venv, created
# on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${TIMESCALES_PYTHON:-}" ]; then
  echo "$TIMESCALES_PYTHON"
  exit 0
fi
py=$(command -v python3)
if "$py" -c 'import pathlib, sys, sysconfig; sys.exit(pathlib.Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED").exists())'; then
  echo "$py"
  exit 0
fi
venv=build-python/venv
[ -x "$venv/bin/python" ] || "$py" -m venv "$venv" >&2
echo "$PWD/$venv/bin/python"
