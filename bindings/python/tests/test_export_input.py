"""Case events as they come: a council export's column names and dates (date_format, columns),
time zones and times of day, and Arrow and polars frames (issue 18)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import PLACEMENT, PLACEMENT_VISITS, chain, frame

import timescales

RULE = "wales.lac.visit"


def visits(events: object, **kw: object) -> list[tuple]:
    return chain(timescales.evaluate(events, as_of="2021-04-30", rules=RULE, **kw), RULE)


def uk(iso: str) -> str:
    """2021-03-04 as a council's export writes it, 04/03/2021 (worked out here, by hand)."""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def council(events: pd.DataFrame) -> pd.DataFrame:
    """The events as a council's system exports them: its own column names, dates day first."""
    return pd.DataFrame({"Child Ref": events["case_id"], "Event Type": events["event"],
                         "Event Date": [uk(d) for d in events["date"]]})


COUNCIL_COLUMNS = {"Child Ref": "case_id", "Event Type": "event", "Event Date": "date"}


# --------------------------------------------------------------------------------------------
# date_format and columns


def test_a_council_export_gives_the_canonical_obligations() -> None:
    export = council(frame(PLACEMENT))
    assert export["Event Date"][1] == "04/03/2021"
    assert visits(export, date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS) == PLACEMENT_VISITS
    ob = timescales.evaluate(export, as_of="2021-04-30", rules=RULE, date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS)
    assert list(ob.columns[:1]) == ["case_id"]  # our names in the result


def test_other_orders_and_separators() -> None:
    events = frame(PLACEMENT)
    days = pd.to_datetime(events["date"])
    for fmt in ("%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d"):
        # strftime writes each date in the format; the library must read it back as the same day.
        written = events.assign(date=days.dt.strftime(fmt))
        assert visits(written, date_format=fmt) == PLACEMENT_VISITS, fmt


def test_a_date_that_does_not_match_is_a_rejected_row_with_its_reason() -> None:
    export = council(frame(PLACEMENT))
    export.loc[2, "Event Date"] = "2021-04-01"   # ISO, not the export's format
    export.loc[3, "Event Date"] = "31/04/2021"   # April has 30 days
    with pytest.warns(timescales.RejectedRowsWarning, match="2 of 5 rows"):
        ev = timescales.evaluation(export, as_of="2021-04-30", date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS)
    rejected = ev.rejected
    assert list(rejected["row"]) == [2, 3]
    assert list(rejected["column"]) == ["date", "date"]
    assert rejected["reason"][0] == "malformed date '2021-04-01': expected DD/MM/YYYY (the date format %d/%m/%Y)"
    assert rejected["reason"][1] == "impossible date '31/04/2021': no such day in the calendar"
    with pytest.raises(timescales.RejectedRowsError):
        timescales.evaluate(export, date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS, strict=True)


def test_date_format_leaves_datetime_columns_alone() -> None:
    events = frame(PLACEMENT)
    typed = events.assign(date=pd.to_datetime(events["date"]))
    assert visits(typed, date_format="%d/%m/%Y") == PLACEMENT_VISITS


def test_bad_formats_and_mappings_are_errors_naming_them() -> None:
    events = frame(PLACEMENT)
    with pytest.raises(timescales.TimescalesError, match="two-digit year"):
        timescales.evaluate(events, date_format="%d/%m/%y")
    with pytest.raises(timescales.TimescalesError, match=r"write %d/%m/%Y"):
        timescales.evaluate(events, date_format="dd/mm/yyyy")
    with pytest.raises(timescales.TimescalesError, match="'child' is not an event column"):
        timescales.evaluate(events, columns={"case_id": "child"})
    with pytest.raises(timescales.TimescalesError, match="no column 'Child Ref' to map to case_id"):
        timescales.evaluate(events, columns={"Child Ref": "case_id"})
    with pytest.raises(timescales.TimescalesError, match="'team' is mapped to case_id, which the events have as well"):
        timescales.evaluate(events.assign(team="North"), columns={"team": "case_id"})
    with pytest.raises(TypeError, match="columns must be"):
        timescales.evaluate(events, columns=["case_id"])


def test_a_columns_file_as_the_tool_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "export.toml"
    path.write_text('date_format = "%d/%m/%Y"\n[columns]\n"Child Ref" = "case_id"\n"Event Type" = "event"\n'
                    '"Event Date" = "date"\n', encoding="utf-8")
    export = council(frame(PLACEMENT))
    assert visits(export, columns=path) == PLACEMENT_VISITS
    assert visits(export, columns=str(path)) == PLACEMENT_VISITS
    # The tool reads the same export with the same file to the same obligations.
    csv = tmp_path / "export.csv"
    export.to_csv(csv, index=False)
    from support import run_tool

    tool = run_tool("evaluate", str(csv), "--columns", str(path), "--as-of", "2021-04-30")
    assert tool.returncode == 0, tool.stderr
    python = timescales.evaluate(export, as_of="2021-04-30", columns=path)
    assert len(tool.stdout.splitlines()) == len(python) + 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\n"Child Ref" = "kase_id"\n', encoding="utf-8")
    with pytest.raises(timescales.TimescalesError, match=r"bad.toml:2:15: .*'kase_id' is not an event column"):
        timescales.evaluate(export, columns=bad)


def test_report_and_worklist_take_the_same_options() -> None:
    export = council(frame(PLACEMENT))
    events = frame(PLACEMENT)
    opts = {"date_format": "%d/%m/%Y", "columns": COUNCIL_COLUMNS}
    pd.testing.assert_frame_equal(timescales.worklist(export, as_of="2021-04-30", **opts),
                                  timescales.worklist(events, as_of="2021-04-30"))
    pd.testing.assert_frame_equal(timescales.report(export, measures="wales.lac.visit.statutory", **opts),
                                  timescales.report(events, measures="wales.lac.visit.statutory"), check_like=True)
    ob = timescales.evaluate(events)
    with pytest.raises(TypeError, match="date_format and columns apply to evaluate"):
        timescales.worklist(ob, **opts)


# --------------------------------------------------------------------------------------------
# Time zones and times of day


def test_a_time_of_day_is_dropped_the_date_part_is_the_event_date() -> None:
    events = frame(PLACEMENT)
    # 23:59 on each day is still that day; so is 00:00.
    late = events.assign(date=pd.to_datetime(events["date"]) + pd.Timedelta(hours=23, minutes=59))
    assert visits(late) == PLACEMENT_VISITS
    # Python datetimes kept as objects (not converted to datetime64) likewise.
    objects = events.assign(date=pd.Series([dt.datetime.fromisoformat(d + "T18:30") for d in events["date"]],
                                           dtype=object))
    assert objects["date"].dtype == object
    assert visits(objects) == PLACEMENT_VISITS


def test_a_time_zone_is_refused_naming_the_column() -> None:
    events = frame(PLACEMENT)
    aware = events.assign(date=pd.to_datetime(events["date"]).dt.tz_localize("Europe/London"))
    with pytest.raises(timescales.TimescalesError, match=r"column 'date' holds times with a time zone \(Europe/London\)"):
        timescales.evaluate(aware)
    # Python datetimes with a zone, in an object column, too.
    objects = pd.DataFrame({"case_id": ["C1"], "event": ["referral"],
                            "date": pd.Series([dt.datetime(2021, 3, 1, 23, 30, tzinfo=dt.timezone.utc)], dtype=object)})
    with pytest.raises(timescales.TimescalesError, match="column 'date' holds a time with a time zone"):
        timescales.evaluate(objects)
    # What the message suggests gives the civil dates in London: 23:30 UTC on 31 March 2021 is
    # 00:30 on 1 April in London (BST began on 28 March), so the London date is 1 April.
    utc = pd.DataFrame({"case_id": ["C1"], "event": ["referral"],
                        "date": pd.to_datetime(["2021-03-31 23:30"]).tz_localize("UTC")})
    london = utc.assign(date=utc["date"].dt.tz_convert("Europe/London").dt.tz_localize(None))
    ob = timescales.evaluate(london, rules="wales.assessment.referral_decision")
    assert ob["trigger_date"][0] == pd.Timestamp("2021-04-01")


# --------------------------------------------------------------------------------------------
# Arrow and polars


def test_a_pyarrow_table_evaluates_as_the_pandas_frame() -> None:
    pa = pytest.importorskip("pyarrow")
    events = frame(PLACEMENT, team="North")
    table = pa.table({"case_id": events["case_id"].tolist(), "event": events["event"].tolist(),
                      "date": [dt.date.fromisoformat(d) for d in events["date"]], "team": events["team"].tolist()})
    assert table.schema.field("date").type == pa.date32()
    assert visits(table) == PLACEMENT_VISITS
    ob = timescales.evaluate(table, as_of="2021-04-30")
    expected = timescales.evaluate(events, as_of="2021-04-30")
    assert list(ob.columns) == list(expected.columns)
    assert ob["team"].astype(str).tolist() == expected["team"].tolist()
    # Text dates in the export's format, and timestamps with a time of day, read the same.
    texts = table.set_column(2, "date", pa.array([uk(d) for d in events["date"]]))
    assert visits(texts, date_format="%d/%m/%Y") == PLACEMENT_VISITS
    stamps = table.set_column(2, "date", pa.array(pd.to_datetime(events["date"]) + pd.Timedelta(hours=9),
                                                   type=pa.timestamp("us")))
    assert visits(stamps) == PLACEMENT_VISITS
    zoned = table.set_column(2, "date", pa.array(pd.to_datetime(events["date"]), type=pa.timestamp("us", tz="UTC")))
    with pytest.raises(timescales.TimescalesError, match="column 'date' holds times with a time zone"):
        timescales.evaluate(zoned)


def test_arrow_missing_dates_are_rejected_rows() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"case_id": ["C1", "C1"], "event": ["referral", "referral"],
                      "date": pa.array([dt.date(2021, 3, 1), None], type=pa.date32())})
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        ev = timescales.evaluation(table)
    assert list(ev.rejected["row"]) == [1]
    assert ev.rejected["reason"][0].startswith("missing date")


def test_a_polars_frame_evaluates_and_gives_polars_when_asked() -> None:
    pl = pytest.importorskip("polars")
    events = frame(PLACEMENT, team="North")
    df = pl.DataFrame({"Child Ref": events["case_id"].tolist(), "Event Type": events["event"].tolist(),
                       "Event Date": [uk(d) for d in events["date"]], "team": events["team"].tolist()})
    ob = timescales.evaluate(df, as_of="2021-04-30", date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS)
    assert isinstance(ob, pd.DataFrame)
    assert chain(ob, RULE) == PLACEMENT_VISITS
    out = timescales.evaluate(df, as_of="2021-04-30", date_format="%d/%m/%Y", columns=COUNCIL_COLUMNS, output="polars")
    assert isinstance(out, pl.DataFrame)
    assert out.columns == list(ob.columns)
    visits_out = out.filter(pl.col("rule") == RULE)
    assert visits_out["status"].cast(pl.Utf8).to_list() == [v[4] for v in PLACEMENT_VISITS]
    assert visits_out["due_date"].dt.strftime("%Y-%m-%d").to_list() == [v[2] for v in PLACEMENT_VISITS]
    # A polars date column is a date already.
    dated = pl.DataFrame({"case_id": events["case_id"].tolist(), "event": events["event"].tolist(),
                          "date": [dt.date.fromisoformat(d) for d in events["date"]]})
    assert visits(dated) == PLACEMENT_VISITS
    assert timescales.report(dated, measures="wales.lac.visit.statutory").shape[0] >= 1
    with pytest.raises(timescales.TimescalesError, match="output must be"):
        timescales.evaluate(dated, output="parquet")


def test_dictionary_columns_with_nulls_read_as_their_values() -> None:
    # A polars Categorical is an Arrow dictionary of string_view with unsigned (uint32) indices;
    # a null in one, in any column, is a missing value (the row rejected, or a carried value
    # empty), as in the same frame of text, not an error from pandas' factorize.
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    rows = {"case_id": ["C1", "C1", None, "C2", "C1"], "event": ["strategy_discussion", "icpc", "icpc", None, "icpc"],
            "date": ["2021-01-04", "2021-01-29", "2021-02-01", "2021-01-05", None],
            "team": ["North", None, " South", "North", "East"]}

    def evaluated(events: object) -> tuple[list, list]:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            ev = timescales.evaluation(events)
        ob = ev.obligations
        return (ob[["obligation_key", "status"]].values.tolist() + [["" if pd.isna(t) else str(t) for t in ob["team"]]],
                ev.rejected[["row", "case_id", "column", "reason"]].values.tolist())

    expected = evaluated(pd.DataFrame(rows))
    assert expected[1] == [[2, "", "case_id", "empty case id"], [3, "C2", "event", "unknown event ''"],
                           [4, "C1", "date", "missing date (NaT or empty): expected YYYY-MM-DD"]]
    for column in rows:
        assert evaluated(pl.DataFrame(rows).with_columns(pl.col(column).cast(pl.Categorical))) == expected, column
    # An Arrow dictionary of other values with unsigned indices: its values are carried.
    table = pa.table({"case_id": ["C1", "C2"], "event": ["referral", "referral"],
                      "date": ["2021-01-04", "2021-01-11"],
                      "panel": pa.DictionaryArray.from_arrays(pa.array([None, 1], type=pa.uint8()), pa.array([7, 8]))})
    ob = timescales.evaluate(table, rules="wales.assessment.part3")
    assert ob["case_id"].tolist() == ["C1", "C2"]
    assert pd.isna(ob["panel"].iloc[0]) and ob["panel"].iloc[1] == 8


def test_the_package_imports_without_pyarrow_and_polars() -> None:
    import subprocess
    import sys

    # A fresh interpreter in which importing pyarrow or polars fails, as where they are not installed.
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('pyarrow', 'polars'):\n"
            "            raise ImportError('blocked: ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import pandas as pd, timescales\n"
            "ob = timescales.evaluate(pd.DataFrame({'case_id': ['C1'], 'event': ['referral'], 'date': ['01/03/2021']}),"
            " date_format='%d/%m/%Y')\n"
            "print(len(ob))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # a referral starts two duties (the referral decision and the assessment, docs/rules.md)
    assert done.stdout.strip() == "2"
