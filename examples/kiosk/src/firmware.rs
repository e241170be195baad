//! The board side of both firmware images (`ia87-kiosk` and
//! `ia87-kiosk-selftest` include this file): stack painting, semihosting
//! output and exit code, the budget figures and the final line.

use core::mem::size_of;
use ia87_core::Case;
use ia87_kiosk::console::Console;
use ia87_kiosk::flash::FLASH_SIZE;
use ia87_kiosk::kiosk::{Probe, Scratch};
use ia87_kiosk::{Report, APPLY_STACK_BUDGET, CASE_BUDGET, FLASH_BUDGET};

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

/// The start of RAM on the board (memory-m4.x).
const RAM_ORIGIN: usize = 0x2000_0000;

/// The log of this build.
#[cfg(feature = "defmt")]
pub type Con = ia87_kiosk::console::DefmtConsole;
/// The log of this build.
#[cfg(not(feature = "defmt"))]
pub type Con = ia87_kiosk::console::TextConsole<cortex_m_semihosting::hio::HostStream>;

/// Which image this is, and whether the flash budget applies to it.
pub struct Image {
    /// The name on the final line (`kiosk`, `kiosk-selftest`).
    pub name: &'static str,
    /// The flash budget applies (the production image).
    pub flash_budget: bool,
}

/// Runs `work`, prints the budget figures and the final line, and ends the
/// QEMU run with the exit code.
pub fn main<F>(image: &Image, work: F) -> !
where
    F: FnOnce(&mut [u8; FLASH_SIZE], &mut Scratch, &mut Con, &mut StackProbe) -> Report,
{
    let code = run(image, work);
    exit(code)
}

/// The device-interrupt part of the vector table (cortex-m-rt feature
/// `device`). The firmware enables no interrupt (the NVIC comes out of reset
/// with every interrupt disabled), so it lists one vector, IRQ 0, to the
/// default handler, instead of cortex-m-rt's 240 default entries (956 B).
#[link_section = ".vector_table.interrupts"]
#[no_mangle]
static __INTERRUPTS: [unsafe extern "C" fn(); 1] = [DefaultHandler];

extern "C" {
    /// cortex-m-rt's default exception handler (an infinite loop).
    fn DefaultHandler();
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
    if let Ok(mut out) = cortex_m_semihosting::hio::hstdout() {
        let _ = out.write_all(b"kiosk: panic\n");
    }
    exit(EXIT_PANIC)
}

#[cfg(feature = "defmt")]
fn console() -> Option<Con> {
    Some(ia87_kiosk::console::DefmtConsole)
}

#[cfg(not(feature = "defmt"))]
fn console() -> Option<Con> {
    cortex_m_semihosting::hio::hstdout()
        .ok()
        .map(ia87_kiosk::console::TextConsole::new)
}

fn run<F>(image: &Image, work: F) -> u32
where
    F: FnOnce(&mut [u8; FLASH_SIZE], &mut Scratch, &mut Con, &mut StackProbe) -> Report,
{
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
    let report = work(mem, scratch, &mut con, &mut probe);
    let whole = probe.high_water();

    con.section("budgets");
    let flash = image::flash();
    let flash_ok = !image.flash_budget || flash <= FLASH_BUDGET;
    con.figure(
        "flash",
        flash,
        if image.flash_budget { FLASH_BUDGET } else { 0 },
        "B",
    );
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
    let statics = u32::try_from(stack::bottom().saturating_sub(RAM_ORIGIN)).unwrap_or(u32::MAX);
    con.figure("static-ram", statics, 0, "B");
    con.figure("ram-total", statics.saturating_add(whole), 0, "B");

    let ok = report.passed()
        && flash_ok
        && CASE_SIZE <= CASE_BUDGET
        && apply > 0
        && apply <= APPLY_STACK_BUDGET;
    con.summary(&report.summary(image.name, ok));
    if ok {
        EXIT_OK
    } else {
        EXIT_FAIL
    }
}

/// The image's flash, from the linker's symbols (cortex-m-rt `link.x`):
/// `.vector_table`, `.text` and `.rodata` end at `__erodata` (the flash
/// starts at 0), and the initial values of `.data` follow.
mod image {
    use core::ptr::addr_of;

    extern "C" {
        static __erodata: u32;
        static __sdata: u32;
        static __edata: u32;
    }

    /// Bytes of flash the image occupies.
    pub fn flash() -> u32 {
        // Only the addresses of the linker symbols are taken; they are never read.
        let rodata_end = addr_of!(__erodata) as usize;
        let data = (addr_of!(__edata) as usize).saturating_sub(addr_of!(__sdata) as usize);
        u32::try_from(rodata_end.saturating_add(data)).unwrap_or(u32::MAX)
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
pub struct StackProbe {
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
