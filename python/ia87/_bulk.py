"""Bulk replay of many cases from columnar data."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

from . import _native
from ._case import Rejected

__all__ = [
    "ReplayResult",
    "cases_frame",
    "findings_frame",
    "rejected_frame",
    "replay_events",
    "replay_frame",
]

#: A table as a dict of equal-length lists (column name -> values).
Table = Dict[str, List[Any]]


def _column(values: Any, name: str) -> List[Any]:
    """Any column-like object as a plain list, converting arrays in one call."""
    if isinstance(values, list):
        return values
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name}: expected a column (a sequence of values), got a single {type(values).__name__}")
    if isinstance(values, tuple):
        return list(values)
    dtype = getattr(values, "dtype", None)
    kind = getattr(dtype, "kind", None)
    if kind == "M" and not hasattr(values, "dt"):
        # A bare numpy datetime64 array: it carries no UTC offset.
        raise TypeError(
            f"{name}: numpy datetime64 values have no UTC offset; pass RFC 3339 strings "
            "with an offset, aware datetimes, or int UTC seconds"
        )
    for method in ("to_pylist", "tolist", "to_list"):
        f = getattr(values, method, None)
        if callable(f):
            out = f()
            if isinstance(out, list):
                return out
    try:
        return list(values)
    except TypeError:
        raise TypeError(f"{name}: expected a column (a sequence of values), got {type(values).__name__}") from None


def _joined(values: List[Any]) -> Any:
    """A column of str only, as one ``\\n``-joined str (the extension then reads
    it with one conversion instead of one per cell); any other column as it
    is. A value holding a newline keeps the column a list."""
    if not values:
        return values
    try:
        s = "\n".join(values)
    except TypeError:  # not all str
        return values
    return s if s.count("\n") == len(values) - 1 else values


@dataclasses.dataclass(frozen=True)
class ReplayResult:
    """What `replay_events` returns. Unpacks as ``findings, rejected``.

    - `findings`: ``case_id, row, at, at_utc, severity, code, rule`` — one
      entry per finding, in input-row order (`row` is the 0-based position of
      the input row that produced it; `at` is the canonical New Zealand local
      timestamp, `at_utc` UTC seconds).
    - `rejected`: ``case_id, row, code, rule, message, column, line`` — every
      row the engine refused or could not read (`line` is the case-language
      line built from the row, empty when a cell could not be read). A
      rejected row leaves its case unchanged; the replay goes on.
    - `cases`: one entry per case, in order of first appearance: ``case_id,
      rows, rejected, findings, last_at, status`` (the final status) and the
      final state of the other machines: ``border``, ``eligibility``,
      ``transit`` (None when the machine is not active).
    - `stats`: ``rows, cases, threads, seconds_read, seconds_replay,
      seconds_tables``.
    """

    findings: Table
    rejected: Table
    cases: Table
    stats: Dict[str, Any]

    def __iter__(self) -> Iterator[Table]:
        return iter((self.findings, self.rejected))

    @property
    def rows(self) -> int:
        return int(self.stats["rows"])

    @property
    def seconds(self) -> float:
        """Wall time of the call (reading the columns, replay, building tables)."""
        s = self.stats
        return float(s["seconds_read"] + s["seconds_replay"] + s["seconds_tables"])

    @property
    def events_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    def findings_frame(self) -> Any:
        return findings_frame(self)

    def rejected_frame(self) -> Any:
        return rejected_frame(self)

    def cases_frame(self) -> Any:
        return cases_frame(self)


def replay_events(
    case_ids: Sequence[Any],
    timestamps: Sequence[Any],
    verbs: Sequence[Any],
    args: Optional[Sequence[Any]] = None,
    *,
    progress: Optional[Callable[[int, int], Any]] = None,
    progress_every: int = 100_000,
    threads: Optional[int] = None,
    errors: str = "collect",
) -> ReplayResult:
    """Replays many cases in one call from four columns of equal length.

    Each row is one line of the case language: ``AT VERB ARGS`` (``ARGS`` is
    the rest of the line, ``key=value …``; ``VERB`` may be ``tick``), or
    ``VERB ARGS`` for ``config``, ``person`` and ``policy`` rows, whose time
    is ignored. Rows are grouped by case id and replayed in input order
    within each case; cases may interleave.

    Columns may be lists, tuples, numpy arrays, pandas or polars Series, or
    pyarrow arrays. A time is an RFC 3339 string with an explicit offset, an
    aware ``datetime`` / pandas ``Timestamp``, or an int of UTC seconds; a
    naive datetime is rejected (no offset). Missing ``args`` (None, NaN) are
    empty.

    The loop runs in Rust without the GIL, on `threads` threads (default: the
    machine's cores). `progress(rows_done, rows_total)` is called about every
    `progress_every` rows and at the end; it may raise to stop the run.
    With ``errors="raise"`` the first rejected row (by row number) raises
    `Rejected` (with `row` and `case_id`) after the replay; by default
    rejected rows are returned in `ReplayResult.rejected`.
    """
    if errors not in ("collect", "raise"):
        raise ValueError('errors is "collect" or "raise"')
    ids = _column(case_ids, "case_ids")
    ats = _column(timestamps, "timestamps")
    vs = _column(verbs, "verbs")
    rest = [""] * len(ids) if args is None else _column(args, "args")
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable (rows_done, rows_total)")
    if progress_every < 1:
        raise ValueError("progress_every must be at least 1")
    if threads is not None and threads < 1:
        raise ValueError("threads must be at least 1")
    out = _native.replay_events(
        _joined(ids), _joined(ats), _joined(vs), _joined(rest),
        progress, progress_every, threads,
    )
    result = ReplayResult(out["findings"], out["rejected"], out["cases"], out["stats"])
    rej = result.rejected
    if errors == "raise" and rej["row"]:
        i = 0  # the table is in row order
        raise Rejected(
            rej["code"][i], rej["rule"][i], rej["message"][i], rej["column"][i],
            line=rej["line"][i] or None, row=rej["row"][i], case_id=rej["case_id"][i],
        )
    return result


def _has(frame: Any, name: str) -> bool:
    if isinstance(frame, dict):
        return name in frame
    # pyarrow: column_names (its .columns are the arrays); pandas, polars: columns
    cols = getattr(frame, "column_names", None)
    if cols is None:
        cols = getattr(frame, "columns", None)
    return cols is not None and name in list(cols)


def replay_frame(
    frame: Any,
    *,
    case_id: str = "case_id",
    at: str = "at",
    verb: str = "verb",
    args: str = "args",
    **kwargs: Any,
) -> ReplayResult:
    """`replay_events` over the columns of a table: a pandas or polars
    DataFrame, a pyarrow Table, or a dict of lists. The `args` column may be
    absent. Keyword arguments go to `replay_events`."""
    a = frame[args] if _has(frame, args) else None
    return replay_events(frame[case_id], frame[at], frame[verb], a, **kwargs)


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise ImportError("this needs pandas: pip install pandas") from None
    return pandas


def _table(x: Any, attr: str) -> Table:
    t: Table = getattr(x, attr) if isinstance(x, ReplayResult) else x
    return t


def findings_frame(findings: Any) -> Any:
    """The findings as a pandas DataFrame (needs pandas): `at` becomes a
    UTC datetime column, `at_local` keeps the New Zealand local text, and
    `severity` (ordered, most serious first), `code` and `rule` are
    categorical. Takes a `ReplayResult` or
    its `findings` table."""
    pd = _pandas()
    t = _table(findings, "findings")
    df = pd.DataFrame({
        "case_id": t["case_id"],
        "row": pd.array(t["row"], dtype="int64"),
        "at": pd.to_datetime(pd.Series(t["at_utc"], dtype="int64"), unit="s", utc=True),
        "at_local": t["at"],
        # In the core's order, most serious first.
        "severity": pd.Categorical(t["severity"], categories=_native.names()["severity"],
                                   ordered=True),
        "code": pd.Categorical(t["code"]),
        "rule": pd.Categorical(t["rule"]),
    })
    return df


def rejected_frame(rejected: Any) -> Any:
    """The rejected rows as a pandas DataFrame (needs pandas)."""
    pd = _pandas()
    t = _table(rejected, "rejected")
    df = pd.DataFrame(t, columns=list(t.keys()))
    if len(df):
        df["code"] = pd.Categorical(df["code"])
    return df


def cases_frame(cases: Any) -> Any:
    """The per-case summary as a pandas DataFrame (needs pandas)."""
    pd = _pandas()
    t = _table(cases, "cases")
    return pd.DataFrame(t, columns=list(t.keys()))
