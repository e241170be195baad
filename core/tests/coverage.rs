//! Coverage of the conformance suite: every rule id the core encodes is
//! exercised by some conformance line — cited in the trace of an accepted line,
//! or named by a rejection that the file asserts with `expect rejected=CODE
//! rule=RULE` (a rule whose whole effect is a rejection, such as s 34D(2), can
//! only be exercised that way: a rejected line has no trace) — and every error
//! code is produced by some `expect rejected=CODE`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{run_suite, suite_files, SuiteRun};
use ia87_core::outcome::ErrorCode;
use ia87_core::RuleId;
use std::sync::OnceLock;

fn suite() -> &'static SuiteRun {
    static RUN: OnceLock<SuiteRun> = OnceLock::new();
    RUN.get_or_init(|| run_suite(&suite_files()))
}

#[test]
fn every_rule_id_is_exercised() {
    let run = suite();
    let missing: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|r| !run.rules.contains(r))
        .map(|r| r.id())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} rule ids are exercised by no conformance line: {}",
        missing.len(),
        RuleId::ALL.len(),
        missing.join(" ")
    );
    let only_rejected: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|r| !run.traced.contains(r))
        .map(|r| r.id())
        .collect();
    eprintln!(
        "rules: {} of {} exercised ({} in a trace; only named by a rejection: {})",
        run.rules.len(),
        RuleId::ALL.len(),
        run.traced.len(),
        only_rejected.join(" ")
    );
}

#[test]
fn every_error_code_is_produced() {
    let run = suite();
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|c| !run.errors.contains(c))
        .map(|c| c.name())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} error codes are produced by no conformance case (`expect rejected=CODE`): {}",
        missing.len(),
        ErrorCode::ALL.len(),
        missing.join(" ")
    );
}
