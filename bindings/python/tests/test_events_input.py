"""How evaluate() reads a DataFrame of case events: dtypes, missing values, rejected rows."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import PLACEMENT, PLACEMENT_VISITS, chain, frame, run_tool

import timescales

EXPECTED = PLACEMENT_VISITS


def visits(events: pd.DataFrame, **kw: object) -> list[tuple]:
    return chain(timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit", **kw), "wales.lac.visit")


def test_output_columns_and_dtypes() -> None:
    events = frame(PLACEMENT, team="North")
    ob = timescales.evaluate(events, as_of="2021-04-30", explain=True)
    assert list(ob.columns) == ["case_id", "rule", "standard", "occurrence", "trigger_event", "trigger_date",
                                "due_date", "completed_date", "status", "days_late", "working_days_late",
                                "confidence", "team", "explanation", "obligation_key"]
    for c in ("trigger_date", "due_date", "completed_date"):
        assert ob[c].dtype == np.dtype("datetime64[ns]"), c
    for c in ("rule", "standard", "status", "trigger_event", "confidence"):
        assert isinstance(ob[c].dtype, pd.CategoricalDtype), c
    assert list(ob["confidence"].cat.categories) == ["confirmed", "probable", "unconfirmed"]
    assert list(ob["status"].cat.categories) == ["met", "late", "missed", "overdue", "pending", "cancelled"]
    assert list(ob["standard"].cat.categories) == ["statutory", "plan", "local"]
    assert "wales.lac.visit" in ob["rule"].cat.categories
    for c in ("occurrence", "days_late", "working_days_late"):
        assert ob[c].dtype == np.int64, c
    assert isinstance(ob.index, pd.RangeIndex)
    assert ob.attrs["as_of"] == "2021-04-30"  # JSON, so that to_parquet writes the attrs
    assert ob.attrs["counts"]["rows_read"] == 5 and ob.attrs["counts"]["rejected"] == 0
    assert list(timescales.evaluation(ob).rejected.columns) == ["row", "case_id", "column", "reason"]


@pytest.mark.parametrize("unit", ["ns", "us", "ms", "s", "D"])
def test_dates_as_datetime64_of_any_unit_or_text_give_the_same(unit: str) -> None:
    events = frame(PLACEMENT)
    assert visits(events) == EXPECTED
    typed = events.assign(date=pd.to_datetime(events["date"]).to_numpy().astype(f"datetime64[{unit}]"))
    assert typed["date"].dtype.kind == "M"
    assert visits(typed) == EXPECTED


def test_dates_with_a_time_of_day_count_by_their_date() -> None:
    # (a time zone is refused: test_export_input.py)
    events = frame(PLACEMENT)
    stamped = events.assign(date=pd.to_datetime(events["date"]) + pd.Timedelta(hours=23, minutes=59))
    assert visits(stamped) == EXPECTED


def test_dates_as_python_date_objects_and_categoricals() -> None:
    events = frame(PLACEMENT)
    as_dates = events.assign(date=[dt.date.fromisoformat(d) for d in events["date"]])
    assert as_dates["date"].dtype == object
    assert visits(as_dates) == EXPECTED
    assert visits(events.assign(date=events["date"].astype("category"))) == EXPECTED


def test_int_case_ids_come_back_as_ints() -> None:
    a = frame(PLACEMENT, case_id=7)
    b = frame(PLACEMENT[:2], case_id=12)
    events = pd.concat([a, b], ignore_index=True)
    assert events["case_id"].dtype == np.int64
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert ob["case_id"].dtype == np.int64
    assert sorted(set(ob["case_id"])) == [7, 12]
    assert chain(ob[ob["case_id"] == 7], "wales.lac.visit") == EXPECTED


def test_categorical_case_ids_stay_categorical() -> None:
    events = pd.concat([frame(PLACEMENT, case_id="A"), frame(PLACEMENT[:2], case_id="B")], ignore_index=True)
    events["case_id"] = events["case_id"].astype(pd.CategoricalDtype(["B", "A", "unused"]))
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert isinstance(ob["case_id"].dtype, pd.CategoricalDtype)
    assert list(ob["case_id"].cat.categories) == ["B", "A", "unused"]
    assert chain(ob[ob["case_id"] == "A"], "wales.lac.visit") == EXPECTED


def test_the_same_child_as_text_int_or_padded_text() -> None:
    # Case ids, events and dates are trimmed of spaces and tabs, as the CSV reader trims them.
    events = frame(PLACEMENT)
    events["case_id"] = ["42", 42, " 42", "42\t", "42"]
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert ob.attrs["counts"]["children"] == 1
    assert chain(ob, "wales.lac.visit") == EXPECTED


def test_carried_columns_keep_their_dtype_and_come_from_the_trigger_row() -> None:
    events = frame(PLACEMENT)
    events["team"] = pd.Categorical(["North", "North", "North", "South", "South"])
    events["worker"] = [101, 101, 101, 202, 202]
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert isinstance(ob["team"].dtype, pd.CategoricalDtype)
    assert ob["worker"].dtype == np.int64
    # Triggers: placement 1 on row 0, visit on row 1, placement 2 on row 3, visit on row 4.
    assert ob["team"].astype(str).tolist() == ["North", "North", "South", "South"]
    assert ob["worker"].tolist() == [101, 101, 202, 202]


@pytest.mark.parametrize(("true", "false"), [(True, False), ("yes", "no"), ("TRUE", "false"), (1, 0), ("y", "n")])
def test_boolean_attributes_in_any_accepted_form(true: object, false: object) -> None:
    # C6 with intended_until_18 recorded by a review (looked-after.toml's worked example).
    events = frame([("2020-01-06", "placement_start"), ("2020-01-10", "lac_visit"),
                    ("2020-12-01", "lac_review", {"intended_until_18": true}), ("2020-12-30", "lac_visit"),
                    ("2021-01-07", "lac_visit"), ("2021-04-01", "lac_visit")])
    ob = timescales.evaluate(events, as_of="2021-05-01", rules="wales.lac.visit")
    assert ob["due_date"].dt.strftime("%Y-%m-%d").tolist()[-2:] == ["2021-04-07", "2021-07-01"]
    events.loc[events["event"] == "lac_review", "intended_until_18"] = false
    ob = timescales.evaluate(events, as_of="2021-05-01", rules="wales.lac.visit")
    assert ob["due_date"].dt.strftime("%Y-%m-%d").tolist()[-2:] == ["2021-02-18", "2021-05-13"]


def test_nat_in_date_is_a_rejected_row_and_a_warning() -> None:
    events = frame(PLACEMENT)
    events["date"] = pd.to_datetime(events["date"])
    events.index = [10, 20, 30, 40, 50]
    events.loc[50, "date"] = pd.NaT  # the second placement's visit
    with pytest.warns(timescales.RejectedRowsWarning, match="1 of 5 rows"):
        ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    rejected = timescales.evaluation(ob).rejected
    assert rejected[["row", "case_id", "column"]].values.tolist() == [[50, "C1", "date"]]
    assert "missing date" in rejected["reason"].iloc[0]
    assert ob.attrs["counts"] == {**ob.attrs["counts"], "rows_read": 5, "used": 4, "rejected": 1}
    # The other rows are evaluated: the new placement's first visit is now overdue.
    assert chain(ob, "wales.lac.visit")[2:] == [(1, "2021-04-01", "2021-04-08", "", "overdue")]


def test_datetimes_out_of_range_or_missing_are_rejected_and_their_children_not_counted() -> None:
    # Seconds hold years pandas' nanoseconds cannot: 20000-01-01 cannot even be written as text.
    dates = np.array(["2021-01-04", "1850-01-01", "20000-01-01", "NaT", "2021-01-05"], dtype="datetime64[s]")
    events = pd.DataFrame({"case_id": ["C1", " C1", "C2", "C3", "C1"], "event": ["referral"] * 5,
                           "date": pd.Series(dates)})
    with pytest.warns(timescales.RejectedRowsWarning, match="3 of 5 rows"):
        ob = timescales.evaluate(events, rules="wales.assessment.part3")
    rejected = timescales.evaluation(ob).rejected
    assert rejected[["row", "case_id", "column"]].values.tolist() == [[1, "C1", "date"], [2, "C2", "date"],
                                                                      [3, "C3", "date"]]
    assert rejected["reason"].tolist() == [
        "1850-01-01 is outside the supported range (1990-01-01 to 2060-12-31)",
        "the date is outside the supported range (1990-01-01 to 2060-12-31)",
        "missing date (NaT or empty): expected YYYY-MM-DD"]
    # " C1" is C1 (event columns are trimmed, as the CSV reader trims fields); C2 and C3 have no
    # usable row, so they are no children of the evaluation.
    assert ob.attrs["counts"]["children"] == 1
    assert ob.attrs["counts"]["used"] == 2


def test_missing_values_in_text_dates_and_attributes() -> None:
    events = frame(PLACEMENT)
    events["date"] = events["date"].astype(object)
    events.loc[4, "date"] = None
    events["placement_type"] = [np.nan, None, None, "standard", None]
    with pytest.warns(timescales.RejectedRowsWarning):
        ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert timescales.evaluation(ob).rejected["row"].tolist() == [4]


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, "", "  "])
def test_a_missing_text_date_has_one_reason_however_it_is_missing(missing: object) -> None:
    # pandas reads an empty cell as NaN, or as "" with keep_default_na=False: the same reason as
    # NaT, whichever way the frame holds it.
    events = pd.DataFrame({"case_id": ["C1", "C1"], "event": ["referral", "referral"],
                           "date": pd.Series(["2021-01-04", missing], dtype=object)})
    with pytest.warns(timescales.RejectedRowsWarning, match="1 of 2 rows"):
        ev = timescales.evaluation(events)
    assert ev.rejected[["row", "column", "reason"]].values.tolist() == [
        [1, "date", "missing date (NaT or empty): expected YYYY-MM-DD"]]


def test_rejections_say_what_the_tool_says(tmp_path: Path) -> None:
    # The same bad rows through the tool (CSV) and the DataFrame: the same columns and reasons.
    rows = [("C1", "referral", "2021-02-30"), ("C1", "referal", "2021-02-01"), ("", "referral", "2021-02-01"),
            ("C1", "referral", "1985-01-01"), ("C1", "referral", "01/02/2021"),
            ("C1", "placement_start", "2021-02-01", "foster"), ("C1", "lac_review", "2021-02-02", "", "4 wks"),
            ("C1", "cp_visit", "2021-02-03", "", "", "maybe")]
    columns = ["case_id", "event", "date", "placement_type", "visit_interval", "seen_alone"]
    events = pd.DataFrame([list(r) + [""] * (len(columns) - len(r)) for r in rows], columns=columns)
    csv = tmp_path / "events.csv"
    events.to_csv(csv, index=False)
    out = run_tool("evaluate", str(csv), "--rejected", str(tmp_path / "rejected.csv"), "--out", str(tmp_path / "o.csv"))
    assert out.returncode == 2, out.stderr  # no row could be used: not a clean run, but every rejection is written
    assert "no row could be used (8 read, 8 rejected)" in out.stderr
    tool = pd.read_csv(tmp_path / "rejected.csv", dtype=str, keep_default_na=False)
    with pytest.warns(timescales.RejectedRowsWarning, match=f"{len(rows)} of {len(rows)} rows"):
        ob = timescales.evaluate(events)
    ours = timescales.evaluation(ob).rejected
    assert ours["row"].tolist() == list(range(len(rows)))
    assert tool["line"].astype(int).tolist() == [r + 2 for r in range(len(rows))]
    assert ours[["case_id", "column", "reason"]].values.tolist() == tool[["case_id", "column", "reason"]].values.tolist()
    assert "impossible date '2021-02-30'" in ours["reason"].iloc[0]
    assert "outside the supported range" in ours["reason"].iloc[3]


def test_strict_raises_with_the_rejected_rows() -> None:
    events = frame(PLACEMENT)
    events.loc[1, "event"] = "visit"
    with pytest.raises(timescales.RejectedRowsError, match="unknown event 'visit'") as error:
        timescales.evaluate(events, strict=True)
    assert isinstance(error.value, ValueError)
    assert error.value.rejected["row"].tolist() == [1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        timescales.evaluate(frame(PLACEMENT), strict=True)  # nothing rejected: no warning, no error


@pytest.mark.parametrize(("drop", "message"), [
    (["date"], "missing required column date (the header must name case_id, event and date)"),
    (["case_id", "event"], "missing required columns case_id, event (the header must name case_id, event and date)"),
])
def test_a_missing_required_column_is_an_exception_naming_it(drop: list[str], message: str, tmp_path: Path) -> None:
    events = frame(PLACEMENT).drop(columns=drop)
    with pytest.raises(timescales.MissingColumnError) as error:
        timescales.evaluate(events)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)
    # The tool's message for the same file, after its "FILE:1: " prefix.
    csv = tmp_path / "events.csv"
    events.to_csv(csv, index=False)
    out = run_tool("evaluate", str(csv))
    assert out.returncode == 2
    assert out.stderr.strip().endswith(f"{csv}:1: {message}")
    with pytest.raises(timescales.MissingColumnError, match=drop[0]):
        timescales.report(events)


def test_other_bad_inputs() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        timescales.evaluate("events.csv")  # type: ignore[arg-type]
    twice = pd.DataFrame([["C1", "referral", "2021-01-01", "2021-01-02"]], columns=["case_id", "event", "date", "date"])
    with pytest.raises(timescales.TimescalesError, match="column 'date' appears twice"):
        timescales.evaluate(twice)
    with pytest.raises(timescales.TimescalesError, match="unknown rule 'wales.nope'"):
        timescales.evaluate(frame(PLACEMENT), rules=["wales.nope"])
    with pytest.raises(timescales.DateError, match="malformed date '30/04/2021'"):
        timescales.evaluate(frame(PLACEMENT), as_of="30/04/2021")
    with pytest.raises(timescales.DateOutOfRangeError, match="outside the supported range"):
        timescales.evaluate(frame(PLACEMENT), as_of="2099-01-01")


@pytest.mark.parametrize("as_of", ["2021-04-30", dt.date(2021, 4, 30), dt.datetime(2021, 4, 30, 12),
                                   pd.Timestamp("2021-04-30"), np.datetime64("2021-04-30")])
def test_as_of_in_any_date_form(as_of: object) -> None:
    assert visits(frame(PLACEMENT)) == chain(
        timescales.evaluate(frame(PLACEMENT), as_of=as_of, rules="wales.lac.visit"), "wales.lac.visit")


def test_empty_events() -> None:
    ob = timescales.evaluate(pd.DataFrame({"case_id": [], "event": [], "date": []}))
    assert ob.empty and list(ob.columns)[:3] == ["case_id", "rule", "standard"]
    assert ob["due_date"].dtype == np.dtype("datetime64[ns]")


def test_row_order_does_not_matter(sample_events: pd.DataFrame) -> None:
    ob = timescales.evaluate(sample_events)
    shuffled = sample_events.sample(frac=1.0, random_state=7)
    again = timescales.evaluate(shuffled)
    key = ["case_id", "rule", "standard", "trigger_date", "occurrence"]
    a = ob.sort_values(key).reset_index(drop=True)
    b = again.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_the_sample_gives_what_the_tool_gives(sample_path: Path, tmp_path: Path) -> None:
    out = run_tool("evaluate", str(sample_path), "--out", str(tmp_path / "tool.csv"), "--explain")
    assert out.returncode == 0, out.stderr
    tool = pd.read_csv(tmp_path / "tool.csv", dtype=str, keep_default_na=False)
    # Read as pandas would by default: dates as text, booleans and blanks as NaN/objects.
    ob = timescales.evaluate(pd.read_csv(sample_path), explain=True)
    mine = ob.drop(columns="obligation_key")  # Python's own column: the tool's rows have no key to keep
    for c in ("trigger_date", "due_date", "completed_date"):
        mine[c] = mine[c].dt.strftime("%Y-%m-%d").fillna("")
    mine = mine.astype(str)
    assert list(mine.columns) == list(tool.columns)
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), tool, check_dtype=False)


def test_evaluations_in_threads_agree(sample_events: pd.DataFrame) -> None:
    # The GIL is released during evaluation; the shared rulebook is immutable.
    from concurrent.futures import ThreadPoolExecutor

    expected = timescales.evaluate(sample_events)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: timescales.evaluate(sample_events), range(4)))
    for r in results:
        pd.testing.assert_frame_equal(r, expected)
