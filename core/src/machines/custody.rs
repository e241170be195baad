//! Custody and warrants of commitment, built once for the detention machines.
//!
//! The Act detains people under several sections with the same few shapes
//! (rule maps `removal_and_deportation.md` §1.3 and `status_and_border.md`
//! §0.4):
//!
//! - **a custody episode with an hour limit from its anchor**: s 59(3) "may be
//!   detained for up to 72 hours without further authority than this
//!   section"; s 128(7) 48 hours; ss 75(2), 97(3) 48 hours. Hours are elapsed
//!   time, and an act done exactly at the limit is in time ([`Episode`]);
//! - **a warrant of commitment for N days**, read two ways: the date reading
//!   (Interpretation Act 1999 s 35: the day of issue is not counted, and the
//!   period ends at the end of its last local day) is the deadline's `due`,
//!   the elapsed reading (N × 24 hours from the issue) its `due-strict`; or a
//!   stated expiry, read one way. Extensions run from the order that makes
//!   them (removal rule map §7 A15). A run of consecutive warrants may be
//!   capped in calendar months (s 60(7): "for a consecutive period of more than
//!   3 months"), at the same local wall-clock time, the earlier instant where
//!   a clock change makes it ambiguous ([`WarrantOfCommitment`]);
//! - **places of custody**: overnight in s 59 custody (s 62(1)) and under a
//!   s 60 warrant (s 62(2)) ([`overnight_s62_1`], [`warrant_place_s62_2`]).
//!
//! The `removal-detention` machine uses all three; the border machines
//! (`border`, `eligibility`), written first, keep their own clock data for now
//! and can move onto these types: nothing here knows about a machine. What the
//! detention machines already share is here or beside it:
//!
//! - the custody of a citizen (s 3), for the `I-s3` rows of `border` and
//!   `eligibility` (`citizen_detained_under`, `citizen_detention`, below);
//! - a passing deadline read two ways, judged by [`Ctx::find_breach`]
//!   (ss 128(7), 128(9)(c), 128A(2)(b), 128B(6)(c), 128B(9), 128B(10), 60(2));
//! - the place a `detain` or `move` line names, checked by
//!   `place::check_line` (ss 128(6), 128B(7)) or read by `place::of_line`
//!   (s 62).

use crate::case::Ctx;
use crate::outcome::{FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::{Date, Instant, LocalResult, Zone, DAY, HOUR};
use crate::vocab::event::EventKind;
use crate::vocab::values::DetainBasis;
#[cfg(feature = "removal")]
use crate::vocab::values::{AgreedBy, Place};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A custody episode: custody that began at `anchor` and may last `hours`
/// without further authority.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Episode {
    /// When the custody began (an arrest, or a release into the Police's
    /// custody from prison).
    pub anchor: Instant,
    /// The hours it may last without further authority.
    pub hours: u16,
}

crate::wire::wire_struct!(Episode { anchor, hours });

impl Episode {
    /// An episode from `anchor`, limited to `hours`.
    pub const fn new(anchor: Instant, hours: u16) -> Episode {
        Episode { anchor, hours }
    }

    /// The last instant of lawful custody without further authority: the
    /// anchor plus the hours, elapsed (the deadline's `due`).
    pub fn limit(&self) -> Instant {
        self.anchor
            .add_seconds(i64::from(self.hours).saturating_mul(HOUR))
    }

    /// True if custody at `t` goes beyond the limit (one second after it).
    pub fn exceeded_at(&self, t: Instant) -> bool {
        t > self.limit()
    }
}

/// A `detain` line under `basis` of a person recorded as a New Zealand
/// citizen. s 3(1): "every New Zealand citizen has, by virtue of that
/// citizenship, the right to be in New Zealand at any time".
pub(crate) fn citizen_detained_under(c: &Ctx<'_>, basis: DetainBasis) -> bool {
    c.case.person.citizen
        && matches!(c.event.kind, EventKind::Detain { basis: b, .. } if b == basis)
}

/// The detention of a citizen is recorded as a violation of s 3(2): "no
/// provision of this Act that is inconsistent with that right shall apply to
/// New Zealand citizens".
pub(crate) fn citizen_detention(ctx: &mut Ctx<'_>) -> Result<(), Rejection> {
    ctx.find(
        Severity::Violation,
        FindingCode::CitizenDetained,
        RuleId::S3,
    )
}

/// How long a warrant (or its latest extension) runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Period {
    /// N days from the order (read two ways).
    Days(u16),
    /// To a stated instant (read one way).
    Until(Instant),
    /// Not known: the period depends on words missing from the supplied text
    /// (e.g. s 129ZE during an epidemic); no expiry is computed.
    Unknown,
}

impl crate::wire::Wire for Period {
    fn put(&self, w: &mut crate::wire::Writer<'_>) -> Result<(), crate::wire::WireError> {
        match self {
            Period::Days(n) => {
                w.varint(0)?;
                crate::wire::Wire::put(n, w)
            }
            Period::Until(t) => {
                w.varint(1)?;
                crate::wire::Wire::put(t, w)
            }
            Period::Unknown => w.varint(2),
        }
    }
    fn take(r: &mut crate::wire::Reader<'_>) -> Result<Self, crate::wire::WireError> {
        match r.varint(32)? {
            0 => Ok(Period::Days(crate::wire::Wire::take(r)?)),
            1 => Ok(Period::Until(crate::wire::Wire::take(r)?)),
            2 => Ok(Period::Unknown),
            _ => Err(crate::wire::WireError::BadValue),
        }
    }
}

/// The two readings of an expiry: `due` is the last in-time instant of the
/// date reading, `due_strict` that of the elapsed reading (when there is one
/// and it ends earlier).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Expiry {
    /// The date reading (or a stated expiry).
    pub due: Instant,
    /// The elapsed reading, if different and earlier.
    pub due_strict: Option<Instant>,
}

/// A warrant of commitment: its latest order (issue or extension), its
/// period, and the consecutive run it belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct WarrantOfCommitment {
    /// The instant of the latest order: the issue, or the latest extension.
    pub ordered: Instant,
    /// The period of the latest order.
    pub period: Period,
    /// The start of the consecutive run of warrant custody (the first issue).
    pub chain_start: Instant,
    /// Appearances before a Judge on this warrant, the issue being the first.
    pub appearances: u8,
}

crate::wire::wire_struct!(WarrantOfCommitment {
    ordered,
    period,
    chain_start,
    appearances
});

impl WarrantOfCommitment {
    /// A warrant issued at `at` for `period`: appearance 1, and the start of a
    /// consecutive run.
    pub const fn issue(at: Instant, period: Period) -> WarrantOfCommitment {
        WarrantOfCommitment {
            ordered: at,
            period,
            chain_start: at,
            appearances: 1,
        }
    }

    /// The warrant as extended at `at` for `period` (the run goes on).
    pub fn extended(&self, at: Instant, period: Period) -> WarrantOfCommitment {
        WarrantOfCommitment {
            ordered: at,
            period,
            ..*self
        }
    }

    /// When the warrant (as last extended) expires, both readings; `None` if
    /// the period is not known.
    pub fn expiry(&self, zone: Zone) -> Option<Expiry> {
        expiry_of(self.ordered, self.period, zone)
    }

    /// The last in-time instant of the consecutive run: `months` calendar
    /// months after its start, at the same local wall-clock time.
    pub fn cap(&self, zone: Zone, months: i32) -> Instant {
        months_after(zone, self.chain_start, months)
    }
}

/// The expiry of a period ordered at `at`.
pub fn expiry_of(at: Instant, period: Period, zone: Zone) -> Option<Expiry> {
    match period {
        Period::Days(n) => {
            let last_day = zone
                .local_date(at)
                .add_days(i32::from(n))
                .unwrap_or(Date::MAX);
            let due = zone.end_of_day(last_day);
            // The elapsed reading: N × 24 h after the order; custody at that
            // very instant is in time (its `due-strict` is that instant).
            let elapsed = at.add_seconds(i64::from(n).saturating_mul(DAY));
            Some(Expiry {
                due,
                due_strict: (elapsed < due).then_some(elapsed),
            })
        }
        Period::Until(t) => Some(Expiry {
            due: t,
            due_strict: None,
        }),
        Period::Unknown => None,
    }
}

/// `months` calendar months after `t`, at the same local wall-clock time in
/// `zone`; a day the target month lacks is clamped to its last day; a time
/// the clock change skips is the change itself, and a time it repeats is the
/// earlier instant (the fail-safe one for a limit on detention).
pub fn months_after(zone: Zone, t: Instant, months: i32) -> Instant {
    let local = zone.to_local(t);
    let Some(date) = local.date.add_months(months) else {
        return Instant::MAX;
    };
    match zone.from_local(date, local.seconds_of_day) {
        LocalResult::Unique(x) => x,
        LocalResult::Ambiguous { earlier, .. } => earlier,
        LocalResult::Gap { transition } => transition,
    }
}

/// What a placement of a person in custody comes to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Placement {
    /// A place the Act allows, under this rule.
    Allowed(RuleId),
    /// A place the Act does not allow: a violation with this code and rule.
    Breach(FindingCode, RuleId),
}

/// s 62(1): the place of overnight custody under s 59. "(a) in the case of a
/// person under 17 years of age who is not married or in a civil union, in—
/// (i) any residence … or other premises under the control of, or approved
/// by, the chief executive of the department … responsible for the
/// administration of the Children, Young Persons, and Their Families Act 1989;
/// or (ii) any other premises agreed to by an immigration officer and by the
/// parent or guardian of the person, or the adult nominated under section
/// 141B …; or (b) in any other case, in— (i) premises approved by the chief
/// executive; or (ii) a Police station."
#[cfg(feature = "removal")]
pub fn overnight_s62_1(minor: bool, place: Place, agreed_by: Option<AgreedBy>) -> Placement {
    if minor {
        match place {
            Place::CyfResidence => Placement::Allowed(RuleId::S62_1_A),
            Place::AgreedPremises if agreed_by == Some(AgreedBy::ParentAndIo) => {
                Placement::Allowed(RuleId::S62_1_A)
            }
            Place::PoliceStation | Place::PoliceCustody => {
                Placement::Breach(FindingCode::MinorPoliceStation, RuleId::S62_1_A)
            }
            _ => Placement::Breach(FindingCode::MinorWrongPremises, RuleId::S62_1_A),
        }
    } else {
        match place {
            Place::ApprovedPremises | Place::PoliceStation | Place::PoliceCustody => {
                Placement::Allowed(RuleId::S62_1_B)
            }
            _ => Placement::Breach(FindingCode::AdultWrongPremises, RuleId::S62_1_B),
        }
    }
}

/// s 62(2): custody under a s 60 warrant of commitment is "(a) in a prison;
/// or (b) in any other premises approved for the purpose by the Judge".
#[cfg(feature = "removal")]
pub fn warrant_place_s62_2(place: Place) -> Placement {
    match place {
        Place::Prison | Place::ApprovedPremises => Placement::Allowed(RuleId::S62_2),
        _ => Placement::Breach(FindingCode::AdultWrongPremises, RuleId::S62_2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    fn t(s: &str) -> Instant {
        parse_timestamp(s).unwrap()
    }

    const Z: Zone = Zone::Mainland;

    #[test]
    fn an_episode_ends_exactly_at_its_limit() {
        let e = Episode::new(t("2008-07-14T09:00+12:00"), 72);
        assert_eq!(e.limit(), t("2008-07-17T09:00+12:00"));
        assert!(!e.exceeded_at(t("2008-07-17T09:00+12:00")));
        assert!(e.exceeded_at(t("2008-07-17T09:00:01+12:00")));
    }

    #[test]
    fn hours_are_elapsed_across_daylight_saving() {
        // S21: 72 h from 2008-09-26T10:00+12:00 is 11:00+13:00 (an hour skipped).
        let e = Episode::new(t("2008-09-26T10:00+12:00"), 72);
        assert_eq!(e.limit(), t("2008-09-29T11:00+13:00"));
        // S22: across the end of daylight saving, 09:00+12:00.
        let e = Episode::new(t("2009-04-03T10:00+13:00"), 72);
        assert_eq!(e.limit(), t("2009-04-06T09:00+12:00"));
    }

    #[test]
    fn a_seven_day_warrant_is_read_two_ways() {
        // S26 (A): issued 2008-09-24T14:00+12:00; spring change inside.
        let w = WarrantOfCommitment::issue(t("2008-09-24T14:00+12:00"), Period::Days(7));
        let e = w.expiry(Z).unwrap();
        assert_eq!(e.due, t("2008-10-01T23:59:59+13:00"));
        assert_eq!(e.due_strict, Some(t("2008-10-01T15:00+13:00")));
        // S26 (B): autumn change inside: 168 h is 09:00+12:00.
        let w = WarrantOfCommitment::issue(t("2009-04-01T10:00+13:00"), Period::Days(7));
        let e = w.expiry(Z).unwrap();
        assert_eq!(e.due, t("2009-04-08T23:59:59+12:00"));
        assert_eq!(e.due_strict, Some(t("2009-04-08T09:00+12:00")));
    }

    #[test]
    fn a_stated_expiry_is_read_one_way_and_unknown_is_none() {
        let w = WarrantOfCommitment::issue(
            t("2008-10-15T14:00+13:00"),
            Period::Until(t("2008-10-16T14:00+13:00")),
        );
        assert_eq!(
            w.expiry(Z),
            Some(Expiry {
                due: t("2008-10-16T14:00+13:00"),
                due_strict: None
            })
        );
        assert_eq!(
            WarrantOfCommitment::issue(t("2009-05-12T15:00+12:00"), Period::Unknown).expiry(Z),
            None
        );
    }

    #[test]
    fn extensions_run_from_the_order_and_keep_the_run() {
        // S24: issued 07-16 14:00; extended at 07-23 11:00 for 30 days.
        let w = WarrantOfCommitment::issue(t("2008-07-16T14:00+12:00"), Period::Days(7));
        let x = w.extended(t("2008-07-23T11:00+12:00"), Period::Days(30));
        let e = x.expiry(Z).unwrap();
        assert_eq!(e.due, t("2008-08-22T23:59:59+12:00"));
        assert_eq!(e.due_strict, Some(t("2008-08-22T11:00+12:00")));
        assert_eq!(x.chain_start, w.chain_start);
        assert_eq!(x.appearances, 1);
    }

    #[test]
    fn the_cap_is_three_calendar_months_at_the_same_wall_clock_time() {
        // S25: 2008-07-16T14:00+12:00 plus 3 months is 2008-10-16T14:00+13:00.
        let w = WarrantOfCommitment::issue(t("2008-07-16T14:00+12:00"), Period::Days(7));
        assert_eq!(w.cap(Z, 3), t("2008-10-16T14:00+13:00"));
        // A day the month lacks is clamped: 30 November plus 3 months is 28 February.
        assert_eq!(
            months_after(Z, t("2008-11-30T10:00+13:00"), 3),
            t("2009-02-28T10:00+13:00")
        );
        // A wall-clock time the spring change skips is the change itself.
        assert_eq!(
            months_after(Z, t("2008-06-28T02:30+12:00"), 3),
            t("2008-09-28T03:00+13:00")
        );
        // One the autumn change repeats is the earlier instant.
        assert_eq!(
            months_after(Z, t("2009-01-05T02:30+13:00"), 3),
            t("2009-04-05T02:30+13:00")
        );
    }

    #[cfg(feature = "removal")]
    #[test]
    fn places_under_s62() {
        use AgreedBy as A;
        assert_eq!(
            overnight_s62_1(true, Place::PoliceStation, None),
            Placement::Breach(FindingCode::MinorPoliceStation, RuleId::S62_1_A)
        );
        assert_eq!(
            overnight_s62_1(true, Place::CyfResidence, None),
            Placement::Allowed(RuleId::S62_1_A)
        );
        assert_eq!(
            overnight_s62_1(true, Place::AgreedPremises, Some(A::Parent)),
            Placement::Breach(FindingCode::MinorWrongPremises, RuleId::S62_1_A)
        );
        assert_eq!(
            overnight_s62_1(true, Place::AgreedPremises, Some(A::ParentAndIo)),
            Placement::Allowed(RuleId::S62_1_A)
        );
        assert_eq!(
            overnight_s62_1(false, Place::ApprovedPremises, None),
            Placement::Allowed(RuleId::S62_1_B)
        );
        assert_eq!(
            overnight_s62_1(false, Place::Prison, None),
            Placement::Breach(FindingCode::AdultWrongPremises, RuleId::S62_1_B)
        );
        assert_eq!(
            warrant_place_s62_2(Place::Prison),
            Placement::Allowed(RuleId::S62_2)
        );
        assert_eq!(
            warrant_place_s62_2(Place::PoliceStation),
            Placement::Breach(FindingCode::AdultWrongPremises, RuleId::S62_2)
        );
    }
}
