//! The ia87 border-kiosk firmware, as a `no_std` library shared by two
//! Cortex-M4F images (QEMU `mps2-an386`) and their host builds:
//!
//! - **`ia87-kiosk`**, the production image ([`run_kiosk`]): the scripted
//!   arrival flow with its log, a snapshot commit after every step, one power
//!   loss in the middle of a commit, the reboot that recovers the last good
//!   record and resumes, and the check that the final record equals the
//!   uninterrupted run's. The flash budget applies to this image.
//! - **`ia87-kiosk-selftest`**, the self-test image ([`selftest::run_selftest`]):
//!   the failure paths, the same reference run, and all the power-loss
//!   scenarios of [`selftest::SCENARIOS`].
//!
//! The self-test image also checks every step against its expected result
//! ([`script::EXPECT`]) and logs each step's case-language line
//! ([`script::LINES`]); the production image carries neither (see [`Rig`]).
//! Each binary links only what its workload calls (`lto = true`), so the
//! self-tests cost the production image nothing.
//!
//! Modules:
//! - [`script`]: the scripted arrival flow (three travellers), the steps as
//!   case-language lines, and what each step must produce.
//! - [`selftest`]: the self-test workload.
//! - [`kiosk`]: runs each step against `ia87_core`, checks the outcome, and
//!   commits the cases to flash after every step.
//! - [`flash`]: a simulated NOR flash with erase/program rules and power cuts.
//! - [`store`]: the double-buffered snapshot records.
//! - [`checks`]: the failure paths (all must return errors, none may panic).
//! - [`host_checks`]: parser checks for the host build (script text = typed steps).
//! - [`console`]: what is logged, as text (semihosting/stdout) or `defmt`.
//! - [`names`]: the names the log prints, packed at compile time.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

pub mod checks;
pub mod console;
pub mod flash;
pub mod host_checks;
pub mod kiosk;
pub mod names;
pub mod script;
pub mod selftest;
pub mod store;

use console::{Console, Summary};
use flash::{Flash, FLASH_SIZE};
use kiosk::{Cut, Kiosk, Mode, Probe, RunEnd, RunStats, Scratch};
use script::STEPS;
use store::{SlotState, HEADER_LEN};

/// Budget: `size_of::<Case>()` on the kiosk target, in bytes.
pub const CASE_BUDGET: usize = 512;
/// Budget: stack used by one `Case::apply`, in bytes.
pub const APPLY_STACK_BUDGET: u32 = 4096;
/// Budget: flash of the production image (`.vector_table` + `.text` +
/// `.rodata` + the load image of `.data`), in bytes.
pub const FLASH_BUDGET: u32 = 65_536;

/// Counts of checks passed and failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Checks {
    /// Checks that held.
    pub passed: u32,
    /// Checks that failed.
    pub failed: u32,
}

impl Checks {
    /// Records one check; reports it if it failed. Returns `ok`.
    pub fn check<C: Console>(
        &mut self,
        con: &mut C,
        ok: bool,
        what: &str,
        step: Option<usize>,
    ) -> bool {
        if ok {
            self.passed = self.passed.saturating_add(1);
        } else {
            self.failed = self.failed.saturating_add(1);
            con.check_failed(what, step);
        }
        ok
    }
}

/// What a run works on: the flash, the RAM buffers, the log, the stack probe
/// and the check counts. With `SELFTEST` (the self-test image), every step's
/// outcome is also checked against [`script::EXPECT`] and the step's
/// case-language line ([`script::LINES`]) is logged; without it (the
/// production image), neither those tables nor the checking code is linked.
pub struct Rig<'r, 'm, C, P, const SELFTEST: bool> {
    /// The simulated flash.
    pub flash: Flash<'m>,
    /// The encode buffer and the reference run's records.
    pub scratch: &'r mut Scratch,
    /// The log.
    pub con: &'r mut C,
    /// Measures each `apply`.
    pub probe: &'r mut P,
    /// Checks passed and failed so far.
    pub checks: Checks,
}

impl<'r, 'm, C: Console, P: Probe, const SELFTEST: bool> Rig<'r, 'm, C, P, SELFTEST> {
    /// A rig over the flash region `mem` (not erased yet).
    pub fn new(
        mem: &'m mut [u8; FLASH_SIZE],
        scratch: &'r mut Scratch,
        con: &'r mut C,
        probe: &'r mut P,
    ) -> Self {
        Rig {
            flash: Flash::new(mem),
            scratch,
            con,
            probe,
            checks: Checks::default(),
        }
    }

    /// Records one check (see [`Checks::check`]).
    pub fn check(&mut self, ok: bool, what: &str, step: Option<usize>) -> bool {
        self.checks.check(self.con, ok, what, step)
    }
}

/// Where in a commit the power fails.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CutPoint {
    /// Right after the erase, before the first programmed byte.
    Start,
    /// After this many bytes.
    Bytes(usize),
    /// Halfway through the body.
    HalfBody,
    /// After the whole body, before the header.
    BodyEnd,
    /// After the body and this many header bytes.
    InHeader(usize),
    /// One byte short of the whole record.
    LastByte,
    /// No power loss: the commit completes, then one body bit of the newest
    /// record decays.
    BitRot,
}

/// A power-loss scenario: the step whose commit fails, and where.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Scenario {
    /// The step.
    pub step: usize,
    /// Where in its commit.
    pub at: CutPoint,
}

/// The power loss of the production image: halfway through the body of the
/// commit of step 12 (A taken into s 128B custody), the middle of the script.
pub const POWER_LOSS: Scenario = Scenario {
    step: 12,
    at: CutPoint::HalfBody,
};

/// What a workload found.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Report {
    /// Checks passed and failed.
    pub checks: Checks,
    /// The reference run's counts.
    pub stats: RunStats,
    /// Power-loss scenarios that recovered and matched the reference.
    pub recovered: u32,
    /// Power-loss scenarios run.
    pub scenarios: u32,
    /// Bytes of the final record body (the snapshots of every case).
    pub snapshot: usize,
    /// CRC-32 of that body.
    pub crc: u32,
}

impl Report {
    /// Every check passed and every scenario recovered.
    pub fn passed(&self) -> bool {
        self.checks.failed == 0 && self.recovered == self.scenarios
    }

    /// The figures of the final line of image `image`, with `ok` as given.
    pub fn summary(&self, image: &'static str, ok: bool) -> Summary {
        Summary {
            image,
            ok,
            steps: self.stats.steps,
            applies: self.stats.applies,
            findings: self.stats.findings,
            recovered: self.recovered,
            scenarios: self.scenarios,
            passed: self.checks.passed,
            failed: self.checks.failed,
            snapshot: u32::try_from(self.snapshot).unwrap_or(u32::MAX),
            crc: self.crc,
        }
    }
}

/// The production workload over the flash region `mem`: the reference run
/// (every step logged, checked and committed), then the same script again
/// with the power failing during the commit of [`POWER_LOSS`]'s step, the
/// reboot, the recovery of the last good record, and the resumed run, whose
/// final record must equal the reference run's byte for byte.
pub fn run_kiosk<C: Console, P: Probe>(
    mem: &mut [u8; FLASH_SIZE],
    scratch: &mut Scratch,
    con: &mut C,
    probe: &mut P,
) -> Report {
    let mut rig = Rig::<_, _, false>::new(mem, scratch, con, probe);
    let (stats, snapshot) = reference_run(&mut rig);
    rig.con
        .section("power loss during a commit, reboot, resume");
    let recovered = power_loss(1, &POWER_LOSS, &mut rig);
    finish(&mut rig, stats, snapshot, u32::from(recovered), 1)
}

/// The reference run from a factory-erased flash. Keeps each commit's body
/// CRC and length, and the final body, in `rig.scratch`; returns the run's
/// counts and the length of the final body.
pub fn reference_run<C: Console, P: Probe, const ST: bool>(
    rig: &mut Rig<'_, '_, C, P, ST>,
) -> (RunStats, usize) {
    rig.con
        .section("kiosk script: reference run (no power loss)");
    rig.flash.factory_erase();
    let (mut k, m) = Kiosk::boot(&rig.flash);
    let fresh = m.loaded.is_none() && k.cursor == 0;
    rig.check(fresh, "a blank flash boots a fresh kiosk", None);
    let mut stats = RunStats::default();
    let end = kiosk::run(&mut k, rig, &mut stats, Mode::Reference, None);
    let done = end == Ok(RunEnd::Completed) && k.cursor == STEPS;
    rig.check(done, "the reference run completes", None);
    let snapshot = keep_reference(rig, k.slot);
    rig.check(snapshot > 0, "the reference record is kept", None);
    (stats, snapshot)
}

/// The report of a workload: the figures, plus the injected failure of
/// feature `inject-failure`.
pub fn finish<C: Console, P: Probe, const ST: bool>(
    rig: &mut Rig<'_, '_, C, P, ST>,
    stats: RunStats,
    snapshot: usize,
    recovered: u32,
    scenarios: u32,
) -> Report {
    #[cfg(feature = "inject-failure")]
    rig.check(false, "injected failure (feature inject-failure)", None);
    let crc = ia87_core::codec::crc32(rig.scratch.reference.get(..snapshot).unwrap_or(&[]));
    Report {
        checks: rig.checks,
        stats,
        recovered,
        scenarios,
        snapshot,
        crc,
    }
}

/// Copies the body of the newest record into `scratch.reference`; returns its length.
fn keep_reference<C, P, const ST: bool>(
    rig: &mut Rig<'_, '_, C, P, ST>,
    slot: Option<usize>,
) -> usize {
    let Some(slot) = slot else { return 0 };
    let SlotState::Valid(h) = store::inspect(&rig.flash, slot) else {
        return 0;
    };
    let Ok(body) = store::body(&rig.flash, slot, &h) else {
        return 0;
    };
    match rig.scratch.reference.get_mut(..body.len()) {
        Some(dst) => {
            dst.copy_from_slice(body);
            rig.scratch.reference_len = body.len();
            body.len()
        }
        None => 0,
    }
}

fn slot_text(s: &SlotState) -> &'static str {
    match s {
        SlotState::Blank => "blank",
        SlotState::Valid(_) => "valid",
        SlotState::Invalid(d) => d.message(),
    }
}

/// One power-loss scenario (number `n`), after the reference run: fresh
/// flash, run to the cut, reboot, check the recovered record, resume to the
/// end, compare with the reference. True if it recovered and matched.
pub fn power_loss<C: Console, P: Probe, const ST: bool>(
    n: u32,
    sc: &Scenario,
    rig: &mut Rig<'_, '_, C, P, ST>,
) -> bool {
    rig.flash.factory_erase();
    let (mut k, _) = Kiosk::boot(&rig.flash);
    let total = rig.scratch.record_len.get(sc.step).copied().unwrap_or(0);
    let body = total.saturating_sub(HEADER_LEN);
    let after = match sc.at {
        CutPoint::Start => Some(0),
        CutPoint::Bytes(b) => Some(b),
        CutPoint::HalfBody => Some(body / 2),
        CutPoint::BodyEnd => Some(body),
        CutPoint::InHeader(h) => Some(body.saturating_add(h)),
        CutPoint::LastByte => Some(total.saturating_sub(1)),
        CutPoint::BitRot => None,
    };
    let mut stats = RunStats::default();
    // The last good record before the failure is the one of the step before.
    let (want_cursor, want_seq) = (sc.step, u32::try_from(sc.step).unwrap_or(0));
    match after {
        Some(after) => {
            let cut = Cut {
                step: sc.step,
                after,
            };
            let end = kiosk::run(&mut k, rig, &mut stats, Mode::Replay, Some(cut));
            let lost = end == Ok(RunEnd::PowerLost { step: sc.step }) && after < total;
            if !rig.check(lost, "the power fails during the planned commit", None) {
                return false;
            }
            rig.con.power_lost(sc.step, after, total);
        }
        None => {
            let end = kiosk::run(&mut k, rig, &mut stats, Mode::Replay, None);
            let base = k.slot.unwrap_or(0).saturating_mul(flash::SECTOR);
            rig.flash.corrupt(
                base.saturating_add(HEADER_LEN).saturating_add(body / 3),
                0x20,
            );
            if !rig.check(end == Ok(RunEnd::Completed), "the run completes", None) {
                return false;
            }
            rig.con
                .note("bit rot: one body bit of the newest record flipped after a complete run");
        }
    }
    // Reboot: RAM is gone, only the flash survives (the kiosk is `Copy` now
    // that the case is; the drop still ends its use here).
    #[allow(clippy::drop_non_drop)]
    drop(k);
    rig.flash.power_on();
    let (mut k, m) = Kiosk::boot(&rig.flash);
    for (slot, s) in m.slots.iter().enumerate() {
        rig.con.slot(slot, slot_text(s));
    }
    let prior_crc = sc
        .step
        .checked_sub(1)
        .and_then(|i| rig.scratch.body_crc.get(i).copied());
    let good = k.cursor == want_cursor
        && k.seq == want_seq
        && match (m.loaded, prior_crc) {
            (Some((_, h)), Some(crc)) => h.body_crc == crc,
            (None, None) => true,
            _ => false,
        };
    rig.check(good, "the reboot recovers the last good record", None);
    rig.con.resumed(k.seq, k.cursor);
    let end = kiosk::run(&mut k, rig, &mut stats, Mode::Replay, None);
    let done = rig.check(
        end == Ok(RunEnd::Completed),
        "the resumed run completes",
        None,
    );
    let equal = kiosk::equals_reference(&rig.flash, rig.scratch, k.slot);
    rig.check(equal, "the final record equals the reference", None);
    rig.con.scenario_end(n, equal, stats.record_len);
    good && done && equal
}
