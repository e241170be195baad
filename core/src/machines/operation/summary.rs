//! One case's line of the oversight report (spec `rules/refugee_and_policy.md`
//! §2.1–§2.2: "the ethnic breakdown of those 19 cases"; INZ's count of
//! visits "outside the hours of 7:00 to 21:00"): a small pure function of the
//! case as it stands, so that the command line, the Python package and the
//! C ABI all count the same way. The aggregation and the rendering are the
//! `ia87-report` crate's.
//!
//! Each case contributes its latest operation. Whether it was in or out of
//! hours is judged on what happened if it was carried out, else on what was
//! planned, against the window of the version in force on the local date of
//! that start, at the location ([`super::policy::classify`]) — with or
//! without the overlay, so that cases recorded without `policy ooh-2023` are
//! counted too.

use super::policy::Hours;
use super::{flags, OperationState};
use crate::case::Case;
use crate::time::{Instant, Zone};
use crate::vocab::values::{OohVersion, Purpose};

/// One case's operation, as the oversight report counts it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OperationSummary {
    /// The person's nationality (`person nationality=`), ISO 3166 alpha-3.
    pub nationality: Option<[u8; 3]>,
    /// What the proposal came to (`inactive`: carried out with no proposal on
    /// record).
    pub decision: OperationState,
    /// The operation was carried out (`operation-execute`).
    pub executed: bool,
    /// The start the report judges: the actual one if carried out, else the
    /// planned one.
    pub start: Instant,
    /// The zone of the location.
    pub zone: Zone,
    /// The policy version in force on the local date of that start.
    pub version: OohVersion,
    /// Out of hours under that version's window (the whole visit).
    pub out_of_hours: bool,
    /// Out of hours and covered by an out-of-hours authorisation that passed
    /// every check: the proposal was `out-of-hours-authorised`, and what was
    /// carried out lies within the window it approved.
    pub authorised: bool,
    /// Children were present: as recorded after the visit, else as expected
    /// by the proposal.
    pub children_present: bool,
    /// A residential address.
    pub residential: bool,
    /// The purpose, if known.
    pub purpose: Option<Purpose>,
    /// The case was judged under `policy ooh-2023`.
    pub overlay: bool,
}

/// The summary of `case`'s latest operation, or `None` if it has none.
pub fn summary(case: &Case) -> Option<OperationSummary> {
    let data = &case.operation;
    if data.state == OperationState::Inactive {
        return None;
    }
    let op = &data.op;
    let executed = data.state == OperationState::Executed;
    let (start, end) = if executed { op.actual() } else { op.planned() }?;
    let version = data.config.select(op.zone.local_date(start));
    let hours = super::policy::classify(op.zone, version.window, start, end);
    let out_of_hours = matches!(hours, Hours::Out { .. });
    let within = match (op.planned(), executed) {
        (Some((ps, pe)), true) => start >= ps && end <= pe,
        (Some(_), false) => true,
        (None, _) => false,
    };
    let authorised = out_of_hours && op.decision == OperationState::OutOfHoursAuthorised && within;
    let children_present = if op.has(flags::ACTUAL_CHILDREN_RECORDED) {
        op.has(flags::ACTUAL_CHILDREN)
    } else {
        op.has(flags::CHILDREN)
    };
    Some(OperationSummary {
        nationality: case.person.nationality,
        decision: op.decision,
        executed,
        start,
        zone: op.zone,
        version: version.id,
        out_of_hours,
        authorised,
        children_present,
        residential: op.has(flags::RESIDENTIAL),
        purpose: op.purpose,
        overlay: super::overlay(case),
    })
}
