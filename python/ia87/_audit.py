"""`audit`: an event table in Arrow, findings and rejected rows out in Arrow."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Iterator, Optional, Sequence, Union

from . import _native

__all__ = ["AuditResult", "audit", "as_arrow"]

OUTPUTS = ("pyarrow", "pandas", "polars", "arrow")


def _is_pandas(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] == "pandas" and hasattr(obj, "columns")


def _pyarrow(why: str) -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise ImportError(f"{why} needs pyarrow: pip install 'ia87[arrow]'") from None
    return pyarrow


def as_arrow(events: Any) -> Any:
    """`events` as an object the extension reads through the Arrow PyCapsule
    interface, without a copy where the source allows it:

    - anything with ``__arrow_c_stream__`` or ``__arrow_c_array__`` (a pyarrow
      Table, RecordBatch or RecordBatchReader, a polars DataFrame, a DuckDB
      relation, …) as it is;
    - a pandas DataFrame through ``pyarrow.Table.from_pandas(df,
      preserve_index=False)`` (its own capsule would add the index as a
      column; columns that pandas already holds in Arrow are not copied);
    - a dict of columns through ``pyarrow.table``.
    """
    if _is_pandas(events):
        pa = _pyarrow("a pandas DataFrame")
        return pa.Table.from_pandas(events, preserve_index=False)
    if hasattr(events, "__arrow_c_stream__") or hasattr(events, "__arrow_c_array__"):
        return events
    if isinstance(events, dict):
        return _pyarrow("a dict of columns").table(events)
    for method in ("fetch_record_batch", "to_arrow"):  # older DuckDB, others
        f = getattr(events, method, None)
        if callable(f):
            return f()
    raise TypeError(
        f"{type(events).__name__} is not an event table: pass a pyarrow Table or "
        "RecordBatchReader, a polars or pandas DataFrame, a DuckDB relation, or a dict of columns"
    )


def _convert(table: Any, output: str) -> Any:
    if output == "arrow":
        return table
    if output == "polars":
        try:
            import polars  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            raise ImportError("output='polars' needs polars: pip install 'ia87[polars]'") from None
        return polars.DataFrame(table)
    pa = _pyarrow(f"output={output!r}")
    t = pa.table(table)
    return t.to_pandas() if output == "pandas" else t


@dataclasses.dataclass(frozen=True)
class AuditResult:
    """What `audit` returns. Unpacks as ``findings, rejected``.

    - `findings`: one row per finding, in input-row order: ``case_id``,
      ``row`` (0-based position of the input row that produced it), ``at``
      (``timestamp[s, tz=UTC]``), ``at_local`` (the canonical New Zealand
      local text, with the offset in force in the case's zone), ``severity``,
      ``code``, ``rule`` and ``message`` (the rule's summary); the last four
      dictionary-encoded (categoricals in pandas and polars).
    - `rejected`: every row the engine refused or could not read, in
      input-row order: ``case_id`` (null when the row has no valid case id),
      ``row``, ``column`` (the input column at fault; null when the engine
      refused the event as a whole, ``keys`` when a required key is
      missing), ``code``, ``rule`` (or null), ``message`` and ``position``
      (1-based byte in the cell, or null). A rejected row leaves its case
      unchanged; the replay goes on.
    - `cases` (with ``final_state=True``, else None): one row per case, in
      order of first appearance: ``case_id, rows, rejected, findings,
      last_at, zone, status`` and the final state of ``border``,
      ``eligibility`` and ``transit`` (null when the machine is not active).
    - `stats`: ``rows, cases, threads, grouped, batches`` and the seconds of
      each phase (``seconds_import``, ``seconds_group``, ``seconds_replay``,
      ``seconds_output``).
    """

    findings: Any
    rejected: Any
    cases: Optional[Any]
    stats: Dict[str, Any]

    def __iter__(self) -> Iterator[Any]:
        return iter((self.findings, self.rejected))

    @property
    def rows(self) -> int:
        return int(self.stats["rows"])

    @property
    def seconds(self) -> float:
        """Time spent inside the extension (import, grouping, replay, output)."""
        s = self.stats
        return float(s["seconds_import"] + s["seconds_group"] + s["seconds_replay"]
                     + s["seconds_output"])

    @property
    def events_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


def audit(
    events: Any,
    *,
    keys: Union[None, str, Sequence[str]] = None,
    final_state: bool = False,
    case_id: str = "case_id",
    at: str = "at",
    verb: str = "verb",
    threads: Optional[int] = None,
    output: str = "pyarrow",
) -> AuditResult:
    """Replays every case of an event table and returns its findings.

    `events` is anything that speaks the Arrow C data interface — a pyarrow
    Table or RecordBatchReader, a polars DataFrame, a DuckDB relation — or a
    pandas DataFrame or a dict of columns (see `as_arrow`). It is read
    without copying its columns. One row is one line of a case:

    - ``case_id``: text, a bare token of at most 32 bytes;
    - ``at``: an Arrow timestamp with a time zone (any unit; whole seconds),
      or RFC 3339 text with its offset; null for ``person``, ``config`` and
      ``policy`` rows;
    - ``verb``: a verb of the case language, or ``person``, ``config``,
      ``policy``;
    - the keys: a ``keys`` (or ``args``) column of ``key=value …`` text,
      and/or one column per key, named as the key (``by``, ``basis``,
      ``place``, …), where null (or empty text) is an absent key; booleans
      are written yes/no, whole numbers and dates as the case language writes
      them.

    `keys=None` takes every other column as a key source, and a column that is
    neither a key nor ``keys``/``args`` is an error that names it; a name or
    a list of names chooses the key sources (a name that is not a key of the
    case language is then a ``key=value …`` text column) and leaves the other
    columns out. `case_id`, `at` and `verb` rename those columns.

    Every cell is validated for its column (``ia87_core::lang::cells``). The
    rows of one case are replayed in the order given, so give each case's
    rows in time order; cases may interleave (they are grouped by a stable
    sort, which costs 8 bytes a row; input already grouped by ``case_id``
    needs none). Cases are replayed in parallel on `threads` threads (default:
    every core) without the GIL.

    Returns an `AuditResult` whose tables are pyarrow Tables (`output`
    ``"pyarrow"``), pandas or polars DataFrames (``"pandas"``,
    ``"polars"``), or the extension's Arrow tables (``"arrow"``: objects with
    ``__arrow_c_stream__``, no dependency).
    """
    if output not in OUTPUTS:
        raise ValueError(f"output is one of {', '.join(OUTPUTS)}")
    if threads is not None and threads < 1:
        raise ValueError("threads must be at least 1")
    if isinstance(keys, str):
        keys = [keys]
    elif keys is not None:
        keys = [str(k) for k in keys]
    source = as_arrow(events)
    f, r, c, stats = _native.audit_arrow(source, case_id, at, verb, keys, final_state, threads)
    return AuditResult(
        _convert(f, output),
        _convert(r, output),
        None if c is None else _convert(c, output),
        dict(stats),
    )
