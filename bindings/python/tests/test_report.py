"""report(): the measures over periods and groups, as `timescales report` counts them."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import run_tool

import timescales


def tool_report(sample_path: Path, *args: str) -> pd.DataFrame:
    out = run_tool("report", str(sample_path), *args)
    assert out.returncode == 0, out.stderr
    return pd.read_csv(io.StringIO(out.stdout), dtype=str, keep_default_na=False)


def as_text(r: pd.DataFrame) -> pd.DataFrame:
    t = r.copy()
    t["period_start"] = t["period_start"].dt.strftime("%Y-%m-%d")
    t["period_end"] = t["period_end"].dt.strftime("%Y-%m-%d")
    t["denominator"] = t["denominator"].astype("string").fillna("").astype(str)
    # The value itself, not formatted here: it is the figure the tool writes, to one decimal place.
    t["percentage"] = t["percentage"].map(lambda p: "" if np.isnan(p) else str(p))
    t["confidence"] = t["confidence"].astype(object).fillna("")
    for c in t.columns[t.columns.get_loc("title") + 1:]:  # the by columns
        t[c] = t[c].astype(object).where(t["group"] != "all", "").fillna("")  # a missing value: an empty cell
    return t.astype(str)


@pytest.mark.parametrize(("kwargs", "args"), [
    ({"by": "team"}, ["--all", "--by", "team"]),
    ({"by": ["team", "worker"], "measures": "wales.pm24"}, ["--measure", "wales.pm24", "--by", "team,worker"]),
    ({"period": "quarter", "measures": ["wales.cp.icpc.timeliness", "wales.ch012"], "from_": "2022-04-01"},
     ["--measure", "wales.cp.icpc.timeliness", "--measure", "wales.ch012", "--period", "quarter", "--from", "2022-04-01"]),
    ({"period": "month", "measures": "wales.lac.visit.statutory", "by": "worker", "to": "2023-03-31",
      "as_of": "2023-06-30"},
     ["--measure", "wales.lac.visit.statutory", "--period", "month", "--by", "worker", "--to", "2023-03-31",
      "--as-of", "2023-06-30"]),
])
def test_report_counts_as_the_tool(sample_path: Path, sample_events: pd.DataFrame, kwargs: dict, args: list[str]) -> None:
    ours = timescales.report(sample_events, **kwargs)
    by = kwargs.get("by", [])
    by = [by] if isinstance(by, str) else by
    assert list(ours.columns) == ["measure", "period_start", "period_end", "group", "numerator", "denominator",
                                  "percentage", "confidence", "title", *by]
    assert ours["period_start"].dtype == np.dtype("datetime64[ns]")
    assert ours["numerator"].dtype == np.int64 and str(ours["denominator"].dtype) == "Int64"
    pd.testing.assert_frame_equal(as_text(ours), tool_report(sample_path, *args))


def test_a_missing_group_comes_first_and_percentages_are_the_written_figures(tmp_path: Path) -> None:
    # Three conferences from strategy discussions on Mon 11 Jan 2021, due Mon 1 Feb (15 working
    # days): C1 and C2 in time (29 Jan), C3 late (1 Mar): 2 of 3, 66.7%. C3 has no team: read by
    # pandas.read_csv it is NaN, by the tool an empty cell, and both put its group first.
    rows = [("C1", "strategy_discussion", "2021-01-11", "North"), ("C1", "icpc", "2021-01-29", "North"),
            ("C2", "strategy_discussion", "2021-01-11", "North"), ("C2", "icpc", "2021-01-29", "North"),
            ("C3", "strategy_discussion", "2021-01-11", ""), ("C3", "icpc", "2021-03-01", "")]
    csv = tmp_path / "events.csv"
    pd.DataFrame(rows, columns=["case_id", "event", "date", "team"]).to_csv(csv, index=False)
    args = ["--measure", "wales.cp.icpc.timeliness", "--by", "team"]
    ours = timescales.report(pd.read_csv(csv), measures="wales.cp.icpc.timeliness", by="team")
    assert ours["percentage"].tolist() == [66.7, 0.0, 100.0]
    assert ours["group"].tolist() == ["all", "", "North"]
    pd.testing.assert_frame_equal(as_text(ours), tool_report(csv, *args))


def test_count_measures_have_no_denominator(sample_events: pd.DataFrame) -> None:
    r = timescales.report(sample_events, measures="wales.ch012")
    assert r["denominator"].isna().all() and r["percentage"].isna().all()
    assert (r["group"] == "all").all()
    assert (r["title"] == "New assessments for children completed within statutory timescales (CH/012)").all()


def test_report_of_an_evaluation_is_not_evaluated_again(sample_events: pd.DataFrame) -> None:
    ob = timescales.evaluate(sample_events)
    from_events = timescales.report(sample_events, measures="wales.pm24", by="team")
    pd.testing.assert_frame_equal(timescales.report(ob, measures="wales.pm24", by="team"), from_events)
    # A filtered result counts the rows kept: one team's rows give that team's figures as the row of all.
    north = timescales.report(ob[ob["team"] == "North"], measures="wales.pm24")
    by_team = from_events[from_events["team"] == "North"].reset_index(drop=True)
    assert north["numerator"].tolist() == by_team["numerator"].tolist()
    assert north["denominator"].tolist() == by_team["denominator"].tolist()
    with pytest.raises(TypeError, match="evaluated already"):
        timescales.report(ob, rules=timescales.load_rules())


def test_measures_catalogue_and_whole_period(sample_events: pd.DataFrame) -> None:
    cat = timescales.measures()
    assert {"id", "title", "standard", "basis", "rules", "numerator", "denominator"} <= set(cat.columns)
    assert "wales.pm24" in set(cat["id"])
    r = timescales.report(sample_events, measures=list(cat["id"]), period="whole", from_="2019-04-01",
                          to="2024-03-31")
    assert set(r["measure"]) <= set(cat["id"])
    assert (r["period_start"] == pd.Timestamp("2019-04-01")).all()
    assert r.attrs["from"] == "2019-04-01" and r.attrs["to"] == "2024-03-31"  # JSON, as to_parquet writes attrs


def test_report_errors(sample_events: pd.DataFrame, sample_path: Path) -> None:
    with pytest.raises(timescales.TimescalesError) as error:
        timescales.report(sample_events, measures="wales.nope")
    out = run_tool("report", str(sample_path), "--measure", "wales.nope")
    assert str(error.value) == out.stderr.strip().removeprefix("timescales report: ")
    with pytest.raises(timescales.TimescalesError, match="by='region' is not a carried column of the events; "
                                                         "its carried columns are team, worker"):
        timescales.report(sample_events, by="region")
    with pytest.raises(timescales.TimescalesError, match="period must be"):
        timescales.report(sample_events, period="week")
    with pytest.raises(timescales.TimescalesError, match="to is before from_"):
        timescales.report(sample_events, from_="2023-04-01", to="2023-03-31")
