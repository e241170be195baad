//! The self-test workload (image `ia87-kiosk-selftest`): everything the
//! production image does not carry. The failure paths of [`crate::checks`],
//! the reference run, then every power-loss scenario of [`SCENARIOS`]. Each
//! scenario must recover the last good record and end with a final record
//! equal byte for byte to the reference run's.

use crate::console::Console;
use crate::flash::FLASH_SIZE;
use crate::kiosk::{Probe, Scratch};
use crate::script::STEPS;
use crate::{checks, finish, power_loss, reference_run, CutPoint, Report, Rig, Scenario};

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
    crate::POWER_LOSS,
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

/// Runs the whole self-test over the flash region `mem`.
pub fn run_selftest<C: Console, P: Probe>(
    mem: &mut [u8; FLASH_SIZE],
    scratch: &mut Scratch,
    con: &mut C,
    probe: &mut P,
) -> Report {
    let mut rig = Rig::<_, _, true>::new(mem, scratch, con, probe);
    rig.con.section("failure paths");
    let before = rig.checks;
    checks::failure_paths(
        &mut rig.flash,
        &mut *rig.scratch,
        &mut *rig.con,
        &mut rig.checks,
    );
    rig.con.self_checks(
        rig.checks.passed.saturating_sub(before.passed),
        rig.checks.failed.saturating_sub(before.failed),
    );

    let (stats, snapshot) = reference_run(&mut rig);

    rig.con
        .section("power loss during a commit, reboot, resume");
    let mut recovered = 0u32;
    let mut scenarios = 0u32;
    for sc in SCENARIOS {
        scenarios = scenarios.saturating_add(1);
        if power_loss(scenarios, sc, &mut rig) {
            recovered = recovered.saturating_add(1);
        }
    }
    finish(&mut rig, stats, snapshot, recovered, scenarios)
}
