"""The tool's Excel workbooks (--format xlsx), opened with a reader library (openpyxl), as an
analyst's Excel would: the sheets, dates as dates, numbers as numbers, the frozen and filtered
header, and rows resting on a probable rule shaded. The expected rows were worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from support import run_tool

SHADE = "FCE4D6"  # the light orange of rows resting on a probable or unconfirmed rule (C13)

# Four children's duties open on Wed 30 Jun 2021 (the C++ worklist tests' fixture, tests/support.hpp).
# With the default horizon of 10 working days (Thu 1 Jul ... Wed 14 Jul):
#  C1 North: strategy discussion Mon 21 Jun; ICPC within 15 working days: 22-25 Jun (4), 28-30 (7),
#     1-2 Jul (9), 5-9 (14), Mon 12 Jul (15): pending, 12 days, 8 working days (1, 2, 5-9, 12) left.
#  C2 South: referral decided Tue 6 Apr; assessment within 42 working days of the referral (Thu 1
#     Apr; Good Friday and Easter Monday, 3 May and 31 May are bank holidays): Fri 4 Jun. Overdue:
#     -26 days, -18 working days (7-11, 14-18, 21-25, 28-30 Jun).
#  C3 North: referral Tue 29 Jun; decision within 1 working day: Wed 30 Jun, 0 days left.
#  C4 South: ICPC due Wed 21 Jul, beyond the horizon.
OPEN_DUTIES = (
    "case_id,event,date,team\n"
    "C1,strategy_discussion,2021-06-21,North\n"
    "C1,icpc_requested,2021-06-22,North\n"
    "C2,referral,2021-04-01,South\n"
    "C2,referral_decision,2021-04-06,South\n"
    "C3,referral,2021-06-29,North\n"
    "C4,strategy_discussion,2021-06-30,South\n"
    "C4,icpc_requested,2021-06-30,South\n"
)

# Initial conferences in two financial years. P1 (North): strategy discussion Fri 20 Dec 2019, under
# the 2008 procedures (a probable rule): 15 working days skipping 25, 26 Dec and 1 Jan: 23, 24 (2),
# 27 (3), 30, 31 (5), 2, 3 Jan (7), 6-10 (12), 13-15 (15): Wed 15 Jan 2020; held 16 Jan: late.
# A (North): Mon 11 Jan 2021: 12-15 (4), 18-22 (9), 25-29 (14), Mon 1 Feb (15); held 29 Jan: met.
# B (South): Mon 1 Mar 2021: 2-5 (4), 8-12 (9), 15-19 (14), Mon 22 Mar; held Thu 25 Mar: late.
CONFERENCES = (
    "case_id,event,date,team\n"
    "P1,strategy_discussion,2019-12-20,North\n"
    "P1,icpc,2020-01-16,North\n"
    "A,strategy_discussion,2021-01-11,North\n"
    "A,icpc,2021-01-29,North\n"
    "B,strategy_discussion,2021-03-01,South\n"
    "B,icpc,2021-03-25,South\n"
    "B,home_visit,2021-03-26,South\n"  # not an event: rejected, line 8
)


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def rows_of(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def shaded(cell: openpyxl.cell.cell.Cell) -> bool:
    return cell.fill.fill_type == "solid" and str(cell.fill.fgColor.rgb).endswith(SHADE)


def tool(tmp_path: Path, events: str, *args: str) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(events, encoding="utf-8")
    out = run_tool(args[0], str(path), *args[1:])
    assert out.returncode == 0, out.stderr
    return path


def test_worklist_workbook_a_summary_then_a_sheet_per_team(tmp_path: Path) -> None:
    book_path = tmp_path / "worklist.xlsx"
    tool(tmp_path, OPEN_DUTIES, "worklist", "--as-of", "2021-06-30", "--by", "team", "--format", "xlsx",
         "--out", str(book_path))
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Summary", "team = North", "team = South"]
    summary = rows_of(book["Summary"])
    assert summary[0] == ["sheet", "team", "overdue", "due_this_week", "due_within_horizon"]
    # North: C3 due today (this week) and C1 on 12 Jul; South: C2 overdue (C4 beyond the horizon).
    assert summary[1] == ["team = North", "North", 0, 1, 2]
    assert summary[2] == ["team = South", "South", 1, 0, 0]
    assert any(r[0] == "Open duties on 2021-06-30: overdue, and due by 2021-07-14 (10 working days)" for r in summary)

    header = ["case_id", "rule", "title", "standard", "occurrence", "trigger_event", "trigger_date", "due_date",
              "status", "days_left", "working_days_left", "confidence", "team"]
    north = book["team = North"]
    assert rows_of(north) == [
        header,
        ["C3", "wales.assessment.referral_decision", "Decision on a report about a child", "statutory", 1,
         "referral", day("2021-06-29"), day("2021-06-30"), "pending", 0, 0, "confirmed", "North"],
        ["C1", "wales.cp.icpc", "Initial child protection conference", "statutory", 1, "strategy_discussion",
         day("2021-06-21"), day("2021-07-12"), "pending", 12, 8, "confirmed", "North"],
    ]
    south = rows_of(book["team = South"])
    assert south[1][:2] == ["C2", "wales.assessment.part3"]
    assert south[1][7:11] == [day("2021-06-04"), "overdue", -26, -18]
    assert len(south) == 2
    for sheet in (north, book["team = South"], book["Summary"]):
        assert sheet.freeze_panes == "A2"  # the header stays in view
    assert north.auto_filter.ref == "A1:M3"
    assert north["H2"].is_date and north["H2"].number_format == "yyyy-mm-dd"
    assert not any(shaded(c) for row in north.iter_rows(min_row=2) for c in row)  # every rule confirmed


def test_report_workbook_contents_then_a_sheet_per_measure(tmp_path: Path) -> None:
    book_path = tmp_path / "report.xlsx"
    tool(tmp_path, CONFERENCES, "report", "--measure", "wales.cp.icpc.timeliness", "--by", "team", "--format",
         "xlsx", "--out", str(book_path))
    book = openpyxl.load_workbook(book_path)
    measure = "wales.cp.icpc.timeliness"
    assert book.sheetnames == ["Contents", measure]
    contents = rows_of(book["Contents"])
    assert contents[0] == ["sheet", "measure", "title"]
    assert contents[1] == [measure, measure, "Initial child protection conferences within 15 working days"]
    assert any(r[0] and str(r[0]).startswith("Shaded rows rest on a rule that is probable") for r in contents)

    sheet = book[measure]
    rows = rows_of(sheet)
    assert rows[0] == ["measure", "period_start", "period_end", "group", "numerator", "denominator", "percentage",
                       "confidence", "title", "team"]
    title = "Initial child protection conferences within 15 working days"
    # From the financial year of the earliest event (2019-20) to the as-of date, 25 Mar 2021 (the
    # latest event). 2019-20: P1, late, under the probable rule. 2020-21: A met, B late.
    fy19, fy20 = (day("2019-04-01"), day("2020-03-31")), (day("2020-04-01"), day("2021-03-25"))
    by_group = {(r[1], r[3]): r for r in rows[1:]}
    assert by_group[(fy19[0], "all")] == [measure, *fy19, "all", 0, 1, 0.0, "probable", title, None]
    assert by_group[(fy19[0], "North")] == [measure, *fy19, "North", 0, 1, 0.0, "probable", title, "North"]
    assert by_group[(fy20[0], "all")] == [measure, *fy20, "all", 1, 2, 50.0, "confirmed", title, None]
    assert by_group[(fy20[0], "North")] == [measure, *fy20, "North", 1, 1, 100.0, "confirmed", title, "North"]
    assert by_group[(fy20[0], "South")] == [measure, *fy20, "South", 0, 1, 0.0, "confirmed", title, "South"]
    # The figures resting on the probable rule are shaded, the others not.
    for r in sheet.iter_rows(min_row=2):
        assert all(shaded(c) for c in r) == (r[7].value == "probable"), [c.value for c in r]
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].is_date and sheet["G2"].number_format == "0.0"


def test_obligations_workbook_holds_the_csv_rows_and_the_rejected_rows(tmp_path: Path) -> None:
    book_path, csv_path = tmp_path / "obligations.xlsx", tmp_path / "obligations.csv"
    events = tool(tmp_path, CONFERENCES, "evaluate", "--format", "xlsx", "--out", str(book_path))
    out = run_tool("evaluate", str(events), "--out", str(csv_path))
    assert out.returncode == 0, out.stderr
    with csv_path.open(newline="", encoding="utf-8") as f:
        expected = list(csv.reader(f))
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Obligations", "Rejected rows"]
    got = rows_of(book["Obligations"])
    assert got[0] == expected[0]
    dates = {i for i, name in enumerate(expected[0]) if name.endswith("_date")}
    numbers = {expected[0].index(n) for n in ("occurrence", "days_late", "working_days_late")}

    def as_csv(i: int, value: object) -> str:
        if i in dates:
            assert value is None or isinstance(value, dt.datetime), (expected[0][i], value)
            return "" if value is None else value.strftime("%Y-%m-%d")
        if i in numbers:
            assert isinstance(value, int), (expected[0][i], value)
        return "" if value is None else str(value)

    assert [[as_csv(i, v) for i, v in enumerate(row)] for row in got[1:]] == expected[1:]
    # The three conferences: P1 late under the probable 2008 rule (shaded), A met, B late.
    statuses = {(r[0], r[1]): (r[8], r[11]) for r in got[1:]}
    assert statuses == {("P1", "wales.cp.icpc"): ("late", "probable"), ("A", "wales.cp.icpc"): ("met", "confirmed"),
                        ("B", "wales.cp.icpc"): ("late", "confirmed")}
    sheet = book["Obligations"]
    for r in sheet.iter_rows(min_row=2):
        assert shaded(r[0]) == (r[11].value == "probable")
    assert rows_of(book["Rejected rows"]) == [["line", "case_id", "column", "reason"],
                                             [8, "B", "event", "unknown event 'home_visit'"]]


@pytest.mark.parametrize("command", ["evaluate", "report", "worklist"])
def test_a_workbook_needs_a_file(tmp_path: Path, command: str) -> None:
    events = tmp_path / "events.csv"
    events.write_text(OPEN_DUTIES, encoding="utf-8")
    extra = ["--all"] if command == "report" else []
    out = run_tool(command, str(events), *extra, "--format", "xlsx")
    assert out.returncode == 2
    assert "--out" in out.stderr
