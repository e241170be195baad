"""Case files: replay, check, and turn into an event table."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Tuple, Union

from . import _native

__all__ = ["case_file_events", "check_file", "replay_file", "run_file", "strip_comment"]

PathLike = Union[str, "os.PathLike[str]"]


def replay_file(path: PathLike) -> List[str]:
    """The JSON line of every directive and event line of a case file, byte
    for byte what ``ia87 replay --format json FILE`` prints (without the line
    ends)."""
    return list(_native.replay_file(os.fspath(path)))


def run_file(path: PathLike) -> List[Dict[str, Any]]:
    """One dict per line result of a case file, with the fields of the JSON:
    ``case``, ``line``, ``accepted`` and either ``state``, ``status``,
    ``deadlines``, ``findings``, ``trace`` or ``error``."""
    return [json.loads(s) for s in _native.replay_file(os.fspath(path))]


def check_file(path: PathLike) -> Tuple[int, int, List[Dict[str, Any]]]:
    """Runs the expectations of a case file, or of every ``.case`` file under a
    directory: ``(passed, failed, failures)``, counted as ``ia87 check``
    counts them (a rejected line that no ``expect rejected=`` covers is a
    failure). Each failure is a dict: ``file``, ``line``, ``case``, ``kind``
    (``expect`` or ``unexpected-rejection``), ``text`` (the line),
    ``target`` (the line checked), ``actual`` (its JSON line), and for a
    rejection ``code``, ``rule``, ``message``."""
    passed, failed, failures = _native.check_file(os.fspath(path))
    return int(passed), int(failed), list(failures)


def strip_comment(line: str) -> str:
    """`line` without its ``#`` comment (a ``#`` inside a quoted value stays)."""
    quoted = escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif quoted and ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i]
    return line


_DIRECTIVES = ("person", "config", "policy")


def case_file_events(path: PathLike) -> Dict[str, List[str]]:
    """The event table of a case file: columns ``case_id``, ``at``, ``verb``,
    ``args`` (the rest of the line), one row per ``person``, ``config``,
    ``policy``, event or ``tick`` line, in file order. ``expect`` lines,
    comments and the ``ia87 1`` header are left out; a line that does not
    parse is kept as a row, so that a replay reports it.
    Bytes that are not UTF-8 become U+FFFD.
    ``ia87.replay_frame(case_file_events(p))`` replays the file."""
    table: Dict[str, List[str]] = {"case_id": [], "at": [], "verb": [], "args": []}
    case = ""
    with open(path, "rb") as f:
        data = f.read()
    for line in data.split(b"\n"):
        kind, case_id = _native.line_kind(line)
        raw = line.decode("utf-8", errors="replace")
        if kind == "case":
            case = case_id or ""
            continue
        if kind in ("blank", "header", "expect"):
            continue
        parts = strip_comment(raw).split(None, 1)
        if not parts:
            continue
        if parts[0] in _DIRECTIVES:
            at, verb, args = "", parts[0], (parts[1] if len(parts) > 1 else "")
        else:
            rest = parts[1].split(None, 1) if len(parts) > 1 else [""]
            at, verb = parts[0], rest[0]
            args = rest[1] if len(rest) > 1 else ""
        table["case_id"].append(case)
        table["at"].append(at)
        table["verb"].append(verb)
        table["args"].append(args.strip())
    return table
