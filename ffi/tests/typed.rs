//! `ia87_case_apply_event` converts an `IA87Event` to the core's `Event`
//! directly (`ffi/src/typed.rs`), without the text parser. These tests prove
//! that the typed path and the text path agree:
//!
//! - for every event line of every conformance file: the line applied as text
//!   (`ia87_case_apply_line`) and as an `IA87Event` (`ia87_case_apply_event`),
//!   to the same case, give the same outcome byte for byte (a rejection's text
//!   column read as the argument it falls in) and the same case bytes;
//! - for every verb with every key and a spread of values of the key's type
//!   (valid, invalid, out of range), alone, twice, and with a second key; and
//!   for random events: the conversion equals what the event's text form
//!   parses to (`ia87_ffi::event::via_text`), statuses included.
//!
//! Under Miri the loops take a sample, and the suite test runs one file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::undocumented_unsafe_blocks
)]

mod common;

use common::{conformance_files, lines, to_event};
use ia87_core::lang::lexer::{line_text, tokenize};
use ia87_core::ErrorCode;
use ia87_ffi::IA87Status::*;
use ia87_ffi::*;

const SC01: &[u8] = include_bytes!("../../tests/conformance/border/sc-01.case");

/// Every `step`-th element under Miri, every element otherwise.
fn step(miri: usize) -> usize {
    if cfg!(miri) {
        miri
    } else {
        1
    }
}

/// The 1-based index of the argument (token after the verb) holding text
/// column `column` of `line`; 0 if none does.
fn arg_of_column(line: &[u8], column: u16) -> u16 {
    let raw = line.strip_suffix(b"\n").unwrap_or(line);
    let tokens = tokenize(line_text(raw).unwrap()).unwrap();
    let args = &tokens[2..];
    for (i, t) in args.iter().enumerate() {
        let end = args.get(i + 1).map_or(u16::MAX, |n| n.column - 1);
        if (t.column..=end).contains(&column) {
            return u16::try_from(i + 1).unwrap();
        }
    }
    0
}

fn outcome_bytes(o: &IA87Outcome) -> Vec<u8> {
    let p = (o as *const IA87Outcome).cast::<u8>();
    unsafe { std::slice::from_raw_parts(p, IA87_OUTCOME_SIZE) }.to_vec()
}

fn case_bytes(c: &IA87Case) -> Vec<u8> {
    c.opaque.iter().flat_map(|w| w.to_ne_bytes()).collect()
}

#[derive(Default, Debug)]
struct Count {
    event_lines: usize,
    typed: usize,
    rejected: usize,
}

/// Runs `text` line by line through `ia87_case_apply_line`; before each event
/// line that converts to an `IA87Event`, applies the event to a copy of the
/// case and compares.
fn compare_file(name: &str, text: &[u8], count: &mut Count) {
    let mut case = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_init_file(&mut case) }, IA87_OK);
    for (n, raw) in lines(text).into_iter().enumerate() {
        let before = case;
        let mut out = IA87Outcome::ZERO;
        let mut info = IA87LineInfo::ZERO;
        let st = unsafe {
            ia87_case_apply_line(
                &mut case,
                raw.as_ptr().cast(),
                raw.len(),
                &mut out,
                &mut info,
            )
        };
        assert_eq!(st, IA87_OK);
        if info.kind != IA87_LINE_EVENT {
            continue;
        }
        count.event_lines += 1;
        let Some(ev) = to_event(raw) else { continue };
        count.typed += 1;
        let mut bin = before;
        let mut bout = IA87Outcome::ZERO;
        let st = unsafe { ia87_case_apply_event(&mut bin, &ev, &mut bout) };
        let at = format!(
            "{name}:{}: {}",
            n + 1,
            String::from_utf8_lossy(raw).trim_end()
        );
        assert_eq!(st, IA87_OK, "{at}");
        let mut expected = out;
        if out.accepted == 0 {
            count.rejected += 1;
            expected.error_column = if out.error_rule == IA87_NONE {
                arg_of_column(raw, out.error_column)
            } else {
                0
            };
        }
        assert_eq!(
            outcome_bytes(&bout),
            outcome_bytes(&expected),
            "{at}: text column {} -> argument {}, typed {}",
            out.error_column,
            expected.error_column,
            bout.error_column
        );
        assert_eq!(case_bytes(&bin), case_bytes(&case), "{at}: case bytes");
    }
}

#[test]
fn one_conformance_file_typed_equals_text() {
    let mut count = Count::default();
    compare_file("sc-01", SC01, &mut count);
    assert!(count.typed > 3, "{count:?}");
}

#[test]
#[cfg_attr(
    miri,
    ignore = "the whole suite is too slow under Miri; one file runs above"
)]
fn every_event_line_of_the_suite_typed_equals_text() {
    let mut count = Count::default();
    let mut files = 0;
    for path in conformance_files() {
        let text = std::fs::read(&path).unwrap();
        compare_file(&path.display().to_string(), &text, &mut count);
        files += 1;
    }
    assert!(files > 50);
    // Lines whose values have no code (craft ids are text, but e.g. a quoted
    // value with spaces) are the only ones not given as IA87Event.
    assert!(count.typed * 10 >= count.event_lines * 9, "{count:?}");
    assert!(count.rejected > 10, "{count:?}");
    println!(
        "{files} files: {} event lines, {} as IA87Event ({} rejected): typed == text",
        count.event_lines, count.typed, count.rejected
    );
}

/// The typed conversion against the text form's parse.
fn same(ev: &IA87Event) {
    let typed = typed::event(ev);
    let text = event::via_text(ev);
    if let Ok(Err(r)) = &text {
        if r.code == ErrorCode::LineTooLong {
            // The typed form has no line, so no line limit (typed.rs).
            return;
        }
    }
    assert_eq!(
        typed,
        text,
        "verb {} args {:?}",
        ev.verb,
        &ev.args[..usize::from(ev.arg_count).min(IA87_MAX_ARGS)]
    );
}

fn values(key: u16, rng: &mut u64) -> Vec<IA87Arg> {
    let mut ty = 0u8;
    assert_eq!(unsafe { ia87_key_type(key, &mut ty) }, IA87_OK);
    let arg = |word: u16, word2: u16, value: i64| IA87Arg {
        key,
        word,
        word2,
        reserved: 0,
        value,
    };
    let min = -62_135_596_800; // 0001-01-01T00:00:00Z
    let max = 253_402_300_799; // 9999-12-31T23:59:59Z
    match ty {
        IA87_KEY_TYPE_WORD => (0..IA87_WORD_COUNT + 1)
            .step_by(step(37))
            .map(|w| arg(w, IA87_NONE, 0))
            .collect(),
        IA87_KEY_TYPE_NUMBER => [0, 1, 28, 65_535, 65_536, -1, i64::MAX, i64::MIN]
            .iter()
            .map(|&v| arg(0, IA87_NONE, v))
            .collect(),
        IA87_KEY_TYPE_DATE => [
            20_090_301,
            20_090_229,
            20_080_229,
            20_091_301,
            20_090_100,
            10_101,
            101,
            0,
            -1,
            99_991_231,
            99_991_232,
            100_000_101,
            i64::MAX,
        ]
        .iter()
        .map(|&v| arg(0, IA87_NONE, v))
        .collect(),
        IA87_KEY_TYPE_TIMESTAMP => [
            1_235_927_400,
            0,
            min,
            max,
            min - 1,
            max + 1,
            i64::MIN,
            i64::MAX,
        ]
        .iter()
        .map(|&v| arg(0, IA87_NONE, v))
        .collect(),
        IA87_KEY_TYPE_TEXT => vec![arg(0, IA87_NONE, 0), arg(0xFFFF, 7, -5)],
        IA87_KEY_TYPE_ID => [
            i64::from_le_bytes(*b"IO-A\0\0\0\0"),
            i64::from_le_bytes(*b"ABCDEFGH"),
            i64::from_le_bytes(*b"A\0B\0\0\0\0\0"),
            i64::from_le_bytes(*b"a b\0\0\0\0\0"),
            i64::from_le_bytes(*b"\xff\0\0\0\0\0\0\0"),
            0,
            -1,
            i64::MIN,
        ]
        .iter()
        .map(|&v| arg(0, IA87_NONE, v))
        .collect(),
        IA87_KEY_TYPE_PARENT => {
            let mut out = Vec::new();
            let untils = [0, 20_090_630, 20_090_631, -3];
            for w in (0..IA87_WORD_COUNT + 1).step_by(step(53)) {
                *rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let k = match (*rng >> 33) % 4 {
                    0 => IA87_NONE,
                    _ => u16::try_from((*rng >> 40) % u64::from(IA87_WORD_COUNT + 1)).unwrap(),
                };
                out.push(arg(
                    w,
                    k,
                    untils[usize::try_from((*rng >> 20) % 4).unwrap()],
                ));
            }
            for (s, k) in [
                (IA87_WORD_EXEMPT, IA87_WORD_S11_1_C),
                (IA87_WORD_EXEMPT, IA87_NONE),
                (IA87_WORD_TEMPORARY_PERMIT, IA87_WORD_VISITOR),
                (IA87_WORD_TEMPORARY_PERMIT, IA87_NONE),
                (IA87_WORD_TEMPORARY_PERMIT, IA87_WORD_YES),
                (IA87_WORD_LIMITED_PURPOSE_PERMIT, IA87_NONE),
                (IA87_WORD_RESIDENCE_PERMIT, IA87_WORD_WORK),
                (IA87_WORD_CITIZEN, IA87_NONE),
                (IA87_WORD_UNLAWFUL, IA87_NONE),
            ] {
                for u in untils {
                    out.push(arg(s, k, u));
                }
            }
            out
        }
        _ => panic!("key type {ty}"),
    }
}

#[test]
fn every_verb_with_every_key_typed_equals_text() {
    let at = 1_235_927_400;
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut checked = 0usize;
    for verb in (0..IA87_VERB_COUNT + 1).step_by(step(17)) {
        let mut ev = IA87Event::ZERO;
        ev.at = at;
        ev.verb = verb;
        same(&ev);
        for key in (0..IA87_KEY_COUNT + 1).step_by(step(11)) {
            let vals = if key == IA87_KEY_COUNT {
                vec![IA87Arg {
                    key,
                    ..IA87Arg::default()
                }]
            } else {
                values(key, &mut rng)
            };
            for v in &vals {
                // Alone.
                ev.args[0] = *v;
                ev.arg_count = 1;
                same(&ev);
                // Twice (duplicate or repeated key).
                ev.args[1] = *v;
                ev.arg_count = 2;
                same(&ev);
                // With another key, on either side.
                let other = u16::try_from(rng % u64::from(IA87_KEY_COUNT)).unwrap();
                rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let o = values(other, &mut rng);
                let o = o[usize::try_from(rng >> 40).unwrap() % o.len()];
                ev.args[1] = o;
                same(&ev);
                ev.args[0] = o;
                ev.args[1] = *v;
                same(&ev);
                checked += 4;
            }
        }
    }
    // The event as a whole: instants out of range, too many arguments.
    let mut ev = IA87Event::ZERO;
    ev.verb = IA87_VERB_DETAIN;
    for t in [i64::MIN, -62_135_596_801, 253_402_300_800, i64::MAX] {
        ev.at = t;
        same(&ev);
    }
    ev.at = at;
    ev.arg_count = 17;
    same(&ev);
    assert!(checked > 100);
}

#[test]
fn random_events_typed_equals_text() {
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let rounds = if cfg!(miri) { 50 } else { 200_000 };
    for _ in 0..rounds {
        let mut ev = IA87Event::ZERO;
        ev.at = 1_235_927_400 + i64::try_from(next() % 1_000_000).unwrap();
        ev.verb = u16::try_from(next() % u64::from(IA87_VERB_COUNT + 1)).unwrap();
        ev.arg_count = u16::try_from(next() % 6 + next() % 2 * (next() % 12)).unwrap();
        for a in ev.args.iter_mut().take(usize::from(ev.arg_count)) {
            let r = next();
            a.key = u16::try_from(r % u64::from(IA87_KEY_COUNT)).unwrap();
            let mut seed = next();
            let vals = values(a.key, &mut seed);
            *a = vals[usize::try_from(next() % vals.len() as u64).unwrap()];
            if r >> 60 == 0 {
                a.key = IA87_KEY_COUNT + 1;
            }
        }
        same(&ev);
    }
}

#[test]
fn a_long_text_form_is_not_a_rejection_of_the_typed_form() {
    // 16 parent= arguments with the longest words make a text form of 1072 bytes.
    let mut ev = IA87Event::ZERO;
    ev.at = 1_235_927_400;
    ev.verb = IA87_VERB_BIRTH;
    ev.arg_count = 16;
    for a in ev.args.iter_mut() {
        *a = IA87Arg {
            key: IA87_KEY_PARENT,
            word: IA87_WORD_LIMITED_PURPOSE_PERMIT,
            word2: IA87_WORD_LIMITED_PURPOSE_PERMIT,
            reserved: 0,
            value: 20_090_630,
        };
    }
    let Ok(Err(text)) = event::via_text(&ev) else {
        panic!("the text form should be rejected");
    };
    assert_eq!(text.code, ErrorCode::LineTooLong);
    let Ok(Err(typed)) = typed::event(&ev) else {
        panic!("three parents are too many");
    };
    assert_eq!((typed.code, typed.column), (ErrorCode::Capacity, 3));
}
