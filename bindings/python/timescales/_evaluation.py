"""The results of an evaluation as one object (:class:`Evaluation`), and the obligation key.

An evaluation's obligations are a plain DataFrame that analysts save, merge and read back; what
else the evaluation found (rejected rows, refused variations, counts) and what explains each
obligation live here, not in the DataFrame's ``attrs``, which pandas marks experimental and which
``to_parquet`` writes as JSON. The link from the DataFrame back to this object is the
``obligation_key`` column, which survives every such round trip.
"""

from __future__ import annotations

import itertools
import os
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._core import TimescalesError

#: The column naming each obligation: case, rule, standard, trigger event and date.
KEY = "obligation_key"
_SEP = "|"


def _coded(values: Any) -> tuple[np.ndarray, list[str]]:
    """A column as (int64 codes, each distinct value's text): a categorical's categories formatted
    once, as ``astype(str)`` formats them."""
    cat = pd.Categorical(values)
    return np.asarray(cat.codes, dtype=np.int64), [str(c) for c in cat.categories]


def obligation_keys(case_id: Any, rule: Any, standard: Any, trigger_event: Any, trigger_date: Any,
                    threads: int = 0) -> np.ndarray | pd.Series:
    """Each obligation's key in one text, ``case_id|rule|standard|trigger_event|trigger_date``
    (``"C1|wales.lac.visit|statutory|placement_start|2021-03-01"``): the key by which
    docs/formats.md identifies an obligation, which no two obligations of an evaluation share,
    whichever rows are kept or however they are ordered. Rule ids, standards, events and dates
    hold no ``|``, so the key reads from the right whatever the case id holds. The case id is
    ``str()`` of the column's value, as ``astype(str)`` gives it. ``threads``: how many threads
    join Arrow text (0: every core), as ``evaluate(threads=)``.

    >>> from timescales._evaluation import obligation_keys
    >>> obligation_keys(pd.Series(["C1", "C2"]), pd.Categorical(["wales.cp.icpc"] * 2),
    ...                 pd.Categorical(["statutory"] * 2), pd.Categorical(["strategy_discussion"] * 2),
    ...                 pd.to_datetime(["2021-01-11", "2021-02-01"])).tolist()
    ['C1|wales.cp.icpc|statutory|strategy_discussion|2021-01-11', 'C2|wales.cp.icpc|statutory|strategy_discussion|2021-02-01']
    """
    # Rule, standard and event are categoricals, and the dates few: each value's text is made
    # once, and the core joins them row by row (benchmarks/NOTES.md, "Obligation keys").
    return keys_of(case_id, [_coded(rule), _coded(standard), _coded(trigger_event), _day_codes(trigger_date)], threads)


def keys_of(case_id: Any, parts: list[tuple[np.ndarray, list[str]]], threads: int = 0) -> np.ndarray | pd.Series:
    """The keys of :func:`obligation_keys` from the case ids and the other four columns as (codes,
    texts) each (codes: signed integers of any width), as ``evaluate()`` has them from the core.

    >>> from timescales._evaluation import keys_of
    >>> keys_of(pd.Series(["C1", "C2"]), [(np.array([0, 0], dtype=np.int8), ["wales.cp.icpc"]),
    ...     (np.array([0, 0]), ["statutory"]), (np.array([0, 0]), ["strategy_discussion"]),
    ...     (np.array([1, 0], dtype=np.int32), ["2021-01-10", "2021-01-11"])]).tolist()
    ['C1|wales.cp.icpc|statutory|strategy_discussion|2021-01-11', 'C2|wales.cp.icpc|statutory|strategy_discussion|2021-01-10']
    """
    arrow = _arrow_keys(case_id, parts, threads)
    if arrow is not None:
        return arrow
    return _core.join_texts(np.asarray(case_id, dtype=object), parts, _SEP)


def _day_codes(dates: Any) -> tuple[np.ndarray, list[str]]:
    """Dates as (int64 codes, texts) like :func:`_coded`, coded as evaluate() codes its keys' dates
    (the core's ``day_codes``): the code of a day its distance from the earliest, the texts those of
    every day from the earliest to the latest, where factorizing a million dates took a tenth of
    the keys' time; dates spread thin over a long span, the distinct days. Missing dates (and any
    not printable as YYYY-MM-DD) are factorized instead.

    >>> from timescales._evaluation import _day_codes
    >>> _day_codes(pd.to_datetime(["2021-01-11", "2021-01-09", "2021-01-11"]))
    (array([2, 0, 2]), ['2021-01-09', '2021-01-10', '2021-01-11'])
    """
    days = np.asarray(dates, dtype="datetime64[D]")
    coded = _core.day_codes(days.view(np.int64))
    if coded is not None:
        codes, texts = coded
        return np.asarray(codes, dtype=np.int64), texts
    factorized = pd.Categorical(days)
    return (np.asarray(factorized.codes, dtype=np.int64),
            [str(d) for d in np.asarray(factorized.categories, dtype="datetime64[D]")])


def _text_dtype() -> Any:
    """The dtype pandas gives a column of Python str: ``str`` stored as Arrow (pandas 3 with
    pyarrow), ``str`` stored as Python objects (without pyarrow), or object (pandas 2)."""
    return pd.Series(np.array(["x"], dtype=object)).dtype


def _arrow_keys(case_id: Any, parts: list[tuple[np.ndarray, list[str]]], threads: int = 0) -> pd.Series | None:
    """The keys as Arrow text, without a Python str a row, when the case ids are Arrow text and
    pandas would store the keys as Arrow text anyway (pandas 3 with pyarrow, its default): the
    core joins them from the case ids' own buffers into an Arrow array's, which pandas wraps
    without copying; the same texts in the same dtype as join_texts gives, several times as fast
    at a million obligations. None otherwise."""
    dtype = _text_dtype()
    arrow_text = lambda t: getattr(t, "storage", None) == "pyarrow"  # noqa: E731
    if not arrow_text(dtype) or not isinstance(case_id, pd.Series) or not arrow_text(case_id.dtype):
        return None
    import pyarrow as pa

    if len(case_id) == 0:
        return pd.Series([], dtype=dtype, index=case_id.index)
    ids = pa.array(case_id.array)
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    if ids.null_count or not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        return None
    _, offsets, data = ids.buffers()
    width = np.int64 if pa.types.is_large_string(ids.type) else np.int32
    offsets = np.frombuffer(offsets, dtype=width)[ids.offset:ids.offset + len(ids) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    out_offsets, out_data = _core.join_arrow_texts(offsets, data, parts, _SEP, threads)
    joined = pa.LargeStringArray.from_buffers(len(ids), pa.py_buffer(out_offsets), pa.py_buffer(out_data))
    return pd.Series(joined, dtype=dtype, index=case_id.index)


_serial = itertools.count(1)


class _Link(str):
    """``attrs["evaluation"]`` of an obligations DataFrame: a plain string to JSON (so
    ``to_parquet`` writes it, and read_parquet gives back only the string), and in this session
    the :class:`Evaluation` it names, which the module's functions use. Copies are the same link;
    pickling keeps only the string."""

    evaluation: "Evaluation | None"

    def __new__(cls, text: str, evaluation: "Evaluation") -> "_Link":
        link = super().__new__(cls, text)
        link.evaluation = evaluation
        return link

    def __copy__(self) -> "_Link":
        return self

    def __deepcopy__(self, memo: Any = None) -> "_Link":
        return self

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (str, (str(self),))

    def __repr__(self) -> str:
        return str(self)


def linked_evaluation(frame: pd.DataFrame | pd.Series) -> "Evaluation | None":
    """The evaluation a frame (or row) of evaluate()'s result came from in this session, or None."""
    link = frame.attrs.get("evaluation")
    return link.evaluation if isinstance(link, _Link) else None


class Evaluation:
    """What one evaluation of case events gives, in the statsmodels style: the results as one
    picklable object, from :func:`timescales.evaluation`.

    Attributes
    ----------
    obligations : pandas.DataFrame
        :func:`timescales.evaluate`'s result: one row per obligation, its last column
        ``obligation_key``.
    rejected : pandas.DataFrame
        The rows of the case events that could not be used: ``row, case_id, column, reason``.
    findings : pandas.DataFrame
        Variations refused (C7): ``case_id, rule, event, date, attribute, asked, limit,
        explanation, row``.
    after_as_of : pandas.DataFrame
        Events dated after ``as_of`` (C9), not used: ``row, case_id, event, date``.
    unjudged : pandas.DataFrame
        Duties whose deadline falls beyond the calendar (C1): ``case_id, rule, trigger_event,
        trigger_date, row``.
    counts : dict
        ``rows_read, used, rejected, after_as_of, children, obligations, findings, unjudged``.
    as_of : pandas.Timestamp
        The day the statuses were judged on.

    Its methods are the module's functions on these obligations: :meth:`report`,
    :meth:`worklist`, :meth:`dashboard`, :meth:`summary`; :meth:`explain` takes an obligation
    key, a row (of any frame holding ``obligation_key``: filtered, merged, or read back from
    CSV or Parquet) or an obligation's number, and :meth:`timeline` one child's case id.

    Pickling keeps the case events and the arguments, not the compiled evaluation: an unpickled
    one evaluates them again when first asked for an explanation, report, worklist or
    dashboard. Its rulebook is kept as the directories it was loaded from (``rules`` and
    ``local``, as absolute paths) and loaded again from them, so a council's rule files must be
    where they were; if they, or the case events, have changed so that the obligations differ,
    it says so rather than explain other obligations.

    Examples
    --------
    A placement on Mon 1 Mar 2021 and a visit on Wed 10 Mar: the first visit was due within a
    week (Mon 8 Mar), so late; the next 6 weeks after the visit (Wed 21 Apr), overdue on 30 Apr.

    >>> import pickle
    >>> events = pd.DataFrame({"case_id": ["C1", "C1"], "event": ["placement_start", "lac_visit"],
    ...                        "date": ["2021-03-01", "2021-03-10"]})
    >>> ev = timescales.evaluation(events, as_of="2021-04-30", rules="wales.lac.visit")
    >>> ev.obligations[["obligation_key", "due_date", "status"]].to_numpy().tolist()   # doctest: +NORMALIZE_WHITESPACE
    [['C1|wales.lac.visit|statutory|placement_start|2021-03-01', Timestamp('2021-03-08 00:00:00'), 'late'],
     ['C1|wales.lac.visit|statutory|lac_visit|2021-03-10', Timestamp('2021-04-21 00:00:00'), 'overdue']]
    >>> again = pickle.loads(pickle.dumps(ev))
    >>> again.explain("C1|wales.lac.visit|statutory|lac_visit|2021-03-10") == ev.explain(1)
    True
    """

    def __init__(self, *, obligations: pd.DataFrame, rejected: pd.DataFrame, findings: pd.DataFrame,
                 after_as_of: pd.DataFrame, unjudged: pd.DataFrame, counts: dict[str, int], as_of: pd.Timestamp,
                 result: Any, inputs: dict[str, Any]) -> None:
        self.obligations = obligations
        self.rejected = rejected
        self.findings = findings
        self.after_as_of = after_as_of
        self.unjudged = unjudged
        self.counts = counts
        self.as_of = as_of
        self._result = result
        self._inputs = inputs  # evaluate()'s arguments, as_of resolved: what pickling keeps
        self._positions: dict[str, int] | None = None
        text = (f"<timescales evaluation {next(_serial)}: {counts['obligations']} obligations of "
                f"{counts['children']} children as of {as_of.date()}>")
        obligations.attrs["as_of"] = as_of.strftime("%Y-%m-%d")
        obligations.attrs["counts"] = dict(counts)
        obligations.attrs["evaluation"] = _Link(text, self)

    def __repr__(self) -> str:
        c = self.counts
        return (f"<timescales.Evaluation as of {self.as_of.date()}: {c['obligations']} obligations of "
                f"{c['children']} children; {c['rows_read']} rows read, {c['rejected']} rejected, "
                f"{c['findings']} findings>")

    # Pickling: the inputs, and everything but the compiled evaluation.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_result"] = None
        state["_positions"] = None
        attrs = self.obligations.attrs
        state["obligations"] = self.obligations.copy(deep=False)
        state["obligations"].attrs = {k: v for k, v in attrs.items() if k != "evaluation"}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        text = (f"<timescales evaluation {next(_serial)}: {self.counts['obligations']} obligations of "
                f"{self.counts['children']} children as of {self.as_of.date()} (unpickled)>")
        self.obligations.attrs["evaluation"] = _Link(text, self)

    def _compiled(self) -> Any:
        """The compiled evaluation; after unpickling, the case events evaluated again."""
        if self._result is None:
            from . import _api

            again = _api._evaluation(**self._inputs, warn=False)
            same = [KEY, "due_date", "completed_date", "status"]
            if not again.obligations[same].equals(self.obligations[same]):
                raise TimescalesError("evaluating this unpickled evaluation's case events again gives other obligations "
                                      "(have the rule files or the events changed since?): evaluate again")
            self._result = again._result
        return self._result

    # The obligations' own functions.
    def position(self, key_or_row: Any) -> int:
        """The number of an obligation (its row in :attr:`obligations`) from its key or a row."""
        if isinstance(key_or_row, pd.DataFrame):
            if len(key_or_row) != 1:
                raise TimescalesError(f"explain takes one obligation: a row, or a DataFrame of one row, not {len(key_or_row)}")
            key_or_row = key_or_row.iloc[0]
        if isinstance(key_or_row, (int, np.integer)) and not isinstance(key_or_row, bool):
            i = int(key_or_row)
            if not 0 <= i < len(self.obligations):
                raise TimescalesError(f"no obligation number {i}: this evaluation has {len(self.obligations)}")
            return i
        if isinstance(key_or_row, pd.Series):
            if KEY not in key_or_row.index:
                return self._found(key_or_row)
            key_or_row = key_or_row[KEY]
        if not isinstance(key_or_row, str):
            raise TypeError(f"explain takes an obligation key (str), a row holding {KEY}, or an obligation's number")
        if self._positions is None:
            self._positions = {k: i for i, k in enumerate(self.obligations[KEY].tolist())}
        i = self._positions.get(key_or_row)
        if i is None:
            raise TimescalesError(f"no obligation of this evaluation has the key {key_or_row!r}")
        return i

    def _found(self, row: pd.Series) -> int:
        """A row without its key, found by the columns the key is made of and its due date."""
        from . import _convert

        keys = ("case_id", "rule", "standard", "occurrence", "trigger_date", "due_date")
        missing = [k for k in keys if k not in row.index]
        if missing:
            raise TimescalesError(f"this row has no {KEY} column, nor " + ", ".join(missing)
                                  + ", by which explain finds its obligation")
        hint = int(row.name) if isinstance(row.name, (int, np.integer)) else -1
        i = self._compiled().find(
            _convert.text_of(row["case_id"]), str(row["rule"]), str(row["standard"]), int(row["occurrence"]),
            _convert.day_of(row["trigger_date"], "trigger_date"), _convert.day_of(row["due_date"], "due_date"), hint)
        if i < 0:
            raise TimescalesError("no obligation of the evaluation has this row's case_id, rule, standard, occurrence, "
                                  "trigger_date and due_date (was the row changed?)")
        return int(i)

    def explain(self, key_or_row: Any, lang: str | None = None) -> str:
        """One obligation in words: its rule and citation, the arithmetic to the deadline, what
        completed it. ``key_or_row`` is its ``obligation_key``, a row holding that column, or its
        number (its row in :attr:`obligations`). ``lang="cy"``: in Welsh; without ``lang``, the
        ``explanation`` column when the evaluation has one, else English."""
        from . import _api

        i = self.position(key_or_row)
        texts = self.obligations.get("explanation")
        if lang is None and texts is not None and isinstance(texts.iloc[i], str) and texts.iloc[i]:
            return str(texts.iloc[i])
        return str(self._compiled().explain(i, "en" if lang is None else _api._check_lang(lang)))

    def timeline(self, case_id: Any, lang: str = "en") -> str:
        """One child's events and every duty in date order, as ``explain(obligations, case_id=...)``."""
        from . import _api, _convert

        return str(self._compiled().timeline(_convert.text_of(case_id), _api._check_lang(lang)))

    def summary(self, by: Any = None) -> pd.DataFrame:
        """:func:`timescales.summary` of the obligations."""
        from . import _api

        return _api.summary(self.obligations, by=by)

    def worklist(self, within: str | None = None, by: Any = None, lang: str = "en") -> pd.DataFrame:
        """:func:`timescales.worklist` of the obligations (every open duty on :attr:`as_of`)."""
        from . import _api

        return _api.worklist(self.obligations, within=within or _api._core.DEFAULT_WORKLIST_HORIZON, by=by, lang=lang)

    def report(self, measures: Any = None, period: str = "year", by: Any = None, from_: Any = None,
               to: Any = None, lang: str = "en") -> pd.DataFrame:
        """:func:`timescales.report` of the obligations."""
        from . import _api

        return _api.report(self.obligations, measures=measures, period=period, by=by, from_=from_, to=to, lang=lang)

    def dashboard(self, path: str | os.PathLike[str], **kwargs: Any) -> Any:
        """:func:`timescales.dashboard` of the obligations, written to ``path``."""
        from . import _api

        return _api.dashboard(self.obligations, path, **kwargs)
