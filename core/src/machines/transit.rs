//! Machine `transit`: transit passengers under s 129 (rule map
//! `status_and_border.md` §5).
//!
//! "nothing in this Act requires any person to apply for or hold a permit if
//! that person arrives in New Zealand from another country while in transit to
//! another destination and remains on the craft, or in a Customs controlled
//! area, or in the custody of the Police, throughout the whole period" (s 129(1));
//! the section "shall cease to apply … on the expiry of the period of 24 hours
//! that follows the time of the person's arrival" (s 129(2)). A departure at
//! exactly 24 hours is in time (s 14E(4): "unless that period exceeds 24 hours";
//! settled reading 1).

use super::status::{self, StatusState};
use super::table::{g, label, row, Transition, Trigger};
use crate::case::{Case, Ctx, Deadlines};
use crate::outcome::{Deadline, DeadlineName, Rejection};
use crate::rules::RuleId;
use crate::time::Instant;
use crate::vocab::event::{EventKind, Verb};
pub use crate::vocab::states::TransitState;
use crate::vocab::values::Place;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Data of the `transit` machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TransitData {
    /// The state.
    pub state: TransitState,
    /// A: the instant of arrival.
    pub arrived: Option<Instant>,
    /// Holds a transit visa (s 14E).
    pub visa: bool,
    /// In the custody of the Police (the last `move` was to `police-custody`).
    pub police: bool,
}

crate::wire::wire_struct!(TransitData {
    state,
    arrived,
    visa,
    police
});

/// Sets the state; a machine that becomes inactive forgets its data (engine
/// invariant `E-inactive-empty`).
fn set(ctx: &mut Ctx<'_>, s: TransitState) {
    if s == TransitState::Inactive {
        ctx.case.transit = Default::default();
    } else {
        ctx.case.transit.state = s;
    }
}

/// Offers a trigger to this machine's table.
pub(crate) fn run(ctx: &mut Ctx<'_>, trigger: Trigger) -> Result<Option<&'static str>, Rejection> {
    let state = ctx.case.transit.state;
    super::table::run_machine!(TRANSITIONS, state.code(), trigger, ctx, set)
}

/// The state to report, if the machine is active.
pub(crate) fn reported(case: &Case) -> Option<TransitState> {
    (case.transit.state != TransitState::Inactive).then_some(case.transit.state)
}

fn transit_arrival(c: &Ctx<'_>) -> bool {
    matches!(
        c.event.kind,
        EventKind::Arrive {
            transit: true,
            stowaway: false,
            ..
        }
    ) && !c.case.person.citizen
        && matches!(
            c.case.status.state,
            StatusState::Outside | StatusState::Departed
        )
}

fn stays_covered(c: &Ctx<'_>) -> bool {
    matches!(c.event.kind, EventKind::Move { place, .. } if place.keeps_transit_cover())
}

fn leaves_cover(c: &Ctx<'_>) -> bool {
    !stays_covered(c)
}

fn visa_holder(c: &Ctx<'_>) -> bool {
    c.case.transit.visa
}

use TransitState as S;
use Trigger::{Clock, Verb as On};

/// The transitions of the `transit` machine (rule map §5.2, ids T01–T05).
pub const TRANSITIONS: &[Transition<TransitState>] = &[
    row!(
        "T01",
        [Inactive, Departed, Expired, Broken],
        On(Verb::Arrive),
        g(label!("in transit to another destination"), transit_arrival),
        Some(S::Covered),
        S129_1,
        Some(arrive)
    ),
    row!(
        "T02",
        [Covered],
        On(Verb::Move),
        g(
            label!("to the craft, a Customs controlled area or Police custody"),
            stays_covered
        ),
        None,
        S129_1,
        Some(moved)
    ),
    row!(
        "T05",
        [Covered],
        On(Verb::Move),
        g(label!("anywhere else"), leaves_cover),
        Some(S::Broken),
        S129_1,
        Some(broken)
    ),
    row!(
        "T06",
        [Covered],
        On(Verb::RefusePermit),
        g(
            label!("a transit visa holder's purported application"),
            visa_holder
        ),
        Some(S::Broken),
        S14E_5,
        Some(refused)
    ),
    row!(
        "T02p",
        [Covered],
        On(Verb::Present),
        None,
        None,
        S129_1,
        None
    ),
    row!(
        "T03",
        [Covered],
        On(Verb::Depart),
        None,
        Some(S::Departed),
        S14E_4,
        Some(depart)
    ),
    row!(
        "T04",
        [Covered],
        Clock(DeadlineName::TransitCover),
        None,
        Some(S::Expired),
        S129_2,
        Some(expired)
    ),
];

fn arrive(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let visa = matches!(
        ctx.event.kind,
        EventKind::Arrive {
            transit_visa: Some(true),
            ..
        }
    );
    status::begin_journey(ctx);
    ctx.case.transit = TransitData {
        state: S::Covered,
        arrived: Some(ctx.event.at),
        visa,
        police: false,
    };
    ctx.case.status.state = StatusState::Transit;
    ctx.case.status.permit = ctx.case.status.permit.filter(|p| p.precleared);
    Ok(())
}

/// s 14E(5): "where any such person purports to apply for a permit that
/// application may be refused and section 128 of this Act shall apply to the
/// person accordingly". The refusal ends the transit and starts s 128.
fn refused(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    super::border::start(ctx)
}

fn moved(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.case.transit.police = matches!(
        ctx.event.kind,
        EventKind::Move {
            place: Place::PoliceCustody,
            ..
        }
    );
    Ok(())
}

fn broken(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // [INF] s 129 stops applying at once; the person must now apply (s 126, s 4).
    ctx.case.status.state = StatusState::Arrived;
    ctx.out.cite(RuleId::S4_1)
}

fn depart(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.out.cite(RuleId::S129_2)?;
    status::depart(ctx)
}

fn expired(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    // s 129(2): the cover ends. A transit visa holder "is not entitled to apply
    // … for any type of permit" (s 14E(5)), so s 128 applies; [INF] a visa-free
    // passenger who has not applied "fails to apply" (s 128(1)(c)(i)). R is the
    // first presentation after the cover ends (rule map 9.23).
    let rule = if ctx.case.transit.visa {
        RuleId::S14E_5
    } else {
        RuleId::S128_1_C_I
    };
    ctx.out.cite(rule)?;
    ctx.case.status.first_report = None;
    let police = ctx.case.transit.police;
    super::border::start(ctx)?;
    if police {
        held_by_police(ctx)?;
    }
    Ok(())
}

/// A transit passenger "in the custody of the Police" (s 129(1)) when s 129
/// ceases is held from then on under s 128(5): "any person to whom this section
/// applies must be detained by a member of the police and placed in custody"
/// (taken as at an officer's request, settled reading 4). The custody began
/// when the cover ended: the 48 hours of s 128(7) run from then, s 128(3) is
/// spent ("unless that person is sooner detained"), and s 128(6) governs the
/// place (docs/readings.md).
fn held_by_police(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let since = ctx.clock.map_or(ctx.at(), |c| c.due);
    let b = &mut ctx.case.border;
    b.state = super::border::BorderState::CustodyPreWarrant;
    b.detained = true;
    b.anchor = Some(since);
    ctx.case.rearm(DeadlineName::WarrantRequired);
    ctx.out.cite(RuleId::S128_5)?;
    super::place::check_at(
        ctx,
        super::place::Custody::S128PreWarrant,
        Place::PoliceCustody,
        since,
        false,
        None,
        false,
    )
}

/// The open deadlines of this machine.
pub(crate) fn deadlines(case: &Case, out: &mut Deadlines) -> Result<(), Rejection> {
    if case.transit.state == S::Covered {
        if let Some(a) = case.transit.arrived {
            out.push(Deadline {
                name: DeadlineName::TransitCover,
                due: Case::hours_after(a, 24),
                due_strict: None,
                rule: RuleId::S129_2,
            })
            .map_err(|_| Rejection::capacity("too many open deadlines"))?;
        }
    }
    Ok(())
}

/// This machine in the engine's registry.
pub(crate) const ENTRY: super::Entry = super::Entry {
    machine: crate::vocab::Machine::Transit,
    run,
    deadlines,
    triggers: super::table::triggers(TRANSITIONS),
    reported: |c| reported(c).map(crate::vocab::MachineState::Transit),
    #[cfg(feature = "labels")]
    diagram: |w, f| {
        super::diagram::draw(
            w,
            "transit",
            TRANSITIONS,
            TransitState::ALL,
            |s| s.name(),
            f,
        )
    },
};
