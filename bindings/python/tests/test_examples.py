"""The hand-derived worked examples of rules/wales/*.toml, through the DataFrame API.

The named scenarios below copy their events and expectations from the rule files (where each was
counted by hand from the statute and the conventions); the last test runs every example of every
rule file the same way, as the C++ examples runner does.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from support import chain, frame

import timescales


def test_icpc_after_two_strategy_discussions_runs_from_the_second() -> None:
    # child-protection.toml: 15 working days after Mon 11 Jan 2021: 12-15 Jan (4), 18-22 (9),
    # 25-29 (14), Mon 1 Feb (15).
    events = frame([("2021-01-04", "strategy_discussion"), ("2021-01-11", "strategy_discussion"),
                    ("2021-01-29", "icpc")])
    ob = timescales.evaluate(events, as_of="2021-03-01", rules="wales.cp.icpc")
    assert chain(ob, "wales.cp.icpc") == [(1, "2021-01-11", "2021-02-01", "2021-01-29", "met")]
    assert ob["trigger_event"].iloc[0] == "strategy_discussion"
    assert ob["days_late"].iloc[0] == 0 and ob["working_days_late"].iloc[0] == 0


def test_the_c2_example_over_christmas_is_late_by_one_day() -> None:
    # child-protection.toml, the 2008 procedures' version (C10): Fri 20 Dec 2019 + 15 working days.
    events = frame([("2019-12-20", "strategy_discussion"), ("2020-01-16", "icpc")])
    ob = timescales.evaluate(events, as_of="2020-02-28", rules=["wales.cp.icpc"], explain=True)
    assert chain(ob, "wales.cp.icpc") == [(1, "2019-12-20", "2020-01-15", "2020-01-16", "late")]
    assert (ob["days_late"].iloc[0], ob["working_days_late"].iloc[0]) == (1, 1)
    why = ob["explanation"].iloc[0]
    for part in ("wales.cp.icpc", "All Wales Child Protection Procedures 2008", "Christmas Day", "Boxing Day",
                 "New Year's Day", "strategy_discussion on 2019-12-20", "icpc on 2020-01-16"):
        assert part in why


ANNIVERSARY = [
    ("2020-01-06", "looked_after_start"),
    ("2020-01-06", "placement_start", {"placement_type": "standard"}),
    ("2020-01-10", "lac_visit"),
    ("2020-12-30", "lac_visit"),
    ("2021-01-07", "lac_visit"),
    ("2021-04-01", "lac_visit"),
]


def test_crossing_the_first_anniversary_with_intended_until_18() -> None:
    # looked-after.toml (C6): 6 Jan 2020 + 1 week = 13 Jan. 10 Jan + 6 weeks = 21 Feb; visited
    # 30 Dec, late. 30 Dec is inside the first year: 6 weeks, 10 Feb. 7 Jan 2021 is after the
    # anniversary and the placement is intended to last until 18: 3 months, 7 Apr. 1 Apr + 3
    # months = 1 Jul.
    events = frame(ANNIVERSARY + [("2020-12-01", "lac_review", {"intended_until_18": True})])
    ob = timescales.evaluate(events, as_of="2021-05-01", rules="wales.lac.visit")
    assert [(o, due, done, s) for o, _, due, done, s in chain(ob, "wales.lac.visit")] == [
        (1, "2020-01-13", "2020-01-10", "met"),
        (2, "2020-02-21", "2020-12-30", "late"),
        (3, "2021-02-10", "2021-01-07", "met"),
        (4, "2021-04-07", "2021-04-01", "met"),
        (5, "2021-07-01", "", "pending"),
    ]
    assert timescales.evaluation(ob).findings.empty


def test_the_same_visits_without_intended_until_18_stay_six_weekly() -> None:
    # 7 Jan 2021 + 6 weeks = 18 Feb, visited 1 Apr: late; 1 Apr + 6 weeks = 13 May.
    ob = timescales.evaluate(frame(ANNIVERSARY), as_of="2021-05-01", rules="wales.lac.visit")
    assert [(o, due, done, s) for o, _, due, done, s in chain(ob, "wales.lac.visit")] == [
        (1, "2020-01-13", "2020-01-10", "met"),
        (2, "2020-02-21", "2020-12-30", "late"),
        (3, "2021-02-10", "2021-01-07", "met"),
        (4, "2021-02-18", "2021-04-01", "late"),
        (5, "2021-05-13", "", "pending"),
    ]
    # 18 Feb to 1 Apr 2021: 42 days; working days in (18 Feb, 1 Apr]: 19 Feb, then 5 weeks of 5, then 29 Mar - 1 Apr.
    late = ob[ob["occurrence"] == 4].iloc[0]
    assert (late["days_late"], late["working_days_late"]) == (42, 1 + 25 + 4)


def test_a_review_asking_for_three_monthly_visits_in_the_first_year_is_refused() -> None:
    # looked-after.toml (C7): the limit in the first year is 6 weeks; the review's 3 months is not
    # applied, and a finding says so. 5 Mar + 6 weeks = 16 Apr (visited 15 Apr); 15 Apr + 6 weeks = 27 May.
    events = frame([("2021-03-01", "placement_start"), ("2021-03-05", "lac_visit"),
                    ("2021-04-01", "lac_review", {"visit_interval": "3 months"}), ("2021-04-15", "lac_visit")])
    events.index = ["a", "b", "c", "d"]
    ob = timescales.evaluate(events, as_of="2021-05-01", rules="wales.lac.visit")
    assert [(o, due, done, s) for o, _, due, done, s in chain(ob, "wales.lac.visit")] == [
        (1, "2021-03-08", "2021-03-05", "met"),
        (2, "2021-04-16", "2021-04-15", "met"),
        (3, "2021-05-27", "", "pending"),
    ]
    assert chain(ob, "wales.lac.visit", "plan") == []
    findings = timescales.evaluation(ob).findings
    assert len(findings) == 1
    f = findings.iloc[0]
    assert (f["case_id"], f["rule"], f["event"], f["attribute"], f["asked"], f["limit"]) == (
        "C1", "wales.lac.visit", "lac_review", "visit_interval", "3 months", "6 weeks")
    assert f["date"] == pd.Timestamp("2021-04-01")
    assert f["row"] == "c"  # the index label of the review's row
    for part in ("3 months", "6 weeks", "lac_review", "2021-04-01", "wales.lac.visit"):
        assert part in f["explanation"]


def test_a_review_asking_for_four_weekly_visits_sets_the_plan_standard() -> None:
    # looked-after.toml (C7): the plan governs occurrences whose previous visit is on or after the
    # review (20 Mar): from the visit on 15 Apr. Statutory: 15 Apr + 6 weeks = 27 May (met 20 May);
    # 20 May + 6 weeks = 1 Jul. Plan: 15 Apr + 4 weeks = 13 May (late 20 May); 20 May + 4 weeks =
    # 17 Jun, overdue on 30 Jun.
    events = frame([("2021-03-01", "placement_start"), ("2021-03-05", "lac_visit"),
                    ("2021-03-20", "lac_review", {"visit_interval": "4 weeks"}), ("2021-04-15", "lac_visit"),
                    ("2021-05-20", "lac_visit")])
    ob = timescales.evaluate(events, as_of="2021-06-30", rules="wales.lac.visit", explain=True)
    assert [(o, due, done, s) for o, _, due, done, s in chain(ob, "wales.lac.visit")] == [
        (1, "2021-03-08", "2021-03-05", "met"),
        (2, "2021-04-16", "2021-04-15", "met"),
        (3, "2021-05-27", "2021-05-20", "met"),
        (4, "2021-07-01", "", "pending"),
    ]
    assert [(o, due, done, s) for o, _, due, done, s in chain(ob, "wales.lac.visit", "plan")] == [
        (3, "2021-05-13", "2021-05-20", "late"),
        (4, "2021-06-17", "", "overdue"),
    ]
    plan = ob[ob["standard"] == "plan"]
    assert plan["days_late"].tolist() == [7, 13]
    assert "plan standard" in plan["explanation"].iloc[0] and "4 weeks" in plan["explanation"].iloc[0]
    assert timescales.evaluation(ob).findings.empty


def test_a_placement_ending_and_the_next_starting_the_same_day() -> None:
    # looked-after.toml (C8): the first placement's second visit (due 4 Mar + 6 weeks = 15 Apr) is
    # cancelled on 1 Apr; the new placement's duty, opened that same day, survives the end of the
    # old one: due 8 Apr, then 7 Apr + 6 weeks = 19 May. Rows in an unhelpful order: C8 sorts them.
    events = frame([("2021-04-07", "lac_visit"), ("2021-04-01", "placement_start"), ("2021-04-01", "placement_end"),
                    ("2021-03-04", "lac_visit"), ("2021-03-01", "placement_start")])
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert chain(ob, "wales.lac.visit") == [
        (1, "2021-03-01", "2021-03-08", "2021-03-04", "met"),
        (2, "2021-03-04", "2021-04-15", "", "cancelled"),
        (1, "2021-04-01", "2021-04-08", "2021-04-07", "met"),
        (2, "2021-04-07", "2021-05-19", "", "pending"),
    ]


def test_several_children_and_every_rule_at_once() -> None:
    # The same scenarios for three children in one frame, with every rule: each child's visits are
    # as when evaluated alone.
    a = frame([("2021-03-01", "placement_start"), ("2021-03-04", "lac_visit"), ("2021-04-01", "placement_end"),
               ("2021-04-01", "placement_start"), ("2021-04-07", "lac_visit")], case_id="A")
    b = frame(ANNIVERSARY + [("2020-12-01", "lac_review", {"intended_until_18": True})], case_id="B")
    c = frame([("2021-01-04", "strategy_discussion"), ("2021-01-11", "strategy_discussion"), ("2021-01-29", "icpc")],
              case_id="C")
    both = pd.concat([b, c, a], ignore_index=True)
    ob = timescales.evaluate(both, as_of="2021-04-30")
    visits = ob[(ob["rule"] == "wales.lac.visit") & (ob["case_id"] == "A")]
    assert visits["status"].astype(str).tolist() == ["met", "cancelled", "met", "pending"]
    icpc = ob[ob["rule"] == "wales.cp.icpc"]
    assert icpc["case_id"].tolist() == ["C"] and icpc["due_date"].iloc[0] == pd.Timestamp("2021-02-01")
    assert set(ob["case_id"]) <= {"A", "B", "C"}


# ---------------------------------------------------------------------------------------------
# Every worked example of every rule file.

def _examples(repo: Path) -> list[Any]:
    if sys.version_info < (3, 11):
        return []
    import tomllib

    out = []
    for path in sorted((repo / "rules").rglob("*.toml")):
        if "calendars" in path.parts or "measures" in path.parts:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for rule in data.get("rule", []):
            for example in rule.get("example", []):
                example = {**example, "rule_standard": rule.get("standard", "statutory")}
                out.append(pytest.param(rule["id"], example, id=f"{rule['id']}: {example['name']}"))
    return out


REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def rules_directory() -> timescales.Rulebook:
    # The project's rules/ as read from disk, local standards included (the built-in rules leave
    # rules/local out: shipped as an example, never applied by default).
    return timescales.load_rules(REPO / "rules")


@pytest.mark.skipif(sys.version_info < (3, 11), reason="reads the rule files with tomllib")
@pytest.mark.parametrize(("rule", "example"), _examples(REPO))
def test_every_rule_file_example(rule: str, example: dict[str, Any], rules_directory: timescales.Rulebook) -> None:
    rows = []
    for e in example["events"]:
        row = {"case_id": "example", **e}
        rows.append(row)
    events = pd.DataFrame.from_records(rows)
    if events.empty:
        events = pd.DataFrame({"case_id": [], "event": [], "date": []})
    # TOML dates arrive as datetime.date objects: an object column of dates is accepted too.
    ob = timescales.evaluate(events, as_of=example["as_of"], rules=rules_directory.select([rule]), strict=True)

    def day(d: dt.date | None) -> str:
        return "" if d is None else d.isoformat()

    got = [(str(o.standard), int(o.occurrence), o.trigger_date.date().isoformat(), o.due_date.date().isoformat(),
            "" if pd.isna(o.completed_date) else o.completed_date.date().isoformat(), str(o.status))
           for o in ob.itertuples()]
    unmatched = list(got)
    for want in example.get("expect", []):
        match = [g for g in unmatched
                 if g[0] == want.get("standard", example["rule_standard"]) and g[1] == want["occurrence"]
                 and ("trigger" not in want or g[2] == day(want["trigger"])) and g[3] == day(want["due"])
                 and g[4] == day(want.get("completed")) and g[5] == want["status"]]
        assert match, f"expected {want}, not produced; got {got}"
        unmatched.remove(match[0])
    assert not unmatched, f"produced {unmatched}, not expected"
    findings = timescales.evaluation(ob).findings
    wanted = sorted((day(f["date"]), timescales._core.parse_period(f["asked"])[2]) for f in example.get("findings", []))
    assert sorted(zip(findings["date"].dt.date.map(day), findings["asked"])) == wanted
