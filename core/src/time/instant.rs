//! UTC instants: whole seconds since 1970-01-01T00:00:00Z.
//!
//! The core stores every instant in UTC. Local time is computed on demand by
//! [`crate::time::Zone`]; the offset a case file wrote survives only in the file.

use super::civil::Date;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Seconds in a minute.
pub const MINUTE: i64 = 60;
/// Seconds in an hour.
pub const HOUR: i64 = 3600;
/// Seconds in a day of 24 hours (an elapsed day, not a calendar day).
pub const DAY: i64 = 86_400;

/// A UTC instant, in whole seconds since the Unix epoch.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Instant(i64);

impl Instant {
    /// The smallest instant the core represents (0001-01-01T00:00:00Z).
    pub const MIN: Instant = Instant(-62_135_596_800);
    /// The largest instant the core represents (9999-12-31T23:59:59Z).
    pub const MAX: Instant = Instant(253_402_300_799);

    /// The instant `secs` seconds after the epoch, clamped to [`Instant::MIN`, `Instant::MAX`].
    pub const fn from_unix_seconds(secs: i64) -> Instant {
        if secs < Instant::MIN.0 {
            Instant::MIN
        } else if secs > Instant::MAX.0 {
            Instant::MAX
        } else {
            Instant(secs)
        }
    }

    /// Seconds since the epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The instant `secs` seconds later (earlier if negative), saturating at the
    /// ends of the supported range.
    pub const fn add_seconds(self, secs: i64) -> Instant {
        Instant::from_unix_seconds(self.0.saturating_add(secs))
    }

    /// The instant `secs` seconds later, or `None` if it leaves the supported range.
    pub fn checked_add_seconds(self, secs: i64) -> Option<Instant> {
        let t = self.0.checked_add(secs)?;
        if (Instant::MIN.0..=Instant::MAX.0).contains(&t) {
            Some(Instant(t))
        } else {
            None
        }
    }

    /// The instant `hours` elapsed hours later (saturating).
    pub const fn add_hours(self, hours: i64) -> Instant {
        self.add_seconds(hours.saturating_mul(HOUR))
    }

    /// Seconds from `earlier` to `self` (negative if `earlier` is later).
    pub const fn seconds_since(self, earlier: Instant) -> i64 {
        // Both lie within MIN..=MAX, so the difference cannot overflow i64.
        self.0.saturating_sub(earlier.0)
    }

    /// The instant at `seconds_of_day` seconds after 00:00 UTC on `date`.
    pub fn from_utc(date: Date, seconds_of_day: u32) -> Instant {
        let day_start = i64::from(date.days()).saturating_mul(DAY);
        Instant::from_unix_seconds(day_start.saturating_add(i64::from(seconds_of_day)))
    }

    /// The UTC calendar date of this instant.
    pub fn utc_date(self) -> Date {
        let days = self.0.div_euclid(DAY);
        // MIN..=MAX maps onto Date::MIN..=Date::MAX exactly.
        i32::try_from(days)
            .ok()
            .and_then(Date::from_days)
            .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// Seconds since 00:00 UTC of this instant's UTC date (0..86_400).
    pub fn utc_seconds_of_day(self) -> u32 {
        // rem_euclid with a positive divisor is in 0..DAY, which fits in u32.
        u32::try_from(self.0.rem_euclid(DAY)).unwrap_or(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn range_ends_are_the_supported_dates() {
        assert_eq!(Instant::MIN.utc_date(), Date::MIN);
        assert_eq!(Instant::MAX.utc_date(), Date::MAX);
        assert_eq!(Instant::MAX.utc_seconds_of_day(), 86_399);
        assert_eq!(Instant::MAX.add_seconds(1), Instant::MAX);
        assert_eq!(Instant::MAX.checked_add_seconds(1), None);
    }

    #[test]
    fn utc_date_of_negative_instants() {
        let t = Instant::from_unix_seconds(-1);
        assert_eq!(t.utc_date(), Date::from_ymd(1969, 12, 31).unwrap());
        assert_eq!(t.utc_seconds_of_day(), 86_399);
    }
}
