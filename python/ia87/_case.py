"""One case, line by line: `Case`, `Outcome`, `Rejected`, and the helpers
that turn the extension's plain tuples into them."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Optional, Tuple, Union

from . import _native

__all__ = [
    "Case",
    "Deadline",
    "Finding",
    "Outcome",
    "Rejected",
    "SnapshotError",
    "TimeLike",
    "to_datetime",
]

#: What `Case.advance` and the bulk replay accept as a time: an RFC 3339 string
#: with an explicit offset, an aware `datetime`, or UTC seconds since the epoch.
TimeLike = Union[str, datetime, int]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ZONE_NAMES = {
    12 * 3600: "NZST",
    13 * 3600: "NZDT",
    12 * 3600 + 45 * 60: "CHAST",
    13 * 3600 + 45 * 60: "CHADT",
}
_TZ: Dict[int, timezone] = {}


def _tz(offset: int) -> timezone:
    tz = _TZ.get(offset)
    if tz is None:
        name = _ZONE_NAMES.get(offset)
        delta = timedelta(seconds=offset)
        tz = timezone(delta, name) if name else timezone(delta)
        _TZ[offset] = tz
    return tz


def to_datetime(utc_seconds: int, offset: int = 0) -> datetime:
    """An aware `datetime` for UTC seconds, shown at `offset` seconds east of UTC
    (the New Zealand offset in force, as the engine gives it)."""
    t = _EPOCH + timedelta(seconds=utc_seconds)
    try:
        return t.astimezone(_tz(offset))
    except OverflowError:  # the last hours of year 9999: keep UTC
        return t


def _when(w: Optional[Tuple[int, int]]) -> Optional[datetime]:
    return None if w is None else to_datetime(w[0], w[1])


class Rejected(ValueError):
    """A line the engine refused. The case it was applied to is unchanged.

    Attributes: `code` (an error code such as ``not-in-state``), `rule` (the
    rule id that forbids the event, or None), `message`, `column` (1-based
    byte column of the offending token, 0 when not known), `outcome` (the
    case as it stands, unchanged by the line: its states, status and
    deadlines, or None when there is no case), and where known `line` (the
    text of the line), `row` and `case_id` (bulk replay).
    """

    def __init__(
        self,
        code: str,
        rule: Optional[str],
        message: str,
        column: int = 0,
        *,
        line: Union[str, bytes, None] = None,
        row: Optional[int] = None,
        case_id: Optional[str] = None,
        error_json: Optional[str] = None,
        outcome: "Optional[Outcome]" = None,
    ) -> None:
        self.code = code
        self.outcome = outcome
        self.rule = rule
        self.message = message
        self.column = column
        self.line = line
        self.row = row
        self.case_id = case_id
        self._error_json = error_json
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.case_id is not None:
            where.append(f"case {self.case_id}")
        if self.column:
            where.append(f"column {self.column}")
        rule = f", {self.rule}" if self.rule else ""
        prefix = f"{', '.join(where)}: " if where else ""
        return f"{prefix}{self.message} ({self.code}{rule})"

    def __reduce__(self) -> Any:
        return (
            _rejected,
            (self.code, self.rule, self.message, self.column, self.line, self.row,
             self.case_id, self._error_json, self.outcome),
        )

    def to_json(self, case: str = "", line: int = 0) -> str:
        """The canonical JSON line of this rejection (as `ia87 replay --format
        json` prints it), for a line numbered `line` of case `case`."""
        if self._error_json is None:
            err = json.dumps(
                {"code": self.code, "rule": self.rule, "message": self.message,
                 "column": self.column},
                separators=(",", ":"), ensure_ascii=False,
            )
            body = f'"error":{err}'
        else:
            body = self._error_json
        if self.outcome is not None:
            body = f"{body},{self.outcome._fields_json}"
        return (
            f'{{"case":{_native.json_string(case)},"line":{int(line)},'
            f'"accepted":false,{body}}}'
        )


def _rejected(code, rule, message, column, line, row, case_id, error_json, outcome=None):  # type: ignore[no-untyped-def]
    return Rejected(code, rule, message, column, line=line, row=row, case_id=case_id,
                    error_json=error_json, outcome=outcome)


class SnapshotError(ValueError):
    """Bytes that are not a valid snapshot (truncated, corrupted, another version)."""


@dataclasses.dataclass(frozen=True)
class Deadline:
    """An open deadline. `due` is the last instant at which the act is still in
    time (for ``s128-cessation``: the instant s 128 ceases); `due_strict` is
    the elapsed reading of a day period read two ways. Times are aware
    datetimes at the New Zealand offset in force; `*_utc` are UTC seconds.
    `kind` is ``statutory`` (a time limit of the Act) or ``service-level`` (an
    obligation the Act states without a number, timed by the configured
    service level; its passing is only ever ``undetermined``)."""

    name: str
    rule: str
    due: datetime
    due_utc: int
    due_strict: Optional[datetime] = None
    due_strict_utc: Optional[int] = None
    kind: str = "statutory"


@dataclasses.dataclass(frozen=True)
class Finding:
    """A finding: `severity` (violation, warning, gap, undetermined, info),
    `code`, the `rule` it rests on, and when it happened (for a passed
    deadline, the first instant out of time)."""

    severity: str
    code: str
    rule: str
    at: datetime
    at_utc: int


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The outcome of a line: the state of each active machine
    (``MACHINE.STATE``), the status, the open deadlines, the findings the line
    produced and the trace of rules applied."""

    accepted: bool
    states: Tuple[str, ...]
    status: Optional[str]
    deadlines: Tuple[Deadline, ...]
    findings: Tuple[Finding, ...]
    trace: Tuple[str, ...]
    zone: str = "mainland"
    _fields_json: str = dataclasses.field(default="", repr=False, compare=False)

    def state(self, machine: str) -> Optional[str]:
        """The state of `machine` (``border``, …) without the prefix, if active."""
        prefix = machine + "."
        for s in self.states:
            if s.startswith(prefix):
                return s[len(prefix):]
        return None

    def deadline(self, name: str) -> Optional[Deadline]:
        """The open deadline called `name`, if any."""
        for d in self.deadlines:
            if d.name == name:
                return d
        return None

    def to_json(self, case: str = "", line: int = 0) -> str:
        """The canonical JSON line of this outcome, byte for byte what
        `ia87 replay --format json` prints for line `line` of case `case`."""
        return (
            f'{{"case":{_native.json_string(case)},"line":{int(line)},'
            f'"accepted":true,{self._fields_json}}}'
        )

    def to_dict(self, case: str = "", line: int = 0) -> Dict[str, Any]:
        """The JSON object of `to_json` as a dict."""
        d: Dict[str, Any] = json.loads(self.to_json(case, line))
        return d


def _outcome(t: Any) -> Outcome:
    states, status, deadlines, findings, trace, zone, fields = t
    return Outcome(
        accepted=True,
        states=tuple(states),
        status=status,
        deadlines=tuple(
            Deadline(
                name=name,
                rule=rule,
                due=to_datetime(due[0], due[1]),
                due_utc=due[0],
                due_strict=_when(strict),
                due_strict_utc=None if strict is None else strict[0],
                kind=kind,
            )
            for name, due, strict, rule, kind in deadlines
        ),
        findings=tuple(
            Finding(severity=sev, code=code, rule=rule, at=to_datetime(at[0], at[1]),
                    at_utc=at[0])
            for sev, code, rule, at in findings
        ),
        trace=tuple(trace),
        zone=zone,
        _fields_json=fields,
    )


def _result(r: Any, line: Union[str, bytes, None] = None) -> Outcome:
    if r[0]:
        return _outcome(r[1])
    _, payload, unchanged = r
    code, rule, message, column, error_json = payload
    raise Rejected(code, rule, message, column, line=line, error_json=error_json,
                   outcome=None if unchanged is None else _outcome(unchanged))


def _seconds(ts: Union[datetime, int]) -> int:
    if isinstance(ts, bool):
        raise TypeError("a time is an RFC 3339 string, an aware datetime or UTC seconds")
    if isinstance(ts, int):
        return ts
    if isinstance(ts, datetime):
        if ts.utcoffset() is None:
            raise Rejected("no-offset", None, "a naive datetime has no UTC offset")
        d = ts - _EPOCH  # whole seconds, rounded down (timedelta keeps seconds >= 0)
        return d.days * 86400 + d.seconds
    raise TypeError("a time is an RFC 3339 string, an aware datetime or UTC seconds")


class Case:
    """One person's case. Feed it lines of the case language::

        c = ia87.Case()
        c.apply_line("person citizen=no born=1980-05-01")
        c.apply_line("2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs")
        o = c.apply_line("2009-03-02T08:00+13:00 refuse-permit by=io")
        o.status                      # 'unlawful-s128'

    A line the engine refuses raises `Rejected`, and the case is unchanged.
    """

    __slots__ = ("_native",)

    def __init__(self) -> None:
        self._native = _native.Case()

    def apply_line(self, line: Union[str, bytes]) -> Outcome:
        """Applies an event line (``TIMESTAMP VERB KEY=VALUE …``), a ``TIMESTAMP
        tick`` line, or a ``person``, ``config`` or ``policy`` line. A line may
        be given as bytes (the engine rejects bytes that are not UTF-8 as
        ``bad-utf8``)."""
        return _result(self._native.apply_line(line), line)

    def advance(self, ts: TimeLike) -> Outcome:
        """Advances the clocks to `ts` (a ``tick``): deadlines that pass fire."""
        if isinstance(ts, str):
            if not ts or any(ch.isspace() for ch in ts):
                raise Rejected("bad-timestamp", None, "expected one RFC 3339 timestamp")
            line = f"{ts} tick"
            return _result(self._native.apply_line(line), line)
        return _result(self._native.advance(_seconds(ts)))

    def outcome(self) -> Outcome:
        """The case as it stands: states, status and open deadlines (no
        findings, no trace)."""
        return _result(self._native.outcome())

    def snapshot(self) -> bytes:
        """The case as bytes (postcard, framed with a version and a CRC-32):
        the same snapshot format as the C ABI and the kiosk."""
        return bytes(self._native.snapshot())

    @classmethod
    def restore(cls, data: bytes) -> "Case":
        """A case from `snapshot()` bytes. Raises `SnapshotError`."""
        c = cls.__new__(cls)
        try:
            c._native = _native.Case.restore(bytes(data))
        except ValueError as e:
            raise SnapshotError(str(e)) from None
        return c

    def copy(self) -> "Case":
        c = self.__class__.__new__(self.__class__)
        c._native = self._native.copy()
        return c

    __copy__ = copy

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Case":
        return self.copy()

    def __reduce__(self) -> Any:
        return (Case.restore, (self.snapshot(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        return bool(self._native == other._native)

    __hash__ = None  # type: ignore[assignment]

    @property
    def zone(self) -> str:
        """``mainland`` or ``chatham`` (`config zone=`)."""
        return str(self._native.zone)

    @property
    def now(self) -> Optional[datetime]:
        """The instant of the last event applied, if any."""
        s = self._native.now
        if s is None:
            return None
        return to_datetime(s, _native.local_time(s, self.zone)[1])

    def __repr__(self) -> str:
        try:
            states = " ".join(self.outcome().states)
        except Rejected:
            states = "?"
        return f"<ia87.Case {states} now={self.now}>"

