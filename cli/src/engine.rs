//! The one module of the command line that names the core's paths.
//!
//! Everything else in the CLI imports the core's types and functions from
//! here, so that when the core moves a type (its vocabulary may move to a
//! `vocab` module), only this file changes. The few core internals the CLI
//! needs (the line limit, the lexer for locating a column, the cell
//! validation of tabular input) are used here and nowhere else.

use std::collections::HashSet;

pub use ia87_core::json;
pub use ia87_core::lang::cells::{check_case_id, parse_row, CellError, Column};
pub use ia87_core::lang::expect::{Expectation, LineResult};
pub use ia87_core::machines::diagram::{render as render_diagram, Format as DiagramFormat};
pub use ia87_core::outcome::{DeadlineKind, Machine};
pub use ia87_core::runner::{Report, Runner, Sink};
pub use ia87_core::time::{DateDisplay, Instant, Timestamp, UtcTimestamp, Zone};
pub use ia87_core::{Case, ErrorCode, FindingCode, Line, Outcome, Rejection, RuleId, Severity};

/// The longest line of the case language, in bytes (without its line end).
pub const MAX_LINE: usize = ia87_core::lang::lexer::MAX_LINE;

/// The instant of an event line, when the line parses as one.
pub fn event_instant(raw: &[u8]) -> Option<Instant> {
    match ia87_core::parse_line(raw) {
        Ok(Line::Event(e)) => Some(e.at),
        _ => None,
    }
}

/// The case as it stands after a rejected line (a rejected line leaves the
/// case unchanged), when the core reports it with the rejection.
///
/// The core this branch was built on reports only the rejection, so this is
/// `None`. Since main's commit 70dcc96 the core carries it as
/// `LineResult::Rejected(rejection, unchanged)`: there, this function is
/// `LineResult::Rejected(_, unchanged) => unchanged`, and the timeline and
/// `check` show it (see `text.rs`).
pub fn unchanged(result: LineResult<'_>) -> Option<&Outcome> {
    match result {
        LineResult::Accepted(_) => None,
        LineResult::Rejected(_, unchanged) => unchanged,
    }
}

/// True for a rejection that is a limit of the engine (a bounded list is
/// full), not a fact about the record.
pub fn is_engine_limit(r: &Rejection) -> bool {
    r.code == ErrorCode::Capacity
}

/// The 1-based column to report for a rejection of `raw` that came without
/// one (the core gives 0 when the whole line is at fault), worked out before
/// the line is applied to `case`:
///
/// - a `config` line: the column of the first setting the case refuses (a
///   service level too long for the engine, a ninth `holiday=`), found by
///   applying the settings one at a time to a copy of the case;
/// - an event line: the column of its verb;
/// - anything else: 1, the start of the line.
pub fn column_hint(case: Option<&Case>, raw: &[u8]) -> u16 {
    let Ok(text) = ia87_core::lang::lexer::line_text(strip_newline(raw)) else {
        return 1;
    };
    let Ok(tokens) = ia87_core::lang::lexer::tokenize(text) else {
        return 1;
    };
    match ia87_core::parse_line(raw) {
        Ok(Line::Config(items)) => {
            if let Some(case) = case {
                let mut scratch = *case;
                for (i, item) in items.iter().enumerate() {
                    if scratch.configure(core::slice::from_ref(item)).is_err() {
                        // One setting a token, after the word `config`.
                        return tokens.get(i + 1).map_or(1, |t| t.column.max(1));
                    }
                }
            }
            1
        }
        Ok(Line::Event(_)) => tokens.get(1).map_or(1, |t| t.column.max(1)),
        _ => 1,
    }
}

/// True when the first token of `raw` is the word `config`.
pub fn is_config_line(raw: &[u8]) -> bool {
    let t = raw.trim_ascii_start();
    t.starts_with(b"config")
        && t.get(6)
            .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

fn strip_newline(raw: &[u8]) -> &[u8] {
    raw.strip_suffix(b"\n").unwrap_or(raw)
}

/// Applies one typed line of a table row to its case.
pub fn apply_row(case: &mut Case, line: &Line<'_>) -> Result<Outcome, Rejection> {
    match line {
        Line::Event(e) => case.apply(e),
        Line::Config(items) => case.configure(items).and_then(|_| case.snapshot_outcome()),
        Line::Person(p) => case.set_person(p),
        Line::Policy(p) => {
            case.set_policy(*p);
            case.snapshot_outcome()
        }
        _ => Err(Rejection::new(ErrorCode::BadSyntax, "not an event row")),
    }
}

/// The rule with the id `s` (`s128(7)`), or with the citation `s` (`s 128(7)`).
pub fn rule(s: &str) -> Option<RuleId> {
    RuleId::from_id(s).or_else(|| RuleId::ALL.iter().copied().find(|r| r.cite() == s))
}

/// Every rule the core encodes, in the order of the Act.
pub fn all_rules() -> &'static [RuleId] {
    RuleId::ALL
}

/// The date a rule came into force, as `YYYY-MM-DD`.
pub fn in_force(r: RuleId) -> String {
    DateDisplay(r.in_force_from()).to_string()
}

/// A machine by name (`status`, `border`, `eligibility`, `transit`).
pub fn machine(name: &str) -> Option<Machine> {
    Machine::from_name(name).filter(|m| ia87_core::machines::included(*m))
}

/// The names of the machines this build encodes.
pub fn machine_names() -> Vec<&'static str> {
    Machine::ALL
        .iter()
        .filter(|m| ia87_core::machines::included(**m))
        .map(|m| m.name())
        .collect()
}

/// The offset east of UTC, in seconds, in force at `t` in `zone`.
pub fn utc_offset(zone: Zone, t: Instant) -> i32 {
    zone.utc_offset(t)
}

/// Local date `(year, month, day)`, seconds of the day and offset at `t`.
pub fn local(zone: Zone, t: Instant) -> ((i32, u8, u8), u32, i32) {
    let l = zone.to_local(t);
    (l.date.ymd(), l.seconds_of_day, l.offset)
}

/// The day of the week at `t` in `zone` (0 = Monday).
pub fn weekday(zone: Zone, t: Instant) -> u8 {
    zone.local_date(t).weekday().days_from_monday()
}

/// The instant of local midnight starting the day that holds `t`.
pub fn start_of_local_day(zone: Zone, t: Instant) -> Instant {
    zone.start_of_day(zone.local_date(t))
}

/// The instants in `[from, to]` at which New Zealand changes its clocks
/// (the same instants for the mainland and the Chatham Islands).
pub fn clock_changes(from: Instant, to: Instant) -> Vec<Instant> {
    let y0 = from.utc_date().year();
    let y1 = to.utc_date().year();
    let mut out = Vec::new();
    for y in y0..=y1 {
        for t in [
            ia87_core::time::zone::dst_start(y),
            ia87_core::time::zone::dst_end(y),
        ]
        .into_iter()
        .flatten()
        {
            if t >= from && t <= to {
                out.push(t);
            }
        }
    }
    out.sort();
    out
}

/// The instant `secs` seconds after `t` (saturating).
pub fn add_seconds(t: Instant, secs: i64) -> Instant {
    t.checked_add_seconds(secs).unwrap_or(t)
}

/// Seconds from `a` to `b`.
pub fn seconds_between(a: Instant, b: Instant) -> i64 {
    b.seconds_since(a)
}

/// The instant at `unix` seconds, when the core's range holds it.
pub fn instant_from_unix(unix: i64) -> Option<Instant> {
    Instant::from_unix_seconds(0).checked_add_seconds(unix)
}

/// Every finding code and error code the core knows, by name.
pub fn finding_code(s: &str) -> Option<FindingCode> {
    FindingCode::from_name(s)
}

/// An error code by name.
pub fn error_code(s: &str) -> Option<ErrorCode> {
    ErrorCode::from_name(s)
}

/// The names of the severities, most serious first.
pub fn severity_names() -> Vec<&'static str> {
    Severity::ALL.iter().map(|s| s.name()).collect()
}

/// A severity by name.
pub fn severity(s: &str) -> Option<Severity> {
    Severity::from_name(s)
}

/// The distinct rule ids in `rules`, in first-seen order.
pub fn dedup_rules(rules: impl IntoIterator<Item = RuleId>) -> Vec<RuleId> {
    let mut seen = HashSet::new();
    rules.into_iter().filter(|r| seen.insert(*r)).collect()
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD`, if in range.
pub fn date_from_days(days: i32) -> Option<String> {
    ia87_core::time::Date::from_days(days).map(|d| DateDisplay(d).to_string())
}

/// True if `raw` is a `case ID` line (a new case starts).
pub fn is_case_line(raw: &[u8]) -> bool {
    raw.trim_ascii_start().starts_with(b"case")
        && matches!(
            ia87_core::lang::parse_line(raw),
            Ok(ia87_core::Line::Case(_))
        )
}
