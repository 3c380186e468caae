"""Every command's ``--format json`` (and ``jsonl``) read by a real JSON parser: one document for
json, one per line for jsonl, keyed by the names the CSV header uses, the exit codes as in text."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from timescales import _cli

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "examples" / "data" / "sample-events.csv"
RECONCILE = REPO / "examples" / "reconcile"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_cli.executable()), *args], capture_output=True, text=True, check=False)


def header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(("command", "extra"), [
    ("evaluate", []),
    ("worklist", ["--by", "team"]),
])
def test_json_is_an_array_of_the_jsonl_objects_keyed_as_the_csv(command: str, extra: list[str]) -> None:
    as_csv = run(command, str(SAMPLE), *extra)
    as_jsonl = run(command, str(SAMPLE), *extra, "--format", "jsonl")
    as_json = run(command, str(SAMPLE), *extra, "--format", "json")
    assert as_csv.returncode == as_jsonl.returncode == as_json.returncode == 0
    document = json.loads(as_json.stdout)
    lines = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert isinstance(document, list) and document == lines
    assert len(document) == len(as_csv.stdout.splitlines()) - 1  # the CSV's rows, its header aside
    assert list(document[0]) == header(as_csv.stdout)


def test_report_json_and_list() -> None:
    as_csv = run("report", str(SAMPLE), "--all", "--by", "team")
    as_json = run("report", str(SAMPLE), "--all", "--by", "team", "--format", "json")
    rows = json.loads(as_json.stdout)
    assert len(rows) == len(as_csv.stdout.splitlines()) - 1
    assert list(rows[0]) == header(as_csv.stdout)
    measures = json.loads(run("report", "--list", "--format", "json").stdout)
    listed = run("report", "--list").stdout.splitlines()
    assert [m["id"] for m in measures] == [line.split("\t")[0] for line in listed]
    assert set(measures[0]) == {"id", "title", "standard", "basis", "target"}


def test_reconcile_json_and_jsonl() -> None:
    args = [str(RECONCILE / "events.csv"), "--rule", "wales.lac.visit", "--theirs", str(RECONCILE / "council-report.csv")]
    as_csv = run("reconcile", *args)
    as_json = run("reconcile", *args, "--format", "json")
    as_jsonl = run("reconcile", *args, "--format", "jsonl")
    assert as_csv.returncode == as_json.returncode == as_jsonl.returncode == 1  # the example disagrees
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    document = json.loads(as_json.stdout)
    assert document == [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [list(d) for d in document] == [list(r) for r in rows]
    assert [d["reason"] for d in document] == [r["reason"] for r in rows]


def test_rules_list_due_and_version() -> None:
    rules = json.loads(run("rules", "list", "--format", "json").stdout)
    assert [r["id"] for r in rules] == [line.split("\t")[0] for line in run("rules", "list").stdout.splitlines()]
    due = json.loads(run("due", "2019-12-20", "15 working days", "--format", "json", "--explain").stdout)
    assert due["deadline"] == "2020-01-15"
    assert [h["name"] for h in due["bank_holidays_skipped"]] == ["Christmas Day", "Boxing Day", "New Year's Day"]
    assert due["explanation"].startswith("2019-12-20 + 15 working days")
    version = json.loads(run("version", "--format", "json").stdout)
    assert run("version").stdout == f"timescales {version['version']}\n"


def test_rules_check_and_validate_report_problems(tmp_path: Path) -> None:
    local = tmp_path / "local"
    shutil.copytree(REPO / "rules" / "local", local)
    example = local / "example.toml"
    example.write_text(example.read_text().replace('every = "1 month"', 'evry = "1 month"', 1))
    checked = run("rules", "check", str(local), "--format", "json")
    assert checked.returncode == 1 and checked.stderr == ""
    document = json.loads(checked.stdout)
    assert document["command"] == "rules check"
    for problem in document["problems"]:
        assert list(problem) == ["file", "line", "column", "severity", "code", "message"]
    assert any("unknown key 'evry'" in p["message"] and p["file"] == str(example) and p["column"] == 1
               for p in document["problems"])
    assert document["summary"]["errors"] == len(document["problems"])

    report = tmp_path / "report.toml"
    report.write_text('[[target]]\nmeasure = "wales.ch012"\nvalue = 75\nset_by = "the board"\n')
    validated = run("validate-report", str(report), "--format", "json")
    assert validated.returncode == 1
    [problem] = json.loads(validated.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["severity"]) == (str(report), 2, "error")
    assert "is a count, not a percentage" in problem["message"]
    missing = run("validate-report", str(tmp_path / "absent.toml"), "--format", "json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["problems"][0]["code"] == "unusable"
