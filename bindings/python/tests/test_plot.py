"""timescales.plot.compliance: on time over months, and the statuses stacked."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import timescales


@pytest.fixture(scope="module")
def obligations(sample_path) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return timescales.evaluate(pd.read_csv(sample_path, dtype=str, keep_default_na=False))


def test_compliance_by_month(obligations: pd.DataFrame, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert matplotlib.get_backend().lower() == "agg"
    fig = timescales.plot.compliance(obligations, rule="wales.lac.visit")
    assert isinstance(fig, Figure)
    top, bottom = fig.axes
    judged = obligations[(obligations["rule"] == "wales.lac.visit") & (obligations["standard"] == "statutory")
                         & obligations["status"].isin(["met", "late", "missed", "overdue"])]
    heights = sum(p.get_height() for p in bottom.patches)
    assert heights == len(judged)
    line = top.get_lines()[0].get_ydata()
    months = judged["due_date"].dt.to_period("M")
    first = months.min()
    in_first = judged[months == first]
    assert np.isclose(line[0], 100.0 * (in_first["status"] == "met").sum() / len(in_first))
    assert [t.get_text() for t in bottom.get_legend().get_texts()] == ["met", "late", "missed", "overdue"]
    fig.savefig(tmp_path / "compliance.png")
    assert (tmp_path / "compliance.png").stat().st_size > 10_000


def test_compliance_other_choices(obligations: pd.DataFrame) -> None:
    fig = timescales.plot.compliance(obligations, rule=["wales.cp.icpc", "wales.cp.core_group"], freq="Q-MAR")
    labels = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    # pandas names a fiscal quarter by the year its fiscal year ends: 2020Q1 is April-June 2019.
    assert labels[0] == "2020Q1" and all(len(t) == 6 and t[4] == "Q" for t in labels)
    fig = timescales.plot.compliance(obligations, rule="wales.lac.visit", standard="plan", freq="Y", title="Plan")
    assert fig._suptitle is not None and fig._suptitle.get_text() == "Plan"
    with pytest.raises(timescales.TimescalesError, match="no judged obligations"):
        timescales.plot.compliance(obligations, rule="wales.cp.icpc", standard="plan")
    with pytest.raises(timescales.TimescalesError, match="due_date"):
        timescales.plot.compliance(obligations.drop(columns=["due_date"]), rule="wales.cp.icpc")
