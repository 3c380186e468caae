"""A council's rules layered on the statutory ones (C12), as the tool's ``--local DIR``: its rules
evaluated with the Welsh ones in one call, its measures reported, its settings applied; a council's
directory is not a whole rulebook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import timescales
from support import chain, frame

REPO = Path(__file__).resolve().parents[3]
LOCAL = REPO / "rules" / "local"

# Tue 4 May 2021: the council's proportionate assessment is due in 10 working days (Tue 18 May);
# the statutory one in 42 (Fri 2 Jul, the 31 May bank holiday skipped). Done 19 May: late against
# the council's standard, met against the law.
REFERRAL = [("2021-05-04", "referral"), ("2021-05-19", "assessment_completed")]


def test_local_rules_are_evaluated_with_the_statutory_ones() -> None:
    ob = timescales.evaluate(frame(REFERRAL), as_of="2021-06-30", local=LOCAL)
    assert chain(ob, "local.example.assessment.proportionate", "local") == [
        (1, "2021-05-04", "2021-05-18", "2021-05-19", "late")]
    assert chain(ob, "wales.assessment.part3") == [(1, "2021-05-04", "2021-07-02", "2021-05-19", "met")]
    # Without the layer, only the law.
    plain = timescales.evaluate(frame(REFERRAL), as_of="2021-06-30")
    assert not plain["rule"].astype(str).str.startswith("local.").any()
    assert len(ob) == len(plain) + 1


def test_load_rules_local_gives_a_rulebook_that_selects_local_ids() -> None:
    book = timescales.load_rules(local=str(LOCAL))
    assert "local.example.assessment.proportionate" in book.rule_ids
    assert "wales.cp.icpc" in book.rule_ids
    only = timescales.evaluate(frame(REFERRAL), as_of="2021-06-30",
                               rules=book.select(["local.example.assessment.proportionate"]))
    assert set(only["rule"].astype(str)) == {"local.example.assessment.proportionate"}
    # Rule ids with local=: the layer is applied, then the ids chosen.
    same = timescales.evaluate(frame(REFERRAL), as_of="2021-06-30", rules="local.example.assessment.proportionate",
                               local=[LOCAL])
    assert chain(same, "local.example.assessment.proportionate", "local") == chain(
        only, "local.example.assessment.proportionate", "local")


def test_a_councils_directory_is_not_a_whole_rulebook() -> None:
    with pytest.raises(timescales.RulesError, match="declares no jurisdiction, so it is not a whole rulebook.*local="):
        timescales.load_rules(LOCAL)
    with pytest.raises(timescales.RulesError, match="declares no jurisdiction"):
        timescales.evaluate(frame(REFERRAL), rules=str(LOCAL))
    # The project's rules/ declares Wales: a whole rulebook, the example layer inside it.
    assert "local.example.assessment.proportionate" in timescales.load_rules(REPO / "rules").rule_ids


def test_a_selection_cannot_have_a_layer_put_on_it() -> None:
    book = timescales.load_rules().select(["wales.cp.icpc"])
    with pytest.raises(timescales.TimescalesError, match="layer first"):
        timescales.evaluate(frame(REFERRAL), rules=book, local=LOCAL)


def test_a_councils_measure_is_reported_and_listed() -> None:
    measure = "local.example.assessment.proportionate.timeliness"
    assert measure not in set(timescales.measures()["id"])
    assert measure in set(timescales.measures(local=LOCAL)["id"])
    with pytest.raises(timescales.TimescalesError, match="unknown measure"):
        timescales.report(frame(REFERRAL), measures=measure)
    events = pd.concat([frame(REFERRAL, case_id="A"),
                        frame([("2021-05-10", "referral"), ("2021-05-21", "assessment_completed")], case_id="B")])
    # The measure's worked example (rules/local/measures/assessments.toml): A late, B met.
    r = timescales.report(events, measures=measure, period="whole", from_="2021-05-01", to="2021-05-31",
                          as_of="2021-06-30", local=LOCAL)
    assert r[["measure", "numerator"]].values.tolist() == [[measure, 1]]
    assert int(r["denominator"].iloc[0]) == 2


def test_a_layers_settings_move_the_switch_to_the_wales_safeguarding_procedures(tmp_path: Path) -> None:
    # Registered Mon 3 Feb 2020. By default the 2008 procedures govern (switch 1 Apr 2020): a visit
    # every 6 weeks, due Mon 16 Mar. Switched on 6 Jan 2020: a visit at home within 4 weeks, 2 Mar.
    (tmp_path / "settings.toml").write_text("[settings]\nwsp_switch = 2020-01-06\n")
    events = frame([("2020-02-03", "cp_registered")])
    national = timescales.evaluate(events, as_of="2020-03-31")
    assert chain(national, "wales.cp.visit") == [(1, "2020-02-03", "2020-03-16", "", "overdue")]
    council = timescales.evaluate(events, as_of="2020-03-31", local=tmp_path)
    assert chain(council, "wales.cp.visit.at_home") == [(1, "2020-02-03", "2020-03-02", "", "overdue")]
    assert chain(council, "wales.cp.visit") == []


def test_a_layer_naming_another_jurisdiction_is_refused(tmp_path: Path) -> None:
    text = (LOCAL / "example.toml").read_text().replace('jurisdiction = "wales"', 'jurisdiction = "scotland"')
    (tmp_path / "example.toml").write_text(text)
    with pytest.raises(timescales.RulesError, match=r"example\.toml:7:16: this file belongs to jurisdiction 'scotland'"):
        timescales.load_rules(local=tmp_path)


@pytest.mark.parametrize("local", [3, [3]])
def test_local_must_be_directories(local: object) -> None:
    with pytest.raises(TypeError, match="local must be a directory"):
        timescales.evaluate(frame(REFERRAL), local=local)  # type: ignore[arg-type]
