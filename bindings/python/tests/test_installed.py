"""The package under test is the installed one, with its compiled core and its tool."""

from pathlib import Path

import timescales
from timescales import _cli


def test_the_installed_package_is_tested_not_the_source_tree(repo: Path) -> None:
    source = repo / "bindings" / "python" / "timescales"
    assert Path(timescales.__file__).resolve().parent != source.resolve()
    assert Path(timescales._core.__file__).is_file()


def test_the_tool_is_inside_the_package() -> None:
    assert _cli.executable().is_file()


def test_help_reads_well() -> None:
    doc = timescales.__doc__ or ""
    for name in ("evaluate", "explain", "report", "due", "add_working_days", "working_days_between", "plot.compliance"):
        assert name in doc
    for f in (timescales.evaluate, timescales.report, timescales.due, timescales.add_working_days,
              timescales.working_days_between, timescales.explain, timescales.rules, timescales.holidays):
        assert f.__doc__ and len(f.__doc__) > 80, f.__name__
    assert set(timescales.__all__) <= set(dir(timescales))
    assert issubclass(timescales.TimescalesError, ValueError)
    assert timescales.TimescalesError.__module__ == "timescales"


def test_timescales_spark_imports_without_pyspark_and_says_what_to_install(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    import pytest

    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed: import pyspark raises ImportError
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    assert "spark" in dir(timescales)
    spark = timescales.spark  # the module itself imports nothing of pyspark
    with pytest.raises(ImportError, match="pip install pyspark"):
        spark.schema(object())
    assert repr(spark.Evaluator(as_of="2024-03-31")) == "<timescales.spark.Evaluator as of 2024-03-31>"
