//! Places of overnight detention: s 128(6) (before a s 128 warrant), s 128B(7)
//! (any s 128B custody) and a minor in a prison under a s 128 warrant (rule map
//! 3.6, 4.6, 9.12; docs/readings.md).
//!
//! s 128(6): "Every person who is placed in custody under subsection (5) of
//! this section and is to be detained overnight shall be detained" in the
//! places it lists; s 128B(7) the same for "subsection (3) or subsection
//! (6)(c)". "Overnight" is undefined in the Act. A placement is overnight if the
//! line says `overnight=yes`, if it begins inside the configured overnight
//! window (`config overnight-window=`, default 00:00–06:00 local), or if the
//! custody in that place runs on into the window: a placement the Act does not
//! allow overnight, made outside the window, is watched, and when the person is
//! still there at the start of the window the finding is made, dated then (the
//! hidden clock [`Hidden::Overnight`]). Age is evaluated when the placement
//! begins (rule map 9.13): the placement is the decision the Act judges.

use crate::case::{Ctx, Hidden};
use crate::outcome::{FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::Instant;
use crate::vocab::event::EventKind;
use crate::vocab::values::{AgreedBy, Place};
use crate::vocab::{BorderState, EligibilityState};
use crate::Case;

/// The power the custody rests on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Custody {
    /// s 128(5), before any warrant: s 128(6) applies.
    S128PreWarrant,
    /// Under a s 128 warrant: "a prison or some other premises approved" (s 128(7)).
    S128Warrant,
    /// s 128B(3) or (6)(c): s 128B(7) applies.
    S128B,
}

/// The rules of (a) minors and (b) everyone else for an overnight placement.
fn rules(custody: Custody) -> (RuleId, RuleId) {
    match custody {
        Custody::S128B => (RuleId::S128B_7_A, RuleId::S128B_7_B),
        _ => (RuleId::S128_6_A, RuleId::S128_6_B),
    }
}

/// The finding an overnight placement draws, if the Act does not allow it.
fn verdict(
    custody: Custody,
    minor: bool,
    place: Place,
    agreed_by: Option<AgreedBy>,
    judge_direction: bool,
) -> Option<FindingCode> {
    if minor {
        // ss 128(6)(a), 128B(7)(a): "(i) any residence … or other premises
        // under the control of, or approved by, the chief executive …; or (ii)
        // any other premises agreed to by the parent or guardian of that person
        // and an immigration officer". Rule map 4.6: a Police station is
        // `minor-police-station`; a prison, like any other place the Act does
        // not list, is `minor-wrong-premises`.
        match place {
            Place::CyfResidence => None,
            Place::AgreedPremises if agreed_by == Some(AgreedBy::ParentAndIo) => None,
            Place::PoliceStation | Place::PoliceCustody => Some(FindingCode::MinorPoliceStation),
            _ => Some(FindingCode::MinorWrongPremises),
        }
    } else {
        // s 128(6)(b): "(i) any premises approved by the chief executive of the
        // Department of Labour; or (ii) a Police station"; s 128B(7)(b) adds
        // "(iii) at the direction of a Judge, in a prison".
        match place {
            Place::ApprovedPremises | Place::PoliceStation | Place::PoliceCustody => None,
            Place::Prison if custody == Custody::S128B && judge_direction => None,
            _ => Some(FindingCode::AdultWrongPremises),
        }
    }
}

/// The rule a place finding of `custody` rests on.
fn rule_of(custody: Custody, code: FindingCode) -> RuleId {
    let (minor_rule, adult_rule) = rules(custody);
    if code == FindingCode::AdultWrongPremises {
        adult_rule
    } else {
        minor_rule
    }
}

/// The place a `detain … place=` or `move place=` line names, with what the
/// line says of it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct LinePlace {
    /// Where the person is placed.
    pub place: Place,
    /// `overnight=yes`.
    pub overnight: bool,
    /// `agreed-by=` (premises agreed for a minor).
    pub agreed_by: Option<AgreedBy>,
    /// `judge-direction=yes` (s 128B(7)(b)(iii)).
    pub judge_direction: bool,
}

/// The placement this line makes, if it names one.
pub(crate) fn of_line(kind: &EventKind) -> Option<LinePlace> {
    match *kind {
        EventKind::Detain {
            place: Some(place),
            overnight,
            agreed_by,
            judge_direction,
            ..
        }
        | EventKind::Move {
            place,
            overnight,
            agreed_by,
            judge_direction,
        } => Some(LinePlace {
            place,
            overnight,
            agreed_by,
            judge_direction,
        }),
        _ => None,
    }
}

/// Checks the placement this line makes under `custody`, if it makes one
/// ([`check`]): every `detain` and `move` of the border machines.
pub(crate) fn check_line(ctx: &mut Ctx<'_>, custody: Custody) -> Result<(), Rejection> {
    match of_line(&ctx.event.kind) {
        Some(p) => check(
            ctx,
            custody,
            p.place,
            p.overnight,
            p.agreed_by,
            p.judge_direction,
        ),
        None => Ok(()),
    }
}

/// Checks one placement made on this line and records any finding.
pub fn check(
    ctx: &mut Ctx<'_>,
    custody: Custody,
    place: Place,
    overnight: bool,
    agreed_by: Option<AgreedBy>,
    judge_direction: bool,
) -> Result<(), Rejection> {
    let at = ctx.at();
    check_at(
        ctx,
        custody,
        place,
        at,
        overnight,
        agreed_by,
        judge_direction,
    )
}

/// [`check`] for a placement that began at `at`.
pub(crate) fn check_at(
    ctx: &mut Ctx<'_>,
    custody: Custody,
    place: Place,
    at: Instant,
    overnight: bool,
    agreed_by: Option<AgreedBy>,
    judge_direction: bool,
) -> Result<(), Rejection> {
    let minor = ctx.case.is_unmarried_minor(at);
    if custody == Custody::S128Warrant {
        // s 128(7): a warrant authorises detention "in a prison or some other
        // premises approved for the purpose by the Registrar". For a person
        // under 17, s 128(6)(a) names where a person "placed in custody under
        // subsection (5) … and … to be detained overnight" is held: read with
        // (7), the Registrar's "other premises" can meet it, a prison cannot.
        // Whether (6) still governs once a warrant issues is open (s 128B(7)
        // says "subsection (3) or subsection (6)(c)"; s 128(6) names only (5)):
        // a breach under the strict reading only, a warning (docs/readings.md).
        // A warrant is for custody "for more than 48 hours", always overnight.
        ctx.out.cite(RuleId::S128_7)?;
        if minor && place == Place::Prison {
            ctx.find(
                Severity::Warning,
                FindingCode::MinorInPrisonWarrant,
                RuleId::S128_6_A,
            )?;
        }
        return Ok(());
    }
    let overnight = overnight || ctx.case.is_overnight(at);
    let watch = match verdict(custody, minor, place, agreed_by, judge_direction) {
        Some(code) if overnight => {
            ctx.find(Severity::Violation, code, rule_of(custody, code))?;
            None
        }
        Some(code) => Some((at, code)),
        None => {
            if overnight {
                let (minor_rule, adult_rule) = rules(custody);
                ctx.out.cite(if minor { minor_rule } else { adult_rule })?;
            }
            None
        }
    };
    let (since, code) = (watch.map(|w| w.0), watch.map(|w| w.1));
    if custody == Custody::S128B {
        ctx.case.eligibility.night = since;
        ctx.case.eligibility.night_code = code;
    } else {
        ctx.case.border.night = since;
        ctx.case.border.night_code = code;
    }
    if watch.is_some() {
        ctx.case.rearm_hidden(Hidden::Overnight);
    }
    Ok(())
}

/// The placement being watched and the custody it is under, while the custody
/// lasts: before a s 128 warrant, or under s 128B until a release is due.
fn watched(case: &Case) -> Option<(Instant, FindingCode, Custody)> {
    if case.border.state == BorderState::CustodyPreWarrant {
        let (since, code) = case.border.night.zip(case.border.night_code)?;
        return Some((since, code, Custody::S128PreWarrant));
    }
    let e = &case.eligibility;
    if matches!(
        e.state,
        EligibilityState::Custody | EligibilityState::CustodyWarrant
    ) && e.release_from.is_none()
    {
        let (since, code) = e.night.zip(e.night_code)?;
        return Some((since, code, Custody::S128B));
    }
    None
}

/// The first instant of the overnight window after `since` (local time). A
/// window that starts in the hour of a daylight-saving change (02:00–03:45
/// local; never the default 00:00) is read as `Zone::at_unambiguous` reads it:
/// in the autumn's repeated hour the second time, in the spring gap the wall
/// time in daylight time.
pub fn night_start(case: &Case, since: Instant) -> Instant {
    let zone = case.config.zone;
    let start = u32::from(case.config.overnight.0).saturating_mul(60);
    let local = zone.to_local(since);
    let date = if local.seconds_of_day < start {
        Some(local.date)
    } else {
        local.date.succ()
    };
    date.map_or(Instant::MAX, |d| zone.at_unambiguous(d, start))
}

/// The instant the watched placement becomes overnight custody, if any.
pub(crate) fn night_due(case: &Case) -> Option<Instant> {
    watched(case).map(|(since, _, _)| night_start(case, since))
}

/// The watched placement has run into the night: the finding its placement
/// would have drawn had it been "to be detained overnight" from the start.
pub(crate) fn fire_night(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    let Some((_, code, custody)) = watched(ctx.case) else {
        return Ok(());
    };
    if custody == Custody::S128B {
        ctx.case.eligibility.night = None;
        ctx.case.eligibility.night_code = None;
    } else {
        ctx.case.border.night = None;
        ctx.case.border.night_code = None;
    }
    ctx.find(Severity::Violation, code, rule_of(custody, code))
}
