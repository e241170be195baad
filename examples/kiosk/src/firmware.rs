//! The firmware: entry point, stack painting, semihosting output and exit code.

use core::mem::size_of;
use cortex_m_rt::entry;
use ia87_core::Case;
use ia87_kiosk::console::Console;
use ia87_kiosk::flash::FLASH_SIZE;
use ia87_kiosk::kiosk::{Probe, Scratch};
use ia87_kiosk::{run_all, APPLY_STACK_BUDGET, CASE_BUDGET};

#[cfg(feature = "defmt")]
use defmt_semihosting as _;

/// `size_of::<Case>()` on this target.
const CASE_SIZE: usize = size_of::<Case>();
const _: () = assert!(
    CASE_SIZE <= CASE_BUDGET,
    "ia87_core::Case is larger than the kiosk's 512-byte budget"
);

/// Exit codes: 0 every check passed; 1 a check or budget failed; 2 the
/// output could not be opened or a static was taken twice; 101 a panic.
const EXIT_OK: u32 = 0;
const EXIT_FAIL: u32 = 1;
const EXIT_SETUP: u32 = 2;
const EXIT_PANIC: u32 = 101;

/// The start of RAM on the board (memory-m4.x / memory-m0.x).
const RAM_ORIGIN: usize = 0x2000_0000;

#[entry]
fn main() -> ! {
    let code = run();
    exit(code)
}

/// Ends the QEMU run with `code` (semihosting SYS_EXIT_EXTENDED).
fn exit(code: u32) -> ! {
    const SYS_EXIT_EXTENDED: usize = 0x20;
    const ADP_STOPPED_APPLICATION_EXIT: usize = 0x20026;
    // SAFETY: a semihosting call with a two-word parameter block, as the ARM
    // semihosting specification defines SYS_EXIT_EXTENDED; QEMU ends the run.
    unsafe {
        cortex_m_semihosting::syscall(
            SYS_EXIT_EXTENDED,
            &[ADP_STOPPED_APPLICATION_EXIT, code as usize],
        );
    }
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    #[cfg(feature = "defmt")]
    defmt::error!("kiosk: panic");
    #[cfg(not(feature = "defmt"))]
    cortex_m_semihosting::hprintln!("kiosk: panic");
    exit(EXIT_PANIC)
}

#[cfg(feature = "defmt")]
fn console() -> Option<ia87_kiosk::console::DefmtConsole> {
    Some(ia87_kiosk::console::DefmtConsole)
}

#[cfg(not(feature = "defmt"))]
fn console() -> Option<ia87_kiosk::console::TextConsole<cortex_m_semihosting::hio::HostStream>> {
    cortex_m_semihosting::hio::hstdout()
        .ok()
        .map(ia87_kiosk::console::TextConsole::new)
}

fn run() -> u32 {
    let Some(mut con) = console() else {
        return EXIT_SETUP;
    };
    // Both statics live in .bss; the flash is factory-erased by the workload.
    let Some(mem) = cortex_m::singleton!(: [u8; FLASH_SIZE] = [0; FLASH_SIZE]) else {
        return EXIT_SETUP;
    };
    let Some(scratch) = cortex_m::singleton!(: Scratch = Scratch::new()) else {
        return EXIT_SETUP;
    };
    let mut probe = StackProbe::start();
    let report = run_all(mem, scratch, &mut con, &mut probe);
    let whole = probe.high_water();

    con.section("budgets");
    let case = u32::try_from(CASE_SIZE).unwrap_or(u32::MAX);
    let budget = u32::try_from(CASE_BUDGET).unwrap_or(0);
    con.figure("case-size", case, budget, "B");
    let apply = report.stats.max_apply_stack;
    con.figure("apply-stack", apply, APPLY_STACK_BUDGET, "B");
    con.figure_at(
        "apply-stack-largest",
        apply,
        "B",
        report.stats.max_apply_step,
    );
    con.figure("stack-high-water", whole, 0, "B");
    let statics = stack::bottom().saturating_sub(RAM_ORIGIN);
    con.figure(
        "static-ram",
        u32::try_from(statics).unwrap_or(u32::MAX),
        0,
        "B",
    );
    con.figure(
        "ram-total",
        u32::try_from(statics)
            .unwrap_or(u32::MAX)
            .saturating_add(whole),
        0,
        "B",
    );

    let ok = report.checks.failed == 0
        && report.recovered == report.scenarios
        && CASE_SIZE <= CASE_BUDGET
        && apply > 0
        && apply <= APPLY_STACK_BUDGET;
    con.summary(&report.summary(ok));
    if ok {
        EXIT_OK
    } else {
        EXIT_FAIL
    }
}

/// Stack painting (../../shared/toolchain.md §6): fill the free stack with a
/// pattern, run, then find the lowest word that changed.
mod stack {
    use core::ptr::{addr_of, read_volatile, write_volatile};

    extern "C" {
        /// The end of .bss/.uninit (cortex-m-rt): the lowest address the stack may reach.
        static __sheap: u32;
        /// The initial stack pointer (cortex-m-rt): the top of the stack.
        static _stack_start: u32;
    }

    const PAINT: u32 = 0xDEAD_BEEF;
    /// Bytes below the current stack pointer left unpainted (the painting
    /// function's own spills).
    const MARGIN: usize = 64;

    /// The lowest address of the stack region.
    pub fn bottom() -> usize {
        // Only the address of the linker symbol is taken; it is never read.
        addr_of!(__sheap) as usize
    }

    /// The top of the stack (the initial SP).
    pub fn top() -> usize {
        addr_of!(_stack_start) as usize
    }

    /// Paints from `bottom()` up to just below the current stack pointer.
    #[inline(never)]
    pub fn paint() {
        let sp = cortex_m::register::msp::read() as usize;
        let end = sp.saturating_sub(MARGIN) & !3;
        let mut a = bottom();
        while a < end {
            // SAFETY: [bottom, sp - MARGIN) is free stack: nothing live is
            // below the stack pointer, and no interrupt handler runs.
            unsafe { write_volatile(a as *mut u32, PAINT) };
            a = a.wrapping_add(4);
        }
    }

    /// The lowest address whose word is no longer the paint.
    #[inline(never)]
    pub fn lowest_used() -> usize {
        let top = top();
        let mut a = bottom();
        while a < top {
            // SAFETY: reading words of the stack region, which is RAM.
            if unsafe { read_volatile(a as *const u32) } != PAINT {
                return a;
            }
            a = a.wrapping_add(4);
        }
        top
    }
}

/// A [`Probe`] that measures the stack used by each `apply`, and keeps the
/// lowest stack address seen over the whole run.
struct StackProbe {
    lowest: usize,
}

impl StackProbe {
    /// Paints the free stack and starts the whole-run measurement.
    fn start() -> Self {
        stack::paint();
        StackProbe {
            lowest: stack::top(),
        }
    }

    /// The whole-run high-water mark, in bytes below the top of the stack.
    fn high_water(&mut self) -> u32 {
        self.lowest = self.lowest.min(stack::lowest_used());
        u32::try_from(stack::top().saturating_sub(self.lowest)).unwrap_or(u32::MAX)
    }
}

impl Probe for StackProbe {
    fn measure<R, F: FnOnce() -> R>(&mut self, f: F) -> (R, u32) {
        // Keep what was used since the last paint, then paint afresh.
        self.lowest = self.lowest.min(stack::lowest_used());
        let sp = cortex_m::register::msp::read() as usize;
        stack::paint();
        let r = f();
        let low = stack::lowest_used();
        self.lowest = self.lowest.min(low);
        (r, u32::try_from(sp.saturating_sub(low)).unwrap_or(u32::MAX))
    }
}
