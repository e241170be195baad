//! The snapshot payload written by hand (`ia87_core::wire`) is postcard's
//! encoding of the case (the serde shape of `Case`, feature `serde`): for the
//! case after every accepted line of the whole conformance suite, the two
//! encodings are equal byte for byte, and each decoder reads the other's bytes
//! back to the same case.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::suite_files;
use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::Case;

struct Nothing;
impl Sink for Nothing {
    fn report(&mut self, _: Report<'_>) {}
}

fn check(case: &Case, what: &str) {
    let mut framed = [0u8; MAX_SNAPSHOT_LEN];
    let n = encode_case(case, &mut framed).unwrap();
    // The payload sits between the 8-byte header and the 4-byte CRC.
    let wire = &framed[8..n - 4];
    let mut buf = vec![0u8; MAX_SNAPSHOT_LEN];
    let serde = postcard::to_slice(case, &mut buf).unwrap();
    assert_eq!(wire, &serde[..], "{what}: wire and postcard differ");
    let from_serde: Case = postcard::from_bytes(wire).unwrap();
    assert_eq!(
        &from_serde, case,
        "{what}: postcard reads the wire bytes differently"
    );
    assert_eq!(&decode_case(&framed[..n]).unwrap(), case, "{what}");
}

#[test]
fn the_wire_payload_is_postcard_for_every_case_of_the_suite() {
    let mut checked = 0;
    for path in suite_files() {
        let text = std::fs::read(&path).unwrap();
        let mut r = Runner::new();
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            r.feed(line, &mut Nothing);
            if let Some(c) = r.case() {
                check(c, &format!("{}:{}", path.display(), i + 1));
                checked += 1;
            }
        }
    }
    assert!(checked > 2_000, "only {checked} cases checked");
}
