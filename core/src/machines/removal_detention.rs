//! Machine `removal-detention`: arrest and detention under ss 59–62.

use super::table::{Transition, Trigger};
use super::Entry;
use crate::case::{Case, Ctx, Deadlines};
use crate::outcome::Rejection;
use crate::vocab::{Machine, MachineState};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

pub use crate::vocab::states::RemovalDetentionState;

/// Data of the machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RemovalDetentionData {
    /// The state.
    pub state: RemovalDetentionState,
}

crate::wire::wire_struct!(RemovalDetentionData { state });

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: RemovalDetentionState) {
    if s == RemovalDetentionState::Inactive {
        ctx.case.removal_detention = Default::default();
    } else {
        ctx.case.removal_detention.state = s;
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.removal_detention.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<RemovalDetentionState> {
    (case.removal_detention.state != RemovalDetentionState::Inactive)
        .then_some(case.removal_detention.state)
}

/// The transitions.
pub const TRANSITIONS: &[Transition<RemovalDetentionState>] = &[];

/// The open deadlines.
pub(crate) fn deadlines(_case: &Case, _out: &mut Deadlines) -> Result<(), Rejection> {
    Ok(())
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: Entry = Entry {
    machine: Machine::RemovalDetention,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| reported(c).map(MachineState::RemovalDetention),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(
            w,
            "removal-detention",
            TRANSITIONS,
            RemovalDetentionState::ALL,
            |s| s.name(),
            f,
        )
    },
};
