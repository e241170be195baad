#!/usr/bin/env python3
# %% [markdown]
# # Auditing case histories with ia87
#
# A notebook-style script (each `# %%` is a cell): load or build an event
# table, replay every case in one call, and answer audit questions from the
# findings table.
#
#     python examples/python/audit.py                     # synthetic population
#     python examples/python/audit.py --events my.csv     # your own event table
#     python examples/python/audit.py --no-pandas         # plain lists only
#
# An event table has the columns `case_id, at, verb, args`: `at` is an RFC 3339
# time with its offset, `verb` a verb of the case language (or `person`,
# `config`, `policy`, whose `at` is ignored), and `args` the rest of the line
# (`key=value …`). pandas and matplotlib are used when installed, never needed.
#
# The synthetic population is made up from the bundled case files: each case
# is one of those scenarios moved back by whole weeks. It is not real data.

# %%
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict

import ia87
from ia87.synth import synthetic_events

ROOT = Path(__file__).resolve().parents[2]

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--events", type=Path, help="an event table (CSV: case_id,at,verb,args)")
parser.add_argument("--rows", type=int, default=200_000, help="rows of the synthetic population")
parser.add_argument("--cases", type=int, default=20_000, help="at least this many synthetic cases")
parser.add_argument("--no-pandas", action="store_true", help="use plain lists even if pandas is installed")
parser.add_argument("--plot", type=Path, default=ROOT / "target" / "audit-timeline.png",
                    help="where to save the timeline plot (needs matplotlib)")
parser.add_argument("--no-plot", action="store_true")
args = parser.parse_args()

try:
    if args.no_pandas:
        raise ImportError
    import pandas as pd
except ImportError:
    pd = None
print(f"ia87 {ia87.__version__}; pandas: {'yes' if pd is not None else 'no (plain lists)'}")

# %% [markdown]
# ## 1. The event table

# %%
t0 = time.perf_counter()
if args.events:
    if pd is not None:
        events: Any = pd.read_csv(args.events, dtype=str, keep_default_na=False)
    else:
        with open(args.events, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        events = {k: [r.get(k, "") for r in rows] for k in ("case_id", "at", "verb", "args")}
else:
    # The bundled case files and the conformance scenarios, less the ones
    # that exist to test the parser's error messages.
    conformance = ROOT / "tests" / "conformance"
    sources = [ROOT / "examples" / "cases"] + sorted(
        d for d in conformance.iterdir() if d.is_dir() and d.name != "errors")
    table = synthetic_events(sources, rows=args.rows, min_cases=args.cases, seed=1987)
    events = pd.DataFrame(table) if pd is not None else table
n_rows = len(events["case_id"])
print(f"event table: {n_rows:,} rows, {len(set(events['case_id'])):,} cases "
      f"({time.perf_counter() - t0:.2f} s to build)")

# %% [markdown]
# ## 2. Replay every case in one call
#
# The loop runs in Rust without the GIL; the callback reports progress.

# %%
def report(done: int, total: int) -> None:
    print(f"  replayed {done:>10,} / {total:,} rows", file=sys.stderr)


result = ia87.replay_frame(events, progress=report, progress_every=max(n_rows // 4, 1))
print(f"replay: {result.rows:,} rows in {result.seconds:.2f} s "
      f"= {result.events_per_second:,.0f} events/s ({result.stats['threads']} threads); "
      f"{len(result.findings['row']):,} findings, {len(result.rejected['row']):,} rejected rows")

# %% [markdown]
# ## 3. How many people were held past 48 hours without a warrant?
#
# `no-warrant-48h` (s 128(7)): a person held under s 128 beyond 48 hours
# without a warrant of commitment is a **violation**. Under Operational Manual
# Y4.15 para 4, a s 128B detainee without a warrant 48 hours after custody
# gives a **warning** (a policy breach, rule `y4.15(4)`).

# %%
f = result.findings
violations = {c for c, code, sev in zip(f["case_id"], f["code"], f["severity"])
              if code == "no-warrant-48h" and sev == "violation"}
warnings = {c for c, code, sev in zip(f["case_id"], f["code"], f["severity"])
            if code == "no-warrant-48h" and sev == "warning"} - violations
n_cases = len(result.cases["case_id"])
print(f"\nheld past 48 hours without a warrant (no-warrant-48h violations): "
      f"{len(violations):,} people of {n_cases:,} ({100 * len(violations) / max(n_cases, 1):.1f} %)")
print(f"  and {len(warnings):,} more with a Y4.15 warning only (s 128B custody)")

# %% [markdown]
# ## 4. Findings by code and severity

# %%
if pd is not None:
    frame = ia87.findings_frame(result)
    summary = (frame.groupby(["code", "severity"], observed=True).size()
               .unstack(fill_value=0).sort_index())
    summary["total"] = summary.sum(axis=1)
    print("\nfindings by code and severity:")
    print(summary.sort_values("total", ascending=False).to_string())
    people = frame.groupby("code", observed=True)["case_id"].nunique().sort_values(ascending=False)
    print("\npeople with at least one finding, by code:")
    print(people.to_string())
else:
    counts = Counter(zip(f["code"], f["severity"]))
    severities = ia87.names()["severity"]
    codes = sorted({c for c, _ in counts}, key=lambda c: -sum(counts[(c, s)] for s in severities))
    print("\nfindings by code and severity:")
    print(f"{'code':<34}" + "".join(f"{s:>13}" for s in severities) + f"{'total':>9}")
    for c in codes:
        row = [counts[(c, s)] for s in severities]
        print(f"{c:<34}" + "".join(f"{v:>13}" for v in row) + f"{sum(row):>9}")

rules = {r["id"]: r for r in ia87.rules()}
print("\nthe rules they rest on:")
for rule, n in Counter(f["rule"]).most_common(8):
    print(f"  {rules[rule]['cite']:<16} {n:>8,}  {rules[rule]['summary']}")

# %% [markdown]
# ## 5. Nothing is lost: the rows the engine refused
#
# Each rejected row keeps its row number, its code, the rule that forbids it
# and the line that was built from it.

# %%
rej = result.rejected
print(f"\nrejected rows: {len(rej['row']):,}")
for code, n in Counter(rej["code"]).most_common():
    print(f"  {code:<16} {n:>8,}")
for i in range(min(3, len(rej["row"]))):
    print(f"  e.g. row {rej['row'][i]} (case {rej['case_id'][i]}): {rej['message'][i]}"
          f" [{rej['rule'][i] or '-'}]: {rej['line'][i]}")

# %% [markdown]
# ## 6. A timeline (matplotlib, when installed)

# %%
if not args.no_plot:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
        print("\n(matplotlib not installed: no plot)")
    if plt is not None:
        from datetime import datetime
        # Months in New Zealand local time: the first 7 characters of `at`.
        by_month: Dict[str, Counter] = defaultdict(Counter)
        for at, sev in zip(f["at"], f["severity"]):
            by_month[sev][(int(at[:4]), int(at[5:7]))] += 1
        months = sorted({m for c in by_month.values() for m in c})
        x = [datetime(y, m, 1) for y, m in months]
        fig, ax = plt.subplots(figsize=(10, 4))
        bottom = [0] * len(months)
        for sev in ia87.names()["severity"]:
            ys = [by_month[sev][m] for m in months]
            if any(ys):
                ax.bar(x, ys, width=25, bottom=bottom, label=sev)
                bottom = [b + y for b, y in zip(bottom, ys)]
        ax.set_title("Findings per month, by severity (synthetic population)"
                     if not args.events else "Findings per month, by severity")
        ax.set_ylabel("findings")
        ax.legend()
        fig.autofmt_xdate()
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.plot, dpi=100, bbox_inches="tight")
        print(f"\ntimeline plot: {os.path.relpath(args.plot)}")
