#!/usr/bin/env python3
"""The s 128 border-detention machine, side by side in one run: a hand-written
Python loop, pytransitions (one Machine per case, and one shared Machine),
`ia87.audit` from Arrow, pandas and polars, and the `ia87` command line, all on
the same made-up cases (`ia87.synth.s128_events`).

    .venv/bin/python python/bench/s128_bench.py                  # 100,000 cases
    .venv/bin/python python/bench/s128_bench.py --cases 20000 --only plain,audit-arrow

Each variant runs in its own process (so that its peak memory is its own),
reads the same events from a Parquet file in `--dir` (not timed), and reports
the best of `--repeat` runs of the work itself: events/s, the peak resident
memory during the timed run (sampled every 2 ms), the process's peak, and the
findings by code, which must agree across the variants (checked). The two
Python baselines implement the part of s 128 that the generated cases use:
custody before a warrant, the 48-hour warrant deadline (s 128(7)) and the
oath and reasons of a warrant application (s 128(8)).

This is a benchmark, not a test: nothing here is asserted about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = ["transitions-per-case", "transitions-shared", "plain", "audit-arrow",
            "audit-arrow-text", "audit-pandas", "audit-polars", "cli-audit", "cli-check"]
H48 = 48 * 3600


# ---------------------------------------------------------------- memory

class Peak:
    """The largest resident set size seen while running (sampled)."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.base = self.rss()
        self.peak = self.base
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self.page

    def _run(self) -> None:
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, self.rss())

    def __enter__(self) -> "Peak":
        self._t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self.rss())


# ---------------------------------------------------------------- baselines

def plain_python(ids: List[str], ats: List[str], verbs: List[str], keys: List[str]) -> Counter:
    """A dict per case and an if/else per verb."""
    cases: Dict[str, list] = {}
    found: Counter = Counter()
    parse = datetime.fromisoformat
    for cid, at, verb, k in zip(ids, ats, verbs, keys):
        t = parse(at).timestamp()
        c = cases.get(cid)
        if c is None:
            c = cases[cid] = ["start", 0.0]
        if c[0] == "custody-pre-warrant" and t > c[1]:
            found["no-warrant-48h"] += 1
            c[0] = "custody-pre-warrant-late"
        if verb == "detain":
            kv = dict(x.split("=", 1) for x in k.split())
            if kv.get("basis") == "s128":
                c[0], c[1] = "custody-pre-warrant", t + H48
        elif verb == "warrant-apply":
            kv = dict(x.split("=", 1) for x in k.split())
            if kv.get("oath") != "yes" or kv.get("reasons") != "yes":
                found["defective-warrant-application"] += 1
        elif verb == "warrant-issue":
            c[0] = "custody-warrant"
        elif verb == "depart":
            c[0] = "departed"
        elif verb == "refuse-permit":
            c[0] = "at-large"
    return found


STATES = ["start", "arrived", "presented", "applied", "at-large", "custody-pre-warrant",
          "custody-warrant", "departed"]


def transitions_spec() -> List[Dict[str, Any]]:
    return [
        {"trigger": "arrive", "source": "start", "dest": "arrived"},
        {"trigger": "present", "source": "arrived", "dest": "presented"},
        {"trigger": "apply-permit", "source": "presented", "dest": "applied"},
        {"trigger": "refuse-permit", "source": "applied", "dest": "at-large"},
        {"trigger": "detain", "source": "at-large", "dest": "custody-pre-warrant",
         "conditions": "s128_basis", "after": "start_clock"},
        {"trigger": "move", "source": "custody-pre-warrant", "dest": None},
        {"trigger": "tick", "source": "*", "dest": None},
        {"trigger": "warrant-apply", "source": "custody-pre-warrant", "dest": None,
         "after": "check_application"},
        {"trigger": "warrant-issue", "source": "custody-pre-warrant", "dest": "custody-warrant"},
        {"trigger": "depart", "source": ["custody-pre-warrant", "custody-warrant", "at-large"],
         "dest": "departed"},
    ]


class Person:
    """A pytransitions model: the s 128 states and the 48-hour clock."""

    def __init__(self, found: Counter) -> None:
        self.found = found
        self.due: Optional[float] = None

    def advance(self, t: float) -> None:
        if self.due is not None and t > self.due and self.state == "custody-pre-warrant":  # type: ignore[attr-defined]
            self.found["no-warrant-48h"] += 1
            self.due = None

    def s128_basis(self, t: float, kv: Dict[str, str]) -> bool:
        return kv.get("basis") == "s128"

    def start_clock(self, t: float, kv: Dict[str, str]) -> None:
        self.due = t + H48

    def check_application(self, t: float, kv: Dict[str, str]) -> None:
        if kv.get("oath") != "yes" or kv.get("reasons") != "yes":
            self.found["defective-warrant-application"] += 1


def run_transitions(ids: List[str], ats: List[str], verbs: List[str], keys: List[str],
                    shared: bool) -> Counter:
    from transitions import Machine

    found: Counter = Counter()
    people: Dict[str, Person] = {}
    spec = transitions_spec()
    machine = Machine(model=None, states=STATES, transitions=spec, initial="start",
                      auto_transitions=False) if shared else None
    parse = datetime.fromisoformat
    current: Optional[Person] = None
    for cid, at, verb, k in zip(ids, ats, verbs, keys):
        p = people.get(cid)
        if p is None:
            p = people[cid] = Person(found)
            if machine is not None:
                # The shared Machine holds the case being replayed: with the
                # rows grouped by case, one model at a time (Machine.add_model
                # checks every model already added, so holding all 100,000
                # makes the run quadratic).
                if current is not None:
                    machine.remove_model(current)
                machine.add_model(p)
                current = p
            else:
                Machine(model=p, states=STATES, transitions=spec, initial="start",
                        auto_transitions=False)
        t = parse(at).timestamp()
        p.advance(t)
        kv = dict(x.split("=", 1) for x in k.split())
        p.trigger(verb, t, kv)  # type: ignore[attr-defined]
    return found


# ---------------------------------------------------------------- one variant

def load(path: Path) -> Any:
    import pyarrow.parquet as pq

    return pq.read_table(path)


def variant(name: str, d: Path, repeat: int, threads: Optional[int]) -> Dict[str, Any]:
    """Runs one variant in this process; returns its figures."""
    import ia87

    typed = load(d / "events.parquet")
    rows = typed.num_rows
    prep: Callable[[], Any]
    work: Callable[[Any], Counter]
    if name in ("plain", "transitions-per-case", "transitions-shared"):
        text = load(d / "events-text.parquet").to_pydict()
        del typed
        cols = (text["case_id"], text["at"], text["verb"], text["keys"])
        prep = lambda: cols  # noqa: E731
        if name == "plain":
            work = lambda c: plain_python(*c)  # noqa: E731
        else:
            shared = name == "transitions-shared"
            work = lambda c: run_transitions(*c, shared=shared)  # noqa: E731
        input_bytes = 0
    elif name.startswith("audit"):
        if name == "audit-arrow":
            src: Any = typed
        elif name == "audit-arrow-text":
            src = load(d / "events-text.parquet")
        elif name == "audit-pandas":
            src = typed.to_pandas()
        else:
            import polars as pl

            src = pl.from_arrow(typed)
        del typed
        input_bytes = ia87.as_arrow(src).nbytes if name == "audit-pandas" else (
            src.nbytes if hasattr(src, "nbytes") else src.estimated_size())
        prep = lambda: src  # noqa: E731

        def work(s: Any) -> Counter:
            r = ia87.audit(s, threads=threads)
            work.result = r  # type: ignore[attr-defined]
            # The findings by code, counted the Arrow way (as an analyst with a
            # pyarrow table would): a Python list of every code would cost more
            # than the audit's output itself.
            counts = r.findings["code"].value_counts()
            return Counter({str(v["values"]): int(v["counts"]) for v in counts.to_pylist()})
    else:
        raise SystemExit(f"unknown variant {name}")
    best: Optional[Tuple[float, int, Counter]] = None
    if name.startswith("transitions"):
        # A minute or more a run at 100,000 cases: one run, sampled while timed.
        c = prep()
        with Peak() as m:
            t0 = time.perf_counter()
            found = work(c)
            wall = time.perf_counter() - t0
        best = (wall, m.peak - m.base, found)
        repeat = 0
    # The timed runs carry no memory sampler (its thread would take a core
    # from the replay); one more run, untimed, samples the peak.
    for _ in range(repeat):
        c = prep()
        t0 = time.perf_counter()
        found = work(c)
        wall = time.perf_counter() - t0
        if best is None or wall < best[0]:
            best = (wall, 0, found)
        del c
    assert best is not None
    if repeat:
        c = prep()
        with Peak() as m:
            found_again = work(c)
        assert found_again == best[2], "the sampled run found something else"
        best = (best[0], m.peak - m.base, best[2])
    out: Dict[str, Any] = {
        "variant": name, "rows": rows, "seconds": best[0], "events_per_second": rows / best[0],
        "run_peak_bytes": best[1],
        "process_peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "findings": dict(best[2]), "input_arrow_bytes": input_bytes,
    }
    r = getattr(work, "result", None)
    if r is not None:
        out["stats"] = r.stats
        out["findings_arrow_bytes"] = r.findings.nbytes
    return out


def cli(name: str, d: Path, repeat: int) -> Dict[str, Any]:
    binary = os.environ.get("IA87_CLI") or str(ROOT / "target" / "release" / "ia87")
    if name == "cli-audit":
        cmd = [binary, "audit", str(d / "events.csv")]
    else:
        cmd = [binary, "check", str(d / "events.case")]
    rows = int((d / "rows").read_text())
    best = None
    for _ in range(repeat):
        out = d / f"{name}.out"
        with open(out, "wb") as fh:
            t0 = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=fh,
                               stderr=subprocess.PIPE, text=True)
            wall = time.perf_counter() - t0
        if p.returncode not in (0, 2):
            raise SystemExit(f"{' '.join(cmd)} failed: {p.stderr[-2000:]}")
        kib = int(p.stderr.strip().splitlines()[-1])
        if best is None or wall < best[0]:
            best = (wall, kib)
    assert best is not None
    found: Counter = Counter()
    if name == "cli-audit":
        for line in (d / f"{name}.out").read_text().splitlines()[1:]:
            parts = line.split(",")
            if len(parts) >= 6:
                found[parts[4]] += 1
    return {"variant": name, "rows": rows, "seconds": best[0], "events_per_second": rows / best[0],
            "run_peak_bytes": best[1] * 1024, "process_peak_bytes": best[1] * 1024,
            "findings": dict(found), "input_arrow_bytes": 0}


# ---------------------------------------------------------------- driver

def prepare(d: Path, cases: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    import ia87

    text = ia87.synth.s128_events(cases)
    utc = ia87.synth.s128_events(cases, utc=True)
    pq.write_table(pa.table(text), d / "events-text.parquet")
    typed = pa.table({**utc, "at": pa.array(utc["at"], pa.timestamp("s", tz="Pacific/Auckland"))})
    pq.write_table(typed, d / "events.parquet")
    # The command line's inputs: CSV (one key=value token per cell) and a case file.
    width = max(len(k.split()) for k in text["keys"])
    with open(d / "events.csv", "w", encoding="utf-8") as f:
        f.write("case_id,at,verb" + "".join(f",k{i}" for i in range(width)) + "\n")
        for cid, at, verb, k in zip(text["case_id"], text["at"], text["verb"], text["keys"]):
            toks = k.split()
            f.write(f"{cid},{at},{verb}" + "".join("," + x for x in toks)
                    + "," * (width - len(toks)) + "\n")
    with open(d / "events.case", "w", encoding="utf-8") as f:
        f.write("ia87 1\n")
        last = None
        for cid, at, verb, k in zip(text["case_id"], text["at"], text["verb"], text["keys"]):
            if cid != last:
                f.write(f"\ncase {cid}\n")
                last = cid
            f.write(f"{at} {verb} {k}".rstrip() + "\n")
    n = len(text["case_id"])
    (d / "rows").write_text(str(n))
    return n


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", default=",".join(VARIANTS), help="comma-separated variants")
    p.add_argument("--threads", type=int, default=None, help="threads for ia87.audit (default: all)")
    p.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    p.add_argument("--variant", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.variant:  # a child process: one variant
        print(json.dumps(variant(a.variant, a.dir, a.repeat, a.threads)))
        return
    d = a.dir or Path(tempfile.mkdtemp(prefix="ia87-bench-"))
    d.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rows = prepare(d, a.cases)
    print(f"{a.cases:,} cases, {rows:,} events ({time.perf_counter() - t0:.1f} s to generate); "
          f"{os.cpu_count()} cores; best of {a.repeat}", flush=True)
    results: List[Dict[str, Any]] = []
    failed: List[str] = []
    for name in a.only.split(","):
        if name.startswith("cli"):
            r = cli(name, d, a.repeat)
        else:
            cmd = [sys.executable, __file__, "--variant", name, "--dir", str(d),
                   "--repeat", str(a.repeat)] + (["--threads", str(a.threads)] if a.threads else [])
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{name}: failed\n{out.stderr[-3000:]}", flush=True)
                failed.append(name)
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"{name:<22} {r['events_per_second']:>12,.0f} events/s  {r['seconds']:7.3f} s  "
              f"run peak +{r['run_peak_bytes'] / 2**20:6.1f} MiB  process peak "
              f"{r['process_peak_bytes'] / 2**20:6.1f} MiB  {r.get('stats', '')}", flush=True)
    by = {r["variant"]: r for r in results}
    print()
    ref = by.get("audit-arrow")
    for r in results:
        if not r["findings"]:
            continue
        agree = ref is None or r["findings"] == ref["findings"]
        if not agree:
            failed.append(r["variant"])
        print(f"{r['variant']:<22} findings {r['findings']} {'(agree)' if agree else '(DIFFER)'}")
    if ref is not None:
        print()
        for base in ("plain", "transitions-per-case", "transitions-shared", "cli-audit", "cli-check"):
            if base in by:
                print(f"audit-arrow / {base:<22} {ref['events_per_second'] / by[base]['events_per_second']:8.1f}x")
        size = ref["input_arrow_bytes"] + ref.get("findings_arrow_bytes", 0)
        print(f"audit-arrow input {ref['input_arrow_bytes'] / 2**20:.1f} MiB + findings "
              f"{ref.get('findings_arrow_bytes', 0) / 2**20:.1f} MiB; run peak "
              f"+{ref['run_peak_bytes'] / 2**20:.1f} MiB = {ref['run_peak_bytes'] / max(size, 1):.2f}x")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1))
    if a.dir is None:
        shutil.rmtree(d, ignore_errors=True)
    if failed:
        raise SystemExit(f"failed or disagreeing: {', '.join(failed)}")


if __name__ == "__main__":
    main()
