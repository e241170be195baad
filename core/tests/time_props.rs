//! Property tests of the time module: the parsers never panic, formatting
//! round-trips, the calendar arithmetic agrees with `jiff`, and the period
//! counts behave (monotone, plain addition without exclusions, never before
//! the start, equal to a naive reference count).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation
)]

use ia87_core::time::holidays::s2_2_period_last_day;
use ia87_core::time::{
    count_dates_after, elapsed_with_pauses, parse_date, parse_duration, parse_timestamp, Date,
    DateDisplay, DateRange, Instant, Pause, Timestamp, UtcTimestamp, Weekday, Zone, DAY,
};
use proptest::prelude::*;

/// 1900-01-01T00:00:00Z.
const Y1900: i64 = -2_208_988_800;
/// 2100-12-31T23:59:59Z.
const Y2100: i64 = 4_133_980_799;

fn zone() -> impl Strategy<Value = Zone> {
    prop_oneof![Just(Zone::Mainland), Just(Zone::Chatham)]
}

fn date_in(first: i32, last: i32) -> impl Strategy<Value = Date> {
    let a = Date::from_ymd(first, 1, 1).unwrap().days();
    let b = Date::from_ymd(last, 12, 31).unwrap().days();
    (a..=b).prop_map(|n| Date::from_days(n).unwrap())
}

fn any_date() -> impl Strategy<Value = Date> {
    (Date::MIN.days()..=Date::MAX.days()).prop_map(|n| Date::from_days(n).unwrap())
}

fn jiff_date(d: Date) -> jiff::civil::Date {
    let (y, m, dd) = d.ymd();
    jiff::civil::date(y as i16, m as i8, dd as i8)
}

/// A valid timestamp text in any of the accepted spellings.
fn valid_timestamp() -> impl Strategy<Value = (i64, String)> {
    (Y1900..=Y2100, zone(), 0u8..4).prop_map(|(secs, zone, style)| {
        let t = Instant::from_unix_seconds(secs);
        let s = match style {
            0 => Timestamp::new(t, zone).to_string(),
            1 => UtcTimestamp(t).to_string(),
            2 => UtcTimestamp(t).to_string().to_lowercase(),
            _ => {
                // Without seconds: drop ":SS" (the instant moves to the minute).
                let full = Timestamp::new(t, zone).to_string();
                format!("{}{}", &full[..16], &full[19..])
            }
        };
        (secs, s)
    })
}

/// An edit of a byte string: 0 = replace, 1 = insert, 2 = delete.
fn edits() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    prop::collection::vec((0u8..3, 0usize..40, any::<u8>()), 1..6)
}

fn apply(s: &str, edits: &[(u8, usize, u8)]) -> String {
    let mut b = s.as_bytes().to_vec();
    for &(kind, pos, byte) in edits {
        let pos = if b.is_empty() { 0 } else { pos % (b.len() + 1) };
        // Mostly characters that occur in timestamps, sometimes anything.
        let alphabet = b"0123456789-+:TZtz .";
        let c = if byte < 200 {
            alphabet[usize::from(byte) % alphabet.len()]
        } else {
            byte
        };
        match kind {
            0 if pos < b.len() => b[pos] = c,
            1 => b.insert(pos, c),
            _ if pos < b.len() => {
                b.remove(pos);
            }
            _ => b.push(c),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_arbitrary_strings(s in any::<String>()) {
        let _ = parse_timestamp(&s);
        let _ = parse_date(&s);
        let _ = parse_duration(&s);
    }

    #[test]
    fn parsers_never_panic_on_timestamp_like_strings(s in "[0-9T:Z+\\-tzP.WDHMS ]{0,32}") {
        let _ = parse_timestamp(&s);
        let _ = parse_date(&s);
        let _ = parse_duration(&s);
    }

    #[test]
    fn mutated_timestamps_never_panic_and_what_parses_is_rfc3339(
        (_secs, s) in valid_timestamp(),
        e in edits(),
    ) {
        let m = apply(&s, &e);
        if let Ok(t) = parse_timestamp(&m) {
            // Whatever the core accepts, the tz-aware reference parser accepts
            // too, with the same instant.
            let theirs: jiff::Timestamp = m.parse().unwrap_or_else(|err| panic!("{m:?}: {err}"));
            prop_assert_eq!(t.unix_seconds(), theirs.as_second(), "{:?}", m);
        }
        let _ = parse_date(&m);
        let _ = parse_duration(&m);
    }

    #[test]
    fn valid_timestamps_parse(( secs, s) in valid_timestamp()) {
        let t = parse_timestamp(&s).unwrap();
        // Exact unless the seconds were dropped.
        prop_assert!(t.unix_seconds() <= secs && secs - t.unix_seconds() < 60, "{} {}", s, secs);
        let theirs: jiff::Timestamp = s.parse().unwrap();
        prop_assert_eq!(t.unix_seconds(), theirs.as_second());
    }

    #[test]
    fn format_parse_round_trips_1900_to_2100(secs in Y1900..=Y2100, zone in zone()) {
        let t = Instant::from_unix_seconds(secs);
        let text = Timestamp::new(t, zone).to_string();
        prop_assert_eq!(parse_timestamp(&text), Ok(t), "{}", text);
        prop_assert_eq!(parse_timestamp(&UtcTimestamp(t).to_string()), Ok(t));
        // The text shows the local date and time of `to_local`.
        let local = zone.to_local(t);
        let date_text = DateDisplay(local.date).to_string();
        prop_assert!(text.starts_with(&date_text));
        prop_assert_eq!(parse_date(&date_text), Ok(local.date));
    }

    #[test]
    fn format_parse_round_trips_over_the_whole_range(
        secs in Instant::MIN.unix_seconds()..=Instant::MAX.unix_seconds(),
        zone in zone(),
    ) {
        let t = Instant::from_unix_seconds(secs);
        let text = Timestamp::new(t, zone).to_string();
        prop_assert_eq!(parse_timestamp(&text), Ok(t), "{}", text);
    }

    #[test]
    fn date_ymd_round_trip_and_weekday_match_jiff(d in any_date()) {
        let (y, m, dd) = d.ymd();
        prop_assert_eq!(Date::from_ymd(y, m, dd), Some(d));
        prop_assert_eq!((d.year(), d.month(), d.day()), (y, m, dd));
        let j = jiff_date(d);
        let epoch = jiff::civil::date(1970, 1, 1);
        prop_assert_eq!(
            i64::from(d.days()),
            i64::from(epoch.until(j).unwrap().get_days())
        );
        let wd = match j.weekday() {
            jiff::civil::Weekday::Monday => Weekday::Monday,
            jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
            jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
            jiff::civil::Weekday::Thursday => Weekday::Thursday,
            jiff::civil::Weekday::Friday => Weekday::Friday,
            jiff::civil::Weekday::Saturday => Weekday::Saturday,
            jiff::civil::Weekday::Sunday => Weekday::Sunday,
        };
        prop_assert_eq!(d.weekday(), wd);
        prop_assert_eq!(parse_date(&DateDisplay(d).to_string()), Ok(d));
    }

    #[test]
    fn from_ymd_accepts_exactly_the_real_dates(y in -5i32..10_005, m in 0u8..14, dd in 0u8..33) {
        let ours = Date::from_ymd(y, m, dd);
        let real = (1..=9999).contains(&y)
            && jiff::civil::Date::new(y as i16, m as i8, dd as i8).is_ok();
        prop_assert_eq!(ours.is_some(), real);
        if let Some(d) = ours {
            prop_assert_eq!(d.ymd(), (y, m, dd));
        }
    }

    #[test]
    fn add_months_matches_jiff_and_clamps(d in date_in(1, 9998), n in -1200i32..=1200) {
        let ours = d.add_months(n);
        let theirs = jiff_date(d).checked_add(jiff::Span::new().months(n)).ok();
        match (ours, theirs) {
            (Some(o), Some(t)) => prop_assert_eq!(jiff_date(o), t),
            (None, None) => {}
            (o, t) => {
                // Only the ends of the core's range (years 1..=9999) may differ
                // from jiff's (-9999..=9999).
                prop_assert!(o.is_none(), "{:?} {:?}", o, t);
                let ty = i32::from(t.unwrap().year());
                prop_assert!(!(1..=9999).contains(&ty));
            }
        }
        if let Some(r) = ours {
            let (y0, m0, d0) = d.ymd();
            let (y1, m1, d1) = r.ymd();
            // Exactly n months on, the day kept or clamped to the month's end.
            prop_assert_eq!((y1 * 12 + i32::from(m1)) - (y0 * 12 + i32::from(m0)), n);
            prop_assert!(d1 <= d0);
            if d1 < d0 {
                prop_assert_eq!(r.succ().unwrap().day(), 1);
            }
            if d0 <= 28 {
                prop_assert_eq!(r.add_months(-n), Some(d));
            }
            // Monotone in n.
            if let Some(r2) = d.add_months(n + 1) {
                prop_assert!(r2 > r);
            }
        }
        prop_assert_eq!(d.add_months(0), Some(d));
    }

    #[test]
    fn local_days_tile_the_time_line(d in date_in(2, 9998), zone in zone()) {
        let start = zone.start_of_day(d);
        let end = zone.end_of_day(d);
        let next = d.succ().unwrap();
        prop_assert_eq!(end.add_seconds(1), zone.start_of_day(next));
        let len = end.seconds_since(start) + 1;
        prop_assert!([23 * 3600, DAY, 25 * 3600].contains(&len));
        let local = zone.to_local(start);
        prop_assert_eq!((local.date, local.seconds_of_day), (d, 0));
        let local = zone.to_local(end);
        prop_assert_eq!((local.date, local.seconds_of_day), (d, 86_399));
    }

    #[test]
    fn add_years_is_twelve_months(d in date_in(1, 9998), n in -100i32..=100) {
        prop_assert_eq!(d.add_years(n), d.add_months(n * 12));
    }

    #[test]
    fn count_dates_after_properties(
        start in date_in(1900, 2100),
        n in 0u32..400,
        ranges in prop::collection::vec((0i32..500, 0i32..30), 0..5),
    ) {
        let excluded: Vec<DateRange> = ranges
            .iter()
            .map(|&(off, len)| DateRange {
                first: start.add_days(off).unwrap(),
                last: start.add_days(off + len).unwrap(),
            })
            .collect();
        let r = count_dates_after(start, n, &excluded).unwrap();
        // Without exclusions it is plain addition.
        prop_assert_eq!(count_dates_after(start, n, &[]), start.add_days(n as i32));
        // Never earlier than start, and at least n days on.
        prop_assert!(r >= start);
        prop_assert!(r.days_since(start) >= n as i32);
        // Monotone in n.
        let r1 = count_dates_after(start, n + 1, &excluded).unwrap();
        prop_assert!(r1 > r);
        // A naive reference: exactly n countable dates in (start, r], and r
        // itself is countable (when n > 0).
        let countable = |x: Date| !excluded.iter().any(|e| e.contains(x));
        let counted = (start.days() + 1..=r.days())
            .filter(|&k| countable(Date::from_days(k).unwrap()))
            .count();
        prop_assert_eq!(counted, n as usize);
        if n > 0 {
            prop_assert!(countable(r));
        } else {
            prop_assert_eq!(r, start);
        }
    }

    #[test]
    fn s2_2_period_properties(start in date_in(1987, 2099), n in 0u32..120) {
        let r = s2_2_period_last_day(start, n, &[]).unwrap();
        let plain = count_dates_after(start, n, &[]).unwrap();
        // s 2(2) only lengthens a period, by at most the holidays it skips.
        prop_assert!(r >= plain);
        prop_assert!(r.days_since(plain) <= (n as i32 / 7 + 1) * 4 + 4);
        let r1 = s2_2_period_last_day(start, n + 1, &[]).unwrap();
        prop_assert!(r1 > r);
        // Extra days only lengthen it further.
        let extra = [start.add_days(3).unwrap(), start.add_days(10).unwrap()];
        prop_assert!(s2_2_period_last_day(start, n, &extra).unwrap() >= r);
    }

    #[test]
    fn elapsed_with_pauses_properties(
        start in Y1900..=Y2100,
        secs in 0i64..40 * DAY,
        raw in prop::collection::vec((-5 * DAY..45 * DAY, 0i64..5 * DAY), 0..6),
    ) {
        let t0 = Instant::from_unix_seconds(start);
        let pauses: Vec<Pause> = raw
            .iter()
            .map(|&(off, len)| Pause {
                start: t0.add_seconds(off),
                end: t0.add_seconds(off + len),
            })
            .collect();
        let r = elapsed_with_pauses(t0, secs, &pauses);
        // Without pauses it is plain addition.
        prop_assert_eq!(elapsed_with_pauses(t0, secs, &[]), t0.add_seconds(secs));
        // Never earlier than start, never sooner than secs.
        prop_assert!(r >= t0);
        prop_assert!(r.seconds_since(t0) >= secs);
        // Monotone in secs.
        let r1 = elapsed_with_pauses(t0, secs + 1, &pauses);
        prop_assert!(r1 > r);
        // Reference: the running (unpaused) time in [t0, r) is exactly secs.
        let paused = paused_seconds(t0.unix_seconds(), r.unix_seconds(), &pauses);
        prop_assert_eq!(r.seconds_since(t0) - paused, secs);
        // Negative durations run nothing.
        prop_assert_eq!(elapsed_with_pauses(t0, -secs, &pauses), elapsed_with_pauses(t0, 0, &pauses));
    }
}

/// Seconds of [a, b) covered by the union of the pauses.
fn paused_seconds(a: i64, b: i64, pauses: &[Pause]) -> i64 {
    let mut spans: Vec<(i64, i64)> = pauses
        .iter()
        .map(|p| (p.start.unix_seconds().max(a), p.end.unix_seconds().min(b)))
        .filter(|&(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(i64, i64)> = None;
    for (s, e) in spans {
        match cur {
            Some((cs, ce)) if s <= ce => cur = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = cur {
        total += ce - cs;
    }
    total
}

#[test]
fn date_round_trip_over_the_whole_range_exhaustively() {
    let mut previous: Option<(i32, u8, u8)> = None;
    for n in Date::MIN.days()..=Date::MAX.days() {
        let d = Date::from_days(n).unwrap();
        let ymd = d.ymd();
        assert_eq!(Date::from_ymd(ymd.0, ymd.1, ymd.2), Some(d));
        if let Some(p) = previous {
            // Consecutive day numbers are consecutive calendar dates.
            assert!(ymd > p);
            assert!(ymd.2 == p.2 + 1 || ymd.2 == 1);
        }
        previous = Some(ymd);
    }
    assert_eq!(Date::from_days(Date::MIN.days() - 1), None);
    assert_eq!(Date::from_days(Date::MAX.days() + 1), None);
}

#[test]
fn every_second_of_a_dst_day_round_trips() {
    // Every second of the autumn and spring Sundays of 2009 and the hours
    // around them, in both zones.
    for (zone, day) in [
        (Zone::Mainland, (2009, 4, 5)),
        (Zone::Mainland, (2009, 9, 27)),
        (Zone::Chatham, (2009, 4, 5)),
        (Zone::Chatham, (2009, 9, 27)),
    ] {
        let date = Date::from_ymd(day.0, day.1, day.2).unwrap();
        let start = zone.start_of_day(date).unix_seconds() - 3 * 3600;
        let end = zone.end_of_day(date).unix_seconds() + 3 * 3600;
        for s in start..=end {
            let t = Instant::from_unix_seconds(s);
            let text = Timestamp::new(t, zone).to_string();
            assert_eq!(parse_timestamp(&text), Ok(t), "{text}");
        }
    }
}
