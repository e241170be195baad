//! New Zealand local time, computed from the daylight-saving rules without a
//! time-zone database.
//!
//! - New Zealand Standard Time is UTC+12:00 ("12 hours in advance of
//!   Co-ordinated Universal Time", Time Act 1974); New Zealand Daylight Time is
//!   UTC+13:00.
//! - The Chatham Islands keep UTC+12:45 / UTC+13:45 and change at the same UTC
//!   instant as the mainland (02:45 Chatham standard time).
//! - Every change since 1974 happens at 02:00 NZST, which is 14:00 UTC on the
//!   Saturday before the local Sunday.
//!
//! Rule history (spec `rules/refugee_and_policy.md` §3.5; IANA tz rules `NZ`):
//!
//! | DST starts (local Sunday)                   | DST ends (local Sunday)                     |
//! |---------------------------------------------|---------------------------------------------|
//! | 1974: first Sunday on or after 1 November   | 1975: last Sunday of February               |
//! | 1975–1988: last Sunday of October           | 1976–1989: first Sunday on or after 1 March |
//! | 1989: first Sunday on or after 8 October    | 1990–2007: first Sunday on or after 15 March|
//! | 1990–2006: first Sunday on or after 1 October | 2008 on: first Sunday on or after 1 April |
//! | 2007 on: last Sunday of September           |                                             |
//!
//! Before 3 November 1974 the engine uses standard time throughout. (New
//! Zealand kept other offsets before 1946; the Act's life starts in 1987, so
//! those years are out of scope.) After the last published rule the 2007 Order
//! is assumed to continue.

use super::civil::Date;
use super::instant::{Instant, DAY, HOUR, MINUTE};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A New Zealand time zone. Chosen per case with `config zone=mainland|chatham`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Zone {
    /// Mainland New Zealand (IANA `Pacific/Auckland`): +12:00 / +13:00.
    #[default]
    Mainland,
    /// The Chatham Islands (IANA `Pacific/Chatham`): +12:45 / +13:45.
    Chatham,
}

/// A local date and time of day in a [`Zone`], with the offset in force.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LocalTime {
    /// The local calendar date.
    pub date: Date,
    /// Seconds since local midnight (0..86_400).
    pub seconds_of_day: u32,
    /// The offset east of UTC, in seconds, in force at that instant.
    pub offset: i32,
}

/// The result of turning a local date and time into an instant.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LocalResult {
    /// The local time happened exactly once.
    Unique(Instant),
    /// The local time did not happen: clocks went forward over it. `transition`
    /// is the instant of the change (02:00 NZST, which reads 03:00 NZDT; on the
    /// Chatham Islands 02:45, which reads 03:45).
    Gap {
        /// The instant at which the clocks went forward.
        transition: Instant,
    },
    /// The local time happened twice: clocks went back over it.
    Ambiguous {
        /// The first occurrence (daylight time).
        earlier: Instant,
        /// The second occurrence (standard time).
        later: Instant,
    },
}

/// Days since 1970-01-01 of `year`-`month`-`day` (Howard Hinnant's
/// days_from_civil), for a date the callers here know to exist (years
/// 1..=9999): plain arithmetic, no checks, for the hot path of [`is_daylight`].
const fn civil_days(year: i32, month: i32, day: i32) -> i32 {
    let y = if month <= 2 {
        year.wrapping_sub(1)
    } else {
        year
    };
    let era = y.div_euclid(400);
    let yoe = y.wrapping_sub(era.wrapping_mul(400));
    let mp = if month > 2 {
        month.wrapping_sub(3)
    } else {
        month.wrapping_add(9)
    };
    let doy = (mp.wrapping_mul(153).wrapping_add(2) / 5)
        .wrapping_add(day)
        .wrapping_sub(1);
    let doe = yoe
        .wrapping_mul(365)
        .wrapping_add(yoe / 4)
        .wrapping_sub(yoe / 100)
        .wrapping_add(doy);
    era.wrapping_mul(146_097)
        .wrapping_add(doe)
        .wrapping_sub(719_468)
}

/// Days from Monday (0) to Sunday (6) of day number `days`.
const fn weekday_of(days: i32) -> i32 {
    // 1970-01-01 was a Thursday.
    days.wrapping_add(3).rem_euclid(7)
}

/// The first Sunday on or after day number `days`.
const fn sunday_on_or_after(days: i32) -> i32 {
    days.wrapping_add((6i32.wrapping_sub(weekday_of(days))).rem_euclid(7))
}

/// The last Sunday of `month` (whose last day is `last`) in `year`.
const fn last_sunday(year: i32, month: i32, last: i32) -> i32 {
    let d = civil_days(year, month, last);
    d.wrapping_sub(weekday_of(d).wrapping_add(1).rem_euclid(7))
}

/// Day numbers of the local Sundays on which daylight time starts and ends in
/// `year` (New Zealand's rules since 1974; the history is in
/// `refugee_and_policy.md` §3.5): `(start, end)`, each `None` in a year
/// without that change.
const fn dst_days(year: i32) -> (Option<i32>, Option<i32>) {
    let start = match year {
        1974 => Some(sunday_on_or_after(civil_days(1974, 11, 1))),
        1975..=1988 => Some(last_sunday(year, 10, 31)),
        1989 => Some(sunday_on_or_after(civil_days(1989, 10, 8))),
        1990..=2006 => Some(sunday_on_or_after(civil_days(year, 10, 1))),
        2007..=9999 => Some(last_sunday(year, 9, 30)),
        _ => None,
    };
    let end = match year {
        1975 => Some(last_sunday(1975, 2, 28)),
        1976..=1989 => Some(sunday_on_or_after(civil_days(year, 3, 1))),
        1990..=2007 => Some(sunday_on_or_after(civil_days(year, 3, 15))),
        2008..=9999 => Some(sunday_on_or_after(civil_days(year, 4, 1))),
        _ => None,
    };
    (start, end)
}

/// The local Sunday on which daylight time starts in `year`, if it does.
pub fn dst_start_date(year: i32) -> Option<Date> {
    Date::from_days(dst_days(year).0?)
}

/// The local Sunday on which daylight time ends in `year`, if it does.
pub fn dst_end_date(year: i32) -> Option<Date> {
    Date::from_days(dst_days(year).1?)
}

/// Seconds since the epoch of a change on local day number `d`: 02:00 NZST,
/// i.e. 14:00 UTC on the day before.
const fn change_seconds(d: i32) -> i64 {
    (d as i64).wrapping_mul(DAY).wrapping_sub(10 * HOUR)
}

/// The UTC instant of a change on local date `d`: 02:00 NZST, i.e. 14:00 UTC on
/// the day before.
fn change_instant(d: Date) -> Option<Instant> {
    Some(Instant::from_unix_seconds(change_seconds(d.days())))
}

/// The instant daylight time starts in `year` (clocks go forward), if it does.
pub fn dst_start(year: i32) -> Option<Instant> {
    change_instant(dst_start_date(year)?)
}

/// The instant daylight time ends in `year` (clocks go back), if it does.
pub fn dst_end(year: i32) -> Option<Instant> {
    change_instant(dst_end_date(year)?)
}

/// True if New Zealand daylight time is in force at `t` (both zones change at
/// the same UTC instant).
pub fn is_daylight(t: Instant) -> bool {
    #[cfg(feature = "tables")]
    if let Some(d) = table::is_daylight(t.unix_seconds()) {
        return d;
    }
    is_daylight_by_rule(t)
}

/// [`is_daylight`] computed from the rules of `t`'s year.
fn is_daylight_by_rule(t: Instant) -> bool {
    // The NZ standard-time year of `t`; every change is months away from 1 January.
    let year = t.add_seconds(12 * HOUR).utc_date().year();
    let (start, end) = dst_days(year);
    let s = t.unix_seconds();
    let after_start = start.is_some_and(|d| s >= change_seconds(d));
    let before_end = end.is_some_and(|d| s < change_seconds(d));
    after_start || before_end
}

/// Every change of New Zealand daylight time from its first (3 November 1974)
/// to the end of 2100, computed from the rules when the program is compiled
/// (feature `tables`, on by default; firmware that needs the 2 KB of flash more
/// than the speed leaves it off and computes each year's changes instead).
#[cfg(feature = "tables")]
mod table {
    use super::{change_seconds, dst_days};

    const FIRST: i32 = 1974;
    const LAST: i32 = 2100;
    /// 1974 has a start only, 1975–2100 an end and a start each.
    const N: usize = 1 + 2 * (LAST - FIRST) as usize;

    /// The change instants (seconds since the epoch), in order: starts at even
    /// indices, ends at odd ones. Evaluated by the compiler: an index out of
    /// bounds here is a compile error, never a panic at run time.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    const CHANGES: [i64; N] = {
        let mut out = [0i64; N];
        let mut i = 0usize;
        let mut year = FIRST;
        while year <= LAST {
            let (start, end) = dst_days(year);
            if let Some(d) = end {
                if i < N {
                    out[i] = change_seconds(d);
                }
                i += 1;
            }
            if let Some(d) = start {
                if i < N {
                    out[i] = change_seconds(d);
                }
                i += 1;
            }
            year += 1;
        }
        assert!(i == N);
        out
    };

    // Starts and ends alternate, each later than the one before (checked by
    // the compiler).
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    const _: () = {
        let mut i = 1;
        while i < N {
            assert!(CHANGES[i] > CHANGES[i - 1]);
            i += 1;
        }
    };

    /// Daylight time at `s` (seconds since the epoch), from the table; `None`
    /// after the table's last change.
    pub(super) fn is_daylight(s: i64) -> Option<bool> {
        let last = CHANGES.last().copied().unwrap_or(i64::MIN);
        if s >= last.saturating_add(150 * 86_400) {
            return None;
        }
        // The number of changes at or before `s`: odd means daylight (the
        // first change, index 0, is a start).
        let n = CHANGES.partition_point(|&c| c <= s);
        Some(n % 2 == 1)
    }
}

impl Zone {
    /// Standard-time offset east of UTC, in seconds.
    pub const fn standard_offset(self) -> i32 {
        match self {
            Zone::Mainland => 12 * 3600,
            Zone::Chatham => 12 * 3600 + 45 * 60,
        }
    }

    /// Daylight-time offset east of UTC, in seconds.
    pub const fn daylight_offset(self) -> i32 {
        match self {
            Zone::Mainland => 13 * 3600,
            Zone::Chatham => 13 * 3600 + 45 * 60,
        }
    }

    /// The offset east of UTC, in seconds, in force at `t`.
    pub fn utc_offset(self, t: Instant) -> i32 {
        if is_daylight(t) {
            self.daylight_offset()
        } else {
            self.standard_offset()
        }
    }

    /// The local date and time at `t`. In the last 12¾–13¾ hours of the
    /// supported range the local date would be in the year 10000; there the
    /// local time saturates at 9999-12-31T23:59:59 (the offset stays right).
    pub fn to_local(self, t: Instant) -> LocalTime {
        let offset = self.utc_offset(t);
        let local = t.add_seconds(i64::from(offset));
        LocalTime {
            date: local.utc_date(),
            seconds_of_day: local.utc_seconds_of_day(),
            offset,
        }
    }

    /// The local calendar date at `t`.
    pub fn local_date(self, t: Instant) -> Date {
        self.to_local(t).date
    }

    /// The instant(s) at which the local clock read `date` at `seconds_of_day`
    /// (0..86_400; a larger value runs on into the following days).
    ///
    /// On the spring Sunday the local hour from the change (02:00 mainland,
    /// 02:45 Chatham) is a [`LocalResult::Gap`]; on the autumn Sunday the hour
    /// before the change back is [`LocalResult::Ambiguous`], first in daylight
    /// and then in standard time. Like [`Instant::add_seconds`], the result
    /// saturates at the ends of the supported range: local times before
    /// 0001-01-01T00:00Z (the first 12–13¾ local hours of the range) give
    /// [`Instant::MIN`].
    pub fn from_local(self, date: Date, seconds_of_day: u32) -> LocalResult {
        let wall = Instant::from_utc(date, seconds_of_day);
        let std = self.standard_offset();
        let dst = self.daylight_offset();
        let as_std = wall.add_seconds(i64::from(std).wrapping_neg());
        let as_dst = wall.add_seconds(i64::from(dst).wrapping_neg());
        let std_ok = self.utc_offset(as_std) == std;
        let dst_ok = self.utc_offset(as_dst) == dst;
        match (dst_ok, std_ok) {
            (true, true) => LocalResult::Ambiguous {
                earlier: as_dst,
                later: as_std,
            },
            (true, false) => LocalResult::Unique(as_dst),
            (false, true) => LocalResult::Unique(as_std),
            (false, false) => {
                // In the spring gap: the change happened between as_dst and as_std.
                let year = date.year();
                LocalResult::Gap {
                    transition: dst_start(year).unwrap_or(as_std),
                }
            }
        }
    }

    /// The first instant of local `date` (00:00 local; midnight always exists in
    /// New Zealand because the clocks change at 02:00 or 03:00).
    pub fn start_of_day(self, date: Date) -> Instant {
        self.at_unambiguous(date, 0)
    }

    /// The last second of local `date` (23:59:59 local): the `due` of a day
    /// period whose last day is `date`.
    pub fn end_of_day(self, date: Date) -> Instant {
        // 23:59:59 local always happens exactly once (the clocks change at
        // 02:00/02:45), and it is the second before the next local midnight.
        // Computing it directly also gets the last supported date right: the
        // local 9999-12-31 ends at 9999-12-31T10:59:59Z, not at Instant::MAX.
        self.at_unambiguous(date, 86_399)
    }

    /// The instant of a local time that no change comes near (midnight, the
    /// last second of a day): the changes happen at 02:00–03:45 local, so the
    /// standard-time and daylight-time readings of such a time, an hour apart,
    /// lie on the same side of every change, and one lookup decides between
    /// them. (The same answer as [`Zone::from_local`], for these times.)
    pub(crate) fn at_unambiguous(self, date: Date, seconds_of_day: u32) -> Instant {
        let wall = Instant::from_utc(date, seconds_of_day);
        let as_std = wall.add_seconds(i64::from(self.standard_offset()).wrapping_neg());
        if is_daylight(as_std) {
            wall.add_seconds(i64::from(self.daylight_offset()).wrapping_neg())
        } else {
            as_std
        }
    }
}

/// Hours, minutes and seconds of `seconds_of_day`.
pub fn hms(seconds_of_day: u32) -> (u8, u8, u8) {
    let s = i64::from(seconds_of_day).rem_euclid(DAY);
    // Each component is bounded (h < 24, m < 60, s < 60), so the casts are exact.
    let h = (s / HOUR) as u8;
    let m = (s.rem_euclid(HOUR) / MINUTE) as u8;
    let sec = s.rem_euclid(MINUTE) as u8;
    (h, m, sec)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn inst(date: (i32, u8, u8), h: u32, m: u32, offset_h: i64) -> Instant {
        Instant::from_utc(
            Date::from_ymd(date.0, date.1, date.2).unwrap(),
            h * 3600 + m * 60,
        )
        .add_seconds(-offset_h * HOUR)
    }

    #[test]
    fn transitions_2009_match_the_spec_table() {
        assert_eq!(
            dst_end(2009),
            Some(Instant::from_utc(
                Date::from_ymd(2009, 4, 4).unwrap(),
                14 * 3600
            ))
        );
        assert_eq!(
            dst_start(2009),
            Some(Instant::from_utc(
                Date::from_ymd(2009, 9, 26).unwrap(),
                14 * 3600
            ))
        );
        assert_eq!(dst_start_date(1989), Date::from_ymd(1989, 10, 8));
        assert_eq!(dst_end_date(1975), Date::from_ymd(1975, 2, 23));
        assert_eq!(dst_start_date(1974), Date::from_ymd(1974, 11, 3));
    }

    #[test]
    fn offsets_either_side_of_the_2009_changes() {
        // 2009-04-05 02:59:59 NZDT is the last daylight second.
        let end = dst_end(2009).unwrap();
        assert_eq!(Zone::Mainland.utc_offset(end.add_seconds(-1)), 13 * 3600);
        assert_eq!(Zone::Mainland.utc_offset(end), 12 * 3600);
        let start = dst_start(2009).unwrap();
        assert_eq!(Zone::Mainland.utc_offset(start.add_seconds(-1)), 12 * 3600);
        assert_eq!(Zone::Mainland.utc_offset(start), 13 * 3600);
        assert_eq!(Zone::Chatham.utc_offset(start), 13 * 3600 + 45 * 60);
    }

    #[test]
    fn gap_and_fold_are_reported() {
        let d = Date::from_ymd(2009, 9, 27).unwrap();
        assert!(matches!(
            Zone::Mainland.from_local(d, 2 * 3600 + 30 * 60),
            LocalResult::Gap { .. }
        ));
        let d = Date::from_ymd(2009, 4, 5).unwrap();
        match Zone::Mainland.from_local(d, 2 * 3600 + 30 * 60) {
            LocalResult::Ambiguous { earlier, later } => {
                assert_eq!(earlier, inst((2009, 4, 5), 2, 30, 13));
                assert_eq!(later, inst((2009, 4, 5), 2, 30, 12));
            }
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    #[test]
    fn end_of_the_last_supported_day() {
        // Regression: end_of_day(Date::MAX) used to be Instant::MAX, 13 hours
        // after the end of the local day (NZDT in December).
        let end = Zone::Mainland.end_of_day(Date::MAX);
        assert_eq!(end, Instant::MAX.add_seconds(-13 * HOUR));
        assert_eq!(Zone::Mainland.to_local(end).date, Date::MAX);
        assert_eq!(Zone::Mainland.to_local(end).seconds_of_day, 86_399);
        let end = Zone::Chatham.end_of_day(Date::MAX);
        assert_eq!(end, Instant::MAX.add_seconds(-13 * HOUR - 45 * 60));
    }

    #[test]
    fn end_of_day_is_the_last_local_second() {
        let d = Date::from_ymd(2009, 4, 1).unwrap();
        assert_eq!(
            Zone::Mainland.end_of_day(d),
            inst((2009, 4, 1), 23, 59, 13).add_seconds(59)
        );
    }
}
