"""The worklist from Python: the same hand-worked duties as tests/test_worklist.cpp. As of Wed 30 Jun
2021 the horizon of 10 working days is Wed 14 Jul; C2's assessment (due Fri 4 Jun) is overdue by 26
days, 18 working days; C3's referral decision is due today; C1's conference (from Mon 21 Jun, 15
working days) is due Mon 12 Jul, 12 days and 8 working days away; C4's (Wed 21 Jul) is beyond the
horizon, within one of 4 weeks (21 days, 15 working days)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from support import run_tool

import timescales

EVENTS = pd.DataFrame.from_records([
    ("C1", "strategy_discussion", "2021-06-21", "North"),
    ("C1", "icpc_requested", "2021-06-22", "North"),
    ("C2", "referral", "2021-04-01", "South"),
    ("C2", "referral_decision", "2021-04-06", "South"),
    ("C3", "referral", "2021-06-29", "North"),
    ("C4", "strategy_discussion", "2021-06-30", "South"),
    ("C4", "icpc_requested", "2021-06-30", "South"),
], columns=["case_id", "event", "date", "team"])

RULES = ["wales.assessment.part3", "wales.assessment.referral_decision", "wales.cp.icpc"]


def rows(wl: pd.DataFrame) -> list[tuple]:
    return [(r.case_id, str(r.rule), r.due_date.strftime("%Y-%m-%d"), str(r.status), r.days_left, r.working_days_left,
             r.team) for r in wl.itertuples()]


def test_worklist_from_events() -> None:
    wl = timescales.worklist(EVENTS, as_of="2021-06-30", rules=RULES)
    assert list(wl.columns) == ["case_id", "rule", "title", "standard", "occurrence", "trigger_event", "trigger_date",
                                "due_date", "status", "days_left", "working_days_left", "confidence", "team",
                                "obligation_key"]
    assert rows(wl) == [
        ("C2", "wales.assessment.part3", "2021-06-04", "overdue", -26, -18, "South"),
        ("C3", "wales.assessment.referral_decision", "2021-06-30", "pending", 0, 0, "North"),
        ("C1", "wales.cp.icpc", "2021-07-12", "pending", 12, 8, "North"),
    ]
    assert wl["title"].tolist()[0] == "Care and support assessment of a child (Part 3)"
    assert wl.attrs["horizon"] == "2021-07-14"  # attrs are JSON, so that to_parquet writes them
    assert wl.attrs["as_of"] == "2021-06-30"


def test_worklist_from_an_evaluation_grouped_and_with_a_longer_horizon() -> None:
    ob = timescales.evaluate(EVENTS, as_of="2021-06-30", rules=RULES)
    wl = timescales.worklist(ob, within="4 weeks", by="team")
    assert rows(wl) == [
        ("C3", "wales.assessment.referral_decision", "2021-06-30", "pending", 0, 0, "North"),
        ("C1", "wales.cp.icpc", "2021-07-12", "pending", 12, 8, "North"),
        ("C2", "wales.assessment.part3", "2021-06-04", "overdue", -26, -18, "South"),
        ("C4", "wales.cp.icpc", "2021-07-21", "pending", 21, 15, "South"),
    ]
    # A filtered result gives the worklist of the rows kept.
    south = timescales.worklist(ob[ob["team"] == "South"])
    assert [r[0] for r in rows(south)] == ["C2"]


def test_a_missing_team_comes_first_as_the_tool_orders_an_empty_cell(tmp_path: Path) -> None:
    # The same file read by the tool (an empty cell) and by pandas.read_csv (NaN): one order.
    csv = tmp_path / "events.csv"
    EVENTS.assign(team=["North", "North", "", "", "Amber", "North", "North"]).to_csv(csv, index=False)
    tool = run_tool("worklist", str(csv), "--as-of", "2021-06-30", "--by", "team", "--within", "4 weeks")
    assert tool.returncode == 0, tool.stderr
    theirs = pd.read_csv(io.StringIO(tool.stdout), dtype=str, keep_default_na=False)
    ours = timescales.worklist(pd.read_csv(csv), as_of="2021-06-30", within="4 weeks", by="team")
    assert ours["team"].isna().any() and theirs["team"].tolist()[0] == ""
    assert ours["obligation_key"].tolist() == [
        "|".join([r.case_id, r.rule, r.standard, r.trigger_event, r.trigger_date]) for r in theirs.itertuples()]


def test_worklist_errors() -> None:
    ob = timescales.evaluate(EVENTS, as_of="2021-06-30", rules=RULES)
    with pytest.raises(timescales.TimescalesError, match="as_of differs"):
        timescales.worklist(ob, as_of="2021-07-01")
    with pytest.raises(timescales.TimescalesError, match="within: "):
        timescales.worklist(ob, within="ten days")
    with pytest.raises(timescales.TimescalesError, match="by='teem' is not a carried column"):
        timescales.worklist(ob, by="teem")
    with pytest.raises(TypeError, match="evaluated already"):
        timescales.worklist(ob, rules=RULES)
