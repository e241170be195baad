//! Speed and size of the core: `cargo bench -p ia87-core --bench apply`.
//!
//! Prints `size_of::<Case>()` (and the other fixed-size types), then measures:
//! parsing one event line, applying one event to a case (the average over the
//! 12 events of a refused-and-detained s 128 case), replaying a whole case file
//! (parse + apply + expectations), and a snapshot encode + decode.
//! Results are recorded in benches/RESULTS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::lang::{parse_line, Line};
use ia87_core::runner::{run_bytes, Report, Sink};
use ia87_core::{Case, Event, Outcome};
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

fn events() -> Vec<Event> {
    LINES
        .iter()
        .map(|l| match parse_line(l.as_bytes()) {
            Ok(Line::Event(e)) => e,
            other => panic!("{l}: {other:?}"),
        })
        .collect()
}

struct Null;
impl Sink for Null {
    fn report(&mut self, r: Report<'_>) {
        black_box(&r);
    }
}

fn benches(c: &mut Criterion) {
    println!(
        "size_of::<Case>()    = {} bytes",
        core::mem::size_of::<Case>()
    );
    println!(
        "size_of::<Outcome>() = {} bytes",
        core::mem::size_of::<Outcome>()
    );
    println!(
        "size_of::<Event>()   = {} bytes",
        core::mem::size_of::<Event>()
    );
    let evs = events();
    let mut full = Case::new();
    for e in &evs {
        full.apply(e).expect("bench events apply");
    }
    let mut snap = [0u8; MAX_SNAPSHOT_LEN];
    let n = encode_case(&full, &mut snap).expect("encode");
    println!("snapshot of the bench case = {n} bytes");

    c.bench_function("parse_line (detain)", |b| {
        b.iter(|| parse_line(black_box(LINES[4].as_bytes())))
    });
    c.bench_function("apply: 12-event s 128 case, per event", |b| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            for _ in 0..iters {
                let mut case = Case::new();
                for e in &evs {
                    black_box(case.apply(black_box(e)).ok());
                }
            }
            start.elapsed() / evs.len() as u32
        })
    });
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/border/sc-30.case"
    ))
    .expect("sc-30.case");
    c.bench_function("replay sc-30.case (parse + apply + expect)", |b| {
        b.iter(|| run_bytes(black_box(&file), &mut Null))
    });
    c.bench_function("snapshot encode + decode", |b| {
        b.iter(|| {
            let n = encode_case(black_box(&full), &mut snap).expect("encode");
            black_box(decode_case(&snap[..n]).expect("decode"))
        })
    });
}

criterion_group!(apply, benches);
criterion_main!(apply);
