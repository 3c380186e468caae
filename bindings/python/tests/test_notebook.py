"""The analysts' notebook runs from top to bottom without a failing cell, headless."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient


def test_the_compliance_notebook_runs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = repo / "examples" / "notebooks" / "compliance.ipynb"
    nb = nbformat.read(path, as_version=4)
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend: Agg, no display
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell if any fails
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the compliance chart was not drawn"
    text = "\n".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "wales.lac.visit (statutory standard" in text  # the late child's explanation
