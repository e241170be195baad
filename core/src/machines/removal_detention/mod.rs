//! Machine `removal-detention`: arrest and detention to execute a removal
//! order (ss 59–62, 58(2)–(3), 129ZC; rule map `removal_and_deportation.md`
//! §2.2, SM-RD).
//!
//! "Any member of the Police may arrest without warrant a person on whom a
//! removal order has been served" (s 59(1)) and hold the person "for up to 72
//! hours without further authority than this section pending their placement
//! on a craft that is leaving New Zealand" (s 59(3)); beyond that only under a
//! Judge's warrant of commitment (s 60), 7 days at a time, extended at
//! appearances (s 60(4)), with release on conditions from a second s 60(4)
//! appearance (s 60(5)), 30-day extensions and no 3-month cap for a s 60(6)
//! person (s 60(6A), (7)); a prisoner served with an order is released into
//! the Police's custody (s 61).
//!
//! The custody episode, the warrant's two readings and the cap are the shared
//! [`super::custody`] types. Custody that goes on after a limit passed is
//! accepted and reported (audit model): `no-warrant-72h`, `warrant-expired`,
//! `detention-cap-exceeded`; custody after the order was cancelled is
//! `undetermined` once the "immediately" service level has passed (s 58(2),
//! settled reading 3).

pub mod invariants;

use super::custody::{
    overnight_s62_1, warrant_place_s62_2, Episode, Period, Placement, WarrantOfCommitment,
};
use super::place::of_line;
use super::table::{g, label, row, SignalKind, Transition, Trigger};
use super::Entry;
use crate::case::{Case, Ctx, Deadlines, OPT_S60_5_SECOND};
use crate::outcome::{Deadline, DeadlineName, FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::Instant;
use crate::vocab::event::{EventKind, Verb};
use crate::vocab::values::{Actor, AppearOutcome, DetainBasis, Place, Premises};
use crate::vocab::{Machine, MachineState, Obligation, RemovalState};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

pub use crate::vocab::states::RemovalDetentionState;

/// The hours of s 59(3).
pub const S59_HOURS: u16 = 72;
/// The days of a warrant or extension (s 60(2)).
pub const WARRANT_DAYS: u16 = 7;
/// The days of a s 60(6A)(a) extension.
pub const EXTENSION_6A_DAYS: u16 = 30;
/// The months of the s 60(7) cap.
pub const CAP_MONTHS: i32 = 3;

/// Data of the machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RemovalDetentionData {
    /// The state.
    pub state: RemovalDetentionState,
    /// The s 59 custody: from the arrest (or the release from prison, s 61),
    /// 72 hours (s 59(3)).
    pub custody: Option<Episode>,
    /// The warrant of commitment (s 60).
    pub warrant: Option<WarrantOfCommitment>,
    /// The latest extension was a s 60(6A)(a) one.
    pub extension_6a: bool,
    /// It became apparent that the person could not leave within the 72
    /// hours (s 60(1)).
    pub craft_delayed: bool,
    /// An immigration officer applied for a warrant (s 60(3)).
    pub applied: bool,
    /// A Judge found that the person's own action or inaction after service
    /// keeps the person here (s 60(6)(b)).
    pub own_delay: bool,
    /// The latest place of custody (s 62).
    pub place: Option<Place>,
    /// The Police asked for the person on release from prison (s 61).
    pub release_request: bool,
    /// The order was cancelled while the person was held (s 58(2)).
    pub cancelled_at: Option<Instant>,
}

crate::wire::wire_struct!(RemovalDetentionData {
    state,
    custody,
    warrant,
    extension_6a,
    craft_delayed,
    applied,
    own_delay,
    place,
    release_request,
    cancelled_at
});

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`); a released or departed person holds no
/// custody.
fn set(ctx: &mut Ctx<'_>, s: RemovalDetentionState) {
    use RemovalDetentionState as D;
    match s {
        D::Inactive => ctx.case.removal_detention = Default::default(),
        D::Released | D::ReleasedConditions | D::Departed => {
            ctx.case.removal_detention = RemovalDetentionData {
                state: s,
                ..Default::default()
            }
        }
        _ => ctx.case.removal_detention.state = s,
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

/// True if the person is held under Part 2 (s 59 custody, a warrant, or on
/// board).
pub fn in_custody(case: &Case) -> bool {
    use RemovalDetentionState as D;
    matches!(
        case.removal_detention.state,
        D::Custody72h | D::CustodyWarrant | D::OnBoard
    )
}

/// True if the person is a s 60(6) person: "(a) currently a refugee status
/// claimant who claimed refugee status only after the removal order was
/// served; or (b) … some action or inaction by the person occurring after the
/// removal order was served" (as found by a Judge, `appear own-delay=yes`).
pub fn s60_6_person(case: &Case) -> bool {
    let claimant_after =
        case.person.claimant && case.removal.order.is_some_and(|o| o.claim_after_service);
    claimant_after || case.removal_detention.own_delay
}

/// True if an epidemic management notice is in force on the local date of `t`.
pub fn epidemic_at(case: &Case, t: Instant) -> bool {
    let d = case.date_of(t);
    case.removal_record
        .epidemic
        .is_some_and(|(from, to)| from <= d && d <= to)
}

/// The expiry of the warrant, both readings, if known.
fn warrant_expiry(case: &Case) -> Option<super::custody::Expiry> {
    case.removal_detention
        .warrant
        .and_then(|w| w.expiry(case.zone()))
}

/// The end of the consecutive run (s 60(7)), unless a s 60(6) person or the
/// period is not known.
fn cap(case: &Case) -> Option<Instant> {
    let w = case.removal_detention.warrant?;
    if s60_6_person(case) || w.period == Period::Unknown {
        return None;
    }
    Some(w.cap(case.zone(), CAP_MONTHS))
}

// ------------------------------------------------------------------ guards

fn basis_s59(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Detain {
            basis: DetainBasis::S59,
            ..
        }
    )
}

fn s59_excluded(c: &Ctx<'_>) -> bool {
    basis_s59(c)
        && (super::border::part2_excluded_by(c.case).is_some()
            || super::eligibility::part2_excluded_by(c.case).is_some())
}

fn with_conditions(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Appear {
            outcome: AppearOutcome::Release,
            ..
        }
    ) && conditions(c)
}

fn conditions(c: &Ctx<'_>) -> bool {
    matches!(c.event.kind, EventKind::Appear { reside, report, .. } if reside || report.is_some())
}

fn plain_release(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Appear {
            outcome: AppearOutcome::Release,
            ..
        }
    ) && !conditions(c)
}

fn extend_or_continue(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Appear {
            outcome: AppearOutcome::Extend | AppearOutcome::Continue,
            ..
        }
    )
}

fn is_s60_6(c: &Ctx<'_>) -> bool {
    s60_6_person(c.case)
}

fn has_warrant(c: &Ctx<'_>) -> bool {
    c.case.removal_detention.warrant.is_some()
}

fn order_in_force(c: &Ctx<'_>) -> bool {
    super::removal::order_in_force(c.case)
}

fn by_manager(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Release {
            by: Some(Actor::Manager)
        }
    )
}

// ------------------------------------------------------------------ the table

use RemovalDetentionState as S;
use Trigger::{Clock, Signal as On2, Verb as On};

/// The transitions of the `removal-detention` machine (rule map §2.2.3,
/// ids RD-T01–RD-T19).
pub const TRANSITIONS: &[Transition<RemovalDetentionState>] = &[
    // ---- Arrest (s 59), release from prison (s 61)
    row!(
        "I16d",
        [Inactive],
        On(Verb::Detain),
        g(
            label!("basis=s59 while s 128 or s 128B applies"),
            s59_excluded
        ),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "RD-T01",
        [Inactive, Released, ReleasedConditions],
        On(Verb::Detain),
        g(label!("basis=s59"), basis_s59),
        Some(S::Custody72h),
        S59_1,
        Some(arrest)
    ),
    row!(
        "RD-T02",
        [ServingSentence],
        On(Verb::Detain),
        g(label!("basis=s59, on release from prison"), basis_s59),
        Some(S::Custody72h),
        S61,
        Some(arrest_from_prison)
    ),
    row!(
        "RD-P1",
        [Custody72h],
        On(Verb::Move),
        None,
        None,
        S62_1_B,
        Some(move_s59)
    ),
    row!(
        "RD-P2",
        [CustodyWarrant],
        On(Verb::Move),
        None,
        None,
        S62_2,
        Some(move_warrant)
    ),
    // ---- No craft within 72 hours: a warrant of commitment (s 60)
    row!(
        "RD-T05",
        [Custody72h],
        On(Verb::CraftDelayed),
        None,
        None,
        S60_1,
        Some(craft_delayed)
    ),
    row!(
        "RD-T15w",
        [OnBoard],
        On(Verb::CraftDelayed),
        g(label!("a warrant is current"), has_warrant),
        Some(S::CustodyWarrant),
        S60_1,
        Some(craft_delayed)
    ),
    row!(
        "RD-T15",
        [OnBoard],
        On(Verb::CraftDelayed),
        None,
        Some(S::Custody72h),
        S60_1,
        Some(craft_delayed)
    ),
    row!(
        "RD-WA",
        [Custody72h, CustodyWarrant],
        On(Verb::WarrantApply),
        None,
        None,
        S60_3,
        Some(warrant_apply)
    ),
    row!(
        "RD-T06",
        [Custody72h],
        On(Verb::WarrantIssue),
        None,
        Some(S::CustodyWarrant),
        S60_2,
        Some(warrant_issue)
    ),
    row!(
        "A14x",
        [Custody72h],
        On(Verb::Appear),
        g(
            label!("release on conditions at the first hearing"),
            with_conditions
        ),
        None,
        S60_5,
        Some(no_conditions_at_first_hearing)
    ),
    row!(
        "RD-T07",
        [Custody72h],
        On(Verb::Appear),
        g(label!("no warrant: release"), plain_release),
        Some(S::Released),
        S60_9,
        None
    ),
    // ---- Appearances and extensions (s 60(4)–(7))
    row!(
        "RD-T10",
        [CustodyWarrant],
        On(Verb::Appear),
        g(label!("release on conditions"), with_conditions),
        Some(S::ReleasedConditions),
        S60_5,
        Some(release_on_conditions)
    ),
    row!(
        "RD-T07w",
        [CustodyWarrant],
        On(Verb::Appear),
        g(label!("release"), plain_release),
        Some(S::Released),
        S60_9,
        Some(hearing)
    ),
    row!(
        "RD-T09h",
        [CustodyWarrant],
        On(Verb::Appear),
        g(label!("extend"), extend_or_continue),
        None,
        S60_4,
        Some(hearing)
    ),
    row!(
        "RD-T11",
        [CustodyWarrant],
        On(Verb::ExtensionGrant),
        g(label!("a s 60(6) person"), is_s60_6),
        None,
        S60_6A_A,
        Some(extend)
    ),
    row!(
        "RD-T09",
        [CustodyWarrant],
        On(Verb::ExtensionGrant),
        None,
        None,
        S60_4,
        Some(extend)
    ),
    // ---- Release (s 60(1), (9); s 58(2))
    row!(
        "RD-T07r",
        [Custody72h, CustodyWarrant, OnBoard],
        On(Verb::Release),
        None,
        Some(S::Released),
        S60_9,
        Some(released)
    ),
    // ---- Execution: on board and away (s 59(2), (4); s 2(7))
    row!(
        "RD-T03",
        [Custody72h, CustodyWarrant],
        On(Verb::Board),
        None,
        Some(S::OnBoard),
        S59_4,
        Some(board)
    ),
    row!(
        "RD-T04",
        [
            OnBoard,
            Custody72h,
            CustodyWarrant,
            ReleasedConditions,
            Released
        ],
        On2(SignalKind::Departed),
        None,
        Some(S::Departed),
        S2_7,
        None
    ),
    row!(
        "RD-N",
        [Departed],
        On2(SignalKind::Arrived),
        None,
        Some(S::Inactive),
        S126_1,
        None
    ),
    row!(
        "RD-T18",
        [Custody72h, CustodyWarrant, OnBoard, ReleasedConditions],
        On2(SignalKind::PermitGranted),
        None,
        Some(S::Released),
        S45_1,
        None
    ),
    // ---- Clocks
    row!(
        "RD-T08",
        [Custody72h],
        Clock(DeadlineName::S59Custody),
        None,
        None,
        S59_3,
        Some(no_warrant_72h)
    ),
    row!(
        "RD-T12",
        [CustodyWarrant],
        Clock(DeadlineName::WarrantExpiry),
        None,
        None,
        S60_2,
        Some(warrant_expired)
    ),
    row!(
        "RD-T13",
        [CustodyWarrant],
        Clock(DeadlineName::DetentionCap),
        None,
        None,
        S60_7,
        Some(cap_exceeded)
    ),
    row!(
        "RD-T16",
        [Custody72h, CustodyWarrant, OnBoard],
        Clock(DeadlineName::ReleaseDue),
        None,
        None,
        S58_2,
        Some(custody_after_cancellation)
    ),
    // ---- Prison (s 61)
    row!(
        "RD-T19s",
        [Inactive],
        On(Verb::ImprisonmentBegin),
        g(label!("a removal order is in force"), order_in_force),
        Some(S::ServingSentence),
        S61,
        Some(imprisoned)
    ),
    row!(
        "RD-T19",
        [Inactive, Released, ReleasedConditions],
        On(Verb::ImprisonmentBegin),
        None,
        Some(S::Inactive),
        S61,
        Some(imprisoned)
    ),
    row!(
        "RD-T02q",
        [ServingSentence],
        On(Verb::PrisonReleaseRequest),
        None,
        None,
        S61,
        Some(release_request)
    ),
    row!(
        "RD-T02m",
        [ServingSentence],
        On(Verb::Release),
        g(label!("by the prison manager"), by_manager),
        Some(S::Inactive),
        S61,
        Some(released_from_prison)
    ),
    row!(
        "RD-T02e",
        [ServingSentence, Inactive],
        On(Verb::ImprisonmentEnd),
        None,
        Some(S::Inactive),
        S61,
        Some(released_from_prison)
    ),
];

// ------------------------------------------------------------------ effects

fn excluded(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let rule = super::border::part2_excluded_by(ctx.case)
        .or_else(|| super::eligibility::part2_excluded_by(ctx.case))
        .unwrap_or(RuleId::S128_4);
    ctx.find(Severity::Violation, FindingCode::Part2Excluded, rule)
}

/// s 59(1) and the bars on execution: an order in force, no pending appeal
/// (s 53(1)(a); rule map §7 A07, A10), not within the 7 days after a decision
/// (s 53(1)(b)).
fn may_arrest(ctx: &Ctx<'_>) -> Result<(), Rejection> {
    if !super::removal::order_in_force(ctx.case)
        || ctx.case.removal.state != RemovalState::OrderInForce
    {
        return Err(Rejection::not_in_state(
            RuleId::S59_1,
            "arrest under s 59 needs a removal order served and in force",
        ));
    }
    if super::removal::appeal_pending(ctx.case) {
        return Err(Rejection::not_in_state(
            RuleId::S53_1_A,
            "an appeal is pending: the order may not be executed",
        ));
    }
    if super::removal::execution_wait(ctx.case).is_some_and(|w| ctx.at() <= w) {
        return Err(Rejection::not_in_state(
            RuleId::S53_1_B,
            "the 7 days after the appeal decision have not passed",
        ));
    }
    Ok(())
}

/// Records a placement's outcome.
fn placed(ctx: &mut Ctx<'_>, p: Placement) -> Result<(), Rejection> {
    match p {
        Placement::Allowed(rule) => ctx.out.cite(rule),
        Placement::Breach(code, rule) => ctx.find(Severity::Violation, code, rule),
    }
}

/// s 62(1): the place of overnight s 59 custody.
fn place_s62_1(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let Some(p) = of_line(&ctx.event.kind) else {
        return Ok(());
    };
    ctx.case.removal_detention.place = Some(p.place);
    let at = ctx.at();
    if p.overnight || ctx.case.is_overnight(at) {
        let minor = ctx.case.is_unmarried_minor(at);
        placed(ctx, overnight_s62_1(minor, p.place, p.agreed_by))?;
    }
    Ok(())
}

fn arrest(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    may_arrest(ctx)?;
    if ctx.case.removal_detention.state != RemovalDetentionState::Inactive {
        // s 60(9): "No release of a person under this section in any way
        // affects their liability for later detention and removal."
        ctx.out.cite(RuleId::S60_9)?;
    }
    begin_custody(ctx)
}

fn begin_custody(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let at = ctx.at();
    ctx.case.removal_detention = RemovalDetentionData {
        state: ctx.case.removal_detention.state,
        custody: Some(Episode::new(at, S59_HOURS)),
        ..Default::default()
    };
    ctx.case.rearm(DeadlineName::S59Custody);
    ctx.out.cite(RuleId::S59_3)?;
    place_s62_1(ctx)
}

fn arrest_from_prison(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 61: "release the person into the custody of the member of the Police,
    // and section 59 then applies"; the 72 hours run from that release (rule
    // map §7 A40).
    may_arrest(ctx)?;
    ctx.case.removal_record.imprisoned = false;
    ctx.case.removal_record.release_due = None;
    begin_custody(ctx)
}

fn move_s59(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    place_s62_1(ctx)
}

fn move_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let Some(p) = of_line(&ctx.event.kind) {
        ctx.case.removal_detention.place = Some(p.place);
        placed(ctx, warrant_place_s62_2(p.place))?;
    }
    Ok(())
}

fn craft_delayed(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal_detention.craft_delayed = true;
    Ok(())
}

fn warrant_apply(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 60(3): "on the application of an immigration officer"; no oath is
    // required (contrast s 128(8)).
    if let EventKind::WarrantApply { by: Some(a), .. } = ctx.event.kind {
        if a != Actor::Io {
            return Err(Rejection::not_in_state(
                RuleId::S60_3,
                "a s 60 warrant is applied for by an immigration officer",
            ));
        }
    }
    ctx.case.removal_detention.applied = true;
    Ok(())
}

/// The period a warrant or extension gives, with the Act's limit, and
/// whether the order exceeded the limit.
fn period_of(
    ctx: &Ctx<'_>,
    days: Option<u16>,
    expires_at: Option<Instant>,
    limit: u16,
) -> (Period, bool) {
    let at = ctx.at();
    if epidemic_at(ctx.case, at) {
        return (Period::Unknown, false);
    }
    match expires_at {
        Some(t) => {
            let longest = super::custody::expiry_of(at, Period::Days(limit), ctx.case.zone())
                .map_or(t, |e| e.due);
            (Period::Until(t.min(longest)), t > longest)
        }
        None => {
            let d = days.unwrap_or(WARRANT_DAYS);
            (Period::Days(d.min(limit)), d > limit)
        }
    }
}

/// During an epidemic management notice the warrant's period and the s 60(7)
/// count depend on ss 129ZE and 129ZG, which are missing.
fn epidemic_gaps(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if epidemic_at(ctx.case, ctx.at()) {
        ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S129ZE)?;
        ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S129ZG)?;
    }
    Ok(())
}

/// `mode=documents`: "While an epidemic management notice is in force, any
/// matter … may be dealt with … on the basis of documents only" (s 129ZC(1)).
fn documents_only(ctx: &mut Ctx<'_>, documents: bool) -> Result<(), Rejection> {
    if !documents {
        return Ok(());
    }
    if !epidemic_at(ctx.case, ctx.at()) {
        return Err(Rejection::not_in_state(
            RuleId::S129ZC_1,
            "a matter is dealt with on documents only while an epidemic management notice is in force",
        ));
    }
    ctx.out.cite(RuleId::S129ZC_1)
}

fn warrant_issue(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::WarrantIssue {
        by,
        days,
        premises,
        expires_at,
        documents,
        ..
    } = ctx.event.kind
    else {
        return Ok(());
    };
    // s 60(3): "A Judge may issue a warrant of commitment".
    if by.is_some_and(|a| a != Actor::Judge) {
        return Err(Rejection::not_in_state(
            RuleId::S60_3,
            "a s 60 warrant of commitment is issued by a District Court Judge",
        ));
    }
    documents_only(ctx, documents)?;
    ctx.out.cite(RuleId::S60_3)?;
    let (period, too_long) = period_of(ctx, days, expires_at, WARRANT_DAYS);
    if too_long {
        // s 60(2): "for a period of 7 days or such shorter period".
        ctx.find(
            Severity::Violation,
            FindingCode::WarrantTooLong,
            RuleId::S60_2,
        )?;
    }
    epidemic_gaps(ctx)?;
    let at = ctx.at();
    let d = &mut ctx.case.removal_detention;
    d.warrant = Some(WarrantOfCommitment::issue(at, period));
    d.extension_6a = false;
    if let Some(p) = premises {
        let place = match p {
            Premises::Prison => Place::Prison,
            Premises::ApprovedPremises => Place::ApprovedPremises,
        };
        d.place = Some(place);
        placed(ctx, warrant_place_s62_2(place))?;
    }
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    ctx.case.rearm(DeadlineName::DetentionCap);
    Ok(())
}

fn no_conditions_at_first_hearing(_ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 60(5): only where "a person is brought before a Judge under
    // subsection (4) for a second or subsequent time" (rule map §7 A14).
    Err(Rejection::not_in_state(
        RuleId::S60_5,
        "release on conditions is not available at the first hearing",
    ))
}

/// One more appearance on the warrant; the s 60(6)(b) finding, if made.
fn hearing(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let own_delay = matches!(
        ctx.event.kind,
        EventKind::Appear {
            own_delay: true,
            ..
        }
    );
    let documents = matches!(
        ctx.event.kind,
        EventKind::Appear {
            documents: true,
            ..
        }
    );
    documents_only(ctx, documents)?;
    let d = &mut ctx.case.removal_detention;
    if let Some(w) = d.warrant.as_mut() {
        w.appearances = w.appearances.saturating_add(1);
    }
    if own_delay {
        d.own_delay = true;
        ctx.out.cite(RuleId::S60_6_B)?;
    }
    Ok(())
}

fn release_on_conditions(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    hearing(ctx)?;
    let appearances = ctx
        .case
        .removal_detention
        .warrant
        .map_or(0, |w| w.appearances);
    // s 60(5): "brought before a Judge under subsection (4) for a second or
    // subsequent time". `first-extension` (the default): the issue is
    // appearance 1, so the first s 60(4) hearing is the second time; under
    // `second-extension` only s 60(4) hearings count.
    let needed = if ctx.case.config.has(OPT_S60_5_SECOND) {
        3
    } else {
        2
    };
    if appearances < needed {
        return Err(Rejection::not_in_state(
            RuleId::S60_5,
            "release on conditions is available from a second s 60(4) appearance",
        ));
    }
    // s 60(6): "Unless the Judge considers that there are exceptional
    // circumstances that justify the person's release".
    let exceptional = matches!(
        ctx.event.kind,
        EventKind::Appear {
            exceptional: true,
            ..
        }
    );
    if !exceptional {
        let claimant_after = ctx.case.person.claimant
            && ctx
                .case
                .removal
                .order
                .is_some_and(|o| o.claim_after_service);
        if claimant_after {
            return Err(Rejection::not_in_state(
                RuleId::S60_6_A,
                "a claimant who claimed after service is not released without exceptional circumstances",
            ));
        }
        if ctx.case.removal_detention.own_delay {
            return Err(Rejection::not_in_state(
                RuleId::S60_6_B,
                "a person whose own action keeps them here is not released without exceptional circumstances",
            ));
        }
    }
    ctx.out.cite(RuleId::S60_9)
}

fn extend(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::ExtensionGrant {
        days, expires_at, ..
    } = ctx.event.kind
    else {
        return Ok(());
    };
    let six_a = s60_6_person(ctx.case);
    let limit = if six_a {
        EXTENSION_6A_DAYS
    } else {
        WARRANT_DAYS
    };
    let days = (expires_at.is_none()).then_some(days);
    let (period, too_long) = period_of(ctx, days, expires_at, limit);
    let at = ctx.at();
    let Some(w) = ctx.case.removal_detention.warrant else {
        return Ok(());
    };
    let next = w.extended(at, period);
    // s 60(7): "No person may be detained under 1 or more warrants of
    // commitment … for a consecutive period of more than 3 months, unless the
    // person is a person to whom subsection (6) applies."
    if !six_a {
        if let (Some(e), Some(p)) = (next.expiry(ctx.case.zone()), cap(ctx.case)) {
            if e.due > p {
                return Err(Rejection::not_in_state(
                    RuleId::S60_7,
                    "the extension would run past 3 consecutive months under warrants",
                ));
            }
        }
    }
    if too_long {
        let rule = if six_a {
            RuleId::S60_6A_A
        } else {
            RuleId::S60_2
        };
        ctx.find(Severity::Violation, FindingCode::ExtensionTooLong, rule)?;
    }
    // s 60(4): the extension is made "at the expiry" of the warrant; after the
    // date reading has passed the warrant had lapsed.
    if warrant_expiry(ctx.case).is_some_and(|e| at > e.due) {
        ctx.find(
            Severity::Violation,
            FindingCode::ExtensionAfterExpiry,
            RuleId::S60_4,
        )?;
    }
    epidemic_gaps(ctx)?;
    ctx.out.cite(RuleId::S60_2)?;
    let d = &mut ctx.case.removal_detention;
    d.warrant = Some(next);
    d.extension_6a = six_a;
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    Ok(())
}

fn released(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.removal_detention.cancelled_at.is_some() {
        ctx.out.cite(RuleId::S58_2)?;
    }
    Ok(())
}

fn board(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 59(2): "to execute the removal order by placing the person on a craft
    // that is leaving New Zealand". s 129X(1): "No person who … is a refugee
    // status claimant may be removed" (settled reading 8: placing on a craft
    // is a violation).
    ctx.out.cite(RuleId::S59_1)?;
    if ctx.case.person.claimant {
        ctx.find(
            Severity::Violation,
            FindingCode::RemovalOfClaimant,
            RuleId::S129X_1,
        )?;
    }
    Ok(())
}

fn no_warrant_72h(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 59(3): "may be detained for up to 72 hours without further authority
    // than this section".
    ctx.find(
        Severity::Violation,
        FindingCode::NoWarrant72h,
        RuleId::S59_3,
    )
}

fn warrant_expired(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // A breach of the date reading is a violation; of the elapsed reading
    // only, a warning (time model).
    ctx.find_breach(FindingCode::WarrantExpired, RuleId::S60_2)
}

fn cap_exceeded(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::DetentionCapExceeded,
        RuleId::S60_7,
    )
}

fn custody_after_cancellation(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 58(2)–(3): release "immediately": a service level; when it passes the
    // finding is undetermined (settled reading 3).
    ctx.find(
        Severity::Undetermined,
        FindingCode::CustodyAfterCancellation,
        RuleId::S58_2,
    )
}

fn imprisoned(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let due = match ctx.event.kind {
        EventKind::ImprisonmentBegin { release_due } => release_due,
        _ => None,
    };
    ctx.case.removal_record.imprisoned = true;
    ctx.case.removal_record.release_due = due;
    Ok(())
}

fn release_request(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::PrisonReleaseRequest { by: Some(a) } = ctx.event.kind {
        if a != Actor::Police {
            return Err(Rejection::not_in_state(
                RuleId::S61,
                "the s 61 request is made by a member of the Police",
            ));
        }
    }
    ctx.case.removal_detention.release_request = true;
    Ok(())
}

fn released_from_prison(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 61: on a Police request "the person responsible for the person's
    // detention must, at the time the release is due, release the person into
    // the custody of the member of the Police".
    if ctx.case.removal_detention.release_request {
        ctx.find(
            Severity::Violation,
            FindingCode::HandoverMissed,
            RuleId::S61,
        )?;
    }
    ctx.case.removal_record.imprisoned = false;
    ctx.case.removal_record.release_due = None;
    Ok(())
}

// ------------------------------------------------------------------ deadlines

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    use RemovalDetentionState as D;
    let d = &case.removal_detention;
    let mut push = |x: Deadline| {
        out.push(x)
            .map_err(|_| Rejection::capacity("too many open deadlines"))
    };
    if let Some(c) = d.cancelled_at {
        if in_custody(case) {
            push(Deadline {
                name: DeadlineName::ReleaseDue,
                due: c.add_seconds(case.config.level(Obligation::Release)),
                due_strict: None,
                rule: RuleId::S58_2,
            })?;
        }
        return Ok(());
    }
    match d.state {
        D::Custody72h => {
            if let Some(e) = d.custody {
                push(Deadline {
                    name: DeadlineName::S59Custody,
                    due: e.limit(),
                    due_strict: None,
                    rule: RuleId::S59_3,
                })?;
            }
        }
        D::CustodyWarrant => {
            if let Some(e) = warrant_expiry(case) {
                push(Deadline {
                    name: DeadlineName::WarrantExpiry,
                    due: e.due,
                    due_strict: e.due_strict,
                    rule: if d.extension_6a {
                        RuleId::S60_6A_A
                    } else {
                        RuleId::S60_2
                    },
                })?;
            }
            if let Some(c) = cap(case) {
                push(Deadline {
                    name: DeadlineName::DetentionCap,
                    due: c,
                    due_strict: None,
                    rule: RuleId::S60_7,
                })?;
            }
        }
        _ => {}
    }
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
