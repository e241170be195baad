//! The outcome of a line as one JSON object (case-format.md §4, §6: JSON Lines
//! with the fields of §4 plus `case` and `line`). Written into any
//! `core::fmt::Write`, without allocation. This text is the canonical form that
//! the Rust, C and Python runs of the conformance suite are compared in.
//!
//! ```text
//! {"case":"sc-01","line":13,"accepted":true,
//!  "state":["status.unlawful-s128","border.custody-pre-warrant"],
//!  "status":"unlawful-s128",
//!  "deadlines":[{"name":"warrant-required","due":"2009-03-04T08:30:00+13:00","due-strict":null,"rule":"s128(7)","kind":"statutory"}],
//!  "findings":[],"trace":["s128(5)"]}
//! ```
//! (one line in the output). A deadline's `kind` is `statutory` (a time limit
//! of the Act: `due` is the last instant in time) or `service-level` (an
//! obligation the Act states without a number — "immediately", "as soon as
//! possible", "as speedily as may be possible" — whose `due` is the configured
//! service level, settled reading 3; its passing is only `undetermined`). A
//! rejected line has `"accepted":false` and an
//! `"error"` object (`code`, `rule`, `message`, `column`); when there is a case,
//! the outcome fields follow and describe it as it stands, unchanged by the
//! line (`findings` and `trace` are empty).

use crate::lang::expect::LineResult;
use crate::outcome::{Outcome, Rejection};
use crate::time::{Timestamp, Zone};
use core::fmt::{self, Write};

/// Writes `s` as a JSON string.
pub fn string(w: &mut dyn Write, s: &str) -> fmt::Result {
    w.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => w.write_str("\\\"")?,
            '\\' => w.write_str("\\\\")?,
            '\n' => w.write_str("\\n")?,
            '\r' => w.write_str("\\r")?,
            '\t' => w.write_str("\\t")?,
            c if (c as u32) < 0x20 => write!(w, "\\u{:04x}", c as u32)?,
            c => w.write_char(c)?,
        }
    }
    w.write_char('"')
}

/// Writes the outcome fields of an accepted line (without the braces).
pub fn outcome_fields(w: &mut dyn Write, o: &Outcome, zone: Zone) -> fmt::Result {
    w.write_str("\"state\":[")?;
    for (i, s) in o.states.iter().enumerate() {
        if i > 0 {
            w.write_char(',')?;
        }
        write!(w, "\"{s}\"")?;
    }
    w.write_str("],\"status\":")?;
    match o.status {
        Some(s) => write!(w, "\"{s}\"")?,
        None => w.write_str("null")?,
    }
    w.write_str(",\"deadlines\":[")?;
    for (i, d) in o.deadlines.iter().enumerate() {
        if i > 0 {
            w.write_char(',')?;
        }
        write!(
            w,
            "{{\"name\":\"{}\",\"due\":\"{}\",\"due-strict\":",
            d.name,
            Timestamp::new(d.due, zone)
        )?;
        match d.due_strict {
            Some(s) => write!(w, "\"{}\"", Timestamp::new(s, zone))?,
            None => w.write_str("null")?,
        }
        write!(
            w,
            ",\"rule\":\"{}\",\"kind\":\"{}\"}}",
            d.rule.id(),
            d.kind()
        )?;
    }
    w.write_str("],\"findings\":[")?;
    for (i, f) in o.findings.iter().enumerate() {
        if i > 0 {
            w.write_char(',')?;
        }
        write!(
            w,
            "{{\"severity\":\"{}\",\"code\":\"{}\",\"rule\":\"{}\",\"at\":\"{}\"}}",
            f.severity,
            f.code,
            f.rule.id(),
            Timestamp::new(f.at, zone)
        )?;
    }
    w.write_str("],\"trace\":[")?;
    for (i, r) in o.trace.iter().enumerate() {
        if i > 0 {
            w.write_char(',')?;
        }
        write!(w, "\"{}\"", r.id())?;
    }
    w.write_char(']')
}

/// Writes the error object of a rejected line (without the braces around the line).
pub fn error_fields(w: &mut dyn Write, r: &Rejection) -> fmt::Result {
    write!(w, "\"error\":{{\"code\":\"{}\",\"rule\":", r.code)?;
    match r.rule {
        Some(rule) => write!(w, "\"{}\"", rule.id())?,
        None => w.write_str("null")?,
    }
    w.write_str(",\"message\":")?;
    string(w, r.message)?;
    write!(w, ",\"column\":{}}}", r.column)
}

/// Writes one JSON line (without the newline) for a line's result.
pub fn line(
    w: &mut dyn Write,
    case: &str,
    line: u32,
    result: LineResult<'_>,
    zone: Zone,
) -> fmt::Result {
    w.write_str("{\"case\":")?;
    string(w, case)?;
    write!(w, ",\"line\":{line},")?;
    match result {
        LineResult::Accepted(o) => {
            w.write_str("\"accepted\":true,")?;
            outcome_fields(w, o, zone)?;
        }
        LineResult::Rejected(r, unchanged) => {
            w.write_str("\"accepted\":false,")?;
            error_fields(w, r)?;
            if let Some(o) = unchanged {
                w.write_char(',')?;
                outcome_fields(w, o, zone)?;
            }
        }
    }
    w.write_char('}')
}
