//! Periods: day periods on local calendar dates (Interpretation Act 1999 s 35)
//! and elapsed periods that pause, both without allocation.
//!
//! The warrant clock of s 128 is read two ways (spec "Time model"):
//!
//! - the **date reading** counts local calendar dates after the issue date
//!   ("from/after" a day excludes it, Interpretation Act 1999 s 35(2)), skipping
//!   dates the Act tells us to reckon the period "exclusive of"; the period ends at
//!   the end of its last counted date ([`count_dates_after`]);
//! - the **elapsed reading** counts N × 24 hours from the issue instant, skipping
//!   the paused intervals ([`elapsed_with_pauses`]).

use super::civil::Date;
use super::instant::Instant;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A closed range of local calendar dates, `first..=last`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct DateRange {
    /// The first date in the range.
    pub first: Date,
    /// The last date in the range (inclusive).
    pub last: Date,
}

impl DateRange {
    /// True if `d` lies in the range.
    pub fn contains(&self, d: Date) -> bool {
        self.first <= d && d <= self.last
    }
}

/// A half-open interval of instants, `start..end`, during which an elapsed
/// period does not run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Pause {
    /// The instant the pause starts.
    pub start: Instant,
    /// The instant the pause ends.
    pub end: Instant,
}

/// Count `n` countable dates after `start` (which is itself not counted,
/// Interpretation Act 1999 s 35(2)), where a date is countable unless it lies in
/// one of `excluded`. Returns the last counted date, or `None` if the count
/// leaves the supported range. With `n == 0` the result is `start`.
pub fn count_dates_after(start: Date, n: u32, excluded: &[DateRange]) -> Option<Date> {
    // Range by range rather than date by date: the countable dates before the
    // next excluded range are counted in one step, and the range is jumped.
    let mut d = i64::from(start.days());
    let mut left = i64::from(n);
    loop {
        // The excluded range that comes next after `d` (the one with the
        // earliest first date after `d`, among those still to come).
        let next = excluded
            .iter()
            .filter(|r| i64::from(r.last.days()) > d)
            .map(|r| {
                (
                    i64::from(r.first.days()).max(d.saturating_add(1)),
                    i64::from(r.last.days()),
                )
            })
            .min_by_key(|&(first, _)| first);
        let gap = match next {
            // The countable dates strictly between `d` and the range.
            Some((first, _)) => first.saturating_sub(d).saturating_sub(1),
            None => left,
        };
        if gap >= left {
            return Date::from_days(i32::try_from(d.saturating_add(left)).ok()?);
        }
        left = left.saturating_sub(gap);
        d = next.map_or(d, |(_, last)| last);
    }
}

/// The instant at which `seconds` of running time, starting at `start`, are used
/// up, when the clock does not run inside any of `pauses` (which may overlap and
/// come in any order).
pub fn elapsed_with_pauses(start: Instant, seconds: i64, pauses: &[Pause]) -> Instant {
    let mut t = start;
    let mut remaining = seconds.max(0);
    loop {
        // The earliest pause that is still relevant: it ends after t.
        let next = pauses
            .iter()
            .filter(|p| p.end > t && p.end > p.start)
            .min_by_key(|p| p.start.max(t));
        let Some(p) = next else {
            return t.add_seconds(remaining);
        };
        let begins = p.start.max(t);
        let run = begins.seconds_since(t);
        if run >= remaining {
            return t.add_seconds(remaining);
        }
        remaining = remaining.saturating_sub(run);
        // Skip to the end of this pause and of every pause that overlaps it.
        let mut end = p.end;
        loop {
            let extended = pauses
                .iter()
                .filter(|q| q.start <= end && q.end > end)
                .map(|q| q.end)
                .max();
            match extended {
                Some(e) => end = e,
                None => break,
            }
        }
        t = end;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::time::instant::HOUR;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::from_ymd(y, m, dd).unwrap()
    }

    #[test]
    fn twenty_eight_days_after_the_issue_date() {
        // SC-02: issued 2009-03-04, last authorised date 2009-04-01.
        assert_eq!(
            count_dates_after(d(2009, 3, 4), 28, &[]),
            Some(d(2009, 4, 1))
        );
    }

    #[test]
    fn excluded_dates_are_not_counted() {
        // SC-15: issued 2009-06-01, escape 06-10, recapture 06-15 (+3 dates).
        let ex = [DateRange {
            first: d(2009, 6, 10),
            last: d(2009, 6, 18),
        }];
        assert_eq!(
            count_dates_after(d(2009, 6, 1), 28, &ex),
            Some(d(2009, 7, 8))
        );
        // Overlapping ranges merge.
        let ex2 = [
            DateRange {
                first: d(2009, 6, 10),
                last: d(2009, 6, 15),
            },
            DateRange {
                first: d(2009, 6, 12),
                last: d(2009, 6, 18),
            },
        ];
        assert_eq!(
            count_dates_after(d(2009, 6, 1), 28, &ex2),
            Some(d(2009, 7, 8))
        );
    }

    #[test]
    fn elapsed_time_skips_pauses() {
        let t0 = Instant::from_unix_seconds(0);
        let p = |a: i64, b: i64| Pause {
            start: t0.add_seconds(a * HOUR),
            end: t0.add_seconds(b * HOUR),
        };
        assert_eq!(
            elapsed_with_pauses(t0, 10 * HOUR, &[]),
            t0.add_seconds(10 * HOUR)
        );
        assert_eq!(
            elapsed_with_pauses(t0, 10 * HOUR, &[p(2, 5)]),
            t0.add_seconds(13 * HOUR)
        );
        assert_eq!(
            elapsed_with_pauses(t0, 10 * HOUR, &[p(4, 6), p(2, 5)]),
            t0.add_seconds(14 * HOUR)
        );
        // A pause after the period has run out changes nothing.
        assert_eq!(
            elapsed_with_pauses(t0, 10 * HOUR, &[p(11, 12)]),
            t0.add_seconds(10 * HOUR)
        );
        // A pause that is still open at the end (end == MAX) never ends.
        let open = [Pause {
            start: t0.add_seconds(HOUR),
            end: Instant::MAX,
        }];
        assert_eq!(elapsed_with_pauses(t0, 10 * HOUR, &open), Instant::MAX);
    }
}
