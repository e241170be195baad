"""Bulk replay: replay_events / replay_frame against per-case replays through
ia87.Case, input handling, progress, and a ≥ 100,000-row synthetic table."""

from __future__ import annotations

import math
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Tuple

import pytest

import ia87
from conftest import CONFORMANCE
from ia87.synth import shift_dates, synthetic_events

DIRECTIVES = ("config", "person", "policy")
NZDT = timezone(timedelta(hours=13))


def line_of(at: Any, verb: str, args: Any) -> str:
    args = "" if args is None or (isinstance(args, float) and math.isnan(args)) else args.strip()
    head = verb if verb in DIRECTIVES else f"{at} {verb}"
    return f"{head} {args}" if args else head


def reference(table: Dict[str, List[Any]]) -> Dict[str, Any]:
    """Each case of a table of strings replayed through ia87.Case, line by
    line, in row order (cases are independent, so this is the same as
    grouping by case)."""
    cases: Dict[str, ia87.Case] = {}
    findings: List[Tuple[Any, ...]] = []
    rejected: List[Tuple[Any, ...]] = []
    rows = zip(table["case_id"], table["at"], table["verb"], table["args"])
    for row, (cid, at, verb, args) in enumerate(rows):
        case = cases.setdefault(cid, ia87.Case())
        try:
            o = case.apply_line(line_of(at, verb, args))
        except ia87.Rejected as e:
            rejected.append((cid, row, e.code, e.rule, e.message))
            continue
        for f in o.findings:
            findings.append((cid, row, ia87.format_time(f.at_utc, case.zone), f.at_utc,
                             f.severity, f.code, f.rule))
    return {"findings": findings, "rejected": rejected, "cases": cases}


def rows_of(t: Dict[str, List[Any]], cols: Tuple[str, ...]) -> List[Tuple[Any, ...]]:
    return list(zip(*(t[c] for c in cols)))


F_COLS = ("case_id", "row", "at", "at_utc", "severity", "code", "rule")
R_COLS = ("case_id", "row", "code", "rule", "message")


def assert_same(result: ia87.ReplayResult, ref: Dict[str, Any]) -> None:
    assert rows_of(result.findings, F_COLS) == ref["findings"]
    assert rows_of(result.rejected, R_COLS) == ref["rejected"]
    cases = result.cases
    assert cases["case_id"] == list(ref["cases"])
    for i, cid in enumerate(cases["case_id"]):
        o = ref["cases"][cid].outcome()
        assert cases["status"][i] == o.status
        for m in ("border", "eligibility", "transit"):
            assert cases[m][i] == o.state(m), (cid, m)


SMALL = {
    "case_id": ["a", "b", "a", "a", "b", "a", "b"],
    "at": [
        None,
        "2009-03-02T06:10+13:00",
        "2009-03-02T06:10+13:00",
        "2009-03-02T08:00+13:00",
        "2009-03-01T00:00+13:00",
        "2009-03-02T08:30+13:00",
        "2009-03-03T01:00+13:00",
    ],
    "verb": ["person", "arrive", "arrive", "refuse-permit", "present", "detain", "tick"],
    "args": [
        "citizen=no born=1980-05-01",
        "craft=NZ002 place=customs",
        "craft=NZ001 place=customs",
        "by=io",
        "",
        "by=police basis=s128 requested-by=io",
        None,
    ],
}


def test_small_table_equals_per_case_replay() -> None:
    r = ia87.replay_events(SMALL["case_id"], SMALL["at"], SMALL["verb"], SMALL["args"])
    assert_same(r, reference(SMALL))
    # b's "present" goes back in time: rejected, not lost; b goes on.
    assert rows_of(r.rejected, ("case_id", "row", "code")) == [("b", 4, "time-reversed")]
    assert r.rejected["line"] == ["2009-03-01T00:00+13:00 present"]
    assert r.cases["rows"] == [4, 3] and r.cases["rejected"] == [0, 1]
    assert r.cases["border"][0] == "custody-pre-warrant"
    assert r.cases["last_at"][0] == "2009-03-02T08:30:00+13:00"
    findings, rejected = r  # unpacks as two tables
    assert findings is r.findings and rejected is r.rejected
    assert r.stats["rows"] == 7 and r.stats["cases"] == 2


def test_findings_in_row_order_across_interleaved_cases() -> None:
    t: Dict[str, List[Any]] = {"case_id": [], "at": [], "verb": [], "args": []}
    lines = [
        ("2009-03-02T06:10+13:00", "arrive", "craft=NZ001 place=customs"),
        ("2009-03-02T08:00+13:00", "refuse-permit", "by=io"),
        ("2009-03-02T08:30+13:00", "detain", "by=police basis=s128 requested-by=io"),
        ("2009-03-06T08:30+13:00", "tick", ""),
    ]
    for at, verb, args in lines:
        for cid in ("x", "y", "z"):
            t["case_id"].append(cid)
            t["at"].append(at)
            t["verb"].append(verb)
            t["args"].append(args)
    r = ia87.replay_frame(t)
    assert_same(r, reference(t))
    rows = r.findings["row"]
    assert rows == sorted(rows) and set(r.findings["case_id"]) == {"x", "y", "z"}
    assert "no-warrant-48h" in r.findings["code"]


def test_cell_types() -> None:
    at = datetime(2009, 3, 2, 6, 10, tzinfo=NZDT)
    ids = ["c", "c", "c", "c", "c", "c", None, 7, "c", "c", "c", "c"]
    ats = [
        at,                                   # aware datetime
        int((at + timedelta(hours=1)).timestamp()),  # UTC seconds
        datetime(2009, 3, 2, 8, 0),           # naive: rejected
        None,                                 # missing
        True,                                 # bool: rejected
        "2009-03-02 08:00+13:00",             # a space: the core refuses the line
        "2009-03-02T09:00+13:00",             # no case id: rejected
        "2009-03-02T09:00+13:00",             # int case id -> "7"
        "2009-03-02T09:00+13:00",
        "2009-03-02T09:10+13:00",
        "2009-03-02T09:20+13:00",
        [1],                                  # wrong type
    ]
    verbs = ["arrive", "present", "present", "present", "present", "present", "present",
             "present", "bad verb", None, "present", "present"]
    args = ["craft=NZ001 place=customs", float("nan"), None, "", "", "", "", "", "", "",
            ["x"], ""]
    r = ia87.replay_events(ids, ats, verbs, args)
    got = rows_of(r.rejected, ("case_id", "row", "code"))
    assert got == [
        ("c", 2, "no-offset"),
        ("c", 3, "bad-timestamp"),
        ("c", 4, "bad-value"),
        ("c", 5, "bad-timestamp"),             # from the core: text is parsed as written
        (None, 6, "no-case"),
        ("7", 7, "not-in-state"),             # a new case cannot begin with present
        ("c", 8, "unknown-verb"),             # "bad verb": the core reads the verb "bad"
        ("c", 9, "bad-syntax"),
        ("c", 10, "bad-value"),
        ("c", 11, "bad-value"),
    ]
    msgs = dict(zip(r.rejected["row"], r.rejected["message"]))
    assert "naive" in msgs[2] and "missing" in msgs[3] and "bool" in msgs[4]
    assert "RFC 3339" in msgs[5] and "case_id" in msgs[6] and "verb is missing" in msgs[9]
    assert "args" in msgs[10] and "list" in msgs[11]
    lines = dict(zip(r.rejected["row"], r.rejected["line"]))
    assert lines[5] == "2009-03-02 08:00+13:00 present" and lines[2] == ""
    cols = dict(zip(r.rejected["row"], r.rejected["column"]))
    assert cols[8] == 24 and cols[2] == 0
    assert r.cases["case_id"] == ["c", "7"]
    assert r.cases["rows"] == [10, 1]
    # The aware datetime and the int were read as the same instants.
    c = ia87.Case()
    c.apply_line("2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs")
    c.apply_line("2009-03-02T07:10+13:00 present")
    assert r.cases["status"][0] == c.outcome().status
    assert r.cases["last_at"][0] == "2009-03-02T07:10:00+13:00"


def test_errors_raise_names_the_row() -> None:
    with pytest.raises(ia87.Rejected) as e:
        ia87.replay_events(SMALL["case_id"], SMALL["at"], SMALL["verb"], SMALL["args"],
                           errors="raise")
    assert e.value.row == 4 and e.value.case_id == "b" and e.value.code == "time-reversed"
    assert "row 4" in str(e.value) and "case b" in str(e.value)
    with pytest.raises(ValueError):
        ia87.replay_events([], [], [], errors="ignore")


def test_bad_columns() -> None:
    with pytest.raises(ValueError, match="length"):
        ia87.replay_events(["a", "b"], ["2009-03-02T06:10+13:00"], ["tick", "tick"])
    with pytest.raises(TypeError):
        ia87.replay_events("abc", "abc", "abc")
    with pytest.raises(TypeError):
        ia87.replay_events(["a"], ["x"], ["tick"], progress=3)  # type: ignore[arg-type]
    r = ia87.replay_events([], [], [])
    assert r.rows == 0 and r.findings["row"] == [] and r.cases["case_id"] == []
    # Any iterable column works, converted per element.
    r = ia87.replay_events(iter(["a"]), ("2009-03-02T06:10+13:00",), (v for v in ["tick"]))
    assert r.rejected["row"] == []


def test_progress_reports_and_can_stop() -> None:
    t = synthetic_events(CONFORMANCE, rows=5_000, min_cases=500, seed=1)
    calls: List[Tuple[int, int]] = []
    r = ia87.replay_frame(t, progress=lambda done, total: calls.append((done, total)),
                          progress_every=1_000)
    n = len(t["case_id"])
    assert len(calls) >= 5 and calls[-1] == (n, n)
    assert all(total == n for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt("stop")

    with pytest.raises(KeyboardInterrupt):
        ia87.replay_frame(t, progress=stop, progress_every=1_000)
    # A finished run is not affected by a later stopped one.
    assert ia87.replay_frame(t).findings == r.findings


def test_threads_do_not_change_the_result() -> None:
    t = synthetic_events(CONFORMANCE, rows=60_000, min_cases=1_000, seed=2)
    one = ia87.replay_frame(t, threads=1)
    for n in (2, 3, 8):
        many = ia87.replay_frame(t, threads=n)
        assert many.findings == one.findings
        assert many.rejected == one.rejected
        assert many.cases == one.cases


def test_shift_dates() -> None:
    assert shift_dates("2009-03-02T06:10+13:00 x until=2009-03-30", -7) == \
        "2009-02-23T06:10+13:00 x until=2009-03-23"
    assert shift_dates("2009-02-30", -7) == "2009-02-30"
    assert shift_dates("craft=NZ2009-01-01X", 1) == "craft=NZ2009-01-02X"


def test_column_libraries() -> None:
    np = pytest.importorskip("numpy")
    t = {k: list(v) for k, v in SMALL.items()}
    ref = reference(t)
    arrays = {k: np.array(v, dtype=object) for k, v in t.items()}
    assert_same(ia87.replay_frame(arrays), ref)
    with pytest.raises(TypeError, match="datetime64"):
        ia87.replay_events(["a"], np.array(["2009-03-02T06:10"], dtype="datetime64[s]"), ["tick"])


def test_pandas_frame() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(SMALL)
    r = ia87.replay_frame(df)
    assert_same(r, reference(SMALL))
    # Aware datetimes in a datetime64 column, and NaN in args.
    ev = pd.DataFrame({
        "case_id": ["p", "p", "p"],
        "at": pd.to_datetime(["2009-03-02T06:10+13:00", "2009-03-02T08:00+13:00",
                              "2009-03-02T08:30+13:00"], utc=True),
        "verb": ["arrive", "refuse-permit", "detain"],
        "args": ["craft=NZ001 place=customs", "by=io", float("nan")],
    })
    r = ia87.replay_frame(ev)
    # The times were read as instants; detain without its keys is refused.
    assert rows_of(r.rejected, ("case_id", "row", "code")) == [("p", 2, "missing-key")]
    assert r.rejected["line"] == ["2009-03-01T19:30:00Z detain"]
    assert r.cases["last_at"] == ["2009-03-02T08:00:00+13:00"]
    assert r.cases["border"] == ["at-large"]
    naive = ev.assign(at=ev["at"].dt.tz_localize(None))
    r = ia87.replay_frame(naive)
    assert set(r.rejected["code"]) == {"no-offset"} and len(r.rejected["row"]) == 3
    f = ia87.findings_frame(ia87.replay_frame(df))
    assert list(f.columns) == ["case_id", "row", "at", "at_local", "severity", "code", "rule"]
    assert str(f["at"].dt.tz) == "UTC"
    assert ia87.rejected_frame(ia87.replay_frame(df))["row"].tolist() == [4]
    assert ia87.cases_frame(ia87.replay_frame(df))["case_id"].tolist() == ["a", "b"]


def test_pyarrow_and_polars_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({k: pa.array(v) for k, v in SMALL.items()})
    assert_same(ia87.replay_frame(table), reference(SMALL))
    try:
        import polars as pl
    except ImportError:
        return
    assert_same(ia87.replay_frame(pl.DataFrame(SMALL)), reference(SMALL))


def test_frames_need_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    r = ia87.replay_events(SMALL["case_id"], SMALL["at"], SMALL["verb"], SMALL["args"])
    with pytest.raises(ImportError, match="pandas"):
        ia87.findings_frame(r)


def test_bulk_replay_100k_rows_equals_per_case_replays(capsys: pytest.CaptureFixture[str]) -> None:
    """≥ 100,000 rows from ≥ 10,000 synthetic cases (the conformance scenarios
    moved back by whole weeks, rows interleaved), checked against each case
    replayed line by line through ia87.Case. The throughput is printed."""
    t = synthetic_events(CONFORMANCE, rows=100_000, min_cases=10_000, seed=87)
    n = len(t["case_id"])
    ncases = len(set(t["case_id"]))
    assert n >= 100_000 and ncases >= 10_000

    t0 = time.perf_counter()
    result = ia87.replay_frame(t)
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    single = ia87.replay_frame(t, threads=1)
    wall1 = time.perf_counter() - t1
    t2 = time.perf_counter()
    ref = reference(t)
    wall_ref = time.perf_counter() - t2

    assert_same(result, ref)
    assert single.findings == result.findings and single.rejected == result.rejected
    assert len(result.findings["row"]) > 0
    # Every input row is accounted for: replayed into its case, or rejected.
    assert sum(result.cases["rows"]) == n
    assert sum(result.cases["rejected"]) == len(result.rejected["row"])
    with capsys.disabled():
        s = result.stats
        print(
            f"\n[bulk replay] {n} rows, {ncases} cases -> "
            f"{len(result.findings['row'])} findings, {len(result.rejected['row'])} rejected rows; "
            f"replay_events: {wall:.3f} s = {n / wall:,.0f} rows/s "
            f"({s['threads']} threads; read {s['seconds_read']:.3f} s, "
            f"replay {s['seconds_replay']:.3f} s, tables {s['seconds_tables']:.3f} s); "
            f"1 thread: {n / wall1:,.0f} rows/s; "
            f"per-case Case.apply_line reference: {n / wall_ref:,.0f} rows/s"
        )
