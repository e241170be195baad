//! `count_parse N`: parses the 12 event lines of `count_apply` N times. Run
//! under callgrind to count instructions per `parse_line`:
//!
//! ```sh
//! cargo build --release -p ia87-core --example count_parse
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/count_parse 1000
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/count_parse 0
//! # (difference) / (1000 × 12) = instructions per parse_line
//! ```

use ia87_core::lang::{parse_line, Line};
use std::hint::black_box;

const LINES: &[&str] = &[
    "2009-03-02T06:10+13:00 arrive craft=NZ031 place=customs",
    "2009-03-02T06:25+13:00 present",
    "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
    "2009-03-02T08:00+13:00 refuse-permit by=io",
    "2009-03-02T08:30+13:00 detain by=police basis=s128 requested-by=io",
    "2009-03-02T21:00+13:00 move place=approved-premises overnight=yes",
    "2009-03-04T07:15+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes",
    "2009-03-04T08:10+13:00 warrant-issue by=registrar days=28 premises=prison",
    "2009-03-20T10:00+13:00 review-commence",
    "2009-04-01T07:30+13:00 appear before=judge outcome=extend days=7",
    "2009-04-06T05:00+12:00 craft-available in-writing=yes",
    "2009-04-06T05:45+12:00 deliver-to-police",
];

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut events = 0usize;
    for _ in 0..n {
        for l in LINES {
            if let Ok(Line::Event(e)) = parse_line(black_box(l.as_bytes())) {
                events += usize::from(black_box(&e).at.unix_seconds() > 0);
            }
        }
    }
    println!("{n} × {} lines, {events} events", LINES.len());
}
