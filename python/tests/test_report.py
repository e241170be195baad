"""`ia87.report_ooh`: the out-of-hours oversight report over an event table,
the same counts as ``ia87 audit FILE --report ooh`` (both call ia87-report)."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest

import ia87

EXAMPLE = "examples/cases/ooh-operations-2022-2024.case"

ROWS = [
    ("a", None, "person", "nationality=CHN"),
    ("a", None, "policy", "ooh-2023"),
    ("a", None, "config", "ooh-pause=off"),
    ("a", "2024-07-10T16:30:00+12:00", "operation-propose",
     "kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 end=2024-07-11T07:00:00+12:00 "
     "approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety "
     "children=yes vulnerable=no nz-residents=no alternatives=yes cultural=yes proportionality=yes safety-plan=yes"),
    ("a", "2024-07-11T08:00:00+12:00", "operation-execute",
     "start=2024-07-11T06:05:00+12:00 end=2024-07-11T06:50:00+12:00 children=yes"),
    ("b", None, "person", "nationality=TON"),
    ("b", None, "policy", "ooh-2023"),
    # 10:00 NZST on 11 July 2024, as an aware datetime.
    ("b", datetime.datetime(2024, 7, 10, 16, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=12))),
     "operation-propose", "kind=home-visit purpose=deportation start=2024-07-11T10:00:00+12:00"),
]


def test_counts_by_nationality() -> None:
    r = ia87.report_ooh(ROWS)
    assert isinstance(r, dict)
    assert r["cases"] == 2
    assert r["total"]["operations"] == 2
    assert r["total"]["out_of_hours"] == 1
    chn = {x["nationality"]: x for x in r["by_nationality"]}["CHN"]
    assert (chn["authorised"], chn["children_present"], chn["executed"]) == (1, 1, 1)
    ton = {x["nationality"]: x for x in r["by_nationality"]}["TON"]
    assert (ton["in_hours"], ton["out_of_hours"]) == (1, 0)
    outcomes = {x["outcome"]: x["operations"] for x in r["by_outcome"]}
    assert outcomes == {"in-hours": 1, "out-of-hours-authorised": 1}


def test_formats_and_columns_of_a_dict() -> None:
    cols = {k: [row[i] for row in ROWS] for i, k in enumerate(("case_id", "at", "verb", "args"))}
    csv = ia87.report_ooh(cols, format="csv")
    assert isinstance(csv, str)
    assert csv.splitlines()[-1] == "total,,2,1,1,1,0,0,1,1"
    text = ia87.report_ooh(cols, format="text")
    assert "2 cases, 2 operations (0 cases without one): 1 out of hours (50.0%), 1 in hours" in str(text)
    with pytest.raises(ValueError):
        ia87.report_ooh(cols, format="xml")


def test_rejected_rows() -> None:
    bad = ROWS + [("b", "2024-07-10T17:00:00+12:00", "operation-propose", "purpose=raid start=2024-07-11T06:00:00+12:00")]
    with pytest.warns(UserWarning, match="1 rows rejected"):
        r = ia87.report_ooh(bad)
    assert isinstance(r, dict) and r["total"]["operations"] == 2
    with pytest.raises(ia87.Rejected) as e:
        ia87.report_ooh(bad, errors="raise")
    assert e.value.code == "bad-value" and e.value.row == len(ROWS)
    with pytest.raises(TypeError):
        ia87.report_ooh([("a", datetime.datetime(2024, 7, 10), "tick", "")])


def test_the_same_report_as_the_command_line(cli: Path, root: Path) -> None:
    events = ia87.case_file_events(root / EXAMPLE)
    ours = ia87.report_ooh(events)
    out = subprocess.run(
        [str(cli), "audit", str(root / EXAMPLE), "--report", "ooh", "--format", "json"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert ours == json.loads(out)
    assert ours["cases"] >= 50
