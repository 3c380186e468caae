"""Charts of obligations, with matplotlib (imported only when this module is).

>>> ob = timescales.evaluate(events)                                    # doctest: +SKIP
>>> fig = timescales.plot.compliance(ob, rule="wales.lac.visit")        # doctest: +SKIP
>>> fig.savefig("lac-visits.png")                                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ._core import TimescalesError

__all__ = ["compliance", "STATUS_COLOURS"]

#: The colours of the statuses in every chart.
STATUS_COLOURS = {"met": "#1b7837", "late": "#f1a340", "missed": "#b2182b", "overdue": "#762a83"}

_PERIOD_ALIASES = {"ME": "M", "QE": "Q", "YE": "Y", "A": "Y", "AS": "Y", "YS": "Y", "MS": "M", "QS": "Q"}


def _period_freq(freq: str) -> str:
    key = freq.upper()
    return _PERIOD_ALIASES.get(key, freq if "-" in freq else key)


def compliance(obligations: pd.DataFrame, rule: str | Sequence[str] | None = None, standard: str = "statutory",
               freq: str = "M", title: str | None = None) -> Figure:
    """On-time compliance over time for one rule (or several, or all), by due date.

    Top: the share on time, met / (met + late + missed + overdue), per period, as a line. Bottom:
    the judged obligations of each period stacked by status: met, late, missed and overdue.
    Pending and cancelled obligations are not judged (C9) and are not drawn.

    Parameters
    ----------
    obligations:
        :func:`timescales.evaluate`'s result (needs ``rule``, ``standard``, ``status`` and
        ``due_date``).
    rule:
        A rule id, a list of them, or ``None`` for every rule.
    standard:
        ``"statutory"``, ``"plan"`` or ``"local"``.
    freq:
        A pandas period frequency for the due dates: ``"M"`` (months), ``"Q"``, ``"Y"``;
        ``"Q-MAR"`` gives the quarters of the Welsh financial year.
    title:
        The figure's title; default: the rule and standard.

    Returns
    -------
    matplotlib.figure.Figure
        Not attached to pyplot: display it in a notebook, or ``fig.savefig(path)``.
    """
    needed = [c for c in ("rule", "standard", "status", "due_date") if c not in obligations.columns]
    if needed:
        raise TimescalesError("obligations need the column" + ("s " if len(needed) > 1 else " ") + ", ".join(needed)
                              + " (pass timescales.evaluate()'s result)")
    rules = [rule] if isinstance(rule, str) else (list(rule) if rule is not None else None)
    selected = obligations[obligations["standard"].astype(str) == standard]
    if rules is not None:
        selected = selected[selected["rule"].astype(str).isin(rules)]
    judged = selected[selected["status"].astype(str).isin(list(STATUS_COLOURS))]
    what = ", ".join(rules) if rules else "all rules"
    if judged.empty:
        raise TimescalesError(f"no judged obligations (met, late, missed or overdue) for {what}, {standard} standard")

    periods = pd.DatetimeIndex(judged["due_date"]).to_period(_period_freq(freq))
    counts = (pd.crosstab(periods, judged["status"].astype(str))
              .reindex(columns=list(STATUS_COLOURS), fill_value=0))
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=counts.index.freq)
    counts = counts.reindex(full, fill_value=0)
    totals = counts.sum(axis=1)
    on_time = 100.0 * counts["met"] / totals.where(totals > 0)

    fig = Figure(figsize=(10, 6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1, 2])
    x = np.arange(len(counts))
    top.plot(x, on_time.to_numpy(), marker="o", markersize=3, color="#2166ac")
    top.set_ylim(0, 105)
    top.set_ylabel("on time (%)")
    top.grid(True, alpha=0.3)
    base = np.zeros(len(counts))
    for status, colour in STATUS_COLOURS.items():
        values = counts[status].to_numpy(dtype=float)
        bottom.bar(x, values, bottom=base, color=colour, label=status, width=0.85)
        base += values
    bottom.set_ylabel("obligations due")
    bottom.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False)
    bottom.grid(True, axis="y", alpha=0.3)
    labels = [str(p) for p in counts.index]
    step = max(1, int(np.ceil(len(labels) / 16)))
    bottom.set_xticks(x[::step], labels[::step], rotation=45, ha="right")
    bottom.set_xlabel(f"due date ({counts.index.freqstr})")
    fig.suptitle(title or f"{what} ({standard} standard): compliance by due date")
    return fig
