//! The host build of both images (`ia87-kiosk` and `ia87-kiosk-selftest`
//! include this file): the same workload with stdout output (no stack
//! measurement). The production binary also has `bench N`, which applies the
//! kiosk script N times over fresh cases for callgrind (`bench 0` is the
//! baseline to subtract); the self-test binary also runs the parser checks.

use ia87_core::Case;
use ia87_kiosk::console::{Console, TextConsole};
use ia87_kiosk::flash::FLASH_SIZE;
use ia87_kiosk::kiosk::{execute, NoProbe, Scratch};
use ia87_kiosk::script::{Action, SCRIPT, TRAVELLERS};
use ia87_kiosk::{host_checks, run_kiosk, selftest, Checks};
use std::hint::black_box;
use std::process::ExitCode;

/// Which binary this is. (Each binary includes this file and names one
/// variant, so the other is dead in each.)
#[allow(dead_code)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Image {
    /// `ia87-kiosk`: the production workload, and `bench N`.
    Kiosk,
    /// `ia87-kiosk-selftest`: the parser checks and the self-test workload.
    Selftest,
}

struct Stdout;

impl core::fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        print!("{s}");
        Ok(())
    }
}

pub fn main(image: Image) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (
        image,
        args.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
    ) {
        (_, []) => workload(image),
        (Image::Kiosk, ["bench", n]) => match n.parse::<u32>() {
            Ok(n) => bench(n),
            Err(_) => usage(image),
        },
        (Image::Kiosk, ["snapshots", dir]) => snapshots(std::path::Path::new(dir)),
        _ => usage(image),
    }
}

fn usage(image: Image) -> ExitCode {
    match image {
        Image::Kiosk => {
            eprintln!("usage: ia87-kiosk            run the kiosk workload (as the firmware does)");
            eprintln!(
                "       ia87-kiosk bench N    apply the kiosk script N times (for callgrind)"
            );
            eprintln!(
                "       ia87-kiosk snapshots DIR   write each traveller's final case snapshot"
            );
        }
        Image::Selftest => {
            eprintln!("usage: ia87-kiosk-selftest   run the parser checks and the self-tests");
        }
    }
    ExitCode::from(2)
}

fn workload(image: Image) -> ExitCode {
    let mut mem = Box::new([0u8; FLASH_SIZE]);
    let mut scratch = Box::new(Scratch::new());
    let mut con = TextConsole::new(Stdout);
    let mut parser = Checks::default();
    let (name, report) = match image {
        Image::Kiosk => (
            "kiosk",
            run_kiosk(&mut mem, &mut scratch, &mut con, &mut NoProbe),
        ),
        Image::Selftest => {
            host_checks::run(&mut con, &mut parser);
            println!(
                "host: parser checks: {} passed, {} failed",
                parser.passed, parser.failed
            );
            (
                "kiosk-selftest",
                selftest::run_selftest(&mut mem, &mut scratch, &mut con, &mut NoProbe),
            )
        }
    };
    let ok = parser.failed == 0 && report.passed();
    con.summary(&report.summary(name, ok));
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs the script once and writes each traveller's final case, as this
/// build's snapshot (the kiosk's core: border machines only), to
/// `DIR/traveller-{a,b,c}.snap`. The full engine restores them in
/// `core/tests/kiosk_restore.rs`; `scripts/ci/kiosk.sh` checks that the
/// committed files are what the kiosk writes today.
fn snapshots(dir: &std::path::Path) -> ExitCode {
    let mut cases: [Case; TRAVELLERS] = [Case::new(), Case::new(), Case::new()];
    for step in SCRIPT {
        let Some(case) = cases.get_mut(step.who.index()) else {
            eprintln!("snapshots: a step names no traveller");
            return ExitCode::FAILURE;
        };
        if let Err(e) = execute(case, &step.action, &mut NoProbe) {
            eprintln!("snapshots: a step was rejected: {}", e.message);
            return ExitCode::FAILURE;
        }
    }
    for (case, name) in cases.iter().zip(["a", "b", "c"]) {
        let mut buf = [0u8; ia87_core::codec::MAX_SNAPSHOT_LEN];
        let n = match ia87_core::codec::encode_case(case, &mut buf) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("snapshots: {}", e.message());
                return ExitCode::FAILURE;
            }
        };
        let path = dir.join(format!("traveller-{name}.snap"));
        if let Err(e) = std::fs::write(&path, buf.get(..n).unwrap_or_default()) {
            eprintln!("snapshots: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("snapshots: {} ({n} B)", path.display());
    }
    ExitCode::SUCCESS
}

/// Applies the kiosk script `reps` times, each time over fresh cases.
fn bench(reps: u32) -> ExitCode {
    let events = SCRIPT
        .iter()
        .filter(|s| matches!(s.action, Action::Event(_)))
        .count();
    let mut failures = 0u32;
    for _ in 0..reps {
        let mut cases: [Case; TRAVELLERS] = [Case::new(), Case::new(), Case::new()];
        for step in SCRIPT {
            let Some(case) = cases.get_mut(step.who.index()) else {
                failures += 1;
                continue;
            };
            match execute(case, black_box(&step.action), &mut NoProbe) {
                Ok(x) => {
                    black_box(&x.outcome);
                }
                Err(_) => failures += 1,
            }
        }
        black_box(&cases);
    }
    println!(
        "bench: reps={reps} applies-per-rep={events} steps-per-rep={} failures={failures}",
        SCRIPT.len()
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
