"""`ia87.audit`: the same findings and rejected rows as the text path
(`replay_events`, which goes through the case-language parser), from every
kind of Arrow input, typed or text; every cell validated for its column;
errors that name the column."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Tuple

import pytest

import ia87
from conftest import CONFORMANCE
from ia87.synth import synthetic_events

pa = pytest.importorskip("pyarrow")

SOURCES = [d for d in sorted(CONFORMANCE.iterdir()) if d.is_dir() and d.name != "errors"]
TOKEN = re.compile(r'(?:[^\s"]|"(?:[^"\\]|\\.)*")+')


@pytest.fixture(scope="module")
def table() -> Dict[str, List[str]]:
    return synthetic_events(SOURCES, rows=30_000, min_cases=3_000, seed=11)


def findings_key(f: Any) -> List[Tuple[Any, ...]]:
    t = f.to_pydict() if hasattr(f, "to_pydict") else f
    return list(zip(t["case_id"], t["row"], t["code"], t["severity"], t["rule"]))


def text_findings(t: Dict[str, List[str]]) -> List[Tuple[Any, ...]]:
    r = ia87.replay_events(t["case_id"], t["at"], t["verb"], t["args"])
    return findings_key(r.findings)


def text_rejected(t: Dict[str, List[str]]) -> List[Tuple[Any, ...]]:
    """(row, code) of the rows the text path refuses (the scenarios include
    events the engine refuses)."""
    r = ia87.replay_events(t["case_id"], t["at"], t["verb"], t["args"])
    return list(zip(r.rejected["row"], r.rejected["code"]))


def rejected_codes(t: Any) -> List[Tuple[Any, ...]]:
    d = t.to_pydict()
    return list(zip(d["row"], d["code"]))


def arrow_table(t: Dict[str, List[str]]) -> Any:
    return pa.table({"case_id": t["case_id"], "at": t["at"], "verb": t["verb"], "keys": t["args"]})


def test_same_findings_as_the_text_path(table: Dict[str, List[str]]) -> None:
    expected = text_findings(table)
    assert len(expected) > 1_000
    r = ia87.audit(arrow_table(table))
    assert isinstance(r.findings, pa.Table)
    assert findings_key(r.findings) == expected
    assert rejected_codes(r.rejected) == text_rejected(table)
    assert 0 < r.rejected.num_rows < 1_000
    # The engine's refusals (no column), and the scenarios' deliberate bad
    # timestamps inside keys (o11/o12 of the policy suite), named as `keys`.
    columns = r.rejected["column"].to_pylist()
    assert None in columns and set(columns) <= {None, "keys"}
    assert r.stats["rows"] == len(table["case_id"]) and not r.stats["grouped"]
    f = r.findings
    assert f.schema.field("at").type == pa.timestamp("s", tz="UTC")
    # at_local is the same instant in New Zealand local time.
    for at, local in list(zip(f["at"].to_pylist(), f["at_local"].to_pylist()))[:200]:
        assert datetime.fromisoformat(local) == at


def test_typed_timestamps_and_key_columns(table: Dict[str, List[str]]) -> None:
    """`at` as timestamp[ns, tz] and the keys as one column per key (keys that
    a row repeats stay in a `keys` text column) give the same findings."""
    n = len(table["case_id"])
    ats: List[Any] = []
    for s in table["at"]:
        ats.append(datetime.fromisoformat(s.replace("Z", "+00:00")) if s else None)
    per_key: Dict[str, List[Any]] = {}
    rest: List[str] = []
    for i, args in enumerate(table["args"]):
        seen: Dict[str, str] = {}
        extra = []
        for token in TOKEN.findall(args):
            k, eq, v = token.partition("=")
            if not eq or k in seen or k in ("parent", "approved-by"):
                extra.append(token)  # bare (a policy's name) or repeated
                continue
            if v.startswith('"'):
                v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            seen[k] = v
        for k, v in seen.items():
            per_key.setdefault(k, [None] * n)[i] = v
        rest.append(" ".join(extra))
    assert len(per_key) > 20
    cols: Dict[str, Any] = {
        "case_id": table["case_id"],
        "at": pa.array(ats, pa.timestamp("ns", tz="Pacific/Auckland")),
        "verb": table["verb"],
        "keys": rest,
    }
    cols.update(per_key)
    r = ia87.audit(pa.table(cols))
    assert rejected_codes(r.rejected) == text_rejected(table)
    assert findings_key(r.findings) == text_findings(table)


def test_inputs_agree(table: Dict[str, List[str]]) -> None:
    """pyarrow Table, RecordBatchReader (several batches), pandas, polars,
    DuckDB and a dict: the same findings; outputs as pandas and polars."""
    expected = findings_key(ia87.audit(arrow_table(table)).findings)
    t = arrow_table(table)
    reader = pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=7_000))
    got = ia87.audit(reader)
    assert got.stats["batches"] == 5
    assert findings_key(got.findings) == expected
    d = {"case_id": table["case_id"], "at": table["at"], "verb": table["verb"], "args": table["args"]}
    assert findings_key(ia87.audit(d).findings) == expected
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(d, index=range(5, 5 + len(d["at"])))
    f = ia87.audit(df, output="pandas").findings
    assert isinstance(f, pd.DataFrame)
    assert findings_key({c: list(f[c].astype(object)) for c in f.columns}) == expected
    # A categorical verb column arrives dictionary-encoded.
    df["verb"] = df["verb"].astype("category")
    assert findings_key(ia87.audit(df).findings) == expected
    pl = pytest.importorskip("polars")
    f = ia87.audit(pl.DataFrame(d), output="polars").findings
    assert isinstance(f, pl.DataFrame)
    assert findings_key(f.to_dict(as_series=False)) == expected
    duckdb = pytest.importorskip("duckdb")
    rel = duckdb.from_arrow(t)
    assert findings_key(ia87.audit(rel).findings) == expected


def test_grouped_input_needs_no_index(table: Dict[str, List[str]]) -> None:
    order = sorted(range(len(table["case_id"])), key=lambda i: table["case_id"][i])
    grouped = {k: [v[i] for i in order] for k, v in table.items()}
    r = ia87.audit(arrow_table(grouped), final_state=True)
    assert r.stats["grouped"]
    assert findings_key(r.findings) == text_findings(grouped)
    # Threads change nothing.
    one = ia87.audit(arrow_table(grouped), final_state=True, threads=1)
    assert one.findings.equals(r.findings) and one.cases.equals(r.cases)


def test_final_state_equals_the_text_path(table: Dict[str, List[str]]) -> None:
    r = ia87.audit(arrow_table(table), final_state=True)
    old = ia87.replay_events(table["case_id"], table["at"], table["verb"], table["args"])
    c = r.cases.to_pydict()
    assert c["case_id"] == old.cases["case_id"]
    for col in ("rows", "rejected", "findings", "status", "border", "eligibility", "transit"):
        assert c[col] == old.cases[col], col
    assert [t.isoformat() if t else None for t in c["last_at"]] == [
        datetime.fromisoformat(s).astimezone(timezone.utc).isoformat() if s else None
        for s in old.cases["last_at"]
    ]
    assert ia87.audit(arrow_table(table)).cases is None


def rejected(t: Any) -> List[Tuple[Any, ...]]:
    d = t.to_pydict()
    return list(zip(d["row"], d["case_id"], d["column"], d["code"]))


def test_every_cell_is_validated_for_its_column() -> None:
    ok = "2009-03-02T06:10+13:00"
    rows = [
        ("a", ok, "arrive", "craft=NZ1 place=customs", None),        # 0 fine
        ("a", "2009-03-02T06:25", "present", "", None),              # 1 no offset
        ("a", ok + " #", "present", "", None),                       # 2 not one timestamp
        ("a", "2009-03-02T06:26+13:00", "presnt", "", None),         # 3 unknown verb
        ("a", "2009-03-02T06:27+13:00", "present", "x=1", None),     # 4 unknown key
        ("a", "2009-03-02T06:28+13:00", "present", "# c", None),     # 5 comment in a cell
        ("a", "2009-03-02T06:29+13:00", "refuse-permit", "", "p\x1b[2J"),  # 6 control char
        ("a", "2009-03-02T06:30+13:00", "refuse-permit", "", "nobody"),  # 7 not a value of by
        (None, ok, "tick", "", None),                                # 8 no case id
        ("=HYPERLINK(1)", ok, "tick", "", None),                     # 9 not a case id
        ("a", "2009-03-02T06:31+13:00", "exempt", "", None),         # 10 missing key
        ("a", "2009-03-02T06:32+13:00", "extension-grant", "days=7", None),  # 11 engine refuses
        ("a", "2009-03-02T06:33+13:00", "present", "", None),        # 12 fine
        ("a", None, "tick", "", None),                               # 13 event without at
        ("a", ok, "person", "citizen=no", None),                     # 14 directive with at
        ("a", "2009-03-02T06:34", "presnt", "", None),               # 15 bad verb and at: the verb
        ("a", "2009-03-02T06:35", "present", "", None),              # 16 a remembered row, bad at
    ]
    t = pa.table({
        "case_id": [r[0] for r in rows], "at": [r[1] for r in rows], "verb": [r[2] for r in rows],
        "keys": [r[3] for r in rows], "by": [r[4] for r in rows],
    })
    r = ia87.audit(t)
    got = {row: (cid, col, code) for row, cid, col, code in rejected(r.rejected)}
    assert got == {
        1: ("a", "at", "no-offset"),
        2: ("a", "at", "bad-timestamp"),
        3: ("a", "verb", "unknown-verb"),
        4: ("a", "keys", "unknown-key"),
        5: ("a", "keys", "bad-syntax"),
        6: ("a", "by", "bad-syntax"),
        7: ("a", "by", "bad-value"),
        8: (None, "case_id", "no-case"),
        9: (None, "case_id", "bad-syntax"),
        10: ("a", "keys", "missing-key"),
        11: ("a", None, "not-in-state"),
        13: ("a", "at", "missing-key"),
        14: ("a", "at", "bad-syntax"),
        15: ("a", "verb", "unknown-verb"),
        16: ("a", "at", "no-offset"),
    }
    d = r.rejected.to_pydict()
    i = d["row"].index(11)
    assert d["rule"][i] == "s128(13B)" and d["position"][i] is None
    assert all(m for m in d["message"])


def test_a_key_cell_seen_before_is_judged_the_same_in_every_case() -> None:
    """Key cells that recur (parsed once and remembered) give the same events
    in every case and at every time; a bad cell is rejected every time."""
    rows = []
    for c in range(40):
        cid = f"c{c}"
        rows += [
            (cid, "2009-03-02T06:10+13:00", "arrive", "craft=NZ1 place=customs"),
            (cid, "2009-03-02T06:25+13:00", "present", ""),
            (cid, "2009-03-02T08:00+13:00", "refuse-permit", "by=io"),
            (cid, "2009-03-02T08:30+13:00", "detain", "by=police basis=s128 requested-by=io"),
            (cid, "2009-03-02T08:40+13:00", "present", "x=1"),        # unknown key, each case
            (cid, f"2009-03-0{3 + c % 2}T09:00+13:00", "tick", ""),  # 48 h passed in odd cases
        ]
    t = pa.table({k: [r[i] for r in rows] for i, k in enumerate(("case_id", "at", "verb", "keys"))})
    r = ia87.audit(t)
    codes = r.rejected["code"].to_pylist()
    assert codes == ["unknown-key"] * 40
    assert r.findings["code"].to_pylist().count("no-warrant-48h") == 20
    text = {k: [str(r[i]) for r in rows] for i, k in enumerate(("case_id", "at", "verb", "args"))}
    assert rejected_codes(r.rejected) == text_rejected(text)
    assert findings_key(r.findings) == text_findings(text)


def test_typed_cells_are_validated() -> None:
    base = datetime(2009, 3, 2, 6, 10, tzinfo=timezone(timedelta(hours=13)))
    t = pa.table({
        "case_id": ["a", "a", "a"],
        "at": pa.array([base, base + timedelta(seconds=0.5), base + timedelta(minutes=1)],
                       pa.timestamp("ms", tz="UTC")),
        "verb": ["arrive", "present", "present"],
        "craft": ["NZ1", None, None],
        "place": ["customs", None, None],
        "stowaway": pa.array([False, None, None]),
    })
    r = ia87.audit(t)
    assert rejected(r.rejected) == [(1, "a", "at", "bad-timestamp")]
    assert "fractional" in r.rejected["message"][0].as_py()


def test_column_errors_name_the_column() -> None:
    t = pa.table({"case_id": ["a"], "at": ["2009-03-02T06:10+13:00"], "verb": ["tick"]})
    with pytest.raises(ValueError, match='unknown column "colour"'):
        ia87.audit(t.append_column("colour", pa.array(["red"])))
    # Chosen key sources leave the other columns out; a missing one is named.
    ia87.audit(t.append_column("colour", pa.array(["red"])), keys=[])
    with pytest.raises(ValueError, match='no column "by"'):
        ia87.audit(t, keys=["by"])
    with pytest.raises(ValueError, match='no column "verb"'):
        ia87.audit(t.rename_columns(["case_id", "at", "kind"]))
    ia87.audit(t.rename_columns(["case_id", "at", "kind"]), verb="kind")
    with pytest.raises(ValueError, match='"at" holds timestamps without a time zone'):
        ia87.audit(t.set_column(1, "at", pa.array([datetime(2009, 3, 2)], pa.timestamp("s"))))
    with pytest.raises(TypeError, match='"case_id" has Arrow type Int64'):
        ia87.audit(t.set_column(0, "case_id", pa.array([1])))
    with pytest.raises(TypeError, match="not an event table"):
        ia87.audit([1, 2, 3])
    with pytest.raises(ValueError, match="output"):
        ia87.audit(t, output="excel")


def test_output_without_pyarrow_conversion() -> None:
    t = pa.table({"case_id": ["a"], "at": ["2009-03-02T06:10+13:00"], "verb": ["tick"]})
    r = ia87.audit(t, output="arrow", final_state=True)
    assert hasattr(r.findings, "__arrow_c_stream__") and len(r.cases) == 1
    assert pa.table(r.cases)["case_id"].to_pylist() == ["a"]
    f, rej = r
    assert len(f) == 0 and len(rej) == 0


@pytest.mark.parametrize("path", sorted(p for d in SOURCES for p in d.rglob("*.case")),
                         ids=lambda p: str(p.relative_to(CONFORMANCE)))
def test_conformance_files_through_audit(path: Any) -> None:
    """Each conformance case file as an event table: `audit` finds what the
    text path finds, row for row."""
    t = ia87.case_file_events(path)
    keep = [i for i, c in enumerate(t["case_id"]) if c]
    t = {k: [v[i] for i in keep] for k, v in t.items()}
    if not t["case_id"]:
        pytest.skip("no case")
    r = ia87.audit(arrow_table(t))
    old = ia87.replay_events(t["case_id"], t["at"], t["verb"], t["args"])
    assert findings_key(r.findings) == findings_key(old.findings)
    d = r.rejected.to_pydict()
    assert list(zip(d["row"], d["code"])) == list(zip(old.rejected["row"], old.rejected["code"]))
