"""The oversight report of out-of-hours operations (2023 policy), by nationality.

The counting and the rendering are the `ia87-report` crate's, the same code as
``ia87 audit FILE --report ooh``.
"""

from __future__ import annotations

import datetime
import json
import math
import warnings
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _native
from ._case import Rejected

__all__ = ["report_ooh"]

_DIRECTIVES = ("person", "config", "policy")


def _cell_time(v: Any, row: int) -> Optional[str]:
    """An ``at`` cell as RFC 3339 text with its offset (None when empty)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, str):
        return v or None
    if isinstance(v, bool):
        raise TypeError(f"row {row}: at: expected a time, got {v!r}")
    if isinstance(v, int):
        return str(_native.local_time(v, "mainland")[0])
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None or v.utcoffset() is None:
            raise TypeError(f"row {row}: at: a naive datetime has no UTC offset")
        return v.isoformat()
    iso = getattr(v, "isoformat", None)  # pandas Timestamp
    if callable(iso) and getattr(v, "tzinfo", None) is not None:
        return str(iso())
    raise TypeError(f"row {row}: at: expected an RFC 3339 string, an aware datetime or UTC seconds")


def _rows(events: Any, names: Tuple[str, str, str, str]) -> List[Tuple[Any, Any, Any, Any]]:
    """The rows of `events`: a table (pandas or polars DataFrame, pyarrow Table,
    dict of columns) or a sequence of 4-tuples or dicts."""
    case_id, at, verb, args = names
    if isinstance(events, dict) or hasattr(events, "columns") or hasattr(events, "column_names"):
        cols = []
        for name in names:
            try:
                col = events[name]
            except (KeyError, IndexError, TypeError):
                if name == args:
                    cols.append(None)
                    continue
                raise KeyError(f"events has no column {name!r}") from None
            for method in ("to_pylist", "tolist", "to_list"):
                f = getattr(col, method, None)
                if callable(f):
                    col = f()
                    break
            cols.append(list(col))
        n = len(cols[0])
        if cols[3] is None:
            cols[3] = [None] * n
        return list(zip(*cols))
    out = []
    for r in events:
        if isinstance(r, dict):
            out.append((r.get(case_id), r.get(at), r.get(verb), r.get(args)))
        else:
            t = tuple(r)
            if len(t) not in (3, 4):
                raise ValueError("a row is (case_id, at, verb[, args])")
            out.append(t if len(t) == 4 else t + (None,))
    return out


def report_ooh(
    events: Union[Any, Sequence[Any]],
    *,
    format: str = "json",
    errors: str = "collect",
    case_id: str = "case_id",
    at: str = "at",
    verb: str = "verb",
    args: str = "args",
) -> Union[Dict[str, Any], str]:
    """The out-of-hours oversight report over an event table: operations in
    and out of hours, by nationality (``person nationality=``), by
    authorisation outcome and by policy version, with children present.

    `events` is a pandas or polars DataFrame, a pyarrow Table, a dict of
    columns, or a sequence of ``(case_id, at, verb, args)`` tuples or dicts:
    the table ``ia87 audit`` reads. ``args`` is the rest of the line
    (``key=value …``); ``at`` an RFC 3339 string with its offset, an aware
    datetime or UTC seconds (ignored on ``person``/``config``/``policy`` rows).

    Returns a dict for ``format="json"`` (keys ``cases``,
    ``cases_without_operation``, ``total``, ``by_nationality``,
    ``by_outcome``, ``by_version``), else the CSV or text. Rejected rows
    leave their case as it was: with ``errors="raise"`` the first raises
    `Rejected`; by default a warning counts them.
    """
    if format not in ("json", "csv", "text"):
        raise ValueError('format is "json", "csv" or "text"')
    if errors not in ("collect", "raise"):
        raise ValueError('errors is "collect" or "raise"')
    ids: List[str] = []
    ats: List[Optional[str]] = []
    verbs: List[str] = []
    rest: List[Optional[str]] = []
    for i, (c, t, v, a) in enumerate(_rows(events, (case_id, at, verb, args))):
        ids.append("" if c is None else str(c))
        verbs.append("" if v is None else str(v))
        ats.append(None if str(v) in _DIRECTIVES else _cell_time(t, i))
        empty = a is None or (isinstance(a, float) and math.isnan(a))
        rest.append(None if empty else str(a))
    text, rejected = _native.report_ooh(ids, ats, verbs, rest, format)
    if rejected:
        if errors == "raise":
            row, cid, code, message = rejected[0]
            raise Rejected(code, None, message, 0, row=row, case_id=cid)
        warnings.warn(f"report_ooh: {len(rejected)} rows rejected (first: row {rejected[0][0]}, "
                      f"{rejected[0][2]}: {rejected[0][3]})", stacklevel=2)
    return json.loads(text) if format == "json" else str(text)
