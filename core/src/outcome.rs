//! The outcome of one line (case-format.md §4): whether it was accepted, the
//! state of each active machine, the status, the open deadlines, the new
//! findings and the trace of rules applied. All bounded.

use crate::rules::RuleId;
use crate::time::Instant;
use heapless::Vec;

pub use crate::vocab::codes::{
    DeadlineKind, DeadlineName, ErrorCode, FindingCode, Rejection, Severity,
};
pub use crate::vocab::states::{Machine, MachineState};
use crate::vocab::StatusState;

/// A finding: a breach, warning, gap or open question, with the rule it rests on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// What it says.
    pub code: FindingCode,
    /// The rule it rests on.
    pub rule: RuleId,
    /// When it happened (for a passed deadline: the first instant out of time).
    pub at: Instant,
}

/// An open deadline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Deadline {
    /// Its name.
    pub name: DeadlineName,
    /// The last instant at which the act is still in time (for `s128-cessation`,
    /// the instant at which s 128 ceases; settled reading 1).
    pub due: Instant,
    /// For periods read two ways, the due instant of the strict (elapsed) reading.
    pub due_strict: Option<Instant>,
    /// The rule that sets it.
    pub rule: RuleId,
}

impl Deadline {
    /// Whether `due` is a statutory limit or a service level (settled reading
    /// 3): the s 128B(6)(a) determination (`s7-determination`), release
    /// "immediately" / "on receiving" a notice (`release-due`), and bringing a
    /// person before a Judge "as soon as possible" after an arrest
    /// (`judge-appearance` under s 128AC(3) or s 128A(10)). The engine reports
    /// their passing as `undetermined`, never as a breach.
    pub fn kind(&self) -> DeadlineKind {
        let service = match self.name {
            DeadlineName::S7Determination | DeadlineName::ReleaseDue => true,
            DeadlineName::JudgeAppearance => {
                matches!(self.rule, RuleId::S128AC_3 | RuleId::S128A_10)
            }
            _ => false,
        };
        if service {
            DeadlineKind::ServiceLevel
        } else {
            DeadlineKind::Statutory
        }
    }
}

/// Most findings one line can produce.
pub const MAX_FINDINGS: usize = 16;
/// Most open deadlines reported at once.
pub const MAX_DEADLINES: usize = 12;
/// Most rule ids in the trace of one line.
pub const MAX_TRACE: usize = 32;
/// Most machine states reported at once (one per machine).
pub const MAX_STATES: usize = Machine::ALL.len();

/// The outcome of an accepted line.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Outcome {
    /// The state of each active machine.
    pub states: Vec<MachineState, MAX_STATES>,
    /// The person's immigration status (the `status` machine's state).
    pub status: Option<StatusState>,
    /// The open deadlines, in order of `due`.
    pub deadlines: Vec<Deadline, MAX_DEADLINES>,
    /// The findings this line produced, in the order they arose.
    pub findings: Vec<Finding, MAX_FINDINGS>,
    /// The rules the engine applied on this line, in order (no repeats).
    pub trace: Vec<RuleId, MAX_TRACE>,
}

impl Outcome {
    /// An empty outcome.
    pub const fn new() -> Self {
        Outcome {
            states: Vec::new(),
            status: None,
            deadlines: Vec::new(),
            findings: Vec::new(),
            trace: Vec::new(),
        }
    }

    /// Empties every field.
    pub fn clear(&mut self) {
        self.states.clear();
        self.status = None;
        self.deadlines.clear();
        self.findings.clear();
        self.trace.clear();
    }

    /// Records that `rule` was applied (once per line).
    pub fn cite(&mut self, rule: RuleId) -> Result<(), Rejection> {
        if self.trace.contains(&rule) {
            return Ok(());
        }
        self.trace
            .push(rule)
            .map_err(|_| Rejection::capacity("too many rules applied on one line"))
    }

    /// Records a finding (and cites its rule).
    pub fn find(
        &mut self,
        severity: Severity,
        code: FindingCode,
        rule: RuleId,
        at: Instant,
    ) -> Result<(), Rejection> {
        self.cite(rule)?;
        self.findings
            .push(Finding {
                severity,
                code,
                rule,
                at,
            })
            .map_err(|_| Rejection::capacity("too many findings on one line"))
    }

    /// The state of `machine`, if it is active.
    pub fn state_of(&self, machine: Machine) -> Option<MachineState> {
        self.states.iter().copied().find(|s| s.machine() == machine)
    }

    /// The open deadline called `name`, if any.
    pub fn deadline(&self, name: DeadlineName) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(name: DeadlineName, rule: RuleId) -> Deadline {
        Deadline {
            name,
            due: Instant::from_unix_seconds(0),
            due_strict: None,
            rule,
        }
    }

    #[test]
    fn service_levels_are_told_apart_from_statutory_deadlines() {
        use DeadlineKind::{ServiceLevel as S, Statutory as T};
        use DeadlineName as N;
        // Settled reading 3: "as soon as possible" and the like are service levels.
        assert_eq!(d(N::S7Determination, RuleId::S128B_6_A).kind(), S);
        assert_eq!(d(N::ReleaseDue, RuleId::S128_14_A).kind(), S);
        assert_eq!(d(N::ReleaseDue, RuleId::S128B_5_A_I).kind(), S);
        assert_eq!(d(N::JudgeAppearance, RuleId::S128AC_3).kind(), S);
        assert_eq!(d(N::JudgeAppearance, RuleId::S128A_10).kind(), S);
        // The same name under a numbered period of the Act is statutory.
        assert_eq!(d(N::JudgeAppearance, RuleId::S128A_2_B).kind(), T);
        assert_eq!(d(N::JudgeAppearance, RuleId::S128B_10_B).kind(), T);
        assert_eq!(d(N::WarrantRequired, RuleId::S128_7).kind(), T);
        assert_eq!(d(N::WarrantApplication, RuleId::S128B_6_C).kind(), T);
        assert_eq!(DeadlineKind::ServiceLevel.name(), "service-level");
    }
}
