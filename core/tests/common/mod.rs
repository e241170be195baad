//! Shared by the integration tests: running case files through the
//! [`Runner`] with the invariant [`Monitor`] after every line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    dead_code
)]

use ia87_core::invariants::{Monitor, Violation};
use ia87_core::lang::expect::LineResult;
use ia87_core::lang::parse::{parse_line, Line};
use ia87_core::outcome::{ErrorCode, Outcome, Rejection};
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::{Case, Expectation, RuleId};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The root of the conformance suite.
pub fn suite_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

/// Every `*.case` file under the suite, sorted.
pub fn suite_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&suite_root(), &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "case") {
            out.push(p);
        }
    }
}

/// What happened on the line just fed.
#[derive(Default)]
struct LineSink {
    result: Option<Result<Outcome, Rejection>>,
    expects: Vec<(u32, u32, String, bool, String)>,
    unexpected: Vec<(u32, Rejection)>,
    cases: u32,
    covered_rejections: Vec<(ErrorCode, Option<RuleId>)>,
}

impl Sink for LineSink {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::CaseStart { .. } => self.cases += 1,
            Report::Line { result, .. } => {
                self.result = Some(match result {
                    LineResult::Accepted(o) => Ok(o.clone()),
                    LineResult::Rejected(r, _) => Err(*r),
                })
            }
            Report::Expect {
                line,
                target,
                case,
                expectation,
                passed,
                result,
            } => {
                if let (Expectation::Rejected(code, _), LineResult::Rejected(r, _), true) =
                    (expectation, result, passed)
                {
                    self.covered_rejections.push((*code, r.rule));
                }
                let got = match result {
                    LineResult::Accepted(o) => describe(o),
                    LineResult::Rejected(r, _) => format!(
                        "rejected {} rule={} ({})",
                        r.code.name(),
                        r.rule.map_or("-", |x| x.id()),
                        r.message
                    ),
                };
                self.expects.push((
                    line,
                    target,
                    format!("{case}: {expectation:?}"),
                    passed,
                    got,
                ));
            }
            Report::Unexpected {
                line, rejection, ..
            } => self.unexpected.push((line, *rejection)),
        }
    }
}

/// A one-line description of an outcome, for failure messages.
pub fn describe(o: &Outcome) -> String {
    let states: Vec<String> = o.states.iter().map(|s| s.to_string()).collect();
    let deadlines: Vec<String> = o
        .deadlines
        .iter()
        .map(|d| {
            format!(
                "{}@{}{}",
                d.name.name(),
                d.due.unix_seconds(),
                d.due_strict
                    .map_or(String::new(), |s| format!("/strict {}", s.unix_seconds()))
            )
        })
        .collect();
    let findings: Vec<String> = o
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} rule={}",
                f.severity.name(),
                f.code.name(),
                f.rule.id()
            )
        })
        .collect();
    let trace: Vec<&str> = o.trace.iter().map(|r| r.id()).collect();
    format!(
        "states [{}] deadlines [{}] findings [{}] trace [{}]",
        states.join(" "),
        deadlines.join(" "),
        findings.join(", "),
        trace.join(" ")
    )
}

/// The totals of a run over many files.
#[derive(Default)]
pub struct SuiteRun {
    pub files: usize,
    pub cases: u32,
    pub lines: u32,
    pub passed: u32,
    pub failures: Vec<String>,
    pub violations: Vec<String>,
    /// Rules cited in a trace of an accepted line.
    pub traced: BTreeSet<RuleId>,
    /// Rules cited in a trace or named by a covered rejection.
    pub rules: BTreeSet<RuleId>,
    /// Error codes asserted by a passing `expect rejected=CODE`.
    pub errors: BTreeSet<ErrorCode>,
}

fn violation_text(v: &Violation) -> String {
    format!(
        "{} ({}): {}",
        v.invariant.name(),
        v.rule.map_or("-", |r| r.id()),
        v.detail
    )
}

/// Runs one file's bytes, with the invariant monitor after every line.
pub fn run_file(name: &str, bytes: &[u8], run: &mut SuiteRun) {
    let mut runner = Runner::new();
    let mut monitor = Monitor::new();
    let mut sink = LineSink::default();
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    for raw in lines {
        let before: Option<Case> = runner.case().cloned();
        sink.result = None;
        runner.feed(raw, &mut sink);
        let n = runner.line_number();
        run.lines += 1;
        let parsed = parse_line(raw);
        let result = sink.result.take();
        match (&parsed, before, runner.case(), &result) {
            (Ok(Line::Case(_)), _, _, _) => monitor = Monitor::new(),
            (Ok(Line::Event(e)), Some(b), Some(a), Some(r)) => {
                let r = r.as_ref();
                for v in monitor.check(&b, e, r, a) {
                    run.violations
                        .push(format!("{name}:{n}: {}", violation_text(&v)));
                }
                if let Ok(o) = r {
                    run.traced.extend(o.trace.iter().copied());
                }
            }
            (_, Some(b), Some(a), Some(r)) => {
                for v in monitor.check_directive(&b, r.as_ref(), a) {
                    run.violations
                        .push(format!("{name}:{n}: {}", violation_text(&v)));
                }
            }
            _ => {}
        }
    }
    runner.finish(&mut sink);
    for (line, target, what, passed, got) in sink.expects.drain(..) {
        if passed {
            run.passed += 1;
        } else {
            run.failures.push(format!(
                "{name}:{line}: expectation failed on line {target}: {what}\n    got: {got}"
            ));
        }
    }
    for (line, r) in sink.unexpected.drain(..) {
        run.failures.push(format!(
            "{name}:{line}: rejected ({} rule={}: {}) and no `expect rejected=` covers it",
            r.code.name(),
            r.rule.map_or("-", |x| x.id()),
            r.message
        ));
    }
    for (code, rule) in sink.covered_rejections.drain(..) {
        run.errors.insert(code);
        if let Some(r) = rule {
            run.rules.insert(r);
        }
    }
    run.cases += sink.cases;
    run.files += 1;
}

/// Runs every file.
pub fn run_suite(files: &[PathBuf]) -> SuiteRun {
    let mut run = SuiteRun::default();
    let root = suite_root();
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f
            .strip_prefix(&root)
            .map(|p| format!("tests/conformance/{}", p.display()))
            .unwrap_or_else(|_| f.display().to_string());
        run_file(&name, &bytes, &mut run);
    }
    let traced = run.traced.clone();
    run.rules.extend(traced);
    run
}
