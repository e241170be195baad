//! Machine `status`: the person's immigration status (Part 1; rule map
//! `status_and_border.md` §2).
//!
//! A non-citizen "may be in New Zealand only if that person is— (a) the holder
//! of a permit granted under this Act; or (b) exempt" (s 4(1)); otherwise "is
//! deemed … to be in New Zealand unlawfully" (s 4(2)). While s 128 or s 128B
//! applies the status is `unlawful-s128` / `unlawful-s128b` and the border
//! machines own the person; while s 129 covers a transit passenger it is
//! `transit`.

use super::table::{g, label, row, Signal, Transition, Trigger};
use crate::case::{Case, Ctx, Deadlines};
#[cfg(feature = "lifecycle")]
use crate::outcome::ErrorCode;
use crate::outcome::{Deadline, DeadlineName, FindingCode, Outcome, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::{Date, Instant};
#[cfg(feature = "lifecycle")]
use crate::vocab::event::ParentStatus;
use crate::vocab::event::{EventKind, Verb};
pub use crate::vocab::states::StatusState;
use crate::vocab::values::{
    ArrivalPlace, ExemptBasis, GrantBasis, PermitKind, PermitType, RevokeSection, SentenceKind,
    UnlawfulCause,
};
#[cfg(feature = "lifecycle")]
use crate::vocab::values::{Locus, ReconsiderationResult, Service};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A permit held (or, while outside New Zealand, a pre-cleared permit).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Permit {
    /// Temporary, residence or limited purpose.
    pub permit: PermitType,
    /// For a temporary permit: visitor, work or student.
    pub kind: Option<PermitKind>,
    /// The endorsed expiry date (s 26(2)(b)(i)) or latest expiry (s 34C(2)).
    pub expires: Option<Date>,
    /// A pre-cleared permit (s 35B).
    pub precleared: bool,
    /// A deemed extension under s 35AC, to the end of this date.
    pub extended_to: Option<Date>,
    /// The route of the grant (`basis=`): a s 27A permit expires into s 63.
    pub basis: Option<GrantBasis>,
}

crate::wire::wire_struct!(Permit {
    permit,
    kind,
    expires,
    precleared,
    extended_to,
    basis
});

impl Permit {
    /// The last day the permit is current.
    pub fn last_day(&self) -> Option<Date> {
        match (self.expires, self.extended_to) {
            (Some(e), Some(x)) => Some(e.max(x)),
            (e, None) => e,
            (None, Some(_)) => None,
        }
    }

    fn state(&self) -> StatusState {
        match self.permit {
            PermitType::Temporary => StatusState::TemporaryPermit,
            PermitType::Residence => StatusState::ResidencePermit,
            PermitType::LimitedPurpose => StatusState::LimitedPurposePermit,
        }
    }
}

/// An exemption held.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Exemption {
    /// The basis.
    pub basis: ExemptBasis,
    /// The last day of the exemption, if it has one.
    pub until: Option<Date>,
}

crate::wire::wire_struct!(Exemption { basis, until });

/// A revocation that takes effect later.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Revocation {
    /// The section it is made under.
    pub section: RevokeSection,
    /// The date on which it becomes effective (from 00:00 that date, rule map 9.22).
    pub effective: Date,
}

crate::wire::wire_struct!(Revocation { section, effective });

/// Data of the `status` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct StatusData {
    /// The state.
    pub state: StatusState,
    /// The permit held (or the pre-cleared permit held before arrival).
    pub permit: Option<Permit>,
    /// The exemption held.
    pub exemption: Option<Exemption>,
    /// A permit granted on an application in anticipation of ceasing to be
    /// exempt (s 13(2)–(3)): in force when the exemption ceases.
    pub anticipatory: Option<Permit>,
    /// A pending application: its type, and whether it was made while holding
    /// a current temporary permit (s 30(1)).
    pub application: Option<(PermitType, bool)>,
    /// A s 29/s 30 application was declined (s 31(1) reconsideration possible).
    pub declined: bool,
    /// A s 31 reconsideration is pending (s 31(2)).
    pub reconsideration: bool,
    /// A revocation taking effect later (ss 20, 33, 33A).
    pub revocation: Option<Revocation>,
    /// Arrival instant of the current journey.
    pub arrived: Option<Instant>,
    /// First report or presentation to an immigration officer (s 128(3)).
    pub first_report: Option<Instant>,
}

crate::wire::wire_struct!(StatusData {
    state,
    permit,
    exemption,
    anticipatory,
    application,
    declined,
    reconsideration,
    revocation,
    arrived,
    first_report
});

/// Sets the status.
pub(crate) fn set(ctx: &mut Ctx<'_>, s: StatusState) {
    ctx.case.status.state = s;
}

/// A `person citizen=yes` line: a citizen's status is `citizen` (s 3).
///
/// s 3(2): "no provision of this Act that is inconsistent with that right
/// shall apply to New Zealand citizens". Citizenship established after the
/// border machines started (the record showed a foreign passport) ends
/// them: s 128, s 128B and s 129 never applied to the person and their
/// clocks are gone. A detention under s 128 or s 128B already on the record
/// of the journey is reported as `citizen-detained` at the instant the
/// custody began (once: only when the fact changes from not a citizen). A
/// permit holder's or exempt person's status is left as it is: holding a
/// permit is not inconsistent with the right.
pub(crate) fn on_citizenship(
    case: &mut Case,
    was_citizen: bool,
    out: &mut Outcome,
) -> Result<(), Rejection> {
    use StatusState as S;
    if !case.person.citizen {
        return Ok(());
    }
    if !was_citizen {
        let border = if case.border.detained {
            case.border.anchor_strict.or(case.border.anchor)
        } else {
            None
        };
        let detained_at = match (border, case.eligibility.custody_since) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(at) = detained_at {
            out.find(
                Severity::Violation,
                FindingCode::CitizenDetained,
                RuleId::S3,
                at,
            )?;
        }
        #[cfg(feature = "removal")]
        super::removal::on_citizenship(case, out)?;
    }
    match case.status.state {
        S::Outside | S::Arrived | S::Departed => {}
        S::UnlawfulS128 | S::UnlawfulS128b | S::Transit | S::Unlawful => {
            reset_border_machines(case);
            out.cite(RuleId::S3)?;
        }
        _ => return Ok(()),
    }
    case.status.state = StatusState::Citizen;
    Ok(())
}

/// Starts a new journey: the border machines of an earlier journey are reset.
pub(crate) fn begin_journey(ctx: &mut Ctx<'_>) {
    let at = ctx.at();
    reset_border_machines(ctx.case);
    ctx.case.status.arrived = Some(at);
    ctx.case.status.first_report = None;
}

/// The s 128, s 128B and s 129 machines back to `inactive`, their clocks gone.
#[inline(never)]
fn reset_border_machines(case: &mut Case) {
    case.border = Default::default();
    case.eligibility = Default::default();
    case.transit = Default::default();
    case.fired = Default::default();
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.status.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

// ------------------------------------------------------------------ guards

fn is_citizen(c: &Ctx<'_>) -> bool {
    c.case.person.citizen
}

fn plain_arrival(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Arrive {
            transit: false,
            stowaway: false,
            precleared: false,
            ..
        }
    ) && !c.case.person.citizen
}

/// A removed person back in New Zealand, elsewhere than at a Customs place,
/// while the order is in force: unlawfully there (s 4(2)), and Part 2 applies
/// at once (s 53(1)(d)).
#[cfg(feature = "removal")]
fn returns_while_order_in_force(c: &Ctx<'_>) -> bool {
    plain_arrival(c)
        && c.case.person.removal_order
        && matches!(
            c.event.kind,
            EventKind::Arrive {
                place: Some(ArrivalPlace::Elsewhere),
                ..
            }
        )
}

fn precleared_arrival(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Arrive {
            precleared: true,
            stowaway: false,
            transit: false,
            ..
        }
    ) && c.case.status.permit.is_some_and(|p| p.precleared)
}

fn basis_s11(c: &Ctx<'_>) -> bool {
    matches!(c.event.kind, EventKind::Exempt { basis, .. } if basis.is_s11_or_s12() && !matches!(basis, ExemptBasis::S12Regulations | ExemptBasis::S12Direction))
}

fn basis_s12(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Exempt {
            basis: ExemptBasis::S12Regulations | ExemptBasis::S12Direction,
            ..
        }
    )
}

fn has_anticipatory(c: &Ctx<'_>) -> bool {
    c.case.status.anticipatory.is_some()
}

fn no_anticipatory(c: &Ctx<'_>) -> bool {
    c.case.status.anticipatory.is_none()
}

fn applies_for(c: &Ctx<'_>, t: PermitType) -> bool {
    matches!(c.event.kind, EventKind::ApplyPermit { permit, .. } if permit == t)
}

fn applies_temporary(c: &Ctx<'_>) -> bool {
    applies_for(c, PermitType::Temporary)
}

fn applies_residence(c: &Ctx<'_>) -> bool {
    applies_for(c, PermitType::Residence)
}

fn applies_lpp(c: &Ctx<'_>) -> bool {
    applies_for(c, PermitType::LimitedPurpose)
}

fn applies_other_than_lpp(c: &Ctx<'_>) -> bool {
    !applies_lpp(c)
}

#[cfg(feature = "lifecycle")]
fn applies_temporary_under_revocation(c: &Ctx<'_>) -> bool {
    applies_temporary(c)
        && c.case
            .status
            .revocation
            .is_some_and(|r| r.section == RevokeSection::S20)
}

fn grants(c: &Ctx<'_>, t: PermitType) -> bool {
    matches!(c.event.kind, EventKind::GrantPermit { permit, precleared: false, .. } if permit == t)
}

fn grants_temporary(c: &Ctx<'_>) -> bool {
    grants(c, PermitType::Temporary)
}

fn grants_residence(c: &Ctx<'_>) -> bool {
    grants(c, PermitType::Residence)
}

fn grants_lpp(c: &Ctx<'_>) -> bool {
    grants(c, PermitType::LimitedPurpose)
}

fn grants_precleared(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::GrantPermit {
            precleared: true,
            ..
        }
    )
}

fn grants_on_further_application(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::GrantPermit {
            precleared: false,
            ..
        }
    ) && c
        .case
        .status
        .application
        .is_some_and(|(_, while_current)| while_current)
}

#[cfg(feature = "lifecycle")]
fn grants_temporary_under_revocation(c: &Ctx<'_>) -> bool {
    grants_temporary(c)
        && c.case
            .status
            .revocation
            .is_some_and(|r| r.section == RevokeSection::S20)
}

fn grants_any(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::GrantPermit {
            precleared: false,
            ..
        }
    )
}

fn declines_pending(c: &Ctx<'_>) -> bool {
    c.case.status.application.is_some()
}

#[cfg(feature = "lifecycle")]
fn revokes(c: &Ctx<'_>, s: RevokeSection) -> bool {
    matches!(c.event.kind, EventKind::RevokePermit { section, .. } if section == s)
}

#[cfg(feature = "lifecycle")]
fn revokes_in_office(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::RevokePermit {
            section: RevokeSection::S19 | RevokeSection::S32,
            locus: Some(Locus::Office),
            ..
        }
    )
}

#[cfg(feature = "lifecycle")]
fn revokes_s20(c: &Ctx<'_>) -> bool {
    revokes(c, RevokeSection::S20)
}

#[cfg(feature = "lifecycle")]
/// s 33(4): "Where the holder of a temporary permit is a person to whom any of
/// paragraphs (a) to (d) of section 7(1) of this Act applies", the revocation
/// is effective on service: as the line says (`s7-1=`), or as the person's
/// record shows (the s 7 assessment).
fn revokes_s33_immediately(c: &Ctx<'_>) -> bool {
    match c.event.kind {
        EventKind::RevokePermit {
            section: RevokeSection::S33,
            s7_1,
            ..
        } => {
            s7_1.is_some()
                || matches!(
                    super::s7::ineligible(&c.case.person.s7_record(), c.case.date_of(c.at())),
                    Some(RuleId::S7_1_A | RuleId::S7_1_B | RuleId::S7_1_C | RuleId::S7_1_D)
                )
        }
        _ => false,
    }
}

#[cfg(feature = "lifecycle")]
fn revokes_s33_later(c: &Ctx<'_>) -> bool {
    revokes(c, RevokeSection::S33) && !revokes_s33_immediately(c)
}

#[cfg(feature = "lifecycle")]
fn revokes_s33a(c: &Ctx<'_>) -> bool {
    revokes(c, RevokeSection::S33A)
}

#[cfg(feature = "lifecycle")]
fn revocation_is(c: &Ctx<'_>, s: RevokeSection) -> bool {
    c.case.status.revocation.is_some_and(|r| r.section == s)
}

#[cfg(feature = "lifecycle")]
fn revocation_s20(c: &Ctx<'_>) -> bool {
    revocation_is(c, RevokeSection::S20)
}

#[cfg(feature = "lifecycle")]
fn revocation_s33(c: &Ctx<'_>) -> bool {
    revocation_is(c, RevokeSection::S33)
}

#[cfg(feature = "lifecycle")]
fn revocation_s33a(c: &Ctx<'_>) -> bool {
    revocation_is(c, RevokeSection::S33A)
}

#[cfg(feature = "lifecycle")]
fn holds_precleared(c: &Ctx<'_>) -> bool {
    c.case.status.permit.is_some_and(|p| p.precleared)
}

#[cfg(feature = "lifecycle")]
fn was_declined(c: &Ctx<'_>) -> bool {
    c.case.status.declined
}

#[cfg(feature = "lifecycle")]
fn reconsideration_pending(c: &Ctx<'_>) -> bool {
    c.case.status.reconsideration
}

#[cfg(feature = "lifecycle")]
fn parent_is(c: &Ctx<'_>, f: fn(&ParentStatus) -> bool) -> bool {
    matches!(&c.event.kind, EventKind::Birth { parents } if parents.iter().any(f))
}

#[cfg(feature = "lifecycle")]
fn parent_exempt(c: &Ctx<'_>) -> bool {
    parent_is(c, |p| matches!(p, ParentStatus::Exempt(..)))
}

#[cfg(feature = "lifecycle")]
fn parent_temporary(c: &Ctx<'_>) -> bool {
    parent_is(c, |p| matches!(p, ParentStatus::Temporary(..)))
}

#[cfg(feature = "lifecycle")]
fn parent_lpp(c: &Ctx<'_>) -> bool {
    parent_is(c, |p| matches!(p, ParentStatus::LimitedPurpose(..)))
}

#[cfg(feature = "lifecycle")]
fn parent_unlawful(c: &Ctx<'_>) -> bool {
    parent_is(c, |p| matches!(p, ParentStatus::Unlawful(..)))
}

fn big_sentence(c: &Ctx<'_>) -> bool {
    matches!(c.event.kind, EventKind::Conviction { sentence_months: Some(m), .. } if m >= 60)
}

// ------------------------------------------------------------------ the table

use StatusState as S;
use Trigger::{Clock, Verb as On};

/// The transitions of the `status` machine (rule map §2.3, ids A1–A36).
pub const TRANSITIONS: &[Transition<StatusState>] = &[
    // Arrival (ss 3, 126, 35I)
    row!(
        "A1",
        [Outside, Departed, Citizen, Arrived],
        On(Verb::Arrive),
        g(label!("a New Zealand citizen"), is_citizen),
        Some(S::Citizen),
        S3,
        Some(arrive)
    ),
    row!(
        "A5",
        [Outside, Departed],
        On(Verb::Arrive),
        g(
            label!("on the pre-clearance flight, holding a pre-cleared permit"),
            precleared_arrival
        ),
        None,
        S35I,
        Some(arrive_precleared)
    ),
    // Only with Part 2: the return is the removal machine's s 53(1)(d).
    #[cfg(feature = "removal")]
    row!(
        "A4x",
        [Outside, Departed],
        On(Verb::Arrive),
        g(
            label!("elsewhere than a Customs place, a removal order in force"),
            returns_while_order_in_force
        ),
        Some(S::Unlawful),
        S4_2,
        Some(arrive)
    ),
    row!(
        "A4",
        [Outside, Departed],
        On(Verb::Arrive),
        g(label!("not exempt, no pre-cleared permit"), plain_arrival),
        Some(S::Arrived),
        S126_1,
        Some(arrive)
    ),
    row!(
        "A4r",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Citizen
        ],
        On(Verb::Present),
        None,
        None,
        S126_1,
        Some(present)
    ),
    // Exemptions (ss 11–13, 127(2))
    row!(
        "A2",
        [Arrived, Exempt],
        On(Verb::Exempt),
        g(label!("basis in s 11(1)"), basis_s11),
        Some(S::Exempt),
        S11_1,
        Some(exempt)
    ),
    row!(
        "A2b",
        [Arrived, Exempt],
        On(Verb::Exempt),
        g(label!("basis in s 12"), basis_s12),
        Some(S::Exempt),
        S12,
        Some(exempt)
    ),
    row!(
        "A2c",
        [Arrived, Exempt],
        On(Verb::Exempt),
        None,
        Some(S::Exempt),
        S4_1,
        Some(exempt)
    ),
    row!(
        "A30",
        [Exempt],
        On(Verb::ExemptionCease),
        g(
            label!("a permit was granted in anticipation"),
            has_anticipatory
        ),
        None,
        S13_3,
        Some(anticipatory_in_force)
    ),
    row!(
        "A29",
        [Exempt],
        On(Verb::ExemptionCease),
        g(label!("no permit granted in anticipation"), no_anticipatory),
        Some(S::Unlawful),
        S13_1,
        Some(lose_exemption)
    ),
    row!(
        "A30e",
        [Exempt],
        Clock(DeadlineName::ExemptionExpiry),
        g(
            label!("a permit was granted in anticipation"),
            has_anticipatory
        ),
        None,
        S13_3,
        Some(anticipatory_in_force)
    ),
    row!(
        "A29e",
        [Exempt],
        Clock(DeadlineName::ExemptionExpiry),
        g(label!("no permit granted in anticipation"), no_anticipatory),
        Some(S::Unlawful),
        S13_1,
        Some(lose_exemption)
    ),
    // Applications (ss 4(3), 13(2), 17(2), 25, 30, 34B(3), 34D(2))
    row!(
        "I40",
        [LimitedPurposePermit],
        On(Verb::ApplyPermit),
        g(
            label!("for a permit of a different type"),
            applies_other_than_lpp
        ),
        None,
        S34D_2,
        Some(reject_s34d)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A14",
        [
            TemporaryPermit,
            LimitedPurposePermit,
            Exempt,
            Arrived,
            ResidencePermit
        ],
        On(Verb::ApplyPermit),
        g(
            label!("for a temporary permit while a s 20 revocation is pending"),
            applies_temporary_under_revocation
        ),
        None,
        S25_1_D,
        Some(record_application)
    ),
    row!(
        "A33t",
        [Unlawful, UnlawfulS128, UnlawfulS128b],
        On(Verb::ApplyPermit),
        g(label!("for a temporary permit"), applies_temporary),
        None,
        S25_3,
        None
    ),
    row!(
        "A33r",
        [Unlawful, UnlawfulS128, UnlawfulS128b],
        On(Verb::ApplyPermit),
        g(label!("for a residence permit"), applies_residence),
        None,
        S17_2,
        None
    ),
    row!(
        "A33l",
        [Unlawful, UnlawfulS128, UnlawfulS128b],
        On(Verb::ApplyPermit),
        g(label!("for a limited purpose permit"), applies_lpp),
        None,
        S34B_3,
        None
    ),
    row!(
        "A13",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Transit
        ],
        On(Verb::ApplyPermit),
        None,
        None,
        S4_3,
        Some(record_application)
    ),
    // Grants (ss 7, 13(3), 26, 30(3), 35E)
    row!(
        "A6p",
        [Outside, Departed],
        On(Verb::GrantPermit),
        g(
            label!("a pre-cleared permit, granted before travel"),
            grants_precleared
        ),
        None,
        S35E,
        Some(hold_precleared)
    ),
    row!(
        "A13x",
        [Exempt],
        On(Verb::GrantPermit),
        g(
            label!("on an application in anticipation of ceasing to be exempt"),
            grants_any
        ),
        None,
        S13_3,
        Some(grant_anticipatory)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A22t",
        [ResidencePermit],
        On(Verb::GrantPermit),
        g(
            label!("a temporary permit before a s 20 revocation takes effect"),
            grants_temporary_under_revocation
        ),
        Some(S::TemporaryPermit),
        S25_1_D,
        Some(grant)
    ),
    row!(
        "A14g",
        [TemporaryPermit, Unlawful],
        On(Verb::GrantPermit),
        g(
            label!("on a further application made while the permit was current"),
            grants_on_further_application
        ),
        None,
        S30_3,
        Some(grant_dynamic)
    ),
    row!(
        "A7t",
        [Arrived, TemporaryPermit, Unlawful, Transit],
        On(Verb::GrantPermit),
        g(label!("a temporary permit"), grants_temporary),
        Some(S::TemporaryPermit),
        S26_2,
        Some(grant)
    ),
    row!(
        "A7l",
        [
            Arrived,
            TemporaryPermit,
            LimitedPurposePermit,
            Unlawful,
            Transit
        ],
        On(Verb::GrantPermit),
        g(label!("a limited purpose permit"), grants_lpp),
        Some(S::LimitedPurposePermit),
        S4_1,
        Some(grant)
    ),
    row!(
        "A7r",
        [
            Arrived,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            Transit
        ],
        On(Verb::GrantPermit),
        g(label!("a residence permit"), grants_residence),
        Some(S::ResidencePermit),
        S4_1,
        Some(grant)
    ),
    // Refusals
    row!(
        "A15d",
        [
            TemporaryPermit,
            ResidencePermit,
            LimitedPurposePermit,
            Exempt
        ],
        On(Verb::RefusePermit),
        g(label!("a pending application"), declines_pending),
        None,
        S31_1,
        Some(decline)
    ),
    row!(
        "A33x",
        [Unlawful, UnlawfulS128, UnlawfulS128b],
        On(Verb::RefusePermit),
        None,
        None,
        S4_3,
        None
    ),
    // s 3(3): "no New Zealand citizen requires a permit": a refusal changes nothing.
    row!(
        "A1r",
        [Citizen],
        On(Verb::RefusePermit),
        None,
        None,
        S3,
        None
    ),
    // s 3(1): a citizen "has … the right to be in New Zealand at any time": the
    // release of a citizen held without authority (citizen-detained) ends a
    // custody the Act never gave, and changes nothing in it.
    row!("A1x", [Citizen], On(Verb::Release), None, None, S3, None),
    // s 3(2): "no provision of this Act that is inconsistent with that right
    // shall apply to New Zealand citizens": an officer's suspicion under
    // s 128B(1) about a person on record as a citizen is recorded and changes
    // nothing, as a refusal does (A1r).
    row!("A1s", [Citizen], On(Verb::SuspectS7), None, None, S3, None),
    // Revocations (ss 19, 20, 32, 33, 33A)
    #[cfg(feature = "lifecycle")]
    row!(
        "A10o",
        [ResidencePermit, TemporaryPermit, LimitedPurposePermit],
        On(Verb::RevokePermit),
        g(
            label!("for administrative error, in an office"),
            revokes_in_office
        ),
        Some(S::Unlawful),
        S4_2,
        Some(revoked)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A22",
        [ResidencePermit],
        On(Verb::RevokePermit),
        g(label!("by the Minister, s 20"), revokes_s20),
        None,
        S20_2,
        Some(revoke_s20)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A17i",
        [TemporaryPermit],
        On(Verb::RevokePermit),
        g(
            label!("by the Minister, s 33, holder within s 7(1)(a)–(d)"),
            revokes_s33_immediately
        ),
        Some(S::Unlawful),
        S33_4,
        Some(revoked)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A17",
        [TemporaryPermit],
        On(Verb::RevokePermit),
        g(label!("by the Minister, s 33"), revokes_s33_later),
        None,
        S33_3,
        Some(revoke_s33)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A18",
        [TemporaryPermit],
        On(Verb::RevokePermit),
        g(label!("by the Minister, s 33A"), revokes_s33a),
        None,
        S33A_5,
        Some(revoke_s33a)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A23",
        [ResidencePermit, TemporaryPermit],
        Clock(DeadlineName::RevocationEffective),
        g(label!("s 20 revocation"), revocation_s20),
        Some(S::Unlawful),
        S20_2,
        Some(revoked)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A17e",
        [TemporaryPermit],
        Clock(DeadlineName::RevocationEffective),
        g(label!("s 33 revocation"), revocation_s33),
        Some(S::Unlawful),
        S33_3,
        Some(revoked)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A18e",
        [TemporaryPermit],
        Clock(DeadlineName::RevocationEffective),
        g(label!("s 33A revocation"), revocation_s33a),
        Some(S::Unlawful),
        S33A_5,
        Some(revoked)
    ),
    // Expiry (ss 26, 34, 34F)
    row!(
        "A16",
        [TemporaryPermit],
        Clock(DeadlineName::PermitExpiry),
        None,
        Some(S::Unlawful),
        S34,
        Some(expire_temporary)
    ),
    row!(
        "A16l",
        [LimitedPurposePermit],
        Clock(DeadlineName::PermitExpiry),
        None,
        Some(S::Unlawful),
        S34F,
        Some(expire_lpp)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A20",
        [LimitedPurposePermit],
        On(Verb::LppExpiryNotice),
        None,
        None,
        S34C_3,
        Some(lpp_notice)
    ),
    // Pre-clearance (s 35G)
    #[cfg(feature = "lifecycle")]
    row!(
        "A6",
        [Outside, Departed],
        On(Verb::PreclearanceFlightMissed),
        g(label!("holds a pre-cleared permit"), holds_precleared),
        None,
        S35G,
        Some(precleared_expires)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A6d",
        [Outside, Departed],
        On(Verb::PreclearanceFlightDiverted),
        g(label!("holds a pre-cleared permit"), holds_precleared),
        None,
        S35G,
        Some(precleared_expires)
    ),
    // Reconsideration (s 31)
    #[cfg(feature = "lifecycle")]
    row!(
        "A15",
        [TemporaryPermit],
        On(Verb::ReconsiderationApply),
        g(label!("a further permit was declined"), was_declined),
        None,
        S31_1,
        Some(reconsider)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A15r",
        [TemporaryPermit, Unlawful],
        On(Verb::ReconsiderationDecide),
        g(
            label!("a reconsideration is pending"),
            reconsideration_pending
        ),
        None,
        S31_5,
        Some(reconsidered)
    ),
    // Departure and return (ss 2(3), 41, 127)
    row!(
        "A25",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b
        ],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S41,
        Some(depart)
    ),
    row!("A25c", [Citizen], On(Verb::Depart), None, None, S3, None),
    row!(
        "A27",
        [TemporaryPermit],
        On(Verb::EmergencyReturn),
        None,
        None,
        S127_1,
        Some(emergency_return)
    ),
    row!(
        "A28",
        [Exempt],
        On(Verb::EmergencyReturn),
        None,
        None,
        S127_2,
        Some(emergency_return)
    ),
    row!(
        "X12",
        [LimitedPurposePermit, ResidencePermit],
        On(Verb::EmergencyReturn),
        None,
        None,
        S2_3,
        None
    ),
    // Birth (s 4A(4)), in the Act's order of priority
    #[cfg(feature = "lifecycle")]
    row!(
        "A31a",
        [Outside],
        On(Verb::Birth),
        g(label!("a parent exempt"), parent_exempt),
        Some(S::Exempt),
        S4A_4,
        Some(birth)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A31b",
        [Outside],
        On(Verb::Birth),
        g(label!("a parent on a temporary permit"), parent_temporary),
        Some(S::TemporaryPermit),
        S4A_4,
        Some(birth)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A31c",
        [Outside],
        On(Verb::Birth),
        g(label!("a parent on a limited purpose permit"), parent_lpp),
        Some(S::LimitedPurposePermit),
        S4A_4,
        Some(birth)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "A31d",
        [Outside],
        On(Verb::Birth),
        g(label!("a parent unlawful"), parent_unlawful),
        Some(S::Unlawful),
        S4A_4,
        Some(birth_unlawful)
    ),
    // Epidemic (s 35AC; ss 129ZC–129ZF missing from the text)
    #[cfg(feature = "lifecycle")]
    row!(
        "A34",
        [
            TemporaryPermit,
            LimitedPurposePermit,
            Exempt,
            Arrived,
            ResidencePermit,
            Unlawful,
            Outside,
            Departed
        ],
        On(Verb::EpidemicNotice),
        None,
        None,
        S35AC,
        Some(epidemic)
    ),
    #[cfg(feature = "lifecycle")]
    row!(
        "X17",
        [UnlawfulS128, UnlawfulS128b],
        On(Verb::EpidemicNotice),
        None,
        None,
        S129ZD,
        Some(epidemic_gap)
    ),
    // Facts that bear on every state
    row!(
        "F7a",
        [
            Outside,
            Departed,
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit
        ],
        On(Verb::Conviction),
        g(label!("sentence of 5 years or more"), big_sentence),
        None,
        S7_1_A,
        Some(conviction)
    ),
    row!(
        "F7b",
        [
            Outside,
            Departed,
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit
        ],
        On(Verb::Conviction),
        None,
        None,
        S7_1_B,
        Some(conviction)
    ),
    row!(
        "F129G",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit
        ],
        On(Verb::RefugeeClaim),
        None,
        None,
        S129G_1,
        Some(claim)
    ),
    #[cfg(not(feature = "removal"))]
    row!(
        "F54",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit
        ],
        On(Verb::RemovalOrderMake),
        None,
        None,
        S54,
        Some(removal_order)
    ),
    #[cfg(not(feature = "removal"))]
    row!(
        "F54s",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit
        ],
        On(Verb::RemovalOrderServe),
        None,
        None,
        S54,
        Some(removal_order)
    ),
    #[cfg(not(feature = "removal"))]
    row!(
        "F54c",
        [
            Arrived,
            Exempt,
            TemporaryPermit,
            LimitedPurposePermit,
            ResidencePermit,
            Unlawful,
            UnlawfulS128,
            UnlawfulS128b,
            Transit,
            Outside,
            Departed
        ],
        On(Verb::RemovalOrderCancel),
        None,
        None,
        S54,
        Some(removal_order)
    ),
];

// ------------------------------------------------------------------ effects

fn arrive(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    begin_journey(ctx);
    // A non-pre-cleared permit does not survive a departure (s 41).
    if ctx.case.status.permit.is_some_and(|p| !p.precleared) {
        ctx.case.status.permit = None;
    }
    let elsewhere = matches!(
        ctx.event.kind,
        EventKind::Arrive {
            place: Some(ArrivalPlace::Elsewhere),
            ..
        }
    );
    super::signal(ctx, Signal::Arrived(elsewhere))
}

fn arrive_precleared(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    begin_journey(ctx);
    if let Some(p) = ctx.case.status.permit {
        set(ctx, p.state());
    }
    Ok(())
}

fn present(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if ctx.case.status.first_report.is_none() {
        ctx.case.status.first_report = Some(ctx.at());
    }
    Ok(())
}

/// s 7(1): "no exemption shall apply, and no permit shall be granted, to any
/// person" within paragraphs (a)–(i), subject to s 7(3) (the pure function is
/// [`super::s7::ineligible`]).
///
/// When the permit or exemption applies despite s 7 (s 7(3): a grant under
/// s 18, by special direction, for Mutual Assistance purposes or to face a
/// charge; s 11(1)(a) and special-direction exemptions "shall apply
/// notwithstanding"; s 52(3): a permit the Removal Review Authority directs)
/// and the person is within s 7(1), the exception is what lets it apply, so
/// it is cited (no finding). Otherwise the grant is reported as
/// `s7-ineligible-grant` with the paragraph that applies (and s 7(2) when the
/// paragraph rests on cumulative sentences).
pub(crate) fn s7_check(ctx: &mut Ctx<'_>, despite_s7: bool) -> Result<(), Rejection> {
    let today = ctx.case.date_of(ctx.at());
    let record = ctx.case.person.s7_record();
    let Some(super::s7::Ineligibility { rule, cumulated }) = super::s7::assess(&record, today)
    else {
        return Ok(());
    };
    if despite_s7 {
        #[cfg(feature = "removal")]
        if grant_basis(ctx) == Some(GrantBasis::S52Direction) {
            return ctx.out.cite(RuleId::S52_3);
        }
        return ctx.out.cite(RuleId::S7_3);
    }
    if cumulated {
        ctx.out.cite(RuleId::S7_2)?;
    }
    ctx.find(Severity::Violation, FindingCode::S7IneligibleGrant, rule)
}

/// The `basis=` of a grant.
fn grant_basis(ctx: &Ctx<'_>) -> Option<GrantBasis> {
    match ctx.event.kind {
        EventKind::GrantPermit { basis, .. } => basis,
        _ => None,
    }
}

/// The s 7 check of a grant: the basis may be a s 7(3) exception.
fn s7_check_grant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    s7_check(ctx, super::s7::grant_excepted(grant_basis(ctx)))
}

fn exempt(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::Exempt { basis, until } = ctx.event.kind {
        s7_check(ctx, basis.despite_s7())?;
        let until = s11_period(ctx, basis, until)?;
        ctx.case.status.exemption = Some(Exemption { basis, until });
        ctx.case.rearm(DeadlineName::ExemptionExpiry);
    }
    Ok(())
}

/// The periods s 11(1) gives some exemptions, counted with the day of
/// arrival ("commencing with the day"): (c) at most "28 days commencing with
/// the day on which it arrives at its first Customs place" (or until the
/// craft's clearance, which `until=` may state earlier); (e) "the period of 7
/// days commencing with the day on which the aircraft arrives"; (g) "28 days
/// commencing with the day on which the ship arrives". An `until=` beyond the
/// Act's period is cut back to it.
fn s11_period(
    ctx: &mut Ctx<'_>,
    basis: ExemptBasis,
    until: Option<Date>,
) -> Result<Option<Date>, Rejection> {
    // The last day is the arrival day plus the period less one (the arrival
    // day is the first of the period).
    let (days_after_arrival_day, rule) = match basis {
        ExemptBasis::S11_1C => (27, RuleId::S11_1_C),
        ExemptBasis::S11_1E => (6, RuleId::S11_1_E),
        ExemptBasis::S11_1G => (27, RuleId::S11_1_G),
        _ => return Ok(until),
    };
    let arrived = ctx.case.status.arrived.unwrap_or(ctx.at());
    let last = ctx
        .case
        .date_of(arrived)
        .add_days(days_after_arrival_day)
        .unwrap_or(Date::MAX);
    ctx.out.cite(rule)?;
    Ok(Some(until.map_or(last, |u| u.min(last))))
}

fn lose_exemption(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.status.exemption = None;
    ctx.out.cite(RuleId::S4_2)?;
    super::signal(ctx, Signal::Unlawful(UnlawfulCause::ExemptionCeased))
}

fn anticipatory_in_force(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let Some(p) = ctx.case.status.anticipatory.take() {
        ctx.case.status.exemption = None;
        ctx.case.status.permit = Some(p);
        set(ctx, p.state());
        ctx.case.rearm(DeadlineName::PermitExpiry);
    }
    Ok(())
}

fn reject_s34d(_ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    Err(Rejection::not_in_state(
        RuleId::S34D_2,
        "a limited purpose permit holder may not apply for a permit of a different type while in New Zealand",
    ))
}

fn record_application(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::ApplyPermit { permit, .. } = ctx.event.kind {
        let while_current = ctx.case.status.state == S::TemporaryPermit;
        ctx.case.status.application = Some((permit, while_current));
        ctx.case.status.declined = false;
    }
    Ok(())
}

fn new_permit(ctx: &Ctx<'_>) -> Option<Permit> {
    match ctx.event.kind {
        EventKind::GrantPermit {
            permit,
            kind,
            expires,
            precleared,
            basis,
            ..
        } => Some(Permit {
            permit,
            kind,
            expires,
            precleared,
            extended_to: None,
            basis,
        }),
        _ => None,
    }
}

fn hold_precleared(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    s7_check_grant(ctx)?;
    ctx.case.status.permit = new_permit(ctx);
    super::signal(ctx, Signal::PermitDecided)
}

fn grant_anticipatory(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    s7_check_grant(ctx)?;
    ctx.case.status.anticipatory = new_permit(ctx);
    ctx.case.status.application = None;
    super::signal(ctx, Signal::PermitDecided)
}

/// Records a granted permit (the state is set by the row).
pub(crate) fn grant(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    s7_check_grant(ctx)?;
    super::signal(ctx, Signal::PermitDecided)?;
    super::signal(ctx, Signal::PermitGranted)?;
    ctx.case.status.permit = new_permit(ctx);
    ctx.case.status.application = None;
    ctx.case.status.declined = false;
    ctx.case.status.revocation = None;
    ctx.case.status.exemption = None;
    ctx.case.rearm(DeadlineName::PermitExpiry);
    // s 129(1): "nothing in this Act requires any person to apply for or hold a
    // permit if that person arrives … while in transit"; once a permit is
    // granted the person holds it (s 4(1)(a)) and the s 129 cover, with its
    // 24-hour cessation (s 129(2)), has nothing left to cover.
    if ctx.case.transit.state == super::transit::TransitState::Covered {
        ctx.case.transit = Default::default();
    }
    Ok(())
}

/// Grants a permit and sets the status from its type.
pub(crate) fn grant_dynamic(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    grant(ctx)?;
    if let Some(p) = ctx.case.status.permit {
        set(ctx, p.state());
    }
    Ok(())
}

fn decline(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.status.application = None;
    ctx.case.status.declined = true;
    super::signal(ctx, Signal::PermitDecided)
}

fn lose_permit(ctx: &mut Ctx<'_>, cause: UnlawfulCause) -> Result<(), Rejection> {
    ctx.case.status.permit = None;
    ctx.case.status.revocation = None;
    ctx.out.cite(RuleId::S45)?;
    // Part 2 takes the person over (s 45(2): "as a result of the expiry or
    // revocation of a permit").
    super::signal(ctx, Signal::Unlawful(cause))
}

/// s 34: a temporary permit expired; a s 27A permit expires into s 63.
fn expire_temporary(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // The cause matters to Part 2 only (s 63(2)-(3) for a s 27A permit).
    #[cfg(feature = "removal")]
    let cause = if ctx
        .case
        .status
        .permit
        .is_some_and(|p| p.basis == Some(GrantBasis::S27a))
    {
        UnlawfulCause::S27aPermitExpired
    } else {
        UnlawfulCause::PermitExpired
    };
    #[cfg(not(feature = "removal"))]
    let cause = UnlawfulCause::PermitExpired;
    lose_permit(ctx, cause)
}

/// s 34F: a limited purpose permit expired.
fn expire_lpp(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    lose_permit(ctx, UnlawfulCause::LppExpired)
}

#[cfg(feature = "lifecycle")]
/// A permit revoked (ss 19, 20, 32, 33, 33A).
fn revoked(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    lose_permit(ctx, UnlawfulCause::PermitRevoked)
}

#[cfg(feature = "lifecycle")]
fn revocation_service(ctx: &Ctx<'_>) -> (Option<Service>, Option<Date>) {
    match ctx.event.kind {
        EventKind::RevokePermit {
            service, effective, ..
        } => (service, effective),
        _ => (None, None),
    }
}

#[cfg(feature = "lifecycle")]
fn revoke_s20(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let (service, effective) = revocation_service(ctx);
    if service != Some(Service::Personal) {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveService,
            RuleId::S20_2,
        )?;
    }
    let served = ctx.case.date_of(ctx.at());
    let earliest = served.add_days(21).unwrap_or(Date::MAX);
    if effective.is_some_and(|e| e < earliest) {
        ctx.find(
            Severity::Violation,
            FindingCode::RevocationTooEarly,
            RuleId::S20_2,
        )?;
    }
    ctx.case.status.revocation = Some(Revocation {
        section: RevokeSection::S20,
        effective: earliest,
    });
    ctx.case.rearm(DeadlineName::RevocationEffective);
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn revoke_later(
    ctx: &mut Ctx<'_>,
    section: RevokeSection,
    min_days: i32,
    rule: RuleId,
) -> Result<(), Rejection> {
    let (_, effective) = revocation_service(ctx);
    let Some(effective) = effective else {
        return Err(Rejection::new(
            ErrorCode::MissingKey,
            "this revocation needs effective=DATE",
        ));
    };
    let served = ctx.case.date_of(ctx.at());
    if effective < served.add_days(min_days).unwrap_or(Date::MAX) {
        ctx.find(Severity::Violation, FindingCode::RevocationTooEarly, rule)?;
    }
    ctx.case.status.revocation = Some(Revocation { section, effective });
    ctx.case.rearm(DeadlineName::RevocationEffective);
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn revoke_s33(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    revoke_later(ctx, RevokeSection::S33, 14, RuleId::S33_3)
}

#[cfg(feature = "lifecycle")]
fn revoke_s33a(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let (service, _) = revocation_service(ctx);
    if service != Some(Service::Personal) {
        ctx.find(
            Severity::Violation,
            FindingCode::DefectiveService,
            RuleId::S33A_5,
        )?;
    }
    revoke_later(ctx, RevokeSection::S33A, 7, RuleId::S33A_5)
}

#[cfg(feature = "lifecycle")]
fn lpp_notice(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    if let EventKind::LppExpiryNotice { expires } = ctx.event.kind {
        let given = ctx.case.date_of(ctx.at());
        if expires < given.add_days(14).unwrap_or(Date::MAX) {
            ctx.find(
                Severity::Violation,
                FindingCode::LppNoticeTooShort,
                RuleId::S34C_3,
            )?;
        }
        if let Some(p) = ctx.case.status.permit.as_mut() {
            p.expires = Some(expires);
        }
        ctx.case.rearm(DeadlineName::PermitExpiry);
    }
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn precleared_expires(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.status.permit = None;
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn reconsider(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.status.reconsideration = true;
    ctx.case.status.declined = false;
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn reconsidered(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.status.reconsideration = false;
    if let EventKind::ReconsiderationDecide {
        result: ReconsiderationResult::Confirmed,
        in_writing,
    } = ctx.event.kind
    {
        if in_writing != Some(true) {
            ctx.find(
                Severity::Violation,
                FindingCode::DefectiveService,
                RuleId::S31_5,
            )?;
        }
        if ctx.case.status.state == S::Unlawful {
            // s 47(2)(b): the appeal period runs from this notification.
            super::signal(ctx, Signal::ReconsiderationConfirmed)?;
        }
    }
    Ok(())
}

/// s 41: a permit or exemption is deemed to expire on departure.
pub(crate) fn depart(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 129X(1): "No person who has been recognised as a refugee in New Zealand
    // or is a refugee status claimant may be removed"; settled reading 8: a
    // claimant's "departure while a removal or deportation order is in force"
    // without a recorded clearance is a violation, whichever machine holds the
    // person (the border machine reports its own departures first).
    if ctx.case.person.claimant
        && ctx.case.person.removal_order
        && !ctx
            .out
            .findings
            .iter()
            .any(|f| f.code == FindingCode::RemovalOfClaimant)
    {
        ctx.find(
            Severity::Violation,
            FindingCode::RemovalOfClaimant,
            RuleId::S129X_1,
        )?;
    }
    let s = &mut ctx.case.status;
    s.permit = None;
    s.exemption = None;
    s.anticipatory = None;
    s.application = None;
    s.revocation = None;
    s.declined = false;
    s.state = S::Departed;
    super::signal(ctx, Signal::Departed)
}

fn emergency_return(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.out.cite(RuleId::S2_3)?;
    let returned = ctx.case.date_of(ctx.at());
    if let Some(e) = ctx.case.status.exemption.as_mut() {
        // s 127(2): deemed exempt "for a period of 14 days following the day of
        // that return".
        e.basis = ExemptBasis::S127_2;
        e.until = returned.add_days(14);
        ctx.case.rearm(DeadlineName::ExemptionExpiry);
    }
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn birth(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::Birth { parents } = &ctx.event.kind else {
        return Ok(());
    };
    let latest = |f: fn(&ParentStatus) -> Option<Option<Date>>| -> Option<Option<Date>> {
        parents
            .iter()
            .filter_map(f)
            .max_by_key(|d| d.unwrap_or(Date::MAX))
    };
    let mut exemption = None;
    let mut permit = None;
    if let Some((basis, until)) = parents
        .iter()
        .filter_map(|p| match p {
            ParentStatus::Exempt(b, u) => Some((*b, *u)),
            _ => None,
        })
        .max_by_key(|(_, u)| u.unwrap_or(Date::MAX))
    {
        let _ = basis;
        exemption = Some(Exemption { basis, until });
    } else if let Some(until) = latest(|p| match p {
        ParentStatus::Temporary(_, u) => Some(*u),
        _ => None,
    }) {
        // s 4A(4)(a)(iii)–(iv): "a visitor's permit".
        permit = Some(Permit {
            permit: PermitType::Temporary,
            kind: Some(PermitKind::Visitor),
            expires: until,
            precleared: false,
            extended_to: None,
            basis: None,
        });
    } else if let Some(until) = latest(|p| match p {
        ParentStatus::LimitedPurpose(u) => Some(*u),
        _ => None,
    }) {
        permit = Some(Permit {
            permit: PermitType::LimitedPurpose,
            kind: None,
            expires: until,
            precleared: false,
            extended_to: None,
            basis: None,
        });
    }
    ctx.case.status.exemption = exemption;
    ctx.case.status.permit = permit;
    ctx.case.status.arrived = Some(ctx.at());
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn birth_unlawful(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    birth(ctx)?;
    super::signal(ctx, Signal::Unlawful(UnlawfulCause::BornUnlawful))
}

#[cfg(feature = "lifecycle")]
fn epidemic(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let EventKind::EpidemicNotice { commenced, expires } = ctx.event.kind else {
        return Ok(());
    };
    super::signal(ctx, Signal::Epidemic)?;
    // s 35AC(1)(b): "it would expire before the day 14 days after the day on
    // which the notice expires"; (2)(b): continued until "the expiration of 3
    // months after the day on which the epidemic management notice expires".
    let threshold = expires.add_days(14).unwrap_or(Date::MAX);
    let extended = expires.add_months(3).unwrap_or(Date::MAX);
    let in_force_before = |d: Option<Date>| d.is_none_or(|d| d >= commenced);
    if let Some(p) = ctx.case.status.permit.as_mut() {
        if matches!(p.permit, PermitType::Temporary | PermitType::LimitedPurpose)
            && p.expires
                .is_some_and(|e| e < threshold && in_force_before(Some(e)))
        {
            p.extended_to = Some(extended);
            ctx.case.rearm(DeadlineName::PermitExpiry);
        }
    }
    if let Some(e) = ctx.case.status.exemption.as_mut() {
        if e.until
            .is_some_and(|u| u < threshold && in_force_before(Some(u)))
        {
            e.until = Some(extended);
            ctx.case.rearm(DeadlineName::ExemptionExpiry);
        }
    }
    Ok(())
}

#[cfg(feature = "lifecycle")]
fn epidemic_gap(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // Epidemic modifications of detention timing are in ss 129ZD–129ZF, whose
    // text is missing: timing verdicts are not reliable while the notice is in
    // force (rule map 0.3).
    ctx.find(Severity::Gap, FindingCode::TextGap, RuleId::S129ZD)
}

fn conviction(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // The record s 7(1)(a)–(b) and (2) look at (super::s7).
    if let EventKind::Conviction {
        sentence_months,
        sentence,
        proceedings,
        cumulative,
        ..
    } = ctx.event.kind
    {
        if cumulative {
            ctx.out.cite(RuleId::S7_2)?;
        }
        let c = super::s7::Conviction {
            on: ctx.case.date_of(ctx.at()),
            months: sentence_months.unwrap_or(0),
            sentence: sentence.unwrap_or(SentenceKind::Imprisonment),
            proceedings: proceedings.unwrap_or(0),
            cumulative,
        };
        ctx.case
            .person
            .convictions
            .push(c)
            .map_err(|_| Rejection::capacity("the record of convictions is full (s 7(1))"))?;
    }
    Ok(())
}

fn claim(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.person.claimant = true;
    super::signal(ctx, Signal::Claim)
}

/// Removal orders are Part 2 steps. In a build without the Part 2 machines
/// the removal machine is not there; the checks that the status and border
/// rules impose on it are (I16, I39, settled reading 8).
#[cfg(not(feature = "removal"))]
fn removal_order(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let verb = ctx.event.verb();
    if verb == Verb::RemovalOrderCancel {
        ctx.case.person.removal_order = false;
        return Ok(());
    }
    if let Some(rule) = super::border::part2_excluded_by(ctx.case) {
        ctx.find(Severity::Violation, FindingCode::Part2Excluded, rule)?;
    } else if let Some(rule) = super::eligibility::part2_excluded_by(ctx.case) {
        ctx.find(Severity::Violation, FindingCode::Part2Excluded, rule)?;
    }
    if ctx.case.status.reconsideration {
        ctx.find(
            Severity::Violation,
            FindingCode::RemovalDuringReconsideration,
            RuleId::S31_2,
        )?;
    }
    if ctx.case.person.claimant {
        ctx.find(
            Severity::Undetermined,
            FindingCode::OrderAgainstClaimant,
            RuleId::S129X_1,
        )?;
    }
    if verb == Verb::RemovalOrderMake {
        ctx.case.person.removal_order = true;
    }
    Ok(())
}

// ------------------------------------------------------------------ deadlines

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    let s = &case.status;
    let full = || Rejection::capacity("too many open deadlines");
    match s.state {
        S::TemporaryPermit | S::LimitedPurposePermit => {
            if let Some(last) = s.permit.and_then(|p| p.last_day()) {
                let rule = if s.state == S::TemporaryPermit {
                    RuleId::S26_2
                } else {
                    RuleId::S34F
                };
                out.push(Deadline {
                    name: DeadlineName::PermitExpiry,
                    due: case.end_of(last),
                    due_strict: None,
                    rule,
                })
                .map_err(|_| full())?;
            }
        }
        S::Exempt => {
            if let Some(until) = s.exemption.and_then(|e| e.until) {
                let rule = match s.exemption.map(|e| e.basis) {
                    Some(ExemptBasis::S12Regulations | ExemptBasis::S12Direction) => RuleId::S12,
                    Some(ExemptBasis::S127_2) => RuleId::S127_2,
                    Some(ExemptBasis::S4a) => RuleId::S4A_4,
                    Some(ExemptBasis::S35ac) => RuleId::S35AC,
                    _ => RuleId::S11_1,
                };
                out.push(Deadline {
                    name: DeadlineName::ExemptionExpiry,
                    due: case.end_of(until),
                    due_strict: None,
                    rule,
                })
                .map_err(|_| full())?;
            }
        }
        _ => {}
    }
    // Only the `lifecycle` verbs record a revocation (a case holding one
    // does not restore into a build without them).
    #[cfg(feature = "lifecycle")]
    if matches!(
        s.state,
        S::TemporaryPermit | S::ResidencePermit | S::LimitedPurposePermit
    ) {
        if let Some(r) = s.revocation {
            let rule = match r.section {
                RevokeSection::S20 => RuleId::S20_2,
                RevokeSection::S33A => RuleId::S33A_5,
                _ => RuleId::S33_3,
            };
            out.push(Deadline {
                name: DeadlineName::RevocationEffective,
                due: case.start_of(r.effective).add_seconds(-1),
                due_strict: None,
                rule,
            })
            .map_err(|_| full())?;
        }
    }
    Ok(())
}

/// Sets the status after a permit is granted by another machine's transition.
pub(crate) fn grant_from_other_machine(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    grant_dynamic(ctx)
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: super::Entry = super::Entry {
    machine: crate::vocab::Machine::Status,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| Some(crate::vocab::MachineState::Status(c.status.state)),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(w, "status", TRANSITIONS, StatusState::ALL, |s| s.name(), f)
    },
};
