//! What the kiosk logs, as a trait with two implementations that print the
//! same lines: [`TextConsole`] (any `core::fmt::Write`: semihosting `hprintln`
//! on the board, stdout on the host) and, with feature `defmt`,
//! [`DefmtConsole`] (integer and string fields, decoded on the host by
//! `defmt-print`). Times are New Zealand local time with the offset in force.

use crate::script::{Path, Traveller};
use ia87_core::time::{zone::hms, Instant, Timestamp, Zone};
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
    let mins = secs / 60;
    Some((
        u32::try_from(mins / 60).unwrap_or(u32::MAX),
        u8::try_from(mins % 60).unwrap_or(0),
    ))
}

/// The end-of-run figures printed on the last line.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Summary {
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
    fn step(&mut self, n: usize, who: Traveller, what: &str, line: &str) {}
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

/// A [`Console`] that writes text lines to a `core::fmt::Write`.
pub struct TextConsole<W: core::fmt::Write> {
    /// The output.
    pub w: W,
}

impl<W: core::fmt::Write> TextConsole<W> {
    /// A console over `w`.
    pub fn new(w: W) -> Self {
        TextConsole { w }
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
        let _ = writeln!(self.w, "== {title}");
    }

    fn step(&mut self, n: usize, who: Traveller, what: &str, line: &str) {
        let _ = writeln!(self.w, "[{n:02}] {}: {what}", who.name());
        let _ = writeln!(self.w, "     > {line}");
    }

    fn state(&mut self, s: MachineState) {
        let _ = writeln!(self.w, "     state    {s}");
    }

    fn deadline(&mut self, d: &Deadline, zone: Zone, now: Option<Instant>) {
        let _ = write!(
            self.w,
            "     deadline {} due {} [{}]",
            d.name.name(),
            Timestamp::new(d.due, zone),
            d.rule.cite()
        );
        let _ = match left(d.due, now) {
            Some((h, m)) => writeln!(self.w, " {h}h{m:02}m left"),
            None => writeln!(self.w, " passed"),
        };
        if let Some(s) = d.due_strict {
            let _ = writeln!(
                self.w,
                "              elapsed reading {}",
                Timestamp::new(s, zone)
            );
        }
    }

    fn finding(&mut self, f: &Finding, zone: Zone) {
        let _ = writeln!(
            self.w,
            "     FINDING  {} {} at {} [{}]",
            f.severity.name(),
            f.code.name(),
            Timestamp::new(f.at, zone),
            f.rule.cite()
        );
    }

    fn path(&mut self, p: Path) {
        let _ = writeln!(self.w, "     kiosk    {}", p.text());
    }

    fn rejected(&mut self, r: &Rejection) {
        let _ = write!(self.w, "     REJECTED {}: {}", r.code.name(), r.message);
        let _ = match r.rule {
            Some(rule) => writeln!(self.w, " [{}]", rule.cite()),
            None => writeln!(self.w),
        };
    }

    fn note(&mut self, text: &str) {
        let _ = writeln!(self.w, "  {text}");
    }

    fn saved(&mut self, seq: u32, slot: usize, bytes: usize) {
        let _ = writeln!(self.w, "     saved    seq={seq} slot={slot} {bytes}B");
    }

    fn check_failed(&mut self, what: &str, step: Option<usize>) {
        let _ = match step {
            Some(n) => writeln!(self.w, "CHECK FAILED at step {n}: {what}"),
            None => writeln!(self.w, "CHECK FAILED: {what}"),
        };
    }

    fn self_checks(&mut self, passed: u32, failed: u32) {
        let _ = writeln!(
            self.w,
            "failure paths: {passed} checks passed, {failed} failed (every failure returned an error value)"
        );
    }

    fn power_lost(&mut self, step: usize, written: usize, total: usize) {
        let _ = writeln!(
            self.w,
            "power lost during the commit of step {step}: {written} of {total} record bytes programmed"
        );
    }

    fn slot(&mut self, slot: usize, state: &str) {
        let _ = writeln!(self.w, "  reboot: slot {slot}: {state}");
    }

    fn resumed(&mut self, seq: u32, cursor: usize) {
        let _ = writeln!(
            self.w,
            "  reboot: recovered seq {seq}, resuming at step {cursor}"
        );
    }

    fn scenario_end(&mut self, n: u32, equal: bool, record: usize) {
        let _ = writeln!(
            self.w,
            "  scenario {n}: final record {record}B equal to the uninterrupted run: {}",
            if equal { "yes" } else { "NO" }
        );
    }

    fn figure(&mut self, name: &str, value: u32, limit: u32, unit: &str) {
        let _ = if limit == 0 {
            writeln!(self.w, "budget {name}: {value}{unit}")
        } else {
            writeln!(
                self.w,
                "budget {name}: {value}{unit} (limit {limit}{unit}) {}",
                ok_word(value <= limit)
            )
        };
    }

    fn figure_at(&mut self, name: &str, value: u32, unit: &str, step: usize) {
        let _ = writeln!(self.w, "budget {name}: {value}{unit} at step {step}");
    }

    fn summary(&mut self, s: &Summary) {
        let _ = writeln!(
            self.w,
            "kiosk: ok={} steps={} applies={} findings={} power-loss={}/{} checks={}/{} snapshot={}B crc={:08x}",
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

/// A [`Console`] that logs through `defmt` (same lines as [`TextConsole`]).
#[cfg(feature = "defmt")]
pub struct DefmtConsole;

#[cfg(feature = "defmt")]
impl Console for DefmtConsole {
    fn section(&mut self, title: &str) {
        defmt::info!("== {=str}", title);
    }

    fn step(&mut self, n: usize, who: Traveller, what: &str, line: &str) {
        defmt::info!("[{=usize:02}] {=str}: {=str}", n, who.name(), what);
        defmt::info!("     > {=str}", line);
    }

    fn state(&mut self, s: MachineState) {
        defmt::info!(
            "     state    {=str}.{=str}",
            s.machine().name(),
            s.state_name()
        );
    }

    fn deadline(&mut self, d: &Deadline, zone: Zone, now: Option<Instant>) {
        let t = Local::new(d.due, zone);
        match left(d.due, now) {
            Some((h, m)) => defmt::info!(
                "     deadline {=str} due {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02} [{=str}] {=u32}h{=u8:02}m left",
                d.name.name(),
                t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
                d.rule.cite(),
                h,
                m
            ),
            None => defmt::info!(
                "     deadline {=str} due {=i32:04}-{=u8:02}-{=u8:02}T{=u8:02}:{=u8:02}:{=u8:02}{=str}{=u8:02}:{=u8:02} [{=str}] passed",
                d.name.name(),
                t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
                d.rule.cite()
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
            f.severity.name(),
            f.code.name(),
            t.year, t.month, t.day, t.hour, t.minute, t.second, t.sign, t.off_h, t.off_m,
            f.rule.cite()
        );
    }

    fn path(&mut self, p: Path) {
        defmt::info!("     kiosk    {=str}", p.text());
    }

    fn rejected(&mut self, r: &Rejection) {
        match r.rule {
            Some(rule) => defmt::warn!(
                "     REJECTED {=str}: {=str} [{=str}]",
                r.code.name(),
                r.message,
                rule.cite()
            ),
            None => defmt::warn!("     REJECTED {=str}: {=str}", r.code.name(), r.message),
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
            "kiosk: ok={=bool} steps={=u32} applies={=u32} findings={=u32} power-loss={=u32}/{=u32} checks={=u32}/{=u32} snapshot={=u32}B crc={=u32:08x}",
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
