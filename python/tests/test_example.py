"""The analyst example, examples/python/audit.py, runs end to end: with and
without pandas, on a synthetic population and on an event table from CSV."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, CONFORMANCE
from ia87.synth import synthetic_events

AUDIT = ROOT / "examples" / "python" / "audit.py"


def run(*args: str) -> str:
    r = subprocess.run([sys.executable, str(AUDIT), *args], capture_output=True,
                       text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def held(out: str) -> int:
    m = re.search(r"without a warrant \(no-warrant-48h violations\): ([\d,]+) people", out)
    assert m, out
    return int(m.group(1).replace(",", ""))


def test_audit_plain_lists() -> None:
    out = run("--rows", "5000", "--cases", "500", "--no-pandas", "--no-plot")
    assert "pandas: no" in out and "findings by code and severity" in out
    assert held(out) > 0


def test_audit_writes_both_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = run("--rows", "5000", "--cases", "500", "--plots", str(tmp_path))
    assert "plots:" in out
    for name in ("python-timeline.png", "findings.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_audit_same_answer_with_pandas() -> None:
    plain = run("--rows", "5000", "--cases", "500", "--no-pandas", "--no-plot")
    auto = run("--rows", "5000", "--cases", "500", "--no-plot")
    assert held(plain) == held(auto)


def test_audit_reads_csv(tmp_path: Path) -> None:
    # Not the parser-error scenarios: one holds a NUL byte, which csv (before
    # Python 3.11) cannot read.
    sources = [d for d in sorted(CONFORMANCE.iterdir()) if d.is_dir() and d.name != "errors"]
    t = synthetic_events(sources, rows=2_000, min_cases=100, seed=5)
    path = tmp_path / "events.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case_id", "at", "verb", "args"])
        w.writerows(zip(t["case_id"], t["at"], t["verb"], t["args"]))
    out = run("--events", str(path), "--no-pandas", "--no-plot")
    assert f"event table: {len(t['case_id']):,} rows" in out
    assert held(out) == held(run("--events", str(path), "--no-plot"))
