//! Any bytes as a whole case file through the runner: no panic, no hang, and
//! every line gets exactly one report (or is blank or an expectation).
#![no_main]
use ia87_core::runner::{run_bytes, Report, Sink};
use libfuzzer_sys::fuzz_target;

struct Count(u64);
impl Sink for Count {
    fn report(&mut self, _: Report<'_>) {
        self.0 += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let mut c = Count(0);
    run_bytes(data, &mut c);
    let lines = data.split(|&b| b == b'\n').count() as u64;
    // At most: a result and an "unexpected" per line, plus the pair for a
    // missing `ia87 1` header.
    assert!(c.0 <= 2 * lines + 2);
});
