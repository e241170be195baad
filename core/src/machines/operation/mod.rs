//! Machine `operation`: an enforcement operation (a visit to a home or a
//! workplace to serve or execute a removal or deportation order), judged
//! first by the statute and then, under `policy ooh-2023`, by the 2023
//! out-of-hours enforcement policy (spec `rules/refugee_and_policy.md` §2).
//!
//! `operation-propose` runs the decision procedure of §2.3 in its order:
//!
//! 1. **The statute first.** s 129X(1): "No person who has been recognised as
//!    a refugee in New Zealand or is a refugee status claimant may be removed
//!    or deported". A removal or deportation planned against a claimant (a
//!    `refugee-claim` on the case) is `violation:removal-of-claimant` and the
//!    operation is `blocked`, whatever the policy says (P5). Serving an order
//!    (`step=serve`) is not the removal itself: `undetermined:order-against-claimant`
//!    (settled reading 8), and the policy checks go on. s 129X(2): without
//!    `regard=yes` such an operation also gets `undetermined:regard-not-recorded`.
//! 2. Without the overlay the machine stops there (`cleared`).
//! 3. With it: the version in force on the local date of the planned start,
//!    the window over the whole visit in local time at the location, and —
//!    out of hours — the pause, the authorisation (office, before the start),
//!    the justification and the record, **every** failed check its own finding
//!    (settled reading 9; [`policy::judge`]).
//!
//! `operation-execute` records what happened and judges it against what was
//! authorised (§2.5.6): the statute again at the instant of the act; the
//! actual span against the window; an out-of-hours span that no authorised
//! proposal covers is `ooh-unauthorised`; children present who were not
//! assessed as present, and a post-visit record without who was present or
//! without the person's nationality, are `ooh-incomplete`. An execution with
//! no proposal on record is judged as a proposal and an execution at once,
//! with nothing approved.
//!
//! The machine holds the case's latest operation. Its data also holds the
//! overlay's configuration (`config ooh-…`), which is why its snapshot slot
//! can be written while the machine is not yet active.

pub(crate) mod invariants;
pub mod policy;
pub mod summary;

use super::table::{g, label, row, Transition, Trigger};
use crate::case::{Case, Ctx, Deadlines, OPT_OOH2023};
use crate::outcome::{FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::{Instant, Zone};
use crate::vocab::event::{EventKind, Verb};
pub use crate::vocab::states::OperationState;
use crate::vocab::values::{OperationKind, Purpose, RecordKey, Step, YesNoUnknown};
use policy::{Authorisation, Facts, Hours, Judgement, OohConfig};

/// Flag bits of an [`Operation`].
pub mod flags {
    /// A residential address (`residential=yes`, or a `home-visit`).
    pub const RESIDENTIAL: u16 = 1;
    /// For serving an order, not executing it (`step=serve`).
    pub const SERVE: u16 = 1 << 1;
    /// Alternatives considered, and why they were inadequate (`alternatives=yes`).
    pub const ALTERNATIVES: u16 = 1 << 2;
    /// Cultural factors assessed (`cultural=yes`).
    pub const CULTURAL: u16 = 1 << 3;
    /// Reasonableness, proportionality and public interest assessed.
    pub const PROPORTIONALITY: u16 = 1 << 4;
    /// An officer health and safety plan (`safety-plan=yes`).
    pub const SAFETY_PLAN: u16 = 1 << 5;
    /// The duty of s 129X(2) acknowledged (`regard=yes`).
    pub const REGARD: u16 = 1 << 6;
    /// Whether children may be present was assessed (`children=yes|no`).
    pub const CHILDREN_ASSESSED: u16 = 1 << 7;
    /// Children were expected to be present (`children=yes`).
    pub const CHILDREN: u16 = 1 << 8;
    /// Elderly or vulnerable people assessed (`vulnerable=yes|no`).
    pub const VULNERABLE_ASSESSED: u16 = 1 << 9;
    /// New Zealand citizens or residents assessed (`nz-residents=yes|no`).
    pub const NZ_ASSESSED: u16 = 1 << 10;
    /// The post-visit record says whether children were present.
    pub const ACTUAL_CHILDREN_RECORDED: u16 = 1 << 11;
    /// Children were present.
    pub const ACTUAL_CHILDREN: u16 = 1 << 12;
    /// The post-visit record says whether vulnerable people were present.
    pub const ACTUAL_VULNERABLE_RECORDED: u16 = 1 << 13;
    /// Vulnerable people were present.
    pub const ACTUAL_VULNERABLE: u16 = 1 << 14;
    /// The record of §2.3 step 6d in full.
    pub const RECORD: u16 = ALTERNATIVES
        | CULTURAL
        | PROPORTIONALITY
        | SAFETY_PLAN
        | CHILDREN_ASSESSED
        | VULNERABLE_ASSESSED
        | NZ_ASSESSED;
}

/// The latest operation of the case: what was proposed and what happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Operation {
    /// What it is for (`None`: carried out with no proposal on record).
    pub purpose: Option<Purpose>,
    /// The kind of visit.
    pub kind: Option<OperationKind>,
    /// The zone of the location (the line's `zone=`, else `config zone`).
    pub zone: Zone,
    /// The planned start (`None`: no proposal).
    pub start: Option<Instant>,
    /// The planned length in seconds (one hour when no end was given).
    pub length: u32,
    /// The offices that approved (bits of [`policy::Roles`]).
    pub approvals: u8,
    /// When the approval was given.
    pub approved_at: Option<Instant>,
    /// The justification categories given (bits of `Justification` codes).
    pub justifications: u8,
    /// [`flags`].
    pub flags: u16,
    /// What the proposal came to (`inactive`: no proposal).
    pub decision: OperationState,
    /// The actual start (`operation-execute`).
    pub actual_start: Option<Instant>,
    /// The actual length in seconds.
    pub actual_length: u32,
}

crate::wire::wire_struct!(Operation {
    purpose,
    kind,
    zone,
    start,
    length,
    approvals,
    approved_at,
    justifications,
    flags,
    decision,
    actual_start,
    actual_length
});

impl Operation {
    /// True if flag `f` is set.
    pub const fn has(&self, f: u16) -> bool {
        self.flags & f == f
    }

    /// The planned span, if there is a proposal.
    pub fn planned(&self) -> Option<(Instant, Instant)> {
        self.start
            .map(|s| (s, s.add_seconds(i64::from(self.length))))
    }

    /// The actual span, if it was carried out.
    pub fn actual(&self) -> Option<(Instant, Instant)> {
        self.actual_start
            .map(|s| (s, s.add_seconds(i64::from(self.actual_length))))
    }

    /// The facts the policy's checks look at.
    pub fn facts(&self) -> Facts {
        Facts {
            purpose: self.purpose,
            residential: self.has(flags::RESIDENTIAL),
            approvals: self.approvals,
            approved_at: self.approved_at,
            justifications: self.justifications,
            record_complete: self.has(flags::RECORD),
        }
    }
}

/// Data of the `operation` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct OperationData {
    /// The state.
    pub state: OperationState,
    /// The overlay's configuration (kept while the machine is inactive).
    pub config: OohConfig,
    /// The latest operation (default while the machine is inactive).
    pub op: Operation,
}

crate::wire::wire_struct!(OperationData { state, config, op });

impl OperationData {
    /// True if the snapshot must write the slot: the machine is active or
    /// the overlay is configured.
    pub fn holds_anything(&self) -> bool {
        self.state != OperationState::Inactive || self.config != OohConfig::default()
    }

    /// Engine invariant `E-inactive-empty`: an inactive machine holds no
    /// operation (its configuration is not an operation).
    pub fn inactive_is_empty(&self) -> bool {
        self.state != OperationState::Inactive || self.op == Operation::default()
    }
}

/// Sets the state; an inactive machine forgets its operation (engine
/// invariant `E-inactive-empty`) but keeps its configuration.
fn set(ctx: &mut Ctx<'_>, s: OperationState) {
    ctx.case.operation.state = s;
    if s == OperationState::Inactive {
        ctx.case.operation.op = Operation::default();
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.operation.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<OperationState> {
    (case.operation.state != OperationState::Inactive).then_some(case.operation.state)
}

/// True if the case evaluates operations under the 2023 policy.
pub fn overlay(case: &Case) -> bool {
    case.config.has(OPT_OOH2023)
}

// ------------------------------------------------------------------ the decision

/// What the statute says about an operation (§2.3 step 1).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Statute {
    /// Nothing in the statute bars it.
    Clear,
    /// s 129X(1) bars it: executing a removal or deportation of a claimant.
    Bar,
    /// Serving an order against a claimant: s 53 is "subject to" s 129X,
    /// which forbids the removal itself (settled reading 8).
    Serve,
}

/// The statute on an operation with `op`'s purpose, against the person as
/// the case stands.
pub fn statute(case: &Case, op: &Operation) -> Statute {
    let removes = op.purpose.is_some_and(Purpose::removes);
    if !(removes && case.person.claimant) {
        Statute::Clear
    } else if op.has(flags::SERVE) {
        Statute::Serve
    } else {
        Statute::Bar
    }
}

/// An operation from an `operation-propose` line.
fn proposed(case: &Case, kind: &EventKind) -> Option<Operation> {
    let EventKind::OperationPropose {
        kind: visit,
        purpose,
        step,
        zone,
        start,
        end,
        justification,
        approved_by,
        approved_at,
        answers,
    } = kind
    else {
        return None;
    };
    let a = *answers;
    let mut f = 0u16;
    let mut set = |on: bool, bit: u16| {
        if on {
            f |= bit;
        }
    };
    let residential = match a.get(RecordKey::Residential) {
        Some(v) => v == YesNoUnknown::Yes,
        None => *visit == Some(OperationKind::HomeVisit),
    };
    set(residential, flags::RESIDENTIAL);
    set(*step == Some(Step::Serve), flags::SERVE);
    set(a.yes(RecordKey::Alternatives), flags::ALTERNATIVES);
    set(a.yes(RecordKey::Cultural), flags::CULTURAL);
    set(a.yes(RecordKey::Proportionality), flags::PROPORTIONALITY);
    set(a.yes(RecordKey::SafetyPlan), flags::SAFETY_PLAN);
    set(a.yes(RecordKey::Regard), flags::REGARD);
    set(a.known(RecordKey::Children), flags::CHILDREN_ASSESSED);
    set(a.yes(RecordKey::Children), flags::CHILDREN);
    set(a.known(RecordKey::Vulnerable), flags::VULNERABLE_ASSESSED);
    set(a.known(RecordKey::NzResidents), flags::NZ_ASSESSED);
    Some(Operation {
        purpose: Some(*purpose),
        kind: *visit,
        zone: zone.unwrap_or(case.config.zone),
        start: Some(*start),
        length: length(*start, *end),
        approvals: approved_by.iter().fold(0, |r, x| r | policy::role(x)),
        approved_at: *approved_at,
        justifications: justification.0,
        flags: f,
        decision: OperationState::Inactive,
        actual_start: None,
        actual_length: 0,
    })
}

/// The length of `[start, end)` in seconds (one hour without an end, §2.3
/// step 4; the parser ensures `end > start`; saturates at `u32::MAX`).
fn length(start: Instant, end: Option<Instant>) -> u32 {
    end.map_or(3600, |e| {
        u32::try_from(e.seconds_since(start).max(1)).unwrap_or(u32::MAX)
    })
}

/// The outcome of one operation line, computed once for the guards and
/// again for the effect (a pure function of the case and the line).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Decision {
    /// The state the machine goes to.
    pub state: OperationState,
    /// The operation as it will be held.
    pub op: Operation,
    /// The statute.
    pub statute: Statute,
    /// The policy's judgement (with the overlay, when the statute does not bar it).
    pub judgement: Option<Judgement>,
}

/// The decision on an `operation-propose` line.
pub fn decide_proposal(case: &Case, kind: &EventKind) -> Option<Decision> {
    let mut op = proposed(case, kind)?;
    let statute = statute(case, &op);
    let (state, judgement) = if statute == Statute::Bar {
        (OperationState::Blocked, None)
    } else if !overlay(case) {
        (OperationState::Cleared, None)
    } else {
        let (s, e) = op.planned()?;
        let j = policy::judge(
            &case.operation.config,
            op.zone,
            s,
            e,
            &op.facts(),
            Authorisation::Proposal,
        );
        let state = match (j.hours, j.failed.is_empty()) {
            (Hours::In, _) => OperationState::InHours,
            (Hours::Out { .. }, true) => OperationState::OutOfHoursAuthorised,
            (Hours::Out { .. }, false) => OperationState::OutOfHoursDenied,
        };
        (state, Some(j))
    };
    op.decision = state;
    Some(Decision {
        state,
        op,
        statute,
        judgement,
    })
}

/// The decision on an `operation-execute` line.
pub fn decide_execution(case: &Case, kind: &EventKind) -> Option<Decision> {
    let EventKind::OperationExecute {
        start,
        end,
        children,
        vulnerable,
    } = kind
    else {
        return None;
    };
    let held = !matches!(
        case.operation.state,
        OperationState::Inactive | OperationState::Executed
    );
    let mut op = if held {
        case.operation.op
    } else {
        Operation {
            zone: case.config.zone,
            ..Operation::default()
        }
    };
    op.actual_start = Some(*start);
    op.actual_length = length(*start, *end);
    op.flags &= !(flags::ACTUAL_CHILDREN_RECORDED
        | flags::ACTUAL_CHILDREN
        | flags::ACTUAL_VULNERABLE_RECORDED
        | flags::ACTUAL_VULNERABLE);
    if let Some(c) = children {
        op.flags |= flags::ACTUAL_CHILDREN_RECORDED;
        if *c {
            op.flags |= flags::ACTUAL_CHILDREN;
        }
    }
    if let Some(v) = vulnerable {
        op.flags |= flags::ACTUAL_VULNERABLE_RECORDED;
        if *v {
            op.flags |= flags::ACTUAL_VULNERABLE;
        }
    }
    let statute = statute(case, &op);
    let judgement = if statute == Statute::Bar || !overlay(case) {
        None
    } else {
        let (s, e) = op.actual()?;
        let covered = op.decision == OperationState::OutOfHoursAuthorised
            && op.planned().is_some_and(|(ps, pe)| s >= ps && e <= pe);
        let mut j = policy::judge(
            &case.operation.config,
            op.zone,
            s,
            e,
            &op.facts(),
            Authorisation::Execution { covered },
        );
        if let Hours::Out { strict_only } = j.hours {
            let base = if strict_only {
                Severity::Warning
            } else {
                Severity::Violation
            };
            let scoped = if op.purpose.is_some_and(Purpose::removes) {
                base
            } else {
                Severity::Warning
            };
            // Children present who were not assessed as present (§2.3 step
            // 6d, from V3: rule map A21), unless the record already failed.
            let unassessed = op.has(flags::ACTUAL_CHILDREN) && !op.has(flags::CHILDREN);
            if j.version.record
                && unassessed
                && !j.failed.iter().any(|f| f.rule == RuleId::OOH_RECORD)
            {
                let _ = j.failed.push(policy::Failed {
                    severity: scoped,
                    code: FindingCode::OohIncomplete,
                    rule: RuleId::OOH_RECORD,
                });
            }
            // The post-visit record (§2.3 step 6e; §2.5.3): who was present,
            // and the person's nationality, for the reporting by nationality.
            if !op.has(flags::ACTUAL_CHILDREN_RECORDED) || case.person.nationality.is_none() {
                let _ = j.failed.push(policy::Failed {
                    severity: scoped,
                    code: FindingCode::OohIncomplete,
                    rule: RuleId::OOH_REPORT,
                });
            }
        }
        Some(j)
    };
    if !held {
        op.decision = OperationState::Inactive;
    }
    Some(Decision {
        state: OperationState::Executed,
        op,
        statute,
        judgement,
    })
}

/// The decision on the line in `ctx` (proposal or execution).
fn decide(c: &Ctx<'_>) -> Option<Decision> {
    match c.event.verb() {
        Verb::OperationPropose => decide_proposal(c.case, &c.event.kind),
        Verb::OperationExecute => decide_execution(c.case, &c.event.kind),
        _ => None,
    }
}

/// Records a decision: findings and citations in the order of §2.3, then
/// the operation.
fn apply(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let Some(d) = decide(ctx) else {
        return Ok(());
    };
    // Step 1: the statute.
    let removes = d.op.purpose.is_some_and(Purpose::removes);
    if removes {
        ctx.out.cite(RuleId::S129X_1)?;
    }
    match d.statute {
        Statute::Clear => {}
        Statute::Bar => ctx.find(
            Severity::Violation,
            FindingCode::RemovalOfClaimant,
            RuleId::S129X_1,
        )?,
        Statute::Serve => ctx.find(
            Severity::Undetermined,
            FindingCode::OrderAgainstClaimant,
            RuleId::S129X_1,
        )?,
    }
    if d.statute != Statute::Clear && !d.op.has(flags::REGARD) {
        ctx.find(
            Severity::Undetermined,
            FindingCode::RegardNotRecorded,
            RuleId::S129X_2,
        )?;
    }
    // Steps 3–6: the policy.
    if let Some(j) = &d.judgement {
        ctx.out.cite(j.version.rule)?;
        ctx.out.cite(RuleId::OOH_WINDOW)?;
        for f in &j.failed {
            ctx.find(f.severity, f.code, f.rule)?;
        }
        if d.state == OperationState::OutOfHoursAuthorised
            || (d.state == OperationState::Executed && j.hours.is_out())
        {
            ctx.out.cite(RuleId::OOH_REPORT)?;
        }
    }
    ctx.case.operation.op = d.op;
    Ok(())
}

fn decides(c: &Ctx<'_>, s: OperationState) -> bool {
    decide(c).is_some_and(|d| d.state == s)
}

fn bars(c: &Ctx<'_>) -> bool {
    decides(c, S::Blocked)
}

fn no_overlay(c: &Ctx<'_>) -> bool {
    !overlay(c.case)
}

fn in_hours(c: &Ctx<'_>) -> bool {
    decides(c, S::InHours)
}

fn authorised(c: &Ctx<'_>) -> bool {
    decides(c, S::OutOfHoursAuthorised)
}

use OperationState as S;
use Trigger::Verb as On;

/// The transitions of the `operation` machine (rule map §2.5.2). A new
/// proposal replaces the operation the machine holds, in every state.
pub const TRANSITIONS: &[Transition<OperationState>] = &[
    row!(
        "OP1",
        [
            Inactive,
            Blocked,
            Cleared,
            InHours,
            OutOfHoursAuthorised,
            OutOfHoursDenied,
            Executed
        ],
        On(Verb::OperationPropose),
        g(
            label!("removal or deportation of a refugee status claimant"),
            bars
        ),
        Some(S::Blocked),
        S129X_1,
        Some(apply)
    ),
    row!(
        "OP2",
        [
            Inactive,
            Blocked,
            Cleared,
            InHours,
            OutOfHoursAuthorised,
            OutOfHoursDenied,
            Executed
        ],
        On(Verb::OperationPropose),
        g(label!("no policy overlay"), no_overlay),
        Some(S::Cleared),
        S129X_1,
        Some(apply)
    ),
    row!(
        "OP3",
        [
            Inactive,
            Blocked,
            Cleared,
            InHours,
            OutOfHoursAuthorised,
            OutOfHoursDenied,
            Executed
        ],
        On(Verb::OperationPropose),
        g(
            label!("every second of the visit in hours, local time at the location"),
            in_hours
        ),
        Some(S::InHours),
        OOH_WINDOW,
        Some(apply)
    ),
    row!(
        "OP4",
        [
            Inactive,
            Blocked,
            Cleared,
            InHours,
            OutOfHoursAuthorised,
            OutOfHoursDenied,
            Executed
        ],
        On(Verb::OperationPropose),
        g(
            label!("out of hours, not paused, approved by the required office before the start, justified, recorded"),
            authorised
        ),
        Some(S::OutOfHoursAuthorised),
        OOH_REPORT,
        Some(apply)
    ),
    row!(
        "OP5",
        [
            Inactive,
            Blocked,
            Cleared,
            InHours,
            OutOfHoursAuthorised,
            OutOfHoursDenied,
            Executed
        ],
        On(Verb::OperationPropose),
        g(label!("out of hours, a check fails"), |_| true),
        Some(S::OutOfHoursDenied),
        OOH_WINDOW,
        Some(apply)
    ),
    row!(
        "OX1",
        [OutOfHoursAuthorised],
        On(Verb::OperationExecute),
        g(label!("post-visit record"), |_| true),
        Some(S::Executed),
        OOH_REPORT,
        Some(apply)
    ),
    row!(
        "OX2",
        [Blocked, Cleared, InHours, OutOfHoursDenied],
        On(Verb::OperationExecute),
        g(label!("judged against what was authorised"), |_| true),
        Some(S::Executed),
        OOH_AUTH,
        Some(apply)
    ),
    row!(
        "OX3",
        [Inactive, Executed],
        On(Verb::OperationExecute),
        g(
            label!("no proposal on record: judged as a proposal and an execution"),
            |_| true
        ),
        Some(S::Executed),
        OOH_AUTH,
        Some(apply)
    ),
];

/// The rule an operation line rests on, for its `info:after-repeal`: the
/// version of the policy it was judged under, or s 129X(1) without the
/// overlay. Read after the line was applied.
pub(crate) fn after_repeal_rule(case: &Case) -> RuleId {
    let op = &case.operation.op;
    match (overlay(case), op.actual_start.or(op.start)) {
        (true, Some(t)) => case.operation.config.select(op.zone.local_date(t)).rule,
        _ => RuleId::S129X_1,
    }
}

/// The open deadlines (none: the post-visit record is a condition, not a
/// period).
pub(crate) fn deadlines(_case: &Case, _out: &mut Deadlines) -> Result<(), Rejection> {
    Ok(())
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: super::Entry = super::Entry {
    machine: crate::vocab::Machine::Operation,
    run,
    triggers: super::table::triggers(TRANSITIONS),
    deadlines,
    reported: |c| reported(c).map(crate::vocab::MachineState::Operation),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(
            w,
            "operation",
            TRANSITIONS,
            OperationState::ALL,
            |s| s.name(),
            f,
        )
    },
};
