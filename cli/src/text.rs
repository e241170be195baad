//! The human-readable timeline (`ia87 replay`) and the explanations of failed
//! expectations (`ia87 check`). Deadlines and findings are shown in New Zealand
//! local time, rules as the Act writes them (`s 128(7)`). Lines of input are
//! shown escaped (`crate::escape`); colour only when asked for.

use crate::engine::{
    self, DeadlineKind, Expectation, LineResult, Outcome, Severity, Timestamp, Zone,
};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

/// Paints `text` when `color` is on.
pub fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// The colour of a severity.
pub fn severity_style(s: Severity) -> Style {
    let c = match s {
        Severity::Violation => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Gap => AnsiColor::Magenta,
        Severity::Undetermined => AnsiColor::Cyan,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new().bold().fg_color(Some(c.into()))
}

/// One block of the timeline; `shown` is the line as read, already escaped.
pub fn line(s: &mut String, n: u32, shown: &str, result: LineResult<'_>, zone: Zone, color: bool) {
    let _ = writeln!(s, "{n:>5}  {}", shown.trim_end());
    match result {
        LineResult::Rejected(r, ..) => {
            let rule = r
                .rule
                .map(|r| format!(" [{}]", r.cite()))
                .unwrap_or_default();
            let col = if r.column > 0 {
                format!(" at column {}", r.column)
            } else {
                String::new()
            };
            let tag = paint(
                color,
                Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                "REJECTED",
            );
            let _ = writeln!(s, "       {tag} {}{rule}: {}{col}", r.code, r.message);
            // The case is unchanged: show it as it stands.
            if let Some(o) = engine::unchanged(result) {
                outcome(s, o, zone, color);
            }
        }
        LineResult::Accepted(o) => {
            // Event lines always show the case; a directive only when it
            // applied a rule (a citizenship that ends the border machines).
            let event = shown
                .split_whitespace()
                .next()
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            if event || !o.trace.is_empty() || !o.findings.is_empty() {
                outcome(s, o, zone, color);
            }
        }
    }
}

fn outcome(s: &mut String, o: &Outcome, zone: Zone, color: bool) {
    let states: Vec<String> = o.states.iter().map(|st| st.to_string()).collect();
    let _ = writeln!(s, "       state     {}", states.join("  "));
    for d in &o.deadlines {
        let strict = d
            .due_strict
            .map(|x| format!(" (elapsed reading {})", Timestamp::new(x, zone)))
            .unwrap_or_default();
        // A service level is not a statutory deadline (settled reading 3):
        // labelled apart, with the time the configured level gives it.
        let (label, due) = if d.kind() == DeadlineKind::ServiceLevel {
            ("service  ", "level")
        } else {
            ("deadline ", "due")
        };
        let _ = writeln!(
            s,
            "       {label} {:<20} {due} {}{strict}  [{}]",
            d.name.name(),
            Timestamp::new(d.due, zone),
            d.rule.cite()
        );
    }
    for f in &o.findings {
        let sev = paint(color, severity_style(f.severity), f.severity.name());
        let _ = writeln!(
            s,
            "       FINDING   {sev} {} at {}  [{}] {}",
            f.code,
            Timestamp::new(f.at, zone),
            f.rule.cite(),
            f.rule.summary()
        );
    }
    if !o.trace.is_empty() {
        let t: Vec<&str> = o.trace.iter().map(|r| r.cite()).collect();
        let _ = writeln!(s, "       rules     {}", t.join(", "));
    }
}

/// What the line actually produced, for a failed expectation.
pub fn actual(e: &Expectation, result: LineResult<'_>, target: u32) -> String {
    let o = match result {
        // State, status and deadline expectations read the unchanged case.
        LineResult::Rejected(..)
            if engine::unchanged(result).is_some()
                && matches!(
                    e,
                    Expectation::State(_)
                        | Expectation::Status(_)
                        | Expectation::Deadline(..)
                        | Expectation::DeadlineStrict(..)
                        | Expectation::DeadlineKind(..)
                        | Expectation::NoDeadline(_)
                ) =>
        {
            match engine::unchanged(result) {
                Some(o) => o,
                None => return format!("line {target} was rejected"),
            }
        }
        LineResult::Rejected(r, ..) => {
            return format!(
                "line {target} was rejected: {} {}({})",
                r.code,
                r.rule.map(|x| format!("[{}] ", x.id())).unwrap_or_default(),
                r.message
            )
        }
        LineResult::Accepted(o) => o,
    };
    let zone = Zone::Mainland;
    match e {
        Expectation::State(st) => match o.state_of(st.machine()) {
            Some(a) => format!("line {target}: {a}"),
            None => format!(
                "line {target}: machine {} is not active",
                st.machine().name()
            ),
        },
        Expectation::Status(_) => format!(
            "line {target}: status {}",
            o.status.map_or("none", |s| s.name())
        ),
        Expectation::Deadline(n, _)
        | Expectation::DeadlineStrict(n, _)
        | Expectation::DeadlineKind(n, _)
        | Expectation::NoDeadline(n) => match o.deadline(*n) {
            Some(d) => format!(
                "line {target}: {} due {} (strict {}, {})",
                n,
                Timestamp::new(d.due, zone),
                d.due_strict
                    .map_or("none".to_string(), |x| Timestamp::new(x, zone).to_string()),
                d.kind()
            ),
            None => format!("line {target}: no open deadline {n}"),
        },
        Expectation::Finding(..) | Expectation::NoFinding | Expectation::NoFindingCode(_) => {
            if o.findings.is_empty() {
                format!("line {target}: no findings")
            } else {
                let f: Vec<String> = o
                    .findings
                    .iter()
                    .map(|f| format!("{}:{} ({})", f.severity, f.code, f.rule.id()))
                    .collect();
                format!("line {target}: findings {}", f.join(", "))
            }
        }
        Expectation::Cites(_) => {
            let t: Vec<&str> = o.trace.iter().map(|r| r.id()).collect();
            format!("line {target}: trace {}", t.join(", "))
        }
        Expectation::Rejected(..) => format!("line {target} was accepted"),
        Expectation::Accepted => format!("line {target} was rejected"),
    }
}
