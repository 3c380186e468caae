"""The second legal round through Python: the vocabularies, the confidence column, duplicates and
events after as_of reported, the s31A exception. Expected values worked out by hand (docs/conventions.md)."""

from __future__ import annotations

import pandas as pd
import pytest

import timescales


def test_vocabularies_are_the_documented_ones() -> None:
    assert timescales.LEGAL_STATUSES == ("accommodated", "interim_care_order", "care_order", "placement_order",
                                         "emergency_protection", "police_protection", "remand")
    assert timescales.PLACEMENT_TYPES == ("standard", "parent_pre_assessment", "connected_person_temporary",
                                          "interim_care_order_with_parent", "care_order_with_parent", "short_breaks")
    assert timescales.CONFIDENCES == ("confirmed", "probable", "unconfirmed")
    for e in ("icpc_requested", "cp_transfer_notified", "transfer_conference", "parent_assessment_completed",
              "parent_placement_decision", "care_leaver_category", "needs_assessment_completed"):
        assert e in timescales.EVENTS


def test_confidence_column_marks_probable_rules() -> None:
    # wales.cp.visit is probable (a registration of 2018); wales.cp.icpc of 2021 is confirmed.
    events = pd.DataFrame({
        "case_id": ["A", "A", "B", "B"],
        "event": ["cp_registered", "cp_visit", "strategy_discussion", "icpc"],
        "date": ["2018-01-15", "2018-02-20", "2021-03-01", "2021-03-22"],
    })
    ob = timescales.evaluate(events, as_of="2018-03-31")
    visit = ob[ob["rule"] == "wales.cp.visit"]
    assert list(visit["confidence"]) == ["probable", "probable"]
    ob2 = timescales.evaluate(events, as_of="2021-04-30", rules=["wales.cp.icpc"])
    assert list(ob2["confidence"]) == ["confirmed"]
    s = timescales.summary(ob)
    assert set(s.loc[s["rule"] == "wales.cp.visit", "confidence"]) == {"probable"}


def test_duplicates_and_events_after_as_of_are_reported() -> None:
    events = pd.DataFrame({
        "case_id": ["C1", "C1", "C1", "C1"],
        "event": ["referral", "referral", "referral_decision", "referral"],
        "date": ["2021-05-10", "2021-05-10", "2021-05-11", "2021-06-01"],
        "team": ["North", "South", "North", "North"],
    }, index=[10, 11, 12, 13])
    with pytest.warns(timescales.RejectedRowsWarning, match="duplicate of row 10"):
        ob = timescales.evaluate(events, as_of="2021-05-31")
    rejected = timescales.evaluation(ob).rejected
    assert list(rejected["row"]) == [11]
    assert list(rejected["reason"]) == ["duplicate of row 10"]
    after = timescales.evaluation(ob).after_as_of
    assert list(after["row"]) == [13] and list(after["event"]) == ["referral"]
    assert ob.attrs["counts"]["after_as_of"] == 1
    # One referral, decided the next working day (Mon 10 May + 1 = Tue 11 May): met.
    decisions = ob[ob["rule"] == "wales.assessment.referral_decision"]
    assert list(decisions["status"]) == ["met"] and list(decisions["team"]) == ["North"]


def test_a_duplicate_names_the_row_it_copies_by_a_multiindex_label() -> None:
    events = pd.DataFrame({
        "case_id": ["C1", "C1"], "event": ["referral", "referral"], "date": ["2021-05-10", "2021-05-10"],
    }, index=pd.MultiIndex.from_tuples([(3, "c"), (4, "d")]))
    with pytest.warns(timescales.RejectedRowsWarning):
        rejected = timescales.evaluation(events, as_of="2021-05-31").rejected
    assert list(rejected["reason"]) == ["duplicate of row (3, 'c')"]


def test_care_plan_not_owed_under_a_care_order() -> None:
    events = pd.DataFrame({
        "case_id": ["C1", "C1", "C2", "C2"],
        "event": ["looked_after_start", "placement_start"] * 2,
        "date": ["2021-03-01"] * 4,
        "legal_status": ["care_order", "", "", ""],
    })
    ob = timescales.evaluate(events, as_of="2021-06-30", rules=["wales.lac.care_plan"])
    assert list(ob["case_id"]) == ["C2"]
    assert "legal status was not recorded" in timescales.explain(ob.iloc[0])


def test_deadlines_beyond_the_calendar_are_reported() -> None:
    # 1 Dec 2060 + 42 working days is in 2061: the Part 3 assessment cannot be judged (C1).
    events = pd.DataFrame({"case_id": ["C1"], "event": ["referral"], "date": ["2060-12-01"]})
    ob = timescales.evaluate(events, as_of="2060-12-31")
    assert "wales.assessment.part3" not in set(ob["rule"])
    u = timescales.evaluation(ob).unjudged
    assert list(u["rule"]) == ["wales.assessment.part3"] and list(u["case_id"]) == ["C1"]
    assert ob.attrs["counts"]["unjudged"] == 1
