//! The C ABI (`ia87-ffi`) driven the way a C caller drives it, through its
//! `extern "C"` functions and raw pointers into fuzz-owned buffers (unaligned
//! on purpose): garbage `IA87Case` storage, garbage lines, garbage
//! `IA87Event`s (any verb code, argument count and arguments), short and NULL
//! buffers, snapshots of arbitrary bytes. Checks that:
//!
//! - nothing panics (a panic aborts the run);
//! - a call that fails, and a line or event the rules reject, leaves the case
//!   storage byte-for-byte unchanged (and a failed call writes no output);
//! - every outcome the library writes is well formed: counts within
//!   capacities, a NUL-terminated UTF-8 message, codes the library itself
//!   reads back (`ia87_outcome_json` and `ia87_expect` accept it);
//! - a binary event gives the same outcome and the same case as its text form
//!   applied as a line (`ia87_ffi::event::render`), and the typed conversion
//!   equals the parse of the text form (`ia87_ffi::event::via_text`);
//! - the ffi's snapshot decoder agrees with the core's codec on any bytes.
#![no_main]
use arbitrary::Arbitrary;
use ia87_core::codec::decode_case;
use ia87_core::time::{Instant, UtcTimestamp};
use ia87_core::ErrorCode;
use ia87_ffi::IA87Status::*;
use ia87_ffi::*;
use libfuzzer_sys::fuzz_target;
use std::ptr::{null, null_mut};

/// Plausible event lines (after a timestamp), to reach deep states.
const TEMPLATES: &[&str] = &[
    "arrive craft=NZ1 place=customs",
    "arrive transit=yes",
    "arrive stowaway=yes",
    "arrive precleared=yes",
    "present",
    "apply-permit type=temporary kind=visitor",
    "fail-apply",
    "refuse-permit by=io",
    "grant-permit type=temporary kind=visitor expires=2009-06-01",
    "grant-permit type=residence",
    "revoke-permit section=35F",
    "revoke-permit section=33 effective=2009-05-30",
    "exempt basis=s11-1-e until=2009-03-08",
    "exemption-cease",
    "suspect-s7 by=io reason=false-documents",
    "offer-voluntary-departure",
    "offer-rebuttal",
    "consider-s7-grounds by=minister",
    "determine-s7 applies=no by=minister",
    "determine-s7 applies=yes by=minister",
    "request-removal",
    "detain by=police basis=s128",
    "detain by=police basis=s128 requested-by=none",
    "detain by=police basis=s128b",
    "move place=police-station overnight=yes",
    "move place=prison overnight=yes",
    "move place=landside",
    "move place=craft",
    "warrant-apply by=io to=registrar oath=yes reasons=yes",
    "warrant-apply by=police to=judge",
    "warrant-issue by=registrar days=28 premises=prison",
    "warrant-issue by=judge days=28",
    "extension-apply oath=yes reasons=yes",
    "extension-grant days=7",
    "extension-grant days=21 group=yes group-size=60 group-s128=55",
    "release-notice",
    "release by=manager",
    "escape",
    "recapture",
    "conditional-release-apply by=io oath=yes reasons=yes basis=s128aa-1",
    "conditional-release until=2009-05-20 location=x reside=yes report=yes",
    "conditional-release-refuse",
    "notify-conditions in-writing=yes",
    "deliver-up location=x",
    "breach-condition class=a",
    "fail-deliver-up",
    "cancel-release-apply oath=yes reasons=yes",
    "cancel-release",
    "arrest by=police",
    "review-commence",
    "review-complete result=upheld",
    "review-complete result=quashed",
    "appear before=judge outcome=extend days=7",
    "appear before=judge outcome=release reside=yes report=daily location=x",
    "appear before=judge outcome=continue",
    "bail by=judge",
    "craft-available in-writing=yes",
    "deliver-to-police",
    "craft-delayed",
    "depart",
    "refugee-claim",
    "removal-order-make",
    "conviction sentence-months=72",
    "epidemic-notice commenced=2009-05-01 expires=2009-06-30",
    "lpp-expiry-notice expires=2009-09-15",
    "birth parent=temporary-permit:visitor:2009-06-30 parent=citizen::",
    "operation-propose residential=yes approved-by=head-of-inz children=unknown",
    "preclearance-flight-missed",
    "reconsideration-apply",
    "tick",
];

/// Other lines a case file holds.
const DIRECTIVES: &[&str] = &[
    "ia87 1",
    "case fz-1",
    "person citizen=no born=1980-05-01",
    "config zone=chatham",
    "config service-level=PT2H",
    "policy y4-15",
    "policy ooh-2023",
    "expect accepted",
    "expect rejected=not-in-state",
    "# comment",
    "",
];

#[derive(Arbitrary, Debug)]
struct RawArg {
    key: u16,
    word: u16,
    word2: u16,
    reserved: u16,
    value: i64,
}

#[derive(Arbitrary, Debug)]
enum Op {
    /// A template event `minutes` after the clock, as a line or as an IA87Event.
    Template {
        index: u8,
        minutes: u16,
        typed: bool,
    },
    /// A directive line.
    Directive(u8),
    /// Any bytes as a line.
    Line(Vec<u8>),
    /// Any IA87Event at all.
    Event {
        at: i64,
        verb: u16,
        arg_count: u16,
        reserved: u32,
        args: Vec<RawArg>,
    },
    /// An IA87Event with codes in range (keys, words; values near the useful ones).
    Coded {
        minutes: u16,
        verb: u8,
        args: Vec<(u8, u8, u8, i16)>,
    },
    /// `ia87_case_advance` to the clock plus `minutes`, or to any instant.
    Advance {
        minutes: u32,
        any: Option<i64>,
    },
    /// `ia87_case_save` into a buffer of `cap` bytes (NULL when `null`).
    Save {
        cap: u16,
        null: bool,
    },
    /// Save, flip a bit (maybe), load back.
    Reload {
        flip: Option<u16>,
    },
    /// `ia87_case_load` of any bytes.
    Load(Vec<u8>),
    /// Overwrite bytes of the case storage.
    Poke {
        at: u16,
        xor: u8,
    },
    /// Replace the case storage with garbage.
    Garbage(Vec<u8>),
    Init,
    InitFile,
    /// The read-only calls on the case.
    Query,
    /// `ia87_expect` / `ia87_outcome_json` / accessors on garbage outcome bytes.
    Outcome(Vec<u8>, Vec<u8>),
    /// Every case entry point with NULL pointers.
    Nulls,
    /// Move the buffers to other (unaligned) offsets.
    Align(u8, u8),
}

/// Caller-owned storage at a chosen byte offset (so pointers may be unaligned).
struct Buf<const N: usize> {
    mem: Vec<u8>,
    off: usize,
}

impl<const N: usize> Buf<N> {
    fn new() -> Self {
        Buf {
            mem: vec![0; N + 8],
            off: 0,
        }
    }
    fn ptr<T>(&mut self) -> *mut T {
        // SAFETY: off <= 7, and mem holds N + 8 bytes.
        unsafe { self.mem.as_mut_ptr().add(self.off).cast::<T>() }
    }
    fn bytes(&self) -> Vec<u8> {
        self.mem[self.off..self.off + N].to_vec()
    }
    fn set(&mut self, b: &[u8]) {
        self.mem[self.off..self.off + N].copy_from_slice(b);
    }
    fn realign(&mut self, off: u8) {
        let b = self.bytes();
        self.off = usize::from(off % 8);
        self.set(&b);
    }
}

struct State {
    case: Buf<IA87_CASE_SIZE>,
    out: Buf<IA87_OUTCOME_SIZE>,
    /// The clock for template events.
    t: i64,
}

fn outcome_of(b: &[u8]) -> IA87Outcome {
    // SAFETY: IA87_OUTCOME_SIZE bytes; every bit pattern is an IA87Outcome.
    unsafe { b.as_ptr().cast::<IA87Outcome>().read_unaligned() }
}

fn case_ok(s: &mut State) -> bool {
    unsafe { ia87_case_check(s.case.ptr()) == IA87_OK }
}

/// Every outcome the library writes is one it reads back.
fn well_formed(o: &IA87Outcome, arg_count: Option<usize>) {
    assert!(o.accepted <= 1);
    assert!(usize::from(o.state_count) <= IA87_MAX_STATES);
    assert!(usize::from(o.deadline_count) <= IA87_MAX_DEADLINES);
    assert!(usize::from(o.finding_count) <= IA87_MAX_FINDINGS);
    assert!(usize::from(o.trace_count) <= IA87_MAX_TRACE);
    assert!(o.zone == IA87_ZONE_MAINLAND || o.zone == IA87_ZONE_CHATHAM);
    if o.accepted == 0 {
        // A rejected line produced no finding and applied no rule; when there
        // is a case, the outcome describes it as it stands (it has a status),
        // otherwise it describes nothing.
        assert_eq!((o.finding_count, o.trace_count), (0, 0));
        if o.has_status == 0 {
            assert_eq!((o.state_count, o.deadline_count), (0, 0));
        } else {
            assert!(
                o.state_count >= 1,
                "a described case has its status machine"
            );
        }
        assert!(o.error_code < IA87_ERROR_COUNT);
        let n = usize::from(o.message_len);
        assert!(n < IA87_MESSAGE_MAX);
        assert_eq!(o.message[n], 0);
        assert!(std::str::from_utf8(&o.message[..n]).is_ok());
        if let Some(args) = arg_count {
            assert!(
                usize::from(o.error_column) <= args,
                "column {} of {args} args",
                o.error_column
            );
        }
    }
    let mut json = vec![0u8; IA87_JSON_MAX];
    let mut n = 0usize;
    let st = unsafe {
        ia87_outcome_json(
            o,
            b"fz".as_ptr().cast(),
            2,
            1,
            o.zone,
            json.as_mut_ptr().cast(),
            json.len(),
            &mut n,
        )
    };
    assert_eq!(st, IA87_OK, "the library cannot read back its own outcome");
    assert!(n < IA87_JSON_MAX);
    let mut holds = 9u8;
    let e = b"expect accepted";
    assert_eq!(
        unsafe { ia87_expect(e.as_ptr().cast(), e.len(), o, &mut holds) },
        IA87_OK
    );
    assert_eq!(holds, o.accepted);
}

/// Applies a line; checks what it changed.
fn apply_line(s: &mut State, line: &[u8]) -> (IA87Status, IA87LineInfo) {
    let before = s.case.bytes();
    let out_before = s.out.bytes();
    let valid = case_ok(s);
    let mut info = IA87LineInfo::ZERO;
    info.kind = 0xEE;
    let st = unsafe {
        ia87_case_apply_line(
            s.case.ptr(),
            line.as_ptr().cast(),
            line.len(),
            s.out.ptr(),
            &mut info,
        )
    };
    if st != IA87_OK {
        assert_eq!(
            s.case.bytes(),
            before,
            "a failed apply_line changed the case"
        );
        assert_eq!(
            s.out.bytes(),
            out_before,
            "a failed apply_line wrote the outcome"
        );
        assert_eq!(info.kind, 0xEE, "a failed apply_line wrote the line info");
        assert!(!valid || st == IA87_ERR_CAPACITY, "{st:?} on a valid case");
        return (st, info);
    }
    assert!(valid);
    assert!(info.kind <= IA87_LINE_INVALID);
    assert!(usize::from(info.case_id_len) <= IA87_CASE_ID_MAX);
    match info.kind {
        IA87_LINE_BLANK | IA87_LINE_HEADER | IA87_LINE_EXPECT => {
            assert_eq!(s.case.bytes(), before);
            assert_eq!(s.out.bytes(), out_before);
        }
        IA87_LINE_CASE => assert_eq!(s.out.bytes(), out_before),
        _ => {
            let o = outcome_of(&s.out.bytes());
            well_formed(&o, None);
            if o.accepted == 0 {
                assert_eq!(s.case.bytes(), before, "a rejected line changed the case");
            }
        }
    }
    assert!(case_ok(s));
    (st, info)
}

/// Applies a binary event; checks it against its text form.
fn apply_event(s: &mut State, ev: &IA87Event) {
    let before = s.case.bytes();
    let out_before = s.out.bytes();
    let valid = case_ok(s);
    // The conversion against the parse of the text form.
    let typed = typed::event(ev);
    let text = event::via_text(ev);
    let too_long = matches!(&text, Ok(Err(r)) if r.code == ErrorCode::LineTooLong);
    if !too_long {
        assert_eq!(typed, text, "typed conversion != text form");
    }
    let mut evbuf = vec![0u8; IA87_EVENT_SIZE + 3];
    // SAFETY: IA87_EVENT_SIZE bytes at offset 3 (unaligned).
    unsafe {
        evbuf
            .as_mut_ptr()
            .add(3)
            .cast::<IA87Event>()
            .write_unaligned(*ev)
    };
    let st =
        unsafe { ia87_case_apply_event(s.case.ptr(), evbuf.as_ptr().add(3).cast(), s.out.ptr()) };
    if st != IA87_OK {
        assert_eq!(
            s.case.bytes(),
            before,
            "a failed apply_event changed the case"
        );
        assert_eq!(
            s.out.bytes(),
            out_before,
            "a failed apply_event wrote the outcome"
        );
        if valid && st != IA87_ERR_CAPACITY {
            assert_eq!(typed.as_ref().err(), Some(&st));
        }
        return;
    }
    assert!(valid);
    let o = outcome_of(&s.out.bytes());
    well_formed(&o, Some(usize::from(ev.arg_count)));
    if o.accepted == 0 {
        assert_eq!(s.case.bytes(), before, "a rejected event changed the case");
    }
    // The same event as a line, on the case as it was.
    if too_long {
        return;
    }
    let Ok(rendered) = event::render(ev) else {
        return;
    };
    let mut copy = Buf::<IA87_CASE_SIZE>::new();
    copy.set(&before);
    let mut out = IA87Outcome::ZERO;
    let line = rendered.line.bytes();
    let st = unsafe {
        ia87_case_apply_line(
            copy.ptr(),
            line.as_ptr().cast(),
            line.len(),
            &mut out,
            null_mut(),
        )
    };
    assert_eq!(st, IA87_OK);
    out.error_column = rendered.spans.arg_at(out.error_column);
    let b = |o: &IA87Outcome| {
        // SAFETY: an IA87Outcome is IA87_OUTCOME_SIZE plain bytes.
        unsafe {
            std::slice::from_raw_parts((o as *const IA87Outcome).cast::<u8>(), IA87_OUTCOME_SIZE)
        }
        .to_vec()
    };
    assert_eq!(
        b(&o),
        b(&out),
        "binary event != its line: {}",
        String::from_utf8_lossy(line)
    );
    assert_eq!(
        s.case.bytes(),
        copy.bytes(),
        "binary event != its line (case bytes)"
    );
}

/// A template line as an IA87Event, with the ABI's lookups (None if a value has no code).
fn to_event(at: i64, text: &str) -> Option<IA87Event> {
    let mut toks = text.split_whitespace();
    let verb = toks.next()?;
    let mut ev = IA87Event::ZERO;
    ev.at = at;
    let lookup = |vocab: u32, s: &str| {
        let mut c = 0u16;
        (unsafe { ia87_lookup(vocab, s.as_ptr().cast(), s.len(), &mut c) } == IA87_OK).then_some(c)
    };
    ev.verb = lookup(IA87_VOCAB_VERB, verb)?;
    let date = |d: &str| d.replace('-', "").parse::<i64>().ok();
    let mut n = 0;
    for tok in toks {
        let (k, v) = tok.split_once('=')?;
        let a = ev.args.get_mut(n)?;
        n += 1;
        a.key = lookup(IA87_VOCAB_KEY, k)?;
        a.word2 = IA87_NONE;
        let mut ty = 0u8;
        unsafe { ia87_key_type(a.key, &mut ty) };
        match ty {
            IA87_KEY_TYPE_WORD => a.word = lookup(IA87_VOCAB_WORD, v)?,
            IA87_KEY_TYPE_NUMBER => a.value = v.parse().ok()?,
            IA87_KEY_TYPE_DATE => a.value = date(v)?,
            IA87_KEY_TYPE_PARENT => {
                let mut p = v.splitn(3, ':');
                a.word = lookup(IA87_VOCAB_WORD, p.next()?)?;
                a.word2 = match p.next().unwrap_or("") {
                    "" => IA87_NONE,
                    k => lookup(IA87_VOCAB_WORD, k)?,
                };
                a.value = match p.next().unwrap_or("") {
                    "" => 0,
                    d => date(d)?,
                };
            }
            IA87_KEY_TYPE_TEXT => {}
            _ => return None,
        }
    }
    ev.arg_count = u16::try_from(n).ok()?;
    Some(ev)
}

fn run(s: &mut State, op: &Op) {
    match op {
        Op::Template {
            index,
            minutes,
            typed,
        } => {
            s.t = s.t.saturating_add(i64::from(*minutes) * 60);
            let text = TEMPLATES[usize::from(*index) % TEMPLATES.len()];
            match to_event(s.t, text) {
                Some(ev) if *typed => apply_event(s, &ev),
                _ => {
                    let line = format!("{} {text}", UtcTimestamp(Instant::from_unix_seconds(s.t)));
                    apply_line(s, line.as_bytes());
                }
            }
        }
        Op::Directive(i) => {
            apply_line(s, DIRECTIVES[usize::from(*i) % DIRECTIVES.len()].as_bytes());
        }
        Op::Line(bytes) => {
            apply_line(s, bytes);
        }
        Op::Event {
            at,
            verb,
            arg_count,
            reserved,
            args,
        } => {
            let mut ev = IA87Event::ZERO;
            ev.at = *at;
            ev.verb = *verb;
            ev.arg_count = *arg_count;
            ev.reserved = *reserved;
            for (slot, a) in ev.args.iter_mut().zip(args) {
                *slot = IA87Arg {
                    key: a.key,
                    word: a.word,
                    word2: a.word2,
                    reserved: a.reserved,
                    value: a.value,
                };
            }
            if ev.arg_count > IA87_MAX_ARGS as u16 {
                assert!(typed::event(&ev).is_err());
            }
            apply_event(s, &ev);
        }
        Op::Coded {
            minutes,
            verb,
            args,
        } => {
            s.t = s.t.saturating_add(i64::from(*minutes) * 60);
            let mut ev = IA87Event::ZERO;
            ev.at = s.t;
            ev.verb = u16::from(*verb) % IA87_VERB_COUNT;
            for (slot, &(k, w, w2, v)) in ev.args.iter_mut().zip(args) {
                let v = i64::from(v);
                *slot = IA87Arg {
                    key: u16::from(k) % IA87_KEY_COUNT,
                    word: u16::from(w) % IA87_WORD_COUNT,
                    word2: if w2 == 0 {
                        IA87_NONE
                    } else {
                        u16::from(w2) % IA87_WORD_COUNT
                    },
                    reserved: 0,
                    // Small numbers, dates of 2009, instants near the clock.
                    value: match v & 3 {
                        0 => v >> 2,
                        1 => 2009_0000 + (v >> 2).rem_euclid(1300),
                        2 => s.t + (v >> 2) * 600,
                        _ => 0,
                    },
                };
            }
            ev.arg_count = u16::try_from(args.len().min(IA87_MAX_ARGS)).unwrap();
            apply_event(s, &ev);
        }
        Op::Advance { minutes, any } => {
            let now = any.unwrap_or_else(|| s.t.saturating_add(i64::from(*minutes) * 60));
            let before = s.case.bytes();
            let out_before = s.out.bytes();
            let st = unsafe { ia87_case_advance(s.case.ptr(), now, s.out.ptr()) };
            if st != IA87_OK {
                assert_eq!(s.case.bytes(), before);
                assert_eq!(s.out.bytes(), out_before);
            } else {
                let o = outcome_of(&s.out.bytes());
                well_formed(&o, None);
                if o.accepted == 0 {
                    assert_eq!(s.case.bytes(), before);
                } else if any.is_none() {
                    s.t = now;
                }
            }
        }
        Op::Save { cap, null } => {
            let before = s.case.bytes();
            let cap = usize::from(*cap) % (IA87_SNAPSHOT_MAX + 64);
            let mut buf = vec![0xA5u8; cap + 1];
            let mut n = usize::MAX;
            let p = if *null {
                null_mut()
            } else {
                buf.as_mut_ptr().wrapping_add(1)
            };
            let c = if *null { 0 } else { cap };
            let st = unsafe { ia87_case_save(s.case.ptr(), p, c, &mut n) };
            assert_eq!(s.case.bytes(), before);
            match st {
                IA87_OK => {
                    assert!(n <= c && n <= IA87_SNAPSHOT_MAX);
                    let mut back = Buf::<IA87_CASE_SIZE>::new();
                    assert_eq!(
                        unsafe { ia87_case_load(back.ptr(), buf.as_ptr().add(1), n) },
                        IA87_OK
                    );
                    assert_eq!(back.bytes(), before, "save + load is not the identity");
                }
                IA87_ERR_BUFFER_TOO_SMALL => {
                    assert!(n > c);
                    assert!(
                        buf.iter().all(|&x| x == 0xA5),
                        "a short save wrote the buffer"
                    );
                }
                _ => assert!(buf.iter().all(|&x| x == 0xA5)),
            }
        }
        Op::Reload { flip } => {
            let mut buf = [0u8; IA87_SNAPSHOT_MAX];
            let mut n = 0usize;
            if unsafe { ia87_case_save(s.case.ptr(), buf.as_mut_ptr(), buf.len(), &mut n) }
                != IA87_OK
            {
                return;
            }
            if let Some(f) = flip {
                let bit = usize::from(*f) % (n * 8);
                buf[bit / 8] ^= 1 << (bit % 8);
            }
            load(s, &buf[..n]);
            if flip.is_some() {
                // One flipped bit is always detected.
                assert!(decode_case(&buf[..n]).is_err());
            }
        }
        Op::Load(bytes) => load(s, bytes),
        Op::Poke { at, xor } => {
            let mut b = s.case.bytes();
            let i = usize::from(*at) % IA87_CASE_SIZE;
            let valid = case_ok(s);
            b[i] ^= xor;
            s.case.set(&b);
            if valid && xor.count_ones() == 1 {
                assert!(!case_ok(s), "a flipped bit of a valid case went undetected");
            }
        }
        Op::Garbage(bytes) => {
            let mut b = vec![0u8; IA87_CASE_SIZE];
            for (d, x) in b.iter_mut().zip(bytes.iter().cycle()) {
                *d = *x;
            }
            s.case.set(&b);
        }
        Op::Init => assert_eq!(unsafe { ia87_case_init(s.case.ptr()) }, IA87_OK),
        Op::InitFile => assert_eq!(unsafe { ia87_case_init_file(s.case.ptr()) }, IA87_OK),
        Op::Query => {
            let before = s.case.bytes();
            let valid = case_ok(s);
            let expect = if valid {
                IA87_OK
            } else {
                IA87_ERR_CORRUPT_CASE
            };
            let mut o = IA87Outcome::ZERO;
            assert_eq!(unsafe { ia87_case_outcome(s.case.ptr(), &mut o) }, expect);
            if valid {
                well_formed(&o, None);
            }
            let (mut z, mut now, mut has) = (9u8, 0i64, 9u8);
            assert_eq!(unsafe { ia87_case_zone(s.case.ptr(), &mut z) }, expect);
            assert_eq!(
                unsafe { ia87_case_now(s.case.ptr(), &mut now, &mut has) },
                expect
            );
            if valid {
                assert!(z <= 1 && has <= 1);
            }
            assert_eq!(s.case.bytes(), before);
        }
        Op::Outcome(bytes, line) => {
            let mut b = vec![0u8; IA87_OUTCOME_SIZE];
            for (d, x) in b.iter_mut().zip(bytes.iter().cycle()) {
                *d = *x;
            }
            let o = outcome_of(&b);
            let mut holds = 0u8;
            let _ = unsafe { ia87_expect(line.as_ptr().cast(), line.len(), &o, &mut holds) };
            let mut json = vec![0u8; 64];
            let mut n = 0usize;
            for cap in [0usize, 1, 64] {
                let p = if cap == 0 {
                    null_mut()
                } else {
                    json.as_mut_ptr()
                };
                let _ = unsafe {
                    ia87_outcome_json(
                        &o,
                        line.as_ptr().cast(),
                        line.len(),
                        7,
                        o.zone,
                        p.cast(),
                        cap,
                        &mut n,
                    )
                };
            }
            let (mut st, mut d, mut f, mut r) =
                (0u16, IA87Deadline::default(), IA87Finding::default(), 0u16);
            unsafe {
                let _ = ia87_outcome_state(&o, u16::from(o.zone), &mut st);
                let _ = ia87_outcome_deadline(&o, o.status, &mut d);
                let _ = ia87_outcome_finding(&o, usize::from(o.message_len), &mut f);
                let _ = ia87_outcome_trace(&o, usize::from(o.trace_count), &mut r);
            }
        }
        Op::Nulls => {
            let before = s.case.bytes();
            let mut o = IA87Outcome::ZERO;
            let ev = IA87Event::ZERO;
            let l = b"2009-03-02T06:10+13:00 present";
            let c = s.case.ptr::<IA87Case>();
            unsafe {
                assert_eq!(
                    ia87_case_apply_line(
                        null_mut(),
                        l.as_ptr().cast(),
                        l.len(),
                        &mut o,
                        null_mut()
                    ),
                    IA87_ERR_NULL
                );
                assert_eq!(
                    ia87_case_apply_line(c, l.as_ptr().cast(), l.len(), null_mut(), null_mut()),
                    IA87_ERR_NULL
                );
                assert_eq!(
                    ia87_case_apply_line(c, null(), 5, &mut o, null_mut()),
                    IA87_ERR_NULL
                );
                assert_eq!(
                    ia87_case_apply_event(null_mut(), &ev, &mut o),
                    IA87_ERR_NULL
                );
                assert_eq!(ia87_case_apply_event(c, null(), &mut o), IA87_ERR_NULL);
                assert_eq!(ia87_case_apply_event(c, &ev, null_mut()), IA87_ERR_NULL);
                assert_eq!(ia87_case_advance(null_mut(), 0, &mut o), IA87_ERR_NULL);
                assert_eq!(
                    ia87_case_advance(c, 1_235_930_000, null_mut()),
                    IA87_ERR_NULL
                );
                assert_eq!(ia87_case_check(null()), IA87_ERR_NULL);
                assert_eq!(ia87_case_outcome(null(), &mut o), IA87_ERR_NULL);
                assert_eq!(ia87_case_outcome(c, null_mut()), IA87_ERR_NULL);
                let mut n = 0usize;
                assert_eq!(ia87_case_save(null(), null_mut(), 0, &mut n), IA87_ERR_NULL);
                assert_eq!(ia87_case_save(c, null_mut(), 5, &mut n), IA87_ERR_NULL);
                assert_eq!(ia87_case_save(c, null_mut(), 0, null_mut()), IA87_ERR_NULL);
                assert_eq!(ia87_case_load(null_mut(), l.as_ptr(), 3), IA87_ERR_NULL);
                assert_eq!(ia87_case_load(c, null(), 0), IA87_ERR_NULL);
                assert_eq!(ia87_case_init(null_mut()), IA87_ERR_NULL);
                assert_eq!(ia87_case_init_file(null_mut()), IA87_ERR_NULL);
                // A size query of the snapshot writes only the size.
                let st = ia87_case_save(c, null_mut(), 0, &mut n);
                assert!(matches!(
                    st,
                    IA87_ERR_BUFFER_TOO_SMALL | IA87_ERR_CORRUPT_CASE | IA87_ERR_BAD_ARGUMENT
                ));
            }
            assert_eq!(s.case.bytes(), before);
        }
        Op::Align(a, b) => {
            s.case.realign(*a);
            s.out.realign(*b);
        }
    }
}

fn load(s: &mut State, bytes: &[u8]) {
    let before = s.case.bytes();
    // The ffi's decoder agrees with the core's codec.
    let mut slot = store::decode_whole(bytes);
    let ours = slot.get().map(|(c, _)| c.clone());
    let core = decode_case(bytes);
    assert_eq!(ours, core, "store::decode_whole != codec::decode_case");
    let mut src = vec![0u8; bytes.len() + 1];
    src[1..].copy_from_slice(bytes);
    let st = unsafe { ia87_case_load(s.case.ptr(), src.as_ptr().add(1), bytes.len()) };
    if st == IA87_OK {
        assert!(core.is_ok());
        assert!(case_ok(s));
    } else {
        assert!(core.is_err() || st == IA87_ERR_CAPACITY, "{st:?}");
        assert_eq!(s.case.bytes(), before, "a failed load changed the case");
    }
}

fuzz_target!(|ops: Vec<Op>| {
    let mut s = State {
        case: Buf::new(),
        out: Buf::new(),
        t: 1_235_930_000,
    };
    assert_eq!(unsafe { ia87_case_init(s.case.ptr()) }, IA87_OK);
    for op in ops.iter().take(64) {
        run(&mut s, op);
    }
});
