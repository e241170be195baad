//! Machine `removal`: unlawful status and removal under Part 2.

use super::table::{Transition, Trigger};
use super::Entry;
use crate::case::{Case, Ctx, Deadlines};
use crate::outcome::Rejection;
use crate::vocab::{Machine, MachineState};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

pub use crate::vocab::states::RemovalState;

/// Data of the machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RemovalData {
    /// The state.
    pub state: RemovalState,
}

crate::wire::wire_struct!(RemovalData { state });

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: RemovalState) {
    if s == RemovalState::Inactive {
        ctx.case.removal = Default::default();
    } else {
        ctx.case.removal.state = s;
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.removal.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<RemovalState> {
    (case.removal.state != RemovalState::Inactive).then_some(case.removal.state)
}

/// The transitions.
pub const TRANSITIONS: &[Transition<RemovalState>] = &[];

/// The open deadlines.
pub(crate) fn deadlines(_case: &Case, _out: &mut Deadlines) -> Result<(), Rejection> {
    Ok(())
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: Entry = Entry {
    machine: Machine::Removal,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| reported(c).map(MachineState::Removal),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(
            w,
            "removal",
            TRANSITIONS,
            RemovalState::ALL,
            |s| s.name(),
            f,
        )
    },
};
