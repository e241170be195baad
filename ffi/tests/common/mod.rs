//! Helpers shared by the ABI tests: running case files through the C ABI the
//! way a C program does, and through the core's runner, as JSON lines.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ia87_core::json;
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::time::Zone;
use ia87_ffi::*;
use std::path::{Path, PathBuf};

/// The conformance files, sorted.
pub fn conformance_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                walk(&e, out);
            } else if e.extension().is_some_and(|x| x == "case") {
                out.push(e);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut out = Vec::new();
    walk(&root, &mut out);
    out
}

/// The lines of a file as the CLI reads them (each with its `\n`).
pub fn lines(text: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        out.push(line);
        rest = tail;
    }
    out
}

/// What a run of one file produced.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Run {
    /// One JSON line per event or directive line, as `ia87 replay --format json`.
    pub json: Vec<String>,
    /// Expectations that held.
    pub passed: u32,
    /// Expectations that failed, plus rejected lines no `expect rejected=` covered.
    pub failed: u32,
    /// Event lines given in binary form.
    pub binary: u32,
}

struct CoreSink<'a> {
    run: &'a mut Run,
    zone: Zone,
}

impl Sink for CoreSink<'_> {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Line {
                line,
                case,
                result,
                zone,
                ..
            } => {
                let mut s = String::new();
                json::line(&mut s, case, line, result, zone).unwrap();
                self.run.json.push(s);
            }
            Report::Expect { passed: true, .. } => self.run.passed += 1,
            Report::Expect { passed: false, .. } | Report::Unexpected { .. } => {
                self.run.failed += 1
            }
            Report::CaseStart { .. } => {}
        }
    }
}

/// The core's runner; each line is shown in the zone of the case after it.
pub fn run_core(text: &[u8]) -> Run {
    let mut run = Run::default();
    let mut r = Runner::new();
    for line in lines(text) {
        let zone = r.case().map_or(Zone::Mainland, |c| c.zone());
        let mut sink = CoreSink {
            run: &mut run,
            zone,
        };
        r.feed(line, &mut sink);
    }
    r.finish(&mut CoreSink {
        run: &mut run,
        zone: Zone::Mainland,
    });
    run
}

/// How event lines are given to the ABI.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Events {
    /// As text, with `ia87_case_apply_line`.
    Text,
    /// As an `IA87Event`, with `ia87_case_apply_event`, where the line converts.
    Binary,
}

fn json_of(o: &IA87Outcome, case: &[u8], line: u32, zone: u8) -> String {
    let mut buf = vec![0u8; IA87_JSON_MAX];
    let mut len = 0usize;
    let st = unsafe {
        ia87_outcome_json(
            o,
            case.as_ptr().cast(),
            case.len(),
            line,
            zone,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut len,
        )
    };
    assert_eq!(st, IA87Status::IA87_OK);
    assert_eq!(buf[len], 0);
    String::from_utf8(buf[..len].to_vec()).unwrap()
}

/// Converts an event line to an `IA87Event` with the ABI's lookups, the way a
/// C program would; `None` if some token has no code (such lines are given as text).
pub fn to_event(line: &[u8]) -> Option<IA87Event> {
    let text = std::str::from_utf8(line).ok()?.trim_end();
    let text = text.split('#').next()?.trim_end();
    let mut toks = text.split_whitespace();
    let ts = toks.next()?;
    let verb = toks.next()?;
    let mut ev = IA87Event::ZERO;
    unsafe {
        if ia87_parse_timestamp(ts.as_ptr().cast(), ts.len(), &mut ev.at) != IA87Status::IA87_OK {
            return None;
        }
        if ia87_lookup(
            IA87_VOCAB_VERB,
            verb.as_ptr().cast(),
            verb.len(),
            &mut ev.verb,
        ) != IA87Status::IA87_OK
        {
            return None;
        }
    }
    let mut n = 0usize;
    for tok in toks {
        let (k, v) = tok.split_once('=')?;
        if v.starts_with('"') {
            // Quoted values only occur for free-text keys here; a quoted value
            // with spaces would have been split: give such lines as text.
            if !(v.len() >= 2 && v.ends_with('"')) {
                return None;
            }
        }
        let arg = ev.args.get_mut(n)?;
        n += 1;
        let mut ty = 0u8;
        unsafe {
            if ia87_lookup(IA87_VOCAB_KEY, k.as_ptr().cast(), k.len(), &mut arg.key)
                != IA87Status::IA87_OK
            {
                return None;
            }
            assert_eq!(ia87_key_type(arg.key, &mut ty), IA87Status::IA87_OK);
        }
        let word = |w: &str| -> Option<u16> {
            let mut c = 0u16;
            let st = unsafe { ia87_lookup(IA87_VOCAB_WORD, w.as_ptr().cast(), w.len(), &mut c) };
            (st == IA87Status::IA87_OK).then_some(c)
        };
        let date = |d: &str| -> Option<i64> {
            let b = d.as_bytes();
            if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
                return None;
            }
            let digits: String = d.chars().filter(|c| *c != '-').collect();
            digits.parse().ok()
        };
        match ty {
            IA87_KEY_TYPE_WORD => arg.word = word(v)?,
            IA87_KEY_TYPE_NUMBER => arg.value = v.parse().ok()?,
            IA87_KEY_TYPE_DATE => arg.value = date(v)?,
            IA87_KEY_TYPE_TIMESTAMP => unsafe {
                if ia87_parse_timestamp(v.as_ptr().cast(), v.len(), &mut arg.value)
                    != IA87Status::IA87_OK
                {
                    return None;
                }
            },
            IA87_KEY_TYPE_TEXT => {}
            IA87_KEY_TYPE_ID => {
                // The id's bytes, little-endian, zero-padded (at most 8).
                let b = v.as_bytes();
                if b.is_empty() || b.len() > 8 {
                    return None;
                }
                let mut id = [0u8; 8];
                id[..b.len()].copy_from_slice(b);
                arg.value = i64::from_le_bytes(id);
            }
            IA87_KEY_TYPE_PARENT => {
                let mut parts = v.splitn(3, ':');
                arg.word = word(parts.next()?)?;
                arg.word2 = match parts.next().unwrap_or("") {
                    "" => IA87_NONE,
                    k => word(k)?,
                };
                arg.value = match parts.next().unwrap_or("") {
                    "" => 0,
                    d => date(d)?,
                };
            }
            _ => return None,
        }
    }
    ev.arg_count = u16::try_from(n).ok()?;
    Some(ev)
}

/// Runs a file through the C ABI, as a C program would: one IA87Case from
/// `ia87_case_init_file`, `ia87_case_apply_line` per line, `ia87_expect` for
/// expect lines, and the runner's file rules (header first, a rejection not
/// covered by `expect rejected=` is a failure) kept by the caller.
pub fn run_abi(text: &[u8], events: Events) -> Run {
    let mut run = Run::default();
    let mut case = IA87Case::ZERO;
    assert_eq!(
        unsafe { ia87_case_init_file(&mut case) },
        IA87Status::IA87_OK
    );
    let mut id: Vec<u8> = Vec::new();
    let mut last = IA87Outcome::ZERO;
    let mut have_last = false;
    let mut header = false;
    let mut pending = false;
    for (i, raw) in lines(text).into_iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap();
        let mut zone = 0u8;
        assert_eq!(
            unsafe { ia87_case_zone(&case, &mut zone) },
            IA87Status::IA87_OK
        );
        let before = case;
        let mut info = IA87LineInfo::ZERO;
        let mut out = last;
        let st = unsafe {
            ia87_case_apply_line(
                &mut case,
                raw.as_ptr().cast(),
                raw.len(),
                &mut out,
                &mut info,
            )
        };
        assert_eq!(st, IA87Status::IA87_OK);
        let text_out = out;
        if info.kind == IA87_LINE_EVENT && events == Events::Binary {
            if let Some(ev) = to_event(raw) {
                // Apply the binary form to the case as it was before the line.
                case = before;
                out = IA87Outcome::ZERO;
                let st = unsafe { ia87_case_apply_event(&mut case, &ev, &mut out) };
                assert_eq!(st, IA87Status::IA87_OK);
                if out.accepted == 0 {
                    // Columns mean arguments for binary events; the text's column is compared.
                    out.error_column = text_out.error_column;
                }
                run.binary += 1;
            }
        }
        match info.kind {
            IA87_LINE_EXPECT => {
                if info.expects_rejection == 1 {
                    pending = false;
                }
                if !have_last {
                    run.failed += 1;
                    continue;
                }
                let mut holds = 0u8;
                let st = unsafe { ia87_expect(raw.as_ptr().cast(), raw.len(), &last, &mut holds) };
                assert_eq!(st, IA87Status::IA87_OK);
                if holds == 1 {
                    run.passed += 1;
                } else {
                    run.failed += 1;
                }
                continue;
            }
            IA87_LINE_BLANK => continue,
            _ => {}
        }
        if pending {
            run.failed += 1;
            pending = false;
        }
        if !header {
            header = true;
            if info.kind != IA87_LINE_HEADER {
                let mut r = IA87Outcome::ZERO;
                r.accepted = 0;
                r.error_code = IA87_ERROR_BAD_SYNTAX;
                r.error_rule = IA87_NONE;
                r.error_column = 1;
                let msg = b"the first line must be `ia87 1`";
                r.message[..msg.len()].copy_from_slice(msg);
                r.message_len = msg.len() as u8;
                run.json.push(json_of(&r, &id, n, zone));
                run.failed += 1;
                last = r;
                have_last = true;
            }
        }
        match info.kind {
            IA87_LINE_HEADER => {}
            IA87_LINE_CASE => {
                id = info.case_id[..usize::from(info.case_id_len)].to_vec();
                have_last = false;
            }
            _ => {
                run.json.push(json_of(&out, &id, n, zone));
                if out.accepted == 0 {
                    pending = true;
                }
                last = out;
                have_last = true;
            }
        }
    }
    if pending {
        run.failed += 1;
    }
    run
}
