//! Expectations (case-format.md §5): assertions about the outcome of the line
//! above them. The same evaluation serves the Rust runner, the C ABI and the
//! Python package, so all three agree on what passes.

use super::lexer::Token;
use super::parse::{parse_deadline_at, parse_finding, parse_rule, parse_state};
use crate::outcome::{
    DeadlineKind, DeadlineName, ErrorCode, FindingCode, MachineState, Outcome, Rejection, Severity,
};
use crate::rules::RuleId;
use crate::time::Instant;
use crate::vocab::StatusState;

/// One expectation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Expectation {
    /// `expect accepted`: the line was accepted.
    Accepted,
    /// `expect state=MACHINE.STATE`.
    State(MachineState),
    /// `expect status=STATUS`.
    Status(StatusState),
    /// `expect deadline=NAME@TS`: open and due exactly then.
    Deadline(DeadlineName, Instant),
    /// `expect deadline-strict=NAME@TS`: open with `due-strict` exactly then.
    DeadlineStrict(DeadlineName, Instant),
    /// `expect no-deadline=NAME`.
    NoDeadline(DeadlineName),
    /// `expect finding=SEVERITY:CODE [rule=RULE]`.
    Finding(Severity, FindingCode, Option<RuleId>),
    /// `expect no-finding`: the line produced no finding.
    NoFinding,
    /// `expect no-finding=CODE`.
    NoFindingCode(FindingCode),
    /// `expect rejected=CODE [rule=RULE]`.
    Rejected(ErrorCode, Option<RuleId>),
    /// `expect cites=RULE`: the trace includes the rule.
    Cites(RuleId),
    /// `expect deadline-kind=NAME:KIND`: open, and its `kind` is that
    /// (`statutory` or `service-level`).
    DeadlineKind(DeadlineName, DeadlineKind),
}

fn bad(message: &'static str, column: u16) -> Rejection {
    Rejection::new(ErrorCode::BadSyntax, message).at_column(column)
}

fn bad_value(message: &'static str, column: u16) -> Rejection {
    Rejection::new(ErrorCode::BadValue, message).at_column(column)
}

/// Parses the tokens after `expect`.
pub(crate) fn parse(first: &Token<'_>, rest: &[Token<'_>]) -> Result<Expectation, Rejection> {
    let Some((main, more)) = rest.split_first() else {
        return Err(bad("expected an assertion after `expect`", first.column));
    };
    let mut rule: Option<RuleId> = None;
    for t in more {
        match (t.key, t.quoted) {
            (Some("rule"), false) => {
                if rule.is_some() {
                    return Err(Rejection::new(ErrorCode::DuplicateKey, "rule= given twice")
                        .at_column(t.column));
                }
                rule = Some(parse_rule(t.value, t.value_column)?);
            }
            (Some(_), _) => {
                return Err(Rejection::new(
                    ErrorCode::UnknownKey,
                    "an expect line takes one assertion and rule=",
                )
                .at_column(t.column))
            }
            (None, _) => return Err(bad("unexpected token", t.column)),
        }
    }
    if main.quoted {
        return Err(bad_value(
            "values in an expect line are not quoted",
            main.value_column,
        ));
    }
    let c = main.value_column;
    let v = main.value;
    let e = match main.key {
        None => match v {
            "no-finding" => Expectation::NoFinding,
            "accepted" => Expectation::Accepted,
            _ => {
                return Err(Rejection::new(ErrorCode::UnknownKey, "unknown assertion")
                    .at_column(main.column))
            }
        },
        Some("state") => Expectation::State(parse_state(v, c)?),
        Some("status") => Expectation::Status(
            StatusState::from_name(v).ok_or_else(|| bad_value("unknown status", c))?,
        ),
        Some("deadline") => {
            let (n, at) = parse_deadline_at(v, c)?;
            Expectation::Deadline(n, at)
        }
        Some("deadline-strict") => {
            let (n, at) = parse_deadline_at(v, c)?;
            Expectation::DeadlineStrict(n, at)
        }
        Some("no-deadline") => Expectation::NoDeadline(
            DeadlineName::from_name(v).ok_or_else(|| bad_value("unknown deadline name", c))?,
        ),
        Some("finding") => {
            let (s, code) =
                parse_finding(v).ok_or_else(|| bad_value("expected SEVERITY:CODE", c))?;
            Expectation::Finding(s, code, None)
        }
        Some("no-finding") => Expectation::NoFindingCode(
            FindingCode::from_name(v).ok_or_else(|| bad_value("unknown finding code", c))?,
        ),
        Some("rejected") => Expectation::Rejected(
            ErrorCode::from_name(v).ok_or_else(|| bad_value("unknown error code", c))?,
            None,
        ),
        Some("cites") => Expectation::Cites(parse_rule(v, c)?),
        Some("deadline-kind") => {
            let parsed = v.split_once(':').and_then(|(n, k)| {
                Some((DeadlineName::from_name(n)?, DeadlineKind::from_name(k)?))
            });
            let (n, k) = parsed.ok_or_else(|| bad_value("expected NAME:KIND", c))?;
            Expectation::DeadlineKind(n, k)
        }
        Some(_) => {
            return Err(
                Rejection::new(ErrorCode::UnknownKey, "unknown assertion").at_column(main.column)
            )
        }
    };
    match (e, rule) {
        (e, None) => Ok(e),
        (Expectation::Finding(s, code, None), Some(r)) => {
            Ok(Expectation::Finding(s, code, Some(r)))
        }
        (Expectation::Rejected(code, None), Some(r)) => Ok(Expectation::Rejected(code, Some(r))),
        _ => Err(Rejection::new(
            ErrorCode::UnknownKey,
            "rule= goes with finding= or rejected=",
        )
        .at_column(main.column)),
    }
}

/// The result of a line, as an expectation sees it.
#[derive(Clone, Copy, Debug)]
pub enum LineResult<'a> {
    /// The line was accepted with this outcome.
    Accepted(&'a Outcome),
    /// The line was rejected; the case is as it was, and the outcome (when
    /// there is a case) describes it: its states, status and deadlines, no
    /// findings and no trace.
    Rejected(&'a Rejection, Option<&'a Outcome>),
}

impl Expectation {
    /// True if the expectation holds for `result`.
    ///
    /// After a rejected line the case is unchanged, and state, status and
    /// deadline expectations check the case as it stands; the line produced
    /// no finding and applied no rule.
    pub fn holds(&self, result: LineResult<'_>) -> bool {
        match (self, result) {
            (Expectation::Rejected(code, rule), LineResult::Rejected(r, _)) => {
                r.code == *code && rule.is_none_or(|x| r.rule == Some(x))
            }
            (Expectation::Rejected(..), LineResult::Accepted(_)) => false,
            (
                Expectation::Accepted | Expectation::Finding(..) | Expectation::Cites(_),
                LineResult::Rejected(..),
            ) => false,
            (Expectation::NoFinding | Expectation::NoFindingCode(_), LineResult::Rejected(..)) => {
                true
            }
            (e, LineResult::Rejected(_, Some(o))) => e.holds(LineResult::Accepted(o)),
            (_, LineResult::Rejected(_, None)) => false,
            (e, LineResult::Accepted(o)) => match *e {
                Expectation::Accepted => true,
                Expectation::State(s) => o.state_of(s.machine()) == Some(s),
                Expectation::Status(s) => o.status == Some(s),
                Expectation::Deadline(n, at) => o.deadline(n).is_some_and(|d| d.due == at),
                Expectation::DeadlineStrict(n, at) => {
                    o.deadline(n).is_some_and(|d| d.due_strict == Some(at))
                }
                Expectation::NoDeadline(n) => o.deadline(n).is_none(),
                Expectation::Finding(s, code, rule) => o
                    .findings
                    .iter()
                    .any(|f| f.severity == s && f.code == code && rule.is_none_or(|r| f.rule == r)),
                Expectation::NoFinding => o.findings.is_empty(),
                Expectation::NoFindingCode(code) => !o.findings.iter().any(|f| f.code == code),
                Expectation::Cites(r) => o.trace.contains(&r),
                Expectation::DeadlineKind(n, k) => o.deadline(n).is_some_and(|d| d.kind() == k),
                Expectation::Rejected(..) => false,
            },
        }
    }
}
