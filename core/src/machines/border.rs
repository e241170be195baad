//! Machine `border`: detention and departure under s 128, with conditional
//! release (ss 128AA–128AD) and review proceedings (s 128A) (rule map
//! `status_and_border.md` §3).
//!
//! Clocks:
//! - `s128-cessation` (s 128(3)): s 128 ceases "on the expiration of 72 hours
//!   after the time when that person first reports or presents to an
//!   immigration officer … unless that person is sooner detained".
//! - `warrant-required` (s 128(7)): detention "for more than 48 hours after the
//!   time of that person's detention" needs a warrant of commitment; re-anchored
//!   at delivering up (s 128AA(11)(a)(ii)), at arrest after a cancellation
//!   (s 128AD(4)(b)(i)(B); rule map 9.29) and at recapture from pre-warrant
//!   custody (9.18); two anchors after a s 128B hand-over (9.9).
//! - `warrant-expiry` (s 128(9)(c), (14)(b)): 28 days at most plus extensions,
//!   "reckoned exclusive of" escapes (s 128(16)), conditional release
//!   (s 128AA(12)), review proceedings (s 128A(2)(a)) and time at large after a
//!   s 128A order expired (s 128A(12)(b)); read by dates (violation) and by
//!   elapsed time (warning).
//! - `judge-appearance` (s 128A(2)(b)): with review proceedings, by the nominal
//!   expiry, then "at intervals of not more than 7 days"; after an arrest, "as
//!   soon as possible" (s 128AC(3), s 128A(10)(b)), a service level.
//! - `release-due` (s 128(14)(a)): release "on receiving" a written notice.

use super::custody;
use super::place::{self, Custody};
use super::status::{self, StatusState};
use super::table::{g, label, row, Signal, Transition, Trigger};
use crate::case::{Case, Ctx, Deadlines, Reading};
use crate::list::List;
use crate::outcome::{Deadline, DeadlineName, FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::{
    count_dates_after, elapsed_with_pauses, Date, DateRange, Instant, Pause, DAY, HOUR,
};
use crate::vocab::event::{EventKind, Verb};
pub use crate::vocab::states::BorderState;
use crate::vocab::values::{
    Actor, AppearOutcome, BreachClass, CrBasis, DetainBasis, Locus, Premises, RequestedBy,
    ReviewResult, RevokeSection, UnlawfulCause,
};
use crate::vocab::Obligation;
use heapless::Vec;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// What a warrant of commitment was issued under.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[allow(non_camel_case_types)]
pub enum WarrantOrigin {
    /// s 128(7), by the Registrar or Deputy Registrar.
    S128_7,
    /// s 128AA(8)(a), by a Judge refusing conditional release.
    S128AA_8A,
    /// s 128AC(3)(a), by a Judge after an arrest.
    S128AC_3A,
    /// s 128B(6)(c), carried over by s 128B(11A).
    S128B_11A,
}

crate::wire::wire_unit_enum!(WarrantOrigin {
    S128_7,
    S128AA_8A,
    S128AC_3A,
    S128B_11A
});

/// A warrant of commitment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Warrant {
    /// When it issued.
    pub issued: Instant,
    /// The days it authorises (at most 28 are counted).
    pub days: u16,
    /// What it was issued under.
    pub origin: WarrantOrigin,
    /// Where it authorises detention.
    pub premises: Option<Premises>,
    /// Issued on a defective application with `defective-application-voids-warrant`.
    pub void: bool,
}

crate::wire::wire_struct!(Warrant {
    issued,
    days,
    origin,
    premises,
    void
});

/// What pauses the warrant clock.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum PauseKind {
    /// s 128(16): from the escape date to 72 hours after the retake date.
    Escape,
    /// s 128AA(12)(a): from the release date to 72 hours after the retake date.
    ConditionalRelease,
    /// s 128A(2)(a)(i): while review proceedings exist, both dates included.
    Review,
    /// s 128A(12)(b): from the order's expiry date to the retake date.
    AtLarge,
}

crate::wire::wire_unit_enum!(PauseKind {
    Escape,
    ConditionalRelease,
    Review,
    AtLarge
});

/// One pause of the warrant clock (`end` is `None` while it lasts).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct PauseRecord {
    /// What pauses the clock.
    pub kind: PauseKind,
    /// When the pause begins (for `Review` and `AtLarge`, its date is used).
    pub start: Instant,
    /// When the person is again in custody / the proceedings end.
    pub end: Option<Instant>,
}

crate::wire::wire_struct!(PauseRecord { kind, start, end });

impl crate::list::Filler for PauseRecord {
    const FILLER: Self = PauseRecord {
        kind: PauseKind::Escape,
        start: Instant::from_unix_seconds(0),
        end: None,
    };
}

/// A release order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Order {
    /// A s 128A(4) order (otherwise a s 128AA(6) order).
    pub review: bool,
    /// The person was in s 128(5) custody without a warrant when released.
    pub pre_warrant: bool,
    /// The day the order expires (s 128AA(7)(a)), if stated as a day.
    pub expires: Option<Date>,
    /// The conditions were notified in writing.
    pub notified: bool,
    /// A fresh order a Judge made at an appearance after an arrest ("again
    /// make an order for the person's conditional release under section
    /// 128AA", s 128AC(3)), whose terms no line has recorded yet.
    pub fresh: bool,
}

crate::wire::wire_struct!(Order {
    review,
    pre_warrant,
    expires,
    notified,
    fresh
});

/// Review proceedings (s 128A).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Review {
    /// When they were brought.
    pub commenced: Instant,
    /// When they were completed.
    pub completed: Option<Instant>,
    /// Their result.
    pub result: Option<ReviewResult>,
}

crate::wire::wire_struct!(Review {
    commenced,
    completed,
    result
});

/// Why the person is before a Judge after an arrest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Arrested {
    /// s 128AC(2)–(3): breach or failure to deliver up after a s 128AA release.
    After128aa,
    /// s 128A(10)–(10A): breach or failure to deliver up after a s 128A release.
    After128a,
}

crate::wire::wire_unit_enum!(Arrested {
    After128aa,
    After128a
});

/// The most pauses a warrant clock records (escapes, conditional releases,
/// review proceedings: s 128(16), s 128AB(4), s 128A(2)(a)). The full engine
/// keeps 5; firmware built without the Part 2 machines keeps 4, to stay inside
/// its 512-byte case. A further pause is a `capacity` error.
pub const MAX_PAUSES: usize = if cfg!(feature = "removal") { 5 } else { 4 };

/// Data of the `border` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct BorderData {
    /// The state.
    pub state: BorderState,
    /// R: first report or presentation (s 128(3)).
    pub first_report: Option<Instant>,
    /// Has been detained under s 128(5): the 72-hour clock is spent (9.10).
    pub detained: bool,
    /// D: the 48-hour anchor (s 128(7)).
    pub anchor: Option<Instant>,
    /// The strict 48-hour anchor after a s 128B hand-over (9.9).
    pub anchor_strict: Option<Instant>,
    /// A s 128(7) application: `Some(true)` if on oath, with reasons, to the Registrar.
    pub application: Option<bool>,
    /// The warrant.
    pub warrant: Option<Warrant>,
    /// Days added by s 128(13B) and s 128AA(8)(b) extensions.
    pub extension_days: u16,
    /// A pending extension application: `Some(true)` if on oath with reasons.
    pub extension_application: Option<bool>,
    /// Pauses of the warrant clock.
    pub pauses: List<PauseRecord, MAX_PAUSES>,
    /// Review proceedings.
    pub review: Option<Review>,
    /// The last s 128A(2)(b) appearance.
    pub appearance: Option<Instant>,
    /// A s 128AA application has been made.
    pub release_application: bool,
    /// A release order made (and not yet spent); in `permit-granted`, the
    /// s 128AA order the permit cancelled (s 128AA(13)(a)), kept as the record
    /// that s 128 ended that way.
    pub order: Option<Order>,
    /// The origin of the current release: pre-warrant custody.
    pub released_pre_warrant: bool,
    /// The last breach of a release condition, and whether there was an excuse.
    pub breach: Option<(BreachClass, bool)>,
    /// Why the person was arrested, while before a Judge.
    pub arrested: Option<Arrested>,
    /// When the person was arrested (the "as soon as possible" anchor); in
    /// `permit-granted`, when the Police held the person after the permit.
    pub arrested_at: Option<Instant>,
    /// A s 128AD application: `Some(true)` if on oath with reasons.
    pub cancel_application: Option<bool>,
    /// The s 128(11) requirement: `Some(true)` if in writing.
    pub requirement: Option<bool>,
    /// A written release notice was received at this instant (s 128(14)(a)).
    pub notice_at: Option<Instant>,
    /// Escaped from custody without a warrant, at this instant.
    pub escaped_pre_warrant: Option<Instant>,
    /// A placement in custody before a warrant that s 128(6) would not allow
    /// overnight, made outside the night: its start ([`place`])…
    pub night: Option<Instant>,
    /// … and the finding due if the custody there runs into the night.
    pub night_code: Option<FindingCode>,
}

crate::wire::wire_struct!(BorderData {
    state,
    first_report,
    detained,
    anchor,
    anchor_strict,
    application,
    warrant,
    extension_days,
    extension_application,
    pauses,
    review,
    appearance,
    release_application,
    order,
    released_pre_warrant,
    breach,
    arrested,
    arrested_at,
    cancel_application,
    requirement,
    notice_at,
    escaped_pre_warrant,
    night,
    night_code
});

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: BorderState) {
    if s == BorderState::Inactive {
        ctx.case.border = Default::default();
    } else {
        ctx.case.border.state = s;
        // s 128(6) governs custody "under subsection (5)" before a warrant:
        // leaving it ends the placement being watched.
        if s != BorderState::CustodyPreWarrant {
            ctx.case.border.night = None;
            ctx.case.border.night_code = None;
        }
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.border.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<BorderState> {
    (case.border.state != BorderState::Inactive).then_some(case.border.state)
}

/// The rule that excludes Part 2 while this machine holds the person, if any
/// (ss 128(4), 128AC(7), 128A(11)).
pub(crate) fn part2_excluded_by(case: &Case) -> Option<RuleId> {
    use BorderState as B;
    match case.border.state {
        B::AtLarge
        | B::CustodyPreWarrant
        | B::CustodyWarrant
        | B::WithPolice
        | B::Escaped
        | B::BeforeJudge => Some(RuleId::S128_4),
        B::ConditionallyReleased | B::ConditionalDefault | B::ConditionalCancelled => {
            Some(RuleId::S128AC_7)
        }
        B::ReviewReleased | B::ReviewDefault => Some(RuleId::S128A_11),
        _ => None,
    }
}

// ------------------------------------------------------------------ clock arithmetic

impl BorderData {
    /// Days the warrant authorises: at most 28 (s 128(7)) plus extensions.
    fn total_days(&self) -> Option<u32> {
        let w = self.warrant?;
        Some(u32::from(w.days.min(28)).saturating_add(u32::from(self.extension_days)))
    }

    fn pause_open(&self) -> bool {
        self.pauses.iter().any(|p| p.end.is_none())
    }
}

/// The effective expiry of the warrant: (`due` of the date reading, the last
/// authorised second; `due-strict` of the elapsed reading). `None` while a
/// pause is still open (its end, and so the expiry, is not yet known).
pub(crate) fn warrant_expiry(case: &Case) -> Option<(Instant, Instant)> {
    expiry_with(case, false)
}

/// [`warrant_expiry`]; with `skip_open`, pauses still open are left out
/// instead of making the expiry unknown.
fn expiry_with(case: &Case, skip_open: bool) -> Option<(Instant, Instant)> {
    let b = &case.border;
    let w = b.warrant?;
    let total = b.total_days()?;
    if b.pause_open() && !skip_open {
        return None;
    }
    let mut ranges: Vec<DateRange, MAX_PAUSES> = Vec::new();
    let mut pauses: Vec<Pause, MAX_PAUSES> = Vec::new();
    for p in &b.pauses {
        let Some(end) = p.end else {
            // Only reached with `skip_open`: an open pause is left out.
            continue;
        };
        let (sd, ed) = (case.date_of(p.start), case.date_of(end));
        let (range, pause) = match p.kind {
            PauseKind::Escape | PauseKind::ConditionalRelease => (
                DateRange {
                    first: sd,
                    last: ed.add_days(3).unwrap_or(Date::MAX),
                },
                Pause {
                    start: p.start,
                    end: Case::hours_after(end, 72),
                },
            ),
            PauseKind::Review => (
                DateRange {
                    first: sd,
                    last: ed,
                },
                Pause {
                    start: case.start_of(sd),
                    end: case.end_of(ed).add_seconds(1),
                },
            ),
            PauseKind::AtLarge => (
                DateRange {
                    first: sd,
                    last: ed,
                },
                Pause {
                    start: case.start_of(sd),
                    end,
                },
            ),
        };
        ranges.push(range).ok()?;
        pauses.push(pause).ok()?;
    }
    let issue_date = case.date_of(w.issued);
    let last = count_dates_after(issue_date, total, &ranges)?;
    let strict = elapsed_with_pauses(w.issued, i64::from(total).saturating_mul(DAY), &pauses);
    Some((case.end_of(last), strict))
}

/// The nominal expiry (no pauses): `due` and `due-strict` (s 128A(2)(b)).
fn nominal_expiry(case: &Case) -> Option<(Instant, Instant)> {
    let b = &case.border;
    let w = b.warrant?;
    let total = b.total_days()?;
    let last = count_dates_after(case.date_of(w.issued), total, &[])?;
    Some((
        case.end_of(last),
        w.issued.add_seconds(i64::from(total).saturating_mul(DAY)),
    ))
}

/// "At intervals of not more than 7 days" after `prev`: the date reading (end
/// of the 7th date after) and the elapsed reading (168 hours after).
pub(crate) fn seven_days_after(case: &Case, prev: Instant) -> (Instant, Instant) {
    let d = case.date_of(prev).add_days(7).unwrap_or(Date::MAX);
    (case.end_of(d), Case::hours_after(prev, 7 * 24))
}

// ------------------------------------------------------------------ guards

fn detain_s128(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Detain {
            basis: DetainBasis::S128,
            ..
        }
    )
}

fn citizen_detained(c: &Ctx<'_>) -> bool {
    custody::citizen_detained_under(c, DetainBasis::S128)
}

fn arrived_not_s128b(c: &Ctx<'_>) -> bool {
    c.case.status.state == StatusState::Arrived && !c.case.person.citizen
}

fn stowaway(c: &Ctx<'_>) -> bool {
    matches!(c.event.kind, EventKind::Arrive { stowaway: true, .. }) && !c.case.person.citizen
}

fn revokes_precleared(c: &Ctx<'_>) -> bool {
    // s 35F(1): "at any time before the person leaves the arrival hall" — so
    // only after the arrival on the pre-clearance flight, while the permit is
    // held (s 35I; s 128(1)(a): "arrives in New Zealand"), not while the holder
    // is still outside New Zealand, and not while s 128B applies (s 128(1):
    // "other than a person to whom section 128B … applies").
    matches!(
        c.event.kind,
        EventKind::RevokePermit {
            section: RevokeSection::S35F,
            ..
        }
    ) && c.case.status.permit.is_some_and(|p| p.precleared)
        && matches!(
            c.case.status.state,
            StatusState::TemporaryPermit
                | StatusState::ResidencePermit
                | StatusState::LimitedPurposePermit
        )
}

fn revokes_in_hall(c: &Ctx<'_>, s: RevokeSection, st: StatusState) -> bool {
    matches!(c.event.kind, EventKind::RevokePermit { section, locus, .. } if section == s && locus != Some(Locus::Office))
        && c.case.status.state == st
}

fn revokes_residence_in_hall(c: &Ctx<'_>) -> bool {
    revokes_in_hall(c, RevokeSection::S19, StatusState::ResidencePermit)
}

fn revokes_temporary_in_hall(c: &Ctx<'_>) -> bool {
    revokes_in_hall(c, RevokeSection::S32, StatusState::TemporaryPermit)
        || revokes_in_hall(c, RevokeSection::S32, StatusState::LimitedPurposePermit)
}

fn no_report_yet(c: &Ctx<'_>) -> bool {
    c.case.border.first_report.is_none()
}

fn warrant_void(c: &Ctx<'_>) -> bool {
    c.case.border.warrant.is_some_and(|w| w.void)
}

fn order_pending(c: &Ctx<'_>, review: bool) -> bool {
    c.case.border.order.is_some_and(|o| o.review == review)
}

fn cr_order_pending(c: &Ctx<'_>) -> bool {
    order_pending(c, false)
}

fn review_order_pending(c: &Ctx<'_>) -> bool {
    order_pending(c, true)
}

fn notice_received(c: &Ctx<'_>) -> bool {
    c.case.border.notice_at.is_some()
}

fn warrant_expired(c: &Ctx<'_>) -> bool {
    warrant_expiry(c.case).is_some_and(|(_, strict)| c.at() >= strict)
}

fn extension_pending(c: &Ctx<'_>) -> bool {
    c.case.border.extension_application.is_some()
}

fn from_pre_warrant(c: &Ctx<'_>) -> bool {
    c.case.border.released_pre_warrant
}

fn from_warrant(c: &Ctx<'_>) -> bool {
    !c.case.border.released_pre_warrant
}

fn escaped_pre_warrant(c: &Ctx<'_>) -> bool {
    c.case.border.escaped_pre_warrant.is_some()
}

fn escaped_under_warrant(c: &Ctx<'_>) -> bool {
    c.case.border.escaped_pre_warrant.is_none()
}

fn review_brought(c: &Ctx<'_>) -> bool {
    c.case.border.review.is_some()
}

fn outcome_is(c: &Ctx<'_>, o: AppearOutcome) -> bool {
    matches!(c.event.kind, EventKind::Appear { outcome, .. } if outcome == o)
}

fn review_extend(c: &Ctx<'_>) -> bool {
    review_brought(c) && outcome_is(c, AppearOutcome::Extend)
}

fn review_continue(c: &Ctx<'_>) -> bool {
    review_brought(c) && outcome_is(c, AppearOutcome::Continue)
}

fn review_release(c: &Ctx<'_>) -> bool {
    review_brought(c) && outcome_is(c, AppearOutcome::Release)
}

fn after_128aa(c: &Ctx<'_>) -> bool {
    c.case.border.arrested == Some(Arrested::After128aa)
}

fn after_128a(c: &Ctx<'_>) -> bool {
    c.case.border.arrested == Some(Arrested::After128a)
}

fn judge_keeps_custody_128aa(c: &Ctx<'_>) -> bool {
    after_128aa(c) && !outcome_is(c, AppearOutcome::Release)
}

fn judge_releases_128aa(c: &Ctx<'_>) -> bool {
    after_128aa(c) && outcome_is(c, AppearOutcome::Release)
}

fn judge_keeps_custody_128a(c: &Ctx<'_>) -> bool {
    after_128a(c) && !outcome_is(c, AppearOutcome::Release)
}

fn judge_releases_128a(c: &Ctx<'_>) -> bool {
    after_128a(c) && outcome_is(c, AppearOutcome::Release)
}

fn review_unfavourable(c: &Ctx<'_>) -> bool {
    c.case
        .border
        .review
        .is_some_and(|r| r.result == Some(ReviewResult::Upheld))
}

fn review_favourable(c: &Ctx<'_>) -> bool {
    c.case
        .border
        .review
        .is_some_and(|r| r.result == Some(ReviewResult::Quashed))
}

/// s 128(12): "If, for any reason, the craft ceases to be available … or is,
/// or is likely to be, delayed in New Zealand for more than 24 hours, or if for
/// any other reason the person is unable to leave New Zealand at the expected
/// time". With `scheduled=` and `expected=` the line measures the delay (more
/// than 24 hours: strictly); without both, the line records that one of those
/// events happened (docs/readings.md).
fn s128_12_engaged(c: &Ctx<'_>) -> bool {
    match c.event.kind {
        EventKind::CraftDelayed {
            scheduled: Some(s),
            expected: Some(e),
            ..
        } => e.seconds_since(s) > 24 * HOUR,
        _ => true,
    }
}

/// Held by the Police after a permit ended s 128 (row I17p/I17a).
/// A fresh order of a Judge under s 128AC(3) whose terms are not yet recorded.
fn fresh_order(c: &Ctx<'_>) -> bool {
    c.case.border.order.is_some_and(|o| o.fresh)
}

fn grants_permit(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::GrantPermit {
            precleared: false,
            ..
        }
    )
}

// ------------------------------------------------------------------ the table

use BorderState as S;
use Trigger::{Clock, Verb as On};

/// The transitions of the `border` machine (rule map §3.5, ids B01–B40).
pub const TRANSITIONS: &[Transition<BorderState>] = &[
    // s 3: never a citizen
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
    // Applicability (s 128(1), (2))
    row!(
        "B01",
        [Inactive],
        On(Verb::RefusePermit),
        g(
            label!("arrived, not exempt, not under s 128B"),
            arrived_not_s128b
        ),
        Some(S::AtLarge),
        S128_1_C_II,
        Some(start_refused)
    ),
    row!(
        "B01a",
        [Inactive],
        On(Verb::FailApply),
        g(
            label!("arrived, not exempt, not under s 128B"),
            arrived_not_s128b
        ),
        Some(S::AtLarge),
        S128_1_C_I,
        Some(start)
    ),
    row!(
        "B01b",
        [Inactive],
        On(Verb::RevokePermit),
        g(
            label!("pre-cleared permit revoked under s 35F"),
            revokes_precleared
        ),
        Some(S::AtLarge),
        S128_1_C_IV,
        Some(start_on_revocation)
    ),
    row!(
        "B01c",
        [Inactive],
        On(Verb::RevokePermit),
        g(
            label!("residence permit revoked in the arrival hall"),
            revokes_residence_in_hall
        ),
        Some(S::AtLarge),
        S19_2,
        Some(start_on_revocation)
    ),
    row!(
        "B01d",
        [Inactive],
        On(Verb::RevokePermit),
        g(
            label!("temporary permit revoked in the arrival hall"),
            revokes_temporary_in_hall
        ),
        Some(S::AtLarge),
        S32_2,
        Some(start_on_revocation)
    ),
    row!(
        "B02",
        [Inactive, Departed],
        On(Verb::Arrive),
        g(
            label!("a stowaway crossing into the territorial limits"),
            stowaway
        ),
        Some(S::AtLarge),
        S128_2,
        Some(start_stowaway)
    ),
    // s 128(3): the 72-hour clock
    row!(
        "B03",
        [AtLarge],
        On(Verb::Present),
        g(label!("first report after arrival"), no_report_yet),
        None,
        S128_3,
        Some(first_report)
    ),
    row!(
        "B03r",
        [AtLarge, CustodyPreWarrant, CustodyWarrant],
        On(Verb::Present),
        None,
        None,
        S126_1,
        None
    ),
    row!(
        "B04",
        [AtLarge],
        Clock(DeadlineName::S128Cessation),
        None,
        Some(S::Ceased72h),
        S128_3,
        Some(cease)
    ),
    // s 128(5): detention
    row!(
        "B05",
        [AtLarge],
        On(Verb::Detain),
        g(label!("basis=s128"), detain_s128),
        Some(S::CustodyPreWarrant),
        S128_5,
        Some(detain)
    ),
    // s 128(3), s 128(14A), s 128AA(13): after s 128 ceased, a s 128 detention
    // or arrest has no power behind it. What happened is recorded and judged:
    // the machine shows the custody (`held-after-…`) until a `release` (or the
    // departure) ends it, and goes back to the state it came from.
    row!(
        "I13",
        [Ceased72h],
        On(Verb::Detain),
        g(label!("basis=s128"), detain_s128),
        Some(S::HeldAfterCessation),
        S128_3,
        Some(detained_after_cessation)
    ),
    row!(
        "I13r",
        [HeldAfterCessation],
        On(Verb::Release),
        None,
        Some(S::Ceased72h),
        S128_3,
        None
    ),
    row!(
        "I17",
        [ReleasedPart2],
        On(Verb::Detain),
        g(label!("basis=s128"), detain_s128),
        Some(S::HeldAfterRelease),
        S128_14A,
        Some(custody_after_s128)
    ),
    row!(
        "I17x",
        [HeldAfterRelease],
        On(Verb::Release),
        None,
        Some(S::ReleasedPart2),
        S128_14A,
        None
    ),
    // s 128AA(13): once a permit is granted "section 128 and this section
    // cease to apply"; s 128AC(1)(b): liability to arrest lasts only until "the
    // time (if any) when the person is granted a permit". An arrest or
    // detention that happens is reported, as after a s 128(14A) release.
    row!(
        "I17p",
        [PermitGranted],
        On(Verb::Detain),
        g(label!("basis=s128"), detain_s128),
        Some(S::HeldAfterPermit),
        S4_1,
        Some(custody_after_permit)
    ),
    row!(
        "I17a",
        [PermitGranted],
        On(Verb::Arrest),
        None,
        Some(S::HeldAfterPermit),
        S4_1,
        Some(custody_after_permit)
    ),
    row!(
        "I17r",
        [HeldAfterPermit],
        On(Verb::Release),
        None,
        Some(S::PermitGranted),
        S4_1,
        Some(released_after_permit)
    ),
    // Leaving New Zealand from that custody ends it as a release does.
    row!(
        "I13d",
        [HeldAfterCessation],
        On(Verb::Depart),
        None,
        Some(S::Ceased72h),
        S128_3,
        None
    ),
    row!(
        "I17d",
        [HeldAfterRelease],
        On(Verb::Depart),
        None,
        Some(S::ReleasedPart2),
        S128_14A,
        None
    ),
    row!(
        "I17pd",
        [HeldAfterPermit],
        On(Verb::Depart),
        None,
        Some(S::PermitGranted),
        S4_1,
        Some(released_after_permit)
    ),
    row!(
        "P6",
        [CustodyPreWarrant],
        On(Verb::Move),
        None,
        None,
        S128_6_B,
        Some(move_pre_warrant)
    ),
    row!(
        "P7",
        [CustodyWarrant],
        On(Verb::Move),
        None,
        None,
        S128_7,
        Some(move_warrant)
    ),
    // s 128(7)–(8): the warrant
    row!(
        "B06",
        [CustodyPreWarrant],
        On(Verb::WarrantApply),
        None,
        None,
        S128_7,
        Some(warrant_apply)
    ),
    row!(
        "B07",
        [CustodyPreWarrant],
        On(Verb::WarrantIssue),
        None,
        Some(S::CustodyWarrant),
        S128_7,
        Some(warrant_issue)
    ),
    row!(
        "B08",
        [CustodyPreWarrant],
        Clock(DeadlineName::WarrantRequired),
        None,
        None,
        S128_7,
        Some(no_warrant_48h)
    ),
    row!(
        "B08v",
        [CustodyWarrant, WithPolice],
        Clock(DeadlineName::WarrantRequired),
        g(label!("the warrant is void"), warrant_void),
        None,
        S128_7,
        Some(no_warrant_48h)
    ),
    row!(
        "B09",
        [CustodyPreWarrant, AtLarge],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S128_5,
        Some(depart)
    ),
    // s 128AA: conditional release
    row!(
        "B10a",
        [CustodyPreWarrant, CustodyWarrant],
        On(Verb::ConditionalReleaseApply),
        None,
        None,
        S128AA_5,
        Some(release_application)
    ),
    row!(
        "B10",
        [CustodyPreWarrant, CustodyWarrant],
        On(Verb::ConditionalRelease),
        None,
        None,
        S128AA_6,
        Some(release_order)
    ),
    // s 128AB(2)(a): the conditions "must be notified in writing to the person
    // before his or her release". A notice handed over after the release is
    // recorded; the release already drew the finding.
    row!(
        "B10n",
        [CustodyPreWarrant, CustodyWarrant, ConditionallyReleased],
        On(Verb::NotifyConditions),
        g(label!("a s 128AA order was made"), cr_order_pending),
        None,
        S128AB_2,
        Some(notify)
    ),
    // s 128A(8): "notified in writing to the person upon the person's release".
    row!(
        "B33n",
        [CustodyWarrant, ReviewReleased],
        On(Verb::NotifyConditions),
        g(label!("a s 128A(4) order was made"), review_order_pending),
        None,
        S128A_8,
        Some(notify)
    ),
    row!(
        "B10r",
        [CustodyPreWarrant, CustodyWarrant],
        On(Verb::Release),
        g(label!("a s 128AA order was made"), cr_order_pending),
        Some(S::ConditionallyReleased),
        S128AA_6,
        Some(release_on_conditions)
    ),
    row!(
        "B11",
        [CustodyPreWarrant],
        On(Verb::ConditionalReleaseRefuse),
        None,
        Some(S::CustodyWarrant),
        S128AA_8_A,
        Some(judge_warrant)
    ),
    row!(
        "B12",
        [CustodyWarrant],
        On(Verb::ConditionalReleaseRefuse),
        g(
            label!("an extension application is pending"),
            extension_pending
        ),
        None,
        S128AA_8_B,
        Some(extend_on_refusal)
    ),
    row!(
        "B12n",
        [CustodyWarrant],
        On(Verb::ConditionalReleaseRefuse),
        None,
        None,
        S128AA_6,
        None
    ),
    row!(
        "B23",
        [ConditionallyReleased],
        On(Verb::DeliverUp),
        g(
            label!("released from custody without a warrant"),
            from_pre_warrant
        ),
        Some(S::CustodyPreWarrant),
        S128AA_11_A,
        Some(deliver_up_pre_warrant)
    ),
    row!(
        "B24",
        [ConditionallyReleased],
        On(Verb::DeliverUp),
        g(label!("released from warrant custody"), from_warrant),
        Some(S::CustodyWarrant),
        S128AA_11_B,
        Some(deliver_up_warrant)
    ),
    row!(
        "V4",
        [ConditionallyReleased, ReviewReleased],
        On(Verb::VaryConditions),
        None,
        None,
        S128AB_4,
        None
    ),
    row!(
        "B25",
        [ConditionallyReleased],
        On(Verb::BreachCondition),
        None,
        Some(S::ConditionalDefault),
        S128AC_1,
        Some(breach)
    ),
    row!(
        "B25f",
        [ConditionallyReleased],
        On(Verb::FailDeliverUp),
        None,
        Some(S::ConditionalDefault),
        S128AC_1,
        None
    ),
    row!(
        "B26",
        [ConditionalDefault],
        On(Verb::Arrest),
        None,
        Some(S::BeforeJudge),
        S128AC_2,
        Some(arrest_after_128aa)
    ),
    row!(
        "B26a",
        [BeforeJudge],
        On(Verb::Appear),
        g(
            label!("arrested under s 128AC; custody ordered"),
            judge_keeps_custody_128aa
        ),
        Some(S::CustodyWarrant),
        S128AC_3,
        Some(judge_custody_128aa)
    ),
    row!(
        "B26b",
        [BeforeJudge],
        On(Verb::Appear),
        g(
            label!("arrested under s 128AC; released again"),
            judge_releases_128aa
        ),
        Some(S::ConditionallyReleased),
        S128AC_3,
        Some(judge_release_128aa)
    ),
    // s 128AC(3): the Judge may "again make an order for the person's
    // conditional release under section 128AA": the terms of that fresh order.
    row!(
        "B26o",
        [ConditionallyReleased],
        On(Verb::ConditionalRelease),
        g(label!("a fresh order made under s 128AC(3)"), fresh_order),
        None,
        S128AC_3,
        Some(release_order)
    ),
    // s 128AD: cancellation
    row!(
        "B27a",
        [ConditionallyReleased],
        On(Verb::CancelReleaseApply),
        None,
        None,
        S128AD_2,
        Some(cancel_application)
    ),
    row!(
        "B27",
        [ConditionallyReleased],
        On(Verb::CancelRelease),
        None,
        Some(S::ConditionalCancelled),
        S128AD_3,
        Some(cancel)
    ),
    row!(
        "B28a",
        [ConditionalCancelled],
        On(Verb::Arrest),
        g(
            label!("released from custody without a warrant"),
            from_pre_warrant
        ),
        Some(S::CustodyPreWarrant),
        S128AD_4_B,
        Some(arrest_pre_warrant)
    ),
    row!(
        "B28b",
        [ConditionalCancelled],
        On(Verb::Arrest),
        g(label!("released from warrant custody"), from_warrant),
        Some(S::CustodyWarrant),
        S128AD_4_B,
        Some(retaken)
    ),
    row!(
        "B29",
        [
            ConditionallyReleased,
            ConditionalDefault,
            ConditionalCancelled
        ],
        On(Verb::GrantPermit),
        g(label!("a permit"), grants_permit),
        Some(S::PermitGranted),
        S128AA_13,
        Some(permit)
    ),
    // s 128(11)–(12): delivery for departure
    row!(
        "B13a",
        [CustodyWarrant, CustodyPreWarrant],
        On(Verb::CraftAvailable),
        None,
        None,
        S128_11,
        Some(requirement)
    ),
    row!(
        "B13",
        [CustodyWarrant],
        On(Verb::DeliverToPolice),
        None,
        Some(S::WithPolice),
        S128_11,
        Some(deliver_to_police)
    ),
    row!(
        "B14",
        [WithPolice],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S128_11,
        Some(depart)
    ),
    row!(
        "B14w",
        [CustodyWarrant],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S128_5,
        Some(depart)
    ),
    row!(
        "B15",
        [WithPolice],
        On(Verb::CraftDelayed),
        g(
            label!("delayed more than 24 hours (or likely to be), or unable to leave"),
            s128_12_engaged
        ),
        Some(S::CustodyWarrant),
        S128_12,
        Some(returned_to_custody)
    ),
    // A delay of 24 hours or less: the Police keep the person "detained there
    // until the craft leaves New Zealand" (s 128(11)).
    row!(
        "B15s",
        [WithPolice],
        On(Verb::CraftDelayed),
        None,
        None,
        S128_12,
        None
    ),
    // s 128(13)–(14A): extension and release
    row!(
        "B16",
        [CustodyWarrant],
        On(Verb::ExtensionApply),
        None,
        None,
        S128_13_A,
        Some(extension_apply)
    ),
    row!(
        "B17",
        [CustodyWarrant],
        On(Verb::ExtensionGrant),
        None,
        None,
        S128_13B,
        Some(extension_grant)
    ),
    row!(
        "B18",
        [CustodyWarrant, WithPolice],
        On(Verb::ReleaseNotice),
        None,
        None,
        S128_14_A,
        Some(release_notice)
    ),
    row!(
        "B33r",
        [CustodyWarrant],
        On(Verb::Release),
        g(label!("a s 128A(4) order was made"), review_order_pending),
        Some(S::ReviewReleased),
        S128A_4,
        Some(release_pending_review)
    ),
    row!(
        "B18r",
        [CustodyWarrant, WithPolice],
        On(Verb::Release),
        g(label!("after a written release notice"), notice_received),
        Some(S::ReleasedPart2),
        S128_14_A,
        Some(released_on_notice)
    ),
    row!(
        "B19",
        [CustodyWarrant],
        On(Verb::Release),
        g(label!("the warrant has expired"), warrant_expired),
        Some(S::ReleasedPart2),
        S128_14_B,
        Some(release_part2)
    ),
    row!(
        "B19x",
        [CustodyWarrant],
        On(Verb::Release),
        None,
        Some(S::ReleasedPart2),
        S128_14_A,
        Some(release_without_basis)
    ),
    row!(
        "B19p",
        [CustodyPreWarrant],
        On(Verb::Release),
        None,
        Some(S::AtLarge),
        S128_5,
        Some(release_pre_warrant)
    ),
    row!(
        "B19c",
        [CustodyWarrant, WithPolice],
        Clock(DeadlineName::WarrantExpiry),
        None,
        None,
        S128_14_B,
        Some(warrant_expired_finding)
    ),
    row!(
        "B18c",
        [CustodyWarrant, WithPolice],
        Clock(DeadlineName::ReleaseDue),
        None,
        None,
        S128_14_A,
        Some(late_release)
    ),
    // s 128(16): escape
    // s 128(9)(c): the warrant authorises detention until "the expiry of the
    // period … (as determined having regard … to subsection (16))"; s 128(16)
    // (from 18 June 2002) is cited when the pause it makes opens or closes.
    row!(
        "B20",
        [CustodyWarrant, WithPolice],
        On(Verb::Escape),
        None,
        Some(S::Escaped),
        S128_9_C,
        Some(escape)
    ),
    row!(
        "B22e",
        [CustodyPreWarrant],
        On(Verb::Escape),
        None,
        Some(S::Escaped),
        S128_5,
        Some(escape_pre_warrant)
    ),
    row!(
        "B21",
        [Escaped],
        On(Verb::Recapture),
        g(
            label!("escaped from warrant custody"),
            escaped_under_warrant
        ),
        Some(S::CustodyWarrant),
        S128_9_C,
        Some(retaken)
    ),
    row!(
        "B22",
        [Escaped],
        On(Verb::Recapture),
        g(label!("escaped before a warrant"), escaped_pre_warrant),
        Some(S::CustodyPreWarrant),
        S128_5,
        Some(recaptured_pre_warrant)
    ),
    // s 128A: review proceedings
    row!(
        "B30",
        [
            AtLarge,
            CustodyPreWarrant,
            CustodyWarrant,
            WithPolice,
            Escaped,
            ConditionallyReleased,
            ConditionalDefault,
            ConditionalCancelled,
            BeforeJudge
        ],
        On(Verb::ReviewCommence),
        None,
        None,
        S128A_1,
        Some(review_commence)
    ),
    row!(
        "B30c",
        [
            AtLarge,
            CustodyPreWarrant,
            CustodyWarrant,
            WithPolice,
            Escaped,
            ConditionallyReleased,
            ConditionalDefault,
            ConditionalCancelled,
            BeforeJudge,
            ReviewReleased,
            ReviewDefault
        ],
        On(Verb::ReviewComplete),
        g(label!("review proceedings were brought"), review_brought),
        None,
        S128A_1,
        Some(review_complete)
    ),
    row!(
        "B31",
        [CustodyWarrant],
        Clock(DeadlineName::JudgeAppearance),
        None,
        None,
        S128A_2_B,
        Some(late_appearance)
    ),
    row!(
        "B32",
        [CustodyWarrant],
        On(Verb::Appear),
        g(
            label!("review proceedings; warrant extended"),
            review_extend
        ),
        None,
        S128A_3,
        Some(review_appearance)
    ),
    row!(
        "B32c",
        [CustodyWarrant],
        On(Verb::Appear),
        g(
            label!("review proceedings; custody continued"),
            review_continue
        ),
        None,
        S128A_2_B,
        Some(review_appearance)
    ),
    row!(
        "B33",
        [CustodyWarrant],
        On(Verb::Appear),
        g(
            label!("review proceedings; release ordered"),
            review_release
        ),
        None,
        S128A_4,
        Some(review_release_order)
    ),
    row!(
        "B34",
        [ReviewReleased],
        On(Verb::DeliverUp),
        g(label!("review result unfavourable"), review_unfavourable),
        Some(S::CustodyWarrant),
        S128A_5_A,
        None
    ),
    row!(
        "B35",
        [ReviewReleased],
        On(Verb::DeliverUp),
        g(label!("review result favourable"), review_favourable),
        Some(S::ReleasedAfterReview),
        S128A_5_B,
        Some(released_after_review)
    ),
    row!(
        "B36",
        [ReviewReleased],
        On(Verb::BreachCondition),
        None,
        Some(S::ReviewDefault),
        S128A_10,
        Some(breach)
    ),
    row!(
        "B37",
        [ReviewReleased],
        On(Verb::FailDeliverUp),
        None,
        Some(S::ReviewDefault),
        S128A_11,
        Some(at_large_after_review)
    ),
    row!(
        "B38",
        [ReviewDefault],
        On(Verb::Arrest),
        None,
        Some(S::BeforeJudge),
        S128A_10,
        Some(arrest_after_128a)
    ),
    row!(
        "B38a",
        [BeforeJudge],
        On(Verb::Appear),
        g(
            label!("arrested under s 128A(10); custody ordered"),
            judge_keeps_custody_128a
        ),
        Some(S::CustodyWarrant),
        S128A_10,
        Some(judge_custody_128a)
    ),
    row!(
        "B38b",
        [BeforeJudge],
        On(Verb::Appear),
        g(
            label!("arrested under s 128A(10); released again"),
            judge_releases_128a
        ),
        Some(S::ReviewReleased),
        S128A_4,
        Some(judge_release_128a)
    ),
    row!(
        "B38c",
        [BeforeJudge],
        Clock(DeadlineName::JudgeAppearance),
        g(label!("arrested under s 128AC"), after_128aa),
        None,
        S128AC_3,
        Some(late_before_judge)
    ),
    row!(
        "B38d",
        [BeforeJudge],
        Clock(DeadlineName::JudgeAppearance),
        g(label!("arrested under s 128A(10)"), after_128a),
        None,
        S128A_10,
        Some(late_before_judge)
    ),
    // s 128(15): no bail
    row!(
        "B39",
        [
            AtLarge,
            CustodyPreWarrant,
            CustodyWarrant,
            WithPolice,
            Escaped,
            ConditionallyReleased,
            ConditionalDefault,
            ConditionalCancelled,
            BeforeJudge,
            ReviewReleased,
            ReviewDefault
        ],
        On(Verb::Bail),
        None,
        None,
        S128_15,
        Some(bail)
    ),
    // Other ways out
    row!(
        "B40",
        [
            AtLarge,
            CustodyPreWarrant,
            CustodyWarrant,
            WithPolice,
            Escaped,
            BeforeJudge,
            ReviewReleased,
            ReviewDefault
        ],
        On(Verb::GrantPermit),
        g(label!("a permit"), grants_permit),
        Some(S::PermitGranted),
        S128_1,
        Some(permit)
    ),
    row!(
        "B09r",
        [
            ConditionallyReleased,
            ConditionalDefault,
            ConditionalCancelled,
            ReviewReleased,
            ReviewDefault,
            Escaped,
            BeforeJudge
        ],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S128_5,
        Some(depart)
    ),
    row!(
        "X12b",
        [
            AtLarge,
            CustodyPreWarrant,
            CustodyWarrant,
            WithPolice,
            ConditionallyReleased,
            ReviewReleased
        ],
        On(Verb::EmergencyReturn),
        None,
        None,
        S2_3,
        Some(emergency_return)
    ),
];

// ------------------------------------------------------------------ effects

/// s 128 starts to apply: the person is "deemed … to be in New Zealand
/// unlawfully" but not liable under Part 2 (s 128(4)).
pub(crate) fn start(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border = BorderData {
        state: S::AtLarge,
        first_report: ctx.case.status.first_report,
        ..BorderData::default()
    };
    ctx.case.rearm(DeadlineName::S128Cessation);
    ctx.case.status.state = StatusState::UnlawfulS128;
    ctx.out.cite(RuleId::S128_1)?;
    ctx.out.cite(RuleId::S128_4)
}

/// s 128(1)(c)(ii): refused a permit; the refusing officer determined an
/// application by the person (s 54(2)).
fn start_refused(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    start(ctx)?;
    super::signal(ctx, Signal::PermitDecided)
}

fn start_on_revocation(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    start(ctx)?;
    if let EventKind::RevokePermit {
        section: RevokeSection::S35F,
        ..
    } = ctx.event.kind
    {
        ctx.out.cite(RuleId::S35F)?;
    }
    // The revocation is the person's first dealing with an officer on a
    // pre-clearance arrival (s 35I; rule map SC-34 [INF]).
    if ctx.case.border.first_report.is_none() {
        ctx.case.border.first_report = Some(ctx.at());
    }
    ctx.case.status.permit = None;
    Ok(())
}

fn start_stowaway(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    status::begin_journey(ctx);
    start(ctx)?;
    ctx.out.cite(RuleId::S128_1_C_III)
}

fn first_report(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.first_report = Some(ctx.at());
    if ctx.case.status.first_report.is_none() {
        ctx.case.status.first_report = Some(ctx.at());
    }
    Ok(())
}

/// s 128 has ended and Part 2 applies: the status becomes `unlawful`, the
/// border machine takes `to` (the row's target, set here so that Part 2 sees
/// that s 128 has ended) and the Part 2 machines are signalled with `cause`.
fn hand_to_part2(
    ctx: &mut Ctx<'_>,
    to: BorderState,
    cause: UnlawfulCause,
) -> Result<(), Rejection> {
    ctx.case.status.state = StatusState::Unlawful;
    #[cfg(feature = "removal")]
    {
        ctx.case.border.state = to;
    }
    #[cfg(not(feature = "removal"))]
    let _ = to;
    super::signal(ctx, Signal::Unlawful(cause))
}

fn cease(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // [INF] Part 2 applies through s 4(2) once s 128 has ceased (X10); the
    // removal machine takes the person over.
    ctx.out.cite(RuleId::S4_2)?;
    hand_to_part2(ctx, BorderState::Ceased72h, UnlawfulCause::S128Ceased)
}

fn detain(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::Detain { requested_by, .. } = ctx.event.kind else {
        return Ok(());
    };
    if requested_by == RequestedBy::None {
        ctx.find(
            Severity::Violation,
            FindingCode::DetentionNotRequested,
            RuleId::S128_5,
        )?;
    }
    let at = ctx.at();
    let b = &mut ctx.case.border;
    b.detained = true;
    b.anchor = Some(at);
    b.anchor_strict = None;
    ctx.case.rearm(DeadlineName::WarrantRequired);
    place::check_line(ctx, Custody::S128PreWarrant)
}

fn detained_after_cessation(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::DetainedAfterCessation,
        RuleId::S128_3,
    )
}

/// An arrest or s 128 detention after a permit ended s 128: s 128AA(13)(c)
/// "section 128 and this section cease to apply to the person" when the permit
/// came during a conditional release; otherwise the person is no longer one to
/// whom s 128(1)(c) applies (rule map 9.31). The custody is recorded; the
/// machine shows `held-after-permit` until a `release` ends it.
fn custody_after_permit(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let rule = if ctx.case.border.order.is_some() {
        RuleId::S128AA_13
    } else {
        RuleId::S128_1
    };
    ctx.case.border.arrested_at = Some(ctx.at());
    ctx.find(
        Severity::Violation,
        FindingCode::CustodyAfterS128Ended,
        rule,
    )
}

fn released_after_permit(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.arrested_at = None;
    Ok(())
}

fn custody_after_s128(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::CustodyAfterS128Ended,
        RuleId::S128_14A,
    )
}

fn move_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    place::check_line(ctx, Custody::S128PreWarrant)
}

fn move_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    place::check_line(ctx, Custody::S128Warrant)
}

fn warrant_apply(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::WarrantApply {
        by,
        to,
        oath,
        reasons,
    } = ctx.event.kind
    else {
        return Ok(());
    };
    let mut ok = true;
    if oath != Some(true) || reasons != Some(true) {
        // s 128(8): "shall be made on oath, and shall include a statement of the reasons".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveWarrantApplication,
            RuleId::S128_8,
        )?;
        ok = false;
    }
    let right_officer = matches!(to, None | Some(Actor::Registrar | Actor::DeputyRegistrar));
    let right_applicant = matches!(by, None | Some(Actor::Io | Actor::Police));
    if !right_officer || !right_applicant {
        // s 128(7): "an immigration officer or a member of the Police shall apply
        // to the Registrar (or, in the Registrar's absence, the Deputy Registrar)".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveWarrantApplication,
            RuleId::S128_7,
        )?;
        ok = false;
    }
    ctx.case.border.application = Some(ok);
    Ok(())
}

fn warrant_issue(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::WarrantIssue { days, premises, .. } = ctx.event.kind else {
        return Ok(());
    };
    let days = days.unwrap_or(28);
    if days > 28 {
        ctx.find(
            Severity::Violation,
            FindingCode::WarrantTooLong,
            RuleId::S128_7,
        )?;
    }
    let application = ctx.case.border.application;
    if application.is_none() {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveWarrantApplication,
            RuleId::S128_7,
        )?;
    }
    let void = application != Some(true) && ctx.case.config.has(crate::case::OPT_VOIDS);
    ctx.case.border.warrant = Some(Warrant {
        issued: ctx.at(),
        days,
        origin: WarrantOrigin::S128_7,
        premises,
        void,
    });
    ctx.case.border.extension_days = 0;
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    if let Some(Premises::Prison) = premises {
        place::check(
            ctx,
            Custody::S128Warrant,
            crate::lang::values::Place::Prison,
            false,
            None,
            false,
        )?;
    }
    Ok(())
}

fn no_warrant_48h(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find_breach(FindingCode::NoWarrant48h, RuleId::S128_7)
}

fn depart(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 129X: a claimant may not be removed; a s 128 departure is not a removal
    // in the s 2(7) sense unless a removal order is in force (settled reading 8;
    // rule map 9.27).
    if ctx.case.person.claimant {
        let severity = if ctx.case.person.removal_order {
            Severity::Violation
        } else {
            Severity::Undetermined
        };
        ctx.find(severity, FindingCode::RemovalOfClaimant, RuleId::S129X_1)?;
    }
    status::depart(ctx)?;
    ctx.out.cite(RuleId::S41)
}

fn release_application(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::ConditionalReleaseApply {
        by,
        oath,
        reasons,
        basis,
    } = ctx.event.kind
    else {
        return Ok(());
    };
    let claimant = ctx.case.person.claimant;
    let pre_warrant = ctx.case.border.state == S::CustodyPreWarrant;
    let extension = ctx.case.border.extension_application.is_some();
    let basis = basis.unwrap_or(if claimant || extension {
        CrBasis::S128aa2
    } else {
        CrBasis::S128aa1
    });
    match basis {
        CrBasis::S128aa1 => {
            ctx.out.cite(RuleId::S128AA_3)?;
            if claimant {
                // s 128AA(1): "a person who is not a refugee status claimant".
                ctx.find(
                    Severity::Violation,
                    FindingCode::WrongReleaseApplicant,
                    RuleId::S128AA_1,
                )?;
            } else if by.is_some_and(|a| a != Actor::Io) {
                // s 128AA(3): "An immigration officer may apply".
                ctx.find(
                    Severity::Violation,
                    FindingCode::WrongReleaseApplicant,
                    RuleId::S128AA_3,
                )?;
            } else if pre_warrant {
                // s 128AA(1)(a) is missing from the text; (1)(b) covers warrant
                // detainees only. The configuration decides (rule map 0.3).
                if ctx.case.config.has(crate::case::OPT_AA1A) {
                    ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S128AA_1_A)?;
                } else {
                    ctx.find(
                        Severity::Violation,
                        FindingCode::WrongReleaseApplicant,
                        RuleId::S128AA_1,
                    )?;
                }
            }
        }
        CrBasis::S128aa2 => {
            ctx.out.cite(RuleId::S128AA_4)?;
            if by.is_some_and(|a| !matches!(a, Actor::Io | Actor::Person)) {
                ctx.find(
                    Severity::Violation,
                    FindingCode::WrongReleaseApplicant,
                    RuleId::S128AA_4,
                )?;
            } else if !extension {
                // Only (2)(b) survives: "the subject of an application under
                // section 128(13)(a)". (2)(a) is missing ([INF] claimants).
                if claimant && ctx.case.config.has(crate::case::OPT_AA2A) {
                    ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S128AA_2_A)?;
                } else {
                    ctx.find(
                        Severity::Violation,
                        FindingCode::WrongReleaseApplicant,
                        RuleId::S128AA_2,
                    )?;
                }
            }
        }
    }
    if oath != Some(true) || reasons != Some(true) {
        // s 128AA(5): "must be made on oath, and state why section 128 applies
        // to the person": a defect of the application, whoever made it.
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseApplication,
            RuleId::S128AA_5,
        )?;
    }
    ctx.case.border.release_application = true;
    Ok(())
}

fn release_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::ConditionalRelease {
        until,
        until_event,
        location,
        reside,
        report,
        interview,
    } = ctx.event.kind
    else {
        return Ok(());
    };
    if (until.is_none() && !until_event) || !location {
        // s 128AA(7): "either a day on which it expires or an event … and (b) a location".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseOrder,
            RuleId::S128AA_7,
        )?;
    }
    if !reside || !report {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseOrder,
            RuleId::S128AB_1_A,
        )?;
    }
    if ctx.case.person.claimant && !interview {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseOrder,
            RuleId::S128AB_1_B,
        )?;
    }
    let b = &mut ctx.case.border;
    let pre_warrant = b.state == S::CustodyPreWarrant
        || (b.state == S::ConditionallyReleased && b.released_pre_warrant);
    // The terms of a fresh s 128AC(3) order keep a notice already given.
    let notified = b.order.is_some_and(|o| o.fresh && o.notified);
    b.order = Some(Order {
        review: false,
        pre_warrant,
        expires: until,
        notified,
        fresh: false,
    });
    if b.state == S::ConditionallyReleased {
        // s 128AA(7): "The order must state— (a) either a day on which it
        // expires or an event … and (b) a location".
        ctx.out.cite(RuleId::S128AA_7)?;
    }
    Ok(())
}

fn notify(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let in_writing = matches!(
        ctx.event.kind,
        EventKind::NotifyConditions {
            in_writing: Some(true) | None
        }
    );
    if let Some(o) = ctx.case.border.order.as_mut() {
        o.notified = in_writing;
    }
    Ok(())
}

fn open_pause(ctx: &mut Ctx<'_>, kind: PauseKind, start: Instant) -> Result<(), Rejection> {
    let rule = pause_rule(kind);
    if ctx.case.border.warrant.is_none() || !rule.in_force_at(ctx.at()) {
        return Ok(());
    }
    ctx.out.cite(rule)?;
    ctx.case
        .border
        .pauses
        .push(PauseRecord {
            kind,
            start,
            end: None,
        })
        .map_err(|_| Rejection::capacity("too many pauses of the warrant clock"))
}

/// The rule a pause of the warrant clock rests on.
fn pause_rule(kind: PauseKind) -> RuleId {
    match kind {
        PauseKind::Escape => RuleId::S128_16,
        PauseKind::ConditionalRelease => RuleId::S128AA_12,
        PauseKind::Review => RuleId::S128A_2_A,
        PauseKind::AtLarge => RuleId::S128A_12,
    }
}

/// Closes the open pauses of `kinds` at `end`, citing the rule of each (a
/// pause is only opened while its rule is in force).
fn close_pauses(ctx: &mut Ctx<'_>, kinds: &[PauseKind], end: Instant) -> Result<(), Rejection> {
    for i in 0..ctx.case.border.pauses.len() {
        let Some(p) = ctx.case.border.pauses.get_mut(i) else {
            break;
        };
        if p.end.is_none() && kinds.contains(&p.kind) {
            p.end = Some(end);
            let rule = pause_rule(p.kind);
            ctx.out.cite(rule)?;
        }
    }
    Ok(())
}

fn release_on_conditions(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let order = ctx.case.border.order;
    if order.is_some_and(|o| !o.notified) {
        // s 128AB(2)(a): "must be notified in writing to the person before his or
        // her release".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseOrder,
            RuleId::S128AB_2,
        )?;
    }
    let pre_warrant = ctx.case.border.state == S::CustodyPreWarrant;
    ctx.case.border.released_pre_warrant = pre_warrant;
    if !pre_warrant {
        open_pause(ctx, PauseKind::ConditionalRelease, ctx.at())?;
    }
    ctx.case.border.breach = None;
    Ok(())
}

fn judge_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let days = match ctx.event.kind {
        EventKind::ConditionalReleaseRefuse { days } => days.unwrap_or(28),
        EventKind::Appear { days, .. } => days.unwrap_or(28),
        _ => 28,
    };
    if days > 28 {
        ctx.find(
            Severity::Violation,
            FindingCode::WarrantTooLong,
            RuleId::S128AA_8_A,
        )?;
    }
    let origin = if ctx.event.verb() == Verb::Appear {
        WarrantOrigin::S128AC_3A
    } else {
        WarrantOrigin::S128AA_8A
    };
    ctx.case.border.warrant = Some(Warrant {
        issued: ctx.at(),
        days,
        origin,
        premises: None,
        void: false,
    });
    ctx.case.border.extension_days = 0;
    ctx.case.border.order = None;
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    Ok(())
}

/// An extension granted after the warrant's expiry (rule map 9.15: "An expired
/// warrant cannot be revived"), graded as the expiry itself is: after the date
/// reading a violation, and the extension is not counted (returns true); after
/// the elapsed reading only a warning, and the extension counts under the
/// date reading.
fn after_expiry(ctx: &mut Ctx<'_>, rule: RuleId) -> Result<bool, Rejection> {
    let Some((due, strict)) = warrant_expiry(ctx.case) else {
        return Ok(false);
    };
    if ctx.at() > due {
        ctx.case.border.extension_application = None;
        ctx.find(Severity::Violation, FindingCode::ExtensionAfterExpiry, rule)?;
        return Ok(true);
    }
    if ctx.at() > strict {
        ctx.find(Severity::Warning, FindingCode::ExtensionAfterExpiry, rule)?;
    }
    Ok(false)
}

/// An extension of `days`, checked against s 128(13B) / s 128AA(8)(b); the
/// checker counts at most what the Act allows.
fn extend(
    ctx: &mut Ctx<'_>,
    days: u16,
    group: bool,
    size: Option<u16>,
    s128: Option<u16>,
    rule: RuleId,
    group_rule: RuleId,
) -> Result<(), Rejection> {
    // "Most" is read as more than half of the group (rule map 9.14).
    let group_holds = group
        && match (size, s128) {
            (Some(n), Some(k)) => u32::from(k).saturating_mul(2) > u32::from(n),
            _ => true,
        };
    let counted = if days > 7 && !group_holds {
        ctx.find(Severity::Violation, FindingCode::ExtensionTooLong, rule)?;
        7
    } else {
        if days > 7 {
            ctx.out.cite(group_rule)?;
        }
        days
    };
    let b = &mut ctx.case.border;
    b.extension_days = b.extension_days.saturating_add(counted);
    b.extension_application = None;
    ctx.case.rearm(DeadlineName::WarrantExpiry);
    Ok(())
}

fn extension_grant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::ExtensionGrant {
        days,
        group,
        group_size,
        group_s128,
        expires_at,
    } = ctx.event.kind
    else {
        return Ok(());
    };
    // s 128(13B): an extension "for a further period not exceeding 7 days" (or
    // as long as the Judge thinks necessary for a group): a number of days.
    if expires_at.is_some() {
        return Err(Rejection::not_in_state(
            RuleId::S128_13B,
            "a s 128 extension is granted for a number of days (days=N)",
        ));
    }
    // Rule map 9.15: an extension must come before the current expiry; an
    // expired warrant cannot be revived.
    if after_expiry(ctx, RuleId::S128_13B)? {
        return Ok(());
    }
    if ctx.case.border.extension_application != Some(true) {
        // s 128(13A): "must— (a) be made on oath; and (b) include a statement of the reasons".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveExtensionApplication,
            RuleId::S128_13A,
        )?;
    }
    extend(
        ctx,
        days,
        group,
        group_size,
        group_s128,
        RuleId::S128_13B,
        RuleId::S128_13B_B,
    )
}

fn extend_on_refusal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let days = match ctx.event.kind {
        EventKind::ConditionalReleaseRefuse { days } => days.unwrap_or(7),
        _ => 7,
    };
    if after_expiry(ctx, RuleId::S128AA_8_B)? {
        return Ok(());
    }
    extend(
        ctx,
        days,
        false,
        None,
        None,
        RuleId::S128AA_8_B,
        RuleId::S128AA_8_B,
    )
}

fn extension_apply(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let ok = matches!(
        ctx.event.kind,
        EventKind::ExtensionApply {
            oath: Some(true),
            reasons: Some(true)
        }
    );
    ctx.case.border.extension_application = Some(ok);
    ctx.out.cite(RuleId::S128_13A)
}

fn deliver_up_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128AA(10): when the order expires "the person must deliver himself or
    // herself up to an immigration officer at the location stated in it".
    ctx.out.cite(RuleId::S128AA_10)?;
    // s 128AA(11)(a): "treated as a person to whom section 128(5) continues to
    // apply" and the 48 hours run from "after delivering himself or herself up".
    let at = ctx.at();
    ctx.case.border.anchor = Some(at);
    ctx.case.border.anchor_strict = None;
    ctx.case.border.order = None;
    ctx.case.rearm(DeadlineName::WarrantRequired);
    Ok(())
}

fn deliver_up_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128AA(10): "must deliver himself or herself up … at the location stated in it".
    ctx.out.cite(RuleId::S128AA_10)?;
    retaken(ctx)?;
    // The pause ends at "the earlier of" (a) 72 hours after the retake date and
    // (b) words missing from the text: the result depends on the gap.
    ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S128AA_12_B)
}

/// The warrant's expiry leaving out the pauses that are still open: what the
/// `warrant-expiry` deadline was before they opened.
fn expiry_before_open_pauses(case: &Case) -> Option<(Instant, Instant)> {
    expiry_with(case, true)
}

/// Re-arms `warrant-expiry` only if closing the pauses moved it. A pause that
/// falls after the expiry does not move it (the period is "reckoned exclusive
/// of" days it never reached), and a breach of an unchanged expiry has been
/// reported once already: one breach, one finding.
fn rearm_expiry_if_moved(ctx: &mut Ctx<'_>, old: Option<(Instant, Instant)>) {
    // While another pause is still open the expiry is not known yet: the line
    // that closes the last one decides.
    let Some(new) = warrant_expiry(ctx.case) else {
        return;
    };
    let new = Some(new);
    // Reading by reading: an escape that begins after the elapsed reading ran
    // out moves the date reading only.
    if new.map(|x| x.0) != old.map(|x| x.0) {
        ctx.case
            .rearm_reading(DeadlineName::WarrantExpiry, Reading::Date);
    }
    if new.map(|x| x.1) != old.map(|x| x.1) {
        ctx.case
            .rearm_reading(DeadlineName::WarrantExpiry, Reading::Strict);
    }
}

/// Taken into custody again: the release or escape pause ends (its +72 h is
/// applied when the expiry is computed).
fn retaken(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let at = ctx.at();
    let old = expiry_before_open_pauses(ctx.case);
    close_pauses(
        ctx,
        &[
            PauseKind::Escape,
            PauseKind::ConditionalRelease,
            PauseKind::AtLarge,
        ],
        at,
    )?;
    ctx.case.border.order = None;
    rearm_expiry_if_moved(ctx, old);
    Ok(())
}

fn breach(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::BreachCondition { class, excuse } = ctx.event.kind {
        ctx.case.border.breach = Some((class, excuse));
    }
    Ok(())
}

fn arrested(ctx: &mut Ctx<'_>, why: Arrested) -> Result<(), Rejection> {
    let at = ctx.at();
    ctx.case.border.arrested = Some(why);
    ctx.case.border.arrested_at = Some(at);
    // The "as soon as possible" clock; the s 128A(2)(b) one keeps its state.
    ctx.case.rearm_hidden(crate::case::Hidden::JudgeAsap);
    let old = expiry_before_open_pauses(ctx.case);
    // "again taken into custody under this Act" (ss 128AA(12)(a), 128A(12)(b)).
    close_pauses(
        ctx,
        &[PauseKind::ConditionalRelease, PauseKind::AtLarge],
        at,
    )?;
    rearm_expiry_if_moved(ctx, old);
    Ok(())
}

fn arrest_after_128aa(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    arrested(ctx, Arrested::After128aa)
}

fn arrest_after_128a(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    arrested(ctx, Arrested::After128a)
}

fn judge_custody_128aa(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.arrested = None;
    if ctx.case.border.released_pre_warrant || ctx.case.border.warrant.is_none() {
        // s 128AC(3)(a): the Judge decides "whether to issue a warrant of commitment".
        judge_warrant(ctx)?;
    } else {
        // The warrant runs on; the pause of the release closed at the arrest
        // (`arrested`), which re-armed the expiry if it moved.
        ctx.out.cite(RuleId::S128AC_3)?;
    }
    ctx.case.border.order = None;
    Ok(())
}

fn excused(ctx: &Ctx<'_>) -> bool {
    let on_line = matches!(ctx.event.kind, EventKind::Appear { excuse: true, .. });
    on_line || ctx.case.border.breach.is_some_and(|(_, e)| e)
}

fn judge_release_128aa(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let residence_or_report = ctx
        .case
        .border
        .breach
        .is_some_and(|(c, _)| matches!(c, BreachClass::A | BreachClass::B));
    if residence_or_report && !excused(ctx) {
        // s 128AC(4): custody "unless the Judge is satisfied that the person had a
        // reasonable excuse".
        ctx.find(
            Severity::Violation,
            FindingCode::ReleaseAfterBreach,
            RuleId::S128AC_4,
        )?;
    }
    ctx.case.border.arrested = None;
    ctx.case.border.breach = None;
    // s 128AC(3): the Judge "again make[s] an order for the person's
    // conditional release under section 128AA": a fresh order, whose terms a
    // `conditional-release` line records; the old order's expiry is spent.
    ctx.case.border.order = Some(Order {
        review: false,
        pre_warrant: ctx.case.border.released_pre_warrant,
        expires: None,
        notified: false,
        fresh: true,
    });
    if !ctx.case.border.released_pre_warrant {
        open_pause(ctx, PauseKind::ConditionalRelease, ctx.at())?;
    }
    Ok(())
}

fn cancel_application(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let ok = matches!(
        ctx.event.kind,
        EventKind::CancelReleaseApply {
            oath: Some(true),
            reasons: Some(true)
        }
    );
    ctx.case.border.cancel_application = Some(ok);
    Ok(())
}

fn cancel(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.border.cancel_application != Some(true) {
        // s 128AD(2): "must be made on oath, and state why".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveCancellation,
            RuleId::S128AD_2,
        )?;
    }
    ctx.case.border.cancel_application = None;
    ctx.out.cite(RuleId::S128AD_4_A)
}

fn arrest_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128AD(4)(b)(i): s 128(5) continues to apply; the 48 hours are anchored
    // at the arrest (the text says "after delivering himself or herself up";
    // rule map 9.29).
    let at = ctx.at();
    ctx.case.border.anchor = Some(at);
    ctx.case.border.anchor_strict = None;
    ctx.case.border.order = None;
    ctx.case.rearm(DeadlineName::WarrantRequired);
    Ok(())
}

fn permit(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let b = &mut ctx.case.border;
    b.arrested_at = None;
    // s 128AA(13): a permit granted "to a person to whom an order under
    // subsection (6) relates" cancels the order; otherwise (B40) the person is
    // no longer within s 128(1)(c). The cancelled order stays as the record.
    let under_order = matches!(
        b.state,
        S::ConditionallyReleased | S::ConditionalDefault | S::ConditionalCancelled
    );
    if under_order {
        if let Some(o) = b.order.as_mut() {
            o.expires = None;
        }
        ctx.out.cite(RuleId::S128AA_13)?;
    } else {
        b.order = None;
    }
    status::grant_from_other_machine(ctx)
}

fn requirement(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::CraftAvailable { in_writing } = ctx.event.kind {
        ctx.case.border.requirement = Some(in_writing != Some(false));
    }
    Ok(())
}

fn deliver_to_police(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.border.requirement != Some(true) {
        // s 128(11): "on being required in writing by a member of the Police".
        ctx.find(
            Severity::Violation,
            FindingCode::DeliveryNotInWriting,
            RuleId::S128_11,
        )?;
    }
    Ok(())
}

fn returned_to_custody(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128(12): "the warrant of commitment shall be deemed still to be of full
    // force and effect"; the clock runs on.
    ctx.case.border.requirement = None;
    Ok(())
}

fn release_notice(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if matches!(
        ctx.event.kind,
        EventKind::ReleaseNotice {
            in_writing: Some(false)
        }
    ) {
        // s 128(13)(b): "notify in writing"; an oral notice is not the notice of
        // s 128(14)(a).
        return Err(Rejection::not_in_state(
            RuleId::S128_13_B,
            "the notice to release must be in writing",
        ));
    }
    // s 128(13)(b): the officer may "notify in writing the manager … that the
    // person should be released"; the manager's duty follows (s 128(14)(a)).
    // Settled reading 10 (corrected): the person stays in custody under s 128
    // until the `release` line; Part 2 starts on the release.
    ctx.out.cite(RuleId::S128_13_B)?;
    ctx.case.border.notice_at = Some(ctx.at());
    ctx.case.rearm(DeadlineName::ReleaseDue);
    Ok(())
}

fn part2_applies(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128(14A): "On the release of a person under subsection (14), (a) Part
    // 2 applies in respect of the person; and (b) this section ceases to
    // apply". The removal machine takes the person over.
    ctx.out.cite(RuleId::S128_14A)?;
    hand_to_part2(ctx, BorderState::ReleasedPart2, UnlawfulCause::S128Released)
}

fn released_on_notice(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.notice_at = None;
    part2_applies(ctx)
}

fn release_part2(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    part2_applies(ctx)
}

fn release_without_basis(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128(15): the only releases are s 128AA, s 128A, s 128(13)(b)/(14).
    ctx.find(
        Severity::Undetermined,
        FindingCode::HumanReview,
        RuleId::S128_14_A,
    )?;
    part2_applies(ctx)
}

fn release_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Released from s 128(5) custody before a warrant: s 128 still applies; the
    // 72-hour clock stays spent (rule map 9.10).
    ctx.case.border.anchor = None;
    ctx.case.border.anchor_strict = None;
    Ok(())
}

fn warrant_expired_finding(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 128(9)(c): the warrant authorises detention only until "the expiry of the
    // period for which detention is then authorised by the warrant (as determined
    // having regard to any extension … and to subsection (16) …".
    ctx.out.cite(RuleId::S128_9_C)?;
    ctx.find_breach(FindingCode::WarrantExpired, RuleId::S128_14_B)
}

fn late_release(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Settled reading 3: "on receiving" is a service level; undetermined.
    ctx.find(
        Severity::Undetermined,
        FindingCode::LateRelease,
        RuleId::S128_14_A,
    )
}

fn escape(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.escaped_pre_warrant = None;
    ctx.case.border.requirement = None;
    open_pause(ctx, PauseKind::Escape, ctx.at())
}

fn escape_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.border.escaped_pre_warrant = Some(ctx.at());
    Ok(())
}

/// s 128(7): a warrant is needed for a person "to be detained for more than
/// 48 hours after the time of that person's detention by a member of the
/// Police under subsection (5)". The Act has no pause for an escape before a
/// warrant (s 128(16) covers warrant periods only). Read two ways
/// (docs/readings.md): the recapture is a fresh detention under s 128(5), and
/// the 48 hours run from it (`due`, rule map 9.18); or the custody before the
/// escape counts, so that custody without a warrant is never more than 48
/// hours in all (`due-strict`: the strict anchor moves on by the time at large;
/// none when the custody before the escape had already passed 48 hours).
fn recaptured_pre_warrant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let at = ctx.at();
    let b = &mut ctx.case.border;
    // The custody served before the escape; one already beyond the 48 hours
    // was one breach, reported then: the strict reading has nothing to count.
    let served = match (b.escaped_pre_warrant, b.anchor_strict.or(b.anchor)) {
        (Some(esc), Some(from)) => esc.seconds_since(from),
        _ => 0,
    };
    b.escaped_pre_warrant = None;
    b.anchor = Some(at);
    b.anchor_strict =
        (served > 0 && served <= 48 * HOUR).then(|| at.add_seconds(served.saturating_neg()));
    ctx.case.rearm(DeadlineName::WarrantRequired);
    Ok(())
}

fn review_commence(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let at = ctx.at();
    let old = ctx
        .case
        .border
        .review
        .and_then(|_| review_appearance_due(ctx.case));
    // s 128A(2)(b): "before the expiry of the period …, and (ii) thereafter, while
    // the person remains in custody, … at intervals of not more than 7 days" —
    // one schedule for the detention; further proceedings do not restart it.
    if ctx.case.border.review.is_none() {
        ctx.case.border.appearance = None;
    }
    ctx.case.border.review = Some(Review {
        commenced: at,
        completed: None,
        result: None,
    });
    // Further proceedings that leave the appearance due where it was do not
    // report its breach again.
    if review_appearance_due(ctx.case) != old {
        ctx.case.rearm(DeadlineName::JudgeAppearance);
    }
    open_pause(ctx, PauseKind::Review, at)
}

/// The next s 128A(2)(b) appearance: by the nominal expiry, then within 7 days
/// of the last one (`due`, `due-strict`).
fn review_appearance_due(case: &Case) -> Option<(Instant, Instant)> {
    match case.border.appearance {
        Some(prev) => Some(seven_days_after(case, prev)),
        None => nominal_expiry(case),
    }
}

fn review_complete(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::ReviewComplete { result } = ctx.event.kind else {
        return Ok(());
    };
    let at = ctx.at();
    if let Some(r) = ctx.case.border.review.as_mut() {
        r.completed = Some(at);
        r.result = Some(result);
    }
    let old = expiry_before_open_pauses(ctx.case);
    close_pauses(ctx, &[PauseKind::Review], at)?;
    rearm_expiry_if_moved(ctx, old);
    if ctx.case.border.state == S::ReviewReleased {
        // s 128A(5): the order "shall expire on the date on which the review
        // proceedings are completed".
        ctx.out.cite(RuleId::S128A_5_A)?;
    }
    Ok(())
}

fn late_appearance(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find_breach(FindingCode::LateJudgeAppearance, RuleId::S128A_2_B)
}

fn review_appearance(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.out.cite(RuleId::S128A_2_B)?;
    if let EventKind::Appear {
        outcome: AppearOutcome::Extend,
        days,
        ..
    } = ctx.event.kind
    {
        if days.unwrap_or(7) > 7 {
            // s 128A(3)(a): "a period of 7 days".
            ctx.find(
                Severity::Violation,
                FindingCode::ExtensionTooLong,
                RuleId::S128A_3,
            )?;
        }
        // s 128A(3)(b): once the review's duration is known, the total may not
        // exceed 28 days + s 128(13B) days + the review's duration; with the
        // pauses applied that total is the effective expiry (rule map 9.17). An
        // extension without `days=` is "such shorter period" as the cap allows.
        let completed = ctx
            .case
            .border
            .review
            .is_some_and(|r| r.completed.is_some());
        if let (Some(days), true, Some((due, _))) = (days, completed, warrant_expiry(ctx.case)) {
            let until = ctx
                .case
                .date_of(ctx.at())
                .add_days(i32::from(days))
                .unwrap_or(Date::MAX);
            if ctx.case.end_of(until) > due {
                ctx.find(
                    Severity::Violation,
                    FindingCode::ReviewCapExceeded,
                    RuleId::S128A_3_B,
                )?;
            }
        }
    }
    ctx.case.border.appearance = Some(ctx.at());
    ctx.case.rearm(DeadlineName::JudgeAppearance);
    Ok(())
}

fn review_release_checks(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let completed = ctx
        .case
        .border
        .review
        .is_some_and(|r| r.completed.is_some());
    let barred = ctx
        .case
        .border
        .breach
        .is_some_and(|(c, _)| matches!(c, BreachClass::A | BreachClass::B))
        && !excused(ctx);
    if completed {
        // s 128A(4)(a): "the review proceedings have not been completed".
        ctx.find(
            Severity::Violation,
            FindingCode::ReviewReleaseInvalid,
            RuleId::S128A_4,
        )?;
    } else if barred {
        // s 128A(10)(c): no (4) release after a reside/report breach "unless …
        // reasonable excuse".
        ctx.find(
            Severity::Violation,
            FindingCode::ReviewReleaseInvalid,
            RuleId::S128A_10,
        )?;
    }
    if let EventKind::Appear { reside, report, .. } = ctx.event.kind {
        if !reside || report != Some(crate::lang::values::Report::Daily) {
            // s 128A(6)(a)–(b): reside at an address; report daily.
            ctx.find(
                Severity::Violation,
                FindingCode::DefectiveReleaseOrder,
                RuleId::S128A_6,
            )?;
        }
    }
    Ok(())
}

fn review_release_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    review_release_checks(ctx)?;
    ctx.case.border.appearance = Some(ctx.at());
    ctx.case.rearm(DeadlineName::JudgeAppearance);
    ctx.case.border.order = Some(Order {
        review: true,
        pre_warrant: false,
        expires: None,
        notified: false,
        fresh: false,
    });
    Ok(())
}

fn release_pending_review(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.border.order.is_some_and(|o| !o.notified) {
        // s 128A(8): "notified in writing to the person upon the person's release".
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveReleaseOrder,
            RuleId::S128A_8,
        )?;
    }
    ctx.case.border.breach = None;
    Ok(())
}

fn released_after_review(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Rule map 9.24: what follows depends on what the court ordered.
    ctx.case.border.order = None;
    ctx.find(
        Severity::Undetermined,
        FindingCode::HumanReview,
        RuleId::S128A_5_B,
    )?;
    hand_to_part2(
        ctx,
        BorderState::ReleasedAfterReview,
        UnlawfulCause::ReviewReleased,
    )
}

/// s 128A(11): the person is deemed a s 128 person detained under it "whether
/// or not the person … fails to deliver himself or herself up on the expiry of
/// the order"; s 128A(10A) (inserted 16 June 1999) makes them liable to arrest.
fn at_large_after_review(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if RuleId::S128A_10A.in_force_at(ctx.at()) {
        ctx.out.cite(RuleId::S128A_10A)?;
    }
    // s 128A(12)(b): "commencing on the date of expiry of the order for release".
    let start = ctx
        .case
        .border
        .review
        .and_then(|r| r.completed)
        .unwrap_or(ctx.at());
    open_pause(ctx, PauseKind::AtLarge, start)
}

fn judge_custody_128a(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // The warrant runs on; `arrested` re-armed the expiry if the pause moved it.
    ctx.case.border.arrested = None;
    ctx.case.border.order = None;
    Ok(())
}

fn judge_release_128a(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    review_release_checks(ctx)?;
    ctx.case.border.arrested = None;
    ctx.case.border.breach = None;
    ctx.case.border.order = Some(Order {
        review: true,
        pre_warrant: false,
        expires: None,
        notified: false,
        fresh: false,
    });
    Ok(())
}

fn late_before_judge(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // "as soon as possible" (s 128AC(3); s 128A(10)(b), (10A)(b)): a service level.
    let rule = if ctx.case.border.arrested == Some(Arrested::After128a) {
        RuleId::S128A_10
    } else {
        RuleId::S128AC_3
    };
    ctx.find(
        Severity::Undetermined,
        FindingCode::LateJudgeAppearance,
        rule,
    )
}

fn bail(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::BailForbidden,
        RuleId::S128_15,
    )
}

fn emergency_return(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 2(3) excludes "a person to whom section 128 … applies" (rule map 9.19).
    ctx.find(
        Severity::Undetermined,
        FindingCode::HumanReview,
        RuleId::S2_3,
    )
}

// ------------------------------------------------------------------ hand-over from s 128B

/// s 128B(5)(a)(ii), (b), (c): the person is treated as a s 128 person. In
/// custody, they stay in custody: with the s 128B warrant counting as a
/// s 128(7) warrant (s 128B(11A); the clock is not restarted, rule map 9.8), or
/// before a warrant with two 48-hour anchors (9.9). s 128(3) is not engaged.
pub(crate) fn take_over_from_s128b(
    ctx: &mut Ctx<'_>,
    custody_since: Option<Instant>,
    warrant: Option<(Instant, u16)>,
) -> Result<(), Rejection> {
    let at = ctx.at();
    let mut b = BorderData {
        detained: true,
        ..BorderData::default()
    };
    // s 128B(11A) ("applies as if any warrant of commitment issued under
    // subsection (6)(c) … were a warrant of commitment issued under section
    // 128(7)") was inserted on 16 June 1999: before it a s 128B warrant was no
    // s 128 warrant, and the custody went on under s 128(5) without one.
    let warrant = warrant.filter(|_| RuleId::S128B_11A.in_force_at(at));
    match (custody_since, warrant) {
        (_, Some((issued, extension_days))) => {
            b.state = S::CustodyWarrant;
            b.warrant = Some(Warrant {
                issued,
                days: 28,
                origin: WarrantOrigin::S128B_11A,
                premises: None,
                void: false,
            });
            b.extension_days = extension_days;
            ctx.out.cite(RuleId::S128B_11A)?;
        }
        (Some(since), None) => {
            b.state = S::CustodyPreWarrant;
            b.anchor = Some(at);
            b.anchor_strict = Some(since);
            ctx.out.cite(RuleId::S128_5)?;
        }
        (None, None) => {
            // s 128(3): s 128 ceases "on the expiration of 72 hours after the
            // time when that person first reports … unless that person is
            // sooner detained under this section". While s 128B applied, s 128
            // did not (s 128(1)) and no detention "under this section" was
            // possible: for a person who has reported, the 72 hours run from
            // the hand-over (docs/readings.md); one who never reported starts
            // them at the first report (rule map 9.10).
            b.state = S::AtLarge;
            b.detained = false;
            b.first_report = ctx.case.status.first_report.map(|_| at);
            if b.first_report.is_some() {
                ctx.out.cite(RuleId::S128_3)?;
            }
        }
    }
    ctx.case.border = b;
    ctx.case.rearm(DeadlineName::WarrantRequired);
    ctx.case.rearm(DeadlineName::S128Cessation);
    // s 128A(2)(b)'s appearances are not s 128B(10)'s: a breach of those does
    // not stand for one of these.
    ctx.case.rearm(DeadlineName::JudgeAppearance);
    ctx.case.status.state = StatusState::UnlawfulS128;
    ctx.out.cite(RuleId::S128_4)
}

// ------------------------------------------------------------------ deadlines

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    let b = &case.border;
    let full = || Rejection::capacity("too many open deadlines");
    let mut push = |d: Deadline| out.push(d).map_err(|_| full());
    match b.state {
        S::AtLarge => {
            if let (Some(r), false) = (b.first_report, b.detained) {
                push(Deadline {
                    name: DeadlineName::S128Cessation,
                    due: Case::hours_after(r, 72),
                    due_strict: None,
                    rule: RuleId::S128_3,
                })?;
            }
        }
        S::CustodyPreWarrant => {
            if let Some(d) = b.anchor {
                push(c48(d, b.anchor_strict))?;
            }
        }
        S::CustodyWarrant | S::WithPolice => {
            if let Some(n) = b.notice_at {
                let due = n.add_seconds(case.config.level(Obligation::Release));
                push(Deadline {
                    name: DeadlineName::ReleaseDue,
                    due,
                    due_strict: None,
                    rule: RuleId::S128_14_A,
                })?;
            }
            if b.warrant.is_some_and(|w| w.void) {
                if let Some(d) = b.anchor {
                    push(c48(d, b.anchor_strict))?;
                }
            }
            if let Some((due, strict)) = warrant_expiry(case) {
                push(Deadline {
                    name: DeadlineName::WarrantExpiry,
                    due,
                    due_strict: Some(strict),
                    rule: RuleId::S128_14_B,
                })?;
            }
            if b.state == S::CustodyWarrant && b.review.is_some() {
                let Some((due, strict)) = review_appearance_due(case) else {
                    return Ok(());
                };
                push(Deadline {
                    name: DeadlineName::JudgeAppearance,
                    due,
                    due_strict: Some(strict),
                    rule: RuleId::S128A_2_B,
                })?;
            }
        }
        S::BeforeJudge => {
            if let Some(a) = b.arrested_at {
                let rule = if b.arrested == Some(Arrested::After128a) {
                    RuleId::S128A_10
                } else {
                    RuleId::S128AC_3
                };
                let due = a.add_seconds(case.config.level(Obligation::Judge));
                push(Deadline {
                    name: DeadlineName::JudgeAppearance,
                    due,
                    due_strict: None,
                    rule,
                })?;
            }
        }
        S::ConditionallyReleased => {
            if let Some(d) = b.order.and_then(|o| o.expires) {
                push(Deadline {
                    name: DeadlineName::ReleaseOrderExpiry,
                    due: case.end_of(d),
                    due_strict: None,
                    rule: RuleId::S128AA_10,
                })?;
            }
        }
        S::ReviewReleased => {
            if let Some(done) = b.review.and_then(|r| r.completed) {
                let d = case.date_of(done);
                push(Deadline {
                    name: DeadlineName::ReleaseOrderExpiry,
                    due: case.end_of(d),
                    due_strict: None,
                    rule: RuleId::S128A_5_A,
                })?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn c48(anchor: Instant, strict: Option<Instant>) -> Deadline {
    let due = anchor.add_seconds(48 * HOUR);
    Deadline {
        name: DeadlineName::WarrantRequired,
        due,
        due_strict: strict
            .map(|s| s.add_seconds(48 * HOUR))
            .filter(|s| *s < due),
        rule: RuleId::S128_7,
    }
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: super::Entry = super::Entry {
    machine: crate::vocab::Machine::Border,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| reported(c).map(crate::vocab::MachineState::Border),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(w, "border", TRANSITIONS, BorderState::ALL, |s| s.name(), f)
    },
};
