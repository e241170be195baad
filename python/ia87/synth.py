"""Synthetic event tables for demos, tests and benchmarks.

`synthetic_events` takes the cases of some case files (the conformance
scenarios, the bundled examples) and makes a population of many cases from
them: each synthetic case is one scenario under a new id, with every date and
timestamp in it (event times and dates in values such as ``born=`` or
``until=``) moved back by whole weeks, and the rows of all cases interleaved
(each case keeps its own order). The result is an event table in the columns
`ia87.replay_events` takes.

The data is made up; it is not a model of real case histories.
"""

from __future__ import annotations

import os
import random
import re
from datetime import date, timedelta
from typing import Any, Dict, Iterable, Iterator, List, Sequence, Tuple, Union

from ._files import case_file_events

__all__ = ["load_scenarios", "s128_cases", "s128_events", "shift_dates", "synthetic_events"]

PathLike = Union[str, "os.PathLike[str]"]
Row = Tuple[str, str, str]  # (at, verb, args)

_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")


def shift_dates(text: str, days: int) -> str:
    """`text` with every ``YYYY-MM-DD`` moved by `days` (time of day and
    offset kept, so a timestamp's instant moves by exactly ``days * 86400``
    seconds). A date that does not exist is left as it is."""
    if days == 0:
        return text

    def sub(m: "re.Match[str]") -> str:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return (d + timedelta(days=days)).isoformat()
        except (ValueError, OverflowError):
            return m.group(0)

    return _DATE.sub(sub, text)


def load_scenarios(paths: Iterable[PathLike]) -> List[Tuple[str, List[Row]]]:
    """The cases of the given case files (or of every ``.case`` file under a
    directory), as ``(case id, rows)``, sorted by file then file order."""
    files: List[str] = []
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, _dirs, names in os.walk(p):
                files.extend(os.path.join(root, n) for n in names if n.endswith(".case"))
        else:
            files.append(p)
    out: List[Tuple[str, List[Row]]] = []
    for f in sorted(files):
        t = case_file_events(f)
        by_case: Dict[str, List[Row]] = {}
        for cid, at, verb, args in zip(t["case_id"], t["at"], t["verb"], t["args"]):
            by_case.setdefault(cid, []).append((at, verb, args))
        out.extend((cid, rows) for cid, rows in by_case.items() if cid)
    return out


def synthetic_events(
    sources: Union[PathLike, Sequence[PathLike]],
    *,
    rows: int = 100_000,
    min_cases: int = 10_000,
    max_weeks_back: int = 156,
    seed: int = 87,
    interleave: bool = True,
) -> Dict[str, List[str]]:
    """An event table of at least `rows` rows and `min_cases` cases made from
    the scenarios in `sources` (case files or directories).

    Case ``i`` is scenario ``i % S`` (``S`` scenarios), moved back by ``w``
    weeks, ``w`` drawn from ``0..max_weeks_back`` (seeded), under the id
    ``<scenario>.<i>`` (the scenario's id shortened
    where needed, so that the id stays a valid case id of at most 32 bytes). With `interleave`, rows of different cases are mixed
    at random, each case keeping its order. Columns: ``case_id``, ``at``,
    ``verb``, ``args``.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    scenarios = load_scenarios(sources)
    if not scenarios:
        raise ValueError("no cases found in the sources")
    rng = random.Random(seed)
    cases: List[Tuple[str, List[Row]]] = []
    total = 0
    i = 0
    while total < rows or len(cases) < min_cases:
        name, base = scenarios[i % len(scenarios)]
        days = -7 * rng.randrange(0, max_weeks_back + 1)
        moved = [(shift_dates(at, days), verb, shift_dates(args, days)) for at, verb, args in base]
        suffix = f".{i}"
        cases.append((name[: 32 - len(suffix)] + suffix, moved))
        total += len(moved)
        i += 1
    table: Dict[str, List[str]] = {"case_id": [], "at": [], "verb": [], "args": []}
    if interleave:
        # Draw the next case at random, weighted by the rows it has left.
        order: List[int] = [k for k, (_, r) in enumerate(cases) for _ in r]
        rng.shuffle(order)
        pos = [0] * len(cases)
        for k in order:
            cid, r = cases[k]
            at, verb, args = r[pos[k]]
            pos[k] += 1
            table["case_id"].append(cid)
            table["at"].append(at)
            table["verb"].append(verb)
            table["args"].append(args)
    else:
        for cid, r in cases:
            for at, verb, args in r:
                table["case_id"].append(cid)
                table["at"].append(at)
                table["verb"].append(verb)
                table["args"].append(args)
    return table


# ---------------------------------------------------------------- s 128 cases

HOUR = 3600
_S128_SETUP = (
    ("arrive", "craft={craft} place=customs"),
    ("present", ""),
    ("apply-permit", "type=temporary kind=visitor"),
    ("refuse-permit", "by=io"),
    ("detain", "by=police basis=s128 requested-by=io"),
)


def s128_cases(
    cases: int = 100_000, *, seed: int = 128, start: int = 946_638_000
) -> Iterator[Tuple[str, List[Tuple[int, str, str]]]]:
    """Made-up s 128 border detentions, one person each: ``(case_id, rows)``
    with rows ``(at as UTC seconds, verb, keys)``, about 8.2 rows a case.

    Each person arrives at customs, presents, applies for a temporary visa,
    is refused and detained under s 128 at the request of an immigration
    officer; then (drawn at random, seeded) either departs within 48 hours,
    or a warrant of commitment is applied for and issued in time, or the 48
    hours pass first (a ``tick`` after them finds ``no-warrant-48h``), or
    the application is sworn without an oath (``defective-warrant-application``);
    and leaves on a later craft. Arrivals are spread over ten years from
    `start` (2000-01-01 NZDT), before the Act's repeal in November 2010, so
    both New Zealand offsets occur."""
    rng = random.Random(seed)
    span = 10 * 365 * 86400
    for i in range(cases):
        t = start + rng.randrange(span)
        rows: List[Tuple[int, str, str]] = []
        craft = f"NZ{rng.randrange(1, 1000):03d}"
        for gap, (verb, keys) in zip((0, 900, 300, 5400, 1800), _S128_SETUP):
            t += gap + rng.randrange(0, 600)
            rows.append((t, verb, keys.format(craft=craft)))
        detained = t
        u = rng.random()
        if u < 0.2:  # departs within 48 hours, no warrant needed
            if rng.random() < 0.5:
                rows.append((detained + rng.randrange(HOUR, 12 * HOUR), "move",
                             "place=approved-premises overnight=yes"))
            rows.append((detained + rng.randrange(13 * HOUR, 47 * HOUR), "depart", ""))
            yield f"s128-{i}", rows
            continue
        if u < 0.55:  # warrant in time
            applied = detained + rng.randrange(6 * HOUR, 40 * HOUR)
            rows.append((applied, "warrant-apply", "by=io to=registrar oath=yes reasons=yes"))
        elif u < 0.9:  # the 48 hours pass first
            late = detained + 48 * HOUR + rng.randrange(1, 6 * HOUR)
            rows.append((late, "tick", ""))
            applied = late + rng.randrange(HOUR, 4 * HOUR)
            rows.append((applied, "warrant-apply", "by=io to=registrar oath=yes reasons=yes"))
        else:  # an application without the oath
            applied = detained + rng.randrange(6 * HOUR, 40 * HOUR)
            rows.append((applied, "warrant-apply", "by=io to=registrar oath=no reasons=yes"))
        issued = applied + rng.randrange(HOUR, 6 * HOUR)
        rows.append((issued, "warrant-issue", "by=registrar days=28 premises=prison"))
        rows.append((issued + rng.randrange(1, 20) * 86400, "depart", ""))
        yield f"s128-{i}", rows


def s128_events(
    cases: int = 100_000, *, seed: int = 128, interleave: bool = False, utc: bool = False
) -> Dict[str, List[Any]]:
    """`s128_cases` as an event table: ``case_id``, ``at``, ``verb``,
    ``keys``. `at` is the canonical New Zealand local text with its offset
    (``2009-03-04T08:30:00+13:00``), or with `utc` an int of UTC seconds (for
    a typed timestamp column: ``pyarrow.array(at, pyarrow.timestamp("s",
    tz="UTC"))``). Rows are in case order, or mixed at random with
    `interleave` (each case keeping its order)."""
    from . import _native

    table: Dict[str, List[Any]] = {"case_id": [], "at": [], "verb": [], "keys": []}
    all_rows = [(cid, row) for cid, rows in s128_cases(cases, seed=seed) for row in rows]
    if interleave:
        by_case: Dict[str, List[Tuple[int, str, str]]] = {}
        for cid, row in all_rows:
            by_case.setdefault(cid, []).append(row)
        order = [cid for cid, _ in all_rows]
        random.Random(seed + 1).shuffle(order)
        pos: Dict[str, int] = {}
        all_rows = []
        for cid in order:
            k = pos.get(cid, 0)
            pos[cid] = k + 1
            all_rows.append((cid, by_case[cid][k]))
    local = _native.local_time
    for cid, (t, verb, keys) in all_rows:
        table["case_id"].append(cid)
        table["at"].append(t if utc else local(t, "mainland")[0])
        table["verb"].append(verb)
        table["keys"].append(keys)
    return table
