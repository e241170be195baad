//! The vocabulary of the case language and the outcome model: verbs, typed
//! values and events, directives, machine states, deadline names, finding
//! codes and error codes.
//!
//! It sits below both the parser ([`crate::lang`]) and the machines
//! ([`crate::machines`]), so that neither imports the other: the parser turns
//! text into these types, the machines give them meaning.

pub mod codes;
pub mod directives;
pub mod event;
pub mod states;
pub mod values;

pub use codes::{DeadlineName, ErrorCode, FindingCode, Rejection, Severity};
pub use directives::{ConfigItem, Obligation, PersonLine};
pub use event::{Event, EventKind, ParentStatus, Verb};
pub use states::{
    BorderState, EligibilityState, Machine, MachineState, OperationState, RemovalDetentionState,
    RemovalState, StatusState, TransitState,
};
