"""Plots with matplotlib (``ia87[plot]``): one case on a time line, and a
summary of many findings.

- `plot_timeline(case)`: the case's custody periods (the border machine's
  states), its open deadlines (with both readings where a period is read two
  ways: the settled end of day, and the strict elapsed time), its findings and
  its events, in New Zealand local time as the core computes it; a change of
  offset (NZST/NZDT) is drawn as a line with the two offsets.
- `plot_findings(findings)`: findings by code (coloured by severity), and
  per month in New Zealand local time.

Both return the matplotlib ``Figure``; save it with ``fig.savefig(path)``.
Choose a backend first where there is no display (``matplotlib.use("Agg")``).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import _native
from ._case import Case, Outcome, Rejected

__all__ = ["plot_findings", "plot_timeline", "timeline_steps"]

# One colour per border state that is custody, and for the rest.
CUSTODY = {
    "custody-pre-warrant": "#d62728",
    "custody-warrant": "#ff7f0e",
    "custody-128b": "#9467bd",
}
SEVERITY_COLOURS = {
    "violation": "#d62728",
    "warning": "#ff7f0e",
    "gap": "#8c564b",
    "undetermined": "#7f7f7f",
    "info": "#1f77b4",
}

#: One step of a case: (UTC seconds of the line, its verb, its outcome or None
#: when the line was rejected).
Step = Tuple[Optional[int], str, Optional[Outcome]]


def _plt() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("plots need matplotlib: pip install 'ia87[plot]'") from None
    return plt


def _columns(table: Any) -> Dict[str, List[Any]]:
    """Any table (pyarrow, pandas, polars, a dict of lists) as a dict of lists."""
    if isinstance(table, dict):
        return {k: list(v) for k, v in table.items()}
    if hasattr(table, "to_pydict"):  # pyarrow
        return dict(table.to_pydict())
    if type(table).__module__.startswith("polars"):
        return dict(table.to_dict(as_series=False))
    if hasattr(table, "to_dict"):  # pandas
        return {k: list(v) for k, v in table.to_dict("list").items()}
    if hasattr(table, "__arrow_c_stream__"):
        import pyarrow as pa

        return dict(pa.table(table).to_pydict())
    raise TypeError(f"expected a table, got {type(table).__name__}")


def timeline_steps(case: Any, case_id: Optional[str] = None) -> List[Step]:
    """The steps of one case, from any of:

    - a case file (a path ending in ``.case``; its case `case_id`, or its
      first case);
    - the lines of a case (a list of str in the case language);
    - an event table of one case (columns ``at, verb`` and ``keys`` or
      ``args``; filtered on ``case_id`` when given);
    - steps already made: ``(utc_seconds, verb, Outcome)`` tuples.
    """
    if isinstance(case, (str, os.PathLike)) and os.fspath(case).endswith(".case"):
        from ._files import case_file_events

        t = case_file_events(case)
        ids = [c for c in t["case_id"] if c]
        want = case_id or (ids[0] if ids else "")
        keep = [i for i, c in enumerate(t["case_id"]) if c == want]
        if not keep:
            raise ValueError(f"no case {want!r} in {os.fspath(case)}")
        lines = [(" ".join(x for x in (t["at"][i], t["verb"][i], t["args"][i]) if x))
                 for i in keep]
        return _replay(lines)
    if isinstance(case, (list, tuple)) and case and all(isinstance(x, str) for x in case):
        return _replay(list(case))
    if isinstance(case, (list, tuple)) and all(isinstance(x, tuple) and len(x) == 3 for x in case):
        return list(case)
    t = _columns(case)
    if case_id is not None and "case_id" in t:
        keep = [i for i, c in enumerate(t["case_id"]) if c == case_id]
        t = {k: [v[i] for i in keep] for k, v in t.items()}
    keys = t.get("keys", t.get("args", [""] * len(t["verb"])))
    lines = []
    for at, verb, k in zip(t["at"], t["verb"], keys):
        if isinstance(at, datetime):
            at = at.isoformat()
        lines.append(" ".join(str(x) for x in (at, verb, k) if x))
    return _replay(lines)


def _replay(lines: Sequence[str]) -> List[Step]:
    c = Case()
    steps: List[Step] = []
    for line in lines:
        kind, _ = _native.line_kind(line)
        if kind in ("blank", "header", "case", "expect"):
            continue
        verb = line.split()[1] if kind == "event" else kind
        at = _native.parse_time(line.split()[0]) if kind == "event" else None
        try:
            steps.append((at, verb, c.apply_line(line)))
        except Rejected:
            steps.append((at, verb, None))
    return steps


def _first_case(case: Any) -> Optional[str]:
    if isinstance(case, (str, os.PathLike)) and os.fspath(case).endswith(".case"):
        from ._files import case_file_events

        return next((c for c in case_file_events(case)["case_id"] if c), None)
    return None


def _local(seconds: int, zone: str) -> Tuple[datetime, int]:
    """Wall-clock New Zealand time (naive, for the axis) and its offset."""
    _, offset = _native.local_time(seconds, zone)
    return datetime(1970, 1, 1) + timedelta(seconds=seconds + offset), offset


def _offset_name(offset: int, zone: str) -> str:
    h, m = divmod(abs(offset) // 60, 60)
    label = {43200: "NZST", 46800: "NZDT", 45900: "CHAST", 49500: "CHADT"}.get(offset, "")
    return f"{label} +{h:02d}:{m:02d}".strip()


def plot_timeline(case: Any, *, case_id: Optional[str] = None, title: Optional[str] = None,
                  ax: Any = None) -> Any:
    """One case on a time line in New Zealand local time (see the module
    documentation; `case` as `timeline_steps` takes it)."""
    plt = _plt()
    steps: List[Tuple[int, str, Optional[Outcome]]] = [
        (t, verb, o) for t, verb, o in timeline_steps(case, case_id) if t is not None]
    if not steps:
        raise ValueError("the case has no event with a time")
    zone = next((o.zone for _, _, o in steps if o is not None), "mainland")
    fig = ax.figure if ax is not None else plt.figure(figsize=(12, 5.2))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    t0 = min(s[0] for s in steps)
    last = max(s[0] for s in steps)
    deadlines: Dict[Tuple[str, int], Tuple[int, Any]] = {}
    for at, _, o in steps:
        for d in (o.deadlines if o else ()):
            deadlines.setdefault((d.name, d.due_utc), (at, d))
        for f in (o.findings if o else ()):
            last = max(last, f.at_utc)
    # The view: the events and findings, and the deadlines due within three
    # days after them; later ones run to the right edge with their date.
    t_end = max([last] + [k[1] for k in deadlines if k[1] <= last + 3 * 86400]
                + [v[1].due_strict_utc or 0 for k, v in deadlines.items()
                   if k[1] <= last + 3 * 86400])
    pad = max(3 * 3600, (t_end - t0) // 12)
    lo, hi = t0 - pad, t_end + pad
    x = lambda s: _local(min(max(s, lo), hi), zone)[0]  # noqa: E731
    # Rows, bottom to top: events, custody, deadlines, findings.
    y_events, y_custody, y_findings = 0, 1, 2
    names = sorted({k[0] for k in deadlines})
    y_deadline = {n: 3 + i for i, n in enumerate(names)}
    # Custody periods: each span between two steps in a custody state.
    for (a, _, o), (b, _, _) in zip(steps, steps[1:] + [(hi, "", None)]):
        state = next((s.split(".", 1)[1] for s in (o.states if o else ()) if s.startswith("border.")),
                     None)
        if state in CUSTODY and b > a:
            ax.barh(y_custody, x(b) - x(a), left=x(a), height=0.5, color=CUSTODY[state],
                    alpha=0.75, label=state)
    # Events.
    for i, (at, verb, o) in enumerate(steps):
        ax.plot([x(at)], [y_events], marker="|" if o else "x", markersize=14,
                color="black" if o else "red")
        ax.annotate(verb, (x(at), y_events), xytext=(0, 10 + 9 * (i % 3)),
                    textcoords="offset points", ha="center", fontsize=7,
                    color="black" if o else "red")
    # Deadlines: from when they opened to when they fall due; the strict
    # (elapsed) reading as a hollow marker where it differs.
    for (name, due), (opened, d) in sorted(deadlines.items(), key=lambda kv: kv[0][1]):
        y = y_deadline[name]
        ax.plot([x(opened), x(due)], [y, y], color="#2ca02c", lw=1.5)
        ax.plot([x(due)], [y], marker="D", color="#2ca02c", label="due (settled reading)")
        if d.due_strict_utc is not None and d.due_strict_utc != due:
            ax.plot([x(d.due_strict_utc)], [y], marker="D", mfc="none", color="#2ca02c",
                    label="due (strict reading)")
        beyond = due > hi
        ax.annotate(f"{'→ ' if beyond else ''}{d.due:%d %b %H:%M} {d.rule}", (x(due), y),
                    xytext=(-4 if beyond else 4, 5), textcoords="offset points", fontsize=7,
                    ha="right" if beyond else "left")
    # Findings.
    for _, _, o in steps:
        for f in (o.findings if o else ()):
            ax.plot([x(f.at_utc)], [y_findings], marker="*", markersize=13,
                    color=SEVERITY_COLOURS.get(f.severity, "black"), label=f.severity)
            ax.annotate(f"{f.code} ({f.rule})", (x(f.at_utc), y_findings), xytext=(5, 5),
                        textcoords="offset points", fontsize=8)
    # Offset changes inside the span: hourly samples of the core's offset.
    prev = _native.local_time(lo, zone)[1]
    for s in range(lo - lo % 3600 + 3600, hi, 3600):
        off = _native.local_time(s, zone)[1]
        if off != prev:
            wall = x(s)
            ax.axvline(wall, color="#17becf", ls="--", lw=1)
            ax.annotate(f"{_offset_name(prev, zone)} → {_offset_name(off, zone)}\n"
                        "(clocks change)", (wall, 0.02), xycoords=("data", "axes fraction"),
                        xytext=(4, 2), textcoords="offset points", fontsize=8,
                        color="#17becf", va="bottom")
            prev = off
    ax.set_yticks([y_events, y_custody, y_findings] + [y_deadline[n] for n in names])
    ax.set_yticklabels(["events", "custody", "findings"] + [f"deadline: {n}" for n in names])
    ax.set_ylim(-0.8, 3 + len(names))
    ax.set_xlim(x(lo), x(hi))
    first = _local(t0, zone)[1]
    ax.set_xlabel(f"New Zealand local time ({zone}; {_offset_name(first, zone)} at the start)")
    ax.grid(axis="x", alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    seen: Dict[str, Any] = {}
    for h, lab in zip(handles, labels):
        seen.setdefault(lab, h)
    if seen:
        ax.legend(seen.values(), seen.keys(), loc="upper center", fontsize=7,
                  ncol=len(seen), bbox_to_anchor=(0.5, -0.2), frameon=False)
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    ax.set_title(title or f"Case {case_id or _first_case(case) or ''}".strip())
    fig.tight_layout()
    return fig


def plot_findings(findings: Any, *, top: int = 8, title: Optional[str] = None) -> Any:
    """Findings by code (the 15 most frequent, bars coloured by severity) and per month in New
    Zealand local time (the `top` most frequent codes stacked, the rest as
    "other"). `findings` is the findings table of `ia87.audit` (pyarrow,
    pandas, polars), an `AuditResult`, or `replay_events`' result."""
    plt = _plt()
    if hasattr(findings, "findings") and not hasattr(findings, "columns"):
        findings = findings.findings
    t = _columns(findings)
    codes, severities = t["code"], t["severity"]
    local = t.get("at_local") or t["at"]
    months = [str(s)[:7] for s in local]
    by_code = Counter(zip(codes, severities))
    totals = Counter(codes)
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.2),
                                      gridspec_kw={"width_ratios": [1, 1.6]})
    order = [c for c, _ in totals.most_common(15)]
    rest = sum(totals.values()) - sum(totals[c] for c in order)
    sev_order = list(SEVERITY_COLOURS)
    lefts = [0] * len(order)
    for sev in sev_order:
        vals = [by_code[(c, sev)] for c in order]
        if any(vals):
            left.barh(order, vals, left=lefts, color=SEVERITY_COLOURS[sev], label=sev)
            lefts = [a + b for a, b in zip(lefts, vals)]
    if rest:
        left.barh([f"{len(totals) - len(order)} other codes"], [rest], color="#c7c7c7")
    left.invert_yaxis()
    left.tick_params(axis="y", labelsize=8)
    left.set_xlabel("findings")
    left.set_title("By code and severity")
    left.legend(fontsize=8)
    keep = set(order[:top])
    per: Dict[str, Counter] = defaultdict(Counter)
    for m, c in zip(months, codes):
        per[c if c in keep else "other"][m] += 1
    all_months = sorted({m for m in months})
    xs = [datetime(int(m[:4]), int(m[5:7]), 1) for m in all_months]
    bottom = [0] * len(xs)
    cmap = plt.get_cmap("tab10")
    for i, c in enumerate([c for c in order[:top]] + (["other"] if "other" in per else [])):
        ys = [per[c][m] for m in all_months]
        right.bar(xs, ys, width=25, bottom=bottom, color=cmap(i % 10), label=c)
        bottom = [a + b for a, b in zip(bottom, ys)]
    right.set_ylabel("findings per month")
    right.set_title("Per month (New Zealand local time)")
    right.legend(fontsize=7, ncol=2)
    fig.autofmt_xdate()
    fig.suptitle(title or f"{len(codes):,} findings")
    fig.tight_layout()
    return fig
