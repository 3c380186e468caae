"""Deadlines and working days, vectorised over numpy arrays and pandas Series (C1-C4)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import _convert, _core, _input
from ._core import DateError

DEFAULT_CALENDAR = "england-and-wales"


class _Dates:
    """Dates of any accepted kind as int64 days (in their own shape), and how to give results
    back in the same kind: a scalar as the same type, an array in the same shape and datetime64
    unit, a Series with the same index and name, an Index as an Index."""

    def __init__(self, values: Any, what: str = "dates") -> None:
        self.what = what
        self.series: pd.Series | None = None
        self.index: pd.Index | None = None
        self.scalar_type: type | None = None
        self.unit = "D"
        if isinstance(values, pd.Series):
            self.series = values
            self.days = self._from_column(values)
            self.unit = self._unit(values)
        elif isinstance(values, pd.Index):
            self.index = values
            self.days = self._from_column(values)
            self.unit = self._unit(values)
        elif isinstance(values, np.ndarray) and values.ndim > 0:
            if values.dtype.kind == "M":
                self.days = values.astype("datetime64[D]").view(np.int64)
                self.unit = np.datetime_data(values.dtype)[0]
                if self.unit in ("Y", "M", "W", "generic"):
                    self.unit = "D"
            else:
                self.days = self._from_column(values.ravel()).reshape(values.shape)
        elif isinstance(values, (list, tuple)):
            array = np.empty(len(values), dtype=object)
            array[:] = list(values)
            self.days = self._from_column(array)
        else:
            self.scalar_type = type(values)
            day = _convert.day_of(values, what)
            self.days = np.array(_convert.NAT if day is None else day, dtype=np.int64)

    @staticmethod
    def _unit(values: Any) -> str:
        dtype = values.dtype
        if isinstance(dtype, np.dtype) and dtype.kind == "M":
            return np.datetime_data(dtype)[0]
        return "ns"

    @staticmethod
    def _from_column(values: Any) -> np.ndarray:
        if _convert.is_datetime(values):
            return _convert.datetime_days(values)
        dtype = getattr(values, "dtype", None)
        if isinstance(dtype, pd.ArrowDtype) and getattr(dtype.pyarrow_dtype, "tz", None) is None:
            # Arrow dates and naive timestamps read from their own buffers, as evaluate() reads a
            # date column: a million took 70 ms as text (a Python date a distinct value), 8 ms so.
            # Times with a zone go the general way, which refuses them in its own words.
            days = _input.date_days(values)
            if days is not None:
                return days
        codes, texts = _convert.codes_and_values(values)
        return _convert.text_days(codes, texts)

    @property
    def is_scalar(self) -> bool:
        return self.scalar_type is not None

    def like(self, days: np.ndarray) -> Any:
        """Result days in this input's kind."""
        if self.is_scalar:
            return _scalar_date(int(days.reshape(())), self.scalar_type)
        if self.series is not None:
            return pd.Series(_convert.days_to_datetime64(days, self.unit), index=self.series.index, name=self.series.name)
        if self.index is not None:
            return pd.DatetimeIndex(_convert.days_to_datetime64(days, self.unit), name=self.index.name)
        return _convert.days_to_datetime64(days, self.unit).reshape(days.shape)

    def ints_like(self, values: np.ndarray, missing: np.ndarray) -> Any:
        """Integer results in this input's kind; missing (NaT) entries become <NA> in a Series
        (dtype Int64) and are an error elsewhere."""
        if self.series is not None or self.index is not None:
            template = self.series if self.series is not None else self.index
            if missing.any():
                data = pd.array(values, dtype="Int64")
                data[missing] = pd.NA
            else:
                data = values
            if self.series is not None:
                return pd.Series(data, index=self.series.index, name=self.series.name)
            return pd.Index(data, name=template.name)  # type: ignore[union-attr]
        if missing.any():
            raise DateError(f"{self.what}: a date is missing (NaT); working days between need two dates")
        if self.is_scalar:
            return int(values.reshape(()))
        return values


def _scalar_date(days: int, kind: type | None) -> Any:
    if days == _convert.NAT:
        return pd.NaT
    value = np.datetime64(days, "D")
    if kind is not None and issubclass(kind, pd.Timestamp):
        return pd.Timestamp(value)
    if kind is not None and issubclass(kind, np.datetime64):
        return value
    if kind is not None and issubclass(kind, str):
        return str(value)
    return value.astype(_dt.date)


def _broadcast(dates: _Dates, other: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    a, b = np.broadcast_arrays(dates.days, other)
    return np.ascontiguousarray(a).ravel(), np.ascontiguousarray(b).ravel(), a.shape


def _counts(n: Any) -> np.ndarray:
    array = np.asarray(n.to_numpy() if isinstance(n, (pd.Series, pd.Index)) else n)
    if array.dtype.kind in "iub":
        return array.astype(np.int64)
    if array.dtype.kind == "f" and np.all(np.isfinite(array)) and np.all(array == np.round(array)):
        return array.astype(np.int64)
    raise TypeError("n must be whole numbers of working days (an int or an array of ints)")


def _result(dates: _Dates, other: Any, days: np.ndarray, shape: tuple[int, ...]) -> Any:
    """Broadcast results: in the kind of `dates`, unless a scalar date met an array of counts."""
    days = days.reshape(shape)
    if not dates.is_scalar or shape == ():
        return dates.like(days)
    if isinstance(other, pd.Series):
        return pd.Series(_convert.days_to_datetime64(days), index=other.index, name=None)
    return _convert.days_to_datetime64(days, "D")


def due(dates: Any, period: str, calendar: str = DEFAULT_CALENDAR) -> Any:
    """The deadline ``period`` after each date, the date itself being day 0 (C2-C4).

    ``dates`` is one date (ISO text, ``datetime.date``, ``pandas.Timestamp``,
    ``numpy.datetime64``), a numpy ``datetime64`` array of any shape, a pandas Series or
    DatetimeIndex, or a list; the result has the same kind and shape (a scalar of the same type,
    a Series with the same index). NaT stays NaT. ``period`` is ``"N working days"``,
    ``"N days"``, ``"N weeks"`` or ``"N months"``.

    Raises :class:`PeriodError` for a malformed period, :class:`DateError` for malformed date
    text, :class:`DateOutOfRangeError` for a date outside the calendar's supported range, and
    :class:`CalendarError` for an unknown calendar, each with the library's message.

    >>> timescales.due("2019-12-20", "15 working days")
    '2020-01-15'
    >>> timescales.due(np.array(["2019-11-30", "2019-02-28"], dtype="datetime64[D]"), "3 months")
    array(['2020-02-29', '2019-05-28'], dtype='datetime64[D]')
    """
    if not isinstance(period, str):
        raise TypeError("period must be text such as '15 working days', '6 weeks' or '3 months'")
    _convert.check_text(period, "period")
    if isinstance(calendar, str):
        _convert.check_text(calendar, "calendar")
    d = _Dates(dates)
    flat = np.ascontiguousarray(d.days).ravel()
    out = _core.due(flat, period, calendar)
    return d.like(np.asarray(out).reshape(d.days.shape))


def add_working_days(dates: Any, n: Any, calendar: str = DEFAULT_CALENDAR) -> Any:
    """Each date plus ``n`` working days (C1, C2): the date is day 0 whether or not it is a
    working day; ``n`` may be negative (the ``|n|``-th working day before) or 0 (the date).

    ``n`` is an int or an array broadcast against ``dates``; results come back as for :func:`due`.

    Zero-copy: a one-dimensional numpy ``datetime64`` array (unit D, h, m, s, ms, us or ns, any
    stride), or a naive ``datetime64`` Series or DatetimeIndex, with ``n`` an int or an
    ``int64``/``int32`` array or Series of the same length, is read in place by the core and the
    result written into one new array in the dates' unit; anything else is converted first: Arrow
    dates and naive timestamps (pandas' ``ArrowDtype``) from their own buffers, text once per
    distinct value (Arrow text without a Python ``str`` a row).

    >>> timescales.add_working_days("2019-12-20", 15)
    '2020-01-15'
    >>> maundy_thursday = pd.Series(pd.to_datetime(["2024-03-28", "2024-03-28"]))
    >>> timescales.add_working_days(maundy_thursday, [1, 2]).dt.date.tolist()   # Easter skipped
    [datetime.date(2024, 4, 2), datetime.date(2024, 4, 3)]
    """
    fast = _add_working_days_in_place(dates, n, calendar)
    if fast is not None:
        return fast
    d = _Dates(dates)
    counts = _counts(n)
    a, b, shape = _broadcast(d, counts)
    if d.series is not None and shape != d.days.shape:
        raise ValueError("n must be a single count or one per date")
    out = np.asarray(_core.add_working_days(a, b, calendar))
    return _result(d, n, out, shape)


# Ticks of a day in each datetime64 unit the zero-copy path reads.
_PER_DAY = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000,
            "ns": 86_400_000_000_000}


def _naive_datetime64(values: Any) -> np.ndarray | None:
    """The one-dimensional numpy datetime64 buffer behind ``values`` (an ndarray, a Series or a
    DatetimeIndex), without a copy, when it has one in a unit the core reads; None otherwise
    (time-zone-aware columns included: the general path refuses those)."""
    if isinstance(values, (pd.Series, pd.Index)):
        if not (isinstance(values.dtype, np.dtype) and values.dtype.kind == "M"):
            return None
        values = np.asarray(values)
    elif not isinstance(values, np.ndarray):
        return None
    if values.ndim != 1 or values.dtype.kind != "M" or not values.dtype.isnative:
        return None
    unit, step = np.datetime_data(values.dtype)
    return values if step == 1 and unit in _PER_DAY else None


def _add_working_days_in_place(dates: Any, n: Any, calendar: str) -> Any:
    """add_working_days without converting anything: datetime64 dates (ndarray, Series,
    DatetimeIndex; any unit and stride) and int64/int32 counts (one, or one per date) are read
    where they lie and the result is written into one new array in the dates' unit. None when
    the input is of another kind, for the general path."""
    array = _naive_datetime64(dates)
    if array is None or isinstance(n, (bool, np.bool_)):
        return None
    if isinstance(n, (int, np.integer)):
        if not -(2**63) <= int(n) < 2**63:
            return None
        counts = np.asarray(n, dtype=np.int64)
    else:
        counts = n.to_numpy() if isinstance(n, pd.Series) and isinstance(n.dtype, np.dtype) else n
        if not (isinstance(counts, np.ndarray) and counts.ndim == 1 and len(counts) == len(array)
                and counts.dtype in (np.dtype(np.int64), np.dtype(np.int32))):
            return None
    if not isinstance(calendar, str):
        return None
    out = np.empty(len(array), dtype=array.dtype)
    _core.add_working_days_in_place(array, counts, out, _PER_DAY[np.datetime_data(array.dtype)[0]], calendar)
    if isinstance(dates, pd.Series):
        return pd.Series(out, index=dates.index, name=dates.name, copy=False)
    if isinstance(dates, pd.Index):
        return pd.DatetimeIndex(out, name=dates.name, copy=False)
    return out


def working_days_between(a: Any, b: Any, calendar: str = DEFAULT_CALENDAR) -> Any:
    """Working days in ``(a, b]``: after ``a``, up to and including ``b``; negative when ``b`` is
    before ``a``. So ``working_days_between(d, add_working_days(d, n)) == n`` for ``n >= 0``.

    Vectorised and broadcast like numpy; a Series in gives a Series out (``Int64`` with <NA>
    where a date is NaT); elsewhere NaT raises :class:`DateError`.

    >>> timescales.working_days_between("2019-12-20", "2020-01-15")
    15
    """
    da = _Dates(a, "a")
    db = _Dates(b, "b")
    x, y = np.broadcast_arrays(da.days, db.days)
    shape = x.shape
    x = np.ascontiguousarray(x).ravel()
    y = np.ascontiguousarray(y).ravel()
    out = np.asarray(_core.working_days_between(x, y, calendar)).reshape(shape)
    missing = ((x == _convert.NAT) | (y == _convert.NAT)).reshape(shape)
    template = da if not da.is_scalar or db.is_scalar else db
    if template.days.shape != shape and not template.is_scalar:
        template = _Dates(np.zeros(shape, dtype="datetime64[D]"))
    return template.ints_like(out, missing)


def is_working_day(dates: Any, calendar: str = DEFAULT_CALENDAR) -> Any:
    """Whether each date is a working day (Monday to Friday, not a bank holiday: C1)."""
    d = _Dates(dates)
    out = np.asarray(_core.is_working_day(np.ascontiguousarray(d.days).ravel(), calendar)).reshape(d.days.shape)
    if d.is_scalar:
        return bool(out.reshape(()))
    if d.series is not None:
        return pd.Series(out, index=d.series.index, name=d.series.name)
    if d.index is not None:
        return pd.Index(out, name=d.index.name)
    return out


def holidays(calendar: str = DEFAULT_CALENDAR, start: Any = None, end: Any = None) -> pd.DataFrame:
    """The non-working weekdays of a calendar (bank holidays, substitute days, one-off days, and
    closures such as Christmas Eve for ``"england-and-wales+christmas-eve"``) over its supported
    range, or between ``start`` and ``end`` inclusive.

    Columns: ``date, name, name_cy, kind`` (regular, substitute, special, closure), ``source``
    (published, derived, projected: C1) and ``replaces`` (a moved day: the regular holiday it
    replaced). ``attrs`` holds the calendar's id and its ``supported`` range as ISO date strings
    (plain JSON, so the frame survives ``to_parquet``).

    With numpy: ``np.busdaycalendar(holidays=timescales.holidays().date.to_numpy("datetime64[D]"))``
    counts the same working days.
    """
    cols = _core.holidays(calendar)
    frame = pd.DataFrame({
        "date": _convert.days_to_datetime64(cols["date"]),
        "name": pd.array(cols["name"], dtype=object),
        "name_cy": pd.array(cols["name_cy"], dtype=object),
        "kind": pd.Categorical(cols["kind"], categories=["regular", "substitute", "special", "closure"]),
        "source": pd.Categorical(cols["source"], categories=["published", "derived", "projected"]),
        "replaces": _convert.days_to_datetime64(cols["replaces"]),
    })
    info = next(c for c in _core.calendars() if c["id"] == calendar)
    if start is not None:
        frame = frame[frame["date"] >= pd.Timestamp(np.datetime64(_convert.day_of(start, "start"), "D"))]
    if end is not None:
        frame = frame[frame["date"] <= pd.Timestamp(np.datetime64(_convert.day_of(end, "end"), "D"))]
    frame = frame.reset_index(drop=True)
    frame.attrs["calendar"] = calendar
    frame.attrs["supported"] = [str(np.datetime64(info["supported_from"], "D")),
                                str(np.datetime64(info["supported_to"], "D"))]
    return frame


def calendars() -> pd.DataFrame:
    """The built-in working-day calendars: ``id, title, provenance, supported_from,
    supported_to, listed_from_year, listed_to_year`` (years outside the listed ones come from
    the statutory pattern and are reported as projected)."""
    frame = pd.DataFrame(_core.calendars())
    for c in ("supported_from", "supported_to"):
        frame[c] = _convert.days_to_datetime64(frame[c].to_numpy(dtype=np.int64))
    return frame


DateFunction = Callable[..., Any]
