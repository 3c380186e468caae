"""Shared by test_spark.py and test_duckdb.py: a small generated population, and the Python
examples of docs/national.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd

from timescales import _cli

DOC = Path(__file__).resolve().parents[3] / "docs" / "national.md"


def generate(path: Path, children: int, seed: int = 1) -> Path:
    """The tool's generated case events (realistic histories, a few duplicate rows among them)."""
    subprocess.run([str(_cli.executable()), "generate", "--children", str(children), "--seed", str(seed),
                    "--out", str(path)], check=True)
    return path


def read(path: Path) -> pd.DataFrame:
    """As the tool reads a CSV file: every column text, a blank field blank."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def doc_example(word: str) -> str:
    """The python block of docs/national.md that contains ``word``."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if word in b]
    assert len(found) == 1, f"docs/national.md should have one python block with {word!r}, not {len(found)}"
    return found[0]
