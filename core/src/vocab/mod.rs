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

#[cfg(test)]
mod tests {
    use super::values::{AppealResult, GrantBasis, Report};
    use super::{DeadlineName, FindingCode, Verb};
    use crate::rules::RuleId;

    /// True if no value shared by every build comes after a gated one.
    fn gated_last<T: Copy>(all: &[T], gated: fn(T) -> bool) -> bool {
        all.windows(2)
            .all(|w| matches!(w, [a, b] if !gated(*a) || gated(*b)))
    }

    /// Codes are positions: a Part 2 value in the middle of an enum would give
    /// the values after it different codes in the kiosk build (no `removal`
    /// feature) and in the full build, and a snapshot or a C program would
    /// read one for the other.
    #[test]
    fn gated_values_come_after_every_shared_one() {
        assert!(gated_last(Verb::ALL, Verb::gated));
        assert!(gated_last(FindingCode::ALL, FindingCode::gated));
        assert!(gated_last(DeadlineName::ALL, DeadlineName::gated));
        assert!(gated_last(GrantBasis::ALL, GrantBasis::gated));
        assert!(gated_last(Report::ALL, Report::gated));
        assert!(gated_last(AppealResult::ALL, AppealResult::gated));
        assert!(gated_last(RuleId::ALL, RuleId::gated));
        assert!(gated_last(
            crate::invariants::Invariant::ALL,
            crate::invariants::Invariant::gated
        ));
        // The check itself can fail.
        assert!(!gated_last(&[true, false], |g| g));
        #[cfg(feature = "removal")]
        assert!(Verb::Board.gated() && !Verb::Depart.gated());
    }
}
