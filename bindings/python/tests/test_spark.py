"""timescales on Apache Spark in local mode (docs/national.md): the obligations of a generated
population evaluated by Spark's executors are those of one evaluate() in this process.

One SparkSession for the module (local[2], 4 shuffle partitions, no UI): starting the JVM is most
of the cost. It needs a Java runtime (scripts/setup.sh installs Debian's when none is there).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from national import doc_example, generate, read

import timescales

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

import timescales.spark  # noqa: E402

AS_OF = "2024-03-31"
DATES = ("trigger_date", "due_date", "completed_date")


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # The Python workers run this interpreter, the one the package is installed in: by default
    # Spark starts `python3` from PATH, which may be another environment (docs/national.md).
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("timescales-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.driver.memory", "1g").getOrCreate())
    yield session
    session.stop()
    if before is None:
        del os.environ["PYSPARK_PYTHON"]
    else:
        os.environ["PYSPARK_PYTHON"] = before


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    # 300 children, about 5,800 rows, a few of them duplicates the package rejects.
    return read(generate(tmp_path_factory.mktemp("spark") / "events.csv", children=300, seed=1))


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Obligations in one order and one representation: text as str, dates as datetime.date
    (None when absent), as Spark's toPandas gives them."""
    out = pd.DataFrame({c: frame[c].astype(object) for c in frame.columns})
    for c in out.columns:
        if c in DATES:
            out[c] = [None if pd.isna(d) else (d.date() if isinstance(d, pd.Timestamp) else d) for d in out[c]]
        elif c not in ("occurrence", "days_late", "working_days_late"):
            out[c] = [None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in out[c]]
        else:
            out[c] = out[c].astype("int64")
    return out.sort_values(["obligation_key", "occurrence"], kind="stable").reset_index(drop=True)


def single_process(events: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
    with pytest.warns(timescales.RejectedRowsWarning):  # the generator's duplicate rows
        return timescales.evaluate(events, as_of=AS_OF, **kwargs)


def test_the_schema_is_the_obligation_columns_with_the_events_own_types(spark: SparkSession) -> None:
    events = spark.createDataFrame([("C1", "referral", dt.date(2021, 1, 4), "North", 7)],
                                   "case_id string, event string, date date, team string, caseload int")
    s = timescales.spark.schema(events)
    frame = timescales.evaluate(pd.DataFrame({"case_id": ["C1"], "event": ["referral"], "date": ["2021-01-04"],
                                              "team": ["North"], "caseload": [7]}))
    assert s.names == list(frame.columns)  # the DataFrame's columns, in its order
    types = {f.name: f.dataType for f in s.fields}
    assert types["case_id"] == T.StringType() and types["caseload"] == T.IntegerType()
    assert all(types[c] == T.DateType() for c in DATES)
    assert types["status"] == T.StringType() and types["days_late"] == T.LongType()
    assert timescales.spark.schema(events.schema, explain=True).names[-2:] == ["explanation", "obligation_key"]
    with pytest.raises(timescales.MissingColumnError, match="date"):
        timescales.spark.schema(events.drop("date"))


def test_spark_gives_the_single_process_obligations(spark: SparkSession, population: pd.DataFrame) -> None:
    events = spark.createDataFrame(population)
    got = timescales.spark.evaluate(events, as_of=AS_OF).toPandas()
    expected = single_process(population)
    assert len(expected) > 4000
    pd.testing.assert_frame_equal(comparable(got), comparable(expected))
    # Another number of buckets, rules chosen, explanations: the same rows again.
    got = timescales.spark.evaluate(events, as_of=AS_OF, buckets=3, rules=["wales.lac.visit"], explain=True).toPandas()
    expected = single_process(population, rules=["wales.lac.visit"], explain=True)
    assert len(expected) > 0 and expected["explanation"].str.len().min() > 0
    pd.testing.assert_frame_equal(comparable(got), comparable(expected))


def test_group_by_case_id_with_the_evaluator_and_spark_dates(spark: SparkSession, population: pd.DataFrame) -> None:
    # The plain pattern: one call per child. Dates as Spark dates this time. 60 children: a call
    # per child is slow.
    few = population[population["case_id"].isin(population["case_id"].unique()[:60])]
    events = spark.createDataFrame(few).withColumn("date", F.to_date("date"))
    fn = timescales.spark.Evaluator(as_of=AS_OF)
    got = events.groupBy("case_id").applyInPandas(fn, timescales.spark.schema(events)).toPandas()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timescales.RejectedRowsWarning)  # duplicates, if the 60 have any
        expected = timescales.evaluate(few, as_of=AS_OF)
    pd.testing.assert_frame_equal(comparable(got), comparable(expected))


def test_spark_lists_the_rows_it_cannot_use_as_the_single_process_does(spark: SparkSession,
                                                                       population: pd.DataFrame) -> None:
    # The generator's duplicates, and rows spoilt here: an unknown event, a date that is none.
    spoilt = population.copy()
    spoilt.loc[spoilt.index[10], "event"] = "home_visit"
    spoilt.loc[spoilt.index[200], "date"] = "2021-02-30"
    events = spark.createDataFrame(spoilt)
    got = timescales.spark.rejected(events, as_of=AS_OF).toPandas()
    with pytest.warns(timescales.RejectedRowsWarning):
        expected = timescales.evaluation(spoilt, as_of=AS_OF).rejected
    assert len(expected) >= 3
    assert list(got.columns) == ["row", *spoilt.columns, "column", "reason"]
    assert timescales.spark.rejected_schema(events).names == list(got.columns)

    def key(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
        # A duplicate's reason ends with the row it copies: the frame's index, or the Spark row id.
        return sorted((r.case_id, r.column, re.sub(r"\d+$", "", r.reason)) for r in frame.itertuples())

    assert key(got) == key(expected)
    # Each rejected row is there as it was: its values are the events' own at that row.
    bogus = got[got["event"] == "home_visit"]
    assert len(bogus) == 1 and bogus.iloc[0]["column"] == "event"
    assert bogus.iloc[0]["case_id"] == spoilt.iloc[10]["case_id"] and bogus.iloc[0]["date"] == spoilt.iloc[10]["date"]
    # A duplicate names the row it copies by that row's id, not its own.
    duplicates = got[got["reason"].str.startswith("duplicate of row ")]
    assert len(duplicates) > 0 and got["row"].is_unique
    for r in duplicates.itertuples():
        assert int(r.reason.rsplit(" ", 1)[1]) != r.row
    # In Welsh, as the single process gives it.
    cy = timescales.spark.rejected(events, as_of=AS_OF, lang="cy").toPandas()
    with pytest.warns(timescales.RejectedRowsWarning):
        expected_cy = timescales.evaluation(spoilt, as_of=AS_OF, lang="cy").rejected
    assert key(cy) == key(expected_cy) and key(cy) != key(got)
    with pytest.raises(ValueError, match="lang must be"):
        timescales.spark.rejected(events, as_of=AS_OF, lang="fr")
    with pytest.raises(timescales.TimescalesError, match="a column named 'row'"):
        timescales.spark.rejected_schema(events.withColumn("row", F.lit(1)))


def test_as_of_is_required_and_checked_on_the_driver() -> None:
    with pytest.raises(TypeError, match="each group would be judged on its own latest event date"):
        timescales.spark.Evaluator(as_of=None)
    with pytest.raises(timescales.DateError):
        timescales.spark.Evaluator(as_of="2024-02-30")
    fn = timescales.spark.Evaluator(as_of=dt.date(2024, 3, 31), rules="wales.cp.icpc")
    assert repr(fn) == "<timescales.spark.Evaluator as of 2024-03-31>"


def test_each_task_evaluates_on_one_thread_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spark runs a task per core at once: a task on every core would share each core with the
    # others' threads. The number reaches the library's evaluation, and is checked on the driver.
    from timescales import _api

    asked: list[int] = []
    real = _api._evaluation

    def spy(*args: object, **kwargs: object) -> object:
        asked.append(kwargs["threads"])  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_api, "_evaluation", spy)
    events = pd.DataFrame({"case_id": ["C1"] * 2, "event": ["strategy_discussion", "icpc"],
                           "date": ["2021-01-11", "2021-01-29"]})
    for fn in (timescales.spark.Evaluator(as_of="2021-03-01"), timescales.spark.Evaluator(as_of="2021-03-01", threads=0)):
        fn(events)
    assert asked == [1, 0]
    for bad in (-1, 1025, 1.5, True):
        with pytest.raises(timescales.TimescalesError, match="threads must be a whole number"):
            timescales.spark.Evaluator(as_of="2021-03-01", threads=bad)  # type: ignore[arg-type]


def test_the_evaluator_pickles_without_its_compiled_rules() -> None:
    import pickle

    events = pd.DataFrame({"case_id": ["C1"] * 3, "event": ["strategy_discussion", "strategy_discussion", "icpc"],
                           "date": ["2021-01-04", "2021-01-11", "2021-01-29"]})
    fn = timescales.spark.Evaluator(as_of="2021-03-01", rules="wales.cp.icpc")
    first = fn(events)  # compiles the rules
    again = pickle.loads(pickle.dumps(fn))
    assert again._book is None
    # 15 working days from Mon 11 Jan 2021 is Mon 1 Feb; the ICPC on 29 Jan met it.
    for out in (first, again("a group key", events)):
        assert out[["due_date", "status"]].astype(str).values.tolist() == [["2021-02-01", "met"]]
        assert out.attrs == {}


def test_the_docs_spark_example_runs(spark: SparkSession, tmp_path: Path) -> None:
    generate(tmp_path / "events.csv", children=150, seed=2)
    # The example as written, but for its file names: the JVM's working directory is the one it
    # started in, so they are made absolute.
    code = doc_example("timescales.spark")
    for name in ('"events.csv"', '"obligations.parquet"', '"rejected.parquet"'):
        assert name in code
        code = code.replace(name, repr(str(tmp_path / name.strip('"'))))
    scope: dict[str, object] = {}
    exec(compile(code, "docs/national.md (Spark)", "exec"), scope)
    # Spark reads a blank CSV field as null: the same as the package's "not given".
    events = pd.read_csv(tmp_path / "events.csv", dtype=str)
    assert str(scope["as_of"]) == events["date"].max()
    expected = timescales.evaluate(events, as_of=scope["as_of"])
    written = pd.read_parquet(tmp_path / "obligations.parquet")
    pd.testing.assert_frame_equal(comparable(written), comparable(expected))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timescales.RejectedRowsWarning)  # duplicates, if any
        expected_rejected = timescales.evaluation(events, as_of=scope["as_of"]).rejected
    written_rejected = pd.read_parquet(tmp_path / "rejected.parquet")
    assert sorted(written_rejected["case_id"]) == sorted(expected_rejected["case_id"])
