"""The bundled sample case events (examples/data/sample-events.csv, installed with the package)."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def sample_events() -> pd.DataFrame:
    """The sample case events of the repository's examples: 4,942 events of 300 made-up children
    (no real person's), from referral to leaving care, with ``team`` and ``worker``. Read as the
    tool reads a CSV file: every column text, a blank field "not given"; ``date`` as
    ``datetime64[ns]``.

    >>> events = timescales.sample_events()
    >>> events.shape
    (4942, 10)
    >>> events.iloc[0][["case_id", "event", "date", "team"]].tolist()
    ['C0000001', 'referral', Timestamp('2020-01-10 00:00:00'), 'Central']
    """
    path = resources.files("timescales").joinpath("data", "sample-events.csv")
    if not path.is_file():  # pragma: no cover - only in a package installed without its data
        raise FileNotFoundError(f"the sample events are missing from the installed package ({path}): reinstall it")
    with path.open("r", encoding="utf-8", newline="") as f:
        events = pd.read_csv(f, dtype=str, keep_default_na=False)
    events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d").astype("datetime64[ns]")
    return events
