//! `ia87-report`: oversight reports over many ia87 cases, for the command
//! line (`ia87 audit FILE --report ooh`) and the Python package
//! (`ia87.report_ooh`), so that both count and print the same way.
//!
//! - [`ooh`]: the 2023 out-of-hours report — operations in and out of hours,
//!   by nationality, by authorisation outcome and by policy version, with
//!   children present — as text, CSV and JSON. Each case contributes the
//!   summary the core computes for it
//!   (`ia87_core::machines::operation::summary`); this crate adds them up
//!   and renders them.
//! - [`progress`]: a progress line on stderr for long inputs, shown only when
//!   stderr is a terminal.
//!
//! The core is `no_std`; this crate is not, and keeps the collections and the
//! text formatting out of the core.

pub mod ooh;
pub mod progress;

pub use ooh::{CaseTable, Counts, Format, OohReport};
pub use progress::Progress;
