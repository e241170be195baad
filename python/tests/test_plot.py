"""The plots draw what the case holds: custody, deadlines with both readings,
findings, and the change of New Zealand offset."""

from __future__ import annotations

from pathlib import Path

import pytest

import ia87
from conftest import ROOT

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pa = pytest.importorskip("pyarrow")

DST = ROOT / "examples" / "cases" / "dst-48h-breach.case"


def texts(fig: object) -> str:
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts)  # type: ignore[attr-defined]


def test_timeline_of_a_case_across_the_end_of_daylight_time(tmp_path: Path) -> None:
    fig = ia87.plot_timeline(DST)
    t = texts(fig)
    assert "NZDT +13:00 → NZST +12:00" in t
    assert "no-warrant-48h (s128(7))" in t
    assert "deadline: warrant-required" in [x.get_text() for x in fig.axes[0].get_yticklabels()]
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert "custody-pre-warrant" in labels and "due (strict reading)" in labels
    fig.savefig(tmp_path / "t.png")
    assert (tmp_path / "t.png").stat().st_size > 10_000
    # The same case as lines and as an event table draws the same texts.
    events = ia87.case_file_events(DST)
    assert texts(ia87.plot_timeline(events, case_id="chc-2009-0404-11")) == t


def test_findings_summary() -> None:
    r = ia87.audit(pa.table(ia87.synth.s128_events(2_000)))
    fig = ia87.plot_findings(r)
    left, right = fig.axes
    names = [x.get_text() for x in left.get_yticklabels()]
    assert names == ["no-warrant-48h", "defective-warrant-application"]
    total = sum(p.get_width() for p in left.patches)
    assert total == r.findings.num_rows
    assert sum(p.get_height() for p in right.patches) == r.findings.num_rows
