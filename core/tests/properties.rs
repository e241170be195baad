//! Property tests of the engine on random case histories.
//!
//! Each history is a random sequence of plausible case-language lines (every
//! verb of the border, eligibility, transit and status machines, with keys
//! drawn from their domains, at instants that move forward by steps chosen
//! around the Act's periods — 48 and 72 hours, 24 hours, 7 and 28 days — from
//! starting points near daylight-saving changes, holidays, amendment dates and
//! the repeal), mixed with garbage: random bytes, over-long lines, timestamps
//! without an offset or going back in time, unknown verbs and keys, duplicate
//! keys. For every history:
//!
//! - nothing panics;
//! - a rejected line leaves the case byte for byte unchanged;
//! - the snapshot of the case decodes back to the same case at every step;
//! - the invariant checker ([`ia87_core::invariants::Monitor`]) finds nothing;
//! - replaying the same lines from a fresh case gives byte-identical snapshots
//!   and identical outcomes (determinism).
//!
//! `PROPTEST_CASES` sets the number of histories (default 512; a few seconds in
//! debug).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation
)]

use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::invariants::Monitor;
use ia87_core::lang::parse::{parse_line, Line};
use ia87_core::outcome::{Outcome, Rejection};
use ia87_core::time::{parse_timestamp, DateDisplay, Instant, Timestamp, Zone, DAY, HOUR};
use ia87_core::Case;
use proptest::prelude::*;

/// Starting points: ordinary days, both daylight-saving changes, Easter and
/// Anzac Day, before the 1999 and 2002 amendments, and just before the repeal.
const STARTS: &[&str] = &[
    "2009-03-02T06:00+13:00",
    "2009-04-03T22:00+13:00",
    "2009-09-25T10:00+12:00",
    "2010-03-31T09:00+13:00",
    "2009-04-23T08:00+12:00",
    "2001-06-01T09:00+12:00",
    "1998-05-04T09:00+12:00",
    "2010-11-26T09:00+13:00",
    "2008-12-24T18:00+13:00",
];

/// Steps between lines, in seconds: around the Act's periods, plus zero.
const STEPS: &[i64] = &[
    0,
    1,
    60,
    600,
    HOUR,
    6 * HOUR,
    23 * HOUR,
    24 * HOUR,
    24 * HOUR + 1,
    48 * HOUR - 1,
    48 * HOUR,
    48 * HOUR + 1,
    72 * HOUR,
    72 * HOUR + 1,
    3 * DAY,
    7 * DAY,
    7 * DAY + 1,
    8 * DAY,
    28 * DAY,
    30 * DAY,
];

const PLACES: &[&str] = &[
    "police-station",
    "approved-premises",
    "prison",
    "cyf-residence",
    "agreed-premises",
    "craft",
    "customs-area",
    "police-custody",
    "landside",
];

const BASES: &[&str] = &[
    "s11-1-a",
    "s11-1-b",
    "s11-1-c",
    "s11-1-e",
    "s12-regulations",
    "s12-direction",
];

/// A small deterministic choice helper over the random words of one line.
struct Pick {
    bits: u64,
}

impl Pick {
    fn n(&mut self, k: usize) -> usize {
        let r = (self.bits % k as u64) as usize;
        self.bits = (self.bits / k as u64)
            ^ self
                .bits
                .rotate_left(17)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        r
    }
    fn yes(&mut self) -> &'static str {
        ["yes", "no"][self.n(2)]
    }
    fn maybe(&mut self, f: impl FnOnce(&mut Pick) -> String) -> String {
        if self.n(3) == 0 {
            String::new()
        } else {
            f(self)
        }
    }
    fn of<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.n(xs.len())]
    }
}

fn date_near(t: Instant, p: &mut Pick) -> String {
    let d = Zone::Mainland.local_date(t);
    let off = [-2, 0, 1, 3, 7, 13, 14, 21, 28, 60][p.n(10)];
    DateDisplay(d.add_days(off).unwrap()).to_string()
}

/// One plausible event line at `t` (without the timestamp).
fn event(t: Instant, p: &mut Pick, which: usize) -> String {
    let place = p.of(PLACES);
    match which {
        0 => format!("arrive craft=NZ1 place={}", p.of(&["customs", "elsewhere"])),
        1 => "arrive craft=NZ1 place=customs stowaway=yes".into(),
        2 => format!("arrive craft=NZ1 transit=yes transit-visa={}", p.yes()),
        3 => "arrive craft=NZ1 place=customs precleared=yes".into(),
        4 | 5 => "present".into(),
        6 => format!(
            "exempt basis={} {}",
            p.of(BASES),
            p.maybe(|p| format!("until={}", date_near(t, p)))
        ),
        7 => "exemption-cease".into(),
        8 => format!(
            "apply-permit type={} kind=visitor",
            p.of(&["temporary", "residence", "limited-purpose"])
        ),
        9 => "fail-apply".into(),
        10 | 11 => format!(
            "grant-permit type={} kind=visitor expires={} {}",
            p.of(&["temporary", "residence", "limited-purpose"]),
            date_near(t, p),
            p.maybe(|_| "precleared=yes".into())
        ),
        12 | 13 => "refuse-permit by=io".into(),
        14 => format!(
            "revoke-permit section={} {} {} {}",
            p.of(&["19", "20", "32", "33", "33A", "35F"]),
            p.maybe(|p| format!("locus={}", p.of(&["arrival-hall", "office"]))),
            p.maybe(|p| format!("service={}", p.of(&["personal", "registered-post"]))),
            p.maybe(|p| format!("effective={}", date_near(t, p)))
        ),
        15 | 16 => format!(
            "suspect-s7 by=police reason={}",
            p.of(&["s7", "no-documents", "false-documents"])
        ),
        17 => "offer-voluntary-departure".into(),
        18 => "offer-rebuttal".into(),
        19 => "consider-s7-grounds by=minister".into(),
        20 => format!(
            "determine-s7 applies={} {} by={}",
            p.yes(),
            p.maybe(|p| format!("permit={}", p.of(&["granted", "refused"]))),
            p.of(&["minister", "io"])
        ),
        21 => "request-removal".into(),
        22..=24 => format!(
            "detain by=police basis={} {} {} {}",
            p.of(&["s128", "s128b", "s128", "s59"]),
            p.maybe(|_| format!("place={place}")),
            p.maybe(|_| "overnight=yes".into()),
            p.of(&[
                "",
                "requested-by=none",
                "requested-by=io",
                "agreed-by=parent-and-io"
            ])
        ),
        25 => format!(
            "move place={place} {} {}",
            p.maybe(|_| "overnight=yes".into()),
            p.of(&["", "judge-direction=yes", "agreed-by=parent-and-io"])
        ),
        26 | 27 => format!(
            "warrant-apply by={} to={} oath={} reasons={}",
            p.of(&["io", "police", "person"]),
            p.of(&["registrar", "deputy-registrar", "judge"]),
            p.yes(),
            p.yes()
        ),
        28 | 29 => format!(
            "warrant-issue by={} days={} premises={}",
            p.of(&["registrar", "judge"]),
            [28, 14, 30][p.n(3)],
            p.of(&["prison", "approved-premises"])
        ),
        30 => format!("extension-apply oath={} reasons={}", p.yes(), p.yes()),
        31 => format!(
            "extension-grant days={} {}",
            [7, 3, 10, 30][p.n(4)],
            p.of(&[
                "",
                "group=yes",
                "group=yes group-size=10 group-s128=4",
                "group=yes group-size=10 group-s128=8"
            ])
        ),
        32 => format!(
            "release-notice {}",
            p.of(&["", "in-writing=yes", "in-writing=no"])
        ),
        33 => format!("release by={}", p.of(&["manager", "police"])),
        34 => "escape".into(),
        35 => "recapture".into(),
        36 => format!(
            "conditional-release-apply by={} oath={} reasons={} {}",
            p.of(&["io", "person"]),
            p.yes(),
            p.yes(),
            p.maybe(|p| format!("basis={}", p.of(&["s128aa-1", "s128aa-2"])))
        ),
        37 => format!(
            "conditional-release {} {} {} {} {}",
            p.maybe(|p| format!("until={}", date_near(t, p))),
            p.maybe(|_| "location=\"AKL office\"".into()),
            p.maybe(|_| "reside=yes".into()),
            p.maybe(|_| "report=yes".into()),
            p.maybe(|_| "interview=yes".into())
        ),
        38 => format!(
            "conditional-release-refuse {}",
            p.maybe(|p| format!("days={}", [7, 28, 35][p.n(3)]))
        ),
        39 => format!("notify-conditions in-writing={}", p.yes()),
        40 => "vary-conditions judge-consent=yes in-writing=yes".into(),
        41 => "deliver-up location=AKL".into(),
        42 => format!(
            "breach-condition class={} {}",
            p.of(&["a", "b", "c"]),
            p.maybe(|_| "excuse=yes".into())
        ),
        43 => "fail-deliver-up".into(),
        44 => format!("cancel-release-apply oath={} reasons=yes", p.yes()),
        45 => "cancel-release".into(),
        46 => "arrest by=police".into(),
        47 => "review-commence".into(),
        48 => format!("review-complete result={}", p.of(&["upheld", "quashed"])),
        49 => format!(
            "appear before=judge outcome={} {} {} {}",
            p.of(&["extend", "release", "continue", "decline"]),
            p.maybe(|p| format!("days={}", [7, 3, 10][p.n(3)])),
            p.maybe(|_| "excuse=yes".into()),
            p.maybe(|_| "reside=yes report=daily location=X".into())
        ),
        50 => "bail".into(),
        51 => format!("craft-available in-writing={}", p.yes()),
        52 => "deliver-to-police".into(),
        53 => "craft-delayed".into(),
        54 | 55 => "depart".into(),
        56 => match p.n(11) {
            0 => "refugee-claim".into(),
            1 => "removal-order-make".into(),
            2 => "removal-order-serve".into(),
            3 => format!("conviction sentence-months={}", [6, 12, 60][p.n(3)]),
            4 => format!(
                "emergency-return departed={}",
                Timestamp::new(t.add_seconds(-HOUR), Zone::Mainland)
            ),
            5 => format!("lpp-expiry-notice expires={}", date_near(t, p)),
            6 => "reconsideration-apply".into(),
            7 => format!(
                "reconsideration-decide result=confirmed in-writing={}",
                p.yes()
            ),
            // The operation machine (2023 policy overlay when `policy ooh-2023`).
            8 => {
                let start = t.add_seconds([1, 3, 9, 14, 20, 23][p.n(6)] * HOUR);
                let mut line = format!(
                    "operation-propose kind={} purpose={} start={}",
                    p.of(&["home-visit", "workplace-visit", "other"]),
                    p.of(&["deportation", "removal", "employer-compliance"]),
                    Timestamp::new(start, Zone::Mainland)
                );
                for _ in 0..p.n(3) {
                    line.push_str(&format!(
                        " approved-by={}",
                        p.of(&["head-of-inz", "national-manager", "compliance-manager"])
                    ));
                }
                line.push_str(&p.maybe(|p| {
                    format!(
                        " approved-at={}",
                        Timestamp::new(t.add_seconds([-1, 1, 30][p.n(3)] * HOUR), Zone::Mainland)
                    )
                }));
                line.push_str(&p.maybe(|p| {
                    format!(" justification={}", p.of(&["public-safety", "flight-risk"]))
                }));
                line.push_str(&p.maybe(|p| format!(" step={}", p.of(&["serve", "execute"]))));
                line.push_str(&p.maybe(|p| format!(" zone={}", p.of(&["mainland", "chatham"]))));
                for k in ["children", "vulnerable", "nz-residents"] {
                    line.push_str(
                        &p.maybe(|p| format!(" {k}={}", p.of(&["yes", "no", "unknown"]))),
                    );
                }
                for k in [
                    "alternatives",
                    "cultural",
                    "proportionality",
                    "safety-plan",
                    "regard",
                ] {
                    line.push_str(&p.maybe(|p| format!(" {k}={}", p.yes())));
                }
                line
            }
            9 => format!(
                "operation-execute start={} end={}{}",
                Timestamp::new(t.add_seconds(-[1, 3, 12][p.n(3)] * HOUR), Zone::Mainland),
                Timestamp::new(t.add_seconds(-HOUR / 2), Zone::Mainland),
                p.maybe(|p| format!(" children={}", p.yes()))
            ),
            _ => format!(
                "epidemic-notice commenced={} expires={}",
                date_near(t, p),
                date_near(t, p)
            ),
        },
        // Part 2: the removal and removal-detention machines.
        58 => match p.n(18) {
            0 => format!(
                "appeal-lodge forum={} {}",
                p.of(&["rra", "rra", "hc", "ca"]),
                p.maybe(|p| format!("prescribed={} fee={}", p.yes(), p.yes()))
            ),
            1 => format!(
                "appeal-decide forum={} result={}",
                p.of(&["rra", "rra", "hc", "ca"]),
                p.of(&["allowed", "dismissed", "remitted"])
            ),
            2 => format!("appeal-withdraw forum=rra in-writing={}", p.yes()),
            3 => format!(
                "removal-order-make by={} officer={}",
                p.of(&["io", "chief-executive", "police"]),
                p.of(&["IO-A", "IO-B"])
            ),
            4 => format!(
                "removal-order-serve by={} mode={}",
                p.of(&["io", "police"]),
                p.of(&["delivered", "brought-to-attention", "other"])
            ),
            5 => format!(
                "removal-order-cancel mode={}",
                p.of(&["endorsed-copy", "prescribed-notice"])
            ),
            6 => format!(
                "detain by=police basis=s59 place={place} {}",
                p.maybe(|_| "overnight=yes".into())
            ),
            7 => format!(
                "craft-delayed reason={}",
                p.of(&["no-craft", "craft-unavailable", "other"])
            ),
            8 => format!(
                "warrant-issue by=judge days={} premises=prison",
                [7, 3, 10][p.n(3)]
            ),
            9 => format!("extension-grant days={}", [7, 30, 40][p.n(3)]),
            10 => format!(
                "appear before=judge outcome={} {} {}",
                p.of(&["extend", "release"]),
                p.maybe(|_| "reside=yes report=weekly".into()),
                p.maybe(|_| "exceptional=yes".into())
            ),
            11 => "board craft=NZ2".into(),
            12 => format!(
                "imprisonment-begin release-due={}",
                Timestamp::new(t.add_seconds(7 * DAY), Zone::Mainland)
            ),
            13 => "prison-release-request by=police".into(),
            14 => format!("release by={}", p.of(&["io", "manager"])),
            15 => format!(
                "grant-permit type={} expires={} {}",
                p.of(&["temporary kind=visitor", "limited-purpose"]),
                date_near(t, p),
                p.maybe(|p| format!(
                    "basis={}",
                    p.of(&["s27a", "s52-direction", "special-direction"])
                ))
            ),
            16 => "international-obligations-info".into(),
            _ => format!("refuse-permit by=io officer={}", p.of(&["IO-A", "IO-B"])),
        },
        _ => "tick".into(),
    }
}

/// Garbage: lines the parser or the rules must reject without harm.
fn garbage(t: Instant, p: &mut Pick, raw: &[u8]) -> Vec<u8> {
    match p.n(8) {
        0 => raw.to_vec(),
        1 => {
            let mut v = format!("{} tick ", Timestamp::new(t, Zone::Mainland)).into_bytes();
            v.resize(1100, b'x');
            v
        }
        2 => b"2009-03-02T06:00 present".to_vec(),
        3 => format!(
            "{} present",
            Timestamp::new(t.add_seconds(-HOUR), Zone::Mainland)
        )
        .into_bytes(),
        4 => format!("{} fly-away", Timestamp::new(t, Zone::Mainland)).into_bytes(),
        5 => format!("{} present colour=blue", Timestamp::new(t, Zone::Mainland)).into_bytes(),
        6 => format!(
            "{} refuse-permit by=io by=io",
            Timestamp::new(t, Zone::Mainland)
        )
        .into_bytes(),
        _ => format!(
            "{} appeal-lodge forum=rra",
            Timestamp::new(t, Zone::Mainland)
        )
        .into_bytes(),
    }
}

/// Directive lines that may start a history.
fn preamble(p: &mut Pick) -> Vec<String> {
    let mut out = vec!["ia87 1".to_string(), "case prop".to_string()];
    if p.n(2) == 0 {
        out.push(format!(
            "person citizen={} born={} married={}",
            ["no", "no", "no", "yes"][p.n(4)],
            ["1980-05-01", "1993-06-15", "1992-03-10"][p.n(3)],
            p.yes()
        ));
    }
    if p.n(2) == 0 {
        out.push(
            [
                "config apply-s2-2-to-128b-6c=yes",
                "config service-level=PT2H",
                "config service-level.release=PT30M service-level.judge=PT4H",
                "config zone=chatham",
                "config defective-application-voids-warrant=yes",
                "config aa1a-covers-prewarrant=no aa2a-covers-claimants=no",
                "config y4-15=no",
                "config hypothetical=yes",
                "config holiday=2009-03-03 holiday=2009-09-28",
                "config overnight-window=22:00/07:00",
            ][p.n(10)]
            .to_string(),
        );
    }
    if p.n(4) == 0 {
        out.push("policy ooh-2023".into());
    }
    out
}

/// The templates (indices into [`event`]) that make sense in a state, so that
/// histories reach deep into the machines; other templates are still drawn a
/// quarter of the time.
fn menu(state: &str) -> &'static [usize] {
    match state {
        "status.outside" | "status.departed" => &[0, 0, 1, 2, 3, 10, 56],
        "status.arrived" => &[4, 6, 8, 9, 10, 12, 12, 15, 22, 54],
        "status.exempt" => &[7, 22, 10, 56, 54, 57],
        "status.temporary-permit" => &[8, 10, 12, 14, 54, 56, 57],
        "status.residence-permit" => &[14, 54, 8, 57],
        "status.limited-purpose-permit" => &[56, 8, 57, 54],
        "status.unlawful" => &[56, 10, 54, 57, 22],
        "border.at-large" => &[4, 22, 22, 57, 54, 47, 10],
        "border.custody-pre-warrant" => {
            &[26, 28, 28, 25, 36, 37, 39, 33, 34, 54, 38, 51, 50, 57, 47]
        }
        "border.custody-warrant" => &[
            30, 31, 32, 51, 52, 34, 47, 48, 49, 36, 37, 39, 33, 25, 50, 54, 57, 38,
        ],
        "border.with-police" => &[54, 53, 34, 32, 57],
        "border.escaped" => &[35, 54, 57],
        "border.conditionally-released" => &[41, 42, 43, 44, 45, 10, 40, 47, 57, 56],
        "border.conditional-default" | "border.conditional-cancelled" => &[46, 10, 57],
        "border.before-judge" => &[49, 49, 57],
        "border.review-released" => &[48, 41, 42, 43, 57],
        "border.review-default" => &[46, 57],
        "border.released-part2" => &[33, 57, 22, 56],
        "eligibility.applies" => &[17, 22, 20, 21, 54, 18],
        "eligibility.custody" => &[26, 28, 25, 18, 19, 20, 21, 34, 33, 50, 57],
        "eligibility.custody-warrant" => &[49, 20, 10, 12, 33, 34, 57, 18],
        "eligibility.escaped" => &[35, 54],
        "eligibility.warrant-lapsed" => &[20, 33, 54],
        "transit.covered" => &[25, 54, 57, 8, 10],
        "removal.unlawful"
        | "removal.appeal-pending"
        | "removal.court-appeal-pending"
        | "removal.post-decision-grace"
        | "removal.appeal-allowed"
        | "removal.liable"
        | "removal.order-made"
        | "removal.order-in-force" => &[58, 58, 58, 58, 57, 56, 54],
        "removal-detention.custody-72h"
        | "removal-detention.custody-warrant"
        | "removal-detention.on-board"
        | "removal-detention.serving-sentence" => &[58, 58, 58, 57, 54, 11],
        _ => &[],
    }
}

/// Builds a history from random words, choosing each line with the state of a
/// scratch case in view.
fn history(start: usize, words: &[(u8, u64, u8)], extra: u64) -> Vec<Vec<u8>> {
    let mut p = Pick { bits: extra };
    let mut lines: Vec<Vec<u8>> = preamble(&mut p)
        .into_iter()
        .map(String::into_bytes)
        .collect();
    let mut scratch = Case::new();
    for l in &lines {
        apply_directive(&mut scratch, l);
    }
    let mut t = parse_timestamp(STARTS[start % STARTS.len()]).unwrap();
    for &(step, bits, kind) in words {
        let mut p = Pick { bits };
        // Mostly small steps; sometimes one of the Act's periods.
        let step = if kind % 3 == 0 {
            STEPS[usize::from(step) % STEPS.len()]
        } else {
            STEPS[usize::from(step) % 13]
        };
        t = t.add_seconds(step);
        let zone = if p.n(5) == 0 {
            Zone::Chatham
        } else {
            Zone::Mainland
        };
        let states: Vec<String> = scratch
            .snapshot_outcome()
            .map(|o| o.states.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        let menus: Vec<&'static [usize]> = states
            .iter()
            .map(|s| menu(s))
            .filter(|m| !m.is_empty())
            .collect();
        let which = if p.n(4) != 0 && !menus.is_empty() {
            let m = menus[menus.len() - 1];
            m[p.n(m.len())]
        } else {
            p.n(59)
        };
        let line = format!("{} {}", Timestamp::new(t, zone), event(t, &mut p, which));
        let raw = if kind % 11 == 0 {
            garbage(t, &mut p, &bits.to_le_bytes())
        } else {
            line.into_bytes()
        };
        if let Ok(Line::Event(e)) = parse_line(&raw) {
            let _ = scratch.apply(&e);
        }
        lines.push(raw);
    }
    lines
}

fn apply_directive(c: &mut Case, raw: &[u8]) {
    match parse_line(raw) {
        Ok(Line::Person(p)) => {
            let _ = c.set_person(&p);
        }
        Ok(Line::Config(items)) => {
            let _ = c.configure(&items);
        }
        Ok(Line::Policy(p)) => c.set_policy(p),
        _ => {}
    }
}

fn snapshot(c: &Case) -> Vec<u8> {
    let mut buf = [0u8; MAX_SNAPSHOT_LEN];
    let n = encode_case(c, &mut buf).expect("a case always fits a snapshot buffer");
    buf[..n].to_vec()
}

/// What one line did, for the determinism comparison.
#[allow(clippy::large_enum_variant)]
#[derive(PartialEq, Debug)]
enum Step {
    Event(Result<Outcome, Rejection>),
    Other(Result<(), Rejection>),
    Skip,
}

/// Runs the lines on a fresh case, checking the per-step properties; returns
/// the steps and the snapshots after each line.
fn run(lines: &[Vec<u8>]) -> Result<(Vec<Step>, Vec<Vec<u8>>), TestCaseError> {
    let mut case = Case::new();
    let mut monitor = Monitor::new();
    let mut steps = Vec::new();
    let mut snaps = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let before = case;
        let before_bytes = snapshot(&before);
        let step = match parse_line(raw) {
            Ok(Line::Event(e)) => {
                let r = case.apply(&e);
                let v = monitor.check(&before, &e, r.as_ref(), &case);
                prop_assert!(
                    v.is_empty(),
                    "line {} `{}`: {:?}\n{}",
                    i + 1,
                    String::from_utf8_lossy(raw),
                    v,
                    lines
                        .iter()
                        .map(|l| String::from_utf8_lossy(l).into_owned())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                Step::Event(r)
            }
            Ok(Line::Person(pl)) => Step::Other(case.set_person(&pl).map(|_| ())),
            Ok(Line::Config(items)) => Step::Other(case.configure(&items)),
            Ok(Line::Policy(pol)) => {
                case.set_policy(pol);
                Step::Other(Ok(()))
            }
            Ok(_) => Step::Skip,
            Err(r) => Step::Other(Err(r)),
        };
        let after_bytes = snapshot(&case);
        let rejected = matches!(&step, Step::Event(Err(_)) | Step::Other(Err(_)));
        if rejected {
            prop_assert_eq!(
                &before_bytes,
                &after_bytes,
                "line {} rejected but the case changed",
                i + 1
            );
            prop_assert_eq!(&before, &case);
        }
        if !matches!(step, Step::Event(_)) {
            let r = match &step {
                Step::Other(Err(r)) => Err(r),
                _ => Ok(&Outcome::new()),
            };
            // Directives: the state invariants and the engine's own still hold.
            let o;
            let r = match r {
                Ok(_) => {
                    o = case.snapshot_outcome().unwrap();
                    Ok(&o)
                }
                Err(e) => Err(e),
            };
            let v = monitor.check_directive(&before, r, &case);
            prop_assert!(
                v.is_empty(),
                "line {} `{}`: {:?}",
                i + 1,
                String::from_utf8_lossy(raw),
                v
            );
        }
        // The snapshot decodes back to the same case.
        let back = decode_case(&after_bytes).expect("a snapshot decodes");
        prop_assert_eq!(&back, &case, "line {}: snapshot round trip", i + 1);
        steps.push(step);
        snaps.push(after_bytes);
    }
    Ok((steps, snaps))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_histories_keep_every_invariant(
        start in 0usize..64,
        extra in any::<u64>(),
        words in proptest::collection::vec((any::<u8>(), any::<u64>(), any::<u8>()), 1..48),
    ) {
        let lines = history(start, &words, extra);
        let (steps_a, snaps_a) = run(&lines)?;
        // Determinism: the same lines from a fresh case, byte for byte.
        let (steps_b, snaps_b) = run(&lines)?;
        prop_assert_eq!(steps_a, steps_b);
        prop_assert_eq!(snaps_a, snaps_b);
    }

    #[test]
    fn mutated_lines_never_panic_and_change_nothing(
        base in 0usize..6,
        muts in proptest::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 0..6),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        // A valid line with random byte edits (overwrite, insert, delete), or
        // random bytes, applied to a case in s 128 custody.
        const LINES: &[&str] = &[
            "2009-03-04T09:00:01+13:00 tick",
            "2009-03-03T08:00+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes",
            "2009-03-03T09:00+13:00 warrant-issue by=registrar days=28 premises=prison",
            "2009-03-02T21:00+13:00 move place=police-station overnight=yes",
            "2009-03-05T10:00+13:00 bail",
            "2009-03-02T09:00+13:00 conditional-release until=2009-03-20 location=\"AKL\" reside=yes report=yes",
        ];
        let mut c = Case::new();
        for l in ["2009-03-02T06:10+13:00 arrive craft=NZ1 place=customs",
                  "2009-03-02T06:20+13:00 present",
                  "2009-03-02T08:00+13:00 refuse-permit by=io",
                  "2009-03-02T08:30+13:00 detain by=police basis=s128"] {
            if let Ok(Line::Event(e)) = parse_line(l.as_bytes()) {
                c.apply(&e).unwrap();
            }
        }
        let mut bytes = LINES[base].as_bytes().to_vec();
        for (pos, b, op) in muts {
            let at = usize::from(pos) % (bytes.len() + 1);
            match op {
                0 if at < bytes.len() => bytes[at] = b,
                1 => bytes.insert(at, b),
                _ if at < bytes.len() => { bytes.remove(at); }
                _ => {}
            }
        }
        if junk.len() > 48 {
            bytes = junk;
        }
        let before = snapshot(&c);
        match parse_line(&bytes) {
            Ok(Line::Event(e)) => {
                let b = c;
                let r = c.apply(&e);
                if r.is_err() {
                    prop_assert_eq!(&before, &snapshot(&c));
                }
                // The clocks of this case have not fired yet, so one line is its
                // whole history for the monitor.
                let v = Monitor::new().check(&b, &e, r.as_ref(), &c);
                prop_assert!(v.is_empty(), "`{}`: {:?}", String::from_utf8_lossy(&bytes), v);
            }
            Ok(_) | Err(_) => prop_assert_eq!(&before, &snapshot(&c)),
        }
    }
}

#[test]
#[ignore]
fn stats() {
    use std::collections::BTreeMap;
    let mut states: BTreeMap<String, u32> = BTreeMap::new();
    let mut accepted = 0;
    let mut total = 0;
    let mut findings: BTreeMap<String, u32> = BTreeMap::new();
    let mut rng = 12345u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for _ in 0..3000 {
        let start = (next() % 64) as usize;
        let extra = next();
        let n = 1 + next() % 47;
        let words: Vec<(u8, u64, u8)> = (0..n)
            .map(|_| (next() as u8, next(), next() as u8))
            .collect();
        let lines = history(start, &words, extra);
        let mut c = Case::new();
        for raw in &lines {
            match parse_line(raw) {
                Ok(Line::Event(e)) => {
                    total += 1;
                    if let Ok(o) = c.apply(&e) {
                        accepted += 1;
                        for s in &o.states {
                            *states.entry(s.to_string()).or_default() += 1;
                        }
                        for f in &o.findings {
                            *findings.entry(f.code.name().to_string()).or_default() += 1;
                        }
                    }
                }
                Ok(Line::Person(p)) => {
                    let _ = c.set_person(&p);
                }
                Ok(Line::Config(i)) => {
                    let _ = c.configure(&i);
                }
                Ok(Line::Policy(p)) => c.set_policy(p),
                _ => {}
            }
        }
    }
    eprintln!("accepted {accepted}/{total}");
    eprintln!("{states:#?}");
    eprintln!("{findings:#?}");
}
