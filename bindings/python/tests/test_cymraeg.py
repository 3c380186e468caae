"""lang="cy": the Welsh catalogue through the Python package (docs/cymraeg.md). Machine columns are
the same in both languages; what a person reads is in Welsh."""
import pandas as pd
import pytest

import timescales


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return timescales.sample_events()


def test_machine_columns_do_not_change_with_the_language(events):
    en = timescales.evaluate(events, as_of="2023-03-31")
    cy = timescales.evaluate(events, as_of="2023-03-31", lang="cy")
    pd.testing.assert_frame_equal(en, cy)


def test_worklist_and_report_titles_are_the_welsh_titles(events):
    ev = timescales.evaluation(events, as_of="2023-03-31")
    en, cy = ev.worklist(), ev.worklist(lang="cy")
    assert list(en.columns) == list(cy.columns)
    assert en.drop(columns="title").equals(cy.drop(columns="title"))
    # Each rule's title_cy, read from the rule catalogue: the Welsh title wherever one is given.
    rules = timescales.rules()
    welsh = dict(zip(rules["id"], rules["title_cy"])) if "title_cy" in rules.columns else {}
    if welsh:
        for rule, title in zip(cy["rule"], cy["title"]):
            assert title == (welsh[rule] or en.loc[en["rule"] == rule, "title"].iloc[0])
    report_cy = ev.report(lang="cy")
    assert not report_cy.empty
    assert set(report_cy["title"]) != set(ev.report()["title"])


def test_explanations_in_welsh(events):
    ob = timescales.evaluate(events, as_of="2023-03-31", explain=True, lang="cy")
    text = ob["explanation"].iloc[0]
    assert "diwrnod" in text or "wythnos" in text or "mis" in text
    ev = timescales.evaluation(events, as_of="2023-03-31")
    assert ev.explain(0, lang="cy") == text
    assert timescales.explain(ob.iloc[0]) == text  # the row's own column
    case = ob["case_id"].iloc[0]
    welsh = timescales.explain(ob, case_id=case, lang="cy")
    assert welsh == ev.timeline(case, lang="cy")
    assert welsh != ev.timeline(case)


def test_an_unknown_language_is_refused(events):
    with pytest.raises(ValueError, match="lang must be 'en' \\(English\\) or 'cy' \\(Cymraeg\\), not 'fr'"):
        timescales.evaluate(events, lang="fr")
    with pytest.raises(ValueError, match="not 'de'"):
        timescales.evaluation(events).worklist(lang="de")


def test_rules_and_measures_have_their_welsh_summaries():
    # summary_cy beside summary: every built-in rule and measure has its Welsh title and summary.
    for table in (timescales.rules(), timescales.measures()):
        columns = list(table.columns)
        assert columns[columns.index("summary") + 1] == "summary_cy"
        assert (table["title_cy"] != "").all() and (table["summary_cy"] != "").all()
        assert (table["summary_cy"] != table["summary"]).all()
    rules = timescales.rules()
    icpc = rules.loc[rules["id"] == "wales.cp.icpc", "summary_cy"]
    assert any("y gynhadledd amddiffyn plant gychwynnol" in s for s in icpc)


def test_rejected_rows_reasons_in_welsh():
    # An unknown event, an impossible date, a row copied, a date missing (NaT): each reason in
    # Welsh with lang="cy", the same as always in English; the columns are the same.
    frame = pd.DataFrame({
        "case_id": ["C1", "C1", "C1", "C1", "C1"],
        "event": ["referral", "home_visit", "referral", "referral", "referral"],
        "date": ["2021-03-01", "2021-03-02", "2021-02-30", "2021-03-01", None],
    }, index=[10, 11, 12, 13, 14])
    with pytest.warns(timescales.RejectedRowsWarning):
        en = timescales.evaluation(frame).rejected
    with pytest.warns(timescales.RejectedRowsWarning):
        cy = timescales.evaluation(frame, lang="cy").rejected
    assert list(en.columns) == list(cy.columns) == ["row", "case_id", "column", "reason"]
    assert en.drop(columns="reason").equals(cy.drop(columns="reason"))
    assert list(en["reason"]) == [
        "unknown event 'home_visit'",
        "impossible date '2021-02-30': no such day in the calendar",
        "duplicate of row 10",
        "missing date (NaT or empty): expected YYYY-MM-DD",
    ]
    assert list(cy["reason"]) == [
        "digwyddiad anhysbys 'home_visit'",
        "dyddiad amhosibl '2021-02-30': nid oes diwrnod o'r fath yn y calendr",
        "dyblyg o res 10",
        "dyddiad ar goll (NaT neu wag): disgwylid YYYY-MM-DD",
    ]


def test_dashboard_headings_in_each_language(events, tmp_path):
    # title in the English copy, title_cy in the Welsh one; lang="cy" opens the page in Welsh.
    page = timescales.dashboard(events, tmp_path / "d.html", as_of="2023-03-31", title="Improvement board",
                                title_cy="Bwrdd gwella", lang="cy").read_text(encoding="utf-8")
    assert "<title>Bwrdd gwella</title>" in page
    assert page.index("<h1>Bwrdd gwella</h1>") < page.index("<h1>Improvement board</h1>")
    with pytest.raises(timescales.TimescalesError, match="title_cy"):
        timescales.dashboard(events, tmp_path / "e.html", title_cy="a\ud800b")
