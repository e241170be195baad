//! A snapshot taken on the kiosk restores into the full engine, and the case
//! carries on: a traveller detained at the border is later dealt with under
//! s 128, and on release under Part 2.
//!
//! `tests/snapshots/kiosk/traveller-*.snap` are written by the kiosk's host
//! build (`ia87-kiosk snapshots DIR`), whose core has the border machines only
//! (`default-features = false`); `scripts/ci/kiosk.sh` checks that the kiosk
//! still writes exactly these bytes. This test reads them with the full engine
//! (every machine compiled in).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::lang::{parse_line, Line};
use ia87_core::outcome::Machine;
use ia87_core::{Case, MachineState, Outcome};
use std::path::Path;

fn snapshot(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/snapshots/kiosk")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn apply(case: &mut Case, line: &str) -> Outcome {
    match parse_line(line.as_bytes()).unwrap() {
        Line::Event(e) => case
            .apply(&e)
            .unwrap_or_else(|r| panic!("{line}: rejected {:?}", r)),
        other => panic!("not an event: {other:?}"),
    }
}

#[test]
fn every_kiosk_snapshot_restores_and_re_encodes_to_the_same_bytes() {
    for name in ["traveller-a.snap", "traveller-b.snap", "traveller-c.snap"] {
        let bytes = snapshot(name);
        let case = decode_case(&bytes).unwrap_or_else(|e| panic!("{name}: {}", e.message()));
        let mut again = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&case, &mut again).unwrap();
        // The full engine writes an inactive Part 2 machine as nothing, so a
        // case still at the border is the same bytes in both builds.
        assert_eq!(&again[..n], &bytes[..], "{name}");
    }
}

#[test]
fn a_traveller_held_under_s128b_at_the_kiosk_carries_on_in_the_full_engine() {
    // Traveller A: referred at the kiosk, held under s 128B, a 28-day warrant.
    let mut case = decode_case(&snapshot("traveller-a.snap")).unwrap();
    let now = case.snapshot_outcome().unwrap();
    assert_eq!(
        now.state_of(Machine::Eligibility).map(|s| s.to_string()),
        Some("eligibility.custody-warrant".to_string())
    );
    // The Minister determines that s 7(1) applies and refuses a permit: the
    // person is dealt with under s 128, the warrant carried over (s 128B(11A)).
    let o = apply(
        &mut case,
        "2009-03-05T10:00+13:00 determine-s7 applies=yes by=minister",
    );
    assert_eq!(o.status.map(|s| s.name()), Some("unlawful-s128"));
    assert!(matches!(
        o.state_of(Machine::Border),
        Some(MachineState::Border(_))
    ));
}

#[test]
fn a_traveller_held_under_s128_at_the_kiosk_reaches_part_2_in_the_full_engine() {
    // Traveller A again, now under s 128 after the Minister's determination.
    let mut case = decode_case(&snapshot("traveller-a.snap")).unwrap();
    apply(
        &mut case,
        "2009-03-05T10:00+13:00 determine-s7 applies=yes by=minister",
    );
    // s 128(4): while s 128 applies, Part 2 cannot touch the person.
    let o = apply(&mut case, "2009-03-05T11:00+13:00 appeal-lodge forum=rra");
    assert!(o
        .findings
        .iter()
        .any(|f| f.code.name() == "part2-excluded" && f.rule.id() == "s128(4)"));
    assert_eq!(o.state_of(Machine::Removal), None);
    // s 128(14A): "On the release … Part 2 applies": the removal machine takes
    // the person, with the 42-day appeal window of s 47(2).
    let o = apply(&mut case, "2009-03-06T11:00+13:00 release by=manager");
    assert_eq!(
        o.state_of(Machine::Removal).map(|s| s.to_string()),
        Some("removal.unlawful".to_string())
    );
    assert!(o.trace.iter().any(|r| r.id() == "s128(14A)"));
    assert!(o.deadlines.iter().any(|d| d.name.name() == "appeal-window"));
    // The snapshot now carries the removal slot as well (a border-only build
    // such as the kiosk's refuses it: `SnapshotError::UnsupportedMachine`).
    let mut buf = [0u8; MAX_SNAPSHOT_LEN];
    let n = encode_case(&case, &mut buf).unwrap();
    assert!(n > snapshot("traveller-a.snap").len());
}
