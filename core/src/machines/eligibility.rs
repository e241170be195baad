//! Machine `eligibility`: detention of persons whose eligibility for a permit is
//! not immediately ascertainable (s 128B), with the Operational Manual Y4.15
//! overlay (rule map `status_and_border.md` §4).
//!
//! Clocks:
//! - `warrant-application` (s 128B(6)(c)): "not later than 48 hours after the
//!   person is taken into custody, apply to a District Court Judge".
//! - `warrant-expiry` (s 128B(9)(a)): "28 days from the date of the issue of the
//!   warrant", or as extended; read by dates and by elapsed time.
//! - `judge-appearance` (s 128B(10)): before the end of the 28 days, then "at
//!   intervals of not more than 7 days".
//! - `s7-determination` (s 128B(6)(a)): "as speedily as may be possible", a
//!   service level (`undetermined` when it passes).
//! - `release-due` (s 128B(5)(a)(i)): "released immediately", a service level.
//! - Y4.15 para 4 (hidden): "A warrant of commitment must be obtained if the
//!   person is to be detained for more than 48 hours" (warning; settled reading 6).

use super::custody;
use super::place::{self, Custody};
use super::status::{self, StatusState};
use super::table::{g, label, row, Transition, Trigger};
use crate::case::{Case, Ctx, Deadlines, Reading, OPT_S2_2_128B};
use crate::outcome::{Deadline, DeadlineName, FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::holidays::s2_2_excluded;
use crate::time::{count_dates_after, elapsed_with_pauses, Date, Instant, Pause, DAY, HOUR};
use crate::vocab::event::{EventKind, Verb};
pub use crate::vocab::states::EligibilityState;
use crate::vocab::values::{Actor, AppearOutcome, DetainBasis, PermitKind, PermitType, Place};
use crate::vocab::Obligation;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Data of the `eligibility` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct EligibilityData {
    /// The state.
    pub state: EligibilityState,
    /// Y4.15 para 3: voluntary departure was offered.
    pub departure_offered: bool,
    /// s 128B(6)(b): the Minister considered there may be grounds.
    pub grounds_considered: bool,
    /// s 128B(6)(b): the opportunity to comment or rebut was given.
    pub rebuttal_offered: bool,
    /// C: when the person was first taken into s 128B custody.
    pub custody_since: Option<Instant>,
    /// The s 128B(6)(c) application was made.
    pub applied: bool,
    /// The warrant issued at this instant.
    pub warrant: Option<Instant>,
    /// Days added by s 128B(11) extensions.
    pub extension_days: u16,
    /// The last s 128B(10) appearance.
    pub appearance: Option<Instant>,
    /// Determined not to be a s 7(1) person (s 128B(5)(a)); the permit decision follows.
    pub not_s7: bool,
    /// A determination was made.
    pub determined: bool,
    /// Release is due "immediately" from this instant (s 128B(5)(a)(i)).
    pub release_from: Option<Instant>,
    /// Escaped from warrant custody.
    pub escaped_with_warrant: bool,
    /// A placement s 128B(7) would not allow overnight, made outside the
    /// night: its start (`machines::place`)…
    pub night: Option<Instant>,
    /// … and the finding due if the custody there runs into the night.
    pub night_code: Option<FindingCode>,
    /// Review proceedings (habeas corpus included, s 128A(1)) brought while
    /// s 128B applied and not yet completed.
    pub review: bool,
}

crate::wire::wire_struct!(EligibilityData {
    state,
    departure_offered,
    grounds_considered,
    rebuttal_offered,
    custody_since,
    applied,
    warrant,
    extension_days,
    appearance,
    not_s7,
    determined,
    release_from,
    escaped_with_warrant,
    night,
    night_code,
    review
});

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: EligibilityState) {
    if s == EligibilityState::Inactive {
        ctx.case.eligibility = Default::default();
    } else {
        ctx.case.eligibility.state = s;
        // s 128B(7) governs custody "under subsection (3) or subsection
        // (6)(c)": leaving it ends the placement being watched.
        if !matches!(
            s,
            EligibilityState::Custody | EligibilityState::CustodyWarrant
        ) {
            ctx.case.eligibility.night = None;
            ctx.case.eligibility.night_code = None;
        }
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.eligibility.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<EligibilityState> {
    (case.eligibility.state != EligibilityState::Inactive).then_some(case.eligibility.state)
}

/// The rule that excludes Part 2 while s 128B applies (s 128B(2)).
pub(crate) fn part2_excluded_by(case: &Case) -> Option<RuleId> {
    use EligibilityState as E;
    matches!(
        case.eligibility.state,
        E::Applies | E::Custody | E::CustodyWarrant | E::Escaped | E::WarrantLapsed
    )
    .then_some(RuleId::S128B_2)
}

fn in_custody(case: &Case) -> bool {
    matches!(
        case.eligibility.state,
        EligibilityState::Custody | EligibilityState::CustodyWarrant
    )
}

// ------------------------------------------------------------------ guards

fn exempt_s11_s12(c: &Ctx<'_>) -> bool {
    c.case.status.state == StatusState::Exempt
        && c.case
            .status
            .exemption
            .is_some_and(|e| e.basis.is_s11_or_s12())
}

fn arrival_undecided(c: &Ctx<'_>) -> bool {
    // s 128B(1): the decision on a permit (or on revoking a pre-cleared permit)
    // "has not been made because the person's status under section 7(1) …
    // cannot be immediately ascertained".
    !c.case.person.citizen
        && match c.case.status.state {
            StatusState::Arrived => true,
            StatusState::TemporaryPermit
            | StatusState::ResidencePermit
            | StatusState::LimitedPurposePermit => {
                c.case.status.permit.is_some_and(|p| p.precleared)
            }
            _ => false,
        }
}

fn detain_s128b(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Detain {
            basis: DetainBasis::S128b,
            ..
        }
    )
}

fn citizen_detained(c: &Ctx<'_>) -> bool {
    custody::citizen_detained_under(c, DetainBasis::S128b)
}

fn exempt_detained(c: &Ctx<'_>) -> bool {
    detain_s128b(c) && exempt_s11_s12(c)
}

fn undecided_detained(c: &Ctx<'_>) -> bool {
    detain_s128b(c) && arrival_undecided(c)
}

fn determines(c: &Ctx<'_>, applies: bool) -> bool {
    matches!(c.event.kind, EventKind::DetermineS7 { applies: a, .. } if a == applies)
}

fn not_s7_and_released(c: &Ctx<'_>) -> bool {
    determines(c, false)
        && (matches!(
            c.event.kind,
            EventKind::DetermineS7 {
                permit: Some(true),
                ..
            }
        ) || c.case.status.permit.is_some_and(|p| p.precleared))
}

fn not_s7_and_refused(c: &Ctx<'_>) -> bool {
    determines(c, false)
        && matches!(
            c.event.kind,
            EventKind::DetermineS7 {
                permit: Some(false),
                ..
            }
        )
        && !c.case.status.permit.is_some_and(|p| p.precleared)
}

fn not_s7_undecided(c: &Ctx<'_>) -> bool {
    determines(c, false)
}

fn is_s7(c: &Ctx<'_>) -> bool {
    determines(c, true)
}

fn after_not_s7(c: &Ctx<'_>) -> bool {
    c.case.eligibility.not_s7
}

fn release_pending(c: &Ctx<'_>) -> bool {
    c.case.eligibility.release_from.is_some()
}

fn no_release_pending(c: &Ctx<'_>) -> bool {
    c.case.eligibility.release_from.is_none()
}

fn extends(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Appear {
            outcome: AppearOutcome::Extend | AppearOutcome::Continue,
            ..
        }
    )
}

fn declines(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Appear {
            outcome: AppearOutcome::Decline,
            ..
        }
    )
}

fn released_outside_128b(c: &Ctx<'_>) -> bool {
    // While s 128B applies the status is `unlawful-s128b` (s 128B(2)); a custody
    // without a release due and without that status began as the detention of
    // an exempt person (row I31).
    no_release_pending(c) && c.case.status.state != StatusState::UnlawfulS128b
}

fn review_pending(c: &Ctx<'_>) -> bool {
    c.case.eligibility.review
}

fn had_warrant(c: &Ctx<'_>) -> bool {
    c.case.eligibility.escaped_with_warrant
}

fn had_no_warrant(c: &Ctx<'_>) -> bool {
    !c.case.eligibility.escaped_with_warrant
}

// ------------------------------------------------------------------ the table

use EligibilityState as S;
use Trigger::{Clock, Verb as On};

/// The transitions of the `eligibility` machine (rule map §4.4, ids E01–E15).
pub const TRANSITIONS: &[Transition<EligibilityState>] = &[
    // s 3
    row!(
        "I-s3",
        [Inactive],
        On(Verb::Detain),
        g(
            label!("the person is a New Zealand citizen"),
            citizen_detained
        ),
        None,
        S3,
        Some(custody::citizen_detention)
    ),
    // Applicability (s 128B(1)–(2))
    row!(
        "E01",
        [Inactive],
        On(Verb::SuspectS7),
        g(
            label!("arrived, not exempt, permit decision not made"),
            arrival_undecided
        ),
        Some(S::Applies),
        S128B_1,
        Some(applies)
    ),
    row!(
        "I31",
        [Inactive],
        On(Verb::Detain),
        g(
            label!("basis=s128b; exempt under s 11 or s 12"),
            exempt_detained
        ),
        Some(S::Custody),
        S128B_1,
        Some(exempt_detention)
    ),
    row!(
        "E02i",
        [Inactive],
        On(Verb::Detain),
        g(
            label!("basis=s128b; permit decision not made"),
            undecided_detained
        ),
        Some(S::Custody),
        S128B_3,
        Some(applies_and_detain)
    ),
    row!(
        "E01v",
        [Applies, Custody, CustodyWarrant],
        On(Verb::OfferVoluntaryDeparture),
        None,
        None,
        Y4_15_3,
        Some(offer_departure)
    ),
    // Custody (s 128B(3), (6)(c), (7))
    row!(
        "E02",
        [Applies],
        On(Verb::Detain),
        g(label!("basis=s128b"), detain_s128b),
        Some(S::Custody),
        S128B_3,
        Some(detain)
    ),
    row!(
        "E07p",
        [Custody, CustodyWarrant],
        On(Verb::Move),
        None,
        None,
        S128B_7_B,
        Some(move_place)
    ),
    row!(
        "E03",
        [Custody],
        On(Verb::WarrantApply),
        None,
        None,
        S128B_6_C,
        Some(apply)
    ),
    row!(
        "E05",
        [Custody],
        On(Verb::WarrantIssue),
        None,
        Some(S::CustodyWarrant),
        S128B_6_C,
        Some(issue)
    ),
    row!(
        "E04",
        [Custody],
        Clock(DeadlineName::WarrantApplication),
        None,
        None,
        S128B_6_C,
        Some(late_application)
    ),
    // s 128B(10)–(11): appearances and extensions
    row!(
        "E07",
        [CustodyWarrant],
        On(Verb::Appear),
        g(
            label!("the Judge is satisfied s 128B still applies"),
            extends
        ),
        None,
        S128B_11,
        Some(appearance)
    ),
    row!(
        "E08",
        [CustodyWarrant],
        On(Verb::Appear),
        g(label!("the Judge is not satisfied"), declines),
        Some(S::WarrantLapsed),
        S128B_11,
        Some(lapse)
    ),
    row!(
        "E06",
        [CustodyWarrant],
        Clock(DeadlineName::JudgeAppearance),
        None,
        None,
        S128B_10_A,
        Some(late_appearance)
    ),
    row!(
        "E06x",
        [CustodyWarrant],
        Clock(DeadlineName::WarrantExpiry),
        None,
        None,
        S128B_9,
        Some(expired)
    ),
    // s 128B(6)(a)–(b), (4): the determination
    row!(
        "E09",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::ConsiderS7Grounds),
        None,
        None,
        S128B_6_B,
        Some(grounds)
    ),
    row!(
        "E09r",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::OfferRebuttal),
        None,
        None,
        S128B_6_B,
        Some(rebuttal)
    ),
    row!(
        "E11c",
        [Custody, CustodyWarrant],
        On(Verb::DetermineS7),
        g(
            label!("not s 7(1); permit granted or pre-cleared"),
            not_s7_and_released
        ),
        None,
        S128B_5_A_I,
        Some(determine_release)
    ),
    row!(
        "E11a",
        [Applies, Escaped, WarrantLapsed],
        On(Verb::DetermineS7),
        g(
            label!("not s 7(1); permit granted or pre-cleared"),
            not_s7_and_released
        ),
        Some(S::ReleasedPermit),
        S128B_5_A_I,
        Some(determine_release)
    ),
    row!(
        "E12",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::DetermineS7),
        g(label!("not s 7(1); permit refused"), not_s7_and_refused),
        Some(S::HandedToS128),
        S128B_5_A_II,
        Some(determine_hand_over)
    ),
    row!(
        "E10",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::DetermineS7),
        g(
            label!("not s 7(1); permit decision to follow"),
            not_s7_undecided
        ),
        None,
        S128B_4,
        Some(determine_not_s7)
    ),
    row!(
        "E13",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::DetermineS7),
        g(label!("s 7(1) applies"), is_s7),
        Some(S::HandedToS128),
        S128B_5_B,
        Some(determine_hand_over)
    ),
    row!(
        "E11g",
        [Custody, CustodyWarrant],
        On(Verb::GrantPermit),
        g(
            label!("after a determination that s 7(1) does not apply"),
            after_not_s7
        ),
        None,
        S128B_5_A_I,
        Some(grant_in_custody)
    ),
    row!(
        "E11h",
        [Applies, Escaped, WarrantLapsed],
        On(Verb::GrantPermit),
        g(
            label!("after a determination that s 7(1) does not apply"),
            after_not_s7
        ),
        Some(S::ReleasedPermit),
        S128B_5_A_I,
        Some(grant_in_custody)
    ),
    row!(
        "E12r",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::RefusePermit),
        g(
            label!("after a determination that s 7(1) does not apply"),
            after_not_s7
        ),
        Some(S::HandedToS128),
        S128B_5_A_II,
        Some(hand_over)
    ),
    row!(
        "E14",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::RequestRemoval),
        None,
        Some(S::HandedToS128),
        S128B_5_C,
        Some(hand_over)
    ),
    row!(
        "E11r",
        [Custody, CustodyWarrant],
        On(Verb::Release),
        g(label!("a permit was granted or is held"), release_pending),
        Some(S::ReleasedPermit),
        S128B_5_A_I,
        Some(released)
    ),
    row!(
        "E11x",
        [Custody, CustodyWarrant],
        Clock(DeadlineName::ReleaseDue),
        None,
        None,
        S128B_5_A_I,
        Some(late_release)
    ),
    // s 128B(1): "not being a person who is exempt under section 11 or section
    // 12": the custody of a person to whom s 128B never applied (I31) ends
    // without leaving s 128B applying.
    row!(
        "E03x",
        [Custody, CustodyWarrant, WarrantLapsed],
        On(Verb::Release),
        g(
            label!("s 128B never applied (the person is not deemed unlawful under it)"),
            released_outside_128b
        ),
        Some(S::Inactive),
        S128B_1,
        None
    ),
    row!(
        "E03r",
        [Custody, CustodyWarrant, WarrantLapsed],
        On(Verb::Release),
        g(label!("no permit yet"), no_release_pending),
        Some(S::Applies),
        S128B_3,
        Some(released_without_permit)
    ),
    row!(
        "E06a",
        [Custody, CustodyWarrant],
        Clock(DeadlineName::S7Determination),
        None,
        None,
        S128B_6_A,
        Some(determination_delayed)
    ),
    // Escape (rule map 9.18: no statutory pause)
    row!(
        "E16",
        [Custody, CustodyWarrant],
        On(Verb::Escape),
        None,
        Some(S::Escaped),
        S128B_3,
        Some(escape)
    ),
    row!(
        "E16r",
        [Escaped],
        On(Verb::Recapture),
        g(label!("escaped from warrant custody"), had_warrant),
        Some(S::CustodyWarrant),
        S128B_9,
        None
    ),
    row!(
        "E16p",
        [Escaped],
        On(Verb::Recapture),
        g(label!("escaped before a warrant"), had_no_warrant),
        Some(S::Custody),
        S128B_3,
        None
    ),
    // Review proceedings (habeas corpus included, s 128A(1)) brought by a
    // person to whom s 128B applies: s 128A is for those "brought by a person
    // detained under section 128"; s 128B has no rule on them.
    row!(
        "E18",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::ReviewCommence),
        None,
        None,
        S128A_1,
        Some(review_commence)
    ),
    row!(
        "E18c",
        [
            Applies,
            Custody,
            CustodyWarrant,
            Escaped,
            WarrantLapsed,
            HandedToS128,
            ReleasedPermit,
            Departed
        ],
        On(Verb::ReviewComplete),
        g(
            label!("review proceedings brought under s 128B"),
            review_pending
        ),
        None,
        S128A_1,
        Some(review_complete)
    ),
    // s 128B(12): no bail
    row!(
        "E15",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::Bail),
        None,
        None,
        S128B_12,
        Some(bail)
    ),
    // Leaving while s 128B applies (e.g. the Y4.15 para 3 option), also after
    // an escape: a person who leaves New Zealand is no longer one "who arrives
    // in New Zealand" to whom s 128B(1) can apply.
    row!(
        "E17",
        [Applies, Custody, CustodyWarrant, Escaped, WarrantLapsed],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S41,
        Some(depart)
    ),
];

// ------------------------------------------------------------------ effects

fn applies(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let offered = ctx.case.eligibility.departure_offered;
    ctx.case.eligibility = EligibilityData {
        departure_offered: offered,
        ..EligibilityData::default()
    };
    ctx.case.status.state = StatusState::UnlawfulS128b;
    ctx.out.cite(RuleId::S128B_2)
}

fn offer_departure(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.departure_offered = true;
    Ok(())
}

fn detain(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let at = ctx.at();
    // Y4.15 para 3: "should first be given the option of departing voluntarily".
    if !ctx.case.eligibility.departure_offered && ctx.case.y415_at(at) {
        ctx.find(
            Severity::Warning,
            FindingCode::VoluntaryDepartureNotOffered,
            RuleId::Y4_15_3,
        )?;
    }
    let e = &mut ctx.case.eligibility;
    e.custody_since = Some(at);
    e.applied = false;
    ctx.case.rearm(DeadlineName::WarrantApplication);
    if application_due(ctx.case, at).2 == RuleId::S2_2 {
        // The application period opened on this line is reckoned under s 2(2).
        ctx.out.cite(RuleId::S2_2)?;
    }
    ctx.case.rearm(DeadlineName::S7Determination);
    ctx.case.rearm_hidden(crate::case::Hidden::Y415Warrant);
    place::check_line(ctx, Custody::S128B)
}

fn applies_and_detain(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    applies(ctx)?;
    ctx.out.cite(RuleId::S128B_1)?;
    detain(ctx)
}

fn exempt_detention(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128B(1): "not being a person who is exempt under section 11 or section
    // 12". The detention happened; the finding records that it was unlawful.
    ctx.find(
        Severity::Violation,
        FindingCode::ExemptDetainedS128b,
        RuleId::S128B_1,
    )?;
    ctx.case.eligibility.custody_since = Some(ctx.at());
    // A new custody: its clocks start afresh (as in `detain`).
    ctx.case.eligibility.applied = false;
    ctx.case.rearm(DeadlineName::WarrantApplication);
    ctx.case.rearm(DeadlineName::S7Determination);
    ctx.case.rearm_hidden(crate::case::Hidden::Y415Warrant);
    Ok(())
}

fn move_place(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    place::check_line(ctx, Custody::S128B)
}

fn apply(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::WarrantApply { by, to, .. } = ctx.event.kind {
        // s 128B(6)(c): "a member of the Police or an immigration officer shall …
        // apply to a District Court Judge".
        let right = matches!(to, None | Some(Actor::Judge))
            && matches!(by, None | Some(Actor::Police | Actor::Io));
        if !right {
            ctx.find(
                Severity::Violation,
                FindingCode::DefectiveWarrantApplication,
                RuleId::S128B_6_C,
            )?;
        }
    }
    ctx.case.eligibility.applied = true;
    Ok(())
}

fn issue(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if !ctx.case.eligibility.applied {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveWarrantApplication,
            RuleId::S128B_6_C,
        )?;
    }
    ctx.case.eligibility.applied = true;
    ctx.case.eligibility.warrant = Some(ctx.at());
    ctx.case.eligibility.extension_days = 0;
    ctx.case.eligibility.appearance = None;
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    ctx.case.rearm(DeadlineName::JudgeAppearance);
    ctx.out.cite(RuleId::S128B_9)?;
    if let EventKind::WarrantIssue {
        premises: Some(crate::lang::values::Premises::Prison),
        ..
    } = ctx.event.kind
    {
        // A prison named in the Judge's warrant is "at the direction of a Judge"
        // (s 128B(7)(b)(iii)).
        place::check(ctx, Custody::S128B, Place::Prison, false, None, true)?;
    }
    Ok(())
}

fn late_application(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // The s 2(2) reading (config apply-s2-2-to-128b-6c) and the plain 48 hours
    // may disagree (rule map 9.6, note T5): the elapsed reading alone passing
    // is a warning. The lenient due rests on s 2(2) when the holidays
    // lengthened it.
    let strict = matches!(ctx.clock, Some(c) if c.reading == Reading::Strict);
    if !strict {
        if let Some(c) = ctx.case.eligibility.custody_since {
            if application_due(ctx.case, c).2 == RuleId::S2_2 {
                ctx.out.cite(RuleId::S2_2)?;
            }
        }
    }
    ctx.find_breach(FindingCode::LateWarrantApplication, RuleId::S128B_6_C)
}

/// The due instant of the Y4.15 para 4 check: 48 hours after custody, while in
/// custody without a warrant, with the overlay on.
pub(crate) fn y415_warrant_due(case: &Case) -> Option<Instant> {
    let e = &case.eligibility;
    // Not once the person must be released under s 128B(5)(a)(i) (see `deadlines`).
    if e.state != EligibilityState::Custody || e.warrant.is_some() || e.release_from.is_some() {
        return None;
    }
    let since = e.custody_since?;
    case.y415_at(since).then(|| Case::hours_after(since, 48))
}

/// Y4.15 para 4: custody past 48 hours without a warrant obtained (warning).
pub(crate) fn fire_y415_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Warning,
        FindingCode::NoWarrant48h,
        RuleId::Y4_15_4,
    )
}

fn appearance(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let days = match ctx.event.kind {
        EventKind::Appear {
            outcome: AppearOutcome::Extend,
            days,
            ..
        } => days.unwrap_or(7),
        _ => 0,
    };
    let rule = if ctx.case.eligibility.appearance.is_some() {
        RuleId::S128B_10_B
    } else {
        RuleId::S128B_10_A
    };
    ctx.out.cite(rule)?;
    let e = &mut ctx.case.eligibility;
    e.extension_days = e.extension_days.saturating_add(days);
    e.appearance = Some(ctx.event.at);
    ctx.case.rearm(DeadlineName::JudgeAppearance);
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    Ok(())
}

fn lapse(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Rule map 9.7: the person must be released; the status is unresolved.
    ctx.find(
        Severity::Undetermined,
        FindingCode::WarrantLapsed,
        RuleId::S128B_11,
    )
}

fn late_appearance(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let rule = if ctx.case.eligibility.appearance.is_some() {
        RuleId::S128B_10_B
    } else {
        RuleId::S128B_10_A
    };
    ctx.find_breach(FindingCode::LateJudgeAppearance, rule)
}

fn expired(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find_breach(FindingCode::WarrantExpired, RuleId::S128B_9)
}

fn grounds(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.grounds_considered = true;
    Ok(())
}

fn rebuttal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.rebuttal_offered = true;
    Ok(())
}

fn determination_checks(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::DetermineS7 { by: Some(by), .. } = ctx.event.kind {
        if by != Actor::Minister {
            // s 128B(4): "shall be made by the Minister".
            ctx.find(
                Severity::Violation,
                FindingCode::WrongDecisionMaker,
                RuleId::S128B_4,
            )?;
        }
    }
    // A determination that s 7(1) does not apply, against a record on which a
    // paragraph of s 7(1) applies (the s 7 assessment of the person's
    // convictions, deportation, removal order and the Minister's beliefs):
    // the record may be incomplete or wrong, so the finding is for a person
    // to review, with the paragraph as its rule.
    if determines(ctx, false) {
        let today = ctx.case.date_of(ctx.at());
        if let Some(rule) = super::s7::ineligible(&ctx.case.person.s7_record(), today) {
            ctx.find(Severity::Undetermined, FindingCode::HumanReview, rule)?;
        }
    }
    ctx.case.eligibility.determined = true;
    ctx.out.cite(RuleId::S128B_4)
}

fn determine_not_s7(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    determination_checks(ctx)?;
    ctx.case.eligibility.not_s7 = true;
    Ok(())
}

fn permit_to_status(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    match ctx.event.kind {
        EventKind::GrantPermit { .. } => status::grant_from_other_machine(ctx),
        _ => {
            // A pre-cleared permit holder keeps the permit; otherwise
            // `permit=granted` on the determination line records a permit whose
            // terms the line does not give.
            let p = ctx.case.status.permit.unwrap_or(status::Permit {
                permit: PermitType::Temporary,
                kind: Some(PermitKind::Visitor),
                expires: None,
                precleared: false,
                extended_to: None,
                basis: None,
            });
            ctx.case.status.permit = Some(p);
            ctx.case.status.state = match p.permit {
                PermitType::Temporary => StatusState::TemporaryPermit,
                PermitType::Residence => StatusState::ResidencePermit,
                PermitType::LimitedPurpose => StatusState::LimitedPurposePermit,
            };
            Ok(())
        }
    }
}

fn determine_release(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    determination_checks(ctx)?;
    ctx.case.eligibility.not_s7 = true;
    permit_to_status(ctx)?;
    if in_custody(ctx.case) {
        ctx.case.eligibility.release_from = Some(ctx.at());
        ctx.case.rearm(DeadlineName::ReleaseDue);
    }
    Ok(())
}

fn grant_in_custody(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    permit_to_status(ctx)?;
    if in_custody(ctx.case) {
        ctx.case.eligibility.release_from = Some(ctx.at());
        ctx.case.rearm(DeadlineName::ReleaseDue);
    }
    Ok(())
}

fn determine_hand_over(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let custody = ctx.case.eligibility.custody_since.is_some();
    if is_s7(ctx) && custody && !ctx.case.eligibility.rebuttal_offered {
        // s 128B(6)(b): "the Minister shall give that person an opportunity to
        // comment on or rebut those grounds" before an adverse determination.
        ctx.find(
            Severity::Violation,
            FindingCode::RebuttalNotOffered,
            RuleId::S128B_6_B,
        )?;
    }
    determination_checks(ctx)?;
    hand_over(ctx)
}

fn hand_over(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let e = &ctx.case.eligibility;
    let custody_since = if in_custody(ctx.case) {
        e.custody_since
    } else {
        None
    };
    let warrant = match (e.state, e.warrant) {
        (EligibilityState::CustodyWarrant, Some(w)) => Some((w, e.extension_days)),
        _ => None,
    };
    super::border::take_over_from_s128b(ctx, custody_since, warrant)
}

fn released(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.release_from = None;
    Ok(())
}

fn late_release(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Settled reading 3: "immediately" is a service level; undetermined.
    ctx.find(
        Severity::Undetermined,
        FindingCode::LateRelease,
        RuleId::S128B_5_A_I,
    )
}

fn released_without_permit(_ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    Ok(())
}

fn determination_delayed(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.y415_at(ctx.at()) {
        ctx.out.cite(RuleId::Y4_15_8)?;
    }
    ctx.find(
        Severity::Undetermined,
        FindingCode::DeterminationDelayed,
        RuleId::S128B_6_A,
    )
}

fn escape(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.escaped_with_warrant =
        ctx.case.eligibility.state == EligibilityState::CustodyWarrant;
    // Rule map 9.18: s 128B has no pause rule; flag for review.
    ctx.find(
        Severity::Undetermined,
        FindingCode::HumanReview,
        RuleId::S128B_9,
    )
}

/// Review proceedings while s 128B applies. s 128A(2)'s pause and Judge
/// appearances are for proceedings "brought by a person detained under section
/// 128", and s 128B(9)–(11) state neither: the s 128B warrant runs on, and what
/// follows depends on the court (rule map 9.18 for the like question of an
/// escape): `human-review`.
fn review_commence(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.review = true;
    ctx.find(
        Severity::Undetermined,
        FindingCode::HumanReview,
        RuleId::S128B_3,
    )
}

fn review_complete(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.eligibility.review = false;
    Ok(())
}

fn bail(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::BailForbidden,
        RuleId::S128B_12,
    )
}

fn depart(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    status::depart(ctx)
}

// ------------------------------------------------------------------ deadlines

/// The s 128B(6)(c) application deadline: (`due`, `due-strict`, the rule `due`
/// rests on).
///
/// Without `apply-s2-2-to-128b-6c` (the default; rule map 9.6) the 48 hours
/// are plain elapsed time and the rule is s 128B(6)(c). With it, s 2(2) makes
/// the period "reckoned exclusive of any day, not being a Saturday or a
/// Sunday, that is a public holiday or a Departmental holiday": the time that
/// falls on such a local day does not count (a custody that starts on an
/// excluded day starts counting at the end of that day). When that makes the
/// period longer, `due` is the lenient reading and rests on s 2(2), and
/// `due-strict` is the plain 48 hours.
fn application_due(case: &Case, since: Instant) -> (Instant, Option<Instant>, RuleId) {
    let plain = Case::hours_after(since, 48);
    if !case.config.has(OPT_S2_2_128B) {
        return (plain, None, RuleId::S128B_6_C);
    }
    let mut pauses: heapless::Vec<Pause, 16> = heapless::Vec::new();
    let mut due = plain;
    let mut d = case.date_of(since);
    // Every excluded day up to the (growing) last day of the period; each one
    // pushes the end further, so the loop runs until a day past the end.
    while d <= case.date_of(due) {
        if s2_2_excluded(d, &case.config.holidays) {
            let pause = Pause {
                start: case.start_of(d),
                end: case.end_of(d).add_seconds(1),
            };
            if pauses.push(pause).is_err() {
                break;
            }
            due = elapsed_with_pauses(since, 48 * HOUR, &pauses);
        }
        match d.succ() {
            Some(n) => d = n,
            None => break,
        }
    }
    if due > plain {
        (due, Some(plain), RuleId::S2_2)
    } else {
        (plain, None, RuleId::S128B_6_C)
    }
}

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    let e = &case.eligibility;
    if e.state == S::Inactive {
        return Ok(());
    }
    let full = || Rejection::capacity("too many open deadlines");
    let mut push = |d: Deadline| out.push(d).map_err(|_| full());
    let since = e.custody_since;
    // s 128B(5): the section applies "until— (a) a determination is made that
    // the person is not a person to whom section 7(1) applies, in which case …
    // (i) the person must be released immediately, if the person is granted a
    // permit"; and s 128B(9)(b): the warrant authorises detention only until
    // "the person ceases to be a person to whom this section applies pursuant
    // to subsection (5)". Once the release is due, the duties of s 128B(6)(c)
    // and (10) are spent and only `release-due` remains.
    let state = if e.release_from.is_some() {
        S::Inactive
    } else {
        e.state
    };
    match state {
        S::Custody => {
            if let (Some(c), false) = (since, e.applied) {
                let (due, strict, rule) = application_due(case, c);
                push(Deadline {
                    name: DeadlineName::WarrantApplication,
                    due,
                    due_strict: strict,
                    rule,
                })?;
            }
        }
        S::CustodyWarrant => {
            if let Some(w) = e.warrant {
                let total = 28u32.saturating_add(u32::from(e.extension_days));
                if let Some(last) = count_dates_after(case.date_of(w), total, &[]) {
                    let strict = w.add_seconds(i64::from(total).saturating_mul(DAY));
                    push(Deadline {
                        name: DeadlineName::WarrantExpiry,
                        due: case.end_of(last),
                        due_strict: Some(strict),
                        rule: RuleId::S128B_9,
                    })?;
                }
                let (due, strict, rule) = match e.appearance {
                    Some(prev) => {
                        let (d, s) = super::border::seven_days_after(case, prev);
                        (d, s, RuleId::S128B_10_B)
                    }
                    None => {
                        let last = count_dates_after(case.date_of(w), 28, &[]).unwrap_or(Date::MAX);
                        (
                            case.end_of(last),
                            w.add_seconds(28 * DAY),
                            RuleId::S128B_10_A,
                        )
                    }
                };
                push(Deadline {
                    name: DeadlineName::JudgeAppearance,
                    due,
                    due_strict: Some(strict),
                    rule,
                })?;
            }
        }
        _ => {}
    }
    if in_custody(case) {
        if let (Some(c), false) = (since, e.determined) {
            let due = c.add_seconds(case.config.level(Obligation::Determination));
            push(Deadline {
                name: DeadlineName::S7Determination,
                due,
                due_strict: None,
                rule: RuleId::S128B_6_A,
            })?;
        }
        if let Some(r) = e.release_from {
            let due = r.add_seconds(case.config.level(Obligation::Release));
            push(Deadline {
                name: DeadlineName::ReleaseDue,
                due,
                due_strict: None,
                rule: RuleId::S128B_5_A_I,
            })?;
        }
    }
    Ok(())
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: super::Entry = super::Entry {
    machine: crate::vocab::Machine::Eligibility,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| reported(c).map(crate::vocab::MachineState::Eligibility),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(
            w,
            "eligibility",
            TRANSITIONS,
            EligibilityState::ALL,
            |s| s.name(),
            f,
        )
    },
};
