"""timescales on Apache Spark (docs/national.md): every child's obligations from a Spark DataFrame
of case events, evaluated by the package in the executors' Python.

Children are independent, so the events are grouped so that each child's rows reach one call of
:func:`timescales.evaluate`, which gives each group's obligations; Spark unions them.

schema(events, explain=False)
    The obligations' Spark schema (a ``StructType``) for these events: the columns of
    :func:`timescales.evaluate`'s result (one definition, shared with the tool and the C API), the
    case id and the carried columns (team, worker...) with the events' own Spark types.
Evaluator(as_of, rules=None, ...)
    A picklable function of one pandas frame (some children's whole histories) to their
    obligations, for ``applyInPandas`` (``events.groupBy("case_id").applyInPandas(fn, schema)``).
evaluate(events, as_of, ..., buckets=None)
    Both together, the children grouped into buckets so that each call evaluates many: the
    obligations as a Spark DataFrame.
rejected(events, as_of, ..., buckets=None)
    The rows the package cannot use, each with its reason, as a Spark DataFrame: nothing is lost
    between the events and the obligations.

``as_of`` has no default here. :func:`timescales.evaluate` judges on the latest event date by
default, which for a group would be that group's own latest date: each child would be judged on
another day. Give the day, or compute it once over all the events (docs/national.md).

pyspark is imported only by these functions: the package never needs it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import _api, _core
from ._evaluation import KEY

# A Spark type for each kind of obligation column (include/timescales/obligation_columns.hpp);
# the input_text columns (the case id) keep the events' own type.
_SPARK_TYPES = {"category": "StringType", "date": "DateType", "integer": "LongType"}


def _types() -> Any:
    try:
        from pyspark.sql import types
    except ImportError:
        raise ImportError("timescales.spark needs pyspark: pip install pyspark (and a Java runtime, 17 or 21)") from None
    return types


def _fields(events: Any) -> list[Any]:
    types = _types()
    struct = events if isinstance(events, types.StructType) else getattr(events, "schema", None)
    if not isinstance(struct, types.StructType):
        raise TypeError(f"events must be a Spark DataFrame or its schema (a StructType), not {type(events).__name__}")
    names = [f.name for f in struct.fields]
    missing = [c for c in _api.REQUIRED if c not in names]
    if missing:
        raise _core.MissingColumnError("missing required column" + ("s " if len(missing) > 1 else " ")
                                       + ", ".join(missing) + " (the events must have case_id, event and date)")
    return list(struct.fields)


def schema(events: Any, explain: bool = False) -> Any:
    """The Spark schema (``pyspark.sql.types.StructType``) of the obligations of ``events`` (a
    Spark DataFrame or its schema), as :class:`Evaluator` returns them: the obligation columns
    in :func:`timescales.evaluate`'s order, the case id with the events' type, category columns
    as strings, dates as ``DateType``, integers as ``LongType``; then the carried columns (every
    column but the event columns) with their own types; ``explanation`` when ``explain``; and
    ``obligation_key``."""
    types = _types()
    fields = _fields(events)
    by_name = {f.name: f for f in fields}
    out = []
    for name, kind in _core.OBLIGATION_COLUMNS:
        if kind == "input_text":
            out.append(types.StructField(name, by_name[name].dataType, nullable=True))
        elif kind in _SPARK_TYPES:
            # Dates may be absent (completed_date); the others never are.
            out.append(types.StructField(name, getattr(types, _SPARK_TYPES[kind])(), nullable=kind == "date"))
        else:
            raise _core.TimescalesError(f"internal: column {name} has a type timescales.spark does not know: {kind}")
    fixed = set(_api.REQUIRED) | set(_api.ATTRIBUTES)
    out += [types.StructField(f.name, f.dataType, nullable=True) for f in fields if f.name not in fixed]
    if explain:
        out.append(types.StructField("explanation", types.StringType(), nullable=True))
    out.append(types.StructField(KEY, types.StringType(), nullable=False))
    return types.StructType(out)


class Evaluator:
    """``fn(pdf)``: the obligations of the children whose rows ``pdf`` holds (every row of each),
    judged on ``as_of``, as a pandas frame in :func:`schema`'s columns. The other arguments are
    :func:`timescales.evaluate`'s, but ``threads`` is 1 by default: Spark gives each task one core
    and runs as many tasks at once as the executors have cores, so a task evaluating on every core
    would share each core with the others' threads (``threads=0`` suits an executor that runs one
    task at a time). It pickles small (the rules as given, not compiled) and compiles the rules once
    per executor process.

    >>> fn = timescales.spark.Evaluator(as_of="2024-03-31")                       # doctest: +SKIP
    >>> ob = events.groupBy("case_id").applyInPandas(fn, timescales.spark.schema(events))  # doctest: +SKIP
    """

    def __init__(self, as_of: Any, rules: _api.RulesLike = None, explain: bool = False, strict: bool = False,
                 local: _api.LocalLike = (), date_format: str | None = None, threads: int = 1) -> None:
        if as_of is None:
            raise TypeError("as_of is required on Spark: without it each group would be judged on its own latest "
                            "event date; give the day, or the latest date of all the events (docs/national.md)")
        day = _api._as_of_days(as_of)  # checked here, on the driver, not in every task
        self.as_of = str(pd.Timestamp(day, unit="D").date())
        self.rules, self.explain, self.strict = rules, bool(explain), bool(strict)
        self.local, self.date_format = local, date_format
        self.threads = _api._check_threads(threads)  # on the driver, as as_of
        self._book: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_book"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _book=None)

    def __call__(self, *args):  # type: ignore[no-untyped-def]
        # fn(pdf), or fn(key, pdf): Spark counts the arguments of __call__ with self among them, and
        # so may pass the group's key too. No annotations: applyInPandas would read them and warn.
        if not args or not isinstance(args[-1], pd.DataFrame):
            raise TypeError("a timescales.spark.Evaluator takes a pandas DataFrame of case events")
        events = args[-1]
        if self._book is None:
            book, only = _api._resolve_rules(self.rules, self.local)
            self._book = book.select(only) if only else book
        ob = _api._evaluation(events, as_of=self.as_of, rules=self._book, explain=self.explain, strict=self.strict,
                              date_format=self.date_format, threads=self.threads).obligations
        # Spark matches columns by name; categoricals go over as their text.
        ob.attrs.clear()
        return ob

    def __repr__(self) -> str:
        return f"<timescales.spark.Evaluator as of {self.as_of}>"


# The Spark row id rejected() gives each event row, so that a rejected row (and the row a
# duplicate copies) can be named: Spark rows have no line numbers.
ROW = "row"


def rejected_schema(events: Any) -> Any:
    """The Spark schema of :func:`rejected`'s rows for these events: ``row`` (``LongType``, the
    row's id), every column of the events with its own type (the row as it was), then ``column``
    (the column at fault; empty when the row as a whole is, a duplicate say) and ``reason``."""
    types = _types()
    fields = _fields(events)
    if ROW in [f.name for f in fields]:
        raise _core.TimescalesError(f"the events have a column named {ROW!r}: rejected() names each row by a "
                                    f"column of that name; rename it")
    return types.StructType([types.StructField(ROW, types.LongType(), nullable=False), *fields,
                             types.StructField("column", types.StringType(), nullable=False),
                             types.StructField("reason", types.StringType(), nullable=False)])


class RejectedRows(Evaluator):
    """``fn(pdf)``: the rows of ``pdf`` (some children's whole histories, with a ``row`` id column)
    that the package cannot use, as :func:`rejected_schema` lists them. Its arguments are
    :class:`Evaluator`'s; ``strict`` is not one: listing the rows is the point."""

    def __init__(self, as_of: Any, rules: _api.RulesLike = None, local: _api.LocalLike = (),
                 date_format: str | None = None, lang: str = "en") -> None:
        super().__init__(as_of, rules=rules, local=local, date_format=date_format)
        self.lang = _api._check_lang(lang)  # on the driver, as as_of

    def __call__(self, *args):  # type: ignore[no-untyped-def]
        if not args or not isinstance(args[-1], pd.DataFrame):
            raise TypeError("a timescales.spark.RejectedRows takes a pandas DataFrame of case events")
        # The row ids as the index: a rejected row, and the row a duplicate copies, are named by them.
        events = args[-1].set_index(ROW)
        if self._book is None:
            book, only = _api._resolve_rules(self.rules, self.local)
            self._book = book.select(only) if only else book
        found = _api._evaluation(events, as_of=self.as_of, rules=self._book, date_format=self.date_format,
                                 threads=self.threads, lang=self.lang, warn=False).rejected  # no warning: they are the result
        rows = events.loc[found["row"]].reset_index()
        rows["column"] = found["column"].to_numpy()
        rows["reason"] = found["reason"].to_numpy()
        return rows

    def __repr__(self) -> str:
        return f"<timescales.spark.RejectedRows as of {self.as_of}>"


def _buckets(events: Any, buckets: int | None) -> int:
    if buckets is None:
        buckets = int(events.sparkSession.conf.get("spark.sql.shuffle.partitions"))
    if isinstance(buckets, bool) or not isinstance(buckets, int) or buckets < 1:
        raise TypeError(f"buckets must be a whole number of at least 1, not {buckets!r}")
    return buckets


def rejected(events: Any, as_of: Any, rules: _api.RulesLike = None, local: _api.LocalLike = (),
             date_format: str | None = None, buckets: int | None = None, lang: str = "en") -> Any:
    """The rows of a Spark DataFrame of case events that :func:`evaluate` cannot use, each with
    its reason, as a Spark DataFrame in :func:`rejected_schema`'s columns: the rows that
    :func:`timescales.evaluate` would list in ``Evaluation.rejected`` for the same events (in
    ``lang``), in no particular order. Each event row is first given an id (Spark's
    ``monotonically_increasing_id``: unique, not consecutive), by which a rejected row, and the
    row a duplicate copies, are named. The children are grouped into buckets as :func:`evaluate`
    groups them; the arguments are its own.
    """
    from pyspark.sql import functions as F

    fn = RejectedRows(as_of, rules=rules, local=local, date_format=date_format, lang=lang)
    out = rejected_schema(events)
    n = _buckets(events, buckets)
    numbered = events.withColumn(ROW, F.monotonically_increasing_id())
    return numbered.groupBy(F.pmod(F.xxhash64("case_id"), F.lit(n))).applyInPandas(fn, out)


def evaluate(events: Any, as_of: Any, rules: _api.RulesLike = None, explain: bool = False, strict: bool = False,
             local: _api.LocalLike = (), date_format: str | None = None, buckets: int | None = None,
             threads: int = 1) -> Any:
    """The obligations of a Spark DataFrame of case events, as a Spark DataFrame in
    :func:`schema`'s columns: the same rows as :func:`timescales.evaluate` on the same events,
    in no particular order.

    The children are grouped by a hash of ``case_id`` into ``buckets`` groups (default: the
    session's ``spark.sql.shuffle.partitions``), each child's rows in one, and each group is
    evaluated in one call: a group's memory is about 1/``buckets`` of the events. (Grouping by
    ``case_id`` itself, as ``groupBy("case_id").applyInPandas(Evaluator(...), ...)`` does, gives
    the same rows but pays the package's fixed cost per call once per child: far slower.)
    ``as_of`` is required (see the module's help); ``threads`` is each task's, 1 by default
    (:class:`Evaluator` says why); the rest are :func:`timescales.evaluate`'s.
    """
    fn = Evaluator(as_of, rules=rules, explain=explain, strict=strict, local=local, date_format=date_format,
                   threads=threads)
    out = schema(events, explain=explain)
    n = _buckets(events, buckets)
    from pyspark.sql import functions as F

    return events.groupBy(F.pmod(F.xxhash64("case_id"), F.lit(n))).applyInPandas(fn, out)
