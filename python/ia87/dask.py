"""`ia87.audit` on a Dask DataFrame, one partition per task, on a laptop or a
cluster (needs ``ia87[dask]``).

A case must never be split across partitions, and its rows must keep their
order. So the frame is numbered (each row gets its position in the whole
frame), shuffled on ``case_id`` (every row of a case lands in one partition),
and each partition is put back in input order before `ia87.audit` replays it
on the worker. The findings' ``row`` is the position in the whole input, so
the result is row for row the one `ia87.audit` gives on the same table in one
piece.

    import dask.dataframe as dd, ia87.dask
    from dask.distributed import Client

    client = Client("tcp://scheduler:8786")      # or Client() for a local cluster
    events = dd.read_parquet("s3://bucket/events/")
    findings = ia87.dask.audit(events)           # a Dask DataFrame
    findings[findings.code == "no-warrant-48h"].case_id.nunique().compute()
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple, Union

try:
    import dask
    import dask.dataframe as dd
    import pandas as pd
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(f"ia87.dask needs dask[dataframe] and pandas: pip install 'ia87[dask]' ({e})") from None

from ._audit import audit as _audit

__all__ = ["audit", "audit_tables"]

ROW = "__ia87_row"

Keys = Union[None, str, Sequence[str]]


def _numbered(ddf: Any) -> Any:
    """`ddf` with a column of each row's position in the whole frame."""
    lengths = ddf.map_partitions(len).compute()
    offsets = [0]
    for n in lengths:
        offsets.append(offsets[-1] + int(n))

    def number(part: Any, partition_info: Optional[dict] = None) -> Any:
        i = partition_info["number"] if partition_info else 0
        part = part.copy()
        part[ROW] = range(offsets[i], offsets[i] + len(part))
        return part

    meta = ddf._meta.assign(**{ROW: pd.Series(dtype="int64")})
    return ddf.map_partitions(number, meta=meta)


def _empty_tables(keys: Keys, case_id: str, at: str, verb: str, final_state: bool,
                  sample: Any) -> Tuple[Any, Any, Any]:
    """Empty frames with the result's columns and dtypes (Dask's `meta`)."""
    r = _audit(sample.iloc[:0], keys=keys, case_id=case_id, at=at, verb=verb,
               final_state=True, output="pandas")
    return r.findings, r.rejected, r.cases if final_state else None


def _audit_part(part: Any, keys: Keys, case_id: str, at: str, verb: str, final_state: bool,
                threads: Optional[int]) -> Tuple[Any, Any, Any]:
    part = part.sort_values(ROW, kind="stable")
    rows = part[ROW].to_numpy()
    r = _audit(part.drop(columns=[ROW]), keys=keys, case_id=case_id, at=at, verb=verb,
               final_state=final_state, threads=threads, output="pandas")
    f, rej = r.findings, r.rejected
    f["row"] = rows[f["row"].to_numpy()] if len(f) else f["row"]
    rej["row"] = rows[rej["row"].to_numpy()] if len(rej) else rej["row"]
    return f, rej, r.cases


def audit_tables(
    ddf: Any,
    *,
    keys: Keys = None,
    final_state: bool = False,
    case_id: str = "case_id",
    at: str = "at",
    verb: str = "verb",
    npartitions: Optional[int] = None,
    threads: Optional[int] = 1,
) -> Tuple[Any, Any, Optional[Any]]:
    """`(findings, rejected, cases)` as Dask DataFrames (`cases` is None
    without `final_state`), computed from one shuffle and one replay per
    partition (compute them together: ``dask.compute(findings, rejected)``).
    The columns are those of `ia87.audit`; `row` is the position in the whole
    input. `npartitions` sets the number of partitions after the shuffle
    (default: as many as the input has). `threads` is the threads each
    partition's replay uses (default 1: Dask runs partitions in parallel)."""
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, got {type(ddf).__name__}")
    if case_id not in ddf.columns:
        raise ValueError(f"no column {case_id!r} in the frame (its columns: {list(ddf.columns)})")
    numbered = _numbered(ddf)
    by_case = numbered.shuffle(on=case_id, npartitions=npartitions or ddf.npartitions)
    meta = _empty_tables(keys, case_id, at, verb, final_state, ddf._meta)
    parts = [
        dask.delayed(_audit_part, nout=3)(p, keys, case_id, at, verb, final_state, threads)
        for p in by_case.to_delayed()
    ]
    findings = dd.from_delayed([p[0] for p in parts], meta=meta[0], verify_meta=False)
    rejected = dd.from_delayed([p[1] for p in parts], meta=meta[1], verify_meta=False)
    cases = (dd.from_delayed([p[2] for p in parts], meta=meta[2], verify_meta=False)
             if final_state else None)
    return findings, rejected, cases


def audit(
    ddf: Any,
    *,
    keys: Keys = None,
    case_id: str = "case_id",
    at: str = "at",
    verb: str = "verb",
    npartitions: Optional[int] = None,
    threads: Optional[int] = 1,
) -> Any:
    """The findings of every case in `ddf` as a Dask DataFrame (see the
    module documentation and `audit_tables`, which also gives the rejected
    rows and the final states)."""
    return audit_tables(ddf, keys=keys, case_id=case_id, at=at, verb=verb,
                        npartitions=npartitions, threads=threads)[0]
