"""Fixtures for the Python package's tests. They run against the installed package (pip install .),
never the source tree: the source tree has no compiled core."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")  # headless, whatever the environment says

import timescales  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "examples" / "data" / "sample-events.csv"


def pytest_report_header(config: pytest.Config) -> str:
    return f"timescales {timescales.__version__} from {Path(timescales.__file__).parent}"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sample_path() -> Path:
    assert SAMPLE.is_file(), f"the bundled sample events are missing: {SAMPLE}"
    return SAMPLE


@pytest.fixture()
def sample_events(sample_path: Path) -> pd.DataFrame:
    return pd.read_csv(sample_path, dtype=str, keep_default_na=False)
