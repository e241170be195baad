//! UTC instants: whole seconds since 1970-01-01T00:00:00Z.
//!
//! The core stores every instant in UTC. Local time is computed on demand by
//! [`crate::time::Zone`]; the offset a case file wrote survives only in the file.

use super::civil::Date;
use core::num::NonZeroI64;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Seconds in a minute.
pub const MINUTE: i64 = 60;
/// Seconds in an hour.
pub const HOUR: i64 = 3600;
/// Seconds in a day of 24 hours (an elapsed day, not a calendar day).
pub const DAY: i64 = 86_400;

const MIN_SECS: i64 = -62_135_596_800;
const MAX_SECS: i64 = 253_402_300_799;

/// A UTC instant, in whole seconds since the Unix epoch.
///
/// Stored as `seconds - MIN + 1`, which is never zero, so that an
/// `Option<Instant>` takes no more room than an `Instant` (8 bytes): the case
/// holds many optional instants and must fit the kiosk's budget. Ordering is
/// preserved because the offset is the same for every instant.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(NonZeroI64);

const fn encode(secs: i64) -> Instant {
    // secs is clamped to MIN_SECS..=MAX_SECS by every caller, so the stored
    // value is in 1..=MAX_SECS-MIN_SECS+1 and never zero.
    match NonZeroI64::new(secs.wrapping_sub(MIN_SECS).wrapping_add(1)) {
        Some(n) => Instant(n),
        None => Instant(NonZeroI64::MIN),
    }
}

impl Default for Instant {
    /// The epoch, 1970-01-01T00:00:00Z.
    fn default() -> Self {
        encode(0)
    }
}

impl core::fmt::Debug for Instant {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Instant({})", self.unix_seconds())
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Instant {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=i64}", self.unix_seconds())
    }
}

#[cfg(feature = "serde")]
impl Serialize for Instant {
    #[inline(never)]
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.unix_seconds())
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Instant {
    #[inline(never)]
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = i64::deserialize(d)?;
        if (MIN_SECS..=MAX_SECS).contains(&secs) {
            Ok(encode(secs))
        } else {
            Err(serde::de::Error::custom("instant out of range"))
        }
    }
}

impl Instant {
    /// The smallest instant the core represents (0001-01-01T00:00:00Z).
    pub const MIN: Instant = encode(MIN_SECS);
    /// The largest instant the core represents (9999-12-31T23:59:59Z).
    pub const MAX: Instant = encode(MAX_SECS);

    /// The instant `secs` seconds after the epoch, clamped to [`Instant::MIN`, `Instant::MAX`].
    pub const fn from_unix_seconds(secs: i64) -> Instant {
        if secs < MIN_SECS {
            Instant::MIN
        } else if secs > MAX_SECS {
            Instant::MAX
        } else {
            encode(secs)
        }
    }

    /// Seconds since the epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.0.get().wrapping_sub(1).wrapping_add(MIN_SECS)
    }

    /// The instant `secs` seconds later (earlier if negative), saturating at the
    /// ends of the supported range.
    pub const fn add_seconds(self, secs: i64) -> Instant {
        Instant::from_unix_seconds(self.unix_seconds().saturating_add(secs))
    }

    /// The instant `secs` seconds later, or `None` if it leaves the supported range.
    pub fn checked_add_seconds(self, secs: i64) -> Option<Instant> {
        let t = self.unix_seconds().checked_add(secs)?;
        if (MIN_SECS..=MAX_SECS).contains(&t) {
            Some(encode(t))
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
        self.unix_seconds().saturating_sub(earlier.unix_seconds())
    }

    /// The instant at `seconds_of_day` seconds after 00:00 UTC on `date`.
    pub fn from_utc(date: Date, seconds_of_day: u32) -> Instant {
        let day_start = i64::from(date.days()).saturating_mul(DAY);
        Instant::from_unix_seconds(day_start.saturating_add(i64::from(seconds_of_day)))
    }

    /// Days since the epoch (`div_euclid(DAY)`) and seconds into that day
    /// (`rem_euclid(DAY)`), without a 64-bit division: on a 32-bit target
    /// that is a library routine of about 1 KB. 86 400 = 2⁷ · 675, floor
    /// division by 2⁷ is an arithmetic shift, and for every instant in range
    /// the shifted seconds fit in an `i32` (|−485 434 350|, 1 979 705 474), so
    /// the rest is one 32-bit division.
    #[cfg_attr(target_pointer_width = "32", inline(never))]
    fn split_days(self) -> (i32, u32) {
        let secs = self.unix_seconds();
        let Ok(q) = i32::try_from(secs.wrapping_shr(7)) else {
            // Not reached: MIN..=MAX keeps the shifted seconds in range.
            return if secs < 0 {
                (Date::MIN.days(), 0)
            } else {
                (Date::MAX.days(), 86_399)
            };
        };
        let days = q.checked_div_euclid(675).unwrap_or(0);
        let rem = secs.wrapping_sub(i64::from(days).wrapping_mul(DAY));
        (days, u32::try_from(rem).unwrap_or(0))
    }

    /// The UTC calendar date of this instant.
    pub fn utc_date(self) -> Date {
        let (days, _) = self.split_days();
        // MIN..=MAX maps onto Date::MIN..=Date::MAX exactly.
        Date::from_days(days).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// Seconds since 00:00 UTC of this instant's UTC date (0..86_400).
    pub fn utc_seconds_of_day(self) -> u32 {
        self.split_days().1
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn split_days_is_div_rem_euclid() {
        extern crate std;
        let lo = Instant::MIN.unix_seconds();
        let hi = Instant::MAX.unix_seconds();
        let mut probes = std::vec![
            lo,
            lo + 1,
            hi - 1,
            hi,
            -1,
            0,
            1,
            DAY - 1,
            DAY,
            -DAY,
            -DAY - 1
        ];
        // Every day boundary's neighbours over a stride of the whole range.
        let mut t = lo;
        while t < hi {
            let d = t.div_euclid(DAY) * DAY;
            probes.extend([d - 1, d, d + 1, t, t + 127, t + 128]);
            t += 9_876_543_211;
        }
        for s in probes.into_iter().filter(|s| (lo..=hi).contains(s)) {
            let i = Instant::from_unix_seconds(s);
            let (days, rem) = i.split_days();
            assert_eq!(i64::from(days), s.div_euclid(DAY), "{s}");
            assert_eq!(i64::from(rem), s.rem_euclid(DAY), "{s}");
        }
    }

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
