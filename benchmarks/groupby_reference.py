"""The whole built-in rulebook written the way analysts most often write a duty: a function over
one child's events, applied to every child with `df.groupby("case_id").apply(fn)` (issue 20,
item 7: `timescales.evaluate(DataFrame)` should be at least 100x this).

The function is the pandas reference's rules (benchmarks/pandas_reference.py: every rule, both
standards, the dates of effect, C8's order and duplicates) applied to the one child's frame, so
its obligations are the reference's and are checked against timescales by run.py on a small
generated population. What it measures is the per-child style: each child costs a pass of every
rule's pandas operations over a frame of a dozen or so rows, the fixed cost per call that
groupby.apply pays once per group, where the vectorised reference pays it once per population.
The reference is reused rather than rewritten rule by rule as Python loops (only
wales.assessment.part3 is also written as a plain loop, pandas_reference.part3_per_child): a
loop over a child's events is as slow or slower per child, and the per-child overhead of pandas
is what the issue's "groupby.apply reference" refers to.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import pandas_reference


def per_child(child: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """Every rule's obligations for one child's events."""
    return pandas_reference.Reference().evaluate(child, as_of)


def evaluate(events: pd.DataFrame, as_of: np.datetime64 | None = None) -> pd.DataFrame:
    """Obligations of every child, as pandas_reference.evaluate returns them (case_id, rule,
    standard, occurrence, trigger and due dates, completion, status, ...), one child at a time.
    as_of defaults to the latest event date of the whole population, as timescales judges it."""
    if as_of is None:
        as_of = pd.to_datetime(events["date"]).max().to_datetime64()
    as_of = np.datetime64(as_of, "D")
    out = events.groupby("case_id", sort=True, group_keys=False)[list(events.columns)].apply(
        lambda child: per_child(child, as_of))
    return out.reset_index(drop=True)
