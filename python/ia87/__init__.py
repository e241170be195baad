"""ia87: New Zealand's Immigration Act 1987 status and detention rules.

The rules run in a ``no_std`` Rust core; this package calls it.

- `Case`: one case, fed line by line in the case language
  (`Case.apply_line`), with `Outcome` results and `Rejected` errors, and
  snapshots (`Case.snapshot`, `Case.restore`).
- `run_file`, `replay_file`, `check_file`: case files, exactly as the
  ``ia87 replay`` / ``ia87 check`` command line runs them.
- `audit`: an event table in Arrow (pyarrow, polars, pandas, DuckDB), read
  without a copy and replayed on every core; findings, rejected rows and the
  final state of each case come back as Arrow tables. `ia87.dask.audit` does
  the same for a Dask DataFrame, partitioned by case.
- `plot_timeline`, `plot_findings`: one case's custody and deadlines, and a
  summary of findings by code and month (matplotlib).
- `replay_events`, `replay_frame`: the earlier bulk interface, from columns
  of case-language text (lists, numpy, pandas, polars, pyarrow).
- `synth`: made-up event tables for demos, tests and benchmarks.
- `rules`, `names`, `diagram`: the rules with their citations, the fixed
  vocabularies, and the machines drawn from the tables the core executes.
- `report_ooh`: the out-of-hours oversight report (2023 policy) by
  nationality over an event table, as ``ia87 audit --report ooh`` prints it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native, synth
from ._audit import AuditResult, as_arrow, audit
from ._bulk import (
    ReplayResult,
    cases_frame,
    findings_frame,
    rejected_frame,
    replay_events,
    replay_frame,
)
from ._case import (
    Case,
    Deadline,
    Finding,
    Outcome,
    Rejected,
    SnapshotError,
    TimeLike,
    to_datetime,
)
from ._files import case_file_events, check_file, replay_file, run_file
from ._report import report_ooh

__version__ = "0.1.0"

__all__ = [
    "AuditResult",
    "Case",
    "Deadline",
    "Finding",
    "Outcome",
    "Rejected",
    "ReplayResult",
    "SnapshotError",
    "TimeLike",
    "as_arrow",
    "audit",
    "case_file_events",
    "cases_frame",
    "check_file",
    "diagram",
    "findings_frame",
    "format_time",
    "line_kind",
    "names",
    "parse_time",
    "plot_findings",
    "plot_timeline",
    "rejected_frame",
    "replay_events",
    "replay_file",
    "replay_frame",
    "report_ooh",
    "rules",
    "run_file",
    "synth",
    "to_datetime",
]


def __getattr__(name: str) -> Any:
    # `ia87.dask` is imported on first use: it needs dask (ia87[dask]).
    if name == "dask":
        import importlib

        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'ia87' has no attribute {name!r}")


def plot_timeline(case_or_outcomes: Any, **kwargs: Any) -> Any:
    """One case on a time line (needs matplotlib: ``ia87[plot]``); see
    `ia87.plot.plot_timeline`."""
    from .plot import plot_timeline as f

    return f(case_or_outcomes, **kwargs)


def plot_findings(findings: Any, **kwargs: Any) -> Any:
    """Findings by code and month (needs matplotlib: ``ia87[plot]``); see
    `ia87.plot.plot_findings`."""
    from .plot import plot_findings as f

    return f(findings, **kwargs)


def rules() -> List[Dict[str, str]]:
    """Every rule the core encodes: ``id`` (as in the case language and JSON,
    e.g. ``s128(7)``), ``cite`` (``s 128(7)``), ``summary``, ``quote`` (the
    words it rests on) and ``in_force`` (the date it came into force)."""
    return list(_native.rules())


def names() -> Dict[str, Any]:
    """The fixed vocabularies, in the core's order: ``severity``, ``finding``
    (codes), ``error`` (codes), ``deadline``, ``rule`` (ids), and ``state``
    (a dict: machine -> its states)."""
    return dict(_native.names())


def diagram(machine: str, format: str = "mermaid") -> str:
    """The machine (``status``, ``border``, ``eligibility``, ``transit``) as a
    Mermaid state diagram or Graphviz DOT (``format="dot"``), drawn from the
    transition table the core executes; the same text as ``ia87 diagram``."""
    return str(_native.diagram(machine, format))


def line_kind(line: Union[str, bytes]) -> Tuple[str, Optional[str]]:
    """What a line of the case language is: ``(kind, case_id)``, with kind one
    of ``blank``, ``header``, ``case``, ``person``, ``config``, ``policy``,
    ``event``, ``expect``, or ``error`` when it does not parse; `case_id` is
    set for a ``case`` line."""
    kind, case_id = _native.line_kind(line)
    return str(kind), case_id


def parse_time(text: str) -> int:
    """UTC seconds of an RFC 3339 timestamp with an explicit offset."""
    return int(_native.parse_time(text))


def format_time(utc_seconds: int, zone: str = "mainland") -> str:
    """The canonical New Zealand local text of an instant (as in the JSON),
    e.g. ``2009-03-04T08:30:00+13:00``; `zone` is ``mainland`` or ``chatham``."""
    return str(_native.local_time(utc_seconds, zone)[0])
