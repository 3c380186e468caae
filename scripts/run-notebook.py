#!/usr/bin/env python3
"""Runs examples/notebooks/compliance.ipynb with the installed timescales package and writes it back
with its outputs, which are committed (bindings/python/tests/test_notebook.py checks that they are
what a fresh run gives). Run it with the interpreter the package is installed in:
    $(bash scripts/python.sh) scripts/run-notebook.py
It runs in a temporary directory: the notebook needs no file beside it."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "notebooks" / "compliance.ipynb"


def run(path: Path, cwd: str) -> nbformat.NotebookNode:
    """The notebook executed in `cwd`, headless (matplotlib's inline backend draws PNGs)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": cwd}}).execute()
    for cell in nb.cells:  # when it ran, not what it gave: kept out of the committed file
        cell.metadata.pop("execution", None)
    return nb


def main() -> int:
    with tempfile.TemporaryDirectory() as cwd:
        nb = run(NOTEBOOK, cwd)
    nbformat.write(nb, NOTEBOOK)
    print(f"wrote {NOTEBOOK} with its outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
