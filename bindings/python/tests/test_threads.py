"""Issue 20, threads: evaluate() on several threads gives one thread's result, and the GIL is
released while the library evaluates."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pandas as pd
import pytest

from support import assert_same_frame

import timescales
from timescales import _api


def population(children: int) -> pd.DataFrame:
    """Children looked after and placed on different days, each with visits and a review: eight
    events a child, rows grouped by child."""
    steps = ["looked_after_start", "placement_start", "lac_visit", "lac_visit", "lac_review", "lac_visit",
             "lac_visit", "lac_review"]
    offsets = np.array([0, 0, 5, 40, 25, 90, 150, 120])  # days after the child's start
    child = np.repeat(np.arange(children), len(steps))
    start = np.datetime64("2019-04-01") + (child * 7) % 1400
    return pd.DataFrame({
        "case_id": [f"C{i:06d}" for i in child],
        "event": np.tile(steps, children),
        "date": start + np.tile(offsets, children),
        "team": np.where(child % 3 == 0, "North", "South"),
    })


@pytest.fixture(scope="module")
def large() -> pd.DataFrame:
    return population(15_000)  # 120,000 events: more than 50,000 a thread, so 2 threads split them


def test_threads_1_and_2_give_equal_frames(large: pd.DataFrame) -> None:
    one = timescales.evaluation(large, threads=1)
    two = timescales.evaluation(large, threads=2)
    assert len(one.obligations) > 100_000
    assert_same_frame(one.obligations, two.obligations)
    assert_same_frame(one.findings, two.findings)
    assert_same_frame(one.unjudged, two.unjudged)
    assert one.counts == two.counts
    early = "2020-06-30"  # before the latest event: some rows not used
    one, two = (timescales.evaluation(large, as_of=early, threads=n) for n in (1, 2))
    assert one.counts["after_as_of"] > 0
    assert_same_frame(one.obligations, two.obligations)
    assert_same_frame(one.after_as_of, two.after_as_of)
    shuffled = large.sample(frac=1.0, random_state=1)  # children not grouped
    assert_same_frame(timescales.evaluate(shuffled, threads=1),
                                  timescales.evaluate(shuffled, threads=2))


@pytest.mark.parametrize("bad", [-1, 1025, 1.5, "2", True])
def test_a_bad_threads_value_is_refused(bad: object) -> None:
    with pytest.raises(timescales.TimescalesError, match="threads must be a whole number from 1 to 1024, or 0"):
        timescales.evaluate(population(2), threads=bad)


def test_the_gil_is_released_while_the_library_evaluates(large: pd.DataFrame,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A counter thread that gives the GIL up after every step (sleep(0)), with a switch interval so
    # long that the main thread never hands the GIL over while it runs Python code: the counter
    # moves during the library's call only if the call releases the GIL.
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        import time
        while not stop.is_set():
            counter[0] += 1
            time.sleep(0)

    during: list[int] = []
    real = _api._core.evaluate

    def measured(*args: object) -> object:
        before = counter[0]
        out = real(*args)
        during.append(counter[0] - before)
        return out

    monkeypatch.setattr(_api._core, "evaluate", measured)
    interval = sys.getswitchinterval()
    counter_thread = threading.Thread(target=count)
    sys.setswitchinterval(100.0)
    try:
        counter_thread.start()
        timescales.evaluate(large, threads=1)
    finally:
        stop.set()
        sys.setswitchinterval(interval)
        counter_thread.join()
    assert len(during) == 1
    assert during[0] > 0


def test_columns_coded_on_threads_come_back_in_order_with_the_first_error_first() -> None:
    # The columns of a large frame are coded on a pool (_api._make_events): whichever job ends
    # first, the results are in the jobs' order, and the first failing job's error is the one raised.
    import time

    def slow(value: object, error: Exception | None = None) -> object:
        time.sleep(0.2)
        if error is not None:
            raise error
        return value

    def fail_now() -> None:
        raise KeyError("second")

    assert _api._results_in_order([lambda: slow("a"), lambda: "b", lambda: "c"], threads=2) == ["a", "b", "c"]
    with pytest.raises(ValueError, match="first"):
        _api._results_in_order([lambda: slow(None, ValueError("first")), fail_now], threads=2)
    with pytest.raises(KeyError, match="second"):
        _api._results_in_order([lambda: "a", fail_now, lambda: slow(None, ValueError("third"))], threads=1)


def test_results_copied_and_explained_on_threads_are_one_threads() -> None:
    # At least 100,000 obligations a thread: the core copies the results out, and explains each
    # obligation, on two threads, a range of obligations each. Explaining them all on one thread
    # as well would take ten seconds more: the explanations around the ranges' ends are checked
    # against the evaluation's own explain() of each obligation instead.
    events = population(28_000)
    one = timescales.evaluate(events, threads=1)
    two = timescales.evaluation(events, explain=True, threads=2)
    explained = two.obligations
    n = len(explained)
    assert n >= 200_000
    assert_same_frame(one, explained.drop(columns="explanation"))
    for i in [0, 1, n // 2 - 1, n // 2, n // 2 + 1, n - 1]:
        assert explained["explanation"].iloc[i] == two.explain(explained.iloc[i]) != ""
