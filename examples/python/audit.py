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
#     python examples/python/audit.py --no-pandas         # no pandas: pyarrow only
#     python examples/python/audit.py --plots docs/img    # where the two PNGs go
#
# An event table has the columns `case_id, at, verb, args`: `at` is an RFC 3339
# time with its offset, `verb` a verb of the case language (or `person`,
# `config`, `policy`, whose `at` is empty), and `args` the rest of the line
# (`key=value …`). It needs pyarrow (`pip install './python[arrow]'`); pandas
# and matplotlib (`ia87[pandas]`, `ia87[plot]`) are used when installed.
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
parser.add_argument("--plots", type=Path, default=ROOT / "target" / "plots",
                    help="the folder for python-timeline.png and findings.png (needs matplotlib)")
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
# ## 2. Audit every case in one call
#
# `ia87.audit` reads the table through Arrow without copying it and replays
# the cases on every core; the findings come back as a table.

# %%
result = ia87.audit(events, final_state=True, output="pandas" if pd is not None else "pyarrow")
print(f"audit: {result.rows:,} rows in {result.seconds:.2f} s "
      f"= {result.events_per_second:,.0f} events/s ({result.stats['threads']} threads); "
      f"{len(result.findings):,} findings, {len(result.rejected):,} rejected rows")


def columns(table: Any) -> Dict[str, list]:
    """A result table as a dict of lists (pandas or pyarrow)."""
    if hasattr(table, "to_pydict"):
        return table.to_pydict()
    return {k: list(v) for k, v in table.to_dict("list").items()}


# %% [markdown]
# ## 3. How many people were held past 48 hours without a warrant?
#
# `no-warrant-48h` (s 128(7)): a person held under s 128 beyond 48 hours
# without a warrant of commitment is a **violation**. Under Operational Manual
# Y4.15 para 4, a s 128B detainee without a warrant 48 hours after custody
# gives a **warning** (a policy breach, rule `y4.15(4)`).

# %%
f = columns(result.findings)
violations = {c for c, code, sev in zip(f["case_id"], f["code"], f["severity"])
              if code == "no-warrant-48h" and sev == "violation"}
warnings = {c for c, code, sev in zip(f["case_id"], f["code"], f["severity"])
            if code == "no-warrant-48h" and sev == "warning"} - violations
n_cases = len(result.cases)
print(f"\nheld past 48 hours without a warrant (no-warrant-48h violations): "
      f"{len(violations):,} people of {n_cases:,} ({100 * len(violations) / max(n_cases, 1):.1f} %)")
print(f"  and {len(warnings):,} more with a Y4.15 warning only (s 128B custody)")

# %% [markdown]
# ## 4. Findings by code and severity

# %%
if pd is not None:
    frame = result.findings
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
# Each rejected row keeps its row number, the column at fault, its code and
# the rule that forbids it.

# %%
rej = columns(result.rejected)
print(f"\nrejected rows: {len(rej['row']):,}")
for code, n in Counter(rej["code"]).most_common():
    print(f"  {code:<16} {n:>8,}")
for i in range(min(3, len(rej["row"]))):
    print(f"  e.g. row {rej['row'][i]} (case {rej['case_id'][i]}, column "
          f"{rej['column'][i] if isinstance(rej['column'][i], str) else '-'}): {rej['message'][i]} [{rej['rule'][i] or '-'}]")

# %% [markdown]
# ## 6. Plots (matplotlib, when installed)
#
# One held person's timeline — custody, the deadlines with both readings,
# the finding, New Zealand local time with the change of offset — and the
# findings by code and month.

# %%
if not args.no_plot:
    try:
        import matplotlib
        matplotlib.use("Agg")
    except ImportError:
        matplotlib = None
        print("\n(matplotlib not installed: no plots)")
    if matplotlib is not None:
        args.plots.mkdir(parents=True, exist_ok=True)
        # A person held past 48 hours across the end of daylight time
        # (the bundled case file, as written).
        fig = ia87.plot_timeline(ROOT / "examples" / "cases" / "dst-48h-breach.case")
        fig.savefig(args.plots / "python-timeline.png", dpi=100)
        fig = ia87.plot_findings(result.findings, title="Findings of the synthetic population"
                                 if not args.events else None)
        fig.savefig(args.plots / "findings.png", dpi=100)
        print(f"\nplots: {os.path.relpath(args.plots / 'python-timeline.png')}, "
              f"{os.path.relpath(args.plots / 'findings.png')}")
