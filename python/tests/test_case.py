"""Unit tests of the line-by-line API: Case, Outcome, Rejected, snapshots,
and the small helpers (rules, names, diagram, times)."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import ia87

NZDT = timezone(timedelta(hours=13))

SC01 = [
    "person citizen=no born=1980-05-01 married=no",
    "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
    "2009-03-02T06:25+13:00 present",
    "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
    "2009-03-02T08:00+13:00 refuse-permit by=io",
    "2009-03-02T08:30+13:00 detain by=police basis=s128 requested-by=io",
]


def detained() -> ia87.Case:
    c = ia87.Case()
    for line in SC01:
        c.apply_line(line)
    return c


def test_outcome_fields() -> None:
    c = ia87.Case()
    o = c.apply_line(SC01[0])
    assert o.accepted and o.status == "outside" and o.states == ("status.outside",)
    for line in SC01[1:5]:
        o = c.apply_line(line)
    assert o.status == "unlawful-s128"
    assert o.state("border") == "at-large"
    assert o.state("eligibility") is None
    d = o.deadline("s128-cessation")
    assert d is not None
    assert d.due == datetime(2009, 3, 5, 6, 25, tzinfo=NZDT)
    assert d.due.utcoffset() == timedelta(hours=13)
    assert d.due.tzname() == "NZDT"
    assert d.due_utc == int(d.due.timestamp())
    o = c.apply_line(SC01[5])
    assert o.state("border") == "custody-pre-warrant"
    assert o.deadline("s128-cessation") is None
    w = o.deadline("warrant-required")
    assert w is not None and w.rule == "s128(7)"
    assert w.due == datetime(2009, 3, 4, 8, 30, tzinfo=NZDT)
    assert w.due_strict is None and w.due_strict_utc is None
    assert w.kind == "statutory"
    assert "s128(5)" in o.trace
    assert o.findings == ()
    assert o.zone == "mainland"


def test_outcome_is_frozen_and_comparable() -> None:
    a = detained().outcome()
    b = detained().outcome()
    assert a == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.status = "citizen"  # type: ignore[misc]
    assert "trace" in repr(a) and "_fields_json" not in repr(a)


def test_to_json_is_the_canonical_line() -> None:
    o = detained().outcome()
    s = o.to_json("sc-01", 13)
    d = json.loads(s)
    assert list(d) == ["case", "line", "accepted", "state", "status", "deadlines",
                       "findings", "trace"]
    assert d["deadlines"] == [{
        "name": "warrant-required", "due": "2009-03-04T08:30:00+13:00",
        "due-strict": None, "rule": "s128(7)", "kind": "statutory",
    }]
    assert o.to_dict("sc-01", 13) == d
    assert json.loads(o.to_json())["case"] == ""


def test_finding_times() -> None:
    c = detained()
    o = c.advance("2009-03-04T08:30:01+13:00")
    f = [x for x in o.findings if x.code == "no-warrant-48h"]
    assert f and f[0].severity == "violation" and f[0].rule == "s128(7)"
    # Dated at the first instant out of time.
    assert f[0].at == datetime(2009, 3, 4, 8, 30, 1, tzinfo=NZDT)
    assert f[0].at_utc == int(f[0].at.timestamp())


def test_advance_accepts_str_datetime_int() -> None:
    t = datetime(2009, 3, 3, 12, 0, tzinfo=NZDT)
    a, b, c = detained(), detained(), detained()
    oa = a.advance(t.isoformat())
    ob = b.advance(t)
    oc = c.advance(int(t.timestamp()))
    assert oa == ob == oc
    assert a.snapshot() == b.snapshot() == c.snapshot()
    assert a.now == t
    with pytest.raises(ia87.Rejected) as e:
        detained().advance(datetime(2009, 3, 3, 12, 0))  # naive
    assert e.value.code == "no-offset"
    with pytest.raises(ia87.Rejected) as e:
        detained().advance("2009-03-03T12:00")
    assert e.value.code == "no-offset"
    with pytest.raises(TypeError):
        detained().advance(1.5)  # type: ignore[arg-type]


def test_rejected_carries_code_rule_message_column() -> None:
    c = detained()
    before = c.snapshot()
    with pytest.raises(ia87.Rejected) as e:
        c.apply_line("2009-03-02T09:00+13:00 present colour=blue")
    r = e.value
    assert r.code == "unknown-key" and r.column == 32 and r.rule is None
    assert r.line == "2009-03-02T09:00+13:00 present colour=blue"
    assert isinstance(r, ValueError)
    assert c.snapshot() == before
    with pytest.raises(ia87.Rejected) as e:
        c.apply_line("2009-03-02T09:00+13:00 extension-grant days=7")
    assert e.value.code == "not-in-state" and e.value.rule is not None
    assert c.snapshot() == before
    js = json.loads(e.value.to_json("t", 9))
    assert js["accepted"] is False and js["error"]["code"] == "not-in-state"
    assert js["error"]["rule"] == e.value.rule
    # Rejections pickle (they cross process pools).
    r2 = pickle.loads(pickle.dumps(e.value))
    assert (r2.code, r2.rule, r2.message, r2.column) == (
        e.value.code, e.value.rule, e.value.message, e.value.column)
    assert r2.to_json("t", 9) == e.value.to_json("t", 9)


def test_apply_line_refuses_non_event_lines() -> None:
    c = ia87.Case()
    for line in ("ia87 1", "case x", "expect status=outside", "", "# comment"):
        with pytest.raises(ia87.Rejected) as e:
            c.apply_line(line)
        assert e.value.code == "bad-syntax"
    assert c == ia87.Case()


def test_config_and_policy_lines() -> None:
    c = ia87.Case()
    c.apply_line("config zone=chatham service-level=PT2H")
    assert c.zone == "chatham"
    c.apply_line("policy ooh-2023")
    with pytest.raises(ia87.Rejected) as e:
        c.apply_line("config zone=mars")
    assert e.value.code == "bad-value"
    assert c.zone == "chatham"
    o = c.apply_line("2009-03-02T06:10+13:45 arrive craft=NZ001 place=customs")
    assert c.now is not None and c.now.utcoffset() == timedelta(hours=13, minutes=45)
    assert o.zone == "chatham"


def test_snapshot_roundtrip_and_errors() -> None:
    c = detained()
    s = c.snapshot()
    assert isinstance(s, bytes) and s[:4] == b"IA87"
    r = ia87.Case.restore(s)
    assert r == c and r.snapshot() == s
    assert r.outcome() == c.outcome()
    # Both go on identically.
    line = "2009-03-03T10:00+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes"
    assert r.apply_line(line) == c.apply_line(line)
    assert r.snapshot() == c.snapshot()
    bad = bytearray(s)
    bad[len(bad) // 2] ^= 0xFF
    with pytest.raises(ia87.SnapshotError, match="CRC"):
        ia87.Case.restore(bytes(bad))
    with pytest.raises(ia87.SnapshotError):
        ia87.Case.restore(s[:-1])
    with pytest.raises(ia87.SnapshotError):
        ia87.Case.restore(b"")
    with pytest.raises(ia87.SnapshotError):
        ia87.Case.restore(s + b"\0")


def test_copy_and_pickle() -> None:
    c = detained()
    for d in (c.copy(), copy.copy(c), copy.deepcopy(c), pickle.loads(pickle.dumps(c))):
        assert d == c and d is not c
        d.advance("2009-03-05T00:00+13:00")
        assert d != c
    assert "custody-pre-warrant" in repr(c)


def test_new_case_outcome() -> None:
    c = ia87.Case()
    assert c.now is None
    o = c.outcome()
    assert o.states == ("status.outside",) and o.deadlines == () and o.trace == ()


def test_rules_and_names(cli: Path) -> None:
    rules = ia87.rules()
    assert rules and set(rules[0]) == {"id", "cite", "summary", "quote", "in_force"}
    by_id = {r["id"]: r for r in rules}
    assert by_id["s128(7)"]["cite"] == "s 128(7)"
    out = subprocess.run([str(cli), "rules", "--format", "json"], capture_output=True,
                         text=True, check=True).stdout
    assert [r["id"] for r in json.loads(out)] == [r["id"] for r in rules]
    assert [r["quote"] for r in json.loads(out)] == [r["quote"] for r in rules]
    n = ia87.names()
    assert "no-warrant-48h" in n["finding"]
    assert n["severity"] == ["violation", "warning", "gap", "undetermined", "info"]
    assert "not-in-state" in n["error"] and "warrant-required" in n["deadline"]
    assert "custody-warrant" in n["state"]["border"]
    assert set(n["rule"]) == set(by_id)


@pytest.mark.parametrize("machine", ["status", "border", "eligibility", "transit"])
@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_diagram_equals_cli(cli: Path, machine: str, fmt: str) -> None:
    out = subprocess.run([str(cli), "diagram", machine, "--format", fmt],
                         capture_output=True, text=True, check=True).stdout
    assert ia87.diagram(machine, fmt) == out


def test_diagram_errors() -> None:
    with pytest.raises(ValueError):
        ia87.diagram("deportation")
    with pytest.raises(ValueError):
        ia87.diagram("border", "svg")


def test_times_and_line_kind() -> None:
    s = ia87.parse_time("2009-03-02T06:10+13:00")
    assert s == int(datetime(2009, 3, 1, 17, 10, tzinfo=timezone.utc).timestamp())
    assert ia87.format_time(s) == "2009-03-02T06:10:00+13:00"
    assert ia87.format_time(s, "chatham") == "2009-03-02T06:55:00+13:45"
    with pytest.raises(ValueError):
        ia87.parse_time("2009-03-02T06:10")
    dt = ia87.to_datetime(s, 13 * 3600)
    assert dt.tzname() == "NZDT" and dt == datetime(2009, 3, 2, 6, 10, tzinfo=NZDT)
    assert ia87.line_kind("case sc-01  # x") == ("case", "sc-01")
    assert ia87.line_kind("2009-03-02T06:10+13:00 present") == ("event", None)
    assert ia87.line_kind("  # only a comment") == ("blank", None)
    assert ia87.line_kind("expect no-finding")[0] == "expect"
    assert ia87.line_kind("frobnicate")[0] == "error"


def test_case_file_events(tmp_path: Path) -> None:
    f = tmp_path / "t.case"
    f.write_text(
        "# header comment\nia87 1\ncase a\n"
        "person citizen=no  # trailing\n"
        '2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs\n'
        "expect status=arrived\n"
        '2009-03-03T06:10+13:00 conditional-release location="12 Hash # St" until=2009-04-01\n'
        "2009-03-04T06:10+13:00 tick\n"
        "case b\n"
        "2009-03-02T06:10+13:00 present\n",
        encoding="utf-8",
    )
    t = ia87.case_file_events(f)
    assert t["case_id"] == ["a", "a", "a", "a", "b"]
    assert t["verb"] == ["person", "arrive", "conditional-release", "tick", "present"]
    assert t["at"][0] == "" and t["at"][1] == "2009-03-02T06:10+13:00"
    assert t["args"][0] == "citizen=no"
    assert t["args"][2] == 'location="12 Hash # St" until=2009-04-01'
    assert t["args"][3] == ""
