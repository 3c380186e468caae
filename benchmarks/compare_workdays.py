"""Working-day arithmetic side by side (issue 7, item 1): timescales.add_working_days against
numpy.busday_offset, pandas CustomBusinessDay and workalendar, all with the same holiday list
(timescales.holidays()), on the same random (date, n) pairs: dates 2000-2027, n in 1..60.

C2: the date is day 0 whether or not it is a working day; the result is the nth working day after
it. numpy.busday_offset first rolls a non-working date: roll="backward" moves it to the previous
working day, and the nth working day after that is the nth after the date itself (no working day
lies between them), so roll="backward" gives C2's answer; roll="forward" would count the next
working day as day 0 and be one day late. pandas' CustomBusinessDay and workalendar's
add_working_days count the same way as C2 without help. Every result is compared element by
element; run.py exits non-zero when any differs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any, Callable

import numpy as np
import pandas as pd


def timed(fn: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[float, list[float], Any]:
    """The median wall time of `runs` calls after `warmup` untimed ones, every time, and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), sorted(times), result


def random_pairs(count: int, seed: int = 42) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    first = np.datetime64("2000-01-01", "D").astype(np.int64)
    last = np.datetime64("2027-12-31", "D").astype(np.int64)
    dates = rng.integers(first, last + 1, size=count).astype("datetime64[D]")
    n = rng.integers(1, 61, size=count).astype(np.int64)
    return dates, n


def _workalendar_calendar(holiday_dates: list[dt.date]) -> Any:
    """A workalendar calendar with exactly the timescales holiday list (Saturday and Sunday off)."""
    from workalendar.core import Calendar

    by_year: dict[int, list[tuple[dt.date, str]]] = {}
    for d in holiday_dates:
        by_year.setdefault(d.year, []).append((d, "holiday"))

    class EnglandAndWales(Calendar):  # type: ignore[misc]
        def holidays(self, year: int | None = None) -> list[tuple[dt.date, str]]:
            return by_year.get(year, [])

        def get_weekend_days(self) -> tuple[int, int]:
            return (5, 6)  # Saturday, Sunday

    return EnglandAndWales()


def compare(pairs: int = 1_000_000, runs: int = 7, sample: int = 50_000, slow_sample: int = 20_000,
            log: Callable[[str], None] = print) -> dict[str, Any]:
    import timescales

    dates, n = random_pairs(pairs)
    hol = timescales.holidays()["date"].to_numpy("datetime64[D]")
    out: dict[str, Any] = {"pairs": pairs, "holidays": int(len(hol)), "rows": [], "differ": 0}

    def row(name: str, count: int, median: float, times: list[float], differ: int, note: str = "") -> None:
        out["rows"].append({"name": name, "count": count, "median_s": median, "ops_per_s": count / median,
                            "times": times, "differ": differ, "note": note})
        out["differ"] += differ
        log(f"  {name}: {count / median / 1e6:.3f} M ops/s (median of {len(times)}: {median * 1e3:.2f} ms "
            f"for {count:,}); {differ} differ {note}")

    # timescales, vectorised.
    t_med, t_times, ours = timed(lambda: timescales.add_working_days(dates, n), runs)
    ours = np.asarray(ours).astype("datetime64[D]")
    row("timescales.add_working_days (vectorised)", pairs, t_med, t_times, 0)

    # The same pairs as pandas users hold them (issue 20, item 6): datetime64[ns] in a Series with
    # an index, and int32 counts; both are read in place, so these should cost what the row above does.
    series = pd.Series(dates.astype("datetime64[ns]"), index=np.arange(pairs) * 2)
    s_med, s_times, s_out = timed(lambda: timescales.add_working_days(series, n), runs)
    row("timescales.add_working_days (datetime64[ns] Series)", pairs, s_med, s_times,
        int(np.count_nonzero(s_out.to_numpy().astype("datetime64[D]") != ours)))
    n32 = n.astype(np.int32)
    i_med, i_times, i_out = timed(lambda: timescales.add_working_days(dates, n32), runs)
    row("timescales.add_working_days (int32 counts)", pairs, i_med, i_times,
        int(np.count_nonzero(np.asarray(i_out) != ours)))
    # Arrow-backed columns (item 6), converted from their buffers rather than read in place: dates
    # as Arrow date32, and as text in pandas 3's default str dtype (Arrow strings when pyarrow is
    # installed), which is coded once per distinct text, without a Python str a row.
    try:
        import pyarrow as pa
    except ImportError:
        log("  Arrow-backed dates: pyarrow not installed; skipped")
    else:
        arrow_dates = pd.Series(pd.array(pa.array(dates), dtype=pd.ArrowDtype(pa.date32())))
        a_med, a_times, a_out = timed(lambda: timescales.add_working_days(arrow_dates, n), runs)
        row("timescales.add_working_days (Arrow date32 Series)", pairs, a_med, a_times,
            int(np.count_nonzero(a_out.to_numpy().astype("datetime64[D]") != ours)))
        text_dates = pd.Series(dates.astype(str)).astype("str")
        x_med, x_times, x_out = timed(lambda: timescales.add_working_days(text_dates, n), runs)
        row(f"timescales.add_working_days (ISO text, pandas '{text_dates.dtype}' Series)", pairs, x_med, x_times,
            int(np.count_nonzero(x_out.to_numpy().astype("datetime64[D]") != ours)))

    # numpy.busday_offset, vectorised.
    cal = np.busdaycalendar(weekmask="1111100", holidays=hol)
    n_med, n_times, theirs = timed(lambda: np.busday_offset(dates, n, roll="backward", busdaycal=cal), runs)
    differ = int(np.count_nonzero(theirs != ours))
    row("numpy.busday_offset(roll='backward', busdaycal)", pairs, n_med, n_times, differ)
    out["numpy_ops_per_s"] = pairs / n_med
    out["timescales_ops_per_s"] = pairs / t_med
    out["ratio_timescales_numpy"] = (pairs / t_med) / (pairs / n_med)

    # pandas CustomBusinessDay, one Timestamp at a time (the offsets are built once, one per n).
    k = min(sample, pairs)
    cbd = {int(c): pd.offsets.CustomBusinessDay(n=int(c), holidays=hol) for c in np.unique(n[:k])}
    stamps = [pd.Timestamp(d) for d in dates[:k]]
    counts = [int(c) for c in n[:k]]
    p_med, p_times, pandas_result = timed(
        lambda: [s + cbd[c] for s, c in zip(stamps, counts)], max(3, runs // 2), warmup=0)
    pandas_days = np.array([r.to_datetime64() for r in pandas_result]).astype("datetime64[D]")
    differ = int(np.count_nonzero(pandas_days != ours[:k]))
    row("pandas Timestamp + CustomBusinessDay(n, holidays)", k, p_med, p_times, differ,
        f"(first {k:,} pairs, scaled)")
    out["pandas_ops_per_s"] = k / p_med

    # workalendar, if installed.
    try:
        import workalendar  # noqa: F401
    except ImportError:
        out["workalendar"] = "not installed (pip install workalendar)"
        log("  workalendar: not installed; skipped")
    else:
        k = min(slow_sample, pairs)
        wcal = _workalendar_calendar([d.astype(dt.date) for d in hol])
        py_dates = [d.astype(dt.date) for d in dates[:k]]
        w_med, w_times, w_result = timed(
            lambda: [wcal.add_working_days(d, c) for d, c in zip(py_dates, counts[:k])], 3, warmup=0)
        w_days = np.array(w_result, dtype="datetime64[D]")
        differ = int(np.count_nonzero(w_days != ours[:k]))
        import importlib.metadata as md
        out["workalendar"] = md.version("workalendar")
        row(f"workalendar {out['workalendar']} add_working_days (same holidays)", k, w_med, w_times, differ,
            f"(first {k:,} pairs, scaled)")
        out["workalendar_ops_per_s"] = k / w_med
    return out


if __name__ == "__main__":
    result = compare(pairs=200_000, runs=3, sample=10_000, slow_sample=5_000)
    raise SystemExit(1 if result["differ"] else 0)
