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
//!   [`holidays`]).

pub mod civil;
pub mod holidays;
pub mod instant;
pub mod period;
pub mod rfc3339;
pub mod zone;

pub use civil::{Date, Weekday};
pub use holidays::Holiday;
pub use instant::{Instant, DAY, HOUR, MINUTE};
pub use period::{count_dates_after, elapsed_with_pauses, DateRange, Pause};
pub use rfc3339::{parse_date, parse_duration, parse_timestamp, DateDisplay, TimeError, Timestamp, UtcTimestamp};
pub use zone::{LocalResult, LocalTime, Zone};
