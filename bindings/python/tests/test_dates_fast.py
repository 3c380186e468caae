"""add_working_days' zero-copy path (datetime64 arrays, Series and DatetimeIndex with int64/int32
counts, read in place) against numpy.busday_offset with the package's holidays and against the
general path (object arrays of dates, which are converted first)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import timescales
from timescales import _dates

RNG = np.random.default_rng(7)
START = np.datetime64("1992-01-01", "D")
SPAN = int((np.datetime64("2055-12-31", "D") - START).astype(int))


@pytest.fixture(scope="module")
def busdays() -> np.busdaycalendar:
    hol = timescales.holidays()["date"].to_numpy().astype("datetime64[D]")
    return np.busdaycalendar(weekmask="1111100", holidays=hol)


def expected(dates_d: np.ndarray, n: np.ndarray, cal: np.busdaycalendar) -> np.ndarray:
    """C2 by numpy: the date is day 0 even when it is not a working day, so a non-working date rolls
    back before counting forward (benchmarks/compare_workdays.py) and forward before counting back;
    n = 0 is the date itself; NaT stays NaT."""
    n = np.broadcast_to(n, dates_d.shape)
    out = dates_d.copy()
    for mask, roll in (((n > 0), "backward"), ((n < 0), "forward")):
        mask = mask & ~np.isnat(dates_d)
        out[mask] = np.busday_offset(dates_d[mask], n[mask], roll=roll, busdaycal=cal)
    return out


def sample(size: int = 5_000, nat_every: int = 7) -> tuple[np.ndarray, np.ndarray]:
    dates = START + RNG.integers(0, SPAN, size=size).astype("timedelta64[D]")
    dates[::nat_every] = np.datetime64("NaT")
    n = RNG.integers(-80, 81, size=size)  # negative, zero and positive counts
    return dates, n


@pytest.mark.parametrize("unit", ["D", "s", "ms", "us", "ns"])
@pytest.mark.parametrize("count_type", [np.int64, np.int32])
def test_units_and_count_types_match_numpy(busdays, unit, count_type):
    dates_d, n = sample()
    dates = dates_d.astype(f"datetime64[{unit}]")
    assert _dates._naive_datetime64(dates) is not None  # the zero-copy path takes it
    got = timescales.add_working_days(dates, n.astype(count_type))
    assert got.dtype == np.dtype(f"datetime64[{unit}]")
    np.testing.assert_array_equal(got.astype("datetime64[D]"), expected(dates_d, n, busdays))


def test_time_of_day_is_dropped_before_counting(busdays):
    dates = np.array(["1995-06-02T18:30", "2024-03-28T23:59:59.999", "NaT"], dtype="datetime64[ns]")
    got = timescales.add_working_days(dates, np.array([-1, 1, 3]))
    want = np.array(["1995-06-01", "2024-04-02", "NaT"], dtype="datetime64[D]").astype("datetime64[ns]")
    np.testing.assert_array_equal(got, want)
    # Before 1970 the ticks are negative: 23:00 on 1969-12-31 is still that day (floored, as numpy's
    # cast to [D] floors), which the error names.
    with pytest.raises(timescales.DateOutOfRangeError, match="^1969-12-31 is outside"):
        timescales.add_working_days(np.array(["1969-12-31T23:00"], dtype="datetime64[ns]"), 1)


def test_strided_inputs_are_read_in_place(busdays):
    dates_d, n = sample(9_999)
    dates = dates_d.astype("datetime64[ns]")[::3]
    counts = n[1::3][: len(dates)]
    assert not dates.flags.c_contiguous and not counts.flags.c_contiguous
    got = timescales.add_working_days(dates, counts)
    np.testing.assert_array_equal(got.astype("datetime64[D]"), expected(dates_d[::3], counts, busdays))


def test_one_count_for_all_dates(busdays):
    dates_d, _ = sample()
    for n in (15, np.int32(-4), 0):
        got = timescales.add_working_days(dates_d, n)
        np.testing.assert_array_equal(got, expected(dates_d, np.int64(n), busdays))


def test_same_as_general_path_for_object_dates():
    dates_d, n = sample(2_000)
    general = timescales.add_working_days(dates_d.astype(object), n)  # datetime.date objects, converted
    assert _dates._naive_datetime64(dates_d.astype(object)) is None
    np.testing.assert_array_equal(timescales.add_working_days(dates_d, n).astype("datetime64[D]"),
                                  np.asarray(general).astype("datetime64[D]"))


def test_series_keeps_index_name_and_unit(busdays):
    dates_d, n = sample(3_000)
    index = pd.Index(np.arange(len(dates_d)) * 10 + 5, name="row")
    series = pd.Series(dates_d.astype("datetime64[ns]"), index=index, name="start")
    got = timescales.add_working_days(series, pd.Series(n, index=index))
    assert got.index.equals(index) and got.name == "start" and got.dtype == np.dtype("datetime64[ns]")
    np.testing.assert_array_equal(got.to_numpy().astype("datetime64[D]"), expected(dates_d, n, busdays))
    assert got.isna().sum() == np.isnat(dates_d).sum()


def test_datetime_index(busdays):
    dates_d, n = sample(1_000)
    index = pd.DatetimeIndex(dates_d.astype("datetime64[ns]"), name="when")
    got = timescales.add_working_days(index, n.astype(np.int32))
    assert isinstance(got, pd.DatetimeIndex) and got.name == "when"
    np.testing.assert_array_equal(got.to_numpy().astype("datetime64[D]"), expected(dates_d, n, busdays))


@pytest.mark.parametrize("arrow_type", ["date32", "date64", "timestamp[us]"])
def test_arrow_dates_are_read_from_their_buffers(busdays, arrow_type, monkeypatch):
    # pandas' ArrowDtype dates and naive timestamps (a time of day dropped): read as evaluate()
    # reads a date column, not through a Python date a value; the same days as numpy's, a null
    # staying missing, and a zoned timestamp refused as a zoned datetime64 is.
    pa = pytest.importorskip("pyarrow")
    dates_d, n = sample(2_000)
    kind = {"date32": pa.date32(), "date64": pa.date64(), "timestamp[us]": pa.timestamp("us")}[arrow_type]
    ticks = dates_d.astype("datetime64[ms]") + np.timedelta64(13, "h") * (arrow_type == "timestamp[us]")
    series = pd.Series(pd.array(pa.array(ticks.astype(object), type=kind), dtype=pd.ArrowDtype(kind)), name="start")
    assert _dates._naive_datetime64(series) is None  # not numpy's datetime64: the general path
    def as_text(*args, **kwargs):
        raise AssertionError("Arrow dates were read as text, a Python object a value")
    with monkeypatch.context() as m:
        m.setattr(_dates._convert, "codes_and_values", as_text)
        got = timescales.add_working_days(series, n)
    assert got.name == "start" and got.isna().sum() == np.isnat(dates_d).sum() > 0
    np.testing.assert_array_equal(got.to_numpy().astype("datetime64[D]"), expected(dates_d, n, busdays))
    zoned = pd.Series(pd.array(pa.array([0], pa.timestamp("s", tz="UTC")), dtype=pd.ArrowDtype(pa.timestamp("s", tz="UTC"))))
    with pytest.raises(timescales.TimescalesError, match="time zone"):
        timescales.add_working_days(zoned, 1)


def test_zoned_series_still_refused():
    zoned = pd.Series(pd.to_datetime(["2024-03-28"]).tz_localize("Europe/London"))
    with pytest.raises(timescales.TimescalesError, match="time zone"):
        timescales.add_working_days(zoned, 1)


def test_errors_are_the_general_paths():
    inside = np.array(["2024-01-02", "2024-01-03"], dtype="datetime64[D]")
    outside = np.array(["2024-01-02", "1900-01-01"], dtype="datetime64[D]")
    with pytest.raises(timescales.DateOutOfRangeError, match="1900-01-01 is outside the supported range"):
        timescales.add_working_days(outside, 1)
    with pytest.raises(timescales.DateOutOfRangeError, match="2024-01-03 \\+ 5000000000 working days"):
        timescales.add_working_days(inside, np.array([1, 5_000_000_000]))
    with pytest.raises(timescales.CalendarError):
        timescales.add_working_days(inside, 1, calendar="no-such-calendar")
    with pytest.raises(ValueError):
        timescales.add_working_days(inside, np.array([1, 2, 3]))
