"""Charts of obligations, with matplotlib (imported only when this module is).

They mark what the dashboard marks (docs/dashboard.md): a period not over on the day the
obligations were judged, and a figure of fewer than :data:`SMALL_FIGURE` duties, have a hollow
point, and each period's number of duties is written along the foot of the chart, so that neither
passes for a complete figure.

>>> ev = timescales.evaluation(events)                                  # doctest: +SKIP
>>> fig = timescales.plot.compliance(ev, rule="wales.lac.visit")        # doctest: +SKIP
>>> fig.savefig("lac-visits.png")                                       # doctest: +SKIP
>>> fig = timescales.plot.compliance(ev, rule="wales.lac.visit", by="team")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import _core
from ._core import TimescalesError
from ._evaluation import Evaluation, linked_evaluation

__all__ = ["compliance", "STATUS_COLOURS", "SMALL_FIGURE"]

#: The colours of the statuses in every chart.
STATUS_COLOURS = {"met": "#1b7837", "late": "#f1a340", "missed": "#b2182b", "overdue": "#762a83"}
#: A period's share on time of fewer duties than this is drawn hollow, as the dashboard marks it.
SMALL_FIGURE: int = int(_core.SMALL_FIGURE)
_LINE = "#2166ac"

_PERIOD_ALIASES = {"ME": "M", "QE": "Q", "YE": "Y", "A": "Y", "AS": "Y", "YS": "Y", "MS": "M", "QS": "Q",
                   "QE-MAR": "Q-MAR", "YE-MAR": "Y-MAR", "A-MAR": "Y-MAR"}


def _period_freq(freq: str) -> str:
    key = freq.upper()
    return _PERIOD_ALIASES.get(key, freq if "-" in freq else key)


def period_label(period: pd.Period) -> str:
    """A period as a Welsh council names it: the financial year (April to March) ``2019-20`` and
    its quarters ``2019-20 Q1`` (April to June 2019) for ``Y-MAR`` and ``Q-MAR``; otherwise
    pandas' name (``2021-03``, ``2021``).

    >>> timescales.plot.period_label(pd.Period("2019-05-10", freq="Q-MAR"))
    '2019-20 Q1'
    >>> timescales.plot.period_label(pd.Period("2020-02-29", freq="Y-MAR"))
    '2019-20'
    """
    freq = period.freqstr.upper()
    if freq.endswith("-MAR") and freq[0] in "QYA":
        start = period.start_time.year if freq[0] != "Q" else period.qyear - 1  # pandas names a year by its end
        name = f"{start}-{(start + 1) % 100:02d}"
        return f"{name} Q{period.quarter}" if freq[0] == "Q" else name
    return str(period)


def _as_of(obligations: Any, as_of: Any) -> pd.Timestamp | None:
    """The day the obligations were judged on: given, or their evaluation's, or their attrs'."""
    if as_of is not None:
        return pd.Timestamp(as_of)
    ev = obligations if isinstance(obligations, Evaluation) else linked_evaluation(obligations)
    if ev is not None:
        return ev.as_of
    day = obligations.attrs.get("as_of")  # JSON text, which read_parquet keeps
    return pd.Timestamp(day) if day is not None else None


def _counts(judged: pd.DataFrame, periods: pd.PeriodIndex, freq: str) -> pd.DataFrame:
    keys = pd.DatetimeIndex(judged["due_date"]).to_period(freq)
    counts = pd.crosstab(keys, judged["status"].astype(str)).reindex(columns=list(STATUS_COLOURS), fill_value=0)
    counts = counts.reindex(periods, fill_value=0)
    counts.index = periods
    return counts


def _draw_share(ax: Axes, x: np.ndarray, counts: pd.DataFrame, partial: np.ndarray, colour: str,
                label: str | None, row: int = 0) -> None:
    """The share on time per period: a line through the periods that have duties, a filled point for
    a complete period of SMALL_FIGURE duties or more, a hollow one otherwise; and each period's
    number of duties, n, in a row along the foot of the axes (row `row` of `rows`, one per line)."""
    totals = counts.sum(axis=1).to_numpy()
    share = np.where(totals > 0, 100.0 * counts["met"].to_numpy() / np.maximum(totals, 1), np.nan)
    ax.plot(x, share, color=colour, linewidth=1.2, label=label, zorder=2)
    hollow = partial | (totals < SMALL_FIGURE)
    solid = ~hollow & (totals > 0)
    ax.scatter(x[solid], share[solid], s=22, color=colour, zorder=3)
    open_ = hollow & (totals > 0)
    ax.scatter(x[open_], share[open_], s=30, facecolors="white", edgecolors=colour, linewidths=1.2, zorder=3)
    # The counts sit below 0%, never on the line; upright when each period has a third of an inch.
    foot = 0.035 + 0.075 * row
    upright = len(x) * 0.33 <= ax.get_position().width * ax.figure.get_figwidth()
    for xi, n in zip(x, totals):
        if n > 0:
            ax.text(xi, foot, f"n={n}", transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                    rotation=0 if upright else 90, fontsize=6.5 if upright else 6, color=colour, gid="n-label")
    room = foot + (0.06 if upright else 0.11)  # the axes' fraction under 0% that the counts take
    ax.set_ylim(-105.0 * room / (1.0 - room), 105)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylabel("on time (%)")
    ax.grid(True, alpha=0.3)


def _note(day: pd.Timestamp | None, partial: np.ndarray) -> str:
    text = (f"A hollow point is a period of fewer than {SMALL_FIGURE} duties"
            + (f" or one not over on {day.date()}, the day the duties were judged on (partial: shaded, its bars "
               "hatched)" if partial.any() else "")
            + "; n is the number of duties due in the period that were judged (met, late, missed or overdue).")
    return text


def _x_axis(ax: Axes, periods: pd.PeriodIndex, freq: str, labelled: bool = True) -> None:
    x = np.arange(len(periods))
    labels = [period_label(p) for p in periods]
    step = max(1, int(np.ceil(len(labels) / 16)))
    ax.set_xticks(x[::step], labels[::step] if labelled else [], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(periods) - 0.4)
    if labelled:
        name = {"Q-MAR": "financial-year quarters, April to March", "Y-MAR": "financial years, April to March",
                "M": "months"}.get(freq, freq)
        ax.set_xlabel(f"due date ({name})")


def compliance(obligations: pd.DataFrame | Evaluation, rule: str | Sequence[str] | None = None,
               standard: str = "statutory", freq: str = "Q-MAR", title: str | None = None, ax: Axes | None = None,
               by: str | None = None, as_of: Any = None) -> Figure:
    """On-time compliance over time for one rule (or several, or all), by due date.

    The share on time, met / (met + late + missed + overdue), per period. Pending and cancelled
    obligations are not judged (C9) and are not counted. A period that ends after ``as_of`` is
    partial (its later duties are not judged yet, so its share would read as complete when it is
    not): its point is hollow, its bar hatched, and a note says so. A period of fewer than
    :data:`SMALL_FIGURE` duties has a hollow point too; ``n=`` along the foot of the chart is each
    period's number of duties.

    Parameters
    ----------
    obligations:
        :func:`timescales.evaluate`'s result or an :class:`timescales.Evaluation` (needs
        ``rule``, ``standard``, ``status`` and ``due_date``).
    rule:
        A rule id, a list of them, or ``None`` for every rule.
    standard:
        ``"statutory"``, ``"plan"`` or ``"local"``.
    freq:
        A pandas period frequency for the due dates: ``"Q-MAR"`` (the default: quarters of the
        Welsh financial year, April to March, labelled ``2019-20 Q1``), ``"Y-MAR"`` (financial
        years), ``"M"`` (months), ``"Q"`` or ``"Y"`` (calendar quarters and years).
    title:
        The figure's title; default: the rule and standard.
    ax:
        A matplotlib Axes to draw the share on time into (one line, or one per ``by`` group),
        instead of a new figure with the statuses stacked under it.
    by:
        A carried column (team, worker): one panel per group (facets sharing their axes), or
        one line per group in ``ax``.
    as_of:
        The day the obligations were judged on; default: their evaluation's (``attrs["as_of"]``
        of a frame read back from Parquet). ``None`` and unknown: no period is marked partial.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or ``ax``'s. Not attached to pyplot: display it in a notebook, or
        ``fig.savefig(path)``.
    """
    day = _as_of(obligations, as_of)
    if isinstance(obligations, Evaluation):
        obligations = obligations.obligations
    needed = [c for c in ("rule", "standard", "status", "due_date") + ((by,) if by else ()) if c not in obligations.columns]
    if needed:
        raise TimescalesError("obligations need the column" + ("s " if len(needed) > 1 else " ") + ", ".join(needed)
                              + " (pass timescales.evaluate()'s result" + (", with the by column)" if by else ")"))
    rules = [rule] if isinstance(rule, str) else (list(rule) if rule is not None else None)
    selected = obligations[obligations["standard"].astype(str) == standard]
    if rules is not None:
        selected = selected[selected["rule"].astype(str).isin(rules)]
    judged = selected[selected["status"].astype(str).isin(list(STATUS_COLOURS))]
    what = ", ".join(rules) if rules else "all rules"
    if judged.empty:
        raise TimescalesError(f"no judged obligations (met, late, missed or overdue) for {what}, {standard} standard")

    f = _period_freq(freq)
    keys = pd.DatetimeIndex(judged["due_date"]).to_period(f)
    periods = pd.period_range(keys.min(), keys.max(), freq=keys.freq)
    x = np.arange(len(periods))
    ends = periods.end_time.normalize()
    partial = np.asarray(ends > day, dtype=bool) if day is not None else np.zeros(len(periods), dtype=bool)
    note = _note(day, partial)
    groups: list[tuple[str, pd.DataFrame]] = []
    if by:
        for value, rows in judged.groupby(by, sort=True, observed=True, dropna=False):
            groups.append(("(blank)" if pd.isna(value) or value == "" else str(value), rows))
    heading = title or f"{what} ({standard} standard): compliance by due date" + (f", by {by}" if by else "")

    if ax is not None:
        if by:
            palette = [f"C{i % 10}" for i in range(len(groups))]
            for k, ((name, rows), colour) in enumerate(zip(groups, palette)):
                _draw_share(ax, x, _counts(rows, periods, f), partial, colour, name, row=k)
            ax.legend(title=by, fontsize=8, frameon=False)
        else:
            _draw_share(ax, x, _counts(judged, periods, f), partial, _LINE, None)
        _shade_partial(ax, x, partial)
        _x_axis(ax, periods, f)
        if title is not None:
            ax.set_title(title)
        return ax.figure  # type: ignore[return-value]

    if by:
        ncols = min(3, len(groups))
        nrows = int(np.ceil(len(groups) / ncols))
        fig = Figure(figsize=(4.2 * ncols, 3.2 * nrows + 0.8), layout="constrained")
        axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)).ravel()
        for i, (name, rows) in enumerate(groups):
            _draw_share(axes[i], x, _counts(rows, periods, f), partial, _LINE, None)
            _shade_partial(axes[i], x, partial)
            axes[i].set_title(f"{by}: {name}", fontsize=10)
            if i % ncols:
                axes[i].set_ylabel("")
            _x_axis(axes[i], periods, f, labelled=i >= len(groups) - ncols)
        for extra in axes[len(groups):]:
            extra.set_visible(False)
    else:
        fig = Figure(figsize=(10, 6.5), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1, 2])
        counts = _counts(judged, periods, f)
        _draw_share(top, x, counts, partial, _LINE, None)
        _shade_partial(top, x, partial)
        base = np.zeros(len(counts))
        for status, colour in STATUS_COLOURS.items():
            values = counts[status].to_numpy(dtype=float)
            bars = bottom.bar(x, values, bottom=base, color=colour, label=status, width=0.85)
            for bar, part in zip(bars, partial):
                if part:  # partial: hatched and paler, not a complete period's bar
                    bar.set_hatch("///")
                    bar.set_alpha(0.45)
            base += values
        # Headroom above the tallest stack (the empty bars stacked on top would hold the limit to it).
        bottom.set_ylim(0, max(1.0, float(base.max())) * 1.06)
        bottom.set_ylabel("obligations due")
        bottom.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False)
        bottom.grid(True, axis="y", alpha=0.3)
        _x_axis(bottom, periods, f)
    fig.suptitle(heading)
    fig.text(0.01, 0.005, note, fontsize=7, ha="left", va="bottom", wrap=True, gid="note")
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))  # room for the note under the axes
    return fig


def _shade_partial(ax: Axes, x: np.ndarray, partial: np.ndarray) -> None:
    """A grey band behind the partial periods, so that a hollow point there reads as incomplete."""
    if partial.any():
        first = int(np.argmax(partial))
        ax.axvspan(x[first] - 0.5, x[-1] + 0.5, color="0.9", zorder=0, gid="partial")
