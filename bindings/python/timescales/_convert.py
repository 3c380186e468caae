"""Turning pandas and numpy values into what the compiled core reads, in bulk.

Text columns go over as ``pandas.factorize`` codes plus their distinct values as text (so each
distinct value is converted once, never each row); dates as int64 days since 1970-01-01, the
representation of numpy's ``datetime64[D]``, where numpy's NaT (the smallest int64) means no date.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import pandas as pd

NAT = np.iinfo(np.int64).min


def text_of(value: Any, trim: bool = True) -> str:
    """One value as the text the library reads (docs/formats.md): booleans as true/false, whole
    numbers without a decimal point, dates as YYYY-MM-DD. Event columns are trimmed of spaces and
    tabs as the CSV reader trims them; carried columns are not."""
    if isinstance(value, str):
        return value.strip(" \t") if trim else value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return str(int(f)) if f.is_integer() else repr(f)
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
        return text.strip(" \t") if trim else text
    text = str(value)
    return text.strip(" \t") if trim else text


def check_text(text: str, what: str) -> str:
    """``text`` when it can be UTF-8; :class:`TimescalesError` naming ``what`` when it cannot (a lone
    surrogate, which Python strings may hold and UTF-8 cannot), rather than an error from deep in
    the bindings."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        from ._core import TimescalesError

        raise TimescalesError(f"{what} is not valid Unicode text: a lone surrogate "
                              f"(U+{ord(text[error.start]):04X}) at character {error.start}") from None
    return text


def _python_objects(values: Any) -> np.ndarray | None:
    """The column's own array of Python objects, without a copy, when it has one: object dtype,
    or pandas' str/string dtype stored as Python str (pandas 3's default without pyarrow)."""
    dtype = getattr(values, "dtype", None)
    if (isinstance(dtype, np.dtype) and dtype == object) or (
            isinstance(dtype, pd.StringDtype) and dtype.storage == "python"):
        return np.asarray(values)
    return None


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    return pa.types.is_string(kind) or pa.types.is_large_string(kind)  # string_view: the general way


def _arrow_codes_and_values(values: Any, trim: bool) -> tuple[np.ndarray, list[str]] | None:
    """Codes and distinct texts of an Arrow-backed string column (pandas 3's ``str`` with
    pyarrow, ``string[pyarrow]``, ``ArrowDtype(pa.string())``) computed by Arrow on its own buffers:
    dictionary-encoded without a Python object per row (only each distinct text becomes a ``str``),
    then the distinct texts trimmed, and codes whose texts trimmed alike (" C1" and "C1") made one.
    Trimming the whole column before encoding it took about 40% longer. Arrow text is valid
    UTF-8, so nothing needs checking. A column dictionary-encoded already (a polars Categorical,
    an Arrow dictionary of text) is read by its own indices and dictionary. None for any other
    column."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        pass
    elif isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        kind = dtype.pyarrow_dtype
        if not (_is_text(kind) or (pa.types.is_dictionary(kind) and _is_text(kind.value_type))):
            return None
    else:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(values.array if isinstance(values, (pd.Series, pd.Index)) else values)
    if pa.types.is_dictionary(array.type):
        chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
        if any(chunk.dictionary.null_count for chunk in chunks):
            array = array.cast(array.type.value_type)  # a null among the texts: encoded afresh
        elif isinstance(array, pa.ChunkedArray):  # chunks of a dictionary column made to share one
            array = array.unify_dictionaries()
    # Encoded already, its indices are the codes (pandas' factorize of such a column fails on a
    # null when the indices are unsigned, as polars writes them). A column of several chunks is
    # encoded chunk by chunk, not concatenated first (a copy of the column): Arrow gives the chunks
    # one dictionary.
    encoded = array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)
    codes, dictionary = _codes_and_dictionary(encoded)
    if not trim:
        return codes, dictionary.to_pylist()
    # The distinct texts trimmed and encoded again, so that texts trimming alike share a code, in
    # the order of their first rows as before; [-1]: a missing value stays -1.
    trimmed = pc.dictionary_encode(pc.utf8_trim(dictionary, characters=" \t"))
    renumbered = np.append(trimmed.indices.to_numpy().astype(np.int64), np.int64(-1))
    return renumbered[codes], trimmed.dictionary.to_pylist()


def _codes_and_dictionary(encoded: Any) -> tuple[np.ndarray, Any]:
    """The int64 codes (-1 for a null) and the dictionary of an Arrow dictionary array, or of a
    chunked one, whose chunks are first made to share one dictionary unless they do (as
    ``dictionary_encode`` leaves them): the indices copied chunk by chunk into one array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(encoded, pa.ChunkedArray):
        if encoded.num_chunks == 0:
            return np.empty(0, dtype=np.int64), pa.array([], type=encoded.type.value_type)
        if not _one_dictionary(encoded):
            encoded = encoded.unify_dictionaries()
        chunks = encoded.chunks
    else:
        chunks = [encoded]
    codes = np.empty(len(encoded), dtype=np.int64)
    at = 0
    for chunk in chunks:
        indices = chunk.indices
        if indices.null_count:  # cast first: polars' indices are unsigned, where -1 does not fit
            indices = pc.fill_null(indices.cast(pa.int64()), -1)
        codes[at:at + len(chunk)] = indices.to_numpy(zero_copy_only=False)
        at += len(chunk)
    return codes, chunks[-1].dictionary


def _one_dictionary(chunked: Any) -> bool:
    """Whether every chunk of a chunked dictionary array has the same dictionary: the same
    buffers, which is how ``dictionary_encode`` and ``unify_dictionaries`` share one."""
    def where(d: Any) -> tuple[Any, ...]:
        return d.offset, len(d), tuple(b.address if b is not None else 0 for b in d.buffers())

    first = where(chunked.chunk(0).dictionary)
    return all(where(chunk.dictionary) == first for chunk in chunked.chunks)


def _dictionary_decoded(values: Any) -> Any:
    """An Arrow dictionary column of values other than text (integers, dates) as its values, which
    pandas' factorize takes (it fails on a null when the indices are unsigned); any other column
    as it is."""
    dtype = getattr(values, "dtype", None)
    if not isinstance(dtype, pd.ArrowDtype):
        return values
    import pyarrow as pa

    if not pa.types.is_dictionary(dtype.pyarrow_dtype):
        return values
    decoded = pa.array(values.array if isinstance(values, (pd.Series, pd.Index)) else values).cast(dtype.pyarrow_dtype.value_type)
    return pd.array(decoded, dtype=pd.ArrowDtype(decoded.type))


def codes_and_values(values: Any, trim: bool = True, name: str = "a column") -> tuple[np.ndarray, list[str]]:
    """(int64 codes, distinct values as text); a missing value (None, NaN, NaT, NA) has code -1.
    Text that cannot be UTF-8 (a lone surrogate) is a TimescalesError naming the column."""
    # Columns of Python str (with bools and missing values) are coded in one pass by the core,
    # about ten times faster than factorize plus text_of per distinct value; any other value in
    # them, and any other dtype, go the general way below. Both give each row the same text.
    objects = _python_objects(values)
    if objects is not None:
        from . import _core

        fast = _core.text_codes(objects, trim, pd.NA)
        if fast is not None:
            return fast
    arrow = _arrow_codes_and_values(values, trim)
    if arrow is not None:
        return arrow
    codes, uniques = pd.factorize(_dictionary_decoded(values), use_na_sentinel=True)
    for u in uniques:  # each distinct value once
        if isinstance(u, _dt.datetime) and u.tzinfo is not None:
            from ._core import TimescalesError

            raise TimescalesError(f"{name} holds a time with a time zone ({u.isoformat()}): which day it falls on "
                                  "depends on the zone, and timescales does not choose one; give the civil dates "
                                  "(datetime.date, or naive datetimes in the zone whose dates you mean)")
    texts = [text_of(u, trim) for u in uniques]
    for t in texts:
        check_text(t, f"a value of {name}")
    return np.asarray(codes, dtype=np.int64), texts


def is_datetime(values: Any) -> bool:
    dtype = getattr(values, "dtype", None)
    return dtype is not None and (
        isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M")
    )


def _refuse_zone(zone: Any, what: str) -> None:
    # Which day an instant falls on depends on the zone: never chosen here (docs/formats.md).
    from ._core import TimescalesError

    raise TimescalesError(f"{what} holds times with a time zone ({zone}): timescales counts civil dates and does not "
                          "choose a zone. Give the dates you mean, e.g. .dt.tz_convert('Europe/London').dt.tz_localize(None)")


def datetime_days(values: Any, what: str = "dates") -> np.ndarray:
    """int64 days of a datetime64 Series, Index or array (any unit; time of day dropped). A
    timezone-aware column is refused (TimescalesError naming ``what``), as evaluate() refuses one."""
    if isinstance(getattr(values, "dtype", None), pd.DatetimeTZDtype):
        _refuse_zone(values.dtype.tz, what)
    array = np.asarray(values)
    return array.astype("datetime64[D]").view(np.int64).copy()


def days_to_datetime64(days: np.ndarray, unit: str = "ns") -> np.ndarray:
    """int64 days (NaT preserved) as datetime64 of the given unit."""
    return np.asarray(days, dtype=np.int64).view("datetime64[D]").astype(f"datetime64[{unit}]")


def day_of(value: Any, what: str) -> int | None:
    """One date-like value (ISO text, datetime.date, datetime, Timestamp, numpy datetime64) as
    days, or None for None/NaT. Text must be YYYY-MM-DD: the core's parser says what is wrong."""
    from . import _core

    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return int(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            _refuse_zone(value.tzinfo, what)
        value = value.date()
    if isinstance(value, _dt.date):
        return (value - _dt.date(1970, 1, 1)).days
    if isinstance(value, str):
        return int(_core.parse_date(check_text(value.strip(), what)))
    raise TypeError(f"{what} must be a date (YYYY-MM-DD text, datetime.date, Timestamp or numpy.datetime64), "
                    f"not {type(value).__name__}")


def text_days(codes: np.ndarray, values: list[str]) -> np.ndarray:
    """int64 days of text codes: each distinct text parsed once by the core (DateError names the
    first malformed one)."""
    from . import _core

    parsed = np.array([_core.parse_date(check_text(v, "a date")) for v in values] + [NAT], dtype=np.int64)
    return parsed[codes]  # code -1 picks the trailing NaT
