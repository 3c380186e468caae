"""Issue 19 (reliability) through the Python package: rule files nested deep enough to overflow the
TOML parser's stack, symbolic links that loop, empty rules directories, ids that would corrupt
outputs, and an as_of outside the calendar. Each is a library error (a ValueError subclass) with a
message naming the file, never a crash or a bare RuntimeError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import timescales
from support import PLACEMENT, frame

REPO = Path(__file__).resolve().parents[3]
BAD_RULES = REPO / "tests" / "bad-input" / "rules"


def test_a_250_deep_nested_array_is_a_rules_error() -> None:
    with pytest.raises(timescales.RulesError, match=r"nested\.toml:2: nested more than 24 levels"):
        timescales.load_rules(local=BAD_RULES / "nested-array")


def test_40000_dotted_key_parts_are_a_rules_error(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text("a" + ".a" * 40_000 + " = 1\n")
    with pytest.raises(timescales.RulesError, match=r"deep\.toml:1: nested more than 24 levels"):
        timescales.load_rules(local=tmp_path)


def test_a_symbolic_link_that_loops_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text((REPO / "rules" / "local" / "example.toml").read_text())
    os.symlink("loop.toml", tmp_path / "loop.toml")
    with pytest.raises(timescales.TimescalesError, match="loop.toml") as raised:
        timescales.load_rules(local=tmp_path)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("name", ["empty", "missing"])
def test_an_empty_or_mistyped_rules_directory_is_an_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(timescales.TimescalesError, match="holds no .toml file|does not exist"):
        timescales.load_rules(local=tmp_path / name)


def test_a_local_directory_whose_file_holds_no_rule_nor_measure_is_a_rules_error() -> None:
    with pytest.raises(timescales.RulesError, match="no measures in this file"):
        timescales.load_rules(local=BAD_RULES / "no-rule-file")


@pytest.mark.parametrize("case, message", [
    ("bad-id", "is not a valid id"),
    ("huge-integer", "'after_occurrence' must be from 0 to 2147483647, not 4294967297"),
    ("self-local-standard", "cannot be a 'local_standard_for' itself"),
])
def test_bad_input_rules_directories_are_refused(case: str, message: str) -> None:
    with pytest.raises(timescales.RulesError, match=message):
        timescales.load_rules(local=BAD_RULES / case)


@pytest.mark.parametrize("as_of", ["2061-01-01", "1989-12-31"])
def test_as_of_outside_the_calendar_is_refused(as_of: str) -> None:
    with pytest.raises(timescales.DateOutOfRangeError, match="outside the supported range"):
        timescales.evaluate(frame(PLACEMENT), as_of=as_of)


def test_as_of_at_the_calendars_last_day_is_accepted() -> None:
    assert len(timescales.evaluate(frame(PLACEMENT), as_of="2060-12-31")) > 0


SURROGATE = "\ud800"  # a lone surrogate: a Python str may hold it, UTF-8 cannot


def _events(**columns: list[str]) -> "pd.DataFrame":
    import pandas as pd

    base = {"case_id": ["C1"], "event": ["referral"], "date": ["2021-03-01"]}
    base.update(columns)
    return pd.DataFrame(base, dtype=object)  # object: pandas with pyarrow would refuse the surrogate itself


@pytest.mark.parametrize("call, what", [
    (lambda: timescales.evaluate(_events(case_id=["C" + SURROGATE])), "column 'case_id'"),
    (lambda: timescales.evaluate(_events(event=["referral" + SURROGATE])), "column 'event'"),
    (lambda: timescales.evaluate(_events(date=["2021-03-01" + SURROGATE])), "column 'date'"),
    (lambda: timescales.report(_events(team=["x" + SURROGATE]), by="team"), "a carried column"),
    (lambda: timescales.evaluate(_events(), rules=["wales." + SURROGATE]), "a rule id"),
    (lambda: timescales.evaluate(_events(), as_of="2021-03-01" + SURROGATE), "as_of"),
    (lambda: timescales.report(_events(team=["x"]), by="team" + SURROGATE), "by"),
    (lambda: timescales.report(_events(), measures="wales." + SURROGATE), "a measure id"),
    (lambda: timescales.due("2021-03-01", "15 working days" + SURROGATE), "period"),
    (lambda: timescales.load_rules("rules" + SURROGATE), "the rules directory"),
])
def test_lone_surrogates_are_a_timescales_error_naming_what(call, what: str) -> None:
    with pytest.raises(timescales.TimescalesError, match="not valid Unicode text: a lone surrogate") as raised:
        call()
    assert what in str(raised.value)
    assert isinstance(raised.value, ValueError)
