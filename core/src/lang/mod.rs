//! The ia87 case language (case-format.md): lexing, typed events, line parsing
//! and expectations. Wire parsing is kept apart from the rules: nothing here
//! knows what an event means.

pub mod cells;
pub mod event;
pub mod expect;
pub mod lexer;
pub mod parse;
pub mod values;

pub use event::{Event, EventKind, Verb};
pub use expect::{Expectation, LineResult};
pub use parse::{parse_line, CaseId, ConfigItem, Line, PersonLine};
