//! Time, handled explicitly: UTC instants, New Zealand local time without a
//! time-zone database, calendar dates, public holidays and the two readings of a
//! day period.
//!
//! - An [`Instant`] is UTC seconds (i64). Nothing in the core reads a clock.
//! - Local time is [`Zone::Mainland`] (NZST +12:00 / NZDT +13:00) or
//!   [`Zone::Chatham`] (+12:45 / +13:45), from the daylight-saving rules of
//!   1974 onward ([`zone`]).
//! - Periods in hours are elapsed time ([`Instant::add_hours`]); periods in days
//!   count local dates under Interpretation Act 1999 s 35 ([`period`]); periods
//!   for an application or appeal skip weekday public holidays (s 2(2),
//!   [`holidays`]), and a last day that is not a working day rolls to the next
//!   one (Interpretation Act 1999 s 35(6), [`next_working_day_on_or_after`]).
//! - The zone rules agree with the IANA tz database (`Pacific/Auckland`,
//!   `Pacific/Chatham`) at every hour and every transition of 1987–2040
//!   (`core/tests/time_tzdb.rs`).

pub mod civil;
pub mod holidays;
pub mod instant;
pub mod period;
pub mod rfc3339;
pub mod zone;

pub use civil::{Date, Weekday};
pub use holidays::{
    easter_sunday, holidays_in_year, is_working_day, next_working_day_on_or_after, public_holiday,
    working_days_after, Holiday, HolidayDay, WorkingDayRules,
};
pub use instant::{Instant, DAY, HOUR, MINUTE};
pub use period::{count_dates_after, elapsed_with_pauses, DateRange, Pause};
pub use rfc3339::{
    parse_date, parse_duration, parse_timestamp, DateDisplay, TimeError, Timestamp, UtcTimestamp,
};
pub use zone::{LocalResult, LocalTime, Zone};
