//! The ia87 case language (case-format.md): lexing, typed events, line parsing
//! and expectations. Wire parsing is kept apart from the rules: nothing here
//! knows what an event means.

pub mod cells;
pub mod expect;
pub mod lexer;
pub mod parse;

// The typed events and values live in the vocabulary (below the parser and
// the machines); these paths are kept for callers that name them here.
pub use crate::vocab::event;
pub use crate::vocab::values;

pub use crate::vocab::{ConfigItem, PersonLine};
pub use event::{Event, EventKind, Verb};
pub use expect::{Expectation, LineResult};
pub use parse::{parse_line, CaseId, Line};
