"""due, add_working_days, working_days_between: vectorised, in the kind and shape they were given,
and equal to the scalar path and to numpy's business-day functions with the package's holidays."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import timescales

RNG = np.random.default_rng(20240601)
START = np.datetime64("1992-01-01")  # room for counting back a year or two inside the range
END = np.datetime64("2055-12-31")  # leaves room for the longest period below inside the range


def random_dates(n: int) -> np.ndarray:
    span = int((END - START).astype(int))
    return START + RNG.integers(0, span, size=n).astype("timedelta64[D]")


@pytest.fixture(scope="module")
def busdays() -> np.busdaycalendar:
    hol = timescales.holidays()
    return np.busdaycalendar(weekmask="1111100", holidays=hol["date"].to_numpy().astype("datetime64[D]"))


# ---------------------------------------------------------------------------------------------
# Worked values (docs/conventions.md)

@pytest.mark.parametrize(("start", "period", "deadline"), [
    ("2019-12-20", "15 working days", "2020-01-15"),  # C2
    ("2019-02-28", "3 months", "2019-05-28"),         # C4: not snapped to the month end
    ("2019-11-30", "3 months", "2020-02-29"),         # C4: clamped
    ("2020-01-31", "1 month", "2020-02-29"),
    ("2024-02-19", "6 weeks", "2024-04-01"),          # C3: Easter Monday stands
    ("2021-12-17", "15 working days", "2022-01-12"),  # substitute days skipped
])
def test_worked_deadlines(start: str, period: str, deadline: str) -> None:
    assert timescales.due(start, period) == deadline


def test_christmas_eve_calendar() -> None:
    # 2019-12-20 + 15 working days with Christmas Eve also closed: one day later.
    assert timescales.due("2019-12-20", "15 working days", calendar="england-and-wales+christmas-eve") == "2020-01-16"


def test_one_off_holidays_every_date_function() -> None:
    # Fri 16 Sep 2022 + 1 working day skips Mon 19 Sep, the Queen's funeral: a one-off holiday that
    # only the calendar's data knows (include/timescales/calendar.hpp).
    assert timescales.due("2022-09-16", "1 working day") == "2022-09-20"
    assert timescales.add_working_days("2022-09-16", 1) == "2022-09-20"
    assert timescales.working_days_between("2022-09-16", "2022-09-20") == 1
    assert timescales.is_working_day("2022-09-19") is False


# ---------------------------------------------------------------------------------------------
# Kinds and shapes

def test_scalars_come_back_as_the_same_type() -> None:
    assert timescales.due("2019-12-20", "15 working days") == "2020-01-15"
    assert timescales.due(dt.date(2019, 12, 20), "15 working days") == dt.date(2020, 1, 15)
    assert timescales.due(dt.datetime(2019, 12, 20, 9, 30), "15 working days") == dt.date(2020, 1, 15)
    got = timescales.due(pd.Timestamp("2019-12-20"), "15 working days")
    assert isinstance(got, pd.Timestamp) and got == pd.Timestamp("2020-01-15")
    got = timescales.due(np.datetime64("2019-12-20"), "15 working days")
    assert isinstance(got, np.datetime64) and got == np.datetime64("2020-01-15")
    assert timescales.due(pd.NaT, "6 weeks") is pd.NaT


def test_arrays_keep_shape_and_unit() -> None:
    days = np.array([["2019-12-20", "2019-11-30"], ["2020-01-31", "NaT"]], dtype="datetime64[D]")
    got = timescales.due(days, "1 month")
    assert got.shape == (2, 2) and got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [[dt.date(2020, 1, 20), dt.date(2019, 12, 30)], [dt.date(2020, 2, 29), None]]
    ns = days.astype("datetime64[ns]")
    assert timescales.due(ns, "1 month").dtype == np.dtype("datetime64[ns]")
    assert timescales.due(np.array([], dtype="datetime64[D]"), "6 weeks").shape == (0,)


def test_series_index_and_lists() -> None:
    s = pd.Series(pd.to_datetime(["2019-12-20", None, "2019-11-30"]), index=["a", "b", "c"], name="referred")
    got = timescales.due(s, "15 working days")
    assert isinstance(got, pd.Series) and list(got.index) == ["a", "b", "c"] and got.name == "referred"
    assert got.dtype == s.dtype
    assert got.iloc[0] == pd.Timestamp("2020-01-15") and pd.isna(got.iloc[1])
    text = pd.Series(["2019-12-20", "2019-12-20", None])
    assert timescales.due(text, "15 working days").dt.strftime("%Y-%m-%d").tolist()[:2] == ["2020-01-15"] * 2
    idx = pd.DatetimeIndex(["2019-12-20"], name="d")
    got = timescales.due(idx, "15 working days")
    assert isinstance(got, pd.DatetimeIndex) and got.name == "d" and got[0] == pd.Timestamp("2020-01-15")
    got = timescales.due(["2019-12-20", dt.date(2019, 11, 30)], "3 months")
    assert got.tolist() == [dt.date(2020, 3, 20), dt.date(2020, 2, 29)]


def test_vectorised_due_equals_the_scalar_path_on_1000_random_dates() -> None:
    dates = random_dates(1000)
    for period in ("15 working days", "42 working days", "1 week", "6 weeks", "28 days", "1 month", "3 months",
                   "6 months", "12 months"):
        vector = timescales.due(dates, period)
        series = timescales.due(pd.Series(dates), period)
        scalar = [timescales.due(d.item(), period) for d in dates]  # datetime.date each
        text = [timescales.due(str(d), period) for d in dates[:100]]
        assert vector.tolist() == scalar, period
        assert series.dt.date.tolist() == scalar, period
        assert text == [str(d) for d in vector[:100]], period


# ---------------------------------------------------------------------------------------------
# Against numpy's business days, with the same holidays

def test_add_working_days_agrees_with_numpy_busday_offset(busdays: np.busdaycalendar) -> None:
    dates = random_dates(1000)
    for n in (1, 5, 10, 15, 20, 42, 250):
        ours = timescales.add_working_days(dates, n)
        # C2: day 0 is the date itself, working day or not: numpy rolls a non-working date back
        # to the previous working day, then counts forward.
        theirs = np.busday_offset(dates, n, roll="backward", busdaycal=busdays)
        np.testing.assert_array_equal(ours, theirs)
        back = timescales.add_working_days(dates, -n)
        np.testing.assert_array_equal(back, np.busday_offset(dates, -n, roll="forward", busdaycal=busdays))
    np.testing.assert_array_equal(timescales.add_working_days(dates, 0), dates)


def test_add_working_days_with_an_array_of_counts(busdays: np.busdaycalendar) -> None:
    dates = random_dates(500)
    n = RNG.integers(1, 100, size=500)
    np.testing.assert_array_equal(timescales.add_working_days(dates, n),
                                  np.busday_offset(dates, n, roll="backward", busdaycal=busdays))
    # A single date, many counts; a Series of counts keeps its index.
    one = timescales.add_working_days("2019-12-20", np.arange(1, 16))
    assert one[-1] == np.datetime64("2020-01-15") and one.shape == (15,)
    s = timescales.add_working_days(pd.Series(pd.to_datetime(["2024-03-28", "2024-03-28"]), index=[5, 6]), [1, 2])
    assert list(s.index) == [5, 6] and s.dt.date.tolist() == [dt.date(2024, 4, 2), dt.date(2024, 4, 3)]
    with pytest.raises(TypeError, match="whole numbers"):
        timescales.add_working_days(dates, 1.5)


def test_working_days_between_agrees_with_numpy_busday_count(busdays: np.busdaycalendar) -> None:
    a = random_dates(1000)
    b = a + RNG.integers(-400, 400, size=1000).astype("timedelta64[D]")
    ours = timescales.working_days_between(a, b)
    # Working days in (a, b]: numpy counts [begin, end), so [a + 1, b + 1). Backwards, ours is
    # minus the working days in (b, a], and numpy's count from a later begin counts (end, begin].
    theirs = np.where(b >= a, np.busday_count(a + 1, b + 1, busdaycal=busdays), np.busday_count(a, b, busdaycal=busdays))
    np.testing.assert_array_equal(ours, theirs)
    assert ours.dtype == np.int64
    n = RNG.integers(0, 300, size=1000)
    np.testing.assert_array_equal(timescales.working_days_between(a, timescales.add_working_days(a, n)), n)
    assert timescales.working_days_between("2019-12-20", "2020-01-15") == 15
    assert timescales.working_days_between("2020-01-15", "2019-12-20") == -15


def test_working_days_between_missing_dates() -> None:
    s = pd.Series(pd.to_datetime(["2019-12-20", None]))
    got = timescales.working_days_between(s, "2020-01-15")
    assert str(got.dtype) == "Int64" and got.iloc[0] == 15 and pd.isna(got.iloc[1])
    full = timescales.working_days_between(pd.Series(pd.to_datetime(["2019-12-20"])), "2020-01-15")
    assert full.dtype == np.int64
    with pytest.raises(timescales.DateError, match="NaT"):
        timescales.working_days_between(np.array(["2019-12-20", "NaT"], dtype="datetime64[D]"), "2020-01-15")


def test_is_working_day_and_holidays() -> None:
    assert timescales.is_working_day("2019-12-24") is True  # Christmas Eve is a working day (C1)
    assert timescales.is_working_day("2019-12-25") is False
    assert timescales.is_working_day("2019-12-21") is False  # a Saturday
    assert not timescales.is_working_day("2019-12-24", calendar="england-and-wales+christmas-eve")
    hol = timescales.holidays(start="2022-01-01", end="2022-12-31")
    assert "State Funeral of Queen Elizabeth II" in " ".join(hol["name"])
    assert (hol["date"] == pd.Timestamp("2022-09-19")).any()
    assert hol.attrs["supported"] == ["1990-01-01", "2060-12-31"]
    projected = timescales.holidays(start="2040-01-01", end="2040-12-31")
    assert set(projected["source"]) == {"projected"} and len(projected) == 8
    cal = timescales.calendars()
    assert set(cal["id"]) == {"england-and-wales", "england-and-wales+christmas-eve"}


# ---------------------------------------------------------------------------------------------
# Errors: the library's messages

def test_errors_carry_the_tools_messages() -> None:
    from support import run_tool

    cases = [
        (("2019-12-20", "15 wrking days"), timescales.PeriodError),
        (("2019-12-20", "3 years"), timescales.PeriodError),
        (("2019-12-20", "0 days"), timescales.PeriodError),
        (("2019-02-29", "6 weeks"), timescales.DateError),
        (("20/12/2019", "6 weeks"), timescales.DateError),
        (("2060-12-20", "15 working days"), timescales.DateOutOfRangeError),
        (("1989-12-20", "6 weeks"), timescales.DateOutOfRangeError),
    ]
    for (date, period), kind in cases:
        out = run_tool("due", date, period)
        assert out.returncode == 2
        tool_message = out.stderr.strip().removeprefix("timescales due: ")
        with pytest.raises(kind) as error:
            timescales.due(date, period)
        assert str(error.value) == tool_message, (date, period)
        assert isinstance(error.value, ValueError)
    with pytest.raises(timescales.CalendarError, match="unknown calendar 'wales'; known calendars: england-and-wales"):
        timescales.due("2019-12-20", "6 weeks", calendar="wales")
    out_of_range = np.array(["2019-12-20", "2060-12-30"], dtype="datetime64[D]")
    with pytest.raises(timescales.DateOutOfRangeError,
                       match=r"2060-12-30 \+ 15 working days falls outside the supported range"):
        timescales.due(out_of_range, "15 working days")
    assert issubclass(timescales.DateOutOfRangeError, timescales.DateError)


def test_the_gil_is_released_during_vectorised_work() -> None:
    # Two threads computing deadlines over large arrays at once give the same answers as one.
    from concurrent.futures import ThreadPoolExecutor

    dates = random_dates(200_000)
    expected = timescales.due(dates, "42 working days")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: timescales.due(dates, p), ["42 working days"] * 4))
    for r in results:
        np.testing.assert_array_equal(r, expected)


def test_a_time_zone_is_refused_never_shifted() -> None:
    # 2021-06-30 23:30 UTC is 2021-07-01 00:30 in London (BST): which day depends on the zone, so the
    # date helpers refuse a zoned value as evaluate() refuses a zoned column, naming what was given.
    zoned = pd.Timestamp("2021-06-30 23:30", tz="UTC")
    with pytest.raises(timescales.TimescalesError, match="time zone"):
        timescales.due(zoned, "3 months")
    with pytest.raises(timescales.TimescalesError, match="time zone"):
        timescales.due(pd.Series([zoned]), "3 months")
    with pytest.raises(timescales.TimescalesError, match="time zone"):
        timescales.evaluate(pd.DataFrame({"case_id": ["C1"], "event": ["referral"], "date": ["2021-03-01"]}),
                            as_of=zoned)
    # The civil date, once chosen, is used as it is: 2021-07-01 + 3 months = 2021-10-01.
    assert timescales.due(zoned.tz_convert("Europe/London").tz_localize(None), "3 months") == pd.Timestamp("2021-10-01")


def test_holidays_survive_parquet(tmp_path) -> None:
    # Timestamps in attrs made to_parquet fail (pandas writes attrs as JSON in the file's metadata).
    pytest.importorskip("pyarrow")
    hol = timescales.holidays(start="2024-01-01", end="2024-12-31")
    hol.to_parquet(tmp_path / "holidays.parquet")
    back = pd.read_parquet(tmp_path / "holidays.parquet")
    assert back["date"].tolist() == hol["date"].tolist()
    assert back.attrs["supported"] == hol.attrs["supported"]
