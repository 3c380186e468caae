"""explain(): an obligation in words, from the row alone."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from support import frame

import timescales

EVENTS = [("2019-12-20", "strategy_discussion"), ("2020-01-16", "icpc"),
          ("2021-03-01", "placement_start"), ("2021-03-04", "lac_visit")]


@pytest.fixture()
def obligations() -> pd.DataFrame:
    return timescales.evaluate(frame(EVENTS), as_of="2021-04-30")


def test_a_row_explains_itself_as_the_explanation_column_does(obligations: pd.DataFrame) -> None:
    with_text = timescales.evaluate(frame(EVENTS), as_of="2021-04-30", explain=True)
    for i in range(len(obligations)):
        assert timescales.explain(obligations.iloc[i]) == with_text["explanation"].iloc[i]
        assert timescales.explain(with_text.iloc[i]) == with_text["explanation"].iloc[i]
    icpc = obligations[obligations["rule"] == "wales.cp.icpc"].iloc[0]
    why = timescales.explain(icpc)
    for part in ("wales.cp.icpc", "Christmas Day", "Boxing Day", "New Year's Day", "2020-01-15", "late"):
        assert part in why


def test_rows_of_filtered_sorted_and_reindexed_results(obligations: pd.DataFrame) -> None:
    expected = {i: timescales.explain(obligations.iloc[i]) for i in range(len(obligations))}
    late = obligations[obligations["status"] == "late"]
    assert timescales.explain(late.iloc[0]) == expected[late.index[0]]
    shuffled = obligations.sample(frac=1.0, random_state=3).reset_index(drop=True)
    for i in range(len(shuffled)):
        row = shuffled.iloc[i]
        original = obligations[(obligations["rule"] == row["rule"]) & (obligations["standard"] == row["standard"])
                               & (obligations["trigger_date"] == row["trigger_date"])].index[0]
        assert timescales.explain(row) == expected[original]
    for label, row in obligations.iterrows():
        assert timescales.explain(row) == expected[label]
    assert timescales.explain(obligations.loc[[2]]) == expected[2]
    assert timescales.explain(obligations.loc[2]) == expected[2]


def test_a_row_without_its_evaluation(obligations: pd.DataFrame) -> None:
    unpickled = pickle.loads(pickle.dumps(obligations))
    pd.testing.assert_frame_equal(unpickled, obligations)
    with pytest.raises(timescales.TimescalesError, match="explain=True"):
        timescales.explain(unpickled.iloc[0])
    with_text = pickle.loads(pickle.dumps(timescales.evaluate(frame(EVENTS), explain=True)))
    assert "wales.cp.icpc" in timescales.explain(with_text.iloc[0])
    by_hand = pd.Series({"case_id": "C1", "rule": "wales.cp.icpc"})
    with pytest.raises(timescales.TimescalesError):
        timescales.explain(by_hand)
    edited = obligations.iloc[0].copy()
    edited["due_date"] = pd.Timestamp("2000-01-01")
    with pytest.raises(timescales.TimescalesError, match="was the row changed"):
        timescales.explain(edited)
    with pytest.raises(timescales.TimescalesError, match="one obligation"):
        timescales.explain(obligations)


def test_attrs_survive_common_pandas_operations(obligations: pd.DataFrame) -> None:
    # attrs hold DataFrames; pandas copies and compares attrs when combining frames.
    other = timescales.evaluate(frame(EVENTS, case_id="C2"), as_of="2021-04-30")
    both = pd.concat([obligations, other], ignore_index=True)
    assert len(both) == 2 * len(obligations)
    same = pd.concat([obligations, obligations.head(1)])
    assert same.attrs["rejected"] is obligations.attrs["rejected"]
    merged = obligations.merge(other[["rule", "standard", "occurrence"]], on=["rule", "standard", "occurrence"])
    assert len(merged) > 0
    self_merged = obligations.merge(obligations, on=["rule", "occurrence"])
    assert len(self_merged) >= len(obligations)
    grouped = obligations.groupby("rule", observed=True)["days_late"].sum()
    assert grouped.sum() == obligations["days_late"].sum()
    assert isinstance(obligations.attrs["rejected"], pd.DataFrame)
    assert obligations.attrs["findings"].head().shape[1] == obligations.attrs["findings"].shape[1]
    assert repr(obligations.attrs["evaluation"]).startswith("<timescales evaluation")


def test_summary(obligations: pd.DataFrame) -> None:
    s = timescales.summary(obligations)
    assert {"rule", "standard", "total", "met", "late", "missed", "overdue", "pending", "cancelled", "on_time"} <= set(s.columns)
    icpc = s[s["rule"] == "wales.cp.icpc"].iloc[0]
    assert (icpc["late"], icpc["on_time"]) == (1, 0.0)
