//! The conformance suite through `cargo test`: every `tests/conformance/**/*.case`
//! runs through [`Runner`]; the test fails on any failed expectation, on any
//! rejected line that no `expect rejected=` covers, and on any safety or
//! engine invariant that the checker ([`ia87_core::invariants`]) finds broken
//! after any line. Rule-id and error-code coverage are in `coverage.rs`.
//!
//! The invariant checker runs in every build (debug and release): it is not a
//! `debug_assert!`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use common::{run_suite, suite_files, SuiteRun};
use std::sync::OnceLock;

fn suite() -> &'static SuiteRun {
    static RUN: OnceLock<SuiteRun> = OnceLock::new();
    RUN.get_or_init(|| run_suite(&suite_files()))
}

#[test]
fn every_expectation_holds_and_no_rejection_is_uncovered() {
    let run = suite();
    assert!(
        run.files >= 65,
        "expected the whole suite, found {} files",
        run.files
    );
    if !run.failures.is_empty() {
        panic!(
            "{} conformance failure(s):\n{}",
            run.failures.len(),
            run.failures.join("\n")
        );
    }
    eprintln!(
        "conformance: {} files, {} cases, {} lines, {} expectations passed",
        run.files, run.cases, run.lines, run.passed
    );
}

#[test]
fn no_invariant_is_broken_on_any_line() {
    let run = suite();
    if !run.violations.is_empty() {
        panic!(
            "{} invariant violation(s):\n{}",
            run.violations.len(),
            run.violations.join("\n")
        );
    }
    eprintln!("invariants: checked after {} lines", run.lines);
}
