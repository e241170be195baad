//! `ia87-core`: the New Zealand Immigration Act 1987 status and detention rules as
//! `no_std`, allocation-free state machines.
//!
//! - [`time`]: UTC instants, New Zealand local time without a tz database,
//!   holidays, the two readings of a day period.
//! - [`rules`]: every rule the core encodes, with its citation and the Act's words.
//! - [`vocab`]: the vocabulary (verbs, events, states, deadline names, codes),
//!   below both the parser and the machines.
//! - [`lang`]: the case language (parsing only).
//! - [`machines`]: the `status`, `border`, `eligibility` and `transit` machines,
//!   each a transition table the engine executes.
//! - [`case`]: one person's case and the engine loop ([`Case::apply`]).
//! - [`outcome`]: what a line produces (states, deadlines, findings, trace).
//! - [`runner`]: runs case files line by line and checks expectations.
//! - [`codec`]: postcard snapshots with a version and a CRC (feature `serde`).
//! - [`invariants`]: the safety invariants of rule map §7 and the engine's own,
//!   checked after every line by the conformance and property tests.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]
#![cfg_attr(
    test,
    allow(
        clippy::panic,
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod case;
pub mod codec;
pub mod invariants;
pub mod json;
pub mod lang;
pub mod list;
pub mod machines;
mod names;
pub mod outcome;
pub mod rules;
pub mod runner;
#[cfg(feature = "serde")]
mod serde_case;
pub mod time;
pub mod vocab;
pub mod wire;

pub use case::Case;
pub use lang::{parse_line, Event, EventKind, Expectation, Line, Verb};
pub use outcome::{
    Deadline, DeadlineName, ErrorCode, Finding, FindingCode, MachineState, Outcome, Rejection,
    Severity,
};
pub use rules::RuleId;
