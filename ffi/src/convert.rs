//! Between the core's [`Outcome`] / [`Rejection`] and the plain-integer
//! [`IA87Outcome`]. The way back checks every count and code, so an outcome
//! filled by a C program (or garbage) is an error, never a wrong answer.

use crate::types::*;
use ia87_core::outcome::{Deadline, Finding, Machine};
use ia87_core::time::{Instant, Zone};
use ia87_core::vocab::StatusState;
use ia87_core::Case;
use ia87_core::{
    DeadlineName, ErrorCode, FindingCode, MachineState, Outcome, Rejection, RuleId, Severity,
};

/// The code of a machine (its position in [`Machine::ALL`]).
pub fn machine_code(m: Machine) -> u16 {
    m.code()
}

/// The machine with code `code`.
pub fn machine_from_code(code: u16) -> Option<Machine> {
    Machine::from_code(code)
}

/// The state code of a machine state.
pub fn state_code(s: MachineState) -> u16 {
    s.state_code()
}

/// The machine state with these codes.
pub fn state_from_codes(machine: u16, state: u16) -> Option<MachineState> {
    MachineState::from_codes(machine_from_code(machine)?, state)
}

/// The code of a zone.
pub fn zone_code(z: Zone) -> u8 {
    match z {
        Zone::Mainland => IA87_ZONE_MAINLAND,
        Zone::Chatham => IA87_ZONE_CHATHAM,
    }
}

/// The zone with code `code`.
pub fn zone_from_code(code: u8) -> Option<Zone> {
    match code {
        IA87_ZONE_MAINLAND => Some(Zone::Mainland),
        IA87_ZONE_CHATHAM => Some(Zone::Chatham),
        _ => None,
    }
}

/// An instant from UTC seconds, if the core can represent it (no clamping).
pub fn instant(secs: i64) -> Option<Instant> {
    let t = Instant::from_unix_seconds(secs);
    (t.unix_seconds() == secs).then_some(t)
}

fn count(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// The IA87Outcome of an accepted line.
pub fn accepted(o: &Outcome, zone: Zone) -> IA87Outcome {
    let mut out = IA87Outcome::ZERO;
    out.accepted = 1;
    out.zone = zone_code(zone);
    out.error_rule = IA87_NONE;
    if let Some(s) = o.status {
        out.has_status = 1;
        out.status = s.code();
    }
    for (slot, s) in out.states.iter_mut().zip(o.states.iter()) {
        *slot = IA87State {
            machine: machine_code(s.machine()),
            state: state_code(*s),
        };
    }
    out.state_count = count(o.states.len().min(IA87_MAX_STATES));
    for (slot, d) in out.deadlines.iter_mut().zip(o.deadlines.iter()) {
        *slot = IA87Deadline {
            due: d.due.unix_seconds(),
            due_strict: d.due_strict.map_or(0, Instant::unix_seconds),
            name: d.name.code(),
            rule: d.rule.code(),
            has_strict: u8::from(d.due_strict.is_some()),
            kind: u8::try_from(d.kind().code()).unwrap_or(0),
            reserved: [0; 2],
        };
    }
    out.deadline_count = count(o.deadlines.len().min(IA87_MAX_DEADLINES));
    for (slot, f) in out.findings.iter_mut().zip(o.findings.iter()) {
        *slot = IA87Finding {
            at: f.at.unix_seconds(),
            severity: f.severity.code(),
            code: f.code.code(),
            rule: f.rule.code(),
            reserved: 0,
        };
    }
    out.finding_count = count(o.findings.len().min(IA87_MAX_FINDINGS));
    for (slot, r) in out.trace.iter_mut().zip(o.trace.iter()) {
        *slot = r.code();
    }
    out.trace_count = count(o.trace.len().min(IA87_MAX_TRACE));
    out
}

/// Copies `msg` into `buf` (NUL-terminated), cut at a character boundary if it
/// does not fit; returns its length.
fn put_message(buf: &mut [u8; IA87_MESSAGE_MAX], msg: &str) -> u8 {
    let mut n = msg.len().min(IA87_MESSAGE_MAX.saturating_sub(1));
    while n > 0 && !msg.is_char_boundary(n) {
        n = n.saturating_sub(1);
    }
    let bytes = msg.as_bytes().get(..n).unwrap_or(&[]);
    for (d, s) in buf.iter_mut().zip(bytes.iter()) {
        *d = *s;
    }
    if let Some(z) = buf.get_mut(n) {
        *z = 0;
    }
    count(n)
}

/// The IA87Outcome of a rejected line: the error, and (when there is a case)
/// the states, status and deadlines of the case, which the line left as it was.
pub fn rejected(r: &Rejection, zone: Zone, unchanged: Option<&Case>) -> IA87Outcome {
    let mut out = match unchanged.map(Case::snapshot_outcome) {
        Some(Ok(o)) => accepted(&o, zone),
        _ => IA87Outcome::ZERO,
    };
    out.accepted = 0;
    out.zone = zone_code(zone);
    out.error_code = r.code.code();
    out.error_rule = r.rule.map_or(IA87_NONE, RuleId::code);
    out.error_column = r.column;
    out.message_len = put_message(&mut out.message, r.message);
    out
}

/// The IA87Outcome of a line's result (`unchanged`: the case, for a
/// rejected line; `None` before any case).
pub fn result(r: &Result<Outcome, Rejection>, zone: Zone, unchanged: Option<&Case>) -> IA87Outcome {
    match r {
        Ok(o) => accepted(o, zone),
        Err(e) => rejected(e, zone, unchanged),
    }
}

/// An IA87Outcome read back.
// No heap to box the outcome into; a `Back` lives on the stack for one call.
#[allow(clippy::large_enum_variant)]
pub enum Back<'a> {
    /// An accepted line.
    Accepted(Outcome),
    /// A rejected line (the message is a placeholder: see [`message`]), and
    /// the case as it stands when the outcome describes one.
    Rejected(Rejection, &'a str, Option<Outcome>),
}

/// The message of a rejected IA87Outcome, checked.
pub fn message(o: &IA87Outcome) -> Result<&str, IA87Status> {
    let bad = IA87Status::IA87_ERR_BAD_OUTCOME;
    let bytes = o.message.get(..usize::from(o.message_len)).ok_or(bad)?;
    core::str::from_utf8(bytes).map_err(|_| bad)
}

fn rule_of(code: u16) -> Result<RuleId, IA87Status> {
    RuleId::from_code(code).ok_or(IA87Status::IA87_ERR_BAD_OUTCOME)
}

fn instant_of(secs: i64) -> Result<Instant, IA87Status> {
    instant(secs).ok_or(IA87Status::IA87_ERR_BAD_OUTCOME)
}

/// The states, status, deadlines, findings and trace of an IA87Outcome, checked.
fn fields(o: &IA87Outcome) -> Result<Outcome, IA87Status> {
    let bad = IA87Status::IA87_ERR_BAD_OUTCOME;
    let mut out = Outcome::new();
    out.status = match o.has_status {
        0 => None,
        1 => Some(StatusState::from_code(o.status).ok_or(bad)?),
        _ => return Err(bad),
    };
    let states = o.states.get(..usize::from(o.state_count)).ok_or(bad)?;
    for s in states {
        let st = state_from_codes(s.machine, s.state).ok_or(bad)?;
        out.states.push(st).map_err(|_| bad)?;
    }
    let deadlines = o
        .deadlines
        .get(..usize::from(o.deadline_count))
        .ok_or(bad)?;
    for d in deadlines {
        let due_strict = match d.has_strict {
            0 => None,
            1 => Some(instant_of(d.due_strict)?),
            _ => return Err(bad),
        };
        out.deadlines
            .push(Deadline {
                name: DeadlineName::from_code(d.name).ok_or(bad)?,
                due: instant_of(d.due)?,
                due_strict,
                rule: rule_of(d.rule)?,
            })
            .map_err(|_| bad)?;
    }
    let findings = o.findings.get(..usize::from(o.finding_count)).ok_or(bad)?;
    for f in findings {
        out.findings
            .push(Finding {
                severity: Severity::from_code(f.severity).ok_or(bad)?,
                code: FindingCode::from_code(f.code).ok_or(bad)?,
                rule: rule_of(f.rule)?,
                at: instant_of(f.at)?,
            })
            .map_err(|_| bad)?;
    }
    let trace = o.trace.get(..usize::from(o.trace_count)).ok_or(bad)?;
    for r in trace {
        out.trace.push(rule_of(*r)?).map_err(|_| bad)?;
    }
    Ok(out)
}

/// Reads an IA87Outcome back into the core's types, checking every field.
pub fn back(o: &IA87Outcome) -> Result<Back<'_>, IA87Status> {
    let bad = IA87Status::IA87_ERR_BAD_OUTCOME;
    match o.accepted {
        0 => {
            let code = ErrorCode::from_code(o.error_code).ok_or(bad)?;
            let rule = match o.error_rule {
                IA87_NONE => None,
                r => Some(rule_of(r)?),
            };
            let msg = message(o)?;
            let r = Rejection {
                code,
                rule,
                message: "",
                column: o.error_column,
            };
            // A rejected line's outcome describes the case (it has a status)
            // or nothing at all; it never has findings or a trace.
            let unchanged = match (o.has_status, o.state_count, o.deadline_count) {
                (0, 0, 0) => None,
                (1, _, _) => Some(fields(o)?),
                _ => return Err(bad),
            };
            if o.finding_count != 0 || o.trace_count != 0 {
                return Err(bad);
            }
            Ok(Back::Rejected(r, msg, unchanged))
        }
        1 => Ok(Back::Accepted(fields(o)?)),
        _ => Err(bad),
    }
}
