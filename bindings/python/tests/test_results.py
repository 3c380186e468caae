"""Results that survive what analysts do next: Parquet, CSV, merges and pickling, and the
Evaluation object that explains a row wherever it went, by its obligation_key."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from support import PLACEMENT, frame

import timescales

REPO = Path(__file__).resolve().parents[3]
# support.PLACEMENT's visit duties (worked by hand there), by the key of docs/formats.md: case, rule,
# standard, trigger event and date. Each placement's first visit runs from its start, the next from
# the visit before.
KEYS = ["C1|wales.lac.visit|statutory|placement_start|2021-03-01", "C1|wales.lac.visit|statutory|lac_visit|2021-03-04",
        "C1|wales.lac.visit|statutory|placement_start|2021-04-01", "C1|wales.lac.visit|statutory|lac_visit|2021-04-07"]
COUNTS = {"rows_read": 5, "used": 5, "rejected": 0, "after_as_of": 0, "children": 1, "obligations": 4,
          "findings": 0, "unjudged": 0}


@pytest.fixture()
def events() -> pd.DataFrame:
    return frame(PLACEMENT, team="North")


@pytest.fixture()
def ev(events: pd.DataFrame) -> timescales.Evaluation:
    return timescales.evaluation(events, as_of="2021-04-30", rules="wales.lac.visit")


@pytest.fixture()
def texts(events: pd.DataFrame) -> dict[str, str]:
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit", explain=True)
    return dict(zip(ob["obligation_key"], ob["explanation"]))


def test_the_results_object(ev: timescales.Evaluation, events: pd.DataFrame) -> None:
    assert ev.obligations["obligation_key"].tolist() == KEYS
    assert ev.counts == COUNTS
    assert ev.as_of == pd.Timestamp("2021-04-30")
    assert ev.rejected.empty and list(ev.rejected.columns) == ["row", "case_id", "column", "reason"]
    assert ev.findings.empty and ev.after_as_of.empty and ev.unjudged.empty
    pd.testing.assert_frame_equal(ev.obligations, timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit"))
    assert repr(ev) == ("<timescales.Evaluation as of 2021-04-30: 4 obligations of 1 children; 5 rows read, "
                        "0 rejected, 0 findings>")
    # evaluate()'s result (or rows of it) gives back the evaluation it came from, not a new one.
    assert timescales.evaluation(ev.obligations) is ev
    assert timescales.evaluation(ev.obligations[ev.obligations["status"] == "met"]) is ev
    with pytest.raises(timescales.TimescalesError, match="as_of differs"):
        timescales.evaluation(ev.obligations, as_of="2021-05-01")


def test_explain_by_key_row_or_number(ev: timescales.Evaluation, texts: dict[str, str]) -> None:
    for i, key in enumerate(KEYS):
        assert ev.explain(key) == texts[key]
        assert ev.explain(i) == texts[key]
        assert ev.explain(ev.obligations.iloc[i]) == texts[key]
        assert timescales.explain(ev.obligations.iloc[i]) == texts[key]
    # The second visit of the first placement, cancelled by the placement's end (support.py).
    assert "cancelled" in ev.explain(KEYS[1])
    with pytest.raises(timescales.TimescalesError, match="no obligation of this evaluation has the key"):
        ev.explain("C1|wales.lac.visit|statutory|lac_visit|2021-03-01")
    with pytest.raises(timescales.TimescalesError, match="no obligation number 4"):
        ev.explain(4)


def test_parquet_round_trip(ev: timescales.Evaluation, texts: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "obligations.parquet"
    ev.obligations.to_parquet(path)  # attrs are JSON: pandas writes them into the file's metadata
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, ev.obligations)
    assert back.attrs["as_of"] == "2021-04-30" and back.attrs["counts"] == COUNTS
    for _, row in back.iterrows():
        assert ev.explain(row) == texts[row["obligation_key"]]
    # Read back, the frame has lost its link to the evaluation (a plain string in attrs): the
    # module's explain says to ask the Evaluation, and the worklist refuses rather than evaluating
    # the obligations as if they were events.
    with pytest.raises(timescales.TimescalesError, match="ev.explain"):
        timescales.explain(back.iloc[0])
    with pytest.raises(timescales.TimescalesError, match="lost the evaluation"):
        timescales.worklist(back)
    ev.worklist().to_parquet(tmp_path / "worklist.parquet")
    ev.report(period="whole").to_parquet(tmp_path / "report.parquet")


def test_csv_round_trip(ev: timescales.Evaluation, texts: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "obligations.csv"
    ev.obligations.to_csv(path, index=False)
    back = pd.read_csv(path, parse_dates=["trigger_date", "due_date", "completed_date"])
    assert back["obligation_key"].tolist() == KEYS
    for i in range(len(back)):
        assert ev.explain(back.iloc[i]) == texts[KEYS[i]]
    # The key alone, as a spreadsheet keeps it.
    assert ev.explain(str(back.loc[2, "obligation_key"])) == texts[KEYS[2]]


@pytest.mark.parametrize("case_id, expected", [
    # The case id is the column's value as str() gives it (astype(str)), kept as it is: not
    # trimmed, a "|" in it kept (the key reads from the right), any script.
    (" C 7 ", " C 7 "), ("A|B", "A|B"), ("Ŵyn-ŷ", "Ŵyn-ŷ"), (1234, "1234")])
def test_keys_of_other_case_ids(case_id: object, expected: str) -> None:
    events = frame(PLACEMENT)
    events["case_id"] = pd.Series([case_id] * len(events), dtype=object if isinstance(case_id, str) else "int64")
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert ob["obligation_key"].tolist() == [expected + k[len("C1"):] for k in KEYS]


@pytest.mark.parametrize("case_id", [" C 7 ", "A|B", "Ŵyn-ŷ", "C1"])
def test_keys_joined_by_arrow_are_those_joined_one_by_one(case_id: str) -> None:
    # Arrow text case ids (pandas 3's default with pyarrow) are joined by Arrow, without a Python
    # str a row; other columns one row at a time. Both give the same texts, in the same dtype.
    pytest.importorskip("pyarrow")
    from timescales._evaluation import _text_dtype, obligation_keys

    events = frame(PLACEMENT)
    arrow = pd.StringDtype("pyarrow", na_value=float("nan"))
    events["case_id"] = pd.Series([case_id] * len(events), dtype=arrow)
    ob = timescales.evaluate(events, as_of="2021-04-30", rules="wales.lac.visit")
    assert ob["obligation_key"].tolist() == [case_id + k[len("C1"):] for k in KEYS]
    columns = [ob[c] for c in ("case_id", "rule", "standard", "trigger_event", "trigger_date")]
    as_objects = pd.Series(obligation_keys(columns[0].astype(object), *columns[1:]))
    if getattr(_text_dtype(), "storage", None) != "pyarrow":
        pytest.skip("pandas stores text as Python objects here: one way only")
    joined = obligation_keys(*columns)
    assert isinstance(joined, pd.Series) and joined.dtype == as_objects.dtype
    assert joined.tolist() == as_objects.tolist()


@pytest.mark.parametrize("dates", [["2021-01-11", "2021-01-09"], ["1900-01-01", "2099-12-31"]],
                         ids=["days close together", "two days two centuries apart"])
def test_keys_name_each_trigger_date_as_written(dates: list[str]) -> None:
    # The dates' texts are made for every day between the first and the last, or (spread thin)
    # for each distinct day: the keys are the same either way.
    from timescales._evaluation import obligation_keys

    keys = obligation_keys(pd.Series(["C1", "C2"]), pd.Categorical(["wales.cp.icpc"] * 2),
                           pd.Categorical(["statutory"] * 2), pd.Categorical(["strategy_discussion"] * 2),
                           pd.Series(pd.to_datetime(dates)))
    assert list(keys) == [f"C{i + 1}|wales.cp.icpc|statutory|strategy_discussion|{d}" for i, d in enumerate(dates)]


@pytest.mark.parametrize("dates", [["2021-01-11", "2021-01-09"], ["2017-01-09", "2050-01-10"]],
                         ids=["days close together", "two days 33 years apart"])
def test_evaluate_keys_name_each_trigger_date_as_written(dates: list[str]) -> None:
    # evaluate() has its keys' date texts from the core (for every day from the first trigger to
    # the last, or, spread thin, for each distinct day), its categoricals' codes and its dates too:
    # the keys are those obligation_keys makes of the frame's own columns, the dates those given.
    from timescales._evaluation import obligation_keys

    events = pd.DataFrame({"case_id": ["C1", "C2"], "event": ["placement_start"] * 2, "date": dates})
    ob = timescales.evaluate(events, as_of=max(dates), rules="wales.lac.visit")
    assert ob["obligation_key"].tolist() == [f"C{i + 1}|wales.lac.visit|statutory|placement_start|{d}"
                                             for i, d in enumerate(dates)]
    columns = [ob[c] for c in ("case_id", "rule", "standard", "trigger_event", "trigger_date")]
    assert list(obligation_keys(*columns)) == ob["obligation_key"].tolist()
    assert ob["trigger_date"].tolist() == [pd.Timestamp(d) for d in dates]
    assert ob["trigger_date"].dtype == np.dtype("datetime64[ns]") and ob["completed_date"].isna().all()


def test_key_parts_take_codes_of_any_signed_width() -> None:
    # evaluate() hands the join its categoricals' own codes (int8) and the dates' (int32); any
    # other kind of code is refused by name rather than read as something else.
    from timescales import _core

    ids = np.array(["C1", "C2"], dtype=object)
    for dtype in (np.int8, np.int16, np.int32, np.int64):
        assert list(_core.join_texts(ids, [(np.array([1, 0], dtype=dtype), ["a", "b"])], "|")) == ["C1|b", "C2|a"]
    texts = [f"t{i}" for i in range(300)]  # byte-swapped codes are read as their values, not their bytes
    for swapped in (">i2", ">i4", ">i8"):
        assert list(_core.join_texts(ids, [(np.array([1, 256], dtype=swapped), texts)], "|")) == ["C1|t1", "C2|t256"]
    for bad in (np.array([1, 0], dtype=np.uint8), np.array([1.0, 0.0]), np.array([[1, 0]])):
        with pytest.raises(TypeError, match="signed integers"):
            _core.join_texts(ids, [(bad, ["a", "b"])], "|")
    with pytest.raises(ValueError, match="a code has no text"):
        _core.join_texts(ids, [(np.array([0, -1], dtype=np.int8), ["a"])], "|")


def test_obligation_dates_beyond_datetime64_ns_are_refused_by_name(tmp_path: Path) -> None:
    # The result's dates are pandas' datetime64[ns], which holds 1677-09-22 to 2262-04-11. A
    # calendar stretched past 2262 (a council may write one) gives dates it cannot hold: refused,
    # naming the first, never wrapped round into other dates.
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    calendar = rules / "calendars" / "england-and-wales.toml"
    text = calendar.read_text(encoding="utf-8")
    assert "to = 2060-12-31 }" in text
    calendar.write_text(text.replace("to = 2060-12-31 }", "to = 2300-12-31 }"), encoding="utf-8")
    book = timescales.load_rules(rules)
    placed = pd.DataFrame({"case_id": ["C1"], "event": ["placement_start"], "date": ["2262-01-10"]})
    ob = timescales.evaluate(placed, rules=book, as_of="2262-02-01")
    # Within the range, as ever: placed Fri 10 Jan 2262, the first visit due within a week, Fri 17 Jan.
    assert ob.loc[ob["rule"] == "wales.lac.visit", "due_date"].tolist() == [pd.Timestamp("2262-01-17")]
    with pytest.raises(timescales.DateOutOfRangeError, match=r"2263-01-10, is outside what pandas' datetime64\[ns\] "
                                                             r"holds \(1677-09-22 to 2262-04-11\)"):
        timescales.evaluate(placed.assign(date="2263-01-10"), rules=book, as_of="2263-02-01")


def test_keys_joined_on_threads_are_those_joined_on_one() -> None:
    # Enough rows for the core to cut them into ranges on two threads (100,000 a thread at least):
    # the same keys as one thread's and as joined one by one from Python str, and a faulty code
    # in the second range named by its row.
    pa = pytest.importorskip("pyarrow")
    from timescales import _core

    n = 250_000
    ids = pa.array([f"C{i % 997}{'Ŵ' * (i % 3)}" for i in range(n)])
    _, offsets, data = ids.buffers()
    offsets, data = np.frombuffer(offsets, dtype=np.int32), np.frombuffer(data, dtype=np.uint8)
    parts = [(np.arange(n, dtype=np.int64) % 3, ["a", "", "wales.lac.visit"]), (np.zeros(n, dtype=np.int64), ["2021-01-11"])]
    one = _core.join_arrow_texts(offsets, data, parts, "|", 1)
    two = _core.join_arrow_texts(offsets, data, parts, "|", 2)
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])
    joined = pa.LargeStringArray.from_buffers(n, pa.py_buffer(two[0]), pa.py_buffer(two[1])).to_pylist()
    assert joined == list(_core.join_texts(np.array(ids.to_pylist(), dtype=object), parts, "|"))
    assert joined[4:6] == ["C4Ŵ||2021-01-11", "C5ŴŴ|wales.lac.visit|2021-01-11"]  # row % 3: Ŵs, and the code
    large = pa.array(ids.to_pylist(), type=pa.large_string())  # 64-bit offsets
    _, wide, wide_data = large.buffers()
    wide, wide_data = np.frombuffer(wide, dtype=np.int64), np.frombuffer(wide_data, dtype=np.uint8)
    assert all(np.array_equal(x, y) for x, y in zip(_core.join_arrow_texts(wide, wide_data, parts, "|", 2), two))
    # Offsets of an equal dtype that is not numpy's own object (unpickled) are taken; byte-swapped
    # ones are refused rather than read as garbage.
    unpickled = pickle.loads(pickle.dumps(wide))
    assert unpickled.dtype is not np.dtype(np.int64)
    assert np.array_equal(_core.join_arrow_texts(unpickled, wide_data, parts, "|", 1)[1], two[1])
    with pytest.raises(TypeError, match="offsets must be int32"):
        _core.join_arrow_texts(wide.astype(">i8"), wide_data, parts, "|", 1)
    # Faults in both ranges: the first row's is named, as one thread would name it.
    parts[0][0][240_000] = 3
    with pytest.raises(ValueError, match=r"a code has no text \(row 240000\)"):
        _core.join_arrow_texts(offsets, data, parts, "|", 2)
    parts[0][0][10] = -1
    with pytest.raises(ValueError, match=r"a code has no text \(row 10\)"):
        _core.join_arrow_texts(offsets, data, parts, "|", 2)
    parts[0][0][[10, 240_000]] = 0
    broken = offsets.copy()
    broken[200_001] = broken[200_000] - 1  # row 200,000 would end before it starts
    with pytest.raises(ValueError, match=r"the offsets do not fit the data \(row 200000\)"):
        _core.join_arrow_texts(broken, data, parts, "|", 2)


def test_merge_keeps_the_key(ev: timescales.Evaluation, texts: dict[str, str]) -> None:
    details = pd.DataFrame({"case_id": ["C1"], "social_worker": ["A. Jones"]})
    merged = details.merge(ev.obligations, on="case_id").sort_values("due_date", ascending=False)
    assert len(merged) == 4 and set(merged["social_worker"]) == {"A. Jones"}
    for _, row in merged.iterrows():
        assert ev.explain(row) == texts[row["obligation_key"]]
    both = pd.concat([ev.obligations, timescales.evaluate(frame(PLACEMENT, case_id="C2"), as_of="2021-04-30",
                                                           rules="wales.lac.visit")], ignore_index=True)
    assert both["obligation_key"].is_unique and len(both) == 8


def test_pickling_the_evaluation(ev: timescales.Evaluation, texts: dict[str, str]) -> None:
    again = pickle.loads(pickle.dumps(ev))
    pd.testing.assert_frame_equal(again.obligations, ev.obligations)
    assert again.counts == COUNTS and again.as_of == ev.as_of
    # Explaining evaluates the pickled events again; so do the worklist and the report.
    for key in KEYS:
        assert again.explain(key) == texts[key]
    assert timescales.explain(again.obligations.iloc[3]) == texts[KEYS[3]]
    # As of Fri 30 Apr 2021 the only open duty is the last visit, due Wed 19 May: 19 days on, and
    # within "3 weeks" (to 21 May) but not the default 10 working days (to Mon 17 May, skipping
    # the bank holiday of Mon 3 May).
    wl = again.worklist(within="3 weeks")
    assert wl[["obligation_key", "days_left"]].values.tolist() == [[KEYS[3], 19]]
    assert again.worklist().empty
    pd.testing.assert_frame_equal(again.report(period="whole"), ev.report(period="whole"))
    # The pickled obligations alone keep their attrs, but not the link to the evaluation.
    frame_again = pickle.loads(pickle.dumps(ev.obligations))
    assert frame_again.attrs["counts"] == COUNTS and type(frame_again.attrs["evaluation"]) is str


def test_the_dashboard_of_an_unpickled_evaluation(tmp_path: Path) -> None:
    # The page of the evaluation, of it unpickled, and of the events: the same bytes.
    events = timescales.sample_events()
    ev = timescales.evaluation(events, as_of="2024-03-31")
    page = ev.dashboard(tmp_path / "ev.html", by="team").read_bytes()
    assert pickle.loads(pickle.dumps(ev)).dashboard(tmp_path / "again.html", by="team").read_bytes() == page
    assert timescales.dashboard(events, tmp_path / "events.html", by="team", as_of="2024-03-31").read_bytes() == page


def test_pickling_an_evaluation_of_a_councils_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # rules/local's proportionate assessment (test_local_rules.py, worked by hand there): referred
    # Tue 4 May 2021, due in 10 working days (Tue 18 May), done 19 May: late. The rulebook pickles
    # as its directories, absolute, so the evaluation unpickles in another working directory.
    local = tmp_path / "local"
    shutil.copytree(REPO / "rules" / "local", local)
    monkeypatch.chdir(tmp_path)
    referral = frame([("2021-05-04", "referral"), ("2021-05-19", "assessment_completed")])
    key = "C1|local.example.assessment.proportionate|local|referral|2021-05-04"
    for rules in (timescales.load_rules(local="local"), timescales.load_rules(local="local").select(
            ["local.example.assessment.proportionate"])):
        ev = timescales.evaluation(referral, as_of="2021-06-30", rules=rules)
        assert ev.obligations.set_index("obligation_key").loc[key, "status"] == "late"
        monkeypatch.chdir(REPO)
        again = pickle.loads(pickle.dumps(ev))
        assert again.explain(key) == ev.explain(key) and "2021-05-18" in again.explain(key)
        monkeypatch.chdir(tmp_path)
    assert pickle.loads(pickle.dumps(rules)).rule_ids == ["local.example.assessment.proportionate"]
    # The case events changed before pickling (the assessment recorded on 17 May instead: met), or
    # the council's rules gone: the evaluation says so rather than explain other obligations.
    ev = timescales.evaluation(referral, as_of="2021-06-30", local="local")
    referral.loc[1, "date"] = "2021-05-17"
    with pytest.raises(timescales.TimescalesError, match="gives other obligations"):
        pickle.loads(pickle.dumps(ev)).explain(key)
    pickled = pickle.dumps(timescales.evaluation(referral, as_of="2021-06-30", local="local"))
    shutil.rmtree(local)
    with pytest.raises(timescales.RulesError, match="local"):
        pickle.loads(pickled)


def test_the_sample_events_of_a_pip_install(sample_path: Path) -> None:
    events = timescales.sample_events()
    # The file's rows (one header line), and its first: C0000001's referral of 10 Jan 2020.
    assert len(events) == len(sample_path.read_text(encoding="utf-8").splitlines()) - 1
    assert events.loc[0, ["case_id", "event", "team"]].tolist() == ["C0000001", "referral", "Central"]
    assert events.loc[0, "date"] == pd.Timestamp("2020-01-10")
    assert events["date"].dtype == "datetime64[ns]"
    ob = timescales.evaluate(events)
    text = timescales.evaluate(pd.read_csv(sample_path, dtype=str, keep_default_na=False))
    pd.testing.assert_frame_equal(ob, text)
