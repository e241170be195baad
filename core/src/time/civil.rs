//! Civil (proleptic Gregorian) calendar dates, with no time zone attached.
//!
//! A [`Date`] is a day number counted from 1970-01-01. The supported range is the
//! years 1 to 9999, which is every year an RFC 3339 timestamp can name. Every
//! operation that could leave that range returns `None` instead of wrapping.

use core::num::NonZeroI32;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Day number of 0001-01-01 (the first supported date).
const MIN_DAYS: i32 = -719_162;
/// Day number of 9999-12-31 (the last supported date).
const MAX_DAYS: i32 = 2_932_896;

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Kept as `days - MIN + 1`, never zero, so that `Option<Date>` is 4 bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    stored: NonZeroI32,
}

const fn encode(days: i32) -> Date {
    // Callers keep days within MIN_DAYS..=MAX_DAYS, so this is never zero.
    match NonZeroI32::new(days.wrapping_sub(MIN_DAYS).wrapping_add(1)) {
        Some(stored) => Date { stored },
        None => Date {
            stored: NonZeroI32::MIN,
        },
    }
}

impl core::fmt::Debug for Date {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "Date({y:04}-{m:02}-{d:02})")
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Date {
    fn format(&self, f: defmt::Formatter<'_>) {
        let (y, m, d) = self.ymd();
        defmt::write!(f, "{=i32}-{=u8}-{=u8}", y, m, d)
    }
}

#[cfg(feature = "serde")]
impl Serialize for Date {
    #[inline(never)]
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.days())
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Date {
    #[inline(never)]
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let days = i32::deserialize(d)?;
        Date::from_days(days).ok_or_else(|| serde::de::Error::custom("date out of range"))
    }
}

/// A day of the week.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// True for Saturday and Sunday.
    pub const fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// Days after Monday: Monday is 0, Sunday is 6.
    pub const fn days_from_monday(self) -> u8 {
        match self {
            Weekday::Monday => 0,
            Weekday::Tuesday => 1,
            Weekday::Wednesday => 2,
            Weekday::Thursday => 3,
            Weekday::Friday => 4,
            Weekday::Saturday => 5,
            Weekday::Sunday => 6,
        }
    }
}

/// True if `year` is a Gregorian leap year.
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for a month out of range.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap_year(year) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

impl Date {
    /// The first supported date, 0001-01-01.
    pub const MIN: Date = encode(MIN_DAYS);
    /// The last supported date, 9999-12-31.
    pub const MAX: Date = encode(MAX_DAYS);
    /// 1970-01-01, day number 0.
    pub const EPOCH: Date = encode(0);

    /// The date with day number `days` (days since 1970-01-01), if in range.
    pub const fn from_days(days: i32) -> Option<Date> {
        if days < MIN_DAYS || days > MAX_DAYS {
            None
        } else {
            Some(encode(days))
        }
    }

    /// Day number: days since 1970-01-01 (negative before it).
    pub const fn days(self) -> i32 {
        self.stored.get().wrapping_sub(1).wrapping_add(MIN_DAYS)
    }

    /// The date `year`-`month`-`day`, if it exists and is in range.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil. The checks above bound year (1..=9999),
        // month (1..=12) and day (1..=31), so no intermediate can overflow an
        // i32: the wrapping forms are exact here and satisfy the lint.
        let (m, d) = (i32::from(month), i32::from(day));
        let y = if m <= 2 { year.wrapping_sub(1) } else { year };
        let era = y / 400; // y >= 0 here
        let yoe = y.wrapping_sub(era.wrapping_mul(400)); // [0, 399]
        let mp = if m > 2 {
            m.wrapping_sub(3)
        } else {
            m.wrapping_add(9)
        }; // [0, 11]
        let doy = (mp.wrapping_mul(153).wrapping_add(2) / 5)
            .wrapping_add(d)
            .wrapping_sub(1); // [0, 365]
        let doe = yoe
            .wrapping_mul(365)
            .wrapping_add(yoe / 4)
            .wrapping_sub(yoe / 100)
            .wrapping_add(doy); // [0, 146096]
        let days = era
            .wrapping_mul(146_097)
            .wrapping_add(doe)
            .wrapping_sub(719_468);
        Date::from_days(days)
    }

    /// The (year, month, day) of this date.
    pub fn ymd(self) -> (i32, u8, u8) {
        // Howard Hinnant's civil_from_days. The range of `days` is bounded
        // (MIN_DAYS..=MAX_DAYS), so none of these operations can overflow; the
        // wrapping forms satisfy the lint without a fallible path.
        let z = self.days().wrapping_add(719_468);
        let era = z.div_euclid(146_097);
        let doe = z.wrapping_sub(era.wrapping_mul(146_097)); // [0, 146096]
        let yoe = doe
            .wrapping_sub(doe / 1460)
            .wrapping_add(doe / 36_524)
            .wrapping_sub(doe / 146_096)
            / 365; // [0, 399]
        let y = yoe.wrapping_add(era.wrapping_mul(400));
        let doy = doe.wrapping_sub(
            yoe.wrapping_mul(365)
                .wrapping_add(yoe / 4)
                .wrapping_sub(yoe / 100),
        ); // [0, 365]
        let mp = doy.wrapping_mul(5).wrapping_add(2) / 153; // [0, 11]
        let d = doy
            .wrapping_sub(mp.wrapping_mul(153).wrapping_add(2) / 5)
            .wrapping_add(1); // [1, 31]
        let m = if mp < 10 {
            mp.wrapping_add(3)
        } else {
            mp.wrapping_sub(9)
        }; // [1, 12]
        let year = if m <= 2 { y.wrapping_add(1) } else { y };
        // m is in 1..=12 and d in 1..=31, so the narrowing casts are exact.
        (year, m as u8, d as u8)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.ymd().1
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.ymd().2
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match self.days().wrapping_add(3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The date `n` days later (earlier if negative), if in range.
    pub fn add_days(self, n: i32) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The next day, if in range.
    pub fn succ(self) -> Option<Date> {
        self.add_days(1)
    }

    /// The previous day, if in range.
    pub fn pred(self) -> Option<Date> {
        self.add_days(-1)
    }

    /// Days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i32 {
        // Both are within MIN_DAYS..=MAX_DAYS, so the difference fits in i32.
        self.days().wrapping_sub(earlier.days())
    }

    /// The same day `n` calendar months later (earlier if negative). A day that
    /// does not exist in the target month is clamped to its last day (31 March
    /// plus one month is 30 April).
    pub fn add_months(self, n: i32) -> Option<Date> {
        let (y, m, d) = self.ymd();
        let month0 = i32::from(m).checked_sub(1)?.checked_add(n)?;
        let year = y.checked_add(month0.div_euclid(12))?;
        let month = u8::try_from(month0.rem_euclid(12).checked_add(1)?).ok()?;
        let day = d.min(days_in_month(year, month));
        Date::from_ymd(year, month, day)
    }

    /// The same day `n` calendar years later; 29 February becomes 28 February in
    /// a common year.
    pub fn add_years(self, n: i32) -> Option<Date> {
        self.add_months(n.checked_mul(12)?)
    }

    /// The first `weekday` on or after this date.
    pub fn next_weekday_on_or_after(self, weekday: Weekday) -> Option<Date> {
        let from = i32::from(self.weekday().days_from_monday());
        let to = i32::from(weekday.days_from_monday());
        self.add_days((to.wrapping_sub(from)).rem_euclid(7))
    }

    /// The `n`-th (1-based) `weekday` of `month` in `year`, or `None` if the
    /// month has fewer than `n` of them.
    pub fn nth_weekday(year: i32, month: u8, weekday: Weekday, n: u8) -> Option<Date> {
        let first = Date::from_ymd(year, month, 1)?.next_weekday_on_or_after(weekday)?;
        let d = first.add_days(i32::from(n.checked_sub(1)?).checked_mul(7)?)?;
        // Compare the year too: a large `n` can land in the same month of a
        // later year (the 53rd Monday of January 2009 is not 4 January 2010).
        let (y, m, _) = d.ymd();
        if y == year && m == month {
            Some(d)
        } else {
            None
        }
    }

    /// The last `weekday` of `month` in `year`.
    pub fn last_weekday(year: i32, month: u8, weekday: Weekday) -> Option<Date> {
        let last = Date::from_ymd(year, month, days_in_month(year, month))?;
        let from = i32::from(last.weekday().days_from_monday());
        let to = i32::from(weekday.days_from_monday());
        last.add_days((from.wrapping_sub(to)).rem_euclid(7).wrapping_neg())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates_round_trip() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::from_ymd(2009, 3, 2).unwrap().days(), 14305);
        assert_eq!(Date::from_ymd(1, 1, 1), Some(Date::MIN));
        assert_eq!(Date::from_ymd(9999, 12, 31), Some(Date::MAX));
        for days in [Date::MIN.days(), -1, 0, 1, 14305, 59, 60, Date::MAX.days()] {
            let d = Date::from_days(days).unwrap();
            let (y, m, dd) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(d));
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::from_ymd(2009, 2, 29), None);
        assert_eq!(Date::from_ymd(2009, 13, 1), None);
        assert_eq!(Date::from_ymd(0, 1, 1), None);
        assert_eq!(Date::from_ymd(10000, 1, 1), None);
        assert!(Date::from_ymd(2008, 2, 29).is_some());
        assert_eq!(Date::MAX.succ(), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            Date::from_ymd(1970, 1, 1).unwrap().weekday(),
            Weekday::Thursday
        );
        assert_eq!(
            Date::from_ymd(2009, 4, 5).unwrap().weekday(),
            Weekday::Sunday
        );
        assert_eq!(
            Date::last_weekday(2009, 9, Weekday::Sunday),
            Date::from_ymd(2009, 9, 27)
        );
        assert_eq!(
            Date::nth_weekday(2010, 10, Weekday::Monday, 4),
            Date::from_ymd(2010, 10, 25)
        );
        assert_eq!(Date::nth_weekday(2010, 10, Weekday::Monday, 5), None);
        assert_eq!(Date::nth_weekday(2010, 10, Weekday::Monday, 0), None);
        // Regression: n = 53 used to wrap into January 2010.
        assert_eq!(Date::nth_weekday(2009, 1, Weekday::Monday, 53), None);
        assert_eq!(Date::nth_weekday(2009, 1, Weekday::Monday, 255), None);
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = Date::from_ymd(2009, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::from_ymd(2009, 2, 28));
        assert_eq!(d.add_months(-2), Date::from_ymd(2008, 11, 30));
        let leap = Date::from_ymd(2008, 2, 29).unwrap();
        assert_eq!(leap.add_years(1), Date::from_ymd(2009, 2, 28));
    }
}
