//! Any bytes as one line of the case language: the parser never panics, and an
//! event that parses survives an encode/decode round trip unchanged.
#![no_main]
use ia87_core::codec::{decode_event, encode_event, MAX_EVENT_LEN};
use ia87_core::lang::{parse_line, Line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(Line::Event(e)) = parse_line(data) {
        let mut buf = [0u8; MAX_EVENT_LEN];
        let n = encode_event(&e, &mut buf).expect("every event fits MAX_EVENT_LEN");
        assert_eq!(decode_event(&buf[..n]).as_ref(), Ok(&e));
    }
});
