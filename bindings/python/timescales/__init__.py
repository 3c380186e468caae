"""timescales: whether the statutory timescales of children's social care in Wales were met.

The Welsh rules (each with its legal citation, dates of effect and worked examples) and the
England and Wales bank-holiday calendars are compiled into the package: it works from any
directory, with no files beside it. The counting conventions (C1-C14) are the project's
docs/conventions.md; the column names are those of docs/formats.md, shared with the command-line tool.

Obligations
-----------
evaluate(events, as_of=None, rules=None, explain=False, strict=False)
    Case events (a DataFrame: case_id, event, date, ...) in; every child's obligations out, one
    row per occurrence of a duty, with its deadline and status (met, late, missed, overdue,
    pending, cancelled), and its obligation_key.
evaluation(events, ...) -> Evaluation
    The same evaluation as one picklable results object: .obligations, .rejected, .findings,
    .counts, .as_of, and .explain(key_or_row), .report(), .worklist(), .dashboard(path).
explain(row), explain(obligations, case_id=ID)
    One obligation in words: rule, citation, the arithmetic to the deadline, what completed it;
    or one child's timeline: events and every duty in date order, with their reasons.
sample_events()
    The bundled sample case events (examples/data/sample-events.csv) as a DataFrame.
summary(obligations, by=None)
    Compliance by rule and standard (and any carried column).
worklist(obligations_or_events, as_of=None, within="10 working days", by=None)
    Every open duty: overdue, or falling due within the horizon, with the days left.
report(events, measures=None, period="year", by=None, from_=None, to=None, as_of=None)
    Performance measures over financial years, quarters or months, by team or worker.
dashboard(events, path, by=None, period="quarter", ...)
    One self-contained HTML page: headline figures against targets, trends, groups, what needs doing.
rules(), measures(), load_rules(directory=None, local=())
    The rule and measure catalogues; a council's own rules directory (local=, as --local).

Dates (vectorised over numpy arrays and pandas Series, or one date)
-------------------------------------------------------------------
due(dates, period, calendar="england-and-wales")
    The deadline "15 working days", "6 weeks" or "3 months" after each date (day 0).
add_working_days(dates, n), working_days_between(a, b), is_working_day(dates)
holidays(calendar), calendars()

Charts
------
timescales.plot.compliance(obligations, rule=..., standard="statutory", freq="Q-MAR", ax=None, by=None)

At national scale (docs/national.md)
------------------------------------
timescales.spark.evaluate(events, as_of, ...), .schema(events), .Evaluator(as_of, ...)
    The obligations of a Spark DataFrame of case events, evaluated in Spark's executors.
evaluate(..., output="arrow"), report(..., output="arrow")
    pyarrow Tables, which DuckDB queries in place.

Errors are :class:`TimescalesError` (a ``ValueError``) and its subclasses :class:`DateError`,
:class:`DateOutOfRangeError`, :class:`PeriodError`, :class:`CalendarError`,
:class:`RulesError`, :class:`MissingColumnError` and :class:`RejectedRowsError`, with the
library's own messages.

Examples
--------
>>> import pandas as pd, timescales
>>> timescales.due("2019-12-20", "15 working days")     # C2: over Christmas and New Year
'2020-01-15'
>>> events = pd.DataFrame({
...     "case_id": ["C1", "C1", "C1", "C1"],
...     "event": ["placement_start", "lac_visit", "placement_end", "placement_start"],
...     "date": pd.to_datetime(["2021-03-01", "2021-03-04", "2021-04-01", "2021-04-01"]),
...     "team": ["North"] * 4})
>>> ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
>>> ob[["occurrence", "trigger_date", "due_date", "status", "team"]]
   occurrence trigger_date   due_date     status   team
0           1   2021-03-01 2021-03-08        met  North
1           2   2021-03-04 2021-04-15  cancelled  North
2           1   2021-04-01 2021-04-08    overdue  North
>>> print(timescales.explain(ob.iloc[2]))             # doctest: +ELLIPSIS
wales.lac.visit (statutory standard; ...
"""

from __future__ import annotations

import importlib
from typing import Any

try:
    from . import _core
except ImportError as error:  # pragma: no cover - only without a built extension
    raise ImportError(
        "the compiled part of timescales (timescales._core) is missing: install the package with "
        "'pip install .' from the repository rather than importing it from the source tree") from error

from ._api import (
    RejectedRowsError,
    RejectedRowsWarning,
    dashboard,
    evaluate,
    evaluation,
    explain,
    load_rules,
    measures,
    report,
    rules,
    summary,
    worklist,
)
from ._core import (
    CalendarError,
    DateError,
    DateOutOfRangeError,
    MissingColumnError,
    PeriodError,
    Rulebook,
    RulesError,
    TimescalesError,
)
from ._evaluation import Evaluation
from ._sample import sample_events
from ._dates import add_working_days, calendars, due, holidays, is_working_day, working_days_between

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("timescales")
except PackageNotFoundError:  # pragma: no cover
    __version__ = "0+unknown"

#: The statuses an obligation can end in (C9), in their categorical order.
STATUSES = tuple(_core.STATUSES)
#: The standards an obligation is judged by (C7, C12).
STANDARDS = tuple(_core.STANDARDS)
#: The event vocabulary (docs/formats.md), in the library's order.
EVENTS = tuple(_core.EVENTS)
#: The placement types of ``placement_type`` (docs/formats.md; CPPCR reg 31).
PLACEMENT_TYPES = tuple(_core.PLACEMENT_TYPES)
#: The legal statuses of ``legal_status`` (docs/formats.md): the legal basis of being looked after.
LEGAL_STATUSES = tuple(_core.LEGAL_STATUSES)
#: How sure a rule is of its source (C13), from most to least sure.
CONFIDENCES = tuple(_core.CONFIDENCES)

__all__ = [
    "CONFIDENCES", "CalendarError", "DateError", "DateOutOfRangeError", "EVENTS", "LEGAL_STATUSES",
    "MissingColumnError", "PLACEMENT_TYPES", "PeriodError", "RejectedRowsError", "RejectedRowsWarning", "Rulebook", "RulesError", "STANDARDS", "STATUSES",
    "Evaluation", "TimescalesError", "add_working_days", "calendars", "dashboard", "due", "evaluate", "evaluation",
    "explain", "holidays", "is_working_day", "load_rules", "measures", "plot", "report", "rules", "sample_events",
    "summary", "working_days_between", "worklist",
]


def __getattr__(name: str) -> Any:
    # `timescales.plot` imports matplotlib, and `timescales.spark` pyspark, only when first used.
    if name in ("plot", "spark"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'timescales' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"plot", "spark"})
