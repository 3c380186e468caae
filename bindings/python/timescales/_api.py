"""Evaluating case events into obligations, measures, the catalogues, and explanations."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd

from . import _convert, _core, _input
from ._core import MissingColumnError, Rulebook, TimescalesError
from ._evaluation import KEY, Evaluation, keys_of, linked_evaluation

REQUIRED = ("case_id", "event", "date")
ATTRIBUTES: tuple[str, ...] = tuple(_core.ATTRIBUTES)
STATUSES: tuple[str, ...] = tuple(_core.STATUSES)
STANDARDS: tuple[str, ...] = tuple(_core.STANDARDS)
EVENTS: tuple[str, ...] = tuple(_core.EVENTS)
PLACEMENT_TYPES: tuple[str, ...] = tuple(_core.PLACEMENT_TYPES)
LEGAL_STATUSES: tuple[str, ...] = tuple(_core.LEGAL_STATUSES)
CONFIDENCES: tuple[str, ...] = tuple(_core.CONFIDENCES)
# The obligation columns and their types (include/timescales/obligation_columns.hpp), in order.
OBLIGATION_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _core.OBLIGATION_COLUMNS)

DateLike = Union[str, "os.PathLike[str]", Any]
RulesLike = Union[None, str, "os.PathLike[str]", Rulebook, Iterable[str]]


class RejectedRowsError(TimescalesError):
    """Raised by ``strict=True`` when any row of the case events cannot be used.

    ``error.rejected`` is the same DataFrame (``row, case_id, column, reason``) that a non-strict
    call gives as :attr:`Evaluation.rejected`.
    """

    def __init__(self, message: str, rejected: pd.DataFrame) -> None:
        super().__init__(message)
        self.rejected = rejected


RejectedRowsError.__module__ = "timescales"


class RejectedRowsWarning(UserWarning):
    """Some rows of the case events could not be used; :attr:`Evaluation.rejected` lists them."""


RejectedRowsWarning.__module__ = "timescales"


# --------------------------------------------------------------------------------------------
# Rules


LocalLike = Union[None, str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]


def _local_dirs(local: LocalLike) -> list[str]:
    if local is None:
        return []
    if isinstance(local, (str, os.PathLike)):
        local = [local]
    if not isinstance(local, Iterable):
        raise TypeError("local must be a directory or a list of directories")
    dirs = []
    for d in local:
        if not isinstance(d, (str, os.PathLike)):
            raise TypeError("local must be a directory or a list of directories")
        dirs.append(_convert.check_text(os.fspath(d), "a local rules directory"))
    return dirs


def load_rules(directory: str | os.PathLike[str] | None = None, local: LocalLike = ()) -> Rulebook:
    """Compile a rulebook, as the tool's ``--rules DIR`` and ``--local DIR``.

    ``directory`` is a whole rulebook (it declares its jurisdiction and calendar); ``None`` for
    the built-in rules. ``local`` is a council's directory, or a list of them, layered on it in
    order: its own rules and measures, its settings, its local standards checked against the
    statutory rules beneath.

    Raises :class:`RulesError` listing every problem (file, line, column, what is wrong).
    ``book.select([ids])`` evaluates only some of its rules. A rulebook pickles as the
    directories it was loaded from (as absolute paths), which are loaded again when unpickled.

    >>> book = timescales.load_rules(local="rules/local")     # doctest: +SKIP
    >>> timescales.evaluate(events, rules=book)               # doctest: +SKIP
    >>> timescales.evaluate(events, rules=book.select(["local.example.cp.visit.monthly"]))  # doctest: +SKIP
    """
    whole = None if directory is None else _convert.check_text(os.fspath(directory), "the rules directory")
    return _core.load_rulebook(whole, _local_dirs(local))


def _resolve_rules(rules: RulesLike, local: LocalLike = ()) -> tuple[Rulebook, list[str]]:
    dirs = _local_dirs(local)
    if rules is None:
        return load_rules(None, dirs), []
    if isinstance(rules, Rulebook):
        return (_core.layer_rulebook(rules, dirs) if dirs else rules), []
    if isinstance(rules, os.PathLike):
        return load_rules(rules, dirs), []
    if isinstance(rules, str):
        _convert.check_text(rules, "rules")
        if os.path.isdir(rules):
            return load_rules(rules, dirs), []
        return load_rules(None, dirs), [rules]
    if isinstance(rules, Iterable):
        ids = list(rules)
        if not all(isinstance(r, str) for r in ids):
            raise TypeError("rules must be rule ids (str), a rules directory or a Rulebook")
        for r in ids:
            _convert.check_text(r, "a rule id")
        return load_rules(None, dirs), ids
    raise TypeError("rules must be None, rule ids, a rules directory or a Rulebook")


def rules(rules: RulesLike = None, local: LocalLike = ()) -> pd.DataFrame:
    """The rule catalogue: one row per rule version (a rule changes with the regime, C10).

    Columns: ``id, title, standard, confidence, instrument, provision, url, effective_from,
    effective_to`` (exclusive; NaT while in force), then ``title_cy, calendar, trigger,
    completed_by, recurring, local_standard_for, quote, summary, summary_cy, file`` (``summary_cy``:
    the Welsh summary, empty for a council's rule marked ``english_only``).

    >>> cat = timescales.rules()
    >>> cat.loc[cat.id == "wales.cp.icpc", ["effective_from", "instrument"]]   # doctest: +SKIP

    ``local`` adds a council's rules (see :func:`load_rules`).
    """
    book, only = _resolve_rules(rules, local)
    cols = _core.rules_catalogue(book)
    frame = pd.DataFrame(cols)
    for c in ("effective_from", "effective_to"):
        frame[c] = _convert.days_to_datetime64(np.asarray(cols[c], dtype=np.int64))
    for c in ("standard", "confidence"):
        frame[c] = pd.Categorical(frame[c], categories=list(STANDARDS) if c == "standard" else
                                  ["confirmed", "probable", "unconfirmed"])
    keep = set(only) if only else set(book.rule_ids)
    return frame[frame["id"].isin(keep)].reset_index(drop=True)


def measures(rules: str | os.PathLike[str] | Rulebook | None = None, local: LocalLike = ()) -> pd.DataFrame:
    """The performance measures, for :func:`report`: the built-in ones (``rules/wales/measures``),
    or a rulebook's, with those of any ``local`` directories layered on it (see :func:`load_rules`).

    Columns: ``id, title, standard, basis, rules, numerator, denominator, reports_from,
    reports_to, source_name, source_url, title_cy, summary, summary_cy``. ``denominator`` is empty for a
    count measure (no percentage).
    """
    book, only = _resolve_rules(rules, local)
    if only:
        raise TypeError("measures' rules must be a rules directory or a Rulebook, not rule ids")
    cols = _core.measures_catalogue(book)
    frame = pd.DataFrame(cols)
    for c in ("reports_from", "reports_to"):
        frame[c] = _convert.days_to_datetime64(np.asarray(cols[c], dtype=np.int64))
    return frame


# --------------------------------------------------------------------------------------------
# Case events in


def _check_events(events: Any) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame):
        raise TypeError(
            "events must be a pandas DataFrame, or an Arrow table or polars DataFrame, with columns case_id, event "
            "and date (for a CSV file: "
            "pandas.read_csv(path, dtype=str, keep_default_na=False), or the `timescales evaluate` tool)")
    names = [str(c) for c in events.columns]
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise TimescalesError(f"column '{n}' appears twice in the header")
        seen.add(n)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        raise MissingColumnError(
            "missing required column" + ("s " if len(missing) > 1 else " ") + ", ".join(missing)
            + " (the header must name case_id, event and date)")
    return events


def _column(events: pd.DataFrame, name: str) -> pd.Series:
    for c in events.columns:
        if str(c) == name:
            return events[c]
    raise MissingColumnError(f"missing required column {name}")


def carried_columns(events: pd.DataFrame) -> list[Any]:
    """The columns carried through to the outputs: every column but the event columns."""
    fixed = set(REQUIRED) | set(ATTRIBUTES)
    return [c for c in events.columns if str(c) not in fixed]


def _carried_codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """A carried column as the library's table holds it: text, whatever the column holds (values
    pandas cannot hash, such as lists, as their str())."""
    try:
        return _convert.codes_and_values(values, trim=False, name="a carried column")
    except TypeError:
        return _convert.codes_and_values(values.map(str, na_action="ignore"), trim=False, name="a carried column")


#: Below this many rows, columns are coded (or taken) one after another: a pool costs more than it saves.
_ROWS_FOR_A_POOL = 100_000


def _results_in_order(jobs: Sequence[Callable[[], Any]], threads: int) -> list[Any]:
    """Each job's result, in the jobs' order, run on up to ``threads`` threads (0: every core). The
    first job to fail, in that order, raises its error: on one thread the jobs after it are not
    run; on several, it is raised once every job has ended."""
    workers = min(threads or _core.available_cores(), len(jobs))
    if workers <= 1:
        return [job() for job in jobs]
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(job) for job in jobs]
        return [future.result() for future in futures]


def _make_events(events: pd.DataFrame, book: Rulebook, carried: Sequence[Any] = (), date_format: str = "%Y-%m-%d",
                 threads: int = 0) -> Any:
    n = len(events)
    date = _column(events, "date")
    date_days = _input.date_days(date)  # dates already (datetime64, Arrow dates); None for text
    present = [a for a in ATTRIBUTES if any(str(c) == a for c in events.columns)]
    names = [_convert.check_text(str(c), "a column name") for c in carried]
    # Each column coded on its own (codes_and_values), on `threads` threads when there are many
    # rows: Arrow's dictionary encoding, most of the time, releases the GIL, so two columns are
    # coded at once (seven text columns of a million rows: 0.105 s instead of 0.142 s on 2 cores,
    # benchmarks/NOTES.md). The columns are taken from the frame here, in this thread; the jobs
    # only read them.
    code = _convert.codes_and_values
    jobs = [*([partial(code, date, name="column 'date'")] if date_days is None else []),
            *[partial(code, _column(events, a), name=f"column {a!r}") for a in present],
            *[partial(_carried_codes, events[c]) for c in carried],
            partial(code, _column(events, "case_id"), name="column 'case_id'"),
            partial(code, _column(events, "event"), name="column 'event'")]
    coded = _results_in_order(jobs, threads if n >= _ROWS_FOR_A_POOL else 1)
    date_text = coded.pop(0) if date_days is None else None
    *columns, case_id, event = coded
    attributes = dict(zip(present, columns[:len(present)]))
    carried_cols = list(zip(names, columns[len(present):]))
    return _core.make_events(book, n, case_id, event, date_text, date_days, attributes, carried_cols, date_format)


def _label(value: Any) -> Any:
    """An index label as Python writes it: a numpy scalar as its Python value (10, not np.int64(10))."""
    return value.item() if isinstance(value, np.generic) else value


def _at_rows(values: pd.Series, pos: np.ndarray) -> np.ndarray:
    """The column's values at the positions ``pos``, as numpy; when there are none (as usual for the
    rows dated after as_of, say), without a take: from an Arrow column of many chunks even a take
    of nothing cost a millisecond or more."""
    return values.iloc[pos].to_numpy() if len(pos) else values.iloc[:0].to_numpy()


def _rejected_frame(events: pd.DataFrame, cols: dict[str, Any]) -> pd.DataFrame:
    pos = np.asarray(cols["row"], dtype=np.int64)

    duplicate_of = np.asarray(cols["duplicate_of"], dtype=np.int64)
    # C8: a duplicate names the row it copies, by the frame's index label (the core counts rows),
    # in the core's sentence for the language ("duplicate of row {0}"). The labels are taken at
    # once: one by one they took 10 ms at a thousand duplicates.
    copied = iter(events.index.take(duplicate_of[duplicate_of >= 0]))
    sentence = str(cols["duplicate_reason"])
    reasons = [sentence.replace("{0}", repr(_label(next(copied)))) if of >= 0 else text
               for of, text in zip(duplicate_of.tolist(), cols["reason"])]

    return pd.DataFrame({
        "row": events.index.take(pos).to_numpy() if len(pos) else np.array([], dtype=np.int64),
        "case_id": pd.array(cols["case_id"], dtype=object),
        "column": pd.array(cols["column"], dtype=object),
        "reason": pd.array(reasons, dtype=object),
    })


def _handle_rejected(rejected: pd.DataFrame, rows_read: int, strict: bool, stacklevel: int = 3) -> None:
    if rejected.empty:
        return
    first = rejected.iloc[0]
    where = f"row {_label(first['row'])!r}: {first['column']}{': ' if first['column'] else ''}{first['reason']}"
    message = (f"{len(rejected)} of {rows_read} rows of the case events could not be used "
               f"(first: {where}); timescales.evaluation(...).rejected lists them all")
    if strict:
        raise RejectedRowsError(message.replace("; timescales.evaluation(...).rejected lists them all",
                                                "; error.rejected lists them all"), rejected)
    warnings.warn(message, RejectedRowsWarning, stacklevel=stacklevel)


def _as_of_days(as_of: Any, what: str = "as_of") -> int | None:
    return _convert.day_of(as_of, what) if as_of is not None else None


# --------------------------------------------------------------------------------------------
# Obligations out


def evaluate(events: pd.DataFrame, as_of: Any = None, rules: RulesLike = None, explain: bool = False,
             strict: bool = False, local: LocalLike = (), date_format: str | None = None,
             columns: _input.ColumnsLike = None, output: str = "pandas", threads: int = 0,
             lang: str = "en") -> pd.DataFrame:
    """Every child's obligations: one row per occurrence of a duty (docs/formats.md).

    Parameters
    ----------
    events:
        Case events, one row per event: ``case_id`` (text, integers or categorical), ``event``
        (the vocabulary of docs/formats.md), ``date`` (``datetime64`` of any unit, or ISO text
        ``YYYY-MM-DD``), optionally ``placement_type``, ``seen_alone``, ``at_home``,
        ``intended_until_18`` (booleans as bool or true/false, yes/no, y/n, 1/0) and
        ``visit_interval`` (a period such as ``"4 weeks"``). Every other column (team, worker) is
        carried through to the result with its dtype, from the row of the event that triggered
        each obligation. Row order does not matter.
    as_of:
        The date statuses are judged on (C9); default: the latest event date.
    rules:
        ``None`` for every built-in rule; rule ids (a str or a list) to evaluate only those; a
        rules directory (path) or a :class:`Rulebook` from :func:`load_rules` (whose
        ``select(ids)`` evaluates only some of its rules).
    local:
        A council's rules directory, or a list of them, layered on ``rules`` (as the tool's
        ``--local DIR``): its rules are evaluated with the statutory ones, in one run.
    explain:
        Add an ``explanation`` column: the rule and its citation, the arithmetic from trigger to
        deadline with the bank holidays skipped, what completed it, any variation.
    strict:
        Raise :class:`RejectedRowsError` when any row cannot be used, instead of warning.
    date_format:
        How text dates are written, when not ``YYYY-MM-DD``: ``"%d/%m/%Y"``, ``"%m/%d/%Y"``,
        ``"%d.%m.%Y"``... (``%d``, ``%m`` and ``%Y`` in any order with one separator,
        docs/formats.md). A date that does not match is a rejected row saying the format expected.
    columns:
        A council export's names for the event columns, ``{"Case ID": "case_id", "Event Date":
        "date"}``, or the path of a columns file (as the tool's ``--columns``; its ``date_format``
        applies unless ``date_format`` is given). The frame is read with its columns renamed.
    output:
        ``"pandas"`` (the default), ``"polars"`` (a polars DataFrame) or ``"arrow"`` (a
        ``pyarrow.Table``, which DuckDB queries in place: docs/national.md; dates as ``date32``,
        categoricals as dictionary arrays). Neither has ``attrs``: the rejected rows and the rest
        of the evaluation are on :func:`evaluation`'s result
        (``timescales.evaluation(events).rejected``).
    threads:
        How many threads evaluate: ``0`` (the default) for every core, ``1`` for one. Each child
        is evaluated on one thread and the results joined in order, so the result is the same
        whatever the number; small inputs (under about 50,000 events a thread) use fewer. The GIL
        is released while the library evaluates, so other Python threads run meanwhile. The same
        threads code the frame's columns and take its text columns for the result (from 100,000
        rows), and copy out, explain and key the obligations without the GIL (from 100,000
        obligations a thread).
    lang:
        The language of what a person reads: ``"en"`` (the default) or ``"cy"`` (Cymraeg:
        explanations, titles and headings from the Welsh catalogue, docs/cymraeg.md). Machine
        columns, ids and status codes are the same in both.

    ``events`` may be any frame with ``__arrow_c_stream__`` (a pyarrow Table, a polars DataFrame):
    it is read through pyarrow, its columns staying Arrow arrays, without conversion to Python
    objects. Dates with a time zone are refused (a :class:`TimescalesError` naming the column);
    a time of day on a naive datetime is dropped: the event's date is the date part.

    Returns
    -------
    pandas.DataFrame
        ``case_id, rule, standard, occurrence, trigger_event, trigger_date, due_date,
        completed_date, status, days_late, working_days_late, confidence``, the carried columns,
        ``explanation`` when asked, and ``obligation_key`` (``case_id|rule|standard|
        trigger_event|trigger_date``, the key of docs/formats.md in one column), which names each
        obligation wherever its row goes. Dates are
        ``datetime64[ns]`` (``completed_date`` NaT when not done); ``rule``, ``standard``,
        ``status``, ``trigger_event`` and ``confidence`` are categoricals. The index numbers the
        obligations.

    This is :func:`evaluation`'s ``obligations``: the rest of what the evaluation found (rows
    rejected, variations refused, counts) is on that object. The DataFrame stays the result here
    because it is what analysts filter, merge and save, and what every existing caller expects.
    Its ``attrs`` are a convenience of this session only, all JSON (so ``to_parquet`` writes
    them): ``as_of`` (``"YYYY-MM-DD"``), ``counts``, and ``evaluation``, the link by which
    :func:`explain`, :func:`worklist`, :func:`report` and :func:`dashboard` find the evaluation
    of a row or frame of this result. A frame read back from a file, or unpickled, has lost the
    link: explain its rows with the :class:`Evaluation` (``ev.explain(row)``), which finds them
    by ``obligation_key``.

    Rejected rows are never dropped silently: they are listed in :attr:`Evaluation.rejected` with
    a :class:`RejectedRowsWarning`; the other rows are evaluated.

    Examples
    --------
    >>> events = pd.DataFrame({
    ...     "case_id": ["C1", "C1", "C1"],
    ...     "event": ["strategy_discussion", "strategy_discussion", "icpc"],
    ...     "date": ["2021-01-04", "2021-01-11", "2021-01-29"]})
    >>> ob = timescales.evaluate(events, rules="wales.cp.icpc")
    >>> ob[["rule", "trigger_date", "due_date", "status"]]
                rule trigger_date   due_date status
    0  wales.cp.icpc   2021-01-11 2021-02-01    met
    """
    _check_output(output)
    ob = _evaluation(events, as_of=as_of, rules=rules, explain=explain, strict=strict, local=local,
                     date_format=date_format, columns=columns, threads=threads, lang=lang).obligations
    if output == "arrow":
        return _input.to_arrow(ob, dates=[name for name, kind in _core.OBLIGATION_COLUMNS if kind == "date"])
    return _input.to_polars(ob) if output == "polars" else ob


OUTPUTS = ("pandas", "polars", "arrow")


def _check_output(output: Any) -> None:
    if output not in OUTPUTS:
        raise TimescalesError(f"output must be 'pandas', 'polars' or 'arrow', not {output!r}")


def evaluation(events: Any, as_of: Any = None, rules: RulesLike = None, explain: bool = False,
               strict: bool = False, local: LocalLike = (), date_format: str | None = None,
               columns: _input.ColumnsLike = None, threads: int = 0, lang: str = "en") -> Evaluation:
    """Evaluate case events into an :class:`Evaluation`: the obligations with everything else the
    evaluation found (``rejected``, ``findings``, ``counts``, ``as_of``...), one picklable
    object whose methods report, list, chart and explain them. The arguments are
    :func:`evaluate`'s (``threads``: ``0``, the default, every core; the result is the same
    whatever the number, and the GIL is released while the library evaluates); given :func:`evaluate`'s result (or rows of it) instead of case events,
    it returns the evaluation they came from, not evaluated again.

    >>> events = pd.DataFrame({
    ...     "case_id": ["C1", "C1", "C1"],
    ...     "event": ["placement_start", "lac_visit", "lac_visit"],
    ...     "date": ["2021-03-01", "2021-03-04", "2021-04-20"]})
    >>> ev = timescales.evaluation(events, as_of="2021-04-30", rules="wales.lac.visit")
    >>> ev
    <timescales.Evaluation as of 2021-04-30: 3 obligations of 1 children; 3 rows read, 0 rejected, 0 findings>
    >>> ev.obligations[["trigger_event", "trigger_date", "due_date", "status"]]
         trigger_event trigger_date   due_date   status
    0  placement_start   2021-03-01 2021-03-08      met
    1        lac_visit   2021-03-04 2021-04-15     late
    2        lac_visit   2021-04-20 2021-06-01  pending
    >>> ev.obligations["obligation_key"].tolist()             # doctest: +NORMALIZE_WHITESPACE
    ['C1|wales.lac.visit|statutory|placement_start|2021-03-01',
     'C1|wales.lac.visit|statutory|lac_visit|2021-03-04',
     'C1|wales.lac.visit|statutory|lac_visit|2021-04-20']
    >>> print(ev.explain("C1|wales.lac.visit|statutory|lac_visit|2021-03-04"))   # doctest: +ELLIPSIS
    wales.lac.visit (statutory standard; ...
    """
    link = linked_evaluation(events) if isinstance(events, (pd.DataFrame, pd.Series)) else None
    if link is not None:
        if rules is not None or _local_dirs(local) or explain or strict or date_format is not None or columns is not None:
            raise TypeError("these obligations were evaluated already: rules, local, explain, strict, date_format "
                            "and columns apply to evaluating case events")
        if as_of is not None and _as_of_days(as_of) != _days(link.as_of):
            raise TimescalesError("as_of differs from the day these obligations were judged on "
                                  f"({link.as_of.date()}): evaluate again with that as_of")
        return link
    return _evaluation(events, as_of=as_of, rules=rules, explain=explain, strict=strict, local=local,
                       date_format=date_format, columns=columns, threads=threads, lang=lang)


def _days(day: pd.Timestamp) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


LANGUAGES = ("en", "cy")


def _check_lang(lang: Any) -> str:
    # lang=: the language of what a person reads (docs/cymraeg.md); machine columns never change.
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be 'en' (English) or 'cy' (Cymraeg), not {lang!r}")
    return str(lang)


def _check_threads(threads: Any) -> int:
    """``threads=`` as the library takes it: 0 (every core) to 1024."""
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or not 0 <= threads <= 1024:
        raise TimescalesError(f"threads must be a whole number from 1 to 1024, or 0 for every core, not {threads!r}")
    return int(threads)


def _evaluation(events: Any, as_of: Any = None, rules: RulesLike = None, explain: bool = False, strict: bool = False,
                local: LocalLike = (), date_format: str | None = None, columns: _input.ColumnsLike = None,
                stacklevel: int = 4, warn: bool = True, threads: int = 0, lang: str = "en") -> Evaluation:
    # stacklevel 4: the warning names the line that called evaluate() or evaluation().
    threads = _check_threads(threads)
    lang = _check_lang(lang)
    events, fmt = _input.events_frame(events, columns, date_format)
    events = _check_events(events)
    book, only = _resolve_rules(rules, local)
    # The carried columns go into the library's table too (about 1% of the time), for what groups
    # or lists by them there: the dashboard.
    carried = carried_columns(events)
    table = _make_events(events, book, carried, fmt, threads)
    result, cols = _core.evaluate(table, book, _as_of_days(as_of), only, bool(explain), int(threads), lang)

    pos = np.asarray(cols["trigger_pos"], dtype=np.int64)
    n = len(pos)
    index = pd.RangeIndex(n)

    def taken(values: pd.Series) -> pd.Series:
        # The column's own array at the trigger rows, without taking and resetting its index; the
        # dtype is given so that pandas does not infer another (str for an object column of text).
        return pd.Series(values.array.take(pos), index=index, dtype=values.dtype, copy=False)

    # The frame's own columns at the trigger rows, taken on the pool as the columns were coded
    # (Arrow's take releases the GIL: 0.026 s instead of 0.036 s for three columns at a million).
    inputs = [name for name, kind in _core.OBLIGATION_COLUMNS if kind == "input_text"]
    columns = [_column(events, name) for name in inputs] + [events[c] for c in carried]
    took = _results_in_order([partial(taken, c) for c in columns], threads if n >= _ROWS_FOR_A_POOL else 1)
    taken_inputs = dict(zip(inputs, took))
    data: dict[Any, Any] = {}
    for name, kind in _core.OBLIGATION_COLUMNS:
        if kind == "input_text":
            data[name] = taken_inputs[name]
        elif kind == "category":  # codes of the width pandas keeps: not copied
            data[name] = pd.Categorical.from_codes(cols[name], categories=cols["categories"][name])
        elif kind == "date":  # datetime64[ns] already (NaT for none)
            data[name] = cols[name].view("datetime64[ns]")
        elif kind == "integer":
            data[name] = cols[name]
        else:
            raise TimescalesError(f"internal: column {name} has a type this package does not know: {kind}")
    for c, values in zip(carried, took[len(inputs):]):
        data[c] = values
    if explain:
        data["explanation"] = pd.Series(cols["explanation"], index=index, dtype=object)
    # The key's parts as the core coded them: the rule, standard and event by their categories' codes,
    # the trigger date by its day's text (what obligation_keys would make of the columns).
    parts = [(cols[name], cols["categories"][name]) for name in ("rule", "standard", "trigger_event")]
    data[KEY] = pd.Series(keys_of(data["case_id"], [*parts, cols["trigger_day"]], threads), index=index)
    # copy=False: every array above is new and this frame's alone, so pandas need not copy those
    # of one dtype together into 2-D blocks (about 30 ms of copying at a million obligations).
    out = pd.DataFrame(data, index=index, copy=False)

    rejected = _rejected_frame(events, cols["rejected"])
    f = cols["findings"]
    fpos = np.asarray(f["pos"], dtype=np.int64)
    findings = pd.DataFrame({
        "case_id": _at_rows(events[_case_id_label(events)], fpos),
        "rule": pd.array(f["rule"], dtype=object),
        "event": pd.array(f["event"], dtype=object),
        "date": _convert.days_to_datetime64(f["date"]),
        "attribute": pd.array(f["attribute"], dtype=object),
        "asked": pd.array(f["asked"], dtype=object),
        "limit": pd.array(f["limit"], dtype=object),
        "explanation": pd.array(f["explanation"], dtype=object),
        "row": events.index.take(fpos).to_numpy() if len(fpos) else np.array([], dtype=np.int64),
    })
    apos = np.asarray(cols["after_as_of"], dtype=np.int64)  # C9: dated after as_of, not used
    after_as_of = pd.DataFrame({
        "row": events.index.take(apos).to_numpy() if len(apos) else np.array([], dtype=np.int64),
        "case_id": _at_rows(events[_case_id_label(events)], apos),
        "event": _at_rows(_column(events, "event"), apos),
        "date": _at_rows(_column(events, "date"), apos),
    })
    u = cols["unjudged"]  # C1: deadlines beyond the calendar, never guessed
    upos = np.asarray(u["pos"], dtype=np.int64)
    unjudged = pd.DataFrame({
        "case_id": _at_rows(events[_case_id_label(events)], upos),
        "rule": pd.array(u["rule"], dtype=object),
        "trigger_event": pd.array(u["trigger_event"], dtype=object),
        "trigger_date": _at_rows(_column(events, "date"), upos),
        "row": events.index.take(upos).to_numpy() if len(upos) else np.array([], dtype=np.int64),
    })
    day = pd.Timestamp(np.datetime64(int(cols["as_of"]), "D"))
    counts = {
        "rows_read": int(cols["rows_read"]), "used": int(cols["rows_read"]) - len(rejected),
        "rejected": len(rejected), "after_as_of": int(cols["events_after_as_of"]),
        "children": int(cols["children"]), "obligations": n, "findings": len(findings),
        "unjudged": len(upos),
    }
    if warn:
        _handle_rejected(rejected, int(cols["rows_read"]), strict, stacklevel)
    # What pickling keeps to evaluate again: the compiled rulebook pickles as the directories it
    # came from (absolute paths), whatever the working directory when unpickled.
    inputs = {"events": events, "as_of": day, "rules": book.select(only) if only else book, "explain": explain,
              "strict": strict, "local": (),
              "date_format": fmt}  # the events are kept with our column names: no mapping to apply again
    return Evaluation(obligations=out, rejected=rejected, findings=findings, after_as_of=after_as_of,
                      unjudged=unjudged, counts=counts, as_of=day, result=result, inputs=inputs)


def _case_id_label(events: pd.DataFrame) -> Any:
    for c in events.columns:
        if str(c) == "case_id":
            return c
    raise MissingColumnError("missing required column case_id")


def explain(obligation: pd.Series | pd.DataFrame, case_id: Any = None, lang: str | None = None) -> str:
    """The explanation of one obligation (a row of :func:`evaluate`'s result), or with ``case_id``
    one child's timeline.

    It is the row's ``explanation`` column when the evaluation was asked for one
    (``evaluate(..., explain=True)``); otherwise it is rebuilt from the evaluation the row came
    from, which rows taken with ``.loc``, ``.iloc`` or ``iterrows`` from the result, filtered,
    sorted or re-indexed, still name (``attrs["evaluation"]``): the row is found by its
    ``obligation_key``. A row that has lost that link (read back from a file, merged, unpickled)
    is explained by its :class:`Evaluation` instead: ``ev.explain(row)`` or
    ``ev.explain(key)``; a row with neither raises :class:`TimescalesError`.

    With ``case_id``, the first argument is :func:`evaluate`'s result (or the case events, which
    are evaluated) and the text is that child's timeline, as ``timescales evaluate --case ID
    --explain`` prints it: the child's events and every duty, past and open, at its due date
    with its explanation, in date order, the as-of date marked and the child's rejected rows
    listed. Its "line" numbers are the rows' positions in the events DataFrame (0 for the first),
    where the tool gives CSV lines. A case id with no usable row raises :class:`TimescalesError`.

    ``lang="cy"`` gives the Welsh text (``"en"``, English; docs/cymraeg.md), rebuilt from the
    evaluation; without ``lang``, a row's own ``explanation`` column is returned as it is, and
    anything rebuilt is English.

    >>> ob = timescales.evaluate(events)                         # doctest: +SKIP
    >>> print(timescales.explain(ob[ob.status == "late"].iloc[0]))  # doctest: +SKIP
    >>> print(timescales.explain(ob, case_id="C0003"))            # doctest: +SKIP
    """
    language = "en" if lang is None else _check_lang(lang)
    if case_id is not None:
        ob, ev = _evaluated(obligation, None, None, (), False, "explain(..., case_id=...)")
        return ev.timeline(case_id, lang=language)
    row = obligation
    if isinstance(row, pd.DataFrame):
        if len(row) != 1:
            raise TimescalesError(f"explain takes one obligation: a row, or a DataFrame of one row, not {len(row)}")
        row = row.iloc[0]
    if not isinstance(row, pd.Series):
        raise TypeError("explain takes a row (pandas Series) of evaluate()'s result")
    text = row.get("explanation")
    if lang is None and isinstance(text, str) and text:
        return text
    ev = linked_evaluation(row)
    if ev is None:
        raise TimescalesError(
            "this row has no explanation column and no link to the evaluation it came from (it was built by hand, "
            "read back from a file, merged or unpickled): explain it with its Evaluation (ev.explain(row), "
            "ev = timescales.evaluation(events)), or evaluate with explain=True to keep explanations with the rows")
    i = ev.position(row)
    kept = ev.obligations.iloc[i]
    for k in ("case_id", "rule", "standard", "occurrence", "trigger_date", "due_date"):
        if k in row.index and not _same(row[k], kept[k]):
            raise TimescalesError(f"this row's {k} is not that of its obligation, {kept[KEY]!r} (was the row changed?)")
    return ev.explain(i, lang=language)


def _same(a: Any, b: Any) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return str(a) == str(b) if not isinstance(b, pd.Timestamp) else pd.Timestamp(a) == b


def _evaluated(obligations_or_events: Any, as_of: Any, rules: RulesLike, local: LocalLike, strict: bool,
               what: str, date_format: str | None = None,
               columns: _input.ColumnsLike = None) -> tuple[pd.DataFrame, Evaluation]:
    """evaluate()'s result as given, or the case events evaluated: the obligations and their evaluation."""
    ob = obligations_or_events
    if not isinstance(ob, pd.DataFrame) and not _input.is_arrow_input(ob):
        raise TypeError(f"{what} takes evaluate()'s result or a DataFrame of case events")
    ev = linked_evaluation(ob) if isinstance(ob, pd.DataFrame) else None  # Arrow input: case events
    if ev is None:
        if isinstance(ob, pd.DataFrame) and KEY in ob.columns:
            raise TimescalesError(
                f"{what}: these obligations have lost the evaluation they came from (read back from a file, merged "
                "or unpickled): use the Evaluation's own methods (ev.worklist(), ev.report()...), or evaluate again")
        ev = _evaluation(ob, as_of=as_of, rules=rules, local=local, strict=strict, date_format=date_format,
                         columns=columns, stacklevel=5)
        return ev.obligations, ev
    if rules is not None or _local_dirs(local):
        raise TypeError("these obligations were evaluated already: rules and local apply to evaluate()")
    if date_format is not None or columns is not None:
        raise TypeError("these obligations were evaluated already: date_format and columns apply to evaluate()")
    if as_of is not None and _as_of_days(as_of) != _days(ev.as_of):
        raise TimescalesError("as_of differs from the day these obligations were judged on "
                              f"({ev.as_of.date()}): evaluate again with that as_of")
    ev._compiled()
    return ob, ev


def _by_columns(by: Any, ob: pd.DataFrame) -> list[Any]:
    """The columns `by` names (one, or a list), each a carried column of the obligations."""
    if by is None:
        return []
    wanted = [by] if isinstance(by, str) or not isinstance(by, Iterable) else list(by)
    fixed = set(OBLIGATION_COLUMNS) | {"explanation", KEY}
    carried = [c for c in ob.columns if c not in fixed]
    out = []
    for b in wanted:
        match = [c for c in carried if str(c) == _convert.check_text(str(b), "by")]
        if not match:
            names = ", ".join(str(c) for c in carried)
            raise TimescalesError(f"by={str(b)!r} is not a carried column of the events"
                                  + (f"; its carried columns are {names}" if names else " (they have none)"))
        out.append(match[0])
    return out


def worklist(obligations_or_events: pd.DataFrame, as_of: Any = None, within: str = _core.DEFAULT_WORKLIST_HORIZON,
             by: Any = None, rules: RulesLike = None, local: LocalLike = (), strict: bool = False,
             date_format: str | None = None, columns: _input.ColumnsLike = None, lang: str = "en") -> pd.DataFrame:
    """Every open duty on the day, as ``timescales worklist``: overdue ones, and pending ones
    falling due within ``within`` of ``as_of`` (counted in the jurisdiction's calendar).

    Parameters
    ----------
    obligations_or_events:
        The result of :func:`evaluate` (its rows, filtered or not: a worklist of one team's
        obligations is the worklist of the rows kept), or case events, evaluated first with
        ``as_of``, ``rules``, ``local``, ``strict``, ``date_format`` and ``columns`` as
        :func:`evaluate` takes them.
    within:
        The horizon, any period: ``"10 working days"`` (the default), ``"2 weeks"``, ``"1 month"``.
    by:
        A column, or a list of columns (team, worker): the rows are grouped by them first.
    lang:
        The language of the ``title`` column: ``"en"`` (the default) or ``"cy"`` (the rules'
        Welsh titles).

    Returns
    -------
    pandas.DataFrame
        ``case_id, rule, title, standard, occurrence, trigger_event, trigger_date, due_date,
        status, days_left, working_days_left, confidence``, then the carried columns; sorted by
        the ``by`` columns, due date, then case. ``days_left`` counts calendar days from
        ``as_of`` to the due date, ``working_days_left`` working days in the rule's calendar;
        both are negative when overdue (minus ``days_late`` and ``working_days_late``).
        ``attrs`` holds ``as_of`` and ``horizon`` (the last due date listed), as ``YYYY-MM-DD``.

    >>> wl = timescales.worklist(events, by="team")             # doctest: +SKIP
    """
    ob, ev = _evaluated(obligations_or_events, as_of, rules, local, strict, "worklist", date_format, columns)
    w = _core.worklist(ev._compiled(), _convert.check_text(str(within), "within"), _check_lang(lang))
    position = np.asarray(w["position"], dtype=np.int64)
    # evaluate() numbers the obligations 0, 1, ...: the rows a filter kept keep their numbers.
    kept = np.isin(position, ob.index.to_numpy())
    rows = ob.loc[position[kept]]
    own = {"title": pd.array(np.asarray(w["title"], dtype=object)[kept], dtype=object),
           "days_left": np.asarray(w["days_left"], dtype=np.int64)[kept],
           "working_days_left": np.asarray(w["working_days_left"], dtype=np.int64)[kept]}
    data: dict[Any, Any] = {}
    for name in _core.WORKLIST_COLUMNS:
        data[name] = own[name] if name in own else rows[name].to_numpy()
        if name not in own and isinstance(rows[name].dtype, pd.CategoricalDtype):
            data[name] = rows[name].array
    fixed = set(OBLIGATION_COLUMNS) | {"explanation", KEY}
    for c in rows.columns:
        if c not in fixed and c not in data:
            data[c] = rows[c].array
    if KEY in rows.columns:  # so that a worklist's row is explained as the obligation's (Evaluation.explain)
        data[KEY] = rows[KEY].to_numpy()
    out = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    groups = _by_columns(by, ob)
    if groups:  # a missing value first, as the tool orders an empty cell
        out = out.sort_values(groups, kind="stable", na_position="first").reset_index(drop=True)
    out.attrs["as_of"] = ev.as_of.strftime("%Y-%m-%d")  # attrs are JSON, so that to_parquet writes them
    out.attrs["horizon"] = str(np.datetime64(int(w["horizon"]), "D"))
    return out


def _missing_first(keys: pd.Index) -> np.ndarray | None:
    """The order of sorted group keys (one level or several) with a missing value before every
    other in each level, as the tool orders an empty cell; None when no key has one."""
    levels = [keys.get_level_values(k) for k in range(keys.nlevels)]
    missing = [np.asarray(pd.isna(level)) for level in levels]
    if not any(m.any() for m in missing):
        return None
    # lexsort's last key is the first level; within a level missing (False) before present (True),
    # then the position pandas sorted the values into.
    rank = np.arange(len(keys))
    sort_keys = []
    for level, m in zip(reversed(levels), reversed(missing)):
        codes = pd.Index(level).factorize(sort=True, use_na_sentinel=True)[0]
        sort_keys += [codes, ~m]
    return np.lexsort([rank, *sort_keys])


def summary(obligations: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Compliance by rule, standard and confidence (and ``by`` columns), as ``timescales evaluate
    --summary``.

    Columns: the keys, ``total``, one count per status, and ``on_time``: met / (met + late +
    missed + overdue) in percent, NaN when nothing was judged (pending and cancelled obligations
    are not counted, C9). Versions of a rule of different confidence are separate rows, so that no
    percentage mixes settled law with a probable reading (C13).
    """
    keys = ["rule", "standard", "confidence"] + ([by] if isinstance(by, str) else list(by or []))
    counts = (obligations.groupby(keys, observed=True)["status"].value_counts().unstack("status", fill_value=0)
              .reindex(columns=list(STATUSES), fill_value=0))
    counts.columns = list(counts.columns)
    counts.insert(0, "total", counts.sum(axis=1))
    judged = counts[["met", "late", "missed", "overdue"]].sum(axis=1)
    counts["on_time"] = (100.0 * counts["met"] / judged.where(judged > 0)).astype(float)
    return counts.reset_index()


# --------------------------------------------------------------------------------------------
# Measures


PERIODS = ("month", "quarter", "year", "whole")


def report(events: pd.DataFrame, measures: str | Sequence[str] | None = None, period: str = "year",
           by: str | Sequence[str] | None = None, from_: Any = None, to: Any = None, as_of: Any = None,
           rules: RulesLike = None, strict: bool = False, local: LocalLike = (), date_format: str | None = None,
           columns: _input.ColumnsLike = None, output: str = "pandas", lang: str = "en") -> pd.DataFrame:
    """Performance measures over periods and groups, as ``timescales report``.

    Parameters
    ----------
    events:
        Case events, as for :func:`evaluate`; or the result of :func:`evaluate`, which is not
        evaluated again (a filtered result counts only the rows kept).
    measures:
        Measure ids (see :func:`measures`), one or a list; ``None`` or ``"all"`` for every one.
    period:
        ``"month"``, ``"quarter"``, ``"year"`` (the Welsh financial year, April to March) or
        ``"whole"`` (one period from ``from_`` to ``to``).
    by:
        A carried column (team, worker...), or a list of them: each group of their values is
        counted as well as all; groups are the values on each obligation's trigger event.
    from_, to:
        The first and last days reported; default: the start of the financial year of the
        earliest event, and ``as_of``.
    as_of:
        The date statuses are judged on; default: the latest event date.
    rules:
        A rules directory or :class:`Rulebook` instead of the built-in rules.
    local:
        A council's rules directory, or a list of them, layered on ``rules``: its measures can
        be reported too.
    date_format, columns:
        How the events are written, as for :func:`evaluate` (a council's export).
    output:
        ``"pandas"`` (the default), ``"polars"`` or ``"arrow"`` (a ``pyarrow.Table``, for DuckDB:
        docs/national.md; the period dates as ``date32``), as for :func:`evaluate`.
    lang:
        The language of the ``title`` column: ``"en"`` (the default) or ``"cy"`` (the measures'
        Welsh titles).

    Returns
    -------
    pandas.DataFrame
        ``measure, period_start, period_end, group, numerator, denominator, percentage,
        confidence, title``, then one column per ``by`` column: one row per measure, period and
        group, the row of all first (``group`` ``"all"``, its ``by`` columns missing), then each
        group's (``group`` its values, joined by " / " when there are several, and each in its
        own column), groups in the order of their values, a missing value first (as the tool
        orders an empty cell). ``percentage`` is to one decimal place, the figure the tool
        writes and the dashboard judges (docs/formats.md); ``denominator`` is ``<NA>`` and
        ``percentage`` NaN for a count measure; ``percentage`` is NaN too when nothing was due.

    >>> timescales.report(events, measures="wales.cp.icpc.timeliness", by=["team", "worker"])   # doctest: +SKIP
    """
    if period not in PERIODS:
        raise TimescalesError(f"period must be month, quarter, year or whole, not {period!r}")
    _check_output(output)
    if isinstance(rules, (list, tuple)) or (isinstance(rules, str) and not os.path.isdir(rules)):
        raise TypeError("report's rules must be a rules directory or a Rulebook: measures choose their own rules")
    if measures is None or measures == "all":
        ids: list[str] = []
    elif isinstance(measures, str):
        ids = [measures]
    else:
        ids = list(measures)
    for i in ids:
        if isinstance(i, str):
            _convert.check_text(i, "a measure id")
    ob, ev = _evaluated(events, as_of, rules, local, strict, "report", date_format, columns)
    groups = _by_columns(by, ob)
    n = len(ev._compiled())
    whole = isinstance(ob.index, pd.RangeIndex) and ob.index.equals(pd.RangeIndex(n))
    positions = None if whole else np.asarray(ob.index, dtype=np.int64)
    group_of, keys = None, None
    if groups:
        grouped = ob.groupby(groups, sort=True, dropna=False, observed=True)
        group_of = grouped.ngroup().to_numpy(dtype=np.int64)
        keys = grouped.size().index
        # pandas puts a missing value's group last; the tool, whose empty cell is "", first.
        order = _missing_first(keys)
        if order is not None:
            keys = keys.take(order)
            group_of = np.argsort(order)[group_of]
    texts = [] if keys is None else [
        ["" if pd.isna(v) else _convert.check_text(_convert.text_of(v, trim=False), "a carried column")
         for v in (k if isinstance(k, tuple) else (k,))] for k in keys]
    r = _core.report(ev._compiled(), ids, period, _as_of_days(from_, "from_"), _as_of_days(to, "to"), positions,
                     group_of, texts, _check_lang(lang))
    denominator = pd.array(r["denominator"], dtype="Int64")
    denominator[~np.asarray(r["has_denominator"], dtype=bool)] = pd.NA
    g = np.asarray(r["group_index"], dtype=np.int64)
    data: dict[Any, Any] = {
        "measure": pd.array(r["measure"], dtype=object),
        "period_start": _convert.days_to_datetime64(r["period_start"]),
        "period_end": _convert.days_to_datetime64(r["period_end"]),
        "group": pd.array(r["group"], dtype=object),
        "numerator": np.asarray(r["numerator"], dtype=np.int64),
        "denominator": denominator,
        "percentage": np.asarray(r["percentage"], dtype=np.float64),
        "confidence": pd.Categorical.from_codes(r["confidence"], categories=list(CONFIDENCES)),
        "title": pd.array(r["title"], dtype=object),
    }
    for k, column in enumerate(groups):  # each group's own values, with their dtype; missing on the row of all
        level = keys.get_level_values(k) if isinstance(keys, pd.MultiIndex) else keys
        taken = pd.Series(level.take(np.maximum(g, 0))) if len(level) else pd.Series([None] * len(g), dtype=object)
        data[column] = taken.where(g >= 0).to_numpy()
    out = pd.DataFrame(data)
    out.attrs["as_of"] = ev.as_of.strftime("%Y-%m-%d")  # attrs are JSON, so that to_parquet writes them
    out.attrs["from"] = str(np.datetime64(int(r["from"]), "D"))
    out.attrs["to"] = str(np.datetime64(int(r["to"]), "D"))
    if output == "arrow":
        return _input.to_arrow(out, dates=["period_start", "period_end"])
    return _input.to_polars(out) if output == "polars" else out



def dashboard(events: pd.DataFrame, path: str | os.PathLike[str], by: str | Sequence[str] | None = None,
              period: str = "quarter", measures: str | Sequence[str] | None = None, from_: Any = None, to: Any = None,
              as_of: Any = None, within: str = _core.DEFAULT_WORKLIST_HORIZON, title: str | None = None,
              rows_behind: int = 200, rules: RulesLike = None, local: LocalLike = (), strict: bool = False,
              date_format: str | None = None, columns: _input.ColumnsLike = None, lang: str = "en",
              title_cy: str | None = None) -> Path:
    """Writes the dashboard page, as ``timescales dashboard`` does for the same arguments: one
    self-contained HTML file with the headline figures against their targets, the trends, the
    figures by group, what needs doing, and the duties behind each figure.

    ``events`` are case events, or :func:`evaluate`'s result, which is not evaluated again (a
    filtered result shows the whole evaluation it came from). ``by``, ``period`` (``"quarter"``, ``"month"`` or ``"year"``),
    ``measures`` (default: every one), ``from_``, ``to`` and ``as_of`` are :func:`report`'s;
    ``within`` is the worklist's horizon; ``date_format`` and ``columns`` are :func:`evaluate`'s; ``rows_behind`` the duties listed behind one figure at
    most. Targets come from the rulebook's measure files: a council's ``local`` directory.
    The page is in English and in Welsh, with a switch between them; ``lang="cy"`` opens it in
    Welsh (docs/cymraeg.md). ``title`` is its heading, ``title_cy`` the Welsh copy's (default:
    ``title``). Returns the path written.

    >>> timescales.dashboard(events, "dashboard.html", by="team", local="rules/local")  # doctest: +SKIP
    """
    if period not in ("quarter", "month", "year"):
        raise TimescalesError(f"period must be quarter, month or year, not {period!r}")
    if isinstance(rules, (list, tuple)) or (isinstance(rules, str) and not os.path.isdir(rules)):
        raise TypeError("dashboard's rules must be a rules directory or a Rulebook: measures choose their own rules")
    ids = [] if measures is None or measures == "all" else [measures] if isinstance(measures, str) else list(measures)
    ids = list(dict.fromkeys(ids))  # a measure named twice is shown once, as by the tool
    for i in ids:
        _convert.check_text(i, "a measure id")
    if not isinstance(rows_behind, (int, np.integer)) or isinstance(rows_behind, bool) or not 1 <= rows_behind <= 100_000:
        raise TimescalesError(f"rows_behind must be a whole number from 1 to 100000, as the tool's, not {rows_behind!r}")
    ob, ev = _evaluated(events, as_of, rules, local, strict, "dashboard", date_format, columns)
    groups = [str(c) for c in _by_columns(by, ob)]
    page = _core.dashboard(ev._compiled(), ids, groups, period, _as_of_days(from_, "from_"), _as_of_days(to, "to"),
                           _convert.check_text(within, "within"), "" if title is None else _convert.check_text(title, "title"),
                           int(rows_behind), _check_lang(lang),
                           "" if title_cy is None else _convert.check_text(title_cy, "title_cy"))
    out = Path(path)
    out.write_bytes(page.encode("utf-8"))  # bytes: the tool's page exactly, whatever the platform's newlines
    return out
