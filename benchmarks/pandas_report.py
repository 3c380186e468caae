"""The Welsh performance measures counted with pandas, the way an analyst would: the measure
definitions read from rules/wales/measures/*.toml with tomllib, each measure's obligations
filtered with boolean masks, placed in a period by their basis date (`Series.dt.to_period`) and
counted with one groupby. It exists to be timed against timescales' report() and to check, figure
by figure, that `timescales report FILE --all --period month` says the same (benchmarks/run.py,
section "Reports").

Written from docs/measure-format.md ("Counting") and the definitions, not from
src/measures/report.cpp, and it calls nothing of timescales: it takes the obligations as a
DataFrame (from `timescales.evaluate(frame)`, or the tool's obligations CSV read with
`read_obligations_csv`) and returns the rows of all. What it reads there:

- A measure counts the obligations of its rules under its standard whose status is in its
  denominator (in its numerator, for a count with no denominator: CH/012); of those, the ones
  whose status is also in the numerator are its numerator.
- Basis: `completed_in_period` places an obligation in the period of its completed_date (never
  completed: not counted), `due_in_period` in the period of its due_date.
- Periods follow the Welsh financial year (April to March): months, quarters ending June,
  September, December and March (`Q-MAR`), years ending March (`Y-MAR`). The window runs by
  default from the 1 April on or before the earliest event to the latest event (as_of); an
  obligation whose basis date is outside the window is not counted, and the first and last
  periods are cut to it (labelled with the days they count).
- A measure with reports_from/reports_to reports only the periods that overlap them; an obligation
  falling in another period is not counted. Every period reported has a row, counting nothing
  or not.
- Confidence (C13): the least sure confidence of the obligations a row counts (confirmed, then
  probable, then unconfirmed); none when it counts nothing.
- Percentage: 100 * numerator / denominator, none for a count or when the denominator is 0.
"""

from __future__ import annotations

import pathlib
import tomllib
from typing import Any

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
MEASURES = ROOT / "rules" / "wales" / "measures"

FREQ = {"month": "M", "quarter": "Q-MAR", "year": "Y-MAR"}
BASIS = {"completed_in_period": "completed_date", "due_in_period": "due_date"}
CONFIDENCE = ["confirmed", "probable", "unconfirmed"]  # most sure first
COLUMNS = ["measure", "period_start", "period_end", "group", "numerator", "denominator", "percentage", "confidence"]
KEYS = ["measure", "period_start", "group"]


def load_measures(directory: pathlib.Path = MEASURES) -> list[dict[str, Any]]:
    """Every [[measure]] of the TOML files in `directory`, in file name order."""
    out = []
    for path in sorted(directory.glob("*.toml")):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for m in data.get("measure", []):
            out.append({
                "id": m["id"], "rules": list(m["rules"]), "standard": m["standard"], "basis": m["basis"],
                "numerator": list(m["numerator"]), "denominator": list(m.get("denominator", [])),
                "reports_from": m.get("reports_from"), "reports_to": m.get("reports_to"),
            })
    return out


def window(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The tool's default window for these events: from the 1 April on or before the earliest
    event to the latest event (the default as_of)."""
    dates = pd.to_datetime(events["date"])
    first, last = dates.min(), dates.max()
    return pd.Timestamp(first.year if first.month >= 4 else first.year - 1, 4, 1), last


def read_obligations_csv(path: str | pathlib.Path) -> pd.DataFrame:
    """The tool's obligations CSV (`timescales evaluate FILE --out PATH`) with the columns
    report() needs, as timescales.evaluate returns them."""
    return pd.read_csv(path, usecols=["rule", "standard", "due_date", "completed_date", "status", "confidence"],
                       dtype={"rule": "category", "standard": "category", "status": "category",
                              "confidence": "category"},
                       parse_dates=["due_date", "completed_date"])


def report(obligations: pd.DataFrame, measures: list[dict[str, Any]], from_: Any, to: Any,
           period: str = "month") -> pd.DataFrame:
    """The rows of all of every measure and period: COLUMNS, in the order of `measures`, then of
    the periods."""
    freq = FREQ[period]
    from_, to = pd.Timestamp(from_), pd.Timestamp(to)
    grid = pd.period_range(from_, to, freq=freq)
    starts = grid.start_time
    ends = grid.end_time.normalize()
    rank = pd.Series(pd.Categorical(obligations["confidence"], categories=CONFIDENCE).codes, index=obligations.index)
    status = obligations["status"]
    frames = []
    for m in measures:
        counted = m["denominator"] or m["numerator"]
        date = obligations[BASIS[m["basis"]]]
        mask = ((obligations["standard"] == m["standard"]) & obligations["rule"].isin(m["rules"])
                & status.isin(counted) & (date >= from_) & (date <= to))
        chosen = pd.DataFrame({"period": date[mask].dt.to_period(freq), "numerator": status[mask].isin(m["numerator"]),
                               "rank": rank[mask]})
        figures = chosen.groupby("period").agg(numerator=("numerator", "sum"), denominator=("numerator", "size"),
                                               rank=("rank", "max")).reindex(grid)
        keep = np.ones(len(grid), dtype=bool)
        if m["reports_from"] is not None:
            keep &= ends >= pd.Timestamp(m["reports_from"])
        if m["reports_to"] is not None:
            keep &= starts <= pd.Timestamp(m["reports_to"])
        figures = figures[keep]
        numerator = figures["numerator"].fillna(0).to_numpy(dtype=np.int64)
        denominator = figures["denominator"].fillna(0).to_numpy(dtype=np.int64)
        is_count = not m["denominator"]
        with np.errstate(divide="ignore", invalid="ignore"):
            percentage = np.where(is_count | (denominator == 0), np.nan, 100.0 * numerator / denominator)
        rank_of = figures["rank"].fillna(-1).to_numpy(dtype=np.int64)
        frames.append(pd.DataFrame({
            "measure": m["id"],
            "period_start": np.maximum(starts[keep].to_numpy(), from_.to_datetime64()),
            "period_end": np.minimum(ends[keep].to_numpy(), to.to_datetime64()),
            "group": "all",
            "numerator": numerator,
            "denominator": pd.array(denominator, dtype="Int64") if not is_count else pd.array([pd.NA] * len(numerator), dtype="Int64"),
            "percentage": percentage,
            "confidence": pd.Categorical.from_codes(rank_of, categories=CONFIDENCE),
        }))
    return pd.concat(frames, ignore_index=True)


def read_tool_report(path: str | pathlib.Path) -> pd.DataFrame:
    """`timescales report ... --format csv` as COLUMNS."""
    out = pd.read_csv(path, parse_dates=["period_start", "period_end"], dtype={"denominator": "Int64"},
                      keep_default_na=False, na_values={"denominator": [""], "percentage": [""]})
    out["confidence"] = pd.Categorical(out["confidence"].replace("", None), categories=CONFIDENCE)
    return out[COLUMNS]


def differences(tool: pd.DataFrame, ours: pd.DataFrame) -> list[str]:
    """Every way the tool's report and this one differ, a line each: rows one side lacks, and
    period_end, numerator, denominator, confidence or percentage (the tool writes one decimal)
    on the rows both have. Empty when they agree."""
    out = []
    for side, frame in (("timescales", tool), ("pandas", ours)):
        dup = frame.duplicated(KEYS, keep=False)
        out += [f"{side} has {row.measure} {row.period_start.date()} {row.group} more than once"
                for row in frame[dup].itertuples()]
    tool, ours = tool.astype({"numerator": "Int64"}), ours.astype({"numerator": "Int64"})
    both = tool.merge(ours, on=KEYS, how="outer", suffixes=("_ts", "_pd"), indicator="side")
    for row in both[both["side"] != "both"].itertuples():
        only = "timescales" if row.side == "left_only" else "pandas"
        out.append(f"{row.measure} {row.period_start.date()} {row.group}: a row only {only} has")
    both = both[both["side"] == "both"]
    for column in ("period_end", "numerator", "denominator", "confidence"):
        a, b = both[f"{column}_ts"], both[f"{column}_pd"]
        a_na, b_na = a.isna().to_numpy(), b.isna().to_numpy()
        same = (a_na & b_na) | (~a_na & ~b_na & (a.astype(object) == b.astype(object)).to_numpy())
        for row, x, y in zip(both[~same].itertuples(), a[~same], b[~same]):
            out.append(f"{row.measure} {row.period_start.date()} {row.group}: {column} timescales {x}, pandas {y}")
    a, b = both["percentage_ts"].to_numpy(dtype=float), both["percentage_pd"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        same = (np.isnan(a) & np.isnan(b)) | (np.abs(a - b) <= 0.05 + 1e-9)
    for row, x, y in zip(both[~same].itertuples(), a[~same], b[~same]):
        out.append(f"{row.measure} {row.period_start.date()} {row.group}: percentage timescales {x}, pandas {y:.3f}")
    return out


if __name__ == "__main__":  # python3 benchmarks/pandas_report.py EVENTS.csv TOOL_REPORT.csv [OBLIGATIONS.csv]
    import sys
    import time
    events = pd.read_csv(sys.argv[1], usecols=["date"])
    if len(sys.argv) > 3:
        obligations = read_obligations_csv(sys.argv[3])
    else:
        import timescales
        obligations = timescales.evaluate(pd.read_csv(sys.argv[1]))
    from_, to = window(events)
    t0 = time.perf_counter()
    ours = report(obligations, load_measures(), from_, to)
    print(f"{len(ours)} rows in {time.perf_counter() - t0:.3f} s", file=sys.stderr)
    found = differences(read_tool_report(sys.argv[2]), ours)
    print("\n".join(found[:40]) or "every figure agrees", file=sys.stderr)
    sys.exit(1 if found else 0)
