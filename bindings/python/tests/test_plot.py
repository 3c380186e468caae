"""timescales.plot.compliance: the share on time by financial-year quarter, the partial period and
small figures marked, into a given Axes or faceted by team. The tests read the drawn artists."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import timescales

AS_OF = "2020-11-15"  # in the third quarter of 2020-21 (October to December 2020): that quarter is partial


def obligations_by_hand() -> pd.DataFrame:
    """Duties of one rule, by due date and team, counted by hand:
    2020-21 Q1 (Apr-Jun 2020): 12 duties, 9 met (North 8 of 9, South 1 of 3): 75%, North 88.9%, South 33.3%
    2020-21 Q2 (Jul-Sep 2020): 4 duties, 2 met, 1 missed, 1 overdue (all North): 50%, a small figure
    2020-21 Q3 (Oct-Dec 2020): 10 duties, all met (all South; due dates after as_of done early): 100%, partial
    and, not judged so not drawn, a pending and a cancelled duty, and a duty of another rule."""
    rows = ([("2020-04-10", "met", "North")] * 8 + [("2020-05-01", "late", "North")]
            + [("2020-06-30", "met", "South")] + [("2020-06-01", "late", "South")] * 2
            + [("2020-07-01", "met", "North"), ("2020-08-03", "met", "North"), ("2020-09-30", "missed", "North"),
               ("2020-09-01", "overdue", "North")]
            + [("2020-10-05", "met", "South")] * 9 + [("2020-12-01", "met", "South")]
            + [("2020-12-10", "pending", "South"), ("2020-08-10", "cancelled", "North")])
    frame = pd.DataFrame(rows, columns=["due_date", "status", "team"])
    frame["due_date"] = pd.to_datetime(frame["due_date"])
    frame["rule"] = "local.visit"
    frame["standard"] = "statutory"
    other = pd.DataFrame({"due_date": pd.to_datetime(["2020-04-02"]), "status": ["late"], "team": ["North"],
                          "rule": ["local.other"], "standard": ["statutory"]})
    return pd.concat([frame, other], ignore_index=True)


def markers(ax: matplotlib.axes.Axes) -> tuple[list[float], list[float]]:
    """The x of the filled points and of the hollow (white-faced) ones."""
    filled, hollow = [], []
    for c in ax.collections:
        xs = [float(x) for x, _ in c.get_offsets()]
        faces = c.get_facecolors()
        white = len(faces) > 0 and np.allclose(faces[0][:3], 1.0)
        (hollow if white else filled).extend(xs)
    return sorted(filled), sorted(hollow)


def n_labels(ax: matplotlib.axes.Axes) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == "n-label"]


def test_financial_quarters_partial_period_and_small_figures() -> None:
    assert matplotlib.get_backend().lower() == "agg"
    fig = timescales.plot.compliance(obligations_by_hand(), rule="local.visit", as_of=AS_OF)
    top, bottom = fig.axes
    assert [t.get_text() for t in bottom.get_xticklabels()] == ["2020-21 Q1", "2020-21 Q2", "2020-21 Q3"]
    assert "financial-year quarters" in bottom.get_xlabel()
    assert np.allclose(top.get_lines()[0].get_ydata(), [75.0, 50.0, 100.0])
    # Q1 (12 duties, over) is a filled point; Q2 (4 duties: small) and Q3 (partial) are hollow.
    assert markers(top) == ([0.0], [1.0, 2.0])
    assert timescales.plot.SMALL_FIGURE == 10
    assert n_labels(top) == ["n=12", "n=4", "n=10"]
    # The bars: met, late, missed, overdue stacked per quarter; only the partial quarter's hatched.
    heights = np.array([p.get_height() for p in bottom.patches]).reshape(4, 3)
    assert heights.tolist() == [[9, 2, 10], [3, 0, 0], [0, 1, 0], [0, 1, 0]]
    hatched = [i % 3 for i, p in enumerate(bottom.patches) if p.get_hatch()]
    assert hatched == [2, 2, 2, 2]
    shade = [p for p in top.patches if p.get_gid() == "partial"]
    # The band's corners in data x (a Polygon before matplotlib 3.9, a Rectangle since).
    corners = shade[0].get_patch_transform().transform(shade[0].get_path().vertices)[:, 0] if shade else []
    assert len(shade) == 1 and np.allclose(sorted(set(np.round(corners, 6))), [1.5, 2.5])
    note = next(t.get_text() for t in fig.texts if t.get_gid() == "note")
    assert "not over on 2020-11-15" in note and "partial" in note and "fewer than 10 duties" in note


def test_as_of_comes_from_the_evaluation() -> None:
    # The sample judged on 31 Oct 2023, in 2023-24 Q3 (October to December): that quarter, the
    # last with visits due, is partial, so hollow whatever its number of duties.
    ev = timescales.evaluation(timescales.sample_events(), as_of="2023-10-31")
    fig = timescales.plot.compliance(ev, rule="wales.lac.visit")
    top = fig.axes[0]
    last = len(top.get_lines()[0].get_xdata()) - 1
    assert last in markers(top)[1]
    assert "not over on 2023-10-31" in next(t.get_text() for t in fig.texts if t.get_gid() == "note")


def test_a_complete_last_period_and_an_unknown_as_of() -> None:
    # Judged on 31 Dec 2020, the last day of 2020-21 Q3, no quarter is partial: Q3's 10 duties get a
    # filled point, Q2's 4 stay hollow (small). A frame with no as_of (built by hand, no attrs) and
    # none given: no period is marked partial, and the note says nothing of it.
    for as_of in ("2020-12-31", None):
        fig = timescales.plot.compliance(obligations_by_hand(), rule="local.visit", as_of=as_of)
        assert markers(fig.axes[0]) == ([0.0, 2.0], [1.0])
        assert not [p for p in fig.axes[1].patches if p.get_hatch()]
        assert "partial" not in next(t.get_text() for t in fig.texts if t.get_gid() == "note")


def test_into_a_given_axes() -> None:
    fig = Figure()
    ax = fig.subplots()
    out = timescales.plot.compliance(obligations_by_hand(), rule="local.visit", ax=ax, as_of=AS_OF, title="Visits")
    assert out is fig and fig.axes == [ax]
    assert np.allclose(ax.get_lines()[0].get_ydata(), [75.0, 50.0, 100.0])
    assert markers(ax) == ([0.0], [1.0, 2.0])
    assert ax.get_title() == "Visits"


def test_facets_by_team() -> None:
    fig = timescales.plot.compliance(obligations_by_hand(), rule="local.visit", by="team", as_of=AS_OF)
    shown = [a for a in fig.axes if a.get_visible()]
    assert [a.get_title() for a in shown] == ["team: North", "team: South"]
    north, south = shown
    # North: Q1 8 of 9 met, Q2 2 of 4, Q3 none; South: Q1 1 of 3, Q2 none, Q3 10 of 10 (partial).
    assert np.allclose(north.get_lines()[0].get_ydata(), [800 / 9, 50.0, np.nan], equal_nan=True)
    assert np.allclose(south.get_lines()[0].get_ydata(), [100 / 3, np.nan, 100.0], equal_nan=True)
    assert n_labels(north) == ["n=9", "n=4"] and n_labels(south) == ["n=3", "n=10"]
    assert markers(north) == ([], [0.0, 1.0]) and markers(south) == ([], [0.0, 2.0])
    # One Axes, one line per team with a legend.
    ax = Figure().subplots()
    timescales.plot.compliance(obligations_by_hand(), rule="local.visit", by="team", ax=ax, as_of=AS_OF)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["North", "South"]
    assert len(ax.get_lines()) == 2


def test_compliance_by_month_of_the_sample(repo: Path) -> None:
    ev = timescales.evaluation(timescales.sample_events())
    obligations = ev.obligations
    fig = timescales.plot.compliance(ev, rule="wales.lac.visit", freq="M")
    assert isinstance(fig, Figure)
    top, bottom = fig.axes
    judged = obligations[(obligations["rule"] == "wales.lac.visit") & (obligations["standard"] == "statutory")
                         & obligations["status"].isin(["met", "late", "missed", "overdue"])]
    assert sum(p.get_height() for p in bottom.patches) == len(judged)
    months = judged["due_date"].dt.to_period("M")
    in_first = judged[months == months.min()]
    assert np.isclose(top.get_lines()[0].get_ydata()[0], 100.0 * (in_first["status"] == "met").sum() / len(in_first))
    assert [t.get_text() for t in bottom.get_legend().get_texts()] == ["met", "late", "missed", "overdue"]
    out = repo / "build" / "artefacts"
    out.mkdir(parents=True, exist_ok=True)
    fig.savefig(out / "plot-compliance-by-month.png", dpi=90)
    timescales.plot.compliance(ev, rule="wales.lac.visit", by="team").savefig(out / "plot-compliance-by-team.png",
                                                                              dpi=90)
    assert (out / "plot-compliance-by-month.png").stat().st_size > 10_000


def test_compliance_other_choices() -> None:
    obligations = timescales.evaluate(timescales.sample_events())
    fig = timescales.plot.compliance(obligations, rule=["wales.cp.icpc", "wales.cp.core_group"])
    labels = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert all(re.fullmatch(r"\d{4}-\d\d Q[1-4]", t) for t in labels), labels
    fig = timescales.plot.compliance(obligations, rule="wales.lac.visit", standard="plan", freq="Y", title="Plan")
    assert fig._suptitle is not None and fig._suptitle.get_text() == "Plan"
    with pytest.raises(timescales.TimescalesError, match="no judged obligations"):
        timescales.plot.compliance(obligations, rule="wales.cp.icpc", standard="plan")
    with pytest.raises(timescales.TimescalesError, match="due_date"):
        timescales.plot.compliance(obligations.drop(columns=["due_date"]), rule="wales.cp.icpc")
    with pytest.raises(timescales.TimescalesError, match="by column"):
        timescales.plot.compliance(obligations, rule="wales.cp.icpc", by="region")
