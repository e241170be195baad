"""The conformance suite through Python: for every tests/conformance/**/*.case,
the JSON lines of the Python paths equal, byte for byte, what
`ia87 replay --format json` prints, and the expectation counts equal
`ia87 check`'s."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

import ia87
from conftest import CONFORMANCE, conformance_files

FILES = conformance_files()
IDS = [str(p.relative_to(CONFORMANCE)) for p in FILES]

# Totals across the parametrised tests, reported by test_zz_totals.
COMPARED: Dict[str, int] = {"files": 0, "lines": 0, "per_line": 0}


def cli_json(cli: Path, path: Path) -> List[str]:
    r = subprocess.run(
        [str(cli), "replay", "--format", "json", str(path)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert r.returncode in (0, 2), r.stderr  # 2: the file holds input errors
    return r.stdout.splitlines()


def python_per_line(path: Path) -> List[Tuple[int, str, str]]:
    """(line, case, JSON) of every line inside a case, run through
    `ia87.Case.apply_line` one line at a time."""
    out: List[Tuple[int, str, str]] = []
    case: Optional[ia87.Case] = None
    case_id = ""
    # Bytes, not str: a file may hold bytes that are not UTF-8 (`bad-utf8`).
    for n, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        kind, cid = ia87.line_kind(line)
        if kind in ("blank", "header", "expect"):
            continue
        if kind == "case":
            case, case_id = ia87.Case(), cid or ""
            continue
        if case is None:
            continue  # before any case: compared through replay_file
        try:
            js = case.apply_line(line).to_json(case_id, n)
        except ia87.Rejected as e:
            js = e.to_json(case_id, n)
        out.append((n, case_id, js))
    return out


def test_suite_is_there() -> None:
    assert len(FILES) > 0, f"no conformance files under {CONFORMANCE}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_replay_file_equals_cli(cli: Path, path: Path) -> None:
    expected = cli_json(cli, path)
    assert expected, f"{path}: the CLI printed nothing"
    got = ia87.replay_file(path)
    assert got == expected
    COMPARED["files"] += 1
    COMPARED["lines"] += len(expected)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_run_file_dicts_equal_cli(cli: Path, path: Path) -> None:
    expected = cli_json(cli, path)
    rows = ia87.run_file(path)
    # The dicts carry every field of the JSON, in order, with the same values.
    again = [json.dumps(d, separators=(",", ":"), ensure_ascii=False) for d in rows]
    assert again == expected


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_case_api_per_line_equals_cli(cli: Path, path: Path) -> None:
    expected = cli_json(cli, path)
    inside = {}
    for s in expected:
        d = json.loads(s)
        if d["case"]:
            inside[d["line"]] = s
    got = python_per_line(path)
    assert [js for _, _, js in got] == [inside[n] for n, _, _ in got]
    assert {n for n, _, _ in got} == set(inside)
    COMPARED["per_line"] += len(got)


def cli_check(cli: Path, target: Path) -> Tuple[int, int]:
    r = subprocess.run([str(cli), "check", str(target)], capture_output=True, text=True)
    m = re.search(r"^(\d+) passed, (\d+) failed$", r.stdout, re.M)
    assert m, r.stdout + r.stderr
    return int(m.group(1)), int(m.group(2))


def test_check_counts_equal_cli(cli: Path) -> None:
    passed = failed = 0
    for p in FILES:
        a, b, failures = ia87.check_file(p)
        assert len(failures) == b
        passed += a
        failed += b
    assert (passed, failed) == cli_check(cli, CONFORMANCE)
    assert passed > 0
    # A directory is checked as `ia87 check DIR` checks it.
    a, b, _ = ia87.check_file(CONFORMANCE)
    assert (a, b) == (passed, failed)


def test_check_reports_a_failure(tmp_path: Path, cli: Path) -> None:
    f = tmp_path / "bad.case"
    f.write_text(
        "ia87 1\ncase t\n"
        "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs\n"
        "expect status=citizen\n"
        "2009-03-01T06:10+13:00 present\n",
        encoding="utf-8",
    )
    passed, failed, failures = ia87.check_file(f)
    assert (passed, failed) == cli_check(cli, f) == (0, 2)
    kinds = [x["kind"] for x in failures]
    assert kinds == ["expect", "unexpected-rejection"]
    assert failures[0]["text"] == "expect status=citizen"
    assert failures[0]["target"] == 3
    assert failures[1]["code"] == "time-reversed" and failures[1]["line"] == 5


def _bad_lines(at: str) -> List[str]:
    """Lines the engine should refuse in most states, at time `at`."""
    return [
        f"{at} teleport",                       # unknown-verb
        f"{at} present colour=blue",            # unknown-key
        f"{at[:16]} present",                   # no-offset (minutes kept, offset cut)
        "present",                              # bad-syntax: no timestamp
        f"{at} detain by=police basis=nowhere",  # bad-value
        f"{at} recapture",                      # not-in-state in most states
        f"{at} extension-grant days=7",
        f"{at} review-complete result=upheld",
        f"{at} warrant-issue by=judge days=28",
        f"{at} release-notice",
        f"{at} cancel-release",
    ]


def test_rejected_lines_leave_the_case_unchanged() -> None:
    """Before every event line of every conformance case, lines the engine
    refuses (of every kind it refuses) leave the snapshot bytes and the
    outcome exactly as they were."""
    codes: Dict[str, int] = {}
    for path in FILES:
        case: Optional[ia87.Case] = None
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            kind, _ = ia87.line_kind(line)
            if kind == "case":
                case = ia87.Case()
                continue
            if case is None or kind not in ("event", "person", "config", "policy"):
                continue
            before = case.snapshot()
            outcome = case.outcome()
            trials = []
            if kind == "event":
                at = line.split()[0]
                trials = _bad_lines(at)
                if case.now is not None:
                    earlier = (case.now - timedelta(hours=1)).isoformat()
                    trials.append(f"{earlier} present")  # time-reversed
            for bad in trials:
                trial = case.copy()
                try:
                    trial.apply_line(bad)
                except ia87.Rejected as e:
                    codes[e.code] = codes.get(e.code, 0) + 1
                    assert trial.snapshot() == before, (path, line, bad)
                    assert trial.outcome() == outcome
                    assert trial == case
            # The case itself was never touched by the trials.
            assert case.snapshot() == before
            try:
                case.apply_line(line)
            except ia87.Rejected:
                assert case.snapshot() == before
    for code in ("unknown-verb", "unknown-key", "no-offset", "bad-syntax", "bad-value",
                 "not-in-state", "time-reversed"):
        assert codes.get(code, 0) > 0, (code, codes)


def test_zz_totals(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints how much was compared (runs after the parametrised tests)."""
    with capsys.disabled():
        print(
            f"\n[conformance through Python] {COMPARED['files']} files, "
            f"{COMPARED['lines']} JSON lines equal to `ia87 replay --format json` "
            f"(replay_file and run_file), {COMPARED['per_line']} lines equal through "
            "Case.apply_line"
        )
