"""What holds the case events, and how a council's export writes them (docs/formats.md, "Council
exports"; README, "Python").

- A pandas DataFrame is read as it is. Anything else with ``__arrow_c_stream__`` (a pyarrow Table,
  a polars DataFrame, a DuckDB relation) is read through pyarrow into a pandas frame whose columns
  stay Arrow arrays (``pandas.ArrowDtype``, no copy into Python objects): its text columns are
  factorized by Arrow, its date columns read as days.
- ``columns``: the export's names for the event columns, ``{"Case ID": "case_id"}``, or the path
  of a columns file (the tool's ``--columns FILE``); the frame's columns are renamed by it.
- ``date_format``: how text dates are written (``"%d/%m/%Y"``); ``datetime64`` and Arrow date
  columns are dates already and need none.
- Dates with a time zone are refused: which civil date an instant falls on depends on the zone,
  and the library never picks one silently. A naive time of day is dropped (the date part is used).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Union

import numpy as np
import pandas as pd

from . import _core
from ._core import TimescalesError

NAT = np.iinfo(np.int64).min
ColumnsLike = Union[None, Mapping[str, str], str, "os.PathLike[str]"]


def export_format(columns: ColumnsLike, date_format: str | None) -> tuple[dict[str, str], str]:
    """({theirs: ours}, the date format's text): ``columns`` as a mapping or read from a columns
    file, ``date_format`` over the file's (as --date-format overrides it in the tool)."""
    mapping: dict[str, str] = {}
    file_format = None
    if isinstance(columns, (str, os.PathLike)):
        path = os.fspath(columns)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as error:
            raise TimescalesError(f"{path}: cannot read the columns file ({error.strerror})") from None
        pairs, file_format = _core.read_export_format(path, text)
        mapping = dict(pairs)
    elif isinstance(columns, Mapping):
        for theirs, ours in columns.items():
            if not isinstance(theirs, str) or not isinstance(ours, str):
                raise TypeError(f"columns maps the export's column names to ours, as text: not {theirs!r}: {ours!r}")
        mapping = dict(columns)
        _core.check_column_mapping(list(mapping.items()))
    elif columns is not None:
        raise TypeError("columns must be a dict {their name: our column} or the path of a columns file, "
                        f"not {type(columns).__name__}")
    chosen = date_format if date_format is not None else file_format
    if chosen is not None and not isinstance(chosen, str):
        raise TypeError(f"date_format must be text such as '%d/%m/%Y', not {type(chosen).__name__}")
    return mapping, _core.date_format(chosen if chosen is not None else "%Y-%m-%d")


def is_arrow_input(events: Any) -> bool:
    """An Arrow-capable frame that is not pandas' own (pandas frames have the protocol too)."""
    return not isinstance(events, (pd.DataFrame, pd.Series)) and hasattr(events, "__arrow_c_stream__")


def is_polars(events: Any) -> bool:
    return type(events).__module__.split(".")[0] == "polars"


def arrow_frame(events: Any) -> pd.DataFrame:
    """An Arrow-capable frame as a pandas frame over the same Arrow arrays."""
    try:
        import pyarrow as pa
    except ImportError:
        raise ImportError(f"reading a {type(events).__name__} needs pyarrow: pip install 'timescales[arrow]'") from None
    table = pa.table(events)
    # polars writes text as string_view (a Categorical as a dictionary of them), which pandas'
    # Arrow arrays cannot yet take rows of.
    views = {pa.string_view(): pa.large_string(), pa.binary_view(): pa.large_binary()}

    def viewless(kind: Any) -> Any:
        if pa.types.is_dictionary(kind) and kind.value_type in views:
            return pa.dictionary(kind.index_type, views[kind.value_type], kind.ordered)
        return views.get(kind, kind)

    if any(viewless(field.type) != field.type for field in table.schema):
        table = table.cast(pa.schema([field.with_type(viewless(field.type)) for field in table.schema]))
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def renamed(events: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """The frame with the export's column names read as ours: every name mapped from must be a
    column, and no column may already have the name mapped to (both errors name them)."""
    if not mapping:
        return events
    names = [str(c) for c in events.columns]
    for theirs, ours in mapping.items():
        if theirs not in names:
            raise TimescalesError(f"no column {theirs!r} to map to {ours}: the events have no such column")
        if ours in names and ours not in mapping:
            raise TimescalesError(f"column {theirs!r} is mapped to {ours}, which the events have as well")
    return events.rename(columns={c: mapping[str(c)] for c in events.columns if str(c) in mapping})


def events_frame(events: Any, columns: ColumnsLike = None, date_format: str | None = None) -> tuple[Any, str]:
    """(the events as a pandas frame with our column names, the date format's text). Input that is
    neither pandas nor Arrow-capable is returned as it is, for the caller's type check."""
    mapping, fmt = export_format(columns, date_format)
    if is_arrow_input(events):
        events = arrow_frame(events)
    if isinstance(events, pd.DataFrame):
        events = renamed(events, mapping)
    return events, fmt


def date_days(values: pd.Series, name: str = "date") -> np.ndarray | None:
    """int64 days (NaT: numpy's) of a column that holds dates rather than text: datetime64 of
    any unit, Arrow dates and timestamps; None for any other column (Python datetimes in an object
    column are read as text, where _convert refuses a time zone too). A time of day is dropped;
    a time zone is refused (TimescalesError naming the column)."""
    dtype = values.dtype
    if isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, pd.ArrowDtype) and
                                                 getattr(dtype.pyarrow_dtype, "tz", None) is not None):
        raise TimescalesError(
            f"column {name!r} holds times with a time zone ({getattr(dtype, 'tz', None) or dtype.pyarrow_dtype.tz}): "
            "which day an instant falls on depends on the zone, and timescales does not choose one. "
            f"Give the civil dates, e.g. events[{name!r}].dt.tz_convert('Europe/London').dt.tz_localize(None)")
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        return np.asarray(values).astype("datetime64[D]").view(np.int64).copy()
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        t = dtype.pyarrow_dtype
        if pa.types.is_date(t) or pa.types.is_timestamp(t):
            # Whole days since 1970-01-01, floored (a time of day is dropped), NaT for a null.
            per_day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
            unit = 1 if pa.types.is_date32(t) else per_day["ms" if pa.types.is_date64(t) else t.unit]
            arrow = values.array.__arrow_array__()
            if isinstance(arrow, pa.ChunkedArray):
                arrow = arrow.combine_chunks()
            ints = arrow.view(pa.int32() if pa.types.is_date32(t) else pa.int64()).cast(pa.int64())
            raw = ints.fill_null(NAT).to_numpy()
            return np.where(raw == NAT, NAT, raw // unit).astype(np.int64)
    return None


def to_polars(frame: pd.DataFrame) -> Any:
    """A pandas result as a polars DataFrame (through Arrow)."""
    import polars as pl

    return pl.from_pandas(frame)


def to_arrow(frame: pd.DataFrame, dates: Any = ()) -> Any:
    """A result as a pyarrow Table: categoricals as dictionary arrays, the ``dates`` columns (whole
    days) as ``date32``, the rest as pyarrow converts them; no index, no pandas metadata."""
    try:
        import pyarrow as pa
    except ImportError:
        raise ImportError("output='arrow' needs pyarrow: pip install 'timescales[arrow]'") from None
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in dates:
        i = table.schema.get_field_index(name)
        table = table.set_column(i, pa.field(name, pa.date32()), table.column(i).cast(pa.date32()))
    return table.replace_schema_metadata(None)

