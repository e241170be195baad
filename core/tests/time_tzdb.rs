//! The core's New Zealand local time (no time-zone database) against the IANA
//! tz database bundled in `jiff` (`tzdb-bundle-always`), zones `Pacific/Auckland`
//! ([`Zone::Mainland`]) and `Pacific/Chatham` ([`Zone::Chatham`]), for every
//! hour from 1987-01-01T00:00Z to 2040-12-31T23:00Z, every transition instant
//! ±1 s, every local quarter hour of every local date (gap and fold included),
//! the start and end of every local day, and the RFC 3339 formatting of a
//! sample of instants.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation
)]

use ia87_core::time::zone::{dst_end, dst_start};
use ia87_core::time::{Date, Instant, LocalResult, Timestamp, Zone, DAY, HOUR};
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

/// 1987-01-01T00:00:00Z.
const FROM: i64 = 536_457_600;
/// 2040-12-31T23:00:00Z.
const TO: i64 = 2_240_607_600;

fn zones() -> [(Zone, TimeZone); 2] {
    [
        (Zone::Mainland, TimeZone::get("Pacific/Auckland").unwrap()),
        (Zone::Chatham, TimeZone::get("Pacific/Chatham").unwrap()),
    ]
}

fn jts(secs: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(secs).unwrap()
}

fn jdt(date: Date, seconds_of_day: u32) -> DateTime {
    let (y, m, d) = date.ymd();
    let h = (seconds_of_day / 3600) as i8;
    let mi = ((seconds_of_day / 60) % 60) as i8;
    let s = (seconds_of_day % 60) as i8;
    jiff::civil::date(y as i16, m as i8, d as i8).at(h, mi, s, 0)
}

/// Compare the core and jiff at one instant; panics with the details on a
/// mismatch.
fn check_instant(zone: Zone, tz: &TimeZone, secs: i64) {
    let t = Instant::from_unix_seconds(secs);
    let ours = zone.to_local(t);
    let ts = jts(secs);
    let offset = tz.to_offset(ts).seconds();
    let dt = tz.to_datetime(ts);
    let (y, m, d) = ours.date.ymd();
    let sod = i64::from(dt.hour()) * 3600 + i64::from(dt.minute()) * 60 + i64::from(dt.second());
    assert_eq!(ours.offset, offset, "{zone:?} offset at {ts}");
    assert_eq!(
        ours.offset,
        zone.utc_offset(t),
        "{zone:?} utc_offset at {ts}"
    );
    assert_eq!(
        (i64::from(y), i64::from(m), i64::from(d)),
        (
            i64::from(dt.year()),
            i64::from(dt.month()),
            i64::from(dt.day())
        ),
        "{zone:?} local date at {ts}"
    );
    assert_eq!(
        i64::from(ours.seconds_of_day),
        sod,
        "{zone:?} local time at {ts}"
    );
    assert_eq!(zone.local_date(t), ours.date);
}

#[test]
fn every_hour_1987_to_2040_matches_the_tz_database() {
    let mut compared = 0u64;
    for (zone, tz) in zones() {
        let mut secs = FROM;
        while secs <= TO {
            check_instant(zone, &tz, secs);
            compared += 1;
            secs += HOUR;
        }
    }
    // 473,376 hours in the range, for each of the two zones.
    assert_eq!(compared, 2 * ((TO - FROM) / HOUR + 1) as u64);
    assert_eq!(compared, 946_752);
}

#[test]
fn transitions_match_the_tz_database_to_the_second() {
    let mut ours: Vec<i64> = Vec::new();
    for year in 1986..=2041 {
        for t in [dst_end(year), dst_start(year)].into_iter().flatten() {
            let s = t.unix_seconds();
            if (FROM..=TO).contains(&s) {
                ours.push(s);
            }
        }
    }
    ours.sort_unstable();
    // 54 years, two changes a year.
    assert_eq!(ours.len(), 108);
    for (zone, tz) in zones() {
        let theirs: Vec<i64> = tz
            .following(jts(FROM - 1))
            .map(|tr| tr.timestamp().as_second())
            .take_while(|&s| s <= TO)
            .collect();
        assert_eq!(ours, theirs, "{zone:?}: transition instants differ");
        for &s in &theirs {
            for delta in [-1, 0, 1] {
                check_instant(zone, &tz, s + delta);
            }
            // The offset changes exactly at the transition.
            let before = zone.utc_offset(Instant::from_unix_seconds(s - 1));
            let after = zone.utc_offset(Instant::from_unix_seconds(s));
            assert_eq!((after - before).abs(), 3600, "{zone:?} at {s}");
        }
    }
}

/// Every local date from 1987-01-01 to 2040-12-31.
fn local_dates() -> impl Iterator<Item = Date> {
    let first = Date::from_ymd(1987, 1, 1).unwrap();
    let last = Date::from_ymd(2040, 12, 31).unwrap();
    (first.days()..=last.days()).map(|d| Date::from_days(d).unwrap())
}

#[test]
fn from_local_matches_the_tz_database_every_quarter_hour() {
    let (mut unique, mut gaps, mut folds) = (0u64, 0u64, 0u64);
    for (zone, tz) in zones() {
        for date in local_dates() {
            for quarter in 0..96u32 {
                let sod = quarter * 900;
                let dt = jdt(date, sod);
                let ours = zone.from_local(date, sod);
                let wall = Instant::from_utc(date, sod).unix_seconds();
                match (tz.to_ambiguous_timestamp(dt).offset(), ours) {
                    (AmbiguousOffset::Unambiguous { offset }, LocalResult::Unique(t)) => {
                        assert_eq!(
                            t.unix_seconds(),
                            wall - i64::from(offset.seconds()),
                            "{zone:?} {dt}"
                        );
                        unique += 1;
                    }
                    (AmbiguousOffset::Gap { before, after }, LocalResult::Gap { transition }) => {
                        // The clocks went forward: the transition lies between
                        // the two readings of the wall time.
                        let as_after = wall - i64::from(after.seconds());
                        let expected = tz
                            .following(jts(as_after))
                            .next()
                            .unwrap()
                            .timestamp()
                            .as_second();
                        assert_eq!(transition.unix_seconds(), expected, "{zone:?} {dt}");
                        assert!(before.seconds() < after.seconds());
                        assert_eq!(zone.utc_offset(transition), after.seconds());
                        gaps += 1;
                    }
                    (
                        AmbiguousOffset::Fold { before, after },
                        LocalResult::Ambiguous { earlier, later },
                    ) => {
                        assert_eq!(
                            earlier.unix_seconds(),
                            wall - i64::from(before.seconds()),
                            "{zone:?} {dt}"
                        );
                        assert_eq!(
                            later.unix_seconds(),
                            wall - i64::from(after.seconds()),
                            "{zone:?} {dt}"
                        );
                        assert_eq!(later.seconds_since(earlier), HOUR);
                        folds += 1;
                    }
                    (theirs, ours) => {
                        panic!("{zone:?} {dt}: tz database says {theirs:?}, core says {ours:?}")
                    }
                }
            }
        }
    }
    // 19,724 local dates × 96 quarter hours × 2 zones; each spring change hides
    // one local hour (4 quarters) and each autumn change repeats one, in each
    // zone: 54 changes of each kind in the range.
    assert_eq!(unique + gaps + folds, 19_724 * 96 * 2);
    assert_eq!(gaps, 54 * 4 * 2);
    assert_eq!(folds, 54 * 4 * 2);
}

#[test]
fn gap_and_fold_hours_of_2009() {
    // Spring 2009: mainland 02:00–02:59 and Chatham 02:45–03:44 on 27 September
    // do not exist; autumn 2009: mainland 02:00–02:59 and Chatham 02:45–03:44 on
    // 5 April happen twice.
    let spring = Date::from_ymd(2009, 9, 27).unwrap();
    let autumn = Date::from_ymd(2009, 4, 5).unwrap();
    for (zone, first, last) in [
        (Zone::Mainland, 7200, 10_799),
        (Zone::Chatham, 9900, 13_499),
    ] {
        for sod in [first - 1, first, last, last + 1] {
            let inside = (first..=last).contains(&sod);
            let gap = matches!(zone.from_local(spring, sod), LocalResult::Gap { .. });
            let fold = matches!(zone.from_local(autumn, sod), LocalResult::Ambiguous { .. });
            assert_eq!(gap, inside, "{zone:?} spring {sod}");
            assert_eq!(fold, inside, "{zone:?} autumn {sod}");
        }
        match zone.from_local(spring, first) {
            LocalResult::Gap { transition } => assert_eq!(transition, dst_start(2009).unwrap()),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn start_and_end_of_every_local_day_match_the_tz_database() {
    for (zone, tz) in zones() {
        for date in local_dates() {
            let midnight = tz
                .to_ambiguous_timestamp(jdt(date, 0))
                .unambiguous()
                .unwrap()
                .as_second();
            assert_eq!(
                zone.start_of_day(date).unix_seconds(),
                midnight,
                "{zone:?} {date:?}"
            );
            let next = date.succ().unwrap();
            let next_midnight = tz
                .to_ambiguous_timestamp(jdt(next, 0))
                .unambiguous()
                .unwrap()
                .as_second();
            assert_eq!(
                zone.end_of_day(date).unix_seconds(),
                next_midnight - 1,
                "{zone:?} {date:?}"
            );
            // A local day lasts 23, 24 or 25 hours.
            assert!([23 * HOUR, DAY, 25 * HOUR].contains(&(next_midnight - midnight)));
        }
    }
}

#[test]
fn timestamp_formatting_matches_jiff() {
    let mut sample: Vec<i64> = (0..)
        .map(|i: i64| FROM + i * 7_919) // a prime step: every minute and second of day gets hit
        .take_while(|&s| s <= TO)
        .step_by(20)
        .collect();
    for year in 1987..=2040 {
        for t in [dst_end(year), dst_start(year)].into_iter().flatten() {
            let s = t.unix_seconds();
            sample.extend([s - 1, s, s + 1]);
        }
    }
    assert!(sample.len() > 10_000);
    for (zone, tz) in zones() {
        for &s in &sample {
            let ts = jts(s);
            let theirs = ts.display_with_offset(tz.to_offset(ts)).to_string();
            let ours = Timestamp::new(Instant::from_unix_seconds(s), zone).to_string();
            assert_eq!(ours, theirs, "{zone:?} at {s}");
            // And the text reads back as the same instant.
            assert_eq!(
                ia87_core::time::parse_timestamp(&ours)
                    .unwrap()
                    .unix_seconds(),
                s
            );
        }
    }
}
