"""Obligations and reports as Arrow tables, queried by DuckDB in place (docs/national.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from national import doc_example, generate, read

import timescales

duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (pip install duckdb)")
pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'timescales[arrow]')")

AS_OF = "2024-03-31"


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return read(generate(tmp_path_factory.mktemp("duckdb") / "events.csv", children=400, seed=3))


def test_arrow_obligations_are_the_dataframe_s_rows_with_dates_as_dates(events: pd.DataFrame) -> None:
    frame = timescales.evaluate(events, as_of=AS_OF)
    table = timescales.evaluate(events, as_of=AS_OF, output="arrow")
    assert isinstance(table, pa.Table)
    assert table.column_names == list(frame.columns)
    for name in ("trigger_date", "due_date", "completed_date"):
        assert table.schema.field(name).type == pa.date32()
        # The same days, a missing completed_date null.
        assert table.column(name).to_pylist() == [None if pd.isna(d) else d.date() for d in frame[name]]
    for name in ("rule", "status", "confidence"):
        assert pa.types.is_dictionary(table.schema.field(name).type)
        assert [str(v) for v in table.column(name).to_pylist()] == frame[name].astype(str).tolist()
    assert table.column("days_late").to_pylist() == frame["days_late"].tolist()
    assert table.column("obligation_key").to_pylist() == frame["obligation_key"].tolist()
    assert table.schema.metadata is None  # no pandas metadata to bring the index back


def test_duckdb_counts_by_rule_and_status_as_pandas_does(events: pd.DataFrame) -> None:
    frame = timescales.evaluate(events, as_of=AS_OF)
    obligations = timescales.evaluate(events, as_of=AS_OF, output="arrow")
    got = duckdb.sql("select rule, status, count(*) as n from obligations group by rule, status").fetchall()
    expected = frame.groupby(["rule", "status"], observed=True).size()
    assert sorted((r, s, n) for r, s, n in got) == sorted((r, s, int(n)) for (r, s), n in expected.items())
    # Overdue duties by team, a date compared as a date.
    got = dict(duckdb.sql(f"select team, count(*) from obligations where status = 'overdue' "
                          f"and due_date < date '{AS_OF}' group by team").fetchall())
    overdue = frame[(frame["status"] == "overdue") & (frame["due_date"] < pd.Timestamp(AS_OF))]
    assert got == {k: int(v) for k, v in overdue.groupby("team").size().items()}
    assert len(overdue) > 0


def test_duckdb_scans_the_arrow_table_itself() -> None:
    # A table DuckDB reads through its Arrow scan (the replacement scan of a Python variable), not
    # by converting it to pandas.
    obligations = timescales.evaluate(timescales.sample_events(), output="arrow")
    plan = duckdb.sql("explain select count(*) from obligations").fetchall()[0][1]
    assert "ARROW_SCAN" in plan and "PANDAS" not in plan
    assert duckdb.sql("select count(*) from obligations").fetchall() == [(obligations.num_rows,)]


def test_arrow_report_sums_as_the_dataframe_s(events: pd.DataFrame) -> None:
    frame = timescales.report(events, as_of=AS_OF, by="team")
    report = timescales.report(events, as_of=AS_OF, by="team", output="arrow")
    assert report.column_names == list(frame.columns)
    assert report.schema.field("period_start").type == pa.date32()
    got = dict(duckdb.sql("select measure, sum(numerator) from report where \"group\" = 'all' "
                          "group by measure").fetchall())
    alls = frame[frame["group"] == "all"]
    assert got == {k: int(v) for k, v in alls.groupby("measure")["numerator"].sum().items()}
    # A count measure has no denominator: null, as <NA> in pandas.
    assert report.column("denominator").null_count == int(frame["denominator"].isna().sum())


def test_an_unknown_output_is_refused() -> None:
    with pytest.raises(timescales.TimescalesError, match="'pandas', 'polars' or 'arrow'"):
        timescales.evaluate(timescales.sample_events(), output="duckdb")
    with pytest.raises(timescales.TimescalesError, match="'pandas', 'polars' or 'arrow'"):
        timescales.report(timescales.sample_events(), output="spark")


def test_the_docs_duckdb_example_runs(tmp_path: Path) -> None:
    generate(tmp_path / "events.csv", children=200, seed=5)
    scope: dict[str, object] = {}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(doc_example("import duckdb"), "docs/national.md (DuckDB)", "exec"), scope)
    finally:
        os.chdir(cwd)
    events = read(tmp_path / "events.csv")
    frame = timescales.evaluate(events, as_of=scope["as_of"])
    by_status = scope["by_status"]
    assert isinstance(by_status, pd.DataFrame)
    assert int(by_status["n"].sum()) == len(frame)
    assert set(by_status["status"]) == set(frame["status"].astype(str))
