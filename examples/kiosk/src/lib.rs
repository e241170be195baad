//! The ia87 border-kiosk firmware, as a `no_std` library shared by the
//! Cortex-M4F binary (QEMU `mps2-an386`) and the host build that counts
//! instructions with callgrind.
//!
//! - [`script`]: the scripted arrival flow (three travellers, case-language lines).
//! - [`kiosk`]: runs each step against `ia87_core`, checks the outcome, and
//!   commits the cases to flash after every step.
//! - [`flash`]: a simulated NOR flash with erase/program rules and power cuts.
//! - [`store`]: the double-buffered snapshot records.
//! - [`checks`]: the failure paths (all must return errors, none may panic).
//! - [`host_checks`]: parser checks for the host build (script text = typed steps).
//! - [`console`]: what is logged, as text (`hprintln`/stdout) or `defmt`.
//!
//! [`run_all`] is the whole firmware workload: failure paths, the reference
//! run, then the power-loss scenarios, each of which must recover the last
//! good record and end with a final record equal byte for byte to the
//! reference run's.
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
pub mod script;
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

/// The power-loss scenarios run after the reference run.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        step: 0,
        at: CutPoint::Start,
    },
    Scenario {
        step: 9,
        at: CutPoint::Bytes(1),
    },
    Scenario {
        step: 12,
        at: CutPoint::HalfBody,
    },
    Scenario {
        step: 14,
        at: CutPoint::InHeader(17),
    },
    Scenario {
        step: 17,
        at: CutPoint::BodyEnd,
    },
    Scenario {
        step: STEPS.saturating_sub(1),
        at: CutPoint::InHeader(6),
    },
    Scenario {
        step: STEPS.saturating_sub(1),
        at: CutPoint::LastByte,
    },
    Scenario {
        step: STEPS.saturating_sub(1),
        at: CutPoint::BitRot,
    },
];

/// What the workload found.
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
    /// The figures of the final line, with `ok` as given.
    pub fn summary(&self, ok: bool) -> Summary {
        let to32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Summary {
            ok,
            steps: self.stats.steps,
            applies: self.stats.applies,
            findings: self.stats.findings,
            recovered: self.recovered,
            scenarios: self.scenarios,
            passed: self.checks.passed,
            failed: self.checks.failed,
            snapshot: to32(self.snapshot),
            crc: self.crc,
        }
    }
}

/// Runs the whole workload over the flash region `mem`.
pub fn run_all<C: Console, P: Probe>(
    mem: &mut [u8; FLASH_SIZE],
    scratch: &mut Scratch,
    con: &mut C,
    probe: &mut P,
) -> Report {
    let mut checks = Checks::default();
    let mut flash = Flash::new(mem);
    con.section("failure paths");
    let before = checks;
    checks::failure_paths(&mut flash, scratch, con, &mut checks);
    con.self_checks(
        checks.passed.saturating_sub(before.passed),
        checks.failed.saturating_sub(before.failed),
    );

    con.section("kiosk script: reference run (no power loss)");
    flash.factory_erase();
    let (mut k, m) = Kiosk::boot(&flash);
    checks.check(
        con,
        m.loaded.is_none() && k.cursor == 0,
        "a blank flash boots a fresh kiosk",
        None,
    );
    let mut stats = RunStats::default();
    let end = kiosk::run(
        &mut k,
        &mut flash,
        scratch,
        con,
        probe,
        &mut checks,
        &mut stats,
        Mode::Reference,
        None,
    );
    checks.check(
        con,
        end == Ok(RunEnd::Completed) && k.cursor == STEPS,
        "the reference run completes",
        None,
    );
    let snapshot = keep_reference(&flash, scratch, k.slot);
    checks.check(con, snapshot > 0, "the reference record is kept", None);

    con.section("power loss during a commit, reboot, resume");
    let mut recovered = 0u32;
    let mut scenarios = 0u32;
    for sc in SCENARIOS {
        scenarios = scenarios.saturating_add(1);
        if power_loss(scenarios, sc, &mut flash, scratch, con, probe, &mut checks) {
            recovered = recovered.saturating_add(1);
        }
    }
    #[cfg(feature = "inject-failure")]
    checks.check(
        con,
        false,
        "injected failure (feature inject-failure)",
        None,
    );
    let crc = ia87_core::codec::crc32(scratch.reference.get(..snapshot).unwrap_or(&[]));
    Report {
        checks,
        stats,
        recovered,
        scenarios,
        snapshot,
        crc,
    }
}

/// Copies the body of the newest record into `scratch.reference`; returns its length.
fn keep_reference(flash: &Flash<'_>, scratch: &mut Scratch, slot: Option<usize>) -> usize {
    let Some(slot) = slot else { return 0 };
    let SlotState::Valid(h) = store::inspect(flash, slot) else {
        return 0;
    };
    let Ok(body) = store::body(flash, slot, &h) else {
        return 0;
    };
    match scratch.reference.get_mut(..body.len()) {
        Some(dst) => {
            dst.copy_from_slice(body);
            scratch.reference_len = body.len();
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

/// One power-loss scenario: fresh flash, run to the cut, reboot, check the
/// recovered record, resume to the end, compare with the reference.
fn power_loss<C: Console, P: Probe>(
    n: u32,
    sc: &Scenario,
    flash: &mut Flash<'_>,
    scratch: &mut Scratch,
    con: &mut C,
    probe: &mut P,
    checks: &mut Checks,
) -> bool {
    flash.factory_erase();
    let (mut k, _) = Kiosk::boot(flash);
    let total = scratch.record_len.get(sc.step).copied().unwrap_or(0);
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
            let end = kiosk::run(
                &mut k,
                flash,
                scratch,
                con,
                probe,
                checks,
                &mut stats,
                Mode::Replay,
                Some(Cut {
                    step: sc.step,
                    after,
                }),
            );
            let lost = end == Ok(RunEnd::PowerLost { step: sc.step }) && after < total;
            if !checks.check(con, lost, "the power fails during the planned commit", None) {
                return false;
            }
            con.power_lost(sc.step, after, total);
        }
        None => {
            let end = kiosk::run(
                &mut k,
                flash,
                scratch,
                con,
                probe,
                checks,
                &mut stats,
                Mode::Replay,
                None,
            );
            let base = k.slot.unwrap_or(0).saturating_mul(flash::SECTOR);
            flash.corrupt(
                base.saturating_add(HEADER_LEN).saturating_add(body / 3),
                0x20,
            );
            if !checks.check(con, end == Ok(RunEnd::Completed), "the run completes", None) {
                return false;
            }
            con.note("bit rot: one body bit of the newest record flipped after a complete run");
        }
    }
    // Reboot: RAM is gone, only the flash survives.
    drop(k);
    flash.power_on();
    let (mut k, m) = Kiosk::boot(flash);
    for (slot, s) in m.slots.iter().enumerate() {
        con.slot(slot, slot_text(s));
    }
    let prior_crc = sc
        .step
        .checked_sub(1)
        .and_then(|i| scratch.body_crc.get(i).copied());
    let good = k.cursor == want_cursor
        && k.seq == want_seq
        && match (m.loaded, prior_crc) {
            (Some((_, h)), Some(crc)) => h.body_crc == crc,
            (None, None) => true,
            _ => false,
        };
    checks.check(con, good, "the reboot recovers the last good record", None);
    con.resumed(k.seq, k.cursor);
    let end = kiosk::run(
        &mut k,
        flash,
        scratch,
        con,
        probe,
        checks,
        &mut stats,
        Mode::Replay,
        None,
    );
    let done = checks.check(
        con,
        end == Ok(RunEnd::Completed),
        "the resumed run completes",
        None,
    );
    let equal = kiosk::equals_reference(flash, scratch, k.slot);
    checks.check(con, equal, "the final record equals the reference", None);
    con.scenario_end(n, equal, stats.record_len);
    good && done && equal
}
