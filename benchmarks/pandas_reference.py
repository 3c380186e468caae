"""A pandas reference implementation of the Welsh rules, written the way an analyst would: sort the
events, split each child's history into runs with cumsum/shift, take the first or last trigger
of each run, numpy.busday_offset for working days and pandas.DateOffset for months. It exists to
be timed against timescales.evaluate(DataFrame) (issue 7) and to check, obligation by
obligation, that the two agree on the benchmark data.

It implements every rule: the one-off ones (referral decision, initial assessment (before the 2014
Act), Part 3 assessment, section 47 assessment, ICPC, outline plan, first core group, transfer
conference, care and support plan, placement plan, the regulation 20 assessment and decision of a
placement with a parent, a care leaver's needs assessment), the recurring ones of child
protection (core groups, review conferences, visits seen alone and at home, and the probable
6-weekly visits before the Wales Safeguarding Procedures), the looked-after reviews, and the looked-after visits (wales.lac.visit: a variant per
placement type, phases, intended_until_18, a review's visit_interval). The visits are the one
rule with a plan standard (C7): every obligation has a `standard` column, and `differences`
compares both standards.

wales.lac.visit takes no loop over children or placements: the child's state at each event (the
latest review's visit_interval and intended_until_18, whether a review has been held since the
placement started) is a forward fill or a running count over the events in C8 order, which also
puts a review before a visit of the same day. Where the rule file is silent it reads: a review's
interval equal to the statutory one still holds as the plan (only a longer one is refused, C7); a
refused review ends an earlier plan (the statutory interval stands); short-break visits before any
review has recorded an interval owe nothing; an occurrence a review opens on the day of a stop
never existed (C8). A visit_interval lasts until looked_after_end (the rule's variation), for short
breaks too (written from the rule file, this reading found that timescales carried a short break's
interval into the next period of being looked after; fixed). Not produced: the findings for
refused variations. Dates of effect (C10) by each visit occurrence's trigger.

The second legal round (issue 13), read from RULES.md, docs/conventions.md and the rule files:
- Duplicates (C8): rows identical in case_id, event, date and every attribute, compared as read
  (an attribute only on the events that carry it, a missing placement type as `standard`), are one
  event; the first row is kept, before anything else. Carried columns do not count.
- C8's order places icpc_requested with the variations (after the day's starts, before its
  completions), cp_transfer_notified and care_leaver_category with the starts.
- wales.assessment.referral_decision: each referral opens its own occurrence; the next decision
  (or closure) after it in C8 order ends it, so one decision completes every referral on or before
  it and none after (C14). The Part 3 and initial assessments: a referral while one is open opens
  nothing (the assessment absorbs it).
- wales.cp.icpc: each run of strategy discussions up to a conference or a closure; timed from the
  run's last discussion and only when the conference is held, unless an icpc_requested follows a
  discussion of the run: then from the last discussion on or before the first such request,
  whether or not a conference is held, and later discussions of the run no longer move it. A
  request with no discussion before it in its run (after a conference, say) commits nothing.
- wales.cp.s47_assessment stops at cp_deregistered too (any deregistration after its start).
- wales.lac.care_plan: no duty when, at the first placement of the period, the latest legal_status
  recorded (looked_after_start and placement_start rows, up to and including that placement in
  C8 order, over the child's whole history) is interim_care_order or care_order, or the
  placement's type is interim_care_order_with_parent, care_order_with_parent or
  parent_pre_assessment. That placement still uses up the period's trigger; it opens nothing and
  does not bound the plans before or after it. A plan made before the trigger counts when no duty
  was open to take it (a plan that completed the previous duty is used up; the previous duty, if
  itself completed by an earlier plan, leaves it free), the first such plan winning; a duty so
  completed at its trigger is over, and the next first placement opens its own.
- C10's exception: wales.cp.visit.seen_alone, .at_home and wales.cp.core_group judge each
  occurrence by the date of the child's latest cp_registered on or before its trigger (the chain's
  opening date when none is recorded), from the switch date; wales.cp.visit (probable) the same
  way for registrations from 2008-04-01 to before it. wales.cp.review_conference and every other
  chain judge each occurrence by its own trigger date; occurrences not judged keep their place in
  the numbering (a March 2020 registration's first review judged under the WSP is occurrence 2).
  The switch date is the rulebook's setting wsp_switch (rules/wales/settings.toml).
- The key (case, rule, standard, trigger event, trigger date): a completion on the date, and of
  the event, of the one that opened the open occurrence completes nothing (two visits on one day
  are one day's visiting); a placement that starts on the day of the one before it supersedes it,
  whose duties then leave no row.
- wales.lac.parent_placement.assessment: each parent_pre_assessment placement; stopped by
  placement_end, looked_after_end, case_closed, and by the next placement of any type (C8: a new
  placement_start ends the previous placement's duties), and, like the placement plan, not by a
  placement_end on the day a later placement starts (that end is the previous placement's). The
  decision (reg 20(c)), the transfer conference and the care leaver's needs assessment (3 months,
  C4; a further category while one is open opens nothing) are one-off duties with the rule files'
  stops.
- A deregistration on a day the child is registered again while still registered (a change of
  category recorded as an end and a new registration) ends the duties open before that day; the
  duties the new registration opens survive it (C8: a start taking over from a period still
  running). The duties of the registration-triggered rules only; a new registration while a
  one-off duty of the old one is still open opens nothing (the trigger is ignored, C8's order
  putting the registration before the deregistration).
- Every obligation has trigger_event and confidence (C13): the confidence of the version in force
  on the date that decided it, read from the rule files.

Independent of the library: the bank holidays come from rules/calendars/england-and-wales.toml
(read with tomllib), the counting conventions (C2 working days with day 0 whether or not it is a
working day, C4 months clamped to the month's end, C8 same-day order, C9 statuses, C10 dates of
effect) are written out here from docs/conventions.md and the rule files. Simplifications an analyst
makes, exact for children with one period of each kind (as the generator makes them), are noted
where they are made.
"""

from __future__ import annotations

import pathlib
import tomllib

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The implemented rule ids.
RULES = [
    "wales.assessment.referral_decision",
    "wales.assessment.initial",
    "wales.assessment.part3",
    "wales.cp.s47_assessment",
    "wales.cp.icpc",
    "wales.cp.outline_plan",
    "wales.cp.core_group.first",
    "wales.lac.care_plan",
    "wales.lac.placement_plan",
    "wales.cp.core_group",
    "wales.cp.review_conference",
    "wales.cp.visit.seen_alone",
    "wales.cp.visit.at_home",
    "wales.lac.review",
    "wales.lac.visit",
    "wales.cp.visit",
    "wales.cp.transfer_conference",
    "wales.lac.parent_placement.assessment",
    "wales.lac.parent_placement.decision",
    "wales.leaving_care.needs_assessment",
]

# C8: the order of events of one child on one date; within one rank, the vocabulary's order.
EVENTS = ["referral", "referral_decision", "assessment_completed", "strategy_discussion", "s47_started", "icpc",
          "cp_registered", "outline_plan_circulated", "core_group", "cp_review_conference", "cp_visit",
          "cp_deregistered", "looked_after_start", "placement_start", "placement_end", "care_and_support_plan",
          "placement_plan", "lac_visit", "lac_review", "looked_after_end", "case_closed", "icpc_requested",
          "cp_transfer_notified", "transfer_conference", "parent_assessment_completed", "parent_placement_decision",
          "care_leaver_category", "needs_assessment_completed"]
# C8 places neither the decision to convene a conference nor the two events that only open a
# duty: icpc_requested is a decision about a duty, applied after the day's starts and before its
# completions, with the variations (the brief of issue 13); the other two open duties, as starts.
RANK = {"referral": 1, "strategy_discussion": 1, "s47_started": 1, "cp_registered": 1, "looked_after_start": 1,
        "cp_transfer_notified": 1, "care_leaver_category": 1, "placement_start": 2, "lac_review": 3,
        "icpc_requested": 3, "placement_end": 5, "cp_deregistered": 5, "looked_after_end": 5,
        "case_closed": 5}  # every other event: 4 (a completion)

# The attributes (docs/formats.md) and the events each is read on; elsewhere it is ignored, so it
# does not make two rows different either (C8: duplicates).
ATTRIBUTES = {"placement_type": ["placement_start"], "seen_alone": ["cp_visit"], "at_home": ["cp_visit"],
              "intended_until_18": ["placement_start", "lac_review"], "visit_interval": ["lac_review"],
              "legal_status": ["looked_after_start", "placement_start"], "category": ["care_leaver_category"]}
# CPPCR reg 4(3): s31A of the 1989 Act applies to a child in care proceedings or in care (the court's
# care plan replaces the reg 4 plan), known from the legal status or from a placement type.
S31A_STATUSES = ["interim_care_order", "care_order"]
S31A_PLACEMENTS = ["interim_care_order_with_parent", "care_order_with_parent", "parent_pre_assessment"]


def settings() -> dict[str, str]:
    """The rulebook's date settings (rules/wales/settings.toml: wsp_switch), by name."""
    out = {}
    for path in sorted((ROOT / "rules" / "wales").glob("*.toml")):
        with open(path, "rb") as f:
            for setting in tomllib.load(f).get("setting", []):
                out[setting["name"]] = str(setting["date"])
    return out


# C10: the date from which the Wales Safeguarding Procedures govern (a setting, 2020-04-01 unless
# the rulebook sets another); the All Wales Child Protection Procedures 2008 before it.
CP_FROM = np.datetime64(settings().get("wsp_switch", "2020-04-01"), "D")
AWCPP_FROM = np.datetime64("2008-04-01", "D")
# C10: the 2014 Act's Part 3 and the CPPCR 2015 came into force together; the initial assessment
# (7 working days) applied to referrals before.
ACT_FROM = np.datetime64("2016-04-06", "D")
NEVER = np.datetime64("9999-12-31", "D")
TRUE = {"true", "yes", "y", "1"}
FALSE = {"false", "no", "n", "0"}


def versions() -> dict[str, list[tuple[np.datetime64, np.datetime64, str]]]:
    """Each rule's versions as (effective_from, effective_to, confidence), from the rule files (C10,
    C13): a date may be written or name a setting."""
    named = settings()

    def day(value, default: np.datetime64) -> np.datetime64:
        return default if value is None else np.datetime64(named.get(str(value), str(value)), "D")

    out: dict[str, list[tuple[np.datetime64, np.datetime64, str]]] = {}
    for path in sorted((ROOT / "rules" / "wales").glob("*.toml")):
        with open(path, "rb") as f:
            for rule in tomllib.load(f).get("rule", []):
                out.setdefault(rule["id"], []).append((day(rule.get("effective_from"), np.datetime64("1900-01-01", "D")),
                                                       day(rule.get("effective_to"), NEVER), rule["confidence"]))
    return out


def busday_calendar() -> np.busdaycalendar:
    with open(ROOT / "rules" / "calendars" / "england-and-wales.toml", "rb") as f:
        cal = tomllib.load(f)
    days = np.array([h["date"] for h in cal["holidays"]], dtype="datetime64[D]")
    return np.busdaycalendar(weekmask="1111100", holidays=days)


def dates_of(frame: pd.DataFrame) -> np.ndarray:
    """A frame's dates as datetime64[D] (pandas keeps them in seconds)."""
    return frame["date"].to_numpy().astype("datetime64[D]")


def recorded(events: pd.DataFrame, col: str) -> np.ndarray:
    """A boolean attribute as recorded: 1 true, 0 false, -1 not recorded (a blank states nothing)."""
    out = np.full(len(events), -1, dtype=np.int8)
    if col in events:
        given = events[col].notna().to_numpy()
        text = events[col][given].astype(str).str.lower()
        out[given] = np.where(text.isin(TRUE), 1, np.where(text.isin(FALSE), 0, -1))
    return out


class Reference:
    def __init__(self) -> None:
        self.cal = busday_calendar()
        self.versions = versions()

    def confidence(self, rule: str, dates: np.ndarray) -> np.ndarray:
        """C13: the confidence of the version in force on each date (the date that decides the
        version: the trigger's, or the registration's for the duties that belong to it)."""
        out = np.full(len(dates), "", dtype=object)
        for start, end, confidence in self.versions.get(rule, []):
            out[(dates >= start) & (dates < end)] = confidence
        return out

    # --- Arithmetic (C2, C3, C4).
    def working_days(self, dates: np.ndarray, n: int) -> np.ndarray:
        # roll="backward": a non-working day 0 counts from the working day before it (C2).
        return np.busday_offset(dates, n, roll="backward", busdaycal=self.cal)

    @staticmethod
    def months(dates: np.ndarray, n: int) -> np.ndarray:
        return (pd.DatetimeIndex(dates) + pd.DateOffset(months=n)).values.astype("datetime64[D]")

    @staticmethod
    def days(dates: np.ndarray, n: int) -> np.ndarray:
        return dates + np.timedelta64(n, "D")

    def period(self, dates: np.ndarray, periods: np.ndarray) -> np.ndarray:
        """Each date plus its own period as written in the data ("4 weeks", "3 months",
        "20 working days"): one array operation per distinct period."""
        due = np.full(len(dates), np.datetime64("NaT"), dtype="datetime64[D]")
        for text in pd.unique(periods):
            n, unit = str(text).split(maxsplit=1)
            n, unit = int(n), unit.rstrip("s")
            at = periods == text
            if unit == "working day":
                due[at] = self.working_days(dates[at], n)
            elif unit == "month":
                due[at] = self.months(dates[at], n)
            else:
                due[at] = self.days(dates[at], n * (7 if unit == "week" else 1))
        return due

    # --- The events, in C8 order.
    def prepare(self, events: pd.DataFrame) -> pd.DataFrame:
        ev = pd.DataFrame({
            "case_id": events["case_id"].astype(str).to_numpy(),
            "event": events["event"].to_numpy(),
            "date": pd.to_datetime(events["date"]).to_numpy().astype("datetime64[D]"),
        })
        for col in ("seen_alone", "at_home"):
            ev[col] = events[col].astype(str).str.lower().isin(TRUE).to_numpy() if col in events else False
        ev["placement_type"] = events["placement_type"].to_numpy() if "placement_type" in events else None
        ev["intended_until_18"] = recorded(events, "intended_until_18")
        # Categorical: every rule's ev[mask] copies the column, few rows have a value.
        ev["visit_interval"] = pd.Categorical(events["visit_interval"] if "visit_interval" in events else [None] * len(ev))
        for col in ("legal_status", "category"):  # text, None when not given
            values = events[col].to_numpy(dtype=object) if col in events else np.full(len(ev), None, dtype=object)
            missing = pd.isna(values)
            text = pd.Series(np.where(missing, "", values), dtype=object).astype(str).str.strip().to_numpy(dtype=object)
            ev[col] = pd.Categorical(np.where(missing | (text == ""), None, text))
        ev = ev[~self.duplicates(ev)]
        ev["rank"] = ev["event"].map(RANK).fillna(4).astype(np.int8)
        ev["kind"] = ev["event"].map({e: i for i, e in enumerate(EVENTS)}).astype(np.int8)
        ev = ev.sort_values(["case_id", "date", "rank", "kind"], kind="stable", ignore_index=True)
        ev["case"] = pd.factorize(ev["case_id"])[0]
        ev["takeover"] = self.takeover(ev)
        return ev

    @staticmethod
    def takeover(ev: pd.DataFrame) -> np.ndarray:
        """The cp_deregistered rows on a day the child is registered again while still registered
        (its registration or deregistration before that day's cp_registered, in C8 order, is a
        registration): a category changed by ending one registration and starting another. C8:
        the new registration takes over from one still running, so the duties it opens survive
        the day's deregistration, which ends only those open before."""
        reg = ev[ev["event"].isin(["cp_registered", "cp_deregistered"])]
        out = np.zeros(len(ev), dtype=bool)
        if not len(reg):
            return out
        event, case = reg["event"].to_numpy(), reg["case"].to_numpy()
        prev_reg = np.r_[False, (event[:-1] == "cp_registered") & (case[:-1] == case[1:])]
        takes_over = (event == "cp_registered") & prev_reg
        days = reg.loc[takes_over, ["case", "date"]].drop_duplicates()
        hit = reg[["case", "date"]].merge(days.assign(hit=True), on=["case", "date"], how="left")["hit"]
        out[np.flatnonzero(ev["event"].isin(["cp_registered", "cp_deregistered"]).to_numpy())] = (
            (event == "cp_deregistered") & hit.fillna(False).to_numpy(dtype=bool))
        return out

    def surviving(self, sub: pd.DataFrame, closes: np.ndarray, trig: np.ndarray) -> np.ndarray:
        """`closes` less the taken-over deregistrations (takeover()) that would close a run opened
        that same day: that run's duties were opened by the new registration and survive (C8); a
        run opened earlier is still closed (it belongs to the registration that ended)."""
        over = sub["takeover"].to_numpy() & closes
        if not over.any():
            return closes
        run = self.runs(sub, closes)
        runs, opener = self.first_in_run(run, trig)
        last = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1][runs]
        dates = dates_of(sub)
        closes = closes.copy()
        closes[last[over[last] & (dates[last] == dates[opener])]] = False
        return closes

    @staticmethod
    def duplicates(ev: pd.DataFrame) -> np.ndarray:
        """C8: a row identical to an earlier one in case_id, event, date and every attribute (as read:
        on the events that carry it, a placement type by default standard) is the same event; the
        first row is used. Carried columns do not count. Only rows sharing child, event and date with
        another are compared."""
        same_day = ev.duplicated(["case_id", "event", "date"], keep=False).to_numpy()
        out = np.zeros(len(ev), dtype=bool)
        if not same_day.any():
            return out
        rows = ev[same_day]
        key = rows[["case_id", "event", "date"]].copy()
        event = rows["event"].to_numpy()
        for col, carriers in ATTRIBUTES.items():
            on = np.isin(event, carriers)
            values = rows[col].astype(object).to_numpy()
            if col == "placement_type":
                values = np.where(pd.isna(values), "standard", values)
            key[col] = np.where(on, values.astype(str), "")
        out[np.flatnonzero(same_day)] = key.duplicated(keep="first").to_numpy()
        return out

    def status(self, due: np.ndarray, end: np.ndarray, kind: np.ndarray) -> np.ndarray:
        """C9, from how each duty ended: 'c' completed on `end`, 's' stopped on `end`, 'o' open."""
        after = np.where(kind == "o", self.as_of, end) > due
        return np.select([(kind == "c") & after, kind == "c", (kind == "s") & after, kind == "s", after],
                         ["late", "met", "missed", "cancelled", "overdue"], "pending")

    def frame(self, rule: str, sub: pd.DataFrame, trig: np.ndarray, due: np.ndarray, end: np.ndarray,
              kind: np.ndarray, occurrence: np.ndarray | int = 1, standard: str = "statutory",
              regime: np.ndarray | None = None) -> pd.DataFrame:
        """The obligations of `rule` triggered at the rows `trig` of `sub`. `regime`: the dates that
        decide each one's version (C10), when not the trigger's."""
        trig_dates = dates_of(sub)[trig]
        return pd.DataFrame({
            "case_id": sub["case_id"].to_numpy()[trig],
            "rule": rule,
            "standard": standard,
            "occurrence": occurrence,
            "trigger_event": sub["event"].to_numpy()[trig],
            "trigger_date": trig_dates,
            "due_date": due,
            "completed_date": np.where(kind == "c", end, np.datetime64("NaT")),
            "status": self.status(due, end, kind),
            "confidence": self.confidence(rule, trig_dates if regime is None else regime),
        })

    @staticmethod
    def none(rule: str) -> pd.DataFrame:
        """No obligations: what a rule gives when its trigger never occurs (a small input)."""
        return pd.DataFrame({k: pd.Series(dtype="datetime64[s]" if k.endswith("date") else object)
                             for k in [*KEY, "trigger_event", "confidence"]}).assign(rule=rule)

    # --- Runs: each child's relevant events split after every closing event.
    @staticmethod
    def runs(sub: pd.DataFrame, closes: np.ndarray, opens: np.ndarray | None = None) -> np.ndarray:
        case = sub["case"].to_numpy()
        start = np.ones(len(sub), dtype=bool)
        start[1:] = (case[1:] != case[:-1]) | closes[:-1]
        if opens is not None:
            start |= opens
        return np.cumsum(start) - 1

    @staticmethod
    def first_in_run(run: np.ndarray, mask: np.ndarray, last: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(runs, row) of the first (or last) row of each run where mask holds."""
        rows = np.flatnonzero(mask)
        if last:
            rows = rows[::-1]
        runs, at = np.unique(run[rows], return_index=True)
        return runs, rows[at]

    @staticmethod
    def occurrences(run: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """A recurring duty's occurrences, the `members` rows in order (each run's trigger and the
        completions after it): their rows, their numbers from 1 within each run, whether each is
        its run's last, and the last row of each one's run (what stops the last occurrence)."""
        occ = np.flatnonzero(members)
        occ_run = run[occ]
        number = pd.Series(occ_run).groupby(occ_run).cumcount().to_numpy() + 1
        last_in_run = np.r_[occ_run[1:] != occ_run[:-1], True]
        bounds = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1]
        return occ, number, last_in_run, bounds[occ_run]

    def one_off(self, ev: pd.DataFrame, rule: str, trigger: str, completed_by: str, stops: list[str], due,
                effective_from: np.datetime64 | None = None, effective_to: np.datetime64 | None = None) -> pd.DataFrame:
        """A trigger opens the duty, later triggers are ignored, the next completion or stop ends it."""
        sub = ev[ev["event"].isin([trigger, completed_by, *stops, "case_closed"])]
        event = sub["event"].to_numpy()
        trig = event == trigger
        if effective_from is not None:  # C10: a trigger before the rule applies opens nothing
            trig &= dates_of(sub) >= effective_from
        if effective_to is not None:  # nor one from the day it ceased to apply
            trig &= dates_of(sub) < effective_to
        closes = self.surviving(sub, event != trigger, trig)
        run = self.runs(sub, closes)
        runs, opener = self.first_in_run(run, trig)
        # The run's last row ends it when it is a completion or a stop.
        last_row = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1][runs]
        ended = closes[last_row]
        kind = np.where(~ended, "o", np.where(event[last_row] == completed_by, "c", "s"))
        dates = dates_of(sub)
        return self.frame(rule, sub, opener, due(dates[opener]), dates[last_row], kind)

    def each(self, ev: pd.DataFrame, rule: str, trigger: str, completed_by: str, stops: list[str], due,
             effective_from: np.datetime64 | None = None) -> pd.DataFrame:
        """A one-off duty every trigger opens for itself (C14: each report is owed its own decision):
        the next completion or stop after it, in C8 order, ends every occurrence open then, so one
        decision answers every report on or before it and none after."""
        sub = ev[ev["event"].isin([trigger, completed_by, *stops, "case_closed"])]
        event, dates, case = sub["event"].to_numpy(), dates_of(sub), sub["case"].to_numpy()
        n = len(sub)
        is_t = event == trigger
        # Each row's next row that is not a trigger (n: none): a reversed running minimum.
        nxt = np.minimum.accumulate(np.where(is_t, n, np.arange(n))[::-1])[::-1]
        opener = np.flatnonzero(is_t & ((dates >= effective_from) if effective_from is not None else True))
        end_row = nxt[opener]
        ended = end_row < n
        end_row = np.minimum(end_row, n - 1)
        ended &= case[end_row] == case[opener]
        kind = np.where(~ended, "o", np.where(event[end_row] == completed_by, "c", "s"))
        return self.frame(rule, sub, opener, due(dates[opener]), np.where(ended, dates[end_row], np.datetime64("NaT")),
                          kind)

    def icpc(self, ev: pd.DataFrame) -> pd.DataFrame:
        """The initial conference (C10: the probable AWCPP version before the switch, by the trigger's
        date): each run of strategy discussions up to a conference or a closure; the clock runs from
        the run's last discussion (reanchor), and only a conference held is timed. An icpc_requested
        after a discussion of the run commits it: it is then timed from the last discussion on or
        before the request (C8: a request after the day's discussions), whether or not a conference
        is held, and later discussions of the run no longer move it. A request with no discussion
        before it in its run concerns no open duty."""
        sub = ev[ev["event"].isin(["strategy_discussion", "icpc_requested", "icpc", "case_closed"])]
        event, dates = sub["event"].to_numpy(), dates_of(sub)
        closes = np.isin(event, ["icpc", "case_closed"])
        run = self.runs(sub, closes)
        is_d = event == "strategy_discussion"
        discussed = pd.Series(is_d).groupby(run).cumsum().to_numpy() > 0
        request = (event == "icpc_requested") & discussed
        requested = pd.Series(request).groupby(run).cumsum().to_numpy() > 0  # on or after a request
        runs, opener = self.first_in_run(run, is_d & ~requested, last=True)
        committed = np.zeros(run[-1] + 1, dtype=bool) if len(run) else np.zeros(0, dtype=bool)
        committed[run[request]] = True
        last_row = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1][runs]
        ended = closes[last_row]
        kind = np.where(~ended, "o", np.where(event[last_row] == "icpc", "c", "s"))
        keep = (committed[runs] | (kind == "c")) & (dates[opener] >= AWCPP_FROM)
        opener, last_row, kind = opener[keep], last_row[keep], kind[keep]
        return self.frame("wales.cp.icpc", sub, opener, self.working_days(dates[opener], 15), dates[last_row], kind)

    def care_plan(self, ev: pd.DataFrame) -> pd.DataFrame:
        """The first placement of each period of being looked after; a plan made before it counts
        (may_complete_before_trigger). Simplification: one plan per period. No duty (reg 4(3), s31A)
        when, at that placement, the child's latest legal_status recorded (on looked_after_start and
        placement_start rows up to and including it in C8 order, over the child's whole history: the
        latest governs from its date) is an interim care order or a care order, or the placement's
        type is one only a child in care can have; the first placement is used up all the same (a
        later placement of the period owes no plan)."""
        sub = ev[ev["event"].isin(["looked_after_start", "placement_start", "care_and_support_plan",
                                   "looked_after_end", "case_closed"])].copy()
        # The latest legal status at each row (None: not recorded so far).
        status = pd.Series(sub["legal_status"].to_numpy(dtype=object), dtype=object)
        new_child = np.r_[True, sub["case"].to_numpy()[1:] != sub["case"].to_numpy()[:-1]]
        sub["status"] = status.mask(new_child & status.isna(), "").ffill().replace("", None).to_numpy()
        # once_per: the first placement_start of each child after each looked_after_start.
        period = (sub["event"] == "looked_after_start").groupby(sub["case"]).cumsum()
        first = (sub["event"] == "placement_start") & ~sub.assign(p=period).duplicated(["case", "p", "event"])
        sub = sub[first | sub["event"].isin(["care_and_support_plan", "looked_after_end", "case_closed"])]
        if not first.any():
            return self.none("wales.lac.care_plan")
        # reg 4(3): a first placement under s31A opens nothing; it uses up its period all the same
        # (it stays a first placement above), and is no trigger for the plans either side of it.
        s31a = (sub["event"].to_numpy() == "placement_start") & (
            np.isin(sub["status"].to_numpy().astype(str), S31A_STATUSES)
            | np.isin(sub["placement_type"].to_numpy().astype(str), S31A_PLACEMENTS))
        sub = sub[~s31a]
        if not (sub["event"] == "placement_start").any():
            return self.none("wales.lac.care_plan")
        event = sub["event"].to_numpy()
        dates = dates_of(sub)
        case = sub["case"].to_numpy()
        # may_complete_before_trigger: a plan closing a run with no duty open in it (so not one that
        # completed the previous duty) was made before the placement: it counts for the next first
        # placement of the same child; the first such plan wins. A duty so completed at its trigger
        # is over there: its run ends with it (the next plan is free, the next first placement
        # opens a duty of its own). Repeated until no more duties are completed so.
        done_early = np.zeros(len(sub), dtype=bool)
        while True:
            closes = (event != "placement_start") | done_early
            run = self.runs(sub, closes)
            runs, opener = self.first_in_run(run, (event == "placement_start") & (dates >= ACT_FROM))
            bounds = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1]
            last_row = bounds[runs]
            has_opener = np.zeros(run[-1] + 1, dtype=bool)
            has_opener[runs] = True
            early_row = bounds[(event[bounds] == "care_and_support_plan") & ~has_opener]
            nxt = np.searchsorted(opener, early_row)  # the next placement after the early plan
            ok = (nxt < len(opener)) & (case[opener[np.minimum(nxt, len(opener) - 1)]] == case[early_row])
            early = np.full(len(opener), np.datetime64("NaT"), dtype="datetime64[D]")
            early_seen = np.zeros(len(opener), dtype=bool)
            for target, row in zip(nxt[ok][::-1], early_row[ok][::-1]):  # the first early plan wins
                early[target] = dates[row]
                early_seen[target] = True
            if done_early[opener[early_seen]].all():
                break
            done_early[opener[early_seen]] = True
        closes = event != "placement_start"  # what ends the duties not completed early
        ended = closes[last_row]
        kind = np.where(early_seen, "c", np.where(~ended, "o",
                        np.where(event[last_row] == "care_and_support_plan", "c", "s")))
        end = np.where(early_seen, early, dates[last_row])
        return self.frame("wales.lac.care_plan", sub, opener, self.working_days(dates[opener], 10), end, kind)

    def taken_over(self, sub: pd.DataFrame) -> np.ndarray:
        """The placement_end rows on the day a later placement of the same period starts: they end
        the previous placement, which the new one has already ended (restart), so they stop
        nothing (C8). Simplification: "later placement" is "not the period's first", exact when
        placements follow each other without gaps (as the generator makes them)."""
        event = sub["event"].to_numpy()
        dates = dates_of(sub)
        case = sub["case"].to_numpy()
        is_p = event == "placement_start"
        # The placement before each row (within the child and the period of being looked after).
        period = self.runs(sub, np.isin(event, ["looked_after_end", "case_closed"]))
        p_count = pd.Series(is_p).groupby(period).cumsum().to_numpy()
        last_p_date = pd.Series(np.where(is_p, dates, np.datetime64("NaT"))).groupby(period).ffill().to_numpy()
        return (event == "placement_end") & (p_count >= 2) & (last_p_date == dates)

    def placement_plan(self, ev: pd.DataFrame) -> pd.DataFrame:
        """Each placement_start opens the duty and ends the previous placement's (restart); a
        placement_end on the day a later placement of the same period starts ends the previous
        placement, not the new one (C8). No time limit for short breaks."""
        return self.per_placement(ev, "wales.lac.placement_plan", "placement_plan", 5, untimed=["short_breaks"])

    def per_placement(self, ev: pd.DataFrame, rule: str, completed_by: str, limit: int,
                      trigger_type: str | None = None, untimed: tuple | list = ()) -> pd.DataFrame:
        """A one-off duty of each placement (of type `trigger_type` only, if given; none for the
        types `untimed`), due `limit` working days after its start: the next completion ends it, and so do placement_end, looked_after_end,
        case_closed and the next placement (C8: one placement at a time, of whatever type). A
        placement_end on the day a later placement of the same period starts ends the previous
        placement, not the new one (C8). A placement started on the same day as the one before
        supersedes it: the earlier one's duty leaves no row (the key, case, rule, standard, trigger
        event and date, is the later one's)."""
        sub = ev[ev["event"].isin(["placement_start", completed_by, "placement_end", "looked_after_end",
                                   "case_closed"])]
        sub = sub[~self.taken_over(sub)]
        event, dates, case = sub["event"].to_numpy(), dates_of(sub), sub["case"].to_numpy()
        is_p = event == "placement_start"
        if not is_p.any():
            return self.none(rule)
        closes = ~is_p
        run = self.runs(sub, closes, opens=is_p)
        runs, opener = self.first_in_run(run, is_p)
        bounds = np.r_[np.flatnonzero(np.diff(run)), len(run) - 1]
        last_row = bounds[runs]
        # Ended by a completion or stop in the run, or by the next placement_start (restart).
        nxt = last_row + 1
        restarted = ~closes[last_row] & (nxt < len(sub)) & (case[np.minimum(nxt, len(sub) - 1)] == case[last_row])
        ended = closes[last_row]
        kind = np.where(ended, np.where(event[last_row] == completed_by, "c", "s"), np.where(restarted, "s", "o"))
        end = np.where(ended, dates[last_row], np.where(restarted, dates[np.minimum(nxt, len(sub) - 1)],
                                                        np.datetime64("NaT")))
        ptype = pd.Series(sub["placement_type"].to_numpy()).fillna("standard").to_numpy()
        triggers = (ptype == trigger_type) if trigger_type else np.ones(len(sub), dtype=bool)
        superseded = restarted & (end == dates[opener]) & triggers[np.minimum(nxt, len(sub) - 1)]
        keep = triggers[opener] & ~np.isin(ptype[opener], list(untimed)) & ~superseded & (dates[opener] >= ACT_FROM)
        opener, kind, end = opener[keep], kind[keep], end[keep]
        return self.frame(rule, sub, opener, self.working_days(dates[opener], limit), end, kind)

    def chain(self, ev: pd.DataFrame, rule: str, trigger: str, completed_by: str, qualifies: np.ndarray | None,
              stops: list[str], first, every, effective_from: np.datetime64 | None = None,
              once_per: str | None = None, effective_to: np.datetime64 | None = None,
              regime_from: str | None = None) -> pd.DataFrame:
        """A recurring duty (C5): the trigger opens occurrence 1; each qualifying completion
        settles the open occurrence and opens the next, due from its own date; a stop ends the
        chain. An occurrence a completion opened on the stop's date never existed (C8). A second
        completion on the day, and of the event, that opened the open occurrence does not complete
        it (the key: two visits on one day are one day's visiting). Dates of effect (C10): each
        occurrence by its own trigger date, or, with `regime_from`, by the date of the child's
        latest such event on or before its trigger (the registration: C10's exception), or the
        chain's opening date when there is none; occurrences outside [effective_from,
        effective_to) are not judged, but keep their place in the numbering."""
        mask = ev["event"].isin([trigger, completed_by, *stops, "case_closed"]).to_numpy().copy()
        if once_per:
            mask |= (ev["event"] == once_per).to_numpy()
        if regime_from:
            mask |= (ev["event"] == regime_from).to_numpy()
        if qualifies is not None:  # completions that do not qualify are not looked at
            mask &= ~((ev["event"] == completed_by).to_numpy() & ~qualifies)
        sub = ev[mask]
        event = sub["event"].to_numpy()
        if not (event == trigger).any():
            return self.none(rule)
        dates = dates_of(sub)
        closes = np.isin(event, [*stops, "case_closed"])
        trig = event == trigger
        if trigger == "cp_registered":
            closes = self.surviving(sub, closes, trig)
        run = self.runs(sub, closes)
        if once_per:  # only after a once_per event (or before the first stop)
            seen = pd.Series(event == once_per).groupby(run).cumsum().to_numpy() > 0
            first_run = np.r_[True, sub["case"].to_numpy()[1:] != sub["case"].to_numpy()[:-1]]
            first_run = pd.Series(first_run).groupby(run).transform("max").to_numpy()
            trig &= seen | first_run
        runs, opener = self.first_in_run(run, trig)
        opener_of_run = np.full(run[-1] + 1, len(sub), dtype=np.int64)
        opener_of_run[runs] = opener
        row = np.arange(len(sub))
        completes = (event == completed_by) & (row > opener_of_run[run])
        members = (row == opener_of_run[run]) | completes  # occurrence triggers, in order
        # A completion on the date, and of the event, of the member before it opens nothing.
        cand = np.flatnonzero(members)
        prev = np.r_[cand[:1], cand[:-1]]
        same_day = (cand != prev) & (dates[cand] == dates[prev]) & (event[cand] == event[prev]) & (run[cand] == run[prev])
        members[cand[same_day & completes[cand]]] = False
        occ, number, last_in_run, run_end = self.occurrences(run, members)
        stopped = closes[run_end]
        next_occ = np.r_[occ[1:], 0]
        kind = np.where(~last_in_run, "c", np.where(stopped, "s", "o"))
        end = np.where(~last_in_run, dates[next_occ], np.where(stopped, dates[run_end], np.datetime64("NaT")))
        trig_dates = dates[occ]
        due = np.where(number == 1, first(trig_dates), np.datetime64("NaT"))
        for prev in np.unique(number[number > 1] - 1):
            sel = number == prev + 1
            due[sel] = every(trig_dates[sel], prev)
        # An occurrence a completion opened on the day of the stop is dropped (C8).
        opened_by_completion = (number > 1) | (event[occ] == completed_by)
        drop = last_in_run & stopped & opened_by_completion & (trig_dates == dates[run_end])
        # C10: the date that decides each occurrence's version.
        regime = trig_dates
        if regime_from:
            latest = pd.Series(np.where(event == regime_from, dates, np.datetime64("NaT")))
            new_child = np.r_[True, sub["case"].to_numpy()[1:] != sub["case"].to_numpy()[:-1]]
            none_yet = np.datetime64("2199-12-31", "D")
            latest = latest.mask(new_child & latest.isna(), none_yet).ffill().to_numpy().astype("datetime64[D]")
            regime = np.where(latest[occ] == none_yet, dates[opener_of_run[run[occ]]], latest[occ])
        keep = ~drop
        if effective_from is not None:
            keep &= regime >= effective_from
        if effective_to is not None:
            keep &= regime < effective_to
        return self.frame(rule, sub, occ[keep], due[keep], end[keep], kind[keep], number[keep], regime=regime[keep])

    def reg31(self, t: np.ndarray, start: np.ndarray, ptype: np.ndarray, intended: np.ndarray,
              reviewed: np.ndarray | bool) -> np.ndarray:
        """When the visit after one on `t` is due under reg 31 (C6: the phase in force on `t`), for
        every placement type but short breaks."""
        six, week = self.days(t, 42), self.days(t, 7)
        # standard: 6 weeks in the placement's first year (to its anniversary, C4), then 3 months
        # while the placement is intended to last until 18, else 6 weeks.
        standard = np.where((t >= self.months(start, 12)) & intended, self.months(t, 3), six)
        return np.select(
            [ptype == "standard", ptype == "parent_pre_assessment",
             np.isin(ptype, ["connected_person_temporary", "interim_care_order_with_parent"])],
            [standard, np.where(reviewed, six, week), np.where(reviewed, self.days(t, 28), week)],
            six)  # care_order_with_parent

    @staticmethod
    def carried(values: pd.Series, case: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Each row's latest value at or before it in C8 order (a review on a visit's date comes
        first), forgotten at `ends` and at a new child: ffill as "the latest review so far"."""
        new_child = np.r_[True, case[1:] != case[:-1]]
        v = values.mask(ends | (new_child & values.isna()), "").ffill()
        return v.where(v != "").to_numpy()

    def lac_visit(self, ev: pd.DataFrame) -> pd.DataFrame:
        """Visits to a looked-after child (reg 31; reg 62(3)(c) for short breaks). Each placement
        opens a chain (C5) that the next placement restarts and placement_end, looked_after_end
        and case_closed stop (C8). The first visit is due 1 week after the placement's start;
        each later one from the previous visit, by the phase in force on that visit's date (C6):
          standard: 6 weeks until the placement's first anniversary (C4), then 3 months while
            the child's state says intended_until_18, else 6 weeks;
          parent_pre_assessment: 1 week until a review since the placement started, then 6 weeks;
          connected_person_temporary, interim_care_order_with_parent: the same with 4 weeks;
          care_order_with_parent: 6 weeks;
          short_breaks: the latest visit_interval a review recorded in the period of being looked
            after (the variation lasts until looked_after_end), first visit included. With none at
            the placement's start, the first review in it that records one opens occurrence 1,
            due that interval after the review; visits before it are owed nothing.
        The plan standard (C7), for the other types: a review's visit_interval not longer than
        reg 31's on the review's day holds until looked_after_end; each occurrence whose trigger
        is on or after it also gets a plan obligation, due by the plan or by the law, whichever is
        sooner. A longer one is refused (a finding, not produced here): the statutory interval
        stands, and an earlier plan ends."""
        sub = ev[ev["event"].isin(["placement_start", "lac_visit", "lac_review", "placement_end", "looked_after_end",
                                   "case_closed"])]
        sub = sub[~self.taken_over(sub)]
        event, dates, case = sub["event"].to_numpy(), dates_of(sub), sub["case"].to_numpy()
        is_p, is_visit, is_review = (event == e for e in ("placement_start", "lac_visit", "lac_review"))
        if not is_p.any():
            return self.none("wales.lac.visit")
        closes = np.isin(event, ["placement_end", "looked_after_end", "case_closed"])
        run = self.runs(sub, closes, opens=is_p)
        runs, opener = self.first_in_run(run, is_p)  # a run's placement_start is its first row
        row = np.arange(len(sub))
        place = np.full(run[-1] + 1, -1)
        place[runs] = opener
        place = place[run]  # each row's placement_start row; -1 outside a placement
        placed = place >= 0
        place = np.where(placed, place, 0)
        start = dates[place]
        ptype = pd.Series(sub["placement_type"].to_numpy()[place]).fillna("standard").to_numpy()
        short = ptype == "short_breaks"

        # The child's state at each row.
        asked = pd.Series(sub["visit_interval"].to_numpy(), dtype=object).where(is_review)
        has_asked = asked.notna().to_numpy()
        ended = event == "looked_after_end"
        interval = self.carried(asked, case, ended)
        # intended_until_18: each placement_start states it (blank: not intended), a review that
        # records it changes it, a review that leaves it blank does not.
        said = sub["intended_until_18"].to_numpy()
        intended = pd.Series(np.where(is_p, np.maximum(said, 0), np.where(is_review & (said >= 0), said, np.nan)))
        intended = intended.ffill().to_numpy() == 1
        # A review since the placement started (until = "lac_review"): reviews counted up to each
        # row, less those up to its placement_start.
        reviews = np.cumsum(is_review)
        reviewed = reviews > reviews[place]
        # The plan: the latest review's interval, if not longer than reg 31's on the review's day
        # (C7: only one beyond the statutory maximum is refused; an equal one still holds as the
        # plan when a later placement's interval is longer). A refused one ends an earlier plan:
        # the statutory interval stands from it ("" is none).
        rv = np.flatnonzero(has_asked & placed & ~short)
        shorter = self.period(dates[rv], asked.to_numpy()[rv]) <= self.reg31(
            dates[rv], start[rv], ptype[rv], intended[rv], reviewed[rv])
        plan = pd.Series(np.full(len(sub), np.nan, dtype=object))
        plan.iloc[rv] = np.where(shorter, asked.to_numpy()[rv], "")
        plan = self.carried(plan, case, ended)

        # Occurrence 1: the placement_start; for short breaks with no interval yet, the first
        # review in the placement that records one.
        first = np.full(run[-1] + 1, len(sub))
        waiting = short[opener] & pd.isna(interval[opener])
        first[runs[~waiting]] = opener[~waiting]
        r_runs, r_rows = self.first_in_run(run, is_review & has_asked & placed)
        late_start = np.isin(r_runs, runs[waiting])
        first[r_runs[late_start]] = r_rows[late_start]
        first = first[run]
        members = placed & ((row == first) | (is_visit & (row > first)))
        # A second visit on the day of the visit before it opens nothing (the key, as in chain()).
        cand = np.flatnonzero(members)
        prev = np.r_[cand[:1], cand[:-1]]
        same_day = ((cand != prev) & (dates[cand] == dates[prev]) & is_visit[cand] & is_visit[prev]
                    & (run[cand] == run[prev]))
        members[cand[same_day]] = False

        occ, number, last_in_run, run_end = self.occurrences(run, members)
        # The last occurrence is stopped by the run's stop, or by the next placement (restart).
        nxt = np.minimum(run_end + 1, len(sub) - 1)
        stopped = closes[run_end]
        restarted = ~stopped & (run_end + 1 < len(sub)) & (case[nxt] == case[run_end])
        next_occ = np.r_[occ[1:], 0]
        kind = np.where(~last_in_run, "c", np.where(stopped | restarted, "s", "o"))
        end = np.where(~last_in_run, dates[next_occ],
                       np.where(stopped, dates[run_end], np.where(restarted, dates[nxt], np.datetime64("NaT"))))

        t, sb = dates[occ], short[occ]
        due = np.where(number == 1, self.days(t, 7),
                       self.reg31(t, start[occ], ptype[occ], intended[occ], reviewed[occ]))
        due[sb] = self.period(t[sb], interval[occ][sb])
        # An occurrence a visit (or a short break's review) opened on the day of the stop is
        # dropped (C8: only a start survives a same-day stop); C10 by each occurrence's trigger.
        keep = ~(last_in_run & stopped & ~is_p[occ] & (t == dates[run_end])) & (t >= ACT_FROM)
        # A placement started on the day of the one before supersedes it: no row for its first visit.
        keep &= ~(last_in_run & restarted & is_p[occ] & (t == dates[nxt]))
        statutory = self.frame("wales.lac.visit", sub, occ[keep], due[keep], end[keep], kind[keep], number[keep])
        p = keep & ~sb & pd.notna(plan[occ])
        plan_due = np.minimum(due[p], self.period(t[p], plan[occ][p]))
        planned = self.frame("wales.lac.visit", sub, occ[p], plan_due, end[p], kind[p], number[p], standard="plan")
        return pd.concat([statutory, planned], ignore_index=True)

    def evaluate(self, events: pd.DataFrame, as_of: np.datetime64 | None = None) -> pd.DataFrame:
        ev = self.prepare(events)
        self.as_of = dates_of(ev).max() if as_of is None else np.datetime64(as_of, "D")
        ev = ev[dates_of(ev) <= self.as_of]
        wd = self.working_days
        out = [
            self.each(ev, "wales.assessment.referral_decision", "referral", "referral_decision", [],
                      lambda d: wd(d, 1), effective_from=AWCPP_FROM),
            self.one_off(ev, "wales.assessment.initial", "referral", "assessment_completed", [], lambda d: wd(d, 7),
                         effective_to=ACT_FROM),
            self.one_off(ev, "wales.assessment.part3", "referral", "assessment_completed", [], lambda d: wd(d, 42),
                         effective_from=ACT_FROM),
            self.one_off(ev, "wales.cp.s47_assessment", "s47_started", "assessment_completed", ["cp_deregistered"],
                         lambda d: wd(d, 42), effective_from=CP_FROM),
            self.icpc(ev),
            self.one_off(ev, "wales.cp.outline_plan", "cp_registered", "outline_plan_circulated", ["cp_deregistered"],
                         lambda d: wd(d, 5), effective_from=CP_FROM),
            self.one_off(ev, "wales.cp.core_group.first", "cp_registered", "core_group", ["cp_deregistered"],
                         lambda d: wd(d, 10), effective_from=CP_FROM),
            self.care_plan(ev),
            self.placement_plan(ev),
            self.chain(ev, "wales.cp.core_group", "core_group", "core_group", None, ["cp_deregistered"],
                       lambda d: self.days(d, 42), lambda d, prev: self.days(d, 42), CP_FROM, once_per="cp_registered",
                       regime_from="cp_registered"),
            self.chain(ev, "wales.cp.review_conference", "cp_registered", "cp_review_conference", None,
                       ["cp_deregistered"], lambda d: self.months(d, 3), lambda d, prev: self.months(d, 6), CP_FROM),
            self.chain(ev, "wales.cp.visit.seen_alone", "cp_registered", "cp_visit", ev["seen_alone"].to_numpy(),
                       ["cp_deregistered"], lambda d: wd(d, 10), lambda d, prev: wd(d, 10), CP_FROM,
                       regime_from="cp_registered"),
            self.chain(ev, "wales.cp.visit.at_home", "cp_registered", "cp_visit", ev["at_home"].to_numpy(),
                       ["cp_deregistered"], lambda d: self.days(d, 28), lambda d, prev: self.days(d, 28), CP_FROM,
                       regime_from="cp_registered"),
            # Before the switch (probable): any visit, 6-weekly, for registrations from 2008-04-01.
            self.chain(ev, "wales.cp.visit", "cp_registered", "cp_visit", None, ["cp_deregistered"],
                       lambda d: self.days(d, 42), lambda d, prev: self.days(d, 42), AWCPP_FROM,
                       effective_to=CP_FROM, regime_from="cp_registered"),
            self.chain(ev, "wales.lac.review", "looked_after_start", "lac_review", None, ["looked_after_end"],
                       lambda d: wd(d, 20), lambda d, prev: self.months(d, 3 if prev == 1 else 6), ACT_FROM),
            self.lac_visit(ev),
            self.one_off(ev, "wales.cp.transfer_conference", "cp_transfer_notified", "transfer_conference", [],
                         lambda d: wd(d, 15), effective_from=CP_FROM),
            self.per_placement(ev, "wales.lac.parent_placement.assessment", "parent_assessment_completed", 10,
                               trigger_type="parent_pre_assessment"),
            self.one_off(ev, "wales.lac.parent_placement.decision", "parent_assessment_completed",
                         "parent_placement_decision", ["placement_end", "looked_after_end"], lambda d: wd(d, 10),
                         effective_from=ACT_FROM),
            # A further category while the assessment is under way opens no second one (ignore).
            self.one_off(ev, "wales.leaving_care.needs_assessment", "care_leaver_category",
                         "needs_assessment_completed", [], lambda d: self.months(d, 3), effective_from=ACT_FROM),
        ]
        return pd.concat(out, ignore_index=True)


def evaluate(events: pd.DataFrame, as_of: np.datetime64 | None = None) -> pd.DataFrame:
    """Obligations of the implemented rules: case_id, rule, standard, occurrence, trigger_date,
    due_date, completed_date, status."""
    return Reference().evaluate(events, as_of)


def worked_examples() -> list[tuple[str, str, pd.DataFrame, np.datetime64]]:
    """Every worked example of the implemented rules in rules/wales (rule id, example name, its
    events as a DataFrame of one child, its as_of), read with tomllib: small cases written by hand
    from the statute, on which the reference and timescales must agree too."""
    out = []
    for path in sorted((ROOT / "rules" / "wales").glob("*.toml")):
        with open(path, "rb") as f:
            rules = tomllib.load(f).get("rule", [])
        for rule in (r for r in rules if r["id"] in RULES):
            for ex in rule.get("example", []):
                rows = [{"case_id": "X", **{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in e.items()}}
                        for e in ex["events"]]
                events = pd.DataFrame(rows)
                events["date"] = pd.to_datetime(events["date"])
                out.append((rule["id"], ex["name"], events, np.datetime64(str(ex["as_of"]), "D")))
    return out


def part3_per_child(events: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """wales.assessment.part3 alone, written as a duty is often first written: a Python function
    that walks each child's events (groupby.apply), then the working days and statuses for all
    the collected duties at once. The same obligations as Reference.one_off for that rule; here to
    measure the style, not to be used."""
    ref = Reference()
    ref.as_of = np.datetime64(as_of, "D")
    ev = ref.prepare(events)
    ev = ev[ev["event"].isin(["referral", "assessment_completed", "case_closed"]) & (dates_of(ev) <= ref.as_of)]
    found: list[tuple[str, np.datetime64, np.datetime64, str]] = []

    def per_child(child: pd.DataFrame) -> None:
        opened = None  # the referral of the duty running, if one is
        for event, date in zip(child["event"], child["date"]):
            if event == "referral":
                if opened is None:  # a later referral while one runs changes nothing
                    opened = date
            elif opened is not None:  # an assessment completes it; a closure stops it
                found.append((child.name, opened, date, "c" if event == "assessment_completed" else "s"))
                opened = None
        if opened is not None:
            found.append((child.name, opened, np.datetime64("NaT"), "o"))

    ev.groupby("case_id", sort=True)[["event", "date"]].apply(per_child)
    case, trigger, end, kind = (np.array(c) for c in zip(*found)) if found else ([], [], [], [])
    trigger = np.asarray(trigger, dtype="datetime64[D]")
    end = np.asarray(end, dtype="datetime64[D]")
    kind = np.asarray(kind)
    due = ref.working_days(trigger, 42)
    return pd.DataFrame({"case_id": case, "rule": "wales.assessment.part3", "occurrence": 1, "trigger_date": trigger,
                         "due_date": due, "completed_date": np.where(kind == "c", end, np.datetime64("NaT")),
                         "status": ref.status(due, end, kind)})


KEY = ["case_id", "rule", "standard", "occurrence", "trigger_date", "due_date", "completed_date", "status"]


def differences(ours: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Obligations in one and not the other (timescales' statutory and plan (C7) obligations of the
    implemented rules against the reference), compared on KEY, and on the trigger event and the
    confidence (C13) where both frames have them; `side` says where each was found. A frame
    without a `standard` column (part3_per_child) is statutory."""
    a = ours[ours["rule"].astype(str).isin(RULES) & ours["standard"].astype(str).isin(["statutory", "plan"])]
    if "standard" not in theirs:
        theirs = theirs.assign(standard="statutory")
    key = KEY + [k for k in ("trigger_event", "confidence") if k in a and k in theirs]
    text = ("case_id", "rule", "standard", "status", "trigger_event", "confidence")
    a = pd.DataFrame({k: a[k].astype(str) if k in text else a[k] for k in key})
    b = pd.DataFrame({k: theirs[k].astype(str) if k in text else theirs[k] for k in key})
    for f in (a, b):
        for c in ("trigger_date", "due_date", "completed_date"):
            f[c] = pd.to_datetime(f[c]).dt.strftime("%Y-%m-%d").fillna("")
        f["occurrence"] = f["occurrence"].astype(np.int64)
        f["n"] = f.groupby(key).cumcount()
    merged = a.merge(b, on=[*key, "n"], how="outer", indicator="side")
    diff = merged[merged["side"] != "both"].copy()
    diff["side"] = diff["side"].map({"left_only": "timescales only", "right_only": "reference only"})
    return diff.sort_values(["case_id", "rule", "trigger_date", "side"]).drop(columns="n")
