//! Machine `removal`: unlawful status and removal under Part 2 (ss 45–58, 63,
//! 69, 70; rule map `removal_and_deportation.md` §2.1, SM-U).
//!
//! "From the moment that a person is in New Zealand unlawfully until that
//! person leaves New Zealand, he or she has an obligation to leave New Zealand
//! unless subsequently granted a permit" (s 45(1)). The machine starts when
//! the status machine or a border machine hands the person over to Part 2 (a
//! [`Signal::Unlawful`] with its cause), runs the 42-day appeal window of
//! s 47(2) (with the s 2(2) exclusion and the Interpretation Act's roll to
//! the next working day), the appeals to the Removal Review Authority, the
//! High Court and the Court of Appeal, liability (s 53), the removal order
//! (ss 54–58) and its currency, and ends with removal, departure, a permit or
//! cancellation.
//!
//! While s 128 or s 128B applies the machine is not active (ss 128(4),
//! 128B(2)); a Part 2 step then is reported `part2-excluded`.
//!
//! The readings it follows are in docs/readings.md (Part 2); the main ones:
//! - \[R\] liability under s 53(1)(a) begins at the start of the day after the
//!   last appeal day (rule map §7 A04); `config reading=literal` gives the
//!   literal 42 × 24 hours;
//! - s 53(1)(b) "7 days after the decision has been notified": liable from
//!   the start of the eighth day (A06);
//! - a pending appeal to the High Court or the Court of Appeal blocks making
//!   and executing an order (A07);
//! - an order made or served during a s 31 reconsideration is reported
//!   (`removal-during-reconsideration`) and changes nothing; an order by an
//!   officer without the power (s 54(1)–(2)) or before liability is rejected.

pub mod invariants;

use super::table::{g, label, row, Signal, SignalKind, Transition, Trigger};
use super::Entry;
use crate::case::{Case, Ctx, Deadlines, Reading, OPT_LITERAL};
use crate::list::{Filler, List};
use crate::names::kebab_enum;
use crate::outcome::{Deadline, DeadlineName, FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::holidays::{next_working_day_on_or_after, s2_2_period_last_day};
use crate::time::{Date, Instant, DAY};
use crate::vocab::event::{EventKind, Verb};
use crate::vocab::values::{
    Actor, AppealResult, CancelMode, Forum, OfficerId, ServiceMode, UnlawfulCause, OFFICER_ID_LEN,
};
use crate::vocab::{Machine, MachineState, RemovalDetentionState, StatusState};
use crate::wire::{Reader, Wire, WireError, Writer};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

pub use crate::vocab::states::RemovalState;

kebab_enum! {
    /// Why the person may not appeal to the Removal Review Authority.
    pub enum Bar {
        /// s 47(5)(a): returned while a removal order is in force.
        ReturnedWhileOrderInForce = "s47-5-a",
        /// s 47(5)(b), s 34F(a): a limited purpose permit expired.
        LppExpired = "s47-5-b",
        /// s 63(2): a s 27A permit expired.
        S27aPermit = "s63-2",
    }
}

impl Bar {
    /// The rule that bars the appeal.
    pub const fn rule(self) -> RuleId {
        match self {
            Bar::ReturnedWhileOrderInForce => RuleId::S47_5_A,
            Bar::LppExpired => RuleId::S47_5_B,
            Bar::S27aPermit => RuleId::S63_2,
        }
    }
}

kebab_enum! {
    /// The ground on which the person is liable to removal.
    pub enum Ground {
        /// s 53(1)(a)(i): 42 consecutive days unlawful.
        A1 = "s53-1-a-i",
        /// s 53(1)(a)(ii): 42 consecutive days after a s 31 notification.
        A2 = "s53-1-a-ii",
        /// s 53(1)(b): 7 days after an appeal was determined against the person.
        B = "s53-1-b",
        /// s 53(1)(c): a limited purpose permit expired.
        C = "s53-1-c",
        /// s 53(1)(d): back in New Zealand while an executed order is in force.
        D = "s53-1-d",
        /// s 63(3): 7 days after a s 27A permit expired.
        S63 = "s63-3",
        /// s 70(3)(b)(ii): 42 days after a transitional notice.
        S70B = "s70-3-b-ii",
        /// s 70(3)(c): on or after 1 October 2000.
        S70C = "s70-3-c",
    }
}

impl Ground {
    /// The rule of the ground.
    pub const fn rule(self) -> RuleId {
        match self {
            Ground::A1 => RuleId::S53_1_A_I,
            Ground::A2 => RuleId::S53_1_A_II,
            Ground::B => RuleId::S53_1_B,
            Ground::C => RuleId::S53_1_C,
            Ground::D => RuleId::S53_1_D,
            Ground::S63 => RuleId::S63_3,
            Ground::S70B => RuleId::S70_3_B_II,
            Ground::S70C => RuleId::S70_3_C,
        }
    }
}

kebab_enum! {
    /// Where a person unlawfully in New Zealand before 1 October 1999 stands
    /// under s 70.
    #[derive(Default)]
    pub enum Transitional {
        /// Not a s 70 person.
        #[default]
        No = "no",
        /// Unlawful before 1 October 1999: s 70 applies from then (s 70(1)).
        Pending = "pending",
        /// s 70(3)(a): may appeal before 1 October 2000; liable on or after it
        /// (s 70(3)(c)).
        Open = "s70-3-a",
        /// s 70(3)(b): a notice served before 19 August 2000; 42 days from it.
        Notice = "s70-3-b",
    }
}

/// A removal order (ss 54–58).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Order {
    /// When it was made (s 54).
    pub made: Instant,
    /// The person was under 17 "at the date the order is made" (s 57(2)).
    pub under17: bool,
    /// When it was served: "in force from the time at which it is served"
    /// (s 57(1)).
    pub served: Option<Instant>,
    /// The local date the person was removed (s 2(7)).
    pub removed_on: Option<Date>,
    /// No longer in force: cancelled (s 58), expired (s 57(1)), or ended on
    /// the removal of a person under 17 (s 57(2)).
    pub ended: bool,
    /// The person made a refugee claim after the order was served (s 60(6)(a)).
    pub claim_after_service: bool,
}

crate::wire::wire_struct!(Order {
    made,
    under17,
    served,
    removed_on,
    ended,
    claim_after_service
});

impl Order {
    /// True if the order is in force (s 57).
    pub fn in_force(&self) -> bool {
        self.served.is_some() && !self.ended
    }
}

/// Data of the `removal` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RemovalData {
    /// The state.
    pub state: RemovalState,
    /// Why the person became unlawfully in New Zealand (s 45(2)).
    pub cause: Option<UnlawfulCause>,
    /// When (s 47(2)(a), s 53(1)(a)(i)).
    pub since: Option<Instant>,
    /// The day the s 47(2) period runs after: the later of the day the
    /// person became unlawful and the day of the s 31 notification (for a
    /// s 70(3)(b) notice, the day it was served).
    pub base: Option<Date>,
    /// The base day is the day of the s 31 notification (s 47(2)(b)).
    pub base_s31: bool,
    /// The appeal window has closed.
    pub window_closed: bool,
    /// A bar on appealing to the Authority.
    pub bar: Option<Bar>,
    /// The ground of liability.
    pub ground: Option<Ground>,
    /// s 70.
    pub transitional: Transitional,
    /// When the latest appeal decision was notified to the person
    /// (s 53(1)(b), s 115A(2)).
    pub notified: Option<Instant>,
    /// The s 115A(2) period for an appeal to the High Court is open.
    pub hc_window: bool,
    /// The forum whose decision was notified last.
    pub decided_by: Option<Forum>,
    /// The forum of a pending appeal (s 53(1)(a): "an appeal pending under
    /// section 47 or section 115A").
    pub appeal: Option<Forum>,
    /// The removal order.
    pub order: Option<Order>,
    /// The day the person was removed under an earlier order that was still
    /// in force when a new order was made (s 53(1)(d): "while a previously
    /// executed removal order is still in force"). That order stays in force
    /// "until the expiry of 5 years after the date the person named in it is
    /// removed" (s 57(1)) whatever becomes of the new one.
    pub executed: Option<Date>,
}

crate::wire::wire_struct!(RemovalData {
    state,
    cause,
    since,
    base,
    base_s31,
    window_closed,
    bar,
    ground,
    transitional,
    notified,
    hc_window,
    decided_by,
    appeal,
    order,
    executed
});

/// The most officers whose permit decisions the record keeps (s 54(2)).
pub const MAX_OFFICERS: usize = 4;

impl Filler for OfficerId {
    const FILLER: OfficerId = OfficerId([0; OFFICER_ID_LEN]);
}

impl Wire for OfficerId {
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.bytes(&self.0)
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let mut id = [0u8; OFFICER_ID_LEN];
        for (d, s) in id.iter_mut().zip(r.bytes(OFFICER_ID_LEN)?) {
            *d = *s;
        }
        Ok(OfficerId(id))
    }
}

/// The Part 2 facts that outlast the removal machine's episodes (snapshot
/// slot `removal-record`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RemovalRecord {
    /// The officers "involved in determining an application by that person
    /// for a permit" (s 54(2)), from `officer=` on `grant-permit` and
    /// `refuse-permit`. More than [`MAX_OFFICERS`] is a `capacity` error.
    pub officers: List<OfficerId, MAX_OFFICERS>,
    /// The person is serving a sentence of imprisonment (s 61).
    pub imprisoned: bool,
    /// When the release from that imprisonment is due (s 61).
    pub release_due: Option<Instant>,
    /// An epidemic management notice: its first and last day (s 129ZC).
    pub epidemic: Option<(Date, Date)>,
}

crate::wire::wire_struct!(RemovalRecord {
    officers,
    imprisoned,
    release_due,
    epidemic
});

/// 1 October 1999: Part 2 as substituted (s 70(1)).
fn part2_start() -> Date {
    Date::from_ymd(1999, 10, 1).unwrap_or(Date::MIN)
}

/// 1 October 2000 (s 70(3)(a), (c)).
fn s70_end() -> Date {
    Date::from_ymd(2000, 10, 1).unwrap_or(Date::MIN)
}

/// 19 August 2000 (s 70(3)(b)).
fn s70_notice_by() -> Date {
    Date::from_ymd(2000, 8, 19).unwrap_or(Date::MIN)
}

/// 17 November 2009: s 58(5) as supplied.
fn s58_5_from() -> Date {
    Date::from_ymd(2009, 11, 17).unwrap_or(Date::MIN)
}

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: RemovalState) {
    if s == RemovalState::Inactive {
        ctx.case.removal = Default::default();
    } else {
        ctx.case.removal.state = s;
    }
}

/// A person found to be a New Zealand citizen: "no such citizen is liable
/// under this Act to removal or deportation from New Zealand in any
/// circumstances" (s 3(3)). Part 2 ends: both machines go back to
/// `inactive` (their data forgotten) and the s 7(1)(c) fact goes. Part 2
/// custody already on the record is reported as `citizen-detained` at the
/// instant it began, as for s 128 and s 128B.
pub(crate) fn on_citizenship(
    case: &mut Case,
    out: &mut crate::outcome::Outcome,
) -> Result<(), Rejection> {
    if super::removal_detention::in_custody(case) {
        let d = &case.removal_detention;
        let began = d
            .custody
            .map(|e| e.anchor)
            .or(d.warrant.map(|w| w.chain_start));
        if let Some(at) = began {
            out.find(
                Severity::Violation,
                FindingCode::CitizenDetained,
                RuleId::S3,
                at,
            )?;
        }
    }
    if case.removal.state != RemovalState::Inactive
        || case.removal_detention.state != RemovalDetentionState::Inactive
    {
        out.cite(RuleId::S3)?;
    }
    case.removal = Default::default();
    case.removal_detention = Default::default();
    case.person.removal_order = false;
    Ok(())
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

/// True if the removal order is in force (s 57).
pub fn order_in_force(case: &Case) -> bool {
    case.removal.order.is_some_and(|o| o.in_force()) || case.removal.executed.is_some()
}

/// True if an appeal is pending (s 53(1)(a)).
pub fn appeal_pending(case: &Case) -> bool {
    case.removal.appeal.is_some()
}

/// The instant before which the order may not be executed after an appeal
/// was determined against the person (s 53(1)(b)), if that wait is running.
pub fn execution_wait(case: &Case) -> Option<Instant> {
    let r = &case.removal;
    if !matches!(
        r.state,
        RemovalState::OrderMade | RemovalState::OrderInForce
    ) {
        return None;
    }
    let n = r.notified?;
    grace(case, n).map(|(due, _)| due)
}

// ------------------------------------------------------------------ periods

/// The last day of a period of `days` days for lodging an appeal after
/// `base`: s 2(2) excludes weekday public and Departmental holidays, and a
/// last day that is not a working day rolls to the next one (Interpretation
/// Act 1999 s 35(6); settled reading 2).
fn appeal_last_day(case: &Case, base: Date, days: u32) -> Option<Date> {
    let h: &[Date] = &case.config.holidays;
    let last = s2_2_period_last_day(base, days, h)?;
    next_working_day_on_or_after(last, h)
}

fn literal(case: &Case) -> bool {
    case.config.has(OPT_LITERAL)
}

/// The last day of the open appeal window, if one is open.
fn window(case: &Case) -> Option<Date> {
    let r = &case.removal;
    if r.bar.is_some() || r.window_closed || case.status.reconsideration {
        return None;
    }
    match r.transitional {
        Transitional::Pending => None,
        // s 70(3)(a): "at any time before 1 October 2000".
        Transitional::Open => s70_end().pred(),
        Transitional::Notice | Transitional::No => appeal_last_day(case, r.base?, 42),
    }
}

/// `n` days of elapsed time after `t`, less one second: the last instant of
/// an elapsed wait.
fn elapsed_wait(t: Instant, days: i64) -> Instant {
    t.add_seconds(days.saturating_mul(DAY)).add_seconds(-1)
}

/// The wait of s 53(1)(b) after a decision notified at `n`: `due` the last
/// instant of the date reading ([R]: liable from the start of the eighth day),
/// `due-strict` the last instant of 7 × 24 hours.
fn grace(case: &Case, n: Instant) -> Option<(Instant, Option<Instant>)> {
    let strict = elapsed_wait(n, 7);
    if literal(case) {
        return Some((strict, None));
    }
    let due = case.end_of(case.date_of(n).add_days(7)?);
    Some((due, (strict < due).then_some(strict)))
}

/// The liability the `removal-liability` deadline waits for while the person
/// is `unlawful`: its due, its elapsed reading, and the ground.
fn liability(case: &Case) -> Option<(Instant, Option<Instant>, Ground)> {
    let r = &case.removal;
    if case.status.reconsideration || r.appeal.is_some() {
        return None;
    }
    match (r.transitional, r.bar) {
        (Transitional::Pending, _) => None,
        (Transitional::Open, _) => Some((case.end_of(s70_end().pred()?), None, Ground::S70C)),
        (Transitional::Notice, _) => {
            let last = appeal_last_day(case, r.base?, 42)?;
            Some((case.end_of(last), None, Ground::S70B))
        }
        (Transitional::No, Some(Bar::S27aPermit)) => {
            // s 63(3): "within 7 days of becoming unlawfully in New Zealand".
            let since = r.since?;
            let strict = elapsed_wait(since, 7);
            if literal(case) {
                return Some((strict, None, Ground::S63));
            }
            let due = case.end_of(case.date_of(since).add_days(7)?);
            Some((due, (strict < due).then_some(strict), Ground::S63))
        }
        (Transitional::No, Some(_)) => None,
        (Transitional::No, None) => {
            let base = r.base?;
            let ground = if r.base_s31 { Ground::A2 } else { Ground::A1 };
            if literal(case) {
                let due = match (ground, r.since) {
                    (Ground::A1, Some(since)) => elapsed_wait(since, 42),
                    _ => case.end_of(base.add_days(42)?),
                };
                return Some((due, None, ground));
            }
            // [R] (rule map §7 A04): liable from the start of the day after
            // the last appeal day.
            let due = case.end_of(appeal_last_day(case, base, 42)?);
            let strict = match (ground, r.since) {
                (Ground::A1, Some(since)) => Some(elapsed_wait(since, 42)),
                _ => None,
            };
            Some((due, strict.filter(|s| *s < due), ground))
        }
    }
}

/// The last day of the s 115A(2) period: "within 28 days after the date on
/// which the decision … was notified"; an appeal to the High Court, so no
/// s 2(2) exclusion.
fn hc_last_day(case: &Case) -> Option<Date> {
    let r = &case.removal;
    if !r.hc_window {
        return None;
    }
    case.date_of(r.notified?).add_days(28)
}

/// The expiry of an order after removal: "the expiry of 5 years after the
/// date the person named in it is removed" (s 57(1)); the end of that day.
fn order_expiry(case: &Case) -> Option<Instant> {
    let executed = case
        .removal
        .order
        .filter(|o| !o.ended)
        .and_then(|o| o.removed_on)
        .or(case.removal.executed)?;
    Some(case.end_of(executed.add_years(5)?))
}

// ------------------------------------------------------------------ guards

fn signalled(c: &Ctx<'_>) -> Option<Signal> {
    c.signal
}

fn cause(c: &Ctx<'_>) -> Option<UnlawfulCause> {
    match signalled(c) {
        Some(Signal::Unlawful(k)) => Some(k),
        _ => None,
    }
}

fn lpp_expired(c: &Ctx<'_>) -> bool {
    cause(c) == Some(UnlawfulCause::LppExpired)
}

fn s27a_expired(c: &Ctx<'_>) -> bool {
    cause(c) == Some(UnlawfulCause::S27aPermitExpired)
}

fn before_part2(c: &Ctx<'_>) -> bool {
    c.finding_at() < c.case.start_of(part2_start())
}

fn returned_while_in_force(c: &Ctx<'_>) -> bool {
    c.case.removal.executed.is_some()
        || c.case
            .removal
            .order
            .is_some_and(|o| o.in_force() && o.removed_on.is_some())
}

fn in_force_not_executed(c: &Ctx<'_>) -> bool {
    c.case
        .removal
        .order
        .is_some_and(|o| o.in_force() && o.removed_on.is_none())
}

fn order_in_force_now(c: &Ctx<'_>) -> bool {
    order_in_force(c.case)
}

fn arrived_elsewhere_in_force(c: &Ctx<'_>) -> bool {
    matches!(signalled(c), Some(Signal::Arrived(true))) && returned_while_in_force(c)
}

fn officer_given(c: &Ctx<'_>) -> bool {
    officer_of(c).is_some()
}

fn officer_of(c: &Ctx<'_>) -> Option<OfficerId> {
    match c.event.kind {
        EventKind::GrantPermit { officer, .. } | EventKind::RefusePermit { officer, .. } => officer,
        _ => None,
    }
}

fn date_reading(c: &Ctx<'_>) -> bool {
    c.clock.is_some_and(|k| k.reading == Reading::Date)
}

fn ground_is(c: &Ctx<'_>, g: &[Ground]) -> bool {
    date_reading(c) && liability(c.case).is_some_and(|(_, _, x)| g.contains(&x))
}

fn liable_53_1_a(c: &Ctx<'_>) -> bool {
    ground_is(c, &[Ground::A1, Ground::A2])
}

fn liable_63_3(c: &Ctx<'_>) -> bool {
    ground_is(c, &[Ground::S63])
}

fn liable_70_3_b(c: &Ctx<'_>) -> bool {
    ground_is(c, &[Ground::S70B])
}

fn liable_70_3_c(c: &Ctx<'_>) -> bool {
    ground_is(c, &[Ground::S70C])
}

fn forum(c: &Ctx<'_>) -> Option<Forum> {
    match c.event.kind {
        EventKind::AppealLodge { forum, .. } => Some(forum),
        EventKind::AppealDecide { forum, .. } => forum,
        _ => None,
    }
}

fn lodge_rra(c: &Ctx<'_>) -> bool {
    forum(c) == Some(Forum::Rra)
}

fn lodge_hc(c: &Ctx<'_>) -> bool {
    forum(c) == Some(Forum::Hc)
}

fn ca_after_hc(c: &Ctx<'_>) -> bool {
    forum(c) == Some(Forum::Ca) && c.case.removal.decided_by == Some(Forum::Hc)
}

/// An appeal to the Authority the person may not bring.
fn rra_barred(c: &Ctx<'_>) -> bool {
    lodge_rra(c) && c.case.removal.bar.is_some()
}

/// An appeal to the Authority lodged after the 42 days (s 48(1)(b)).
fn rra_late(c: &Ctx<'_>) -> bool {
    lodge_rra(c) && !rra_barred(c) && !rra_in_time(c.case, c.at())
}

fn rra_in_time(case: &Case, at: Instant) -> bool {
    let r = &case.removal;
    if r.bar.is_some() {
        return false;
    }
    // While a s 31 reconsideration is pending the period has not begun to
    // run: an appeal then is not late.
    if case.status.reconsideration && r.transitional == Transitional::No {
        return true;
    }
    let last = match r.transitional {
        Transitional::Pending => return false,
        Transitional::Open => s70_end().pred(),
        Transitional::Notice | Transitional::No => {
            r.base.and_then(|b| appeal_last_day(case, b, 42))
        }
    };
    last.is_some_and(|l| at <= case.end_of(l))
}

/// The s 48(1)(a), (c) and (2) conditions: prescribed manner, fee, addresses.
fn rra_compliant(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::AppealLodge {
            prescribed: None | Some(true),
            fee: None | Some(true),
            addresses: None | Some(true),
            ..
        }
    )
}

fn rra_defective(c: &Ctx<'_>) -> bool {
    lodge_rra(c) && !rra_barred(c) && !rra_late(c) && !rra_compliant(c)
}

fn rra_ok(c: &Ctx<'_>) -> bool {
    lodge_rra(c) && !rra_barred(c) && !rra_late(c) && rra_compliant(c)
}

fn hc_in_time(c: &Ctx<'_>) -> bool {
    lodge_hc(c) && hc_last_day(c.case).is_some_and(|l| c.at() <= c.case.end_of(l))
}

fn hc_late(c: &Ctx<'_>) -> bool {
    lodge_hc(c) && !hc_in_time(c)
}

fn decided(c: &Ctx<'_>, f: Forum, r: AppealResult) -> bool {
    matches!(c.event.kind, EventKind::AppealDecide { result, .. } if result == r)
        && forum(c).unwrap_or(Forum::Rra) == f
}

fn rra_allowed(c: &Ctx<'_>) -> bool {
    decided(c, Forum::Rra, AppealResult::Allowed)
}

fn rra_dismissed(c: &Ctx<'_>) -> bool {
    decided(c, Forum::Rra, AppealResult::Dismissed)
}

fn court_dismissed(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::AppealDecide {
            forum: Some(Forum::Hc | Forum::Ca),
            result: AppealResult::Dismissed,
            ..
        }
    )
}

fn court_allowed(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::AppealDecide {
            forum: Some(Forum::Hc | Forum::Ca),
            result: AppealResult::Allowed,
            ..
        }
    )
}

fn court_remitted(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::AppealDecide {
            forum: Some(Forum::Hc | Forum::Ca),
            result: AppealResult::Remitted,
            ..
        }
    )
}

fn pending_appeal_decided(c: &Ctx<'_>) -> bool {
    c.case.removal.appeal.is_some()
        && forum(c).unwrap_or(Forum::Rra) == c.case.removal.appeal.unwrap_or(Forum::Rra)
}

fn withdraw_in_writing(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::AppealWithdraw {
            in_writing: None | Some(true),
            forum: None | Some(Forum::Rra)
        }
    )
}

fn part2_excluded(c: &Ctx<'_>) -> bool {
    excluded_by(c.case).is_some()
}

fn excluded_by(case: &Case) -> Option<RuleId> {
    super::border::part2_excluded_by(case).or_else(|| super::eligibility::part2_excluded_by(case))
}

fn reconsideration_pending(c: &Ctx<'_>) -> bool {
    c.case.status.reconsideration
}

fn served_personally(c: &Ctx<'_>) -> bool {
    !matches!(
        c.event.kind,
        EventKind::RemovalOrderServe {
            mode: Some(ServiceMode::Other),
            ..
        }
    )
}

fn not_served_personally(c: &Ctx<'_>) -> bool {
    !served_personally(c)
}

fn cancel_endorsed(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::RemovalOrderCancel {
            mode: None | Some(CancelMode::EndorsedCopy),
            ..
        }
    )
}

fn cancel_by_notice(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::RemovalOrderCancel {
            mode: Some(CancelMode::PrescribedNotice),
            ..
        }
    ) && order_in_force(c.case)
}

fn transitional_open(c: &Ctx<'_>) -> bool {
    c.case.removal.transitional == Transitional::Open
}

// ------------------------------------------------------------------ the table

use RemovalState as S;
use Trigger::{Clock, Signal as On2, Verb as On};

/// The transitions of the `removal` machine (rule map §2.1.3, ids U-T01–U-T30).
pub const TRANSITIONS: &[Transition<RemovalState>] = &[
    // ---- While s 128 or s 128B applies, Part 2 steps are reported and do
    // nothing (ss 128(4), 128AC(7), 128A(11), 128B(2)); the signals that would
    // move the machine are not delivered then (`machines::signal`).
    row!(
        "I16",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::RemovalOrderMake),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "I16s",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::RemovalOrderServe),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "I16c",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::RemovalOrderCancel),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "I16a",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::AppealLodge),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "I16d",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::AppealDecide),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    row!(
        "I16w",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::AppealWithdraw),
        g(label!("s 128 or s 128B applies"), part2_excluded),
        None,
        S128_4,
        Some(excluded)
    ),
    // ---- The hand-over to Part 2 (ss 45, 47, 53, 63, 70)
    row!(
        "U-T25c",
        [Removed, Regularised],
        On2(SignalKind::Unlawful),
        g(
            label!("a previously executed order is in force"),
            returned_while_in_force
        ),
        Some(S::Liable),
        S53_1_D,
        Some(returned)
    ),
    row!(
        "A33u",
        [Regularised],
        On2(SignalKind::Unlawful),
        g(
            label!("an order is in force, not yet executed"),
            in_force_not_executed
        ),
        Some(S::OrderInForce),
        S57_1,
        Some(unlawful_with_order)
    ),
    row!(
        "U-T28p",
        [
            Inactive,
            Regularised,
            DepartedBeforeService,
            OrderCancelled,
            Removed
        ],
        On2(SignalKind::Unlawful),
        g(label!("before 1 October 1999"), before_part2),
        Some(S::Unlawful),
        S70_1,
        Some(start_transitional)
    ),
    row!(
        "U-T02",
        [
            Inactive,
            Regularised,
            DepartedBeforeService,
            OrderCancelled,
            Removed
        ],
        On2(SignalKind::Unlawful),
        g(label!("a limited purpose permit expired"), lpp_expired),
        Some(S::Liable),
        S53_1_C,
        Some(start_lpp)
    ),
    row!(
        "U-T04",
        [
            Inactive,
            Regularised,
            DepartedBeforeService,
            OrderCancelled,
            Removed
        ],
        On2(SignalKind::Unlawful),
        g(label!("a s 27A permit expired"), s27a_expired),
        Some(S::Unlawful),
        S63_2,
        Some(start_s27a)
    ),
    row!(
        "U-T01",
        [
            Inactive,
            Regularised,
            DepartedBeforeService,
            OrderCancelled,
            Removed
        ],
        On2(SignalKind::Unlawful),
        None,
        Some(S::Unlawful),
        S45_1,
        Some(start)
    ),
    row!(
        "U-T28c",
        [Unlawful],
        Clock(DeadlineName::Part2Commencement),
        None,
        None,
        S70_3_A,
        Some(commence_s70)
    ),
    row!(
        "U-T28n",
        [Unlawful],
        On(Verb::TransitionalNoticeServe),
        g(label!("s 70 applies, no notice yet"), transitional_open),
        None,
        S70_3_B,
        Some(s70_notice)
    ),
    // ---- s 31 reconsideration (s 47(2)(b))
    row!(
        "U-T05",
        [Unlawful],
        On2(SignalKind::ReconsiderationConfirmed),
        None,
        None,
        S47_2_B,
        Some(reconsideration_confirmed)
    ),
    // ---- Liability (s 53)
    row!(
        "U-T08",
        [Unlawful],
        Clock(DeadlineName::RemovalLiability),
        g(
            label!("42 consecutive days; no appeal pending"),
            liable_53_1_a
        ),
        Some(S::Liable),
        S53_1_A,
        Some(become_liable)
    ),
    row!(
        "U-T04l",
        [Unlawful],
        Clock(DeadlineName::RemovalLiability),
        g(label!("7 days after a s 27A permit expired"), liable_63_3),
        Some(S::Liable),
        S63_3,
        Some(become_liable)
    ),
    row!(
        "U-T28b",
        [Unlawful],
        Clock(DeadlineName::RemovalLiability),
        g(label!("42 days after a s 70(3)(b) notice"), liable_70_3_b),
        Some(S::Liable),
        S70_3_B_II,
        Some(become_liable)
    ),
    row!(
        "U-T28l",
        [Unlawful],
        Clock(DeadlineName::RemovalLiability),
        g(label!("1 October 2000"), liable_70_3_c),
        Some(S::Liable),
        S70_3_C,
        Some(become_liable)
    ),
    row!(
        "U-T13",
        [PostDecisionGrace],
        Clock(DeadlineName::RemovalLiability),
        g(label!("date reading"), date_reading),
        Some(S::Liable),
        S53_1_B,
        Some(liable_after_decision)
    ),
    row!(
        "U-W",
        [Unlawful, Liable],
        Clock(DeadlineName::AppealWindow),
        None,
        None,
        S47_2,
        Some(close_window)
    ),
    row!(
        "U-HC",
        [
            PostDecisionGrace,
            Liable,
            AppealAllowed,
            OrderMade,
            OrderInForce
        ],
        Clock(DeadlineName::HcAppealWindow),
        None,
        None,
        S115A_2,
        Some(close_hc_window)
    ),
    // ---- Appeals to the Removal Review Authority (ss 47–52)
    row!(
        "U-T07b",
        [
            Unlawful,
            Liable,
            OrderMade,
            OrderInForce,
            PostDecisionGrace,
            AppealAllowed,
            OrderCancelled
        ],
        On(Verb::AppealLodge),
        g(label!("the person may not appeal"), rra_barred),
        None,
        S47_1,
        Some(appeal_barred)
    ),
    row!(
        "U-T07",
        [
            Unlawful,
            Liable,
            OrderMade,
            OrderInForce,
            PostDecisionGrace,
            AppealAllowed,
            OrderCancelled
        ],
        On(Verb::AppealLodge),
        g(label!("after the 42 days"), rra_late),
        None,
        S48_4,
        Some(late_appeal)
    ),
    row!(
        "U-T07d",
        [Unlawful, Liable, OrderMade, OrderInForce],
        On(Verb::AppealLodge),
        g(
            label!("not in the prescribed manner, or no fee"),
            rra_defective
        ),
        None,
        S48_4,
        Some(defective_appeal)
    ),
    row!(
        "U-T06",
        [Unlawful, Liable],
        On(Verb::AppealLodge),
        g(label!("in time, in the prescribed manner"), rra_ok),
        Some(S::AppealPending),
        S48_1,
        Some(lodge_rra_appeal)
    ),
    row!(
        "A10",
        [OrderMade, OrderInForce],
        On(Verb::AppealLodge),
        g(label!("in time, in the prescribed manner"), rra_ok),
        None,
        S48_1,
        Some(lodge_against_order)
    ),
    row!(
        "U-T09",
        [AppealPending],
        On(Verb::AppealWithdraw),
        g(label!("by notice in writing"), withdraw_in_writing),
        Some(S::Unlawful),
        S48_5,
        Some(withdraw)
    ),
    row!(
        "U-T10",
        [AppealPending],
        On(Verb::AppealDecide),
        g(label!("allowed"), rra_allowed),
        Some(S::AppealAllowed),
        S52_2,
        Some(decided_rra)
    ),
    row!(
        "U-T12",
        [AppealPending],
        On(Verb::AppealDecide),
        g(label!("dismissed"), rra_dismissed),
        Some(S::PostDecisionGrace),
        S53_1_B,
        Some(decided_rra)
    ),
    // ---- Appeals on a question of law (ss 115A, 116)
    row!(
        "U-T14",
        [PostDecisionGrace, Liable, AppealAllowed],
        On(Verb::AppealLodge),
        g(label!("within 28 days of the notification"), hc_in_time),
        Some(S::CourtAppealPending),
        S115A_2,
        Some(lodge_court_appeal)
    ),
    row!(
        "A07",
        [OrderMade, OrderInForce],
        On(Verb::AppealLodge),
        g(label!("within 28 days of the notification"), hc_in_time),
        None,
        S115A_2,
        Some(lodge_against_order)
    ),
    row!(
        "U-T14l",
        [
            PostDecisionGrace,
            Liable,
            AppealAllowed,
            OrderMade,
            OrderInForce,
            OrderCancelled
        ],
        On(Verb::AppealLodge),
        g(label!("after the 28 days"), hc_late),
        None,
        S115A_2,
        Some(late_hc_appeal)
    ),
    row!(
        "U-T15c",
        [PostDecisionGrace, Liable],
        On(Verb::AppealLodge),
        g(
            label!("to the Court of Appeal, by leave, from the High Court"),
            ca_after_hc
        ),
        Some(S::CourtAppealPending),
        S116,
        Some(lodge_ca_appeal)
    ),
    row!(
        "U-T15",
        [CourtAppealPending],
        On(Verb::AppealDecide),
        g(label!("dismissed"), court_dismissed),
        Some(S::PostDecisionGrace),
        S53_1_B,
        Some(decided_court)
    ),
    row!(
        "U-T16",
        [CourtAppealPending],
        On(Verb::AppealDecide),
        g(label!("remitted to the Authority"), court_remitted),
        Some(S::AppealPending),
        S115A_3_B,
        Some(remitted)
    ),
    row!(
        "U-T15a",
        [CourtAppealPending],
        On(Verb::AppealDecide),
        g(label!("allowed"), court_allowed),
        Some(S::AppealAllowed),
        S52_2,
        Some(decided_court)
    ),
    row!(
        "A10d",
        [OrderMade, OrderInForce],
        On(Verb::AppealDecide),
        g(label!("the pending appeal"), pending_appeal_decided),
        None,
        S53_1_B,
        Some(decided_against_order)
    ),
    // ---- Removal orders (ss 54–58)
    row!(
        "I39",
        [Unlawful, AppealPending, Liable],
        On(Verb::RemovalOrderMake),
        g(
            label!("s 31 reconsideration pending"),
            reconsideration_pending
        ),
        None,
        S31_2,
        Some(during_reconsideration)
    ),
    row!(
        "I39s",
        [OrderMade],
        On(Verb::RemovalOrderServe),
        g(
            label!("s 31 reconsideration pending"),
            reconsideration_pending
        ),
        None,
        S31_2,
        Some(during_reconsideration)
    ),
    row!(
        "U-T18",
        [Liable, OrderCancelled],
        On(Verb::RemovalOrderMake),
        None,
        Some(S::OrderMade),
        S54_1,
        Some(make_order)
    ),
    row!(
        "U-T18x",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised
        ],
        On(Verb::RemovalOrderMake),
        None,
        None,
        S54_1,
        Some(reject_order)
    ),
    row!(
        "U-T19x",
        [OrderMade],
        On(Verb::RemovalOrderServe),
        g(label!("not by personal service"), not_served_personally),
        None,
        S56_1,
        Some(defective_service)
    ),
    row!(
        "U-T19",
        [OrderMade],
        On(Verb::RemovalOrderServe),
        None,
        Some(S::OrderInForce),
        S57_1,
        Some(serve_order)
    ),
    row!(
        "U-T19r",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::RemovalOrderServe),
        None,
        None,
        S56_1,
        Some(reject_service)
    ),
    row!(
        "U-T22",
        [OrderInForce],
        On(Verb::RemovalOrderCancel),
        g(
            label!("an endorsed copy, personally served"),
            cancel_endorsed
        ),
        Some(S::OrderCancelled),
        S58_1,
        Some(cancel_order)
    ),
    row!(
        "U-T23",
        [Removed],
        On(Verb::RemovalOrderCancel),
        g(label!("a notice in the prescribed form"), cancel_by_notice),
        Some(S::OrderCancelled),
        S58_4,
        Some(cancel_order)
    ),
    row!(
        "U-T22r",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On(Verb::RemovalOrderCancel),
        None,
        None,
        S58_1,
        Some(reject_cancellation)
    ),
    row!(
        "U-T26",
        [OrderInForce],
        On(Verb::InternationalObligationsInfo),
        None,
        None,
        S58_5,
        Some(consider_cancellation)
    ),
    row!(
        "U-T24",
        [
            Removed,
            Liable,
            OrderMade,
            OrderInForce,
            Regularised,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed
        ],
        Clock(DeadlineName::RemovalOrderExpiry),
        None,
        None,
        S57_1,
        Some(order_expired)
    ),
    // ---- Leaving, returning, permits, claims
    row!(
        "U-T21",
        [OrderInForce],
        On2(SignalKind::Departed),
        None,
        Some(S::Removed),
        S2_7,
        Some(removed)
    ),
    row!(
        "A33d",
        [
            Regularised,
            AppealAllowed,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            Liable,
            OrderMade
        ],
        On2(SignalKind::Departed),
        g(label!("an order is in force"), order_in_force_now),
        Some(S::Removed),
        S2_7,
        Some(removed)
    ),
    row!(
        "U-T20",
        [
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade
        ],
        On2(SignalKind::Departed),
        None,
        Some(S::DepartedBeforeService),
        S53_3,
        Some(departed_before_service)
    ),
    row!(
        "U-T25",
        [Removed],
        On2(SignalKind::Arrived),
        g(
            label!("elsewhere than a Customs place; the order is in force"),
            arrived_elsewhere_in_force
        ),
        Some(S::Liable),
        S53_1_D,
        Some(returned)
    ),
    row!(
        "U-T17o",
        [OrderInForce],
        On2(SignalKind::PermitGranted),
        None,
        Some(S::Regularised),
        S45_1,
        Some(regularised)
    ),
    row!(
        "U-T17",
        [
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade
        ],
        On2(SignalKind::PermitGranted),
        None,
        Some(S::Regularised),
        S45_1,
        Some(regularised)
    ),
    row!(
        "R54",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On2(SignalKind::PermitDecided),
        g(label!("the deciding officer is named"), officer_given),
        None,
        S54_2,
        Some(record_officer)
    ),
    row!(
        "U-T27",
        [OrderInForce],
        On2(SignalKind::Claim),
        None,
        None,
        S60_6_A,
        Some(claim_after_service)
    ),
    row!(
        "EMN",
        [
            Inactive,
            Unlawful,
            AppealPending,
            CourtAppealPending,
            PostDecisionGrace,
            AppealAllowed,
            Liable,
            OrderMade,
            OrderInForce,
            Removed,
            DepartedBeforeService,
            Regularised,
            OrderCancelled
        ],
        On2(SignalKind::Epidemic),
        None,
        None,
        S129ZC_1,
        Some(epidemic)
    ),
];

// ------------------------------------------------------------------ effects

/// A new episode: the data of an earlier one goes (an order still in force
/// is handled by the rows before this is reached).
fn begin(ctx: &mut Ctx<'_>, cause: Option<UnlawfulCause>) {
    let since = ctx.finding_at();
    ctx.case.removal = RemovalData {
        state: ctx.case.removal.state,
        cause,
        since: Some(since),
        base: Some(ctx.case.date_of(since)),
        ..RemovalData::default()
    };
    ctx.case.rearm(DeadlineName::AppealWindow);
    ctx.case.rearm(DeadlineName::RemovalLiability);
    ctx.case.rearm(DeadlineName::HcAppealWindow);
    ctx.case.rearm(DeadlineName::RemovalOrderExpiry);
}

fn start(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 45(1); s 47(2)(a): "within 42 days after … the day on which the person
    // became unlawfully within New Zealand", reckoned under s 2(2).
    begin(ctx, cause(ctx));
    ctx.out.cite(RuleId::S47_2)?;
    ctx.out.cite(RuleId::S2_2)
}

fn start_lpp(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 34F: "(a) may not appeal to the Removal Review Authority under
    // section 47; and (b) is immediately liable to removal under Part 2".
    begin(ctx, cause(ctx));
    ctx.case.removal.bar = Some(Bar::LppExpired);
    ctx.case.removal.ground = Some(Ground::C);
    ctx.out.cite(RuleId::S45_1)?;
    ctx.out.cite(RuleId::S34F)
}

fn start_s27a(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 63(2)–(3): no appeal; an order after 7 days.
    begin(ctx, cause(ctx));
    ctx.case.removal.bar = Some(Bar::S27aPermit);
    ctx.out.cite(RuleId::S45_1)
}

fn start_transitional(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Part 2 as substituted applies from 1 October 1999; a person unlawful
    // immediately before then is a s 70 person (s 70(1)).
    begin(ctx, cause(ctx));
    ctx.case.removal.transitional = Transitional::Pending;
    ctx.case.rearm(DeadlineName::Part2Commencement);
    Ok(())
}

fn commence_s70(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.out.cite(RuleId::S70_1)?;
    ctx.case.removal.transitional = Transitional::Open;
    ctx.case.rearm(DeadlineName::AppealWindow);
    ctx.case.rearm(DeadlineName::RemovalLiability);
    Ok(())
}

fn s70_notice(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 70(3)(b): "if before 19 August 2000 an immigration officer serves a
    // notice …, the person may appeal … within 42 days of being served". A
    // notice served later is not such a notice: s 70(3)(a) and (c) stand.
    let served = ctx.case.date_of(ctx.at());
    if served < s70_notice_by() {
        ctx.case.removal.transitional = Transitional::Notice;
        ctx.case.removal.base = Some(served);
        ctx.case.rearm(DeadlineName::AppealWindow);
        ctx.case.rearm(DeadlineName::RemovalLiability);
        ctx.out.cite(RuleId::S2_2)?;
    }
    Ok(())
}

fn reconsideration_confirmed(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 47(2): "the later of— (a) the day on which the person became
    // unlawfully within New Zealand; or (b) the day on which the person
    // received notification under section 31 of the confirmation".
    let day = ctx.case.date_of(ctx.at());
    let r = &mut ctx.case.removal;
    if r.base.is_none_or(|b| day > b) {
        r.base = Some(day);
        r.base_s31 = true;
    }
    r.window_closed = false;
    ctx.case.rearm(DeadlineName::AppealWindow);
    ctx.case.rearm(DeadlineName::RemovalLiability);
    ctx.out.cite(RuleId::S2_2)
}

fn become_liable(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let Some((_, _, ground)) = liability(ctx.case) {
        ctx.case.removal.ground = Some(ground);
        ctx.out.cite(ground.rule())?;
    }
    Ok(())
}

fn liable_after_decision(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.ground = Some(Ground::B);
    Ok(())
}

fn close_window(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.window_closed = true;
    Ok(())
}

fn close_hc_window(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.hc_window = false;
    Ok(())
}

fn returned(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 53(1)(d): "in New Zealand while a previously executed removal order is
    // still in force"; s 47(5)(a): no appeal. The person is unlawfully in New
    // Zealand (s 4(2)).
    let order = ctx.case.removal.order;
    let since = ctx.finding_at();
    ctx.case.removal = RemovalData {
        state: ctx.case.removal.state,
        cause: cause(ctx).or(Some(UnlawfulCause::EnteredUnlawfully)),
        since: Some(since),
        base: Some(ctx.case.date_of(since)),
        bar: Some(Bar::ReturnedWhileOrderInForce),
        ground: Some(Ground::D),
        order,
        executed: ctx.case.removal.executed,
        ..RemovalData::default()
    };
    ctx.case.status.state = StatusState::Unlawful;
    ctx.out.cite(RuleId::S47_5_A)
}

fn unlawful_with_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // An order served before the permit (rule map §7 A33) is still in force.
    let since = ctx.finding_at();
    let k = cause(ctx);
    let r = &mut ctx.case.removal;
    r.cause = k;
    r.since = Some(since);
    Ok(())
}

fn appeal_barred(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let rule = ctx.case.removal.bar.map_or(RuleId::S47_1, Bar::rule);
    if rule == RuleId::S47_5_B {
        ctx.out.cite(RuleId::S34F)?;
    }
    ctx.find(Severity::Violation, FindingCode::AppealBarred, rule)
}

fn late_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 48(4): "The Authority must not consider an appeal … unless it has
    // been … brought within the 42-day period".
    ctx.find(Severity::Violation, FindingCode::LateAppeal, RuleId::S48_4)
}

fn defective_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::DefectiveAppeal,
        RuleId::S48_4,
    )
}

fn lodge_rra_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.out.cite(RuleId::S47_1)?;
    ctx.case.removal.appeal = Some(Forum::Rra);
    Ok(())
}

fn lodge_against_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Rule map §7 A10, A07: the order stays, but it may not be executed while
    // the appeal is pending (s 53(1)(a)); the officer should consider
    // cancelling it (s 58).
    let f = forum(ctx).unwrap_or(Forum::Rra);
    ctx.case.removal.appeal = Some(f);
    if f == Forum::Hc {
        ctx.case.removal.hc_window = false;
    }
    ctx.find(
        Severity::Undetermined,
        FindingCode::ConsiderCancellation,
        RuleId::S58_1,
    )
}

fn late_hc_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 115A(2): "within 28 days after the date on which the decision … was
    // notified …, or within such further time as the High Court may allow".
    ctx.find(
        Severity::Violation,
        FindingCode::LateAppeal,
        RuleId::S115A_2,
    )
}

fn lodge_court_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.appeal = Some(Forum::Hc);
    ctx.case.removal.hc_window = false;
    Ok(())
}

fn lodge_ca_appeal(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if matches!(
        ctx.event.kind,
        EventKind::AppealLodge {
            leave: Some(false),
            ..
        }
    ) {
        return Err(Rejection::not_in_state(
            RuleId::S116,
            "an appeal to the Court of Appeal needs leave",
        ));
    }
    ctx.case.removal.appeal = Some(Forum::Ca);
    Ok(())
}

fn withdraw(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.appeal = None;
    ctx.case.rearm(DeadlineName::RemovalLiability);
    Ok(())
}

fn decided_rra(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 51(1): the decision "in writing"; the line's instant is its
    // notification to the person. s 115A(2): 28 days from then.
    ctx.out.cite(RuleId::S51_1)?;
    let r = &mut ctx.case.removal;
    r.appeal = None;
    r.notified = Some(ctx.event.at);
    r.hc_window = true;
    r.decided_by = Some(Forum::Rra);
    ctx.case.rearm(DeadlineName::RemovalLiability);
    ctx.case.rearm(DeadlineName::HcAppealWindow);
    ctx.out.cite(RuleId::S115A_2)
}

fn decided_court(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 53(1)(b) counts "a further appeal, if any, to the High Court … or the
    // Court of Appeal": the 7 days run from this notification. A further
    // appeal lies only by leave (s 116), with no period in the Act.
    let f = forum(ctx);
    let r = &mut ctx.case.removal;
    r.appeal = None;
    r.notified = Some(ctx.event.at);
    r.hc_window = false;
    r.decided_by = f;
    ctx.case.rearm(DeadlineName::RemovalLiability);
    Ok(())
}

fn remitted(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.removal.appeal = Some(Forum::Rra);
    ctx.case.removal.hc_window = false;
    Ok(())
}

fn decided_against_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // The pending appeal (rule map §7 A10) is determined: if against the
    // person, execution waits the s 53(1)(b) 7 days; if for the person, the
    // officer should consider cancelling the order.
    let result = match ctx.event.kind {
        EventKind::AppealDecide { result, .. } => result,
        _ => AppealResult::Dismissed,
    };
    let from_rra = forum(ctx).unwrap_or(Forum::Rra) == Forum::Rra;
    let r = &mut ctx.case.removal;
    r.appeal = None;
    r.notified = Some(ctx.event.at);
    r.hc_window = from_rra;
    ctx.case.rearm(DeadlineName::HcAppealWindow);
    if result != AppealResult::Dismissed {
        ctx.find(
            Severity::Undetermined,
            FindingCode::ConsiderCancellation,
            RuleId::S58_1,
        )?;
    }
    Ok(())
}

fn excluded(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // ss 128(4), 128AC(7), 128A(11), 128B(2): "shall not be liable to be dealt
    // with under any of the provisions of Part 2".
    let rule = excluded_by(ctx.case).unwrap_or(RuleId::S128_4);
    ctx.find(Severity::Violation, FindingCode::Part2Excluded, rule)
}

fn during_reconsideration(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 31(2): "until any such application for reconsideration has been
    // determined,— (a) no removal order shall be made or (if already made)
    // served". Reported; the order has no effect.
    ctx.find(
        Severity::Violation,
        FindingCode::RemovalDuringReconsideration,
        RuleId::S31_2,
    )
}

/// The age test of s 57(2): "under 17 years of age at the date the order is
/// made" (marriage does not matter here).
fn under_17_on(case: &Case, on: Date) -> bool {
    case.person
        .born
        .and_then(|b| b.add_years(17))
        .is_some_and(|seventeenth| on < seventeenth)
}

fn make_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::RemovalOrderMake { by, officer, .. } = ctx.event.kind else {
        return Ok(());
    };
    // s 54(1): "The chief executive, or any immigration officer designated by
    // the chief executive for the purposes of this section".
    if by.is_some_and(|a| !matches!(a, Actor::Io | Actor::ChiefExecutive)) {
        return Err(Rejection::not_in_state(
            RuleId::S54_1,
            "only the chief executive or a designated immigration officer makes a removal order",
        ));
    }
    // s 54(2): "An immigration officer may not make a removal order in
    // respect of a person if the officer has at any previous time been
    // involved in determining an application by that person for a permit."
    if officer.is_some_and(|o| ctx.case.removal_record.officers.contains(&o)) {
        return Err(Rejection::not_in_state(
            RuleId::S54_2,
            "this officer determined a permit application by the person (s 54(2))",
        ));
    }
    // "removal order means a removal order made under section 54" (s 2).
    ctx.out.cite(RuleId::S54)?;
    // Settled reading 8: s 53 is "subject to" s 129X.
    if ctx.case.person.claimant {
        ctx.find(
            Severity::Undetermined,
            FindingCode::OrderAgainstClaimant,
            RuleId::S129X_1,
        )?;
    }
    let at = ctx.at();
    let under17 = under_17_on(ctx.case, ctx.case.date_of(at));
    // s 53(1)(d): the executed order stays in force beside the new one.
    if let Some(on) = ctx
        .case
        .removal
        .order
        .filter(|o| o.in_force())
        .and_then(|o| o.removed_on)
    {
        ctx.case.removal.executed = Some(on);
    }
    ctx.case.removal.order = Some(Order {
        made: at,
        under17,
        served: None,
        removed_on: None,
        ended: false,
        claim_after_service: false,
    });
    ctx.case.removal.notified = None;
    Ok(())
}

fn reject_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    use RemovalState as R;
    let r = &ctx.case.removal;
    let (rule, message) = match r.state {
        R::Unlawful if r.bar == Some(Bar::S27aPermit) => (
            RuleId::S63_3,
            "an order may be made only after the 7 days of s 63(3)",
        ),
        R::Unlawful if r.transitional != Transitional::No => (
            RuleId::S70_3_C,
            "the person is not yet liable under s 70(3)",
        ),
        R::Unlawful | R::AppealPending | R::CourtAppealPending => (
            RuleId::S53_1_A,
            "the person is not liable to removal: the 42 days have not passed, or an appeal is pending",
        ),
        R::PostDecisionGrace => (
            RuleId::S53_1_B,
            "the 7 days after the decision was notified have not passed",
        ),
        R::AppealAllowed => (
            RuleId::S52_6,
            "the Authority allowed the appeal: its direction is to be complied with",
        ),
        _ => (
            RuleId::S54_1,
            "no ground of s 53(1) or s 70(3) applies to the person",
        ),
    };
    Err(Rejection::not_in_state(rule, message))
}

fn reject_service(_ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    Err(Rejection::not_in_state(
        RuleId::S56_1,
        "there is no removal order made and not yet served",
    ))
}

fn reject_cancellation(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 58(1): an order "that has been served", "while the person … is still
    // in New Zealand", by an endorsed copy; s 58(4): after the person has
    // left, by a notice in the prescribed form.
    let rule = if ctx.case.removal.state == RemovalState::Removed {
        RuleId::S58_4
    } else {
        RuleId::S58_1
    };
    Err(Rejection::not_in_state(
        rule,
        "no served removal order can be cancelled this way",
    ))
}

fn defective_service(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 56(1): "by personal service only": the order is not served.
    ctx.find(
        Severity::Violation,
        FindingCode::DefectiveOrderService,
        RuleId::S56_1,
    )
}

fn serve_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::RemovalOrderServe { by, mode } = ctx.event.kind else {
        return Ok(());
    };
    // s 56(1): "served by an immigration officer or member of the Police".
    if by.is_some_and(|a| !matches!(a, Actor::Io | Actor::Police)) {
        return Err(Rejection::not_in_state(
            RuleId::S56_1,
            "a removal order is served by an immigration officer or a member of the Police",
        ));
    }
    ctx.out.cite(RuleId::S56_1)?;
    if mode == Some(ServiceMode::S141cD) {
        // "Except where section 141C(d) applies": s 141C is missing.
        ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S141C)?;
    }
    if ctx.case.person.claimant {
        ctx.find(
            Severity::Undetermined,
            FindingCode::OrderAgainstClaimant,
            RuleId::S129X_1,
        )?;
    }
    let at = ctx.at();
    if let Some(o) = ctx.case.removal.order.as_mut() {
        o.served = Some(at);
    }
    ctx.case.person.removal_order = true;
    // s 61: a person serving a sentence is held in prison until release.
    if ctx.case.removal_record.imprisoned {
        ctx.case.removal_detention.state = RemovalDetentionState::ServingSentence;
        ctx.out.cite(RuleId::S61)?;
    }
    Ok(())
}

fn cancel_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 58(1) cancels "the removal order" served: the newest one. An earlier
    // executed order still in force (s 53(1)(d)) is not touched.
    if let Some(o) = ctx.case.removal.order.as_mut() {
        o.ended = true;
    }
    ctx.case.person.removal_order = order_in_force(ctx.case);
    // s 58(2): "The cancellation endorsement serves as a direction to any
    // person who may be detaining the person in custody in reliance on the
    // order to release the person from custody immediately."
    if super::removal_detention::in_custody(ctx.case) {
        ctx.out.cite(RuleId::S58_2)?;
        ctx.case.removal_detention.cancelled_at = Some(ctx.at());
        ctx.case.rearm(DeadlineName::ReleaseDue);
    }
    Ok(())
}

fn consider_cancellation(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 58(5) as supplied (from 17 November 2009): "an immigration officer
    // must consider cancelling the removal order … if the person provides
    // information … relevant to New Zealand's international obligations".
    // Its earlier wording is not in the supplied text.
    if ctx.case.date_of(ctx.at()) < s58_5_from() {
        ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S58_5)
    } else {
        ctx.find(
            Severity::Undetermined,
            FindingCode::ConsiderCancellation,
            RuleId::S58_5,
        )
    }
}

fn order_expired(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let r = &mut ctx.case.removal;
    match r.order.as_mut() {
        // The newest order was executed: its 5 years end (s 57(1)); an
        // earlier one ended no later.
        Some(o) if o.in_force() && o.removed_on.is_some() => {
            o.ended = true;
            r.executed = None;
        }
        // Only the earlier executed order was running (s 53(1)(d)).
        _ => r.executed = None,
    }
    ctx.case.person.removal_order = order_in_force(ctx.case);
    Ok(())
}

fn removed(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 2(7): removed "if that person leaves New Zealand … while a removal
    // order is in force"; s 57(1): in force "until the expiry of 5 years after
    // the date the person … is removed"; s 57(2): for a person under 17 at the
    // date the order was made, "only until the person is removed".
    let on = ctx.case.date_of(ctx.at());
    let mut under17 = false;
    let r = &mut ctx.case.removal;
    match r.order.as_mut() {
        Some(o) if o.in_force() => {
            o.removed_on = Some(on);
            under17 = o.under17;
            if under17 {
                o.ended = true;
            } else {
                // The newer order's 5 years outlast the earlier one's.
                r.executed = None;
            }
        }
        // Removed again under the earlier executed order (s 53(1)(d)): its 5
        // years run from this removal; an order made but never served has
        // no force (s 57(1)).
        o => {
            if let Some(o) = o {
                o.ended = true;
            }
            if r.executed.is_some() {
                r.executed = Some(on);
            }
        }
    }
    ctx.case.person.removal_order = order_in_force(ctx.case);
    if under17 {
        ctx.out.cite(RuleId::S57_2)?;
    } else {
        ctx.out.cite(RuleId::S57_1)?;
    }
    ctx.case.rearm(DeadlineName::RemovalOrderExpiry);
    Ok(())
}

fn departed_before_service(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 53(3): "voluntary departure … at any time before a removal order is
    // made and served" is not removal (s 2(7)).
    if let Some(o) = ctx.case.removal.order.as_mut() {
        o.ended = true;
    }
    Ok(())
}

fn regularised(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 45(1): the obligation lasts "unless subsequently granted a permit".
    // An order made but not served has no force (s 57(1)).
    if let Some(o) = ctx.case.removal.order.as_mut() {
        if o.served.is_none() {
            o.ended = true;
        }
    }
    ctx.case.removal.appeal = None;
    // Rule map §7 A33: a permit does not cancel an order in force; the s 58
    // cancellation is for an officer to consider.
    if order_in_force(ctx.case) {
        ctx.find(
            Severity::Undetermined,
            FindingCode::ConsiderCancellation,
            RuleId::S58_1,
        )?;
    }
    Ok(())
}

fn record_officer(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let Some(o) = officer_of(ctx) {
        let officers = &mut ctx.case.removal_record.officers;
        if !officers.contains(&o) {
            officers.push(o).map_err(|_| {
                Rejection::capacity("at most 4 officers' permit decisions are recorded (s 54(2))")
            })?;
        }
    }
    Ok(())
}

fn claim_after_service(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 60(6)(a): "a refugee status claimant who claimed refugee status only
    // after the removal order was served".
    if let Some(o) = ctx.case.removal.order.as_mut() {
        o.claim_after_service = true;
    }
    Ok(())
}

fn epidemic(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::EpidemicNotice { commenced, expires } = ctx.event.kind {
        ctx.case.removal_record.epidemic = Some((commenced, expires));
    }
    Ok(())
}

// ------------------------------------------------------------------ deadlines

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    use RemovalState as R;
    let r = &case.removal;
    // ss 128(4), 128B(2): while s 128 or s 128B applies, nothing in Part 2
    // runs, its clocks included.
    if excluded_by(case).is_some() {
        return Ok(());
    }
    let mut push = |d: Deadline| {
        out.push(d)
            .map_err(|_| Rejection::capacity("too many open deadlines"))
    };
    match r.state {
        R::Unlawful | R::Liable => {
            if r.transitional == Transitional::Pending {
                push(Deadline {
                    name: DeadlineName::Part2Commencement,
                    due: case.start_of(part2_start()).add_seconds(-1),
                    due_strict: None,
                    rule: RuleId::S70_1,
                })?;
            }
            if let Some(last) = window(case) {
                let rule = match r.transitional {
                    Transitional::Open => RuleId::S70_3_A,
                    Transitional::Notice => RuleId::S70_3_B,
                    _ if r.base_s31 => RuleId::S47_2_B,
                    _ => RuleId::S47_2,
                };
                push(Deadline {
                    name: DeadlineName::AppealWindow,
                    due: case.end_of(last),
                    due_strict: None,
                    rule,
                })?;
            }
            if r.state == R::Unlawful {
                if let Some((due, due_strict, ground)) = liability(case) {
                    push(Deadline {
                        name: DeadlineName::RemovalLiability,
                        due,
                        due_strict,
                        rule: ground.rule(),
                    })?;
                }
            }
        }
        R::PostDecisionGrace => {
            if let Some((due, due_strict)) = r.notified.and_then(|n| grace(case, n)) {
                push(Deadline {
                    name: DeadlineName::RemovalLiability,
                    due,
                    due_strict,
                    rule: RuleId::S53_1_B,
                })?;
            }
        }
        _ => {}
    }
    // The currency of an executed order (s 57(1)), whatever happened since.
    if r.state != R::Inactive {
        if let Some(due) = order_expiry(case) {
            push(Deadline {
                name: DeadlineName::RemovalOrderExpiry,
                due,
                due_strict: None,
                rule: RuleId::S57_1,
            })?;
        }
    }
    if matches!(
        r.state,
        R::PostDecisionGrace | R::Liable | R::AppealAllowed | R::OrderMade | R::OrderInForce
    ) {
        if let Some(last) = hc_last_day(case) {
            push(Deadline {
                name: DeadlineName::HcAppealWindow,
                due: case.end_of(last),
                due_strict: None,
                rule: RuleId::S115A_2,
            })?;
        }
    }
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
