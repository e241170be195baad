//! The state machines, one module each, and the dispatcher that offers an
//! event or a passing clock to them.
//!
//! | Module          | Machine       | Act                                   |
//! |-----------------|---------------|---------------------------------------|
//! | [`status`]      | `status`      | Part 1 (ss 3, 4, 4A, 7, 11–41, 126–127) |
//! | [`border`]      | `border`      | ss 128, 128AA–128AD, 128A             |
//! | [`eligibility`] | `eligibility` | s 128B, Operational Manual Y4.15      |
//! | [`transit`]     | `transit`     | s 129, s 14E                          |
//!
//! | [`removal`]     | `removal`     | Part 2 (ss 45–58, 63, 69, 70)         |
//! | [`removal_detention`] | `removal-detention` | ss 59–62                  |
//! | [`operation`]   | `operation`   | s 129X; the 2023 out-of-hours policy (`policy ooh-2023`) |
//!
//! Beside them: [`s7`] (the s 7(1) ineligibility function), [`place`]
//! (places of overnight detention) and [`custody`] (custody episodes and
//! warrants of commitment, shared by the detention machines).
//!
//! Each machine is one module: its transition table (which the engine runs
//! and `ia87 diagram` draws), its data, its deadlines, its invariants and its
//! tests, and an `ENTRY` that registers it. The machines beyond the border are
//! compiled in by cargo features (`removal`, `operation`), so kiosk firmware
//! links only the border machines.
//!
//! The machines are mutually exclusive where the Act makes them so (s 128(1):
//! "other than a person to whom section 128B or section 129 of this Act
//! applies"): an event is offered to them in `DISPATCH` order, and the first
//! table with a matching row takes it.

pub mod border;
pub mod custody;
#[cfg(feature = "labels")]
pub mod diagram;
pub mod eligibility;
#[cfg(feature = "operation")]
pub mod operation;
pub mod place;
#[cfg(feature = "removal")]
pub mod removal;
#[cfg(feature = "removal")]
pub mod removal_detention;
pub mod s7;
pub mod status;
pub mod table;
pub mod transit;

use crate::case::{Case, ClockId, Ctx, Deadlines, Hidden};
use crate::outcome::Rejection;
use crate::rules::RuleId;
use crate::vocab::event::Verb;
use crate::vocab::{Machine, MachineState};
use table::{Signal, Trigger};

/// One machine as the engine sees it. Each machine module defines its own
/// `ENTRY` beside its table, data and invariants; the engine knows a machine
/// only through this record and the two lists below.
pub(crate) struct Entry {
    /// Which machine.
    pub machine: Machine,
    /// Offers an event or a passing clock to the machine's table; the id of
    /// the row that took it, if one did.
    pub run: fn(&mut Ctx<'_>, Trigger) -> Result<Option<&'static str>, Rejection>,
    /// The triggers its table has rows for (computed from the table).
    pub triggers: table::Triggers,
    /// Adds the machine's open deadlines.
    pub deadlines: fn(&Case, &mut Deadlines) -> Result<(), Rejection>,
    /// The state to report, if the machine is active.
    pub reported: fn(&Case) -> Option<MachineState>,
    /// Draws the machine's table (`ia87 diagram`).
    #[cfg(feature = "labels")]
    pub diagram: fn(&mut dyn core::fmt::Write, diagram::Format) -> core::fmt::Result,
}

/// The machines in the order an outcome lists them (the order of
/// [`Machine::ALL`]).
pub(crate) static MACHINES: &[Entry] = &[
    status::ENTRY,
    border::ENTRY,
    eligibility::ENTRY,
    transit::ENTRY,
    #[cfg(feature = "removal")]
    removal::ENTRY,
    #[cfg(feature = "removal")]
    removal_detention::ENTRY,
    #[cfg(feature = "operation")]
    operation::ENTRY,
];

/// The machines in the order an event or a clock is offered to them; the
/// first table with a matching row takes it. s 128(1) makes the border
/// machines exclusive ("other than a person to whom section 128B or section
/// 129 of this Act applies"): transit, then eligibility, then border. Part 2
/// applies only when they do not (ss 128(4), 128B(2)): removal detention (a
/// person in s 59 custody) before removal, and the status machine last.
static DISPATCH: &[Entry] = &[
    transit::ENTRY,
    eligibility::ENTRY,
    border::ENTRY,
    #[cfg(feature = "removal")]
    removal_detention::ENTRY,
    #[cfg(feature = "removal")]
    removal::ENTRY,
    #[cfg(feature = "operation")]
    operation::ENTRY,
    status::ENTRY,
];

/// The registry entry of `machine`, if this build includes it.
pub(crate) fn entry(machine: Machine) -> Option<&'static Entry> {
    MACHINES.iter().find(|e| e.machine == machine)
}

/// True if this build includes `machine`.
pub fn included(machine: Machine) -> bool {
    entry(machine).is_some()
}

/// Offers `trigger` to the machines in dispatch order; true if one took it.
fn offer(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<bool, Rejection> {
    for e in DISPATCH {
        if e.triggers.has(trigger) && (e.run)(ctx, trigger)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Offers the event of `ctx` to the machines.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let verb = ctx.event.verb();
    if verb == Verb::Tick {
        return Ok(());
    }
    if offer(ctx, Trigger::Verb(verb))? {
        return Ok(());
    }
    Err(Rejection::not_in_state(
        governing(verb),
        "the event is not possible in the current state of the case",
    ))
}

/// Tells the Part 2 machines about a change that another machine's
/// transition made (see [`Signal`]): each Part 2 machine whose table has a
/// matching row takes it, `removal` first, then `removal-detention`.
///
/// While s 128 or s 128B applies, the person "shall not be liable to be dealt
/// with under any of the provisions of Part 2" (ss 128(4), 128B(2)): only the
/// signals that keep the Part 2 record (an officer's permit decision, an
/// epidemic notice) and the person's departure (which ends any Part 2
/// episode: s 53(3), s 2(7)) are delivered then.
#[cfg(feature = "removal")]
pub(crate) fn signal(ctx: &mut Ctx<'_>, s: Signal) -> Result<(), Rejection> {
    let excluded = border::part2_excluded_by(ctx.case).is_some()
        || eligibility::part2_excluded_by(ctx.case).is_some();
    if excluded
        && !matches!(
            s,
            Signal::PermitDecided | Signal::Epidemic | Signal::Departed
        )
    {
        return Ok(());
    }
    let before = ctx.signal.replace(s);
    let r = removal::run(ctx, Trigger::Signal(s.kind()))
        .and_then(|_| removal_detention::run(ctx, Trigger::Signal(s.kind())));
    ctx.signal = before;
    r.map(|_| ())
}

/// Without the Part 2 machines a signal goes nowhere.
#[cfg(not(feature = "removal"))]
#[inline(always)]
pub(crate) fn signal(_ctx: &mut Ctx<'_>, _s: Signal) -> Result<(), Rejection> {
    Ok(())
}

/// Fires a passing clock.
pub(crate) fn fire(ctx: &mut Ctx<'_>, clock: ClockId) -> Result<(), Rejection> {
    match clock {
        ClockId::Hidden(Hidden::Y415Warrant) => eligibility::fire_y415_warrant(ctx),
        ClockId::Hidden(Hidden::Overnight) => place::fire_night(ctx),
        ClockId::Hidden(Hidden::JudgeAsap) => border::run(
            ctx,
            Trigger::Clock(crate::outcome::DeadlineName::JudgeAppearance),
        )
        .map(|_| ()),
        ClockId::Deadline(name) => offer(ctx, Trigger::Clock(name)).map(|_| ()),
    }
}

/// Collects the open deadlines of every machine. A machine that is not
/// active has none (it holds no data: `E-inactive-empty`), so it is not asked.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    for e in MACHINES {
        if (e.reported)(case).is_some() {
            (e.deadlines)(case, out)?;
        }
    }
    Ok(())
}

/// The state of every active machine (in [`Machine::ALL`] order) and the open
/// deadlines, in one pass.
pub(crate) fn describe(
    case: &Case,
    states: &mut heapless::Vec<MachineState, { crate::outcome::MAX_STATES }>,
    out: &mut Deadlines,
) -> Result<(), Rejection> {
    for e in MACHINES {
        if let Some(s) = (e.reported)(case) {
            states
                .push(s)
                .map_err(|_| Rejection::capacity("too many machine states"))?;
            (e.deadlines)(case, out)?;
        }
    }
    Ok(())
}

/// The state of every active machine, in [`Machine::ALL`] order.
pub(crate) fn states(case: &Case) -> impl Iterator<Item = MachineState> + '_ {
    MACHINES.iter().filter_map(move |e| (e.reported)(case))
}

/// The rule named when a verb is not possible in the current state.
pub fn governing(verb: Verb) -> RuleId {
    use RuleId as R;
    match verb {
        Verb::Tick => R::S4_1,
        Verb::Arrive | Verb::Present => R::S126_1,
        Verb::Exempt => R::S11_1,
        Verb::ExemptionCease => R::S13_1,
        Verb::ApplyPermit => R::S4_3,
        Verb::FailApply => R::S128_1_C_I,
        Verb::GrantPermit => R::S4_1,
        Verb::RefusePermit => R::S128_1_C_II,
        Verb::RevokePermit => R::S4_2,
        Verb::SuspectS7 | Verb::OfferVoluntaryDeparture => R::S128B_1,
        Verb::OfferRebuttal | Verb::ConsiderS7Grounds => R::S128B_6_B,
        Verb::DetermineS7 => R::S128B_4,
        Verb::RequestRemoval => R::S128B_5_C,
        Verb::Detain => R::S128_5,
        Verb::Move => R::S128_6_B,
        Verb::WarrantApply | Verb::WarrantIssue => R::S128_7,
        Verb::ExtensionApply => R::S128_13_A,
        Verb::ExtensionGrant => R::S128_13B,
        Verb::ReleaseNotice => R::S128_13_B,
        Verb::Release => R::S128_14_A,
        Verb::Escape | Verb::Recapture => R::S128_16,
        Verb::ConditionalReleaseApply => R::S128AA_5,
        Verb::ConditionalRelease => R::S128AA_6,
        Verb::NotifyConditions => R::S128AB_2,
        Verb::VaryConditions => R::S128AB_4,
        Verb::ConditionalReleaseRefuse => R::S128AA_8_A,
        Verb::DeliverUp => R::S128AA_10,
        Verb::BreachCondition | Verb::FailDeliverUp => R::S128AC_1,
        Verb::CancelReleaseApply | Verb::CancelRelease => R::S128AD_3,
        Verb::Arrest => R::S128AC_2,
        Verb::ReviewCommence | Verb::ReviewComplete => R::S128A_2_A,
        Verb::Appear => R::S128A_2_B,
        Verb::Bail => R::S128_15,
        Verb::CraftAvailable | Verb::DeliverToPolice => R::S128_11,
        Verb::CraftDelayed => R::S128_12,
        Verb::Depart => R::S41,
        Verb::RefugeeClaim => R::S129G_1,
        Verb::RemovalOrderMake | Verb::RemovalOrderServe | Verb::RemovalOrderCancel => R::S54,
        Verb::Conviction => R::S7_1_A,
        Verb::EmergencyReturn => R::S2_3,
        Verb::Birth => R::S4A_4,
        Verb::EpidemicNotice => R::S35AC,
        Verb::LppExpiryNotice => R::S34C_3,
        Verb::PreclearanceFlightMissed | Verb::PreclearanceFlightDiverted => R::S35G,
        Verb::ReconsiderationApply | Verb::ReconsiderationDecide => R::S31_1,
        #[cfg(feature = "removal")]
        Verb::AppealLodge | Verb::AppealDecide => R::S47_1,
        #[cfg(feature = "removal")]
        Verb::AppealWithdraw => R::S48_5,
        #[cfg(feature = "removal")]
        Verb::Board => R::S59_4,
        #[cfg(feature = "removal")]
        Verb::ImprisonmentBegin | Verb::ImprisonmentEnd | Verb::PrisonReleaseRequest => R::S61,
        #[cfg(feature = "removal")]
        Verb::InternationalObligationsInfo => R::S58_5,
        #[cfg(feature = "removal")]
        Verb::TransitionalNoticeServe => R::S70_3_B,
        #[cfg(not(feature = "removal"))]
        Verb::AppealLodge | Verb::AppealDecide => R::S4_1,
        Verb::RefugeeDecide
        | Verb::DeportationOrderMake
        | Verb::OperationPropose
        | Verb::OperationExecute
        | Verb::ConditionChange
        | Verb::RrvIssue => R::S4_1,
    }
}
