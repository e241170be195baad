//! Any bytes as a case snapshot: decoding never panics; whatever decodes
//! re-encodes to the same bytes and can still be driven by the engine.
#![no_main]
use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::time::Instant;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut case) = decode_case(data) {
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&case, &mut buf).expect("a decoded case re-encodes");
        assert_eq!(decode_case(&buf[..n]).as_ref(), Ok(&case));
        // A crafted snapshot may hold any state: the engine must still not panic.
        let now = case.now().unwrap_or(Instant::MIN);
        let _ = case.advance(now.add_seconds(3600));
        let _ = case.advance(now.add_seconds(90 * 86_400));
    }
});
