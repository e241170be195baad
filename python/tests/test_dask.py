"""`ia87.dask.audit` on a `distributed.LocalCluster` with several worker
processes: the cases are partitioned by case_id (the input's partitions
split cases on purpose) and the result agrees row for row with
`ia87.audit` on the same table in one piece."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

import ia87

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def events() -> Any:
    # Cases interleaved at random: every input partition holds pieces of
    # many cases, so a replay per input partition would be wrong.
    t = ia87.synth.s128_events(3_000, seed=3, interleave=True)
    t["keys"][5] = "colour=red"          # a rejected row
    t["case_id"][7] = None               # a row without a case
    return pd.DataFrame(t)


def sort(df: Any) -> Any:
    return df.sort_values(["row"], kind="stable").reset_index(drop=True)


def test_dask_agrees_row_for_row(client: Any, events: Any) -> None:
    ddf = dd.from_pandas(events, npartitions=6)
    assert len(client.scheduler_info()["workers"]) == 3
    findings, rejected, cases = ia87.dask.audit_tables(ddf, final_state=True, npartitions=4)
    f, r, c = (x.compute() for x in (findings, rejected, cases))
    one = ia87.audit(events, final_state=True, output="pandas")
    assert len(one.findings) > 500
    pd.testing.assert_frame_equal(sort(f), sort(one.findings))
    pd.testing.assert_frame_equal(sort(r), sort(one.rejected))
    codes = dict(zip(r["row"], r["code"]))
    assert codes[5] == "unknown-key" and codes[7] == "no-case"
    pd.testing.assert_frame_equal(
        c.sort_values("case_id").reset_index(drop=True),
        one.cases.sort_values("case_id").reset_index(drop=True),
    )
    # The one-call form gives the findings.
    pd.testing.assert_frame_equal(sort(ia87.dask.audit(ddf).compute()), sort(one.findings))


def test_dask_rejects_what_is_not_a_frame() -> None:
    with pytest.raises(TypeError, match="dask DataFrame"):
        ia87.dask.audit(pd.DataFrame({"case_id": []}))
