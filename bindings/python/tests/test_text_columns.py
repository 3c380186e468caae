"""Text columns into the core: columns of Python str (object dtype, or pandas' str and string
dtypes stored as Python objects) are coded by the core in one pass (_core.text_codes); anything
else goes through pandas.factorize. Both must give every row the same text."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from support import PLACEMENT, PLACEMENT_VISITS, chain, frame

import timescales
from timescales import _convert, _core

EXPECTED = PLACEMENT_VISITS


def row_texts(values: object, trim: bool = True) -> list[str | None]:
    """Each row's text as the core reads it (None: missing)."""
    codes, texts = _convert.codes_and_values(values, trim)
    assert codes.dtype == np.int64
    return [texts[c] if c >= 0 else None for c in codes]


def fast(values: object, trim: bool = True) -> object:
    return _core.text_codes(np.asarray(values, dtype=object), trim, pd.NA)


def test_str_values_are_trimmed_only_in_event_columns() -> None:
    values = np.array([" C1", "C1\t", "C1", "\t C 2 \t", "", "  ", "Siân ", "Ŵ\t", "😀"], dtype=object)
    assert fast(values) is not None
    assert row_texts(values) == ["C1", "C1", "C1", "C 2", "", "", "Siân", "Ŵ", "😀"]
    assert row_texts(values, trim=False) == [" C1", "C1\t", "C1", "\t C 2 \t", "", "  ", "Siân ", "Ŵ\t", "😀"]


def test_missing_values_have_code_minus_one_and_empty_text_does_not() -> None:
    values = np.array(["a", None, np.nan, float("nan"), pd.NA, "", "a"], dtype=object)
    codes, texts = fast(values)
    assert codes.tolist() == [0, -1, -1, -1, -1, 1, 0]
    assert texts == ["a", ""]
    assert row_texts(values) == ["a", None, None, None, None, "", "a"]


def test_booleans_beside_text() -> None:
    values = np.array([True, "yes", False, np.nan, True, "no"], dtype=object)
    assert fast(values) is not None
    assert row_texts(values) == ["true", "yes", "false", None, "true", "no"]


@pytest.mark.parametrize(("other", "text"), [(1, "1"), (2.5, "2.5"), (np.int64(3), "3"), (np.bool_(True), "true"),
                                           (np.str_("x"), "x"), (b"x", "x"), (pd.NaT, None),
                                           (pd.Timestamp("2021-01-04"), "2021-01-04")])
def test_other_values_go_through_pandas(other: object, text: str | None) -> None:
    values = np.array(["a", other, "a"], dtype=object)
    assert fast(values) is None
    assert row_texts(values) == ["a", text, "a"]


def test_text_that_is_not_utf8_goes_through_pandas() -> None:
    # A lone surrogate cannot be UTF-8: the core declines and the general way raises the library's
    # error naming the column (issue 19: it was a bare RuntimeError from pybind11).
    values = np.array(["C\ud800", "C1"], dtype=object)
    assert fast(values) is None
    # object dtype: pandas' Arrow-backed str (with pyarrow installed) cannot hold a lone surrogate.
    events = pd.DataFrame({"case_id": values, "event": ["referral"] * 2, "date": ["2021-01-04"] * 2}, dtype=object)
    with pytest.raises(timescales.TimescalesError, match="column 'case_id'") as text_error:
        timescales.evaluate(events)
    with pytest.raises(timescales.TimescalesError) as categorical_error:
        timescales.evaluate(events.assign(case_id=pd.Categorical.from_codes(
            [0, 1], dtype=pd.CategoricalDtype(pd.Index(values, dtype=object)))))
    assert str(text_error.value) == str(categorical_error.value)


def test_codes_number_distinct_values_in_order_of_first_appearance() -> None:
    # Many distinct values (the table grows several times), each row a separate str object.
    ids = [f"C{(i * 7919) % 1000}" for i in range(5000)]
    values = np.array([s[:1] + s[1:] for s in ids], dtype=object)
    first_seen: dict[str, int] = {}
    for s in ids:
        first_seen.setdefault(s, len(first_seen))
    codes, texts = fast(values)
    assert codes.tolist() == [first_seen[s] for s in ids]
    assert texts == list(first_seen)


def test_strided_and_other_dtypes_go_through_pandas() -> None:
    values = np.array(["a", "x", "b", "y"], dtype=object)
    assert _core.text_codes(values[::2], True, pd.NA) is None
    assert row_texts(values[::2]) == ["a", "b"]
    assert row_texts(pd.Series([7, 8, 7])) == ["7", "8", "7"]
    assert row_texts(pd.Series(["b", None, "a"], dtype="category")) == ["b", None, "a"]


@pytest.mark.parametrize("dtype", ["object", "str", "string", "category", "string[pyarrow]",
                                   "string[pyarrow]-ArrowDtype"])
def test_every_text_dtype_gives_the_same_obligations(dtype: str) -> None:
    # Two children (one with a non-ASCII id), a placement type, a boolean and a carried team.
    a = frame(PLACEMENT, case_id="Siân-1", team="Gogledd")
    b = frame(PLACEMENT[:2], case_id=" C2 ", team="South")
    events = pd.concat([a, b], ignore_index=True)
    events["placement_type"] = [None, None, None, "standard", None, np.nan, None]
    events["seen_alone"] = [None, "true", None, None, "false", None, "yes"]
    if dtype.endswith("-ArrowDtype"):
        import pyarrow as pa

        dtype = pd.ArrowDtype(pa.string())  # type: ignore[assignment]
    for c in ("case_id", "event", "date", "placement_type", "seen_alone", "team"):
        events[c] = events[c].astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert ob.attrs["counts"]["children"] == 2 and ob.attrs["counts"]["rejected"] == 0
    assert chain(ob[ob["case_id"] == "Siân-1"], "wales.lac.visit") == EXPECTED
    # The second child's placement does not end: its second visit, due 2021-04-15, is overdue.
    assert chain(ob[ob["case_id"] == " C2 "], "wales.lac.visit") == [
        EXPECTED[0], (2, "2021-03-04", "2021-04-15", "", "overdue")]
    # Carried columns and case ids come back as given (untrimmed), with their dtype.
    assert ob["case_id"].dtype == events["case_id"].dtype
    assert ob["team"].dtype == events["team"].dtype
    assert sorted(zip(ob["case_id"].astype(object), ob["team"].astype(object))) == [
        (" C2 ", "South")] * 2 + [("Siân-1", "Gogledd")] * 4


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
def test_a_missing_case_id_or_event_is_rejected_in_any_text_dtype(missing: object) -> None:
    events = frame(PLACEMENT).astype(object)
    events.loc[1, "case_id"] = missing
    events.loc[2, "event"] = missing
    for dtype in ("object", "str", "string"):
        typed = events.astype({"case_id": dtype, "event": dtype})
        with pytest.warns(timescales.RejectedRowsWarning, match="2 of 5 rows"):
            ob = timescales.evaluate(typed, as_of="2021-04-30", rules="wales.lac.visit")
        rejected = timescales.evaluation(ob).rejected
        assert rejected[["row", "case_id", "column", "reason"]].values.tolist() == [
            [1, "", "case_id", "empty case id"], [2, "C1", "event", "unknown event ''"]]


@pytest.mark.parametrize("arrow_dtype", ["string[pyarrow]", "ArrowDtype", "large_string"])
def test_arrow_columns_are_coded_by_arrow_as_object_columns_are(arrow_dtype: str) -> None:
    pa = pytest.importorskip("pyarrow")
    dtype = {"string[pyarrow]": "string[pyarrow]", "ArrowDtype": pd.ArrowDtype(pa.string()),
             "large_string": pd.ArrowDtype(pa.large_string())}[arrow_dtype]
    values = pd.Series([" a\t", "b", None, "a", "", "  ", "Siân", "b "], dtype=object)
    arrow = values.astype(dtype)
    assert _convert._arrow_codes_and_values(arrow, True) is not None  # Arrow's own path
    assert row_texts(arrow) == row_texts(values) == ["a", "b", None, "a", "", "", "Siân", "b"]
    assert row_texts(arrow, trim=False) == [" a\t", "b", None, "a", "", "  ", "Siân", "b "]
    codes, texts = _convert.codes_and_values(arrow)
    assert texts == ["a", "b", "", "Siân"] and codes.tolist() == [0, 1, -1, 0, 2, 2, 3, 1]


@pytest.mark.parametrize("dtype", ["str", "dictionary"])
def test_arrow_columns_of_several_chunks_are_coded_as_one(dtype: str) -> None:
    # A column read in pieces (pandas' C parser gives about one chunk per 100,000 rows) is encoded
    # chunk by chunk, its chunks sharing one dictionary: the codes are those of the same values in
    # one chunk, texts trimming alike and missing values across chunk ends included.
    pa = pytest.importorskip("pyarrow")
    pieces = [[" a\t", "b", None], ["a", "c "], [], [None, "b", "c", "Siân"]]
    whole = sum(pieces, [])
    if dtype == "str":
        chunked = pa.chunked_array([pa.array(p, type=pa.string()) for p in pieces])
        column = pd.Series(pd.arrays.ArrowStringArray(chunked))
    else:  # chunks with dictionaries of their own (as Arrow files and polars write them)
        chunked = pa.chunked_array([pa.array(p, type=pa.string()).dictionary_encode() for p in pieces],
                                   type=pa.dictionary(pa.int32(), pa.string()))
        column = pd.Series(pd.arrays.ArrowExtensionArray(chunked))
    assert _convert._arrow_codes_and_values(column, True) is not None  # Arrow's own path
    for trim in (True, False):
        assert row_texts(column, trim) == row_texts(pd.Series(whole, dtype=object), trim)
    assert row_texts(column) == ["a", "b", None, "a", "c", None, "b", "c", "Siân"]
    codes, texts = _convert.codes_and_values(column)
    assert texts == ["a", "b", "c", "Siân"] and codes.tolist() == [0, 1, -1, 0, 2, -1, 1, 2, 3]
    if dtype == "dictionary":  # and their codes read as one, though each chunk has its own dictionary
        codes, dictionary = _convert._codes_and_dictionary(chunked)
        assert [dictionary[c].as_py() if c >= 0 else None for c in codes] == whole


def test_a_null_in_a_chunk_dictionary_is_a_missing_value() -> None:
    # A dictionary with a null among its texts, in one chunk of several: Arrow cannot unify such
    # dictionaries, so the column is decoded and encoded afresh; the null is a missing value.
    pa = pytest.importorskip("pyarrow")
    c1 = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array(["C1", "C2"]))
    c2 = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array(["C1", None]))
    column = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([c1, c2])))
    assert row_texts(column) == ["C1", "C2", "C1", None]


def test_evaluate_gives_the_same_obligations_from_arrow_and_object_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    parts = [frame(PLACEMENT[: 1 + i % len(PLACEMENT)], case_id=f"C{i} ", team=f"T{i % 3}") for i in range(40)]
    events = pd.concat(parts, ignore_index=True)
    as_object = events.astype({c: object for c in ("case_id", "event", "team")})
    as_arrow = events.astype({c: pd.ArrowDtype(pa.string()) for c in ("case_id", "event", "team")})
    a = timescales.evaluate(as_object, as_of="2021-04-30")
    b = timescales.evaluate(as_arrow, as_of="2021-04-30")
    assert len(a) > 40
    pd.testing.assert_frame_equal(a.astype(object), b.astype(object))
