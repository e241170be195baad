//! The kiosk: three cases, a cursor into the script, and the loop that runs
//! each step, checks what the core reports, and commits a snapshot record to
//! flash after every step.

use crate::console::Console;
use crate::flash::{Flash, SECTORS};
use crate::script::{
    Action, Expect, Passport, Path, Step, Traveller, EXPECT, LINES, SCRIPT, STEPS, TRAVELLERS,
};
use crate::store::{self, Mount, SlotState, StoreError, MAX_BODY};
use crate::{Checks, Rig};
use ia87_core::codec::MAX_SNAPSHOT_LEN;
use ia87_core::lang::PersonLine;
use ia87_core::machines::{
    border::BorderState, eligibility::EligibilityState, status::StatusState,
};
use ia87_core::outcome::Machine;
use ia87_core::time::Date;
use ia87_core::{Case, Event, MachineState, Outcome, Rejection};

/// Measures the stack a closure uses (the firmware paints the stack; the
/// host build does not measure).
pub trait Probe {
    /// Runs `f`; returns its result and the bytes of stack it used (0: not measured).
    fn measure<R, F: FnOnce() -> R>(&mut self, f: F) -> (R, u32);
}

/// A [`Probe`] that measures nothing.
pub struct NoProbe;

impl Probe for NoProbe {
    fn measure<R, F: FnOnce() -> R>(&mut self, f: F) -> (R, u32) {
        (f(), 0)
    }
}

/// What running one step produced.
pub struct Executed {
    /// The outcome (for an event, `apply`'s; otherwise the case as it stands).
    pub outcome: Outcome,
    /// True if the step was an event (`Case::apply` ran).
    pub applied: bool,
    /// Stack used by `apply`, if measured.
    pub stack: u32,
}

/// The `person` line of a passport read.
pub fn person_line(p: &Passport) -> PersonLine {
    let (y, m, d) = p.born;
    PersonLine {
        citizen: Some(p.citizen),
        born: Date::from_ymd(y, m, d),
        married: p.married,
        nationality: None,
        deported: None,
        minister: 0,
    }
}

/// `case.apply(event)` behind a call boundary. With one caller, LLVM would
/// otherwise inline `Case::apply` into the kiosk loop, whose frame is set up
/// before the probe paints the stack, and the probe would miss most of the
/// apply's stack (its working copy of the case and the outcome).
#[inline(never)]
fn apply(case: &mut Case, event: &Event) -> Result<Outcome, Rejection> {
    case.apply(event)
}

/// Runs `action` on `case`. A rejected event leaves `case` unchanged.
pub fn execute<P: Probe>(
    case: &mut Case,
    action: &Action,
    probe: &mut P,
) -> Result<Executed, Rejection> {
    match action {
        Action::Event(e) => {
            let (r, stack) = probe.measure(|| apply(case, e));
            Ok(Executed {
                outcome: r?,
                applied: true,
                stack,
            })
        }
        Action::Person(p) => Ok(Executed {
            outcome: case.set_person(&person_line(p))?,
            applied: false,
            stack: 0,
        }),
    }
}

/// The kiosk's route for a traveller, from an outcome.
pub fn path_of(out: &Outcome) -> Path {
    if let Some(MachineState::Eligibility(s)) = out.state_of(Machine::Eligibility) {
        match s {
            EligibilityState::Custody | EligibilityState::CustodyWarrant => {
                return Path::Custody128B
            }
            EligibilityState::Applies | EligibilityState::Escaped => return Path::Officer,
            _ => {}
        }
    }
    if let Some(MachineState::Border(s)) = out.state_of(Machine::Border) {
        match s {
            BorderState::CustodyPreWarrant
            | BorderState::CustodyWarrant
            | BorderState::WithPolice
            | BorderState::BeforeJudge => return Path::Custody128,
            BorderState::Departed => return Path::Departed,
            BorderState::Inactive | BorderState::PermitGranted => {}
            _ => return Path::Officer,
        }
    }
    match out.status {
        Some(
            StatusState::Citizen
            | StatusState::Exempt
            | StatusState::TemporaryPermit
            | StatusState::LimitedPurposePermit
            | StatusState::ResidencePermit,
        ) => Path::Cleared,
        Some(StatusState::Departed) => Path::Departed,
        Some(StatusState::Unlawful | StatusState::UnlawfulS128 | StatusState::UnlawfulS128b) => {
            Path::Officer
        }
        _ => Path::Screening,
    }
}

/// Checks `out` against `e`; reports each mismatch. Returns true if all hold.
pub fn verify<C: Console>(
    e: &Expect,
    out: &Outcome,
    n: usize,
    con: &mut C,
    checks: &mut Checks,
) -> bool {
    let mut all = true;
    for want in e.states {
        let ok = out.state_of(want.machine()) == Some(*want);
        all &= checks.check(con, ok, "machine state", Some(n));
    }
    if let Some((name, due)) = e.deadline {
        let ok = out
            .deadline(name)
            .is_some_and(|d| d.due.unix_seconds() == due);
        all &= checks.check(con, ok, crate::names::deadline(name), Some(n));
    }
    if let Some(name) = e.no_deadline {
        all &= checks.check(
            con,
            out.deadline(name).is_none(),
            "deadline closed",
            Some(n),
        );
    }
    let findings_ok = out.findings.len() == e.findings.len()
        && out
            .findings
            .iter()
            .zip(e.findings)
            .all(|(f, (sev, code))| f.severity == *sev && f.code == *code);
    all &= checks.check(con, findings_ok, "findings", Some(n));
    if let Some(p) = e.path {
        all &= checks.check(con, path_of(out) == p, p.text(), Some(n));
    }
    all
}

/// RAM the firmware keeps outside the stack: the encode buffer and the
/// reference run's records.
pub struct Scratch {
    /// One encoded snapshot.
    pub frame: [u8; MAX_SNAPSHOT_LEN],
    /// The body of the reference run's final record.
    pub reference: [u8; MAX_BODY],
    /// Its length.
    pub reference_len: usize,
    /// The body CRC of the reference record after each step.
    pub body_crc: [u32; STEPS],
    /// The record length after each step.
    pub record_len: [usize; STEPS],
}

impl Scratch {
    /// Zeroed buffers.
    pub const fn new() -> Self {
        Scratch {
            frame: [0; MAX_SNAPSHOT_LEN],
            reference: [0; MAX_BODY],
            reference_len: 0,
            body_crc: [0; STEPS],
            record_len: [0; STEPS],
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

/// The kiosk's state in RAM.
pub struct Kiosk {
    /// One case per traveller.
    pub cases: [Case; TRAVELLERS],
    /// The next script step.
    pub cursor: usize,
    /// The sequence number of the newest record in flash (0: none).
    pub seq: u32,
    /// The slot holding the newest record.
    pub slot: Option<usize>,
}

impl Default for Kiosk {
    fn default() -> Self {
        Kiosk::new()
    }
}

impl Kiosk {
    /// A kiosk with no history.
    pub fn new() -> Self {
        Kiosk {
            cases: core::array::from_fn(|_| store::new_case()),
            cursor: 0,
            seq: 0,
            slot: None,
        }
    }

    /// Boots from flash: the newest good record, or a fresh kiosk.
    pub fn boot(flash: &Flash<'_>) -> (Kiosk, Mount) {
        let mut k = Kiosk::new();
        let m = store::mount(flash, &mut k.cases);
        if let Some((slot, h)) = m.loaded {
            k.cursor = usize::from(h.cursor);
            k.seq = h.seq;
            k.slot = Some(slot);
        }
        (k, m)
    }

    /// The slot the next commit writes (never the one holding the newest record).
    pub fn next_slot(&self) -> usize {
        match self.slot {
            Some(0) => 1,
            _ => 0,
        }
    }
}

/// How a run logs and what it compares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Log every step; record each commit's body CRC as the reference.
    Reference,
    /// Log nothing but failures; compare each commit with the reference.
    Replay,
}

/// Where to cut the power: during the commit of `step`, after `after` bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cut {
    /// The step whose commit loses power.
    pub step: usize,
    /// Record bytes programmed before the power fails.
    pub after: usize,
}

/// Counts over a run.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RunStats {
    /// Steps run.
    pub steps: u32,
    /// Events applied.
    pub applies: u32,
    /// Findings produced.
    pub findings: u32,
    /// The largest stack used by one `apply`.
    pub max_apply_stack: u32,
    /// The step of that `apply`.
    pub max_apply_step: usize,
    /// The length of the last record committed.
    pub record_len: usize,
}

/// How a run ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RunEnd {
    /// Every step ran and was committed.
    Completed,
    /// The power failed during the commit of `step`.
    PowerLost {
        /// The step.
        step: usize,
    },
}

fn step_at(i: usize) -> Option<&'static Step> {
    SCRIPT.get(i)
}

/// Runs the script from `k.cursor` to the end, committing after each step.
pub fn run<C: Console, P: Probe, const ST: bool>(
    k: &mut Kiosk,
    rig: &mut Rig<'_, '_, C, P, ST>,
    stats: &mut RunStats,
    mode: Mode,
    cut: Option<Cut>,
) -> Result<RunEnd, StoreError> {
    let verbose = mode == Mode::Reference;
    while let Some(step) = step_at(k.cursor) {
        let n = k.cursor;
        if verbose {
            rig.con.step(n, step.who, step.what);
            if let Some(line) = LINES.get(n).filter(|_| ST) {
                rig.con.line(line);
            }
        }
        let result = match k.cases.get_mut(step.who.index()) {
            Some(case) => execute(case, &step.action, rig.probe),
            None => Err(Rejection::capacity("no such traveller")),
        };
        match result {
            Ok(x) => {
                if verbose {
                    report(rig.con, step.who, k, &x.outcome);
                }
                // One expectation per step (a const assertion in `script`).
                if let Some(e) = EXPECT.get(n).filter(|_| ST) {
                    verify(e, &x.outcome, n, rig.con, &mut rig.checks);
                }
                stats.steps = stats.steps.saturating_add(1);
                if x.applied {
                    stats.applies = stats.applies.saturating_add(1);
                }
                let nf = u32::try_from(x.outcome.findings.len()).unwrap_or(u32::MAX);
                stats.findings = stats.findings.saturating_add(nf);
                if x.stack > stats.max_apply_stack {
                    stats.max_apply_stack = x.stack;
                    stats.max_apply_step = n;
                }
            }
            Err(r) => {
                if verbose {
                    rig.con.rejected(&r);
                }
                rig.check(false, "the core accepts the line", Some(n));
            }
        }
        // Commit the step: the record says the next step to run.
        let target = k.next_slot();
        let seq = k.seq.wrapping_add(1);
        let next = n.saturating_add(1);
        let cursor = u16::try_from(next).map_err(|_| StoreError::TooLarge)?;
        if let Some(c) = cut.filter(|c| c.step == n) {
            rig.flash.cut_power_after(c.after);
        }
        let committed = store::commit(
            &mut rig.flash,
            &mut rig.scratch.frame,
            target,
            seq,
            cursor,
            &k.cases,
        );
        rig.flash.disarm();
        let len = match committed {
            Ok(len) => len,
            Err(StoreError::Flash(crate::flash::FlashError::PowerLost)) if rig.flash.is_dead() => {
                return Ok(RunEnd::PowerLost { step: n });
            }
            Err(e) => {
                rig.check(false, e.message(), Some(n));
                return Err(e);
            }
        };
        k.seq = seq;
        k.slot = Some(target);
        k.cursor = next;
        stats.record_len = len;
        // Read the record back and compare it with the reference run.
        let crc = match store::inspect(&rig.flash, target) {
            SlotState::Valid(h) if h.seq == seq && usize::from(h.cursor) == next => {
                Some(h.body_crc)
            }
            _ => None,
        };
        rig.check(crc.is_some(), "the record reads back valid", Some(n));
        match mode {
            Mode::Reference => {
                if let Some(slot) = rig.scratch.body_crc.get_mut(n) {
                    *slot = crc.unwrap_or(0);
                }
                if let Some(slot) = rig.scratch.record_len.get_mut(n) {
                    *slot = len;
                }
                rig.con.saved(seq, target, len);
            }
            Mode::Replay => {
                let same = crc.is_some() && crc == rig.scratch.body_crc.get(n).copied();
                rig.check(same, "the record equals the reference run's", Some(n));
            }
        }
    }
    Ok(RunEnd::Completed)
}

fn report<C: Console>(con: &mut C, who: Traveller, k: &Kiosk, out: &Outcome) {
    let case = k.cases.get(who.index());
    let zone = case.map(Case::zone).unwrap_or_default();
    let now = case.and_then(Case::now);
    for s in &out.states {
        con.state(*s);
    }
    for d in &out.deadlines {
        con.deadline(d, zone, now);
    }
    for f in &out.findings {
        con.finding(f, zone);
    }
    con.path(path_of(out));
}

/// The record body of slot `slot` equals the reference, byte for byte.
pub fn equals_reference(flash: &Flash<'_>, scratch: &Scratch, slot: Option<usize>) -> bool {
    let Some(slot) = slot.filter(|s| *s < SECTORS) else {
        return false;
    };
    let SlotState::Valid(h) = store::inspect(flash, slot) else {
        return false;
    };
    match (
        store::body(flash, slot, &h),
        scratch.reference.get(..scratch.reference_len),
    ) {
        (Ok(body), Some(reference)) => body == reference,
        _ => false,
    }
}
