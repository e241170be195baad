//! RFC 3339 timestamps, calendar dates and ISO 8601 durations, parsed and
//! formatted without allocation.
//!
//! The case language requires an explicit offset on every timestamp
//! (`2009-03-02T06:10+13:00`, `…Z`). Seconds are optional; fractional seconds
//! are rejected, because the core counts whole seconds. A timestamp that is
//! valid apart from a missing offset is [`TimeError::NoOffset`], so the user is
//! told exactly what to add.

use super::civil::Date;
use super::instant::{Instant, DAY, HOUR, MINUTE};
use super::zone::{hms, Zone};
use core::fmt;

/// Why a timestamp, date or duration did not parse.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum TimeError {
    /// A local date and time with no offset (`Z` or `±HH:MM`) after it.
    NoOffset,
    /// Not an RFC 3339 timestamp, or a date or time that does not exist.
    BadTimestamp,
    /// Not a `YYYY-MM-DD` calendar date, or a date that does not exist.
    BadDate,
    /// Not an ISO 8601 duration of the supported form (`PnWnDTnHnMnS`).
    BadDuration,
}

impl TimeError {
    /// A short English explanation.
    pub const fn message(self) -> &'static str {
        match self {
            TimeError::NoOffset => "timestamp has no UTC offset: add Z or +HH:MM",
            TimeError::BadTimestamp => "not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM[:SS]±HH:MM)",
            TimeError::BadDate => "not a calendar date (YYYY-MM-DD)",
            TimeError::BadDuration => "not a duration (e.g. PT2H, P1D, P2DT6H)",
        }
    }
}

/// The value of one ASCII digit.
fn digit(c: u8) -> Option<u32> {
    c.is_ascii_digit().then(|| u32::from(c.wrapping_sub(b'0')))
}

/// The value of two ASCII digits (at most 99: the arithmetic cannot wrap).
fn two(a: u8, b: u8) -> Option<u32> {
    Some(digit(a)?.wrapping_mul(10).wrapping_add(digit(b)?))
}

fn parse_date_bytes(b: &[u8]) -> Option<Date> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    // Four digits are at most 9999: the arithmetic cannot wrap.
    let y = two(y0, y1)?.wrapping_mul(100).wrapping_add(two(y2, y3)?);
    let (m, d) = (two(m0, m1)?, two(d0, d1)?);
    Date::from_ymd(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// Parse a `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Result<Date, TimeError> {
    parse_date_bytes(s.as_bytes()).ok_or(TimeError::BadDate)
}

/// The length of the common form of a timestamp, `YYYY-MM-DDTHH:MM±HH:MM`.
pub(crate) const COMMON_TIMESTAMP_LEN: usize = 22;

/// `b` in every byte of a word.
const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The digits of `w` (8 bytes, the first lowest), as byte values 0-9, with
/// the bytes outside `digits` (a mask of whole bytes) checked against
/// `pattern` instead; `None` if a byte is neither as expected.
fn digits_of(w: u64, digits: u64, pattern: u64) -> Option<u64> {
    const HIGHS: u64 = splat(0x80);
    if (w ^ pattern) & !digits != 0 {
        return None;
    }
    // The separators as '0', so that every byte must be a digit.
    let v = (w & digits) | (splat(b'0') & !digits);
    // No high bit: then x + 0x46 stays within its byte and has its high bit
    // set iff x > '9'; (x | 0x80) - '0' cannot borrow and has its high bit
    // clear iff x < '0'.
    let bad = v | v.wrapping_add(splat(0x46)) | !(v | HIGHS).wrapping_sub(splat(b'0'));
    if bad & HIGHS != 0 {
        return None;
    }
    Some(v.wrapping_sub(splat(b'0')))
}

/// The two-digit number starting at byte `k` of `v` (digit values): each
/// byte of `v * 10 + (v >> 8)` is `10 × its digit + the next digit` (at most
/// 99, so no byte carries into the next).
fn pair(p: u64, k: usize) -> u32 {
    u32::from(p.to_le_bytes().get(k).copied().unwrap_or(0))
}

/// The common form `YYYY-MM-DDTHH:MM±HH:MM` (upper-case `T`, exactly
/// [`COMMON_TIMESTAMP_LEN`] bytes at the start of `b`), 8 bytes at a time.
/// `None` for anything else, including a date or time that does not exist:
/// [`parse_timestamp`] then has the last word (and the error). When this
/// gives an instant, [`parse_timestamp`] gives the same one.
pub(crate) fn parse_common_timestamp(b: &[u8]) -> Option<Instant> {
    let w =
        |k: usize| -> Option<u64> { Some(u64::from_le_bytes(*b.get(k..)?.first_chunk::<8>()?)) };
    let (w0, w1, w2) = (w(0)?, w(8)?, w(14)?);
    // Byte masks: 0xFF where a digit is expected.
    const D0: u64 = 0x00FF_FF00_FFFF_FFFF; // "YYYY-MM-"
    const D1: u64 = 0xFFFF_00FF_FF00_FFFF; // "DDTHH:MM"
    const D2: u64 = 0xFFFF_00FF_FF00_FFFF; // "MM+HH:MM" (sign checked below)
    let v0 = digits_of(w0, D0, u64::from_le_bytes(*b"0000-00-"))?;
    let v1 = digits_of(w1, D1, u64::from_le_bytes(*b"00T00:00"))?;
    // Byte 2 of the last word is the offset's sign.
    let (negative, pattern) = match w2.to_le_bytes().get(2) {
        Some(b'+') => (false, *b"00+00:00"),
        Some(b'-') => (true, *b"00-00:00"),
        _ => return None,
    };
    let v2 = digits_of(w2, D2, u64::from_le_bytes(pattern))?;
    let (p0, p1, p2) = (
        v0.wrapping_mul(10).wrapping_add(v0 >> 8),
        v1.wrapping_mul(10).wrapping_add(v1 >> 8),
        v2.wrapping_mul(10).wrapping_add(v2 >> 8),
    );
    // Each pair is at most 99: the arithmetic cannot wrap.
    let year = pair(p0, 0).wrapping_mul(100).wrapping_add(pair(p0, 2));
    let (month, day) = (pair(p0, 5), pair(p1, 0));
    let (hour, minute) = (pair(p1, 3), pair(p1, 6));
    let (oh, om) = (pair(p2, 3), pair(p2, 6));
    if hour > 23 || minute > 59 || oh > 23 || om > 59 {
        return None;
    }
    let date = Date::from_ymd(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    let secs = i64::from(oh.wrapping_mul(3600).wrapping_add(om.wrapping_mul(60)));
    let offset = if negative { secs.wrapping_neg() } else { secs };
    let sod = hour
        .wrapping_mul(3600)
        .wrapping_add(minute.wrapping_mul(60));
    Instant::from_utc(date, sod).checked_add_seconds(offset.wrapping_neg())
}

/// Parse an RFC 3339 timestamp with an explicit offset into a UTC instant.
///
/// Accepted: `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`, `T` and `Z` in either case.
pub fn parse_timestamp(s: &str) -> Result<Instant, TimeError> {
    if s.len() == COMMON_TIMESTAMP_LEN {
        if let Some(at) = parse_common_timestamp(s.as_bytes()) {
            return Ok(at);
        }
    }
    parse_timestamp_general(s)
}

/// [`parse_timestamp`] without the fast path for the common form.
fn parse_timestamp_general(s: &str) -> Result<Instant, TimeError> {
    let bad = TimeError::BadTimestamp;
    let (date, rest) = s.as_bytes().split_at_checked(10).ok_or(bad)?;
    let date = parse_date_bytes(date).ok_or(bad)?;
    let [b'T' | b't', h0, h1, b':', mi0, mi1, rest @ ..] = rest else {
        return Err(bad);
    };
    let (hour, minute) = (two(*h0, *h1).ok_or(bad)?, two(*mi0, *mi1).ok_or(bad)?);
    let (second, offset_part) = match rest {
        [b':', s0, s1, tail @ ..] => (two(*s0, *s1).ok_or(bad)?, tail),
        tail => (0, tail),
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err(bad);
    }
    let offset: i64 = match offset_part {
        [] => return Err(TimeError::NoOffset),
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), oh0, oh1, b':', om0, om1] => {
            let (oh, om) = (two(*oh0, *oh1).ok_or(bad)?, two(*om0, *om1).ok_or(bad)?);
            if oh > 23 || om > 59 {
                return Err(bad);
            }
            // At most 23:59: the arithmetic cannot overflow.
            let secs = i64::from(oh.wrapping_mul(3600).wrapping_add(om.wrapping_mul(60)));
            if *sign == b'-' {
                secs.wrapping_neg()
            } else {
                secs
            }
        }
        _ => return Err(bad),
    };
    // At most 23:59:59.
    let sod = hour
        .wrapping_mul(3600)
        .wrapping_add(minute.wrapping_mul(60))
        .wrapping_add(second);
    let wall = Instant::from_utc(date, sod);
    wall.checked_add_seconds(offset.wrapping_neg()).ok_or(bad)
}

/// Parse an ISO 8601 duration of the form `PnW`, `PnDTnHnMnS` (each part
/// optional, at least one present) into seconds. Days and weeks are elapsed
/// (24 h and 168 h); years and months are rejected because their length
/// depends on the calendar.
pub fn parse_duration(s: &str) -> Result<i64, TimeError> {
    let b = s.as_bytes();
    let mut rest = match b {
        [b'P', tail @ ..] | [b'p', tail @ ..] => tail,
        _ => return Err(TimeError::BadDuration),
    };
    let mut total: i64 = 0;
    let mut in_time = false;
    let mut any = false;
    let mut last_unit: u8 = 0;
    while let Some((&c, tail)) = rest.split_first() {
        if c == b'T' || c == b't' {
            if in_time {
                return Err(TimeError::BadDuration);
            }
            in_time = true;
            last_unit = 0;
            rest = tail;
            continue;
        }
        let mut n: i64 = 0;
        let mut len = 0usize;
        for &d in rest.iter().take_while(|d| d.is_ascii_digit()) {
            n = n
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(d.wrapping_sub(b'0'))))
                .ok_or(TimeError::BadDuration)?;
            len = len.saturating_add(1);
        }
        if len == 0 {
            return Err(TimeError::BadDuration);
        }
        let unit = *rest.get(len).ok_or(TimeError::BadDuration)?;
        let (rank, scale) = match (in_time, unit.to_ascii_uppercase()) {
            (false, b'W') => (1, 7 * DAY),
            (false, b'D') => (2, DAY),
            (true, b'H') => (3, HOUR),
            (true, b'M') => (4, MINUTE),
            (true, b'S') => (5, 1),
            _ => return Err(TimeError::BadDuration),
        };
        if rank <= last_unit {
            return Err(TimeError::BadDuration);
        }
        last_unit = rank;
        total = n
            .checked_mul(scale)
            .and_then(|v| total.checked_add(v))
            .ok_or(TimeError::BadDuration)?;
        any = true;
        rest = rest
            .get(len.saturating_add(1)..)
            .ok_or(TimeError::BadDuration)?;
    }
    if !any || (in_time && last_unit < 3) {
        return Err(TimeError::BadDuration);
    }
    Ok(total)
}

/// Displays an instant as New Zealand local time with its offset, e.g.
/// `2009-03-04T08:30:00+13:00`. Construct with [`Timestamp::new`].
///
/// The text always parses back ([`parse_timestamp`]) to the same instant. In
/// the last 12¾–13¾ hours of the supported range the local date would be in
/// the year 10000, so those instants are shown in UTC (`…Z`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Timestamp {
    instant: Instant,
    zone: Zone,
}

impl Timestamp {
    /// `instant` shown in `zone`.
    pub const fn new(instant: Instant, zone: Zone) -> Self {
        Timestamp { instant, zone }
    }
}

/// Displays a [`Date`] as `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DateDisplay(pub Date);

impl fmt::Display for DateDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.0.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.zone.utc_offset(self.instant);
        if self
            .instant
            .checked_add_seconds(i64::from(offset))
            .is_none()
        {
            // The local date would be after 9999-12-31 (the last hours of the
            // supported range): no four-digit local date can name the instant,
            // so show it in UTC rather than print a wrong local time.
            return fmt::Display::fmt(&UtcTimestamp(self.instant), f);
        }
        let local = self.zone.to_local(self.instant);
        let (h, m, s) = hms(local.seconds_of_day);
        let sign = if local.offset < 0 { '-' } else { '+' };
        let off = local.offset.unsigned_abs();
        let oh = off / 3600;
        let om = (off % 3600) / 60;
        write!(
            f,
            "{}T{h:02}:{m:02}:{s:02}{sign}{oh:02}:{om:02}",
            DateDisplay(local.date)
        )
    }
}

/// Displays an instant in UTC, e.g. `2009-03-03T19:30:00Z`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct UtcTimestamp(pub Instant);

impl fmt::Display for UtcTimestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = hms(self.0.utc_seconds_of_day());
        write!(
            f,
            "{}T{h:02}:{m:02}:{s:02}Z",
            DateDisplay(self.0.utc_date())
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::ToString;

    #[test]
    fn parses_offsets_and_optional_seconds() {
        let a = parse_timestamp("2009-03-02T06:10+13:00").unwrap();
        let b = parse_timestamp("2009-03-01T17:10:00Z").unwrap();
        assert_eq!(a, b);
        let c = parse_timestamp("2009-03-01t17:10:00z").unwrap();
        assert_eq!(a, c);
        let d = parse_timestamp("2009-03-01T05:10:00-12:00").unwrap();
        assert_eq!(a, d);
    }

    #[test]
    fn missing_offset_is_its_own_error() {
        assert_eq!(
            parse_timestamp("2009-03-02T06:10"),
            Err(TimeError::NoOffset)
        );
        assert_eq!(
            parse_timestamp("2009-03-02T06:10:00"),
            Err(TimeError::NoOffset)
        );
        assert_eq!(parse_timestamp("2009-03-02"), Err(TimeError::BadTimestamp));
        assert_eq!(
            parse_timestamp("2009-02-30T06:10Z"),
            Err(TimeError::BadTimestamp)
        );
        assert_eq!(
            parse_timestamp("2009-03-02T24:00Z"),
            Err(TimeError::BadTimestamp)
        );
        assert_eq!(
            parse_timestamp("2009-03-02T06:10:00.5Z"),
            Err(TimeError::BadTimestamp)
        );
        assert_eq!(
            parse_timestamp("2009-03-02T06:10+1300"),
            Err(TimeError::BadTimestamp)
        );
    }

    #[test]
    fn formats_in_local_time() {
        let t = parse_timestamp("2009-04-06T09:00+12:00").unwrap();
        assert_eq!(
            Timestamp::new(t, Zone::Mainland).to_string(),
            "2009-04-06T09:00:00+12:00"
        );
        assert_eq!(
            Timestamp::new(t, Zone::Chatham).to_string(),
            "2009-04-06T09:45:00+12:45"
        );
        assert_eq!(UtcTimestamp(t).to_string(), "2009-04-05T21:00:00Z");
    }

    #[test]
    fn formats_the_end_of_the_range_in_utc() {
        // Regression: the local time used to saturate at 9999-12-31T23:59:59
        // and print that with +13:00, an instant 13 hours too early.
        let t = Instant::MAX;
        assert_eq!(
            Timestamp::new(t, Zone::Mainland).to_string(),
            "9999-12-31T23:59:59Z"
        );
        assert_eq!(parse_timestamp("9999-12-31T23:59:59Z"), Ok(t));
        let t = parse_timestamp("9999-12-31T10:59:59Z").unwrap();
        assert_eq!(
            Timestamp::new(t, Zone::Mainland).to_string(),
            "9999-12-31T23:59:59+13:00"
        );
        let t = parse_timestamp("9999-12-31T11:00:00Z").unwrap();
        assert_eq!(
            Timestamp::new(t, Zone::Mainland).to_string(),
            "9999-12-31T11:00:00Z"
        );
        let first = Timestamp::new(Instant::MIN, Zone::Chatham).to_string();
        assert_eq!(first, "0001-01-01T12:45:00+12:45");
        assert_eq!(parse_timestamp(&first), Ok(Instant::MIN));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT2H"), Ok(7200));
        assert_eq!(parse_duration("P1D"), Ok(86_400));
        assert_eq!(parse_duration("P1DT1H30M5S"), Ok(86_400 + 5405));
        assert_eq!(parse_duration("P1W"), Ok(604_800));
        assert_eq!(parse_duration("PT"), Err(TimeError::BadDuration));
        assert_eq!(parse_duration("P1M"), Err(TimeError::BadDuration));
        assert_eq!(parse_duration("PT1H2H"), Err(TimeError::BadDuration));
        assert_eq!(parse_duration("2H"), Err(TimeError::BadDuration));
    }

    /// The fast path for the common form agrees with the general parser:
    /// on the common form it gives exactly what the general parser gives
    /// (`None` where that fails), and on any other input it gives either
    /// nothing or the instant of its first 22 bytes.
    mod common_form {
        use super::super::*;
        use proptest::prelude::*;
        extern crate std;
        use std::format;
        use std::string::String;
        use std::vec::Vec;

        fn common() -> impl Strategy<Value = String> {
            (
                0u32..10_000,
                0u32..14,
                0u32..33,
                0u32..26,
                0u32..62,
                prop::bool::ANY,
                0u32..26,
                0u32..62,
            )
                .prop_map(|(y, mo, d, h, mi, neg, oh, om)| {
                    let sign = if neg { '-' } else { '+' };
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}{sign}{oh:02}:{om:02}")
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            #[test]
            fn agrees_on_the_common_form(s in common()) {
                prop_assert_eq!(parse_common_timestamp(s.as_bytes()), parse_timestamp_general(&s).ok());
                prop_assert_eq!(parse_timestamp(&s), parse_timestamp_general(&s));
            }

            #[test]
            fn agrees_on_near_misses(s in common(), edits in prop::collection::vec((0usize..24, any::<u8>()), 1..3)) {
                let mut b: Vec<u8> = s.into_bytes();
                for (at, byte) in edits {
                    match b.get_mut(at) {
                        Some(x) => *x = byte,
                        None => b.push(byte),
                    }
                }
                // It reads the first 22 bytes (the lexer checks what follows).
                if let Some(at) = parse_common_timestamp(&b) {
                    let text = core::str::from_utf8(b.get(..COMMON_TIMESTAMP_LEN).unwrap()).unwrap();
                    prop_assert_eq!(parse_timestamp_general(text), Ok(at));
                }
                if let Ok(text) = core::str::from_utf8(&b) {
                    prop_assert_eq!(parse_timestamp(text), parse_timestamp_general(text));
                }
            }
        }

        #[test]
        fn examples() {
            for s in [
                "2009-03-02T06:10+13:00",
                "2009-04-06T05:45-12:00",
                "9999-12-31T23:59-00:00",
                "0001-01-01T00:00+00:00",
            ] {
                assert_eq!(
                    parse_common_timestamp(s.as_bytes()),
                    parse_timestamp_general(s).ok(),
                    "{s}"
                );
            }
            assert!(parse_common_timestamp(b"2009-03-02T06:10+13:00").is_some());
            for s in [
                "2009-02-29T06:10+13:00",
                "2009-03-02t06:10+13:00",
                "2009-03-02T24:00+13:00",
                "2009-03-02T06:10+24:00",
                "2009-03-02T06:10 13:00",
                "0000-01-01T00:00+00:00",
                "2009-03-02T06:1",
            ] {
                assert_eq!(parse_common_timestamp(s.as_bytes()), None, "{s}");
            }
        }
    }
}
