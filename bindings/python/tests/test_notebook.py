"""The analysts' notebook runs from top to bottom without a failing cell, headless, from any working
directory; and its committed outputs are what a fresh run gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest


def _runner(repo: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("run_notebook", repo / "scripts" / "run-notebook.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def texts(nb: nbformat.NotebookNode) -> list[list[str]]:
    """Each code cell's text outputs: what it printed (one text however the kernel split it into
    messages, which varies with the machine's load) and the plain text of what it showed. Images
    are left out (their bytes vary with matplotlib's version), and so is standard error, where the
    environment may speak (matplotlib building its font cache on a fresh machine); a figure's
    text/plain ("<Figure size ...>") is kept."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        printed = "".join(o["text"] for o in cell.get("outputs", [])
                          if o.get("output_type") == "stream" and o.get("name") == "stdout")
        shown = [o["data"]["text/plain"] for o in cell.get("outputs", []) if "text/plain" in o.get("data", {})]
        out.append([printed, *shown])
    return out


@pytest.fixture(scope="module")
def fresh(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    # A directory with nothing in it, far from the repository: the notebook reads only the package.
    cwd = tmp_path_factory.mktemp("anywhere")
    return _runner(repo).run(repo / "examples" / "notebooks" / "compliance.ipynb", str(cwd))


def test_the_compliance_notebook_runs_anywhere(fresh: nbformat.NotebookNode, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPLBACKEND", raising=False)
    outputs = [o for cell in fresh.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2, "the two compliance charts were not drawn"
    text = "\n".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "wales.lac.visit (statutory standard" in text  # the late child's explanation
    # The sample has 4,942 events of 300 children (examples/data/sample-events.csv, one header line).
    assert "4942 events of 300 children, 2019-04-" in text
    assert "<timescales.Evaluation as of 2024-03-31:" in text


def test_the_committed_outputs_are_a_fresh_runs(repo: Path, fresh: nbformat.NotebookNode) -> None:
    committed = nbformat.read(repo / "examples" / "notebooks" / "compliance.ipynb", as_version=4)
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.get("outputs") for c in code), "a code cell was committed without its outputs"
    assert sum("image/png" in o.get("data", {}) for c in code for o in c.outputs) == 2
    # The walk-through warns of nothing: no rows rejected, nothing deprecated.
    assert not [o for c in code for o in c.outputs if o.get("name") == "stderr"]
    # Every text the notebook shows is deterministic (as_of is fixed): committed and fresh agree,
    # cell by cell. If this fails after a deliberate change, run scripts/run-notebook.py.
    assert texts(committed) == texts(fresh)
