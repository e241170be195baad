//! What the kiosk logs, as a trait with two implementations that print the
//! same lines: [`TextConsole`] (any `core::fmt::Write`: semihosting stdout
//! on the board, stdout on the host; lines are built by [`Line`] without
//! `core::fmt`) and, with feature `defmt`,
//! [`DefmtConsole`] (integer and string fields, decoded on the host by
//! `defmt-print`). Times are New Zealand local time with the offset in force.

use crate::names;
use crate::script::{Path, Traveller};
use ia87_core::time::{zone::hms, Instant, Zone};
use ia87_core::{Deadline, Finding, MachineState, Rejection};

/// A local time split into fields, for loggers that do not use `core::fmt`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Local {
    /// Year.
    pub year: i32,
    /// Month (1–12).
    pub month: u8,
    /// Day of the month.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
    /// `+` or `-`.
    pub sign: &'static str,
    /// Offset hours.
    pub off_h: u8,
    /// Offset minutes.
    pub off_m: u8,
}

impl Local {
    /// `t` as local time in `zone`.
    pub fn new(t: Instant, zone: Zone) -> Local {
        let l = zone.to_local(t);
        let (year, month, day) = l.date.ymd();
        let (hour, minute, second) = hms(l.seconds_of_day);
        let off = l.offset.unsigned_abs();
        Local {
            year,
            month,
            day,
            hour,
            minute,
            second,
            sign: if l.offset < 0 { "-" } else { "+" },
            off_h: u8::try_from(off / 3600).unwrap_or(0),
            off_m: u8::try_from((off % 3600) / 60).unwrap_or(0),
        }
    }
}

/// Time left until `due` from `now`, as (hours, minutes), or `None` if passed.
pub fn left(due: Instant, now: Option<Instant>) -> Option<(u32, u8)> {
    let now = now?;
    let secs = due.unix_seconds().checked_sub(now.unix_seconds())?;
    if secs < 0 {
        return None;
    }
    // Two 32-bit steps of long division by 3 600 (any difference of two
    // instants is below 2^48): a 64-bit division would link a 1 KB routine.
    let secs = u64::try_from(secs).ok()?;
    let hi = u32::try_from(secs.wrapping_shr(16)).unwrap_or(u32::MAX);
    let (q1, r1) = (hi.checked_div(3600)?, hi.checked_rem(3600)?);
    let lo = r1.wrapping_shl(16) | (secs & 0xFFFF) as u32;
    let (q0, r0) = (lo.checked_div(3600)?, lo.checked_rem(3600)?);
    let hours = u64::from(q1).wrapping_shl(16) | u64::from(q0);
    Some((
        u32::try_from(hours).unwrap_or(u32::MAX),
        u8::try_from(r0.checked_div(60)?).unwrap_or(0),
    ))
}

/// The end-of-run figures printed on the last line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Summary {
    /// The image: `kiosk` (production) or `kiosk-selftest`.
    pub image: &'static str,
    /// Every check passed.
    pub ok: bool,
    /// Script steps run (reference run).
    pub steps: u32,
    /// Events applied (reference run).
    pub applies: u32,
    /// Findings produced (reference run).
    pub findings: u32,
    /// Power-loss scenarios that recovered and matched.
    pub recovered: u32,
    /// Power-loss scenarios run.
    pub scenarios: u32,
    /// Checks passed.
    pub passed: u32,
    /// Checks failed.
    pub failed: u32,
    /// Bytes of the final record body (the three case snapshots).
    pub snapshot: u32,
    /// CRC-32 of that body (the same on every target).
    pub crc: u32,
}

/// Everything the kiosk logs. Every method has a silent default.
#[allow(unused_variables)]
pub trait Console {
    /// A heading.
    fn section(&mut self, title: &str) {}
    /// A script step starts.
    fn step(&mut self, n: usize, who: Traveller, what: &str) {}
    /// The step as a case-language line (self-test image).
    fn line(&mut self, line: &str) {}
    /// A machine state after the step.
    fn state(&mut self, s: MachineState) {}
    /// An open deadline after the step.
    fn deadline(&mut self, d: &Deadline, zone: Zone, now: Option<Instant>) {}
    /// A finding of the step.
    fn finding(&mut self, f: &Finding, zone: Zone) {}
    /// The kiosk's route for the traveller.
    fn path(&mut self, p: Path) {}
    /// The core rejected the line.
    fn rejected(&mut self, r: &Rejection) {}
    /// A line of commentary.
    fn note(&mut self, text: &str) {}
    /// A record was committed to flash.
    fn saved(&mut self, seq: u32, slot: usize, bytes: usize) {}
    /// A check failed.
    fn check_failed(&mut self, what: &str, step: Option<usize>) {}
    /// The failure-path checks are done.
    fn self_checks(&mut self, passed: u32, failed: u32) {}
    /// The power failed during a commit.
    fn power_lost(&mut self, step: usize, written: usize, total: usize) {}
    /// What a slot held at reboot.
    fn slot(&mut self, slot: usize, state: &str) {}
    /// The reboot resumed the script.
    fn resumed(&mut self, seq: u32, cursor: usize) {}
    /// A power-loss scenario ended.
    fn scenario_end(&mut self, n: u32, equal: bool, record: usize) {}
    /// A measured figure against its budget (`limit` 0: no budget).
    fn figure(&mut self, name: &str, value: u32, limit: u32, unit: &str) {}
    /// A measured figure with the script step it occurred at.
    fn figure_at(&mut self, name: &str, value: u32, unit: &str, step: usize) {}
    /// The final line.
    fn summary(&mut self, s: &Summary) {}
}

/// The longest line the text console writes, newline included (a piece
/// that would make a line longer is left out).
pub const LINE_MAX: usize = 160;

/// One line of text being built. Numbers and times are written digit by
/// digit, so the text console does not link `core::fmt` (its formatting
/// engine and the `Display` impls cost about 3 KB of flash).
pub struct Line {
    buf: heapless::String<LINE_MAX>,
}

impl Default for Line {
    fn default() -> Self {
        Line::new()
    }
}

impl Line {
    /// An empty line.
    pub const fn new() -> Self {
        Line {
            buf: heapless::String::new(),
        }
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        self.buf.as_str()
    }

    /// Appends `s` (a piece that does not fit is left out).
    #[inline(never)]
    pub fn s(&mut self, s: &str) -> &mut Self {
        let _ = self.buf.push_str(s);
        self
    }

    /// Appends `n` in decimal, with leading zeros to at least `width` digits.
    #[inline(never)]
    pub fn u(&mut self, n: u32, width: usize) -> &mut Self {
        let mut digits = [b'0'; 10];
        let mut v = n;
        for d in digits.iter_mut().rev() {
            // A digit 0..=9 in the low nibble of b'0' (0x30).
            *d = b'0' | (v % 10) as u8;
            v /= 10;
        }
        let significant = digits.iter().position(|&d| d != b'0').unwrap_or(9);
        let from = significant.min(digits.len().saturating_sub(width));
        for &d in digits.iter().skip(from) {
            let _ = self.buf.push(char::from(d));
        }
        self
    }

    /// Appends `n` as eight lower-case hex digits.
    pub fn hex8(&mut self, n: u32) -> &mut Self {
        for shift in [28u32, 24, 20, 16, 12, 8, 4, 0] {
            let nibble = (n >> shift) & 0xF;
            let c = char::from_digit(nibble, 16).unwrap_or('?');
            let _ = self.buf.push(c);
        }
        self
    }

    /// Appends `t` as `YYYY-MM-DDTHH:MM:SS+HH:MM`.
    #[inline(never)]
    pub fn time(&mut self, t: Instant, zone: Zone) -> &mut Self {
        let l = Local::new(t, zone);
        let year = u32::try_from(l.year).unwrap_or(0);
        self.u(year, 4).s("-").u(l.month.into(), 2).s("-");
        self.u(l.day.into(), 2).s("T").u(l.hour.into(), 2).s(":");
        self.u(l.minute.into(), 2).s(":").u(l.second.into(), 2);
        self.s(l.sign)
            .u(l.off_h.into(), 2)
            .s(":")
            .u(l.off_m.into(), 2)
    }

    /// Appends a `usize` (saturated to `u32`).
    pub fn z(&mut self, n: usize, width: usize) -> &mut Self {
        self.u(u32::try_from(n).unwrap_or(u32::MAX), width)
    }
}

/// A [`Console`] that writes text lines to a `core::fmt::Write` (only its
/// `write_str` is used: one call per line).
pub struct TextConsole<W: core::fmt::Write> {
    /// The output.
    pub w: W,
}

impl<W: core::fmt::Write> TextConsole<W> {
    /// A console over `w`.
    pub fn new(w: W) -> Self {
        TextConsole { w }
    }

    /// Writes `line` and a newline.
    #[inline(never)]
    fn put(&mut self, line: &mut Line) {
        line.s("\n");
        let _ = self.w.write_str(line.as_str());
    }
}

fn ok_word(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "FAIL"
    }
}

impl<W: core::fmt::Write> Console for TextConsole<W> {
    fn section(&mut self, title: &str) {
        self.put(Line::new().s("== ").s(title));
    }

    fn step(&mut self, n: usize, who: Traveller, what: &str) {
        self.put(
            Line::new()
                .s("[")
                .z(n, 2)
                .s("] ")
                .s(who.name())
                .s(": ")
                .s(what),
        );
    }

    fn line(&mut self, line: &str) {
        self.put(Line::new().s("     > ").s(line));
    }

    fn state(&mut self, s: MachineState) {
        let mut l = Line::new();
        l.s("     state    ").s(s.machine().name()).s(".");
        self.put(l.s(names::state(s)));
    }

    fn deadline(&mut self, d: &Deadline, zone: Zone, now: Option<Instant>) {
        let mut l = Line::new();
        l.s("     deadline ")
            .s(names::deadline(d.name))
            .s(" due ")
            .time(d.due, zone);
        l.s(" [").s(names::cite(d.rule)).s("]");
        match left(d.due, now) {
            Some((h, m)) => l.s(" ").u(h, 1).s("h").u(m.into(), 2).s("m left"),
            None => l.s(" passed"),
        };
        self.put(&mut l);
        if let Some(s) = d.due_strict {
            self.put(
                Line::new()
                    .s("              elapsed reading ")
                    .time(s, zone),
            );
        }
    }

    fn finding(&mut self, f: &Finding, zone: Zone) {
        let mut l = Line::new();
        l.s("     FINDING  ")
            .s(names::severity(f.severity))
            .s(" ")
            .s(names::finding(f.code));
        l.s(" at ").time(f.at, zone).s(" [").s(names::cite(f.rule));
        self.put(l.s("]"));
    }

    fn path(&mut self, p: Path) {
        self.put(Line::new().s("     kiosk    ").s(p.text()));
    }

    fn rejected(&mut self, r: &Rejection) {
        let mut l = Line::new();
        l.s("     REJECTED ")
            .s(names::error(r.code))
            .s(": ")
            .s(r.message);
        if let Some(rule) = r.rule {
            l.s(" [").s(names::cite(rule)).s("]");
        }
        self.put(&mut l);
    }

    fn note(&mut self, text: &str) {
        self.put(Line::new().s("  ").s(text));
    }

    fn saved(&mut self, seq: u32, slot: usize, bytes: usize) {
        let mut l = Line::new();
        l.s("     saved    seq=").u(seq, 1).s(" slot=").z(slot, 1);
        self.put(l.s(" ").z(bytes, 1).s("B"));
    }

    fn check_failed(&mut self, what: &str, step: Option<usize>) {
        let mut l = Line::new();
        l.s("CHECK FAILED");
        if let Some(n) = step {
            l.s(" at step ").z(n, 1);
        }
        self.put(l.s(": ").s(what));
    }

    fn self_checks(&mut self, passed: u32, failed: u32) {
        let mut l = Line::new();
        l.s("failure paths: ")
            .u(passed, 1)
            .s(" checks passed, ")
            .u(failed, 1);
        self.put(l.s(" failed (every failure returned an error value)"));
    }

    fn power_lost(&mut self, step: usize, written: usize, total: usize) {
        let mut l = Line::new();
        l.s("power lost during the commit of step ")
            .z(step, 1)
            .s(": ");
        self.put(
            l.z(written, 1)
                .s(" of ")
                .z(total, 1)
                .s(" record bytes programmed"),
        );
    }

    fn slot(&mut self, slot: usize, state: &str) {
        self.put(Line::new().s("  reboot: slot ").z(slot, 1).s(": ").s(state));
    }

    fn resumed(&mut self, seq: u32, cursor: usize) {
        let mut l = Line::new();
        l.s("  reboot: recovered seq ").u(seq, 1);
        self.put(l.s(", resuming at step ").z(cursor, 1));
    }

    fn scenario_end(&mut self, n: u32, equal: bool, record: usize) {
        let mut l = Line::new();
        l.s("  scenario ").u(n, 1).s(": final record ").z(record, 1);
        l.s("B equal to the uninterrupted run: ");
        self.put(l.s(if equal { "yes" } else { "NO" }));
    }

    fn figure(&mut self, name: &str, value: u32, limit: u32, unit: &str) {
        let mut l = Line::new();
        l.s("budget ").s(name).s(": ").u(value, 1).s(unit);
        if limit != 0 {
            l.s(" (limit ").u(limit, 1).s(unit).s(") ");
            l.s(ok_word(value <= limit));
        }
        self.put(&mut l);
    }

    fn figure_at(&mut self, name: &str, value: u32, unit: &str, step: usize) {
        let mut l = Line::new();
        l.s("budget ").s(name).s(": ").u(value, 1).s(unit);
        self.put(l.s(" at step ").z(step, 1));
    }

    fn summary(&mut self, s: &Summary) {
        let mut l = Line::new();
        l.s(s.image)
            .s(": ok=")
            .s(if s.ok { "true" } else { "false" });
        l.s(" steps=").u(s.steps, 1).s(" applies=").u(s.applies, 1);
        l.s(" findings=")
            .u(s.findings, 1)
            .s(" power-loss=")
            .u(s.recovered, 1);
        l.s("/")
            .u(s.scenarios, 1)
            .s(" checks=")
            .u(s.passed, 1)
            .s("/");
        l.u(s.passed.saturating_add(s.failed), 1);
        l.s(" snapshot=").u(s.snapshot, 1).s("B crc=").hex8(s.crc);
        self.put(&mut l);
    }
}

/// A [`Console`] that logs through `defmt` (same lines as [`TextConsole`]).
#[cfg(feature = "defmt")]
pub struct DefmtConsole;

#[cfg(feature = "defmt")]
impl Console for DefmtConsole {
    fn section(&mut self, title: &str) {
        defmt::info!("== {=str}", title);
    }

    fn step(&mut self, n: usize, who: Traveller, what: &str) {
        defmt::info!("[{=usize:02}] {=str}: {=str}", n, who.name(), what);
    }

    fn line(&mut self, line: &str) {
        defmt::info!("     > {=str}", line);
    }

    fn state(&mut self, s: MachineState) {
        defmt::info!(
            "     state    {=str}.{=str}",
            s.machine().name(),
            names::state(s)
        );
    }

    fn deadline(&mut self, d: &Deadline, zone: Zone, now: Option<Instant>) {
        let t = Local::new(d.due, zone);
        match left(d.due, now) {
            Some((h, m)) => defmt::info!(
                "     deadline {=str} due {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02} [{=str}] {=u32}h{=u8:02}m left",
                names::deadline(d.name),
                t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
                names::cite(d.rule),
                h,
                m
            ),
            None => defmt::info!(
                "     deadline {=str} due {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02} [{=str}] passed",
                names::deadline(d.name),
                t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
                names::cite(d.rule)
            ),
        }
        if let Some(s) = d.due_strict {
            let e = Local::new(s, zone);
            defmt::info!(
                "              elapsed reading {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02}",
                e.year, e.month, e.day, e.hour, e.minute, e.second, e.sign, e.off_h, e.off_m
            );
        }
    }

    fn finding(&mut self, f: &Finding, zone: Zone) {
        let t = Local::new(f.at, zone);
        defmt::warn!(
            "     FINDING  {=str} {=str} at {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02} [{=str}]",
            names::severity(f.severity),
            names::finding(f.code),
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
            names::cite(f.rule)
        );
    }

    fn path(&mut self, p: Path) {
        defmt::info!("     kiosk    {=str}", p.text());
    }

    fn rejected(&mut self, r: &Rejection) {
        match r.rule {
            Some(rule) => defmt::warn!(
                "     REJECTED {=str}: {=str} [{=str}]",
                names::error(r.code),
                r.message,
                names::cite(rule)
            ),
            None => defmt::warn!(
                "     REJECTED {=str}: {=str}",
                names::error(r.code),
                r.message
            ),
        }
    }

    fn note(&mut self, text: &str) {
        defmt::info!("  {=str}", text);
    }

    fn saved(&mut self, seq: u32, slot: usize, bytes: usize) {
        defmt::info!(
            "     saved    seq={=u32} slot={=usize} {=usize}B",
            seq,
            slot,
            bytes
        );
    }

    fn check_failed(&mut self, what: &str, step: Option<usize>) {
        match step {
            Some(n) => defmt::error!("CHECK FAILED at step {=usize}: {=str}", n, what),
            None => defmt::error!("CHECK FAILED: {=str}", what),
        }
    }

    fn self_checks(&mut self, passed: u32, failed: u32) {
        defmt::info!(
            "failure paths: {=u32} checks passed, {=u32} failed (every failure returned an error value)",
            passed,
            failed
        );
    }

    fn power_lost(&mut self, step: usize, written: usize, total: usize) {
        defmt::warn!(
            "power lost during the commit of step {=usize}: {=usize} of {=usize} record bytes programmed",
            step,
            written,
            total
        );
    }

    fn slot(&mut self, slot: usize, state: &str) {
        defmt::info!("  reboot: slot {=usize}: {=str}", slot, state);
    }

    fn resumed(&mut self, seq: u32, cursor: usize) {
        defmt::info!(
            "  reboot: recovered seq {=u32}, resuming at step {=usize}",
            seq,
            cursor
        );
    }

    fn scenario_end(&mut self, n: u32, equal: bool, record: usize) {
        defmt::info!(
            "  scenario {=u32}: final record {=usize}B equal to the uninterrupted run: {=str}",
            n,
            record,
            if equal { "yes" } else { "NO" }
        );
    }

    fn figure(&mut self, name: &str, value: u32, limit: u32, unit: &str) {
        if limit == 0 {
            defmt::info!("budget {=str}: {=u32}{=str}", name, value, unit);
        } else {
            defmt::info!(
                "budget {=str}: {=u32}{=str} (limit {=u32}{=str}) {=str}",
                name,
                value,
                unit,
                limit,
                unit,
                ok_word(value <= limit)
            );
        }
    }

    fn figure_at(&mut self, name: &str, value: u32, unit: &str, step: usize) {
        defmt::info!(
            "budget {=str}: {=u32}{=str} at step {=usize}",
            name,
            value,
            unit,
            step
        );
    }

    fn summary(&mut self, s: &Summary) {
        defmt::info!(
            "{=str}: ok={=bool} steps={=u32} applies={=u32} findings={=u32} power-loss={=u32}/{=u32} checks={=u32}/{=u32} snapshot={=u32}B crc={=u32:08x}",
            s.image,
            s.ok,
            s.steps,
            s.applies,
            s.findings,
            s.recovered,
            s.scenarios,
            s.passed,
            s.passed.saturating_add(s.failed),
            s.snapshot,
            s.crc
        );
    }
}
