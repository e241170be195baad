//! The C ABI, called from Rust exactly as C calls it: null pointers, short
//! buffers, garbage bytes, flipped bits, and whole conformance files.
//! Runs under Miri (`cargo +nightly-2026-05-20 miri test -p ia87-ffi`), where the
//! slowest loops take a sample.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::undocumented_unsafe_blocks
)]

mod common;

use common::{conformance_files, run_abi, run_core, Events};
use ia87_ffi::IA87Status::*;
use ia87_ffi::*;
use std::ptr::{null, null_mut};

const SC01: &[u8] = include_bytes!("../../tests/conformance/border/sc-01.case");

fn new_case() -> IA87Case {
    let mut c = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_init(&mut c) }, IA87_OK);
    c
}

fn apply(c: &mut IA87Case, line: &str) -> IA87Outcome {
    let mut out = IA87Outcome::ZERO;
    let mut info = IA87LineInfo::ZERO;
    let st =
        unsafe { ia87_case_apply_line(c, line.as_ptr().cast(), line.len(), &mut out, &mut info) };
    assert_eq!(st, IA87_OK, "{line}");
    out
}

/// A case with a warrant, an escape and a review: a long snapshot.
fn busy_case() -> IA87Case {
    let mut c = new_case();
    for l in [
        "person citizen=no born=1980-05-01",
        "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
        "2009-03-02T06:25+13:00 present",
        "2009-03-02T08:00+13:00 refuse-permit by=io",
        "2009-03-02T08:30+13:00 detain by=police basis=s128",
        "2009-03-04T07:00+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes",
        "2009-03-04T08:00+13:00 warrant-issue by=registrar days=28 premises=prison",
        "2009-03-10T08:00+13:00 escape",
        "2009-03-12T08:00+13:00 recapture",
        "2009-03-20T08:00+13:00 review-commence",
    ] {
        assert_eq!(apply(&mut c, l).accepted, 1, "{l}");
    }
    c
}

fn bytes_of(c: &IA87Case) -> [u8; IA87_CASE_SIZE] {
    let mut b = [0u8; IA87_CASE_SIZE];
    for (i, w) in c.opaque.iter().enumerate() {
        b[i * 8..i * 8 + 8].copy_from_slice(&w.to_ne_bytes());
    }
    b
}

fn case_of(b: &[u8; IA87_CASE_SIZE]) -> IA87Case {
    let mut c = IA87Case::ZERO;
    for (i, w) in c.opaque.iter_mut().enumerate() {
        *w = u64::from_ne_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
    }
    c
}

/// Deterministic pseudo-random bytes (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Every `step`-th element under Miri, every element otherwise.
fn sample() -> usize {
    if cfg!(miri) {
        37
    } else {
        1
    }
}

#[test]
fn sizes_and_versions_agree() {
    assert_eq!(std::mem::size_of::<IA87Case>(), IA87_CASE_SIZE);
    assert_eq!(std::mem::align_of::<IA87Case>(), 8);
    assert_eq!(std::mem::size_of::<IA87Outcome>(), IA87_OUTCOME_SIZE);
    let v = unsafe { std::ffi::CStr::from_ptr(ia87_version()) };
    assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    let parts: Vec<u32> = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse().unwrap())
        .collect();
    assert_eq!(
        parts,
        [IA87_VERSION_MAJOR, IA87_VERSION_MINOR, IA87_VERSION_PATCH]
    );
    assert_eq!(ia87_abi_version(), IA87_ABI_VERSION);
    let header = include_str!("../../include/ia87.h");
    assert!(header.contains(&format!(
        "#define IA87_VERSION_STRING \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn null_pointers_are_errors() {
    let mut c = new_case();
    let mut out = IA87Outcome::ZERO;
    let mut info = IA87LineInfo::ZERO;
    let ev = IA87Event::ZERO;
    let line = b"2009-03-02T06:10+13:00 arrive";
    let mut buf = [0u8; 64];
    let mut n = 0usize;
    let mut u8v = 0u8;
    let mut u16v = 0u16;
    let mut i64v = 0i64;
    let mut d = IA87Deadline::default();
    let mut f = IA87Finding::default();
    let bp = buf.as_mut_ptr().cast();
    unsafe {
        assert_eq!(ia87_case_init(null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_case_init_file(null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_case_check(null()), IA87_ERR_NULL);
        let lp = line.as_ptr().cast();
        assert_eq!(
            ia87_case_apply_line(null_mut(), lp, line.len(), &mut out, &mut info),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_case_apply_line(&mut c, lp, line.len(), null_mut(), &mut info),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_case_apply_line(&mut c, null(), 5, &mut out, &mut info),
            IA87_ERR_NULL
        );
        // NULL with length 0 is an empty (blank) line; info may be NULL.
        assert_eq!(
            ia87_case_apply_line(&mut c, null(), 0, &mut out, null_mut()),
            IA87_OK
        );
        assert_eq!(
            ia87_case_apply_event(null_mut(), &ev, &mut out),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_case_apply_event(&mut c, null(), &mut out),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_case_apply_event(&mut c, &ev, null_mut()),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_case_advance(null_mut(), 0, &mut out), IA87_ERR_NULL);
        assert_eq!(ia87_case_advance(&mut c, 0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_case_outcome(null(), &mut out), IA87_ERR_NULL);
        assert_eq!(ia87_case_outcome(&c, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_case_zone(null(), &mut u8v), IA87_ERR_NULL);
        assert_eq!(ia87_case_zone(&c, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_case_now(null(), &mut i64v, &mut u8v), IA87_ERR_NULL);
        assert_eq!(ia87_case_now(&c, null_mut(), &mut u8v), IA87_ERR_NULL);
        assert_eq!(ia87_case_now(&c, &mut i64v, null_mut()), IA87_ERR_NULL);
        assert_eq!(
            ia87_case_save(null(), buf.as_mut_ptr(), buf.len(), &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_case_save(&c, null_mut(), 10, &mut n), IA87_ERR_NULL);
        assert_eq!(
            ia87_case_save(&c, buf.as_mut_ptr(), buf.len(), null_mut()),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_case_load(null_mut(), buf.as_ptr(), 10), IA87_ERR_NULL);
        assert_eq!(ia87_case_load(&mut c, null(), 10), IA87_ERR_NULL);
        let e = b"expect no-finding";
        assert_eq!(
            ia87_expect(e.as_ptr().cast(), e.len(), null(), &mut u8v),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_expect(e.as_ptr().cast(), e.len(), &out, null_mut()),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_expect(null(), 3, &out, &mut u8v), IA87_ERR_NULL);
        assert_eq!(
            ia87_outcome_json(null(), null(), 0, 1, 0, bp, 64, &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_outcome_json(&out, null(), 3, 1, 0, bp, 64, &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_outcome_json(&out, null(), 0, 1, 0, null_mut(), 64, &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_outcome_state(null(), 0, &mut u16v), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_state(&out, 0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_deadline(null(), 0, &mut d), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_deadline(&out, 0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_finding(null(), 0, &mut f), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_finding(&out, 0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_trace(null(), 0, &mut u16v), IA87_ERR_NULL);
        assert_eq!(ia87_outcome_trace(&out, 0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_error_message(0, null_mut(), 5, &mut n), IA87_ERR_NULL);
        assert_eq!(ia87_status_message(0, null_mut(), 5, &mut n), IA87_ERR_NULL);
        assert_eq!(ia87_rule_text(0, 0, null_mut(), 5, &mut n), IA87_ERR_NULL);
        assert_eq!(
            ia87_name(IA87_VOCAB_VERB, 0, null_mut(), 5, &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_state_name(0, 0, null_mut(), 5, &mut n), IA87_ERR_NULL);
        assert_eq!(
            ia87_lookup(IA87_VOCAB_VERB, null(), 4, &mut u16v),
            IA87_ERR_NULL
        );
        assert_eq!(
            ia87_lookup(IA87_VOCAB_VERB, b"tick".as_ptr().cast(), 4, null_mut()),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_vocab_size(0, null_mut()), IA87_ERR_NULL);
        assert_eq!(ia87_key_type(0, null_mut()), IA87_ERR_NULL);
        assert_eq!(
            ia87_format_instant(0, 0, null_mut(), 5, &mut n),
            IA87_ERR_NULL
        );
        assert_eq!(ia87_parse_timestamp(null(), 3, &mut i64v), IA87_ERR_NULL);
        assert_eq!(
            ia87_parse_timestamp(b"x".as_ptr().cast(), 1, null_mut()),
            IA87_ERR_NULL
        );
        // A NULL length pointer is allowed for texts.
        assert_eq!(
            ia87_verb_name(IA87_VERB_DETAIN, bp, 64, null_mut()),
            IA87_OK
        );
        assert_eq!(&buf[..7], b"detain\0");
    }
    // Nothing above changed the case.
    assert_eq!(bytes_of(&c), bytes_of(&new_case()));
}

#[test]
fn short_buffers_report_the_size_needed() {
    let mut buf = [0xAAu8; 64];
    let mut n = 0usize;
    unsafe {
        // Size query with a NULL buffer and zero capacity.
        let st = ia87_finding_name(IA87_FINDING_NO_WARRANT_48H, null_mut(), 0, &mut n);
        assert_eq!((st, n), (IA87_ERR_BUFFER_TOO_SMALL, 14));
        for cap in 1..=14 {
            buf.fill(0xAA);
            let st = ia87_finding_name(
                IA87_FINDING_NO_WARRANT_48H,
                buf.as_mut_ptr().cast(),
                cap,
                &mut n,
            );
            assert_eq!((st, n), (IA87_ERR_BUFFER_TOO_SMALL, 14));
            assert_eq!(buf[cap - 1], 0, "always NUL-terminated");
            assert_eq!(buf[cap], 0xAA, "never writes past cap");
        }
        let st = ia87_finding_name(
            IA87_FINDING_NO_WARRANT_48H,
            buf.as_mut_ptr().cast(),
            15,
            &mut n,
        );
        assert_eq!((st, n), (IA87_OK, 14));
        assert_eq!(&buf[..15], b"no-warrant-48h\0");

        let t = 1_236_022_200; // 2009-03-02T19:30:00Z
        let st = ia87_format_instant(t, IA87_ZONE_MAINLAND, buf.as_mut_ptr().cast(), 10, &mut n);
        assert_eq!((st, n), (IA87_ERR_BUFFER_TOO_SMALL, 25));
        let st = ia87_format_instant(t, IA87_ZONE_MAINLAND, buf.as_mut_ptr().cast(), 64, &mut n);
        assert_eq!(st, IA87_OK);
        assert_eq!(&buf[..n], b"2009-03-03T08:30:00+13:00");
        let st = ia87_format_instant(t, IA87_ZONE_CHATHAM, buf.as_mut_ptr().cast(), 64, &mut n);
        assert_eq!(st, IA87_OK);
        assert_eq!(&buf[..n], b"2009-03-03T09:15:00+13:45");
        assert_eq!(
            ia87_format_instant(t, 2, buf.as_mut_ptr().cast(), 64, &mut n),
            IA87_ERR_BAD_ARGUMENT
        );
        assert_eq!(
            ia87_format_instant(i64::MAX, 0, buf.as_mut_ptr().cast(), 64, &mut n),
            IA87_ERR_BAD_ARGUMENT
        );

        let st = ia87_rule_text(
            IA87_RULE_S128_7,
            IA87_RULE_FIELD_CITE,
            buf.as_mut_ptr().cast(),
            64,
            &mut n,
        );
        assert_eq!(st, IA87_OK);
        assert_eq!(&buf[..n + 1], b"s 128(7)\0");
        let st = ia87_rule_text(
            IA87_RULE_S128_7,
            IA87_RULE_FIELD_QUOTE,
            buf.as_mut_ptr().cast(),
            4,
            &mut n,
        );
        assert_eq!(st, IA87_ERR_BUFFER_TOO_SMALL);
        assert!(n > 4);
        assert_eq!(
            ia87_rule_text(IA87_RULE_S128_7, 99, buf.as_mut_ptr().cast(), 64, &mut n),
            IA87_ERR_BAD_ARGUMENT
        );
        assert_eq!(
            ia87_rule_text(IA87_RULE_COUNT, 0, buf.as_mut_ptr().cast(), 64, &mut n),
            IA87_ERR_UNKNOWN_CODE
        );
    }
    // Saving into a short buffer writes nothing but the size needed.
    let c = busy_case();
    let mut snap = [0x55u8; IA87_SNAPSHOT_MAX];
    let mut need = 0usize;
    assert_eq!(
        unsafe { ia87_case_save(&c, snap.as_mut_ptr(), 0, &mut need) },
        IA87_ERR_BUFFER_TOO_SMALL
    );
    assert!(need > 12 && need < IA87_SNAPSHOT_MAX);
    let mut n = 0usize;
    assert_eq!(
        unsafe { ia87_case_save(&c, snap.as_mut_ptr(), need - 1, &mut n) },
        IA87_ERR_BUFFER_TOO_SMALL
    );
    assert!(snap.iter().all(|&b| b == 0x55));
    assert_eq!(
        unsafe { ia87_case_save(&c, snap.as_mut_ptr(), need, &mut n) },
        IA87_OK
    );
    assert_eq!(n, need);
    // JSON into a short buffer.
    let mut c = new_case();
    let o = apply(
        &mut c,
        "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
    );
    let mut json = vec![0u8; IA87_JSON_MAX];
    let mut len = 0usize;
    let id = b"sc-x";
    let st = unsafe {
        ia87_outcome_json(
            &o,
            id.as_ptr().cast(),
            4,
            7,
            0,
            json.as_mut_ptr().cast(),
            16,
            &mut len,
        )
    };
    assert_eq!(st, IA87_ERR_BUFFER_TOO_SMALL);
    assert_eq!(json[15], 0);
    let st = unsafe {
        ia87_outcome_json(
            &o,
            id.as_ptr().cast(),
            4,
            7,
            0,
            json.as_mut_ptr().cast(),
            len + 1,
            &mut len,
        )
    };
    assert_eq!(st, IA87_OK);
    assert!(json[..len].starts_with(b"{\"case\":\"sc-x\",\"line\":7,\"accepted\":true,"));
}

#[test]
fn garbage_case_bytes_are_an_error_never_ub() {
    let mut rng = Rng(0x1987_0001);
    let mut out = IA87Outcome::ZERO;
    let line = b"2009-03-02T06:10+13:00 arrive";
    let rounds = if cfg!(miri) { 4 } else { 2000 };
    for round in 0..rounds {
        let mut b = [0u8; IA87_CASE_SIZE];
        match round {
            0 => {}
            1 => b.fill(0xFF),
            _ => b.iter_mut().for_each(|x| *x = rng.next() as u8),
        }
        let mut c = case_of(&b);
        unsafe {
            assert_eq!(ia87_case_check(&c), IA87_ERR_CORRUPT_CASE);
            let st = ia87_case_apply_line(
                &mut c,
                line.as_ptr().cast(),
                line.len(),
                &mut out,
                null_mut(),
            );
            assert_eq!(st, IA87_ERR_CORRUPT_CASE);
            assert_eq!(
                ia87_case_advance(&mut c, 0, &mut out),
                IA87_ERR_CORRUPT_CASE
            );
        }
        assert_eq!(bytes_of(&c), b, "a corrupt case is left as it was");
    }
    // A valid tag and header with a garbage frame.
    let good = bytes_of(&busy_case());
    for round in 0..rounds / 4 + 1 {
        let mut b = good;
        for x in &mut b[8 + (round % 200)..] {
            *x = rng.next() as u8;
        }
        let c = case_of(&b);
        assert_eq!(unsafe { ia87_case_check(&c) }, IA87_ERR_CORRUPT_CASE);
    }
}

#[test]
fn every_bit_flip_of_a_case_is_detected() {
    let good = bytes_of(&busy_case());
    assert_eq!(unsafe { ia87_case_check(&case_of(&good)) }, IA87_OK);
    for i in (0..IA87_CASE_SIZE).step_by(sample()) {
        for bit in 0..8 {
            let mut b = good;
            b[i] ^= 1 << bit;
            let c = case_of(&b);
            assert_eq!(
                unsafe { ia87_case_check(&c) },
                IA87_ERR_CORRUPT_CASE,
                "flip at byte {i} bit {bit} accepted"
            );
        }
    }
}

#[test]
fn every_bit_flip_of_a_snapshot_is_rejected_by_load() {
    let c = busy_case();
    let mut snap = [0u8; IA87_SNAPSHOT_MAX];
    let mut n = 0usize;
    assert_eq!(
        unsafe { ia87_case_save(&c, snap.as_mut_ptr(), snap.len(), &mut n) },
        IA87_OK
    );
    // Round trip.
    let mut back = IA87Case::ZERO;
    assert_eq!(
        unsafe { ia87_case_load(&mut back, snap.as_ptr(), n) },
        IA87_OK
    );
    assert_eq!(bytes_of(&back), bytes_of(&c));
    let target = new_case();
    for i in (0..n).step_by(sample()) {
        for bit in 0..8 {
            let mut s = snap;
            s[i] ^= 1 << bit;
            let mut t = target;
            let st = unsafe { ia87_case_load(&mut t, s.as_ptr(), n) };
            assert_ne!(st, IA87_OK, "flip at byte {i} bit {bit} loaded");
            assert_eq!(
                bytes_of(&t),
                bytes_of(&target),
                "a failed load changes nothing"
            );
        }
    }
    // Truncations and trailing bytes.
    for cut in (0..n).step_by(sample()) {
        let mut t = target;
        assert_ne!(
            unsafe { ia87_case_load(&mut t, snap.as_ptr(), cut) },
            IA87_OK
        );
    }
    let mut t = target;
    assert_eq!(
        unsafe { ia87_case_load(&mut t, snap.as_ptr(), n + 1) },
        IA87_ERR_SNAPSHOT_TRAILING
    );
    assert_eq!(
        unsafe { ia87_case_load(&mut t, snap.as_ptr(), 0) },
        IA87_ERR_SNAPSHOT_TRUNCATED
    );
    let mut bad = snap;
    bad[0] = b'X';
    assert_eq!(
        unsafe { ia87_case_load(&mut t, bad.as_ptr(), n) },
        IA87_ERR_SNAPSHOT_MAGIC
    );
    let mut bad = snap;
    bad[4] = 99;
    assert_eq!(
        unsafe { ia87_case_load(&mut t, bad.as_ptr(), n) },
        IA87_ERR_SNAPSHOT_VERSION
    );
    let mut bad = snap;
    bad[5] = 2;
    assert_eq!(
        unsafe { ia87_case_load(&mut t, bad.as_ptr(), n) },
        IA87_ERR_SNAPSHOT_KIND
    );
    let mut bad = snap;
    bad[10] ^= 0x40;
    assert_eq!(
        unsafe { ia87_case_load(&mut t, bad.as_ptr(), n) },
        IA87_ERR_SNAPSHOT_CRC
    );
    // A case file that has not opened a case has nothing to save.
    let mut f = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_init_file(&mut f) }, IA87_OK);
    assert_eq!(
        unsafe { ia87_case_save(&f, snap.as_mut_ptr(), snap.len(), &mut n) },
        IA87_ERR_BAD_ARGUMENT
    );
}

#[test]
fn a_saved_case_continues_where_it_left_off() {
    let mut a = busy_case();
    let mut snap = [0u8; IA87_SNAPSHOT_MAX];
    let mut n = 0usize;
    assert_eq!(
        unsafe { ia87_case_save(&a, snap.as_mut_ptr(), snap.len(), &mut n) },
        IA87_OK
    );
    let mut b = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_load(&mut b, snap.as_ptr(), n) }, IA87_OK);
    let next = "2009-04-20T08:00+12:00 tick";
    let (oa, ob) = (apply(&mut a, next), apply(&mut b, next));
    assert_eq!(json(&oa), json(&ob));
    assert_eq!(bytes_of(&a), bytes_of(&b));
}

fn json(o: &IA87Outcome) -> String {
    let mut buf = vec![0u8; IA87_JSON_MAX];
    let mut n = 0usize;
    let st = unsafe {
        ia87_outcome_json(
            o,
            b"c".as_ptr().cast(),
            1,
            1,
            0,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut n,
        )
    };
    assert_eq!(st, IA87_OK);
    String::from_utf8(buf[..n].to_vec()).unwrap()
}

#[test]
fn hostile_lines_are_rejections() {
    let mut c = new_case();
    let before = bytes_of(&c);
    let long = format!("2009-03-02T06:10+13:00 arrive craft={}", "X".repeat(2000));
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (long.into_bytes(), IA87_ERROR_LINE_TOO_LONG),
        (
            b"2009-03-02T06:10+13:00 arr\0ive".to_vec(),
            IA87_ERROR_BAD_UTF8,
        ),
        (
            b"2009-03-02T06:10+13:00 \xff\xfe".to_vec(),
            IA87_ERROR_BAD_UTF8,
        ),
        (b"2009-03-02T06:10 arrive".to_vec(), IA87_ERROR_NO_OFFSET),
        (
            b"2009-03-02T06:10+13:00 fly".to_vec(),
            IA87_ERROR_UNKNOWN_VERB,
        ),
        (
            b"2009-03-02T06:10+13:00 arrive wings=2".to_vec(),
            IA87_ERROR_UNKNOWN_KEY,
        ),
        (
            b"2009-03-02T06:10+13:00 detain by=police".to_vec(),
            IA87_ERROR_MISSING_KEY,
        ),
        (
            b"2009-03-02T06:10+13:00 escape".to_vec(),
            IA87_ERROR_NOT_IN_STATE,
        ),
        (b"garbage \"unterminated".to_vec(), IA87_ERROR_BAD_SYNTAX),
    ];
    for (line, code) in cases {
        let mut out = IA87Outcome::ZERO;
        let mut info = IA87LineInfo::ZERO;
        let st = unsafe {
            ia87_case_apply_line(
                &mut c,
                line.as_ptr().cast(),
                line.len(),
                &mut out,
                &mut info,
            )
        };
        assert_eq!(st, IA87_OK);
        assert_eq!(out.accepted, 0, "{}", String::from_utf8_lossy(&line));
        assert_eq!(out.error_code, code, "{}", String::from_utf8_lossy(&line));
        assert!(usize::from(out.message_len) < IA87_MESSAGE_MAX);
        assert_eq!(out.message[usize::from(out.message_len)], 0);
        assert_eq!(bytes_of(&c), before, "a rejected line changes nothing");
    }
}

#[test]
fn line_kinds_and_case_lines() {
    let mut c = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_init_file(&mut c) }, IA87_OK);
    let kinds = [
        ("# comment\n", IA87_LINE_BLANK),
        ("ia87 1\r\n", IA87_LINE_HEADER),
        ("2009-03-02T06:10+13:00 arrive", IA87_LINE_EVENT),
        ("case traveller-01\n", IA87_LINE_CASE),
        ("person citizen=no", IA87_LINE_PERSON),
        ("config service-level=PT2H", IA87_LINE_CONFIG),
        ("policy y4-15", IA87_LINE_POLICY),
        ("expect rejected=no-case", IA87_LINE_EXPECT),
        ("expect no-such-thing", IA87_LINE_INVALID),
        ("2009-03-02T06:10+13:00 arrive craft=NZ001", IA87_LINE_EVENT),
    ];
    let mut out = IA87Outcome::ZERO;
    for (i, (line, kind)) in kinds.iter().enumerate() {
        let mut info = IA87LineInfo::ZERO;
        out.trace_count = 99; // untouched lines keep this
        let st = unsafe {
            ia87_case_apply_line(
                &mut c,
                line.as_ptr().cast(),
                line.len(),
                &mut out,
                &mut info,
            )
        };
        assert_eq!(st, IA87_OK);
        assert_eq!(info.kind, *kind, "{line}");
        let written = out.trace_count != 99;
        assert_eq!(
            written,
            !matches!(
                *kind,
                IA87_LINE_BLANK | IA87_LINE_HEADER | IA87_LINE_CASE | IA87_LINE_EXPECT
            ),
            "{line}"
        );
        match i {
            // An event before any case line: no-case, with the runner's message.
            2 => {
                assert_eq!((out.accepted, out.error_code), (0, IA87_ERROR_NO_CASE));
                assert_eq!(
                    &out.message[..usize::from(out.message_len)],
                    b"no `case ID` line before this line"
                );
            }
            3 => assert_eq!(
                &info.case_id[..usize::from(info.case_id_len) + 1],
                b"traveller-01\0"
            ),
            7 => assert_eq!(info.expects_rejection, 1),
            9 => assert_eq!(out.accepted, 1),
            _ => {}
        }
    }
    // The runner agrees on the no-case line, word for word.
    let text = b"ia87 1\n2009-03-02T06:10+13:00 arrive\nexpect rejected=no-case\n";
    assert_eq!(run_abi(text, Events::Text), run_core(text));
}

#[test]
fn expect_checks_garbage_outcomes() {
    let mut rng = Rng(42);
    let e = b"expect state=border.custody-warrant";
    let rounds = if cfg!(miri) { 8 } else { 5000 };
    let mut buf = vec![0u8; IA87_JSON_MAX];
    for _ in 0..rounds {
        let mut o = IA87Outcome::ZERO;
        // Mostly plausible values, so that the checks deep inside are reached.
        o.accepted = (rng.next() % 3) as u8;
        o.has_status = (rng.next() % 3) as u8;
        o.status = (rng.next() % 14) as u16;
        o.state_count = (rng.next() % 6) as u8;
        o.deadline_count = (rng.next() % 14) as u8;
        o.finding_count = (rng.next() % 18) as u8;
        o.trace_count = (rng.next() % 34) as u8;
        o.message_len = rng.next() as u8;
        o.error_code = (rng.next() % 20) as u16;
        o.error_rule = rng.next() as u16;
        for s in &mut o.states {
            s.machine = (rng.next() % 5) as u16;
            s.state = (rng.next() % 18) as u16;
        }
        for d in &mut o.deadlines {
            d.due = rng.next() as i64 % 400_000_000_000;
            d.has_strict = (rng.next() % 3) as u8;
            d.name = (rng.next() % 17) as u16;
            d.rule = (rng.next() % 150) as u16;
        }
        for m in &mut o.message {
            *m = rng.next() as u8;
        }
        let mut holds = 7u8;
        let st = unsafe { ia87_expect(e.as_ptr().cast(), e.len(), &o, &mut holds) };
        assert!(st == IA87_OK || st == IA87_ERR_BAD_OUTCOME);
        assert!(holds <= 1 || st != IA87_OK);
        let mut n = 0usize;
        let st = unsafe {
            ia87_outcome_json(
                &o,
                null(),
                0,
                1,
                0,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut n,
            )
        };
        assert!(st == IA87_OK || st == IA87_ERR_BAD_OUTCOME, "{st:?}");
        if st == IA87_OK {
            assert!(std::str::from_utf8(&buf[..n]).is_ok());
        }
    }
    // Not an expect line.
    let o = IA87Outcome::ZERO;
    let mut holds = 0u8;
    let l = b"2009-03-02T06:10+13:00 arrive";
    assert_eq!(
        unsafe { ia87_expect(l.as_ptr().cast(), l.len(), &o, &mut holds) },
        IA87_ERR_NOT_EXPECT
    );
}

#[test]
fn outcome_accessors_are_bounds_checked() {
    let mut c = new_case();
    let text = std::str::from_utf8(SC01).unwrap();
    let mut o = IA87Outcome::ZERO;
    for line in text
        .lines()
        .filter(|l| !l.starts_with("expect") && !l.starts_with("case") && !l.starts_with("ia87"))
    {
        let mut info = IA87LineInfo::ZERO;
        let st = unsafe {
            ia87_case_apply_line(&mut c, line.as_ptr().cast(), line.len(), &mut o, &mut info)
        };
        assert_eq!(st, IA87_OK);
        if line.contains(" detain ") {
            break;
        }
    }
    assert_eq!(
        o.accepted,
        1,
        "{:?}",
        &o.message[..usize::from(o.message_len)]
    );
    let mut s = 0u16;
    unsafe {
        assert_eq!(ia87_outcome_state(&o, IA87_MACHINE_BORDER, &mut s), IA87_OK);
        assert_eq!(s, IA87_STATE_BORDER_CUSTODY_PRE_WARRANT);
        assert_eq!(
            ia87_outcome_state(&o, IA87_MACHINE_TRANSIT, &mut s),
            IA87_ERR_NOT_FOUND
        );
        let mut d = IA87Deadline::default();
        assert_eq!(
            ia87_outcome_deadline(&o, IA87_DEADLINE_WARRANT_REQUIRED, &mut d),
            IA87_OK
        );
        assert_eq!(d.rule, IA87_RULE_S128_7);
        assert_eq!(
            ia87_outcome_deadline(&o, IA87_DEADLINE_S128_CESSATION, &mut d),
            IA87_ERR_NOT_FOUND
        );
        let mut f = IA87Finding::default();
        assert_eq!(ia87_outcome_finding(&o, 0, &mut f), IA87_ERR_NOT_FOUND);
        let mut r = 0u16;
        assert_eq!(ia87_outcome_trace(&o, 0, &mut r), IA87_OK);
        assert_eq!(
            ia87_outcome_trace(&o, usize::from(o.trace_count), &mut r),
            IA87_ERR_NOT_FOUND
        );
        assert_eq!(
            ia87_outcome_trace(&o, usize::MAX, &mut r),
            IA87_ERR_NOT_FOUND
        );
        let mut bad = o;
        bad.trace_count = 200;
        assert_eq!(ia87_outcome_trace(&bad, 0, &mut r), IA87_ERR_BAD_OUTCOME);
        bad.state_count = IA87_MAX_STATES as u8 + 1;
        assert_eq!(ia87_outcome_state(&bad, 0, &mut s), IA87_ERR_BAD_OUTCOME);
    }
}

#[test]
fn names_and_lookups_round_trip() {
    let vocabs = [
        IA87_VOCAB_MACHINE,
        IA87_VOCAB_STATUS,
        IA87_VOCAB_BORDER,
        IA87_VOCAB_ELIGIBILITY,
        IA87_VOCAB_TRANSIT,
        IA87_VOCAB_SEVERITY,
        IA87_VOCAB_FINDING,
        IA87_VOCAB_DEADLINE,
        IA87_VOCAB_ERROR,
        IA87_VOCAB_VERB,
        IA87_VOCAB_KEY,
        IA87_VOCAB_WORD,
        IA87_VOCAB_RULE,
        IA87_VOCAB_ZONE,
    ];
    let mut buf = [0u8; IA87_NAME_MAX];
    for v in vocabs {
        let mut size = 0u16;
        assert_eq!(unsafe { ia87_vocab_size(v, &mut size) }, IA87_OK);
        assert!(size > 0);
        for code in (0..size).step_by(if cfg!(miri) { 11 } else { 1 }) {
            let mut n = 0usize;
            assert_eq!(
                unsafe { ia87_name(v, code, buf.as_mut_ptr().cast(), buf.len(), &mut n) },
                IA87_OK
            );
            assert!(n < IA87_NAME_MAX);
            let mut back = 0xFFFFu16;
            assert_eq!(
                unsafe { ia87_lookup(v, buf.as_ptr().cast(), n, &mut back) },
                IA87_OK
            );
            assert_eq!(back, code, "vocab {v} code {code}");
        }
        let mut n = 0usize;
        assert_eq!(
            unsafe { ia87_name(v, size, buf.as_mut_ptr().cast(), buf.len(), &mut n) },
            IA87_ERR_UNKNOWN_CODE
        );
    }
    let mut n = 0usize;
    unsafe {
        assert_eq!(
            ia87_name(99, 0, buf.as_mut_ptr().cast(), buf.len(), &mut n),
            IA87_ERR_BAD_ARGUMENT
        );
        let mut code = 0u16;
        assert_eq!(
            ia87_lookup(IA87_VOCAB_VERB, b"\xff".as_ptr().cast(), 1, &mut code),
            IA87_ERR_NOT_FOUND
        );
        assert_eq!(
            ia87_state_name(
                IA87_MACHINE_BORDER,
                IA87_STATE_BORDER_CUSTODY_WARRANT,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut n
            ),
            IA87_OK
        );
        assert_eq!(&buf[..n], b"border.custody-warrant");
        assert_eq!(
            ia87_state_name(
                IA87_MACHINE_COUNT,
                0,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut n
            ),
            IA87_ERR_UNKNOWN_CODE
        );
        for code in 0..IA87_ERROR_COUNT {
            assert_eq!(
                ia87_error_message(code, buf.as_mut_ptr().cast(), buf.len(), &mut n) as u32 & !2,
                0
            );
        }
        assert_eq!(
            ia87_error_message(IA87_ERROR_COUNT, buf.as_mut_ptr().cast(), buf.len(), &mut n),
            IA87_ERR_UNKNOWN_CODE
        );
        for s in 0..=17u32 {
            let mut big = [0u8; 128];
            assert_eq!(
                ia87_status_message(s, big.as_mut_ptr().cast(), big.len(), &mut n),
                IA87_OK
            );
        }
        assert_eq!(
            ia87_status_message(18, buf.as_mut_ptr().cast(), buf.len(), &mut n),
            IA87_ERR_UNKNOWN_CODE
        );
    }
}

#[test]
fn binary_events_match_text_events() {
    // The kiosk's arrival flow, built field by field as a C program would.
    let mut text = new_case();
    let mut bin = new_case();
    let base = 1_235_927_400; // 2009-03-02T06:10:00+13:00
    let arg = |key: u16, word: u16, value: i64| IA87Arg {
        key,
        word,
        word2: IA87_NONE,
        reserved: 0,
        value,
    };
    let mut steps: Vec<(&str, IA87Event)> = Vec::new();
    let mut ev = IA87Event::ZERO;
    ev.at = base;
    ev.verb = IA87_VERB_ARRIVE;
    ev.args[0] = arg(IA87_KEY_CRAFT, 0, 0);
    ev.args[1] = arg(IA87_KEY_PLACE, IA87_WORD_CUSTOMS, 0);
    ev.arg_count = 2;
    steps.push((
        "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
        ev,
    ));
    let mut ev = IA87Event::ZERO;
    ev.at = base + 900;
    ev.verb = IA87_VERB_PRESENT;
    steps.push(("2009-03-02T06:25+13:00 present", ev));
    let mut ev = IA87Event::ZERO;
    ev.at = base + 1200;
    ev.verb = IA87_VERB_SUSPECT_S7;
    ev.args[0] = arg(IA87_KEY_BY, IA87_WORD_IO, 0);
    ev.args[1] = arg(IA87_KEY_REASON, IA87_WORD_FALSE_DOCUMENTS, 0);
    ev.arg_count = 2;
    steps.push((
        "2009-03-02T06:30+13:00 suspect-s7 by=io reason=false-documents",
        ev,
    ));
    let mut ev = IA87Event::ZERO;
    ev.at = base + 3000;
    ev.verb = IA87_VERB_DETAIN;
    ev.args[0] = arg(IA87_KEY_BY, IA87_WORD_POLICE, 0);
    ev.args[1] = arg(IA87_KEY_BASIS, IA87_WORD_S128B, 0);
    ev.args[2] = arg(IA87_KEY_PLACE, IA87_WORD_POLICE_STATION, 0);
    ev.arg_count = 3;
    steps.push((
        "2009-03-02T07:00+13:00 detain by=police basis=s128b place=police-station",
        ev,
    ));
    let mut ev = IA87Event::ZERO;
    ev.at = base + 3 * 86_400;
    ev.verb = IA87_VERB_TICK;
    steps.push(("2009-03-05T06:10+13:00 tick", ev));
    for (line, ev) in steps {
        let a = apply(&mut text, line);
        let mut b = IA87Outcome::ZERO;
        assert_eq!(
            unsafe { ia87_case_apply_event(&mut bin, &ev, &mut b) },
            IA87_OK
        );
        assert_eq!(json(&a), json(&b), "{line}");
        assert_eq!(bytes_of(&text), bytes_of(&bin), "{line}");
    }
    // Errors: unknown codes are statuses, bad values are rejections naming the argument.
    let mut ev = IA87Event::ZERO;
    ev.at = base + 4 * 86_400;
    ev.verb = IA87_VERB_COUNT;
    let mut o = IA87Outcome::ZERO;
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_ERR_UNKNOWN_CODE
    );
    ev.verb = IA87_VERB_WARRANT_ISSUE;
    ev.args[0] = arg(IA87_KEY_BY, IA87_WORD_REGISTRAR, 0);
    ev.args[1] = arg(IA87_KEY_DAYS, 0, 70_000);
    ev.arg_count = 2;
    let before = bytes_of(&bin);
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_OK
    );
    assert_eq!(
        (o.accepted, o.error_code, o.error_column),
        (0, IA87_ERROR_BAD_VALUE, 2)
    );
    assert_eq!(bytes_of(&bin), before);
    ev.args[1] = arg(IA87_KEY_KIND, IA87_WORD_COUNT, 0);
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_ERR_UNKNOWN_CODE
    );
    ev.args[1] = arg(IA87_KEY_COUNT, 0, 0);
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_ERR_UNKNOWN_CODE
    );
    ev.arg_count = 17;
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_ERR_BAD_ARGUMENT
    );
    ev.arg_count = 1;
    ev.at = i64::MAX;
    assert_eq!(
        unsafe { ia87_case_apply_event(&mut bin, &ev, &mut o) },
        IA87_OK
    );
    assert_eq!((o.accepted, o.error_code), (0, IA87_ERROR_BAD_TIMESTAMP));
    assert_eq!(bytes_of(&bin), before);
    // Advance is a tick.
    let mut t = busy_case();
    let mut u = busy_case();
    let a = apply(&mut t, "2009-05-01T00:00+12:00 tick");
    let mut b = IA87Outcome::ZERO;
    assert_eq!(
        unsafe { ia87_case_advance(&mut u, 1_241_092_800, &mut b) },
        IA87_OK
    );
    assert_eq!(json(&a), json(&b));
    assert_eq!(
        unsafe { ia87_case_advance(&mut u, i64::MIN, &mut b) },
        IA87_ERR_BAD_ARGUMENT
    );
}

#[test]
fn a_conformance_file_through_the_abi_equals_the_core() {
    let core = run_core(SC01);
    assert!(core.passed > 10);
    assert_eq!(core.failed, 0);
    assert_eq!(run_abi(SC01, Events::Text), core);
    let bin = run_abi(SC01, Events::Binary);
    assert!(bin.binary > 3);
    assert_eq!(
        (bin.json, bin.passed, bin.failed),
        (core.json, core.passed, core.failed)
    );
}

#[test]
#[cfg_attr(
    miri,
    ignore = "the whole suite is too slow under Miri; one file runs above"
)]
fn the_whole_conformance_suite_through_the_abi_equals_the_core() {
    let (mut files, mut lines, mut passed, mut binary) = (0, 0, 0, 0);
    for path in conformance_files() {
        let text = std::fs::read(&path).unwrap();
        let core = run_core(&text);
        let abi = run_abi(&text, Events::Text);
        assert_eq!(abi.json, core.json, "{}", path.display());
        assert_eq!(
            (abi.passed, abi.failed),
            (core.passed, core.failed),
            "{}",
            path.display()
        );
        let bin = run_abi(&text, Events::Binary);
        assert_eq!(bin.json, core.json, "binary events: {}", path.display());
        assert_eq!((bin.passed, bin.failed), (core.passed, core.failed));
        files += 1;
        lines += core.json.len();
        passed += core.passed;
        binary += bin.binary;
    }
    assert!(files > 0);
    println!(
        "{files} files, {lines} outcomes, {passed} expectations, {binary} binary events: equal"
    );
}

#[test]
fn the_header_is_not_older_than_the_source() {
    // The drift check proper is in scripts/ci/c-abi.sh (cbindgen + git diff);
    // this catches a forgotten regeneration during `cargo test`.
    let header = include_str!("../../include/ia87.h");
    for name in [
        "ia87_case_apply_line",
        "ia87_case_apply_event",
        "ia87_expect",
        "ia87_outcome_json",
        "IA87_RULE_COUNT",
        "IA87_WORD_COUNT",
    ] {
        assert!(header.contains(name), "{name} missing from include/ia87.h");
    }
    assert!(header.contains(&format!("#define IA87_RULE_COUNT {}", IA87_RULE_COUNT)));
    assert!(header.contains(&format!("#define IA87_WORD_COUNT {}", IA87_WORD_COUNT)));
}
