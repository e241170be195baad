//! Running a case file line by line (case-format.md §1–§5), without
//! allocation: the caller feeds lines, a [`Sink`] receives what happened.
//!
//! - `ia87 1` must be the first line that is not blank or a comment.
//! - `case ID` starts a case; `person`, `config`, `policy` and events apply to it.
//! - `expect …` lines check the result of the last line above them that was
//!   not an `expect` line (several in a row all check the same line).
//! - A line that is rejected — by the parser or by the rules — and is not
//!   followed by an `expect rejected=…` line is reported as
//!   [`Report::Unexpected`], so that nothing is lost silently.

use crate::case::Case;
use crate::lang::expect::{Expectation, LineResult};
use crate::lang::parse::{parse_line, CaseId, Line};
use crate::outcome::{ErrorCode, Outcome, Rejection};
use crate::time::Zone;

/// What happened on one line.
#[derive(Debug)]
pub enum Report<'a> {
    /// A `case` line started a case.
    CaseStart {
        /// 1-based line number.
        line: u32,
        /// The case id.
        case: &'a str,
    },
    /// A directive or event line was processed (accepted or rejected).
    Line {
        /// 1-based line number.
        line: u32,
        /// The current case id ("" before any `case` line).
        case: &'a str,
        /// True for event lines (timestamped), false for directives.
        event: bool,
        /// The result.
        result: LineResult<'a>,
        /// The zone the case reads local times in after the line (a
        /// `config zone=` line shows its own outcome in its new zone).
        zone: Zone,
    },
    /// An expectation was checked.
    Expect {
        /// 1-based line number of the `expect` line.
        line: u32,
        /// The line it checked.
        target: u32,
        /// The current case id.
        case: &'a str,
        /// The expectation.
        expectation: &'a Expectation,
        /// Whether it held.
        passed: bool,
        /// The result it was checked against.
        result: LineResult<'a>,
    },
    /// A rejected line that no `expect rejected=` line covered.
    Unexpected {
        /// 1-based line number.
        line: u32,
        /// The current case id.
        case: &'a str,
        /// The rejection.
        rejection: &'a Rejection,
    },
}

/// Receives reports from a [`Runner`].
pub trait Sink {
    /// Called once per report, in file order.
    fn report(&mut self, report: Report<'_>);
}

// No heap to box the outcome into; one `Last` lives in the runner.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
enum Last {
    Accepted(Outcome),
    /// The rejection, and the case as it stands (unchanged) when there is one.
    Rejected(Rejection, Option<Outcome>),
}

impl Last {
    fn result(&self) -> LineResult<'_> {
        match self {
            Last::Accepted(o) => LineResult::Accepted(o),
            Last::Rejected(r, o) => LineResult::Rejected(r, o.as_ref()),
        }
    }
}

/// Runs the lines of one file.
#[derive(Debug, Default)]
pub struct Runner {
    line: u32,
    header: bool,
    id: CaseId,
    case: Option<Case>,
    last: Option<(u32, Last)>,
    /// A rejection waiting to see whether an `expect rejected=` covers it.
    pending: Option<(u32, Rejection)>,
}

impl Runner {
    /// A runner at the start of a file.
    pub fn new() -> Self {
        Runner::default()
    }

    /// The case being run, if a `case` line has been seen.
    pub fn case(&self) -> Option<&Case> {
        self.case.as_ref()
    }

    /// The current case id.
    pub fn case_id(&self) -> &str {
        &self.id
    }

    /// The number of lines fed so far.
    pub fn line_number(&self) -> u32 {
        self.line
    }

    /// Processes the next line of the file (with or without its line end).
    pub fn feed(&mut self, raw: &[u8], sink: &mut dyn Sink) {
        self.line = self.line.saturating_add(1);
        let n = self.line;
        let parsed = parse_line(raw);
        if let Ok(Line::Expect(e)) = &parsed {
            self.expect(n, e, sink);
            return;
        }
        if let Ok(Line::Blank) = parsed {
            return;
        }
        self.flush(sink);
        if !self.header {
            self.header = true;
            if !matches!(parsed, Ok(Line::Header(_))) {
                let r = Rejection::new(ErrorCode::BadSyntax, "the first line must be `ia87 1`")
                    .at_column(1);
                let o = self.unchanged();
                self.record(n, false, Last::Rejected(r, o), sink);
                self.flush(sink);
            }
        }
        let outcome = match parsed {
            Ok(Line::Blank) | Ok(Line::Expect(_)) => return,
            Ok(Line::Header(_)) => return,
            Ok(Line::Case(id)) => {
                self.id = CaseId::new();
                // parse_line already bounds the id to 32 bytes.
                let _ = self.id.push_str(id);
                self.case = Some(Case::new());
                self.last = None;
                sink.report(Report::CaseStart {
                    line: n,
                    case: &self.id,
                });
                return;
            }
            Ok(Line::Person(p)) => self.with_case(|c| c.set_person(&p)),
            Ok(Line::Config(items)) => self.with_case(|c| {
                c.configure(&items)?;
                c.snapshot_outcome()
            }),
            Ok(Line::Policy(p)) => self.with_case(|c| {
                c.set_policy(p);
                c.snapshot_outcome()
            }),
            Ok(Line::Event(e)) => {
                let r = self.with_case(|c| c.apply(&e));
                match r {
                    Ok(o) => self.record(n, true, Last::Accepted(o), sink),
                    Err(rej) => {
                        let o = self.unchanged();
                        self.record(n, true, Last::Rejected(rej, o), sink)
                    }
                }
                return;
            }
            Err(rej) => {
                // A line that does not parse: an event line if it starts with a digit.
                let event = raw.first().is_some_and(u8::is_ascii_digit);
                let o = self.unchanged();
                self.record(n, event, Last::Rejected(rej, o), sink);
                return;
            }
        };
        match outcome {
            Ok(o) => self.record(n, false, Last::Accepted(o), sink),
            Err(rej) => {
                let o = self.unchanged();
                self.record(n, false, Last::Rejected(rej, o), sink)
            }
        }
    }

    /// Ends the file: reports a rejection that no expectation covered.
    pub fn finish(&mut self, sink: &mut dyn Sink) {
        self.flush(sink);
    }

    fn with_case(
        &mut self,
        f: impl FnOnce(&mut Case) -> Result<Outcome, Rejection>,
    ) -> Result<Outcome, Rejection> {
        match self.case.as_mut() {
            Some(c) => f(c),
            None => Err(Rejection::new(
                ErrorCode::NoCase,
                "no `case ID` line before this line",
            )),
        }
    }

    /// The outcome that describes the current case as it stands (for a
    /// rejected line, which leaves it unchanged), if there is a case.
    fn unchanged(&self) -> Option<Outcome> {
        self.case.as_ref().and_then(|c| c.snapshot_outcome().ok())
    }

    fn record(&mut self, n: u32, event: bool, last: Last, sink: &mut dyn Sink) {
        if let Last::Rejected(r, _) = &last {
            self.pending = Some((n, *r));
        }
        let zone = self.case.as_ref().map_or(Zone::Mainland, Case::zone);
        sink.report(Report::Line {
            line: n,
            case: &self.id,
            event,
            result: last.result(),
            zone,
        });
        self.last = Some((n, last));
    }

    fn expect(&mut self, n: u32, e: &Expectation, sink: &mut dyn Sink) {
        if matches!(e, Expectation::Rejected(..)) {
            self.pending = None;
        }
        match &self.last {
            Some((target, last)) => {
                let passed = e.holds(last.result());
                sink.report(Report::Expect {
                    line: n,
                    target: *target,
                    case: &self.id,
                    expectation: e,
                    passed,
                    result: last.result(),
                });
            }
            None => {
                let r = Rejection::new(
                    ErrorCode::BadSyntax,
                    "an expect line needs a line above it to check",
                )
                .at_column(1);
                sink.report(Report::Unexpected {
                    line: n,
                    case: &self.id,
                    rejection: &r,
                });
            }
        }
    }

    fn flush(&mut self, sink: &mut dyn Sink) {
        if let Some((line, r)) = self.pending.take() {
            sink.report(Report::Unexpected {
                line,
                case: &self.id,
                rejection: &r,
            });
        }
    }
}

/// Counts of a run, for `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Expectations that held.
    pub passed: u32,
    /// Expectations that failed.
    pub failed: u32,
    /// Rejected lines no expectation covered.
    pub unexpected: u32,
    /// Of those, input errors (exit code 2).
    pub input_errors: u32,
}

impl Sink for Tally {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Expect { passed: true, .. } => self.passed = self.passed.saturating_add(1),
            Report::Expect { passed: false, .. } => self.failed = self.failed.saturating_add(1),
            Report::Unexpected { rejection, .. } => {
                self.unexpected = self.unexpected.saturating_add(1);
                if rejection.code.is_input_error() {
                    self.input_errors = self.input_errors.saturating_add(1);
                }
            }
            _ => {}
        }
    }
}

/// Runs a whole file held in memory, splitting it at `\n`.
pub fn run_bytes(text: &[u8], sink: &mut dyn Sink) {
    let mut r = Runner::new();
    for line in text.split(|&b| b == b'\n') {
        r.feed(line, sink);
    }
    // A final empty piece after a trailing newline is a blank line; harmless.
    r.finish(sink);
}
