"""explain(): an obligation in words, from the row alone."""

from __future__ import annotations

import json
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
    # attrs hold only JSON (the link to the evaluation is a str); pandas copies and compares attrs
    # when combining frames.
    other = timescales.evaluate(frame(EVENTS, case_id="C2"), as_of="2021-04-30")
    both = pd.concat([obligations, other], ignore_index=True)
    assert len(both) == 2 * len(obligations)
    same = pd.concat([obligations, obligations.head(1)])
    assert same.attrs["evaluation"] is obligations.attrs["evaluation"]
    merged = obligations.merge(other[["rule", "standard", "occurrence"]], on=["rule", "standard", "occurrence"])
    assert len(merged) > 0
    self_merged = obligations.merge(obligations, on=["rule", "occurrence"])
    assert len(self_merged) >= len(obligations)
    grouped = obligations.groupby("rule", observed=True)["days_late"].sum()
    assert grouped.sum() == obligations["days_late"].sum()
    assert set(obligations.attrs) == {"as_of", "counts", "evaluation"}
    assert json.loads(json.dumps(obligations.attrs))["as_of"] == "2021-04-30"
    assert repr(obligations.attrs["evaluation"]).startswith("<timescales evaluation")


def test_summary(obligations: pd.DataFrame) -> None:
    s = timescales.summary(obligations)
    assert {"rule", "standard", "total", "met", "late", "missed", "overdue", "pending", "cancelled", "on_time"} <= set(s.columns)
    icpc = s[s["rule"] == "wales.cp.icpc"].iloc[0]
    assert (icpc["late"], icpc["on_time"]) == (1, 0.0)


def test_one_childs_timeline(obligations: pd.DataFrame) -> None:
    """explain(result, case_id=...) is `evaluate --case ID --explain`: the child's events and every
    duty at its due date in date order, the as-of date marked. Worked by hand for EVENTS as of
    Fri 30 Apr 2021: the conference under the 2008 procedures (a probable rule) was due 15 working
    days after Fri 20 Dec 2019, skipping 25, 26 Dec and 1 Jan: Wed 15 Jan 2020; held 16 Jan, late.
    The placement of Mon 1 Mar 2021 opens its plan (5 working days: Mon 8 Mar) and the care and
    support plan (10 working days: Mon 15 Mar), never recorded: overdue; the first visit (1 week:
    8 Mar) was met on 4 Mar; the next, 6 weeks after it (15 Apr), is overdue."""
    text = timescales.explain(obligations, case_id="C1")
    heads = [line for line in text.splitlines() if not line.startswith("    ")]
    assert heads == [
        "Case C1, as of 2021-04-30: 4 events used; 5 duties (1 met, 1 late, 3 overdue).",
        "",
        "2019-12-20  event    strategy_discussion (line 0)",
        "2020-01-15  due      Initial child protection conference (All Wales Child Protection Procedures 2008) "
        "(wales.cp.icpc, occurrence 1, statutory standard; rule probable): late, done 2020-01-16",
        "2020-01-16  event    icpc (line 1)",
        "2021-03-01  event    placement_start (line 2)",
        "2021-03-04  event    lac_visit (line 3)",
        "2021-03-08  due      Placement plan (wales.lac.placement_plan, occurrence 1, statutory standard): overdue",
        "2021-03-08  due      Visits to a looked-after child by the authority's representative (wales.lac.visit, "
        "occurrence 1, statutory standard): met, done 2021-03-04",
        "2021-03-15  due      Care and support plan for a looked-after child (wales.lac.care_plan, occurrence 1, "
        "statutory standard): overdue",
        "2021-04-15  due      Visits to a looked-after child by the authority's representative (wales.lac.visit, "
        "occurrence 2, statutory standard): overdue",
        "2021-04-30  as of    the day the duties were judged on; the dates below it are later",
    ]
    # Under each duty its explanation, the same as explain() of its row.
    for i in range(len(obligations)):
        assert "                     " + timescales.explain(obligations.iloc[i]) in text.splitlines()
    # A filtered result, or the events themselves, give the same timeline; the tool likewise.
    assert timescales.explain(obligations[obligations["rule"] == "wales.lac.visit"], case_id="C1") == text
    events = frame(EVENTS)
    assert timescales.explain(events.assign(date=events["date"]), case_id="C1").startswith("Case C1, as of 2021-03-04")


def test_a_timeline_of_an_unknown_child(obligations: pd.DataFrame) -> None:
    with pytest.raises(timescales.TimescalesError, match="no usable event of case C9"):
        timescales.explain(obligations, case_id="C9")
    with pytest.raises(TypeError, match="evaluate"):
        timescales.explain(obligations.iloc[0], case_id="C1")
